"""Word correspondences learned from the two documents being aligned.

Two versions of a text that were worded independently (a translation, a rewrite)
keep using different words for the same thing: "swine" on one side, "pigs" on the
other. After a first alignment, a word of A that is not shared with its partner
and a word of B that is not shared with its partner, and that meet in the same
confident pairs again and again, are taken as corresponding. The aligner then
counts them as a partial match in a second pass.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Iterable, Set

#: A correspondence must be seen in at least this many confident pairs ...
MIN_PAIRS = 2
#: ... and its association (Dice of the two words' pair counts) reach this.
MIN_ASSOCIATION = 0.5
#: Words per side of one pair that take part (the rarest first): bounds the cost.
MAX_WORDS_PER_PAIR = 24


def learn_correspondences(
    pairs: Iterable[tuple[Set[str], Set[str]]],
    rarity: dict[str, float],
) -> dict[str, str]:
    """Map a word of A to the word of B it keeps meeting in ``pairs``.

    ``pairs`` holds the terms of the two sides of each confident match; only the
    terms that one side has and the other lacks take part. A correspondence is
    kept when the two words are each other's best associate (mutual best), so a
    word maps to at most one word and back.
    """
    # (Set differences, made in C. Their order, which follows the string hashes, changes
    # no count, and the rarest words are taken by a total order: the mapping is the same.)
    unshared = [(_rarest(a - b, rarity), _rarest(b - a, rarity)) for a, b in pairs]
    count_a = Counter(itertools.chain.from_iterable(only_a for only_a, _ in unshared))
    count_b = Counter(itertools.chain.from_iterable(only_b for _, only_b in unshared))
    # A word found in fewer than MIN_PAIRS pairs cannot meet another that often: its
    # meetings are not counted (most words of a reworded text).
    joint = Counter(
        itertools.chain.from_iterable(
            itertools.product(
                [x for x in only_a if count_a[x] >= MIN_PAIRS],
                [y for y in only_b if count_b[y] >= MIN_PAIRS],
            )
            for only_a, only_b in unshared
        )
    )
    best_a: dict[str, tuple[float, str]] = {}
    best_b: dict[str, tuple[float, str]] = {}
    for (x, y), n in joint.items():
        if n < MIN_PAIRS:
            continue
        score = 2 * n / (count_a[x] + count_b[y])
        if score < MIN_ASSOCIATION:
            continue
        if (score, y) > best_a.get(x, (0.0, "")):
            best_a[x] = (score, y)
        if (score, x) > best_b.get(y, (0.0, "")):
            best_b[y] = (score, x)
    return {x: y for x, (_, y) in best_a.items() if best_b[y][1] == x}


def _rarest(words: Collection[str], rarity: dict[str, float]) -> Collection[str]:
    """``words``, or the :data:`MAX_WORDS_PER_PAIR` rarest of them when there are more."""
    if len(words) <= MAX_WORDS_PER_PAIR:
        return words
    return sorted(words, key=lambda w: (-rarity.get(w, 0.0), w))[:MAX_WORDS_PER_PAIR]
