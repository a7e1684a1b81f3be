"""The workspace's settings (`coffeechat.toml`), checked like an agenda.

Every key is optional:

    duration = "20m"          # default window when an agenda gives none
    warn_at = ["5m", "2m"]    # default time-left signals
    bell = false              # ring the terminal bell at each signal
    theme = "coffee"          # the theme to start with
    [keys]                    # remap a binding by its id
    "call.next" = "ctrl+j"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coffeechat.core.agenda import DEFAULT_DURATION, DEFAULT_WARN_AT
from coffeechat.core.tomlfile import read_toml
from coffeechat.core.tomlpos import KeyPath
from coffeechat.core.validate import Validator

_KEYS = ("duration", "warn_at", "bell", "theme", "keys")


@dataclass(frozen=True)
class Settings:
    """What the person chose for this workspace; defaults where they chose nothing."""

    duration: int = DEFAULT_DURATION
    warn_at: tuple[int, ...] = DEFAULT_WARN_AT
    bell: bool = False
    theme: str | None = None
    keys: Mapping[str, str] = field(default_factory=dict)


def load_settings(path: Path, display: str | None = None) -> Settings:
    """Read `coffeechat.toml` if it exists; `InputError` lists every problem in it."""
    if not path.is_file():
        return Settings()
    checker = _SettingsChecker(read_toml(path, display))
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
        )

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
            if key:
                keys[binding_id] = key
            elif key is not None:
                self.report(("keys", binding_id), "a key must not be empty", 'e.g. "ctrl+j"')
        return keys
