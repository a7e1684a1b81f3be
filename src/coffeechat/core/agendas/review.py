"""The questions reviewed as the guides to informational interviews review them.

Every rule is one row of `RULES`: what it looks for, why the guides say so, and a
better phrasing. A question that breaks a rule, a missing kind of question, too many
of them or a closing with no ask for names is a *warning* (the agenda still runs),
placed at the question's `line:col` by the checker, with the better phrasing as its
hint. Each question gets at most one warning: the first rule of the table it breaks,
so the worst mistakes come first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from coffeechat.core.text.phrases import Phrase, phrase, words

if TYPE_CHECKING:
    from coffeechat.core.agendas.agenda import Agenda
    from coffeechat.core.toml.positions import KeyPath

MOST_QUESTIONS = 14
"""More questions than this do not fit a 15–30 minute conversation."""


class Rule(NamedTuple):
    """One piece of the guides' advice about questions.

    A rule looks at each question's words (`asks`, which also reads the opening and
    closing checklists when `checklists` is set) or at the agenda as a whole
    (`lacks`, true when the agenda breaks it).
    """

    name: str
    message: str
    """What is wrong, as the warning says it."""
    reason: str
    """Why the guides say so, in a few words after the message."""
    better: str
    """A better phrasing; `{org}` is the organisation's name (or "your organisation")."""
    asks: tuple[Phrase, ...] = ()
    """Phrases (see `core.text.phrases`) a question breaking the rule holds."""
    unless: tuple[Phrase, ...] = ()
    """Phrases that make a question holding `asks` all right after all."""
    lacks: Callable[[Agenda], bool] | None = None
    at: KeyPath = ("questions",)
    """Where the warning of a `lacks` rule is placed."""
    checklists: bool = False

    def broken_by(self, said: list[str]) -> bool:
        """Whether a question of these words breaks the rule."""
        found = any(p.found_in(said) for p in self.asks)
        return found and not any(p.found_in(said) for p in self.unless)


def _no_topic(topic: str) -> Callable[[Agenda], bool]:
    return lambda agenda: all(q.topic != topic for q in agenda.questions)


def _too_many(agenda: Agenda) -> bool:
    return len(agenda.questions) > MOST_QUESTIONS


def _phrases(*texts: str) -> tuple[Phrase, ...]:
    return tuple(phrase(text) for text in texts)


_NAMES = _phrases(
    "refer*",
    "introduc*",
    "name|names|people|someone|anyone|contact|contacts",
    "who else",
    "put me in touch",
    "connect me",
)
"""An item of the closing checklist that asks for the next people to talk to."""


def _no_ask_for_names(agenda: Agenda) -> bool:
    return not any(p.found_in(words(item)) for item in agenda.closing for p in _NAMES)


_OPENERS = (
    "do|does|did|don't|doesn't|didn't|is|isn't|are|aren't|was|were|am|can|could|would"
    "|will|won't|have|has|had|haven't|hasn't|should|shall|may|might|must"
)
_YES_NO = _phrases(f"^ {_OPENERS}")
"""A question opened like "Do you…?" or "Is it…?": it can be answered "yes" or "no"."""
_STORY = _phrases(
    "^ can|could|would|will you please? tell|walk|describe|share|explain|talk|give|say|help"
)
"""…but "Could you walk me through…?" and the like ask for a story."""

_JOBS = "job|jobs|position|positions|role|roles|internship|internships"
_JOB = _phrases(
    "hire|hiring me",
    "are|is you|they hiring|recruiting",
    "are|is your|the * hiring|recruiting",
    "you|they are hiring|recruiting",
    "you're|they're hiring|recruiting",
    "currently|still hiring|recruiting",
    "hiring right? now",
    "opening|openings|vacancy|vacancies",
    f"{_JOBS} are|is? open|available|going",
    f"any {_JOBS}",
    "a|an job|position|internship for me",
    "give|offer|get|find me a|an? job|position|internship|role|interview",
    "consider me",
    "put in a good? word",
    "ask for|about a|an? job|jobs|internship|position",
)
"""Asking for a job, or whether there is one."""

_CV = "résumé|resume|résume|resumé|résumés|resumes|cv|cvs"
_RESUME = _phrases(
    f"my|attached {_CV}",
    "my curriculum vitae",
    f"send|give|hand|show|share|bring|forward|attach you|them? a? copy? of? {_CV}",
)
"""Handing over your résumé or CV."""

_ORG = "company|companies|organization|organisation|firm|business|employer|agency|startup|org"
_WEBSITE = _phrases(
    f"what does|do your|the {_ORG} do|make|sell|offer",
    "how many employees|staff|offices|locations|customers|countries",
    f"how many people work at|for|in your|the {_ORG}",
    f"how big is your|the {_ORG}",
    "when was ... founded|established|started",
    "when did ... go public",
    "who founded|owns",
    "who is the ceo|founder|president",
    f"where is|are your|the|its {_ORG}|headquarters|office|offices",
    "what products|services do|does you|your|the|it",
    "what is your|the company's|organization's|organisation's|firm's mission|history|revenue",
)
"""Questions whose answer is on the organisation's website ("the company" also stands
for its name: see `_generic`)."""


