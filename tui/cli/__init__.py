"""Command line: ``paradiff [DIR | A B]`` opens the app; ``paradiff diff``,
``paradiff facts``, ``paradiff snapshots`` (and the other commands of :data:`COMMANDS`)
run headless.

Exit codes follow diff(1): 0 the articles do not differ, 1 they differ, 2 trouble.
Trouble is one line on stderr, ``paradiff: error: FILE: reason``; never a traceback.

Modules: :mod:`~tui.cli.output` (exit codes, errors, stdout), :mod:`~tui.cli.diff`,
:mod:`~tui.cli.facts`, :mod:`~tui.cli.snapshots`, :mod:`~tui.cli.launch` (the app).
Only the module of the command given is imported, so ``paradiff diff`` loads neither
the store nor Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from tui import __version__
from tui.cli.output import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_TROUBLE,
    CliError,
    error_line,
    silence_stdout,
)
from tui.export import ExportError
from tui.sources import SourceError

#: Each headless command, the module defining it and its parser-registering function.
COMMANDS: dict[str, tuple[str, str]] = {
    "diff": ("tui.cli.diff", "add_diff_parser"),
    "facts": ("tui.cli.facts", "add_facts_parser"),
    "snapshots": ("tui.cli.snapshots", "add_snapshots_parser"),
    "rank": ("tui.cli.rank", "add_rank_parser"),
    "scan": ("tui.cli.scan", "add_scan_parser"),
    "index": ("tui.cli.index", "add_index_parser"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of the headless commands: ``command`` only (its module alone is
    imported), or all of them."""
    parser = argparse.ArgumentParser(
        prog="paradiff",
        description="Side-by-side prose diff: which paragraphs correspond, what changed.",
    )
    parser.add_argument("--version", action="version", version=f"paradiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module, function) in COMMANDS.items():
        if command in (None, name):
            getattr(importlib.import_module(module), function)(sub)
    return parser


def _run(args_list: list[str]) -> int:
    if args_list and args_list[0] in COMMANDS:
        args = build_parser(args_list[0]).parse_args(args_list)
        return int(args.handler(args))
    from tui.cli.launch import build_app_parser, run_app_from_args

    return run_app_from_args(build_app_parser().parse_args(args_list))


def main(argv: Sequence[str] | None = None) -> int:
    """Run paradiff with ``argv`` (default: ``sys.argv[1:]``); returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _run(args_list)
        sys.stdout.flush()  # a closed pipe must fail here, not at exit
        return code
    except (CliError, SourceError, ExportError) as exc:
        print(error_line(str(exc)), file=sys.stderr)
        return EXIT_TROUBLE
    except BrokenPipeError:  # the reader went away (`| head`): end quietly
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
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
