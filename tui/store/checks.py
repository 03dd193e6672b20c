"""Comparing a snapshot's sources with the files now at their paths (reads only)."""

from __future__ import annotations

import os
from collections.abc import Iterable

from tui.sources import SourceInfo, file_sha256
from tui.store.records import RankingInfo, SnapshotInfo, SourceCheck


def check_source(side: str, source: SourceInfo) -> SourceCheck:
    """Compare a recorded source with the file now at its (absolute) path. Reads only:
    a page fetched from a URL is never fetched again (its state is "unknown")."""
    path = source.abspath or source.path
    if not source.sha256 or not path or source.fetched_at:
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


def origin_note(
    info: SnapshotInfo | RankingInfo, checks: Iterable[SourceCheck] | None = None
) -> str:
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
