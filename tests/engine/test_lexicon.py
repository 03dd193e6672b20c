"""Learned word correspondences: the counting shortcuts give the mapping of the plain
definition (every pair of unshared words counted)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.lexicon import MIN_ASSOCIATION, MIN_PAIRS, _rarest, learn_correspondences

WORDS_A = [f"a{k}" for k in range(8)] + [f"s{k}" for k in range(4)]
WORDS_B = [f"b{k}" for k in range(8)] + [f"s{k}" for k in range(4)]

pairs = st.lists(
    st.tuples(st.sets(st.sampled_from(WORDS_A)), st.sets(st.sampled_from(WORDS_B))),
    max_size=12,
)


def plain_correspondences(
    pairs: list[tuple[set[str], set[str]]], rarity: dict[str, float]
) -> dict[str, str]:
    """Mutual best associates, every meeting of two unshared words counted."""
    count_a: Counter[str] = Counter()
    count_b: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for terms_a, terms_b in pairs:
        only_a = _rarest(sorted(terms_a - terms_b), rarity)
        only_b = _rarest(sorted(terms_b - terms_a), rarity)
        count_a.update(only_a)
        count_b.update(only_b)
        joint.update((x, y) for x in only_a for y in only_b)
    best_a: dict[str, tuple[float, str]] = {}
    best_b: dict[str, tuple[float, str]] = {}
    for (x, y), n in joint.items():
        score = 2 * n / (count_a[x] + count_b[y])
        if n < MIN_PAIRS or score < MIN_ASSOCIATION:
            continue
        best_a[x] = max(best_a.get(x, (0.0, "")), (score, y))
        best_b[y] = max(best_b.get(y, (0.0, "")), (score, x))
    return {x: y for x, (_, y) in best_a.items() if best_b[y][1] == x}


@settings(max_examples=300, deadline=None)
@given(pairs)
def test_learned_correspondences_are_those_of_the_plain_count(pairs) -> None:
    rarity = {w: float(len(w) + int(w[1:])) for w in {*WORDS_A, *WORDS_B}}
    assert learn_correspondences(pairs, rarity) == plain_correspondences(pairs, rarity)


def test_words_that_keep_meeting_correspond() -> None:
    pairs = [({"swine", "farm"}, {"pigs", "farm"})] * 3 + [({"cow"}, {"vache"})]
    assert learn_correspondences(pairs, {}) == {"swine": "pigs"}
