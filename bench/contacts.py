"""Reading a LinkedIn export: `read_contacts` on 5,000 rows, in the bench's process.

`import` of 5,000 connections must take under 5 s in all (`bench.people`); reading
the file is the part that grows with every quirk the readers learn, so it has a
figure of its own, well under that: 0.5 s. The export is `bench.linkedin`'s (a
"Notes:" preamble, quoted commas, `12 Mar 2024` dates, mostly empty e-mails).
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.harness import TOMLLIB_PARSE, Bench, Result, figure
from bench.people import PEOPLE, connections
from bench.terminal import BenchError
from coffeechat.core.people.contacts import read_contacts


@figure("read_contacts on 5,000 LinkedIn rows", TOMLLIB_PARSE.target(0.5))
def read_linkedin(bench: Bench) -> Result:
    """Every row of the export read into contacts, against one tomllib parse, in turns."""
    path = Path(connections(bench))

    def measure() -> float:
        started = time.perf_counter()
        contacts, _problems = read_contacts(path, path.name)
        took = time.perf_counter() - started
        if len(contacts) != bench.count(PEOPLE):
            raise BenchError(f"read {len(contacts)} contacts of {bench.count(PEOPLE)}")
        return took

    compared = bench.compare(measure, bench.parse_time, bench.repeat(9), TOMLLIB_PARSE.name)
    return compared.under(0.5, TOMLLIB_PARSE)
