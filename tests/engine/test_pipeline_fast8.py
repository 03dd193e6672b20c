"""The s8 shortcuts of the rows stage and of the JSON of a row equal their plain forms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import LIGHT_SETTINGS, any_pair
from tui.engine import LazyDiff, align_articles, article_from_text
from tui.engine.model import ROW_KINDS, SPAN_OPS, Row, Span, row_to_dict
from tui.engine.pipeline import Built, RowFacts, RowFigures, _settle_learned, span_words
from tui.engine.synonyms import learned_pairs, resolved
from tui.export.json_export import _ENCODE, ParagraphsJson, row_json


def _plain_settle_learned(built: list[Built]) -> list[Built]:
    """:func:`_settle_learned` as it was: every row visited, one after the other."""
    learned = learned_pairs(
        [r.pair for r in row_facts.reworded if r.pair is not None] for _, _, _, row_facts in built
    )
    if not learned:
        return built
    out: list[Built] = []
    for one in built:
        row, figures, timed_out, row_facts = one
        vouched = [resolved(r.rest_a, r.rest_b, learned) for r in row_facts.reworded]
        if not any(vouched):
            out.append(one)
            continue
        spans, left = [], iter(vouched)
        words_a, words_b = dict(figures.words_a), dict(figures.words_b)
        for span in row.spans:
            if span.op == "reworded" and next(left):
                span = Span("paraphrase", span.a, span.b, span.flags)
                wa, wb = span_words(span)
                words_a["reworded"] -= wa
                words_a["paraphrase"] = words_a.get("paraphrase", 0) + wa
                words_b["reworded"] -= wb
                words_b["paraphrase"] = words_b.get("paraphrase", 0) + wb
            spans.append(span)
        figures = RowFigures(words_a, words_b, figures.total, figures.same)
        kept = tuple(r for r, v in zip(row_facts.reworded, vouched, strict=True) if not v)
        row = Row(row.kind, row.a, row.b, row.similarity, tuple(spans), row.furniture)
        out.append((row, figures, timed_out, RowFacts(row_facts.entries, kept)))
    return out


def _built_rows(text_a: str, text_b: str) -> list[Built]:
    lazy = LazyDiff(align_articles(article_from_text(text_a, "a"), article_from_text(text_b, "b")))
    lazy.ensure(range(len(lazy)))
    return [lazy._built(k) for k in range(len(lazy))]


_LEARNED = (
    "\n\n".join(f"Paragraph {k}: the minister said it was over." for k in range(3)),
    "\n\n".join(f"Paragraph {k}: the minister stated it was over." for k in range(3)),
)


@pytest.mark.parametrize("pair", [_LEARNED, ("Same.\n\nThe patent expired.", "The fox expired.")])
def test_settling_the_rows_with_reworded_spans_alone_is_settling_every_row(
    pair: tuple[str, str],
) -> None:
    built = _built_rows(*pair)
    assert _settle_learned(built) == _plain_settle_learned(built)


@LIGHT_SETTINGS
@given(any_pair)
def test_settling_any_diff_equals_the_plain_settling(pair: tuple[str, str]) -> None:
    built = _built_rows(*pair)
    assert _settle_learned(built) == _plain_settle_learned(built)


_PARAGRAPHS = ("One.", 'Two "quoted"\u00e9.', "", "Three\nlines")


@given(
    kind=st.sampled_from(ROW_KINDS),
    op=st.sampled_from(SPAN_OPS),
    index_a=st.sampled_from([(), (0,), (1,), (2,), (0, 1)]),
    index_b=st.sampled_from([(), (0,), (1,), (3,), (2, 3)]),
    text_a=st.sampled_from([*_PARAGRAPHS, "other"]),
    text_b=st.sampled_from([*_PARAGRAPHS, "other"]),
    similarity=st.one_of(st.floats(), st.sampled_from([0.0, -0.0, 1.0, 1.5, -1e-300, 0.3])),
    flags=st.sampled_from([(), ("number",), ("name", "quote")]),
    furniture=st.booleans(),
)
def test_a_one_span_row_written_from_the_paragraphs_is_the_encoders_row(
    kind: str,
    op: str,
    index_a: tuple[int, ...],
    index_b: tuple[int, ...],
    text_a: str,
    text_b: str,
    similarity: float,
    flags: tuple[str, ...],
    furniture: bool,
) -> None:
    # Whole paragraphs by identity when the index names them, else other strings.
    text_a = next((p for p in _PARAGRAPHS if p == text_a), text_a)
    text_b = next((p for p in _PARAGRAPHS if p == text_b), text_b)
    span = Span(op, text_a, text_b, flags)  # type: ignore[arg-type]
    row = Row(kind, index_a, index_b, similarity, (span,), furniture)  # type: ignore[arg-type]
    paragraphs = ParagraphsJson(_PARAGRAPHS)
    try:
        expected = _ENCODE(row_to_dict(row))
    except ValueError as exc:  # NaN, Infinity: the same error either way
        with pytest.raises(ValueError, match=str(exc)):
            row_json(row, paragraphs, paragraphs)
    else:
        assert row_json(row, paragraphs, paragraphs) == expected


@given(st.lists(st.tuples(st.integers(-(10**20), 10**20), st.integers(0, 10**6))).map(tuple))
def test_offsets_encoded_as_tuples_are_the_lists_of_the_contract(
    offsets: tuple[tuple[int, int], ...],
) -> None:
    assert _ENCODE(offsets) == _ENCODE([list(o) for o in offsets])
