"""The snapshot store through its API, in temporary folders."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.diff_samples import build, eq, hostile, sample
from tui import __version__
from tui.engine import DiffOptions
from tui.engine.model import Article, Span
from tui.sources import bytes_sha256, diff_sources, source_info
from tui.store import (
    SCHEMA_VERSION,
    AmbiguousId,
    SnapshotInfo,
    SnapshotNotFound,
    SnapshotStore,
    SnapshotUnreadable,
    StoreError,
    StoreWriteError,
    Unreadable,
    check_sources,
    default_snapshot_name,
    origin_note,
)
from tui.store.store import LOCK_NAME

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path) -> SnapshotStore:
    return SnapshotStore(tmp_path / "data")


def _files(store: SnapshotStore) -> list[str]:
    """The files of the snapshots folder, but for the store's lock file."""
    names = os.listdir(store.folder) if store.folder.exists() else []
    return sorted(n for n in names if n != LOCK_NAME)


# ---------------------------------------------------------------------------
# Where the store lives
# ---------------------------------------------------------------------------


def test_nothing_is_created_until_the_first_save(tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "data")
    assert store.list() == []
    assert not (tmp_path / "data").exists()
    store.save(sample(), "first")
    assert store.folder == tmp_path / "data" / "snapshots"
    assert store.folder.is_dir()


def test_env_var_and_argument_choose_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARADIFF_DATA_DIR", str(tmp_path / "env"))
    assert SnapshotStore().folder == tmp_path / "env" / "snapshots"
    assert SnapshotStore(tmp_path / "arg").folder == tmp_path / "arg" / "snapshots"


