"""Command line: ``paradiff [DIR | A B]`` opens the app; ``paradiff diff`` and
``paradiff snapshots`` run headless.

Exit codes follow diff(1): 0 the articles do not differ, 1 they differ, 2 trouble.
Trouble is one line on stderr, ``paradiff: error: FILE: reason``; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from tui import __version__
from tui.engine import Article, DiffResult, LoadError, diff_articles, load_article
from tui.engine.pipeline import ProgressCallback
from tui.sanitise import sanitise_line

EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2

#: Largest article accepted, so a stray multi-gigabyte file fails fast and clearly.
MAX_ARTICLE_BYTES = 256 * 1024 * 1024

DIFF_FORMATS = ("text", "json", "html", "md")


class Diffed(NamedTuple):
    """A diff and the bytes of the two files it was computed from."""

    result: DiffResult
    data_a: bytes
    data_b: bytes


class CliError(Exception):
    """A user-facing failure: ``str(exc)`` is the one-line message."""


def error_line(message: str) -> str:
    """The one-line form of an error for stderr (control characters made visible)."""
    flat = " ".join(sanitise_line(message).split())
    return f"paradiff: error: {flat}"


def describe_os_error(exc: OSError) -> str:
    """A short reason for an OS error, without the Python class name."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def read_source(path: str) -> tuple[Article, bytes]:
    """Read and decode the article at ``path`` ("-" is standard input); returns the
    article and the bytes read (so a snapshot can hash exactly what was diffed).

    Raises :class:`CliError` with a one-line reason on any trouble.
    """
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        else:
            if Path(path).is_dir():
                raise CliError(f"{path}: is a directory")
            with open(path, "rb") as handle:  # also FIFOs such as <(cmd)
                data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise CliError(f"{path}: {describe_os_error(exc)}") from exc
    if len(data) > MAX_ARTICLE_BYTES:
        raise CliError(f"{path}: too large (over {MAX_ARTICLE_BYTES // 2**20} MiB)")
    try:
        return load_article(data, path), data
    except LoadError as exc:
        raise CliError(f"{path}: {exc}") from exc


def read_article(path: str) -> Article:
    """Read and decode the article at ``path`` (see :func:`read_source`)."""
    return read_source(path)[0]


def read_and_diff(path_a: str, path_b: str, progress: ProgressCallback | None = None) -> Diffed:
    """Read both articles and diff them; also returns the bytes read of each."""
    if path_a == path_b == "-":
        raise CliError("-: standard input can be only one of the two articles")
    a, data_a = read_source(path_a)
    b, data_b = read_source(path_b)
    return Diffed(diff_articles(a, b, progress=progress), data_a, data_b)


def compute_diff(path_a: str, path_b: str) -> DiffResult:
    """Read both articles and diff them."""
    return read_and_diff(path_a, path_b).result


def _use_colour(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render_diff(result: DiffResult, fmt: str, colour: bool) -> str:
    """Render ``result`` in one of :data:`DIFF_FORMATS`."""
    if fmt == "json":
        from tui.export.json_export import render_json

        return render_json(result)
    if fmt == "html":
        from tui.export.html_export import render_html

        return render_html(result)
    if fmt == "md":
        from tui.export.markdown_export import render_markdown

        return render_markdown(result)
    from tui.export.text_export import render_text

    return render_text(result, colour=colour)


def _write_stdout(text: str) -> None:
    out = sys.stdout
    try:
        out.write(text)
        if not text.endswith("\n"):
            out.write("\n")
        out.flush()
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); that is not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())


def run_diff(args: argparse.Namespace) -> int:
    """``paradiff diff A B``."""
    diffed = read_and_diff(args.a, args.b)
    result = diffed.result
    if args.save is not None:
        from tui.cli_snapshots import save_from_cli

        snapshot_id = save_from_cli(diffed, args)
        print(snapshot_id, file=sys.stderr if args.format else sys.stdout)
        if not args.format:
            return EXIT_SAME if result.identical else EXIT_DIFFERENT
    fmt = args.format or "text"
    _write_stdout(render_diff(result, fmt, colour=fmt == "text" and _use_colour(sys.stdout)))
    return EXIT_SAME if result.identical else EXIT_DIFFERENT


def build_diff_parser(sub: argparse._SubParsersAction) -> None:
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
        choices=DIFF_FORMATS,
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
    p.set_defaults(handler=run_diff)


def build_parser() -> argparse.ArgumentParser:
    """The subcommand parser (``diff``, ``snapshots``)."""
    parser = argparse.ArgumentParser(
        prog="paradiff",
        description="Side-by-side prose diff: which paragraphs correspond, what changed.",
    )
    parser.add_argument("--version", action="version", version=f"paradiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    build_diff_parser(sub)
    try:
        from tui.cli_snapshots import build_snapshots_parser
    except ImportError:  # pragma: no cover - during development only
        pass
    else:
        build_snapshots_parser(sub)
    return parser


def build_app_parser() -> argparse.ArgumentParser:
    """The parser for launching the terminal app."""
    parser = argparse.ArgumentParser(
        prog="paradiff",
        description=(
            "Side-by-side prose diff for the terminal. With no argument, browse the current "
            "folder; with DIR, browse DIR; with A B, open the diff of A and B. "
            "Headless: 'paradiff diff A B' and 'paradiff snapshots'."
        ),
        epilog="subcommands: diff A B [--format text|json|html|md] [--save [NAME]]; "
        "snapshots list|show|rename|delete",
    )
    parser.add_argument("--version", action="version", version=f"paradiff {__version__}")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="a folder, or two articles")
    parser.add_argument("--data-dir", default=None, help="snapshot folder")
    return parser


def run_app_from_args(args: argparse.Namespace) -> int:
    """Validate the app's arguments, then launch it."""
    paths: list[str] = args.paths
    if len(paths) > 2:
        raise CliError("give a folder, or two articles")
    if len(paths) == 1 and not Path(paths[0]).is_dir():
        raise CliError(f"{paths[0]}: not a folder (give two articles to diff them)")
    if len(paths) == 2:
        for path in paths:
            file = Path(path)
            if not file.exists():
                raise CliError(f"{path}: no such file")
            if file.is_dir():
                raise CliError(f"{path}: is a directory")
    from tui.app import run_app

    return run_app(paths, data_dir=args.data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Run paradiff with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in ("diff", "snapshots"):
            args = build_parser().parse_args(args_list)
            return int(args.handler(args))
        return run_app_from_args(build_app_parser().parse_args(args_list))
    except CliError as exc:
        print(error_line(str(exc)), file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        return 130
    except SystemExit as exc:  # argparse: --help/--version exit 0, usage errors exit 2
        code = exc.code
        return code if isinstance(code, int) else EXIT_TROUBLE
    except MemoryError:
        print(error_line("out of memory"), file=sys.stderr)
        return EXIT_TROUBLE
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("PARADIFF_DEBUG"):
            raise
        print(error_line(f"internal error: {type(exc).__name__}: {exc}"), file=sys.stderr)
        return EXIT_TROUBLE
