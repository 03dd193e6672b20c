"""Link quality on real, independently worded versions of one text (tests/data/realtext).

The floors sit a little under what the aligner reaches; a change of method that loses
real-text recall or precision fails here even when the generated sets still pass.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import DATA_DIR
from tests.engine.checks import invariant_errors, links_of, prf
from tui.engine import DiffResult, diff_articles, diff_texts, load_article
from tui.engine.units import continues

REALTEXT = DATA_DIR / "realtext"
PAIRS = sorted(p.name.split(".")[0] for p in REALTEXT.glob("*.gold.json"))
#: Per pair: (precision floor, F1 floor).
FLOORS = {
    "d03": (0.95, 0.93),
    "d04": (0.93, 0.87),
    "d05": (0.97, 0.95),
    "d07": (0.95, 0.90),
    "d09": (0.85, 0.87),
    "d13": (0.98, 0.95),
}
MICRO_F1_FLOOR = 0.94
#: Recall of split links (one A verse, several B paragraphs; not moved) over all pairs.
SPLIT_RECALL_FLOOR = 0.85


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


def _split_links(gold: dict) -> set[tuple[int, int]]:
    """Gold links of an A paragraph split over several B paragraphs (moves left out)."""
    moved = {
        ref
        for entry in gold["perturbation_log"]
        if entry["op"].startswith("move")
        for ref in entry.get("refs", [])
    }
    links_per_a = Counter(i for i, _ in gold["links"])
    links_per_b = Counter(j for _, j in gold["links"])
    return {
        (i, j)
        for i, j in gold["links"]
        if links_per_a[i] > 1
        and links_per_b[j] == 1
        and not set(gold["a_refs"][i]) & set(gold["b_refs"][j]) & moved
    }


def test_real_pairs_split_recall(results: dict[str, tuple[DiffResult, dict]]) -> None:
    found = total = 0
    for result, gold in results.values():
        splits = _split_links(gold)
        found += len(splits & links_of(result))
        total += len(splits)
    assert found / total >= SPLIT_RECALL_FLOOR, f"split recall {found}/{total}"


_MEETING = (
    "The committee met on Tuesday to review the budget for the coming year.",
    "Members agreed that spending on roads should rise by a tenth, and that the library"
    " would keep its hours through the winter months.",
    "The mayor thanked everyone for their patience and closed the meeting.",
)


@pytest.mark.parametrize(
    ("first_half", "second_half", "joined"),
    [
        # A paragraph break inside a sentence: the reworded rest joins its first half.
        (
            "Members agreed that spending on roads should rise by a tenth,",
            "and the library would stay open as long as now through the winter.",
            True,
        ),
        # The same words as two sentences: too little shared for a split, so inserted.
        (
            "Members agreed that spending on roads should rise by a tenth.",
            "The library would stay open as long as now through the winter.",
            False,
        ),
        # The rest reworded with no word in common: it still continues the sentence and
        # makes its side about as long as the whole.
        (
            "Members agreed that spending on roads should rise by a tenth,",
            "and that the reading rooms should not close before dusk until spring.",
            True,
        ),
        # ... but a name the whole never mentions marks a passage of its own.
        (
            "Members agreed that spending on roads should rise by a tenth,",
            "and that Councillor Okafor should not close before dusk until spring.",
            False,
        ),
    ],
)
def test_half_sentence_joins_its_other_half(
    first_half: str, second_half: str, joined: bool
) -> None:
    b = (_MEETING[0], first_half, second_half, _MEETING[2])
    result = diff_texts("\n\n".join(_MEETING), "\n\n".join(b))
    assert invariant_errors(result) == []
    assert ((1, 2) in links_of(result)) is joined
    assert (1, 1) in links_of(result)


def test_continues() -> None:
    assert continues("For as in Adam all die,", "so in Christ all live.")
    assert continues("He said: `Go in unto Pharaoh:", "`--and say unto him")
    assert not continues("The end.", "and then more")
    assert not continues("He asked, 'Why?'", "and nobody answered")
    assert not continues("no full stop here", "But a capital there")
    assert not continues("no full stop here", "1999 was a year")


@pytest.mark.parametrize(
    ("first_half", "second_half", "paired"),
    [
        # One sentence in two paragraphs, alone between two matches: it faces its whole.
        (
            "Those present agreed on ten percent more for the roads,",
            "while opening times at the reading rooms stay as they are.",
            True,
        ),
        # Two sentences sharing as little: two paragraphs against one is no rewording.
        (
            "Those present agreed on ten percent more for the roads.",
            "Opening times at the reading rooms stay as they are.",
            False,
        ),
    ],
)
def test_split_sentence_between_matches_faces_its_whole(
    first_half: str, second_half: str, paired: bool
) -> None:
    b = (_MEETING[0], first_half, second_half, _MEETING[2])
    result = diff_texts("\n\n".join(_MEETING), "\n\n".join(b))
    assert invariant_errors(result) == []
    assert ({(1, 1), (1, 2)} <= links_of(result)) is paired
