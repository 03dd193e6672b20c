"""The display model of a diff: pure functions, no Textual.

Turns an engine :class:`~tui.engine.DiffResult` into what the split view draws:
sanitised side texts with styled runs, display items (rows and folds), word-boundary
line breaks per column width, row marks, figures for the header, search hits and a
swapped result. Nothing here diffs text; it only lays out what the engine decided.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rich.cells import cell_len, get_character_cell_size

from tui.engine import DiffResult, Row, Span
from tui.sanitise import sanitise as _shared_sanitise
from tui.sanitise import sanitise_line as _shared_sanitise_line

# ---------------------------------------------------------------------------
# Untrusted text
# ---------------------------------------------------------------------------


def sanitise(text: str) -> str:
    """Replace every control character (except newline) by a visible placeholder.

    The shared sanitiser (:func:`tui.sanitise.sanitise`) plus tabs: C0 controls
    become Unicode control pictures (ESC -> ␛, BEL -> ␇), DEL becomes ␡, C1 controls and
    bidi overrides become U+FFFD; the view also shows TAB as ␉, because a tab's width
    depends on the terminal and would break the columns. Each replacement is one code
    point for one code point, so offsets into the text stay valid.
    """
    if _controls().search(text) is None:  # the common case: nothing to replace, no copies
        return text
    return _shared_sanitise(text).replace("\t", "\u2409")


@cache
def _controls() -> re.Pattern[str]:
    """A class of every code point :func:`sanitise` replaces, found by sanitising every
    code point of the Basic Multilingual Plane once (the shared table touches no other
    plane; a test checks)."""
    probe = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    changed = {p for p, q in zip(probe, _shared_sanitise(probe), strict=True) if p != q}
    changed.add("\t")
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(changed)) + "]")


def sanitise_line(text: str) -> str:
    """Like :func:`sanitise`, but newlines become ␤ too (for one-line labels)."""
    return _shared_sanitise_line(text)


# ---------------------------------------------------------------------------
# Row classification
# ---------------------------------------------------------------------------

#: Gutter mark per row class, so the view reads without colour.
MARKS: dict[str, str] = {
    "equal": "=",
    "minor": "≈",
    "changed": "~",
    "facts": "!",
    "inserted": "+",
    "deleted": "-",
    "moved": "↕",
    "split": "⇉",
    "merged": "⇇",
}

#: What each mark means, for the legend and the help panel.
MARK_LEGEND: tuple[tuple[str, str], ...] = (
    ("=", "unchanged paragraph"),
    ("~", "reworded (paraphrase, insertions, deletions)"),
    ("!", "a fact changed: number, date, name, negation or quote"),
    ("≈", "only minor differences (punctuation, case, quotes, look-alikes)"),
    ("+", "paragraph only in B (inserted)"),
    ("-", "paragraph only in A (deleted)"),
    ("↕", "moved paragraph (the note says from or to where)"),
    ("⇉", "one A paragraph split into several B paragraphs"),
    ("⇇", "several A paragraphs merged into one B paragraph"),
)


def row_class(row: Row) -> str:
    """The display class of a row: a key of :data:`MARKS`."""
    if row.kind == "moved":
        return "moved"
    if row.kind == "inserted":
        return "inserted"
    if row.kind == "deleted":
        return "deleted"
    if row.is_split:
        return "split"
    if row.is_merge:
        return "merged"
    ops = {s.op for s in row.spans} - {"equal"}
    if row.kind == "equal" and not ops:
        return "equal"
    if row.has_facts:
        return "facts"
    if ops and ops <= {"minor"}:
        return "minor"
    if not ops:
        return "equal"
    return "changed"


def is_change(row: Row, show_minor: bool = True) -> bool:
    """True when the row differs; with ``show_minor`` off, minor-only rows count as same."""
    cls = row_class(row)
    if cls == "equal":
        return False
    return not (cls == "minor" and not show_minor)


#: Ruler severity per row class (higher wins when several rows share a ruler cell).
SEVERITY: dict[str, int] = {
    "equal": 0,
    "minor": 1,
    "changed": 2,
    "split": 3,
    "merged": 3,
    "moved": 4,
    "inserted": 5,
    "deleted": 6,
    "facts": 7,
}


# ---------------------------------------------------------------------------
# Figures for the header
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    """The pair's numbers as the header shows them."""

    similarity: float
    rows: dict[str, int]
    words: dict[str, int]
    paragraphs_a: int
    paragraphs_b: int


