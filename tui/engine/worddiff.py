"""Word diff of one aligned row.

Tokens (words, whitespace runs, single other characters) are mapped to single
characters, as ``diff_linesToChars`` does for lines, and diffed with
diff-match-patch; a change therefore never starts or ends inside a word. The
pieces are then classed by :mod:`tui.engine.spanclass`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter

try:  # the same algorithm compiled (C++), where a wheel installs
    from fast_diff_match_patch import diff as compiled_diff
except ImportError:  # pragma: no cover - depends on the platform
    compiled_diff = None

from tui.engine.facts import WORD_RE
from tui.engine.ledger import RowEntry, fact_entries
from tui.engine.model import Span, comes_first
from tui.engine.spanclass import (
    DIFF_DELETE,
    DIFF_EQUAL,
    DIFF_INSERT,
    MINOR,
    Classed,
    Piece,
    Reworded,
    classify,
    spans_of,
)
from tui.engine.tokens import STOPWORDS, diff_tokens, fold_text

#: Per-row deadline for diff-match-patch; exceeding it is reported, never silent.
ROW_DEADLINE_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class RowDiff:
    """Spans of one row, whether the word diff hit its deadline, the row's fact-ledger
    entries, and its ``reworded`` spans in order (their leftover words in the canonical
    order of the row's texts, whichever side came first)."""

    spans: tuple[Span, ...]
    timed_out: bool
    entries: tuple[RowEntry, ...] = ()
    reworded: tuple[Reworded, ...] = ()


@lru_cache(maxsize=262_144)
def token_key(token: str) -> str:
    """What a token is compared by: folded style and case, trailing blanks as one space.

    Tokens that differ only in 'minor' ways (quote style, case, NBSP, look-alike
    letters, compatibility forms) share a key, so the diff aligns them as equal and
    they are reported as ``minor`` rather than breaking a replacement.
    """
    core = token.rstrip()
    key = fold_text(core).casefold() if core else ""
    return key + " " if len(core) < len(token) else key


class KeyChars(dict[str, str]):
    """Tokens to the characters of their keys, shared by the rows of one diff, so that a
    token's key is found once per diff rather than once per row: characters from U+0001
    up, skipping the surrogate range, in order of first appearance.

    The diff of two strings of characters depends only on which characters are equal,
    so one table for all rows gives each row the diff a table of its own would give.
    """

    def __init__(self) -> None:
        super().__init__()
        self._by_key: dict[str, str] = {}
        self._lock = threading.Lock()  # rows may be diffed by two threads at once

    def __missing__(self, token: str) -> str:
        with self._lock:
            key = token_key(token)
            char = self._by_key.get(key)
            if char is None:
                n = len(self._by_key) + 1
                if n > _MAX_KEYS:
                    raise _TableFull
                char = self._by_key[key] = chr(n if n < 0xD800 else n + 0x800)
            self[token] = char
            return char


class _TableFull(Exception):
    """A :class:`KeyChars` has no character left for a new key."""


def _tokens_to_chars(
    tokens_a: list[str], tokens_b: list[str], key_chars: KeyChars | None = None
) -> tuple[str, str] | None:
    """Map each distinct token key to one character (as ``diff_linesToChars`` does for
    lines), by ``key_chars`` if given and not full, else in order of first appearance,
    A then B; None when there are too many."""
    if key_chars is not None:
        try:
            chars = key_chars.__getitem__
            return "".join(map(chars, tokens_a)), "".join(map(chars, tokens_b))
        except _TableFull:
            pass  # this row in a table of its own
    keys_a, keys_b = list(map(token_key, tokens_a)), list(map(token_key, tokens_b))
    distinct = dict.fromkeys(chain(keys_a, keys_b))
    if len(distinct) > _MAX_KEYS:
        return None
    # Characters from U+0001 up, skipping the surrogate range (as many as there are keys).
    codes = chain(range(1, 0xD800), range(0xE000, 0x110000))
    table = dict(zip(distinct, map(chr, codes), strict=False))
    return "".join(map(table.__getitem__, keys_a)), "".join(map(table.__getitem__, keys_b))


#: Distinct keys one row can map to characters (U+0001 to U+10FFFF minus surrogates).
_MAX_KEYS = 0x10FFFF - 0x800


def word_diff(
    text_a: str,
    text_b: str,
    deadline: float = ROW_DEADLINE_SECONDS,
    whitespace: bool = False,
    known: frozenset[str] | None = None,
    key_chars: KeyChars | None = None,
) -> RowDiff:
    """Diff two texts word by word, compare their facts around the changes, and classify
    the spans (their fact flags are the kinds of the ledger entries they touch; ``known``
    is the name evidence of the whole documents, :func:`~tui.engine.ledger.known_name_words`,
    by default that of these two texts).

    The diff and its classes depend on which text comes first, so the texts are
    diffed in their canonical order (:func:`~tui.engine.model.comes_first`) and the
    spans mirrored when needed: the word diff of B against A mirrors that of A against B.
    Unless ``whitespace``, a span that differs in whitespace alone (a line break for a
    space, a run of spaces) is equal (see :func:`_whitespace_as_equal`). ``key_chars``:
    the token table of the diff this row is part of (else the row has its own).
    """
    if text_a == text_b:
        return RowDiff((Span("equal", text_a, text_b),) if text_a else (), False)
    mirrored = not comes_first(text_a, text_b)
    if mirrored:
        text_a, text_b = text_b, text_a
    classed, timed_out, entries, reworded = _word_diff(text_a, text_b, deadline, known, key_chars)
    if not whitespace:
        classed = _whitespace_as_equal(classed)
    if mirrored:
        return RowDiff(
            spans_of(classed, mirrored=True),
            timed_out,
            tuple(e.mirrored() for e in entries),
            reworded,
        )
    return RowDiff(spans_of(classed), timed_out, tuple(entries), reworded)


def _whitespace_as_equal(spans: list[Classed]) -> list[Classed]:
    """Spans that differ in whitespace alone made equal, and equal neighbours joined
    (``spans``: as :func:`~tui.engine.spanclass.classify` gives them, no two equal spans
    side by side); a paragraph break (the row joiner "\n\n", judged with the
    neighbouring spans: a split or merge) still counts. Symmetric: mirroring the spans
    mirrors the result."""
    if "minor" not in map(itemgetter(0), spans):  # nothing to make equal, or join
        return spans
    out: list[Classed] = []
    none: Classed = ("equal", "", "", ())
    for k, span in enumerate(spans):
        op, a, b, _ = span
        # Only a minor span can differ in whitespace alone: a change's texts differ once
        # folded, and folding keeps no whitespace.
        if op == "minor" and a.split() == b.split():
            before = spans[k - 1] if k else none
            after = spans[k + 1] if k + 1 < len(spans) else none
            around_a, around_b = before[1] + a + after[1], before[2] + b + after[2]
            if around_a.count("\n\n") == around_b.count("\n\n"):
                op = "equal"
                span = (op, a, b, ())
        if out and out[-1][0] == op == "equal":
            out[-1] = ("equal", out[-1][1] + a, out[-1][2] + b, ())
        else:
            out.append(span)
    return out


def _word_diff(
    text_a: str,
    text_b: str,
    deadline: float,
    known: frozenset[str] | None,
    key_chars: KeyChars | None = None,
) -> tuple[list[Classed], bool, list[RowEntry], tuple[Reworded, ...]]:
    """The classed pieces of two different texts in canonical order, whether the diff hit
    its deadline, the fact-ledger entries and the ``reworded`` spans."""
    head, tail = _common_ends(text_a, text_b)
    mid_a, mid_b = text_a[head : len(text_a) - tail], text_b[head : len(text_b) - tail]
    tokens_a, tokens_b = diff_tokens(mid_a), diff_tokens(mid_b)
    encoded = _tokens_to_chars(tokens_a, tokens_b, key_chars)
    if encoded is None:  # too many distinct words to map: one replacement, reported
        diffs = [(_DMP_DELETE, len(tokens_a)), (_DMP_INSERT, len(tokens_b))]
        timed_out = True
    else:
        started = time.perf_counter()
        diffs = diff_keys(encoded[0], encoded[1], deadline)
        timed_out = deadline > 0 and time.perf_counter() - started >= deadline
    raw: list[Piece] = []
    if head:
        head_text = text_a[:head]
        raw.append((DIFF_EQUAL, head_text, head_text))
    raw.extend(_pieces(diffs, tokens_a, tokens_b))
    if tail:
        tail_text = text_a[len(text_a) - tail :]
        raw.append((DIFF_EQUAL, tail_text, tail_text))
    entries = fact_entries(raw, text_a, text_b, known)
    classed, reworded = classify(raw, entries)
    return classed, timed_out, entries, reworded


#: diff-match-patch's ops, as :func:`diff_keys` gives them.
_DMP_DELETE, _DMP_EQUAL, _DMP_INSERT = -1, 0, 1
_COMPILED_OPS = {"=": _DMP_EQUAL, "-": _DMP_DELETE, "+": _DMP_INSERT}


def diff_keys(keys_a: str, keys_b: str, deadline: float) -> list[tuple[int, int]]:
    """diff-match-patch of two strings as runs ``(op, length)``, compiled if available.

    Both implementations give the same runs (a test checks it); the pure-Python one
    serves where the compiled one is missing or refuses the input (on Windows, it
    refuses characters beyond the Basic Multilingual Plane).
    """
    if compiled_diff is not None:
        try:
            runs = compiled_diff(keys_a, keys_b, timelimit=deadline, checklines=False, cleanup="No")
        except ValueError:
            pass
        else:
            return [(_COMPILED_OPS[op], n) for op, n in runs]
    from diff_match_patch import diff_match_patch  # imported only when needed

    dmp = diff_match_patch()
    dmp.Diff_Timeout = deadline
    return [(op, len(text)) for op, text in dmp.diff_main(keys_a, keys_b, False)]


def _pieces(diffs: list[tuple[int, int]], tokens_a: list[str], tokens_b: list[str]) -> list[Piece]:
    """Turn the diff of token keys (runs ``(op, length)``) back into text pieces
    ``(op, a, b)``. Runs the diff saw as equal are split into truly equal and ``MINOR``
    pieces; an equal run that carries no content word (spaces, punctuation, 'the', 'of')
    between two changes is folded into them, so a reworded phrase reads as one
    replacement while shared content words stay visible as equal.
    """
    out: list[Piece] = []
    ia = ib = 0
    last = len(diffs) - 1
    for k, (op, n) in enumerate(diffs):
        if op == _DMP_DELETE:
            out.append((DIFF_DELETE, "".join(tokens_a[ia : ia + n]), ""))
            ia += n
        elif op == _DMP_INSERT:
            out.append((DIFF_INSERT, "", "".join(tokens_b[ib : ib + n])))
            ib += n
        else:
            run_a, run_b = tokens_a[ia : ia + n], tokens_b[ib : ib + n]
            ia, ib = ia + n, ib + n
            if run_a == run_b:  # the common case, one equal piece (a list compare is C-speed)
                piece = "".join(run_a)
                if (
                    0 < k < last
                    and diffs[k - 1][0] != _DMP_EQUAL
                    and diffs[k + 1][0] != _DMP_EQUAL
                    and _is_thin(piece)
                ):
                    out.append((DIFF_DELETE, piece, ""))
                    out.append((DIFF_INSERT, "", piece))
                else:
                    out.append((DIFF_EQUAL, piece, piece))
                continue
            # Never folded: each of its equal pieces has a minor one beside it.
            m = 0
            while m < n:
                same = run_a[m] == run_b[m]
                end = m + 1
                while end < n and (run_a[end] == run_b[end]) == same:
                    end += 1
                piece_a, piece_b = "".join(run_a[m:end]), "".join(run_b[m:end])
                if same:
                    out.append((DIFF_EQUAL, piece_a, piece_b))
                else:
                    out.extend(_trim_minor(piece_a, piece_b))
                m = end
    return out


def common_prefix_length(a: str, b: str) -> int:
    """Length of the common prefix, by binary search on slices (C-speed compares of the
    part not known to be common yet)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix_length(a: str, b: str) -> int:
    """Length of the common suffix, as :func:`common_prefix_length` finds a prefix."""
    len_a, len_b = len(a), len(b)
    lo, hi = 0, min(len_a, len_b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len_a - mid : len_a - lo] == b[len_b - mid : len_b - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of a common head and tail that end/start after whitespace on both sides,
    never in a word.

    Cutting them off before tokenizing makes a long, mostly equal row cheap.
    """
    head = common_prefix_length(a, b)
    if head < min(len(a), len(b)) or len(a) != len(b):
        # The two heads are equal, so one check serves both sides.
        while head and not a[head - 1].isspace():
            head -= 1
    rest_a, rest_b = a[head:], b[head:]
    tail = common_suffix_length(rest_a, rest_b)
    # The tails are equal but what precedes them is not: check both sides once...
    if tail and not (
        _after_space(rest_a, len(rest_a) - tail) and _after_space(rest_b, len(rest_b) - tail)
    ):
        # ...then, inside the common tail, one side serves both.
        tail -= 1
        while tail and not rest_a[len(rest_a) - tail - 1].isspace():
            tail -= 1
    return head, tail


def _after_space(text: str, pos: int) -> bool:
    """True when ``pos`` starts ``text`` or follows whitespace (a token starts there)."""
    return pos == 0 or text[pos - 1].isspace()


def _trim_minor(piece_a: str, piece_b: str) -> list[Piece]:
    """A minor piece with its common trailing blanks split off as equal text."""
    core_a, core_b = piece_a.rstrip(), piece_b.rstrip()
    trail_a, trail_b = piece_a[len(core_a) :], piece_b[len(core_b) :]
    if trail_a and trail_a == trail_b and core_a != core_b:
        return [(MINOR, core_a, core_b), (DIFF_EQUAL, trail_a, trail_b)]
    return [(MINOR, piece_a, piece_b)]


def _is_thin(text: str) -> bool:
    """True when ``text`` holds at most one word, a stopword (read no further than the
    second word: an equal run may be long)."""
    first = WORD_RE.search(text)
    if first is None:
        return True
    return first.group().casefold() in STOPWORDS and WORD_RE.search(text, first.end()) is None
