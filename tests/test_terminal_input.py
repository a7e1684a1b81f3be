"""What the terminal sends, made safe for Textual's parser: no invalid UTF-8, no
control characters inside a bracketed paste, every other byte as it came."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coffeechat.core.text.controls import visible
from coffeechat.ui.terminal_input import PASTE_END, PASTE_START, InputCleaner


def cleaned(*chunks: bytes) -> str:
    cleaner = InputCleaner()
    return "".join(cleaner.feed(chunk) for chunk in chunks) + cleaner.quiet()


def test_a_byte_that_is_not_utf8_becomes_a_replacement_character() -> None:
    assert cleaned(b"Jos\xe9e and more") == "Jos\ufffde and more"
    assert cleaned(b"\xff\xfe") == "\ufffd\ufffd"


def test_a_lone_lead_byte_is_given_up_on_when_the_terminal_falls_quiet() -> None:
    cleaner = InputCleaner()
    assert cleaner.feed(b"Jos\xe9") == "Jos"
    assert cleaner.waiting
    assert cleaner.quiet() == "\ufffd"
    assert not cleaner.waiting
    assert cleaner.feed(b"e") == "e"


def test_a_character_split_between_reads_is_whole() -> None:
    assert cleaned("é".encode()[:1], "é".encode()[1:], "日".encode()) == "é日"


def test_control_characters_in_a_paste_become_visible_and_the_paste_stays_whole() -> None:
    paste = "one \x1b[31mRED\x1b[0m two \x1b]0;title\x07 three\r\n\tfour\x00"
    assert cleaned(f"x{PASTE_START}{paste}{PASTE_END}\x1b[A".encode()) == (
        f"x{PASTE_START}one ␛[31mRED␛[0m two ␛]0;title␇ three\r\n\tfour␀{PASTE_END}\x1b[A"
    )


def test_outside_a_paste_escape_sequences_go_through() -> None:
    keys = "\x1b[A\x1b[1;5C\x1b\x1b[<0;10;5M\x0e\x07"
    assert cleaned(keys.encode()) == keys


def test_a_paste_that_looks_like_its_own_markers_inside() -> None:
    inner = f"{PASTE_START}\x1b[201\x1b[20x"
    assert cleaned(f"{PASTE_START}{inner}{PASTE_END}".encode()) == (
        f"{PASTE_START}␛[200~␛[201␛[20x{PASTE_END}"
    )


def test_an_escape_held_at_the_end_of_a_paste_cut_short_is_given_up_on() -> None:
    cleaner = InputCleaner()
    assert cleaner.feed(f"{PASTE_START}a\x1b[2".encode()) == f"{PASTE_START}a"
    assert cleaner.quiet() == "␛[2"


TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
ANY = st.text(st.characters(codec="utf-8") | st.sampled_from("\x1b\x07\x00\r\n\t"), max_size=30)


@st.composite
def streams(draw: st.DrawFn) -> tuple[str, str]:
    """Input with pastes in it, and what the app must get for it."""
    sent, expected = "", ""
    for _ in range(draw(st.integers(0, 4))):
        typed = draw(TEXT.filter(lambda t: "\x1b" not in t))
        pasted = draw(ANY)
        sent += typed + PASTE_START + pasted + PASTE_END
        kept = "".join(c if c in "\t\r\n" else visible(c) for c in pasted)
        expected += typed + PASTE_START + kept + PASTE_END
    return sent, expected


@given(streams(), st.lists(st.integers(0, 200), max_size=8))
def test_however_the_reads_fall_the_result_is_the_same(
    stream: tuple[str, str], cuts: list[int]
) -> None:
    sent, expected = stream
    raw = sent.encode()
    points = sorted({min(cut, len(raw)) for cut in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    assert cleaned(*chunks) == expected
