"""Prose as typed in a TOML multi-line string, made into paragraphs to reflow.

A pitch written over several lines (`I'm finishing` / `a health informatics` /
`certificate.`) is one sentence: its single line breaks are where the person's editor
wrapped, not where they meant a break. A blank line starts a new paragraph, and a
line that begins a list (`-`, `*`, `•` or `1.`) keeps its own line.
"""

from __future__ import annotations

import re

_LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d+[.)])\s")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of `text`, each one line (list items one each)."""
    found: list[str] = []
    current: list[str] = []
    for line in [*text.strip().splitlines(), ""]:
        if not line.strip() or _LIST_ITEM.match(line):
            if current:
                found.append(" ".join(current))
            current = [line.strip()] if line.strip() else []
            if not line.strip() and found and found[-1] != "":
                found.append("")
            continue
        current.append(line.strip())
    while found and found[-1] == "":
        found.pop()
    return found
