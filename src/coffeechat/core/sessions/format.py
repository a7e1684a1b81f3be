"""A session: the record of one call, written by the app, one TOML file per call.

It stands alone (the agenda's meeting block and questions are copied in), so it
survives the agenda being edited or deleted. `to_toml` writes it by hand, fast and
readable; `read_session` parses it with `tomllib` and validates it, so a damaged
file is reported by name with the reason.

Once the wrap-up has been opened, the file also holds it as typed: one
`[[wrapup]]` table per proposed follow-up (`id`, `keep`, and `when`, the date as
typed), after everything else, so that a quit, a signal or a crash there resumes
into the same wrap-up (and going back to the call and ending it again shows it as
left). The goals ticked are kept in `[[goals]]` as they are ticked. Saving the
wrap-up turns the proposals into `[[followups]]` and drops the `[[wrapup]]` tables:
a completed session never has them, so the fast reader (`core.sessions.skim`) need not know
them. This is an addition to format 1; a file without them reads as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.core.agendas.agenda import MEETING_KEYS, PRIORITIES, TOPICS, Agenda, Meeting
from coffeechat.core.files import syncconflicts
from coffeechat.core.files.names import check_session_id as check_session_id
from coffeechat.core.files.names import session_id as session_id
from coffeechat.core.files.regular import MAX_SESSION_BYTES, SESSION_FILE
from coffeechat.core.problems import InputError, quoted
from coffeechat.core.sessions.records import FollowUp as FollowUp
from coffeechat.core.sessions.records import Referral as Referral
from coffeechat.core.toml import writing
from coffeechat.core.toml.reading import TomlFile, parse_toml, read_bytes
from coffeechat.core.toml.validation import Validator

if TYPE_CHECKING:
    from coffeechat.core.toml.positions import KeyPath

FORMAT = 1
STATUSES = ("in-progress", "completed", "abandoned")
QUESTION_STATES = ("pending", "answered", "skipped")
FOLLOWUP_KINDS = ("thank-you", "follow-up", "referral", "action")
FOLLOWUP_STATES = ("open", "done", "dropped")


@dataclass
class SessionQuestion:
    """A question as it went during the call."""

    text: str
    topic: str = "other"
    priority: str = "should"
    minutes: float | None = None
    status: str = "pending"
    seconds: int = 0
    starred: bool = False
    notes: str = ""
    added: bool = False
    """True for a question that came up in the conversation, not from the agenda."""


@dataclass
class Goal:
    """Something the person wanted to learn, and whether they did."""

    text: str
    learned: bool = False


@dataclass
class WrapUpChoice:
    """What the wrap-up holds, not yet saved, for one proposed follow-up."""

    id: str
    """The follow-up it would become (`thank-you`, `follow-up`, `referral-1`, ...)."""
    keep: bool = True
    when: str | None = None
    """The date as typed, understood or not (None for the thank-you: its time is fixed)."""


@dataclass
class Session:
    """Everything about one call."""

    id: str
    agenda: str
    meeting: Meeting
    started: datetime
    planned_seconds: int
    status: str = "in-progress"
    ended: datetime | None = None
    elapsed_seconds: int = 0
    paused_seconds: int = 0
    warn_at: tuple[int, ...] = ()
    current: int = 0
    questions: list[SessionQuestion] = field(default_factory=list)
    general_notes: str = ""
    referrals: list[Referral] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    wrapup: list[WrapUpChoice] = field(default_factory=list)
    """The wrap-up as typed while it is open (empty once the session is completed)."""


def new_session(agenda: Agenda, agenda_ref: str, started: datetime, planned: int) -> Session:
    """A fresh in-progress session for a call from `agenda` starting now."""
    return Session(
        id=session_id(started, agenda.meeting.person),
        agenda=agenda_ref,
        meeting=agenda.meeting,
        started=started,
        planned_seconds=planned,
        warn_at=tuple(w for w in agenda.warn_at if w < planned),
        questions=[
            SessionQuestion(q.text, q.topic, q.priority, q.minutes) for q in agenda.questions
        ],
        goals=[Goal(text) for text in agenda.learn],
    )


# --- writing ----------------------------------------------------------------------


def to_toml(session: Session) -> str:
    """The session file's text."""
    meeting = session.meeting
    lines = [
        f"format = {FORMAT}",
        *writing.pairs(
            {
                "agenda": session.agenda,
                "status": session.status,
                "started": session.started,
                "ended": session.ended,
                "planned_seconds": session.planned_seconds,
                "elapsed_seconds": session.elapsed_seconds,
                "paused_seconds": session.paused_seconds,
                "warn_at": list(session.warn_at),
                "current": session.current,
            }
        ),
        "",
        "[meeting]",
        *writing.pairs(
            {
                "with": meeting.person,
                "role": meeting.role,
                "organization": meeting.organization,
                "referred_by": meeting.referred_by,
                "contact": meeting.contact,
                "channel": meeting.channel,
                "scheduled": meeting.scheduled,
            }
        ),
    ]
    if session.general_notes:
        lines += ["", "[notes]", *writing.pairs({"general": session.general_notes})]
    for goal in session.goals:
        lines += ["", "[[goals]]", *writing.pairs({"text": goal.text, "learned": goal.learned})]
    for question in session.questions:
        lines += [
            "",
            "[[questions]]",
            *writing.pairs(
                {
                    "text": question.text,
                    "topic": question.topic,
                    "priority": question.priority,
                    "minutes": question.minutes,
                    "status": question.status,
                    "seconds": question.seconds,
                    "starred": question.starred or None,
                    "added": question.added or None,
                    "notes": question.notes,
                }
            ),
        ]
    for referral in session.referrals:
        lines += ["", "[[referrals]]", *writing.pairs(referral.__dict__)]
    for item in session.followups:
        lines += ["", "[[followups]]", *writing.pairs(item.__dict__)]
    for choice in session.wrapup:
        lines += ["", "[[wrapup]]", *writing.pairs(choice.__dict__)]
    return "\n".join(lines) + "\n"


