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
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coffeechat.core.agendas.agenda import Agenda
    from coffeechat.core.toml.positions import KeyPath

MOST_QUESTIONS = 14
"""More questions than this do not fit a 15–30 minute conversation."""


@dataclass(frozen=True)
class Rule:
    """One piece of the guides' advice about questions.

    A rule looks at each question's text (`asks`, which also reads the opening and
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
    asks: re.Pattern[str] | None = None
    lacks: Callable[[Agenda], bool] | None = None
    checklists: bool = False


def _no_topic(topic: str) -> Callable[[Agenda], bool]:
    return lambda agenda: all(q.topic != topic for q in agenda.questions)


def _too_many(agenda: Agenda) -> bool:
    return len(agenda.questions) > MOST_QUESTIONS


_NAMES = re.compile(
    r"\b(refer\w*|introduc\w*|names?|people|someone|anyone|who else|contacts?"
    r"|put me in touch|connect me)\b",
    re.IGNORECASE,
)
"""An item of the closing checklist that asks for the next people to talk to."""


def _no_ask_for_names(agenda: Agenda) -> bool:
    return not any(_NAMES.search(item) for item in agenda.closing)


_YES_NO = re.compile(
    r"^\W*(?!(?:can|could|would|will) you (?:please )?(?:tell|walk|describe|share|explain"
    r"|talk|give|say|help me understand)\b)"
    r"(do|does|did|don't|doesn't|didn't|is|isn't|are|aren't|was|were|am|can|could|would"
    r"|will|won't|have|has|had|haven't|hasn't|should|shall|may|might|must)\b",
    re.IGNORECASE,
)
"""A question opened like "Do you…?" or "Is it…?": it can be answered "yes" or "no".
"Could you walk me through…?" and the like are requests for a story, not yes/no."""

_JOB = re.compile(
    r"\b(hir(e|ing) me|(are|is) (you|they|your \w+|the \w+) (hiring|recruiting)"
    r"|(you|they)('re| are) (hiring|recruiting)|(currently|still) (hiring|recruiting)"
    r"|hiring (right )?now|openings?|vacanc(y|ies)"
    r"|(jobs?|positions?|roles?|internships?) ((are|is) )?(open|available|going)"
    r"|any (jobs?|positions?|internships?|roles?)|an? (job|position|internship) for me"
    r"|(give|offer|get|find) me (a |an )?(job|position|internship|role|interview)"
    r"|consider me|put in a (good )?word|ask (for|about) (a |an )?(job|internship|position))\b",
    re.IGNORECASE,
)
"""Asking for a job, or whether there is one."""

_RESUME = re.compile(
    r"\b(my|the attached) (r[ée]sum[ée]s?|cv|curriculum vitae)\b"
    r"|\b(send|give|hand|show|share|bring|forward|attach) (you |them )?(a |a copy of )?"
    r"(r[ée]sum[ée]|cv)\b",
    re.IGNORECASE,
)

_WEBSITE = re.compile(
    r"\bwhat (does|do) (your|the) (company|companies|organi[sz]ation|firm|business|employer"
    r"|agency|startup|org) (do|make|sell|offer)\b"
    r"|\bhow many (employees|staff|offices|locations|customers|countries)\b"
    r"|\bhow many people work (at|for|in) (your|the) (company|organi[sz]ation|firm)\b"
    r"|\bhow big is (your|the) (company|organi[sz]ation|firm)\b"
    r"|\bwhen was .*\b(founded|established|started)\b|\bwhen did .*\bgo public\b"
    r"|\bwho (founded|owns|is the (ceo|founder|president))\b"
    r"|\bwhere (is|are) (your|the|its) (company|organi[sz]ation|firm|headquarters|offices?)"
    r"( (based|located))?\b"
    r"|\bwhat (products|services) do(es)? (you|your|the|it)\b"
    r"|\bwhat is (your|the) (company's|organi[sz]ation's|firm's) (mission|history|revenue)\b",
    re.IGNORECASE,
)

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
    ),
    Rule(
        "too-many",
        "{count} questions, more than a 15–30 minute call holds",
        "keep to the window they gave you",
        f'cut to {MOST_QUESTIONS} or fewer, or mark the extra ones priority = "nice"',
        lacks=_too_many,
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
    ),
)
"""Every rule, worst mistake first."""


@dataclass(frozen=True)
class Finding:
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
            found.append(Finding(rule, _place_of(rule), _words(rule, agenda), hint))
    return found


def broken_by(text: str, checklist: bool = False) -> Rule | None:
    """The first rule of the table a question's (or a checklist item's) text breaks."""
    for rule in RULES:
        if rule.asks is None or (checklist and not rule.checklists):
            continue
        if rule.asks.search(text):
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


_REWORDINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), open_form)
    for pattern, open_form in (
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
)
"""Sure rewordings of common yes/no openers (the first that matches is used)."""


def reword_yes_no(text: str) -> str | None:
    """An open version of a yes/no question, for the openers `_REWORDINGS` knows."""
    plain = " ".join(text.split())
    for pattern, open_form in _REWORDINGS:
        match = pattern.match(plain)
        if match:
            reworded = match.expand(open_form)
            return reworded[0].upper() + reworded[1:]
    return None


def _generic(text: str, org: str) -> str:
    """The text with the organisation's own name read as "the company", so that "What
    does Acme Health do?" is seen for what it is."""
    if not org:
        return text
    return re.sub(re.escape(org), "the company", text, flags=re.IGNORECASE)


def _words(rule: Rule, agenda: Agenda) -> str:
    message = rule.message.format(count=len(agenda.questions))
    return f"{message}: {rule.reason}"


def _place_of(rule: Rule) -> KeyPath:
    if rule.name == "too-many":
        return ("questions", MOST_QUESTIONS)
    if rule.name == "names":
        return ("closing", "checklist")
    return ("questions",)
