"""The snapshot store: the snapshots of one data folder (see :mod:`tui.store`)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import threading
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tui import __version__
from tui.engine.model import DiffResult
from tui.engine.paragraphs import PARAGRAPH_MODES, ParagraphMode
from tui.files import NotARegularFile, describe_os_error, read_regular_file, write_atomically
from tui.rank.record import CopyText, RankedCopy
from tui.sources import MAX_ARTICLE_BYTES, SourceInfo, source_info
from tui.store.fileformat import (
    build_document,
    encode_document,
    load_document,
    parse_diff_document,
)
from tui.store.rankings import (
    MAX_RANKING_BYTES,
    RANKING_FORMAT,
    build_ranking_document,
    megabytes,
    parse_ranking_document,
)
from tui.store.records import (
    AmbiguousId,
    RankingInfo,
    RankingSnapshot,
    Snapshot,
    SnapshotInfo,
    SnapshotNotFound,
    SnapshotUnreadable,
    StoreError,
    StoreWriteError,
    Unreadable,
    WrongKind,
)

ENV_DATA_DIR = "PARADIFF_DATA_DIR"
APP_NAME = "paradiff"
SNAPSHOTS_FOLDER = "snapshots"
ID_RE = re.compile(r"[0-9a-f]{32}")
PREFIX_RE = re.compile(r"[0-9a-f]{1,32}")
TEMP_PREFIX = ".tmp-"
#: The temporary files of :func:`~tui.files.write_atomically` as the store names them.
TEMP_RE = re.compile(r"\.tmp-[0-9a-f]{12}\.json")
#: A temporary file older than this (by its modification time) belongs to a save that was
#: killed: no live save takes anywhere near as long.
STALE_TEMP_SECONDS = 3600
#: Serialises the changes of existing snapshots (rename, delete) across processes.
LOCK_NAME = ".lock"
MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 10_000
#: Largest snapshot file read: both articles, the spans repeating them and JSON escapes.
MAX_SNAPSHOT_BYTES = 4 * MAX_ARTICLE_BYTES


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def default_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The store's root folder: ``data_dir``, else ``$PARADIFF_DATA_DIR``, else the
    platform's user data folder for paradiff. Nothing is created."""
    if data_dir:
        return Path(data_dir).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME)


def new_id() -> str:
    """A fresh snapshot id (32 hex digits, random)."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """The current time, UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def _short_stem(path: str) -> str:
    stem = Path(path).stem or path
    stem = re.sub(r"[_-][0-9a-fA-F]{8,}$", "", stem) or stem
    return stem if len(stem) <= 40 else stem[:39] + "…"


def default_snapshot_name(result: DiffResult, now: datetime | None = None) -> str:
    """A name proposed for a new snapshot: ``'002 vs 003, 2026-11-23 14:05'`` (local time)."""
    moment = (now or utc_now()).astimezone()
    a, b = _short_stem(result.a.path), _short_stem(result.b.path)
    if a == b:
        a, b = result.a.path, result.b.path
    return f"{a} vs {b}, {moment:%Y-%m-%d %H:%M}"


def default_ranking_name(original: str, copies: int, now: datetime | None = None) -> str:
    """A name proposed for a new ranking: ``'story: 12 copies, 2026-11-23 14:05'``."""
    moment = (now or utc_now()).astimezone()
    noun = "copy" if copies == 1 else "copies"
    return f"{_short_stem(original)}: {copies} {noun}, {moment:%Y-%m-%d %H:%M}"


Stored = Snapshot | RankingSnapshot
Listed = SnapshotInfo | RankingInfo


def parse_stored(data: bytes, file: Path) -> Stored:
    """A stored file's bytes as the kind it holds (a diff or a ranking); raises
    :class:`SnapshotUnreadable` with the reason."""
    doc = load_document(data)
    if doc.get("format") == RANKING_FORMAT:
        return parse_ranking_document(doc, file, len(data))
    return parse_diff_document(doc, file)


