"""Saved diff snapshots: self-contained JSON files, written atomically.

A snapshot holds everything needed to show a diff again exactly as it was: both articles
(their full texts, as the paragraphs of the engine's result), the original paths, the
SHA-256 of each source file as read, encodings, the options used and the whole diff result
(the ``paradiff-diff`` contract). Opening one never reads the source files.

Layout: ``<root>/snapshots/<id>.json``, where ``<root>`` is the ``data_dir`` argument, else
``$PARADIFF_DATA_DIR``, else ``platformdirs.user_data_path("paradiff")``. The folder is
created on the first save, never on import or on listing.

Safety:

- an id is 32 lowercase hex digits (a random uuid4, so that short prefixes are unique) and
  is the only thing file names are made of; nothing stored inside a snapshot is ever used
  as a path to write to;
- loading is ``json.loads`` plus validation: nothing is executed;
- a save writes a temporary file in the same folder, flushes, fsyncs and ``os.replace``\\ s
  it into place, so a crash leaves no snapshot or a complete one; every save gets a new
  random id, so two processes saving at once never overwrite each other;
- files that are not JSON, truncated, missing fields or from a newer schema are listed as
  :class:`Unreadable` with the reason, and never deleted or rewritten unless asked to.

This module does not import Textual; it is safe to call from worker threads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import re
import stat
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from tui import __version__
from tui.engine.loading import LoadError, load_article
from tui.engine.model import (
    Article,
    DiffResult,
    ResultFormatError,
    result_from_dict,
    result_to_dict,
)

SNAPSHOT_FORMAT = "paradiff-snapshot"
SCHEMA_VERSION = 1
ENV_DATA_DIR = "PARADIFF_DATA_DIR"
APP_NAME = "paradiff"
SNAPSHOTS_FOLDER = "snapshots"
ID_RE = re.compile(r"[0-9a-f]{32}")
PREFIX_RE = re.compile(r"[0-9a-f]{1,32}")
TEMP_PREFIX = ".tmp-"
MAX_NAME_LENGTH = 200
MAX_NOTE_LENGTH = 10_000
_HASH_CHUNK = 1 << 20

SourceState = Literal["unchanged", "changed", "vanished", "unknown"]


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


class StoreError(Exception):
    """A snapshot store failure; ``str(exc)`` is a one-line message for people."""


class SnapshotNotFound(StoreError):
    """No snapshot has the given id (or id prefix, or name)."""


class AmbiguousId(StoreError):
    """An id prefix matches more than one snapshot."""


class SnapshotUnreadable(StoreError):
    """A snapshot file exists but cannot be read as a snapshot."""


class StoreWriteError(StoreError):
    """A snapshot could not be written (read-only or full folder, ...). Nothing already
    saved is lost."""


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where one side of a diff came from, as recorded at save time."""

    path: str
    abspath: str
    sha256: str | None
    encoding: str
    size: int | None = None


@dataclass(frozen=True, slots=True)
class SnapshotInfo:
    """A listed snapshot: everything but the diff itself."""

    id: str
    name: str
    note: str
    created: datetime
    paradiff_version: str
    a: SourceInfo
    b: SourceInfo
    similarity: float
    file: Path

    @property
    def created_local(self) -> str:
        """The creation time in local time, ``YYYY-MM-DD HH:MM``."""
        return self.created.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file in the snapshots folder that is not a readable snapshot, and why."""

    id: str | None
    file: Path
    reason: str


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A loaded snapshot: its listing record, the options used and the diff."""

    info: SnapshotInfo
    options: dict[str, Any]
    result: DiffResult


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """How a source file compares with the one a snapshot was made from."""

    side: str
    state: SourceState
    path: str


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


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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


def clean_name(name: str) -> str:
    """A snapshot name as stored: one line, stripped, at most 200 characters."""
    flat = " ".join(name.split())
    return flat[:MAX_NAME_LENGTH]


