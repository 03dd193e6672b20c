"""Labels and figures shared by the text, Markdown and HTML exports.

Paragraph numbers shown to people count from 1 (``A¶1`` is the first paragraph); the JSON
contract's indices count from 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from tui.engine.model import Article, DiffResult, Row

ARROW = "↔"


def _runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def paragraph_numbers(indices: Sequence[int]) -> str:
    """``(3,)`` -> ``¶4``; ``(2, 3, 4, 7)`` -> ``¶3–5, ¶8`` (numbers count from 1)."""
    parts = [f"¶{lo + 1}" if lo == hi else f"¶{lo + 1}–{hi + 1}" for lo, hi in _runs(indices)]
    return ", ".join(parts)


def is_change(row: Row) -> bool:
    """True for every row that is not an unchanged, unmoved pair."""
    return row.kind != "equal" or any(s.op != "equal" for s in row.spans)


def row_tags(row: Row) -> list[str]:
    """The kind of a row and its qualifiers: ``["changed", "split"]``, ``["moved", "edited"]``."""
    tags = [row.kind]
    if row.kind == "moved" and any(s.op != "equal" for s in row.spans):
        tags.append("edited")
    if row.kind == "equal" and is_change(row):
        tags.append("edited")
    if row.is_split:
        tags.append(f"split {len(row.a)}→{len(row.b)}")
    if row.is_merge:
        tags.append(f"merged {len(row.a)}→{len(row.b)}")
    return tags


def row_where(row: Row) -> str:
    """Where a row's paragraphs are: ``A¶4 ↔ B¶3``, ``B¶5`` (inserted), ``A¶7 → B¶2`` (moved)."""
    if not row.b:
        return f"A{paragraph_numbers(row.a)}"
    if not row.a:
        return f"B{paragraph_numbers(row.b)}"
    arrow = "→" if row.kind == "moved" else ARROW
    return f"A{paragraph_numbers(row.a)} {arrow} B{paragraph_numbers(row.b)}"


def row_facts(row: Row) -> list[str]:
    """The fact flags of a row's non-equal spans, in first-seen order."""
    seen: dict[str, None] = {}
    for span in row.spans:
        if span.op != "equal":
            for flag in span.flags:
                seen.setdefault(flag, None)
        if span.op == "changed" and not span.flags:
            seen.setdefault("changed", None)
    return list(seen)


def row_header(row: Row) -> str:
    """``[changed · split 1→2] A¶4 ↔ B¶3–4 · 82% similar · facts: number``."""
    parts = [f"[{' · '.join(row_tags(row))}] {row_where(row)}"]
    if row.a and row.b and row.kind != "equal":
        parts.append(f"{row.similarity:.0%} similar")
    facts = row_facts(row)
    if facts:
        parts.append("facts: " + ", ".join(facts))
    return " · ".join(parts)


def article_name(path: str) -> str:
    """The file name of an article path (the whole path when it has none)."""
    return PurePath(path).name or path


@dataclass(frozen=True, slots=True)
class Figures:
    """The headline numbers of a diff, from ``DiffResult.stats``."""

    paragraphs_a: int
    paragraphs_b: int
    words_a: int
    words_b: int
    similarity: float
    rows: dict[str, int]
    words: dict[str, int]
    facts: dict[str, int]


ROW_FIGURES = ("equal", "changed", "inserted", "deleted", "moved", "split", "merged")
WORD_FIGURES = (
    ("inserted", "b", "insert"),
    ("deleted", "a", "delete"),
    ("changed", "b", "changed"),
    ("paraphrased", "b", "paraphrase"),
    ("reworded", "b", "reworded"),
    ("minor", "b", "minor"),
)
FACT_FIGURES = ("number", "date", "name", "negation", "quote", "homoglyph")


def figures(result: DiffResult) -> Figures:
    """Collect the figures of ``result`` from its stats."""
    stats = result.stats
    by_op = {"a": stats.a.words_by_op, "b": stats.b.words_by_op}
    return Figures(
        paragraphs_a=stats.a.paragraphs,
        paragraphs_b=stats.b.paragraphs,
        words_a=stats.a.words,
        words_b=stats.b.words,
        similarity=stats.similarity,
        rows={k: stats.rows[k] for k in ROW_FIGURES},
        words={label: by_op[side][op] for label, side, op in WORD_FIGURES},
        facts={k: stats.facts[k] for k in FACT_FIGURES},
    )


def source_lines(article: Article) -> list[str]:
    """What the reader said about a side that is not plain text read from a file, as
    indented lines: the reader, headline, byline, date and site; for a URL the fetch
    time, the final URL and the number of redirects (not sanitised)."""
    meta = article.metadata
    if set(meta) <= {"reader"} and meta.get("reader", "text") == "text":
        return []
    about = [f"read as {meta.get('reader', 'text')}"]
    if meta.get("title"):
        about.append(f"“{meta['title']}”")
    if meta.get("author"):
        about.append(f"by {meta['author']}")
    about.extend(meta[key] for key in ("date", "site") if meta.get(key))
    lines = ["   " + " · ".join(about)]
    if meta.get("fetched_at"):
        hops = len(meta.get("redirects", "").split())
        fetch = f"   fetched {meta['fetched_at']} from {meta.get('final_url', article.path)}"
        lines.append(fetch + (f" ({hops} redirect{'s' if hops != 1 else ''})" if hops else ""))
    return lines


def paragraph_rule(article: Article) -> str:
    """How the article's paragraphs were found, when not simply by blank lines."""
    rule = " (one per line)" if article.paragraph_rule == "line" else ""
    if article.wrap_width:
        rule += f" (hard wrap at {article.wrap_width} joined)"
    return rule


def similarity_line(result: DiffResult) -> str:
    """``similarity: 93.1%``, and the figure without page furniture where it differs."""
    whole, body = result.stats.similarity, result.stats.body_similarity
    line = f"similarity: {whole:.1%}"
    if f"{body:.1%}" != f"{whole:.1%}":
        line += f" ({body:.1%} without page furniture)"
    return line


def figure_lines(result: DiffResult) -> list[str]:
    """The figures as short lines of plain text (not sanitised: paths are included raw)."""
    f = figures(result)
    rows = " · ".join(f"{f.rows[k]} {k}" for k in ROW_FIGURES[:5])
    rows += f" ({f.rows['split']} split, {f.rows['merged']} merged)"
    words = " · ".join(f"{n:,} {label}" for label, n in f.words.items())
    facts = " · ".join(f"{n} {k}" for k, n in f.facts.items() if n) or "none"
    return [
        f"A: {result.a.path} ({result.a.encoding}) · {f.paragraphs_a:,} paragraphs"
        f"{paragraph_rule(result.a)} · {f.words_a:,} words",
        *source_lines(result.a),
        f"B: {result.b.path} ({result.b.encoding}) · {f.paragraphs_b:,} paragraphs"
        f"{paragraph_rule(result.b)} · {f.words_b:,} words",
        *source_lines(result.b),
        similarity_line(result),
        f"rows: {rows}",
        f"words: {words}",
        f"facts changed, added or removed: {facts}",
    ]