def clean_name(name: str) -> str:
    """A snapshot name as stored: one line, stripped, at most 200 characters."""
    flat = " ".join(name.split())
    return flat[:MAX_NAME_LENGTH]


# ---------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------


def _paragraph_mode(options: Any) -> ParagraphMode:
    """The paragraph rule recorded in ``options`` (a ``DiffOptions`` or a mapping): the
    sources are split by it again when they are hashed. "auto" when not recorded."""
    if isinstance(options, Mapping):
        mode = options.get("paragraphs")
    else:
        mode = getattr(options, "paragraphs", None)
    return mode if mode in PARAGRAPH_MODES else "auto"  # type: ignore[return-value]


class SnapshotStore:
    """The snapshots of one data folder. Thread-safe; every method does blocking I/O, so
    call them from a worker thread in the app."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        self.root = default_data_dir(data_dir)
        self.folder = self.root / SNAPSHOTS_FOLDER
        self._cache: dict[str, tuple[tuple[int, int, int], Listed | Unreadable]] = {}
        self._lock = threading.Lock()
        self._change_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SnapshotStore({str(self.root)!r})"

    # -- paths ---------------------------------------------------------------

    def path_for(self, snapshot_id: str) -> Path:
        """The file of a snapshot id; the id must be exactly 32 lowercase hex digits."""
        if not isinstance(snapshot_id, str) or not ID_RE.fullmatch(snapshot_id):
            raise SnapshotNotFound(f"{snapshot_id!r} is not a snapshot id")
        return self.folder / f"{snapshot_id}.json"

    def _names(self) -> list[str]:
        try:
            return os.listdir(self.folder)
        except FileNotFoundError:
            return []
        except NotADirectoryError as exc:
            raise StoreError(f"{self.folder}: not a folder") from exc
        except OSError as exc:
            raise StoreError(f"{self.folder}: {describe_os_error(exc)}") from exc

    def _ids(self, names: list[str] | None = None) -> list[str]:
        names = self._names() if names is None else names
        return sorted(n[:-5] for n in names if n.endswith(".json") and ID_RE.fullmatch(n[:-5]))

    def remove_stale_temporary_files(self, names: list[str] | None = None) -> list[Path]:
        """Remove the temporary files of saves that were killed: only the store's own
        names (``.tmp-<12 hex>.json``), only regular files, only when older than
        :data:`STALE_TEMP_SECONDS`, so that no live save loses its file. Never raises;
        returns the files removed."""
        removed: list[Path] = []
        try:
            names = self._names() if names is None else names
        except StoreError:
            return removed
        cutoff = time.time() - STALE_TEMP_SECONDS
        for name in names:
            if not TEMP_RE.fullmatch(name):
                continue
            temp = self.folder / name
            try:
                st = os.lstat(temp)
                if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                    temp.unlink()
                    removed.append(temp)
            except OSError:
                continue
        return removed

    # -- writing -------------------------------------------------------------

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except (FileExistsError, NotADirectoryError) as exc:  # a file where a folder goes
            raise StoreWriteError(
                f"cannot create the snapshots folder {self.folder}: not a folder"
            ) from exc
        except OSError as exc:
            raise StoreWriteError(
                f"cannot create the snapshots folder {self.folder}: {describe_os_error(exc)}"
            ) from exc
        if not self.folder.is_dir():
            raise StoreWriteError(f"cannot save snapshots in {self.folder}: not a folder")

    def _write_atomic(self, target: Path, payload: bytes) -> None:
        """Write ``payload`` to ``target`` through a temporary file in the same folder."""
        try:
            write_atomically(target, payload, prefix=TEMP_PREFIX, suffix=".json", mode=0o600)
        except OSError as exc:
            raise StoreWriteError(
                f"cannot save in {self.folder}: {describe_os_error(exc)}"
            ) from exc

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        """Hold the store's lock (``flock`` on a lock file in the folder) while an existing
        snapshot is rewritten or deleted, so that a rename never brings back a snapshot
        deleted meanwhile, in this process or another. A folder where no lock file can be
        made is read-only: nothing can change there, and nothing is locked."""
        with self._change_lock:
            fd = self._open_lock_file()
            if fd is None:
                yield
                return
            try:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)  # releases the lock

    def _open_lock_file(self) -> int | None:
        try:
            import fcntl  # noqa: F401  (POSIX only)
        except ImportError:
            return None
        lock = self.folder / LOCK_NAME
        safe = os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | safe, 0o600)
        except FileNotFoundError as exc:
            raise SnapshotNotFound("no snapshots saved yet") from exc
        except OSError:
            try:
                fd = os.open(lock, os.O_RDONLY | safe)
            except FileNotFoundError:
                return None
            except OSError as exc:
                raise StoreWriteError(f"cannot lock {lock}: {describe_os_error(exc)}") from exc
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreWriteError(f"cannot lock {lock}: not a regular file")
        return fd

    def _fsync_folder(self) -> None:
        """Make the rename durable where the platform allows it."""
        try:
            dir_fd = os.open(self.folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            return
        finally:
            os.close(dir_fd)

    def save(
        self,
        result: DiffResult,
        name: str = "",
        note: str = "",
        *,
        sources: tuple[SourceInfo, SourceInfo] | None = None,
        options: Any = None,
        now: datetime | None = None,
    ) -> SnapshotInfo:
        """Save ``result`` as a new snapshot and return its record.

        ``sources`` are the records of the two source files (see :func:`source_info`);
        without them the files at the articles' paths are hashed now. ``name`` defaults to
        :func:`default_snapshot_name`. Raises :class:`StoreWriteError` on failure.
        """
        created = now or utc_now()
        name = clean_name(name) or default_snapshot_name(result, created)
        note = note.strip()[:MAX_NOTE_LENGTH]
        if sources is None:
            mode = _paragraph_mode(options)
            sources = (
                source_info(result.a, paragraphs=mode),
                source_info(result.b, paragraphs=mode),
            )
        snapshot_id = new_id()
        doc = build_document(snapshot_id, name, note, created, sources, options, result)
        target = self._write_new(snapshot_id, doc)
        similarity = result.stats.similarity
        return SnapshotInfo(
            id=snapshot_id,
            name=name,
            note=note,
            created=created.astimezone(UTC),
            paradiff_version=__version__,
            a=sources[0],
            b=sources[1],
            similarity=float(similarity) if isinstance(similarity, int | float) else 0.0,
            file=target,
        )

    def _write_new(self, snapshot_id: str, doc: dict[str, Any], limit: int | None = None) -> Path:
        """Write the document of a new snapshot (at most ``limit`` bytes); its file."""
        try:
            payload = encode_document(doc)
        except ValueError as exc:
            raise StoreWriteError(f"cannot save: {exc}") from exc
        if limit is not None and len(payload) > limit:
            raise StoreWriteError(
                f"cannot save: the ranking takes {megabytes(len(payload))}, over the "
                f"{megabytes(limit)} a saved ranking may take (rank fewer copies)"
            )
        self._ensure_folder()
        self.remove_stale_temporary_files()
        target = self.path_for(snapshot_id)
        if target.exists():  # 128 random bits: never in practice, but never overwrite
            raise StoreWriteError("cannot save: id collision, try again")
        self._write_atomic(target, payload)
        return target

    def save_ranking(
        self,
        original: CopyText,
        copies: Sequence[RankedCopy],
        *,
        sort: str,
        reverse: bool = False,
        name: str = "",
        note: str = "",
        options: Any = None,
        now: datetime | None = None,
    ) -> RankingInfo:
        """Save a ranking of ``copies`` against ``original`` as a new snapshot, with the
        texts of all of them (self-contained); ``sort``/``reverse``: the order shown.

        Raises :class:`StoreWriteError` when a readable copy's text was not kept, when the
        file would exceed :data:`MAX_RANKING_BYTES`, or when it cannot be written.
        """
        missing = [c.record.path for c in copies if c.record.ok and c.text is None]
        if missing:
            raise StoreWriteError(
                f"cannot save: the text of {len(missing)} cop{'y' if len(missing) == 1 else 'ies'}"
                f" was not kept (first: {missing[0]})"
            )
        created = now or utc_now()
        name = clean_name(name) or default_ranking_name(original.article.path, len(copies), created)
        note = note.strip()[:MAX_NOTE_LENGTH]
        snapshot_id = new_id()
        doc = build_ranking_document(
            snapshot_id, name, note, created, original, copies, sort, reverse, options
        )
        target = self._write_new(snapshot_id, doc, limit=MAX_RANKING_BYTES)
        return RankingInfo(
            id=snapshot_id,
            name=name,
            note=note,
            created=created.astimezone(UTC),
            paradiff_version=__version__,
            original=original.source,
            copies=len(copies),
            differing=sum(c.record.differs for c in copies),
            unreadable=sum(not c.record.ok for c in copies),
            sort=sort,
            reverse=reverse,
            file=target,
        )

    def rename(self, snapshot_id: str, name: str, note: str | None = None) -> Listed:
        """Give a snapshot a new name (and note); rewritten atomically, the rest untouched."""
        name = clean_name(name)
        if not name:
            raise StoreError("a snapshot name cannot be empty")
        snapshot_id = self.resolve(snapshot_id)
        target = self.path_for(snapshot_id)
        with self._changing():
            try:
                data = self._read(target)
            except SnapshotNotFound as exc:
                raise SnapshotNotFound(f"snapshot {snapshot_id[:8]} was deleted") from exc
            parse_stored(data, target)  # refuse to rewrite an unreadable file
            doc = json.loads(data.decode("utf-8"))
            doc["name"] = name
            if note is not None:
                doc["note"] = note.strip()[:MAX_NOTE_LENGTH]
            payload = encode_document(doc)
            self._write_atomic(target, payload)
        # From the bytes written, not the file: a delete may follow at once.
        return parse_stored(payload, target).info

    def delete(self, snapshot_id: str) -> Path:
        """Delete a snapshot file (readable or not); returns the path deleted."""
        snapshot_id = self.resolve(snapshot_id)
        target = self.path_for(snapshot_id)
        with self._changing():
            try:
                target.unlink()
            except FileNotFoundError as exc:
                raise SnapshotNotFound(f"no snapshot {snapshot_id}") from exc
            except OSError as exc:
                raise StoreWriteError(
                    f"cannot delete {target.name}: {describe_os_error(exc)}"
                ) from exc
        with self._lock:
            self._cache.pop(snapshot_id, None)
        return target

    # -- reading -------------------------------------------------------------

    def _read(self, target: Path) -> bytes:
        """The bytes of a snapshot file: a regular file (not a symbolic link, FIFO or
        device, never opened if it is one) of at most :data:`MAX_SNAPSHOT_BYTES`."""
        try:
            return read_regular_file(target, MAX_SNAPSHOT_BYTES, follow_symlinks=False)
        except NotARegularFile as exc:
            raise SnapshotUnreadable(exc.reason) from exc
        except FileNotFoundError as exc:
            raise SnapshotNotFound(f"no snapshot {target.stem}") from exc
        except OSError as exc:
            raise SnapshotUnreadable(f"{target.name}: {describe_os_error(exc)}") from exc

    @staticmethod
    def _stat_key(target: Path) -> tuple[int, int, int]:
        try:
            st = os.lstat(target)
        except FileNotFoundError as exc:
            raise SnapshotNotFound(f"no snapshot {target.stem}") from exc
        except OSError as exc:
            raise SnapshotUnreadable(f"{target.name}: {describe_os_error(exc)}") from exc
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _parse(self, target: Path) -> Stored:
        """Read and parse a snapshot file (either kind); remember its listing record."""
        key = self._stat_key(target)
        data = self._read(target)
        try:
            snapshot = parse_stored(data, target)
        except SnapshotUnreadable as exc:
            with self._lock:
                self._cache[target.stem] = (key, Unreadable(target.stem, target, str(exc)))
            raise
        with self._lock:
            self._cache[target.stem] = (key, snapshot.info)
        return snapshot

    def _info(self, target: Path) -> Listed:
        """The listing record of a snapshot file, parsed again only when the file changed
        (only records are cached, never the diffs)."""
        key = self._stat_key(target)
        with self._lock:
            cached = self._cache.get(target.stem)
        if cached and cached[0] == key:
            entry = cached[1]
            if isinstance(entry, Unreadable):
                raise SnapshotUnreadable(entry.reason)
            return entry
        return self._parse(target).info

    def load_any(self, snapshot_id: str) -> Stored:
        """Load a snapshot of either kind by id, unique id prefix or exact name."""
        snapshot_id = self.resolve(snapshot_id)
        try:
            return self._parse(self.path_for(snapshot_id))
        except SnapshotUnreadable as exc:
            raise SnapshotUnreadable(f"snapshot {snapshot_id[:8]} is unreadable: {exc}") from exc

    def load(self, snapshot_id: str) -> Snapshot:
        """Load a diff snapshot by id, unique id prefix or exact name."""
        stored = self.load_any(snapshot_id)
        if not isinstance(stored, Snapshot):
            raise WrongKind(f"snapshot {stored.info.id[:8]} is a ranking of copies, not a diff")
        return stored

    def load_ranking(self, snapshot_id: str) -> RankingSnapshot:
        """Load a ranking snapshot by id, unique id prefix or exact name."""
        stored = self.load_any(snapshot_id)
        if not isinstance(stored, RankingSnapshot):
            raise WrongKind(f"snapshot {stored.info.id[:8]} is a diff, not a ranking of copies")
        return stored

    def list(self) -> list[SnapshotInfo | RankingInfo | Unreadable]:
        """Every snapshot, newest first, then the unreadable files (never raises for a
        bad file; raises :class:`StoreError` only when the folder itself cannot be read)."""
        good: list[Listed] = []
        bad: list[Unreadable] = []
        names = self._names()
        self.remove_stale_temporary_files(names)
        for snapshot_id in self._ids(names):
            target = self.folder / f"{snapshot_id}.json"
            try:
                good.append(self._info(target))
            except SnapshotNotFound:
                continue  # deleted meanwhile
            except SnapshotUnreadable as exc:
                bad.append(Unreadable(snapshot_id, target, str(exc)))
        good.sort(key=lambda s: (s.created, s.id), reverse=True)
        return [*good, *bad]

    def resolve(self, key: str) -> str:
        """The full id for an id, a unique id prefix, or an exact snapshot name.

        Raises :class:`SnapshotNotFound` or :class:`AmbiguousId` with a clear message.
        """
        key = key.strip()
        if not key:
            raise SnapshotNotFound("give a snapshot id")
        ids = self._ids()
        lowered = key.lower()
        if PREFIX_RE.fullmatch(lowered):
            matches = [i for i in ids if i.startswith(lowered)]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                shown = ", ".join(m[:12] for m in matches[:5])
                more = "" if len(matches) <= 5 else f" and {len(matches) - 5} more"
                raise AmbiguousId(
                    f"id prefix {key!r} matches {len(matches)} snapshots ({shown}{more}); "
                    "give more characters"
                )
        named = []
        for i in ids:
            with contextlib.suppress(StoreError):
                if self._info(self.folder / f"{i}.json").name == key:
                    named.append(i)
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            raise AmbiguousId(f"{len(named)} snapshots are named {key!r}; use the id")
        raise SnapshotNotFound(f"no snapshot with id or name {key!r}")

    def short_id(self, snapshot_id: str, minimum: int = 8) -> str:
        """The shortest prefix of ``snapshot_id`` (at least ``minimum`` long) that is unique."""
        others = [i for i in self._ids() if i != snapshot_id]
        for length in range(minimum, len(snapshot_id) + 1):
            prefix = snapshot_id[:length]
            if not any(o.startswith(prefix) for o in others):
                return prefix
        return snapshot_id
