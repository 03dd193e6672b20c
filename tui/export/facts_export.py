"""The fact ledger of a diff as text, JSON or CSV (``paradiff facts A B``).

Article text is untrusted: control characters are made visible in text and CSV
(:mod:`tui.sanitise`); CSV cells that a spreadsheet would run as a formula get a
leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from tui.engine.model import (
    FACT_KINDS,
    DiffResult,
    FactEntry,
    FactPlace,
    fact_to_dict,
    paragraph_numbers,
)
from tui.sanitise import sanitise_line

FACTS_FORMATS: tuple[str, ...] = ("text", "json", "csv")
FACTS_JSON_FORMAT = "paradiff-facts"
FACTS_JSON_VERSION = 1
CSV_COLUMNS: tuple[str, ...] = (
    "row", "kind", "status", "old", "new",
    "a_paragraph", "a_start", "a_end", "b_paragraph", "b_start", "b_end", "note",
)  # fmt: skip
#: Longest old/new text shown on one line of the text format.
TEXT_EXCERPT = 80


def ledger_counts(result: DiffResult) -> dict[str, int]:
    """Entries per kind, changes only (spelling variants apart), in the reader's order."""
    counts = Counter(f.kind for f in result.facts if f.is_change)
    return {kind: counts.get(kind, 0) for kind in FACT_KINDS}


def ledger_summary(result: DiffResult) -> str:
    """``1 number · 3 name`` (kinds with changes), or ``none``."""
    return " · ".join(f"{n} {k}" for k, n in ledger_counts(result).items() if n) or "none"


def _place(place: FactPlace | None, side: str) -> str:
    return f"{side}{paragraph_numbers([place.paragraph])}" if place is not None else ""


def fact_where(entry: FactEntry) -> str:
    """Where an entry stands, paragraphs counting from 1: ``A¶5 ↔ B¶2``, ``B¶7``."""
    return " ↔ ".join(p for p in (_place(entry.a, "A"), _place(entry.b, "B")) if p)


def _excerpt(text: str) -> str:
    flat = sanitise_line(" ".join(text.split()))
    return flat if len(flat) <= TEXT_EXCERPT else flat[: TEXT_EXCERPT - 1] + "…"


def _text_line(entry: FactEntry) -> str:
    where = fact_where(entry)
    if entry.kind == "paragraph":
        what = _excerpt(entry.old or entry.new)
    elif entry.status == "added":
        what = f"+ {_excerpt(entry.new)}"
    elif entry.status == "removed":
        what = f"- {_excerpt(entry.old)}"
    else:
        what = f"{_excerpt(entry.old)} → {_excerpt(entry.new)}"
    note = f"  ({sanitise_line(entry.note)})" if entry.note else ""
    return f"{where:<14} {entry.kind:<9} {entry.status:<12} {what}{note}"


def render_facts_text(result: DiffResult) -> str:
    """One line per entry: paragraphs, kind, status, old → new, note."""
    variants = sum(1 for f in result.facts if not f.is_change)
    summary = ledger_summary(result)
    lines = [
        f"paradiff facts: {sanitise_line(result.a.path)} ↔ {sanitise_line(result.b.path)}",
        f"fact changes: {summary}" + (f" · {variants} spelling variants" if variants else ""),
    ]
    lines.extend(_text_line(f) for f in result.facts)
    return "\n".join(lines) + "\n"


def render_facts_json(result: DiffResult) -> str:
    """``{"format": "paradiff-facts", "version": 1, "a": path, "b": path, "facts": [...]}``;
    the entries are those of the ``paradiff-diff`` contract."""
    doc = {
        "format": FACTS_JSON_FORMAT,
        "version": FACTS_JSON_VERSION,
        "a": result.a.path,
        "b": result.b.path,
        "counts": ledger_counts(result),
        "facts": [fact_to_dict(f) for f in result.facts],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _cell(value: object) -> str:
    text = sanitise_line(str(value)) if isinstance(value, str) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_facts_csv(result: DiffResult) -> str:
    """One CSV row per entry; paragraphs count from 1, offsets are characters."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in result.facts:
        a = (f.a.paragraph + 1, f.a.start, f.a.end) if f.a else ("", "", "")
        b = (f.b.paragraph + 1, f.b.start, f.b.end) if f.b else ("", "", "")
        writer.writerow(
            [f.row, f.kind, f.status, _cell(f.old), _cell(f.new), *a, *b, _cell(f.note)]
        )
    return out.getvalue()


def render_facts(result: DiffResult, fmt: str) -> str:
    """The ledger of ``result`` in one of :data:`FACTS_FORMATS`."""
    if fmt == "json":
        return render_facts_json(result)
    if fmt == "csv":
        return render_facts_csv(result)
    return render_facts_text(result)
