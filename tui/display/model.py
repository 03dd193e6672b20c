"""The display model of a diff: pure, no Textual, safe to build in a worker thread.

Turns an engine :class:`~tui.engine.DiffResult` into what the split view draws:
sanitised side texts with styled runs, display items (rows and folds), search hits, and
every row wrapped per column width (:mod:`tui.display.wrap`) and stacked into a layout.
Nothing here diffs text; it only lays out what the engine decided.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from tui.display.wrap import wrap
from tui.engine import (
    Alignment,
    Article,
    DiffResult,
    Row,
    RowClass,
    is_change,
    is_change_class,
    row_class,
)
from tui.sanitise import sanitise

# ---------------------------------------------------------------------------
# Untrusted text
# ---------------------------------------------------------------------------


def sanitise_column(text: str) -> str:
    """Untrusted text for a column of the view: every control character but newline
    made visible.

    The shared sanitiser (:func:`tui.sanitise.sanitise`) plus tabs: C0 controls
    become Unicode control pictures (ESC -> ␛, BEL -> ␇), DEL becomes ␡, C1 controls and
    bidi overrides become U+FFFD; a column also shows TAB as ␉, because a tab's width
    depends on the terminal and would break the columns. Each replacement is one code
    point for one code point, so offsets into the text stay valid.
    """
    if _controls().search(text) is None:  # the common case: nothing to replace, no copies
        return text
    return sanitise(text).replace("\t", "\u2409")


@cache
def _controls() -> re.Pattern[str]:
    """A class of every code point :func:`sanitise_column` replaces, found by sanitising
    every code point of the Basic Multilingual Plane once (the shared table touches no
    other plane; a test checks)."""
    probe = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    changed = {p for p, q in zip(probe, sanitise(probe), strict=True) if p != q}
    changed.add("\t")
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(changed)) + "]")


#: Characters that draw nothing (or look like a plain space or nothing at all), and the
#: visible mark each gets inside a change: a change made only of them would be invisible.
INVISIBLE_MARKS: dict[int, str] = {
    0x00A0: "\u237d",  # no-break space -> ⍽
    0x2007: "\u237d",  # figure space
    0x202F: "\u237d",  # narrow no-break space
    0x00AD: "\u00ac",  # soft hyphen -> ¬ (as word processors show it)
    0x200B: "\u2038",  # zero-width space -> ‸
    0x200C: "\u2038",  # zero-width non-joiner
    0x200D: "\u2038",  # zero-width joiner (not inside an emoji sequence, see below)
    0x2060: "\u2038",  # word joiner
    0x180E: "\u2038",  # Mongolian vowel separator
    **{c: "\u2038" for c in range(0x2061, 0x2065)},  # invisible operators
}
_INVISIBLE = re.compile("[" + "".join(re.escape(chr(c)) for c in INVISIBLE_MARKS) + "]")


def show_invisible(text: str, ranges: Iterable[tuple[int, int]] | None = None) -> str:
    """Invisible characters made visible (``\u200b`` -> ‸, NBSP -> ⍽, soft hyphen -> ¬),
    one code point for one, in ``text`` or only inside ``ranges`` (``(start, end)``
    offsets: the changes). A zero-width joiner between two symbols (an emoji sequence
    such as 👩‍👧) is left alone."""
    if _INVISIBLE.search(text) is None:
        return text
    spans = [(0, len(text))] if ranges is None else sorted(ranges)
    chars = list(text)
    for start, end in spans:
        for match in _INVISIBLE.finditer(text, start, end):
            i = match.start()
            if text[i] == "\u200d" and 0 < i < len(text) - 1:
                before, after = text[i - 1], text[i + 1]
                if not (before.isalnum() or after.isalnum() or before.isspace() or after.isspace()):
                    continue
            chars[i] = INVISIBLE_MARKS[ord(text[i])]
    return "".join(chars)


# ---------------------------------------------------------------------------
# Side texts and styled runs
# ---------------------------------------------------------------------------


#: A styled run of a side text: ``(start, end, op, fact, look_alike)``. ``fact``: the
#: span is a changed fact or carries a fact flag; ``look_alike``: it carries the
#: ``homoglyph`` flag (shown even when minor differences are hidden).
Run = tuple[int, int, str, bool, bool]


@dataclass(frozen=True, slots=True)
class SideText:
    """One side of one row: sanitised text and its styled runs (:data:`Run`)."""

    text: str
    runs: tuple[Run, ...]


def side_text(row: Row, side: str) -> SideText:
    """Build the sanitised text of ``side`` ("a" or "b") of ``row`` with one run per span;
    invisible characters are shown as marks where they differ (in a changed span)."""
    parts: list[str] = []
    runs: list[Run] = []
    differing: list[tuple[int, int]] = []  # where invisible characters are marked
    pos = 0
    for span in row.spans:
        piece = span.a if side == "a" else span.b
        if not piece:
            continue
        parts.append(piece)
        end = pos + len(piece)
        if span.op != "equal":
            fact = bool(span.flags) or span.op == "changed"
            runs.append((pos, end, span.op, fact, "homoglyph" in span.flags))
            differing.append((pos, end))
        elif span.a != span.b:  # equal words, other spaces (a no-break space for a space)
            differing.append((pos, end))
        pos = end
    # Both map code point for code point: they may run once on the joined text.
    text = show_invisible("".join(parts), differing)
    return SideText(sanitise_column(text), tuple(runs))


def side_texts(row: Row) -> tuple[SideText, SideText]:
    """Both side texts of ``row`` (see :func:`side_text`)."""
    return side_text(row, "a"), side_text(row, "b")


# ---------------------------------------------------------------------------
# Rows not word-diffed yet
# ---------------------------------------------------------------------------

PARAGRAPH_JOINER = "\n\n"


def pending_row(
    a: Article,
    b: Article,
    group_a: tuple[int, ...],
    group_b: tuple[int, ...],
    moved: bool,
    plain: tuple[Sequence[SideText], Sequence[SideText]] | None = None,
) -> tuple[Row, tuple[SideText, SideText], bool]:
    """What the view shows of an aligned group before its word diff: a row with the
    group's paragraphs and kind but no spans, its side texts (plain; an inserted or a
    deleted paragraph already styled as such), and whether its class is already final
    (everything but a changed in-order pair: those are told apart by their spans).
    ``plain``: the plain side text of every paragraph of A and of B, if known (see
    :class:`ParagraphsAhead`)."""
    text_a = PARAGRAPH_JOINER.join(a.paragraphs[i] for i in group_a)
    text_b = PARAGRAPH_JOINER.join(b.paragraphs[j] for j in group_b)
    if not group_b:
        kind, op_a, op_b = "deleted", "delete", ""
    elif not group_a:
        kind, op_a, op_b = "inserted", "", "insert"
    else:
        kind = "moved" if moved else "equal" if text_a == text_b else "changed"
        op_a = op_b = ""
    row = Row(kind, group_a, group_b, 0.0, ())  # type: ignore[arg-type]
    texts = (
        _plain_side(text_a, op_a, _known(plain, 0, group_a)),
        _plain_side(text_b, op_b, _known(plain, 1, group_b)),
    )
    return row, texts, kind != "changed" or len(group_a) != 1 or len(group_b) != 1


def _known(
    plain: tuple[Sequence[SideText], Sequence[SideText]] | None, side: int, group: tuple[int, ...]
) -> SideText | None:
    """The plain side text of a one-paragraph side, if known."""
    return plain[side][group[0]] if plain is not None and len(group) == 1 else None


def _plain_side(text: str, op: str, known: SideText | None = None) -> SideText:
    if not (op and text):
        return known or SideText(sanitise_column(text), ())
    runs: tuple[Run, ...] = ((0, len(text), op, False, False),)
    return SideText(sanitise_column(text) if known is None else known.text, runs)


@dataclass(frozen=True, slots=True)
class ParagraphsAhead:
    """Every paragraph of two articles sanitised, and wrapped at one view width, before
    their alignment is known: most rows hold one paragraph a side, and take these as
    they are (:meth:`DisplayModel.of_alignment`, :meth:`DisplayModel.compute_wraps`).
    Prepared while the paragraphs are aligned elsewhere (:mod:`tui.sources.ahead`)."""

    articles: tuple[Article, Article]
    #: Each side's paragraphs as plain side texts (sanitised, no styled run).
    texts: tuple[list[SideText], list[SideText]]
    #: The view width wrapped at (0: not wrapped), and each side's paragraphs wrapped at
    #: its column width.
    width: int = 0
    wraps: tuple[SideWraps, SideWraps] = ([], [])

    @classmethod
    def of(
        cls,
        articles: tuple[Article, Article],
        width: Callable[[], int],
        cancelled: Callable[[], bool] | None = None,
    ) -> ParagraphsAhead | None:
        """Sanitise and wrap (at view width ``width()``, read once sanitised) every
        paragraph; None when ``cancelled()`` turned true."""
        texts = (
            [SideText(sanitise_column(p), ()) for p in articles[0].paragraphs],
            [SideText(sanitise_column(p), ()) for p in articles[1].paragraphs],
        )
        view_width = width()
        if view_width <= 0:
            return cls(articles, texts)
        wraps: tuple[SideWraps, SideWraps] = ([], [])
        for side, col_width in enumerate(column_widths(view_width)):
            for n, text in enumerate(texts[side]):
                if cancelled is not None and n % 256 == 0 and cancelled():
                    return None
                wraps[side].append(wrap(text.text, col_width))
        return cls(articles, texts, view_width, wraps)

    def fits(self, alignment: Alignment) -> bool:
        """True when these are the paragraphs of ``alignment``'s articles."""
        a, b = self.articles
        return alignment.a.paragraphs is a.paragraphs and alignment.b.paragraphs is b.paragraphs


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


