"""Saved diff snapshots and saved rankings of copies: self-contained JSON files, written
atomically.

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
  :class:`Unreadable` with the reason, and never deleted or rewritten unless asked to; so
  are files whose numbers are not finite, whose date cannot be shown in every time zone,
  or whose diff is inconsistent (:func:`tui.engine.validate.result_problem`);
- only regular files are read (never a FIFO, a device or a symbolic link; ``stat`` before
  opening), at most ``MAX_SNAPSHOT_BYTES``;
- rename and delete hold a lock file (``.lock``, ``flock``), so a rename never brings back
  a snapshot deleted meanwhile; temporary files of killed saves are removed at list and
  save time once an hour old.

A ranking snapshot (:mod:`~tui.store.rankings`, format ``paradiff-ranking-snapshot``)
lives in the same folder, named the same way, read with the same rules: the original and
every copy with its text and record, and the order shown; both kinds are listed together
(:class:`SnapshotInfo` and :class:`RankingInfo`, told apart by ``kind``).

Modules: :mod:`~tui.store.records` (errors and records), :mod:`~tui.store.fileformat`
(the JSON document, built and validated), :mod:`~tui.store.rankings` (the ranking
document), :mod:`~tui.store.checks` (sources changed since?), :mod:`~tui.store.store`
(:class:`SnapshotStore`). Hashes and source records come from :mod:`tui.sources`, atomic
writes from :mod:`tui.files`.

No Textual; safe to call from worker threads.
"""

from tui.store.checks import check_source, check_sources, origin_note
from tui.store.fileformat import SCHEMA_VERSION, SNAPSHOT_FORMAT, parse_snapshot
from tui.store.rankings import MAX_RANKING_BYTES, RANKING_FORMAT, KeptTexts
from tui.store.records import (
    AmbiguousId,
    RankingInfo,
    RankingSnapshot,
    Snapshot,
    SnapshotInfo,
    SnapshotNotFound,
    SnapshotUnreadable,
    SourceCheck,
    SourceState,
    StoreError,
    StoreWriteError,
    Unreadable,
    WrongKind,
)
from tui.store.store import (
    ENV_DATA_DIR,
    SnapshotStore,
    clean_name,
    default_data_dir,
    default_ranking_name,
    default_snapshot_name,
    parse_stored,
)

__all__ = [
    "ENV_DATA_DIR",
    "MAX_RANKING_BYTES",
    "RANKING_FORMAT",
    "SCHEMA_VERSION",
    "SNAPSHOT_FORMAT",
    "AmbiguousId",
    "KeptTexts",
    "RankingInfo",
    "RankingSnapshot",
    "Snapshot",
    "SnapshotInfo",
    "SnapshotNotFound",
    "SnapshotStore",
    "SnapshotUnreadable",
    "SourceCheck",
    "SourceState",
    "StoreError",
    "StoreWriteError",
    "Unreadable",
    "WrongKind",
    "check_source",
    "check_sources",
    "clean_name",
    "default_data_dir",
    "default_ranking_name",
    "default_snapshot_name",
    "origin_note",
    "parse_snapshot",
    "parse_stored",
]
