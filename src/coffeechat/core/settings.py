"""The workspace's settings (`coffeechat.toml`), checked like an agenda.

Every key is optional:

    duration = "20m"          # default window when an agenda gives none
    warn_at = ["5m", "2m"]    # default time-left signals
    bell = false              # ring the terminal bell at each signal
    theme = "coffee"          # the theme to start with
    [keys]                    # remap a binding by its id
    "call.next" = "ctrl+j"
    [outreach]                # the 3B7 routine, in business days (Monday to Friday)
    try_another_after = 3     # no answer: ask someone else
    nudge_after = 7           # no answer: nudge them once
    quiet_after = 7           # nudged, still no answer: they go quiet

The app writes one key back: the theme chosen from its command palette, changing
nothing else in the file (`save_theme`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.core.agendas.durations import DEFAULT_DURATION, DEFAULT_WARN_AT
from coffeechat.core.files import atomic
from coffeechat.core.people.outreach import Outreach
from coffeechat.core.problems import InputError, did_you_mean, quoted
from coffeechat.core.text.controls import CONTROLS
from coffeechat.core.toml.validation import Validator

if TYPE_CHECKING:
    from coffeechat.core.themes import ThemeCatalogue
    from coffeechat.core.toml.positions import KeyPath

_KEYS = ("duration", "warn_at", "bell", "theme", "keys", "outreach")
_OUTREACH_KEYS = ("try_another_after", "nudge_after", "quiet_after")
SETTINGS_FILE = "a settings file"
"""What the settings file is called in messages."""


@dataclass(frozen=True)
class Settings:
    """What the person chose for this workspace; defaults where they chose nothing."""

    duration: int = DEFAULT_DURATION
    warn_at: tuple[int, ...] = DEFAULT_WARN_AT
    bell: bool = False
    theme: str | None = None
    keys: Mapping[str, str] = field(default_factory=dict)
    outreach: Outreach = field(default_factory=Outreach)


def load_settings(path: Path, display: str | None = None) -> Settings:
    """Read `coffeechat.toml` if it exists; `InputError` lists every problem in it."""
    if not path.exists():
        return Settings()
    from coffeechat.core.toml.reading import read_toml  # most workspaces have no settings file

    checker = _SettingsChecker(read_toml(path, display, SETTINGS_FILE))
    settings = checker.settings()
    if checker.has_errors():
        raise checker.fail()
    return settings


class _SettingsChecker(Validator):
    def settings(self) -> Settings:
        data = self.file.data
        self.unknown_keys(data, (), _KEYS)
        duration = self.length(("duration",), data["duration"]) if "duration" in data else None
        bell = self.typed(data, ("bell",), bool, "a boolean", "bell = true or bell = false")
        return Settings(
            duration=duration or DEFAULT_DURATION,
            warn_at=self.warnings(data),
            bell=bool(bell),
            theme=self.string(data, ("theme",)) or None,
            keys=self.keys(data),
            outreach=self.outreach(data),
        )

    def outreach(self, data: Mapping[str, Any]) -> Outreach:
        if "outreach" not in data:
            return Outreach()
        table = self.table(data, ("outreach",), _OUTREACH_KEYS)
        days = {}
        for name in _OUTREACH_KEYS:
            found = self.integer(table, ("outreach", name), minimum=1, maximum=365)
            if found is not None:
                days[name] = found
        return Outreach(**days)

    def warnings(self, data: Mapping[str, Any]) -> tuple[int, ...]:
        path: KeyPath = ("warn_at",)
        items = self.typed(data, path, list, "an array", 'for example warn_at = ["5m", "2m"]')
        if items is None:
            return DEFAULT_WARN_AT
        seconds = [self.length(path + (i,), item) for i, item in enumerate(items)]
        return tuple(sorted({s for s in seconds if s is not None}, reverse=True))

    def keys(self, data: Mapping[str, Any]) -> dict[str, str]:
        table = data.get("keys", {})
        if not isinstance(table, dict):
            self.wrong_type(
                ("keys",), table, "a table", 'write it as [keys] "call.next" = "ctrl+j"'
            )
            return {}
        keys = {}
        for binding_id in table:
            key = self.string(table, ("keys", binding_id))
            if key and CONTROLS.search(key):
                # The footer and F1 would show it to the terminal raw.
                self.report(
                    ("keys", binding_id),
                    f"{quoted(key)} holds a control character, which no key is named with",
                    'write the key\'s name, e.g. "ctrl+j" or "escape"',
                )
            elif key:
                keys[binding_id] = key
            elif key is not None:
                self.report(("keys", binding_id), "a key must not be empty", 'e.g. "ctrl+j"')
        return keys


def check_choices(
    path: Path,
    display: str,
    settings: Settings,
    themes: ThemeCatalogue,
    binding_ids: Collection[str],
) -> None:
    """`InputError` if the settings name a theme or a binding id that does not exist."""
    theme = settings.theme
    bad_theme = theme is not None and not themes.known(theme)
    unknown_ids = [binding_id for binding_id in settings.keys if binding_id not in binding_ids]
    if not bad_theme and not unknown_ids:
        return
    from coffeechat.core.themes import unknown_theme  # only to explain a wrong name
    from coffeechat.core.toml.reading import read_toml

    checker = Validator(read_toml(path, display, SETTINGS_FILE))
    if theme is not None and bad_theme:
        checker.report(("theme",), *unknown_theme(theme, themes))
    for binding_id in unknown_ids:
        checker.report(
            ("keys", binding_id),
            f"no key binding has the id {binding_id!r}",
            did_you_mean(binding_id, binding_ids),
            at_value=False,
        )
    raise checker.fail()


def save_theme(path: Path, name: str, display: str | None = None) -> None:
    """Set `theme = "<name>"` in the settings file, keeping every other byte of it.

    The file is edited with tomlkit, checked again with tomllib, and replaced
    atomically (through a symbolic link, to the file it points to); a missing file
    is created. `InputError` if the file cannot be read as TOML now (it changed
    since coffeechat started) or cannot be written.
    """
    import codecs
    import tomllib

    from coffeechat.core.files.regular import MAX_BYTES
    from coffeechat.core.toml.reading import parse_toml, read_bytes

    shown = display if display is not None else str(path)
    raw = read_bytes(path, shown, SETTINGS_FILE, MAX_BYTES) if path.exists() else b""
    before = parse_toml(raw, shown).data if raw.strip() else {}
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    text = raw[len(bom) :].decode("utf-8")
    edited = with_theme(text, name)
    if tomllib.loads(edited) != {**before, "theme": name}:
        raise InputError.at(
            shown,
            "coffeechat could not change the theme here without changing something else",
            f'set it by hand: theme = "{name}"',
        )
    try:
        atomic.write_atomic(path, bom + edited.encode("utf-8"))
    except OSError as err:
        raise InputError.at(
            shown,
            f"cannot save the theme: {err.strerror}",
            f'set it by hand: theme = "{name}"',
            line=0,
        ) from None


def with_theme(text: str, name: str) -> str:
    """The settings `text` with `theme = "<name>"` set and nothing else changed."""
    import tomlkit  # only the app writes settings; the script commands never need it

    document = tomlkit.parse(text)
    existed = "theme" in document
    document["theme"] = name
    edited = tomlkit.dumps(document)
    if existed:
        return edited
    # tomlkit puts a new key before the first [table], after any comments that
    # introduce that table, and adds a blank line: insert the line alone, right after
    # the last top-level value, so that every other byte stays as it was.
    newline = "\r\n" if "\r\n" in text else "\n"
    line = tomlkit.dumps({"theme": name}).rstrip("\n")
    start = _line_start(edited, line)
    before = edited[:start]
    if start < 0 or not (text + newline).startswith(before):
        return edited
    if before == text + newline:  # the file did not end with a newline
        return text + newline + line + newline
    at = _after_last_value(before)
    return text[:at] + line + newline + text[at:]


def _line_start(text: str, line: str) -> int:
    """Where the first line of `text` reading exactly `line` begins, or -1."""
    offset = 0
    for each in text.splitlines(keepends=True):
        if each.rstrip("\r\n") == line:
            return offset
        offset += len(each)
    return -1


def _after_last_value(head: str) -> int:
    """The end of `head` less the comment and blank lines closing it, if a value precedes them."""
    lines = head.splitlines(keepends=True)
    kept = len(lines)
    while kept and (not lines[kept - 1].strip() or lines[kept - 1].lstrip().startswith("#")):
        kept -= 1
    return sum(len(line) for line in lines[:kept]) if kept else len(head)
