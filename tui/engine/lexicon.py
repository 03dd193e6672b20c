"""Word correspondences learned from the two documents being aligned.

Two versions of a text that were worded independently (a translation, a rewrite)
keep using different words for the same thing: "swine" on one side, "pigs" on the
other. After a first alignment, a word of A that is not shared with its partner
and a word of B that is not shared with its partner, and that meet in the same
confident pairs again and again, are taken as corresponding. The aligner then
counts them as a partial match in a second pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Set

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
    count_a: Counter[str] = Counter()
    count_b: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for terms_a, terms_b in pairs:
        only_a = _rarest(terms_a - terms_b, rarity)
        only_b = _rarest(terms_b - terms_a, rarity)
        count_a.update(only_a)
        count_b.update(only_b)
        joint.update((x, y) for x in only_a for y in only_b)
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


def _rarest(words: Set[str], rarity: dict[str, float]) -> list[str]:
    if len(words) <= MAX_WORDS_PER_PAIR:
        return list(words)
    return sorted(words, key=lambda w: (-rarity.get(w, 0.0), w))[:MAX_WORDS_PER_PAIR]
