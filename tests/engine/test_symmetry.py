"""Swapping sides: the mirror of the diff of A against B is the diff of B against A."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given

from tests.conftest import SEEDS_DIR
from tests.engine.strategies import ENGINE_SETTINGS, any_pair
from tui.engine import Article, diff_articles, diff_texts, load_article, swap_result

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
#: Small real-text pairs (independent Bible translations, B perturbed), public domain.
REALDEV = sorted((Path(__file__).resolve().parent / "data" / "realdev").glob("d*_a.txt"))


def _load(path: Path) -> Article:
    return load_article(path.read_bytes(), path.name)


def assert_swap_is_the_reverse_diff(a: Article, b: Article) -> None:
    forward = diff_articles(a, b)
    backward = diff_articles(b, a)
    swapped = swap_result(forward)
    for k, (mine, theirs) in enumerate(zip(swapped.rows, backward.rows, strict=False)):
        assert mine == theirs, f"row {k} differs:\n  swapped  {mine}\n  backward {theirs}"
    assert len(swapped.rows) == len(backward.rows)
    assert swapped.stats == backward.stats
    assert (swapped.a, swapped.b) == (backward.a, backward.b)
    assert swap_result(swapped) == forward


@pytest.mark.parametrize(
    "pair", list(itertools.combinations(range(len(SEEDS)), 2)), ids=lambda p: f"{p[0]}-{p[1]}"
)
def test_swapping_a_seed_pair_gives_the_reverse_diff(pair: tuple[int, int]) -> None:
    assert len(SEEDS) == 5
    assert_swap_is_the_reverse_diff(_load(SEEDS[pair[0]]), _load(SEEDS[pair[1]]))


@pytest.mark.parametrize("path_a", REALDEV, ids=lambda p: p.name[:3])
def test_swapping_a_real_text_pair_gives_the_reverse_diff(path_a: Path) -> None:
    assert len(REALDEV) == 9
    path_b = path_a.with_name(path_a.name.replace("_a.", "_b."))
    assert_swap_is_the_reverse_diff(_load(path_a), _load(path_b))


@ENGINE_SETTINGS
@given(any_pair)
def test_swapping_gives_the_reverse_diff(pair: tuple[str, str]) -> None:
    forward = diff_texts(*pair)
    backward = diff_texts(pair[1], pair[0])
    swapped = swap_result(forward)
    assert swapped.rows == backward.rows
    assert swapped.stats == backward.stats  # so words are counted the same either way
