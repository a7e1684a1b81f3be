"""What a field keeps of pasted text: all of it, in order, as plain text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coffeechat.core.text.pasted import pasted_text


def test_control_characters_are_kept_as_visible_symbols() -> None:
    assert pasted_text("one \x1b[31mRED\x1b[0m \x07\x00\x7f\x9b.") == "one ␛[31mRED␛[0m ␇␀␡\ufffd."


def test_line_ends_become_newlines_and_tabs_stay() -> None:
    assert pasted_text("a\r\nb\rc\nd\u2028e\tf") == "a\nb\nc\nd\ne\tf"


def test_a_one_line_field_keeps_every_line_joined() -> None:
    assert pasted_text("Priya Patel\r\nDesign lead\n", one_line=True) == "Priya Patel Design lead"
    assert pasted_text("a\tb", one_line=True) == "a b"


ANY = st.text(st.characters(codec="utf-8") | st.sampled_from("\x1b\x07\x00\r\n\t\x85"))


@given(ANY)
def test_what_a_field_keeps_of_a_paste_is_plain_text(text: str) -> None:
    for one_line in (False, True):
        kept = pasted_text(text, one_line=one_line)
        controls = [c for c in kept if c not in "\t\n" and (ord(c) < 32 or 127 <= ord(c) < 160)]
        assert controls == []
        assert pasted_text(kept, one_line=one_line) == kept
    assert "\n" not in pasted_text(text, one_line=True)
    assert "\t" not in pasted_text(text, one_line=True)
