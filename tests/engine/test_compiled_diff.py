"""The compiled diff-match-patch and the pure-Python one give the same spans."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS, LIGHT_SETTINGS, any_pair
from tests.engine.test_symmetry import REALDEV, SEEDS
from tui.engine import DiffResult, diff_articles, diff_texts, load_article, worddiff

pytest.importorskip("fast_diff_match_patch")

PAIRS = [
    *((SEEDS[i], SEEDS[j]) for i, j in itertools.combinations(range(len(SEEDS)), 2)),
    *((p, p.with_name(p.name.replace("_a.", "_b."))) for p in REALDEV),
]


def _both(
    diff: Callable[[], DiffResult], monkeypatch: pytest.MonkeyPatch
) -> tuple[DiffResult, DiffResult]:
    """``diff()`` with the compiled diff, then with the pure-Python one."""
    assert worddiff.compiled_diff is not None
    compiled = diff()
    with monkeypatch.context() as patch:
        patch.setattr(worddiff, "compiled_diff", None)
        pure = diff()
    return compiled, pure


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0].name[:3]}-{p[1].name[:3]}")
def test_same_spans_on_real_pairs(pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = (load_article(p.read_bytes(), p.name) for p in pair)
    compiled, pure = _both(lambda: diff_articles(a, b), monkeypatch)
    assert compiled.rows == pure.rows
    assert any(s.op != "equal" for r in compiled.rows for s in r.spans)


@LIGHT_SETTINGS
@given(any_pair)
def test_same_spans_on_any_pair(pair: tuple[str, str]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        compiled, pure = _both(lambda: diff_texts(*pair), monkeypatch)
    assert compiled.rows == pure.rows


#: Key strings as the word diff makes them: characters from 1 up, beyond the BMP too.
_keys = st.text(st.sampled_from([chr(c) for c in (1, 2, 3, 4, 0xD7FF, 0xE000, 0x1F600)]))


@ENGINE_SETTINGS
@given(_keys, _keys)
def test_same_runs_on_key_strings(keys_a: str, keys_b: str) -> None:
    compiled = worddiff.diff_keys(keys_a, keys_b, 0)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(worddiff, "compiled_diff", None)
        assert worddiff.diff_keys(keys_a, keys_b, 0) == compiled
