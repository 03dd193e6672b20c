"""Instructions of the engine's phases on one pair (callgrind: independent of the load).

    python benchmarks/bench_instructions.py [--kind bench|hard] [--size 100k|1m|10m]

Runs itself under ``valgrind --tool=callgrind`` (Debian ``valgrind``) and prints the
instructions of a first (cold) diff in a fresh process, phase by phase: ``align``
(``align_articles``), ``rows`` (``LazyDiff.complete``) and ``json`` (``json_chunks``).
On a shared machine, CPU times of the same code vary by 1.5x or more from run to run;
instruction counts repeat, so they show what a change saved. About 50x slower than a
plain run: 100k takes seconds, 1m minutes.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.make_pairs import KINDS  # noqa: E402  (the file prefix of each kind)

_OUT_DIR = "PARADIFF_BENCH_CALLGRIND_DIR"


def _dump(name: str) -> None:
    """Ask callgrind to write the counts so far (as part ``name``) and zero them."""
    subprocess.run(
        ["callgrind_control", f"--dump={name}", str(os.getpid())],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measured_run(kind: str, size: str) -> None:
    """The diff whose phases are counted (runs under callgrind)."""
    from tui.engine import load_article
    from tui.engine.pipeline import LazyDiff, align_articles
    from tui.export.json_export import json_chunks

    prefix = KINDS[kind]
    path_a = HERE / "data" / f"{prefix}_{size}_0_a.txt"
    path_b = HERE / "data" / f"{prefix}_{size}_0_b.txt"
    a = load_article(path_a.read_bytes(), str(path_a))
    b = load_article(path_b.read_bytes(), str(path_b))
    subprocess.run(
        ["callgrind_control", "-z", str(os.getpid())], check=True, stdout=subprocess.DEVNULL
    )
    alignment = align_articles(a, b)
    _dump("align")
    result = LazyDiff(alignment).complete()
    _dump("rows")
    for _ in json_chunks(result):
        pass
    _dump("json")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", default="bench", choices=tuple(KINDS))
    parser.add_argument("--size", default="1m", choices=("100k", "1m", "10m"))
    args = parser.parse_args()
    if os.environ.get(_OUT_DIR):
        measured_run(args.kind, args.size)
        return 0
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("needs valgrind (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    if not (HERE / "data" / f"{KINDS[args.kind]}_{args.size}_0_a.txt").exists():
        print("no benchmark pairs: run benchmarks/make_pairs.py first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as out_dir:
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out_dir}/cg.out",
                sys.executable,
                __file__,
                "--kind",
                args.kind,
                "--size",
                args.size,
            ],
            check=True,
            stderr=subprocess.DEVNULL,
            env={**os.environ, _OUT_DIR: out_dir},
        )
        parts = sorted(glob.glob(f"{out_dir}/cg.out.*"), key=lambda p: int(p.rsplit(".", 1)[1]))
        counts: dict[str, int] = {}
        for part in parts:
            text = Path(part).read_text()
            name = re.search(r"^desc: Trigger:.*?(\w+)\s*$", text, re.M)
            count = re.search(r"^(?:summary|totals):\s+(\d+)", text, re.M)
            counts[name.group(1) if name else "?"] = int(count.group(1)) if count else 0
    print(f"{args.kind} {args.size}, first diff, instructions:")
    for name, count in counts.items():
        print(f"  {name:6s} {count / 1e9:7.3f} G")
    engine = counts.get("align", 0) + counts.get("rows", 0)
    print(f"  {'engine':6s} {engine / 1e9:7.3f} G (align + rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
