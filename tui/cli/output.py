"""What every command shares: exit codes, the user-facing error type, the one-line error
form, colour detection, writing to standard output (a closed pipe ends quietly) and the
``--jobs`` option."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterable
from typing import TextIO

#: Exit codes follow diff(1): 0 the articles do not differ, 1 they differ, 2 trouble.
EXIT_SAME = 0
EXIT_DIFFERENT = 1
EXIT_TROUBLE = 2
#: Ctrl+C, as shells report it.
EXIT_INTERRUPTED = 128 + signal.SIGINT
#: The reader of standard output went away (``| head``): the status a shell reports for
#: a tool killed by SIGPIPE, without dying by the signal (sockets would then kill us too).
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE


class CliError(Exception):
    """A user-facing failure of a command: ``str(exc)`` is the one-line message."""


def error_line(message: str) -> str:
    """The one-line form of an error for stderr (control characters made visible)."""
    from tui.sanitise import sanitise_line  # only on trouble: its table costs a start-up

    flat = " ".join(sanitise_line(message).split())
    return f"paradiff: error: {flat}"


def use_colour(stream: TextIO) -> bool:
    """True when ``stream`` is a terminal and ``NO_COLOR`` is not set."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


#: Characters written at a time: a report of tens of megabytes is neither copied nor
#: encoded whole.
WRITE_CHUNK = 1 << 20


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output, ending with one newline. A closed pipe raises
    :class:`BrokenPipeError`, which :func:`tui.cli.main` turns into a quiet exit."""
    write_stdout_chunks((text,))


def write_stdout_chunks(chunks: Iterable[str]) -> None:
    """Write the text made of ``chunks`` to standard output as each comes, ending with
    one newline (as :func:`write_stdout`)."""
    last = ""
    for chunk in chunks:
        for start in range(0, len(chunk), WRITE_CHUNK):
            sys.stdout.write(chunk[start : start + WRITE_CHUNK])
        last = chunk[-1:] or last
    if last != "\n":
        sys.stdout.write("\n")


def silence_stdout() -> None:
    """After a broken pipe: point standard output at ``/dev/null`` so that the flush at
    exit does not fail again (the recipe of the Python documentation on SIGPIPE)."""
    try:
        fileno = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (e.g. captured)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


def add_jobs_argument(p: argparse.ArgumentParser) -> None:
    """``--jobs``/``-j``: how many worker processes (``None``: all cores)."""
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: all cores)",
    )
