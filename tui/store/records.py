"""The store's errors and records: a listed snapshot, a loaded one, an unreadable file,
and how a source compares with the one a snapshot was made from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from tui.engine.model import DiffResult
from tui.sources import SourceInfo

SourceState = Literal["unchanged", "changed", "vanished", "unknown"]


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
