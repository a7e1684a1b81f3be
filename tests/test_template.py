"""The agenda template teaches preparation and is itself a clean agenda."""

from __future__ import annotations

from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.agendas.template import Person, agenda_slug, agenda_template
from coffeechat.core.files.names import slugify
from coffeechat.core.problems import InputError


def test_template_is_valid_with_no_warnings(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text(agenda_template(Person('Zoë "Z" O\'Neil \\ Test'), "t.toml"))
    agenda = load_agenda(path)
    assert agenda.warnings == ()
    assert agenda.meeting.person == 'Zoë "Z" O\'Neil \\ Test'
    assert 12 <= len(agenda.questions) <= 14
    assert {q.topic for q in agenda.questions} >= {"role", "organization", "industry", "path"}
    assert {q.priority for q in agenda.questions} == {"must", "should", "nice"}
    assert any("referred" in item for item in agenda.opening)
    assert any("two people" in item for item in agenda.closing)
    assert any("follow up" in item for item in agenda.closing)
    assert agenda.learn and agenda.reminders


def test_slugs() -> None:
    assert slugify("Jane Doe") == "jane-doe"
    assert slugify("José Álvarez-Núñez") == "jose-alvarez-nunez"
    assert slugify("../../etc/passwd") == "etc-passwd"
    with pytest.raises(InputError):
        agenda_slug("李明")