def _count_words(text: str) -> int:
    return len(text.split())


def figures(result: DiffResult) -> Figures:
    """Figures of ``result``: from ``result.stats`` where present, else counted from rows."""
    stats = result.stats or {}
    rows = {k: 0 for k in ("equal", "changed", "inserted", "deleted", "moved", "split", "merged")}
    for row in result.rows:
        rows[row.kind] += 1
        if row.is_split:
            rows["split"] += 1
        if row.is_merge:
            rows["merged"] += 1
    stat_rows = stats.get("rows")
    if isinstance(stat_rows, dict):
        rows.update({k: int(v) for k, v in stat_rows.items() if isinstance(v, int)})
    words: dict[str, int]
    sw = stats.get("words")
    if isinstance(sw, dict) and isinstance(sw.get("a"), dict) and isinstance(sw.get("b"), dict):
        wa, wb = sw["a"], sw["b"]
        words = {
            "insert": int(wb.get("insert", 0)),
            "delete": int(wa.get("delete", 0)),
            "paraphrase": int(wb.get("paraphrase", 0)),
            "minor": int(wb.get("minor", 0)),
            "changed": int(wb.get("changed", 0)),
        }
    else:
        words = dict.fromkeys(("insert", "delete", "paraphrase", "minor", "changed"), 0)
        for row in result.rows:
            for span in row.spans:
                if span.op == "delete":
                    words["delete"] += _count_words(span.a)
                elif span.op != "equal":
                    words[span.op] += _count_words(span.b)
    similarity = stats.get("similarity")
    if not isinstance(similarity, (int, float)):
        similarity = 1.0 if result.identical else 0.0
    return Figures(
        similarity=float(similarity),
        rows=rows,
        words=words,
        paragraphs_a=len(result.a.paragraphs),
        paragraphs_b=len(result.b.paragraphs),
    )


# ---------------------------------------------------------------------------
# Swapping sides
# ---------------------------------------------------------------------------

_SWAP_OP = {"insert": "delete", "delete": "insert"}
_SWAP_KIND = {"inserted": "deleted", "deleted": "inserted"}


def _swap_stats(stats: dict[str, Any]) -> dict[str, Any]:
    out = dict(stats)
    if "a" in stats and "b" in stats:
        out["a"], out["b"] = stats["b"], stats["a"]
    rows = stats.get("rows")
    if isinstance(rows, dict):
        rows = dict(rows)
        rows["inserted"], rows["deleted"] = rows.get("deleted", 0), rows.get("inserted", 0)
        rows["split"], rows["merged"] = rows.get("merged", 0), rows.get("split", 0)
        out["rows"] = rows
    words = stats.get("words")
    if isinstance(words, dict) and isinstance(words.get("a"), dict):
        swapped = {}
        for side, other in (("a", "b"), ("b", "a")):
            src = dict(words.get(other, {}))
            src["insert"], src["delete"] = src.get("delete", 0), src.get("insert", 0)
            swapped[side] = src
        out["words"] = swapped
    return out


