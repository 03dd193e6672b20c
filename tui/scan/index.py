"""The candidate index: the signatures of every document, by partition, and the features
frequent across the corpus; built once, saved to a folder, queried for any original.

A :class:`Shard` is one partition sketched (:func:`sketch_partition`, a plain function any
worker runs): document ids and locators, feature counts, the signature matrix, the bad
documents, and feature counts over a sample of the documents (to find the boilerplate).
:func:`shard_candidates` scores one shard against a query. Both run unchanged in the worker
processes of an embedded scan and on a Dask cluster.

On disk (``paradiff index CORPUS --out DIR``): ``manifest.json`` (format name and version,
the feature parameters, the sources, the bad documents, each shard file with its SHA-256),
``common.json`` and per shard ``shard-NNNNN.npz`` (signatures, sizes) and
``shard-NNNNN.json`` (ids, locators). The folder is written beside its final place and
renamed into it, so a reader sees the old index or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tui.files import describe_os_error, write_atomically
from tui.scan.corpus import BadDocument, Document, Partition, read_partition
from tui.scan.features import NUM_PERM, SEED, SHINGLE_TERMS, containment, shingles, signatures

INDEX_FORMAT = "paradiff-scan-index"
#: Bumped whenever what is stored, or how features are made, changes.
INDEX_VERSION = 1
MANIFEST = "manifest.json"
#: Every SAMPLE_EVERY-th document of a partition counts towards the common features.
SAMPLE_EVERY = 4
#: A feature in this share of the sampled documents (and at least MIN_COMMON of them) is
#: boilerplate: a site's menu, a standard disclaimer, a formula every story repeats.
COMMON_SHARE = 0.005
MIN_COMMON = 20


class ScanIndexError(Exception):
    """An index folder that cannot be used; ``str(exc)`` is one line."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A document worth aligning: where it is and its estimated containment of the
    original's (discounted) features."""

    id: str
    kind: str
    source: str
    locator: str
    score: float


@dataclass(slots=True)
class Shard:
    """One partition, sketched."""

    kind: str
    source: str
    ids: list[str]
    locators: list[str]
    sizes: np.ndarray
    matrix: np.ndarray
    bad: list[BadDocument] = field(default_factory=list)
    sample: Counter[str] = field(default_factory=Counter)
    sampled: int = 0

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class ShardSummary:
    """What the client needs of a shard that stays on a worker."""

    documents: int
    bad: tuple[BadDocument, ...]
    sample: Counter[str]
    sampled: int


@dataclass(frozen=True, slots=True)
class Query:
    """An original made ready to query: its signature and feature count after the common
    features were taken out."""

    signature: np.ndarray
    size: int
    features: int
    discounted: int


def sketch_partition(part: Partition) -> Shard:
    """Read ``part`` and sketch its documents (see :class:`Shard`)."""
    ids: list[str] = []
    locators: list[str] = []
    features: list[set[str]] = []
    bad: list[BadDocument] = []
    sample: Counter[str] = Counter()
    sampled = 0
    for number, item in enumerate(read_partition(part)):
        if isinstance(item, BadDocument):
            bad.append(item)
            continue
        document: Document = item
        found = shingles(document.text)
        if not found:
            bad.append(BadDocument(document.id, "no words to compare"))
            continue
        ids.append(document.id)
        locators.append(document.locator)
        features.append(found)
        if number % SAMPLE_EVERY == 0:
            sample.update(found)
            sampled += 1
    sizes = np.fromiter((len(f) for f in features), dtype=np.int32, count=len(features))
    matrix = signatures(features)
    # Features seen once in this sample cannot make a corpus-wide majority of anything
    # useful alone; dropping them keeps what travels back to the client small.
    sample = Counter({k: n for k, n in sample.items() if n > 1})
    return Shard(part.kind, part.path, ids, locators, sizes, matrix, bad, sample, sampled)


def summarise(shard: Shard) -> ShardSummary:
    """The small part of ``shard`` the client gathers."""
    return ShardSummary(len(shard), tuple(shard.bad), shard.sample, shard.sampled)


def common_features(summaries: Iterable[ShardSummary]) -> frozenset[str]:
    """Features frequent across the corpus (:data:`COMMON_SHARE`, :data:`MIN_COMMON`)."""
    counts: Counter[str] = Counter()
    sampled = 0
    for summary in summaries:
        counts.update(summary.sample)
        sampled += summary.sampled
    floor = max(MIN_COMMON, COMMON_SHARE * sampled)
    return frozenset(k for k, n in counts.items() if n >= floor)


def make_query(text: str, common: frozenset[str]) -> Query:
    """The query of an original text: its features less the common ones (all of them, if
    nothing else is left)."""
    found = shingles(text)
    kept = found - common or found
    signature = signatures([kept])[0] if kept else np.zeros(NUM_PERM, dtype=np.uint32)
    return Query(signature, len(kept), len(found), len(found) - len(kept))


def shard_candidates(shard: Shard, query: Query, threshold: float) -> list[Candidate]:
    """The documents of ``shard`` whose estimated containment of the query reaches
    ``threshold``, best first."""
    scores = containment(query.signature, query.size, shard.matrix, shard.sizes)
    hits = np.flatnonzero(scores >= threshold)
    found = [
        Candidate(shard.ids[i], shard.kind, shard.source, shard.locators[i], float(scores[i]))
        for i in hits
    ]
    return sorted(found, key=candidate_order)


def candidate_order(candidate: Candidate) -> tuple[float, str, str, str]:
    """Best score first; ties by id and place, so the order never depends on the workers."""
    return (-candidate.score, candidate.id, candidate.source, candidate.locator)


