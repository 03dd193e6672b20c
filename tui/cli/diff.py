"""``paradiff diff A B``: align two articles and print the result, headless.

This path never imports Textual, and imports the snapshot store only for ``--save``.
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
from collections.abc import Iterator

from tui.cli.output import EXIT_DIFFERENT, EXIT_SAME, use_colour
from tui.cli.pager import add_no_pager_argument, page_stdout_chunks
from tui.engine.paragraphs import PARAGRAPH_MODES
from tui.engine.pipeline import DiffOptions, collector_paused
from tui.export import FORMATS, render_chunks
from tui.sources import diff_sources


def run_diff(args: argparse.Namespace) -> int:
    """``paradiff diff A B [--format F] [--save [NAME]]``."""
    # Reading, diffing and rendering make millions of objects and hardly any garbage
    # cycles: the collector would only walk them, again and again. Everything large is
    # freed before it resumes (cycles left, if any, are collected then).
    with collector_paused():
        status, chunks = _diff_output(args)
        if chunks is not None:  # written as made: a large report is never whole
            page_stdout_chunks(chunks, enabled=not args.no_pager)
        # What is left (modules, the engine's caches: hundreds of thousands of objects
        # after a large diff) stays until the process ends: walking it once more when the
        # collector resumes and again at exit cost 60 ms at 10 MB, 15 ms at 1 MB.
        gc.freeze()
    return status


def _diff_output(args: argparse.Namespace) -> tuple[int, Iterator[str] | None]:
    """The exit status and the output of ``diff`` in pieces (None when only saved)."""
    options = DiffOptions(paragraphs=args.paragraphs, whitespace=args.whitespace)
    diffed = diff_sources(  # <(cmd): read as cat does
        args.a,
        args.b,
        options,
        allow_stream=True,
        timeout=args.timeout,
        whole_page=args.whole_page,
    )
    result = diffed.result
    status = EXIT_SAME if result.identical else EXIT_DIFFERENT
    if args.save is not None:
        from tui.cli.snapshots import save_diffed  # the store only when saving

        snapshot_id = save_diffed(diffed, args.save, args.data_dir, options)
        print(snapshot_id, file=sys.stderr if args.format else sys.stdout)
        if not args.format:
            return status, None
    fmt = args.format or "text"
    colour = fmt == "text" and use_colour(sys.stdout)
    return status, render_chunks(result, fmt, colour=colour)


def _seconds(text: str) -> float:
    """A positive, finite number of seconds (for ``--timeout``)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < 1e6:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


def add_diff_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``diff`` subcommand."""
    p = sub.add_parser(
        "diff",
        help="diff two articles headless (exit 0 same, 1 different, 2 trouble)",
        description="Align two articles by paragraph and word and print the result.",
    )
    p.add_argument(
        "a",
        metavar="A",
        help="the original article: a text, web page (.html), Word (.docx) or PDF file, "
        "an http(s) URL, or '-' for standard input",
    )
    p.add_argument("b", metavar="B", help="the copy to compare with it (the same kinds)")
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
    p.add_argument(
        "--whole-page",
        action="store_true",
        help="web pages: keep every text block (menus, captions...), not only the article",
    )
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="give up reading a URL (default: 30) or a named pipe after this long in all",
    )
    p.add_argument(
        "--paragraphs",
        choices=PARAGRAPH_MODES,
        default="auto",
        help="how plain text is split into paragraphs: by blank lines, one per line, or "
        "auto (default: blank lines, or one per line when long lines have none between "
        "them; hard-wrapped lines joined)",
    )
    p.add_argument(
        "--whitespace",
        action="store_true",
        help="count differences in whitespace alone (line breaks, runs of spaces) as changes",
    )
    p.add_argument(
        "--data-dir",
        default=None,
        help="data folder (default: PARADIFF_DATA_DIR)",
    )
    add_no_pager_argument(p)
    p.set_defaults(handler=run_diff)
