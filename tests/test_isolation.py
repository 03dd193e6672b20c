"""No test reaches the user's real data: every user folder points into a temporary home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs

from tests.conftest import REAL_HOME, ROOT, USER_FOLDER_VARIABLES, cli_env
from tui.store import SnapshotStore


def test_user_folders_are_temporary(isolated_user_folders: Path) -> None:
    home = isolated_user_folders
    assert str(home) != REAL_HOME and Path.home() == home
    for variable, folder in USER_FOLDER_VARIABLES.items():
        assert os.environ[variable] == str(home / folder)
    assert platformdirs.user_data_path("paradiff").is_relative_to(home)
    assert SnapshotStore().folder.is_relative_to(home)


def test_subprocesses_inherit_the_temporary_home(isolated_user_folders: Path) -> None:
    code = "import tui.store as s; print(s.SnapshotStore().folder)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=cli_env(),  # drops PARADIFF_*: the default folder is used, under the fake home
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert Path(out.stdout.strip()).is_relative_to(isolated_user_folders)
