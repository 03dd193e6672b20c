"""The pairs of articles compared lately, newest first, kept in the data folder
(``recent.json`` beside the snapshots) so that the browser offers them one key away.

A small JSON file, written atomically (:func:`tui.files.write_atomically`); at most
:data:`MAX_RECENT` pairs; a pair compared again moves to the top. A file that is missing,
too large or broken reads as no pairs: recent pairs are a convenience, never an error.
No Textual, no engine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tui.files import NotARegularFile, read_regular_file, write_atomically

RECENT_FILE = "recent.json"
#: Pairs remembered.
MAX_RECENT = 20
#: Twenty pairs of paths are a few kilobytes; anything much larger is not this file.
MAX_RECENT_BYTES = 256 * 1024
RECENT_VERSION = 1


@dataclass(frozen=True, slots=True)
class RecentPair:
    """Two articles compared: ``a`` (left, the original) and ``b`` (right, the copy); each
    an absolute path or an http(s) URL."""

    a: str
    b: str


def recent_file(data_folder: Path) -> Path:
    """The file of the recent pairs in ``data_folder``."""
    return data_folder / RECENT_FILE


def load_recent(data_folder: Path) -> list[RecentPair]:
    """The recent pairs, newest first (none when the file is missing or unreadable)."""
    try:
        data = read_regular_file(recent_file(data_folder), MAX_RECENT_BYTES)
        doc = json.loads(data.decode("utf-8"))
    except (OSError, NotARegularFile, UnicodeDecodeError, ValueError):
        return []
    entries = doc.get("pairs") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        return []
    pairs: list[RecentPair] = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        a, b = entry.get("a"), entry.get("b")
        if isinstance(a, str) and isinstance(b, str) and a and b:
            pair = RecentPair(a, b)
            if pair not in pairs:
                pairs.append(pair)
    return pairs[:MAX_RECENT]


def remember_pair(data_folder: Path, pair: RecentPair) -> list[RecentPair]:
    """Put ``pair`` first in the recent pairs (keeping :data:`MAX_RECENT`) and write them;
    returns the new list. Creates the data folder if need be; raises :class:`OSError`."""
    pairs = [pair, *(p for p in load_recent(data_folder) if p != pair)][:MAX_RECENT]
    doc = {"version": RECENT_VERSION, "pairs": [{"a": p.a, "b": p.b} for p in pairs]}
    payload = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    data_folder.mkdir(parents=True, exist_ok=True)
    write_atomically(recent_file(data_folder), payload, prefix=f".{RECENT_FILE}.")
    return pairs


__all__ = [
    "MAX_RECENT",
    "RECENT_FILE",
    "RecentPair",
    "load_recent",
    "recent_file",
    "remember_pair",
]
