"""The after-call commands: output, JSON fields, exit codes, and no Textual import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from coffeechat.cli import main
from coffeechat.cli.parser import GROUPS
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import read_session
from coffeechat.core.timesource import ManualTime
from tests.past_sessions import DAMAGED_NAME, NOW

JANE = "2026-11-20-1501-jane-doe"


def run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), *args], ManualTime(NOW))


def test_followups_text(filled: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "followups") == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[:3] == [
        "Overdue",
        "  Send a thank-you note to Jane Doe",
        f"    due Sat 21 Nov 15:23 (3 days ago) · {JANE}/thank-you",
    ]
    assert "Due today\n  Send a thank-you note to Omar Haddad\n" in out
    assert (
        "    Priya Patel, Design Manager, Acme · priya@acme.example · referred by Jane Doe\n" in out
    )
    assert "    say: Say Jane sent me\n" in out
    assert "1 snoozed item is hidden" in out
    assert f"{DAMAGED_NAME}:65:1: unterminated string" in err
    assert "1 session file could not be read" in err


def test_followups_due_today(filled: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "followups", "--due", "today", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [i["bucket"] for i in data["items"]] == ["overdue", "today"]


def test_followups_json_fields(filled: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "followups", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"format", "now", "due", "items", "snoozed", "damaged", "sync_conflicts"}
    assert data["format"] == 1
    assert data["now"] == "2026-11-24T15:00:00-05:00"
    assert data["snoozed"] == 1
    assert data["damaged"][0]["file"] == DAMAGED_NAME
    assert "unterminated string" in data["damaged"][0]["problems"][0]
    referral = next(i for i in data["items"] if i["kind"] == "referral")
    assert referral == {
        "id": f"{JANE}/referral-priya-patel",
        "session": JANE,
        "followup": "referral-priya-patel",
        "kind": "referral",
        "title": "Reach out to Priya Patel",
        "due": "2026-11-27T09:00:00-05:00",
        "bucket": "week",
        "snoozed_until": None,
        "person": "Jane Doe",
        "organization": "Acme Health",
        "detail": "",
        "referral": {
            "name": "Priya Patel",
            "role": "Design Manager, Acme",
            "contact": "priya@acme.example",
            "note": "Say Jane sent me",
            "referred_by": "Jane Doe",
        },
    }


def test_followups_snoozed_shown_on_request(
    filled: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(filled, "followups", "--snoozed", "--json") == 0
    items = json.loads(capsys.readouterr().out)["items"]
    snoozed = [i for i in items if i["snoozed_until"]]
    assert [i["id"] for i in snoozed] == ["2026-11-10-1100-lena-park/follow-up"]


def test_ics_export_parses_back(
    filled: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "queue.ics"
    assert run(filled, "followups", "--ics", str(target)) == 0
    assert "Wrote 5 to-dos" in capsys.readouterr().out  # and Lena's done thank-you
    calendar = Calendar.from_ical(target.read_bytes())
    todos = list(calendar.walk("VTODO"))
    assert len(todos) == 6
    first = todos[0]
    assert str(first["uid"]) == f"{JANE}/thank-you@coffeechat"
    assert str(first["summary"]) == "Send a thank-you note to Jane Doe"
    assert first.decoded("due").isoformat() == "2026-11-21T20:23:00+00:00"
    assert str(first["status"]) == "NEEDS-ACTION"
    referral = next(t for t in todos if "priya" in str(t["uid"]))
    assert "Reach: Priya Patel, Design Manager, Acme · priya@acme.example" in str(
        referral["description"]
    )
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_ics_snoozed_item_starts_when_the_snooze_ends(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.past_sessions import at, jane, write

    session = jane()
    session.followups[1].snoozed_until = at(30, 9)  # due 11 Dec
    write(workspace, session)
    assert run(workspace, "followups", "--snoozed", "--ics", "-") == 0
    calendar = Calendar.from_ical(capsys.readouterr().out.encode())
    todo = next(t for t in calendar.walk("VTODO") if "follow-up@" in str(t["uid"]))
    assert todo.decoded("dtstart").isoformat() == "2026-11-30T14:00:00+00:00"


def test_done(filled: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "done", f"{JANE}/thank-you") == 0
    assert (
        capsys.readouterr().out == f"Done: Send a thank-you note to Jane Doe ({JANE}/thank-you)\n"
    )
    assert read_session(filled.sessions / f"{JANE}.toml").followups[0].status == "done"
    assert run(filled, "done", f"{JANE}/thank-you") == 0
    assert capsys.readouterr().out.startswith("Already done:")
    run(filled, "followups", "--json")
    ids = [i["id"] for i in json.loads(capsys.readouterr().out)["items"]]
    assert f"{JANE}/thank-you" not in ids


def test_snooze_shows_the_date_back(filled: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "snooze", f"{JANE}/thank-you", "next", "monday") == 0
    assert capsys.readouterr().out == (
        "Snoozed until Mon 30 Nov 2026 (in 6 days), 09:00: "
        f"Send a thank-you note to Jane Doe ({JANE}/thank-you)\n"
    )
    run(filled, "followups", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["snoozed"] == 2
    assert f"{JANE}/thank-you" not in [i["id"] for i in data["items"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("snooze", f"{JANE}/thank-you", "whenever"), "WHEN: 'whenever' is not a date"),
        (("snooze", f"{JANE}/thank-you", "2026-11-01"), "in the past"),
        (("snooze", f"{JANE}/thank-you", "I have 3 kids"), "try one of: today, tomorrow"),
        (("done", "jane"), "ID: 'jane' is not a follow-up id"),
        (("done", f"{JANE}/thanks"), "did you mean 'thank-you'?"),
        (("show", "nobody"), "SESSION: no session matches 'nobody'"),
        (("show", "../../etc/passwd"), "is not a session id"),
        (("draft", "2026-11"), "matches 4 sessions"),
    ],
)
def test_bad_input_exits_1_with_a_message(
    filled: Workspace, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    before = {p.name: p.read_bytes() for p in filled.sessions.glob("*.toml")}
    assert run(filled, *args) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in filled.sessions.glob("*.toml")} == before


def test_sessions_text_and_json(filled: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "sessions") == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].split() == ["WHEN", "WHO", "LENGTH", "ANSWERED", "OPEN", "ID"]
    assert lines[1].startswith("Mon 2026-11-23 18:00  Omar Haddad (Northwind Clinics)")
    assert "22:00 of 20:00 (2:00 over)  1/2       2     2026-11-23-1800-omar-haddad" in lines[1]
    assert DAMAGED_NAME in err
    assert run(filled, "sessions", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in data["sessions"]] == [
        "2026-11-23-1800-omar-haddad",
        JANE,
        "2026-11-10-1100-lena-park",
    ]
    jane = data["sessions"][1]
    assert jane == {
        "id": JANE,
        "status": "completed",
        "started": "2026-11-20T15:01:00-05:00",
        "ended": "2026-11-20T15:23:00-05:00",
        "person": "Jane Doe",
        "role": "Product Designer",
        "organization": "Acme Health",
        "referred_by": "Sam Lee",
        "planned_seconds": 1200,
        "elapsed_seconds": 1320,
        "questions": 2,
        "answered": 2,
        "skipped": 0,
        "starred": 1,
        "referrals": ["Priya Patel"],
        "followups_open": 3,
        "followups_total": 3,
    }


def test_show_and_draft(
    filled: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(filled, "show", "jane") == 0
    assert capsys.readouterr().out.startswith("Jane Doe, Product Designer, Acme Health\n")
    assert run(filled, "show", "jane", "--markdown") == 0
    assert capsys.readouterr().out.startswith("# Jane Doe\n")
    assert run(filled, "draft", "jane") == 0
    assert "Hi Jane," in capsys.readouterr().out
    target = tmp_path / "thanks.txt"
    assert run(filled, "draft", "jane", "--output", str(target)) == 0
    assert "Nothing was sent" in capsys.readouterr().out
    assert "Hi Jane," in target.read_text()
    assert target.stat().st_mode & 0o777 == 0o600
    assert run(filled, "draft", "jane", "--output", str(target)) == 1
    assert "already exists" in capsys.readouterr().err


def test_empty_workspace(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(workspace, "followups") == 0
    assert capsys.readouterr().out == "Nothing to follow up right now.\n"
    assert run(workspace, "sessions") == 0
    assert "No sessions yet" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (("check", "jane-doe"), "coffeechat.core.agendas.agenda"),
        (("sessions", "--json"), "coffeechat.core.sessions.cache"),
        (("followups", "--json"), "coffeechat.core.queue.followups"),
        (("followups", "--ics", "-"), "coffeechat.core.queue.calendar"),
        (("show", "jane"), "coffeechat.core.sessions.printout"),
        (("draft", "jane"), "coffeechat.core.sessions.thankyou"),
        (("done", f"{JANE}/thank-you"), "coffeechat.core.sessions.marking"),
        (("snooze", f"{JANE}/follow-up", "friday"), "coffeechat.core.sessions.marking"),
    ],
)
def test_script_commands_never_import_textual(
    filled: Workspace, args: tuple[str, ...], module: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "coffeechat", "--workspace", str(filled.root)]
        + list(args),
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert module in imported  # the command really ran, and its imports were seen
    assert not {m for m in imported if m.split(".")[0] in ("textual", "rich")}
    if "--ics" not in args:  # (icalendar needs it)
        assert "shutil" not in imported  # the help layout is told the width (`cli.parser`)


HELPERS = {"context", "left_out", "output", "parser", "problems", "typed"}
"""The modules of the command line that several commands share."""


@pytest.mark.parametrize("command", ["check", "sessions", "followups", "done", "themes"])
def test_a_command_imports_only_its_own_module_of_the_command_line(
    filled: Workspace, command: str
) -> None:
    args = {"check": ["jane-doe"], "done": [f"{JANE}/thank-you"]}.get(command, [])
    script = (
        "import sys\n"
        "from coffeechat.cli import main\n"
        f"main(['--workspace', {str(filled.root)!r}, {command!r}, *{args!r}])\n"
        "print(' '.join(m for m in sys.modules if m.startswith('coffeechat.cli.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    last = result.stdout.splitlines()[-1]  # after what the command printed
    loaded = {m.removeprefix("coffeechat.cli.") for m in last.split()}
    assert loaded - HELPERS == {GROUPS[command]}


def test_the_due_words_are_the_queues() -> None:
    from coffeechat.cli.parser import DUE_WORDS
    from coffeechat.core.queue.followups import DUE_CHOICES

    assert list(DUE_WORDS) == list(DUE_CHOICES)


def test_sessions_and_followups_show_local_time(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """A session recorded in another zone (a trip) is listed in local time, as the
    queue shows its follow-ups; JSON keeps the stored offset."""
    from datetime import timedelta, timezone

    from tests.past_sessions import jane, write

    session = jane()
    paris = timezone(timedelta(hours=1))
    session.started = session.started.astimezone(paris)  # 21:01 in Paris = 15:01 here
    session.followups = session.followups[:1]
    session.followups[0].due = session.followups[0].due.astimezone(paris)
    write(workspace, session)
    assert run(workspace, "sessions") == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("Fri 2026-11-20 15:01  Jane Doe")
    assert run(workspace, "followups") == 0
    assert "due Sat 21 Nov 15:23" in capsys.readouterr().out
    assert run(workspace, "sessions", "--json") == 0
    assert json.loads(capsys.readouterr().out)["sessions"][0]["started"] == (
        "2026-11-20T21:01:00+01:00"
    )
