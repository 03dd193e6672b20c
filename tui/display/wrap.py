"""Word-boundary wrapping of one column of text, and the one measure of its width: pure,
no Textual.

:func:`wrap` breaks a (sanitised) text into lines that fit a column a given number of
terminal cells wide, only at spaces and newlines, never inside a grapheme cluster.
:func:`cell_width` measures text as the terminal draws it: a grapheme cluster (an emoji
with a variation selector ``❤️``, a ZWJ sequence ``👩‍👩‍👧``, a flag ``🇺🇸``, a letter
with combining accents) is measured as one glyph. Both come from ``rich.cells``, the one
import here from outside ``tui``: the measure Textual draws with, so wrapped lines fit
exactly what is drawn (Rich is not Textual and loads no terminal).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from rich.cells import cell_len, split_graphemes

#: Characters a line may break at (not the no-break spaces U+00A0, U+2007, U+202F).
_BREAKABLE = " \u2000-\u2006\u2008-\u200a\u205f\u3000"
_TOKEN = re.compile(f"[{_BREAKABLE}]*[^{_BREAKABLE}\n]+")
#: The same characters, listed (for ``str.lstrip``).
BREAKABLE_CHARS = (
    " " + "".join(chr(c) for c in range(0x2000, 0x2007)) + "\u2008\u2009\u200a\u205f\u3000"
)


def cell_width(text: str) -> int:
    """Cells ``text`` takes in a terminal, grapheme clusters measured as drawn (the one
    measure of width of the display)."""
    return len(text) if text.isascii() else cell_len(text)


_width = cell_width

#: Regional indicator symbols: two of them draw one flag.
_REGIONAL = range(0x1F1E6, 0x1F200)


def clusters(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """The grapheme clusters of ``text[start:end]``: ``(start, end, cells)`` offsets into
    ``text``, tiling the range (a pair of regional indicators is one flag)."""
    end = len(text) if end is None else end
    if text.isascii():
        return [(i, i + 1, 1) for i in range(start, end)]
    spans, _ = split_graphemes(text[start:end])
    out: list[tuple[int, int, int]] = []
    lone_flag_half = False  # the last cluster is one regional indicator, unpaired
    for s, e, w in spans:
        regional = e - s == 1 and ord(text[start + s]) in _REGIONAL
        if regional and lone_flag_half:
            first, _, cells = out[-1]
            out[-1] = (first, start + e, cells + w)
            lone_flag_half = False
            continue
        out.append((start + s, start + e, w))
        lone_flag_half = regional
    return out


def cluster_snapper(text: str, start: int, end: int) -> Callable[[int, bool], int]:
    """A function ``snap(offset, forward)`` moving an offset inside ``text[start:end]``
    to the start (or with ``forward``, the end) of its grapheme cluster, so that no cut
    (a styled span, a search hit) splits one glyph in two: a split glyph would be
    measured as two and the columns would slip."""
    if SIMPLE_CELLS.issuperset(text[start:end]):
        return _same
    bounds = [s for s, _, _ in clusters(text, start, end)] + [end]

    def snap(offset: int, forward: bool = False) -> int:
        if offset <= start or offset >= end:
            return offset
        i = bisect_right(bounds, offset) - 1
        return bounds[i + 1] if forward and bounds[i] != offset else bounds[i]

    return snap


def _same(offset: int, forward: bool = False) -> int:
    return offset


def _chop(text: str, start: int, end: int, width: int) -> list[int]:
    """Offsets at which to cut ``text[start:end]`` (one over-long word) into ``width``
    cells, between grapheme clusters."""
    cuts: list[int] = []
    if text.isascii():
        cuts.extend(range(start + width, end, width))
        return cuts
    used = 0
    for s, _, w in clusters(text, start, end):
        if used + w > width and used > 0:
            cuts.append(s)
            used = 0
        used += w
    return cuts


#: Characters that are one cell wide and never a break point: a hard line made only of
#: these is wrapped by the fast path (cells == code points; only " " breaks).
SIMPLE_CELLS = frozenset(
    chr(c)
    for lo, hi in (
        (0x20, 0x7E),  # ASCII printables
        (0xA0, 0xAC),  # Latin-1 (not the soft hyphen U+00AD)
        (0xAE, 0x2FF),  # Latin-1, Latin Extended, IPA, spacing modifiers
        (0x370, 0x482),  # Greek, Cyrillic (not the combining marks around them)
        (0x2010, 0x2027),  # dashes, curly quotes, bullets, ellipsis
        (0x2030, 0x205E),  # per mille, primes, guillemets ...
        (0x20A0, 0x20C0),  # currency signs
        (0x2400, 0x2426),  # control pictures (what sanitise() puts for controls)
    )
    for c in range(lo, hi + 1)
)
_TOKEN_WORD = re.compile(f"[{_BREAKABLE}]*([^{_BREAKABLE}\n]+)")


def _wrap_simple(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """Wrap the hard line ``text[start:end]`` of one-cell, non-breaking characters and spaces.

    Gives exactly what :func:`wrap`'s token loop gives, but jumps a whole line at a time
    (``str.rfind``) instead of a word at a time. Tokens (spaces, then a word) tile the
    line, so the tokens that still fit are those ending at or before ``cur_start + width``.
    """
    last = start + len(text[start:end].rstrip(" "))  # end of the last token
    cur_start = cur_end = start
    while True:
        limit = cur_start + width
        if limit >= last:
            lines.append((cur_start, max(cur_end, last)))
            return
        # The last token end in (cur_end, limit]: a non-space followed by a space.
        k = text.rfind(" ", cur_end + 1, limit + 1)
        if k > cur_end:
            e = cur_end + len(text[cur_end:k].rstrip(" "))
            if e > cur_end:
                cur_end = e
        # The next token does not fit: break before its word.
        m = _TOKEN_WORD.match(text, cur_end, end)
        assert m is not None  # cur_end < last: a word follows
        ws, e = m.span(1)
        if cur_end > cur_start:
            lines.append((cur_start, cur_end))
        if e - ws > width:
            prev = ws
            for cut in range(ws + width, e, width):
                lines.append((prev, cut))
                prev = cut
            cur_start, cur_end = prev, e
        else:
            cur_start, cur_end = ws, e


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Break ``text`` into lines of at most ``width`` cells, only at spaces and newlines.

    Returns ``(start, end)`` offsets per line. A word is only cut when it alone is
    wider than the column. Spaces at a break are dropped. Empty text is one empty line.
    Hard lines of one-cell characters take a fast path with the same result as
    :func:`wrap_reference`.
    """
    width = max(1, width)
    if text.isascii() and len(text) <= width and "\n" not in text:
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    line_start = 0
    simple = SIMPLE_CELLS.issuperset
    for hard in text.split("\n"):
        hard_end = line_start + len(hard)
        if simple(hard):
            if len(hard) <= width:
                lines.append((line_start, hard_end))
            else:
                _wrap_simple(text, line_start, hard_end, width, lines)
        else:
            _wrap_tokens(text, line_start, hard_end, hard, width, lines)
        line_start = hard_end + 1
    return lines


