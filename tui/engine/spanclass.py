"""Span classes: turn the pieces of a word diff into classified, flagged spans.

A replacement is ``minor`` (equal once style, case and punctuation are folded),
``changed`` (it touches a fact-ledger entry of the row: a fact altered, added or
removed), ``paraphrase`` (evidence says the words mean the same: see
:mod:`tui.engine.synonyms`) or ``reworded`` (no such evidence); a passage deleted in one
place of a row and inserted in another is a reordering, hence a ``paraphrase`` on both
sides. Insertions and deletions carry the kinds of the facts they add or remove.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import starmap
from operator import itemgetter

from tui.engine.facts import WORD_RE, flags_for, has_homoglyph
from tui.engine.ledger import CHANGE_STATUSES, Part, RowEntry, overlapping
from tui.engine.model import Flag, Span, SpanOp
from tui.engine.synonyms import Pair, leftovers, pair_of
from tui.engine.tokens import fold_text, is_word_char

#: Piece ops: diff-match-patch's three, named as the fact ledger's parts are, and a
#: fourth for runs equal but for style.
DIFF_DELETE, DIFF_EQUAL, DIFF_INSERT, MINOR = "delete", "equal", "insert", "minor"
_CHANGE_OPS = frozenset((DIFF_DELETE, DIFF_INSERT))
#: A piece of a row's word diff: ``(op, text on A, text on B)``; the fact ledger reads
#: the pieces as they are (a piece is a :data:`~tui.engine.ledger.Part`).
Piece = Part
#: A classed piece, a :class:`~tui.engine.model.Span` to be: ``(op, a, b, flags)``. The
#: row's pieces stay plain tuples while they are classed, merged and mirrored, and
#: become spans once, at the end (:func:`spans_of`): spans are frozen dataclasses,
#: costly to make and remake.
Classed = tuple[SpanOp, str, str, tuple[Flag, ...]]

_NON_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Reworded:
    """A ``reworded`` span of a row (the row's reworded spans in order): the words
    nothing accounts for on each side, and the word pair they may form (learned if it
    recurs: see :func:`tui.engine.synonyms.learned_pairs`)."""

    rest_a: tuple[str, ...]
    rest_b: tuple[str, ...]
    pair: Pair | None


def spans_of(classed: Iterable[Classed], mirrored: bool = False) -> tuple[Span, ...]:
    """The spans of classed pieces; ``mirrored``: seen from the other side, as
    :meth:`~tui.engine.model.Span.mirrored` has them."""
    if mirrored:
        return tuple(_span(_MIRRORED_OP.get(op, op), b, a, flags) for op, a, b, flags in classed)
    return tuple(starmap(_span, classed))


#: Spans are frozen values, so rows may share one: many repeat (a quote mark made
#: straight, 'said' for 'stated', a full stop), and finding one costs a tenth of making it.
_span = lru_cache(maxsize=16_384)(Span)


_MIRRORED_OP: dict[str, SpanOp] = {"insert": "delete", "delete": "insert"}


def classify(
    raw: list[Piece], entries: Sequence[RowEntry]
) -> tuple[list[Classed], tuple[Reworded, ...]]:
    """Turn text pieces into classed pieces (spans to be), flagged by the row's ledger
    ``entries``, neighbouring equal ones joined (no piece is empty); and the row's
    ``reworded`` spans."""
    ctx = _Context(entries)
    spans: list[Classed] = []
    pos_a = pos_b = 0
    deleted = inserted = ""  # the run of changes read so far, each side
    for op, piece_a, piece_b in raw:
        if op in _CHANGE_OPS:
            deleted += piece_a
            inserted += piece_b
            continue
        if deleted or inserted:
            pos_a, pos_b = _add_change(deleted, inserted, pos_a, pos_b, ctx, spans)
            deleted = inserted = ""
        if op == DIFF_EQUAL:
            _add_equal(spans, piece_a, piece_b)
        else:
            homoglyph = has_homoglyph(piece_a) or has_homoglyph(piece_b)
            spans.append(("minor", piece_a, piece_b, ("homoglyph",) if homoglyph else ()))
        pos_a += len(piece_a)
        pos_b += len(piece_b)
    if deleted or inserted:
        _add_change(deleted, inserted, pos_a, pos_b, ctx, spans)
    if ctx.deletes and ctx.inserts:  # else nothing can have moved (most rows)
        spans = _mark_reordered(spans)
    if not ctx.reworded:  # no reworded span
        return spans, ()
    reworded = tuple(ctx.reworded[(a, b)] for op, a, b, _ in spans if op == "reworded")
    return spans, reworded


def _add_change(
    deleted: str, inserted: str, pos_a: int, pos_b: int, ctx: _Context, spans: list[Classed]
) -> tuple[int, int]:
    """Add the classed pieces of one run of changes at ``pos_a``/``pos_b`` (its common
    head and tail equal, the rest classed); the positions after it."""
    head, tail = _peel_common(deleted, inserted)
    if head:
        _add_equal(spans, deleted[:head], deleted[:head])
        pos_a, pos_b = pos_a + head, pos_b + head
        deleted, inserted = deleted[head:], inserted[head:]
    mid_a, mid_b = deleted[: len(deleted) - tail], inserted[: len(inserted) - tail]
    spans.append(_classify_change(mid_a, mid_b, pos_a, pos_b, ctx))
    pos_a, pos_b = pos_a + len(mid_a), pos_b + len(mid_b)
    if tail:
        spans.append(("equal", deleted[len(mid_a) :], inserted[len(mid_b) :], ()))
        pos_a, pos_b = pos_a + tail, pos_b + tail
    return pos_a, pos_b


@dataclass(slots=True)
class _Context:
    """A row's ledger entries, its reworded replacements (by their texts), and whether
    it has deletions and insertions."""

    entries: Sequence[RowEntry]
    reworded: dict[tuple[str, str], Reworded] = field(default_factory=dict)
    deletes: bool = False
    inserts: bool = False


#: A deleted and an inserted run of at least this many words, sharing this share of
#: their words, are one passage moved within the row: a reordering, so a paraphrase.
REORDER_MIN_WORDS = 4
REORDER_MIN_SHARE = 0.8


def _word_bag(text: str) -> dict[str, int]:
    bag: dict[str, int] = {}
    for word in WORD_RE.findall(fold_text(text).casefold()):
        bag[word] = bag.get(word, 0) + 1
    return bag


def _mark_reordered(spans: list[Classed]) -> list[Classed]:
    """Re-class a deleted passage that reappears, inserted, elsewhere in the same row
    (sentences reordered) as ``paraphrase`` on both sides, without fact flags."""
    ops = list(map(itemgetter(0), spans))
    if "delete" not in ops or "insert" not in ops:  # most rows
        return spans
    deleted = _passages(spans, ops, "delete")
    if not deleted:
        return spans
    inserted = _passages(spans, ops, "insert")
    out = list(spans)
    for d, bag_d, size_d in deleted:
        for n, (i, bag_i, size_i) in enumerate(inserted):
            # They share at most the smaller's words: skip counting when that is too few.
            if 2 * min(size_d, size_i) < REORDER_MIN_SHARE * (size_d + size_i):
                continue
            shared = sum(min(count, bag_i.get(w, 0)) for w, count in bag_d.items())
            if 2 * shared >= REORDER_MIN_SHARE * (size_d + size_i):
                out[d] = ("paraphrase", spans[d][1], "", ())
                out[i] = ("paraphrase", "", spans[i][2], ())
                del inserted[n]  # each inserted passage pairs with one deleted
                break
    return out


def _passages(
    spans: list[Classed], ops: list[SpanOp], op: SpanOp
) -> list[tuple[int, dict[str, int], int]]:
    """The spans of class ``op`` long enough to be a moved passage: their indexes, word
    bags and word counts, in order."""
    found = []
    for k, span_op in enumerate(ops):
        if span_op == op:
            bag = _word_bag(spans[k][1] or spans[k][2])
            size = sum(bag.values())
            if size >= REORDER_MIN_WORDS:
                found.append((k, bag, size))
    return found


def _is_cut(text: str, pos: int) -> bool:
    """True when cutting ``text`` at ``pos`` does not split a word, nor a compound held
    together by a joiner ('2022-02-03', '1,000', "isn't", 'U.S')."""
    if pos <= 0 or pos >= len(text):
        return True
    before, after = text[pos - 1], text[pos]
    # is_word_char inlined: this runs for every change of every row
    word_before = before.isalnum() or before == "_"
    word_after = after.isalnum() or after == "_"
    if word_before:
        if word_after:
            return False
        if after in _JOINERS and pos + 1 < len(text):
            return not is_word_char(text[pos + 1])
    elif word_after and before in _JOINERS and pos >= 2:
        return not is_word_char(text[pos - 2])
    return True


_JOINERS = frozenset("-‐‑/.,'’")


def _peel_common(deleted: str, inserted: str) -> tuple[int, int]:
    """Common head and tail of a replacement, cut only between words.

    Tokens carry their trailing space, so 'cc' / 'cc dd' arrive as one replacement;
    peeling gives equal 'cc' and an inserted ' dd'.
    """
    if not deleted or not inserted:
        return 0, 0
    limit = min(len(deleted), len(inserted))
    head = 0
    while head < limit and deleted[head] == inserted[head]:
        head += 1
    # A cut after whitespace (the head's end) or before it (the tail's start) is between
    # words on both sides: no need to ask _is_cut, for most changes.
    while (
        head
        and not deleted[head - 1].isspace()
        and not (_is_cut(deleted, head) and _is_cut(inserted, head))
    ):
        head -= 1
    limit -= head
    tail = 0
    while tail < limit and deleted[-1 - tail] == inserted[-1 - tail]:
        tail += 1
    while (
        tail
        and not deleted[-tail].isspace()
        and not (_is_cut(deleted, len(deleted) - tail) and _is_cut(inserted, len(inserted) - tail))
    ):
        tail -= 1
    if head + tail >= len(deleted) and head + tail >= len(inserted):
        return 0, 0  # should not happen for a real change; keep it whole
    return head, tail


def _fold_minor(text: str) -> str:
    """Text with every 'minor' difference folded away (style, case, punctuation, spaces)."""
    return _NON_ALNUM.sub("", fold_text(text).casefold())


_ASCII_NON_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())


def _classify_change(deleted: str, inserted: str, pos_a: int, pos_b: int, ctx: _Context) -> Classed:
    """Class and flags of one change: a deletion, an insertion or a replacement.

    Flags are the kinds of the row's ledger entries the change touches (a spelling
    variant is no change); a replacement touching none is a ``paraphrase`` when there
    is evidence the words mean the same, else ``reworded``.
    """
    if deleted.isascii() and inserted.isascii():  # most changes
        homoglyph = False  # look-alike letters are not ASCII
        # What _fold_minor gives ASCII (folded already, and it casefolds as it lowers),
        # as bytes: deleting them is a fifth of the cost of the pattern.
        fold_a = deleted.encode("ascii").translate(None, _ASCII_NON_ALNUM).lower()
        minor = fold_a == inserted.encode("ascii").translate(None, _ASCII_NON_ALNUM).lower()
    else:
        homoglyph = has_homoglyph(deleted) or has_homoglyph(inserted)
        minor = _fold_minor(deleted) == _fold_minor(inserted)
    if minor:
        return ("minor", deleted, inserted, ("homoglyph",) if homoglyph else ())
    kinds = set()
    if ctx.entries:
        touched = overlapping(
            ctx.entries, (pos_a, pos_a + len(deleted)), (pos_b, pos_b + len(inserted))
        )
        kinds = {e.kind for e in touched if e.status in CHANGE_STATUSES}
    flags = flags_for(kinds, homoglyph) if kinds or homoglyph else ()  # () for most changes
    if not deleted:
        ctx.inserts = True
        return ("insert", "", inserted, flags)
    if not inserted:
        ctx.deletes = True
        return ("delete", deleted, "", flags)
    if kinds:
        return ("changed", deleted, inserted, flags)
    reworded = _reworded(deleted, inserted)
    if reworded is None:
        return ("paraphrase", deleted, inserted, flags)
    ctx.reworded[(deleted, inserted)] = reworded
    return ("reworded", deleted, inserted, flags)


@lru_cache(maxsize=65_536)
def _reworded(deleted: str, inserted: str) -> Reworded | None:
    """The leftover words of a replacement and the pair they may form; None when
    nothing is left over (a paraphrase). Cached: the same replacement recurs ('said'
    for 'stated'), and its :class:`Reworded` is a frozen value rows may share."""
    rest_a, rest_b = leftovers(deleted, inserted)
    if not rest_a and not rest_b:
        return None
    return Reworded(rest_a, rest_b, pair_of(rest_a, rest_b) if rest_a and rest_b else None)


def _add_equal(spans: list[Classed], text_a: str, text_b: str) -> None:
    """Add an equal span, joined to the last span when that is equal too."""
    if spans and spans[-1][0] == "equal":
        _, last_a, last_b, _ = spans[-1]
        spans[-1] = ("equal", last_a + text_a, last_b + text_b, ())
    else:
        spans.append(("equal", text_a, text_b, ()))
