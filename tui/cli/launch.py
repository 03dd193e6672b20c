"""``paradiff [DIR | FILE | A B]``: check the arguments, then start the terminal app.

One file (or an http(s) URL) opens the browser with it picked as A, in its folder.

Standard input (``-`` as A or B) and named pipes (``<(cmd)``) are read here, blocking as
``cat`` does, before the app takes the terminal: the app never waits on a pipe. It then
reads its keys from the controlling terminal, as ``less`` and ``vim -`` do.

Two articles are then read and aligned in other processes while Textual loads
(:mod:`tui.sources.ahead`): the app's first diff starts from their alignment.
"""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

from tui import __version__
from tui.cli.output import CliError
from tui.files import describe_file_type, describe_os_error
from tui.sources import (
    STDIN,
    SourceError,
    is_url,
    preload_stdin,
    preload_stream,
    refuse_other_schemes,
)
from tui.sources.ahead import ReadAhead, read_ahead


def build_app_parser() -> argparse.ArgumentParser:
    """The parser for launching the terminal app."""
    parser = argparse.ArgumentParser(
        prog="paradiff",
        description=(
            "Side-by-side prose diff for the terminal. With no argument, browse the current "
            "folder; with DIR, browse DIR; with FILE (or URL), browse its folder with it "
            "picked as A; with A B, open the diff of A and B (files, "
            "http(s) URLs, '-' for standard input). "
            "Headless: 'paradiff diff', 'facts', 'rank', 'scan', 'index' and 'snapshots'."
        ),
        epilog="subcommands: diff A B [--format text|json|html|md] [--save [NAME]]; "
        "facts A B [--format text|json|csv]; "
        "rank ORIGINAL COPY...|DIR [--format text|json|csv|html]; "
        "scan ORIGINAL CORPUS [--top K]; index CORPUS --out DIR; "
        "snapshots list|show|rename|delete",
    )
    parser.add_argument("--version", action="version", version=f"paradiff {__version__}")
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="a folder, one article, or two articles"
    )
    parser.add_argument(
        "--data-dir",
        default=None,
        help="data folder (default: PARADIFF_DATA_DIR)",
    )
    return parser


def _check_article_path(path: str) -> None:
    """Refuse what cannot be an article; read a named pipe now (see the module). A URL
    is fetched by the app's diff worker, not here."""
    if is_url(path):
        return
    refuse_other_schemes(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SourceError(path, "no such file") from None
    except OSError as exc:
        raise SourceError(path, describe_os_error(exc)) from exc
    if stat.S_ISDIR(mode):
        raise SourceError(path, "is a directory")
    if stat.S_ISFIFO(mode):
        preload_stream(path)
    elif not stat.S_ISREG(mode):
        raise SourceError(path, f"{describe_file_type(mode)}, not a regular file")


def _check_single_path(path: str) -> None:
    """One path: a folder, a regular file or an http(s) URL (picked as A in the browser);
    standard input and named pipes need a second article."""
    if is_url(path) or Path(path).is_dir():
        return
    refuse_other_schemes(path)
    if path == STDIN:
        raise CliError("standard input needs a second article: paradiff - B")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SourceError(path, "no such file or folder") from None
    except OSError as exc:
        raise SourceError(path, describe_os_error(exc)) from exc
    if not stat.S_ISREG(mode):
        raise SourceError(
            path, f"{describe_file_type(mode)}: give a folder, a file, or two articles"
        )


def read_stdin_then_use_terminal() -> None:
    """Read standard input now (kept for the app), then make the controlling terminal
    the app's standard input. Raises :class:`SourceError` when there is no terminal."""
    preload_stdin()
    try:
        tty = os.open("/dev/tty", os.O_RDWR)
    except OSError as exc:
        raise SourceError(
            STDIN, "no terminal to run the app on (use 'paradiff diff' to diff standard input)"
        ) from exc
    try:
        os.dup2(tty, 0)
    finally:
        os.close(tty)


def prepare_launch(args: argparse.Namespace) -> ReadAhead | None:
    """Validate the app's arguments and read what must be read before the app takes the
    terminal; with two articles, start reading and aligning them ahead (see
    :mod:`tui.sources.ahead`) and return that work."""
    paths: list[str] = args.paths
    if len(paths) > 2:
        raise CliError("give a folder, or two articles")
    if len(paths) == 1:
        _check_single_path(paths[0])
    if len(paths) != 2:
        return None
    if paths[0] == paths[1] == STDIN:
        raise SourceError(STDIN, "standard input can be only one of the two articles")
    for path in paths:
        if path != STDIN:
            _check_article_path(path)
    if STDIN in paths:
        read_stdin_then_use_terminal()
    # Forked now, before Textual is loaded and any thread exists: the other core reads
    # and aligns while this one starts the app.
    return read_ahead(paths[0], paths[1])


def run_app_from_args(args: argparse.Namespace) -> int:
    """Validate the app's arguments, then launch it."""
    ahead = prepare_launch(args)
    from tui.app import run_app  # Textual only when the app really starts

    return run_app(args.paths, data_dir=args.data_dir, ahead=ahead)
