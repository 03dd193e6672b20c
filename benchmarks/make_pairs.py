"""Deterministic benchmark pairs at about 100 KB, 1 MB and 10 MB a side.

A side is built from the paragraphs of all five seeds, shuffled and varied (sentences of
two paragraphs recombined, synonym swaps, new numbers, sentence order), so no text is
simply repeated. The copy then gets the edits of a real revision: synonym swaps, style
changes, number changes, sentence shuffles, splits, merges, moves, deletions and
inserted paragraphs.

    python benchmarks/make_pairs.py            # writes benchmarks/data/*.txt (git-ignored)

``make_pair(size_bytes, seed) -> (a, b)`` is importable.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.engine.perturb import (  # noqa: E402  (after the path set-up above)
    BOILERPLATE,
    FILLER,
    add_homoglyphs,
    change_numbers,
    reorder_sentences,
    restyle,
    seed_paragraphs,
    sentences,
    split_points,
    swap_synonyms,
    word_count,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
SIZES: dict[str, int] = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
#: Part of the file names: bump it when the generator changes so stale pairs are not reused.
GENERATOR_VERSION = 1

#: Copy edits per paragraph and their weights.
EDITS: tuple[tuple[str, float], ...] = (
    ("keep", 0.32),
    ("synonym", 0.24),
    ("style", 0.08),
    ("number", 0.07),
    ("reorder", 0.06),
    ("homoglyph", 0.02),
    ("split", 0.05),
    ("merge", 0.05),
    ("delete", 0.04),
    ("move", 0.03),
    ("insert", 0.04),
)


def _source_paragraphs() -> list[str]:
    seeds = seed_paragraphs()
    paragraphs = [p for key in sorted(seeds) for p in seeds[key] if word_count(p) >= 8]
    return paragraphs + list(FILLER)


def _vary(rng: random.Random, sources: list[str]) -> str:
    """A new paragraph: sentences of one or two source paragraphs, reworded a little."""
    first = sentences(rng.choice(sources))
    second = sentences(rng.choice(sources))
    cut_a = rng.randint(1, len(first))
    cut_b = rng.randint(0, len(second) - 1) if len(second) > 1 else 1
    text = " ".join(first[:cut_a] + second[cut_b:]) if rng.random() < 0.7 else " ".join(first)
    text = swap_synonyms(text, rng, rng.random() * 0.5)
    if rng.random() < 0.5:
        text = change_numbers(text, rng)
    if rng.random() < 0.2:
        text = reorder_sentences(text, rng)
    return text


def _side_a(size_bytes: int, rng: random.Random) -> list[str]:
    sources = _source_paragraphs()
    paragraphs: list[str] = []
    seen: set[str] = set()
    total = 0
    while total < size_bytes:
        text = _vary(rng, sources)
        while text in seen:  # a long article repeats itself now and then, not constantly
            text = f"{text} ({rng.randint(1, 99_999)})"
        seen.add(text)
        paragraphs.append(text)
        total += len(text.encode()) + 2
    return paragraphs


def _copy(paragraphs: list[str], rng: random.Random) -> list[str]:
    """The revised copy: edits, splits, merges, deletions, insertions and moves."""
    names = [n for n, _ in EDITS]
    weights = [w for _, w in EDITS]
    inserts = [*BOILERPLATE, *FILLER]
    placed: list[tuple[float, str]] = []
    i = 0
    while i < len(paragraphs):
        text = paragraphs[i]
        op = rng.choices(names, weights)[0]
        key = float(i)
        if op == "synonym":
            text = swap_synonyms(text, rng)
        elif op == "style":
            text = restyle(text, rng)
        elif op == "number":
            text = change_numbers(text, rng)
        elif op == "reorder":
            text = reorder_sentences(text, rng)
        elif op == "homoglyph":
            text = add_homoglyphs(text, rng)
        elif op == "split":
            pieces = split_points(text, 2)
            if pieces:
                placed.extend((key + k * 0.01, piece) for k, piece in enumerate(pieces))
                i += 1
                continue
        elif op == "merge" and i + 1 < len(paragraphs):
            text = text + " " + paragraphs[i + 1]
            i += 1
        elif op == "delete":
            i += 1
            continue
        elif op == "move":
            key = max(0.0, key + rng.choice((-1, 1)) * rng.randint(3, 60)) + 0.5
        elif op == "insert":
            placed.append(
                (key - 0.25, _vary(rng, inserts) if rng.random() < 0.5 else rng.choice(inserts))
            )
        placed.append((key, text))
        i += 1
    placed.sort(key=lambda item: item[0])
    return [text for _, text in placed]


def make_pair(size_bytes: int, seed: int = 0) -> tuple[str, str]:
    """A pair of articles of about ``size_bytes`` each (A, and its revised copy B)."""
    rng = random.Random(f"bench:{size_bytes}:{seed}")
    a = _side_a(size_bytes, rng)
    return "\n\n".join(a) + "\n", "\n\n".join(_copy(a, rng)) + "\n"


def pair_paths(label: str, seed: int = 0) -> tuple[Path, Path]:
    """Where the pair ``label`` ("100k", "1m", "10m") is stored."""
    stem = f"v{GENERATOR_VERSION}_{label}_{seed}"
    return DATA_DIR / f"{stem}_a.txt", DATA_DIR / f"{stem}_b.txt"


def write_pairs(
    seed: int = 0, labels: tuple[str, ...] = tuple(SIZES)
) -> dict[str, tuple[Path, Path]]:
    """Write (or reuse) the pairs under benchmarks/data/; returns their paths."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    out: dict[str, tuple[Path, Path]] = {}
    for label in labels:
        path_a, path_b = pair_paths(label, seed)
        if not (path_a.exists() and path_b.exists()):
            a, b = make_pair(SIZES[label], seed)
            path_a.write_text(a, encoding="utf-8")
            path_b.write_text(b, encoding="utf-8")
        out[label] = (path_a, path_b)
    return out


def main() -> None:
    """Write the benchmark pairs and print their sizes."""
    for label, (path_a, path_b) in write_pairs().items():
        print(f"{label:>5}: A {path_a.stat().st_size:>11,} B, B {path_b.stat().st_size:>11,} B")


if __name__ == "__main__":
    main()
