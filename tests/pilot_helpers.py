"""Waiting, in a Pilot test, until what the app reads in the background is on screen."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot[None]) -> None:
    """Let the loading (and search) workers finish and their results show: loading
    starts once the first frame is up, and its results are shown on the next turn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
