"""Standard input and output as pipes, through the real entry point: a reader that goes
away (``| head``) ends paradiff quietly; ``-`` is standard input for the app as for
``paradiff diff``; the headless diff loads neither the snapshot store nor Textual."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli_command, cli_env

#: The status a shell reports for a tool ended by SIGPIPE (128 + 13).
BROKEN_PIPE_STATUS = 128 + signal.SIGPIPE


def run_into_closed_pipe(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[bytes]:
    """Run paradiff with standard output a pipe whose reading end is already closed: the
    first write fails, as with ``| head -1`` once head has exited (deterministically)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [*cli_command(), *args],
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=cli_env(PARADIFF_DATA_DIR=str(data_dir)),
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.fixture
def saved(tmp_path: Path, seeds: dict[str, Path]) -> Path:
    """A data folder holding one snapshot (of seeds 002 and 003)."""
    data_dir = tmp_path / "data"
    proc = subprocess.run(
        [*cli_command(), "diff", seeds["002"], seeds["003"], "--save", "pipes"],
        capture_output=True,
        cwd=ROOT,
        env=cli_env(PARADIFF_DATA_DIR=str(data_dir)),
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    return data_dir


@pytest.mark.parametrize(
    "command",
    [
        ["snapshots", "list", "--json"],
        ["snapshots", "list"],
        ["snapshots", "show", "pipes"],
        ["diff", "seeds/002_ea469877a8e8ba82.txt", "seeds/003_63081724c1bcbc33.txt"],
        ["diff", "-f", "json", "seeds/002_ea469877a8e8ba82.txt", "seeds/000_7c1d181acc3b79ca.txt"],
    ],
    ids=["list-json", "list", "show", "diff", "diff-json"],
)
def test_a_closed_pipe_ends_quietly(command: list[str], saved: Path) -> None:
    proc = run_into_closed_pipe(command, saved)
    assert proc.stderr == b""
    assert proc.returncode == BROKEN_PIPE_STATUS


def test_head_one_of_the_list_is_its_first_line(saved: Path) -> None:
    """The shell pipeline of the bug report: whatever the timing, head gets the first line
    and paradiff says nothing on stderr."""
    script = f"{' '.join(cli_command())} snapshots list --json | head -1"
    proc = subprocess.run(
        ["sh", "-c", script],
        capture_output=True,
        cwd=ROOT,
        env=cli_env(PARADIFF_DATA_DIR=str(saved)),
        timeout=120,
        check=False,
    )
    assert proc.stdout == b"{\n"
    assert proc.stderr == b""


def _loaded_modules(args: list[str], data_dir: Path) -> set[str]:
    code = (
        "import sys, json\n"
        "from tui.cli import main\n"
        f"status = main({args!r})\n"
        "print(json.dumps([status, sorted(sys.modules)]), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        cwd=ROOT,
        env=cli_env(PARADIFF_DATA_DIR=str(data_dir)),
        timeout=120,
        check=False,
    )
    status, modules = json.loads(proc.stderr.decode().splitlines()[-1])
    assert status == 1, proc.stderr
    return set(modules)


def test_headless_diff_loads_neither_store_nor_textual(
    seeds: dict[str, Path], tmp_path: Path
) -> None:
    pair = [str(seeds["002"]), str(seeds["003"])]
    plain = _loaded_modules(["diff", *pair], tmp_path / "data")
    assert "tui.store" not in plain
    assert not {m for m in plain if m.split(".")[0] in ("textual", "rich")}
    saving = _loaded_modules(["diff", *pair, "--save", "x"], tmp_path / "data")
    assert "tui.store" in saving  # the check above can fail: saving does load the store
    assert not {m for m in saving if m.split(".")[0] == "textual"}


# ---------------------------------------------------------------------------
# `paradiff A -`: standard input in the app
# ---------------------------------------------------------------------------


def test_app_with_two_standard_inputs_is_refused(seeds: dict[str, Path]) -> None:
    proc = subprocess.run(
        [*cli_command(), "-", "-"],
        capture_output=True,
        cwd=ROOT,
        env=cli_env(),
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert (
        proc.stderr == b"paradiff: error: -: standard input can be only one of the two articles\n"
    )


def test_app_standard_input_without_a_terminal_is_refused_clearly(
    seeds: dict[str, Path],
) -> None:
    """No controlling terminal (a new session): standard input is read, then the app
    says it has no terminal to run on, instead of "-: no such file"."""
    proc = subprocess.run(
        [*cli_command(), str(seeds["002"]), "-"],
        input=seeds["003"].read_bytes(),
        capture_output=True,
        cwd=ROOT,
        env=cli_env(),
        timeout=120,
        check=False,
        start_new_session=True,
    )
    assert proc.returncode == 2
    line = proc.stderr.decode()
    assert line.startswith("paradiff: error: -: no terminal to run the app on")
    assert line.count("\n") == 1
    assert "no such file" not in line


def _read_until(fd: int, wanted: bytes, deadline: float, eof: bool = False) -> bytes:
    """Read the terminal's output until ``wanted`` shows (the deadline only guards
    against a hang; nothing waits for time to pass). With ``eof``, the end of the output
    (the child closed the terminal) is what is waited for."""
    seen = b""
    while wanted not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"{wanted!r} never appeared; last output: {seen[-400:]!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the terminal closed: the child ended
                break
            if not chunk:
                break
            seen += chunk
    assert eof or wanted in seen, f"the terminal closed before {wanted!r}: {seen[-400:]!r}"
    return seen


@pytest.mark.slow
def test_app_diffs_standard_input_and_keeps_the_keyboard(seeds: dict[str, Path]) -> None:
    """``paradiff A -`` in a terminal with a file piped in: the app shows the diff (B's own
    paragraph is on screen) and still answers the keyboard (``q`` quits, status 0)."""
    pipe_read, pipe_write = os.pipe()
    pid, terminal = pty.fork()
    if pid == 0:  # the child: standard input is the pipe, the terminal stays controlling
        try:
            os.dup2(pipe_read, 0)
            os.close(pipe_read)
            os.close(pipe_write)
            env = cli_env(TERM="xterm-256color", COLUMNS="160", LINES="48")
            env.pop("NO_COLOR", None)
            os.chdir(ROOT)
            command = cli_command()
            os.execvpe(command[0], [*command, str(seeds["002"]), "-"], env)
        finally:
            os._exit(127)  # never run the test suite's code in the child
    os.close(pipe_read)
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    try:
        os.write(pipe_write, seeds["003"].read_bytes())
        os.close(pipe_write)
        deadline = time.monotonic() + 120
        _read_until(terminal, b"avoiding", deadline)  # a word only B (stdin) has, at the top
        os.write(terminal, b"q")
        _read_until(terminal, b"\x1b[?1049l", deadline)  # the app left the screen
        _read_until(terminal, b"never printed: read until the terminal closes", deadline, eof=True)
        _, status = os.waitpid(pid, 0)  # the terminal closed: the child has ended
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(terminal)
