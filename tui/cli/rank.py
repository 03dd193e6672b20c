"""``paradiff rank ORIGINAL COPY...|DIR``: rank many copies by what they did to the original.

Folders are searched recursively for every readable kind of file (what the sources package
reads; hidden entries skipped; the original itself left out). Copies are diffed in worker
processes (``--jobs``, all cores by default). Exit status: 0 no copy differs, 1 some differ,
2 trouble (the original unreadable, no copies, or a copy unreadable: that copy is listed
with its reason and the others are ranked all the same). ``--save [NAME]`` also saves the
ranking as a self-contained snapshot (the original and every copy's text) and prints its id
on standard error.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui.cli.output import (
    EXIT_DIFFERENT,
    EXIT_SAME,
    EXIT_TROUBLE,
    CliError,
    add_jobs_argument,
    error_line,
    write_stdout,
)
from tui.engine.pipeline import DiffOptions
from tui.rank import (
    DEFAULT_SORT,
    SORT_NAMES,
    CopyText,
    Ranking,
    build_ranking,
    collect_copies,
    rank_copies,
)
from tui.rank.render import RANK_FORMATS, render_ranking
from tui.rank.sorting import sort_key
from tui.sources import read_source

if TYPE_CHECKING:
    from tui.store import KeptTexts


def _progress(done: int, total: int) -> None:
    """A progress line on a terminal's standard error, rewritten in place."""
    end = "\n" if done == total else ""
    print(f"\rparadiff rank: {done}/{total} copies", end=end, file=sys.stderr, flush=True)


def run_rank(args: argparse.Namespace) -> int:
    """``paradiff rank ORIGINAL COPY... [--format F] [--sort KEY] [--jobs N]``."""
    if args.jobs is not None and args.jobs < 1:
        raise CliError(f"--jobs: {args.jobs} is not a number of processes (1 or more)")
    if "-" in args.copies:
        raise CliError("-: standard input cannot be a copy (name files or folders)")
    source = read_source(args.original)
    original = source.article
    copies, records = collect_copies(args.copies, args.original)
    if not copies and not records:
        raise CliError("no copies to rank (folders hold no readable files?)")
    saving = args.save is not None
    if saving:
        from tui.store import KeptTexts  # the store only when saving

        texts = KeptTexts()
    show_progress = sys.stderr.isatty() and len(copies) > 1
    for update in rank_copies(original, copies, jobs=args.jobs, keep_texts=saving):
        records.append(update.record)
        if saving:
            texts.keep(update.record.path, update.text)
        if show_progress:
            _progress(update.done, update.total)
    for record in records:
        if not record.ok:
            print(error_line(f"{record.path}: {record.error}"), file=sys.stderr)
    ranking = build_ranking(original, records, args.sort, reverse=args.reverse)
    write_stdout(render_ranking(ranking, args.format))
    if saving:
        print(_save(args, CopyText(source.info, original), ranking, texts), file=sys.stderr)
    if ranking.unreadable:
        return EXIT_TROUBLE
    return EXIT_DIFFERENT if ranking.differing else EXIT_SAME


def _save(args: argparse.Namespace, original: CopyText, ranking: Ranking, texts: KeptTexts) -> str:
    """Save ``ranking`` as a snapshot (``--save [NAME]``); the new id."""
    from tui.store import SnapshotStore, StoreError

    try:
        info = SnapshotStore(args.data_dir).save_ranking(
            original,
            texts.copies(ranking.records),
            sort=args.sort,
            reverse=args.reverse,
            name=args.save,
            options=DiffOptions(),
        )
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    return info.id


def add_rank_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``rank`` subcommand."""
    sort_help = (
        f"order of the copies: {', '.join(SORT_NAMES)} (default {DEFAULT_SORT}: "
        f"{sort_key(DEFAULT_SORT).label}); figures largest first, paths A to Z"
    )
    p = sub.add_parser(
        "rank",
        help="rank many copies of an article by what they changed (exit 0/1/2 as diff)",
        description=(
            "Diff every copy against the original and rank them: similarity, share of the "
            "original found in the copy, paragraphs equal/reworded/moved/inserted/deleted, "
            "fact changes. Folders are searched recursively for readable files."
        ),
    )
    p.add_argument("original", metavar="ORIGINAL", help="the original article")
    p.add_argument("copies", metavar="COPY", nargs="+", help="copies, or folders of copies")
    p.add_argument("--format", "-f", choices=RANK_FORMATS, default="text", help="output format")
    p.add_argument(
        "--sort",
        "-s",
        choices=SORT_NAMES,
        default=DEFAULT_SORT,
        metavar="KEY",
        help=sort_help,
    )
    p.add_argument("--reverse", "-r", action="store_true", help="reverse the order")
    add_jobs_argument(p)
    p.add_argument(
        "--save",
        nargs="?",
        const="",
        default=None,
        metavar="NAME",
        help="also save the ranking as a snapshot (self-contained: every copy's text) and "
        "print its id on standard error",
    )
    p.add_argument(
        "--data-dir",
        default=None,
        help="data folder (default: PARADIFF_DATA_DIR)",
    )
    p.set_defaults(handler=run_rank)
