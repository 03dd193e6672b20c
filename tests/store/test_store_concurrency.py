"""Concurrent saves never overwrite each other: threads, and separate processes."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.diff_samples import sample
from tui.store import SnapshotInfo, SnapshotStore

REPO = Path(__file__).resolve().parents[2]

SAVER = """
import sys
from tests.diff_samples import sample
from tui.store import SnapshotStore
store = SnapshotStore(sys.argv[1])
for n in range(int(sys.argv[2])):
    print(store.save(sample(), f"{sys.argv[3]}-{n}").id, flush=True)
"""


@pytest.mark.slow
def test_threads_saving_at_once(tmp_path: Path) -> None:
    shared = SnapshotStore(tmp_path)

    def save(n: int) -> str:
        store = shared if n % 2 else SnapshotStore(tmp_path)  # one store and many
        return store.save(sample(), f"thread {n}").id

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(save, range(80)))
    assert len(set(ids)) == 80
    entries = shared.list()
    assert all(isinstance(e, SnapshotInfo) for e in entries)
    assert sorted(e.id for e in entries) == sorted(ids)
    assert sorted(e.name for e in entries) == sorted(f"thread {n}" for n in range(80))
    assert not [n for n in os.listdir(shared.folder) if n.startswith(".tmp-")]


@pytest.mark.slow
def test_processes_saving_at_once(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SAVER, str(tmp_path), "10", f"p{k}"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    ids = []
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        ids += out.split()
    assert len(set(ids)) == 40
    entries = SnapshotStore(tmp_path).list()
    assert sorted(e.id for e in entries) == sorted(ids)
    assert all(isinstance(e, SnapshotInfo) for e in entries)
    for entry in entries:
        assert SnapshotStore(tmp_path).load(entry.id).result == sample()
