"""Files from the TOML test suite that every parser must refuse (copied from toml-test)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.problems import InputError

CASES = sorted((Path(__file__).parent / "toml_invalid").glob("*.toml"))


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_invalid_toml_gives_a_located_error(path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_agenda(path, display="in.toml")
    first = caught.value.errors[0]
    assert re.match(r"^in\.toml:\d+:\d+: \S", first.render())
    assert first.hint
