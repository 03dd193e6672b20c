"""``paradiff scan ORIGINAL CORPUS...``: find the copies of an article in a corpus.

CORPUS: a folder tree of articles, a JSON Lines file (``{"id": ..., "text": ...}`` per
line; ``url`` or ``path`` may name the document) or a Parquet file (``text`` and ``id``
columns; needs pyarrow), or ``--index DIR`` made by ``paradiff index``. Candidates are found
by containment of the original's content-word pairs (boilerplate left out), then each is
diffed and ranked as ``paradiff rank`` does. Embedded by default (worker processes);
``--dask ADDRESS`` runs both stages on a Dask cluster. Exit status: 0 no candidate found,
1 candidates found and ranked, 2 trouble. Unreadable documents are counted and listed,
never fatal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.output import (
    EXIT_DIFFERENT,
    EXIT_SAME,
    CliError,
    add_jobs_argument,
    write_stdout,
)
from tui.sources import read_article


def run_scan(args: argparse.Namespace) -> int:
    """Run ``paradiff scan``."""
    from tui.scan.corpus import CorpusError
    from tui.scan.index import ScanIndexError
    from tui.scan.report import render_scan
    from tui.scan.run import ScanError, open_index, scan, sketch_corpus

    _check(args)
    original = read_article(args.original)
    runner = make_runner(args)
    try:
        if args.index:
            sketched = open_index(Path(args.index), runner)
        else:
            sketched = sketch_corpus(args.corpus, runner, partition_size(args))
        result = scan(
            original,
            sketched,
            runner,
            top=args.top,
            threshold=args.threshold,
            limit=args.candidates,
            exclude=args.original,
        )
    except (CorpusError, ScanIndexError, ScanError) as exc:
        raise CliError(str(exc)) from exc
    finally:
        runner.close()
    report_bad(result.bad, "scan")
    write_stdout(render_scan(result, args.format))
    return EXIT_DIFFERENT if result.ranking.records else EXIT_SAME


def _check(args: argparse.Namespace) -> None:
    if bool(args.corpus) == bool(args.index):
        raise CliError("name a CORPUS or give --index DIR (one of the two)")
    for name, value, low in (("--top", args.top, 1), ("--candidates", args.candidates, 1)):
        if value < low:
            raise CliError(f"{name}: {value} is below {low}")
    if not 0.0 < args.threshold <= 1.0:
        raise CliError(f"--threshold: {args.threshold} is not a share in (0, 1]")
    if args.jobs is not None and args.jobs < 1:
        raise CliError(f"--jobs: {args.jobs} is not a number of processes (1 or more)")


def partition_size(args: argparse.Namespace) -> int:
    """``--partition-docs``, checked, or the default."""
    from tui.scan.corpus import PARTITION_DOCS

    if args.partition_docs is None:
        return PARTITION_DOCS
    if args.partition_docs < 1:
        raise CliError(f"--partition-docs: {args.partition_docs} is below 1")
    return args.partition_docs


def make_runner(args: argparse.Namespace):
    """Worker processes here, or the Dask cluster of ``--dask``."""
    from tui.scan.run import DaskRunner, LocalRunner, ScanError

    if args.dask:
        try:
            return DaskRunner(args.dask)
        except ScanError as exc:
            raise CliError(str(exc)) from exc
    return LocalRunner(args.jobs)


def report_bad(bad, command: str, shown: int = 20) -> None:
    """The first unreadable documents on standard error, and how many in all."""
    for item in bad[:shown]:
        print(f"paradiff {command}: skipped {item.where}: {item.reason}", file=sys.stderr)
    if len(bad) > shown:
        print(
            f"paradiff {command}: {len(bad) - shown:,} more unreadable documents", file=sys.stderr
        )


def add_runner_arguments(p: argparse.ArgumentParser) -> None:
    """``--jobs`` and ``--dask``, shared by ``scan`` and ``index``."""
    add_jobs_argument(p)
    p.add_argument(
        "--partition-docs",
        type=int,
        default=None,
        metavar="N",
        help="documents per partition, the unit of work (default 2,000; tens of thousands "
        "on a cluster)",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="run on the Dask scheduler at ADDRESS (tcp://host:8786); the workers "
        "must see the corpus at the same path (pip install 'paradiff[scale]')",
    )


def add_scan_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``scan`` subcommand."""
    from tui.scan.report import SCAN_FORMATS
    from tui.scan.run import DEFAULT_CANDIDATES, DEFAULT_THRESHOLD, DEFAULT_TOP

    p = sub.add_parser(
        "scan",
        help="find an article's copies in a corpus and rank them (exit 0 none, 1 found, 2 trouble)",
        description=(
            "Find the documents of CORPUS that share enough of ORIGINAL's content (a folder, "
            "a .jsonl or a .parquet file, or --index DIR), diff each against it and rank "
            "them as 'paradiff rank' does."
        ),
    )
    p.add_argument("original", metavar="ORIGINAL", help="the original article")
    p.add_argument(
        "corpus",
        metavar="CORPUS",
        nargs="*",
        help="folders, JSON Lines or Parquet files (or --index)",
    )
    p.add_argument("--index", metavar="DIR", default=None, help="an index from 'paradiff index'")
    p.add_argument(
        "--top",
        "-k",
        type=int,
        default=DEFAULT_TOP,
        metavar="K",
        help=f"copies shown (default {DEFAULT_TOP})",
    )
    p.add_argument(
        "--candidates",
        type=int,
        default=DEFAULT_CANDIDATES,
        metavar="N",
        help=f"candidates diffed at most, best first (default {DEFAULT_CANDIDATES})",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        metavar="SHARE",
        help="estimated share of the original's content-word pairs a document "
        f"must hold to be a candidate (default {DEFAULT_THRESHOLD})",
    )
    p.add_argument("--format", "-f", choices=SCAN_FORMATS, default="text", help="output format")
    add_runner_arguments(p)
    p.set_defaults(handler=run_scan)
