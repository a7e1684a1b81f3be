"""An agenda's questions: what to ask, about what (its topic) and how much it matters
(its priority). A session copies each one, with its topic and priority, and adds how
it went (see `sessions.format.SessionQuestion`).
"""

from dataclasses import dataclass
from typing import Literal, get_args

from coffeechat.core.toml.schema import FrozenRecord

Topic = Literal["role", "organization", "industry", "path", "advice", "other"]
TOPICS: tuple[Topic, ...] = get_args(Topic)
Priority = Literal["must", "should", "nice"]
PRIORITIES: tuple[Priority, ...] = get_args(Priority)
"""Most important first."""


@dataclass(frozen=True, eq=False, repr=False)
class Question(FrozenRecord):
    """One question to ask, with its priority and optional time budget."""

    text: str
    topic: Topic = "other"
    priority: Priority = "should"
    minutes: float | None = None

    @property
    def budget_seconds(self) -> int | None:
        """The budget in seconds, if the question has one."""
        return None if self.minutes is None else round(self.minutes * 60)
