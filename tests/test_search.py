"""Searching the notes in batches (`search_in_batches`, what home shows as it goes)."""

from __future__ import annotations

import pytest

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions import search
from coffeechat.core.sessions.cache import load_index
from coffeechat.core.sessions.search import search_in_batches
from tests.past_sessions import fill_workspace, omar, write

JANE = "2026-11-20-1501-jane-doe"


@pytest.fixture
def ids(workspace: Workspace) -> list[str]:
    """The fixture's three readable sessions, newest first, and one that is gone."""
    fill_workspace(workspace)
    return [s.id for s in load_index(workspace).sessions] + ["2026-01-01-0900-gone"]


def test_progress_after_each_batch_then_done(
    workspace: Workspace, ids: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "BATCH", 2)
    told = list(search_in_batches(workspace, ids, "  SHADOWING  the "))
    assert [(p.read, p.done) for p in told] == [(2, False), (4, True)]
    assert [list(p.hits) for p in told] == [[JANE], [JANE]]
    assert told[-1].hits[JANE].where == "question 2"


def test_a_search_stops_at_the_most_hits(
    workspace: Workspace, ids: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "BATCH", 1)
    monkeypatch.setattr(search, "MOST_HITS", 2)
    told = list(search_in_batches(workspace, ids, "e"))  # in every name
    assert [(p.read, p.done, len(p.hits)) for p in told] == [(1, False, 1), (2, True, 2)]


def test_a_stopped_search_tells_nothing_more(workspace: Workspace, ids: list[str]) -> None:
    assert list(search_in_batches(workspace, ids, "e", stopped=lambda: True)) == []
    assert list(search_in_batches(workspace, [], "e")) == []


@pytest.mark.parametrize(
    ("phrase", "written"),
    [
        ("order set", "the sepsis order-set, twice"),
        ("order-set", "the sepsis order set, twice"),
        ("Order  Set", "the sepsis order/set, twice"),
        ("order set", "the sepsis order_set, twice"),
        ("order set", "the sepsis order –\nset, twice"),
        ("c++", "they write c++ all day"),
    ],
)
def test_words_are_found_across_punctuation(
    workspace: Workspace, phrase: str, written: str
) -> None:
    fill_workspace(workspace)
    session = omar()
    session.general_notes = written
    write(workspace, session)
    hits = list(search.search_sessions(workspace, [session.id], phrase))
    assert [(h.where, h.snippet) for h in hits] == [("notes", " ".join(written.split()))]


def test_words_in_another_order_or_apart_are_not_found(workspace: Workspace) -> None:
    fill_workspace(workspace)
    session = omar()
    session.general_notes = "set the order; order of the set"
    write(workspace, session)
    assert list(search.search_sessions(workspace, [session.id], "order set")) == []


def test_what_surrounds_the_words_is_found_as_typed(workspace: Workspace) -> None:
    fill_workspace(workspace)
    session = omar()
    session.general_notes = "c and c# but not the other one"
    write(workspace, session)
    assert list(search.search_sessions(workspace, [session.id], "c++")) == []
    assert [h.snippet for h in search.search_sessions(workspace, [session.id], "c#")] == [
        "c and c# but not the other one"
    ]
