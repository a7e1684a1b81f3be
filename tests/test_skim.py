"""The fast path of the session skim against the full reader, on any file.

The skim reads a file of the app's own layout without a TOML parser. It must never
accept a file the full reader refuses, and whenever it answers, its summary must be
the full reader's. A file that `done` and `snooze` edited (with `tomlkit`) is still
read fast.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coffeechat.core.agendas.meeting import Meeting
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.sessions import marking
from coffeechat.core.sessions.cache import load_index
from coffeechat.core.sessions.format import (
    FollowUp,
    Goal,
    Referral,
    Session,
    SessionQuestion,
    parse_session,
    to_toml,
)
from coffeechat.core.sessions.skim import quick_summary
from coffeechat.core.sessions.summary import summarize
from tests.past_sessions import jane, lena, omar
from tests.test_properties import damaged_sessions, sessions

SESSION_ID = "2026-11-24-1500-x"
PATH = Path(f"{SESSION_ID}.toml")
ZONES = st.sampled_from(
    [None, UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))]
)
# Text as people type it during a call: no backslash, so the fast path can read it.
PLAIN = st.text(
    alphabet=st.characters(
        blacklist_characters="\\", blacklist_categories=["Cs", "Cc"], whitelist_characters="\n"
    ),
    max_size=80,
)
WORD = st.text("abcdefghij -'é", min_size=1, max_size=20).filter(str.strip)


def full_or_error(raw: bytes) -> Session | InputError:
    """What the full reader makes of `raw`."""
    try:
        return parse_session(raw, PATH)
    except InputError as err:
        return err


def check_agreement(raw: bytes) -> bool:
    """The fast path refuses what the full reader refuses and agrees on the rest;
    True when the fast path answered."""
    full = full_or_error(raw)
    quick = quick_summary(raw, PATH)
    if isinstance(full, InputError):
        assert quick is None
        return False
    assert quick is None or quick == summarize(full)
    return quick is not None


@st.composite
def plain_sessions(draw: st.DrawFn) -> Session:
    """Sessions whose every text is plain, as the fast path reads them."""
    zone = draw(ZONES)
    started = draw(
        st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1))
    ).replace(microsecond=0, tzinfo=zone)
    return Session(
        id=SESSION_ID,
        agenda=draw(st.sampled_from(["", "agendas/jane-doe.toml"])),
        meeting=Meeting(
            person=draw(WORD),
            role=draw(PLAIN),
            organization=draw(PLAIN),
            referred_by=draw(PLAIN),
            contact=draw(PLAIN),
            channel=draw(st.sampled_from(["", "phone", "video"])),
            scheduled=draw(st.none() | st.just(started)),
        ),
        started=started,
        planned_seconds=draw(st.integers(1, 10**5)),
        status=draw(st.sampled_from(["in-progress", "completed", "abandoned"])),
        ended=draw(st.none() | st.just(started + timedelta(minutes=22))),
        elapsed_seconds=draw(st.integers(0, 10**6)),
        paused_seconds=draw(st.integers(0, 100)),
        warn_at=tuple(draw(st.lists(st.integers(1, 3600), max_size=3))),
        current=draw(st.integers(0, 5)),
        questions=draw(
            st.lists(
                st.builds(
                    SessionQuestion,
                    text=WORD,
                    topic=st.sampled_from(["role", "path", "other"]),
                    priority=st.sampled_from(["must", "should", "nice"]),
                    minutes=st.none() | st.sampled_from([0.5, 2.0, 3.0, 12.5]),
                    status=st.sampled_from(["pending", "answered", "skipped"]),
                    seconds=st.integers(0, 10**6),
                    starred=st.booleans(),
                    notes=PLAIN,
                    added=st.booleans(),
                ),
                max_size=6,
            )
        ),
        general_notes=draw(PLAIN),
        referrals=draw(
            st.lists(
                st.builds(Referral, name=WORD, role=PLAIN, contact=PLAIN, note=PLAIN),
                max_size=3,
            )
        ),
        followups=draw(
            st.lists(
                st.builds(
                    FollowUp,
                    id=st.text("abcdef-", min_size=1, max_size=12).filter(str.strip),
                    kind=st.sampled_from(["thank-you", "follow-up", "referral", "action"]),
                    title=WORD,
                    due=st.just(started + timedelta(days=1)),
                    status=st.sampled_from(["open", "done", "dropped"]),
                    snoozed_until=st.none() | st.just(started + timedelta(days=3)),
                    detail=PLAIN,
                ),
                max_size=4,
                unique_by=lambda item: item.id,  # the readers refuse a repeated id
            )
        ),
        goals=draw(st.lists(st.builds(Goal, text=PLAIN, learned=st.booleans()), max_size=2)),
    )


def test_the_app_s_own_sessions_take_the_fast_path() -> None:
    for session in (jane(), omar(), lena()):
        raw = to_toml(session).encode()
        path = Path(f"{session.id}.toml")
        assert quick_summary(raw, path) == summarize(session)


@given(plain_sessions())
def test_plain_sessions_are_read_fast_and_the_same(session: Session) -> None:
    raw = to_toml(session).encode()
    quick = quick_summary(raw, PATH)
    # Escapes (a quote in a one-line value, a backslash) are left to the full reader;
    # everything else must be read fast, multi-line values included.
    if b"\\" not in raw:
        assert quick is not None
    if quick is not None:
        assert quick == summarize(session)


@given(sessions())
def test_any_session_is_read_the_same_by_both_paths(session: Session) -> None:
    check_agreement(to_toml(session).encode())


@given(damaged_sessions())
def test_a_damaged_session_is_never_read_by_the_fast_path_alone(raw: bytes) -> None:
    check_agreement(raw)


MUTATIONS = ['"', "\\", "\n", "[", "]", "=", "#", "0", "9", "Z", " ", "'", "\t", "\r", "é", ""]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A file the fast path reads, with a few characters replaced, added or removed,
    or cut short as a save interrupted half-way would leave it."""
    text = to_toml(draw(plain_sessions()))
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        edit = draw(st.sampled_from(["replace", "insert", "cut", "swap-lines"]))
        if edit == "replace":
            text = text[:at] + draw(st.sampled_from(MUTATIONS)) + text[at + 1 :]
        elif edit == "insert":
            text = text[:at] + draw(st.sampled_from(MUTATIONS)) + text[at:]
        elif edit == "cut":
            text = text[:at]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text.encode()


