"""Which files to rank: the copies named, folders searched recursively for every readable
kind (:mod:`tui.sources.readable`), each file once, the original left out."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from tui.files import describe_os_error
from tui.rank.record import CopyRecord, failed_record
from tui.sources.base import STDIN
from tui.sources.readable import walk_readable


def collect_copies(names: Iterable[str], original: str) -> tuple[list[str], list[CopyRecord]]:
    """The copies to rank from ``names`` (files kept as given, folders walked), without
    duplicates or the original itself; and a record for each folder that could not be
    listed (so that the ranking can show it)."""
    copies: list[str] = []
    failures: list[CopyRecord] = []
    seen: set[str] = {os.path.realpath(original)}

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            copies.append(path)

    def unlisted(path: Path, exc: OSError) -> None:
        reason = f"cannot list folder: {describe_os_error(exc)}"
        failures.append(failed_record(str(path), reason))

    for name in names:
        if name != STDIN and Path(name).is_dir():
            for path in walk_readable(Path(name), on_error=unlisted):
                add(str(path))
        else:
            add(name)
    return copies, failures
