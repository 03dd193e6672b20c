"""``paradiff diff A B``: align two articles and print the result, headless.

This path never imports Textual, and imports the snapshot store only for ``--save``.
"""

from __future__ import annotations

import argparse
import sys

from tui.cli.output import EXIT_DIFFERENT, EXIT_SAME, use_colour
from tui.cli.pager import add_no_pager_argument, page_stdout
from tui.export import FORMATS, render
from tui.sources import diff_sources


def run_diff(args: argparse.Namespace) -> int:
    """``paradiff diff A B [--format F] [--save [NAME]]``."""
    diffed = diff_sources(args.a, args.b, allow_stream=True)  # <(cmd): read as cat does
    result = diffed.result
    status = EXIT_SAME if result.identical else EXIT_DIFFERENT
    if args.save is not None:
        from tui.cli.snapshots import save_diffed  # the store only when saving

        snapshot_id = save_diffed(diffed, args.save, args.data_dir)
        print(snapshot_id, file=sys.stderr if args.format else sys.stdout)
        if not args.format:
            return status
    fmt = args.format or "text"
    text = render(result, fmt, colour=fmt == "text" and use_colour(sys.stdout))
    page_stdout(text, enabled=not args.no_pager)
    return status


def add_diff_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``diff`` subcommand."""
    p = sub.add_parser(
        "diff",
        help="diff two articles headless (exit 0 same, 1 different, 2 trouble)",
        description="Align two articles by paragraph and word and print the result.",
    )
    p.add_argument("a", metavar="A", help="the original article ('-' for standard input)")
    p.add_argument("b", metavar="B", help="the copy to compare with it ('-' for standard input)")
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default=None,
        help="output format (default: text; CriticMarkup when not a colour terminal)",
    )
    p.add_argument(
        "--save",
        nargs="?",
        const="",
        default=None,
        metavar="NAME",
        help="also save the diff as a snapshot and print its id",
    )
    p.add_argument("--data-dir", default=None, help="snapshot folder (default: PARADIFF_DATA_DIR)")
    add_no_pager_argument(p)
    p.set_defaults(handler=run_diff)
