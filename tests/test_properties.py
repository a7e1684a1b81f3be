"""Property tests: whatever a person types or a file holds, coffeechat answers with its
own error type (`InputError`, located) or a correct result, never another exception.

Run longer with HYPOTHESIS_PROFILE=thorough (see conftest.py).
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import assume, example, given
from hypothesis import strategies as st

from coffeechat.core import tomlwrite
from coffeechat.core.agenda import Agenda, Meeting, load_agenda, parse_agenda
from coffeechat.core.dates import describe, parse_date, relative_words
from coffeechat.core.problems import InputError
from coffeechat.core.session import (
    FollowUp,
    Goal,
    Referral,
    Session,
    SessionQuestion,
    check_session_id,
    parse_session,
    to_toml,
)
from coffeechat.core.settings import load_settings
from coffeechat.core.tomlfile import parse_toml
from coffeechat.core.tomlpos import KeyPath, locate
from coffeechat.core.workspace import Workspace, prepare

SHOWN = "agenda.toml"


def agenda_or_input_error(raw: bytes) -> Agenda | None:
    """Load `raw` as an agenda; an `InputError` must name the file at a real place."""
    try:
        return parse_agenda(raw, SHOWN)
    except InputError as err:
        assert err.problems, "an InputError with no problem in it"
        lines = raw.count(b"\n") + 2
        for problem in err.problems:
            assert problem.path == SHOWN
            assert 1 <= problem.line <= lines, problem.render()
            assert problem.col >= 1, problem.render()
            assert problem.message and problem.render()
        return None


# --- the agenda loader ------------------------------------------------------------


@given(st.binary(max_size=2000))
def test_agenda_from_any_bytes(raw: bytes) -> None:
    agenda_or_input_error(raw)


@given(st.text(max_size=2000))
def test_agenda_from_any_text(text: str) -> None:
    raw = text.encode()
    agenda_or_input_error(raw)
    try:
        assert parse_toml(raw, SHOWN).text == text.removeprefix("\ufeff").replace("\r\n", "\n")
    except InputError as err:
        assert err.problems[0].path == SHOWN


HEADERS = [
    "[meeting]",
    "[[questions]]",
    "[goals]",
    "[prep]",
    "[opening]",
    "[closing]",
    "[meeting.extra]",
    "[[goals]]",
    "[questions]",
    "[[meeting]]",
    "[[questions.text]]",
    "[format]",
    "[keys]",
]
KEYS = [
    "format",
    "with",
    "role",
    "organization",
    "referred_by",
    "contact",
    "channel",
    "scheduled",
    "duration",
    "warn_at",
    "learn",
    "pitch",
    "research",
    "reminders",
    "checklist",
    "text",
    "topic",
    "priority",
    "minutes",
    "followup_after",
    "questions",
    "meeting",
    "meeting.with",
    "questions.text",
    '"with"',
    "'text'",
    "wiht",
    "prioity",
    "x",
]
VALUES = [
    '"Jane Doe"',
    '""',
    '"   "',
    '"20m"',
    '"0m"',
    '"-5m"',
    '"1h 30m"',
    '"99999999999h"',
    '"25 min"',
    '"3 weeks"',
    '"in 2 weeks"',
    '"garbage"',
    '"next blursday"',
    '"2026-02-30"',
    '"must"',
    '"nice"',
    '"mustt"',
    '"role"',
    '"phone"',
    '"video call"',
    "1",
    "0",
    "-5",
    "20",
    "2.5",
    "1e300",
    "inf",
    "-inf",
    "nan",
    "true",
    "false",
    "2026-11-24T15:00:00-05:00",
    "2026-11-24T15:00:00",
    "2026-11-24",
    "15:00:00",
    "[]",
    '["5m", "2m"]',
    '["5m", 2, true]',
    "[1, 2]",
    '[["a"]]',
    "[[[[[[]]]]]]",
    "{}",
    '{ text = "q" }',
    '{ with = "A", duration = "20m" }',
    "'literal'",
    "'''\nmulti\nline'''",
    '"""\nWhat does a\n typical week look like?"""',
    '"What does a typical week look like?"',
    '"What does a typical week look like"',
    "9" * 25,
    "0x" + "f" * 20,
]


@st.composite
def agenda_like_text(draw: st.DrawFn) -> str:
    """Text built from pieces of agendas: mostly well-formed lines in odd orders."""
    lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(HEADERS),
                st.builds("{} = {}".format, st.sampled_from(KEYS), st.sampled_from(VALUES)),
                st.sampled_from(["", "# a comment", "  ", "=", "[", "]]", '"', "\t"]),
            ),
            max_size=40,
        )
    )
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@given(agenda_like_text())
def test_agenda_from_agenda_like_text(text: str) -> None:
    agenda_or_input_error(text.encode())


@given(agenda_like_text(), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_agenda_file_from_agenda_like_text(text: str, start: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agenda.toml"
        path.write_bytes(start + text.encode())
        try:
            load_agenda(path, SHOWN)
        except InputError as err:
            assert all(p.path == SHOWN for p in err.problems)


# --- the date grammar -------------------------------------------------------------

TODAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
WORDS = [
    "in",
    "next",
    "this",
    "a",
    "an",
    "0",
    "1",
    "3",
    "12",
    "31",
    "32",
    "999",
    "1000",
    "day",
    "days",
    "d",
    "w",
    "weeks",
    "mo",
    "months",
    "y",
    "years",
    "from",
    "now",
    "today",
    "tomorrow",
    "tmr",
    "eom",
    "end",
    "of",
    "month",
    "week",
    "fri",
    "friday",
    "tue",
    "thu",
    "mon",
    "sat",
    "sun",
    "fr",
    "dec",
    "december",
    "feb",
    "february",
    "jun",
    "ju",
    "3rd",
    "29th",
    "1st",
    "dec.",
    "2026-12-03",
    "2026-02-29",
    "2024-02-29",
    "0000-01-01",
    "9999-12-31",
]


@st.composite
def date_phrases(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    spaces = draw(st.sampled_from([" ", "  ", "\t", ""]))
    return spaces.join(words)


@given(st.one_of(st.text(max_size=60), date_phrases()), TODAYS)
@example("tomorrow", date.max)
@example("1y", date(9999, 6, 1))
@example("next month", date(9999, 12, 1))
def test_any_date_phrase_is_a_date_or_refused(phrase: str, today: date) -> None:
    try:
        day = parse_date(phrase, today, "WHEN")
    except InputError as err:
        (problem,) = err.problems
        assert problem.path == "WHEN"
        assert "today, tomorrow" in problem.hint
        return
    assert isinstance(day, date)
    shown = describe(day, today)
    assert f"{day.day} {day:%b}" in shown
    assert str(day.year) in shown
    assert relative_words(day, today) in shown
    if not phrase.strip()[:1].isdigit() or "-" not in phrase:
        # Only a written-out date may lie in the past: "dec 3" means the next one.
        assert day >= today, (phrase, today, day)


# --- TOML writing and positions ---------------------------------------------------


@given(st.text())
def test_any_text_round_trips_through_toml(text: str) -> None:
    assert tomllib.loads(f"v = {tomlwrite.string(text)}")["v"] == text
    assert tomllib.loads(f"{tomlwrite.key(text)} = 1") == {text: 1}


SIMPLE_VALUES = st.one_of(
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.sampled_from(["0x1F", "0o17", "0b101", "1_000", "+3", "-0", "3.14", "6e-2", "inf", "nan"]),
    st.booleans().map(lambda b: "true" if b else "false"),
    st.sampled_from(
        [
            "2026-11-24T15:00:00-05:00",
            "2026-11-24 15:00:00Z",
            "2026-11-24",
            "07:32:00",
            "1979-05-27T00:32:00.999999",
        ]
    ),
    st.text(max_size=30).map(tomlwrite.string),
    st.text(
        alphabet=st.characters(blacklist_characters="'\n\r", blacklist_categories=["Cc", "Cs"]),
        max_size=20,
    ).map(lambda t: f"'{t}'"),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20).map(
        lambda t: "'''" + t.replace("'", "").replace("\r", "").replace("\x7f", "") + "'''"
    ),
)
KEY_TEXT = st.one_of(
    st.text("abcdefghij", min_size=1, max_size=3),
    st.sampled_from(["with", "text", "x-y", "1", "_"]),
    st.text(max_size=8).map(tomlwrite.key),
    st.sampled_from(["'lit'", "'a.b'", '"a.b"', '"\\u00e9"', "a.b", "a . c", '"q"."r"']),
)


def toml_values(depth: int = 0) -> st.SearchStrategy[str]:
    """The text of a TOML value, nested arrays and inline tables included."""
    if depth > 2:
        return SIMPLE_VALUES
    inner = toml_values(depth + 1)
    gap = st.sampled_from(["", " ", "\n", " # note\n  "])
    return st.one_of(
        SIMPLE_VALUES,
        st.tuples(st.lists(st.tuples(gap, inner), max_size=4), gap, st.booleans()).map(
            lambda parts: (
                "["
                + ",".join(g + v for g, v in parts[0])
                + ("," if parts[2] and parts[0] else "")
                + parts[1]
                + "]"
            )
        ),
        st.lists(st.tuples(KEY_TEXT, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k} = {v}" for k, v in pairs) + "}"
        ),
    )


TOML_VALUES = toml_values()


@st.composite
def toml_documents(draw: st.DrawFn) -> str:
    """Text that is often valid TOML, in many of its styles."""
    out = []
    for _ in range(draw(st.integers(0, 5))):
        header = draw(
            st.one_of(
                st.just(""),
                KEY_TEXT.map(lambda k: f"[{k}]"),
                KEY_TEXT.map(lambda k: f"[[{k}]]"),
                st.tuples(KEY_TEXT, KEY_TEXT).map(lambda ks: f"[ {ks[0]} . {ks[1]} ]"),
            )
        )
        if header:
            out.append(header + draw(st.sampled_from(["", "  # comment"])))
        for _ in range(draw(st.integers(0, 4))):
            spacing = draw(st.sampled_from(["", "  ", "\t"]))
            out.append(f"{spacing}{draw(KEY_TEXT)} = {draw(TOML_VALUES)}")
    return "\n".join(out) + draw(st.sampled_from(["", "\n"]))


def leaf_paths(value: Any, path: KeyPath = ()) -> list[KeyPath]:
    """Every key path of parsed TOML that names a key (not an array index)."""
    out: list[KeyPath] = []
    if isinstance(value, dict):
        for name, item in value.items():
            out.append(path + (name,))
            out += leaf_paths(item, path + (name,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                out += leaf_paths(item, path + (index,))
    return out


@given(toml_documents())
def test_positions_never_raise_and_find_every_key(text: str) -> None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assume(False)
        return
    where = locate(text)
    lines = text.split("\n")
    for path in leaf_paths(data):
        assert path in where.keys, (path, text)
        spot = where.key(path)
        assert 1 <= spot.line <= len(lines)
        assert 1 <= spot.col <= len(lines[spot.line - 1]) + 1


# --- sessions ---------------------------------------------------------------------

LINE = st.text(min_size=1, max_size=40).filter(str.strip)
TEXT = st.text(max_size=300)
ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))]
)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    started = draw(
        st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=ZONES
        )
    ).replace(microsecond=0)
    questions = draw(
        st.lists(
            st.builds(
                SessionQuestion,
                text=LINE,
                topic=st.sampled_from(["role", "path", "other"]),
                priority=st.sampled_from(["must", "should", "nice"]),
                minutes=st.none() | st.floats(0.5, 60),
                status=st.sampled_from(["pending", "answered", "skipped"]),
                seconds=st.integers(0, 10**6),
                starred=st.booleans(),
                notes=TEXT,
                added=st.booleans(),
            ),
            max_size=5,
        )
    )
    return Session(
        id="2026-11-24-1500-x",
        agenda=draw(TEXT),
        meeting=Meeting(person=draw(LINE), role=draw(TEXT), contact=draw(TEXT)),
        started=started,
        planned_seconds=draw(st.integers(1, 10**5)),
        status=draw(st.sampled_from(["in-progress", "completed", "abandoned"])),
        elapsed_seconds=draw(st.integers(0, 10**6)),
        warn_at=tuple(draw(st.lists(st.integers(1, 3600), max_size=3))),
        questions=questions,
        general_notes=draw(TEXT),
        referrals=draw(st.lists(st.builds(Referral, name=LINE, note=TEXT), max_size=2)),
        followups=draw(
            st.lists(
                st.builds(
                    FollowUp,
                    id=LINE,
                    kind=st.sampled_from(["thank-you", "referral"]),
                    title=LINE,
                    due=st.just(started + timedelta(days=1)),
                    detail=TEXT,
                ),
                max_size=2,
                unique_by=lambda item: item.id,  # the readers refuse a repeated id
            )
        ),
        goals=draw(st.lists(st.builds(Goal, text=TEXT, learned=st.booleans()), max_size=2)),
    )


@given(sessions())
def test_any_session_reads_back_the_same(session: Session) -> None:
    text = to_toml(session)
    again = parse_session(text.encode(), Path(f"{session.id}.toml"))
    assert again == session


SESSION_KEYS = [
    "format",
    "agenda",
    "status",
    "started",
    "ended",
    "planned_seconds",
    "elapsed_seconds",
    "warn_at",
    "current",
    "general",
    "id",
    "kind",
    "due",
    "snoozed_until",
    "seconds",
    "starred",
    "notes",
]


@st.composite
def damaged_sessions(draw: st.DrawFn) -> bytes:
    """A real session file, hand-edited badly: lines dropped, repeated, values swapped."""
    lines = to_toml(draw(sessions())).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["drop", "repeat", "value", "cut"]))
        if edit == "drop":
            del lines[at]
        elif edit == "repeat":
            lines.insert(at, lines[at])
        elif edit == "value":
            lines[at] = f"{draw(st.sampled_from(SESSION_KEYS))} = {draw(st.sampled_from(VALUES))}"
        else:
            lines = lines[:at]
        if not lines:
            break
    return "\n".join(lines).encode()


@given(st.one_of(damaged_sessions(), st.binary(max_size=500)))
def test_a_damaged_session_file_is_an_input_error(raw: bytes) -> None:
    try:
        parse_session(raw, Path("2026-11-24-1500-x.toml"), "s.toml")
    except InputError as err:
        assert all(p.path == "s.toml" and p.line >= 1 for p in err.problems)


SETTINGS_LINES = st.one_of(
    st.builds(
        "{} = {}".format,
        st.sampled_from(["duration", "warn_at", "bell", "theme", "keys", "x", '"call.next"']),
        st.sampled_from(VALUES),
    ),
    st.sampled_from(["[keys]", "[theme]", "[[keys]]", ""]),
)


@given(st.lists(SETTINGS_LINES, max_size=12).map("\n".join))
def test_any_settings_file_loads_or_is_an_input_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "coffeechat.toml"
        path.write_text(text)
        try:
            load_settings(path, "coffeechat.toml")
        except InputError as err:
            assert all(p.path == "coffeechat.toml" for p in err.problems)


NAME_PIECES = st.sampled_from(
    ["..", ".", "/", "~", "jane-doe", "agendas", "\0", "\n", " ", ".toml"]
)


@given(st.one_of(st.text(max_size=40), st.lists(NAME_PIECES, max_size=6).map("".join)))
def test_an_agenda_name_never_leaves_the_agendas_folder(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workspace = prepare(Workspace(Path(folder) / "ws"))
        here = os.getcwd()
        os.chdir(workspace.sessions)  # no relative path a name could mean exists here
        try:
            path = workspace.agenda_path(name)
        except InputError as err:
            (problem,) = err.problems
            assert problem.render().startswith("AGENDA: no agenda called ")
            return
        finally:
            os.chdir(here)
        given = Path(name).expanduser()
        assert path == given or path.parent == workspace.agendas, (name, path)


@given(st.text(max_size=80))
def test_a_session_id_never_leaves_the_sessions_folder(text: str) -> None:
    folder = Path("/workspace/sessions")
    try:
        check_session_id(text)
    except InputError:
        return
    assert (folder / f"{text}.toml").resolve().parent == folder


# --- far dates, over every reader and every place a moment is shown ----------------

OFFSETS = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
FAR_MOMENTS = st.datetimes(
    min_value=datetime(1, 1, 1),
    max_value=datetime(9999, 12, 31, 23, 59, 59),
    timezones=st.none() | OFFSETS,
).map(lambda moment: moment.replace(microsecond=0))
"""Any moment TOML can hold: year 1 to 9999, offsets to ±23:59, or none (local)."""
NOW_ZONES = [timezone(timedelta(hours=h)) for h in (-12, -5, 0, 5, 14)]


@given(sessions(), FAR_MOMENTS, FAR_MOMENTS, st.none() | FAR_MOMENTS)
@example(
    Session("2026-11-24-1500-x", "", Meeting("a"), datetime(2026, 11, 24, tzinfo=UTC), 60),
    datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(-timedelta(hours=23, minutes=59))),
    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=23, minutes=59))),
)
def test_a_far_date_is_read_and_shown_or_located(
    session: Session, started: datetime, due: datetime, until: datetime | None
) -> None:
    from coffeechat.aftercall import item_json, item_lines, session_json
    from coffeechat.core.followups import build_queue
    from coffeechat.core.ics import queue_calendar
    from coffeechat.core.skim import from_record, quick_record, summarize
    from coffeechat.core.writeup import session_text

    session.started = started
    session.followups = [FollowUp("x", "follow-up", "Write", due, snoozed_until=until)]
    raw = to_toml(session).encode()
    try:
        full = parse_session(raw, Path(f"{session.id}.toml"), "s.toml")
    except InputError as err:
        assert all(p.path == "s.toml" and p.line >= 1 for p in err.problems)
        assert quick_record(raw, session.id) is None, "the fast path read what the reader refuses"
        return
    summary = summarize(full)
    quick = quick_record(raw, session.id)
    assert quick is None or from_record(quick) == summary
    session_json(summary)
    session_text(full)
    for zone in NOW_ZONES:
        now = datetime(2026, 11, 24, 15, tzinfo=zone)
        queue = build_queue([summary], now, include_snoozed=True)
        for item in queue.items:
            item_lines(item, now)
            item_json(item)
        queue_calendar(queue.items, now)
