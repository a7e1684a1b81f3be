"""The agenda loader over folders of good and bad files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import DEFAULT_CLOSING, load_agenda
from coffeechat.core.problems import InputError

FIXTURES = Path(__file__).parent / "agendas"
BAD = sorted((FIXTURES / "bad").glob("*.toml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (\S*) \| (.+)$", re.MULTILINE)


def expectations(path: Path) -> list[tuple[int, int, str, str]]:
    text = path.read_bytes().decode("utf-8", "replace")
    if not text:
        return [(1, 1, "", "the file is empty")]
    found = [(int(a), int(b), key, msg) for a, b, key, msg in EXPECT.findall(text)]
    assert found, f"{path.name} has no '# expect:' line"
    return found


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_agenda_is_located(path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_agenda(path)
    problems = caught.value.errors
    for line, col, key, message in expectations(path):
        matching = [p for p in problems if message in p.message or message in p.hint]
        assert matching, f"no problem says {message!r}: {caught.value}"
        problem = matching[0]
        assert (problem.line, problem.col) == (line, col), problem.render()
        assert problem.key == key, problem.render()
        assert problem.render().startswith(f"{path}:{line}:{col}: ")


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InputError) as caught:
        load_agenda(FIXTURES / "bad" / "several-problems.toml")
    assert len(caught.value.errors) == 4


def test_full_agenda() -> None:
    agenda = load_agenda(FIXTURES / "good" / "full.toml")
    assert agenda.meeting.person == "Jane Doe"
    assert agenda.meeting.channel == "phone"
    assert agenda.meeting.scheduled is not None
    assert agenda.meeting.scheduled.utcoffset() is not None
    assert agenda.duration == 25 * 60
    assert agenda.warn_at == (300, 120)  # sorted, repeated one dropped
    assert [q.priority for q in agenda.questions] == ["must", "should"]
    assert agenda.questions[1].text == "How did you move from research to design?"
    assert agenda.questions[1].budget_seconds == 150
    assert agenda.research == "Led the intake redesign.\nMoved to design in 2021."
    assert agenda.opening == ("Thank them", "Say who referred you")
    assert agenda.followup_after == "3 weeks"
    (warning,) = agenda.warnings  # all it lacks is a question about the organisation
    assert warning.message.startswith('no question has topic = "organization"')


def test_minimal_agenda_gets_defaults() -> None:
    agenda = load_agenda(FIXTURES / "good" / "minimal.toml", default_duration=25 * 60)
    assert agenda.duration == 25 * 60
    assert agenda.warn_at == (300, 120)
    assert agenda.closing == DEFAULT_CLOSING
    assert agenda.questions[0].priority == "should"


def test_bom_and_crlf_are_accepted() -> None:
    agenda = load_agenda(FIXTURES / "good" / "bom-crlf.toml")
    assert agenda.meeting.person == "Bom Crlf"
    assert agenda.duration == 15 * 60


def test_warnings_do_not_stop_the_agenda() -> None:
    agenda = load_agenda(FIXTURES / "good" / "warnings.toml")
    messages = [w.message for w in agenda.warnings]
    assert any("outside the usual 15–30 minutes" in m for m in messages)
    assert any("at or past the 45m window" in m for m in messages)
    assert any("must-ask budgets add up to 50m" in m for m in messages)
    assert any("repeats question 1 (line 7)" in m for m in messages)
    assert agenda.warn_at == (300,)
    assert all(w.severity == "warning" for w in agenda.warnings)


def test_too_many_questions_warns_at_the_fifteenth(tmp_path: Path) -> None:
    questions = "".join(f'[[questions]]\ntext = "Question {n}?"\n' for n in range(16))
    path = tmp_path / "long.toml"
    path.write_text(f'[meeting]\nwith = "Ada"\n{questions}')
    agenda = load_agenda(path)
    (warning,) = [w for w in agenda.warnings if w.key.startswith("questions[")]
    assert "16 questions" in warning.message
    assert warning.line == 3 + 2 * 14


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_agenda(tmp_path / "nope.toml")


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_text("# padding padding padding\n" * 45_000)
    with pytest.raises(InputError, match="larger than 1 MB") as caught:
        load_agenda(path)
    assert (caught.value.problems[0].line, caught.value.problems[0].col) == (1, 1)


def test_organisation_is_read_as_organization_without_a_word(tmp_path: Path) -> None:
    path = tmp_path / "british.toml"
    path.write_text(
        'format = 1\n[meeting]\nwith = "Jane Doe"\norganisation = "Acme Health"\n'
        '[[questions]]\ntext = "How did you start?"\n'
    )
    agenda = load_agenda(path)
    assert agenda.meeting.organization == "Acme Health"
    assert [w for w in agenda.warnings if w.key != "questions"] == []  # only the review's


def test_the_template_comment_names_the_key_it_explains() -> None:
    from coffeechat.core.agendas.template import Person, agenda_template

    lines = agenda_template(Person(name="Jane Doe"), "agendas/jane-doe.toml").splitlines()
    key = next(n for n, line in enumerate(lines) if line.startswith("organization = "))
    assert "organization" in " ".join(lines[key - 2 : key])
    assert not [line for line in lines if line.startswith("#") and "organisation" in line]