# ---------------------------------------------------------------- on disk


@dataclass(slots=True)
class IndexOnDisk:
    """A loaded index: its shards, common features and manifest."""

    shards: list[Shard]
    common: frozenset[str]
    manifest: dict


def save_index(
    out: Path,
    shards: Sequence[Shard],
    common: frozenset[str],
    sources: Sequence[str],
    bad: Sequence[BadDocument],
) -> dict:
    """Write the index to the folder ``out`` atomically; returns its manifest. Raises
    :class:`ScanIndexError` (``out`` is something else than an index) or :class:`OSError`."""
    if out.exists() and not _replaceable(out):
        raise ScanIndexError(f"{out}: exists and is not a paradiff index (not replaced)")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    try:
        entries = []
        for number, shard in enumerate(shards):
            base = f"shard-{number:05d}"
            arrays = io.BytesIO()
            np.savez(arrays, matrix=shard.matrix, sizes=shard.sizes)
            payload = arrays.getvalue()
            docs = json.dumps(
                {
                    "kind": shard.kind,
                    "source": shard.source,
                    "ids": shard.ids,
                    "locators": shard.locators,
                },
                ensure_ascii=False,
            ).encode()
            _write(staging / f"{base}.npz", payload)
            _write(staging / f"{base}.json", docs)
            entries.append(
                {
                    "arrays": f"{base}.npz",
                    "documents": f"{base}.json",
                    "count": len(shard),
                    "sha256": [_sha(payload), _sha(docs)],
                }
            )
        common_bytes = json.dumps(sorted(common), ensure_ascii=False).encode()
        _write(staging / "common.json", common_bytes)
        manifest = {
            "format": INDEX_FORMAT,
            "version": INDEX_VERSION,
            "features": {"shingle_terms": SHINGLE_TERMS, "num_perm": NUM_PERM, "seed": SEED},
            "sources": [os.path.abspath(s) for s in sources],
            "documents": sum(len(s) for s in shards),
            "bad": [b.to_dict() for b in bad],
            "common": {"file": "common.json", "sha256": _sha(common_bytes)},
            "shards": entries,
        }
        _write(staging / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        _swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def load_index(folder: Path) -> IndexOnDisk:
    """Read the index in ``folder``; raises :class:`ScanIndexError` with a one-line reason
    (not an index, made by a newer paradiff, corrupt)."""
    manifest = _read_manifest(folder)
    try:
        common_bytes = _checked(folder, manifest["common"]["file"], manifest["common"]["sha256"])
        common = frozenset(json.loads(common_bytes))
        shards = []
        for entry in manifest["shards"]:
            arrays = _checked(folder, entry["arrays"], entry["sha256"][0])
            docs = json.loads(_checked(folder, entry["documents"], entry["sha256"][1]))
            with np.load(io.BytesIO(arrays), allow_pickle=False) as data:
                matrix, sizes = data["matrix"], data["sizes"]
            if matrix.shape != (entry["count"], NUM_PERM) or len(docs["ids"]) != entry["count"]:
                raise ValueError("shard sizes disagree")
            shards.append(
                Shard(docs["kind"], docs["source"], docs["ids"], docs["locators"], sizes, matrix)
            )
    except ScanIndexError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, OSError) as exc:
        raise ScanIndexError(f"{folder}: corrupt index ({_reason(exc)})") from exc
    bad = [BadDocument(b["where"], b["reason"]) for b in manifest.get("bad", [])]
    if shards:
        shards[0].bad = bad
    return IndexOnDisk(shards, common, manifest)


def _read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ScanIndexError(f"{folder}: not a paradiff index (no {MANIFEST})") from None
    except OSError as exc:
        raise ScanIndexError(f"{folder}: {describe_os_error(exc)}") from exc
    try:
        manifest = json.loads(raw)
        name, version = manifest["format"], manifest["version"]
    except (ValueError, KeyError, TypeError):
        raise ScanIndexError(f"{folder}: corrupt index (unreadable {MANIFEST})") from None
    if name != INDEX_FORMAT:
        raise ScanIndexError(f"{folder}: not a paradiff index ({name!r})")
    if not isinstance(version, int) or version > INDEX_VERSION:
        raise ScanIndexError(
            f"{folder}: index format {version} is newer than this paradiff reads "
            f"({INDEX_VERSION}); upgrade paradiff or rebuild the index"
        )
    if version < INDEX_VERSION or manifest.get("features") != {
        "shingle_terms": SHINGLE_TERMS,
        "num_perm": NUM_PERM,
        "seed": SEED,
    }:
        raise ScanIndexError(f"{folder}: index made by an older paradiff; rebuild it")
    return manifest


def _checked(folder: Path, name: str, digest: str) -> bytes:
    if "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"bad file name {name!r}")
    data = (folder / name).read_bytes()
    if _sha(data) != digest:
        raise ValueError(f"{name} does not match its checksum")
    return data


def _replaceable(out: Path) -> bool:
    """True when ``out`` may be replaced: an index, or an empty folder."""
    return out.is_dir() and ((out / MANIFEST).is_file() or not any(out.iterdir()))


def _swap_in(staging: Path, out: Path) -> None:
    """Put ``staging`` at ``out``: a rename (atomic), after moving any old index aside."""
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{uuid.uuid4().hex[:12]}"
        os.replace(out, old)
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write(path: Path, payload: bytes) -> None:
    write_atomically(path, payload, prefix=f".{path.name}.")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    if isinstance(exc, KeyError):
        return f"missing {exc}"
    with contextlib.suppress(Exception):
        return str(exc).splitlines()[0][:100]
    return type(exc).__name__
