"""The labelled fact set (tests/engine/data/facts/labelled.json): copies with known fact
changes and copies with only format-level variants, and how the ledger scores on them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tui.engine import DiffResult, diff_texts
from tui.engine.model import FactPlace

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "tests" / "engine" / "data" / "facts" / "labelled.json"
#: The ledger kind that reports each kind of injected change.
LEDGER_KIND = {
    "number": "number", "unit": "number", "scale": "number", "qualifier": "number",
    "date": "date", "time": "date", "name": "name", "quote": "quote", "speaker": "quote",
    "negation": "negation",
}  # fmt: skip


@dataclass(frozen=True)
class Injected:
    kind: str
    a: tuple[int, int]  # offsets in the original text
    b: tuple[int, int]  # offsets in the copy


def apply(text: str, edits: list[dict]) -> tuple[str, list[Injected]]:
    """The copy of ``text`` with each unique snippet ``find`` replaced; where each landed."""
    placed = []
    for edit in edits:
        start = text.find(edit["find"])
        assert start >= 0 and text.find(edit["find"], start + 1) < 0, edit["find"]
        placed.append((start, edit))
    placed.sort(key=lambda p: p[0])
    out, shift, marks, last = [], 0, [], 0
    for start, edit in placed:
        assert start >= last, "edits overlap"
        out.append(text[last:start] + edit["replace"])
        end_a = start + len(edit["find"])
        marks.append(
            Injected(
                edit.get("kind", "format"),
                (start, end_a),
                (start + shift, start + shift + len(edit["replace"])),
            )
        )
        shift += len(edit["replace"]) - len(edit["find"])
        last = end_a
    out.append(text[last:])
    return "".join(out), marks


def _starts(text: str, paragraphs: tuple[str, ...]) -> list[int]:
    starts, pos = [], 0
    for para in paragraphs:
        pos = text.find(para, pos)
        starts.append(pos)
        pos += len(para)
    return starts


def _absolute(place: FactPlace | None, starts: list[int]) -> tuple[int, int] | None:
    if place is None:
        return None
    return starts[place.paragraph] + place.start, starts[place.paragraph] + place.end


def _overlaps(x: tuple[int, int] | None, y: tuple[int, int]) -> bool:
    return x is not None and x[0] < y[1] and y[0] < x[1]


@dataclass(frozen=True)
class Score:
    injected: int
    found: int
    variants: int
    false_changes: int
    missed: tuple[str, ...]
    false_entries: tuple[str, ...]


def _load() -> list[tuple[str, dict]]:
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    return [((ROOT / a["path"]).read_text(encoding="utf-8"), a) for a in data["articles"]]


def score() -> Score:
    injected = found = variants = false_changes = 0
    missed: list[str] = []
    false_entries: list[str] = []
    for text, article in _load():
        copy, marks = apply(text, article["changes"])
        result: DiffResult = diff_texts(text, copy)
        starts_a, starts_b = _starts(text, result.a.paragraphs), _starts(copy, result.b.paragraphs)
        for mark in marks:
            injected += 1
            hit = any(
                e.is_change
                and e.kind == LEDGER_KIND[mark.kind]
                and (
                    _overlaps(_absolute(e.a, starts_a), mark.a)
                    or _overlaps(_absolute(e.b, starts_b), mark.b)
                )
                for e in result.facts
            )
            found += hit
            if not hit:
                missed.append(f"{mark.kind}: {text[slice(*mark.a)]!r} -> {copy[slice(*mark.b)]!r}")
        copy, marks = apply(text, article["variants"])
        result = diff_texts(text, copy)
        variants += len(marks)
        for e in result.facts:
            if e.is_change:
                false_changes += 1
                false_entries.append(f"{e.kind} {e.status}: {e.old!r} -> {e.new!r}")
    return Score(injected, found, variants, false_changes, tuple(missed), tuple(false_entries))


if __name__ == "__main__":  # python -m tests.engine.factset
    s = score()
    print(f"recall {s.found}/{s.injected} = {s.found / s.injected:.3f}")
    print(f"false changes on format-only copies: {s.false_changes} in {s.variants} variants")
    for line in (*s.missed, *s.false_entries):
        print(" ", line)
