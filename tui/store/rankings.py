"""The ranking snapshot file: copies ranked against one original, self-contained.

A ranking snapshot holds the original (its source record and its article: the text as
diffed), every copy (its record and, when it was readable, its source record and article)
and the order shown. Reopening one reads no file; a pair is shown again by diffing the two
stored articles, which gives the diff that was ranked (the engine is deterministic).

Read back like a diff snapshot: ``json.loads`` with finite numbers only, then every field
checked (shares in [0, 1], counts, known sort keys and fact kinds, articles as the engine
reads them, each copy's path once, a text for every readable copy and none for an
unreadable one).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tui import __version__
from tui.engine.model import ResultFormatError, article_from_dict, article_to_dict
from tui.rank.record import CopyRecord, CopyText, RankedCopy, RecordFormatError
from tui.rank.sorting import SORT_NAMES
from tui.store.fileformat import (
    check_schema,
    iso_utc,
    options_dict,
    parse_header,
    parse_options,
    source_from_dict,
    source_to_dict,
)
from tui.store.records import RankingInfo, RankingSnapshot, SnapshotUnreadable, StoreWriteError

RANKING_FORMAT = "paradiff-ranking-snapshot"
RANKING_SCHEMA_VERSION = 1
#: Largest ranking snapshot saved or read: a copy takes 1.1 to 1.3 times its text (its
#: paragraph offsets, record and source record besides), so 1,000 copies of a 5 KB story
#: take about 7 MB and 100 copies of a 200 KB document about 23 MB.
MAX_RANKING_BYTES = 96 * 1024 * 1024


def build_ranking_document(
    snapshot_id: str,
    name: str,
    note: str,
    created: datetime,
    original: CopyText,
    copies: Sequence[RankedCopy],
    sort: str,
    reverse: bool,
    options: Any,
) -> dict[str, Any]:
    """The JSON document of a new ranking snapshot."""
    return {
        "format": RANKING_FORMAT,
        "schema": RANKING_SCHEMA_VERSION,
        "id": snapshot_id,
        "name": name,
        "note": note,
        "created": iso_utc(created),
        "paradiff_version": __version__,
        "options": options_dict(options),
        "sort": {"key": sort, "reverse": reverse},
        "original": _text_to_dict(original),
        "copies": [_copy_to_dict(copy) for copy in copies],
    }


def _text_to_dict(text: CopyText) -> dict[str, Any]:
    return {"source": source_to_dict(text.source), "article": article_to_dict(text.article)}


def _copy_to_dict(copy: RankedCopy) -> dict[str, Any]:
    text = _text_to_dict(copy.text) if copy.text else {"source": None, "article": None}
    return {"record": copy.record.to_dict(), **text}


def _text_from_dict(data: Any, where: str) -> CopyText:
    if not isinstance(data, dict):
        raise SnapshotUnreadable(f"missing field {where!r}")
    source = source_from_dict(data.get("source"), f"{where}.source")
    try:
        article = article_from_dict(data.get("article"), f"{where}.article")
    except ResultFormatError as exc:
        raise SnapshotUnreadable(f"bad article: {_short(str(exc))}") from exc
    return CopyText(source, article)


def _copy_from_dict(data: Any, where: str) -> RankedCopy:
    if not isinstance(data, dict):
        raise SnapshotUnreadable(f"bad field {where!r}")
    try:
        record = CopyRecord.from_dict(data.get("record"), f"{where}.record")
    except RecordFormatError as exc:
        raise SnapshotUnreadable(f"bad record: {_short(str(exc))}") from exc
    if data.get("source") is None and data.get("article") is None:
        if record.ok:
            raise SnapshotUnreadable(f"{where}: a readable copy without its text")
        return RankedCopy(record)
    if not record.ok:
        raise SnapshotUnreadable(f"{where}: an unreadable copy with a text")
    text = _text_from_dict(data, where)
    if text.article.path != record.path:
        raise SnapshotUnreadable(f"{where}: the record and the text name other copies")
    return RankedCopy(record, text)


def parse_ranking_document(doc: dict[str, Any], file: Path, size: int) -> RankingSnapshot:
    """A ranking snapshot from its JSON object (``size``: the file's bytes); raises
    :class:`SnapshotUnreadable` with the reason. The id is the file name's stem."""
    if doc.get("format") != RANKING_FORMAT:
        raise SnapshotUnreadable(f"not a {RANKING_FORMAT} file")
    if size > MAX_RANKING_BYTES:
        raise SnapshotUnreadable(f"too large for a ranking ({megabytes(size)})")
    check_schema(doc, RANKING_SCHEMA_VERSION)
    name, note, created, version = parse_header(doc)
    options = parse_options(doc)
    order = doc.get("sort")
    if not isinstance(order, dict) or order.get("key") not in SORT_NAMES:
        raise SnapshotUnreadable("bad field 'sort.key'")
    reverse = order.get("reverse", False)
    if not isinstance(reverse, bool):
        raise SnapshotUnreadable("bad field 'sort.reverse'")
    original = _text_from_dict(doc.get("original"), "original")
    raw_copies = doc.get("copies")
    if not isinstance(raw_copies, list):
        raise SnapshotUnreadable("missing field 'copies'")
    copies = tuple(_copy_from_dict(c, f"copies[{n}]") for n, c in enumerate(raw_copies))
    paths = [copy.record.path for copy in copies]
    if len(set(paths)) != len(paths):
        raise SnapshotUnreadable("a copy is listed twice")
    info = RankingInfo(
        id=file.stem,
        name=name,
        note=note,
        created=created,
        paradiff_version=version,
        original=original.source,
        copies=len(copies),
        differing=sum(copy.record.differs for copy in copies),
        unreadable=sum(not copy.record.ok for copy in copies),
        sort=order["key"],
        reverse=reverse,
        file=file,
    )
    return RankingSnapshot(info=info, options=options, original=original, copies=copies)


def megabytes(size: int) -> str:
    """``size`` bytes for people: ``12.3 MB``."""
    return f"{size / 1_000_000:.1f} MB"


def _short(reason: str, limit: int = 160) -> str:
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


class KeptTexts:
    """The texts of a ranking's copies, kept as they arrive while they fit in a saved
    ranking. Past :data:`MAX_RANKING_BYTES` all are dropped, so that memory stays
    bounded, and :meth:`copies` says why the ranking cannot be saved."""

    def __init__(self) -> None:
        self._texts: dict[str, CopyText] = {}
        self._size = 0
        #: True once the texts outgrew a saved ranking (and were dropped).
        self.overflowed = False

    def keep(self, path: str, text: CopyText | None) -> None:
        """Keep the text of the copy at ``path`` (nothing for an unreadable copy)."""
        if text is None or self.overflowed:
            return
        self._size += sum(len(p) + 8 for p in text.article.paragraphs)
        if self._size > MAX_RANKING_BYTES:
            self.overflowed = True
            self._texts.clear()
            return
        self._texts[path] = text

    def copies(self, records: Sequence[CopyRecord]) -> list[RankedCopy]:
        """``records`` with their texts, ready for :meth:`SnapshotStore.save_ranking`;
        raises :class:`StoreWriteError` when the texts outgrew a saved ranking."""
        if self.overflowed:
            raise StoreWriteError(
                f"cannot save: the copies' texts take more than {megabytes(MAX_RANKING_BYTES)}, "
                "more than a saved ranking may hold (rank fewer copies)"
            )
        return [RankedCopy(r, self._texts.get(r.path) if r.ok else None) for r in records]
