"""The HTML report: one self-contained file to open in any browser or print.

Inline CSS, no network (a Content-Security-Policy forbids it), readable without script: a
header with both sources (and what their readers said: headline, byline, date, site, fetch),
then the fact ledger (each entry links to its row), the figures and a legend, then the two
articles side by side, one ``<tr id="row-N">`` per aligned row, spans as ``<del>``/``<ins>``
styled by class, moved rows marked, page furniture dimmed, a "changes only" switch and
previous/next links that work without script. A tiny script adds ``n``/``p`` keys.
Every piece of article text goes through :func:`html.escape` (after control characters
become visible placeholders).
"""

from __future__ import annotations

import base64
import bisect
import hashlib
from html import escape

from tui import __version__
from tui.engine.model import DiffResult, FactEntry, Row, Span
from tui.export.common import (
    ROW_FIGURES,
    figures,
    is_change,
    paragraph_numbers,
    paragraph_rule,
    row_anchor,
    row_facts,
    row_tags,
    row_where,
    similarity_text,
    source_about,
    source_fetch,
)
from tui.export.facts_export import fact_where, ledger_counts
from tui.sanitise import sanitise, sanitise_line

CSS = """
:root { --fg:#1d1d1f; --bg:#fff; --muted:#6b6b70; --line:#d9d9de; --head:#f4f4f6;
  --del:#b3261e; --del-bg:#fde7e6; --ins:#146c2e; --ins-bg:#e2f6e6; --chg-bg:#ffe58a;
  --para-bg:#e3f1fb; --para:#0b5c8c; --reword:#8a4b00; --minor:#7a5cc2; --moved:#8e44ad;
  --focus:#f5a623; }
@media (prefers-color-scheme: dark) {
  :root { --fg:#e8e8ea; --bg:#17171a; --muted:#9a9aa2; --line:#38383f; --head:#222228;
    --del:#ff8a80; --del-bg:#4a1f1d; --ins:#8ee59f; --ins-bg:#173d22; --chg-bg:#6b5400;
    --para-bg:#16384f; --para:#8cc8f0; --reword:#f0b070; --minor:#c3a8ff; --moved:#d6a2ef; } }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.5rem; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
.origin { color: var(--muted); margin: 0 0 .6rem; }
h2 { font-size: 1.1rem; margin: 1rem 0 .3rem; }
h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.files { margin: .3rem 0; padding-left: 1.2rem; overflow-wrap: anywhere; }
.source { display: block; color: var(--muted); font-size: .9rem; }
.counts { display: flex; flex-wrap: wrap; gap: .15rem 1rem; margin: .3rem 0; }
table.ledger { width: 100%; border-collapse: collapse; margin: .3rem 0; font-size: .9rem; }
table.ledger th, table.ledger td { border-bottom: 1px solid var(--line); padding: .2rem .5rem;
  text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.ledger thead th { background: var(--head); font-weight: 600; }
table.ledger col.kind, table.ledger col.status { width: 6.5rem; }
table.ledger col.where { width: 9rem; }
table.ledger del { color: var(--del); text-decoration: none; }
table.ledger ins { color: var(--ins); text-decoration: none; font-weight: 600; }
table.ledger tr.f-paragraph ins { font-weight: 400; }
table.ledger .note { display: block; color: var(--muted); font-size: .85rem; }
table.ledger tr.s-changed td.status, table.ledger tr.s-reattributed td.status {
  font-weight: 700; }
table.variants { color: var(--muted); }
table.figures { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
table.figures th, table.figures td { border: 1px solid var(--line); padding: .15rem .5rem;
  text-align: right; }
table.figures th { background: var(--head); font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; align-items: baseline; gap: .15rem 1rem;
  margin: .5rem 0; font-size: .9rem; }
.legend span { min-width: 0; overflow-wrap: anywhere; }
.warnings { color: var(--del); }
.controls { margin: .6rem 0; font-size: .9rem; color: var(--muted); }
table.diff { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.diff thead th { position: sticky; top: 0; background: var(--head); text-align: left;
  padding: .3rem .5rem; border-bottom: 2px solid var(--line); overflow-wrap: anywhere; }
col.meta { width: 9.5rem; }
table.diff td, table.diff th.meta { border-bottom: 1px solid var(--line); padding: .4rem .5rem;
  vertical-align: top; }
td.side { white-space: pre-wrap; overflow-wrap: anywhere; }
th.meta { text-align: left; font-weight: normal; font-size: .8rem; color: var(--muted); }
th.meta .kind { display: block; font-weight: 700; color: var(--fg); }
th.meta a { color: var(--muted); text-decoration: none; margin-right: .4rem; }
tr.same td.side { color: var(--muted); }
tr.k-changed th.meta { border-left: 4px solid var(--chg-bg); }
tr.k-inserted th.meta { border-left: 4px solid var(--ins); }
tr.k-deleted th.meta { border-left: 4px solid var(--del); }
tr.k-moved th.meta { border-left: 4px dashed var(--moved); }
tr.k-moved .kind { color: var(--moved); }
tr.facts .kind::after { content: " ●"; color: var(--del); }
tr.current, tr:target { outline: 2px solid var(--focus); }
tr.furniture td.side { opacity: .55; }
tr.furniture .kind { font-weight: 400; font-style: italic; }
.furniture-sample { opacity: .55; font-style: italic; }
td.empty { background: repeating-linear-gradient(135deg, transparent 0 6px, var(--head) 6px 12px); }
del, ins { text-decoration-thickness: 1px; }
del.delete { color: var(--del); background: var(--del-bg); }
ins.insert { color: var(--ins); background: var(--ins-bg); text-decoration: none; }
del.changed { color: var(--del); background: var(--del-bg); font-weight: 600; }
ins.changed { background: var(--chg-bg); text-decoration: underline; font-weight: 600; }
del.paraphrase { color: var(--para); }
ins.paraphrase { background: var(--para-bg); color: var(--para); text-decoration: none; }
del.reworded { color: var(--reword); }
ins.reworded { color: var(--reword); text-decoration: underline dashed; }
del.minor { color: var(--minor); text-decoration-style: dotted; }
ins.minor { color: var(--minor); text-decoration: underline dotted; }
sup.flags { font-size: .7rem; color: var(--del); font-weight: 600; margin-left: .1rem; }
#only { margin-right: .3rem; }
body:has(#only:checked) tr.same { display: none; }
footer { margin-top: 1rem; font-size: .8rem; color: var(--muted); }
@media print {
  @page { margin: 12mm; }
  :root { --fg:#000; --bg:#fff; --muted:#555; --line:#bbb; --head:#eee;
    --del:#b3261e; --del-bg:#fde7e6; --ins:#146c2e; --ins-bg:#e2f6e6; --chg-bg:#ffe58a;
    --para-bg:#e3f1fb; --para:#0b5c8c; --reword:#8a4b00; --minor:#7a5cc2; --moved:#8e44ad; }
  body { padding: 0; font-size: 10pt; max-width: 100%; }
  .controls, th.meta a, th.meta br:has(+ a) { display: none; }
  header, table.figures, .legend span { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  col.meta { width: 6.5rem; }
  table.diff { max-width: 100%; }
  table.diff thead th { position: static; }
  table.diff th, table.diff td { overflow-wrap: anywhere; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  tr.current, tr:target { outline: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""

SCRIPT = (
    "(()=>{const rows=[...document.querySelectorAll('tr.change')];let i=-1;"
    "document.addEventListener('keydown',e=>{"
    "if(e.ctrlKey||e.metaKey||e.altKey||!rows.length)return;"
    "if(e.key==='n'||e.key==='j')i=Math.min(i+1,rows.length-1);"
    "else if(e.key==='p'||e.key==='k')i=Math.max(i-1,0);else return;"
    "rows.forEach(r=>r.classList.remove('current'));rows[i].classList.add('current');"
    "rows[i].scrollIntoView({block:'center'});});})();"
)
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CSP = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'"

_TITLES = {
    "delete": "deleted",
    "insert": "inserted",
    "changed": "fact changed",
    "paraphrase": "paraphrase: other words, evidence of the same meaning",
    "reworded": "reworded: other words, same facts; the meaning is not vouched for",
    "minor": "minor: punctuation, case, quotes, spacing or look-alike letters",
}


def esc(text: str) -> str:
    """Untrusted text made inert: control characters shown, HTML escaped."""
    return escape(sanitise(text), quote=True)


def _mark(tag: str, span: Span, text: str, with_flags: bool) -> str:
    title = _TITLES[span.op] + (f" ({', '.join(span.flags)})" if span.flags else "")
    flags = ""
    if with_flags and span.flags:
        flags = f'<sup class="flags">{escape(", ".join(span.flags))}</sup>'
    return f'<{tag} class="{span.op}" title="{escape(title)}">{esc(text)}</{tag}>{flags}'


def side_html(row: Row, side: str) -> str:
    """The HTML of one side of a row: its text with the spans marked."""
    parts: list[str] = []
    for span in row.spans:
        text = span.a if side == "a" else span.b
        if span.op == "equal":
            parts.append(esc(text))
        elif not text:
            continue
        elif side == "a":
            parts.append(_mark("del", span, text, with_flags=span.op == "delete"))
        else:
            parts.append(_mark("ins", span, text, with_flags=True))
    return "".join(parts)


def _row_html(n: int, row: Row, change_rows: list[int]) -> str:
    """The ``<tr id="row-N">`` of row ``n``; ``change_rows``: the indices of every changed row
    (for the previous/next links)."""
    changed = is_change(row)
    classes = ["row", f"k-{row.kind}", "change" if changed else "same"]
    if row.has_facts and not row.furniture:  # the ledger leaves furniture out as well
        classes.append("facts")
    if row.is_split:
        classes.append("split")
    if row.is_merge:
        classes.append("merge")
    if row.furniture:
        classes.append("furniture")
    meta = [f'<span class="kind">{escape(" · ".join(row_tags(row)))}</span>']
    meta.append(f'<span class="where">{escape(row_where(row))}</span>')
    if row.a and row.b and row.kind != "equal":
        meta.append(f"<br>{row.similarity:.0%} similar")
    facts = row_facts(row)
    if facts:
        meta.append(f"<br>facts: {escape(', '.join(facts))}")
    if changed:
        at = bisect.bisect_left(change_rows, n)
        links = []
        if at > 0:
            links.append(
                f'<a href="#{row_anchor(change_rows[at - 1])}" title="previous change">↑ prev</a>'
            )
        if at + 1 < len(change_rows):
            links.append(
                f'<a href="#{row_anchor(change_rows[at + 1])}" title="next change">↓ next</a>'
            )
        if links:
            meta.append("<br>" + "".join(links))
    cells = []
    for side, indices in (("a", row.a), ("b", row.b)):
        if indices:
            label = f"{side.upper()}{paragraph_numbers(indices)}"
            body = side_html(row, side)
            cells.append(f'<td class="side {side}" title="{escape(label)}">{body}</td>')
        else:
            cells.append(f'<td class="side {side} empty"></td>')
    return (
        f'<tr id="{row_anchor(n)}" class="{" ".join(classes)}">'
        f'<th scope="row" class="meta">{"".join(meta)}</th>{"".join(cells)}</tr>'
    )


def _side_html(label: str, result: DiffResult, side: str) -> str:
    article = result.a if side == "a" else result.b
    f = figures(result)
    paragraphs, words = (f.paragraphs_a, f.words_a) if side == "a" else (f.paragraphs_b, f.words_b)
    item = (
        f"<li><b>{label}</b>: {esc(sanitise_line(article.path))} ({esc(article.encoding)}), "
        f"{paragraphs:,} paragraphs{escape(paragraph_rule(article))}, {words:,} words"
    )
    for line in (source_about(article), source_fetch(article)):
        if line:
            item += f'<span class="source">{esc(sanitise_line(line))}</span>'
    return item + "</li>"


def _files_html(result: DiffResult) -> str:
    return (
        '<ul class="files">'
        f"{_side_html('A', result, 'a')}{_side_html('B', result, 'b')}"
        f"<li><b>Similarity</b>: {escape(similarity_text(result))}</li></ul>"
    )


def _figures_html(result: DiffResult) -> str:
    f = figures(result)
    head = "".join(f"<th>{k}</th>" for k in ROW_FIGURES)
    cells = "".join(f"<td>{f.rows[k]:,}</td>" for k in ROW_FIGURES)
    whead = "".join(f"<th>{k}</th>" for k in f.words)
    wcells = "".join(f"<td>{n:,}</td>" for n in f.words.values())
    fhead = "".join(f"<th>{k}</th>" for k in f.facts)
    fcells = "".join(f"<td>{n:,}</td>" for n in f.facts.values())
    return (
        f'<table class="figures"><tr><th>rows</th>{head}</tr><tr><th></th>{cells}</tr>'
        f"<tr><th>words</th>{whead}</tr><tr><th></th>{wcells}</tr>"
        f"<tr><th>facts</th>{fhead}</tr><tr><th></th>{fcells}</tr></table>"
    )


#: Longest old or new text of a whole-paragraph ledger entry (the row shows all of it).
PARAGRAPH_EXCERPT = 240


def _fact_text(text: str, limit: int | None) -> str:
    flat = sanitise_line(" ".join(text.split()))
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return escape(flat, quote=True)


def _fact_change_html(entry: FactEntry) -> str:
    limit = PARAGRAPH_EXCERPT if entry.kind == "paragraph" else None
    parts = []
    if entry.old:
        parts.append(f"<del>{_fact_text(entry.old, limit)}</del>")
    if entry.new:
        parts.append(f"<ins>{_fact_text(entry.new, limit)}</ins>")
    change = " → ".join(parts)
    if entry.status == "reattributed":
        change = "speaker " + change
    if entry.note:
        change += f'<span class="note">{_fact_text(entry.note, None)}</span>'
    return change


def _fact_row_html(entry: FactEntry, n_rows: int) -> str:
    where = escape(fact_where(entry)) or "—"
    if 0 <= entry.row < n_rows:
        where = f'<a href="#{row_anchor(entry.row)}" title="show the row">{where}</a>'
    return (
        f'<tr class="fact f-{escape(entry.kind)} s-{escape(entry.status)}">'
        f'<td class="kind">{escape(entry.kind)}</td>'
        f'<td class="status">{escape(entry.status)}</td>'
        f'<td class="change">{_fact_change_html(entry)}</td><td class="where">{where}</td></tr>'
    )


def _fact_table_html(entries: list[FactEntry], n_rows: int, css_class: str) -> str:
    return (
        f'<table class="{css_class}"><colgroup><col class="kind"><col class="status">'
        '<col class="change"><col class="where"></colgroup>'
        "<thead><tr><th>kind</th><th>status</th><th>old → new</th><th>where</th></tr></thead>"
        "<tbody>" + "".join(_fact_row_html(e, n_rows) for e in entries) + "</tbody></table>"
    )


def _ledger_html(result: DiffResult) -> str:
    """The fact ledger: counts by kind, one table row per change linking to its row, the
    spelling variants apart."""
    changes = [f for f in result.facts if f.is_change]
    variants = [f for f in result.facts if not f.is_change]
    counts = [
        f"<span><b>{n:,}</b> {escape(k)}</span>" for k, n in ledger_counts(result).items() if n
    ]
    if variants:
        counts.append(f"<span><b>{len(variants):,}</b> spelling variants</span>")
    out = ['<section class="ledger" aria-labelledby="ledger-title">']
    out.append('<h2 id="ledger-title">Fact ledger</h2>')
    if not result.facts:
        out.append("<p>No number, date, name, quotation or negation differs.</p></section>")
        return "".join(out)
    out.append(
        '<p class="counts"><span>Fact changes by kind:</span>'
        + ("".join(counts) or "<span>none</span>")
        + "</p>"
    )
    if changes:
        out.append(_fact_table_html(changes, len(result.rows), "ledger"))
    if variants:
        out.append("<h3>Spelling variants, not changes</h3>")
        out.append(_fact_table_html(variants, len(result.rows), "ledger variants"))
    out.append("</section>")
    return "".join(out)


LEGEND_HTML = (
    '<p class="legend"><b>Legend:</b>'
    '<span><del class="delete">deleted</del></span>'
    '<span><ins class="insert">inserted</ins></span>'
    '<span><del class="changed">old</del> <ins class="changed">new</ins>'
    '<sup class="flags">number</sup> fact changed (flags say which kind)</span>'
    '<span><del class="paraphrase">old</del> <ins class="paraphrase">new</ins> '
    "paraphrase: other words, same meaning</span>"
    '<span><del class="reworded">old</del> <ins class="reworded">new</ins> '
    "reworded: other words, meaning not vouched for</span>"
    '<span><del class="minor">old</del> <ins class="minor">new</ins> '
    "minor: punctuation, case, quotes, spacing, look-alike letters</span>"
    "<span>● a row with a fact change</span>"
    "<span>moved: the paragraph sits elsewhere in A (dashed border)</span>"
    '<span><span class="furniture-sample">dimmed</span>: page furniture (navigation, byline, '
    "caption)</span>"
    "<span>¶ numbers count from 1</span></p>"
)


def render_html(result: DiffResult, *, origin: str | None = None) -> str:
    """A self-contained HTML report of ``result``; ``origin`` (e.g. the snapshot) is shown
    under the title."""
    a_name = sanitise_line(result.a.path)
    b_name = sanitise_line(result.b.path)
    change_rows = [n for n, row in enumerate(result.rows) if is_change(row)]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="paradiff {escape(__version__)}">',
        f"<title>paradiff: {escape(a_name)} ↔ {escape(b_name)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<header><h1>paradiff: {escape(a_name)} ↔ {escape(b_name)}</h1>",
    ]
    if origin:
        out.append(f'<p class="origin">{esc(sanitise_line(origin))}</p>')
    out.append(_files_html(result))
    if result.warnings:
        out.append('<ul class="warnings">')
        out.extend(f"<li>{esc(sanitise_line(w))}</li>" for w in result.warnings)
        out.append("</ul>")
    out.append("</header>")
    out.append(_ledger_html(result))
    out.append('<section class="summary"><h2>Figures</h2>')
    out.append(_figures_html(result))
    out.append(LEGEND_HTML)
    out.append("</section>")
    if change_rows:
        out.append(
            '<div class="controls"><input type="checkbox" id="only">'
            '<label for="only">show changes only</label> · '
            f"{len(change_rows):,} changed rows · "
            f'<a href="#{row_anchor(change_rows[0])}">first change</a> · '
            "keys n / p move between changes</div>"
        )
    else:
        out.append('<p class="controls">The articles do not differ.</p>')
    out.append("<main>")
    out.append(
        '<table class="diff"><colgroup><col class="meta"><col class="a"><col class="b">'
        f"</colgroup><thead><tr><th>row</th><th>A: {escape(a_name)}</th>"
        f"<th>B: {escape(b_name)}</th></tr></thead><tbody>"
    )
    for n, row in enumerate(result.rows):
        out.append(_row_html(n, row, change_rows))
    out.append("</tbody></table></main>")
    out.append(
        f"<footer>Made by paradiff {escape(__version__)}. Self-contained: no script is "
        "needed to read it, and it loads nothing from the network.</footer>"
    )
    out.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"