def wrap_reference(text: str, width: int) -> list[tuple[int, int]]:
    """:func:`wrap` without its fast path: a token at a time (the tests compare the two)."""
    width = max(1, width)
    if text.isascii() and len(text) <= width and "\n" not in text:
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    line_start = 0
    for hard in text.split("\n"):
        hard_end = line_start + len(hard)
        _wrap_tokens(text, line_start, hard_end, hard, width, lines)
        line_start = hard_end + 1
    return lines


def _wrap_tokens(
    text: str, line_start: int, hard_end: int, hard: str, width: int, lines: list[tuple[int, int]]
) -> None:
    """Wrap the hard line ``hard`` == ``text[line_start:hard_end]`` a token at a time."""
    if _width(hard) <= width:
        lines.append((line_start, hard_end))
        return
    cur_start = line_start
    cur_end = line_start
    cur_w = 0
    for m in _TOKEN.finditer(text, line_start, hard_end):
        s, e = m.span()
        tok = text[s:e]
        tok_w = _width(tok)
        if cur_w + tok_w <= width:
            cur_w += tok_w
            cur_end = e
            continue
        word = tok.lstrip(BREAKABLE_CHARS)
        ws = e - len(word)
        word_w = _width(word)
        if cur_w > 0:
            lines.append((cur_start, cur_end))
        if word_w > width:
            prev = ws
            for cut in _chop(text, ws, e, width):
                lines.append((prev, cut))
                prev = cut
            cur_start, cur_end = prev, e
            cur_w = _width(text[prev:e])
        else:
            cur_start, cur_end, cur_w = ws, e, word_w
    lines.append((cur_start, cur_end))
