"""The follow-up queue: what to do after your calls, and when, from the session files.

It is a pure function of the sessions and the time now. Only open items count
(done and dropped ones are history). An item is *overdue* once its due moment has
passed, *today* if it falls due later today, *week* if it falls due within the next
six days, and *later* after that. A snoozed item stays hidden until `snoozed_until`
(like taskwarrior's `wait`), then comes back with its own due date unchanged.

A follow-up's address is `<session-id>/<followup-id>`. A referral item carries who
referred you (the person you talked with), whom to reach and what to say; a
thank-you, the words to open it with. Done and dropped items are left out of the
queue, but a calendar export lists them as such (`closed_items`), so that a
calendar that imported them open marks them done.
The items about people (try someone else, nudge, prepare, check in:
`core.people.items`) join the queue through `with_people`, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from coffeechat.core.files.names import check_session_id, is_id, slugify
from coffeechat.core.problems import InputError

if TYPE_CHECKING:
    from coffeechat.core.people.items import PersonItem
    from coffeechat.core.sessions.format import FollowUp, Referral
    from coffeechat.core.sessions.summary import SessionSummary

BUCKETS = ("overdue", "today", "week", "later")
"""The queue's groups, most urgent first."""
HEADINGS = {
    "overdue": "Overdue",
    "today": "Due today",
    "week": "This week",
    "later": "Later",
}
DUE_CHOICES = {"today": BUCKETS[:2], "week": BUCKETS[:3], "all": BUCKETS}
"""What `--due today|week|all` shows: overdue items are always included."""
WEEK_DAYS = 7
ADDRESS_EXAMPLE = "2026-11-24-1501-jane-doe/thank-you"
WRAPUP_NOTES = {
    "referral": "Referred by ",
    "thank-you": "Mention one specific thing they said.",
}
"""How the details the wrap-up writes begin: a referral's repeats whom to reach and
who sent you (shown beside it), a thank-you's is advice, not words to say."""


@dataclass(frozen=True)
class QueueItem:
    """One open follow-up as the queue shows it."""

    session: SessionSummary
    followup: FollowUp
    due: datetime
    """The due moment with a UTC offset (a time written without one is taken as local)."""
    bucket: str
    snoozed_until: datetime | None
    """Set only while the item is snoozed (shown only when asked for)."""
    referral: Referral | None = None
    """For a referral item: the person to reach."""

    @cached_property
    def address(self) -> str:
        """`<session-id>/<followup-id>`: what `done` and `snooze` take (made once: the
        queue sorts and lists thousands of items by it)."""
        return f"{self.session.id}/{self.followup.id}"

    @property
    def title(self) -> str:
        """What to do."""
        return self.followup.title

    @property
    def kind(self) -> str:
        """thank-you, follow-up, referral or action."""
        return self.followup.kind

    @property
    def person(self) -> str:
        """Whom the call was with (for a referral: who referred you)."""
        return self.session.meeting.person

    @property
    def organization(self) -> str:
        """Where the person the call was with works."""
        return self.session.meeting.organization

    @property
    def say(self) -> str:
        """The words to say: a referral's note, or a thank-you's opening ("" for the
        other kinds, and for a referral whose person is not in the session)."""
        if self.referral is not None:
            return self.referral.note
        if self.kind == "thank-you":
            first = self.person.split()[0] if self.person.split() else ""
            return f"Thank you for taking the time to talk with me, {first}." if first else ""
        return ""

    @property
    def status(self) -> str:
        """The follow-up's state: open, done or dropped."""
        return self.followup.status

    @property
    def note(self) -> str:
        """The item's own detail, a note to self ("" for the ones the wrap-up wrote for a
        referral or a thank-you: `say` has the words instead)."""
        detail = self.followup.detail.strip()
        written = detail.startswith(WRAPUP_NOTES.get(self.kind, "\0"))
        if written and (self.referral is not None or self.kind == "thank-you"):
            return ""
        return detail


class Queue(NamedTuple):
    """The open follow-ups in order (most urgent first), and how many are snoozed."""

    items: tuple[QueueItem, ...]
    snoozed: int
    """Open items hidden because they are snoozed (counted even when shown)."""
    people: tuple[PersonItem, ...] = ()
    """The items about people (`core.people.items`), when asked for (`with_people`)."""

    def in_buckets(self, buckets: Iterable[str]) -> tuple[QueueItem | PersonItem, ...]:
        """Only the items in `buckets`, the sessions' and the people's in one order
        (snoozed ones, when shown, go by their due)."""
        wanted = set(buckets)
        found: list[QueueItem | PersonItem] = [i for i in self.items if i.bucket in wanted]
        if self.people:
            found += [i for i in self.people if i.bucket in wanted]
            found.sort(key=_order)
        return tuple(found)


