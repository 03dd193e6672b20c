"""The word diff's shared values and shortcuts give what the plain forms give."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine import spanclass
from tui.engine.model import Span
from tui.engine.spanclass import Reworded, spans_of
from tui.engine.synonyms import leftovers, pair_of

_WORDS = st.sampled_from(["said", "stated", "the", "a", "will", "shall", "U.S.", "2", "two", " "])
_TEXT = st.lists(_WORDS, max_size=6).map(" ".join)
_OPS = st.sampled_from(["equal", "minor", "changed", "paraphrase", "reworded", "insert", "delete"])
_CLASSED = st.tuples(_OPS, _TEXT, _TEXT, st.sampled_from([(), ("quote",), ("homoglyph",)]))


@ENGINE_SETTINGS
@given(st.lists(_CLASSED, max_size=8), st.booleans())
def test_shared_spans_equal_the_spans_made_anew(classed: list, mirrored: bool) -> None:
    """A span found in the cache is equal to the one made from the same piece."""
    expected = tuple(
        Span(op, a, b, flags).mirrored() if mirrored else Span(op, a, b, flags)
        for op, a, b, flags in classed
    )
    assert spans_of(classed, mirrored) == expected
    assert spans_of(classed, mirrored) == expected  # the second time from the cache


@ENGINE_SETTINGS
@given(_TEXT, _TEXT)
@example("said", "stated")
@example("the house", "a house")
@example("2 cats", "two cats")
def test_reworded_is_made_of_the_leftovers_and_their_pair(deleted: str, inserted: str) -> None:
    """The cached :class:`Reworded` holds the leftovers and pair, None for no leftovers."""
    rest_a, rest_b = leftovers(deleted, inserted)
    if not rest_a and not rest_b:
        expected = None
    else:
        pair = pair_of(rest_a, rest_b) if rest_a and rest_b else None
        expected = Reworded(rest_a, rest_b, pair)
    assert spanclass._reworded(deleted, inserted) == expected
    assert spanclass._reworded(deleted, inserted) == expected


_PIECE_TEXT = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join)
_PIECE = st.one_of(
    st.tuples(st.just(spanclass.DIFF_EQUAL), _PIECE_TEXT).map(lambda p: (p[0], p[1], p[1])),
    st.tuples(st.just(spanclass.DIFF_DELETE), _PIECE_TEXT, st.just("")),
    st.tuples(st.just(spanclass.DIFF_INSERT), st.just(""), _PIECE_TEXT),
)


@ENGINE_SETTINGS
@given(st.lists(_PIECE, max_size=10))
@example(
    [
        (spanclass.DIFF_DELETE, "said the will shall two", ""),
        (spanclass.DIFF_EQUAL, "a", "a"),
        (spanclass.DIFF_INSERT, "", "shall will the said two"),
    ]
)
def test_classify_marks_every_reordering(raw: list) -> None:
    """Skipping the reordering pass for rows without both a deletion and an insertion
    leaves nothing it would re-class."""
    classed, _ = spanclass.classify(raw, ())
    assert spanclass._mark_reordered(classed) == classed
