"""The per-row work's pieces: classed pieces become the spans they stand for (mirrored
as :meth:`Span.mirrored` mirrors), a row's figures count what count_words counts (an
equal row's by its one count), splits and merges are counted from the rows' shapes, and
count_words counts the ``\\w+`` runs."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS, word
from tui.engine.model import SAME_OPS, SPAN_OPS, Article, Row, Span
from tui.engine.pipeline import RowFigures, _sum_stats
from tui.engine.spanclass import spans_of
from tui.engine.tokens import count_words, is_word_char

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


_WORD_RUN = re.compile(r"\w+")
#: Word characters and not, ASCII and not: apostrophes, quotes, dashes, digits,
#: underscores, accents, other scripts, joiners, spaces of every kind, lone surrogates.
_CHARS = st.sampled_from(list("aZ09_'’‘“”—–-.,éß²١东а\u0301\u00a0\u200b\n\t\udc80🎉 "))


@ENGINE_SETTINGS
@given(st.lists(_CHARS | st.characters() | word).map("".join))
def test_count_words_counts_the_word_runs(text: str) -> None:
    assert count_words(text) == len(_WORD_RUN.findall(text))


def test_word_characters_are_what_the_word_pattern_matches() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert [c for c in every if is_word_char(c)] == re.findall(r"\w", every)
    assert count_words(every) == len(_WORD_RUN.findall(every))


@ENGINE_SETTINGS
@given(_TEXT.filter(bool))
def test_an_equal_rows_figures_are_those_of_its_one_span(text: str) -> None:
    assert RowFigures.equal(count_words(text)) == RowFigures.of((Span("equal", text, text),))


_INDICES = st.lists(st.integers(0, 3), max_size=3, unique=True).map(lambda xs: tuple(sorted(xs)))


@ENGINE_SETTINGS
@given(st.lists(st.tuples(_INDICES, _INDICES), max_size=8))
def test_splits_and_merges_are_counted_from_the_rows_shapes(shapes: list) -> None:
    rows = [Row("changed", a, b, 0.5, ()) for a, b in shapes]
    stats = _sum_stats(_ARTICLE, _ARTICLE, rows, [RowFigures.of(()) for _ in rows])
    assert stats.rows["split"] == sum(row.is_split for row in rows)
    assert stats.rows["merged"] == sum(row.is_merge for row in rows)


_ARTICLE = Article("a", "utf-8", ("x",) * 4)
