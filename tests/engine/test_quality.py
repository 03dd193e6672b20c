"""Alignment quality on generated pairs with known truth, and on unrelated articles."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from tests.engine.checks import invariant_errors, links_of, prf
from tests.engine.perturb import (
    BASES,
    Pair,
    make_pair,
    quality_pairs,
    seed_paragraphs,
    split_points,
    swap_synonyms,
)
from tui.engine import DiffResult, diff_articles, diff_texts, load_article

MIN_F1 = 0.97
PAIRS_PER_BASE = 8


@pytest.fixture(scope="module")
def scored() -> list[tuple[Pair, DiffResult]]:
    """Every generated pair with the engine's result."""
    return [(pair, diff_texts(pair.a, pair.b)) for pair in quality_pairs(PAIRS_PER_BASE)]


def _report(scored: list[tuple[Pair, DiffResult]]) -> tuple[float, str]:
    """Micro F1 over all pairs, and a per-category / per-pair report."""
    tp = fp = fn = 0
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false_kinds: Counter[str] = Counter()
    lines: list[str] = []
    for pair, result in scored:
        predicted = links_of(result)
        truth = pair.truth
        tp += len(predicted & truth)
        fp += len(predicted - truth)
        fn += len(truth - predicted)
        for link, category in pair.links.items():
            total[category] += 1
            found[category] += link in predicted
        linked_a = {i for i, _ in truth}
        linked_b = {j for _, j in truth}
        for i, j in sorted(predicted - truth):
            where = (
                "deleted A" if i not in linked_a else "inserted B" if j not in linked_b else "wrong"
            )
            false_kinds[where] += 1
        p, r, f = prf(predicted, truth)
        if f < 1.0:
            missing = sorted(truth - predicted)
            tags = [pair.links[m] for m in missing]
            lines.append(
                f"  {pair.name}: P={p:.3f} R={r:.3f} F1={f:.3f} "
                f"missing={list(zip(missing, tags, strict=True))} "
                f"extra={sorted(predicted - truth)}"
            )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    header = [
        f"micro P={precision:.4f} R={recall:.4f} F1={f1:.4f} over {len(scored)} pairs "
        f"({tp + fn} true links)",
        "recall per category: "
        + ", ".join(
            f"{c} {found[c]}/{total[c]} = {found[c] / total[c]:.3f}" for c in sorted(total)
        ),
        "false links: " + (", ".join(f"{k} {v}" for k, v in sorted(false_kinds.items())) or "none"),
        "imperfect pairs:",
    ]
    return f1, "\n".join(header + lines)


def test_generator_is_deterministic_and_varied() -> None:
    seeds = seed_paragraphs()
    first = make_pair("001", 3, seeds)
    assert first == make_pair("001", 3, seeds)
    assert first.b_paragraphs != make_pair("001", 4, seeds).b_paragraphs
    pairs = quality_pairs(PAIRS_PER_BASE)
    assert 30 <= len(pairs) <= 60
    assert len({p.b for p in pairs}) == len(pairs)
    categories = Counter(c for p in pairs for c in p.links.values())
    for category in ("keep", "synonym", "reorder", "style", "homoglyph", "number", "reworded"):
        assert categories[category] >= 5, categories
    for category in ("split", "merge", "move", "move_edited"):
        assert categories[category] >= 10, categories
    deletes = sum(len(p.a_paragraphs) - len({i for i, _ in p.links}) for p in pairs)
    inserts = sum(len(p.b_paragraphs) - len({j for _, j in p.links}) for p in pairs)
    assert deletes >= 20 and inserts >= 40


def test_generator_truth_is_consistent() -> None:
    """Each B paragraph derives from its linked A paragraphs; the texts are well formed."""
    for pair in quality_pairs(PAIRS_PER_BASE):
        for i, j in pair.links:
            assert 0 <= i < len(pair.a_paragraphs) and 0 <= j < len(pair.b_paragraphs)
        for text in pair.a_paragraphs + pair.b_paragraphs:
            assert text.strip() == text and text and "\n\n" not in text
        result = diff_texts(pair.a, pair.b)
        assert result.a.paragraphs == pair.a_paragraphs
        assert result.b.paragraphs == pair.b_paragraphs


