"""Repeated content: a text repeated several times over, and refrains, align by place."""

from __future__ import annotations

import pytest

from tests.engine.checks import invariant_errors, links_of, prf
from tests.engine.perturb import FILLER, make_pair
from tui.engine import diff_texts

COPIES = 8


def _repeated(paragraphs: tuple[str, ...], copies: int) -> str:
    return "\n\n".join(paragraphs * copies)


@pytest.mark.parametrize(("base", "seed"), [("002", 1), ("000", 3), ("filler", 2)])
def test_text_repeated_over_aligns_as_one_copy(base: str, seed: int) -> None:
    """A pair built from the same pair of texts eight times over is as similar as one
    copy, and every paragraph that is not moved pairs within its own copy. (A moved
    paragraph may pair with the neighbouring copy when it moved more than half a
    copy away: the two readings are equally good.)"""
    pair = make_pair(base, seed)
    n_a, n_b = len(pair.a_paragraphs), len(pair.b_paragraphs)
    one = diff_texts(pair.a, pair.b)
    many = diff_texts(_repeated(pair.a_paragraphs, COPIES), _repeated(pair.b_paragraphs, COPIES))
    assert invariant_errors(many) == []
    assert many.stats.similarity >= one.stats.similarity - 0.03
    in_place = {link for link, tag in pair.links.items() if not tag.startswith("move")}
    truth = {(i + k * n_a, j + k * n_b) for k in range(COPIES) for i, j in in_place}
    found = links_of(many)
    _, recall, _ = prf(found & truth, truth)
    assert recall >= prf(links_of(one) & in_place, in_place)[1] - 0.02
    wrong_copy = [
        (i, j) for i, j in found if i // n_a != j // n_b and (i % n_a, j % n_b) in in_place
    ]
    assert wrong_copy == []


def test_refrains_pair_with_their_own_neighbourhood() -> None:
    """A short paragraph repeated after every stanza pairs with the refrain next to the
    same stanza, also when one refrain is gone and one stanza is reworded."""
    refrain = "Sponsor Content"
    stanzas = list(FILLER[:6])
    a = [p for s in stanzas for p in (s, refrain)]
    b_stanzas = [*stanzas]
    b_stanzas[2] = b_stanzas[2].replace("the", "a").upper()
    b: list[str] = []
    for k, s in enumerate(b_stanzas):
        b.append(s)
        if k != 3:
            b.append(refrain)
    result = diff_texts("\n\n".join(a), "\n\n".join(b))
    assert invariant_errors(result) == []
    pairs = {i: j for i, j in links_of(result)}
    refrain_links = [(i, j) for i, j in links_of(result) if a[i] == refrain]
    assert len(refrain_links) == 5
    for i, j in refrain_links:
        assert b[j] == refrain and pairs.get(i - 1) == j - 1, (i, j)


def test_copies_revised_apart_align_copy_by_copy() -> None:
    """A text repeated many times over where every copy lost a different paragraph: no
    paragraph is unique, none is found as often on both sides, and still each copy
    pairs with its own copy."""
    n = len(FILLER)
    copies = 2 * n
    a = [p for _ in range(copies) for p in FILLER]
    b: list[str] = []
    truth: set[tuple[int, int]] = set()
    for copy in range(copies):
        for k, text in enumerate(FILLER):
            if k != copy % n:
                truth.add((copy * n + k, len(b)))
                b.append(text)
    result = diff_texts("\n\n".join(a), "\n\n".join(b))
    assert invariant_errors(result) == []
    precision, recall, _ = prf(links_of(result), truth)
    assert precision == 1.0 and recall >= 0.95, (precision, recall)
