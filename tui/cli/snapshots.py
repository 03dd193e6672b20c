"""``paradiff snapshots list|show|rename|delete`` and saving for ``paradiff diff --save``.

Both kinds of snapshot are listed together (a KIND column: ``diff`` or ``ranking``);
``show`` prints a diff with the export formats and a ranking with the ranking's
(:data:`~tui.rank.render.RANK_FORMATS`).

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
from tui.rank.render import RANK_FORMATS, render_ranking
from tui.sanitise import sanitise_line
from tui.sources import Diffed
from tui.store import (
    RankingInfo,
    RankingSnapshot,
    SnapshotInfo,
    SnapshotStore,
    StoreError,
    Unreadable,
    check_source,
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


def _common_json(info: SnapshotInfo | RankingInfo) -> dict[str, Any]:
    """The fields a diff snapshot and a ranking share, first in both."""
    return {
        "id": info.id,
        "kind": info.kind,
        "name": info.name,
        "note": info.note,
        "created": iso_utc(info.created),
        "paradiff_version": info.paradiff_version,
    }


def _info_json(info: SnapshotInfo) -> dict[str, Any]:
    return {
        **_common_json(info),
        "similarity": info.similarity,
        "a": _source_json(info, "a"),
        "b": _source_json(info, "b"),
        "file": str(info.file),
    }


def _ranking_json(info: RankingInfo) -> dict[str, Any]:
    return {
        **_common_json(info),
        "original": dataclasses.asdict(info.original),
        "copies": info.copies,
        "differing": info.differing,
        "unreadable": info.unreadable,
        "sort": {"key": info.sort, "reverse": info.reverse},
        "file": str(info.file),
    }


def _short_name(path: str) -> str:
    return sanitise_line(article_name(path))


def _list_row(store: SnapshotStore, entry: SnapshotInfo | RankingInfo) -> tuple[str, ...]:
    """ID, KIND, SAVED, SIMILAR, NAME and what was compared, for people."""
    head = (store.short_id(entry.id), entry.kind, entry.created_local)
    if isinstance(entry, RankingInfo):
        noun = "copy" if entry.copies == 1 else "copies"
        what = f"{_short_name(entry.original.path)} ← {entry.copies} {noun}"
        what += f" ({entry.differing} differ, {entry.unreadable} unreadable)"
        return (*head, "", sanitise_line(entry.name), what)
    what = f"{_short_name(entry.a.path)} ↔ {_short_name(entry.b.path)}"
    return (*head, f"{entry.similarity:.1%}", sanitise_line(entry.name), what)


def run_list(args: argparse.Namespace) -> int:
    """``paradiff snapshots list [--json]``."""
    store = _store(args)
    try:
        entries = store.list()
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    good = [e for e in entries if isinstance(e, SnapshotInfo | RankingInfo)]
    bad = [e for e in entries if isinstance(e, Unreadable)]
    if args.json:
        doc = {
            "format": LIST_FORMAT,
            "version": 1,
            "folder": str(store.folder),
            "snapshots": [_info_json(e) for e in good if isinstance(e, SnapshotInfo)],
            "rankings": [_ranking_json(e) for e in good if isinstance(e, RankingInfo)],
            "unreadable": [{"id": e.id, "file": str(e.file), "reason": e.reason} for e in bad],
        }
        print(json.dumps(doc, ensure_ascii=True, indent=2, allow_nan=False))
        return 0
    if not entries:
        print(f"No snapshots in {store.folder}.")
        return 0
    rows = [("ID", "KIND", "SAVED", "SIMILAR", "NAME", "ARTICLES")]
    rows += [_list_row(store, e) for e in good]
    widths = [max(len(r[k]) for r in rows) for k in range(4)]
    name_width = min(48, max(len(r[4]) for r in rows))
    for r in rows:
        name = r[4] if len(r[4]) <= name_width else r[4][: name_width - 1] + "…"
        cells = (r[0].ljust(widths[0]), r[1].ljust(widths[1]), r[2].ljust(widths[2]))
        line = "  ".join((*cells, r[3].rjust(widths[3]), name.ljust(name_width), r[5]))
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
    """``paradiff snapshots show ID [--format F]``: a diff as text, json, html or md, a
    ranking as text, json, csv or html."""
    store = _store(args)
    try:
        snapshot = store.load_any(args.id)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    fmt = args.format
    if isinstance(snapshot, RankingSnapshot):
        if fmt not in RANK_FORMATS:
            raise CliError(f"--format {fmt}: a ranking is shown as {', '.join(RANK_FORMATS)}")
        text = render_ranking(snapshot.ranking(), fmt)
        if fmt == "text":
            text = f"{_ranking_origin(snapshot)}\n{text}"
        page_stdout(text, enabled=not args.no_pager)
        return 0
    if fmt not in FORMATS:
        raise CliError(f"--format {fmt}: a diff is shown as {', '.join(FORMATS)}")
    note = origin_note(snapshot.info, check_sources(snapshot.info))
    colour = fmt == "text" and use_colour(sys.stdout)
    text = render(snapshot.result, fmt, colour=colour, origin=note)
    page_stdout(text, enabled=not args.no_pager)
    return 0


def _ranking_origin(snapshot: RankingSnapshot) -> str:
    """Where a saved ranking came from: ``snapshot 'NAME' saved ... · original changed
    since``, then its note."""
    info = snapshot.info
    note = origin_note(info, [check_source("the original", info.original)])
    if info.note:
        note += f" · note: {info.note}"
    return sanitise_line(note)


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
        help="list, show, rename or delete saved diffs and rankings",
        description="Saved diffs and rankings of copies: self-contained, reopen exactly as "
        "saved. "
        "An ID may be a unique prefix of the id, or the exact name.",
    )
    p.add_argument("--data-dir", default=None, help=argparse.SUPPRESS)
    commands = p.add_subparsers(dest="snapshots_command", required=True, metavar="COMMAND")

    ls = commands.add_parser("list", parents=[data_dir], help="list snapshots, newest first")
    ls.add_argument("--json", action="store_true", help="machine-readable list")
    ls.set_defaults(handler=run_list)

    show = commands.add_parser(
        "show", parents=[data_dir], help="print a snapshot's diff or ranking"
    )
    show.add_argument("id", metavar="ID")
    show.add_argument(
        "--format",
        "-f",
        choices=sorted({*FORMATS, *RANK_FORMATS}),
        default="text",
        help="a diff: text (default; CriticMarkup when not a colour terminal), json (the "
        "diff contract), html (self-contained report) or md (Markdown with CriticMarkup); "
        f"a ranking: {', '.join(RANK_FORMATS)}",
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
