"""Learning across interviews: the matching of questions and goals on real phrasings,
the goals, the answers side by side, the time record, the introducers, the cache."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.agendas.template import LESSONS_SHOWN, Person, agenda_template, with_lessons
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.learning import matching
from coffeechat.core.learning.introductions import introducers
from coffeechat.core.learning.learned import learned
from coffeechat.core.learning.record import CACHE_NAME, load_learning
from coffeechat.core.learning.timekeeping import time_record
from coffeechat.core.sessions.cache import load_index
from coffeechat.core.sessions.format import Goal, Referral, Session, SessionQuestion
from coffeechat.core.sessions.summary import summarize
from coffeechat.core.timesource import ManualTime
from tests.past_sessions import NOW, at, make_session, write

SAME = [
    ("What does a typical week look like?", "Walk me through a typical week"),
    ("What does a typical week look like for you?", "Can you describe your typical week?"),
    ("What does a typical day look like?", "Walk me through your day-to-day"),
    ("How did you get into this field?", "How did you get started in your career?"),
    ("Which skills matter most in your role?", "What skills are most important for your job?"),
    ("How is your team organised?", "How is your team organized?"),
    ("What do you enjoy most about your work?", "What do you like most about your job?"),
    ("What is the hardest part of your job?", "What's the most challenging part of your role?"),
    ("What is changing in the industry?", "What is changing in your field?"),
    ("What advice would you give someone starting out?", "What advice would you give me?"),
    ("How did you move   from research to design?", "How did you move from research to design"),
    ("What a typical week looks like", "Understand what a typical week looks like"),
    ("How they moved from research to design", "How they moved from research into design"),
    ("Which skills matter most", "which skills matter most, and how they learned them"),
    ("What does your typical week look like?", "What does a typicall week look like?"),
]
"""Pairs of real phrasings that ask the same thing."""

DIFFERENT = [
    ("What does a typical week look like?", "What does a typical day look like?"),
    ("What do you enjoy most about your work?", "What do you find hardest about your work?"),
    ("How did you get into this field?", "What is changing in this field?"),
    ("How is your team organised?", "How are decisions made here?"),
    ("What skills matter most in your role?", "What surprised you most in your role?"),
    ("Who else should I talk to?", "What should I read to learn more?"),
    ("What a typical week looks like", "Whether my background would be seen as an asset"),
    ("How do you measure success?", "How do you manage stakeholders?"),
    ("What would you do differently?", "What do you do every day?"),
]
"""Pairs that sound alike but ask different things."""


@pytest.mark.parametrize(("one", "other"), SAME)
def test_same_meaning(one: str, other: str) -> None:
    assert matching.same_meaning(one, other)
    assert matching.same_meaning(other, one)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_meaning(one: str, other: str) -> None:
    assert not matching.same_meaning(one, other)


def test_group_puts_rewordings_together_in_first_seen_order() -> None:
    texts = [
        "What does a typical week look like?",
        "What does a typical day look like?",
        "Walk me through a typical week",
        "What does a typical week look like?",
    ]
    assert matching.group(texts) == [
        ["What does a typical week look like?", "Walk me through a typical week"],
        ["What does a typical day look like?"],
    ]


def test_mentions_a_phrase() -> None:
    assert matching.mentions("Walk me through a typical week", "typical week")
    assert matching.mentions("What does a typical WEEK look like?", "typical weeks")
    assert not matching.mentions("What does a typical day look like?", "typical week")


# --- a few sessions ------------------------------------------------------------------


def call(person: str, day: int, minutes: int = 20, referred_by: str = "") -> Session:
    return make_session(person, "Acme", at(day, 10), minutes=minutes, referred_by=referred_by)


def sessions() -> list[Session]:
    """Three calls: the same two goals in other words, a question asked three ways."""
    jane = call("Jane Doe", 10, minutes=25, referred_by="Sam Lee")
    jane.goals = [Goal("What a typical week looks like", True), Goal("Whether my CV fits")]
    jane.questions = [
        SessionQuestion(
            "What does a typical week look like?",
            priority="must",
            status="answered",
            notes="Jane's week: critiques.",
        ),
        SessionQuestion("How did you get into this field?", priority="must"),  # did not fit
    ]
    jane.referrals = [Referral("Priya Patel"), Referral("Omar Haddad")]
    omar = call("Omar Haddad", 15, referred_by="Jane Doe")
    omar.goals = [Goal("Understand what a typical week looks like"), Goal("whether my cv fits")]
    omar.questions = [
        SessionQuestion(
            "Walk me through a typical week",
            status="answered",
            starred=True,
            notes="Omar: rounds on Monday.",
        ),
        SessionQuestion("How did you get into this field?", priority="must", status="skipped"),
    ]
    omar.referrals = [Referral("Lena Park")]
    lena = call("Lena Park", 20, minutes=21, referred_by="Jane Doe")
    lena.goals = []
    lena.questions = [
        SessionQuestion("Can you describe your typical week?", status="answered", notes="Lena."),
        SessionQuestion("What does a typical day look like?", status="answered", notes="Day."),
    ]
    return [lena, omar, jane]  # newest first, as the index has them


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    for session in sessions():
        write(workspace, session)
    return workspace


def test_goals_repeated_across_agendas_count_once(filled: Workspace) -> None:
    found = learned(filled, load_index(filled))
    assert [(g.text, g.learned) for g in found.goals] == [
        ("whether my cv fits", False),
        ("Understand what a typical week looks like", True),
    ]
    week = found.goals[1]
    assert [c.person for c in week.learned_in] == ["Jane Doe"]
    assert [c.person for c in week.set_in] == ["Omar Haddad", "Jane Doe"]
    assert [g.text for g in found.not_learned] == ["whether my cv fits"]


def test_answers_side_by_side_starred_first(filled: Workspace) -> None:
    found = learned(filled, load_index(filled))
    week = found.questions[0]
    assert week.people == 3
    assert sorted(week.wordings) == sorted(
        [
            "Can you describe your typical week?",
            "Walk me through a typical week",
            "What does a typical week look like?",
        ]
    )
    assert [(a.call.person, a.starred, a.notes) for a in week.answers] == [
        ("Omar Haddad", True, "Omar: rounds on Monday."),
        ("Lena Park", False, "Lena."),
        ("Jane Doe", False, "Jane's week: critiques."),
    ]
    assert [g.text for g in found.questions].count("What does a typical day look like?") == 1


def test_must_ask_that_did_not_fit(filled: Workspace) -> None:
    found = learned(filled, load_index(filled))
    assert [(q.text, [c.person for c in q.must_left]) for q in found.must_left] == [
        ("How did you get into this field?", ["Jane Doe"])
    ]


def test_narrowed_to_a_phrase(filled: Workspace) -> None:
    found = learned(filled, load_index(filled), "typical week")
    assert [q.text for q in found.questions] == [found.questions[0].text]
    assert found.questions[0].people == 3
    assert [g.text for g in found.goals] == ["Understand what a typical week looks like"]


def test_time_record() -> None:
    made = [call(f"P{n}", 1 + n, minutes=m) for n, m in enumerate([20, 29, 19, 21, 20, 26])]
    made.append(replace(call("Gone", 12, minutes=60), status="abandoned"))
    record = time_record([summarize(s) for s in reversed(made)])  # newest first
    assert (record.calls, record.on_time) == (6, 4)  # 21 minutes is within the grace
    assert record.median_overrun == 30  # overruns 0, 540, 0, 60, 0, 360
    assert (record.worst_overrun, record.worst) == (540, made[1].id)
    assert record.last == (0, 540, 0, 60, 0, 360)
    assert record.trend == "steady"
    minutes = [20, 20, 20, 30, 30, 30]  # newest first: the newer calls are shorter
    better = time_record(
        [summarize(call(f"Q{n}", 9 - n, minutes=m)) for n, m in enumerate(minutes)]
    )
    assert better.trend == "better"
    assert time_record([]).calls == 0


def test_who_introduced_you_to_most_people() -> None:
    found = introducers([summarize(s) for s in sessions()])
    assert [(i.name, i.people) for i in found] == [
        ("Jane Doe", ("Lena Park", "Omar Haddad", "Priya Patel")),
        ("Omar Haddad", ("Lena Park",)),
        ("Sam Lee", ("Jane Doe",)),
    ]
    more = introducers([], extra=[("Ana", "Bo"), ("ana ", "bo")])
    assert [(i.name, i.people) for i in more] == [("Ana", ("Bo",))]


def test_cache_gives_the_same_and_follows_changes(filled: Workspace) -> None:
    index = load_index(filled)
    cold = load_learning(filled, index)
    assert (filled.cache / CACHE_NAME).is_file()
    assert load_learning(filled, index) == cold
    changed = sessions()[0]
    changed.questions[0].starred = True
    write(filled, changed)
    index = load_index(filled)
    warm = load_learning(filled, index)
    assert warm[changed.id].questions[0][1] != cold[changed.id].questions[0][1]
    (filled.cache / CACHE_NAME).write_text('{"version": "x"', encoding="utf-8")
    assert load_learning(filled, index) == warm


def test_garbled_cache_entries_are_read_again(filled: Workspace) -> None:
    index = load_index(filled)
    good = load_learning(filled, index)
    data = json.loads((filled.cache / CACHE_NAME).read_text(encoding="utf-8"))
    for entry in data["files"].values():
        entry[2] = ["oops", "x"]
    (filled.cache / CACHE_NAME).write_text(json.dumps(data), encoding="utf-8")
    assert load_learning(filled, index) == good


def test_a_question_asked_in_many_files_is_kept_once(filled: Workspace) -> None:
    """Read from the files, the same question's text in two sessions is one string, as
    it is read from the cache: 10,000 sessions of one agenda held 140,000 copies of a
    few texts while home's Learning pane worked them out (14 MB of its peak memory)."""
    parts = load_learning(filled, load_index(filled))
    _lena, omar, jane = (parts[s.id] for s in sessions())
    assert jane.questions[1][0] == omar.questions[1][0] == "How did you get into this field?"
    assert jane.questions[1][0] is omar.questions[1][0]