@given(mutated())
@example(to_toml(jane()).replace("2026-11-21", "2026-02-30").encode())
@example(to_toml(jane()).replace('"""', "'''", 1).encode())
@example(to_toml(jane()).replace("planned_seconds = 1200", "planned_seconds = 01200").encode())
@example(to_toml(jane()).replace("with = ", 'with = "  "\nx = ').encode())
def test_a_mutated_file_is_read_right_or_left_to_the_full_reader(raw: bytes) -> None:
    check_agreement(raw)


@pytest.mark.parametrize(
    ("written", "edited"),
    [("warn_at = [300, 120]", "warn_at = [0300, 120]"), ("seconds = 185", "seconds = 0185")],
)
def test_a_number_with_a_leading_zero_is_refused_by_both(written: str, edited: str) -> None:
    """TOML has no leading zeros: the fast path once read `[0300]` in an array."""
    text = to_toml(jane())
    assert written in text
    raw = text.replace(written, edited, 1).encode()
    assert isinstance(full_or_error(raw), InputError)
    assert quick_summary(raw, PATH) is None


def test_a_file_cut_short_is_read_right() -> None:
    text = to_toml(jane()).encode()
    read = [end for end in range(len(text)) if check_agreement(text[:end])]
    # Cut between two tables a file is still whole (atomic saves never leave one);
    # cut anywhere inside a line, it is never taken for a session.
    assert read and all(text[end - 1 : end] == b"\n" for end in read)
    assert check_agreement(text)


def test_a_half_written_session_is_named_with_its_reason(workspace: Workspace) -> None:
    text = to_toml(jane())
    cut = text[: text.index("Fridays are for")]
    (workspace.sessions / "2026-11-20-1501-jane-doe.toml").write_text(cut)
    index = load_index(workspace, use_cache=False)
    (damaged,) = index.damaged
    assert damaged.name == "2026-11-20-1501-jane-doe.toml"
    assert "unterminated" in damaged.reason or "unclosed" in damaged.reason.lower()
    assert damaged.problems[0].line > 1


# --- done and snooze keep the file on the fast path ------------------------------------


@pytest.mark.parametrize("zone", [UTC, timezone(timedelta(hours=-5)), None])
def test_snoozing_then_undoing_leaves_the_file_as_it_was(
    workspace: Workspace, zone: tzinfo | None
) -> None:
    session = jane()
    session.followups[1].detail = "Mention the portfolio"
    path = workspace.sessions / f"{session.id}.toml"
    path.write_text(to_toml(session))
    original = path.read_bytes()
    change = marking.snooze(
        workspace, f"{session.id}/follow-up", datetime(2026, 12, 7, 9, tzinfo=zone)
    )
    edited = path.read_bytes()
    assert edited.count(b"snoozed_until") == original.count(b"snoozed_until") + 1
    quick = quick_summary(edited, path)
    assert quick is not None, "an edited file is still in the app's layout"
    assert quick == summarize(parse_session(edited, path))
    marking.undo(workspace, change)
    assert path.read_bytes() == original


@pytest.mark.parametrize("year", [1, 1899, 1900, 2026, 2999, 3000, 9999])
def test_the_fast_path_keeps_the_years_the_reader_keeps(year: int) -> None:
    """`skim._MOMENT` spells `dates.YEARS` as a pattern: the two must agree."""
    from coffeechat.core.queue.dates import YEARS

    session = jane()
    session.started = session.started.replace(year=year)
    raw = to_toml(session).encode()
    path = Path(f"{session.id}.toml")
    quick = quick_summary(raw, path)
    if YEARS[0] <= year <= YEARS[1]:
        assert quick == summarize(parse_session(raw, path))
    else:
        assert quick is None
        with pytest.raises(InputError, match=f"the year {year} is outside"):
            parse_session(raw, path)