RULES: tuple[Rule, ...] = (
    Rule(
        "job",
        "this asks for a job or about openings",
        "the mistake the guides call incurable (you asked for advice, not a job)",
        'ask how people get in: "How do people usually find their way into a role like yours?"',
        asks=_JOB,
        checklists=True,
    ),
    Rule(
        "resume",
        "this hands over your résumé",
        "it turns a conversation into an application",
        'send it only if they ask; ask instead: "What experience would make someone like me '
        'stand out?"',
        asks=_RESUME,
        checklists=True,
    ),
    Rule(
        "website",
        "the organisation's website answers this",
        "asking it shows you did not prepare",
        'note it in [prep] research; ask what only they know: "What is changing at {org} '
        "that people outside don't see yet?\"",
        asks=_WEBSITE,
    ),
    Rule(
        "yes-no",
        "a yes/no question",
        "it gets a one-word answer",
        "open it with what, how or why",
        asks=_YES_NO,
        unless=_STORY,
    ),
    Rule(
        "too-many",
        "{count} questions, more than a 15–30 minute call holds",
        "keep to the window they gave you",
        f'cut to {MOST_QUESTIONS} or fewer, or mark the extra ones priority = "nice"',
        lacks=_too_many,
        at=("questions", MOST_QUESTIONS),
    ),
    Rule(
        "role",
        'no question has topic = "role"',
        "their own work is what they know best",
        'add one, e.g. "What does a typical week look like for you?" with topic = "role"',
        lacks=_no_topic("role"),
    ),
    Rule(
        "organization",
        'no question has topic = "organization"',
        "how it works inside is what no website says",
        'add one, e.g. "How is your team organised, and who do you work with most '
        'closely?" with topic = "organization"',
        lacks=_no_topic("organization"),
    ),
    Rule(
        "names",
        "the closing checklist does not ask for people to talk to next",
        "that is how one conversation leads to the next",
        'add "Ask for two people I should talk to" to [closing] checklist',
        lacks=_no_ask_for_names,
        at=("closing", "checklist"),
    ),
)
"""Every rule, worst mistake first."""


class Finding(NamedTuple):
    """A rule an agenda breaks, where (the key path of the question or the list), the
    warning's words and the better phrasing."""

    rule: Rule
    path: KeyPath
    message: str
    hint: str


def review(agenda: Agenda) -> list[Finding]:
    """Every rule a valid `agenda` breaks: its questions, its checklists, then the whole
    (the paths count questions as the file does: every one of them was read)."""
    org = agenda.meeting.organization.strip()
    shown_org = org or "your organisation"
    items: list[tuple[KeyPath, str, bool]] = [
        (("questions", index, "text"), q.text, False) for index, q in enumerate(agenda.questions)
    ]
    for section, listed in (("opening", agenda.opening), ("closing", agenda.closing)):
        items += [((section, "checklist", i), item, True) for i, item in enumerate(listed)]
    found: list[Finding] = []
    for path, text, checklist in items:
        rule = broken_by(_generic(text, org), checklist)
        if rule is not None:
            hint = better_phrasing(rule, text, shown_org)
            found.append(Finding(rule, path, _words(rule, agenda), hint))
    for rule in RULES:
        if rule.lacks is not None and rule.lacks(agenda):
            hint = rule.better.format(org=shown_org)
            found.append(Finding(rule, rule.at, _words(rule, agenda), hint))
    return found


def broken_by(text: str, checklist: bool = False) -> Rule | None:
    """The first rule of the table a question's (or a checklist item's) text breaks."""
    said = words(text)
    for rule in RULES:
        if rule.asks and (rule.checklists or not checklist) and rule.broken_by(said):
            return rule
    return None


def better_phrasing(rule: Rule, text: str, org: str) -> str:
    """The hint for `text` breaking `rule`: the question reworded where that is sure,
    else the rule's own better phrasing."""
    if rule.name == "yes-no":
        reworded = reword_yes_no(text)
        if reworded is not None:
            return f'try: "{reworded}"'
        return f'{rule.better}: "What do you enjoy most about your job?", not "Do you like it?"'
    return rule.better.format(org=org)


_REWORDINGS: tuple[tuple[str, str], ...] = (
    (r"^(?:do|did) you (?:like|enjoy|love) (.+?)\??$", r"What do you enjoy most about \1?"),
    (
        r"^(?:do|would) you have any (advice|tips|suggestions)(?: for| to)? (.+?)\??$",
        r"What \1 would you give \2?",
    ),
    (
        r"^(?:is|was) it (hard|difficult|easy|stressful|fun) to (.+?)\??$",
        r"What makes it \1 to \2?",
    ),
    (r"^(?:is|are) there any (.+?)\??$", r"What \1 are there?"),
    (r"^do you (?!have|know|need|want)(.+?)\??$", r"How do you \1?"),
    (r"^does (your \w+) (.+?)\??$", r"How does \1 \2?"),
    (r"^did you always (.+?)\??$", r"How did you come to \1?"),
    (r"^have you ever (.+?)\??$", r"What happened when you \1?"),
)
"""Sure rewordings of common yes/no openers (the first that matches is used)."""


def reword_yes_no(text: str) -> str | None:
    """An open version of a yes/no question, for the openers `_REWORDINGS` knows."""
    plain = " ".join(text.split())
    for pattern, open_form in _REWORDINGS:
        match = re.match(pattern, plain, re.IGNORECASE)  # compiled (and cached) when needed
        if match:
            reworded = match.expand(open_form)
            return reworded[0].upper() + reworded[1:]
    return None


def _generic(text: str, org: str) -> str:
    """The text with the organisation's own name read as "the company", so that "What
    does Acme Health do?" is seen for what it is."""
    folded = text.casefold()
    return folded.replace(org.casefold(), "the company") if org else folded


def _words(rule: Rule, agenda: Agenda) -> str:
    message = rule.message.format(count=len(agenda.questions))
    return f"{message}: {rule.reason}"
