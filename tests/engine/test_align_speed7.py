"""Fast forms of the aligner (s7) equal the plain ones they replace."""

from __future__ import annotations

import heapq
import random

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.random_articles import random_article, revised
from tui.engine.align import Aligner, Group, _first_units, align_paragraphs


@given(
    st.lists(
        st.tuples(st.integers(1, 3), st.integers(0, 30), st.integers(1, 3), st.booleans()),
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_groups_sort_by_their_a_sides_as_by_their_first_units(shapes, rng) -> None:
    # Groups that share no unit, in any order, as the aligner holds them.
    groups = []
    next_a = 0
    for size_a, b_start, size_b, moved in shapes:
        a = tuple(range(next_a, next_a + size_a))
        next_a += size_a + rng.randrange(2)
        groups.append(Group(a, tuple(range(b_start, b_start + size_b)), moved))
    rng.shuffle(groups)
    plain = sorted(groups, key=lambda g: (g.a[0], g.b[0]))
    assert sorted(groups, key=_first_units) == plain


@given(st.integers(0, 10_000))
def test_remembered_similarities_are_those_the_vectors_give(seed) -> None:
    # Group scores are remembered when the dynamic program scores them: each must be
    # what the current vectors give, bit for bit.
    rng = random.Random(seed)
    a = random_article(rng, rng.randrange(2, 14))
    b = revised(rng, a) or ["Something else."]
    aligner = Aligner(a, b)
    aligner.run(place_leftovers=False)
    for (ga, gb), remembered in aligner._similarities.items():
        assert remembered == aligner.similarity(ga, gb)
    align_paragraphs(a, b)  # and the whole alignment runs


@given(
    st.dictionaries(st.text(max_size=3), st.floats(0.0, 5.0, allow_nan=False), max_size=40),
    st.integers(1, 14),
)
def test_sorted_and_cut_is_what_nlargest_gives_when_no_two_entries_are_equal(vec, n) -> None:
    # _candidates ranks (weight, term) and (votes, -unit) tuples: no two are equal.
    entries = [(w, term) for term, w in vec.items()]
    assert sorted(entries, reverse=True)[:n] == heapq.nlargest(n, entries)
