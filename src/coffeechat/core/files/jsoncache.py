"""A cache file in `.coffeechat-cache/`: one JSON object, written whole and private.

It is derived data: one that is missing, unreadable (not JSON, nested too deeply to
parse, not a file) or of another version reads as nothing, and is made again; one
that cannot be written only costs time next time. A cache of files (the sessions',
the people's) is `{"version": ..., "files": {name: [stamp, record]}}` (`read_files`):
the stamp (`stamped`) says the file is unchanged.
"""

from __future__ import annotations

import json
import os
import stat
from typing import TYPE_CHECKING, Any

from coffeechat.core.files import atomic
from coffeechat.core.files.regular import read_regular

if TYPE_CHECKING:
    from pathlib import Path

    from coffeechat.core.files.workspace import Workspace


def read_object(path: Path) -> dict[str, Any] | None:
    """The JSON object at `path`; None if there is none to read."""
    try:
        data = json.loads(read_regular(path))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def write_object(workspace: Workspace, path: Path, payload: dict[str, Any]) -> None:
    """Save `payload` at `path` (in the workspace's cache folder), or nothing."""
    try:
        atomic.private_dir(workspace.cache)
        atomic.write_atomic(path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    except OSError:
        return


def read_files(path: Path, version: str) -> dict[str, Any]:
    """The `files` of a cache of files made by `version`; empty if there are none."""
    data = read_object(path)
    if data is None or data.get("version") != version:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def write_files(workspace: Workspace, path: Path, version: str, files: dict[str, Any]) -> None:
    """Save a cache of files made by `version`."""
    write_object(workspace, path, {"version": version, "files": files})


def stamped(folder: Path) -> list[tuple[str, list[int]]]:
    """Each regular `.toml` file in `folder` (hidden ones left out) and its stamp: [size,
    modification time in ns, inode] (a list, as the cache holds it, so the two compare)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.endswith(".toml"):
            continue
        try:
            info = entry.stat()
        except OSError:
            continue  # removed while we looked
        if stat.S_ISREG(info.st_mode):
            found.append((entry.name, [info.st_size, info.st_mtime_ns, info.st_ino]))
    return found
