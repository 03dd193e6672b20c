"""SVG snapshots of the app (pytest-textual-snapshot).

Regenerate after a deliberate change to the look or to the aligner's output:

    .venv/bin/pytest tests/test_snapshots_svg.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.test_app import wait_until
from tui.app import make_app
from tui.screens.browser import BrowserScreen

ROOT = Path(__file__).resolve().parents[2]
PAIR = ["seeds/002_ea469877a8e8ba82.txt", "seeds/003_63081724c1bcbc33.txt"]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths, so the pictures do not depend on where the repo lives."""
    monkeypatch.chdir(ROOT)


async def diff_ready(pilot: Pilot) -> None:
    """Wait until the diff screen shows its result (shared with the screenshot script)."""
    await wait_until(pilot, lambda: getattr(pilot.app.screen, "result", None) is not None)
    await pilot.pause()


async def pick_002_and_003(pilot: Pilot) -> None:
    """In the browser on seeds/, pick 002 as A and 003 as B (shared with the screenshots)."""
    screen = pilot.app.screen
    assert isinstance(screen, BrowserScreen)
    await wait_until(pilot, lambda: len(screen.tree.root.children) == 5)
    await pilot.press("down", "down", "down", "a", "down", "b")
    await wait_until(pilot, lambda: None not in screen.picks)
    await wait_until(pilot, lambda: "003_" in str(screen.query_one("#preview-info").render()))
    await pilot.pause()


def edited_pair(folder: Path) -> list[str]:
    """Seed 002 against a copy with one paragraph edited and one deleted (for folding)."""
    text = (ROOT / PAIR[0]).read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    copy = list(paragraphs)
    edit = next(i for i, p in enumerate(copy) if "Thursday" in p)
    copy[edit] = copy[edit].replace("Thursday", "Wednesday").replace("important", "key")
    del copy[edit + 6]
    original = folder / "original.txt"
    edited = folder / "edited.txt"
    original.write_text(text, encoding="utf-8")
    edited.write_text("\n\n".join(copy), encoding="utf-8")
    return [str(original), str(edited)]


def test_browser(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(["seeds"]), terminal_size=(120, 35), run_before=pick_002_and_003)


def test_diff_002_vs_003(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(PAIR), terminal_size=(120, 35), run_before=diff_ready)


def test_diff_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await diff_ready(pilot)
        await pilot.press("n", "n")

    assert snap_compare(make_app(PAIR), terminal_size=(80, 24), run_before=run_before)


def test_changes_only(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await diff_ready(pilot)
        await pilot.press("c")
        await pilot.pause()

    app = make_app(edited_pair(tmp_path))
    assert snap_compare(app, terminal_size=(120, 35), run_before=run_before)


def test_help_panel(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot) -> None:
        await diff_ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(PAIR), terminal_size=(120, 35), run_before=run_before)
