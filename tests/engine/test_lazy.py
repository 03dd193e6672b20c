"""Alignment first, words as needed: the lazy diff equals the whole diff."""

from __future__ import annotations

import gc
import random

import pytest
from hypothesis import given

from tests.engine.strategies import LIGHT_SETTINGS, any_pair
from tests.engine.test_symmetry import SEEDS
from tui.engine import (
    DiffOptions,
    LazyDiff,
    align_articles,
    article_from_text,
    diff_articles,
    diff_texts,
    load_article,
)
from tui.engine.model import Article


def _seed(k: int) -> Article:
    return load_article(SEEDS[k].read_bytes(), SEEDS[k].name)


@pytest.mark.parametrize("pair", [(0, 1), (2, 3), (4, 2)], ids=lambda p: f"{p[0]}-{p[1]}")
def test_rows_in_any_order_give_the_whole_diff(pair: tuple[int, int]) -> None:
    a, b = _seed(pair[0]), _seed(pair[1])
    whole = diff_articles(a, b)
    alignment = align_articles(a, b)
    assert [(g.a, g.b) for g in alignment.groups] == [(r.a, r.b) for r in whole.rows]
    lazy = LazyDiff(alignment)
    assert len(lazy) == len(whole.rows) == lazy.pending
    order = list(range(len(lazy)))
    random.Random(7).shuffle(order)
    first = order[: len(order) // 3]
    lazy.ensure(first[1:])
    assert lazy.row(first[0]) == whole.rows[first[0]]
    assert all(lazy.is_ready(k) for k in first)
    assert lazy.pending == len(lazy) - len(first)
    assert not lazy.is_ready(order[-1])
    assert lazy.complete() == whole
    assert lazy.pending == 0


@LIGHT_SETTINGS
@given(any_pair)
def test_lazy_diff_equals_the_whole_diff(pair: tuple[str, str]) -> None:
    a, b = (article_from_text(t, name) for name, t in zip("ab", pair, strict=True))
    lazy = LazyDiff(align_articles(a, b))
    lazy.ensure(range(len(lazy) - 1, -1, -2))  # every other row, from the end
    assert lazy.complete() == diff_texts(*pair)


def test_options_and_progress_reach_the_lazy_diff() -> None:
    a = Article("a", "utf-8", ("One here.", "Two there.", "Three."))
    b = Article("b", "utf-8", ("Three.", "One here!", "Two there."))
    seen: list[float] = []
    options = DiffOptions(detect_moves=False)
    alignment = align_articles(a, b, options, seen.append)
    result = LazyDiff(alignment).complete(seen.append)
    assert result == diff_articles(a, b, options)
    assert all(r.kind != "moved" for r in result.rows)
    assert seen == sorted(seen) and seen[-1] == 1.0


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_state_is_restored(enabled: bool) -> None:
    was = gc.isenabled()
    switch = {True: gc.enable, False: gc.disable}
    try:
        switch[enabled]()
        diff_texts("One here.\n\nTwo.", "One there.\n\nTwo.")
        assert gc.isenabled() is enabled
    finally:
        switch[was]()
