"""CriticMarkup for word diffs: the one renderer behind the plain text and Markdown exports.

Marks (the prose-editing convention, https://criticmarkup.com):

- ``{--old--}`` deleted, ``{++new++}`` inserted;
- ``{~~old~>new~~}`` replaced, always followed by a comment that names the class:
  ``{>>changed<<}`` (a fact changed), ``{>>paraphrase<<}`` (other words, evidence of the
  same meaning), ``{>>reworded<<}`` (other words whose meaning paradiff cannot vouch for),
  ``{>>minor<<}`` (punctuation, case, quotes, spacing, look-alike letters);
- fact flags follow in the same comment (``{>>changed: number, date<<}``); an inserted or
  deleted span with flags gets a comment of its flags alone (``{++in Kyiv++}{>>name<<}``).

Article text is untrusted. Control characters become visible placeholders
(:mod:`tui.sanitise`). Text that would read as CriticMarkup gets a backslash inside
the sequence (``{\\++``, ``+\\+}``, ``~\\>``), so no literal mark survives even for
processors that ignore escapes; a backslash that would read as an escape is doubled. In
Markdown the characters that would change the document's structure or let raw HTML through
are escaped as well (CommonMark backslash escapes), nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.engine.model import Row, Span
from tui.sanitise import sanitise

#: What each substitution class is called in its comment.
CLASS_LABELS: dict[str, str] = {
    "changed": "changed",
    "paraphrase": "paraphrase",
    "reworded": "reworded",
    "minor": "minor",
}

LEGEND_LINES: tuple[str, ...] = (
    "{--text--} deleted · {++text++} inserted",
    "{~~old~>new~~}{>>changed<<} a fact changed (number, date, name, negation, quote)",
    "{~~old~>new~~}{>>paraphrase<<} other words, same meaning (evidence: inflection, "
    "reordering, the same fact in another form, a word pair the copy uses repeatedly)",
    "{~~old~>new~~}{>>reworded<<} other words, same facts; the meaning is not vouched for",
    "{~~old~>new~~}{>>minor<<} punctuation, case, quotes, spacing or look-alike letters",
    "{>>…: number, name<<} the fact flags of the span before it",
    "a backslash before + - ~ < > = \\ is the article's own character, not markup",
)

# Article text that would open or close a mark, or split a substitution, is broken by a
# backslash inside the sequence, so that no literal "{++", "++}", "~>" ... survives (naive
# regex-based CriticMarkup processors do not know escapes).
_OPENER = re.compile(r"\{([+\-~>=])(?=\1)")
_CLOSER = re.compile(r"([+\-~<=])(?=\1\})")
_SEPARATOR = re.compile(r"~(?=>)")
_BACKSLASH_TEXT = re.compile(r"\\(?=[\\+\-~<>=]|$)")
_BACKSLASH_MD = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
_MD_ALWAYS = re.compile(r"[`*<\[~]")
_MD_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_MD_ENTITY = re.compile(r"&(?=#|[A-Za-z])")
_MD_LINE_START = re.compile(r"^([ \t]*)(?:([#>+=-])|(\d+)([.)]))", re.MULTILINE)
_MARK_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def escape_text(text: str, markdown: bool = False) -> str:
    """Sanitise ``text`` and escape what would read as CriticMarkup (and, with
    ``markdown``, as Markdown structure or raw HTML)."""
    text = sanitise(text)
    if markdown:
        if "\\" in text:
            text = _BACKSLASH_MD.sub(r"\\\\", text)
        text = _MD_ALWAYS.sub(lambda m: "\\" + m.group(0), text)
        if "_" in text:
            text = _MD_UNDERSCORE.sub(r"\\_", text)
        if "&" in text:
            text = _MD_ENTITY.sub(r"\\&", text)
        # "~" and "<" are escaped everywhere, which breaks "{~~", "~~}", "~>" and "<<}".
    elif "\\" in text:
        text = _BACKSLASH_TEXT.sub(r"\\\\", text)
    # Most text holds none of the characters of a mark: skip the substitutions then (a
    # large diff has tens of thousands of spans).
    if "{" in text:
        text = _OPENER.sub(r"{\\\1", text)
    if "}" in text:
        text = _CLOSER.sub(r"\1\\", text)
    return _SEPARATOR.sub(r"~\\", text) if "~>" in text else text


def escape_line_starts(block: str) -> str:
    """Markdown: escape what would start a heading, quote, list or rule at a line start."""

    def fix(m: re.Match[str]) -> str:
        if m.group(2):
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"

    return _MD_LINE_START.sub(fix, block)


def span_tag(span: Span) -> str:
    """The comment text naming a span's class and flags ("" when nothing to say)."""
    parts: list[str] = []
    label = CLASS_LABELS.get(span.op)
    flags = ", ".join(span.flags)
    if label and flags:
        parts.append(f"{label}: {flags}")
    elif label:
        parts.append(label)
    elif flags:
        parts.append(flags)
    return "".join(parts)


def render_span(span: Span, markdown: bool = False) -> str:
    """One span in CriticMarkup (equal text as is, escaped)."""

    def esc(text: str) -> str:
        out = escape_text(text, markdown)
        if markdown:
            # A blank line would end the Markdown paragraph in the middle of a mark.
            out = _MARK_PARAGRAPH_BREAK.sub(" ¶ ", out)
        return out

    if span.op == "equal":
        return escape_text(span.b, markdown)
    tag = span_tag(span)
    comment = f"{{>>{tag}<<}}" if tag else ""
    if span.op == "insert" or not span.a:
        return f"{{++{esc(span.b)}++}}{comment}" if span.b else ""
    if span.op == "delete" or not span.b:
        return f"{{--{esc(span.a)}--}}{comment}"
    return f"{{~~{esc(span.a)}~>{esc(span.b)}~~}}{comment}"


def render_spans(spans: Iterable[Span], markdown: bool = False) -> str:
    """A row's word diff as one CriticMarkup text."""
    # Neighbouring equal spans are escaped as one text, so that a mark-like sequence cut
    # across them (an equal "{" then an equal ">>") is escaped too.
    merged: list[Span] = []
    for span in spans:
        if merged and span.op == "equal" and merged[-1].op == "equal":
            merged[-1] = Span("equal", merged[-1].a + span.a, merged[-1].b + span.b)
        else:
            merged.append(span)
    text = "".join(render_span(s, markdown) for s in merged)
    return escape_line_starts(text) if markdown else text


def render_row(row: Row, markdown: bool = False) -> str:
    """The word diff of ``row`` in CriticMarkup."""
    return render_spans(row.spans, markdown)
