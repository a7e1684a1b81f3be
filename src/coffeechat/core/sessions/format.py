"""The session format: the record of one call, written by the app, one TOML file per call.

This module is the one definition of a session file: its tables and fields (the
dataclasses below, whose types say each value's kind, see `toml.schema`), the words
of its states and kinds as typed constants, and the version. Everything else about
the format is derived from it: the writer (`to_toml`), the reader and validator
(`read_session`, which reports a damaged file by name with the reason), the summary
and the fast reader of the app's own layout (`summary`, `skim`), and the version of
the summaries' cache (`cache`).

A session stands alone: the agenda's meeting block and questions are copied in, so it
survives the agenda being edited or deleted. Once the wrap-up has been opened, the
file also holds it as typed: one `[[wrapup]]` table per proposed follow-up (`id`,
`keep`, and `when`, the date as typed), after everything else, so that a quit, a
signal or a crash there resumes into the same wrap-up (and going back to the call and
ending it again shows it as left). The goals ticked are kept in `[[goals]]` as they
are ticked, and the opening and closing checklists, copied from the agenda, in
`[[checklist]]` with each item's tick as it is ticked during the call. Saving the
wrap-up turns the proposals into `[[followups]]` and drops the `[[wrapup]]` tables: a
completed session never has them. These are additions to format 1; a file without
them reads as before.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from coffeechat.core.agendas.meeting import WINDOW_KEYS, Meeting
from coffeechat.core.agendas.questions import Priority, Topic
from coffeechat.core.files.names import session_id
from coffeechat.core.files.regular import MAX_SESSION_BYTES, SESSION_FILE
from coffeechat.core.toml.schema import Record, key, table_of

if TYPE_CHECKING:
    from coffeechat.core.agendas.agenda import Agenda
    from coffeechat.core.toml.reading import TomlFile

FORMAT = 1
SessionStatus = Literal["in-progress", "completed", "abandoned"]
STATUSES: tuple[SessionStatus, ...] = get_args(SessionStatus)
QuestionState = Literal["pending", "answered", "skipped"]
QUESTION_STATES: tuple[QuestionState, ...] = get_args(QuestionState)
FollowUpKind = Literal["thank-you", "follow-up", "referral", "action"]
FOLLOWUP_KINDS: tuple[FollowUpKind, ...] = get_args(FollowUpKind)
ChecklistPart = Literal["opening", "closing"]
FollowUpState = Literal["open", "done", "dropped"]
FOLLOWUP_STATES: tuple[FollowUpState, ...] = get_args(FollowUpState)


@dataclass(eq=False, repr=False)
class SessionQuestion(Record):
    """A question as it went during the call."""

    text: str = key(required=True)
    topic: Topic = "other"
    priority: Priority = "should"
    minutes: float | None = key(None, hint="minutes, e.g. 3")
    status: QuestionState = "pending"
    seconds: int = 0
    starred: bool = key(False, omit_false=True)
    added: bool = key(False, omit_false=True)
    """True for a question that came up in the conversation, not from the agenda."""
    notes: str = ""


@dataclass(eq=False, repr=False)
class Goal(Record):
    """Something the person wanted to learn, and whether they did."""

    text: str
    learned: bool = False


@dataclass(eq=False, repr=False)
class ChecklistItem(Record):
    """One thing to do as the call opens or closes, and whether it was done."""

    part: ChecklistPart = key(required=True)
    text: str = ""  # as the agenda has it, which may be blank
    ticked: bool = False


@dataclass(eq=False, repr=False)
class Referral(Record):
    """Someone the person suggested talking to."""

    name: str = key(required=True)
    role: str = ""
    contact: str = ""
    note: str = ""


@dataclass(eq=False, repr=False)
class FollowUp(Record):
    """Something to do after the call; its address is `<session-id>/<id>`."""

    id: str = key(required=True, unique="follow-up")
    kind: FollowUpKind = key(absent="action")
    title: str = key(required=True)
    due: datetime = key(required=True, hint="when it is due, e.g. due = 2026-11-25T15:00:00-05:00")
    status: FollowUpState = "open"
    detail: str = ""
    snoozed_until: datetime | None = None
    """Hidden until then (`snooze` adds it at the end of its table, as it is written)."""


@dataclass(eq=False, repr=False)
class WrapUpChoice(Record):
    """What the wrap-up holds, not yet saved, for one proposed follow-up."""

    id: str = key(required=True)
    """The follow-up it would become (`thank-you`, `follow-up`, `referral-1`, ...)."""
    keep: bool = True
    when: str | None = None
    """The date as typed, understood or not (None for the thank-you: its time is fixed)."""


@dataclass(kw_only=True, eq=False, repr=False)
class Session(Record):
    """Everything about one call, its fields in the order the file holds them."""

    id: str = key(in_file=False)
    """The file's name without `.toml` (see `names.session_id`)."""
    agenda: str
    status: SessionStatus = "in-progress"
    started: datetime = key(required=True, hint="a session file records when the call started")
    ended: datetime | None = None
    planned_seconds: int = key(1, minimum=1)
    elapsed_seconds: int = 0
    paused_seconds: int = 0
    warn_at: tuple[int, ...] = key((), hint="seconds left, e.g. [300, 120]")
    current: int = 0
    meeting: Meeting = key(also=WINDOW_KEYS)
    general_notes: str = key("", name="notes.general")
    goals: list[Goal] = key(factory=list)
    checklist: list[ChecklistItem] = key(factory=list)
    questions: list[SessionQuestion] = key(factory=list)
    referrals: list[Referral] = key(factory=list)
    followups: list[FollowUp] = key(factory=list)
    wrapup: list[WrapUpChoice] = key(factory=list)
    """The wrap-up as typed while it is open (empty once the session is completed)."""


