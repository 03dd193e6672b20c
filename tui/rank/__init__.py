"""Ranking copies against one original: what each copy kept, reworded, cut and changed.

The core of ``paradiff rank`` (and of ``paradiff scan`` and the app's copies screen):
:mod:`~tui.rank.record` reduces a diff to a small :class:`CopyRecord`,
:mod:`~tui.rank.sorting` orders records, :mod:`~tui.rank.runner` ranks many copies in
worker processes and streams the records back (:mod:`~tui.rank.pool`: how any pool of
paradiff starts its workers), :mod:`~tui.rank.render` writes a ranking
as text, JSON, CSV or HTML. No Textual.
"""

from tui.rank.collect import collect_copies
from tui.rank.pool import pool_context, prepare_worker_processes, thread_count
from tui.rank.record import (
    PARAGRAPH_CLASSES,
    CopyRecord,
    CopyText,
    FactEntry,
    RankedCopy,
    Ranking,
    body_similarity,
    fact_counts,
    fact_entries,
    failed_record,
    furniture_share,
    record_of,
)
from tui.rank.runner import (
    RankUpdate,
    default_jobs,
    rank_article,
    rank_bytes,
    rank_copies,
    rank_path,
    rank_path_keeping,
)
from tui.rank.sorting import (
    DEFAULT_SORT,
    SORT_KEYS,
    SORT_NAMES,
    SortKey,
    build_ranking,
    sort_key,
    sort_records,
)

__all__ = [
    "DEFAULT_SORT",
    "PARAGRAPH_CLASSES",
    "SORT_KEYS",
    "SORT_NAMES",
    "CopyRecord",
    "CopyText",
    "FactEntry",
    "RankUpdate",
    "RankedCopy",
    "Ranking",
    "SortKey",
    "body_similarity",
    "build_ranking",
    "collect_copies",
    "default_jobs",
    "fact_counts",
    "fact_entries",
    "failed_record",
    "furniture_share",
    "pool_context",
    "prepare_worker_processes",
    "rank_article",
    "rank_bytes",
    "rank_copies",
    "rank_path",
    "rank_path_keeping",
    "record_of",
    "sort_key",
    "sort_records",
    "thread_count",
]
