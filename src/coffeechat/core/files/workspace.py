"""The workspace: one folder of plain files holding agendas, sessions, people and themes.

Found in this order: `--workspace DIR`, `$COFFEECHAT_HOME`, the nearest enclosing
folder holding `coffeechat.toml`, then the user data folder. A new workspace is
created with one example agenda, so there is always something to show.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple

from coffeechat.core.files import atomic, leftovers
from coffeechat.core.files.regular import MAX_BYTES, MAX_SESSION_BYTES, not_a_file
from coffeechat.core.problems import InputError, Problem, did_you_mean, quoted

SETTINGS_NAME = "coffeechat.toml"
HOME_VARIABLE = "COFFEECHAT_HOME"


class Workspace(NamedTuple):
    """Paths inside one workspace folder."""

    root: Path

    @property
    def agendas(self) -> Path:
        """Where the user's agendas live."""
        return self.root / "agendas"

    @property
    def sessions(self) -> Path:
        """Where the app writes one file per call."""
        return self.root / "sessions"

    @property
    def people(self) -> Path:
        """The network: one file per person, written by the person or the app."""
        return self.root / "people"

    def person_path(self, person_id: str) -> Path:
        """Where the person `person_id` is stored (the id is its file's stem)."""
        return self.people / f"{person_id}.toml"

    @property
    def themes(self) -> Path:
        """Where the user's own themes live, beside the built-in ones."""
        return self.root / "themes"

    @property
    def settings(self) -> Path:
        """The optional settings file."""
        return self.root / SETTINGS_NAME

    @property
    def cache(self) -> Path:
        """Derived data that can be deleted at any time (kept inside the workspace)."""
        return self.root / ".coffeechat-cache"

    def agenda_file(self, name: str) -> Path:
        """Where the agenda called `name` (a file stem, e.g. `jane-doe`) is stored."""
        return self.agendas / f"{name}.toml"

    def session_path(self, session_id: str) -> Path:
        """Where the session `session_id` is stored (the id is its file's stem)."""
        return self.sessions / f"{session_id}.toml"

    def agenda_files(self) -> list[Path]:
        """Every agenda file, sorted by name."""
        if not self.agendas.is_dir():
            return []
        return sorted(p for p in self.agendas.glob("*.toml") if not p.name.startswith("."))

    def agenda_path(self, ref: str) -> Path:
        """The agenda a user means: an existing path, or a name under `agendas/`."""
        if "\0" in ref or "\n" in ref or not ref.strip():
            raise _no_agenda(ref, "an agenda name is one line of text")
        given = expand(ref)
        if given.is_file():
            return given
        _refuse_special(ref, given)
        from coffeechat.core.files.names import slugify

        name = ref.removesuffix(".toml")
        if slugify(name) == name:
            candidate = self.agenda_file(name)
            if candidate.is_file():
                return candidate
            _refuse_special(ref, candidate)
        names = [p.stem for p in self.agenda_files()]
        hint = did_you_mean(name, names) if names else 'create one: coffeechat new "Their Name"'
        raise _no_agenda(ref, hint)

    def display(self, path: Path) -> str:
        """A path as a person would type it: relative to where they are, if inside."""
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except (ValueError, OSError):
            return str(path)


