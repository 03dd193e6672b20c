"""Evidence that a replacement of words keeps their meaning (``paraphrase``) or not
(``reworded``).

No synonym dictionary ships with a Python package that works offline here (the
WordNet packages either download their data at run time or hold only word lists),
so the evidence is what the documents themselves show:

- the same words reordered, or inflected (a shared stem: "relations"/"relationship");
- the same fact in another form ("U.S."/"United States", "2"/"two", "shouldn't"/"should
  not"), by the normal forms of :mod:`tui.engine.factforms`;
- a word pair the copy uses consistently: one word replaced by another in at least
  :data:`MIN_ROWS` different aligned rows (a learned pair, see :func:`learn_pairs`).

Only articles ("a", "the") may be swapped without evidence. Pure: no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from tui.engine.factforms import canonical_words, edit_distance
from tui.engine.model import Row, comes_first
from tui.engine.tokens import STOPWORDS, stem

#: A word pair must replace one another in this many different rows to be learned.
MIN_ROWS = 2
#: Two words share a stem when they share a prefix this long (and most of the shorter).
STEM_PREFIX = 5

_ARTICLES = frozenset({"a", "an", "the"})
Pair = tuple[str, str]


def _same_stem(a: str, b: str) -> bool:
    # Every rule below implies the same first two letters (a stem is a prefix of its
    # word, at least three letters long unless it is the word): most pairs stop here.
    if a[:2] != b[:2]:
        return False
    if stem(a) == stem(b):
        return True
    if a[:STEM_PREFIX] == b[:STEM_PREFIX]:  # a long common prefix, most of the shorter
        common = STEM_PREFIX
        for x, y in zip(a[STEM_PREFIX:], b[STEM_PREFIX:], strict=False):
            if x != y:
                break
            common += 1
        if common >= 0.6 * min(len(a), len(b)):
            return True
    # Irregular inflection ("meet"/"met", "send"/"sent", "make"/"made"): one letter
    # apart after the first two.
    sa, sb = stem(a), stem(b)
    return (
        min(len(sa), len(sb)) >= 3
        and sa[:2] == sb[:2]
        and sa.isalpha()
        and sb.isalpha()
        and edit_distance(sa, sb, 1) <= 1
    )


@lru_cache(maxsize=65_536)
def leftovers(old: str, new: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words of a replacement that nothing accounts for: not shared, not sharing a stem,
    not the same fact in another form, not an article."""
    count_a, count_b = Counter(canonical_words(old)), Counter(canonical_words(new))
    rest_a = _surplus(count_a, count_b)
    rest_b = _surplus(count_b, count_a)
    # Words sharing a stem share their first two letters (see _same_stem): each word of
    # A is tried against those of B that start as it does, the first match taken.
    starting: dict[str, list[int]] = {}
    for k, wb in enumerate(rest_b):
        starting.setdefault(wb[:2], []).append(k)
    matched = [False] * len(rest_b)
    unmatched_a = []
    for wa in rest_a:
        for k in starting.get(wa[:2], ()):
            if not matched[k] and _same_stem(wa, rest_b[k]):
                matched[k] = True
                break
        else:
            unmatched_a.append(wa)
    return (
        tuple(w for w in unmatched_a if w not in _ARTICLES),
        tuple(
            w for w, used in zip(rest_b, matched, strict=True) if not used and w not in _ARTICLES
        ),
    )


def _surplus(count: Counter[str], other: Counter[str]) -> list[str]:
    """The words of ``count`` beyond those of ``other``, as ``(count - other).elements()``
    lists them (first-seen order, repeats together), without the Counter arithmetic."""
    return [word for word, n in count.items() for _ in range(n - other.get(word, 0))]


def _pair_key(a: str, b: str) -> Pair:
    """The key of a word pair: both stems, in alphabetical order (a pair learned one way
    vouches for the other way too, so that B against A mirrors A against B)."""
    x, y = stem(a), stem(b)
    return (x, y) if x <= y else (y, x)


def resolved(rest_a: Sequence[str], rest_b: Sequence[str], learned: frozenset[Pair]) -> bool:
    """True when the learned pairs account for every leftover word (see :func:`leftovers`)."""
    if len(rest_a) != len(rest_b):
        return False
    remaining_b = list(rest_b)
    for wa in rest_a:
        for k, wb in enumerate(remaining_b):
            if _pair_key(wa, wb) in learned:
                del remaining_b[k]
                break
        else:
            return False
    return not remaining_b


def has_evidence(old: str, new: str, learned: frozenset[Pair] = frozenset()) -> bool:
    """True when the replacement ``old`` -> ``new`` demonstrably keeps the meaning."""
    rest_a, rest_b = leftovers(old, new)
    if not rest_a and not rest_b:
        return True
    return bool(learned) and resolved(rest_a, rest_b, learned)


def pair_of(rest_a: Sequence[str], rest_b: Sequence[str]) -> Pair | None:
    """The one-for-one word pair of a replacement's leftover words, if it has one."""
    if len(rest_a) == len(rest_b) == 1:
        return _pair_key(rest_a[0], rest_b[0])
    content_a = _sole_content_word(rest_a)
    if content_a is None:
        return None
    content_b = _sole_content_word(rest_b)
    return None if content_b is None else _pair_key(content_a, content_b)


def _sole_content_word(words: Sequence[str]) -> str | None:
    """The one word of ``words`` that is not a stopword, if there is exactly one (read no
    further than a second: leftovers may be long)."""
    found = None
    for word in words:
        if word not in STOPWORDS:
            if found is not None:
                return None
            found = word
    return found


def candidate_pair(old: str, new: str) -> Pair | None:
    """The one-for-one word pair of a replacement that needs one (else None)."""
    rest_a, rest_b = leftovers(old, new)
    return pair_of(rest_a, rest_b) if rest_a and rest_b else None


def learned_pairs(
    pairs_by_row: Iterable[Iterable[Pair]], min_rows: int = MIN_ROWS
) -> frozenset[Pair]:
    """The pairs found in at least ``min_rows`` rows (each row's pairs counted once)."""
    rows_of: Counter[Pair] = Counter()
    for pairs in pairs_by_row:
        distinct = set(pairs)
        if distinct:  # most rows have none (and Counter.update costs a call)
            rows_of.update(distinct)
    return frozenset(p for p, n in rows_of.items() if n >= min_rows)


def _canonical(old: str, new: str) -> tuple[str, str]:
    return (old, new) if comes_first(old, new) else (new, old)


def learn_pairs(rows: Iterable[Row], min_rows: int = MIN_ROWS) -> frozenset[Pair]:
    """Word pairs that replace one another in at least ``min_rows`` different rows."""
    return learned_pairs(
        (
            pair
            for span in row.spans
            if span.op in ("reworded", "paraphrase")
            and span.a
            and span.b
            and (pair := candidate_pair(*_canonical(span.a, span.b))) is not None
        )
        for row in rows
    )


def apply_learned(rows: Sequence[Row], learned: frozenset[Pair]) -> list[Row]:
    """Rows whose ``reworded`` spans the learned pairs vouch for re-classed ``paraphrase``."""
    if not learned:
        return list(rows)
    out = []
    for row in rows:
        if not any(s.op == "reworded" for s in row.spans):
            out.append(row)
            continue
        spans = tuple(
            replace(s, op="paraphrase")
            if s.op == "reworded" and has_evidence(*_canonical(s.a, s.b), learned)
            else s
            for s in row.spans
        )
        out.append(replace(row, spans=spans))
    return out
