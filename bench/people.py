"""The network: 5,000 people from a LinkedIn export (`bench.linkedin`).

- Import: `coffeechat import Connections.csv` into a workspace with no people yet
  (the people it made are removed before each run, so each run imports them all).
- People: `coffeechat people --json` on the 5,000 people that import made, after a
  first run (warm: `.coffeechat-cache/people.json` is there), and with the cache
  removed before each run (cold: every file read). DESIGN.md sets no target for a
  cold `people`; the one here is `followups`' for 10,000 sessions cold, less a third.

The targets are in seconds, converted through one tomllib parse of a 20 KB session
like the 10,000-session figures. Until `import` and `people` exist these figures are
"not built yet"; they need nothing more to start measuring.
"""

from __future__ import annotations

import shutil

from bench import corpus
from bench.harness import TOMLLIB_PARSE, Bench, Result, figure
from bench.linkedin import write_connections
from bench.years import against_parse
from coffeechat.core.files.workspace import Workspace

PEOPLE = 5_000


def connections(bench: Bench) -> str:
    """The export's path, with `PEOPLE` rows (at most `--sessions`); made once per run."""
    path = bench.folder / "linkedin" / "Connections.csv"
    return str(bench.once("linkedin", lambda: write_connections(path, bench.count(PEOPLE))))


def network(bench: Bench) -> Workspace:
    """A workspace holding the people imported from the export (made once per run)."""

    def make() -> Workspace:
        workspace = corpus.small_workspace(bench.folder / "network", sessions=0)
        command = bench.coffeechat("--workspace", str(workspace.root), "import", connections(bench))
        bench.run_time(command)
        return workspace

    return bench.once("network", make)


@figure("5,000 people: import Connections.csv", TOMLLIB_PARSE.target(5.0))
def import_people(bench: Bench) -> Result:
    """Every row of the export made into a person file."""
    bench.require("import")
    workspace = corpus.small_workspace(bench.folder / "importing", sessions=0)
    people = workspace.root / "people"

    def no_people() -> None:
        shutil.rmtree(people, ignore_errors=True)

    compared = against_parse(
        bench, workspace, ["import", connections(bench)], True, bench.repeat(3), no_people
    )
    return compared.under(5.0, TOMLLIB_PARSE)


@figure("5,000 people: people --json, cached", TOMLLIB_PARSE.target(0.5))
def people_warm(bench: Bench) -> Result:
    """The list with each person's next step, after a first run."""
    bench.require("import", "people")
    compared = against_parse(bench, network(bench), ["people", "--json"], False, bench.repeat(9))
    return compared.under(0.5, TOMLLIB_PARSE)


@figure("5,000 people: people --json, nothing cached", TOMLLIB_PARSE.target(2.0))
def people_cold(bench: Bench) -> Result:
    """Every person file read and checked (the files themselves are in the OS cache)."""
    bench.require("import", "people")
    compared = against_parse(bench, network(bench), ["people", "--json"], True, bench.repeat(3))
    return compared.under(2.0, TOMLLIB_PARSE)
