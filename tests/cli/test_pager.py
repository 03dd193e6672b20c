"""The pager: long output on a terminal goes through ``$PARADIFF_PAGER``/``$PAGER``/``less
-R`` with git's ``LESS=FRX``; never with ``--no-pager`` or when standard output is not a
terminal; a pager that quits early or is missing never costs the output or a traceback.

The terminal is a pseudo-terminal (:mod:`pty`) of a chosen size; the pager is a tiny
Python script that records what it received."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import shlex
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, cli_command, cli_env, run_paradiff, seed_paths
from tui.cli.pager import (
    DEFAULT_PAGER,
    fits_on_screen,
    page_stdout,
    pager_command,
    pager_environment,
)

SEEDS = seed_paths()

RECORDING_PAGER = """\
import json, os, sys
data = sys.stdin.buffer.read()
record = {
    "argv": sys.argv[1:],
    "LESS": os.environ.get("LESS"),
    "LV": os.environ.get("LV"),
    "stdout_is_terminal": os.isatty(1),
    "text": data.decode("utf-8"),
}
with open(os.environ["PAGER_RECORD"], "w", encoding="utf-8") as handle:
    json.dump(record, handle)
"""

#: A pager that quits at once without reading, as ``q`` in less does.
QUITTING_PAGER = """\
import os
open(os.environ["PAGER_RECORD"], "w").close()
"""


@dataclass
class Pager:
    """A fake pager: ``command`` for $PAGER; ``record()`` is what it saw (None: not run)."""

    command: str
    record_path: Path

    def record(self) -> dict[str, Any] | None:
        if not self.record_path.exists():
            return None
        text = self.record_path.read_text(encoding="utf-8")
        return json.loads(text) if text else {}


def _pager(tmp_path: Path, source: str, name: str) -> Pager:
    script = tmp_path / f"{name}.py"
    script.write_text(source, encoding="utf-8")
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} --from-test"
    return Pager(command, tmp_path / f"{name}.json")


@pytest.fixture
def pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Pager:
    fake = _pager(tmp_path, RECORDING_PAGER, "recording")
    monkeypatch.setenv("PAGER_RECORD", str(fake.record_path))
    return fake


@pytest.fixture
def quitting_pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Pager:
    fake = _pager(tmp_path, QUITTING_PAGER, "quitting")
    monkeypatch.setenv("PAGER_RECORD", str(fake.record_path))
    return fake


@dataclass
class TerminalRun:
    returncode: int
    screen: str  # what reached the terminal directly (not through the pager)
    stderr: str


def _set_size(fd: int, rows: int, columns: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


def _drain(master: int, into: list[bytes]) -> None:
    """Read the terminal until every writer has closed it (EIO on Linux)."""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            return
        if not data:
            return
        into.append(data)


def run_on_terminal(
    args: list[str], *, rows: int = 24, columns: int = 80, **env: str
) -> TerminalRun:
    """Run paradiff with standard output on a pseudo-terminal of ``rows`` x ``columns``."""
    environment = cli_env(PAGER_RECORD=os.environ.get("PAGER_RECORD", ""), **env)
    for name in ("LESS", "LV", "PAGER", "PARADIFF_PAGER"):
        if name not in env:
            environment.pop(name, None)
    master, slave = pty.openpty()
    _set_size(slave, rows, columns)
    try:
        process = subprocess.Popen(
            [*cli_command(), *args],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=environment,
        )
    finally:
        os.close(slave)
    chunks: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(master, chunks), daemon=True)
    reader.start()
    assert process.stderr is not None
    stderr = process.stderr.read()
    returncode = process.wait(timeout=300)
    reader.join(timeout=300)
    os.close(master)
    screen = b"".join(chunks).replace(b"\r\n", b"\n").decode("utf-8")
    return TerminalRun(returncode, screen, stderr.decode("utf-8"))


def _plain_output(*args: str) -> str:
    """What ``paradiff ARGS`` prints into a pipe (no terminal, no pager)."""
    out = run_paradiff(args)
    assert out.returncode in (0, 1), out.stderr
    return out.stdout.decode("utf-8")


def _long_pair(tmp_path: Path, paragraphs: int = 600) -> tuple[str, str]:
    """Two articles whose diff is well over a pipe's buffer (64 KiB)."""
    a = "\n\n".join(
        f"Paragraph {n} tells how the council met on day {n} and voted on the budget "
        f"for the harbour, the library and the old mill by the river." * 2
        for n in range(paragraphs)
    )
    b = a.replace("voted", "argued")
    path_a, path_b = tmp_path / "long_a.txt", tmp_path / "long_b.txt"
    path_a.write_text(a, encoding="utf-8")
    path_b.write_text(b, encoding="utf-8")
    return str(path_a), str(path_b)


