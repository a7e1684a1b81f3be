"""The meeting block: who a call is with. An agenda's `[meeting]` table, which each
session made from the agenda copies whole, so it survives the agenda.

On its own (and loading no TOML parser) because the lists and the follow-up queue
show whom every past call was with, and load nothing of the agenda for it.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from coffeechat.core.toml.schema import FrozenRecord, key

Channel = Literal["phone", "video", "in-person"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)
WINDOW_KEYS = ("duration", "warn_at")
"""The keys of a [meeting] block that set the call's window: the agenda reads them,
a session (which copies the block) records the window in its own keys."""


@dataclass(frozen=True, eq=False, repr=False)
class Meeting(FrozenRecord):
    """Who the call is with, and how."""

    person: str = key(name="with", required=True)
    role: str = ""
    organization: str = ""
    referred_by: str = ""
    contact: str = ""
    channel: str = ""
    """One of `CHANNELS` in an agenda (the checker holds it to them), or empty."""
    scheduled: datetime | None = None
    person_id: str = key("", name="person")
    """The person file it is with (`people/<id>.toml`); older agendas have none."""
