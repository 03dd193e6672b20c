"""The word diff's s7 shortcuts give what the plain forms they replace give.

The plain forms are kept here as the reference: moved passages found by comparing the
word bags of every deleted and inserted span, shared stems by trying every leftover
word of B, and the one-for-one pair by listing the content words.
"""

from __future__ import annotations

from collections import Counter
from itertools import starmap

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.factforms import canonical_words
from tui.engine.spanclass import (
    REORDER_MIN_SHARE,
    REORDER_MIN_WORDS,
    Classed,
    _mark_reordered,
    _word_bag,
)
from tui.engine.synonyms import _ARTICLES, _pair_key, _same_stem, leftovers, pair_of
from tui.engine.tokens import STOPWORDS

#: Words that share stems, first letters, or nothing; articles and other stopwords.
_WORDS = st.sampled_from(
    [
        "relations",
        "relationship",
        "relate",
        "meet",
        "met",
        "send",
        "sent",
        "talks",
        "talked",
        "re",
        "r",
        "a",
        "an",
        "the",
        "of",
        "and",
        "cat",
        "cats",
        "two",
        "2",
        "U.S.",
        "United",
        "States",
    ]
)
_WORD_LISTS = st.lists(_WORDS, max_size=8)


def _plain_leftovers(old: str, new: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    count_a, count_b = Counter(canonical_words(old)), Counter(canonical_words(new))
    rest_a = list((count_a - count_b).elements())
    rest_b = list((count_b - count_a).elements())
    unmatched_a = []
    for wa in rest_a:
        for k, wb in enumerate(rest_b):
            if _same_stem(wa, wb):
                del rest_b[k]
                break
        else:
            unmatched_a.append(wa)
    return (
        tuple(w for w in unmatched_a if w not in _ARTICLES),
        tuple(w for w in rest_b if w not in _ARTICLES),
    )


@ENGINE_SETTINGS
@given(_WORD_LISTS, _WORD_LISTS)
@example(["relate"], ["relations", "relationship"])  # the first of two stem matches
def test_leftovers_are_those_of_trying_every_word(words_a: list[str], words_b: list[str]) -> None:
    old, new = " ".join(words_a), " ".join(words_b)
    assert leftovers.__wrapped__(old, new) == _plain_leftovers(old, new)


def _plain_pair_of(rest_a: list[str], rest_b: list[str]) -> tuple[str, str] | None:
    content_a = [w for w in rest_a if w not in STOPWORDS]
    content_b = [w for w in rest_b if w not in STOPWORDS]
    if len(rest_a) == len(rest_b) == 1 or (len(content_a) == len(content_b) == 1):
        return _pair_key((content_a or rest_a)[0], (content_b or rest_b)[0])
    return None


@ENGINE_SETTINGS
@given(_WORD_LISTS, _WORD_LISTS)
def test_pair_of_is_that_of_the_listed_content_words(rest_a: list[str], rest_b: list[str]) -> None:
    assert pair_of(rest_a, rest_b) == _plain_pair_of(rest_a, rest_b)


def _plain_mark_reordered(spans: list[Classed]) -> list[Classed]:
    ops = [span[0] for span in spans]
    deleted = [k for k, op in enumerate(ops) if op == "delete"]
    inserted = [k for k, op in enumerate(ops) if op == "insert"]
    bags = {k: _word_bag(spans[k][1] or spans[k][2]) for k in (*deleted, *inserted)}
    out = list(spans)
    used: set[int] = set()
    for d in deleted:
        size_d = sum(bags[d].values())
        if size_d < REORDER_MIN_WORDS:
            continue
        for i in inserted:
            if i in used:
                continue
            size_i = sum(bags[i].values())
            shared = sum(min(n, bags[i].get(w, 0)) for w, n in bags[d].items())
            if size_i >= REORDER_MIN_WORDS and 2 * shared >= REORDER_MIN_SHARE * (size_d + size_i):
                out[d] = ("paraphrase", spans[d][1], "", ())
                out[i] = ("paraphrase", "", spans[i][2], ())
                used.add(i)
                break
    return out


def _span(op: str, words: list[str]) -> Classed:
    text = " ".join(words)
    if op == "delete":
        return ("delete", text, "", ())
    if op == "insert":
        return ("insert", "", text, ())
    return (op, text, text, ())


_SPANS = st.lists(
    st.tuples(
        st.sampled_from(["equal", "delete", "insert", "delete", "insert", "reworded"]),
        st.lists(st.sampled_from(["cat", "sat", "on", "the", "mat", "dog", "ran"]), max_size=9),
    ),
    max_size=7,
).map(lambda spans: list(starmap(_span, spans)))


@ENGINE_SETTINGS
@given(_SPANS)
@example([_span(op, ["cat", "sat", "on", "the", "mat"]) for op in ("delete", "insert", "delete")])
def test_moved_passages_are_those_of_comparing_every_bag(spans: list[Classed]) -> None:
    assert _mark_reordered(spans) == _plain_mark_reordered(spans)
