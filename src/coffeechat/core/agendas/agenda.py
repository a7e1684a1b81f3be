"""The agenda format: what a person prepares for a call.

An agenda is written by hand (`coffeechat new` starts one from a commented
template), so it is read by `checker`, which reports every problem at its
`path:line:col` and warns about what a 15–30 minute call cannot hold. This module
holds what a checked agenda *is*; its two parts that sessions copy have modules of
their own, `meeting` (whom the call is with, and the channels) and `questions` (what
to ask, with the topics and priorities).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coffeechat.core.agendas.durations import DEFAULT_DURATION, DEFAULT_WARN_AT
from coffeechat.core.agendas.meeting import Meeting
from coffeechat.core.agendas.questions import Question
from coffeechat.core.toml.schema import FrozenRecord

if TYPE_CHECKING:
    from coffeechat.core.problems import Problem

FORMAT = 1
DEFAULT_OPENING = ("Thank them for their time", "Say who referred you", "State the purpose")
DEFAULT_CLOSING = (
    "Ask for two people I should talk to",
    "Ask permission to follow up",
    "Thank them",
)


@dataclass(frozen=True, eq=False, repr=False)
class Agenda(FrozenRecord):
    """A validated agenda; `duration` and `warn_at` already have defaults applied."""

    path: str
    meeting: Meeting
    questions: tuple[Question, ...]
    duration: int = DEFAULT_DURATION
    warn_at: tuple[int, ...] = DEFAULT_WARN_AT
    learn: tuple[str, ...] = ()
    pitch: str = ""
    research: str = ""
    reminders: tuple[str, ...] = ()
    opening: tuple[str, ...] = DEFAULT_OPENING
    closing: tuple[str, ...] = DEFAULT_CLOSING
    followup_after: str | None = None
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def name(self) -> str:
        """The agenda's short name: its file name without `.toml`."""
        return Path(self.path).stem


def load_agenda(
    path: Path | str,
    display: str | None = None,
    default_duration: int = DEFAULT_DURATION,
    default_warn_at: tuple[int, ...] = DEFAULT_WARN_AT,
) -> Agenda:
    """Read and check an agenda file; `InputError` lists every problem found."""
    from coffeechat.core.agendas.checker import check_agenda
    from coffeechat.core.toml.reading import read_toml

    file = read_toml(path, display, "an agenda file")
    return check_agenda(file, default_duration, default_warn_at)


def parse_agenda(
    raw: bytes,
    shown: str,
    default_duration: int = DEFAULT_DURATION,
    default_warn_at: tuple[int, ...] = DEFAULT_WARN_AT,
) -> Agenda:
    """Check agenda bytes already in memory, named `shown` in any problem."""
    from coffeechat.core.agendas.checker import check_agenda
    from coffeechat.core.toml.reading import parse_toml

    return check_agenda(parse_toml(raw, shown), default_duration, default_warn_at)
