"""The word-by-word phrases of the review's table."""

from __future__ import annotations

import pytest

from coffeechat.core.text.phrases import phrase, words


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("are you hiring", "So, are you hiring?", True),
        ("are you hiring", "Are you happy hiring?", False),
        ("are|is your|the * hiring", "Is the design team hiring?", False),  # two words, one *
        ("are|is your|the * hiring", "Is the team hiring?", True),
        ("put in a good? word", "Could you put in a word?", True),
        ("put in a good? word", "Could you put in a good word?", True),
        ("when was ... founded", "When was it founded?", True),
        ("when was ... founded", "When was Acme Health first founded?", True),
        ("when was ... founded", "Who founded it?", False),
        ("refer*", "Ask for referrals", True),
        ("^ do|does", "Do you like it?", True),
        ("^ do|does", "What do you like?", False),
        ("what is your company's mission", "What is your company’s mission?", True),
    ],
)
def test_phrases(pattern: str, text: str, found: bool) -> None:
    assert phrase(pattern).found_in(words(text)) is found


def test_words_are_lower_case_and_keep_apostrophes_and_hyphens() -> None:
    assert words("Don’t ask: a lessons-learned DOC!") == [
        "don't",
        "ask",
        "a",
        "lessons-learned",
        "doc",
    ]
