"""Link F1 on the hand-made gold alignment of seeds 002 and 000 (tests/data/gold)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA_DIR
from tests.engine.checks import invariant_errors, links_of, prf
from tui.engine import diff_articles, load_article

GOLD_FILES = sorted((DATA_DIR / "gold").glob("*.gold.json"))


def _load(seeds: dict[str, Path], gold: dict[str, Any]) -> tuple[Any, Any]:
    by_name = {p.name: p for p in seeds.values()}
    a_path, b_path = by_name[gold["a"]], by_name[gold["b"]]
    return (
        load_article(a_path.read_bytes(), a_path.name),
        load_article(b_path.read_bytes(), b_path.name),
    )


def test_gold_files_present() -> None:
    assert [p.name for p in GOLD_FILES] == ["s002_000.gold.json"]


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_segmentation_matches_gold(gold_path: Path, seeds: dict[str, Path]) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    a, b = _load(seeds, gold)
    assert len(a.paragraphs) == gold["a_count"]
    assert len(b.paragraphs) == gold["b_count"]
    for side, article in (("a", a), ("b", b)):
        prefixes = {int(k): v for k, v in gold[f"{side}_prefix"].items()}
        assert prefixes == {k: p[: len(prefixes[k])] for k, p in enumerate(article.paragraphs)}


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_link_f1_is_perfect(gold_path: Path, seeds: dict[str, Path]) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    a, b = _load(seeds, gold)
    result = diff_articles(a, b)
    assert invariant_errors(result) == []
    truth = {(i, j) for i, j in gold["links"]}
    possible = {(i, j) for i, j in gold.get("possible_links", [])}
    predicted = links_of(result)
    precision, recall, f1 = prf(predicted, truth, ignore=possible)
    missing = sorted(truth - predicted)
    extra = sorted(predicted - truth - possible)
    assert f1 == 1.0, (
        f"P={precision:.3f} R={recall:.3f} F1={f1:.3f}; missing {missing} "
        f"({[gold['notes'].get(f'{i}-{j}') for i, j in missing]}); extra {extra}"
    )


def test_gold_scoring_ignores_possible_links() -> None:
    """possible_links are neither demanded nor counted as false."""
    truth = {(0, 0), (1, 1)}
    assert prf({(0, 0), (1, 1), (2, 2)}, truth, ignore={(2, 2)})[2] == 1.0
    assert prf({(0, 0), (1, 1), (2, 3)}, truth, ignore={(2, 2)})[2] < 1.0
    assert prf({(0, 0)}, truth, ignore={(1, 1)})[2] < 1.0