def new_session(agenda: "Agenda", agenda_ref: str, started: datetime, planned: int) -> Session:
    """A fresh in-progress session for a call from `agenda` starting now."""
    from coffeechat.core.call.clock import fit_warnings

    return Session(
        id=session_id(started, agenda.meeting.person),
        agenda=agenda_ref,
        meeting=agenda.meeting,
        started=started,
        planned_seconds=planned,
        warn_at=fit_warnings(agenda.warn_at, planned).kept,
        questions=[
            SessionQuestion(q.text, q.topic, q.priority, q.minutes) for q in agenda.questions
        ],
        goals=[Goal(text) for text in agenda.learn],
        checklist=checklist_of(agenda),
    )


def checklist_of(agenda: "Agenda") -> list[ChecklistItem]:
    """The agenda's opening and closing checklists, nothing ticked."""
    return [ChecklistItem("opening", text) for text in agenda.opening] + [
        ChecklistItem("closing", text) for text in agenda.closing
    ]


def to_toml(session: Session) -> str:
    """The session file's text."""
    from coffeechat.core.toml.writing import document

    return document(session, table_of(Session), FORMAT)


def read_session(path: Path, display: str | None = None) -> Session:
    """Read and validate a session file; `InputError` says what is wrong with it, and
    refuses a sync tool's conflict copy (see `syncconflicts`)."""
    from coffeechat.core.files import syncconflicts
    from coffeechat.core.problems import InputError
    from coffeechat.core.toml.reading import read_bytes

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
    """Validate session bytes already read from `path` (tomllib, then every key)."""
    from coffeechat.core.toml.reading import parse_toml

    file = parse_toml(raw, display if display is not None else str(path), MAX_SESSION_BYTES)
    return check_session(file, path.stem)


def check_session(file: "TomlFile", session_id: str) -> Session:
    """The session a parsed file holds; `InputError` names every problem in it."""
    from coffeechat.core.toml.validation import Validator

    check = Validator(file)
    if file.data.get("format") != FORMAT:
        check.report(("format",), f"expected format = {FORMAT}", "is this a session file?")
    session: Session = check.record(table_of(Session), file.data, (), ("format",), id=session_id)
    if check.has_errors():
        raise check.fail()
    return session