def test_perturbation_helpers() -> None:
    import random

    rng = random.Random(0)
    assert swap_synonyms("The officials said so.", rng, share=1.0) == "The officers stated so."
    pieces = split_points("One two three four five six seven eight. " * 2 + "Nine ten.", 2, 8)
    assert pieces is not None and len(pieces) == 2


def test_link_f1_on_generated_pairs(scored: list[tuple[Pair, DiffResult]]) -> None:
    f1, report = _report(scored)
    print(report)
    assert f1 >= MIN_F1, report


@pytest.mark.parametrize("base", BASES)
def test_generated_results_keep_the_invariants(
    base: str, scored: list[tuple[Pair, DiffResult]]
) -> None:
    for pair, result in scored:
        if pair.name.startswith(base + "/"):
            errors = invariant_errors(result)
            assert not errors, f"{pair.name}: " + "\n".join(errors[:10])


def test_moves_are_reported_as_moved(scored: list[tuple[Pair, DiffResult]]) -> None:
    """Most paragraphs moved far away come back as `moved` rows (not delete + insert)."""
    moved_links = found = 0
    for pair, result in scored:
        rows_by_link = {(i, j): r for r in result.rows for i in r.a for j in r.b}
        for link, category in pair.links.items():
            if category in ("move", "move_edited"):
                moved_links += 1
                found += link in rows_by_link
    assert moved_links and found / moved_links >= 0.9, (found, moved_links)


@pytest.mark.parametrize("category", ["split", "merge"])
def test_splits_and_merges_are_grouped(
    category: str, scored: list[tuple[Pair, DiffResult]]
) -> None:
    """A split comes back as one row: its A paragraph against all its B pieces (a merge
    likewise), not as a pair plus insertions."""
    groups = whole = 0
    broken: list[str] = []
    for pair, result in scored:
        truth_rows: dict[tuple[int, ...], set[int]] = {}
        by_b: dict[int, set[int]] = {}
        for (i, j), tag in pair.links.items():
            if tag == category:
                by_b.setdefault(j, set()).add(i)
        for j, sources in by_b.items():
            truth_rows.setdefault(tuple(sorted(sources)), set()).add(j)
        for a_side, b_side in truth_rows.items():
            groups += 1
            if any(r.a == a_side and set(r.b) == b_side for r in result.rows):
                whole += 1
            else:
                got = [(r.kind, r.a, r.b) for r in result.rows if set(r.a) & set(a_side)]
                broken.append(f"{pair.name}: A{list(a_side)} -> B{sorted(b_side)}, got {got}")
    assert groups >= 20, groups
    assert whole / groups >= 0.9, f"{whole}/{groups} grouped; broken:\n" + "\n".join(broken)


def test_different_article_on_the_same_topic_is_not_paired(seeds: dict[str, Path]) -> None:
    """Seed 004 (Xi–Putin video call, December) against the four versions of the
    February story: almost no pairs, either way round."""
    articles = {k: load_article(p.read_bytes(), p.name) for k, p in seeds.items()}
    assert "video conferenc" in " ".join(articles["004"].paragraphs)
    for other in ("000", "001", "002", "003"):
        for a, b in ((other, "004"), ("004", other)):
            result = diff_articles(articles[a], articles[b])
            links = sorted(links_of(result))
            assert len(links) <= 2, f"{a} vs {b}: {links}"
            assert result.stats.similarity < 0.1


def test_versions_of_one_story_are_paired(seeds: dict[str, Path]) -> None:
    """Seeds 000-003 are versions of one story: most paragraphs find a partner."""
    articles = {k: load_article(p.read_bytes(), p.name) for k, p in seeds.items()}
    for a, b in itertools.permutations(("000", "001", "002", "003"), 2):
        result = diff_articles(articles[a], articles[b])
        n = min(len(articles[a].paragraphs), len(articles[b].paragraphs))
        assert len(links_of(result)) >= 0.6 * n, f"{a} vs {b}"
