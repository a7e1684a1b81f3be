"""Lengths of time as people write them."""

from __future__ import annotations

import pytest

from coffeechat.core.agendas.durations import DurationError, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("20m", 1200),
        ("25 min", 1500),
        ("45s", 45),
        ("1h", 3600),
        ("1h 30m", 5400),
        ("1.5h", 5400),
        (" 20 minutes ", 1200),
        ("20", 1200),
        (20, 1200),
    ],
)
def test_good(text: str | int, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    ["", "twenty", "20x", "m", "-5m", "0m", "20m extra", 0, -3, "25h", 1441, "9" * 400 + "m"],
    ids=lambda t: repr(t)[:20],
)
def test_bad(text: str | int) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


def test_format() -> None:
    assert format_duration(1200) == "20m"
    assert format_duration(3900) == "1h 5m"
    assert format_duration(45) == "45s"
    assert format_duration(0) == "0s"
