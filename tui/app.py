"""The paradiff terminal app: the browser, the diff screen, saved snapshots, the help panel.

Entry points: :func:`run_app` (used by :mod:`tui.cli`) and :func:`make_app` (used by
the tests and the benchmark). The app owns the snapshot store (``--data-dir``) and
handles what the screens ask for with messages: :class:`BrowserScreen.Compare` and
:class:`DiffScreen.Rediff` open a diff of two files, :class:`SnapshotsScreen.Open` shows
a saved diff. :meth:`ParadiffApp.notify` is the one way text reaches a notification:
sanitised, never markup.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand, generate_datetime_filename
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.engine import DiffResult
from tui.files import write_atomically
from tui.sanitise import sanitise_line
from tui.screens.browser import BrowserScreen
from tui.screens.copies import CopiesScreen
from tui.screens.diff import DiffScreen
from tui.screens.help import HelpScreen, key_names
from tui.screens.snapshots import SnapshotsScreen
from tui.screens.workers import DEFAULT_READING, Reading, run_in_thread
from tui.settings import (
    default_export_folder,
    load_settings,
    save_settings,
    start_folder,
)
from tui.sources import SourceInfo, is_url
from tui.sources.ahead import ReadAhead
from tui.store import SnapshotStore
from tui.widgets.toosmall import MIN_HEIGHT, MIN_WIDTH

#: Where the palette's Screenshot saves, inside the user's data folder.
SCREENSHOTS_FOLDER = "screenshots"
#: Unexpected errors after which the app stops (an error that repeats, in drawing say,
#: would otherwise flood the screen with notifications).
MAX_UNEXPECTED = 20


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

    def __init__(
        self,
        paths: list[str] | None = None,
        data_dir: str | None = None,
        ahead: ReadAhead | None = None,
    ) -> None:
        super().__init__()
        self.paths = list(paths or [])
        #: The two ``paths`` being read and aligned ahead since the launch (the first diff
        #: screen takes them over; see :mod:`tui.sources.ahead`).
        self.ahead = ahead
        #: Snapshot folder given with --data-dir (None: the default or PARADIFF_DATA_DIR).
        self.data_dir = data_dir
        #: Where snapshots are saved and listed.
        self.store = SnapshotStore(data_dir)
        #: Failures nobody foresaw, reported as notifications (see :meth:`unexpected`).
        self.unexpected_errors: list[BaseException] = []
        #: What paradiff remembers between sessions (:mod:`tui.settings`); a broken
        #: settings file gives the defaults and a warning, shown once mounted.
        self.settings, self._settings_warning = load_settings()
        self._settings_lock = threading.Lock()
        #: Worker processes of a ranking of copies (None: every core; the tests use 1).
        self.rank_jobs: int | None = None

    def on_mount(self) -> None:
        """Apply the saved settings; open the browser, and the diff straight away when
        given two files."""
        if self._settings_warning:
            self.notify(self._settings_warning, title="Settings ignored", severity="warning")
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, lambda theme: self.remember(theme=theme.name))
        paths = self.paths
        if len(paths) == 2:
            local = [p for p in paths if not is_url(p)]
            root = Path(local[0]).resolve().parent if local else Path.cwd()
            browser = BrowserScreen(root, picks=(paths[0], paths[1]), data_folder=self.store.root)
            self.push_screen(browser)
            ahead, self.ahead = self.ahead, None
            self.open_diff(paths[0], paths[1], streams=True, ahead=ahead)
        else:
            # One path: a folder to browse, or a file (or URL) picked as A in its folder.
            root = paths[0] if paths else start_folder(self.settings, Path.cwd())
            self.push_screen(BrowserScreen(root, data_folder=self.store.root))

    # --------------------------------------------------------------- settings

    def remember(self, **changes: object) -> None:
        """Change the settings and save them (in a thread; the file is written atomically,
        the newest settings last)."""
        settings = self.settings.with_changes(**changes)
        if settings == self.settings:
            return
        self.settings = settings
        run_in_thread(
            self,
            self._save_settings,
            group="settings",
            failure="Settings not saved",
            on_done=lambda _: None,
            exclusive=False,
        )

    def _save_settings(self) -> None:
        with self._settings_lock:  # whoever writes last writes the newest settings
            save_settings(self.settings)

    def _diff_screen_settings(self) -> dict[str, object]:
        """What a new diff screen starts with: the saved toggles and export folder."""
        return {
            "show_minor": self.settings.show_minor,
            "changes_only": self.settings.changes_only,
            "stop_at_furniture": self.settings.stop_at_furniture,
            "export_folder": default_export_folder(self.settings, self.store.root),
        }

    # ----------------------------------------------------------- diff screens

    def open_diff(
        self,
        path_a: str,
        path_b: str,
        *,
        origin_note: str | None = None,
        streams: bool = False,
        reading: Reading = DEFAULT_READING,
        ahead: ReadAhead | None = None,
    ) -> DiffScreen:
        """Push a diff screen that reads (as ``reading`` says) and diffs ``path_a`` against
        ``path_b`` (named pipes too with ``streams``: paths from the command line), or
        takes them from ``ahead`` (being read and aligned since the launch)."""
        screen = DiffScreen(
            self.store,
            (path_a, path_b),
            origin_note=origin_note,
            streams=streams,
            reading=reading,
            ahead=ahead,
            **self._diff_screen_settings(),  # type: ignore[arg-type]
        )
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
        screen = DiffScreen(
            self.store,
            result=result,
            origin_note=origin_note,
            sources=sources,
            **self._diff_screen_settings(),  # type: ignore[arg-type]
        )
        self.push_screen(screen)
        return screen

    @on(BrowserScreen.Compare)
    def _compare(self, message: BrowserScreen.Compare) -> None:
        local = [p for p in (message.path_a, message.path_b) if not is_url(p)]
        if local:
            self.remember(last_folder=str(Path(local[0]).absolute().parent))
        self.open_diff(message.path_a, message.path_b, reading=message.reading)

    @on(BrowserScreen.Rank)
    def _rank(self, message: BrowserScreen.Rank) -> None:
        self.remember(last_folder=str(Path(message.original).absolute().parent))
        folder = default_export_folder(self.settings, self.store.root)
        screen = CopiesScreen(
            message.original,
            message.copies,
            jobs=self.rank_jobs,
            export_folder=folder,
            store=self.store,
        )
        self.push_screen(screen)

    @on(CopiesScreen.Open)
    def _open_copy(self, message: CopiesScreen.Open) -> None:
        self.open_diff(message.path_a, message.path_b)

    @on(CopiesScreen.OpenResult)
    def _open_saved_copy(self, message: CopiesScreen.OpenResult) -> None:
        self.show_diff_result(
            message.result, origin_note=message.origin_note, sources=message.sources
        )

    @on(SnapshotsScreen.OpenRanking)
    def _open_ranking(self, message: SnapshotsScreen.OpenRanking) -> None:
        folder = default_export_folder(self.settings, self.store.root)
        self.push_screen(CopiesScreen.from_snapshot(message.snapshot, self.store, folder))

    @on(DiffScreen.ViewChanged)
    def _view_changed(self, message: DiffScreen.ViewChanged) -> None:
        self.remember(
            show_minor=message.show_minor,
            changes_only=message.changes_only,
            stop_at_furniture=message.stop_at_furniture,
        )

    @on(DiffScreen.Exported)
    def _exported(self, message: DiffScreen.Exported) -> None:
        self.remember(export_folder=str(message.path.parent))

    @on(DiffScreen.Rediff)
    def _rediff(self, message: DiffScreen.Rediff) -> None:
        self.open_diff(message.path_a, message.path_b, origin_note=message.origin_note)

    @on(SnapshotsScreen.Open)
    def _open_snapshot(self, message: SnapshotsScreen.Open) -> None:
        self.show_diff_result(
            message.result, origin_note=message.origin_note, sources=message.sources
        )

    # ---------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``o`` does nothing on the snapshots screen itself (letters filter there)."""
        if action == "snapshots":
            return not isinstance(self.screen, SnapshotsScreen)
        return True

    def action_snapshots(self) -> None:
        """Open the list of saved snapshots (from the browser or a diff)."""
        self.push_screen(SnapshotsScreen(self.store))

    def action_help(self) -> None:
        """Show the keys of the current screen and the legend."""
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette lists every key of the current screen, besides Textual's own commands
        (of two commands with one title, ours, which names the key)."""
        ours = list(self._key_commands(screen))
        titles = {command.title for command in ours}
        yield from (c for c in super().get_system_commands(screen) if c.title not in titles)
        yield from ours

    def _key_commands(self, screen: Screen) -> Iterable[SystemCommand]:
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

    # --------------------------------------------------- failures nobody foresaw

    def unexpected(self, error: BaseException) -> None:
        """Report a failure nobody foresaw (a bug, a crafted file) as one notification and
        keep running; after :data:`MAX_UNEXPECTED` of them, quit with one line. Never a
        traceback: an exception's text may come from a file name or a file's content.

        Under Pilot (headless) the first one is also kept for ``run_test`` to raise at the
        end, so that the tests still fail on a bug the user would only see as a message.
        """
        self.unexpected_errors.append(error)
        line = sanitise_line(f"{type(error).__name__}: {error}")
        if self.is_headless and self._exception is None and isinstance(error, Exception):
            self._exception = error
        if len(self.unexpected_errors) >= MAX_UNEXPECTED:
            stopped = Text(f"paradiff stopped after repeated errors: {line}")
            self.exit(return_code=1, message=stopped)
            return
        self.notify(
            f"{line}. What you were doing may not have finished.",
            title="Unexpected error",
            severity="error",
        )

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Run an action (every key and palette command comes here): what it raises is
        reported by :meth:`unexpected`, and the app keeps running."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:  # a bug or a crafted file: one line, never a traceback
            self.unexpected(error)
            return True

    def _handle_exception(self, error: Exception) -> None:
        """What a message handler or a widget raised outside an action (Textual would print
        a traceback, and the widget has stopped): quit with one line instead."""
        self.unexpected_errors.append(error)
        if self.is_headless and self._exception is None:
            self._exception = error  # run_test raises it: the tests fail on such a bug
        line = sanitise_line(f"{type(error).__name__}: {error}")
        self.exit(return_code=1, message=Text(f"paradiff stopped on an unexpected error: {line}"))

    # ------------------------------------------------- what reaches the terminal

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of the app (screens and widgets call this too): control
        characters made visible and never read as markup, whatever ``markup`` says."""
        super().notify(
            sanitise_line(message),
            title=sanitise_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Save an SVG screenshot (the palette's Screenshot), by default in a folder of the
        user's data (created if need be), and say where in a notification."""
        folder = Path(path) if path else self.store.root / SCREENSHOTS_FOLDER
        name = filename or generate_datetime_filename(self.title, ".svg", time_format)
        svg = self.export_screenshot()

        def save() -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / name
            write_atomically(target, svg.encode("utf-8"), prefix=f".{name}.")
            return target

        run_in_thread(
            self,
            save,
            group="screenshot",
            failure="Screenshot not saved",
            on_done=lambda target: self.notify(f"Saved to {target}", title="Screenshot"),
            exclusive=False,
        )
        return None


def make_app(
    paths: list[str] | None = None,
    data_dir: str | None = None,
    ahead: ReadAhead | None = None,
) -> ParadiffApp:
    """Build the app (the tests, the benchmark and :func:`run_app` use it); ``ahead``:
    the two ``paths`` being read and aligned since the launch."""
    return ParadiffApp(paths or [], data_dir=data_dir, ahead=ahead)


def run_app(paths: list[str], data_dir: str | None = None, ahead: ReadAhead | None = None) -> int:
    """Run the app until the user quits; returns the exit code (0 normally)."""
    app = make_app(paths, data_dir=data_dir, ahead=ahead)
    code = app.run()
    return int(code or 0) if app.return_code is None else int(app.return_code)
