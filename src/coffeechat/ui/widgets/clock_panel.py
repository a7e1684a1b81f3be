"""The clock panel: time left in large digits, the same as text, and a progress bar;
and the signal at each threshold (its look, a toast, the bell if wanted)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, ProgressBar, Static

from coffeechat.core.agendas.durations import format_duration
from coffeechat.core.call.clock import Crossing, MeetingClock, Phase

PHASE_CLASSES = tuple(f"-{phase.value}" for phase in Phase)
GLYPHS = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", "###", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "+": ("   ", " # ", "###", " # ", "   "),
}
"""The large clock's font: five rows, each `#` drawn two cells wide."""
FLASH_SECONDS = 3.0
"""How long the panel stands out after a threshold, in call time (so tests can move it)."""


def big_text(text: str) -> str:
    """`text` (digits, `:` and `+`) in the large font, five lines."""
    rows = []
    for row in range(5):
        cells = " ".join(GLYPHS[char][row] for char in text if char in GLYPHS)
        rows.append(cells.replace("#", "██").replace(" ", "  "))
    return "\n".join(rows)


class BigDigits(Static):
    """The time left in a font twice as tall as `Digits`, for a wide terminal."""

    value = ""

    def show(self, text: str) -> None:
        """Show `text` if it changed."""
        if text != self.value:
            self.value = text
            self.update(big_text(text))


class ClockPanel(Vertical):
    """How much of the agreed window is left; its look follows the clock's phase."""

    _label = ""
    _flash_until = -1.0

    def flash(self, clock: MeetingClock) -> None:
        """Stand out for a few seconds: a threshold was just crossed."""
        self._flash_until = clock.elapsed() + FLASH_SECONDS
        self.show(clock)

    def signal(self, crossing: Crossing, clock: MeetingClock, bell: bool) -> None:
        """A threshold was crossed: a toast (and the bell, if wanted); focus stays put."""
        window = format_duration(clock.planned)
        left = format_duration(crossing.seconds_left)
        if crossing.phase == Phase.OVERTIME:
            self.notify(
                f"The {window} window is over: offer to end the call.",
                title="Time is up",
                severity="error",
                timeout=10,
            )
        elif crossing.phase == Phase.CLOSING:
            self.notify(
                f"{left} left: ask for referrals, ask to follow up, thank them.",
                title="Time to close",
                severity="warning",
                timeout=10,
            )
        else:
            self.notify(f"{left} left.", title="Time check", severity="warning", timeout=6)
        if bell:
            self.app.bell()
        # Each threshold changes the clock's look, even between two of the same phase.
        self.flash(clock)

    def compose(self) -> ComposeResult:
        """Large digits, a line of text a script can read, and the bar."""
        yield Digits(id="clock-digits", classes="clock-face")
        yield BigDigits(id="clock-big", classes="clock-face")
        yield Static(id="clock-label")
        yield ProgressBar(id="clock-bar", show_eta=False, show_percentage=False)

    def show(self, clock: MeetingClock) -> None:
        """Show the clock as it is now (cheap when nothing visible changed)."""
        text = clock.text()
        phase = clock.phase()
        digits = self.query_one(Digits)
        if digits.value != text:
            digits.update(text)
        self.query_one(BigDigits).show(text)
        window = format_duration(clock.planned)
        if clock.paused:
            label = f"{text} left · PAUSED" if phase != Phase.OVERTIME else f"{text} · PAUSED"
        elif phase == Phase.OVERTIME:
            label = f"{text} over the {window}"
        else:
            label = f"{text} left of {window}"
        if label != self._label:
            self._label = label
            line = self.query_one("#clock-label", Static)
            line.update(label, layout=line.styles.auto_dimensions)  # see `CallPart`
        bar = self.query_one(ProgressBar)
        bar.update(total=clock.planned, progress=clock.fraction() * clock.planned)
        wanted = f"-{phase.value}"
        if not self.has_class(wanted):
            self.remove_class(*PHASE_CLASSES)
            self.add_class(wanted)
        self.set_class(clock.paused, "-paused")
        self.set_class(clock.elapsed() < self._flash_until, "-flash")

    @property
    def text(self) -> str:
        """The time shown, as `MM:SS` or `+MM:SS`."""
        return self.query_one(Digits).value

    @property
    def phase(self) -> Phase:
        """The phase the panel is showing."""
        for phase in Phase:
            if self.has_class(f"-{phase.value}"):
                return phase
        return Phase.CALM
