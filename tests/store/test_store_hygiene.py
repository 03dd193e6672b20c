"""Store hygiene with real processes: the temporary file of a killed save is removed once
old enough (and only it), and a rename racing a delete never brings the snapshot back.
Processes are synchronised by events, never by sleeping."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli_command, cli_env
from tests.diff_samples import sample
from tui.store import SnapshotNotFound, SnapshotStore
from tui.store.store import STALE_TEMP_SECONDS, TEMP_PREFIX

GENEROUS = 120  # seconds; only reached when something is broken

KILLED_SAVER = """
import os, signal, sys
from tests.diff_samples import sample
from tui.store import SnapshotStore

def die(fd):  # the payload is written; the process dies before the rename
    os.kill(os.getpid(), signal.SIGKILL)

os.fsync = die
SnapshotStore(sys.argv[1]).save(sample(), "killed")
"""


def _temporary_files(store: SnapshotStore) -> list[str]:
    return sorted(n for n in os.listdir(store.folder) if n.startswith(TEMP_PREFIX))


def _age(path: Path, seconds: float) -> None:
    moment = time.time() - seconds
    os.utime(path, (moment, moment))


@pytest.mark.slow
def test_the_temporary_file_of_a_killed_save_is_removed_once_stale(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    kept = store.save(sample(), "kept")
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_SAVER, str(tmp_path)],
        cwd=ROOT,
        env=cli_env(),
        timeout=GENEROUS,
        check=False,
    )
    assert proc.returncode == -signal.SIGKILL
    (left,) = _temporary_files(store)
    store.list()
    assert _temporary_files(store) == [left], "a fresh temporary file may be a live save's"
    _age(store.folder / left, STALE_TEMP_SECONDS + 60)
    listed = subprocess.run(
        [*cli_command(), "snapshots", "list"],
        capture_output=True,
        cwd=ROOT,
        env=cli_env(PARADIFF_DATA_DIR=str(tmp_path)),
        timeout=GENEROUS,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert _temporary_files(store) == []
    assert [e.id for e in store.list()] == [kept.id]


def test_only_the_stores_own_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    store.save(sample(), "kept")
    folder = store.folder
    names = {
        "stale": ".tmp-0123456789ab.json",
        "fresh": ".tmp-ba9876543210.json",
        "not ours": ".tmp-notours.json",
        "a user's": "notes.tmp",
    }
    for name in names.values():
        (folder / name).write_text("{}")
    (folder / ".tmp-aaaaaaaaaaaa.json").mkdir()  # the right name, but a folder
    os.symlink(folder / names["a user's"], folder / ".tmp-bbbbbbbbbbbb.json")
    for name in (names["stale"], names["not ours"], names["a user's"], ".tmp-aaaaaaaaaaaa.json"):
        _age(folder / name, STALE_TEMP_SECONDS + 60)
    os.utime(
        folder / ".tmp-bbbbbbbbbbbb.json",
        (time.time() - 2 * STALE_TEMP_SECONDS,) * 2,
        follow_symlinks=False,
    )
    removed = store.remove_stale_temporary_files()
    assert [p.name for p in removed] == [names["stale"]]
    left = set(os.listdir(folder))
    assert names["stale"] not in left
    assert {names["fresh"], names["not ours"], names["a user's"]} <= left
    assert {".tmp-aaaaaaaaaaaa.json", ".tmp-bbbbbbbbbbbb.json"} <= left


# ---------------------------------------------------------------------------
# Rename racing delete
# ---------------------------------------------------------------------------

_CONTEXT = multiprocessing.get_context("fork")


def _rename_pausing_in_its_window(
    root: str, snapshot_id: str, in_window: object, go_on: object, result: object
) -> None:
    """Rename, pausing after the file was read and before it is written again (where the
    old code lost the race) until told to go on."""
    import tui.store.store as store_module

    write = store_module.write_atomically

    def paused_write(*args: object, **kwargs: object) -> None:
        in_window.set()  # type: ignore[attr-defined]
        go_on.wait(GENEROUS)  # type: ignore[attr-defined]
        write(*args, **kwargs)  # type: ignore[arg-type]

    store_module.write_atomically = paused_write
    try:
        SnapshotStore(root).rename(snapshot_id, "renamed")
        result.put("renamed")  # type: ignore[attr-defined]
    except SnapshotNotFound as exc:
        result.put(f"not found: {exc}")  # type: ignore[attr-defined]


def _delete_when_told(
    root: str, snapshot_id: str, start: object, started: object, result: object
) -> None:
    start.wait(GENEROUS)  # type: ignore[attr-defined]
    started.set()  # type: ignore[attr-defined]
    SnapshotStore(root).delete(snapshot_id)
    result.put("deleted")  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_delete_during_a_rename_is_never_undone(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    info = store.save(sample(), "raced")
    in_window, started = _CONTEXT.Event(), _CONTEXT.Event()
    renamed, deleted = _CONTEXT.Queue(), _CONTEXT.Queue()
    renamer = _CONTEXT.Process(
        target=_rename_pausing_in_its_window,
        args=(str(tmp_path), info.id, in_window, started, renamed),
    )
    deleter = _CONTEXT.Process(
        target=_delete_when_told, args=(str(tmp_path), info.id, in_window, started, deleted)
    )
    renamer.start()
    deleter.start()
    # The delete starts while the rename sits between its read and its write.
    assert deleted.get(timeout=GENEROUS) == "deleted"
    assert renamed.get(timeout=GENEROUS) == "renamed"
    renamer.join(GENEROUS)
    deleter.join(GENEROUS)
    assert not info.file.exists(), "the rename brought the deleted snapshot back"
    assert store.list() == []


def _rename_after_delete(
    root: str, snapshot_id: str, resolved: object, deleted: object, result: object
) -> None:
    """Rename, pausing once the id is resolved until the snapshot has been deleted."""
    store = SnapshotStore(root)
    resolve = store.resolve

    def paused_resolve(key: str) -> str:
        full = resolve(key)
        resolved.set()  # type: ignore[attr-defined]
        deleted.wait(GENEROUS)  # type: ignore[attr-defined]
        return full

    store.resolve = paused_resolve  # type: ignore[method-assign]
    try:
        store.rename(snapshot_id, "renamed")
        result.put("renamed")  # type: ignore[attr-defined]
    except SnapshotNotFound as exc:
        result.put(str(exc))  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_rename_of_a_deleted_snapshot_fails_cleanly(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path)
    info = store.save(sample(), "raced")
    resolved, deleted = _CONTEXT.Event(), _CONTEXT.Event()
    outcome = _CONTEXT.Queue()
    renamer = _CONTEXT.Process(
        target=_rename_after_delete, args=(str(tmp_path), info.id, resolved, deleted, outcome)
    )
    renamer.start()
    assert resolved.wait(GENEROUS)
    store.delete(info.id)
    deleted.set()
    assert outcome.get(timeout=GENEROUS) == f"snapshot {info.id[:8]} was deleted"
    renamer.join(GENEROUS)
    assert not info.file.exists()


@pytest.mark.slow
def test_rename_and_delete_commands_at_once_never_resurrect(tmp_path: Path) -> None:
    """The audit's trial, with real commands started together (no pause anywhere)."""
    for trial in range(6):
        store = SnapshotStore(tmp_path / f"t{trial}")
        info = store.save(sample(), "raced")
        env = cli_env(PARADIFF_DATA_DIR=str(store.root))
        commands = (["rename", info.id, "renamed"], ["delete", info.id])
        procs = [
            subprocess.Popen(
                [*cli_command(), "snapshots", *c],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for c in commands
        ]
        (_, rename_err), (_, delete_err) = (p.communicate(timeout=GENEROUS) for p in procs)
        assert procs[1].returncode == 0, delete_err
        assert not info.file.exists(), f"trial {trial}: resurrected ({rename_err})"
        assert "Traceback" not in rename_err and rename_err.count("\n") <= 1
