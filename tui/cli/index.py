"""``paradiff index CORPUS... --out DIR``: build a corpus's candidate index once, for any
number of later ``paradiff scan ORIGINAL --index DIR``. The folder is replaced atomically
(an existing index only; any other folder is left alone). Exit status 0, or 2 trouble;
unreadable documents are listed and left out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.output import EXIT_SAME, CliError
from tui.cli.scan import add_runner_arguments, make_runner, partition_size, report_bad
from tui.files import describe_os_error


def run_index(args: argparse.Namespace) -> int:
    """Run ``paradiff index``."""
    from tui.scan.corpus import CorpusError
    from tui.scan.index import ScanIndexError, save_index
    from tui.scan.run import ScanError, gather_shards, sketch_corpus

    if args.jobs is not None and args.jobs < 1:
        raise CliError(f"--jobs: {args.jobs} is not a number of processes (1 or more)")
    size = partition_size(args)
    runner = make_runner(args)
    try:
        sketched = sketch_corpus(args.corpus, runner, size)
        shards = gather_shards(sketched, runner)
        save_index(Path(args.out), shards, sketched.common, args.corpus, sketched.bad)
    except (CorpusError, ScanIndexError, ScanError) as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"{args.out}: {describe_os_error(exc)}") from exc
    finally:
        runner.close()
    report_bad(sketched.bad, "index")
    print(
        f"paradiff index: {sketched.documents:,} documents in {len(shards)} shards "
        f"({len(sketched.bad):,} unreadable, {len(sketched.common):,} common features) -> "
        f"{args.out}",
        file=sys.stderr,
    )
    return EXIT_SAME


def add_index_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``index`` subcommand."""
    p = sub.add_parser(
        "index",
        help="build a corpus's candidate index for 'paradiff scan --index'",
        description="Sketch every document of CORPUS once and save the index to DIR.",
    )
    p.add_argument(
        "corpus", metavar="CORPUS", nargs="+", help="folders, JSON Lines or Parquet files"
    )
    p.add_argument("--out", "-o", metavar="DIR", required=True, help="the index folder")
    add_runner_arguments(p)
    p.set_defaults(handler=run_index)
