"""The agenda format: what a person prepares for a call, and the words its keys take.

An agenda is written by hand (`coffeechat new` starts one from a commented
template), so it is read by `checker`, which reports every problem at its
`path:line:col` and warns about what a 15–30 minute call cannot hold. This module
holds what the agenda *is*: its kinds as typed constants (the topics, priorities and
channels, which a session copies from it), the meeting block a session copies whole,
and the objects a checked agenda becomes. It loads no TOML parser, so the lists and
the queue can use `Meeting` at no cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from coffeechat.core.agendas.durations import DEFAULT_DURATION, DEFAULT_WARN_AT
from coffeechat.core.toml.schema import key

if TYPE_CHECKING:
    from coffeechat.core.problems import Problem

FORMAT = 1
Topic = Literal["role", "organization", "industry", "path", "advice", "other"]
TOPICS: tuple[Topic, ...] = get_args(Topic)
Priority = Literal["must", "should", "nice"]
PRIORITIES: tuple[Priority, ...] = get_args(Priority)
"""Most important first."""
Channel = Literal["phone", "video", "in-person"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)

WINDOW_KEYS = ("duration", "warn_at")
"""The keys of a [meeting] block that set the call's window: the agenda reads them,
a session (which copies the block) records the window in its own keys."""
DEFAULT_OPENING = ("Thank them for their time", "Say who referred you", "State the purpose")
DEFAULT_CLOSING = (
    "Ask for two people I should talk to",
    "Ask permission to follow up",
    "Thank them",
)


@dataclass(frozen=True)
class Meeting:
    """Who the call is with: the agenda's [meeting] block, which a session copies."""

    person: str = key(name="with", required=True)
    role: str = ""
    organization: str = ""
    referred_by: str = ""
    contact: str = ""
    channel: str = ""
    """One of `CHANNELS` in an agenda (the checker holds it to them), or empty."""
    scheduled: datetime | None = None


@dataclass(frozen=True)
class Question:
    """One question to ask, with its priority and optional time budget."""

    text: str
    topic: Topic = "other"
    priority: Priority = "should"
    minutes: float | None = None

    @property
    def budget_seconds(self) -> int | None:
        """The budget in seconds, if the question has one."""
        return None if self.minutes is None else round(self.minutes * 60)


@dataclass(frozen=True)
class Agenda:
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
