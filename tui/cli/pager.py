"""A pager for long output on a terminal, as git does.

Output goes through the pager only when standard output is a terminal, ``--no-pager`` was
not given and the text does not fit on the screen. The pager is ``$PARADIFF_PAGER``, else
``$PAGER``, else ``less -R``; an empty value or ``cat`` means none. ``LESS`` defaults to
``FRX`` (quit if one screen, raw colours, no clearing) and ``LV`` to ``-c``, as in git. A
pager that quits early (``q`` in less) ends the output quietly; one that cannot be started
gives plain output.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import signal
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import TextIO

from tui.cli.output import write_stdout, write_stdout_chunks

#: The pager used when neither ``$PARADIFF_PAGER`` nor ``$PAGER`` names one.
DEFAULT_PAGER = "less -R"
#: Set for the pager when the user has not set them (git's defaults).
PAGER_ENV_DEFAULTS = {"LESS": "FRX", "LV": "-c"}
#: Pager values that mean "no pager".
NO_PAGER_VALUES = {"", "cat"}

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def pager_command(env: Mapping[str, str] | None = None) -> list[str] | None:
    """The pager's argv from ``env`` (default: the process environment), or None when the
    user asked for none (``PAGER=cat``, ``PAGER=``) or the value cannot be parsed."""
    env = os.environ if env is None else env
    for variable in ("PARADIFF_PAGER", "PAGER"):
        if variable in env:
            value = env[variable].strip()
            break
    else:
        value = DEFAULT_PAGER
    if value in NO_PAGER_VALUES:
        return None
    import shlex  # only when paging: printing to a pipe or file needs none

    try:
        argv = shlex.split(value)
    except ValueError:  # unbalanced quotes
        return None
    return argv or None


def pager_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The pager's environment: ``env`` with ``LESS`` and ``LV`` defaulted as git does."""
    result = dict(os.environ if env is None else env)
    for name, value in PAGER_ENV_DEFAULTS.items():
        result.setdefault(name, value)
    return result


def _display_width(line: str) -> int:
    plain = _ANSI.sub("", line)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in plain)


def fits_on_screen(text: str, columns: int, lines: int) -> bool:
    """True when ``text`` takes fewer terminal lines than ``lines`` (one line stays for the
    shell prompt), counting long lines as wrapped at ``columns``."""
    if columns <= 0 or lines <= 0:
        return False
    used = 0
    for line in text.rstrip("\n").split("\n"):
        used += max(1, math.ceil(_display_width(line) / columns))
        if used >= lines:
            return False
    return True


def should_page(stream: TextIO, text: str, enabled: bool = True) -> bool:
    """True when ``text`` should go through the pager: paging ``enabled``, ``stream`` a
    terminal, and ``text`` longer than the screen."""
    if not enabled:
        return False
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        return False
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return True  # size unknown: let the pager decide (less -F)
    return not fits_on_screen(text, size.columns, size.lines)


@contextlib.contextmanager
def _ignoring_interrupts() -> Iterator[None]:
    """Ctrl+C belongs to the pager while it runs (less handles it); we must not die and
    leave the pager behind, drawing over the shell."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_pager(text: str, argv: list[str], stream: TextIO) -> bool:
    """Feed ``text`` to the pager ``argv``, which writes to ``stream``'s terminal; wait
    for it. Returns False when the pager could not be started (nothing was shown)."""
    import subprocess  # only when paging: printing to a pipe or file needs none

    encoding = getattr(stream, "encoding", None) or "utf-8"
    errors = getattr(stream, "errors", None) or "strict"
    payload = (text if text.endswith("\n") else text + "\n").encode(encoding, errors)
    stream.flush()
    with _ignoring_interrupts():
        try:
            pager = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=stream.fileno(), env=pager_environment()
            )
        except (OSError, ValueError):  # not installed, not executable
            return False
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the user quit the pager early
            pager.stdin.write(payload)
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()
    return True


def page_stdout(text: str, *, enabled: bool = True, stream: TextIO | None = None) -> None:
    """Show ``text`` through the pager when :func:`should_page` says so, else write it to
    ``stream`` (default: standard output) as :func:`~tui.cli.output.write_stdout` does."""
    out = sys.stdout if stream is None else stream
    if should_page(out, text, enabled):
        argv = pager_command()
        if argv is not None and run_pager(text, argv, out):
            return
    if stream is None:
        write_stdout(text)
    else:
        out.write(text if text.endswith("\n") else text + "\n")


def page_stdout_chunks(chunks: Iterable[str], *, enabled: bool = True) -> None:
    """:func:`page_stdout` for a text made in pieces: written to standard output as the
    pieces come when it cannot go to the pager (not a terminal, or ``enabled`` false);
    else joined, for the pager's test of whether it fits on the screen."""
    isatty = getattr(sys.stdout, "isatty", None)
    if enabled and isatty and isatty():
        page_stdout("".join(chunks), enabled=enabled)
    else:
        write_stdout_chunks(chunks)


def add_no_pager_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--no-pager`` to a command's parser (``args.no_pager``)."""
    parser.add_argument(
        "--no-pager",
        action="store_true",
        help="never send the output through a pager (default on a terminal: $PAGER, less -R)",
    )
