"""The scenes the README screenshots and the SVG tests show, and the one way to wait for them.

Shared by ``screenshots/make_screenshots.py`` and ``tests/app/`` (the tests import it as
``screenshots.scenes``; the repository root is on their path). Nothing here reads a clock:
every wait is for a state of the app, bounded by a number of steps.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from textual.app import App
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable

ROOT = Path(__file__).resolve().parent.parent
#: Seeds 002 and 003, relative to the repository (the pictures show relative paths).
PAIR = ["seeds/002_ea469877a8e8ba82.txt", "seeds/003_63081724c1bcbc33.txt"]

#: Steps :func:`wait_until` lets the app run before it gives up. A step processes the
#: screen's pending messages and then yields for 10 ms so worker threads move on; the bound is
#: generous so a loaded machine never reaches it, and only a state that never comes does.
WAIT_STEPS = 3000
_STEP_SECONDS = 0.01

ScreenT = TypeVar("ScreenT", bound=Screen)


async def wait_until(
    pilot: Pilot, condition: Callable[[], object], steps: int = WAIT_STEPS
) -> None:
    """Let the app run until ``condition()`` is true; fail after ``steps`` steps.

    A condition that queries a widget not mounted yet (``NoMatches``) counts as not yet.
    """
    for _ in range(steps):
        try:
            if condition():
                return
        except NoMatches:
            pass
        await pilot.pause(_STEP_SECONDS)
    raise AssertionError(f"still waiting after {steps} steps for {_describe(condition)}")


def _describe(condition: Callable[[], object]) -> str:
    code = getattr(condition, "__code__", None)
    if code is None:
        return repr(condition)
    return f"the condition at {Path(code.co_filename).name}:{code.co_firstlineno}"


def screen_ready(app: App, kind: type[Screen]) -> bool:
    """True when the active screen is a ``kind``, every widget in it is mounted, and (if it
    has anything to focus) the focus is set: keys pressed now reach the widget meant."""
    screen = app.screen
    if not isinstance(screen, kind):
        return False
    if not all(node.is_mounted for node in screen.walk_children(with_self=True)):
        return False
    return screen.focused is not None or not screen.focus_chain


async def wait_for_screen(pilot: Pilot, kind: type[ScreenT]) -> ScreenT:
    """Wait until a ``kind`` screen is active with all its widgets mounted; return it."""
    await wait_until(pilot, lambda: screen_ready(pilot.app, kind))
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


def diff_shown(app: App) -> bool:
    """True when the diff screen shows its result, wrapped at the current width."""
    screen = app.screen
    result = getattr(screen, "result", None)
    split = getattr(screen, "split", None)
    return (
        result is not None
        and split is not None
        and split.result is result
        and split.layout_ready
        and screen_ready(app, type(screen))
    )


async def diff_ready(pilot: Pilot) -> None:
    """Wait until the diff screen shows its result (and its footer its keys)."""
    await wait_until(pilot, lambda: diff_shown(pilot.app) and footer_keys_shown(pilot.app.screen))


async def pick_002_and_003(pilot: Pilot) -> None:
    """In the browser on seeds/, pick 002 as A and 003 as B and wait for the preview of 003."""
    from tui.screens.browser import BrowserScreen

    screen = await wait_for_screen(pilot, BrowserScreen)
    await wait_until(pilot, lambda: len(screen.tree.root.children) == 5)
    await pilot.press("down", "down", "down", "a", "down", "b")
    await wait_until(pilot, lambda: None not in screen.picks)
    await wait_until(pilot, lambda: "003_" in str(screen.query_one("#preview-info").render()))


async def changes_only(pilot: Pilot) -> None:
    """The diff with unchanged paragraphs folded (``c``)."""
    await diff_ready(pilot)
    await pilot.press("c")
    await wait_until(pilot, lambda: pilot.app.screen.split.changes_only and diff_shown(pilot.app))


async def help_over_diff(pilot: Pilot) -> None:
    """The help panel over the diff of :data:`PAIR`."""
    from tui.screens.help import HelpScreen

    await diff_ready(pilot)
    await pilot.press("question_mark")
    await wait_for_screen(pilot, HelpScreen)
    await wait_until(pilot, lambda: footer_keys_shown(pilot.app.screen_stack[-2]))


def footer_keys_shown(screen: Screen) -> bool:
    """True when ``screen``'s footer has composed its keys (it recomposes after a screen
    is pushed over it, a moment after the push)."""
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    footers = list(screen.query(Footer))
    return all(footer.query(FooterKey) for footer in footers)


async def saved_diffs_listed(pilot: Pilot, rows: int) -> None:
    """From the browser, open the list of saved diffs (``o``) and wait for its ``rows``."""
    from tui.screens.browser import BrowserScreen
    from tui.screens.snapshots import SnapshotsScreen

    await wait_for_screen(pilot, BrowserScreen)
    await pilot.press("o")
    screen = await wait_for_screen(pilot, SnapshotsScreen)
    await wait_until(pilot, lambda: screen.loaded and screen.query_one(DataTable).row_count == rows)


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