def build_items(rows: Sequence[Row], changes_only: bool, show_minor: bool) -> list[Item]:
    """Display items: every row, or with ``changes_only`` runs of unchanged rows folded."""
    if not changes_only:
        return [Item(i) for i in range(len(rows))]
    items: list[Item] = []
    run_start = -1
    for i, row in enumerate(rows):
        if is_change(row, show_minor):
            if run_start >= 0:
                items.append(Item(-1, run_start, i - run_start))
                run_start = -1
            items.append(Item(i))
        elif run_start < 0:
            run_start = i
    if run_start >= 0:
        items.append(Item(-1, run_start, len(rows) - run_start))
    return items


@dataclass(frozen=True, slots=True)
class Hit:
    """A search match: row index, side ("a"/"b"), offsets into that side's text."""

    row: int
    side: str
    start: int
    end: int


#: What counts as a space for search: any whitespace, and the marks a column shows for a
#: tab (␉) and a no-break space (⍽).
_SEARCH_SPACE = r"[\s\u2409\u237d]+"


def search_pattern(query: str) -> re.Pattern[str] | None:
    """The pattern of a search for ``query``: literal, case-insensitive, every run of
    whitespace (in the query and in the text) one space; the query's ends trimmed.
    None when the query is blank."""
    words = sanitise_column(query).replace("\u2409", " ").split()
    if not words:
        return None
    return re.compile(_SEARCH_SPACE.join(re.escape(word) for word in words), re.IGNORECASE)


