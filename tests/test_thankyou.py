"""The thank-you draft: the point the person marked (never nested quotes), the promise
kept, help offered back, the follow-up date, and how to send it."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from coffeechat.core.sessions.format import FollowUp, Goal, Session
from coffeechat.core.sessions.thankyou import HELP_BACK, excerpt, quoted_words, thank_you
from tests.past_sessions import at, jane, make_session

TYPICAL_WEEK = (
    'Mon: huddle w/ CNO. Tue-Thu: build requests... Fri: "governance committee" - 40% meetings.'
)
FLOOR = 'Said: "the floor gives you credibility IT never has"'


def nurse_informaticist() -> Session:
    """The call the issue tried: shorthand starred, a real quote in another question,
    a promised document, a LinkedIn contact and a follow-up on 22 December."""
    session = make_session("Maria Santos", "St. Luke's", at(24, 12), role="Nurse Informaticist")
    session.meeting = replace(session.meeting, contact="https://www.linkedin.com/in/maria-santos")
    week, move = session.questions
    week.status, week.starred, week.notes = "answered", True, TYPICAL_WEEK
    move.status, move.notes = "answered", f"Went floor -> informatics in 2019.\n{FLOOR}"
    ended = session.ended or session.started
    session.followups += [
        FollowUp("thank-you", "thank-you", "Send a thank-you note to Maria Santos", ended),
        FollowUp(
            "follow-up",
            "follow-up",
            "Follow up with Maria Santos",
            at(30, 9).replace(month=12, day=22),
        ),
        FollowUp("action-1", "action", "Send Maria the lessons-learned document", at(26, 9)),
    ]
    return session


def quotes_nest(draft: str) -> bool:
    """Whether any double-quoted span of the draft holds another double quote."""
    return any(
        line.count('"') % 2 or re.search(r'"[^"]*“|”[^"]*"', line) for line in draft.splitlines()
    )


def test_the_issue_s_call_quotes_the_real_quote_and_keeps_the_promise() -> None:
    draft = thank_you(nurse_informaticist())
    assert draft.startswith(
        "Send via: LinkedIn message to https://www.linkedin.com/in/maria-santos\n"
    )
    assert "To:" not in draft and "Subject:" not in draft
    assert (
        'Your answer to "How did you move from research to design?" has stayed with me, '
        'especially: "the floor gives you credibility IT never has"'
    ) in draft
    assert "Mon: huddle" not in draft  # the real quote wins over shorthand
    assert "As promised, I will send you the lessons-learned document." in draft
    assert HELP_BACK in draft
    assert "I'll check in around 22 December, as you suggested." in draft
    assert not quotes_nest(draft)


def test_a_starred_note_in_shorthand_is_never_quoted_as_their_words() -> None:
    session = nurse_informaticist()
    session.questions[1].notes = "Went floor -> informatics in 2019."
    draft = thank_you(session)
    assert '"Mon:' not in draft and '"governance committee"' not in draft
    assert (
        'Your answer to "What does a typical week look like for you?" has stayed with me, '
        "especially [say in a sentence what struck you; your note: Mon: huddle with CNO. "
        "Tue-Thu: build requests… Fri: 'governance committee' - 40% meetings.]"
    ) in draft
    assert not quotes_nest(draft)


def test_a_goal_ticked_as_learned_becomes_a_change_of_perspective() -> None:
    session = nurse_informaticist()
    session.questions[1].notes = ""
    session.goals = [Goal("What a typical week looks like", learned=True)]
    draft = thank_you(session)
    assert (
        "I came wanting to understand what a typical week looks like, and what you told me "
        "has changed how I see it."
    ) in draft


def test_a_quote_in_the_general_notes_counts_too() -> None:
    session = make_session("Ada Lovelace", "Analytical", at(24, 12))
    session.general_notes = "She said “never let a tool decide the question” twice."
    assert 'Something you said has stayed with me: "never let a tool decide the question"' in (
        thank_you(session)
    )


def test_nothing_starred_names_the_question_and_says_what_to_mark() -> None:
    session = make_session("Ada Lovelace", "Analytical", at(24, 12))
    session.questions[0].status = "answered"
    session.questions[0].notes = "Lots of meetings; some writing."
    draft = thank_you(session)
    assert "Lots of meetings" not in draft  # not marked: not quoted as if it were the point
    assert (
        'Your answer to "What does a typical week look like for you?" has stayed with me, '
        "especially [the point that mattered most to you: star its note"
    ) in draft


def test_no_notes_at_all_says_what_to_add_instead_of_inventing_a_point() -> None:
    draft = thank_you(make_session("Ada Lovelace", "Analytical", at(24, 12)))
    assert "stayed with me" not in draft
    assert (
        "[Nothing from the call is noted to reiterate: add one specific thing they said." in draft
    )
    assert "As promised" not in draft and "check in around" not in draft


def test_jane_s_starred_prose_is_quoted_and_her_email_addressed() -> None:
    draft = thank_you(jane())
    assert draft.startswith("To: jane@example.org\nSubject: Thank you for your time, Jane\n")
    assert (
        'especially: "Shadowing the design team for six months made the switch feel safe."' in draft
    )


@pytest.mark.parametrize(
    ("contact", "first_line"),
    [
        ("jane@acme.example", "To: jane@acme.example"),
        ("linkedin.com/in/jane", "Send via: LinkedIn message to linkedin.com/in/jane"),
        ("+1 (555) 010-2030", "Send via: text message to +1 (555) 010-2030"),
        ("https://janedoe.design/contact", "Send via: https://janedoe.design/contact"),
    ],
)
def test_to_is_only_for_an_email(contact: str, first_line: str) -> None:
    session = make_session("Jane Doe", "Acme", at(24, 12))
    session.meeting = replace(session.meeting, contact=contact)
    assert thank_you(session).splitlines()[0] == first_line


def test_no_contact_starts_with_the_greeting() -> None:
    session = make_session("Jane Doe", "Acme", at(24, 12))
    session.meeting = replace(session.meeting, contact="")
    assert thank_you(session).startswith("Hi Jane,\n")


def test_dropped_promises_and_follow_ups_are_not_mentioned() -> None:
    session = nurse_informaticist()
    for item in session.followups:
        item.status = "dropped"
    draft = thank_you(session)
    assert "As promised" not in draft and "check in around" not in draft


@pytest.mark.parametrize(
    ("notes", "words"),
    [
        (FLOOR, "the floor gives you credibility IT never has"),
        (TYPICAL_WEEK, None),  # two quoted words are a label, not a point
        ("“Curly quotes count as well, of course”", "Curly quotes count as well, of course"),
        ("no quotes here at all", None),
    ],
)
def test_quoted_words(notes: str, words: str | None) -> None:
    assert quoted_words(notes) == words


def test_long_shorthand_is_cut_at_a_clause() -> None:
    long = "Mostly stakeholder work; " + "meetings about the roadmap and budgets; " * 8
    cut = excerpt(long)
    assert len(cut) <= 200
    assert cut == "Mostly stakeholder work"
    assert excerpt("- w/ the CNO & the CFO -> sign-off") == "with the CNO and the CFO to sign-off"


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        (
            "Send Maria the lessons-learned document",
            "As promised, I will send you the lessons-learned document.",
        ),
        ("Send her the deck w/ notes", "As promised, I will send you the deck with notes."),
        ("Introduce Maria to Sam", "As promised, I will introduce you to Sam."),
        ("lessons-learned doc for Maria", "As promised: lessons-learned doc for you."),
    ],
)
def test_a_promise_is_said_to_them(title: str, sentence: str) -> None:
    session = nurse_informaticist()
    session.followups[-1].title = title
    assert sentence in thank_you(session)
