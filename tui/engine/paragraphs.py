"""Paragraphs found the way a reader sees them. Pure: text in, paragraphs out.

Three rules (``ParagraphMode``):

- ``blank``: a paragraph is a maximal run of non-blank lines (the rule of old); its
  inner line breaks are kept.
- ``line``: every non-blank line is a paragraph.
- ``auto`` (default): first, when the text is hard-wrapped (lines filled to a width
  of about 30 to 160 columns), line breaks made by the wrapping are joined; lists,
  headings, verse and short lines keep theirs. Then the text is split by blank
  lines, unless its long lines mostly follow each other with no blank line between
  them (text copied from a web page or an editor): then one line is one paragraph.

Every paragraph records ``(start, end)``, offsets into the text it was found in:
``text[start:end]`` is the paragraph's source, from its first to its last
non-blank character. The paragraph's own text equals that slice except that each
joined line break, with the blanks around it, is one space (or nothing after a
word that ends in a hyphen, as in "well-" / "known"). Only whitespace differs,
so :func:`source_index` maps a position in the paragraph back to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, NamedTuple

ParagraphMode = Literal["auto", "blank", "line"]
PARAGRAPH_MODES: tuple[str, ...] = ("auto", "blank", "line")

#: A line this long (characters, after joining wraps) is prose, not a heading or item.
LONG_LINE = 80
#: Widths a hard-wrapped text can have.
MIN_WRAP, MAX_WRAP = 30, 160
#: Share of non-final lines of blocks that must look wrapped for the text to be.
WRAPPED_SHARE = 0.6
#: ... and the share that says it was wrapped by a machine, to the column.
EXACT_SHARE = 0.9

_LIST_ITEM = re.compile(r"\s*(?:[-*+•·▪‣◦–—]\s|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)]\s)")
_MARKUP_START = re.compile(r"\s*(?:#{1,6}\s|>|\||```|~~~|={3,}|-{3,}|\*{3,}|_{3,})")
_WRAP_WORD = re.compile(r"[^ \t]*")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
_CAPITAL_START = re.compile(r"[\"'“‘(\[]*[A-Z]")


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """Paragraphs of a text, where each came from, and the rule that found them.

    ``rule`` is ``"blank"`` or ``"line"``; ``wrap_width`` is the width of the hard
    wrapping that was joined, 0 when none was.
    """

    texts: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]
    rule: Literal["blank", "line"]
    wrap_width: int = 0


class _Line(NamedTuple):  # a tuple: made for every line of a text, several times faster
    start: int  # first non-blank character
    end: int  # one past the last non-blank character
    text: str  # the line without leading and trailing blanks
    indented: int  # characters before ``start`` on the line
    hard_end: bool  # Markdown hard break: two spaces before the newline


def _blocks(text: str) -> list[list[_Line]]:
    """Maximal runs of non-blank lines of ``text``, with offsets."""
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    start = 0  # of the line
    for raw in text.split("\n"):
        end = start + len(raw)
        stripped = raw.strip()
        if not stripped:
            if current:
                blocks.append(current)
                current = []
        elif len(stripped) == end - start:  # most lines: no blanks around them
            current.append(_Line(start, end, raw, 0, False))
        else:
            lead = len(raw) - len(raw.lstrip())
            first = start + lead
            current.append(_Line(first, first + len(stripped), stripped, lead, raw.endswith("  ")))
        start = end + 1
    if current:
        blocks.append(current)
    return blocks


def _first_word(line: _Line) -> int:
    """Length of the first word a wrapper sees (it breaks at spaces, not at NBSP)."""
    return len(_WRAP_WORD.match(line.text).group())


def _width(line: _Line) -> int:
    return line.indented + len(line.text)


def _keeps_break(line: _Line, following: _Line) -> bool:
    """A break no wrapping makes: before a list item, heading or markup, after a
    Markdown hard break or a heading."""
    return (
        line.hard_end
        or bool(_LIST_ITEM.match(following.text) or _MARKUP_START.match(following.text))
        or bool(_MARKUP_START.match(line.text))
    )


def _verse_shaped(block: list[_Line]) -> bool:
    """Three or more lines, each starting with a capital, some not ending a
    sentence: verse, an address, a list without markers."""
    if len(block) < 3 or not all(_CAPITAL_START.match(line.text) for line in block):
        return False
    return any(line.text[-1] not in ".!?:;\"'”’)" for line in block[:-1])


def _is_verse(block: list[_Line], short: int) -> bool:
    """Verse-shaped, with lines mostly shorter than ``short``: its breaks are kept.
    (Wrapped prose whose lines happen to start with capitals has full lines.)"""
    if not _verse_shaped(block):
        return False
    widths = sorted(_width(line) for line in block)
    return widths[len(widths) // 2] < short


def wrap_width(blocks: list[list[_Line]]) -> tuple[int, int]:
    """The width the text was hard-wrapped at and the slack its lines show, or
    ``(0, 0)`` when it does not look wrapped.

    The candidates are lines followed by another line of their block. In wrapped
    text, almost every one of them ended because the next word would not fit:
    exactly so for a machine (slack 0), roughly for a hand (slack a tenth).
    """
    pairs = [
        (a, b)
        for block in blocks
        if len(block) > 1 and not _verse_shaped(block)
        for a, b in pairwise(block)
        if not _keeps_break(a, b)
    ]
    if len(pairs) < 2:
        return 0, 0
    widths = sorted(_width(a) for a, _ in pairs)
    median = widths[len(widths) // 2]
    width = max(w for w in widths if w <= median * 1.3)
    if not MIN_WRAP <= width <= MAX_WRAP:
        return 0, 0
    for slack, share in ((0, EXACT_SHARE), (max(3, width // 10), WRAPPED_SHARE)):
        filled = sum(1 for a, b in pairs if _is_filled(a, b, width, slack))
        if filled >= share * len(pairs):
            return width, slack
    return 0, 0


def _is_filled(line: _Line, following: _Line, width: int, slack: int) -> bool:
    """The next line's first word would not have fit on ``line``."""
    return _width(line) + 1 + _first_word(following) > width - slack