def search(texts: Sequence[tuple[SideText, SideText]], query: str) -> list[Hit]:
    """Matches of ``query`` (see :func:`search_pattern`) in both sides of every row, in
    order."""
    pattern = search_pattern(query)
    if pattern is None:
        return []
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

    A model made from an :class:`~tui.engine.Alignment` (:meth:`of_alignment`) shows
    every row before its word diff: plain texts (wrapped like the final ones, which have
    the same characters), the classes known from the shape alone. :meth:`install` puts in
    the rows as they are word-diffed, :meth:`complete` the whole result; ``result`` is
    None until then.
    """

    def __init__(self, result: DiffResult) -> None:
        self._start(
            list(result.rows), [side_texts(r) for r in result.rows], [True] * len(result.rows)
        )
        #: The two articles.
        self.articles = (result.a, result.b)
        self.result: DiffResult | None = result

    @classmethod
    def of_alignment(
        cls, alignment: Alignment, ahead: ParagraphsAhead | None = None
    ) -> DisplayModel:
        """The display of ``alignment`` before any word diff (every row pending); with
        ``ahead``, its paragraphs prepared before (:meth:`compute_wraps` takes their
        wraps too)."""
        model = cls.__new__(cls)
        rows: list[Row] = []
        texts: list[tuple[SideText, SideText]] = []
        final: list[bool] = []
        a, b = alignment.a, alignment.b
        if ahead is not None and not ahead.fits(alignment):
            ahead = None
        plain = ahead.texts if ahead is not None else None
        for group in alignment.groups:
            row, pair, known = pending_row(a, b, group.a, group.b, group.moved, plain)
            rows.append(row)
            texts.append(pair)
            final.append(known)
        model._start(rows, texts, final)
        model._ahead = ahead
        model.ready = [False] * len(rows)
        model._pending = len(rows)
        model.articles = (a, b)
        model.result = None
        return model

    def _start(
        self, rows: list[Row], texts: list[tuple[SideText, SideText]], known: list[bool]
    ) -> None:
        #: Every row: the result's, or a row without spans while it is pending.
        self.rows = rows
        self.texts = texts
        #: True for the rows that are word-diffed (all of them for a result).
        self.ready: list[bool] = [True] * len(rows)
        self._pending = 0
        self.notes: list[int] = [1 if r.kind == "moved" else 0 for r in rows]
        classes = [row_class(r) for r in rows]
        #: :func:`~tui.engine.row_class` of every row (for the gutter and the ruler); None
        #: for a pending row whose class depends on its word diff.
        self.classes: list[RowClass | None] = [
            c if k else None for c, k in zip(classes, known, strict=True)
        ]
        #: :func:`~tui.engine.is_change` of every row, with minor differences shown or not.
        self._changes = {
            show: [is_change_class(c, show) for c in classes] for show in (True, False)
        }
        self.chars = sum(len(a.text) + len(b.text) for a, b in texts)
        #: The view width the model was wrapped at when prepared (0: not wrapped), and the
        #: layout of every row unfolded at that width (None: not prepared).
        self.prepared_width = 0
        self.prepared_layout: Layout | None = None
        self._wraps: dict[tuple[str, int], SideWraps] = {}
        #: Rows whose text changed when they were word-diffed (an invisible character in a
        #: change gets a visible mark): wraps made before are redone for them.
        self._retexted: set[int] = set()
        #: The paragraphs wrapped before the alignment was known (used by the first
        #: :meth:`compute_wraps` at their width, then dropped).
        self._ahead: ParagraphsAhead | None = None

    @property
    def pending(self) -> int:
        """Rows not word-diffed yet."""
        return self._pending

    def install(
        self, rows: Iterable[tuple[int, Row, tuple[SideText, SideText]]], *, settled: bool = False
    ) -> bool:
        """Put in word-diffed rows ``(index, row, side texts)`` (built in a worker thread
        with :func:`side_texts`); with ``settled``, the final form of rows that may be
        in already (:meth:`~tui.engine.LazyDiff.complete` re-classes some spans once every
        row is known). True when a row's number of wrapped lines changed: the layouts
        made before are then stale (new breaks in as many lines are updated in place)."""
        rewrapped = False
        for index, row, pair in rows:
            if self.ready[index] and not settled:
                continue
            old = self.texts[index]
            self.rows[index] = row
            self.texts[index] = pair
            cls = self.classes[index] = row_class(row)
            self._changes[True][index] = is_change_class(cls, True)
            self._changes[False][index] = is_change_class(cls, False)
            if not self.ready[index]:
                self.ready[index] = True
                self._pending -= 1
            if old[0].text != pair[0].text or old[1].text != pair[1].text:
                self._retexted.add(index)
                rewrapped = self._rewrap(self._wraps, index) or rewrapped
        if rewrapped:
            self.prepared_layout = None
        return rewrapped

    def complete(self, result: DiffResult) -> bool:
        """Every row is word-diffed: ``result`` is the whole diff (rows not installed
        yet are installed from it; those installed before are the result's, see
        :func:`~tui.display.filling.settled_rows`). True when a row's number of lines
        changed (see :meth:`install`)."""
        missing = [k for k, ready in enumerate(self.ready) if not ready]
        rewrapped = self.install((k, result.rows[k], side_texts(result.rows[k])) for k in missing)
        self.result = result
        return rewrapped

    def _rewrap(self, wraps: dict[tuple[str, int], SideWraps], index: int) -> bool:
        """Wrap row ``index`` again in ``wraps``; True if its number of lines changed.

        The lines are replaced in place (layouts share the list), so only a change in
        height needs a new layout."""
        taller = False
        for (side, width), lines in wraps.items():
            text = self.texts[index][0 if side == "a" else 1].text
            new = wrap(text, width)
            taller = taller or len(new) != len(lines[index])
            lines[index][:] = new
        return taller

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
        ahead = self._ahead
        if ahead is not None and (ahead.width <= 0 or column_widths(ahead.width) != (left, right)):
            ahead = None
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
                group = self.rows[n].a if side == "a" else self.rows[n].b
                if ahead is not None and len(group) == 1:
                    lines.append(ahead.wraps[index][group[0]])  # the paragraph's own lines
                else:
                    lines.append(wrap(pair[index].text, width))
            out[key] = lines
        return out

    def store(self, wraps: dict[tuple[str, int], SideWraps]) -> None:
        """Add wraps from :meth:`compute_wraps` to the cache (oldest widths are dropped)."""
        self._ahead = None  # its lines are the model's now (and may be rewrapped)
        for index in self._retexted:  # wrapped in a worker before the row was installed
            self._rewrap(wraps, index)
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
        """:func:`~tui.engine.is_change` of row ``row`` (precomputed)."""
        return self._changes[show_minor][row]

    def placeholder(self, items: list[Item], width: int) -> Layout:
        """A layout with no text lines (for a view not laid out yet): right shape, no wrap."""
        layouts = [
            ItemLayout(height=2) if item.row < 0 else ItemLayout([], [], 0, 2) for item in items
        ]
        return Layout(width, layouts, [2 * i for i in range(len(items))], 2 * len(items))


def spare_collector() -> None:
    """Keep every object made so far (the articles, the rows, their display and wraps)
    out of the cyclic garbage collector's walks: they live as long as the diff is shown,
    and a walk over a large diff's millions of them froze the interface for up to a
    second. The diff screen gives them back when it goes (``gc.unfreeze()``); objects
    freed meanwhile by their reference count go as usual. While a worker makes them, the
    collector is paused (:func:`~tui.engine.pipeline.collector_paused`)."""
    gc.freeze()


# ---------------------------------------------------------------------------
# Columns and preparing ahead
# ---------------------------------------------------------------------------

#: Cells left of the left column, between the columns (the gutter) and right of the right one.
MARGIN_LEFT = 1
GUTTER = 3
MARGIN_RIGHT = 1


def column_widths(width: int) -> tuple[int, int]:
    """Widths of the left and right text columns for a view ``width`` cells wide."""
    usable = max(2, width - MARGIN_LEFT - GUTTER - MARGIN_RIGHT)
    left = usable // 2
    return left, usable - left


def prepare_display(
    result: DiffResult | Alignment,
    width: Callable[[], int],
    cancelled: Callable[[], bool] | None = None,
    ahead: ParagraphsAhead | None = None,
) -> DisplayModel | None:
    """The display of ``result`` (or of an alignment: rows pending, see
    :meth:`DisplayModel.of_alignment`, which takes ``ahead``), wrapped at view width
    ``width()`` (read once the side texts are built; 0 or less: not wrapped). Pure: meant
    for a worker thread. None when ``cancelled()`` turned true while wrapping. A small
    result is not wrapped here (the view does that on the spot, at the width it has
    then)."""
    if isinstance(result, DiffResult):
        model = DisplayModel(result)
    else:
        model = DisplayModel.of_alignment(result, ahead)
    if model.small:
        return model
    view_width = width()
    if view_width > 0:
        wraps = model.compute_wraps(*column_widths(view_width), cancelled)
        if wraps is None:
            return None
        model.store(wraps)
        model.prepared_width = view_width
        items = build_items(model.rows, changes_only=False, show_minor=True)
        model.prepared_layout = model.layout(items, view_width, *column_widths(view_width))
    return model