# ------------------------------------------------------------------ the command line


def test_a_long_diff_on_a_terminal_goes_through_the_pager(pager: Pager) -> None:
    args = ["diff", str(SEEDS["000"]), str(SEEDS["001"])]
    expected = _plain_output(*args)
    assert expected.count("\n") > 24  # longer than the terminal
    run = run_on_terminal(args, PAGER=pager.command)
    assert run.returncode == 1 and run.stderr == ""
    record = pager.record()
    assert record is not None, "the pager was not started"
    assert record["text"] == expected
    assert record["argv"] == ["--from-test"]
    assert record["stdout_is_terminal"] is True
    assert (record["LESS"], record["LV"]) == ("FRX", "-c")  # git's defaults
    assert expected.splitlines()[0] not in run.screen  # only the pager wrote to the screen


def test_the_users_less_settings_are_kept(pager: Pager) -> None:
    run_on_terminal(["diff", str(SEEDS["000"]), str(SEEDS["001"])], PAGER=pager.command, LESS="-i")
    record = pager.record()
    assert record is not None and record["LESS"] == "-i"


def test_paradiff_pager_wins_over_pager(pager: Pager) -> None:
    run = run_on_terminal(
        ["diff", str(SEEDS["000"]), str(SEEDS["001"])],
        PAGER="/nonexistent/pager-that-must-not-run",
        PARADIFF_PAGER=pager.command,
    )
    assert run.returncode == 1 and run.stderr == ""
    assert pager.record() is not None


def test_no_pager_prints_straight_to_the_terminal(pager: Pager) -> None:
    args = ["diff", str(SEEDS["000"]), str(SEEDS["001"])]
    run = run_on_terminal([*args, "--no-pager"], PAGER=pager.command)
    assert run.returncode == 1 and run.stderr == ""
    assert pager.record() is None
    assert run.screen == _plain_output(*args)


def test_output_that_fits_the_screen_is_not_paged(pager: Pager) -> None:
    args = ["diff", str(SEEDS["000"]), str(SEEDS["001"])]
    run = run_on_terminal(args, rows=1000, columns=200, PAGER=pager.command)
    assert pager.record() is None
    assert run.screen == _plain_output(*args)


def test_never_a_pager_when_stdout_is_not_a_terminal(pager: Pager) -> None:
    out = run_paradiff(["diff", SEEDS["000"], SEEDS["001"]], PAGER=pager.command)
    assert out.returncode == 1 and out.stdout and out.stderr == b""
    assert pager.record() is None


def test_a_missing_pager_gives_plain_output(tmp_path: Path) -> None:
    args = ["diff", str(SEEDS["000"]), str(SEEDS["001"])]
    run = run_on_terminal(args, PAGER=str(tmp_path / "no-such-pager"))
    assert run.returncode == 1 and run.stderr == ""
    assert run.screen == _plain_output(*args)


def test_a_pager_that_quits_early_ends_quietly(tmp_path: Path, quitting_pager: Pager) -> None:
    a, b = _long_pair(tmp_path)
    assert len(_plain_output("diff", a, b).encode()) > 2 * 65536
    run = run_on_terminal(["diff", a, b], PAGER=quitting_pager.command)
    assert quitting_pager.record() is not None  # it ran
    assert (run.returncode, run.stderr, run.screen) == (1, "", "")