def file_sha256(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of a regular file's bytes, or ``None`` when it is missing, unreadable or not
    a regular file (a FIFO or device is never opened)."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def bytes_sha256(data: bytes) -> str:
    """SHA-256 of ``data`` (use it on the bytes an article was decoded from)."""
    return hashlib.sha256(data).hexdigest()


def _read_regular(path: str) -> bytes | None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def source_info(article: Article, sha256: str | None = None, size: int | None = None) -> SourceInfo:
    """The record of one source.

    Pass the SHA-256 of the bytes actually read when you have it. Without it the file at
    ``article.path`` is read now and hashed, but only if it still decodes to the same
    paragraphs (a file edited since the diff, standard input ``-``, a pipe or a missing
    file record no hash: their state is then "unknown").
    """
    if not article.path or article.path == "-":
        return SourceInfo(article.path, "", sha256, article.encoding, size)
    abspath = os.path.abspath(article.path)
    if sha256 is None:
        data = _read_regular(abspath)
        if data is not None and _decodes_to(data, article):
            sha256, size = bytes_sha256(data), len(data)
    return SourceInfo(article.path, abspath, sha256, article.encoding, size)


def _decodes_to(data: bytes, article: Article) -> bool:
    try:
        return load_article(data, article.path).paragraphs == article.paragraphs
    except LoadError:
        return False


def check_source(side: str, source: SourceInfo) -> SourceCheck:
    """Compare a recorded source with the file now at its (absolute) path. Reads only."""
    path = source.abspath or source.path
    if not source.sha256 or not path:
        return SourceCheck(side, "unknown", path)
    if not os.path.lexists(path):
        return SourceCheck(side, "vanished", path)
    now = file_sha256(path)
    if now is None:
        return SourceCheck(side, "vanished", path)
    return SourceCheck(side, "unchanged" if now == source.sha256 else "changed", path)


def check_sources(info: SnapshotInfo) -> tuple[SourceCheck, SourceCheck]:
    """:func:`check_source` for both sides of a snapshot."""
    return check_source("A", info.a), check_source("B", info.b)


def origin_note(info: SnapshotInfo, checks: Iterable[SourceCheck] | None = None) -> str:
    """``snapshot 'NAME' saved 2026-11-23 14:05 · A changed since · B vanished``."""
    parts = [f"snapshot '{info.name}' saved {info.created_local}"]
    states = list(checks or ())
    for check in states:
        if check.state == "changed":
            parts.append(f"{check.side} changed since")
        elif check.state == "vanished":
            parts.append(f"{check.side} vanished")
    if states and all(c.state == "unchanged" for c in states):
        parts.append("sources unchanged")
    return " · ".join(parts)


def describe_os_error(exc: OSError) -> str:
    """A short reason for an OS error."""
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if exc.errno in (errno.EROFS,):
        return "read-only file system"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, NotADirectoryError | FileExistsError):
        return "not a folder"
    return exc.strerror or type(exc).__name__


def _options_dict(options: Any) -> dict[str, Any]:
    if options is None:
        return {}
    if dataclasses.is_dataclass(options) and not isinstance(options, type):
        return dataclasses.asdict(options)
    if isinstance(options, Mapping):
        return dict(options)
    raise TypeError(f"options must be a dataclass or a mapping, not {type(options).__name__}")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _source_to_dict(source: SourceInfo) -> dict[str, Any]:
    return dataclasses.asdict(source)


def _source_from_dict(data: Any, where: str) -> SourceInfo:
    if not isinstance(data, dict):
        raise SnapshotUnreadable(f"missing field {where!r}")
    path, abspath, sha, enc = (data.get(k) for k in ("path", "abspath", "sha256", "encoding"))
    size = data.get("size")
    if not isinstance(path, str) or not isinstance(enc, str):
        raise SnapshotUnreadable(f"missing field '{where}.path' or '{where}.encoding'")
    if not isinstance(abspath, str):
        abspath = ""
    if sha is not None and not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)):
        raise SnapshotUnreadable(f"bad field '{where}.sha256'")
    if not isinstance(size, int) or isinstance(size, bool):
        size = None
    return SourceInfo(path, abspath, sha, enc, size)


