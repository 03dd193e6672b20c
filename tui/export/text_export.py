"""The ``text`` format: a word diff to read in a terminal.

Without colour it is CriticMarkup (:mod:`tui.export.criticmarkup`): one aligned row after
another under a row header, runs of unchanged rows folded into one line. With colour the
same layout uses SGR codes instead of marks. Article text never reaches the terminal raw:
control characters become visible placeholders, and nothing in it is read as markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tui.engine.model import DiffResult, Row, Span
from tui.export.common import figure_lines, is_change, paragraph_numbers, row_header
from tui.export.criticmarkup import LEGEND_LINES, render_row, span_tag
from tui.sanitise import sanitise, sanitise_line

RESET = "\x1b[0m"
#: SGR styles by role: (old text, new text). Old text is struck through, new text coloured;
#: each role also has its own attributes, so that it reads without colour (a monochrome
#: terminal): inserted bold underlined, a changed fact bold reversed, reworded and
#: paraphrased italic, minor dim underlined.
STYLES: dict[str, tuple[str, str]] = {
    "delete": ("\x1b[31;9m", ""),
    "insert": ("", "\x1b[1;4;32m"),
    "changed": ("\x1b[1;31;9m", "\x1b[1;7;33m"),
    "paraphrase": ("\x1b[2;3;9m", "\x1b[3;36m"),
    "reworded": ("\x1b[2;3;9m", "\x1b[3;35m"),
    "minor": ("\x1b[2;9m", "\x1b[2;4;34m"),
}
TAG_STYLE = "\x1b[2;35m"
HEADER_STYLE = "\x1b[1m"
DIM = "\x1b[2m"
KIND_STYLES: dict[str, str] = {
    "equal": "\x1b[2m",
    "changed": "\x1b[1;33m",
    "inserted": "\x1b[1;32m",
    "deleted": "\x1b[1;31m",
    "moved": "\x1b[1;35m",
}


def _sgr(code: str, text: str) -> str:
    """Style ``text`` (already sanitised); styles are closed before each newline."""
    if not code or not text:
        return text
    return "\n".join(f"{code}{line}{RESET}" if line else "" for line in text.split("\n"))


def _colour_span(span: Span) -> str:
    if span.op == "equal":
        return sanitise(span.b)
    old_style, new_style = STYLES[span.op]
    old = _sgr(old_style, sanitise(span.a)) if span.op != "insert" else ""
    new = _sgr(new_style, sanitise(span.b)) if span.op != "delete" else ""
    tag = span_tag(span) if span.flags else ""
    return old + new + (_sgr(TAG_STYLE, f"⟨{tag}⟩") if tag else "")


def colour_row(row: Row) -> str:
    """The word diff of ``row`` with SGR colours."""
    return "".join(_colour_span(s) for s in row.spans)


def _legend(colour: bool) -> list[str]:
    if not colour:
        return ["legend: " + LEGEND_LINES[0], *(f"        {line}" for line in LEGEND_LINES[1:])]
    samples = [
        _sgr(STYLES["delete"][0], "deleted"),
        _sgr(STYLES["insert"][1], "inserted"),
        _sgr(STYLES["changed"][0], "old") + _sgr(STYLES["changed"][1], "new") + " fact changed",
        _sgr(STYLES["paraphrase"][0], "old") + _sgr(STYLES["paraphrase"][1], "new") + " paraphrase",
        _sgr(STYLES["reworded"][0], "old") + _sgr(STYLES["reworded"][1], "new") + " reworded",
        _sgr(STYLES["minor"][0], "old") + _sgr(STYLES["minor"][1], "new") + " minor",
        _sgr(TAG_STYLE, "⟨number⟩") + " fact flags",
    ]
    return ["legend: " + " · ".join(samples)]


def _equal_run(rows: Sequence[Row], colour: bool) -> str:
    a = [i for r in rows for i in r.a]
    b = [j for r in rows for j in r.b]
    count = len(rows)
    noun = "row" if count == 1 else "rows"
    line = f"[equal] A{paragraph_numbers(a)} ↔ B{paragraph_numbers(b)} · {count} {noun} unchanged"
    return _sgr(DIM, line) if colour else line


def _blocks(result: DiffResult, colour: bool) -> Iterator[str]:
    pending: list[Row] = []
    for row in result.rows:
        if not is_change(row):
            pending.append(row)
            continue
        if pending:
            yield _equal_run(pending, colour)
            pending = []
        header = sanitise_line(row_header(row))
        if colour:
            yield f"{_sgr(KIND_STYLES.get(row.kind, HEADER_STYLE), header)}\n{colour_row(row)}"
        else:
            yield f"{header}\n{render_row(row)}"
    if pending:
        yield _equal_run(pending, colour)


def render_text(result: DiffResult, colour: bool, *, origin: str | None = None) -> str:
    """The word diff of ``result`` for a terminal; CriticMarkup when ``colour`` is false.

    ``origin`` (e.g. the snapshot it came from) is shown under the title.
    """
    return "".join(text_chunks(result, colour, origin=origin))


def text_chunks(result: DiffResult, colour: bool, *, origin: str | None = None) -> Iterator[str]:
    """:func:`render_text`'s text in pieces, a block of rows at a time: the head, then
    each block after a blank line, then the final newline."""
    title = f"paradiff: {sanitise_line(result.a.path)} {'↔'} {sanitise_line(result.b.path)}"
    head = [_sgr(HEADER_STYLE, title) if colour else title]
    if origin:
        head.append(sanitise_line(origin))
    head.extend(sanitise_line(line) for line in figure_lines(result))
    head.extend(f"warning: {sanitise_line(w)}" for w in result.warnings)
    head.extend(_legend(colour))
    if result.identical:
        head.append("The articles do not differ.")
    yield "\n".join(head)
    for block in _blocks(result, colour):
        yield "\n\n" + block
    yield "\n"
