"""`python -m bench` (`make bench`): measure every figure of issue 6 and print the table.

Runs without arguments. It makes its data in a temp folder (removed at the end),
repeats each measurement and keeps medians, and ends with one line per figure:
figure, measured value, target, and pass, FAIL, or why it is not judged yet ("not
built yet": its command does not exist yet). The exit code is 1 if any figure
failed. `--runs 1 --sessions 30` is the quick smoke run the tests use; bench/README.md
says what each figure measures and how.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import FIGURES, Bench, Figure, NotJudgedError, Result, compile_package
from bench.terminal import BenchError

MODULES = (
    "bench.startup",
    "bench.call",
    "bench.clock",
    "bench.commands",
    "bench.years",
    "bench.people",
    "bench.contacts",
)
"""The figure modules, in the order their figures are measured and printed."""


def main(argv: list[str] | None = None) -> int:
    """Measure the figures; print the table; 0 if all passed."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--runs", type=int, help="repetitions of every measurement")
    parser.add_argument(
        "--sessions",
        type=int,
        default=10_000,
        help="size of the big workspace (and at most this many hand-edited sessions, people)",
    )
    parser.add_argument("--only", metavar="TEXT", help="only the figures whose name holds TEXT")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args(argv)
    for module in MODULES:
        importlib.import_module(module)
    chosen = [f for f in FIGURES if not args.only or args.only.casefold() in f.name.casefold()]
    compile_package()
    folder = Path(tempfile.mkdtemp(prefix="bench-"))
    bench = Bench(folder, runs=args.runs, many=args.sessions)
    rows: list[tuple[Figure, Result]] = []
    try:
        for item in chosen:
            print(f"measuring {item.name} …", file=sys.stderr, flush=True)
            started = time.perf_counter()
            result = measure(item, bench)
            print(f"  {result.measured} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
            rows.append((item, result))
    finally:
        bench.close()
        if args.keep:
            print(f"data kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(table(rows))
    return 1 if any(result.passed is False for _item, result in rows) else 0


def measure(item: Figure, bench: Bench) -> Result:
    """The figure's result; a measurement that could not be made is a failure, one
    that has nothing to judge yet is neither a failure nor a pass."""
    try:
        return item.measure(bench)
    except NotJudgedError as pending:
        return pending.result
    except BenchError as err:
        return Result(f"not measured: {err}", False)


def table(rows: list[tuple[Figure, Result]]) -> str:
    """The final table in plain text columns."""
    lines = [("figure", "measured", "target", "result")]
    lines += [(f.name, r.measured, f.target, r.verdict) for f, r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(4)]
    out = []
    for number, line in enumerate(lines):
        cells = [cell.ljust(width) for cell, width in zip(line[:3], widths, strict=False)]
        out.append("  ".join([*cells, line[3]]))
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