def swap_result(result: DiffResult) -> DiffResult:
    """The same diff seen from the other side: B becomes A, inserts become deletes.

    Non-moved rows keep their order (ascending on both sides); moved rows are placed
    by their new B paragraphs (the old A ones), as the engine places them.
    """

    def swap_row(row: Row) -> Row:
        spans = tuple(
            Span(_SWAP_OP.get(s.op, s.op), s.b, s.a, s.flags)  # type: ignore[arg-type]
            for s in row.spans
        )
        kind = _SWAP_KIND.get(row.kind, row.kind)
        return Row(kind, row.b, row.a, row.similarity, spans)  # type: ignore[arg-type]

    fixed = [swap_row(r) for r in result.rows if r.kind != "moved"]
    moved = [swap_row(r) for r in result.rows if r.kind == "moved"]
    keys = [min(r.b) if r.b else -1 for r in fixed]
    # Rows without B paragraphs (deleted) take the key of the row before them.
    last = -1
    for i, k in enumerate(keys):
        if k < 0:
            keys[i] = last
        else:
            last = k
    rows = list(fixed)
    for row in sorted(moved, key=lambda r: min(r.b) if r.b else 0, reverse=True):
        pos = bisect_right(keys, min(row.b) if row.b else 0)
        rows.insert(pos, row)
        keys.insert(pos, min(row.b) if row.b else 0)
    return DiffResult(
        a=result.b,
        b=result.a,
        rows=tuple(rows),
        stats=_swap_stats(result.stats or {}),
        warnings=result.warnings,
    )


# ---------------------------------------------------------------------------
# Side texts and styled runs
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SideText:
    """One side of one row: sanitised text and its styled runs ``(start, end, op, fact)``."""

    text: str
    runs: tuple[tuple[int, int, str, bool], ...]


def side_text(row: Row, side: str) -> SideText:
    """Build the sanitised text of ``side`` ("a" or "b") of ``row`` with one run per span."""
    parts: list[str] = []
    runs: list[tuple[int, int, str, bool]] = []
    pos = 0
    for span in row.spans:
        piece = span.a if side == "a" else span.b
        if not piece:
            continue
        parts.append(piece)
        end = pos + len(piece)
        if span.op != "equal":
            runs.append((pos, end, span.op, bool(span.flags) or span.op == "changed"))
        pos = end
    # sanitise() maps code point for code point, so it may run once on the joined text.
    return SideText(sanitise("".join(parts)), tuple(runs))


# ---------------------------------------------------------------------------
# Word-boundary wrapping
# ---------------------------------------------------------------------------

#: Characters a line may break at (not the no-break spaces U+00A0, U+2007, U+202F).
_BREAKABLE = " \u2000-\u2006\u2008-\u200a\u205f\u3000"
_TOKEN = re.compile(f"[{_BREAKABLE}]*[^{_BREAKABLE}\n]+")
_BREAKABLE_CHARS = " " + "".join(chr(c) for c in range(0x2000, 0x2007)) + "\u2008\u2009\u200a"
_BREAKABLE_CHARS += "\u205f\u3000"


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _chop(text: str, start: int, end: int, width: int) -> list[int]:
    """Offsets at which to cut ``text[start:end]`` (one over-long word) into ``width`` cells."""
    cuts: list[int] = []
    if text.isascii():
        cuts.extend(range(start + width, end, width))
        return cuts
    used = 0
    for i in range(start, end):
        w = get_character_cell_size(text[i])
        if used + w > width and used > 0:
            cuts.append(i)
            used = 0
        used += w
    return cuts


