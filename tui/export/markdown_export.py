"""The Markdown report: both sources, the fact ledger (each entry linking to its row), the
figures, then every changed row with its word diff in CriticMarkup (the same renderer as the
plain text format), so it renders in tools that know CriticMarkup and reads plainly where
they do not.

Each changed row's heading holds an explicit anchor, ``<a id="row-N"></a>`` (N counts rows
from 1): GitHub, GitLab and CommonMark renderers that pass inline HTML keep it, whereas
heading slugs differ from one renderer to the next. It is the only HTML in the report.
"""

from __future__ import annotations

from tui.engine.model import DiffResult, FactEntry
from tui.export.common import (
    ROW_FIGURES,
    figures,
    is_change,
    paragraph_rule,
    row_anchor,
    row_header,
    similarity_text,
    source_about,
    source_fetch,
)
from tui.export.criticmarkup import LEGEND_LINES, escape_line_starts, escape_text, render_row
from tui.export.facts_export import fact_where, ledger_counts
from tui.sanitise import sanitise_line

#: Longest old or new text of a whole-paragraph ledger entry (its row shows all of it).
PARAGRAPH_EXCERPT = 160


def _inline(text: str) -> str:
    """Untrusted one-line text (a path, a name) made inert in Markdown."""
    return escape_line_starts(escape_text(sanitise_line(text), markdown=True)).replace("|", "\\|")


def _fact_text(text: str, limit: int | None = None) -> str:
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return _inline(flat)


def _source_lines(label: str, result: DiffResult, side: str) -> list[str]:
    article = result.a if side == "a" else result.b
    f = figures(result)
    paragraphs, words = (f.paragraphs_a, f.words_a) if side == "a" else (f.paragraphs_b, f.words_b)
    lines = [
        f"- **{label}**: {_inline(article.path)} ({_inline(article.encoding)}),"
        f" {paragraphs:,} paragraphs{paragraph_rule(article)}, {words:,} words"
    ]
    about = (source_about(article), source_fetch(article))
    lines += [f"  - {_inline(line)}" for line in about if line]
    return lines


def _fact_line(entry: FactEntry, anchors: set[str]) -> str:
    """``- **date** changed: today → Friday · [A¶5 ↔ B¶2](#row-5)``."""
    limit = PARAGRAPH_EXCERPT if entry.kind == "paragraph" else None
    texts = [_fact_text(t, limit) for t in (entry.old, entry.new) if t]
    change = ("speaker " if entry.status == "reattributed" else "") + " → ".join(texts)
    note = f" ({_fact_text(entry.note)})" if entry.note else ""
    where = fact_where(entry) or "row"
    anchor = row_anchor(entry.row)
    place = f"[{where}](#{anchor})" if anchor in anchors else where
    return f"- **{entry.kind}** {entry.status}: {change}{note} · {place}"


def _ledger_lines(result: DiffResult, anchors: set[str]) -> list[str]:
    lines = ["## Fact ledger", ""]
    if not result.facts:
        return [*lines, "No number, date, name, quotation or negation differs.", ""]
    variants = [f for f in result.facts if not f.is_change]
    counts = [f"{n:,} {k}" for k, n in ledger_counts(result).items() if n]
    if variants:
        counts.append(f"{len(variants):,} spelling variants")
    lines += [f"Fact changes by kind: {' · '.join(counts) or 'none'}", ""]
    lines += [_fact_line(f, anchors) for f in result.facts if f.is_change]
    if variants:
        if lines[-1]:
            lines.append("")
        lines += ["**Spelling variants, not changes**", ""]
        lines += [_fact_line(f, anchors) for f in variants]
    return [*lines, ""]


def render_markdown(result: DiffResult, *, origin: str | None = None) -> str:
    """A Markdown report of ``result``; ``origin`` (e.g. the snapshot) goes under the title."""
    f = figures(result)
    changed = [(n, row) for n, row in enumerate(result.rows) if is_change(row)]
    anchors = {row_anchor(n) for n, _ in changed}
    lines = [f"# paradiff: {_inline(result.a.path)} ↔ {_inline(result.b.path)}", ""]
    if origin:
        lines += [f"*{_inline(origin)}*", ""]
    lines += _source_lines("A", result, "a")
    lines += _source_lines("B", result, "b")
    lines += [f"- **Similarity**: {similarity_text(result)}", ""]
    if result.warnings:
        lines += ["**Warnings**", ""]
        lines += [f"- {_inline(w)}" for w in result.warnings]
        lines.append("")
    lines += _ledger_lines(result, anchors)
    lines += [
        "## Figures",
        "",
        "| rows | " + " | ".join(ROW_FIGURES) + " |",
        "|---|" + "---:|" * len(ROW_FIGURES),
        "| count | " + " | ".join(str(f.rows[k]) for k in ROW_FIGURES) + " |",
        "",
        "| words | " + " | ".join(f.words) + " |",
        "|---|" + "---:|" * len(f.words),
        "| count | " + " | ".join(f"{n:,}" for n in f.words.values()) + " |",
        "",
        "| facts | " + " | ".join(f.facts) + " |",
        "|---|" + "---:|" * len(f.facts),
        "| count | " + " | ".join(str(n) for n in f.facts.values()) + " |",
        "",
    ]
    lines += ["**Legend** (CriticMarkup)", ""]
    lines += [f"- `{line}`" if "`" not in line else f"- {line}" for line in LEGEND_LINES]
    lines += ["- \\[… · furniture] page furniture: navigation, byline, caption", ""]
    if not changed:
        lines += ["The articles do not differ.", ""]
        return "\n".join(lines)
    lines += ["## Changes", ""]
    for count, (n, row) in enumerate(changed, 1):
        heading = f'### <a id="{row_anchor(n)}"></a>{count}. {_inline(row_header(row))}'
        lines += [heading, "", render_row(row, markdown=True), ""]
    return "\n".join(lines)
