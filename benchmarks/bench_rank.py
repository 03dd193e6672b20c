"""``paradiff rank`` speed and memory: many copies of one original (no assertions: prints
a table).

    python benchmarks/bench_rank.py [--story-copies 1000] [--doc-copies 100] [--jobs 1,2]

Two sets, generated deterministically from the seeds into a temporary folder:
- story: 1,000 copies of a ~5 KB story (seed 002), each revised the way the quality gold
  set revises (synonyms, restyling, number changes, splits, merges, moves, cuts, inserts);
- document: 100 copies of a ~200 KB document built from all the seeds (as
  ``make_pairs.py`` builds its sides), revised the same way.

For each set: the single-pair rate (``rank_path`` in this process on a sample of copies,
reading included), then the whole command ``paradiff rank ORIGINAL DIR --format json`` in
a fresh process at each ``--jobs``: pairs per second, their ratio to the single-pair rate
times the jobs (the issue's target: >= 0.8 with all cores), and peak memory (the parent's
max RSS, the largest worker's, and their sum bound parent + jobs x worker).

Figures are noisy when other work shares the machine: run it on a quiet one to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.make_pairs import make_pair  # noqa: E402  (after the path set-up above)
from tests.engine.perturb import (  # noqa: E402
    perturb_paragraphs,
    seed_paragraphs,
    unrelated_pool,
)

STORY_SEED = "002"
DOC_BYTES = 200_000
TARGET_EFFICIENCY = 0.8
#: Copies timed in this process for the single-pair rate.
SAMPLE = {"story": 60, "document": 6}

_CHILD = """
import json, resource, sys, time
from tui.cli import main
start = time.perf_counter()
code = main(sys.argv[1:])
seconds = time.perf_counter() - start
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
usage = {"self": own.ru_maxrss, "children": kids.ru_maxrss}
cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
print(json.dumps({"code": code, "seconds": seconds, "cpu": cpu, "maxrss_kib": usage}),
      file=sys.stderr)
"""


def write_set(folder: Path, original: list[str], copies: int, label: str) -> Path:
    """Write ``original`` and ``copies`` revised copies of it under ``folder``."""
    seeds = seed_paragraphs()
    pool = unrelated_pool(STORY_SEED, seeds)
    folder.mkdir(parents=True)
    (folder / "original.txt").write_text("\n\n".join(original) + "\n", encoding="utf-8")
    copy_dir = folder / "copies"
    copy_dir.mkdir()
    for k in range(copies):
        rng = random.Random(f"bench-rank:{label}:{k}")
        paragraphs, _ = perturb_paragraphs(original, rng, pool, inserts=rng.randint(1, 3))
        text = "\n\n".join(paragraphs) + "\n"
        (copy_dir / f"copy{k:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def single_pair_rate(folder: Path, sample: int) -> tuple[float, float]:
    """Pairs per second of ``rank_path`` in this process (one warm-up pair first), and
    the CPU seconds a pair takes."""
    from tui.rank import rank_path
    from tui.sources import read_article

    original = read_article(str(folder / "original.txt"))
    paths = sorted(str(p) for p in (folder / "copies").iterdir())[: sample + 1]
    rank_path(original, paths[0])
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths[1:]:
        rank_path(original, path)
    pairs = len(paths) - 1
    return pairs / (time.perf_counter() - start), (time.process_time() - cpu) / pairs


def run_command(folder: Path, jobs: int) -> dict:
    """``paradiff rank`` on the set in a fresh process; its time and peak memory."""
    args = ["rank", str(folder / "original.txt"), str(folder / "copies")]
    args += ["--format", "json", "--jobs", str(jobs)]
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    ranked = json.loads(proc.stdout)["copies"]
    report["copies"] = len(ranked)
    report["failed"] = sum(1 for c in ranked if c["error"])
    return report


def bench(label: str, folder: Path, copies: int, jobs_list: list[int]) -> None:
    rate, cpu_per_pair = single_pair_rate(folder, min(SAMPLE[label], copies - 1))
    size = (folder / "original.txt").stat().st_size
    print(f"\n{label}: {copies} copies of a {size / 1000:.0f} KB original")
    print(
        f"  single pair in-process: {rate:8.2f} pairs/s ({1000 / rate:.1f} ms a pair, "
        f"{1000 * cpu_per_pair:.1f} ms of CPU)"
    )
    print("  jobs  seconds  pairs/s  ideal/s  ratio  cpu ms/pair  parent MB  worker MB  bound MB")
    for jobs in jobs_list:
        report = run_command(folder, jobs)
        assert report["copies"] == copies and report["failed"] == 0, report
        pairs = copies / report["seconds"]
        ideal = rate * jobs
        parent = report["maxrss_kib"]["self"] / 1024
        worker = report["maxrss_kib"]["children"] / 1024 if jobs > 1 else 0.0
        bound = parent + jobs * worker
        print(
            f"  {jobs:>4}  {report['seconds']:7.1f}  {pairs:7.2f}  {ideal:7.2f}  "
            f"{pairs / ideal:5.2f}  {1000 * report['cpu'] / copies:11.1f}  "
            f"{parent:9.0f}  {worker:9.0f}  {bound:8.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--story-copies", type=int, default=1000)
    parser.add_argument("--doc-copies", type=int, default=100)
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts")
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    from tui.rank import default_jobs

    print(f"cores available: {default_jobs()}; target ratio with all cores: "
          f">= {TARGET_EFFICIENCY}")  # fmt: skip
    print(f"load average at start (1, 5, 15 min): {os.getloadavg()}")
    print(f"this process before generating: {_maxrss_mb():.0f} MB max RSS")
    with tempfile.TemporaryDirectory(prefix="paradiff-bench-rank-") as tmp:
        story = list(seed_paragraphs()[STORY_SEED])
        document = make_pair(DOC_BYTES, seed=0)[0].strip().split("\n\n")
        sets = [("story", story, args.story_copies), ("document", document, args.doc_copies)]
        for label, original, copies in sets:
            if copies > 1:
                folder = write_set(Path(tmp) / label, original, copies, label)
                bench(label, folder, copies, jobs_list)
    print(
        "\nratio = pairs/s of the command / (single-pair rate x jobs); it includes start-up,"
        "\nreading and sorting. cpu ms/pair: CPU time of the command and its workers per"
        "\npair (equal across jobs = no parallel overhead; wall time then depends on the"
        "\nfree cores). Memory: ru_maxrss of the command's process and of its"
        "\nlargest worker (RUSAGE_CHILDREN); bound = parent + jobs x worker."
    )


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


if __name__ == "__main__":
    main()
