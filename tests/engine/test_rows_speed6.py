"""The word counts a diff's rows share: a row's figures counted through them equal its
figures counted afresh, whatever the rows counted before it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS, word
from tui.engine.model import SPAN_OPS, Span
from tui.engine.pipeline import RowFigures, WordCounts
from tui.engine.tokens import count_words

_TEXT = st.one_of(
    st.lists(word, max_size=4).map(" ".join),
    st.sampled_from(["said", "stated", '"', "\n\n", "“", "café—naïve", ""]),
)
_SPANS = st.lists(
    st.builds(Span, st.sampled_from(SPAN_OPS), _TEXT, _TEXT).map(
        lambda s: Span(s.op, s.a, s.a, s.flags) if s.op == "equal" else s
    ),
    max_size=6,
)


@ENGINE_SETTINGS
@given(st.lists(_SPANS, max_size=5))
def test_shared_word_counts_give_each_row_its_own_figures(rows: list[list[Span]]) -> None:
    words = WordCounts()
    for spans in rows:
        assert RowFigures.of(spans, words) == RowFigures.of(spans)
    assert all(n == count_words(text) for text, n in words.items())
