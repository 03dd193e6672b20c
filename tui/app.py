"""The paradiff terminal app: the browser, the diff screen and the help panel.

Entry points: :func:`run_app` (used by :mod:`tui.cli`) and :func:`make_app` (used by
the tests and the benchmark). Hooks for saved snapshots and exports (issue 4):

* :meth:`ParadiffApp.show_diff_result` pushes a diff screen for an already computed
  :class:`~tui.engine.DiffResult`, without reading any file; ``origin_note`` is shown
  in the diff header (for example "snapshot '002 vs 003', saved 2026-11-23 14:05").
* :meth:`ParadiffApp.open_diff` pushes a diff screen that reads and diffs two files.
* :class:`~tui.screens.diff.DiffScreen` exposes the current result as ``.result``
  (``None`` while the first diff runs) and its header has a note line.
* :attr:`ParadiffApp.data_dir` is the ``--data-dir`` given on the command line (or None).

Snapshots and exports: ``o`` (from the browser and the diff screen) opens the list of saved
snapshots; the diff screen saves with ``ctrl+s`` and exports with ``e``
(:mod:`tui.snapshot_actions`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.engine import DiffResult
from tui.screens.browser import BrowserScreen
from tui.screens.diff import DiffScreen
from tui.screens.help import HelpScreen, key_names
from tui.store import SourceInfo
from tui.widgets.toosmall import MIN_HEIGHT, MIN_WIDTH


class ParadiffApp(App[int]):
    """Pick two articles, read them side by side, jump from change to change."""

    CSS_PATH = "app.tcss"
    TITLE = "paradiff"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-too-narrow"),
        (MIN_WIDTH, "-wide-enough"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-too-short"),
        (MIN_HEIGHT, "-tall-enough"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("o", "snapshots", "Snapshots"),
        Binding("ctrl+p", "command_palette", "Command palette", show=False),
    ]

    def __init__(self, paths: list[str] | None = None, data_dir: str | None = None) -> None:
        super().__init__()
        self.paths = list(paths or [])
        #: Snapshot folder given with --data-dir (None: the default or PARADIFF_DATA_DIR).
        self.data_dir = data_dir

    def on_mount(self) -> None:
        """Open the browser, and the diff straight away when given two files."""
        paths = self.paths
        if len(paths) == 2:
            root = Path(paths[0]).resolve().parent
            self.push_screen(BrowserScreen(root, picks=(paths[0], paths[1])))
            self.open_diff(paths[0], paths[1])
        else:
            root = Path(paths[0]) if paths else Path.cwd()
            self.push_screen(BrowserScreen(root))

    def open_diff(self, path_a: str, path_b: str, *, origin_note: str | None = None) -> DiffScreen:
        """Push a diff screen that reads and diffs ``path_a`` against ``path_b``."""
        screen = DiffScreen((path_a, path_b), origin_note=origin_note)
        self.push_screen(screen)
        return screen

    def show_diff_result(
        self,
        result: DiffResult,
        *,
        origin_note: str | None = None,
        sources: tuple[SourceInfo, SourceInfo] | None = None,
    ) -> DiffScreen:
        """Push a diff screen for an already computed ``result`` (no file is read).

        ``origin_note``, if given, is shown in the diff header (e.g. where a saved
        snapshot came from and whether its sources changed since). ``sources`` are the
        records of the two source files (a snapshot's): saving the diff again keeps them,
        and ``r`` re-diffs the files at their absolute paths as a new diff.
        """
        screen = DiffScreen(result=result, origin_note=origin_note, sources=sources)
        self.push_screen(screen)
        return screen

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``o`` does nothing on the snapshots screen itself (letters filter there)."""
        if action == "snapshots":
            from tui.screens.snapshots import SnapshotsScreen

            return not isinstance(self.screen, SnapshotsScreen)
        return True

    def action_snapshots(self) -> None:
        """Open the list of saved snapshots (from the browser or a diff)."""
        from tui.snapshot_actions import open_snapshots, store_for

        open_snapshots(self, store_for(self))

    def action_help(self) -> None:
        """Show the keys of the current screen and the legend."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette lists every key of the current screen, besides Textual's own commands."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for binding in [*type(screen).BINDINGS, *type(self).BINDINGS]:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen or binding.action == "command_palette":
                continue
            seen.add(binding.action)
            if screen.check_action(binding.action.split("(")[0], ()) is False:
                continue
            node = screen if binding in type(screen).BINDINGS else self

            async def run(action: str = binding.action, target: object = node) -> None:
                await self.run_action(action, target)  # type: ignore[arg-type]

            yield SystemCommand(binding.description, f"key: {key_names(binding.key)}", run)


def make_app(paths: list[str] | None = None, data_dir: str | None = None) -> ParadiffApp:
    """Build the app (the tests, the benchmark and :func:`run_app` use it)."""
    return ParadiffApp(paths or [], data_dir=data_dir)


def run_app(paths: list[str], data_dir: str | None = None) -> int:
    """Run the app until the user quits; returns the exit code (0 normally)."""
    app = make_app(paths, data_dir=data_dir)
    code = app.run()
    return int(code or 0) if app.return_code is None else int(app.return_code)