def test_import_and_listing_create_no_folder(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("PARADIFF_DATA_DIR", None)
    code = "import tui.store as s; print(s.SnapshotStore().folder); print(s.SnapshotStore().list())"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.splitlines() == [str(tmp_path / "xdg" / "paradiff" / "snapshots"), "[]"]
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------
# Round trip
# ---------------------------------------------------------------------------


def _write_sources(tmp_path: Path) -> tuple[Article, Article, bytes, bytes]:
    result = sample()
    data_a = "\n\n".join(result.a.paragraphs).encode()
    data_b = "\r\n\r\n".join(result.b.paragraphs).encode()
    (tmp_path / "a.txt").write_bytes(data_a)
    (tmp_path / "b.txt").write_bytes(data_b)
    a = Article(str(tmp_path / "a.txt"), "utf-8", result.a.paragraphs)
    b = Article(str(tmp_path / "b.txt"), "utf-8", result.b.paragraphs)
    return a, b, data_a, data_b


def test_round_trip_is_exact_and_self_contained(store: SnapshotStore, tmp_path: Path) -> None:
    a, b, data_a, data_b = _write_sources(tmp_path)
    result = sample()
    result = type(result)(a, b, result.rows, result.stats, ("a warning",))
    sources = (source_info(a), source_info(b))
    assert sources[0].sha256 == bytes_sha256(data_a)
    assert sources[1].sha256 == bytes_sha256(data_b)
    assert sources[1].size == len(data_b)
    moment = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
    info = store.save(
        result, "  my\nname ", " a note ", sources=sources, options=DiffOptions(), now=moment
    )
    assert info.name == "my name" and info.note == "a note"
    assert len(info.id) == 32
    assert _files(store) == [f"{info.id}.json"]

    doc = json.loads((store.folder / f"{info.id}.json").read_text("utf-8"))
    assert doc["format"] == "paradiff-snapshot"
    assert doc["schema"] == SCHEMA_VERSION
    assert doc["created"] == "2026-11-23T14:05:00Z"
    assert doc["paradiff_version"] == __version__
    assert doc["sources"]["a"]["sha256"] == bytes_sha256(data_a)
    assert doc["options"] == {
        "detect_moves": True,
        "word_deadline": DiffOptions().word_deadline,
        "paragraphs": "auto",
        "whitespace": False,
    }
    assert doc["result"]["format"] == "paradiff-diff"

    # The sources vanish: the snapshot still opens, exactly as saved.
    (tmp_path / "a.txt").unlink()
    (tmp_path / "b.txt").write_text("edited")
    loaded = store.load(info.id)
    assert loaded.result == result
    assert loaded.info == info
    assert loaded.options == doc["options"]
    checks = check_sources(loaded.info)
    assert [(c.side, c.state) for c in checks] == [("A", "vanished"), ("B", "changed")]
    assert origin_note(loaded.info, checks).endswith(" · A vanished · B changed since")


def test_unchanged_sources_and_unknown_hashes(store: SnapshotStore, tmp_path: Path) -> None:
    a, b, _, _ = _write_sources(tmp_path)
    result = sample()
    info = store.save(result, "x", sources=(source_info(a), source_info(b)))
    assert [c.state for c in check_sources(info)] == ["unchanged", "unchanged"]
    assert origin_note(info, check_sources(info)).endswith("· sources unchanged")
    # No file behind the paths ("a.txt" relative, not there): nothing to compare.
    info2 = store.save(result, "y")
    assert [c.state for c in check_sources(info2)] == ["unknown", "unknown"]


def test_source_info_does_not_hash_a_file_that_changed_since_the_diff(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Something else entirely.")
    info = source_info(Article(str(path), "utf-8", ("Original text.",)))
    assert info.sha256 is None and info.abspath == str(path)
    assert source_info(Article("-", "utf-8", ("stdin",))).sha256 is None


@pytest.mark.parametrize("mode", ["blank", "line"])
def test_sources_are_split_again_by_the_recorded_paragraph_rule(
    store: SnapshotStore, tmp_path: Path, mode: str
) -> None:
    """Saving without source records hashes a file only if it still splits into the
    diffed paragraphs, split by the rule the diff used (not the default one)."""
    wrapped = textwrap.fill("The council met to discuss the harbour plan and its budget. " * 6, 50)
    path_a, path_b = tmp_path / "a.txt", tmp_path / "b.txt"
    path_a.write_text(f"{wrapped}\n\nShort one.\nShort two.\n")
    path_b.write_text(f"{wrapped}\n\nShort one.\nShort three.\n")
    options = DiffOptions(paragraphs=mode)  # type: ignore[arg-type]
    result = diff_sources(str(path_a), str(path_b), options).result
    info = store.save(result, "x", options=options)
    assert [c.state for c in check_sources(info)] == ["unchanged", "unchanged"]
    assert store.load(info.id).options["paragraphs"] == mode


def test_hostile_text_round_trips(store: SnapshotStore) -> None:
    result = hostile()
    info = store.save(result, "[bold]x[/bold] \x1b[31m")
    assert store.load(info.id).result == result
    assert store.load(info.id).info.name == "[bold]x[/bold] \x1b[31m"


def test_lone_surrogates_are_kept(store: SnapshotStore) -> None:
    result = build([("changed", [0], [0], [eq("bad \ud800 "), Span("minor", "a", "A")])])
    info = store.save(result, "s")
    assert store.load(info.id).result == result


def test_default_name() -> None:
    result = build(
        [("equal", [0], [0], [eq("x")])],
        a_path="seeds/002_ea469877a8e8ba82.txt",
        b_path="seeds/003_63081724c1bcbc33.txt",
    )
    moment = datetime(2026, 11, 23, 14, 5, tzinfo=UTC).astimezone()
    assert default_snapshot_name(result, moment) == f"002 vs 003, {moment:%Y-%m-%d %H:%M}"


def test_list_is_newest_first(store: SnapshotStore) -> None:
    old = store.save(sample(), "old", now=datetime(2026, 1, 1, tzinfo=UTC))
    new = store.save(sample(), "new", now=datetime(2026, 6, 1, tzinfo=UTC))
    assert [e.id for e in store.list()] == [new.id, old.id]


# ---------------------------------------------------------------------------
# Ids, prefixes, names
# ---------------------------------------------------------------------------


def _copy_as(store: SnapshotStore, source_id: str, new_id: str) -> None:
    shutil.copyfile(store.folder / f"{source_id}.json", store.folder / f"{new_id}.json")


def test_prefix_and_name_lookup(store: SnapshotStore) -> None:
    info = store.save(sample(), "the one")
    # The copies' ids share a first letter that the random id does not start with.
    x = "e" if info.id.startswith("a") else "a"
    _copy_as(store, info.id, x + "bc" + "0" * 29)
    _copy_as(store, info.id, x + "bd" + "0" * 29)
    assert store.resolve(x + "bc") == x + "bc" + "0" * 29
    assert store.resolve((x + "bd").upper()) == x + "bd" + "0" * 29
    with pytest.raises(
        AmbiguousId, match=rf"id prefix '{x}b' matches 2 snapshots .*more characters"
    ):
        store.resolve(x + "b")
    with pytest.raises(SnapshotNotFound, match="no snapshot with id or name 'zz'"):
        store.resolve("zz")
    with pytest.raises(AmbiguousId, match="3 snapshots are named 'the one'"):
        store.resolve("the one")
    store.delete(x + "bc")
    store.delete(x + "bd")
    assert store.resolve("the one") == info.id
    assert store.load(info.id[:5]).info.id == info.id
    assert store.short_id(info.id) == info.id[:8]


@pytest.mark.parametrize("bad", ["", "../etc/passwd", "A" * 32, "g" * 32, "0" * 31, "0" * 33])
def test_paths_come_only_from_valid_ids(store: SnapshotStore, bad: str) -> None:
    with pytest.raises(SnapshotNotFound):
        store.path_for(bad)


def test_a_stored_id_is_never_trusted(store: SnapshotStore) -> None:
    info = store.save(sample(), "x")
    path = store.folder / f"{info.id}.json"
    doc = json.loads(path.read_text())
    doc["id"] = "../../escape"
    path.write_text(json.dumps(doc))
    assert store.load(info.id).info.id == info.id
    store.rename(info.id, "renamed")
    assert _files(store) == [f"{info.id}.json"]


# ---------------------------------------------------------------------------
# Rename and delete
# ---------------------------------------------------------------------------


def test_rename_rewrites_only_the_name(store: SnapshotStore) -> None:
    info = store.save(sample(), "before", "note")
    renamed = store.rename(info.id[:6], "after")
    assert renamed.name == "after" and renamed.note == "note" and renamed.id == info.id
    loaded = store.load(info.id)
    assert loaded.result == sample()
    assert loaded.info.created == info.created
    assert [e.name for e in store.list() if isinstance(e, SnapshotInfo)] == ["after"]
    assert _files(store) == [f"{info.id}.json"]
    with pytest.raises(StoreError, match="cannot be empty"):
        store.rename(info.id, "  ")


def test_delete(store: SnapshotStore) -> None:
    keep = store.save(sample(), "keep")
    gone = store.save(sample(), "gone")
    store.delete(gone.id)
    assert [e.id for e in store.list()] == [keep.id]
    with pytest.raises(SnapshotNotFound):
        store.delete(gone.id)
    with pytest.raises(SnapshotNotFound):
        store.load(gone.id)


# ---------------------------------------------------------------------------
# Bad files
# ---------------------------------------------------------------------------


def _good_doc(store: SnapshotStore) -> dict:
    info = store.save(sample(), "template")
    path = store.folder / f"{info.id}.json"
    doc = json.loads(path.read_text())
    path.unlink()
    return doc


def _corrupt_kinds(store: SnapshotStore) -> dict[str, tuple[bytes, str]]:
    doc = _good_doc(store)
    whole = json.dumps(doc).encode()

    def without(*keys: str) -> bytes:
        d = json.loads(whole)
        target = d
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]
        return json.dumps(d).encode()

    def with_(key: str, value: object) -> bytes:
        d = json.loads(whole)
        d[key] = value
        return json.dumps(d).encode()

    future = with_("schema", SCHEMA_VERSION + 1)
    bad_index = json.loads(whole)
    bad_index["result"]["rows"][0]["a"] = [999]
    return {
        "not json": (b"hello, world", "not valid JSON"),
        "truncated": (whole[: len(whole) // 2], "truncated JSON"),
        "truncated in a string": (b'{"format": "paradiff-snap', "truncated JSON"),
        "truncated after a comma": (b'{"format": "paradiff-snapshot", ', "truncated JSON"),
        "empty": (b"", "empty file"),
        "not utf-8": (b"\xff\xfe\x00garbage", "not UTF-8"),
        "array": (b"[1, 2]", "not a JSON object"),
        "other format": (with_("format", "something"), "not a paradiff-snapshot file"),
        "missing name": (without("name"), "missing field 'name'"),
        "missing result": (without("result"), "missing field 'result'"),
        "missing sources": (without("sources"), "missing field 'sources'"),
        "missing result field": (without("result", "rows"), "bad diff result: result: missing"),
        "bad index": (json.dumps(bad_index).encode(), "bad paragraph index 999"),
        "future": (future, f"made by a newer paradiff (schema {SCHEMA_VERSION + 1}"),
        "deep": (b"[" * 200_000 + b"]" * 200_000, "not valid JSON"),
        "nan": (whole.replace(b'"schema": 1', b'"schema": NaN'), "not valid JSON"),
    }


def test_every_kind_of_bad_file_is_listed_unreadable_and_left_alone(store: SnapshotStore) -> None:
    kinds = _corrupt_kinds(store)
    good = store.save(sample(), "good")
    written: dict[str, tuple[str, bytes, str]] = {}
    for n, (label, (data, reason)) in enumerate(kinds.items()):
        snapshot_id = f"{n:032x}"
        (store.folder / f"{snapshot_id}.json").write_bytes(data)
        written[snapshot_id] = (label, data, reason)
    (store.folder / "notes.txt").write_text("not mine")
    (store.folder / ".tmp-abc.json").write_text("{")  # another process's save in progress

    entries = store.list()
    assert entries[0] == store.load(good.id).info
    bad = {e.id: e for e in entries if isinstance(e, Unreadable)}
    assert set(bad) == set(written)
    for snapshot_id, (label, data, reason) in written.items():
        assert reason in bad[snapshot_id].reason, (label, bad[snapshot_id].reason)
        assert "\n" not in bad[snapshot_id].reason
        assert (store.folder / f"{snapshot_id}.json").read_bytes() == data, label
        with pytest.raises(SnapshotUnreadable):
            store.load(snapshot_id)
    # Listing twice (cached) gives the same answer; nothing was touched.
    assert store.list() == entries
    assert len(_files(store)) == len(written) + 3


def test_a_file_rewritten_behind_the_store_is_read_again(store: SnapshotStore) -> None:
    info = store.save(sample(), "x")
    assert isinstance(store.list()[0], SnapshotInfo)
    (store.folder / f"{info.id}.json").write_text("{")
    entry = store.list()[0]
    assert isinstance(entry, Unreadable) and "truncated" in entry.reason


def test_unreadable_files_are_not_renamed_but_may_be_deleted(store: SnapshotStore) -> None:
    (store.folder).mkdir(parents=True)
    path = store.folder / ("f" * 32 + ".json")
    path.write_bytes(b"{broken")
    with pytest.raises(SnapshotUnreadable):
        store.rename("fff", "new")
    assert path.read_bytes() == b"{broken"
    store.delete("fff")
    assert not path.exists()


# ---------------------------------------------------------------------------
# Write failures: nothing already saved is lost, no partial file is visible
# ---------------------------------------------------------------------------


def test_interrupted_between_write_and_replace(
    store: SnapshotStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = store.save(sample(), "kept")
    before = _files(store)

    def crash(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(StoreWriteError, match=r"cannot save in .*: Input/output error"):
        store.save(sample(), "lost")
    with pytest.raises(StoreWriteError):
        store.rename(kept.id, "renamed")
    assert _files(store) == before

    def interrupt(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        store.save(sample(), "lost")
    monkeypatch.undo()
    assert _files(store) == before
    assert store.load(kept.id).info.name == "kept"


def test_full_disk(store: SnapshotStore, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = store.save(sample(), "kept")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StoreWriteError, match="no space left on device"):
        store.save(sample(), "too much")
    monkeypatch.undo()
    assert _files(store) == [f"{kept.id}.json"]
    assert store.load(kept.id).result == sample()


def test_snapshots_path_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "snapshots").write_text("in the way")
    store = SnapshotStore(tmp_path / "data")
    with pytest.raises(StoreWriteError, match=r"snapshots folder .*: not a folder"):
        store.save(sample(), "x")
    with pytest.raises(StoreError, match="not a folder"):
        store.list()
    assert (tmp_path / "data" / "snapshots").read_text() == "in the way"


def test_read_only_folder(store: SnapshotStore, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = store.save(sample(), "kept")
    if os.geteuid() != 0:
        store.folder.chmod(0o500)
        try:
            with pytest.raises(StoreWriteError, match="permission denied"):
                store.save(sample(), "x")
            with pytest.raises(StoreWriteError, match="permission denied"):
                store.delete(kept.id)
        finally:
            store.folder.chmod(0o700)
    else:
        # root ignores permission bits: simulate a read-only file system instead.
        def read_only(*args: object, **kwargs: object) -> None:
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr("os.open", read_only)  # the temporary file cannot be created
        with pytest.raises(StoreWriteError, match="read-only file system"):
            store.save(sample(), "x")
        with pytest.raises(StoreWriteError, match="read-only file system"):
            store.rename(kept.id, "x")
        monkeypatch.undo()
    assert _files(store) == [f"{kept.id}.json"]
    assert store.load(kept.id).info.name == "kept"
