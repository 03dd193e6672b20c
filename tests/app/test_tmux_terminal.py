"""End to end in a real terminal (tmux): hostile file names never reach it as escapes.

The app runs in a detached tmux pane; a file named with an OSC 0 (window title), an OSC 52
(clipboard) and a clear-screen sequence is shown in a notification, the browser and the
save dialog. The pane title must not change, no tmux buffer (clipboard) may appear, the
screen must not be cleared, and the names must show as control pictures. Quitting with a
named pipe in the folder ends the process. Skipped where tmux is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.app.test_hostile_names import HOSTILE, hostile_folder

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

#: Polls of the pane before a wait gives up (each after a short sleep, for tmux to draw).
POLLS = 600


def paradiff_command() -> str:
    script = Path(sys.executable).parent / "paradiff"
    return str(script) if script.exists() else f"{sys.executable} -m tui"


class Pane:
    """One tmux server (own socket) with one pane running a command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def title(self) -> str:
        return self.tmux("display", "-p", "-t", "app", "#{pane_title}").strip()

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "app", *keys)

    def wait_for(self, condition: Callable[[str], bool], what: str) -> str:
        """Poll the pane until ``condition(screen)``; a bounded number of polls."""
        for _ in range(POLLS):
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.05)  # let tmux draw: the condition, not the time, decides
        raise AssertionError(f"the pane never showed {what}:\n{self.screen()}")


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[Callable[[str, Path], Pane]]:
    sockets: list[str] = []

    def start(args: str, cwd: Path) -> Pane:
        socket = f"paradiff-test-{uuid.uuid4().hex[:8]}"
        sockets.append(socket)
        pane = Pane(socket)
        env = f"PARADIFF_DATA_DIR={tmp_path / 'data'}"
        command = f"cd '{cwd}' && {env} {paradiff_command()} {args}; echo EXITED $?; sleep 60"
        pane.tmux("-f", os.devnull, "new-session", "-d", "-s", "app", "-x", "120", "-y", "40")
        pane.tmux("set-option", "-t", "app", "set-clipboard", "on")
        pane.tmux("respawn-pane", "-k", "-t", "app", command)
        return pane

    yield start
    for socket in sockets:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)


@pytest.mark.slow
def test_hostile_names_never_reach_the_terminal(
    tmp_path: Path, pane: Callable[[str, Path], Pane]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    hostile_folder(folder)
    shown = "␛]0;PWNTITLE␇␛]52;c;SGVsbG8=␇␛[2J"
    term = pane("ok.txt x*.txt", folder)
    title = term.title()
    screen = term.wait_for(lambda s: "Cannot diff" in s, "the Cannot diff notification")
    term.wait_for(lambda s: shown in s.replace("\n", ""), "the name as control pictures")
    assert "A original" in screen  # the browser is still drawn: nothing cleared it
    term.keys("q")
    term.wait_for(lambda s: "EXITED" in s, "the app quitting")
    # The diff of the hostile text file: header, then the save dialog's proposed name.
    term = pane("ok.txt y*.txt", folder)
    term.wait_for(lambda s: "similar" in s, "the diff")
    term.keys("C-s")
    term.wait_for(lambda s: "Save this diff" in s and "PWNTITLE" in s, "the save dialog")
    term.keys("Escape")
    term.wait_for(lambda s: "Save this diff" not in s, "the save dialog closing")
    term.keys("q")
    term.wait_for(lambda s: "EXITED 0" in s, "the app quitting")
    assert term.title() == title != "PWNTITLE"
    assert term.tmux("list-buffers") == ""  # no OSC 52 reached the clipboard
    assert HOSTILE not in term.screen()


@pytest.mark.slow
def test_quitting_never_waits_on_a_named_pipe(
    tmp_path: Path, pane: Callable[[str, Path], Pane]
) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    (tmp_path / "ok.txt").write_text("Hello.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    term = pane(".", tmp_path)
    term.wait_for(lambda s: "named pipe" in s, "the named pipe greyed with its reason")
    term.keys("Down", "Down", "a")
    term.wait_for(lambda s: "Cannot pick" in s, "the pick refused")
    term.keys("q")
    term.wait_for(lambda s: "EXITED 0" in s, "the app quitting")


@pytest.mark.slow
def test_two_articles_read_ahead_open_the_diff_and_leave_no_process(
    tmp_path: Path, pane: Callable[[str, Path], Pane]
) -> None:
    """``paradiff A B`` reads and aligns them in forked processes while the app starts
    (issue 13): the diff shows, and quitting leaves none of those processes behind."""
    folder = tmp_path / f"ahead-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met.\n\nIt rained.\n", encoding="utf-8")
    (folder / "b.txt").write_text("The committee met.\n\nIt rained.\n", encoding="utf-8")
    term = pane(f"{folder / 'a.txt'} {folder / 'b.txt'}", folder)
    term.wait_for(lambda s: "similar" in s and "committee" in s, "the diff")
    term.keys("q")
    term.wait_for(lambda s: "EXITED 0" in s, "the app quitting")
    # Python processes naming the folder (not the pane's shell, which names it too).
    python = f"^[^ ]*python[^ ]* .*{folder}"
    left = subprocess.run(["pgrep", "-f", python], capture_output=True, text=True, check=False)
    assert left.stdout == "", f"processes left behind: {left.stdout}"
