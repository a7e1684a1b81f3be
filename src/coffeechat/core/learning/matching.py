"""When two questions or two goals mean the same: matched by their words' stems.

"What does a typical week look like?" and "Walk me through a typical week" ask the
same thing in different words. Each text is reduced to the stems of its words that
carry meaning: lower-cased, the words that only frame a question ("what does ... look
like", "walk me through", "tell me about") and other stop words dropped, a few
synonyms made one ("job", "role", "work"), plurals and endings cut. Two texts match
when most of their stems are shared (Dice's coefficient), stems compared with
`difflib` so that a typo or a spelling ("organised"/"organized") still counts.

The standard library's `difflib`, not a fuzzy-matching library: scores of whole
strings (rapidfuzz's `token_set_ratio` and kin) weigh the framing words as much as
the meaning, so "typical week" would match "typical day"; stems and stop words decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

THRESHOLD = 0.6
"""The share of stems two texts must have in common to mean the same (Dice)."""
CLOSE_STEMS = 0.84
"""How alike two stems of five letters or more must be to count as one (`difflib`)."""

_FRAMES = re.compile(
    r"\b(?:look|looks|looked) like\b|\bwalk me through\b|\btell me (?:about|more about)\b"
    r"|\bcan you\b|\bcould you\b|\bwould you\b|\bdo you think\b|\bkind of\b|\bsort of\b"
)
"""Phrases that only frame a question, taken out before the words are split."""

_STOP = """a about above after again all also am an and any are as at be been before being
    between both but by can could describe did do does doing done during each explain
    for from further had has have having he her here hers him his how i if in into is
    it its just let me more most much my myself now of on once only or other our ours
    out over own please really same she should so some such tell than that the their
    them then there these they this those through to too under until up us very was we
    were what when where which while who whom why will with would you your yours
    yourself thing things usually generally typically actually find think"""
STOP_WORDS = frozenset(_STOP.split())
"""Words that carry no meaning of their own in a question or a goal."""

SYNONYMS = {
    "job": "work",
    "role": "work",
    "position": "work",
    "day-to-day": "day",
    "daily": "day",
    "weekly": "week",
    "like": "enjoy",
    "love": "enjoy",
    "favourite": "enjoy",
    "favorite": "enjoy",
    "hardest": "hard",
    "difficult": "hard",
    "challenging": "hard",
    "challenge": "hard",
    "challenges": "hard",
    "important": "matter",
    "essential": "matter",
    "key": "matter",
    "career": "field",
    "profession": "field",
    "industry": "field",
    "sector": "field",
    "company": "organization",
    "organisation": "organization",
    "employer": "organization",
    "firm": "organization",
    "began": "start",
    "begin": "start",
    "started": "start",
    "get": "start",
    "got": "start",
    "break": "start",
    "enter": "start",
    "typical": "typical",
    "average": "typical",
    "normal": "typical",
}
"""Words taken as one (before the endings are cut)."""

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


@lru_cache(maxsize=4096)
def stems(text: str) -> frozenset[str]:
    """The stems of the words of `text` that carry meaning."""
    lowered = _FRAMES.sub(" ", text.casefold().replace("’", "'"))
    out = set()
    for word in _WORD.findall(lowered):
        word = word.removesuffix("'s").strip("'-")
        if not word or word in STOP_WORDS:
            continue
        out.add(stem(SYNONYMS.get(word, word)))
    return frozenset(out)


def stem(word: str) -> str:
    """`word` with its commonest English ending cut ("weeks" -> "week", "learned" ->
    "learn"), and British spellings made American ("organised" -> "organiz")."""
    for ending, replacement, shortest in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            word = word[: len(word) - len(ending)] + replacement
            break
    return word.replace("is", "iz") if word.endswith(("ise", "is", "isation")) else word


_ENDINGS = (
    ("ies", "y", 2),
    ("sses", "ss", 2),
    ("ing", "", 3),
    ("ed", "", 3),
    ("ly", "", 4),
    ("es", "e", 3),
    ("s", "", 3),
)


def similarity(one: str, other: str) -> float:
    """How much two texts mean the same, from 0 to 1."""
    first, second = stems(one), stems(other)
    if not first or not second:
        return SequenceMatcher(None, one.casefold(), other.casefold()).ratio()
    shared = len(first & second)
    for word in first - second:
        if len(word) >= 5 and any(_close(word, w) for w in second - first):
            shared += 1
    return 2 * shared / (len(first) + len(second))


@lru_cache(maxsize=65536)
def _close(one: str, other: str) -> bool:
    return len(other) >= 5 and SequenceMatcher(None, one, other).ratio() >= CLOSE_STEMS


def same_meaning(one: str, other: str) -> bool:
    """Whether two questions (or two goals) ask the same thing."""
    return similarity(one, other) >= THRESHOLD


def mentions(text: str, phrase: str) -> bool:
    """Whether `text` is about `phrase` (`learned "typical week"`): every stem of the
    phrase is in it, or the two mean the same."""
    wanted = stems(phrase)
    if not wanted:
        return phrase.casefold().strip() in text.casefold()
    have = stems(text)
    return wanted <= have or same_meaning(text, phrase)


def group(texts: Iterable[str]) -> list[list[str]]:
    """The distinct `texts` grouped by meaning, each group in the order first seen, the
    groups in the order of their first text. Each text joins the first group whose
    first text it matches (no chains: A~B and B~C does not put A with C)."""
    groups: list[list[str]] = []
    seen: dict[frozenset[str], list[str]] = {}
    for text in texts:
        key = stems(text)
        known = seen.get(key) if key else None
        if known is not None:
            if text not in known:
                known.append(text)
            continue
        home = next((g for g in groups if same_meaning(g[0], text)), None)
        if home is None:
            home = [text]
            groups.append(home)
        elif text not in home:
            home.append(text)
        if key:
            seen[key] = home
    return groups
