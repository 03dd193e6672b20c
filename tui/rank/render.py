"""A ranking as text, JSON, CSV or HTML: the one list of formats and one dispatch.

Text and HTML show every path and excerpt through the sanitiser (no control character
reaches a terminal; HTML escaped after that); JSON keeps them exact; CSV guards cells that
a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape

from tui import __version__
from tui.rank.record import PARAGRAPH_CLASSES, CopyRecord, FactEntry, Ranking
from tui.rank.sorting import sort_key
from tui.sanitise import sanitise_line

#: The formats of a ranking, in the order the command line lists them.
RANK_FORMATS: tuple[str, ...] = ("text", "json", "csv", "html")

_SHORT_CLASS = {"equal": "equal", "reworded": "rewrd", "moved": "moved", "inserted": "ins",
                "deleted": "del"}  # fmt: skip


def render_ranking(ranking: Ranking, fmt: str) -> str:
    """``ranking`` in format ``fmt`` (one of :data:`RANK_FORMATS`); raises
    :class:`ValueError` for an unknown one."""
    if fmt == "text":
        return render_text(ranking)
    if fmt == "json":
        return json.dumps(ranking.to_dict(), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return render_csv(ranking)
    if fmt == "html":
        return render_html(ranking)
    raise ValueError(f"unknown ranking format {fmt!r} (one of: {', '.join(RANK_FORMATS)})")


def percent(value: float | None) -> str:
    """``0.987`` -> ``98.7%``; ``1.0`` -> ``100%``; ``None`` (unknown) -> ``–``."""
    if value is None:
        return "–"
    text = f"{100 * value:.1f}".removesuffix(".0")
    return f"{text}%"


def fact_summary(record: CopyRecord) -> str:
    """Fact changes by kind, for people: ``number 2, name 1`` (``""`` when none)."""
    return ", ".join(f"{kind} {n}" for kind, n in record.facts.items() if n)


def headline(ranking: Ranking) -> str:
    """One line saying what was ranked: ``5 copies of A (24 paragraphs, 1,050 words)``."""
    copies = len(ranking.records)
    return (
        f"{copies} cop{'y' if copies == 1 else 'ies'} of {ranking.original} "
        f"({ranking.original_paragraphs:,} paragraphs, {ranking.original_words:,} words), "
        f"sorted by {ranking.sort}: {ranking.differing} differ, "
        f"{ranking.unreadable} unreadable"
    )


def _entry_line(entry: FactEntry) -> str:
    return f'{entry.kind} {entry.status}  {entry.where}  "{entry.old}" → "{entry.new}"'


# ---------------------------------------------------------------- text


def render_text(ranking: Ranking) -> str:
    """A table, one line per copy, then the first fact entries of each copy."""
    header = ["#", "words", "paras", "simil.", *(_SHORT_CLASS[c] for c in PARAGRAPH_CLASSES)]
    header += ["facts", "furn."]
    lines = [f"paradiff rank: {sanitise_line(headline(ranking))}", ""]
    rows: list[list[str]] = []
    for rank, record in enumerate(ranking.records, 1):
        if record.ok:
            cells = [str(rank), percent(record.coverage_words), percent(record.coverage_paragraphs)]
            cells += [percent(record.similarity)]
            cells += [str(record.paragraphs.get(c, 0)) for c in PARAGRAPH_CLASSES]
            cells += [str(record.fact_changes), percent(record.furniture)]
        else:
            cells = [str(rank)] + ["–"] * (len(header) - 1)
        rows.append(cells)
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]

    def line(cells: list[str], path: str) -> str:
        return "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + "  " + path

    lines.append(line(header, "copy"))
    for cells, record in zip(rows, ranking.records, strict=True):
        path = sanitise_line(record.path)
        lines.append(line(cells, path if record.ok else f"{path}: {sanitise_line(record.error)}"))
    with_facts = [(n, r) for n, r in enumerate(ranking.records, 1) if r.first_facts]
    if with_facts:
        lines += ["", "fact changes (the first few of each copy):"]
        for rank, record in with_facts:
            lines.append(f"{rank:>3}  {sanitise_line(record.path)}  ({fact_summary(record)})")
            lines += [f"       {sanitise_line(_entry_line(e))}" for e in record.first_facts]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- CSV

CSV_COLUMNS: tuple[str, ...] = (
    "rank", "path", "error", "identical", "coverage_words", "coverage_paragraphs",
    "similarity", *PARAGRAPH_CLASSES, "fact_changes", "facts_by_kind", "first_facts",
    "furniture", "copy_paragraphs", "copy_words",
)  # fmt: skip
#: Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """A text cell a spreadsheet will not run: a leading formula character is quoted."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(ranking: Ranking) -> str:
    """One header line, then one line per copy in ranked order (shares in [0, 1])."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for rank, r in enumerate(ranking.records, 1):
        firsts = "; ".join(_entry_line(e) for e in r.first_facts)
        writer.writerow(
            [
                rank,
                _cell(r.path),
                _cell(r.error or ""),
                int(r.identical),
                r.coverage_words,
                r.coverage_paragraphs,
                r.similarity,
                *(r.paragraphs.get(c, 0) for c in PARAGRAPH_CLASSES),
                r.fact_changes,
                fact_summary(r),
                _cell(firsts),
                "" if r.furniture is None else r.furniture,
                r.copy_paragraphs,
                r.copy_words,
            ]
        )
    return out.getvalue()


# ---------------------------------------------------------------- HTML

CSS = """
:root { --fg:#1d1d1f; --bg:#fff; --muted:#6b6b70; --line:#d9d9de; --head:#f4f4f6;
  --bad:#b3261e; --bar:#2f7d4f; }
@media (prefers-color-scheme: dark) {
  :root { --fg:#e8e8ea; --bg:#17171a; --muted:#9a9aa2; --line:#38383f; --head:#222228;
    --bad:#ff8a80; --bar:#6fcf97; } }
body { margin: 0; padding: 1rem 1.5rem; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
p.summary { color: var(--muted); margin: 0 0 .8rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .5rem; vertical-align: top; }
thead th { position: sticky; top: 0; background: var(--head); text-align: right; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.path, th.path { text-align: left; overflow-wrap: anywhere; max-width: 40rem; }
tr.error td { color: var(--bad); }
tr.identical td.path::after { content: " (identical)"; color: var(--muted); }
ul.facts { margin: .2rem 0 0; padding-left: 1.2rem; font-size: .85rem; color: var(--muted); }
ul.facts q { color: var(--fg); }
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _html_text(text: str) -> str:
    return escape(sanitise_line(text))


def _html_row(rank: int, r: CopyRecord) -> str:
    path = f'<td class="path">{_html_text(r.path)}'
    if not r.ok:
        cells = "".join('<td class="num">–</td>' for _ in range(len(PARAGRAPH_CLASSES) + 5))
        reason = f"<br>{_html_text(r.error or '')}"
        return f'<tr class="error"><td class="num">{rank}</td>{cells}{path}{reason}</td></tr>'
    figures = [
        percent(r.coverage_words),
        percent(r.coverage_paragraphs),
        percent(r.similarity),
        *(str(r.paragraphs.get(c, 0)) for c in PARAGRAPH_CLASSES),
        str(r.fact_changes),
        percent(r.furniture),
    ]
    cells = "".join(f'<td class="num">{escape(f)}</td>' for f in figures)
    facts = ""
    if r.first_facts:
        items = "".join(
            f"<li>{escape(e.kind)} {escape(e.status)} {escape(e.where)}: "
            f"<q>{_html_text(e.old)}</q> → <q>{_html_text(e.new)}</q></li>"
            for e in r.first_facts
        )
        facts = f'<ul class="facts" title="{escape(fact_summary(r))}">{items}</ul>'
    css = "identical" if r.identical else "differs"
    return f'<tr class="{css}"><td class="num">{rank}</td>{cells}{path}{facts}</td></tr>'


def render_html(ranking: Ranking) -> str:
    """One self-contained page (inline CSS, no script, no network): the ranking table,
    each copy's first fact entries under its path."""
    heads = ["#", "words found", "paragraphs found", "similarity", *PARAGRAPH_CLASSES]
    heads += ["fact changes", "furniture"]
    head = "".join(f"<th>{escape(h)}</th>" for h in heads) + '<th class="path">copy</th>'
    body = "\n".join(_html_row(n, r) for n, r in enumerate(ranking.records, 1))
    title = f"paradiff rank: {ranking.original}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="paradiff {escape(__version__)}">',
            f"<title>{_html_text(title)}</title>",
            f"<style>{CSS}</style></head><body>",
            f"<h1>{_html_text(title)}</h1>",
            f'<p class="summary">{_html_text(headline(ranking))}. '
            f"Order: {escape(sort_key(ranking.sort).label)}.</p>",
            f"<table><thead><tr>{head}</tr></thead><tbody>",
            body,
            "</tbody></table></body></html>",
            "",
        ]
    )
