"""Deterministic benchmark pairs at about 100 KB, 1 MB and 10 MB a side, of two kinds.

A side is built from the paragraphs of all five seeds, shuffled and varied (sentences of
two paragraphs recombined, synonym swaps, new numbers, sentence order), so no text is
simply repeated. The copy then gets the edits of a real revision:

- ``bench`` (files ``v1_*``): synonym swaps, style changes, number changes, sentence
  shuffles, splits, merges, moves, deletions and inserted paragraphs (a third of the
  paragraphs kept as they are);
- ``hard`` (files ``hard1_*``), like the evaluation's harder pairs: most paragraphs heavily
  reworded (most synonyms swapped, sentences reordered, numbers changed) and a tenth of
  them split, merged, moved, deleted or inserted.

    python benchmarks/make_pairs.py [--kind hard]   # writes benchmarks/data/*.txt

``make_pair(size_bytes, seed, kind) -> (a, b)`` is importable.
"""

from __future__ import annotations

import argparse
import os
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
#: The kinds of pair, and the stem of their file names, which holds the version of their
#: generator: bump it when the generator changes so that stale pairs are not reused.
KINDS: dict[str, str] = {"bench": "v1", "hard": "hard1"}

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

#: ``hard`` pairs: the share of paragraphs heavily reworded (:func:`_reword`) before the
#: paragraph operations, which a tenth of them get.
HARD_REWORDED = 0.85
HARD_EDITS: tuple[tuple[str, float], ...] = (
    ("keep", 0.90),
    ("split", 0.02),
    ("merge", 0.02),
    ("delete", 0.02),
    ("move", 0.02),
    ("insert", 0.02),
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


def _reword(text: str, rng: random.Random) -> str:
    """A heavy rewording: most synonyms swapped, sentences reordered, numbers changed
    (one time in two)."""
    text = reorder_sentences(swap_synonyms(text, rng, 0.9), rng)
    return change_numbers(text, rng) if rng.random() < 0.5 else text


def _copy(
    paragraphs: list[str], rng: random.Random, edits: tuple[tuple[str, float], ...] = EDITS
) -> list[str]:
    """The revised copy: ``edits`` (word edits, splits, merges, deletions, insertions and
    moves) drawn by their weights."""
    names = [n for n, _ in edits]
    weights = [w for _, w in edits]
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


def make_pair(size_bytes: int, seed: int = 0, kind: str = "bench") -> tuple[str, str]:
    """A pair of articles of about ``size_bytes`` each (A, and its revised copy B) of
    ``kind`` (see :data:`KINDS`)."""
    if kind == "hard":
        rng = random.Random(f"hard:{size_bytes}:{seed}")
        a = _side_a(size_bytes, rng)
        reworded = [_reword(text, rng) if rng.random() < HARD_REWORDED else text for text in a]
        b = _copy(reworded, rng, HARD_EDITS)
    elif kind == "bench":
        rng = random.Random(f"bench:{size_bytes}:{seed}")
        a = _side_a(size_bytes, rng)
        b = _copy(a, rng)
    else:
        raise ValueError(f"unknown kind of pair {kind!r}")
    return "\n\n".join(a) + "\n", "\n\n".join(b) + "\n"


def pair_paths(label: str, seed: int = 0, kind: str = "bench") -> tuple[Path, Path]:
    """Where the pair ``label`` ("100k", "1m", "10m") of ``kind`` is stored."""
    stem = f"{KINDS[kind]}_{label}_{seed}"
    return DATA_DIR / f"{stem}_a.txt", DATA_DIR / f"{stem}_b.txt"


def _write_whole(path: Path, text: str) -> None:
    """Write ``path`` so that nobody reading the shared folder sees half a file."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def write_pairs(
    seed: int = 0, labels: tuple[str, ...] = tuple(SIZES), kind: str = "bench"
) -> dict[str, tuple[Path, Path]]:
    """Write (or reuse) the pairs of ``kind`` under benchmarks/data/; returns their paths.
    A pair already there is never rewritten (the folder may be shared)."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    out: dict[str, tuple[Path, Path]] = {}
    for label in labels:
        path_a, path_b = pair_paths(label, seed, kind)
        if not (path_a.exists() and path_b.exists()):
            texts = make_pair(SIZES[label], seed, kind)
            for path, text in zip((path_a, path_b), texts, strict=True):
                _write_whole(path, text)
        out[label] = (path_a, path_b)
    return out


def main() -> None:
    """Write the benchmark pairs and print their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=tuple(KINDS), default="bench")
    parser.add_argument("--sizes", default=",".join(SIZES))
    args = parser.parse_args()
    labels = tuple(s.strip() for s in args.sizes.split(",") if s.strip())
    for label, (path_a, path_b) in write_pairs(labels=labels, kind=args.kind).items():
        print(f"{label:>5}: A {path_a.stat().st_size:>11,} B, B {path_b.stat().st_size:>11,} B")


if __name__ == "__main__":
    main()
