"""Crafted snapshot files for the hostile-input tests: a valid one saved by the store, then
edited as an attacker (or a bad disk) would."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.diff_samples import sample
from tui.store import SnapshotStore

Doc = dict[str, Any]
Mutation = Callable[[Doc], None]


def saved_document(store: SnapshotStore) -> tuple[str, Path, Doc]:
    """Save the sample diff; returns its id, its file and its JSON document."""
    info = store.save(sample(), "crafted")
    return info.id, info.file, json.loads(info.file.read_text("utf-8"))


def write_document(file: Path, doc: Doc) -> None:
    """Write ``doc`` as the snapshot file (``allow_nan``: crafted files may hold NaN)."""
    file.write_text(json.dumps(doc), "utf-8")


def setter(*path: str | int, value: Any) -> Mutation:
    """A mutation setting ``doc[path...] = value``."""

    def mutate(doc: Doc) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


def first_row_with_both_sides(doc: Doc) -> int:
    """The index of the first row that has paragraphs on both sides."""
    return next(n for n, row in enumerate(doc["result"]["rows"]) if row["a"] and row["b"])


def _kind_mismatch(doc: Doc) -> None:
    doc["result"]["rows"][first_row_with_both_sides(doc)]["kind"] = "inserted"


def _spans_do_not_rebuild(doc: Doc) -> None:
    row = doc["result"]["rows"][first_row_with_both_sides(doc)]
    row["spans"].append({"op": "equal", "a": " extra", "b": " extra", "flags": []})


def _duplicate_row(doc: Doc) -> None:
    rows = doc["result"]["rows"]
    rows.append(rows[first_row_with_both_sides(doc)])


def _equal_span_differs(doc: Doc) -> None:
    for row in doc["result"]["rows"]:
        for span in row["spans"]:
            if span["a"] and span["b"] and span["a"] != span["b"]:
                span["op"] = "equal"  # the texts still rebuild; the op is a lie
                return
    raise AssertionError("the sample has no span with two different texts")


def _drop(*path: str) -> Mutation:
    def mutate(doc: Doc) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


#: Crafted files that must be listed as unreadable (never opened), with a word the
#: reason must contain.
CRAFTED: dict[str, tuple[Mutation, str]] = {
    "created year 1 at +14:00": (setter("created", value="0001-01-01T00:00:00+14:00"), "created"),
    "created year 9999 at -14:00": (
        setter("created", value="9999-12-31T23:59:59-14:00"),
        "created",
    ),
    "created year 1 in UTC": (setter("created", value="0001-01-01T00:00:00Z"), "created"),
    "created not a date": (setter("created", value="yesterday"), "created"),
    "created a number": (setter("created", value=20260101), "created"),
    "stats similarity above 1": (setter("result", "stats", "similarity", value=1.5), "similarity"),
    "row similarity negative": (
        setter("result", "rows", 0, "similarity", value=-0.5),
        "similarity",
    ),
    "rows empty": (setter("result", "rows", value=[]), "in no row"),
    "row duplicated": (_duplicate_row, "rows"),
    "kind does not match the sides": (_kind_mismatch, "inserted"),
    "spans do not rebuild": (_spans_do_not_rebuild, "rebuild"),
    "equal span with different texts": (_equal_span_differs, "equal span"),
    "paragraph count too large": (
        setter("result", "stats", "a", "paragraphs", value=10**6),
        "paragraphs",
    ),
    "words beyond the text": (setter("result", "stats", "b", "words", value=10**9), "words"),
    "negative source size": (setter("sources", "a", "size", value=-1), "size"),
    "source size a string": (setter("sources", "b", "size", value="big"), "size"),
    "abspath a number": (setter("sources", "a", "abspath", value=7), "abspath"),
    "schema zero": (setter("schema", value=0), "schema"),
    "name a list": (setter("name", value=["x"]), "name"),
    "stats missing": (_drop("result", "stats"), "stats"),
    "row index out of range": (setter("result", "rows", 0, "b", value=[99]), "index"),
}

#: Numbers that JSON can carry but Python turns into infinities or huge integers: the raw
#: text replacing the stats' similarity, and the words the reason must contain.
BAD_NUMBERS: dict[str, str] = {
    "1e999": "out of range",
    "-1e999": "out of range",
    "1" + "0" * 400: "out of range",
    "NaN": "NaN",
    "Infinity": "Infinity",
    "-Infinity": "Infinity",
    "9007199254740993": "out of range",
}


def with_raw_similarity(file: Path, doc: Doc, raw: str) -> None:
    """Write ``doc`` with the stats' similarity replaced by the raw JSON text ``raw``."""
    marker = 0.123456789
    edited = json.loads(json.dumps(doc))
    edited["result"]["stats"]["similarity"] = marker
    file.write_text(json.dumps(edited).replace(repr(marker), raw, 1), "utf-8")
