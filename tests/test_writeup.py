"""A session written out as text and Markdown, and its thank-you draft."""

from __future__ import annotations

from coffeechat.core.sessions.printout import clock, length_words, session_markdown, session_text
from coffeechat.core.sessions.thankyou import LONGEST_QUOTE, excerpt, thank_you
from tests.past_sessions import jane, lena, omar

OMAR_MARKDOWN = """\
# Omar Haddad

Northwind Clinics

- **When:** Mon 23 Nov 2026, 18:00–18:22
- **Length:** 22:00 of 20:00 (2:00 over)
- **Contact:** omar@example.org
- **Channel:** video
- **Status:** completed
- **Session:** `2026-11-23-1800-omar-haddad`

## Goals

- [ ] What a typical week looks like
- [ ] How they moved from research to design

## Questions (1 of 2 answered)

### 1. What does a typical week look like for you?

*must · answered*

Triage is the hardest design problem he has seen.

### 2. How did you move from research to design?

*should · not asked*

## Follow-ups

- [ ] Send a thank-you note to Omar Haddad — due Tue 24 Nov 2026 18:22 \
(`2026-11-23-1800-omar-haddad/thank-you`)
- [ ] Send Omar the article on triage design — due Thu 26 Nov 2026 09:00 \
(`2026-11-23-1800-omar-haddad/action-1`)
  - The one from the Nielsen Norman Group
"""


def test_markdown_of_a_session() -> None:
    assert session_markdown(omar()) == OMAR_MARKDOWN


def test_markdown_has_insights_referrals_and_notes_in_order() -> None:
    text = session_markdown(jane())
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Goals",
        "## Key insights",
        "## Questions (2 of 2 answered)",
        "## Notes",
        "## Referrals",
        "## Follow-ups",
    ]
    assert "> Shadowing the design team for six months made the switch feel safe." in text
    assert "> — *How did you move from research to design?*" in text
    assert (
        "- **Priya Patel**, Design Manager, Acme — priya@acme.example\n  - Say Jane sent me" in text
    )
    assert "- **Referred by:** Sam Lee" in text


def test_markdown_marks_done_and_dropped_items() -> None:
    session = lena()
    session.followups[1].status = "dropped"
    text = session_markdown(session)
    assert "- [x] Send a thank-you note to Lena Park" in text
    assert "(dropped)" in text
    assert "## Key insights" not in text  # nothing starred


def test_plain_text_of_a_session() -> None:
    text = session_text(jane())
    assert text.startswith(
        "Jane Doe, Product Designer, Acme Health\n"
        "Fri 20 Nov 2026, 15:01–15:23 · 22:00 of 20:00 (2:00 over) · completed\n"
        "Referred by Sam Lee · jane@example.org · video\n"
    )
    assert "  2. How did you move from research to design?\n" in text
    assert "     should · answered · 4:00 · ★ starred\n" in text
    assert "  [ ] Reach out to Priya Patel · due Fri 27 Nov 2026 09:00\n" in text
    assert "      2026-11-20-1501-jane-doe/referral-priya-patel\n" in text


def test_lengths() -> None:
    assert clock(1348) == "22:28"
    assert clock(3723) == "1:02:03"
    assert length_words(1348, 1200) == "22:28 of 20:00 (2:28 over)"
    assert length_words(1080, 1200) == "18:00 of 20:00"


def test_thank_you_quotes_the_starred_insight() -> None:
    draft = thank_you(jane())
    assert draft.startswith(
        "To: jane@example.org\nSubject: Thank you for your time, Jane\n\nHi Jane,\n"
    )
    assert "on Friday 20 November about your work at Acme Health." in draft
    assert "thank you to Sam Lee for introducing us" in draft
    assert (
        'Your answer to "How did you move from research to design?" has stayed with me, '
        'especially: "Shadowing the design team for six months made the switch feel safe."'
    ) in draft
    assert "suggesting I speak with Priya Patel." in draft
    assert "I'll check in around 11 December, as you suggested." in draft
    assert draft.endswith("Best wishes,\n[Your name]\n")


def test_thank_you_with_nothing_marked_asks_for_the_point() -> None:
    draft = thank_you(omar())
    assert "Triage" not in draft  # nothing starred or quoted: no point is invented
    assert "especially [the point that mattered most to you" in draft
    assert "introducing us" not in draft  # nobody referred you
    assert "speak with" not in draft  # no referrals
    assert "be in touch" not in draft  # no follow-up agreed


def test_thank_you_without_notes_has_no_quote() -> None:
    draft = thank_you(lena())
    assert "stayed with me" not in draft
    assert "Hi Lena," in draft


def test_long_notes_are_cut_for_the_quote() -> None:
    long = "word " * 100
    assert len(excerpt(long)) <= LONGEST_QUOTE + 1
    assert excerpt(long).endswith("…")
    sentence = "This is the first sentence that matters. " + "More words follow. " * 20
    assert excerpt(sentence) == "This is the first sentence that matters."
    assert excerpt("\n\n- bullet point\nsecond") == "bullet point"


def test_markdown_keeps_the_line_breaks_of_notes() -> None:
    session = omar()
    session.questions[0].notes = "Three things:\n- triage\n- handoffs  \n\nThat is all."
    session.questions[0].starred = True
    session.general_notes = "Call back Tuesday\nBring the portfolio"
    text = session_markdown(session)
    assert "\nThree things:  \n- triage  \n- handoffs\n\nThat is all.\n" in text
    assert "\n> Three things:  \n> - triage  \n> - handoffs\n>\n> That is all.\n" in text
    assert "## Notes\n\nCall back Tuesday  \nBring the portfolio\n" in text
