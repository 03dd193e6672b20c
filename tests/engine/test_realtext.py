"""Link quality on real, independently worded versions of one text (tests/data/realtext).

The floors sit a little under what the aligner reaches; a change of method that loses
real-text recall or precision fails here even when the generated sets still pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DATA_DIR
from tests.engine.checks import invariant_errors, links_of, prf
from tui.engine import DiffResult, diff_articles, load_article

REALTEXT = DATA_DIR / "realtext"
PAIRS = sorted(p.name.split(".")[0] for p in REALTEXT.glob("*.gold.json"))
#: Per pair: (precision floor, F1 floor).
FLOORS = {
    "d03": (0.95, 0.93),
    "d04": (0.93, 0.87),
    "d05": (0.97, 0.95),
    "d07": (0.95, 0.90),
    "d09": (0.85, 0.87),
}
MICRO_F1_FLOOR = 0.92


def _diff(name: str) -> tuple[DiffResult, dict]:
    gold = json.loads((REALTEXT / f"{name}.gold.json").read_text(encoding="utf-8"))
    a_path: Path = REALTEXT / gold["a"]
    b_path: Path = REALTEXT / gold["b"]
    result = diff_articles(
        load_article(a_path.read_bytes(), a_path.name),
        load_article(b_path.read_bytes(), b_path.name),
    )
    return result, gold


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[DiffResult, dict]]:
    return {name: _diff(name) for name in PAIRS}


def test_pairs_present() -> None:
    assert sorted(FLOORS) == PAIRS


@pytest.mark.parametrize("name", PAIRS)
def test_real_pair_links(name: str, results: dict[str, tuple[DiffResult, dict]]) -> None:
    result, gold = results[name]
    assert len(result.a.paragraphs) == gold["a_count"]
    assert len(result.b.paragraphs) == gold["b_count"]
    assert invariant_errors(result) == []
    truth = {(i, j) for i, j in gold["links"]}
    predicted = links_of(result)
    precision, recall, f1 = prf(predicted, truth)
    min_precision, min_f1 = FLOORS[name]
    report = f"{name}: P={precision:.3f} R={recall:.3f} F1={f1:.3f}"
    assert precision >= min_precision and f1 >= min_f1, report


def test_real_pairs_micro_f1(results: dict[str, tuple[DiffResult, dict]]) -> None:
    tp = n_predicted = n_truth = 0
    for result, gold in results.values():
        truth = {(i, j) for i, j in gold["links"]}
        predicted = links_of(result)
        tp += len(predicted & truth)
        n_predicted += len(predicted)
        n_truth += len(truth)
    precision, recall = tp / n_predicted, tp / n_truth
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= MICRO_F1_FLOOR, f"micro P={precision:.3f} R={recall:.3f} F1={f1:.3f}"