def _parse_created(value: Any) -> datetime:
    if not isinstance(value, str):
        raise SnapshotUnreadable("missing field 'created'")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise SnapshotUnreadable("bad field 'created'") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_snapshot(data: bytes, file: Path) -> Snapshot:
    """Validate and build a snapshot from a file's bytes; raise :class:`SnapshotUnreadable`
    with the reason. The id is the file name's stem, never a field of the file."""
    snapshot_id = file.stem
    if not data.strip():
        raise SnapshotUnreadable("empty file")
    try:
        doc = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        raise SnapshotUnreadable("not UTF-8 text") from exc
    except RecursionError as exc:
        raise SnapshotUnreadable("not valid JSON (nested too deeply)") from exc
    except json.JSONDecodeError as exc:
        at_end = exc.pos >= len(exc.doc.rstrip()) - 1
        if at_end or exc.msg.startswith("Unterminated string"):
            raise SnapshotUnreadable(f"truncated JSON (ends after {len(data)} bytes)") from exc
        raise SnapshotUnreadable(
            f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from exc
    except ValueError as exc:
        raise SnapshotUnreadable(f"not valid JSON ({exc})") from exc
    if not isinstance(doc, dict):
        raise SnapshotUnreadable("not a JSON object")
    if doc.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotUnreadable(f"not a {SNAPSHOT_FORMAT} file")
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise SnapshotUnreadable("missing field 'schema'")
    if schema > SCHEMA_VERSION:
        raise SnapshotUnreadable(
            f"made by a newer paradiff (schema {schema}; this one reads up to {SCHEMA_VERSION})"
        )
    name = doc.get("name")
    if not isinstance(name, str):
        raise SnapshotUnreadable("missing field 'name'")
    note = doc.get("note", "")
    if not isinstance(note, str):
        raise SnapshotUnreadable("bad field 'note'")
    created = _parse_created(doc.get("created"))
    version = doc.get("paradiff_version")
    version = version if isinstance(version, str) else "unknown"
    sources = doc.get("sources")
    if not isinstance(sources, dict):
        raise SnapshotUnreadable("missing field 'sources'")
    a = _source_from_dict(sources.get("a"), "sources.a")
    b = _source_from_dict(sources.get("b"), "sources.b")
    options = doc.get("options", {})
    if not isinstance(options, dict):
        raise SnapshotUnreadable("bad field 'options'")
    if "result" not in doc:
        raise SnapshotUnreadable("missing field 'result'")
    try:
        result = result_from_dict(doc["result"])
    except ResultFormatError as exc:
        raise SnapshotUnreadable(f"bad diff result: {exc}") from exc
    similarity = result.stats.get("similarity", 0.0)
    if isinstance(similarity, bool) or not isinstance(similarity, int | float):
        similarity = 0.0
    info = SnapshotInfo(
        id=snapshot_id,
        name=name,
        note=note,
        created=created,
        paradiff_version=version,
        a=a,
        b=b,
        similarity=float(similarity),
        file=file,
    )
    return Snapshot(info=info, options=options, result=result)


# ---------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------


def write_atomically(
    target: Path, payload: bytes, *, prefix: str, suffix: str = ".tmp", mode: int = 0o666
) -> None:
    """Write ``payload`` to ``target`` atomically: a new temporary file in the same folder
    (``O_EXCL``: never follows or reuses an existing file), flush, fsync, ``os.replace``.

    A crash or kill leaves either the old file or the new one, never a partial one; the
    temporary file is removed on any failure. Raises :class:`OSError`.
    """
    tmp = target.parent / f"{prefix}{uuid.uuid4().hex[:12]}{suffix}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


class SnapshotStore:
    """The snapshots of one data folder. Thread-safe; every method does blocking I/O, so
    call them from a worker thread in the app."""

    def __init__(self, data_dir: str | os.PathLike[str] | None = None) -> None:
        self.root = default_data_dir(data_dir)
        self.folder = self.root / SNAPSHOTS_FOLDER
        self._cache: dict[str, tuple[tuple[int, int, int], SnapshotInfo | Unreadable]] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SnapshotStore({str(self.root)!r})"

    # -- paths ---------------------------------------------------------------

    def path_for(self, snapshot_id: str) -> Path:
        """The file of a snapshot id; the id must be exactly 32 lowercase hex digits."""
        if not isinstance(snapshot_id, str) or not ID_RE.fullmatch(snapshot_id):
            raise SnapshotNotFound(f"{snapshot_id!r} is not a snapshot id")
        return self.folder / f"{snapshot_id}.json"

    def _ids(self) -> list[str]:
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        except NotADirectoryError as exc:
            raise StoreError(f"{self.folder}: not a folder") from exc
        except OSError as exc:
            raise StoreError(f"{self.folder}: {describe_os_error(exc)}") from exc
        return sorted(n[:-5] for n in names if n.endswith(".json") and ID_RE.fullmatch(n[:-5]))

    # -- writing -------------------------------------------------------------

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
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

    @staticmethod
    def _encode(doc: dict[str, Any]) -> bytes:
        try:
            return json.dumps(doc, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: keep them as \\u escapes
            return json.dumps(doc, ensure_ascii=True, allow_nan=False).encode("ascii")

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
            sources = (source_info(result.a), source_info(result.b))
        snapshot_id = new_id()
        doc = {
            "format": SNAPSHOT_FORMAT,
            "schema": SCHEMA_VERSION,
            "id": snapshot_id,
            "name": name,
            "note": note,
            "created": _iso(created),
            "paradiff_version": __version__,
            "sources": {"a": _source_to_dict(sources[0]), "b": _source_to_dict(sources[1])},
            "options": _options_dict(options),
            "result": result_to_dict(result),
        }
        try:
            payload = self._encode(doc)
        except ValueError as exc:
            raise StoreWriteError(f"cannot save: {exc}") from exc
        self._ensure_folder()
        target = self.path_for(snapshot_id)
        if target.exists():  # 128 random bits: never in practice, but never overwrite
            raise StoreWriteError("cannot save: id collision, try again")
        self._write_atomic(target, payload)
        similarity = result.stats.get("similarity", 0.0)
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

    def rename(self, snapshot_id: str, name: str, note: str | None = None) -> SnapshotInfo:
        """Give a snapshot a new name (and note); rewritten atomically, the rest untouched."""
        name = clean_name(name)
        if not name:
            raise StoreError("a snapshot name cannot be empty")
        snapshot_id = self.resolve(snapshot_id)
        target = self.path_for(snapshot_id)
        data = self._read(target)
        parse_snapshot(data, target)  # refuse to rewrite an unreadable file
        doc = json.loads(data.decode("utf-8"))
        doc["name"] = name
        if note is not None:
            doc["note"] = note.strip()[:MAX_NOTE_LENGTH]
        self._write_atomic(target, self._encode(doc))
        return self.load(snapshot_id).info

    def delete(self, snapshot_id: str) -> Path:
        """Delete a snapshot file (readable or not); returns the path deleted."""
        snapshot_id = self.resolve(snapshot_id)
        target = self.path_for(snapshot_id)
        try:
            target.unlink()
        except FileNotFoundError as exc:
            raise SnapshotNotFound(f"no snapshot {snapshot_id}") from exc
        except OSError as exc:
            raise StoreWriteError(f"cannot delete {target.name}: {describe_os_error(exc)}") from exc
        with self._lock:
            self._cache.pop(snapshot_id, None)
        return target

    # -- reading -------------------------------------------------------------

    def _read(self, target: Path) -> bytes:
        try:
            return target.read_bytes()
        except FileNotFoundError as exc:
            raise SnapshotNotFound(f"no snapshot {target.stem}") from exc
        except OSError as exc:
            raise SnapshotUnreadable(f"{target.name}: {describe_os_error(exc)}") from exc

    @staticmethod
    def _stat_key(target: Path) -> tuple[int, int, int]:
        try:
            st = target.stat()
        except FileNotFoundError as exc:
            raise SnapshotNotFound(f"no snapshot {target.stem}") from exc
        except OSError as exc:
            raise SnapshotUnreadable(f"{target.name}: {describe_os_error(exc)}") from exc
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _parse(self, target: Path) -> Snapshot:
        """Read and parse a snapshot file; remember its listing record."""
        key = self._stat_key(target)
        data = self._read(target)
        try:
            snapshot = parse_snapshot(data, target)
        except SnapshotUnreadable as exc:
            with self._lock:
                self._cache[target.stem] = (key, Unreadable(target.stem, target, str(exc)))
            raise
        with self._lock:
            self._cache[target.stem] = (key, snapshot.info)
        return snapshot

    def _info(self, target: Path) -> SnapshotInfo:
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

    def load(self, snapshot_id: str) -> Snapshot:
        """Load a snapshot by id, unique id prefix or exact name."""
        snapshot_id = self.resolve(snapshot_id)
        try:
            return self._parse(self.path_for(snapshot_id))
        except SnapshotUnreadable as exc:
            raise SnapshotUnreadable(f"snapshot {snapshot_id[:8]} is unreadable: {exc}") from exc

    def list(self) -> list[SnapshotInfo | Unreadable]:
        """Every snapshot, newest first, then the unreadable files (never raises for a
        bad file; raises :class:`StoreError` only when the folder itself cannot be read)."""
        good: list[SnapshotInfo] = []
        bad: list[Unreadable] = []
        for snapshot_id in self._ids():
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
