"""coffeechat's benchmarks (issue 6): `make bench`, never part of `make test`."""