def expand(text: str) -> Path:
    """A path as typed, with `~` or `~user` expanded where that names a home folder."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # `~someone` who has no account here: take it literally
        return Path(text)


def _refuse_special(ref: str, path: Path) -> None:
    """Say what is at `path` if it is a named pipe, a socket or a device: never an
    agenda, and never to be opened (a pipe would block). A folder is only a wrong name."""
    kind = not_a_file(path)
    if kind is not None and kind != "a folder":
        raise InputError.at(
            "AGENDA",
            f"{quoted(ref)} is {kind}, not an agenda file",
            'an agenda is a .toml file: coffeechat new "Their Name" writes one',
            line=0,
            col=0,
        )


def _no_agenda(ref: str, hint: str) -> InputError:
    return InputError.at("AGENDA", f"no agenda called {quoted(ref)}", hint, line=0, col=0)


def find_workspace(
    explicit: str | None, environ: Mapping[str, str], cwd: Path, user_data: Path
) -> Workspace:
    """Which folder is the workspace, by the rules in the module docstring."""
    if explicit:
        return Workspace(expand(explicit).absolute())
    if environ.get(HOME_VARIABLE):
        return Workspace(expand(environ[HOME_VARIABLE]).absolute())
    for folder in (cwd, *cwd.parents):
        if (folder / SETTINGS_NAME).is_file():
            return Workspace(folder)
    return Workspace(user_data)


def default_workspace(explicit: str | None = None) -> Workspace:
    """The workspace for this process: its arguments, environment and folder."""
    if explicit or os.environ.get(HOME_VARIABLE):
        # The user data folder is not needed, and asking platformdirs costs a few ms.
        return find_workspace(explicit, os.environ, Path.cwd(), Path())
    import platformdirs

    return find_workspace(
        explicit, os.environ, Path.cwd(), Path(platformdirs.user_data_dir("coffeechat"))
    )


def prepare(workspace: Workspace, notify: Callable[[Problem], None] | None = None) -> Workspace:
    """Create what a workspace needs (a new one gets the example agenda) and settle
    the temp files of saves cut short; `notify` hears of each save recovered."""
    try:
        atomic.private_dir(workspace.root)
        atomic.private_dir(workspace.sessions)
        atomic.private_dir(workspace.people)
        if not workspace.agendas.exists():
            _new_agendas(workspace)
    except OSError as err:
        raise InputError.at(
            str(workspace.root),
            f"cannot set up the workspace here: {err.strerror}",
            "choose another folder with --workspace DIR or $COFFEECHAT_HOME",
            line=0,
            col=0,
        ) from None
    for leftover in settle_workspace_leftovers(workspace):
        notice = leftover.notice(workspace.display)
        if notice is not None and notify is not None:
            notify(notice)
    return workspace


def _new_agendas(workspace: Workspace) -> None:
    """The agendas folder of a new workspace, put in place whole with the example.

    Several commands may set up one new workspace at once (a script running four
    `coffeechat sessions`): the folder is filled under a temp name and renamed into
    place, so each of them finds it missing or complete, never half made, and the
    ones that lose the race simply drop their copy.
    """
    # Only a new workspace needs the template (most starts skip its import).
    import tempfile

    from coffeechat.core.agendas.template import EXAMPLE, agenda_template
    from coffeechat.core.files.names import slugify

    folder = Path(tempfile.mkdtemp(prefix=f".{workspace.agendas.name}.", dir=workspace.root))
    name = f"{slugify(EXAMPLE.name)}.toml"
    try:
        atomic.write_new(folder / name, agenda_template(EXAMPLE, f"agendas/{name}"))
        os.rename(folder, workspace.agendas)
    except OSError:
        (folder / name).unlink(missing_ok=True)
        folder.rmdir()
        if not workspace.agendas.is_dir():
            raise  # not another process that got there first
    atomic.fsync_dir(workspace.root)


def settle_workspace_leftovers(workspace: Workspace) -> list[leftovers.Leftover]:
    """Deal with temp files left by interrupted saves (see `core.files.leftovers`)."""
    found = leftovers.settle_leftovers(workspace.sessions, _whole_session, MAX_SESSION_BYTES)
    for folder in (workspace.root, workspace.agendas, workspace.people):
        found += leftovers.settle_leftovers(folder, _whole_toml, MAX_BYTES)
    return found


def _whole_session(raw: bytes, path: Path) -> bool:
    from coffeechat.core.sessions.format import parse_session

    try:
        parse_session(raw, path)
    except InputError:
        return False
    return True


def _whole_toml(raw: bytes, path: Path) -> bool:
    from coffeechat.core.toml.reading import parse_toml

    try:
        parse_toml(raw, str(path))
    except InputError:
        return False
    return True
