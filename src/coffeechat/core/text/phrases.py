"""Phrases matched word by word: the small pattern language of tables of advice.

A phrase is words separated by spaces; each word may be `a|b|c` (any of them),
`refer*` (a word starting with "refer"), `*` (any one word), `...` (any run of words,
none included) and may end with `?` (optional). `^` as the first word anchors the
phrase at the start. Text is read as lower-case words (letters, digits, `'` and `-`;
everything else separates them), so "Are you hiring?" holds `are you hiring`.

Regular expressions would do the same, but compiling a table of them costs a command
like `coffeechat check` several milliseconds on every run; these cost microseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

ANY_RUN = "..."


class _Slot(NamedTuple):
    """One word of a phrase: the words it takes, the beginnings it takes, or any word."""

    exact: frozenset[str]
    starts: tuple[str, ...]
    any_word: bool

    def fits(self, word: str) -> bool:
        return self.any_word or word in self.exact or word.startswith(self.starts)


_RUN = _Slot(frozenset(), (), any_word=True)
"""`...`: any run of words (told apart from `*` by identity)."""


def _slot(text: str) -> _Slot:
    if text == ANY_RUN:
        return _RUN
    choices = text.split("|")
    starts = tuple(c[:-1] for c in choices if c.endswith("*") and c != "*")
    exact = frozenset(c for c in choices if not c.endswith("*"))
    return _Slot(exact, starts, "*" in choices)


class Phrase(NamedTuple):
    """A compiled phrase: its variants (optional words expanded), each a tuple of slots."""

    text: str
    variants: tuple[tuple[_Slot, ...], ...]
    anchored: bool
    needs: frozenset[str]
    """Words one of which the text must hold (empty: no such quick test)."""

    def found_in(self, words: Sequence[str]) -> bool:
        """Whether the phrase occurs in `words` (at their start, if anchored)."""
        if self.needs and self.needs.isdisjoint(words):
            return False
        starts = range(1) if self.anchored else range(len(words))
        return any(_matches(v, words, start) for v in self.variants for start in starts)


def phrase(text: str) -> Phrase:
    """Compile one phrase of the language above."""
    parts = text.split()
    anchored = bool(parts) and parts[0] == "^"
    variants: list[tuple[_Slot, ...]] = [()]
    needs: frozenset[str] = frozenset()
    for part in parts[anchored:]:
        slot = _slot(part.removesuffix("?"))
        if part.endswith("?"):
            variants = [v + (slot,) for v in variants] + variants
            continue
        variants = [v + (slot,) for v in variants]
        if not needs and slot.exact and not slot.starts and not slot.any_word:
            needs = slot.exact
    return Phrase(text, tuple(variants), anchored, needs)


def words(text: str) -> list[str]:
    """The lower-case words of `text`, as phrases see them."""
    kept = "".join(c if c.isalnum() or c in "'’-" else " " for c in text.casefold())
    return kept.replace("’", "'").split()


def _matches(slots: tuple[_Slot, ...], words: Sequence[str], at: int) -> bool:
    if not slots:
        return True
    slot, rest = slots[0], slots[1:]
    if slot is _RUN:
        return any(_matches(rest, words, later) for later in range(at, len(words) + 1))
    return at < len(words) and slot.fits(words[at]) and _matches(rest, words, at + 1)
