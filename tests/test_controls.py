"""The rule for control characters (`core.text.controls`): written out where text is
shown, kept as one visible symbol each where a field holds it."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from coffeechat.core.text.controls import editable, escape_controls
from coffeechat.core.text.pasted import pasted_text

ANY = st.text(st.characters(codec="utf-8") | st.sampled_from("\x1b\x07\x00\r\n\t\x85\x9b\x0c"))


def test_shown_text_writes_controls_out_and_a_field_holds_their_symbols() -> None:
    text = "see \x1b[31mred\x07\x9b\x00\x7f\ttab\r\nend"
    assert escape_controls(text) == "see \\x1b[31mred\\x07\\x9b\\x00\\x7f\ttab\r\nend"
    assert escape_controls("a\r\r\nb\r") == "a\\r\r\nb\\r"
    assert editable(text) == "see ␛[31mred␇\ufffd␀␡\ttab\nend"


def written_out(text: str) -> str:
    """What `escape_controls` must give, one character at a time."""
    shown = []
    for at, char in enumerate(text):
        control = ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F
        layout = char in "\t\n" or (char == "\r" and text[at + 1 : at + 2] == "\n")
        shown.append(repr(char)[1:-1] if control and not layout else char)
    return "".join(shown)


@given(ANY)
@example("a\r\r\nb\r")
def test_shown_text_keeps_tabs_newlines_and_crlf_and_writes_every_other_control_out(
    text: str,
) -> None:
    assert escape_controls(text) == written_out(text)


@given(ANY)
def test_what_a_field_holds_is_plain_text_that_stays_itself(text: str) -> None:
    held = editable(text)
    assert editable(held) == held, "loaded again after a save: unchanged"
    assert escape_controls(held) == held, "printed as itself"
    assert pasted_text(text) == held, "a paste and a loaded file hold the same"
