"""Running a scan: the candidate stage over partitions, then the alignment of the best
candidates, on worker processes here or on a Dask cluster.

Both stages are plain maps of module-level functions (:func:`~tui.scan.index.sketch_partition`,
:func:`~tui.scan.index.shard_candidates`, :func:`align_candidate`) over picklable inputs.
A :class:`LocalRunner` maps them over a process pool (or in this process, with one job); a
:class:`DaskRunner` submits the very same functions to a ``distributed`` cluster, where the
shards stay on the workers that made them and only candidates and records come back.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.engine.model import Article
from tui.rank import CopyRecord, Ranking, build_ranking, default_jobs, failed_record, rank_article
from tui.rank.pool import pool_context
from tui.scan.corpus import PARTITION_DOCS, BadDocument, fetch, partitions
from tui.scan.index import (
    Candidate,
    Query,
    Shard,
    ShardSummary,
    candidate_order,
    common_features,
    load_index,
    make_query,
    shard_candidates,
    sketch_partition,
    summarise,
)

#: Estimated containment a document needs to be a candidate: low, because a reworded copy
#: keeps only about half of the original's pairs of content words, and a cut one less.
DEFAULT_THRESHOLD = 0.1
#: Candidates aligned at most, best scores first.
DEFAULT_CANDIDATES = 100
DEFAULT_TOP = 20


class Runner:
    """Maps a function over items, somewhere; ``keep`` maps whose results stay where they
    were made (handles), ``gather`` brings handles' values here."""

    def map(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> list[Any]:
        raise NotImplementedError

    def keep(self, fn: Callable[..., Any], items: Sequence[Any]) -> list[Any]:
        return self.map(fn, items)

    def close(self) -> None:
        """Release the runner's resources."""


class LocalRunner(Runner):
    """Worker processes on this machine (``jobs``; 1: this process)."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = default_jobs() if jobs is None else max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> list[Any]:
        call = functools.partial(fn, **kwargs) if kwargs else fn
        if self.jobs == 1 or len(items) <= 1:
            return [call(item) for item in items]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=pool_context())
        chunks = max(1, len(items) // (self.jobs * 4))
        return list(self._pool.map(call, items, chunksize=chunks))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


class DaskRunner(Runner):
    """A Dask ``distributed`` cluster at ``address`` (``tcp://host:port``), or an existing
    ``Client``. Needs ``pip install 'paradiff[scale]'``."""

    def __init__(self, address: str | Any) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ScanError("--dask needs dask: pip install 'paradiff[scale]'") from exc
        if isinstance(address, Client):
            self.client, self._own = address, False
        else:
            try:
                self.client = Client(address, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise ScanError(f"--dask {address}: cannot reach the scheduler ({exc})") from exc
            self._own = True

    def map(self, fn: Callable[..., Any], items: Sequence[Any], **kwargs: Any) -> list[Any]:
        if not items:
            return []
        futures = self.client.map(fn, items, pure=False, **kwargs)
        return self.client.gather(futures)

    def keep(self, fn: Callable[..., Any], items: Sequence[Any]) -> list[Any]:
        return self.client.map(fn, items, pure=False) if items else []

    def map_kept(self, fn: Callable[..., Any], handles: list[Any], **kwargs: Any) -> list[Any]:
        if not handles:
            return []
        return self.client.gather(self.client.map(fn, handles, pure=False, **kwargs))

    def close(self) -> None:
        if self._own:
            self.client.close()


class ScanError(Exception):
    """A scan that cannot run (no corpus, no cluster); ``str(exc)`` is one line."""


@dataclass(slots=True)
class Sketched:
    """The candidate stage's state: shards (or handles to them on a cluster), what they
    hold, and the common features."""

    shards: list[Any]
    documents: int
    bad: list[BadDocument]
    common: frozenset[str]
    sources: list[str]


@dataclass(frozen=True, slots=True)
class ScanResult:
    """A whole scan: the corpus read, its bad documents, the candidates and the ranking of
    the top ``K`` (with each one's candidate score)."""

    sources: tuple[str, ...]
    documents: int
    bad: tuple[BadDocument, ...]
    query: Query
    candidates: tuple[Candidate, ...]
    ranking: Ranking
    scores: dict[str, float]


def sketch_corpus(
    sources: Sequence[str], runner: Runner, partition_docs: int = PARTITION_DOCS
) -> Sketched:
    """The candidate stage's first half: every partition sketched, on ``runner``."""
    parts, bad = partitions(list(sources), partition_docs)
    shards = runner.keep(sketch_partition, parts)
    summaries: list[ShardSummary] = _map_kept(runner, summarise, shards)
    for summary in summaries:
        bad.extend(summary.bad)
    documents = sum(s.documents for s in summaries)
    return Sketched(shards, documents, bad, common_features(summaries), list(sources))


def open_index(folder: Path, runner: Runner) -> Sketched:
    """A saved index (:func:`~tui.scan.index.load_index`), its shards sent to ``runner``."""
    loaded = load_index(folder)
    shards: list[Any] = loaded.shards
    bad = [b for shard in loaded.shards for b in shard.bad]
    if isinstance(runner, DaskRunner):
        shards = runner.client.scatter(loaded.shards)
    documents = sum(len(s) for s in loaded.shards)
    return Sketched(shards, documents, bad, loaded.common, list(loaded.manifest["sources"]))


def gather_shards(sketched: Sketched, runner: Runner) -> list[Shard]:
    """The shards themselves (to save them), wherever they were made."""
    if isinstance(runner, DaskRunner):
        return runner.client.gather(sketched.shards)
    return list(sketched.shards)


def find_candidates(
    sketched: Sketched, query: Query, runner: Runner, threshold: float, limit: int
) -> list[Candidate]:
    """The ``limit`` best candidates of every shard together."""
    if isinstance(runner, DaskRunner):
        found = runner.map_kept(shard_candidates, sketched.shards, query=query, threshold=threshold)
    else:  # the shards are here: scoring them is a few array operations each
        found = [shard_candidates(shard, query, threshold) for shard in sketched.shards]
    return sorted((c for shard in found for c in shard), key=candidate_order)[:limit]


def align_candidate(candidate: Candidate, original: Article) -> CopyRecord:
    """Read ``candidate`` from its corpus and rank it against ``original`` (never raises)."""
    document = fetch(candidate.kind, candidate.source, candidate.locator)
    if isinstance(document, BadDocument):
        return failed_record(candidate.id, document.reason)
    try:
        return rank_article(original, document.article(), candidate.kind)
    except Exception as exc:  # one document that breaks the engine must not stop a scan
        return failed_record(candidate.id, f"cannot be diffed: {type(exc).__name__}: {exc}")


def scan(
    original: Article,
    sketched: Sketched,
    runner: Runner,
    *,
    top: int = DEFAULT_TOP,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_CANDIDATES,
    sort: str = "coverage",
    exclude: str | None = None,
) -> ScanResult:
    """Find ``original``'s copies in the sketched corpus: candidates, then alignment.
    ``exclude``: the original's own file, left out when the corpus folder holds it."""
    text = "\n\n".join(original.paragraphs)
    query = make_query(text, sketched.common)
    candidates = find_candidates(sketched, query, runner, threshold, limit + 1)
    candidates = [c for c in candidates if not _same_file(c, exclude)][:limit]
    if isinstance(runner, DaskRunner) and candidates:
        [shared] = runner.client.scatter([original], broadcast=True)
        records = runner.map(align_candidate, candidates, original=shared)
    else:
        records = runner.map(align_candidate, candidates, original=original)
    ranking = build_ranking(original, records, sort)
    ranking = Ranking(
        ranking.original,
        ranking.original_paragraphs,
        ranking.original_words,
        ranking.sort,
        ranking.records[:top],
    )
    scores = {c.id: round(c.score, 4) for c in reversed(candidates)}
    return ScanResult(
        tuple(sketched.sources),
        sketched.documents,
        tuple(sketched.bad),
        query,
        tuple(candidates),
        ranking,
        scores,
    )


def _same_file(candidate: Candidate, path: str | None) -> bool:
    if path is None or candidate.kind != "folder":
        return False
    try:
        return os.path.samefile(candidate.locator, path)
    except OSError:
        return False


def _map_kept(runner: Runner, fn: Callable[..., Any], handles: list[Any]) -> list[Any]:
    if isinstance(runner, DaskRunner):
        return runner.map_kept(fn, handles)
    return [fn(handle) for handle in handles]


def found_ids(result: ScanResult) -> list[str]:
    """The ids of the ranked documents, in rank order."""
    return [record.path for record in result.ranking.records]


def iter_bad(result: ScanResult) -> Iterable[str]:
    """One line per bad document: ``WHERE: reason``."""
    return (f"{b.where}: {b.reason}" for b in result.bad)