def test_snapshots_show_goes_through_the_pager(tmp_path: Path, pager: Pager) -> None:
    data = str(tmp_path / "data")
    saved = run_paradiff(["diff", SEEDS["000"], SEEDS["001"], "--save", "pair", "--data-dir", data])
    assert saved.returncode == 1, saved.stderr
    show = ["snapshots", "show", "pair", "--data-dir", data]
    expected = _plain_output(*show)
    run = run_on_terminal(show, PAGER=pager.command)
    assert run.returncode == 0 and run.stderr == ""
    record = pager.record()
    assert record is not None and record["text"] == expected
    run = run_on_terminal([*show, "--no-pager"], PAGER=pager.command)
    assert run.screen == expected


# ------------------------------------------------------------------- the pieces


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, shlex.split(DEFAULT_PAGER)),
        ({"PAGER": "more -s"}, ["more", "-s"]),
        ({"PAGER": "more", "PARADIFF_PAGER": "less -S"}, ["less", "-S"]),
        ({"PAGER": "cat"}, None),
        ({"PAGER": ""}, None),
        ({"PAGER": "less", "PARADIFF_PAGER": ""}, None),
        ({"PAGER": "less 'unbalanced"}, None),
    ],
)
def test_the_pager_command(env: dict[str, str], expected: list[str] | None) -> None:
    assert pager_command(env) == expected


def test_the_pager_environment_defaults_less_and_lv_only_when_unset() -> None:
    assert pager_environment({})["LESS"] == "FRX"
    assert pager_environment({"LESS": ""})["LESS"] == ""
    assert pager_environment({"LV": "-x"})["LV"] == "-x"


def test_fitting_counts_wrapped_lines_not_colours_and_wide_characters_twice() -> None:
    assert fits_on_screen("a\nb\nc", columns=80, lines=4)
    assert not fits_on_screen("a\nb\nc\nd", columns=80, lines=4)  # a line for the prompt
    assert not fits_on_screen("x" * 161, columns=80, lines=3)  # wraps onto 3 lines
    assert fits_on_screen("\x1b[31m" + "x" * 80 + "\x1b[0m", columns=80, lines=2)
    assert not fits_on_screen("字" * 41, columns=80, lines=2)


@pytest.fixture
def terminal() -> Iterator[tuple[io.TextIOWrapper, list[bytes]]]:
    """A text stream on a 24x80 pseudo-terminal, and what reaches the terminal."""
    master, slave = pty.openpty()
    _set_size(slave, 24, 80)
    chunks: list[bytes] = []
    reader = threading.Thread(target=_drain, args=(master, chunks), daemon=True)
    reader.start()
    stream = io.TextIOWrapper(io.FileIO(slave, "w"), encoding="utf-8")
    yield stream, chunks
    stream.close()
    reader.join(timeout=300)
    os.close(master)


def test_page_stdout_survives_a_pager_that_quits_before_reading(
    terminal: tuple[io.TextIOWrapper, list[bytes]],
    quitting_pager: Pager,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stream, _ = terminal
    monkeypatch.setenv("PAGER", quitting_pager.command)
    page_stdout("line\n" * 400_000, stream=stream)  # 2 MB: the pipe must break
    assert quitting_pager.record() is not None


def test_page_stdout_writes_short_text_itself(
    terminal: tuple[io.TextIOWrapper, list[bytes]], pager: Pager, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream, _ = terminal
    monkeypatch.setenv("PAGER", pager.command)
    page_stdout("short", stream=stream)
    page_stdout("long\n" * 100, stream=stream, enabled=False)
    assert pager.record() is None
    page_stdout("long\n" * 100, stream=stream)
    record = pager.record()
    assert record is not None and record["text"] == "long\n" * 100
