"""What the app calls to save, export and browse snapshots (issue 4).

Wired in :mod:`tui.screens.diff` (``ctrl+s``, ``e``) and :mod:`tui.app` (``o``), much as
in this sketch::

    from tui.snapshot_actions import export_current, open_snapshots, save_current, store_for

    Binding("ctrl+s", "save_snapshot", "Save snapshot"),
    Binding("e", "export", "Export"),
    Binding("o", "snapshots", "Snapshots"),

    @work(group="snapshot-io")
    async def action_save_snapshot(self) -> None:
        if self.result is not None:
            await save_current(self.app, self.result, store_for(self.app))

    @work(group="snapshot-io")
    async def action_export(self) -> None:
        if self.result is not None:
            await export_current(self.app, self.result, origin=self.origin_note)

    def action_snapshots(self) -> None:
        open_snapshots(self.app, store_for(self.app))

``save_current`` and ``export_current`` push their dialog and wait for it, so they must run
in a worker (``@work`` as above); the file work itself runs in a thread. They report
success and failure with notifications and never raise for I/O trouble, so the diff on
screen stays open.
"""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from tui.engine import DiffOptions, DiffResult
from tui.sanitise import sanitise_line
from tui.store import (
    SnapshotInfo,
    SnapshotStore,
    SourceInfo,
    StoreError,
    default_snapshot_name,
    describe_os_error,
    source_info,
    write_atomically,
)

if TYPE_CHECKING:
    from textual.app import App

    from tui.screens.snapshots import SnapshotsScreen

EXPORT_FORMATS = ("html", "md", "json", "text")


class ExportError(StoreError):
    """An export could not be written; ``str(exc)`` is one line."""


def store_for(app: object) -> SnapshotStore:
    """The store of the app's ``--data-dir`` (``app.data_dir``), else the default one."""
    return SnapshotStore(getattr(app, "data_dir", None))


def render_export(result: DiffResult, fmt: str, origin: str | None = None) -> str:
    """``result`` in one of :data:`EXPORT_FORMATS` (text without colour: CriticMarkup)."""
    if fmt == "json":
        from tui.export.json_export import render_json

        return render_json(result, indent=1)
    if fmt == "html":
        from tui.export.html_export import render_html

        return render_html(result, origin=origin)
    if fmt == "md":
        from tui.export.markdown_export import render_markdown

        return render_markdown(result, origin=origin)
    if fmt == "text":
        from tui.export.text_export import render_text

        return render_text(result, colour=False, origin=origin)
    raise ExportError(f"unknown export format {fmt!r}")


def export_result(
    result: DiffResult, fmt: str, path: str | os.PathLike[str], origin: str | None = None
) -> Path:
    """Write ``result`` as ``fmt`` to ``path`` atomically (a temporary file beside it, then
    ``os.replace``); returns the path written. Raises :class:`ExportError`."""
    text = render_export(result, fmt, origin)
    target = Path(path).expanduser()
    try:
        write_atomically(target, text.encode("utf-8"), prefix=f".{target.name}.")
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {describe_os_error(exc)}") from exc
    return target


def default_export_stem(result: DiffResult) -> str:
    """A file name stem for an export: ``002-vs-003`` from the article names."""

    def stem(path: str) -> str:
        name = Path(path).stem or "article"
        name = re.sub(r"[_-][0-9a-fA-F]{8,}$", "", name) or name
        return re.sub(r"[^\w.-]+", "_", name)[:40]

    return f"{stem(result.a.path)}-vs-{stem(result.b.path)}"


async def save_current(
    app: App,
    result: DiffResult,
    store: SnapshotStore,
    options: DiffOptions | None = None,
    sources: tuple[SourceInfo, SourceInfo] | None = None,
) -> SnapshotInfo | None:
    """Ask for a name and note, then save ``result`` in a thread. Run it in a worker.

    ``sources`` are the records of the two source files as read for ``result`` (the diff
    screen hashes them when it reads them); without them the files at the articles' paths
    are hashed now, if they still hold the same text.

    Returns the new snapshot's record, or ``None`` when cancelled or failed (the user is
    told either way).
    """
    from tui.screens.dialogs import SaveSnapshotDialog

    answer = await app.push_screen_wait(SaveSnapshotDialog(default_snapshot_name(result)))
    if answer is None:
        return None
    name, note = answer

    def save() -> SnapshotInfo:
        records = sources or (source_info(result.a), source_info(result.b))
        return store.save(result, name, note, sources=records, options=options or DiffOptions())

    try:
        info = await asyncio.to_thread(save)
    except StoreError as exc:
        app.notify(
            markup=False,
            message=f"{sanitise_line(str(exc))}. The diff stays open.",
            title="Not saved",
            severity="error",
        )
        return None
    app.notify(
        markup=False,
        message=f"Saved '{sanitise_line(info.name)}' (id {info.id[:8]}). "
        "Press o to list snapshots.",
        title="Snapshot saved",
    )
    return info


async def export_current(
    app: App, result: DiffResult, origin: str | None = None, default_format: str = "html"
) -> Path | None:
    """Ask for a format and a path, then write the export in a thread. Run it in a worker."""
    from tui.screens.dialogs import ExportDialog

    answer = await app.push_screen_wait(ExportDialog(default_export_stem(result), default_format))
    if answer is None:
        return None
    fmt, path = answer
    try:
        written = await asyncio.to_thread(export_result, result, fmt, path, origin)
    except StoreError as exc:
        app.notify(
            markup=False, message=sanitise_line(str(exc)), title="Not exported", severity="error"
        )
        return None
    app.notify(markup=False, message=f"Wrote {sanitise_line(str(written))}.", title="Exported")
    return written


def open_snapshots(app: App, store: SnapshotStore) -> SnapshotsScreen:
    """Push the snapshots screen (or reload it when it is already the current screen)."""
    from tui.screens.snapshots import SnapshotsScreen

    if isinstance(app.screen, SnapshotsScreen):
        app.screen.reload()
        return app.screen
    screen = SnapshotsScreen(store)
    app.push_screen(screen)
    return screen
