"""The Markdown report: the figures, then every changed row with its word diff in
CriticMarkup (the same renderer as the plain text format), so it renders in tools that know
CriticMarkup and reads plainly where they do not."""

from __future__ import annotations

from tui.engine.model import DiffResult
from tui.export.common import ROW_FIGURES, figures, is_change, row_header
from tui.export.criticmarkup import LEGEND_LINES, escape_line_starts, escape_text, render_row
from tui.sanitise import sanitise_line


def _inline(text: str) -> str:
    """Untrusted one-line text (a path, a name) made inert in Markdown."""
    return escape_line_starts(escape_text(sanitise_line(text), markdown=True)).replace("|", "\\|")


def render_markdown(result: DiffResult, *, origin: str | None = None) -> str:
    """A Markdown report of ``result``; ``origin`` (e.g. the snapshot) goes under the title."""
    f = figures(result)
    lines = [f"# paradiff: {_inline(result.a.path)} ↔ {_inline(result.b.path)}", ""]
    if origin:
        lines += [f"*{_inline(origin)}*", ""]
    lines += [
        f"- **A**: {_inline(result.a.path)} ({_inline(result.a.encoding)}),"
        f" {f.paragraphs_a:,} paragraphs, {f.words_a:,} words",
        f"- **B**: {_inline(result.b.path)} ({_inline(result.b.encoding)}),"
        f" {f.paragraphs_b:,} paragraphs, {f.words_b:,} words",
        f"- **Similarity**: {f.similarity:.1%}",
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
    if result.warnings:
        lines += ["**Warnings**", ""]
        lines += [f"- {_inline(w)}" for w in result.warnings]
        lines.append("")
    lines += ["**Legend** (CriticMarkup)", ""]
    lines += [f"- `{line}`" if "`" not in line else f"- {line}" for line in LEGEND_LINES]
    lines += [""]
    changed = [r for r in result.rows if is_change(r)]
    if not changed:
        lines += ["The articles do not differ.", ""]
        return "\n".join(lines)
    lines += ["## Changes", ""]
    for n, row in enumerate(changed, 1):
        lines += [f"### {n}. {_inline(row_header(row))}", "", render_row(row, markdown=True), ""]
    return "\n".join(lines)