def _logical_lines(block: list[_Line], width: int, slack: int) -> list[list[_Line]]:
    """Runs of lines of ``block`` that wrapping at ``width`` made out of one line."""
    if len(block) == 1:  # most blocks
        return [[block[0]]]
    if not width:  # not wrapped: every break is kept
        return [[line] for line in block]
    runs: list[list[_Line]] = [[block[0]]]
    verse = _is_verse(block, width - 2 * slack - 8)
    for line, following in pairwise(block):
        soft = (
            not verse
            and not _keeps_break(line, following)
            and _width(line) <= width
            and _is_filled(line, following, width, slack)
        )
        if soft:
            runs[-1].append(following)
        else:
            runs.append([following])
    return runs


def _joined(run: list[_Line]) -> str:
    """The text of lines ``run`` with each break joined (see the module docstring)."""
    if len(run) == 1:  # most runs
        return run[0].text
    parts = [run[0].text]
    for line in run[1:]:
        if _HYPHEN_END.search(parts[-1]) and line.text[0].isalpha():
            parts.append(line.text)
        else:
            parts.append(" " + line.text)
    return "".join(parts)


def _is_long(run: list[_Line]) -> bool:
    return run[-1].end - run[0].start >= LONG_LINE and not _LIST_ITEM.match(run[0].text)


def _mostly_one_line_per_paragraph(blocks: list[list[list[_Line]]]) -> bool:
    """Long lines mostly follow each other with no blank line between them."""
    adjacent = 0
    for block in blocks:
        if len(block) > 1:  # most blocks are one run: no pair within them
            longs = [_is_long(run) for run in block]
            adjacent += sum(a and b for a, b in pairwise(longs))
    if not adjacent:  # then the pairs across blank lines need not be looked at
        return False
    separated = sum(_is_long(a[-1]) and _is_long(b[0]) for a, b in pairwise(blocks))
    return adjacent > 2 * separated


def detect_paragraphs(text: str, mode: ParagraphMode = "auto") -> Paragraphs:
    """Split ``text`` into paragraphs by ``mode`` (see the module docstring)."""
    blocks = _blocks(text)
    if mode == "blank":
        return Paragraphs(
            tuple(text[b[0].start : b[-1].end] for b in blocks),
            tuple((b[0].start, b[-1].end) for b in blocks),
            "blank",
        )
    if mode == "line":
        lines = [line for b in blocks for line in b]
        return Paragraphs(
            tuple(line.text for line in lines), tuple((x.start, x.end) for x in lines), "line"
        )
    if mode != "auto":
        raise ValueError(f"unknown paragraph mode {mode!r}")
    width, slack = wrap_width(blocks)
    runs = [_logical_lines(b, width, slack) for b in blocks]
    if _mostly_one_line_per_paragraph(runs):
        units = [run for block in runs for run in block]
        return Paragraphs(
            tuple(_joined(run) for run in units),
            tuple((run[0].start, run[-1].end) for run in units),
            "line",
            width,
        )
    texts = []
    for block in runs:
        if len(block) == 1:  # most blocks: no kept break
            texts.append(_joined(block[0]))
            continue
        pieces = [_joined(block[0])]
        for previous, run in pairwise(block):
            pieces.append(text[previous[-1].end : run[0].start])  # a kept break, as it is
            pieces.append(_joined(run))
        texts.append("".join(pieces))
    joined_any = width and any(len(run) > 1 for block in runs for run in block)
    return Paragraphs(
        tuple(texts),
        tuple((b[0].start, b[-1].end) for b in blocks),
        "blank",
        width if joined_any else 0,
    )


def source_index(paragraph: str, source: str, index: int) -> int:
    """Position in ``source`` (the paragraph's ``text[start:end]``) of the character
    at ``index`` of ``paragraph``: the two differ only in whitespace."""
    i = j = 0
    while i < index:
        if paragraph[i].isspace() or (j < len(source) and source[j].isspace()):
            while i < index and paragraph[i].isspace():
                i += 1
            while j < len(source) and source[j].isspace():
                j += 1
        else:
            i += 1
            j += 1
    if index < len(paragraph) and not paragraph[index].isspace():
        while j < len(source) and source[j].isspace():
            j += 1
    return min(j, len(source))
