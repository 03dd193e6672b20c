"""Diffing two sources: the result is the engine's, whether or not the memory the
alignment freed is handed back before the word diff."""

from __future__ import annotations

import pytest

import tui.sources.diffing
from tests.conftest import ROOT
from tui.engine import diff_articles
from tui.sources import diff_sources, read_source

PAIR = (
    ROOT / "tests" / "data" / "realtext" / "d03_a.txt",
    ROOT / "tests" / "data" / "realtext" / "d03_b.txt",
)


@pytest.mark.parametrize("threshold", [0, 10**12])
def test_a_diff_of_sources_is_the_diff_of_their_articles(
    monkeypatch: pytest.MonkeyPatch, threshold: int
) -> None:
    trims: list[int] = []
    real = tui.sources.diffing._return_freed_memory

    def counted() -> None:
        trims.append(1)
        real()

    monkeypatch.setattr(tui.sources.diffing, "LARGE_DIFF_CHARS", threshold)
    monkeypatch.setattr(tui.sources.diffing, "_return_freed_memory", counted)
    path_a, path_b = map(str, PAIR)
    expected = diff_articles(read_source(path_a).article, read_source(path_b).article)
    assert diff_sources(path_a, path_b).result == expected
    assert len(trims) == (1 if threshold == 0 else 0)
