"""Session files: what the app writes reads back the same, and damage is named."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.files.names import check_session_id
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import (
    FollowUp,
    Referral,
    new_session,
    read_session,
    to_toml,
)
from tests.conftest import CALL_TIME

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
AWKWARD = [
    "",
    "plain",
    'quotes " and "" and """ and """"',
    'ends with a quote"',
    "back\\slash\\",
    "tab\tand\rcarriage",
    "line one\nline two\n",
    '"""\n"""',
    "control \x01 \x7f chars\nsecond",
    "unicode ✓ café 李",
]


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 1500)
    session.questions[0].notes = 'They said:\n"remote first" ... \\o/ ""'
    session.questions[0].starred = True
    session.questions[0].status = "answered"
    session.questions[0].seconds = 185
    session.general_notes = "General"
    session.referrals.append(Referral("Priya Patel", "Design Manager", "priya@x", "Say Jane"))
    session.followups.append(
        FollowUp("thank-you", "thank-you", "Thank Jane", CALL_TIME + timedelta(days=1))
    )
    session.ended = CALL_TIME + timedelta(minutes=22)
    path = tmp_path / f"{session.id}.toml"
    path.write_text(to_toml(session))
    assert read_session(path) == session


@pytest.mark.parametrize("text", AWKWARD)
def test_any_note_survives(tmp_path: Path, text: str) -> None:
    session = new_session(load_agenda(FULL), "a", CALL_TIME, 1200)
    session.questions[1].notes = text
    session.general_notes = text
    path = tmp_path / "s.toml"
    path.write_text(to_toml(session))
    again = read_session(path)
    assert again.questions[1].notes == text
    assert again.general_notes == text


def test_damaged_session_is_named(tmp_path: Path) -> None:
    path = tmp_path / "2026-11-24-1500-x.toml"
    path.write_text('format = 1\nstatus = "done"\n[meeting]\nwith = "X"\n')
    with pytest.raises(InputError) as caught:
        read_session(path)
    text = str(caught.value)
    assert f"{path}:2:10: 'done' is not a status" in text
    assert "missing started" in text


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "a/b", "a\0b", "a\nb", "ab\n", "..", ""])
def test_session_ids_cannot_leave_the_folder(bad: str) -> None:
    with pytest.raises(InputError):
        check_session_id(bad)


def test_session_id_shape() -> None:
    assert check_session_id("2026-11-24-1500-jane-doe") == "2026-11-24-1500-jane-doe"
