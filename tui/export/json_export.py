"""The ``paradiff-diff`` JSON contract as text: whole (:func:`render_json`) or in pieces
written as they are made (:func:`json_chunks`)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import replace
from json.encoder import encode_basestring_ascii as _string_json

from tui.engine.model import SPAN_OPS, DiffResult, Row, result_to_dict, row_to_dict
from tui.engine.pipeline import collector_paused

#: Rows serialised together by :func:`json_chunks`.
ROWS_PER_CHUNK = 256


def _encoder(indent: int | None = None) -> json.JSONEncoder:
    """The contract's encoder: UTF-8 safe (non-ASCII and control characters escaped);
    never ``NaN`` or ``Infinity``, which are not JSON; no check for circles (a tree made
    just now cannot hold itself)."""
    return json.JSONEncoder(ensure_ascii=True, allow_nan=False, check_circular=False, indent=indent)


_ENCODE = _encoder().encode


def render_json(result: DiffResult, indent: int | None = None) -> str:
    """Serialise ``result`` to JSON (UTF-8 safe: non-ASCII and control characters escaped;
    never ``NaN`` or ``Infinity``, which are not JSON: ``ValueError`` instead)."""
    with collector_paused():  # the dict of a large result has millions of containers
        if indent is None:
            return "".join(json_chunks(result))
        return _encoder(indent).encode(result_to_dict(result))


def json_chunks(result: DiffResult) -> Iterator[str]:
    """The compact JSON of ``result`` (:func:`render_json`'s, byte for byte) in pieces, a
    few rows at a time: a large result is never held whole as data or as text."""
    document = result_to_dict(replace(result, rows=()))  # every field but the rows
    for k, (key, value) in enumerate(document.items()):
        yield ("{" if k == 0 else ", ") + _ENCODE(key) + ": "
        if key == "rows":
            yield from _rows_json(result.rows)
        else:
            yield _ENCODE(value)
    yield "}"


def _rows_json(rows: tuple[Row, ...]) -> Iterator[str]:
    """The ``rows`` array as ``json.dumps`` writes a list: ``[``, items separated by
    ``, ``, ``]``."""
    yield "["
    for start in range(0, len(rows), ROWS_PER_CHUNK):
        batch = ", ".join(map(row_json, rows[start : start + ROWS_PER_CHUNK]))
        yield (", " if start else "") + batch
    yield "]"


def row_json(row: Row) -> str:
    """``_ENCODE(row_to_dict(row))``, byte for byte, written directly: no dicts made, and
    the text of an equal span (most of a diff's text) escaped once for both sides."""
    similarity = row.similarity
    if type(similarity) is not float or not math.isfinite(similarity):
        return _ENCODE(row_to_dict(row))  # the encoder's own error or number form
    spans = []
    for span in row.spans:
        a = _string_json(span.a)
        b = a if span.b == span.a else _string_json(span.b)
        flags = ", ".join(map(_string_json, span.flags)) if span.flags else ""
        start = _SPAN_STARTS.get(span.op) or _span_start(span.op)
        spans.append(f'{start}{a}, "b": {b}, "flags": [{flags}]}}')
    return (
        f'{{"kind": {_string_json(row.kind)}, "a": [{_indices_json(row.a)}], '
        f'"b": [{_indices_json(row.b)}], "similarity": {float.__repr__(similarity)}, '
        f'"spans": [{", ".join(spans)}], "furniture": {"true" if row.furniture else "false"}}}'
    )


def _span_start(op: str) -> str:
    """A span's JSON up to its A text."""
    return f'{{"op": {_string_json(op)}, "a": '


#: :func:`_span_start` of each span op (the JSON of a span starts with its op).
_SPAN_STARTS = {op: _span_start(op) for op in SPAN_OPS}


def _indices_json(indices: tuple[int, ...]) -> str:
    """The items of a list of paragraph indices (most rows have one a side)."""
    return str(indices[0]) if len(indices) == 1 else ", ".join(map(str, indices))
