"""The network's commands: add, log, people, person, import, new --for, edit, and the
queue's items about people in followups, done and snooze."""

from __future__ import annotations

import json
import os
import stat
import sys
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.people.format import read_person
from coffeechat.core.timesource import ManualTime

ZONE = timezone(timedelta(hours=-5))
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=ZONE)  # a Wednesday


def run(workspace: Workspace, *args: str, now: datetime = NOW) -> int:
    return main(["--workspace", str(workspace.root), *args], ManualTime(now))


@pytest.fixture
def network(workspace: Workspace) -> Workspace:
    """Sam introduced Jane, Jane introduced Priya; Omar is at another organisation."""
    assert run(workspace, "add", "Sam Lee", "--org", "Acme Health") == 0
    assert run(workspace, "add", "Jane Doe", "--org", "Acme Health", "--referred-by", "sam") == 0
    assert (
        run(
            workspace,
            "add",
            "Priya Patel",
            "--role",
            "Design Manager",
            "--org",
            "Acme Health",
            "--contact",
            "priya@acme.example",
            "--referred-by",
            "jane-doe",
            "--tag",
            "design",
        )
        == 0
    )
    assert run(workspace, "add", "Omar Haddad", "--org", "Globex") == 0
    return workspace


def test_add_writes_a_private_file_and_a_second_name_gets_a_number(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(network, "add", "Jane Doe") == 0
    out = capsys.readouterr().out
    assert "There is already a Jane Doe (jane-doe): this one is jane-doe-2." in out
    path = network.person_path("jane-doe-2")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    priya = read_person(network.person_path("priya-patel"))
    assert (priya.referred_by, priya.tag_list, priya.contact) == (
        "jane-doe",
        ("design",),
        "priya@acme.example",
    )


def test_add_refuses_an_unknown_introducer(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(network, "add", "Lena Ng", "--referred-by", "nobody-here") == 1
    assert "--referred-by: no person matches 'nobody-here'" in capsys.readouterr().err


def test_log_keeps_the_comments_of_a_hand_edited_file(network: Workspace) -> None:
    path = network.person_path("priya-patel")
    text = path.read_text().replace(
        'role = "Design Manager"', 'role = "Design Manager"   # promoted in May'
    )
    path.write_text("# Priya: met her at the UX meetup\n" + text + "\n# keep this line\n")
    before = path.read_text()
    assert run(network, "log", "priya", "asked", "--note", "LinkedIn message") == 0
    after = path.read_text()
    assert after.startswith(before)
    assert "# promoted in May" in after and "# keep this line" in after
    data = tomllib.loads(after)
    assert data["log"] == [{"on": NOW.date(), "event": "asked", "note": "LinkedIn message"}]


def test_log_says_the_date_back_and_keeps_the_time(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(network, "log", "priya", "scheduled", "--on", "next tuesday 15:00") == 0
    out = capsys.readouterr().out
    assert "Logged: Priya Patel scheduled Tue 8 Dec 2026 (in 6 days), 15:00" in out
    assert "next: Prepare the agenda for Priya Patel" in out
    entry = tomllib.loads(network.person_path("priya-patel").read_text())["log"][0]
    assert entry["on"] == datetime(2026, 12, 8, 15, 0, tzinfo=ZONE)
    assert run(network, "log", "omar", "asked", "--on", "3 days ago") == 0
    assert "Logged: Omar Haddad asked Sun 29 Nov 2026 (3 days ago)" in capsys.readouterr().out


def test_log_refuses_an_unknown_event_or_date(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(network, "log", "priya", "nudgd") == 1
    assert "EVENT: 'nudgd' is not an event\n  hint: did you mean 'nudged'?" in (
        capsys.readouterr().err
    )
    assert run(network, "log", "priya", "asked", "--on", "whenever") == 1
    assert "--on: 'whenever' is not a date coffeechat understands" in capsys.readouterr().err
    assert "[[log]]" not in network.person_path("priya-patel").read_text()


def test_a_bad_person_file_is_located_and_hides_no_one(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = network.person_path("bad")
    bad.write_text('format = 1\nname = "Bad"\n\n[[log]]\non = "yesterday"\nevent = "askd"\n')
    capsys.readouterr()
    assert run(network, "people", "--json") == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert len(data["people"]) == 4
    assert "expected a date or a date-time, got a string (log[1].on)" in captured.err
    assert f"{bad}:5:6:" in captured.err or "bad.toml:5:6:" in captured.err
    assert "did you mean 'asked'?" in captured.err
    assert data["damaged"][0]["file"].endswith("bad.toml")


def test_people_lists_by_state_with_the_next_step(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(network, "log", "priya", "asked", "--on", "2026-11-20") == 0
    capsys.readouterr()
    assert run(network, "people") == 0
    out = capsys.readouterr().out
    assert out.startswith("Asked, waiting for an answer (1)\n")
    assert "  Priya Patel (Acme Health) · priya-patel · referred by Jane Doe\n" in out
    assert "    next: Nudge Priya Patel once · Tue 1 Dec 2026 (yesterday)\n" in out
    assert "To ask (3)" in out
    assert run(network, "people", "--state", "to-ask", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert {p["id"] for p in data["people"]} == {"sam-lee", "jane-doe", "omar-haddad"}
    jane = next(p for p in data["people"] if p["id"] == "jane-doe")
    assert set(jane) >= {"id", "name", "organization", "state", "referred_by", "next", "due"}
    assert (jane["state"], jane["referred_by"], jane["due"]) == ("to-ask", "sam-lee", None)
    assert run(network, "people", "--state", "askd") == 1
    assert "did you mean 'asked'?" in capsys.readouterr().err


def test_person_shows_the_chain_of_introductions(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(network, "person", "priya") == 0
    out = capsys.readouterr().out
    assert "  introduced: You → Sam Lee → Jane Doe → Priya Patel\n" in out
    assert run(network, "person", "jane-doe", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == 1
    jane = data["person"]
    assert [link["name"] for link in jane["chain"]] == ["You", "Sam Lee", "Jane Doe"]
    assert jane["referrals"] == [{"id": "priya-patel", "name": "Priya Patel", "state": "to-ask"}]
    assert jane["log"] == [] and jane["sessions"] == []


def test_a_part_of_an_id_that_matches_two_is_refused(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(network, "add", "Jane Doe") == 0
    capsys.readouterr()
    assert run(network, "person", "jane-d") == 1
    assert "'jane-d' matches 2 people: jane-doe, jane-doe-2" in capsys.readouterr().err


def test_followups_hold_the_items_about_people(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(network, "log", "priya", "asked", "--on", "2026-11-20") == 0  # 8 business days
    assert run(network, "log", "omar", "asked", "--on", "2026-11-27") == 0  # 3 business days
    assert run(network, "log", "sam", "scheduled", "--on", "2026-12-08") == 0
    capsys.readouterr()
    assert run(network, "followups", "--json") == 0
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert items["people/priya-patel/nudge-2026-11-20"]["kind"] == "nudge"
    another = items["people/omar-haddad/try-another-2026-11-27"]
    assert another["kind"] == "try-another"
    assert another["title"] == "No answer from Omar Haddad yet: ask Jane Doe"
    prepare = items["people/sam-lee/prepare-2026-12-08"]
    assert (prepare["kind"], prepare["due"]) == ("prepare", "2026-12-07T09:00:00-05:00")
    assert prepare["person_id"] == "sam-lee" and prepare["session"] is None


def test_done_on_a_nudge_logs_it(network: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(network, "log", "priya", "asked", "--on", "2026-11-20") == 0
    capsys.readouterr()
    assert run(network, "done", "people/priya-patel/nudge-2026-11-20") == 0
    assert "Done: Nudge Priya Patel once" in capsys.readouterr().out
    priya = read_person(network.person_path("priya-patel"))
    assert [e.event for e in priya.log] == ["asked", "nudged"]
    assert run(network, "followups", "--json") == 0
    ids = [i["id"] for i in json.loads(capsys.readouterr().out)["items"]]
    assert not [i for i in ids if i.startswith("people/priya-patel/")]
    assert run(network, "done", "people/priya-patel/nudge-2026-11-20") == 1
    assert "Priya Patel has no open follow-up" in capsys.readouterr().err


def test_done_on_thanking_a_decline_logs_thanked(network: Workspace) -> None:
    assert run(network, "log", "priya", "declined", "--on", "yesterday") == 0
    assert run(network, "done", "people/priya-patel/try-another-2026-12-01") == 0
    events = [e.event for e in read_person(network.person_path("priya-patel")).log]
    assert events == ["declined", "thanked"]


def test_snooze_hides_a_person_item(network: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(network, "log", "priya", "asked", "--on", "2026-11-20") == 0
    assert run(network, "snooze", "people/priya-patel/nudge-2026-11-20", "friday") == 0
    assert "Snoozed until Fri 4 Dec 2026" in capsys.readouterr().out
    assert run(network, "followups", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["snoozed"] == 1
    assert not [i for i in data["items"] if i["id"].startswith("people/priya")]
    later = NOW + timedelta(days=3)
    assert run(network, "followups", "--json", now=later) == 0
    ids = [i["id"] for i in json.loads(capsys.readouterr().out)["items"]]
    assert "people/priya-patel/nudge-2026-11-20" in ids


def test_the_outreach_days_are_settings(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    network.settings.write_text("[outreach]\ntry_another_after = 1\nnudge_after = 30\n")
    assert run(network, "log", "omar", "asked", "--on", "yesterday") == 0
    capsys.readouterr()
    assert run(network, "people", "--state", "asked", "--json") == 0
    omar = json.loads(capsys.readouterr().out)["people"][0]
    assert omar["kind"] == "try-another"
    network.settings.write_text("[outreach]\nnudge_after = 0\n")
    assert run(network, "people") == 1
    assert "coffeechat.toml:2:15: must be at least 1" in capsys.readouterr().err


LINKEDIN = """\ufeffNotes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Priya,Patel,https://www.linkedin.com/in/priyapatel,,"Acme Health, Inc.",Design Manager,12 Mar 2024
Ben,Ode,https://www.linkedin.com/in/benode,ben@globex.example,Globex,Engineer,01 Feb 2023
Jane,Doe,https://www.linkedin.com/in/janedoe2,,Initech,Analyst,05 Jan 2022
"""


def test_import_adds_nobody_twice_and_never_overwrites(
    network: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN, encoding="utf-8")
    capsys.readouterr()
    assert run(network, "import", str(export), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would add Priya Patel (Acme Health, Inc.) as priya-patel-2" in out
    assert "Would add 3; 0 already in the network." in out
    assert not network.person_path("ben-ode").exists()
    assert run(network, "import", str(export)) == 0
    assert "Added 3" in capsys.readouterr().out
    ben = network.person_path("ben-ode")
    ben.write_text(ben.read_text().replace('role = "Engineer"', 'role = "Staff Engineer" # edited'))
    assert run(network, "import", str(export)) == 0
    assert "Added 0 to" in capsys.readouterr().out
    assert "# edited" in ben.read_text()
    jane = read_person(network.person_path("jane-doe-2"))
    assert (jane.contact, jane.organization) == ("https://www.linkedin.com/in/janedoe2", "Initech")


def test_import_matches_by_email_and_by_name_and_organisation(
    network: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "P.,Patel,,priya@acme.example,Elsewhere,,\n"
        "Omar,Haddad,,,Globex,,\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(network, "import", str(export)) == 0
    assert "Added 0 to" in capsys.readouterr().out


def test_new_for_a_person_fills_the_meeting_block(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(network, "new", "--for", "priya") == 0
    text = network.agenda_file("priya-patel").read_text()
    meeting = tomllib.loads(text)["meeting"]
    assert meeting["with"] == "Priya Patel"
    assert meeting["person"] == "priya-patel"
    assert (meeting["role"], meeting["organization"]) == ("Design Manager", "Acme Health")
    assert (meeting["contact"], meeting["referred_by"]) == ("priya@acme.example", "Jane Doe")
    opening = tomllib.loads(text)["opening"]["checklist"]
    assert "Say who sent you: Jane Doe gave me your name…" in opening
    assert run(network, "check", "priya-patel") == 0
    capsys.readouterr()
    assert run(network, "people", "--json") == 0  # the agenda is ready: no prepare item
    assert run(network, "log", "priya", "scheduled", "--on", "friday") == 0
    capsys.readouterr()
    assert run(network, "followups", "--json") == 0
    assert not json.loads(capsys.readouterr().out)["items"]


def test_edit_a_person_checks_it_on_exit(
    network: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text() + 'keep_in_touch = \"3 months\"\\n')\n"
    )
    os.environ["EDITOR"] = f"{sys.executable} {editor}"
    try:
        assert run(network, "edit", "people/priya-patel") == 0
    finally:
        del os.environ["EDITOR"]
    assert "ok: Priya Patel" in capsys.readouterr().out
    assert read_person(network.person_path("priya-patel")).keep_in_touch == "3 months"


def test_the_cache_reads_a_changed_file_again_and_keeps_reporting_a_bad_one(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = network.person_path("bad")
    bad.write_text('format = 1\nname = "Bad"\nrole = 3\n')
    for _ in range(2):  # the second run reads the cache
        assert run(network, "people", "--json") == 0
        captured = capsys.readouterr()
        assert "bad.toml:3:8: expected a string, got an integer (role)" in captured.err
        assert len(json.loads(captured.out)["people"]) == 4
    assert (network.cache / "people.json").is_file()
    path = network.person_path("omar-haddad")
    path.write_text(path.read_text().replace('"Omar Haddad"', '"Omar Haddad-Smith"'))
    assert run(network, "people", "--json") == 0
    names = {p["name"] for p in json.loads(capsys.readouterr().out)["people"]}
    assert "Omar Haddad-Smith" in names


def test_followups_ics_holds_the_items_about_people(
    network: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(network, "log", "priya", "asked", "--on", "2026-11-20") == 0
    capsys.readouterr()
    assert run(network, "followups", "--ics", "-") == 0
    calendar = capsys.readouterr().out
    assert "people/priya-patel/nudge-2026-11-20@" in calendar
    assert "With: Priya Patel (Acme Health)" in calendar


def test_import_keeps_two_of_one_name_whose_profiles_differ(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Wei,Chen,https://www.linkedin.com/in/weichen1,,Globex,,\n"
        "Wei,Chen,https://www.linkedin.com/in/weichen2,,Globex,,\n"
        "Wei,Chen,http://linkedin.com/in/weichen1/,,Globex,,\n",
        encoding="utf-8",
    )
    assert run(workspace, "import", str(export)) == 0
    assert "Added 2 to" in capsys.readouterr().out
    assert {p.name for p in workspace.people.iterdir()} == {"wei-chen.toml", "wei-chen-2.toml"}
