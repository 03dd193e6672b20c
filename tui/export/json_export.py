"""The ``paradiff-diff`` JSON contract as text: whole (:func:`render_json`) or in pieces
written as they are made (:func:`json_chunks`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from json.encoder import encode_basestring_ascii as _string_json
from typing import Any

from tui.engine.model import (
    ROW_KINDS,
    SPAN_OPS,
    DiffResult,
    FactEntry,
    FactPlace,
    Row,
    Span,
    fact_to_dict,
    result_to_dict,
    row_to_dict,
)
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
    # Every field but the rows, the facts and the articles' paragraphs and offsets, which
    # are written directly.
    bare_a = replace(result.a, paragraphs=(), offsets=())
    bare_b = replace(result.b, paragraphs=(), offsets=())
    document = result_to_dict(replace(result, a=bare_a, b=bare_b, rows=(), facts=()))
    escaped = {
        "a": ParagraphsJson(result.a.paragraphs),
        "b": ParagraphsJson(result.b.paragraphs),
    }
    for k, (key, value) in enumerate(document.items()):
        yield ("{" if k == 0 else ", ") + _ENCODE(key) + ": "
        if key == "rows":
            yield from _rows_json(result.rows, escaped["a"], escaped["b"])
        elif key == "facts":
            yield "[" + ", ".join(map(fact_json, result.facts)) + "]"
        elif key in escaped:
            article = result.a if key == "a" else result.b
            yield from _article_json(value, escaped[key], article.offsets)
        else:
            yield _ENCODE(value)
    yield "}"


class ParagraphsJson:
    """The paragraphs of one article as JSON strings, each escaped once: for the
    article's ``paragraphs`` array and again for a row whose one span is a whole
    paragraph (an equal, deleted or inserted row: about half of a diff's text)."""

    def __init__(self, paragraphs: tuple[str, ...]) -> None:
        self.paragraphs = paragraphs
        self.escaped = list(map(_string_json, paragraphs))

    def text_json(self, indices: tuple[int, ...], text: str) -> str:
        """The JSON string of ``text``, a span's text on the side of paragraphs
        ``indices``: the paragraph's, when ``text`` is that one paragraph itself."""
        if len(indices) == 1 and text is self.paragraphs[indices[0]]:
            return self.escaped[indices[0]]
        return _string_json(text)


def _article_json(
    fields: dict[str, Any], paragraphs: ParagraphsJson, offsets: tuple[tuple[int, int], ...]
) -> Iterator[str]:
    """``_ENCODE(fields)``, the plain data of an article, in pieces, with its paragraphs
    escaped beforehand (``paragraphs``): their text, a megabyte for a large article, is
    copied once, into a piece of its own. Its ``offsets`` are encoded as they are (the
    encoder writes a tuple as a list) rather than made lists one by one."""
    pieces = ["{"]
    for k, (key, value) in enumerate(fields.items()):
        pieces.append((", " if k else "") + _ENCODE(key) + ": ")
        if key == "paragraphs":
            yield "".join(pieces) + "["
            yield ", ".join(paragraphs.escaped)
            pieces = ["]"]
        elif key == "offsets":
            pieces.append(_ENCODE(offsets))
        else:
            pieces.append(_ENCODE(value))
    yield "".join(pieces) + "}"


def _rows_json(
    rows: tuple[Row, ...], paragraphs_a: ParagraphsJson, paragraphs_b: ParagraphsJson
) -> Iterator[str]:
    """The ``rows`` array as ``json.dumps`` writes a list: ``[``, items separated by
    ``, ``, ``]``."""
    yield "["
    for start in range(0, len(rows), ROWS_PER_CHUNK):
        batch = ", ".join(
            [
                row_json(row, paragraphs_a, paragraphs_b)
                for row in rows[start : start + ROWS_PER_CHUNK]
            ]
        )
        yield (", " if start else "") + batch
    yield "]"


def row_json(
    row: Row,
    paragraphs_a: ParagraphsJson | None = None,
    paragraphs_b: ParagraphsJson | None = None,
) -> str:
    """``_ENCODE(row_to_dict(row))``, byte for byte, written directly: no dicts made, the
    text of an equal span (most of a diff's text) escaped once for both sides, and that
    of a row's one span taken from the articles' paragraphs when it is one of them."""
    similarity = row.similarity
    # A float in [0, 1] is finite (not NaN): written as ``float.__repr__`` writes it.
    if type(similarity) is not float or not 0.0 <= similarity <= 1.0:
        return _ENCODE(row_to_dict(row))  # the encoder's own error or number form
    if len(row.spans) == 1 and paragraphs_a is not None and paragraphs_b is not None:
        # An equal, deleted or inserted row: its one span may be whole paragraphs.
        span = row.spans[0]
        a = paragraphs_a.text_json(row.a, span.a)
        b = a if span.b == span.a else paragraphs_b.text_json(row.b, span.b)
        spans_json = _span_json(span, a, b)
    else:
        spans = []
        for span in row.spans:
            a = _string_json(span.a)
            spans.append(_span_json(span, a, a if span.b == span.a else _string_json(span.b)))
        spans_json = ", ".join(spans)
    start = _ROW_STARTS.get(row.kind) or _row_start(row.kind)
    return (
        f'{start}{_indices_json(row.a)}], "b": [{_indices_json(row.b)}], '
        f'"similarity": {float.__repr__(similarity)}, "spans": [{spans_json}], '
        f'"furniture": {"true" if row.furniture else "false"}}}'
    )


def _span_json(span: Span, a: str, b: str) -> str:
    """The JSON of ``span``, given that of its texts (``a``, ``b``)."""
    flags = ", ".join(map(_string_json, span.flags)) if span.flags else ""
    start = _SPAN_STARTS.get(span.op) or _span_start(span.op)
    return f'{start}{a}, "b": {b}, "flags": [{flags}]}}'


def _row_start(kind: str) -> str:
    """A row's JSON up to its A indices."""
    return f'{{"kind": {_string_json(kind)}, "a": ['


def _span_start(op: str) -> str:
    """A span's JSON up to its A text."""
    return f'{{"op": {_string_json(op)}, "a": '


#: :func:`_row_start` of each row kind, :func:`_span_start` of each span op.
_ROW_STARTS = {kind: _row_start(kind) for kind in ROW_KINDS}
_SPAN_STARTS = {op: _span_start(op) for op in SPAN_OPS}


def _indices_json(indices: tuple[int, ...]) -> str:
    """The items of a list of paragraph indices (most rows have one a side)."""
    return str(indices[0]) if len(indices) == 1 else ", ".join(map(str, indices))


def fact_json(entry: FactEntry) -> str:
    """``_ENCODE(fact_to_dict(entry))``, byte for byte, written directly (no dicts made)."""
    if not (_plain_place(entry.a) and _plain_place(entry.b) and type(entry.row) is int):
        return _ENCODE(fact_to_dict(entry))  # the encoder's own form or error
    return (
        f'{{"row": {entry.row}, "kind": {_string_json(entry.kind)}, '
        f'"status": {_string_json(entry.status)}, "old": {_string_json(entry.old)}, '
        f'"new": {_string_json(entry.new)}, "a": {_place_json(entry.a)}, '
        f'"b": {_place_json(entry.b)}, "note": {_string_json(entry.note)}}}'
    )


def _plain_place(place: FactPlace | None) -> bool:
    """True when ``place`` is absent or holds plain ints (written as ``str`` writes them)."""
    return place is None or type(place.paragraph) is type(place.start) is type(place.end) is int


def _place_json(place: FactPlace | None) -> str:
    """The JSON of a fact's place in one article (plain ints: :func:`_plain_place`)."""
    if place is None:
        return "null"
    return f'{{"paragraph": {place.paragraph}, "start": {place.start}, "end": {place.end}}}'
