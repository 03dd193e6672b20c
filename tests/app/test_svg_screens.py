"""SVG pictures of the app's screens (pytest-textual-snapshot).

The scenes are the README screenshots' (screenshots/scenes.py). Regenerate after a deliberate
change to the look or to the aligner's output:

    .venv/bin/pytest tests/app/test_svg_screens.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from screenshots.scenes import (
    PAIR,
    ROOT,
    changes_only,
    diff_ready,
    edited_pair,
    help_over_diff,
    pick_002_and_003,
)
from tui.app import make_app


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths, so the pictures do not depend on where the repo lives."""
    monkeypatch.chdir(ROOT)


def test_browser(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(["seeds"]), terminal_size=(120, 35), run_before=pick_002_and_003)


def test_browser_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The browser at 80x24: both picks shortened in the middle, badges in the tree."""
    assert snap_compare(make_app(["seeds"]), terminal_size=(80, 24), run_before=pick_002_and_003)


def test_diff_002_vs_003(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(PAIR), terminal_size=(120, 35), run_before=diff_ready)


def test_diff_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await diff_ready(pilot)
        await pilot.press("n", "n")

    assert snap_compare(make_app(PAIR), terminal_size=(80, 24), run_before=run_before)


def test_changes_only(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(edited_pair(tmp_path))
    assert snap_compare(app, terminal_size=(120, 35), run_before=changes_only)


def test_help_panel(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(PAIR), terminal_size=(120, 35), run_before=help_over_diff)