# --- reading ----------------------------------------------------------------------

_KEYS: dict[str, tuple[str, ...]] = {
    "": (
        "format",
        "agenda",
        "status",
        "started",
        "ended",
        "planned_seconds",
        "elapsed_seconds",
        "paused_seconds",
        "warn_at",
        "current",
        "meeting",
        "notes",
        "goals",
        "questions",
        "referrals",
        "followups",
        "wrapup",
    ),
    "meeting": MEETING_KEYS,
    "notes": ("general",),
    "goals": ("text", "learned"),
    "questions": (
        "text",
        "topic",
        "priority",
        "minutes",
        "status",
        "seconds",
        "starred",
        "added",
        "notes",
    ),
    "referrals": ("name", "role", "contact", "note"),
    "followups": ("id", "kind", "title", "due", "status", "snoozed_until", "detail"),
    "wrapup": ("id", "keep", "when"),
}


def read_session(path: Path, display: str | None = None) -> Session:
    """Read and validate a session file; `InputError` says what is wrong with it, and
    refuses a sync tool's conflict copy (see `syncconflicts`)."""
    shown = display if display is not None else str(path)
    copy = syncconflicts.copy_of_file(path)
    if copy is not None:
        raise InputError([copy.problem(shown)])
    session = parse_session(read_bytes(path, shown, SESSION_FILE, MAX_SESSION_BYTES), path, shown)
    original = syncconflicts.onedrive_original(path.name, syncconflicts.beside(path))
    copy = syncconflicts.onedrive_copy(path.name, original, session.started, session.meeting.person)
    if copy is not None:
        raise InputError([copy.problem(shown)])
    return session


def parse_session(raw: bytes, path: Path, display: str | None = None) -> Session:
    """Validate session bytes already read from `path`."""
    file = parse_toml(raw, display if display is not None else str(path), MAX_SESSION_BYTES)
    return _SessionReader(file, path.stem).session()