#: Characters that are one cell wide and never a break point: a hard line made only of
#: these is wrapped by the fast path (cells == code points; only " " breaks).
_SIMPLE_CELLS = frozenset(
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
    simple = _SIMPLE_CELLS.issuperset
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
        word = tok.lstrip(_BREAKABLE_CHARS)
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


# ---------------------------------------------------------------------------
# Display items, folding and search
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One display item: an aligned row (``row`` >= 0) or a fold of unchanged rows."""

    row: int
    fold_start: int = -1
    fold_count: int = 0

    @property
    def is_fold(self) -> bool:
        """True for a folded run of unchanged rows."""
        return self.fold_count > 0


def build_items(result: DiffResult, changes_only: bool, show_minor: bool) -> list[Item]:
    """Display items: every row, or with ``changes_only`` runs of unchanged rows folded."""
    if not changes_only:
        return [Item(i) for i in range(len(result.rows))]
    items: list[Item] = []
    run_start = -1
    for i, row in enumerate(result.rows):
        if is_change(row, show_minor):
            if run_start >= 0:
                items.append(Item(-1, run_start, i - run_start))
                run_start = -1
            items.append(Item(i))
        elif run_start < 0:
            run_start = i
    if run_start >= 0:
        items.append(Item(-1, run_start, len(result.rows) - run_start))
    return items


@dataclass(frozen=True, slots=True)
class Hit:
    """A search match: row index, side ("a"/"b"), offsets into that side's text."""

    row: int
    side: str
    start: int
    end: int


def search(texts: list[tuple[SideText, SideText]], query: str) -> list[Hit]:
    """Case-insensitive literal matches of ``query`` in both sides of every row, in order."""
    if not query:
        return []
    pattern = re.compile(re.escape(sanitise(query)), re.IGNORECASE)
    hits: list[Hit] = []
    for i, (a, b) in enumerate(texts):
        for side, st in (("a", a), ("b", b)):
            hits.extend(Hit(i, side, m.start(), m.end()) for m in pattern.finditer(st.text))
    return hits


@dataclass(slots=True)
class ItemLayout:
    """Wrapped lines of one display item at one width."""

    left: list[tuple[int, int]] = field(default_factory=list)
    right: list[tuple[int, int]] = field(default_factory=list)
    notes: int = 0
    height: int = 1


@dataclass(slots=True)
class Layout:
    """Every display item wrapped at one view width: per-item layouts and start lines."""

    width: int
    items: list[ItemLayout]
    offsets: list[int]
    total: int

    def item_at(self, line: int) -> int:
        """Index of the item drawn on virtual ``line``."""
        return max(0, bisect_right(self.offsets, line) - 1)


# ---------------------------------------------------------------------------
# The prepared display of one result
# ---------------------------------------------------------------------------

#: Wrapped lines of every row of one side at one column width (row index -> lines).
SideWraps = list[list[tuple[int, int]]]

#: Results with fewer characters than this (both sides) are prepared and wrapped on the
#: spot; larger ones in a worker thread (wrapping runs at a few MB/s).
SYNC_CHARS = 50_000

#: How many (side, column width) wraps a model keeps (two or three view widths).
WRAP_CACHE_SIZE = 6


class DisplayModel:
    """What the split view needs of one result, prepared ahead: pure, thread-friendly.

    The side texts of every row are built once (:func:`side_text`). Wrapped lines are
    cached per (side, column width) for every row, so changing which rows are folded or
    how spans are styled (``c``, ``m``) never re-wraps: :meth:`layout` only stacks
    cached wraps. :meth:`compute_wraps` is pure and may run in a worker thread;
    :meth:`store` (the owner's thread) adds its output to the cache.
    """

    def __init__(self, result: DiffResult) -> None:
        self.result = result
        self.texts: list[tuple[SideText, SideText]] = [
            (side_text(r, "a"), side_text(r, "b")) for r in result.rows
        ]
        self.notes: list[int] = [1 if r.kind == "moved" else 0 for r in result.rows]
        #: :func:`row_class` of every row (for the ruler and change navigation).
        self.classes: list[str] = [row_class(r) for r in result.rows]
        self.chars = sum(len(a.text) + len(b.text) for a, b in self.texts)
        #: The view width the model was wrapped at when prepared (0: not wrapped), and the
        #: layout of every row unfolded at that width (None: not prepared).
        self.prepared_width = 0
        self.prepared_layout: Layout | None = None
        self._wraps: dict[tuple[str, int], SideWraps] = {}

    @staticmethod
    def is_small(result: DiffResult) -> bool:
        """True when ``result`` is cheap enough to prepare and wrap on the event loop."""
        total = 0
        for row in result.rows:
            for span in row.spans:
                total += len(span.a) + len(span.b)
            if total >= SYNC_CHARS:
                return False
        return True

    @property
    def small(self) -> bool:
        """True when wrapping every row is cheap (see :data:`SYNC_CHARS`)."""
        return self.chars < SYNC_CHARS

    def wrapped(self, side: str, col_width: int) -> SideWraps | None:
        """The cached wraps of ``side`` at ``col_width``, or None (a dict read: thread-safe)."""
        return self._wraps.get((side, col_width))

    def has_wraps(self, left: int, right: int) -> bool:
        """True when both columns are cached at these widths."""
        return ("a", left) in self._wraps and ("b", right) in self._wraps

    def compute_wraps(
        self, left: int, right: int, cancelled: Callable[[], bool] | None = None
    ) -> dict[tuple[str, int], SideWraps] | None:
        """Wrap every row at column widths ``left`` and ``right`` (sides already cached are
        reused). Returns the new cache entries, or None when ``cancelled()`` turned true."""
        out: dict[tuple[str, int], SideWraps] = {}
        for side, width in (("a", left), ("b", right)):
            key = (side, width)
            cached = self._wraps.get(key)
            if cached is not None:
                out[key] = cached
                continue
            index = 0 if side == "a" else 1
            lines: SideWraps = []
            for n, pair in enumerate(self.texts):
                if cancelled is not None and n % 256 == 0 and cancelled():
                    return None
                lines.append(wrap(pair[index].text, width))
            out[key] = lines
        return out

    def store(self, wraps: dict[tuple[str, int], SideWraps]) -> None:
        """Add wraps from :meth:`compute_wraps` to the cache (oldest widths are dropped)."""
        for key, lines in wraps.items():
            self._wraps.pop(key, None)
            self._wraps[key] = lines
        while len(self._wraps) > WRAP_CACHE_SIZE:
            del self._wraps[next(iter(self._wraps))]

    def ensure_wraps(self, left: int, right: int) -> None:
        """Wrap at these column widths now unless cached (on the spot: small results)."""
        if not self.has_wraps(left, right):
            wraps = self.compute_wraps(left, right)
            assert wraps is not None
            self.store(wraps)

    def layout(
        self,
        items: list[Item],
        width: int,
        left: int,
        right: int,
        wraps: dict[tuple[str, int], SideWraps] | None = None,
    ) -> Layout:
        """Stack the cached wraps of ``items`` (columns ``left``/``right`` cells wide), or
        those of ``wraps`` (from :meth:`compute_wraps`, not stored yet: in a worker)."""
        source = self._wraps if wraps is None else wraps
        lefts = source[("a", left)]
        rights = source[("b", right)]
        notes = self.notes
        layouts: list[ItemLayout] = []
        offsets: list[int] = []
        total = 0
        for item in items:
            offsets.append(total)
            row = item.row
            if row < 0:
                lay = ItemLayout(height=2)
            else:
                lw, rw, n = lefts[row], rights[row], notes[row]
                lay = ItemLayout(lw, rw, n, n + max(len(lw), len(rw)) + 1)
            layouts.append(lay)
            total += lay.height
        return Layout(width, layouts, offsets, total)

    def is_change(self, row: int, show_minor: bool) -> bool:
        """:func:`is_change` of row ``row``, from the precomputed classes."""
        cls = self.classes[row]
        return cls != "equal" and (show_minor or cls != "minor")

    def placeholder(self, items: list[Item], width: int) -> Layout:
        """A layout with no text lines (for a view not laid out yet): right shape, no wrap."""
        layouts = [
            ItemLayout(height=2) if item.row < 0 else ItemLayout([], [], 0, 2) for item in items
        ]
        return Layout(width, layouts, [2 * i for i in range(len(items))], 2 * len(items))
