"""Locating keys and values in TOML text."""

from __future__ import annotations

from coffeechat.core.toml.positions import Spot, locate

TEXT = '''\
format = 1 # comment with = sign
"quoted key" = 'x'
[meeting]
with = "Jane \\"J\\" Doe"
warn_at = [ "5m",
  "2m" ]
notes = """
line [not a table]
"""""

[[questions]]
text = "a"
[[questions]]
  text = 'b'
  inline = { a = 1, b.c = [1, 2] }
[questions.extra]
deep = 1
'''


def test_positions() -> None:
    where = locate(TEXT)
    assert where.value(("format",)) == Spot(1, 10)
    assert where.key(("quoted key",)) == Spot(2, 1)
    assert where.key(("meeting",)) == Spot(3, 1)
    assert where.value(("meeting", "with")) == Spot(4, 8)
    assert where.value(("meeting", "warn_at", 1)) == Spot(6, 3)
    assert where.key(("meeting", "notes")) == Spot(7, 1)
    assert where.key(("questions", 0)) == Spot(11, 1)
    assert where.value(("questions", 1, "text")) == Spot(14, 10)
    assert where.value(("questions", 1, "inline", "b", "c", 1)) == Spot(15, 31)
    assert where.key(("questions", 1, "extra", "deep")) == Spot(17, 1)


def test_unknown_paths_fall_back_to_the_nearest_parent() -> None:
    where = locate(TEXT)
    assert where.key(("meeting", "nope")) == Spot(3, 1)
    assert where.value(("questions", 0, "priority")) == Spot(11, 1)
    assert where.key(()) == Spot(1, 1)


def test_garbage_never_raises() -> None:
    for text in ("[", "a = ", 'a = "unclosed', "[[x]", "= 1", "a = {", "\x00"):
        locate(text)
