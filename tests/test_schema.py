"""A file format declared once (`toml.schema`): the writer, the reader and the cache's
version follow from the definition alone."""

from __future__ import annotations

import inspect
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pytest

from coffeechat.core.agendas import questions
from coffeechat.core.agendas.meeting import Meeting
from coffeechat.core.agendas.questions import Topic
from coffeechat.core.files import serial
from coffeechat.core.problems import InputError
from coffeechat.core.sessions import skim
from coffeechat.core.sessions.cachefile import MADE_BY, digest_of
from coffeechat.core.sessions.format import FollowUp, Session
from coffeechat.core.sessions.summary import SessionSummary
from coffeechat.core.toml import schema, validation, writing
from coffeechat.core.toml.reading import parse_toml
from coffeechat.core.toml.schema import FrozenRecord, Record, key, table_of
from coffeechat.core.toml.validation import Validator

Mood = Literal["calm", "busy"]


@dataclass
class Entry:
    on: datetime = key(required=True)
    mood: Mood = "calm"
    note: str = ""


@dataclass
class Diary:
    """A format of two tables, as a new one (people, say) would be declared."""

    id: str = key(in_file=False)
    name: str = key(required=True)
    days: int = key(0, minimum=1)
    tags: tuple[int, ...] = ()
    extra: str = key("", name="more.extra")
    entries: list[Entry] = key(factory=list)


def read(text: str) -> Diary:
    check = Validator(parse_toml(text.encode(), "d.toml"))
    diary: Diary = check.record(table_of(Diary), check.file.data, (), ("format",), id="d")
    if check.has_errors():
        raise check.fail()
    return diary


def test_a_new_format_is_written_and_read_from_its_definition() -> None:
    diary = Diary(
        id="d",
        name="Me",
        days=3,
        tags=(1, 2),
        extra="x",
        entries=[Entry(datetime(2026, 1, 2, 9, tzinfo=UTC), "busy", "two\nlines")],
    )
    text = writing.document(diary, table_of(Diary), 1)
    assert text.startswith('format = 1\nname = "Me"\ndays = 3\ntags = [1, 2]\n\n[more]\nextra')
    assert "\n[[entries]]\non = 2026-01-02T09:00:00+00:00\n" in text
    assert read(text) == diary


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("days = 2\n", "missing name"),
        ('name = "Me"\nday = 2\n', "unknown key 'day' at the top level"),
        ('name = "Me"\ndays = 0\n', "must be at least 1"),
        ('name = "Me"\n[[entries]]\nmood = "calm"\n', "missing entries[1].on"),
        (
            'name = "Me"\n[[entries]]\non = 2026-01-01T00:00:00\nmood = "sad"\n',
            "'sad' is not a mood",
        ),
        ('name = "Me"\n[more]\nextra = 1\n', "expected a string, got an integer"),
    ],
)
def test_what_the_definition_refuses_is_located(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read(text)
    assert message in str(caught.value)
    assert caught.value.problems[0].line >= 1


def test_each_type_has_its_kind() -> None:
    kinds = {f.attr: f.kind for f in table_of(Diary).fields}
    assert kinds == {
        "id": "text",
        "name": "text",
        "days": "integer",
        "tags": "integers",
        "extra": "text",
        "entries": "tables",
    }
    assert table_of(Entry).field("mood").choices == ("calm", "busy")
    assert table_of(Diary).keys() == ("name", "days", "tags", "entries", "more")


def test_a_type_with_no_kind_is_refused() -> None:
    @dataclass
    class Odd:
        value: dict[str, int]

    with pytest.raises(TypeError, match="has no TOML kind"):
        table_of(Odd)


def test_the_session_reuses_the_agenda_s_words() -> None:
    question = table_of(Session).field("questions").table
    assert question is not None
    assert question.field("topic").choices == Topic.__args__  # type: ignore[attr-defined]


# --- records: what a dataclass would generate, shared -------------------------------


@dataclass(eq=False, repr=False)
class Shared(Record):
    a: int
    b: list[int] = field(default_factory=list)
    c: str = field(default="", compare=False, repr=False)


@dataclass
class Generated:
    a: int
    b: list[int] = field(default_factory=list)
    c: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, eq=False, repr=False)
class FrozenShared(FrozenRecord):
    a: int
    b: str = ""


@dataclass(frozen=True)
class FrozenGenerated:
    a: int
    b: str = ""


def test_a_record_compares_shows_and_hashes_as_a_dataclass() -> None:
    assert repr(Shared(1, [2], "x")) == repr(Generated(1, [2], "x")).replace("Generated", "Shared")
    assert Shared(1, [2], "x") == Shared(1, [2], "y")
    assert Shared(1) != Shared(2)
    assert Shared(1) != Generated(1)
    with pytest.raises(TypeError):
        hash(Shared(1))
    assert hash(FrozenShared(1, "b")) == hash(FrozenGenerated(1, "b"))
    assert FrozenShared(1) == FrozenShared(1)


# --- the cache's version ------------------------------------------------------------


def test_the_cache_version_covers_what_makes_the_summaries() -> None:
    core = Path(schema.__file__).parent.parent
    made_by = {core / name for name in MADE_BY}
    modules = {inspect.getmodule(thing) for thing in (Session, FollowUp, Meeting, SessionSummary)}
    for module in (*modules, questions, skim, schema, validation, serial):
        assert module is not None and Path(inspect.getfile(module)) in made_by, module


def test_any_change_to_the_definition_changes_the_cache_version(tmp_path: Path) -> None:
    core = Path(schema.__file__).parent.parent
    for name in MADE_BY:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(core / name, tmp_path / name)
    before = digest_of(str(tmp_path), MADE_BY)
    assert digest_of(str(core), MADE_BY) == before
    format_file = tmp_path / "sessions/format.py"
    format_file.write_text(format_file.read_text().replace('"abandoned"', '"cancelled"'))
    assert digest_of(str(tmp_path), MADE_BY) != before
    compiled = format_file.with_suffix(".pyc")
    format_file.rename(compiled)  # an install without sources
    assert digest_of(str(tmp_path), MADE_BY) != before
