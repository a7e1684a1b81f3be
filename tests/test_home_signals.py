"""A signal that lands while home is putting its lists in ends the app cleanly.

A Python signal handler runs between any two bytecodes of the main thread, so it can
interrupt the screen halfway through mounting its lists. Here the signal is raised
from inside that moment on purpose (while the agendas list is being built, after the
other two lists went in), in a real process, so it is the same every run.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from coffeechat.core.files.workspace import Workspace

MIDWAY = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.ui.app import make_app
    from coffeechat.ui.widgets.agenda_list import AgendaList

    built = AgendaList.__init__

    def build(self, *args, **kwargs):
        os.kill(os.getpid(), signal.{signal})  # home is halfway through its lists
        built(self, *args, **kwargs)

    AgendaList.__init__ = build
    app = make_app(Workspace(Path(sys.argv[1])))
    app.run(headless=True, size=(80, 24))
    sys.exit(app.return_code)
    """
)


def test_a_sigterm_while_home_mounts_its_lists_ends_with_its_code(workspace: Workspace) -> None:
    ended = subprocess.run(
        [sys.executable, "-c", MIDWAY.format(signal="SIGTERM"), str(workspace.root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).parent.parent,
    )
    assert "Error" not in ended.stdout + ended.stderr, ended.stdout + ended.stderr
    assert ended.returncode == 128 + signal.SIGTERM
