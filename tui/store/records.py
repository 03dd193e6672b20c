"""The store's errors and records: a listed snapshot, a loaded one, an unreadable file,
and how a source compares with the one a snapshot was made from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Literal

from tui.engine.model import Article, DiffResult
from tui.rank.record import CopyRecord, CopyText, RankedCopy, Ranking
from tui.rank.sorting import build_ranking
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


class WrongKind(StoreError):
    """A snapshot exists but is of the other kind (a ranking where a diff was asked for,
    or the other way round)."""


class StoreWriteError(StoreError):
    """A snapshot could not be written (read-only or full folder, ...). Nothing already
    saved is lost."""


class _Dated:
    """What every listed kind shares: a creation date shown in local time."""

    __slots__ = ()
    created: datetime

    @property
    def created_local(self) -> str:
        """The creation time in local time, ``YYYY-MM-DD HH:MM``."""
        return self.created.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class SnapshotInfo(_Dated):
    """A listed diff snapshot: everything but the diff itself."""

    kind: ClassVar[str] = "diff"

    id: str
    name: str
    note: str
    created: datetime
    paradiff_version: str
    a: SourceInfo
    b: SourceInfo
    similarity: float
    file: Path


@dataclass(frozen=True, slots=True)
class RankingInfo(_Dated):
    """A listed ranking snapshot (copies ranked against one original): everything but the
    texts and the records. ``sort``/``reverse``: the order it was saved in."""

    kind: ClassVar[str] = "ranking"

    id: str
    name: str
    note: str
    created: datetime
    paradiff_version: str
    original: SourceInfo
    copies: int
    differing: int
    unreadable: int
    sort: str
    reverse: bool
    file: Path


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
class RankingSnapshot:
    """A loaded ranking snapshot: the original and every copy with its record and text
    (none for an unreadable copy), in the order saved. Self-contained: a pair is shown
    again by diffing the two stored articles, no file is read."""

    info: RankingInfo
    options: dict[str, Any]
    original: CopyText
    copies: tuple[RankedCopy, ...]

    @property
    def records(self) -> tuple[CopyRecord, ...]:
        """The copies' records, in the order saved."""
        return tuple(copy.record for copy in self.copies)

    def ranking(self) -> Ranking:
        """The ranking as saved (its sort and direction)."""
        return build_ranking(
            self.original.article, self.records, self.info.sort, reverse=self.info.reverse
        )

    def article(self, path: str) -> Article | None:
        """The stored article of the copy at ``path`` (None: unknown or unreadable)."""
        for copy in self.copies:
            if copy.record.path == path:
                return copy.text.article if copy.text else None
        return None


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """How a source file compares with the one a snapshot was made from."""

    side: str
    state: SourceState
    path: str
