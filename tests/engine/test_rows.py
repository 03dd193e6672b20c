"""The per-row work's pieces: classed pieces become the spans they stand for (mirrored
as :meth:`Span.mirrored` mirrors), and a row's figures count what count_words counts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS, word
from tui.engine.model import SAME_OPS, SPAN_OPS, Span
from tui.engine.pipeline import RowFigures
from tui.engine.spanclass import spans_of
from tui.engine.tokens import count_words

_TEXT = st.lists(word, max_size=6).map(" ".join)
_FLAGS = st.lists(st.sampled_from(["number", "name", "homoglyph"]), max_size=2, unique=True)
_CLASSED = st.lists(st.tuples(st.sampled_from(SPAN_OPS), _TEXT, _TEXT, _FLAGS.map(tuple)))


@ENGINE_SETTINGS
@given(_CLASSED)
def test_classed_pieces_become_their_spans_and_mirror_as_spans_do(classed: list) -> None:
    spans = spans_of(classed)
    assert spans == tuple(Span(op, a, b, flags) for op, a, b, flags in classed)
    assert spans_of(classed, mirrored=True) == tuple(s.mirrored() for s in spans)


@ENGINE_SETTINGS
@given(_CLASSED)
def test_row_figures_count_the_words_of_each_op_on_each_side(classed: list) -> None:
    spans = spans_of(classed)
    figures = RowFigures.of(spans)
    for op in SPAN_OPS:
        assert figures.words_a.get(op, 0) == sum(count_words(s.a) for s in spans if s.op == op)
        assert figures.words_b.get(op, 0) == sum(count_words(s.b) for s in spans if s.op == op)
    assert figures.total == sum(count_words(s.a) + count_words(s.b) for s in spans)
    assert figures.same == sum(
        count_words(s.a) + count_words(s.b) for s in spans if s.op in SAME_OPS
    )
