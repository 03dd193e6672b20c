"""``paradiff snapshots list|show|rename|delete`` and saving for ``paradiff diff --save``.

Every store failure becomes a :class:`~tui.cli.output.CliError` (one line, exit 2).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

from tui.cli.output import CliError, use_colour
from tui.cli.pager import add_no_pager_argument, page_stdout
from tui.engine import DiffOptions
from tui.export import FORMATS, render
from tui.export.common import article_name
from tui.sanitise import sanitise_line
from tui.sources import Diffed
from tui.store import (
    SnapshotInfo,
    SnapshotStore,
    StoreError,
    Unreadable,
    check_sources,
    origin_note,
)
from tui.store.fileformat import iso_utc

LIST_FORMAT = "paradiff-snapshot-list"


def _store(args: argparse.Namespace) -> SnapshotStore:
    return SnapshotStore(getattr(args, "data_dir", None))


def save_diffed(
    diffed: Diffed, name: str, data_dir: str | None, options: DiffOptions | None = None
) -> str:
    """Save a diff (``paradiff diff A B --save [NAME]``) made with ``options``; returns
    the new id.

    The sources' records hash the bytes that were diffed; nothing is read again.
    """
    try:
        info = SnapshotStore(data_dir).save(
            diffed.result,
            name,
            sources=(diffed.a.info, diffed.b.info),
            options=options or DiffOptions(),
        )
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    return info.id


def _source_json(info: SnapshotInfo, side: str) -> dict[str, Any]:
    source = info.a if side == "a" else info.b
    return dataclasses.asdict(source)


def _info_json(info: SnapshotInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "note": info.note,
        "created": iso_utc(info.created),
        "paradiff_version": info.paradiff_version,
        "similarity": info.similarity,
        "a": _source_json(info, "a"),
        "b": _source_json(info, "b"),
        "file": str(info.file),
    }


def _short_name(path: str) -> str:
    return sanitise_line(article_name(path))


def run_list(args: argparse.Namespace) -> int:
    """``paradiff snapshots list [--json]``."""
    store = _store(args)
    try:
        entries = store.list()
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    good = [e for e in entries if isinstance(e, SnapshotInfo)]
    bad = [e for e in entries if isinstance(e, Unreadable)]
    if args.json:
        doc = {
            "format": LIST_FORMAT,
            "version": 1,
            "folder": str(store.folder),
            "snapshots": [_info_json(e) for e in good],
            "unreadable": [{"id": e.id, "file": str(e.file), "reason": e.reason} for e in bad],
        }
        print(json.dumps(doc, ensure_ascii=True, indent=2, allow_nan=False))
        return 0
    if not entries:
        print(f"No snapshots in {store.folder}.")
        return 0
    rows = [("ID", "SAVED", "SIMILAR", "NAME", "ARTICLES")]
    for e in good:
        rows.append(
            (
                store.short_id(e.id),
                e.created_local,
                f"{e.similarity:.1%}",
                sanitise_line(e.name),
                f"{_short_name(e.a.path)} ↔ {_short_name(e.b.path)}",
            )
        )
    widths = [max(len(r[k]) for r in rows) for k in range(3)]
    name_width = min(48, max(len(r[3]) for r in rows))
    for r in rows:
        name = r[3] if len(r[3]) <= name_width else r[3][: name_width - 1] + "…"
        cells = (r[0].ljust(widths[0]), r[1].ljust(widths[1]), r[2].rjust(widths[2]))
        line = "  ".join((*cells, name.ljust(name_width), r[4]))
        print(line.rstrip())
    for e in bad:
        label = store.short_id(e.id) if e.id else e.file.name
        print(f"{label.ljust(widths[0])}  unreadable: {sanitise_line(e.reason)} ({e.file.name})")
    if bad:
        noun = "file is" if len(bad) == 1 else "files are"
        print(
            f"paradiff: {len(bad)} snapshot {noun} unreadable and left untouched "
            f"(remove one with 'paradiff snapshots delete ID')",
            file=sys.stderr,
        )
    return 0


def run_show(args: argparse.Namespace) -> int:
    """``paradiff snapshots show ID [--format text|json|html|md]``."""
    store = _store(args)
    try:
        snapshot = store.load(args.id)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    note = origin_note(snapshot.info, check_sources(snapshot.info))
    fmt = args.format
    colour = fmt == "text" and use_colour(sys.stdout)
    text = render(snapshot.result, fmt, colour=colour, origin=note)
    page_stdout(text, enabled=not args.no_pager)
    return 0


def run_rename(args: argparse.Namespace) -> int:
    """``paradiff snapshots rename ID NAME [--note NOTE]``."""
    store = _store(args)
    try:
        info = store.rename(args.id, args.name, args.note)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    print(f"renamed {store.short_id(info.id)} to '{sanitise_line(info.name)}'")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    """``paradiff snapshots delete ID``."""
    store = _store(args)
    try:
        snapshot_id = store.resolve(args.id)
        path = store.delete(snapshot_id)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    print(f"deleted snapshot {snapshot_id} ({path})")
    return 0


def add_snapshots_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``snapshots`` with ``list``, ``show``, ``rename`` and ``delete``."""
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="data folder holding snapshots/ (default: $PARADIFF_DATA_DIR, else the user "
        "data folder)",
    )
    p = sub.add_parser(
        "snapshots",
        help="list, show, rename or delete saved diffs",
        description="Saved diff snapshots: self-contained, reopen exactly as saved. "
        "An ID may be a unique prefix of the id, or the exact name.",
    )
    p.add_argument("--data-dir", default=None, help=argparse.SUPPRESS)
    commands = p.add_subparsers(dest="snapshots_command", required=True, metavar="COMMAND")

    ls = commands.add_parser("list", parents=[data_dir], help="list snapshots, newest first")
    ls.add_argument("--json", action="store_true", help="machine-readable list")
    ls.set_defaults(handler=run_list)

    show = commands.add_parser("show", parents=[data_dir], help="print a snapshot's diff")
    show.add_argument("id", metavar="ID")
    show.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="text",
        help="text (default; CriticMarkup when not a colour terminal), json (the diff "
        "contract), html (self-contained report) or md (Markdown with CriticMarkup)",
    )
    add_no_pager_argument(show)
    show.set_defaults(handler=run_show)

    rename = commands.add_parser("rename", parents=[data_dir], help="rename a snapshot")
    rename.add_argument("id", metavar="ID")
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("--note", default=None, help="also replace the note")
    rename.set_defaults(handler=run_rename)

    delete = commands.add_parser("delete", parents=[data_dir], help="delete a snapshot")
    delete.add_argument("id", metavar="ID")
    delete.set_defaults(handler=run_delete)
