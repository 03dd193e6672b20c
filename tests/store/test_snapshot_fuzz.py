"""Fuzzing the snapshot reader: valid snapshots mutated in type, value and structure.
Listing, showing in every format and loading never raise anything but the store's own
errors (one line each), and never hang."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import run_paradiff
from tests.diff_samples import hostile, sample
from tests.engine.checks import invariant_errors
from tui.cli import main
from tui.export import FORMATS, render
from tui.sources import source_info
from tui.store import SnapshotInfo, SnapshotStore, StoreError, Unreadable
from tui.store.fileformat import build_document, encode_document
from tui.store.store import utc_now

ID = "0123456789abcdef0123456789abcdef"

#: Engine invariants a snapshot is not held to: the quality of the word diff and the order
#: of rows (a snapshot keeps what the engine that made it produced).
NOT_REQUIRED_OF_SNAPSHOTS = (
    "cut inside a word",
    "out of order",
    "empty span",
    "non-equal span with equal texts",
    "equal row with",
    "bad flags",
    "inserted words on A",
)

#: Values swapped in for any field: wrong types, edge numbers, bogus dates, big strings.
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([10**400, -(10**400), 2**53 + 1, -1, 0, 1, 2]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "2026-02-30T00:00:00Z",
            "not a date",
            "",
            "equal",
            "inserted",
            "\x1b]0;x\x07",
        ]
    ),
    st.text(max_size=20),
    st.just([]),
    st.just({}),
    st.lists(st.integers(min_value=-2, max_value=40), max_size=4),
)


def _documents() -> list[dict[str, Any]]:
    docs = []
    for result in (sample(), hostile()):
        sources = (source_info(result.a, None, None), source_info(result.b, None, None))
        doc = build_document(ID, "fuzz", "", utc_now(), sources, {}, result)
        docs.append(json.loads(encode_document(doc)))
    return docs


DOCUMENTS = _documents()


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in ``node`` (dict keys and list indices)."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    """A valid snapshot document with one to three mutations, as JSON text (which may
    hold NaN and Infinity, as a crafted file may)."""
    doc = json.loads(json.dumps(draw(st.sampled_from(DOCUMENTS))))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(doc)
        if draw(st.booleans()):  # half the time, fields a snapshot may well survive
            paths = [p for p in paths if p[0] != "result" or p[1:2] in [("warnings",), ("a",)]]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        action = draw(st.sampled_from(["replace", "delete", "duplicate", "swap", "retext"]))
        key = path[-1]
        if action == "retext" and isinstance(parent[key], str):
            parent[key] = draw(st.text(max_size=30))
        elif action == "replace":
            parent[key] = draw(ODD_VALUES)
        elif action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, json.loads(json.dumps(parent[key])))
        elif action == "swap" and isinstance(parent, list) and len(parent) > 1:
            other = draw(st.integers(min_value=0, max_value=len(parent) - 1))
            parent[key], parent[other] = parent[other], parent[key]
        else:
            parent[key] = draw(ODD_VALUES)
    return json.dumps(doc)


def _check_store(folder: Path, text: str) -> None:
    store = SnapshotStore(folder)
    store.folder.mkdir(parents=True, exist_ok=True)
    store.path_for(ID).write_text(text, "utf-8")
    (entry,) = store.list()
    event("unreadable" if isinstance(entry, Unreadable) else "readable")
    if isinstance(entry, Unreadable):
        assert entry.reason and "\n" not in entry.reason
        with pytest.raises(StoreError):
            store.load(ID)
        return
    assert isinstance(entry, SnapshotInfo)
    assert math.isfinite(entry.similarity) and 0 <= entry.similarity <= 1
    entry.created_local  # noqa: B018  (must not raise in this time zone)
    snapshot = store.load(ID)
    errors = [
        e
        for e in invariant_errors(snapshot.result)
        if not any(allowed in e for allowed in NOT_REQUIRED_OF_SNAPSHOTS)
    ]
    assert not errors, f"an inconsistent snapshot was accepted: {errors}"
    for fmt in FORMATS:
        out = render(snapshot.result, fmt, origin="fuzz")
        if fmt == "json":
            json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutated_documents())
def test_mutated_snapshots_never_raise_through_the_store(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "fuzz"
    _check_store(folder, text)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutated_documents())
def test_mutated_snapshots_never_raise_through_the_commands(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SnapshotStore(tmp_path / "cmd")
    store.folder.mkdir(parents=True, exist_ok=True)
    store.path_for(ID).write_text(text, "utf-8")
    data = ["--data-dir", str(store.root)]
    commands = [["list"], ["list", "--json"]] + [["show", ID, "-f", f] for f in FORMATS]
    for command in commands:
        code = main(["snapshots", *command, *data])
        out, err = capsys.readouterr()
        assert code in (0, 2), (command, err)
        assert "internal error" not in err and "Traceback" not in err, err
        if code == 2:
            assert err.startswith("paradiff: error: ") and err.count("\n") == 1
        if "json" in command and code == 0:
            json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))


@pytest.mark.slow
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=mutated_documents())
def test_mutated_snapshots_through_the_real_entry_point(tmp_path: Path, text: str) -> None:
    store = SnapshotStore(tmp_path / "real")
    store.folder.mkdir(parents=True, exist_ok=True)
    store.path_for(ID).write_text(text, "utf-8")
    for args in (["snapshots", "list"], ["snapshots", "show", ID, "-f", "json"]):
        proc = run_paradiff(args, timeout=120, PARADIFF_DATA_DIR=str(store.root))
        err = proc.stderr.decode()
        assert proc.returncode in (0, 2) and "Traceback" not in err and "internal error" not in err
