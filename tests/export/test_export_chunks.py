"""Reports written in pieces (:func:`tui.export.render_chunks`) are the reports made whole."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS_DIR
from tests.diff_samples import build, eq, hostile, sample
from tui.cli.output import write_stdout_chunks
from tui.engine.model import (
    FLAGS,
    ROW_KINDS,
    SPAN_OPS,
    DiffResult,
    Row,
    Span,
    result_to_dict,
    row_to_dict,
)
from tui.engine.pipeline import diff_texts
from tui.export import FORMATS, ExportError, json_export, render, render_chunks
from tui.export.json_export import json_chunks

_SEEDS = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))[:3]]


def _results() -> list[DiffResult]:
    one_row = build([("changed", [0], [0], [eq("Same "), Span("insert", "", "new")])])
    return [sample(), hostile(), one_row, replace(sample(), rows=())]


@pytest.mark.parametrize("result", _results())
def test_json_in_pieces_is_json_dumps_of_the_contract(result: DiffResult) -> None:
    whole = json.dumps(result_to_dict(result), ensure_ascii=True, allow_nan=False)
    assert "".join(json_chunks(result)) == whole


def test_json_rows_in_several_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    result = sample()
    monkeypatch.setattr(json_export, "ROWS_PER_CHUNK", 2)  # 9 rows: 5 batches
    pieces = list(json_chunks(result))
    assert "".join(pieces) == json.dumps(result_to_dict(result))
    assert sum('"kind": ' in piece for piece in pieces) == 5


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("colour", [False, True])
def test_every_format_in_pieces_joins_to_the_whole(fmt: str, colour: bool) -> None:
    for result in _results():
        for pretty in (False, True):
            whole = render(result, fmt, colour=colour, origin="snapshot 1", pretty=pretty)
            chunks = render_chunks(result, fmt, colour=colour, origin="snapshot 1", pretty=pretty)
            assert "".join(chunks) == whole


def test_text_comes_a_block_at_a_time() -> None:
    pieces = list(render_chunks(sample(), "text"))
    assert len(pieces) > 3 and pieces[-1] == "\n"


def test_an_unknown_format_fails_at_once() -> None:
    with pytest.raises(ExportError):
        render_chunks(sample(), "pdf")


def test_json_that_cannot_be_json_is_an_export_error() -> None:
    result = sample()
    result = replace(result, stats=replace(result.stats, similarity=float("nan")))
    with pytest.raises(ExportError, match="cannot write JSON"):
        "".join(render_chunks(result, "json"))


@pytest.mark.parametrize(
    ("chunks", "written"),
    [
        ([], "\n"),
        (["a", "b\n"], "ab\n"),
        (["a\n", ""], "a\n"),
        (["a", "b"], "ab\n"),
        (["x" * 3_000_000], "x" * 3_000_000 + "\n"),
    ],
)
def test_stdout_in_pieces_ends_with_one_newline(
    monkeypatch: pytest.MonkeyPatch, chunks: list[str], written: str
) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    write_stdout_chunks(iter(chunks))
    assert out.getvalue() == written


_TEXT = st.text(st.characters(codec=None), max_size=12)  # any code point, lone surrogates too
_SPANS = st.lists(
    st.builds(
        Span,
        st.sampled_from(SPAN_OPS),
        _TEXT,
        _TEXT,
        st.lists(st.sampled_from(FLAGS), max_size=3).map(tuple),
    ),
    max_size=4,
)
_SIMILARITY = st.one_of(st.floats(), st.sampled_from([0.0, -0.0, 1.0, 1e-300, 0.1 + 0.2]))


@settings(max_examples=400)
@given(
    kind=st.sampled_from(ROW_KINDS),
    a=st.lists(st.integers(0, 10**12), max_size=3),
    b=st.lists(st.integers(0, 10**12), max_size=3),
    similarity=_SIMILARITY,
    spans=_SPANS,
    furniture=st.booleans(),
    same_text=st.booleans(),
)
@example(
    kind="equal", a=[0], b=[0], similarity=float("nan"), spans=[], furniture=False, same_text=False
)
def test_a_row_written_directly_is_the_encoders_row(
    kind: str,
    a: list[int],
    b: list[int],
    similarity: float,
    spans: list[Span],
    furniture: bool,
    same_text: bool,
) -> None:
    if same_text:  # equal spans carry one text for both sides, escaped once
        spans = [replace(span, b=span.a) for span in spans]
    row = Row(kind, tuple(a), tuple(b), similarity, tuple(spans), furniture)  # type: ignore[arg-type]
    try:
        expected = json_export._ENCODE(row_to_dict(row))
    except ValueError as exc:  # NaN, Infinity: the same error either way
        with pytest.raises(ValueError, match=str(exc)):
            json_export.row_json(row)
    else:
        assert json_export.row_json(row) == expected


def test_every_row_of_real_diffs_written_directly_is_the_encoders_row() -> None:
    results = [*_results(), *(diff_texts(x, y) for x in _SEEDS for y in _SEEDS if x is not y)]
    rows = [row for result in results for row in result.rows]
    assert any(row.kind == "equal" for row in rows) and any(row.kind == "changed" for row in rows)
    for row in rows:
        assert json_export.row_json(row) == json_export._ENCODE(row_to_dict(row))
