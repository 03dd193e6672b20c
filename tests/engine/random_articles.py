"""Small random articles and revisions of them, for the aligner's property tests."""

from __future__ import annotations

import random

#: The words the articles are made of (a few outside ASCII, one in curly quotes).
WORDS = [
    "harbour",
    "storm",
    "council",
    "budget",
    "river",
    "school",
    "bridge",
    "festival",
    "election",
    "farmers",
    "Café",
    "“quoted”",
]


def random_article(rng: random.Random, n: int) -> list[str]:
    """``n`` paragraphs of 3 to 39 of :data:`WORDS`, each a sentence."""
    return [
        " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 40))).capitalize() + "."
        for _ in range(n)
    ]


def revised(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Some paragraphs dropped, reworded, split in two or merged with the next."""
    out: list[str] = []
    for text in paragraphs:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.5:
            words = text.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            text = " ".join(words)
        if roll > 0.85:  # a split
            words = text.split()
            half = len(words) // 2
            out.extend([" ".join(words[:half]) + ".", " ".join(words[half:])])
            continue
        if roll > 0.75 and out:  # a merge
            out[-1] = out[-1] + " " + text
            continue
        out.append(text)
    return out
