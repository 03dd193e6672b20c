"""Benchmark of ``paradiff scan``: recall of planted copies, candidate-stage throughput,
signature memory, embedded vs a two-worker Dask LocalCluster.

The corpus is generated deterministically (``--seed``): news-like documents made of
paragraphs of the public-domain Bible translations in ``/work/shared/realdev`` (or
``--realdev``) and of the seed articles, shuffled, some with a site's menu line as
boilerplate; plus planted copies of the wire story (seed 002): verbatim, synonym-spun (seed
000), paraphrased (001), back-translated (003), cut to a share of its paragraphs, merged
into a longer page, and a reworded copy cut too. The truth of each copy is the share of the
original's paragraphs it carries (a reworded copy carries them all). Seed 004, another
story on the same subject, is planted as a hard negative.

    .venv/bin/python benchmarks/bench_scan.py --docs 20000 [--dask] [--out DIR]

Prints a JSON summary. CI never runs it.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.engine.loading import split_paragraphs  # noqa: E402
from tui.engine.model import Article  # noqa: E402
from tui.scan.features import NUM_PERM  # noqa: E402
from tui.scan.run import LocalRunner, scan, sketch_corpus  # noqa: E402

SEEDS = ROOT / "seeds"
MENUS = [
    "Home News Sport Business Opinion Weather Subscribe Sign in",
    "Today's Paper Latest Public Notices Elections Core Values Newsletters Sports Archive",
    "Skip to content Menu Search World US Politics Tech Science Health",
]


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def planted(rng: random.Random, filler: list[str]) -> list[tuple[str, str, float]]:
    """The planted copies: (id, text, share of the original's paragraphs carried)."""
    original = split_paragraphs(seed_text("002"))
    body = original[3:]  # the story without the page's menu, headline and byline
    spun, para, back = (split_paragraphs(seed_text(p)) for p in ("000", "001", "003"))
    n = len(original)
    copies = [
        ("copy-verbatim", original, 1.0),
        ("copy-body", body, len(body) / n),
        ("copy-spun", spun, 1.0),
        ("copy-paraphrased", para, 1.0),
        ("copy-backtranslated", back, 1.0),
        ("copy-cut-60", body[: int(len(body) * 0.6)], int(len(body) * 0.6) / n),
        ("copy-cut-35", body[: int(len(body) * 0.35) + 1], (int(len(body) * 0.35) + 1) / n),
        ("copy-cut-15", body[:3], 3 / n),
        (
            "copy-merged",
            rng.sample(filler, 25) + list(body) + rng.sample(filler, 25),
            len(body) / n,
        ),
        ("copy-spun-cut", spun[: len(spun) // 2], 0.5),
        ("copy-back-merged", rng.sample(filler, 20) + list(back) + rng.sample(filler, 10), 1.0),
        ("negative-other-story", split_paragraphs(seed_text("004")), 0.0),
    ]
    return [(name, "\n\n".join(paras), share) for name, paras, share in copies]


def write_corpus(path: Path, docs: int, seed: int, realdev: Path) -> list[tuple[str, float]]:
    rng = random.Random(seed)
    filler: list[str] = []
    for name in sorted(realdev.glob("*.txt")):
        filler += split_paragraphs(name.read_text(encoding="utf-8"))
    extra = [
        p for prefix in ("000", "001", "003", "004") for p in split_paragraphs(seed_text(prefix))
    ]
    copies = planted(rng, filler)
    slots = set(rng.sample(range(docs), len(copies)))
    it = iter(copies)
    truth = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(docs):
            if i in slots:
                name, text, share = next(it)
                truth.append((name, share))
            else:
                paragraphs = rng.sample(filler, rng.randint(6, 30))
                if rng.random() < 0.01:  # a paragraph of the story quoted in passing
                    paragraphs.insert(rng.randrange(len(paragraphs)), rng.choice(extra))
                if rng.random() < 0.3:
                    paragraphs.insert(0, rng.choice(MENUS))
                name, text = f"doc-{i:07d}", "\n\n".join(paragraphs)
            out.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
    return truth


def run(args: argparse.Namespace) -> dict:
    folder = Path(args.out or tempfile.mkdtemp(prefix="bench-scan-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    truth = write_corpus(corpus, args.docs, args.seed, Path(args.realdev))
    original = Article("002", "utf-8", split_paragraphs(seed_text("002")))
    report: dict = {"documents": args.docs, "corpus_bytes": corpus.stat().st_size}

    runner = LocalRunner(1)  # one core: the per-core rate
    started = time.perf_counter()
    sketched = sketch_corpus([str(corpus)], runner)
    sketch_seconds = time.perf_counter() - started
    shingles = sum(int(s.sizes.sum()) for s in sketched.shards)
    signature_bytes = sum(s.matrix.nbytes + s.sizes.nbytes for s in sketched.shards)
    started = time.perf_counter()
    result = scan(original, sketched, runner, top=args.top)
    query_and_align = time.perf_counter() - started
    runner.close()
    found = {r.path: rank for rank, r in enumerate(result.ranking.records, 1)}
    targets = [name for name, share in truth if share >= 0.3]
    report.update(
        candidate_stage_docs_per_second_per_core=round(args.docs / sketch_seconds, 1),
        candidate_stage_seconds=round(sketch_seconds, 2),
        shingles=shingles,
        signature_bytes_per_document=NUM_PERM * 4 + 4,
        signature_mib_per_million_shingles=round(signature_bytes / shingles * 1e6 / 2**20, 2),
        peak_rss_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        query_and_alignment_seconds=round(query_and_align, 2),
        candidates=len(result.candidates),
        recall_at_top_k={
            "k": args.top,
            "targets": len(targets),
            "found": sum(t in found for t in targets),
            "recall": round(sum(t in found for t in targets) / len(targets), 3),
        },
        planted={
            name: {
                "share": round(share, 2),
                "rank": found.get(name),
                "containment": result.scores.get(name),
            }
            for name, share in truth
        },
    )
    if args.dask:
        report["embedded_vs_dask"] = compare_dask(corpus, original, args.top)
    return report


def compare_dask(corpus: Path, original: Article, top: int) -> dict:
    from distributed import Client, LocalCluster

    from tui.scan.run import DaskRunner

    timings = {}
    local = LocalRunner(2)
    started = time.perf_counter()
    embedded = scan(original, sketch_corpus([str(corpus)], local), local, top=top)
    timings["embedded_2_processes_seconds"] = round(time.perf_counter() - started, 2)
    local.close()
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        Client(cluster) as client,
    ):
        runner = DaskRunner(client)
        started = time.perf_counter()
        distributed = scan(original, sketch_corpus([str(corpus)], runner), runner, top=top)
        timings["dask_2_workers_seconds"] = round(time.perf_counter() - started, 2)
    same = [r.path for r in embedded.ranking.records] == [
        r.path for r in distributed.ranking.records
    ]
    timings["same_result"] = same
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="corpus size (default 100,000)")
    parser.add_argument("--seed", type=int, default=20260204)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--dask", action="store_true", help="also time a two-worker LocalCluster")
    parser.add_argument("--realdev", default="/work/shared/realdev")
    parser.add_argument("--out", default=None, help="folder for the corpus (default: a temp one)")
    print(json.dumps(run(parser.parse_args()), indent=1))


if __name__ == "__main__":
    main()