class _SessionReader(Validator):
    def __init__(self, file: TomlFile, stem: str) -> None:
        super().__init__(file)
        self.stem = stem

    def session(self) -> Session:
        data = self.file.data
        self.unknown_keys(data, (), _KEYS[""])
        if data.get("format") != FORMAT:
            self.report(("format",), f"expected format = {FORMAT}", "is this a session file?")
        started = self.moment(data, ("started",))
        if started is None and "started" not in data:
            self.report((), "missing started", "a session file records when the call started")
        planned = self.integer(data, ("planned_seconds",), minimum=1)
        meeting_table = self.table(data, ("meeting",), _KEYS["meeting"])
        person = self.string(meeting_table, ("meeting", "with"), required=True)
        session = Session(
            id=self.stem,
            agenda=self.string(data, ("agenda",)) or "",
            meeting=Meeting(
                person=person or "",
                role=self.text(meeting_table, ("meeting", "role")),
                organization=self.text(meeting_table, ("meeting", "organization")),
                referred_by=self.text(meeting_table, ("meeting", "referred_by")),
                contact=self.text(meeting_table, ("meeting", "contact")),
                channel=self.text(meeting_table, ("meeting", "channel")),
                scheduled=self.moment(meeting_table, ("meeting", "scheduled")),
            ),
            started=started or datetime.min,
            planned_seconds=planned or 1,
            status=self.choice(data, ("status",), STATUSES, "in-progress"),
            ended=self.moment(data, ("ended",)),
            elapsed_seconds=self.integer(data, ("elapsed_seconds",)) or 0,
            paused_seconds=self.integer(data, ("paused_seconds",)) or 0,
            warn_at=self.seconds_list(data, ("warn_at",)),
            current=self.integer(data, ("current",)) or 0,
            general_notes=self.text(
                self.table(data, ("notes",), _KEYS["notes"]), ("notes", "general")
            ),
            goals=[self.goal(t, p) for t, p in self.tables(data, "goals")],
            questions=[self.question(t, p) for t, p in self.tables(data, "questions")],
            referrals=[self.referral(t, p) for t, p in self.tables(data, "referrals")],
            followups=[self.followup(t, p) for t, p in self.tables(data, "followups")],
            wrapup=[self.wrapup_choice(t, p) for t, p in self.tables(data, "wrapup")],
        )
        self.unique_ids(session.followups)
        if self.has_errors():
            raise self.fail()
        return session

    def unique_ids(self, followups: list[FollowUp]) -> None:
        """Report each follow-up whose id an earlier one has: its address would name two."""
        first: dict[str, int] = {}
        for index, item in enumerate(followups):
            if item.id in first:
                line = self.file.where.value(("followups", first[item.id], "id")).line
                self.report(
                    ("followups", index, "id"),
                    f"the follow-up id {quoted(item.id)} is already used at line {line}",
                    "give each [[followups]] table its own id",
                )
            elif item.id:
                first[item.id] = index

    def text(self, table: Mapping[str, Any], path: KeyPath) -> str:
        return self.string(table, path) or ""

    def flag(self, table: Mapping[str, Any], path: KeyPath) -> bool:
        return bool(self.typed(table, path, bool, "a boolean", "true or false"))

    def seconds_list(self, table: Mapping[str, Any], path: KeyPath) -> tuple[int, ...]:
        items = self.typed(table, path, list, "an array of integers", "e.g. [300, 120]")
        if items is None:
            return ()
        if not all(isinstance(i, int) and not isinstance(i, bool) for i in items):
            self.report(path, "expected an array of integers", "seconds left, e.g. [300, 120]")
            return ()
        return tuple(items)

    def tables(self, data: Mapping[str, Any], name: str) -> list[tuple[Mapping[str, Any], KeyPath]]:
        items = data.get(name, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.wrong_type((name,), items, "an array of tables", f"[[{name}]] sections")
            return []
        out: list[tuple[Mapping[str, Any], KeyPath]] = []
        for index, table in enumerate(items):
            self.unknown_keys(table, (name, index), _KEYS[name])
            out.append((table, (name, index)))
        return out

    def goal(self, table: Mapping[str, Any], path: KeyPath) -> Goal:
        return Goal(self.text(table, path + ("text",)), self.flag(table, path + ("learned",)))

    def question(self, table: Mapping[str, Any], path: KeyPath) -> SessionQuestion:
        return SessionQuestion(
            text=self.string(table, path + ("text",), required=True) or "",
            topic=self.choice(table, path + ("topic",), TOPICS, "other"),
            priority=self.choice(table, path + ("priority",), PRIORITIES, "should"),
            minutes=self.number(table, path + ("minutes",), "minutes, e.g. 3"),
            status=self.choice(table, path + ("status",), QUESTION_STATES, "pending"),
            seconds=self.integer(table, path + ("seconds",)) or 0,
            starred=self.flag(table, path + ("starred",)),
            added=self.flag(table, path + ("added",)),
            notes=self.text(table, path + ("notes",)),
        )

    def referral(self, table: Mapping[str, Any], path: KeyPath) -> Referral:
        return Referral(
            name=self.string(table, path + ("name",), required=True) or "",
            role=self.text(table, path + ("role",)),
            contact=self.text(table, path + ("contact",)),
            note=self.text(table, path + ("note",)),
        )

    def wrapup_choice(self, table: Mapping[str, Any], path: KeyPath) -> WrapUpChoice:
        keep = self.typed(table, path + ("keep",), bool, "a boolean", "true or false")
        return WrapUpChoice(
            id=self.string(table, path + ("id",), required=True) or "",
            keep=True if keep is None else keep,
            when=self.string(table, path + ("when",)),
        )

    def followup(self, table: Mapping[str, Any], path: KeyPath) -> FollowUp:
        due = self.moment(table, path + ("due",))
        if due is None and "due" not in table:
            self.report(path, "missing due", "when it is due, e.g. due = 2026-11-25T15:00:00-05:00")
        return FollowUp(
            id=self.string(table, path + ("id",), required=True) or "",
            kind=self.choice(table, path + ("kind",), FOLLOWUP_KINDS, "action"),
            title=self.string(table, path + ("title",), required=True) or "",
            due=due or datetime.min,
            status=self.choice(table, path + ("status",), FOLLOWUP_STATES, "open"),
            snoozed_until=self.moment(table, path + ("snoozed_until",)),
            detail=self.text(table, path + ("detail",)),
        )
