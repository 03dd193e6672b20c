"""SVG snapshot of the snapshots screen with two saved snapshots (pytest-textual-snapshot).

Deterministic: hand-made results (not the aligner's), fixed creation times shown in UTC,
and a relative data folder. Regenerate after a deliberate change to the look:

    .venv/bin/pytest tests/app/test_svg_saved_diffs_screen.py --snapshot-update
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from screenshots.scenes import saved_diffs_listed
from tests.diff_samples import sample
from tui.app import make_app
from tui.engine import DiffResult
from tui.store import SnapshotStore

#: (name, note, A, B, created) of the two snapshots shown.
SAVED = (
    (
        "002 vs 003, quote altered",
        "the minister's quote lost a negation",
        "seeds/002_ea469877a8e8ba82.txt",
        "seeds/003_63081724c1bcbc33.txt",
        datetime(2026, 11, 23, 14, 5, tzinfo=UTC),
    ),
    (
        "wire copy vs local paper",
        "",
        "wire/putin-china.txt",
        "local/putin-china-edited.txt",
        datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    ),
)


def with_paths(result: DiffResult, a: str, b: str) -> DiffResult:
    """``result`` with other article paths (the names the list shows)."""
    return dataclasses.replace(
        result, a=dataclasses.replace(result.a, path=a), b=dataclasses.replace(result.b, path=b)
    )


def fill_store(data_dir: Path | str) -> SnapshotStore:
    """A store in ``data_dir`` holding the two snapshots of :data:`SAVED`."""
    store = SnapshotStore(data_dir)
    for name, note, a, b, created in SAVED:
        store.save(with_paths(sample(), a, b), name, note, now=created)
    return store


@pytest.fixture
def _fixed_place_and_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.chdir(tmp_path)  # the title shows the relative folder "data/snapshots"
    monkeypatch.setenv("TZ", "UTC")  # the list shows local times
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("_fixed_place_and_zone")
def test_snapshots_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    fill_store("data")

    app = make_app(["."], data_dir="data")
    listed = functools.partial(saved_diffs_listed, rows=2)
    assert snap_compare(app, terminal_size=(120, 24), run_before=listed)


@pytest.mark.usefixtures("_fixed_place_and_zone")
def test_snapshots_screen_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """At 80x24: the names cut to the columns, the essential keys in the footer."""
    fill_store("data")

    app = make_app(["."], data_dir="data")
    listed = functools.partial(saved_diffs_listed, rows=2)
    assert snap_compare(app, terminal_size=(80, 24), run_before=listed)