def _order(item: QueueItem | PersonItem) -> tuple[int, datetime, str]:
    return (BUCKETS.index(item.bucket), item.due, item.address)


def with_people(queue: Queue, items: Iterable[PersonItem], snoozed: int) -> Queue:
    """`queue` with the items about people (and how many of them are snoozed)."""
    people = tuple(sorted(items, key=_order))
    return Queue(queue.items, queue.snoozed + snoozed, people)


def build_queue(
    sessions: Iterable[SessionSummary], now: datetime, include_snoozed: bool = False
) -> Queue:
    """The queue as it stands at `now` (an aware datetime)."""
    today = now.date()
    items: list[QueueItem] = []
    snoozed = 0
    for session in sessions:
        for followup in session.followups:
            if followup.status != "open":
                continue
            until = snoozed_at(followup.snoozed_until, now)
            if until is not None:
                snoozed += 1
                if not include_snoozed:
                    continue
            items.append(_item(session, followup, now, today, until))
    order = {bucket: number for number, bucket in enumerate(BUCKETS)}
    items.sort(key=lambda item: (order[item.bucket], item.due, item.address))
    return Queue(tuple(items), snoozed)


def closed_items(sessions: Iterable[SessionSummary], now: datetime) -> tuple[QueueItem, ...]:
    """The done and dropped follow-ups, in the order of their due moments (their
    bucket is that of their due, as if still open: they are listed only in a calendar)."""
    today = now.date()
    items = [
        _item(session, followup, now, today, None)
        for session in sessions
        for followup in session.followups
        if followup.status != "open"
    ]
    return tuple(sorted(items, key=lambda item: (item.due, item.address)))


def _item(
    session: SessionSummary,
    followup: FollowUp,
    now: datetime,
    today: date,
    snoozed_until: datetime | None,
) -> QueueItem:
    """The queue's item for one follow-up of `session` at `now`."""
    due = _aware(followup.due, now.tzinfo) or now
    return QueueItem(
        session=session,
        followup=followup,
        due=due,
        bucket=bucket_of(due, now, today),
        snoozed_until=snoozed_until,
        referral=referral_for(followup, session.referrals),
    )


def bucket_of(due: datetime, now: datetime, today: date | None = None) -> str:
    """Which group an item due at `due` falls in at `now`."""
    today = today or now.date()
    if due <= now:
        return "overdue"
    day = due.astimezone(now.tzinfo).date()
    if day == today:
        return "today"
    if day < today + timedelta(days=WEEK_DAYS):
        return "week"
    return "later"


def snoozed_at(until: datetime | None, now: datetime) -> datetime | None:
    """When a snooze that ends at `until` ends, if it is still on at `now`; else None."""
    until = _aware(until, now.tzinfo)
    return until if until is not None and until > now else None


def _aware(moment: datetime | None, zone: tzinfo | None) -> datetime | None:
    """A moment with an offset; one written without is taken as local time."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=zone)


def referral_for(followup: FollowUp, referrals: Iterable[Referral]) -> Referral | None:
    """The referral a referral item is about: named in its title, detail or id."""
    if followup.kind != "referral":
        return None
    people = list(referrals)
    words = f"{followup.title} {followup.detail}".casefold()
    for person in people:
        if person.name.strip() and person.name.strip().casefold() in words:
            return person
    for person in people:
        slug = slugify(person.name)
        if slug and (followup.id == slug or followup.id.endswith(f"-{slug}")):
            return person
    return people[0] if len(people) == 1 else None


# --- addresses -------------------------------------------------------------------


def parse_address(text: str, source: str = "ID") -> tuple[str, str]:
    """(session id, follow-up id) from `<session-id>/<followup-id>`; refuses anything else."""
    session_id, slash, followup_id = text.partition("/")
    if not slash or not is_id(followup_id):
        raise InputError.at(
            source,
            f"{text!r} is not a follow-up id",
            f"ids look like {ADDRESS_EXAMPLE}; see them with: coffeechat followups",
            line=0,
            col=0,
        )
    return check_session_id(session_id, source), followup_id


def snooze_until(phrase: str, now: datetime, source: str = "WHEN") -> datetime:
    """The moment a snooze typed as `phrase` ends: that day's morning; never in the past."""
    from coffeechat.core.queue import dates  # the date grammar, needed by `snooze` alone

    day = dates.parse_date(phrase, now.date(), source)
    if day < now.date():
        raise InputError.at(
            source,
            f"{phrase.strip()!r} is {dates.describe(day, now.date())}, in the past",
            "snooze until today or a later date",
            line=0,
            col=0,
        )
    return dates.at_morning(day, now.tzinfo)