def test_parallel_read_gives_the_same(filled: Workspace) -> None:
    index = load_index(filled)
    assert load_learning(filled, index, parallel_from=1) == load_learning(
        filled, index, parallel_from=10**6
    )


# --- the command ---------------------------------------------------------------------


def run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), *args], ManualTime(NOW))


def test_learned_json(filled: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "learned", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["format"] == 1
    assert out["phrase"] == ""
    assert out["goals"][0] == {
        "text": "whether my cv fits",
        "wordings": ["whether my cv fits", "Whether my CV fits"],
        "learned": False,
        "set_in": [s.id for s in sessions()[1:]],
        "learned_in": [],
    }
    week = out["questions"][0]
    assert (week["asked"], week["answered"], week["people"]) == (3, 3, 3)
    assert week["answers"][0]["person"] == "Omar Haddad"
    assert week["answers"][0]["starred"] is True
    assert week["answers"][0]["notes"] == "Omar: rounds on Monday."
    assert out["time"]["calls"] == 3
    assert out["time"]["worst_overrun_seconds"] == 300
    assert out["introducers"][0] == {
        "name": "Jane Doe",
        "people": ["Lena Park", "Omar Haddad", "Priya Patel"],
    }
    assert out["damaged"] == [] and out["sync_conflicts"] == []


def test_learned_text_and_markdown(filled: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "learned", "typical", "week") == 0
    out = capsys.readouterr().out
    assert out.startswith("What you learned about 'typical week'\n")
    assert "    ★ Omar Haddad, Acme, 2026-11-15\n      Omar: rounds on Monday.\n" in out
    assert "What does a typical day look like?" not in out
    assert run(filled, "learned", "--markdown") == 0
    out = capsys.readouterr().out
    assert "## Goals: 1 of 2 learned\n- [ ] whether my cv fits: not yet" in out
    assert "## Respecting their time\n- 2 of 3 calls ended on time" in out


def test_learned_with_no_sessions(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(workspace, "learned") == 0
    out = capsys.readouterr().out
    assert "No goals yet" in out and "No completed calls yet." in out


# --- what `new` carries over ---------------------------------------------------------


def test_new_agenda_offers_what_is_left_to_learn(
    filled: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(filled, "new", "Ana Lima") == 0
    path = filled.agendas / "ana-lima.toml"
    text = path.read_text(encoding="utf-8")
    assert '#   "whether my cv fits",\n' in text
    assert '# [[questions]]\n# text = "How did you get into this field?"\n' in text
    assert 'typical week looks like",' not in text.split("[prep]")[0].split("copy into")[-1]
    agenda = load_agenda(path)
    assert agenda.warnings == ()
    assert run(filled, "check", "ana-lima") == 0
    assert "warning" not in capsys.readouterr().out


def test_lessons_in_the_template_stay_clean_however_many(tmp_path: Path) -> None:
    goals = [f'Goal {n} with "quotes" \\ and more' for n in range(9)]
    questions = [f"Must-ask number {n}?" for n in range(9)]
    path = tmp_path / "t.toml"
    path.write_text(with_lessons(agenda_template(Person("Zoë"), "t.toml"), goals, questions))
    agenda = load_agenda(path)
    assert agenda.warnings == ()
    assert len(agenda.questions) == 13  # none added: they are comments
    text = path.read_text()
    assert text.count("# [[questions]]") == LESSONS_SHOWN
    assert with_lessons("format = 1\n", [], ["Q?"]).endswith('# text = "Q?"\n# priority = "must"\n')
    assert with_lessons("x", [], []) == "x"


def test_overview_kept_until_a_file_changes(filled: Workspace) -> None:
    from coffeechat.core.learning.memo import MEMO_NAME

    index = load_index(filled)
    made = learned(filled, index)
    assert (filled.cache / MEMO_NAME).is_file()
    (filled.cache / "learning.json").unlink()  # a kept overview reads no learning part
    assert learned(filled, index) == made
    assert not (filled.cache / "learning.json").exists()
    changed = sessions()[1]
    changed.goals[1].learned = True
    write(filled, changed)
    again = learned(filled, load_index(filled))
    assert again != made and not again.not_learned
    (filled.cache / MEMO_NAME).write_text('{"key": 1, "goals": [[', encoding="utf-8")
    assert learned(filled, load_index(filled)) == again
    data = json.loads((filled.cache / MEMO_NAME).read_text(encoding="utf-8"))
    data["goals"][0][1] = [3]
    (filled.cache / MEMO_NAME).write_text(json.dumps(data), encoding="utf-8")
    assert learned(filled, load_index(filled)) == again


def test_index_reads_the_learning_parts_in_the_same_read(filled: Workspace) -> None:
    from coffeechat.core.learning.record import learning_of, read_learning

    hand_edited = sessions()[2]
    path = filled.sessions / f"{hand_edited.id}.toml"
    path.write_text("# edited by hand\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    (filled.sessions / "2026-11-01-0900-broken.toml").write_text("format = 1\n[[", encoding="utf-8")
    plain = load_index(filled, use_cache=False)
    both = load_index(filled, use_cache=False, reader=read_learning)
    assert both.sessions == plain.sessions
    assert [d.name for d in both.damaged] == ["2026-11-01-0900-broken.toml"]
    assert set(both.extras) == {f"{s.id}.toml" for s in sessions()}
    assert both.extras[path.name] == learning_of(hand_edited.goals, hand_edited.questions)
    parallel = load_index(filled, use_cache=False, parallel_from=1, reader=read_learning)
    assert parallel.extras == both.extras
    assert load_learning(filled, both) == load_learning(filled, plain)


def test_a_goal_written_without_its_text_is_read_as_the_full_reader_reads_it(
    workspace: Workspace,
) -> None:
    from coffeechat.core.learning.learned import read_learning

    session = call("Ana Lima", 12)
    session.goals = [Goal(""), Goal("Whether my CV fits", True)]  # the writer leaves out ""
    write(workspace, session)
    plain = load_index(workspace, use_cache=False)
    both = load_index(workspace, use_cache=False, reader=read_learning)
    assert both.sessions == plain.sessions and not both.damaged
    assert both.extras[f"{session.id}.toml"].goals == (("", False), ("Whether my CV fits", True))
