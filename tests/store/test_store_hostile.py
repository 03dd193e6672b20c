"""Hostile snapshot files: crafted contents, numbers JSON cannot round-trip, dates at the
ends of time, and things that are not files at all in the snapshots folder. Each is
listed as unreadable with its reason and never opened; nothing raises, nothing hangs."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli_command, cli_env
from tests.diff_samples import sample
from tests.sources.hang_guard import call_without_hanging
from tests.store.crafted import (
    BAD_NUMBERS,
    CRAFTED,
    saved_document,
    setter,
    with_raw_similarity,
    write_document,
)
from tui.cli import main
from tui.engine.model import DiffResult, Stats
from tui.export import FORMATS, ExportError, render
from tui.store import (
    SnapshotInfo,
    SnapshotStore,
    SnapshotUnreadable,
    StoreWriteError,
    Unreadable,
)
from tui.store.store import MAX_SNAPSHOT_BYTES

TIME_ZONES = ("Pacific/Kiritimati", "Etc/GMT+12", "UTC")


@pytest.fixture
def store(tmp_path: Path) -> SnapshotStore:
    return SnapshotStore(tmp_path / "data")


def _unreadable(store: SnapshotStore) -> list[Unreadable]:
    return [e for e in store.list() if isinstance(e, Unreadable)]


def _run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _assert_refused_everywhere(
    store: SnapshotStore, snapshot_id: str, word: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Listed as unreadable with a reason holding ``word``; never opened or shown."""
    (bad,) = _unreadable(store)
    assert bad.id == snapshot_id and word.lower() in bad.reason.lower(), bad.reason
    with pytest.raises(SnapshotUnreadable, match="unreadable"):
        store.load(snapshot_id)
    data = ["--data-dir", str(store.root)]
    code, out, err = _run_main(["snapshots", "list", *data], capsys)
    assert code == 0 and "unreadable" in out and "Traceback" not in err
    code, out, _ = _run_main(["snapshots", "list", "--json", *data], capsys)
    assert code == 0 and json.loads(out)["unreadable"][0]["id"] == snapshot_id
    for fmt in FORMATS:
        code, out, err = _run_main(["snapshots", "show", snapshot_id, "-f", fmt, *data], capsys)
        assert (code, out) == (2, ""), fmt
        assert err.startswith("paradiff: error: ") and err.count("\n") == 1, err
        assert "internal error" not in err


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_snapshot_is_unreadable_with_its_reason(
    case: str, store: SnapshotStore, capsys: pytest.CaptureFixture[str]
) -> None:
    snapshot_id, file, doc = saved_document(store)
    mutate, word = CRAFTED[case]
    mutate(doc)
    write_document(file, doc)
    _assert_refused_everywhere(store, snapshot_id, word, capsys)


@pytest.mark.parametrize("raw", sorted(BAD_NUMBERS))
def test_numbers_json_cannot_round_trip_are_refused(
    raw: str, store: SnapshotStore, capsys: pytest.CaptureFixture[str]
) -> None:
    snapshot_id, file, doc = saved_document(store)
    with_raw_similarity(file, doc, raw)
    _assert_refused_everywhere(store, snapshot_id, BAD_NUMBERS[raw], capsys)


def test_a_huge_integer_anywhere_is_refused(store: SnapshotStore) -> None:
    _snapshot_id, file, doc = saved_document(store)
    text = json.dumps(doc).replace('"rows": [{"kind"', '"rows": [{"x": 1' + "0" * 400 + ', "kind"')
    file.write_text(text, "utf-8")
    (bad,) = _unreadable(store)
    assert "out of range" in bad.reason


@pytest.fixture
def time_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test in the time zone ``request.param`` (process-wide, restored after)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize("time_zone", TIME_ZONES, indirect=True)
@pytest.mark.parametrize("created", ["0001-01-02T00:00:00+00:00", "9999-12-30T23:59:59Z"])
def test_the_earliest_and_latest_dates_show_in_every_time_zone(
    created: str, time_zone: str, store: SnapshotStore, capsys: pytest.CaptureFixture[str]
) -> None:
    snapshot_id, file, doc = saved_document(store)
    setter("created", value=created)(doc)
    write_document(file, doc)
    (info,) = store.list()
    assert isinstance(info, SnapshotInfo)
    assert info.created.utcoffset().total_seconds() == 0
    assert info.created_local.split("-")[0].lstrip("0 ") in {"1", "9999"}
    code, out, err = _run_main(["snapshots", "list", "--data-dir", str(store.root)], capsys)
    assert code == 0 and snapshot_id[:8] in out, err
    code, out, err = _run_main(
        ["snapshots", "list", "--json", "--data-dir", str(store.root)], capsys
    )
    assert json.loads(out)["snapshots"][0]["created"].endswith("Z")


