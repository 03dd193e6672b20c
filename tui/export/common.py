"""Labels and figures shared by the text, Markdown and HTML exports.

Paragraph numbers shown to people count from 1 (``A¶1`` is the first paragraph); the JSON
contract's indices count from 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from tui.engine.model import Article, DiffResult, Row, paragraph_numbers

ARROW = "↔"


def is_change(row: Row) -> bool:
    """True for every row that is not an unchanged, unmoved pair."""
    return row.kind != "equal" or any(s.op != "equal" for s in row.spans)


def row_tags(row: Row) -> list[str]:
    """The kind of a row and its qualifiers: ``["changed", "split"]``, ``["moved", "edited"]``,
    ``["deleted", "furniture"]`` (page furniture: navigation, bylines, captions)."""
    tags = [row.kind]
    if row.kind == "moved" and any(s.op != "equal" for s in row.spans):
        tags.append("edited")
    if row.kind == "equal" and is_change(row):
        tags.append("edited")
    if row.is_split:
        tags.append(f"split {len(row.a)}→{len(row.b)}")
    if row.is_merge:
        tags.append(f"merged {len(row.a)}→{len(row.b)}")
    if row.furniture:
        tags.append("furniture")
    return tags


def row_anchor(index: int) -> str:
    """The anchor of the row at ``index`` of ``DiffResult.rows`` in the HTML and Markdown
    reports: ``row-1`` for the first (counting from 1, like paragraph numbers)."""
    return f"row-{index + 1}"


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


def source_about(article: Article) -> str:
    """What the reader said about a side, on one line: ``read as html · “Headline” · by
    Byline · date · site``; empty for plain text read from a file (not sanitised)."""
    meta = article.metadata
    if set(meta) <= {"reader"} and meta.get("reader", "text") == "text":
        return ""
    about = [f"read as {meta.get('reader', 'text')}"]
    if meta.get("title"):
        about.append(f"“{meta['title']}”")
    if meta.get("author"):
        about.append(f"by {meta['author']}")
    about.extend(meta[key] for key in ("date", "site") if meta.get(key))
    return " · ".join(about)


def source_fetch(article: Article) -> str:
    """For a side fetched from a URL: ``fetched TIME from FINAL_URL (N redirects)``;
    empty otherwise (not sanitised)."""
    meta = article.metadata
    if not meta.get("fetched_at"):
        return ""
    hops = len(meta.get("redirects", "").split())
    fetch = f"fetched {meta['fetched_at']} from {meta.get('final_url', article.path)}"
    return fetch + (f" ({hops} redirect{'s' if hops != 1 else ''})" if hops else "")


def source_lines(article: Article) -> list[str]:
    """:func:`source_about` and :func:`source_fetch` as indented lines, those that say
    something (not sanitised)."""
    return ["   " + line for line in (source_about(article), source_fetch(article)) if line]


def paragraph_rule(article: Article) -> str:
    """How the article's paragraphs were found, when not simply by blank lines."""
    rule = " (one per line)" if article.paragraph_rule == "line" else ""
    if article.wrap_width:
        rule += f" (hard wrap at {article.wrap_width} joined)"
    return rule


def similarity_text(result: DiffResult) -> str:
    """``93.1%``, and the figure without page furniture where it differs:
    ``46.9% (49.1% without page furniture)``."""
    whole, body = result.stats.similarity, result.stats.body_similarity
    text = f"{whole:.1%}"
    if f"{body:.1%}" != text:
        text += f" ({body:.1%} without page furniture)"
    return text


def similarity_line(result: DiffResult) -> str:
    """``similarity: 93.1%`` (see :func:`similarity_text`)."""
    return f"similarity: {similarity_text(result)}"


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
