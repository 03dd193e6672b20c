"""Fast forms in the aligner's preparation and projection equal the plain ones they
replace (alignment decisions compare the floats, so equal to the last bit). The words of
ASCII text (a table of bytes) are tested against the word pattern in test_align_vectors."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from tui.engine.align import _window_sums
from tui.engine.tokens import fold_text, is_single_spaced, normal_key
from tui.engine.units import Units, _filled, cut

ascii_texts = st.text(alphabet=st.characters(max_codepoint=127), max_size=40)


@given(ascii_texts)
def test_an_ascii_text_is_single_spaced_when_collapsing_its_whitespace_keeps_it(text) -> None:
    # Control characters that are not whitespace included: only whitespace counts.
    assert is_single_spaced(text) == (text == " ".join(text.split()))
    assert normal_key(text) == " ".join(fold_text(text).casefold().split())


@given(st.lists(st.floats(min_value=0.0, max_value=50.0), max_size=7))
def test_window_sums_are_those_of_sum_of_each_slice(weights) -> None:
    sums = _window_sums(weights)
    for size in (1, 2, 3):
        plain = [sum(weights[x : x + size]) for x in range(len(weights) - size + 1)]
        assert sums[size - 1] == plain
        assert all(type(s) is float for s in sums[size - 1])


@given(st.lists(st.booleans(), max_size=12))
def test_cut_paragraphs_are_those_with_several_units(long) -> None:
    text = "One sentence here, long enough. Another sentence follows it here. A third one too."
    paragraphs = [text if flag else "Short." for flag in long]
    units = cut(paragraphs, {k for k, flag in enumerate(long) if flag})
    starts = [*units.starts(), len(units.owner)]
    plain = {k for k, (u, v) in enumerate(itertools.pairwise(starts)) if v - u > 1}
    assert units.cut_paragraphs() == plain
    assert isinstance(units, Units)


@given(st.sets(st.integers(min_value=0, max_value=20), min_size=1))
def test_filled_is_every_index_from_first_to_last(indices) -> None:
    ascending = sorted(indices)
    assert _filled(ascending) == tuple(range(ascending[0], ascending[-1] + 1))
