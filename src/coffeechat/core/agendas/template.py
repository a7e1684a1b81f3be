"""The commented agenda that `coffeechat new` writes: a short lesson in preparing.

It follows the usual advice for informational interviews: know what you want to
learn, research the person, have a 30-second introduction ready, open by thanking
them and saying who referred you, ask open questions about the role, the
organisation, the industry and their path, and close by asking for names and for
permission to follow up, all inside the time they agreed to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coffeechat.core.files.names import slugify
from coffeechat.core.problems import InputError, quoted
from coffeechat.core.toml import writing


def agenda_slug(name: str) -> str:
    """The slug for a new agenda, refusing names that leave nothing usable."""
    slug = slugify(name)
    if not slug:
        raise InputError.at(
            "NAME",
            f"{quoted(name)} has no letters or digits to name a file after",
            'use the person\'s name: coffeechat new "Jane Doe"',
            line=0,
            col=0,
        )
    return slug


@dataclass(frozen=True)
class Person:
    """What is known about the person when the agenda is written."""

    name: str
    role: str = ""
    organization: str = ""
    referred_by: str = ""
    contact: str = ""
    pitch: str = ""
    research: str = ""
    person_id: str = ""
    """Their file in the network (`people/<id>.toml`), for `new --for`."""


EXAMPLE = Person(
    name="Jane Doe",
    role="Staff Product Designer",
    organization="Acme Health",
    referred_by="Sam Lee",
    contact="jane@acme.example",
    pitch=(
        "I'm a UX researcher of five years in fintech, moving toward product design. "
        "Sam said you made the same move at Acme, and I'd love to hear how it went."
    ),
    research=(
        "Jane led the redesign of Acme's patient intake (2024 case study on her site). "
        "Moved from research to design in 2021. Acme Health: 400 people, "
        "Series C, design team of 12."
    ),
)

_TEMPLATE = """\
# coffeechat agenda — edit freely, then: coffeechat check {path}
# An informational interview is a short conversation to learn how someone's work
# really is. You asked for their time: keep to the window, listen more than you
# talk, and never ask for a job.
format = 1

[meeting]
with = {name}
{person_line}# Their title and organization, to pitch your questions at the right level.
role = {role}
organization = {organization}
# Who introduced you: name them in the first minute, it is why they said yes.
referred_by = {referred_by}
contact = {contact}
channel = "video"          # phone | video | in-person
# scheduled = 2026-11-24T15:00:00-05:00   (no quotes)
duration = "20m"           # the window they agreed to: 15-30 minutes is usual
warn_at = ["5m", "2m"]     # time left at which coffeechat signals

[goals]
# What you want to know by the end. Two or three; the wrap-up asks if you learned them.
learn = [
  "What a typical week in the role looks like",
  "Which skills matter most, and how they learned them",
  "Whether my background would be seen as an asset here",
]

[prep]
# Your 30-second introduction: who you are, why them, what you hope to learn.
pitch = {pitch}
# What you found: their path (LinkedIn, talks, writing), the organization's news.
# Good questions show you did this work; never ask what a search would answer.
research = {research}
reminders = [
  "Don't ask for a job or an internship",
  "Listen more than you talk; take notes",
  "Offer to stop on time, even if it is going well",
]

[opening]
checklist = ["Thank them for their time", {referred_line}, "State the purpose and the time"]

# Questions: open ("how", "what", "tell me about"), one idea each, most important first.
# priority: must | should | nice.  minutes: an optional budget.
# topic: role | organization | industry | path | advice | other.

[[questions]]
text = "What does a typical week look like for you?"
topic = "role"
priority = "must"
minutes = 3

[[questions]]
text = "What do you enjoy most about your work, and what do you find hardest?"
topic = "role"
priority = "must"
minutes = 3

[[questions]]
text = "Which skills matter most in your role, and how did you build them?"
topic = "role"
priority = "must"
minutes = 3

[[questions]]
text = "How did you get from where you started to where you are now?"
topic = "path"
priority = "must"
minutes = 3

[[questions]]
text = "If you were starting out in this field today, what would you do differently?"
topic = "advice"
priority = "must"
minutes = 2

[[questions]]
text = "How is your team organised, and who do you work with most closely?"
topic = "organization"
priority = "should"
minutes = 2

[[questions]]
text = "How are decisions made here, and how is good work recognised?"
topic = "organization"
priority = "should"
minutes = 2

[[questions]]
text = "What is changing in the industry that people outside it don't see yet?"
topic = "industry"
priority = "should"
minutes = 2

[[questions]]
text = "What kinds of backgrounds do people in your role usually come from?"
topic = "path"
priority = "should"
minutes = 2

[[questions]]
text = "What surprised you most when you moved into this role?"
topic = "path"
priority = "nice"
minutes = 2

[[questions]]
text = "Which organisations do you think are doing interesting work in this space?"
topic = "industry"
priority = "nice"
minutes = 2

[[questions]]
text = "What would you look for in someone with my background applying to a role like yours?"
topic = "advice"
priority = "nice"
minutes = 2

[[questions]]
text = "What should I read, follow or join to learn more?"
topic = "advice"
priority = "nice"
minutes = 1

[closing]
# Leave time for these: they are how one conversation becomes the next.
checklist = [
  "Ask for two people I should talk to",
  "Ask permission to follow up",
  "Thank them",
]
followup_after = "3 weeks"   # when to check in, if they agree (e.g. "in 2 weeks", "2026-12-15")
"""


def agenda_template(person: Person, path: str) -> str:
    """The text of a new agenda for `person`, to be written at `path`."""
    return _TEMPLATE.format(
        path=path,
        name=writing.string(person.name),
        role=writing.string(person.role),
        organization=writing.string(person.organization),
        referred_by=writing.string(person.referred_by),
        contact=writing.string(person.contact),
        pitch=writing.string(person.pitch),
        research=writing.string(person.research),
        person_line=f"person = {writing.string(person.person_id)}\n" if person.person_id else "",
        referred_line=writing.string(
            f"Say who sent you: {person.referred_by} gave me your name…"
            if person.referred_by and person.person_id
            else "Say who referred you"
        ),
    )


LESSONS_SHOWN = 5
"""Goals, and questions, carried over from earlier calls into a new agenda at most."""


def with_lessons(text: str, goals: Sequence[str], questions: Sequence[str]) -> str:
    """A new agenda's `text` with, as comments, the goals no earlier call taught and the
    must-ask questions that did not fit in one (as `learned` orders them, at most
    `LESSONS_SHOWN` each): the person moves the ones they still want into the agenda.
    Comments keep the template passing `check` cleanly, however many there are."""
    if goals:
        lines = ["# Not learned yet in earlier calls: copy into learn = [...] any you still want."]
        lines += [f"#   {writing.string(g)}," for g in goals[:LESSONS_SHOWN]]
        text = _before(text, "\n[prep]\n", lines)
    if questions:
        lines = ["# Must-asks that did not fit in earlier calls: uncomment one to ask it now."]
        for question in questions[:LESSONS_SHOWN]:
            lines += ["# [[questions]]", f"# text = {writing.string(question)}"]
            lines += ['# priority = "must"', "#"]
        text = _before(text, "\n[closing]\n", lines[:-1])
    return text


def _before(text: str, anchor: str, lines: list[str]) -> str:
    """`text` with `lines` (and a blank line) before `anchor`, or at the end."""
    block = "\n".join(lines) + "\n"
    where = text.find(anchor)
    if where < 0:
        return text.rstrip("\n") + "\n\n" + block
    return text[: where + 1] + block + text[where:]