@pytest.mark.parametrize("time_zone", TIME_ZONES, indirect=True)
@pytest.mark.parametrize("created", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_dates_beyond_any_time_zone_are_refused(
    created: str, time_zone: str, store: SnapshotStore
) -> None:
    snapshot_id, file, doc = saved_document(store)
    setter("created", value=created)(doc)
    write_document(file, doc)
    (bad,) = _unreadable(store)
    assert bad.id == snapshot_id and "created" in bad.reason


def _with_similarity(result: DiffResult, value: float) -> DiffResult:
    stats = result.stats
    bad = Stats(stats.a, stats.b, stats.rows, stats.facts, value)
    return DiffResult(result.a, result.b, result.rows, bad, result.warnings)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_json_output_never_holds_nan_or_infinity(value: float, store: SnapshotStore) -> None:
    bad = _with_similarity(sample(), value)
    with pytest.raises(ExportError, match="JSON"):
        render(bad, "json")
    with pytest.raises(StoreWriteError, match="cannot save"):
        store.save(bad, "nan")
    assert store.list() == []


# ---------------------------------------------------------------------------
# Things that are not snapshot files, in the snapshots folder
# ---------------------------------------------------------------------------

HAZARDS = ("fifo", "device", "link", "folder", "sparse")


def _plant_hazards(store: SnapshotStore) -> dict[str, str]:
    """A good snapshot, and beside it one hazard per kind, each named like a snapshot."""
    good = store.save(sample(), "good")
    elsewhere = store.root / "elsewhere.json"
    elsewhere.write_bytes(good.file.read_bytes())
    ids = {kind: f"{n:x}" * 32 for n, kind in enumerate(HAZARDS, start=10)}
    paths = {kind: store.path_for(i) for kind, i in ids.items()}
    os.mkfifo(paths["fifo"])
    os.symlink("/dev/zero", paths["device"])
    os.symlink(elsewhere, paths["link"])
    paths["folder"].mkdir()
    with open(paths["sparse"], "wb") as handle:
        handle.truncate(MAX_SNAPSHOT_BYTES + 1)  # sparse: costs no disk
    return {"good": good.id, **ids}


REASONS = {
    "fifo": "named pipe",
    "device": "symbolic link",
    "link": "symbolic link",
    "folder": "folder",
    "sparse": "too large",
}


def test_fifos_devices_links_and_huge_files_are_never_opened(store: SnapshotStore) -> None:
    ids = _plant_hazards(store)
    fifo = store.path_for(ids["fifo"])
    entries = call_without_hanging(store.list, [fifo])
    assert [e.id for e in entries if isinstance(e, SnapshotInfo)] == [ids["good"]]
    reasons = {e.id: e.reason for e in entries if isinstance(e, Unreadable)}
    for kind in HAZARDS:
        assert REASONS[kind] in reasons[ids[kind]], (kind, reasons[ids[kind]])
        with pytest.raises(SnapshotUnreadable, match=REASONS[kind]):
            call_without_hanging(lambda i=ids[kind]: store.load(i), [fifo])
        with pytest.raises(SnapshotUnreadable):
            call_without_hanging(lambda i=ids[kind]: store.rename(i, "x"), [fifo])
    assert store.load(ids["good"]).result == sample()
    call_without_hanging(lambda: store.delete(ids["fifo"]), [fifo])
    assert not os.path.lexists(fifo)


def _cli(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cli_command(), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=cli_env(PARADIFF_DATA_DIR=str(data_dir)),
        timeout=120,  # only fires on failure: a hang
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.slow
def test_the_command_line_never_hangs_on_hazards(store: SnapshotStore) -> None:
    ids = _plant_hazards(store)
    listed = _cli(["snapshots", "list"], store.root)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("unreadable:") == len(HAZARDS)
    assert "named pipe" in listed.stdout and "too large" in listed.stdout
    as_json = json.loads(_cli(["snapshots", "list", "--json"], store.root).stdout)
    assert len(as_json["unreadable"]) == len(HAZARDS)
    for kind in HAZARDS:
        for args in (
            ["show", ids[kind]],
            ["show", ids[kind], "-f", "json"],
            ["rename", ids[kind], "n"],
        ):
            proc = _cli(["snapshots", *args], store.root)
            assert proc.returncode == 2 and proc.stdout == "", (kind, args)
            assert proc.stderr.count("\n") == 1 and REASONS[kind] in proc.stderr, proc.stderr
    shown = _cli(["snapshots", "show", ids["good"]], store.root)
    assert shown.returncode == 0 and shown.stdout
