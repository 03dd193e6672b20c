"""The HTML report: one self-contained file to open in any browser or print.

Inline CSS, no network (a Content-Security-Policy forbids it), readable without script: the
two articles side by side, one ``<tr>`` per aligned row, spans as ``<del>``/``<ins>`` styled
by class, moved rows marked, a header with the figures and a legend, a "changes only" switch
and previous/next links that work without script. A tiny script adds ``n``/``p`` keys.
Every piece of article text goes through :func:`html.escape` (after control characters
become visible placeholders).
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from tui import __version__
from tui.engine.model import DiffResult, Row, Span
from tui.export.common import (
    ROW_FIGURES,
    figures,
    is_change,
    paragraph_numbers,
    row_facts,
    row_tags,
    row_where,
)
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
.files { margin: .3rem 0; padding-left: 1.2rem; overflow-wrap: anywhere; }
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
tr.current { outline: 2px solid var(--focus); }
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
  h1 { break-after: avoid; }
  col.meta { width: 6.5rem; }
  table.diff { max-width: 100%; }
  table.diff thead th { position: static; }
  table.diff th, table.diff td { overflow-wrap: anywhere; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  tr.current { outline: none; }
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


def _row_html(n: int, row: Row, change_no: int | None, n_changes: int) -> str:
    changed = change_no is not None
    classes = ["row", f"k-{row.kind}", "change" if changed else "same"]
    if row.has_facts:
        classes.append("facts")
    if row.is_split:
        classes.append("split")
    if row.is_merge:
        classes.append("merge")
    row_id = f"c{change_no}" if changed else f"r{n}"
    meta = [f'<span class="kind">{escape(" · ".join(row_tags(row)))}</span>']
    meta.append(f'<span class="where">{escape(row_where(row))}</span>')
    if row.a and row.b and row.kind != "equal":
        meta.append(f"<br>{row.similarity:.0%} similar")
    facts = row_facts(row)
    if facts:
        meta.append(f"<br>facts: {escape(', '.join(facts))}")
    if changed:
        links = []
        if change_no > 1:
            links.append(f'<a href="#c{change_no - 1}" title="previous change">↑ prev</a>')
        if change_no < n_changes:
            links.append(f'<a href="#c{change_no + 1}" title="next change">↓ next</a>')
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
        f'<tr id="{row_id}" class="{" ".join(classes)}">'
        f'<th scope="row" class="meta">{"".join(meta)}</th>{"".join(cells)}</tr>'
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
        '<ul class="files">'
        f"<li><b>A</b>: {esc(sanitise_line(result.a.path))} ({esc(result.a.encoding)}), "
        f"{f.paragraphs_a:,} paragraphs, {f.words_a:,} words</li>"
        f"<li><b>B</b>: {esc(sanitise_line(result.b.path))} ({esc(result.b.encoding)}), "
        f"{f.paragraphs_b:,} paragraphs, {f.words_b:,} words</li>"
        f"<li><b>Similarity</b>: {f.similarity:.1%}</li></ul>"
        f'<table class="figures"><tr><th>rows</th>{head}</tr><tr><th></th>{cells}</tr>'
        f"<tr><th>words</th>{whead}</tr><tr><th></th>{wcells}</tr>"
        f"<tr><th>facts</th>{fhead}</tr><tr><th></th>{fcells}</tr></table>"
    )


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
    "<span>¶ numbers count from 1</span></p>"
)


def render_html(result: DiffResult, *, origin: str | None = None) -> str:
    """A self-contained HTML report of ``result``; ``origin`` (e.g. the snapshot) is shown
    under the title."""
    a_name = sanitise_line(result.a.path)
    b_name = sanitise_line(result.b.path)
    change_numbers: list[int | None] = []
    count = 0
    for row in result.rows:
        if is_change(row):
            count += 1
            change_numbers.append(count)
        else:
            change_numbers.append(None)
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
    out.append(_figures_html(result))
    if result.warnings:
        out.append('<ul class="warnings">')
        out.extend(f"<li>{esc(sanitise_line(w))}</li>" for w in result.warnings)
        out.append("</ul>")
    out.append(LEGEND_HTML)
    out.append("</header>")
    if count:
        out.append(
            '<div class="controls"><input type="checkbox" id="only">'
            '<label for="only">show changes only</label> · '
            f'{count:,} changed rows · <a href="#c1">first change</a> · '
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
    for n, (row, change_no) in enumerate(zip(result.rows, change_numbers, strict=True)):
        out.append(_row_html(n, row, change_no, count))
    out.append("</tbody></table></main>")
    out.append(
        f"<footer>Made by paradiff {escape(__version__)}. Self-contained: no script is "
        "needed to read it, and it loads nothing from the network.</footer>"
    )
    out.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"
