"""One call feeds the next: a completed session's person and referrals join the network,
its thank-you done logs `thanked`, the agenda's `person` names whom it was with."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from coffeechat.cli import main
from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.people.aftercall import after_call
from coffeechat.core.people.format import read_person
from coffeechat.core.sessions.format import Referral
from coffeechat.core.timesource import ManualTime
from tests.past_sessions import NOW, jane, write


def test_referrals_become_people_referred_by_the_person_met(workspace: Workspace) -> None:
    session = jane()
    session.referrals.append(Referral("Omar Haddad", "Nurse lead", "", "Ask about triage"))
    done = after_call(workspace, session)
    assert done.met == "jane-doe"
    assert done.added == ("Priya Patel", "Omar Haddad")
    priya = read_person(workspace.person_path("priya-patel"))
    assert (priya.referred_by, priya.notes, priya.contact) == (
        "jane-doe",
        "Say Jane sent me",
        "priya@acme.example",
    )
    met = read_person(workspace.person_path("jane-doe"))
    assert [(e.event, e.on) for e in met.log] == [("met", date(2026, 11, 20))]
    again = after_call(workspace, session)
    assert again.added == ()
    assert len(read_person(workspace.person_path("jane-doe")).log) == 1
    assert sorted(p.name for p in workspace.people.iterdir()) == [
        "jane-doe.toml",
        "omar-haddad.toml",
        "priya-patel.toml",
    ]


def test_an_agenda_names_the_person_and_an_older_one_is_matched_by_name(
    workspace: Workspace,
) -> None:
    assert main(["--workspace", str(workspace.root), "add", "Jane Doe"], ManualTime(NOW)) == 0
    assert main(["--workspace", str(workspace.root), "add", "Jane Doe"], ManualTime(NOW)) == 0
    session = jane()
    session.meeting = replace(session.meeting, person_id="jane-doe-2")
    assert after_call(workspace, session).met == "jane-doe-2"
    older = jane()
    assert after_call(workspace, older).met == "jane-doe"


def test_the_agenda_meeting_block_reads_person(workspace: Workspace) -> None:
    path = workspace.agenda_file("priya.toml")
    path.write_text(
        'format = 1\n[meeting]\nwith = "Priya Patel"\nperson = "priya-patel"\n'
        '[[questions]]\ntext = "What does a typical week look like?"\n'
    )
    assert load_agenda(path).meeting.person_id == "priya-patel"


def test_thank_you_done_logs_thanked(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    session = jane()
    write(workspace, session)
    after_call(workspace, session)
    code = main(
        ["--workspace", str(workspace.root), "done", f"{session.id}/thank-you"], ManualTime(NOW)
    )
    assert code == 0
    events = [e.event for e in read_person(workspace.person_path("jane-doe")).log]
    assert events == ["met", "thanked"]
    capsys.readouterr()
    assert (
        main(["--workspace", str(workspace.root), "person", "jane", "--json"], ManualTime(NOW)) == 0
    )
    data = json.loads(capsys.readouterr().out)["person"]
    assert data["sessions"] == [
        {"id": session.id, "started": session.started.isoformat(), "status": "completed"}
    ]
    assert [r["id"] for r in data["referrals"]] == ["priya-patel"]
