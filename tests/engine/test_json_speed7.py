"""The JSON written in pieces, with each paragraph escaped once for its article and for the
row whose one span is that paragraph, and the facts written directly, is ``json.dumps``
of the contract, byte for byte."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS_DIR
from tui.engine.model import (
    Article,
    DiffResult,
    FactEntry,
    FactPlace,
    Row,
    Span,
    fact_to_dict,
    result_to_dict,
)
from tui.engine.pipeline import compute_stats, diff_texts
from tui.export.json_export import _ENCODE, fact_json, json_chunks

#: Any text JSON must escape: control characters, quotes, backslashes, non-ASCII, lone
#: surrogates (a text decoded with ``surrogateescape`` holds them).
hostile_text = st.text(
    st.characters(blacklist_categories=()) | st.sampled_from('"\\\x00\x1f\x7f\u2028\ud800'),
    max_size=20,
)


def _dumps(result: DiffResult) -> str:
    return json.dumps(result_to_dict(result), ensure_ascii=True, allow_nan=False)


@st.composite
def results(draw: st.DrawFn) -> DiffResult:
    """A result whose rows are one-span rows made of whole paragraphs (the same objects
    as the articles', or equal copies, or other texts) and rows of several spans."""
    para_a = tuple(draw(st.lists(hostile_text, min_size=1, max_size=5)))
    para_b = tuple(draw(st.lists(hostile_text, min_size=1, max_size=5)))
    rows = []
    for i, text_a in enumerate(para_a):
        j = draw(st.integers(0, len(para_b) - 1))
        how = draw(st.sampled_from(["same object", "copy", "other", "several", "deleted"]))
        if how == "same object":
            span = Span("equal", text_a, para_b[j]) if text_a == para_b[j] else None
            span = span or Span("changed", text_a, para_b[j])
            rows.append(Row("changed", (i,), (j,), 0.5, (span,)))
        elif how == "copy":  # equal, not the same object: escaped again
            copy_a, copy_b = "".join(list(text_a)), "".join(list(para_b[j]))
            rows.append(Row("changed", (i,), (j,), 0.25, (Span("changed", copy_a, copy_b),)))
        elif how == "other":
            rows.append(Row("changed", (i,), (j,), 0.0, (Span("changed", draw(hostile_text), ""),)))
        elif how == "several":
            spans = (Span("equal", text_a, text_a), Span("insert", "", para_b[j], ("number",)))
            rows.append(Row("changed", (i,), (j,), 1.0, spans))
        else:
            rows.append(Row("deleted", (i,), (), 0.0, (Span("delete", text_a, ""),)))
    rows.append(Row("inserted", (), tuple(range(len(para_b))), 0.0, (Span("insert", "", ""),)))
    a = Article('a\u00e9"\\.txt', "utf-8", para_a, offsets=((0, 1),) * len(para_a))
    b = Article("b\x01", "latin-1", para_b, furniture=(True,) * len(para_b), metadata={"t": "\x7f"})
    return DiffResult(a, b, tuple(rows), compute_stats(a, b, rows))


@settings(max_examples=300, deadline=None)
@given(results())
def test_json_with_paragraphs_escaped_once_is_json_dumps(result: DiffResult) -> None:
    assert "".join(json_chunks(result)) == _dumps(result)


def test_json_of_real_diffs_is_json_dumps() -> None:
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))[:4]]
    results = [diff_texts(x, y) for x in seeds for y in seeds if x is not y]
    # Most rows of a revision are one equal span, the paragraphs themselves.
    reused = [
        row
        for result in results
        for row in result.rows
        if len(row.spans) == 1
        and len(row.a) == 1
        and row.spans[0].a is result.a.paragraphs[row.a[0]]
    ]
    assert reused
    for result in results:
        assert "".join(json_chunks(result)) == _dumps(result)


places = st.none() | st.builds(
    FactPlace, st.integers(0, 10**6), st.integers(-1, 10**30) | st.booleans(), st.integers()
)


@settings(max_examples=300, deadline=None)
@given(
    st.builds(
        FactEntry,
        row=st.integers(0, 10**6) | st.booleans(),
        kind=hostile_text,
        status=hostile_text,
        old=hostile_text,
        new=hostile_text,
        a=places,
        b=places,
        note=hostile_text,
    )
)
def test_a_fact_written_directly_is_the_encoders_fact(entry: FactEntry) -> None:
    assert fact_json(entry) == _ENCODE(fact_to_dict(entry))


def test_json_with_facts_is_json_dumps() -> None:
    result = diff_texts(
        "Smith said 3 people came.\n\nSame paragraph.",
        'Jones said 4 people came.\n\nSame paragraph.\n\nNew: 5 \u00e9 "q" \x01',
    )
    assert result.facts
    assert "".join(json_chunks(result)) == _dumps(result)
