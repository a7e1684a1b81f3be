"""The questions reviewed as the guides review them: each rule fires on a bad phrasing
and stays quiet on good ones, the warnings are placed at the question, and the
template `new` writes passes clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import load_agenda, parse_agenda
from coffeechat.core.agendas.review import RULES, broken_by, reword_yes_no
from coffeechat.core.agendas.template import EXAMPLE, Person, agenda_template
from coffeechat.core.files.workspace import Workspace

QUESTIONS: list[tuple[str, str | None]] = [
    # yes/no questions
    ("Do you like your job?", "yes-no"),
    ("Does your team work remotely?", "yes-no"),
    ("Is it hard to switch into design?", "yes-no"),
    ("Are there any downsides to the role?", "yes-no"),
    ("Can I shadow you for a day?", "yes-no"),
    ("Could this field use people like me?", "yes-no"),
    ("Would you recommend this career?", "yes-no"),
    ("Have you ever regretted the move?", "yes-no"),
    ("Will AI change your work?", "yes-no"),
    ("Did you always want to be a designer?", "yes-no"),
    ("What do you enjoy most about your job?", None),
    ("How did you get from where you started to where you are now?", None),
    ("Could you walk me through a typical week?", None),
    ("Can you tell me about a project you are proud of?", None),
    ("Why did you choose this field?", None),
    ("Tell me about the hardest part of the job.", None),
    ("Which skills matter most in your role?", None),
    # asking for a job, or about openings
    ("Are you hiring at the moment?", "job"),
    ("Is your team hiring?", "job"),
    ("What openings do you have?", "job"),
    ("Are there any positions open for me?", "job"),
    ("Could you give me a job?", "job"),
    ("What roles are available on your team right now?", "job"),
    ("Would you consider me for the internship?", "job"),
    ("How does hiring work on your team?", None),
    ("What would you look for in someone applying to a role like yours?", None),
    ("What would a job in your field look like five years from now?", None),
    ("How do people usually find their way into a role like yours?", None),
    # handing over a résumé or CV
    ("Could I send you my résumé?", "resume"),
    ("What do you think of my CV?", "resume"),
    ("Can I give you a copy of my resume?", "resume"),
    ("What makes a résumé stand out in your field?", None),
    ("What experience would make someone like me stand out?", None),
    # answered on the organisation's website
    ("What does your company do?", "website"),
    ("What does the organisation do exactly?", "website"),
    ("How many employees are there?", "website"),
    ("When was the company founded?", "website"),
    ("Who founded the firm?", "website"),
    ("Where is your headquarters located?", "website"),
    ("What products does your company sell?", "website"),
    ("What does a typical week look like for you?", None),
    ("How many people are on your team?", None),
    ("When did you start in this role?", None),
    ("What is changing at your company that outsiders don't see yet?", None),
]


@pytest.mark.parametrize(("text", "rule"), QUESTIONS)
def test_each_question_rule_fires_on_bad_phrasings_only(text: str, rule: str | None) -> None:
    broken = broken_by(text)
    assert (broken.name if broken else None) == rule


def test_a_question_naming_the_organisation_is_read_as_about_the_company() -> None:
    agenda = review_of(
        '[meeting]\nwith = "Ada"\norganization = "Acme Health"\n'
        '[[questions]]\ntext = "What does Acme Health do?"\ntopic = "role"\n'
    )
    assert ("website", 5, 8) in agenda


def test_every_rule_has_a_reason_and_a_better_phrasing() -> None:
    for rule in RULES:
        assert rule.reason and rule.better, rule.name
        assert bool(rule.asks) == (rule.lacks is None), rule.name


@pytest.mark.parametrize(
    ("question", "better"),
    [
        ("Do you like your job?", "What do you enjoy most about your job?"),
        (
            "Do you enjoy working with engineers?",
            "What do you enjoy most about working with engineers?",
        ),
        (
            "Do you have any advice for someone like me?",
            "What advice would you give someone like me?",
        ),
        ("Is it hard to move into design?", "What makes it hard to move into design?"),
        ("Does your team use Figma?", "How does your team use Figma?"),
        ("Did you always want to be a designer?", "How did you come to want to be a designer?"),
        ("Do you know anyone I should talk to?", None),  # no sure rewording: the hint is general
    ],
)
def test_yes_no_questions_get_an_open_rewording(question: str, better: str | None) -> None:
    assert reword_yes_no(question) == better


AGENDA_HEAD = '[meeting]\nwith = "Ada"\n'
ROLE = '[[questions]]\ntext = "What does a typical week look like?"\ntopic = "role"\n'
ORG = '[[questions]]\ntext = "How is your team organised?"\ntopic = "organization"\n'


def review_of(text: str) -> set[tuple[str, int, int]]:
    """The rules an agenda breaks, each by name at its line and column."""
    agenda = parse_agenda(text.encode(), "a.toml")
    out = set()
    for warning in agenda.warnings:
        name = next((r.name for r in RULES if warning.message.endswith(r.reason)), "other")
        out.add((name, warning.line, warning.col))
    return out


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        (AGENDA_HEAD + ORG, {("role", 3, 1)}),
        (AGENDA_HEAD + ROLE, {("organization", 3, 1)}),
        (AGENDA_HEAD + ROLE + ORG, set()),
        (
            AGENDA_HEAD + ROLE + ORG + '[closing]\nchecklist = ["Thank them"]\n',
            {("names", 10, 13)},
        ),
        (
            AGENDA_HEAD + ROLE + ORG + '[closing]\nchecklist = ["Ask who else I should meet"]\n',
            set(),
        ),
        (AGENDA_HEAD + ROLE + ORG + '[closing]\nchecklist = ["Ask for referrals"]\n', set()),
        (
            AGENDA_HEAD
            + ROLE
            + ORG
            + '[opening]\nchecklist = ["Ask if they are hiring", "Thank them"]\n',
            {("job", 10, 14)},
        ),
    ],
)
def test_agenda_rules_fire_on_what_the_agenda_lacks(
    text: str, broken: set[tuple[str, int, int]]
) -> None:
    assert review_of(text) == broken


def test_more_than_fourteen_questions_is_one_warning_at_the_fifteenth() -> None:
    extra = "".join(f'[[questions]]\ntext = "What is lesson {n}?"\n' for n in range(13))
    assert review_of(AGENDA_HEAD + ROLE + ORG + extra) == {("too-many", 3 + 3 + 3 + 2 * 12, 1)}
    assert review_of(AGENDA_HEAD + ROLE + ORG + extra.rsplit("[[", 1)[0]) == set()


def test_a_bad_question_is_warned_at_its_text_with_the_better_phrasing() -> None:
    agenda = parse_agenda(
        (AGENDA_HEAD + ROLE + ORG + '[[questions]]\ntext = "Do you like your job?"\n').encode(),
        "a.toml",
    )
    (warning,) = agenda.warnings
    assert warning.render() == (
        "a.toml:10:8: warning: a yes/no question: it gets a one-word answer (questions[3].text)\n"
        '  hint: try: "What do you enjoy most about your job?"'
    )
    assert warning.severity == "warning"


@pytest.mark.parametrize(
    "person", [EXAMPLE, Person("Zoë O'Neil"), Person("Sam", organization="Acme")]
)
def test_the_template_new_writes_passes_the_review_clean(tmp_path: Path, person: Person) -> None:
    path = tmp_path / "t.toml"
    path.write_text(agenda_template(person, "t.toml"))
    assert load_agenda(path).warnings == ()


async def test_home_e_says_the_agenda_is_ready_with_the_reviews_first_warning(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coffeechat.ui.app import CoffeechatApp
    from coffeechat.ui.widgets.agenda_list import AgendaList
    from tests.pilot_helpers import settle
    from tests.test_home import app_at_now, fake_editor, no_suspend

    yes_no = AGENDA_HEAD + ROLE + ORG + '[[questions]]\ntext = "Do you like your job?"\n'
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, yes_no))
    monkeypatch.setattr(CoffeechatApp, "suspend", lambda self: no_suspend())
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        CoffeechatApp, "notify", lambda _app, message, **kw: told.append((message, kw["severity"]))
    )
    app = app_at_now(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        agendas = app.screen.query_one(AgendaList)
        agendas.focus()
        await pilot.press("e")
        await pilot.pause()
    ((message, severity),) = told
    assert severity == "warning"
    assert message.startswith("jane-doe.toml is ready: Ada, with 1 warning")
    assert message.endswith(
        "Line 10: a yes/no question: it gets a one-word answer\n"
        'try: "What do you enjoy most about your job?"'
    )


LAZY = AGENDA_HEAD + ROLE + ORG + '[[questions]]\ntext = "What does your company do?"\n'


def test_check_and_edit_print_the_review_and_still_exit_0(
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.test_cli import fake_editor, run

    (workspace.agendas / "lazy.toml").write_text(LAZY)
    assert run(workspace, "check", "lazy") == 0
    out, err = capsys.readouterr()
    place = f"{workspace.display(workspace.agendas / 'lazy.toml')}:10:8: warning: "
    assert place + "the organisation's website answers this" in err
    assert 'ask what only they know: "What is changing at your organisation' in err
    assert out.endswith("3 questions (0 must), 1 warning\n")
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, LAZY))
    assert run(workspace, "edit", "jane-doe") == 0
    out, err = capsys.readouterr()
    assert "the organisation's website answers this" in err
    assert "1 warning" in out


def test_new_prints_the_review_of_what_it_wrote(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_cli import run

    monkeypatch.setattr(
        "coffeechat.core.agendas.template._TEMPLATE",
        AGENDA_HEAD.replace('"Ada"', "{name}")
        + ROLE
        + ORG
        + '[[questions]]\ntext = "Do you like it?"\n',
    )
    assert run(workspace, "new", "Ada") == 0
    assert "warning: a yes/no question" in capsys.readouterr().err
    monkeypatch.undo()
    assert run(workspace, "new", "Cy") == 0  # the real template: reviewed clean
    assert capsys.readouterr().err == ""
