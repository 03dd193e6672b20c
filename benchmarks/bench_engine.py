"""Engine speed and memory on the benchmark pairs (no assertions: prints a table).

    python benchmarks/bench_engine.py [--sizes 100k,1m,10m] [--cli-runs 5] [--kind hard]

``--kind hard``: the harder pairs of ``make_pairs.py`` (most paragraphs heavily reworded, a
tenth split, merged, moved, deleted or inserted) instead of the benchmark pairs.

For each size, a fresh subprocess loads the pair and measures:
- floor: read both files, decode, split paragraphs, tokenize words (the engine's
  tokenizer ``tui.engine.tokens.diff_tokens`` when it exists, else a regex), median;
- engine: ``diff_articles`` on the loaded articles, median of N runs, each as cold as the
  first (the engine's memos emptied and the articles loaded again before it) (wall time,
  and the process's CPU time, which other processes on a shared machine disturb less);
- memory: ru_maxrss growth over the first diff (fresh process) and the tracemalloc peak
  of one more diff (run last: tracing slows it down).
Then whole processes, by their CPU time (user + system, from each child's resource usage)
and wall time, medians: ``paradiff diff A B --format json > /dev/null`` on each size, the
peak RSS of it and of one ``--format text`` run, and the floor process (``FLOOR_SCRIPT``:
a Python process that imports the engine, reads, decodes, splits and tokenizes both
files, nothing else), the two run in turn.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = {"100k": 7, "1m": 5, "10m": 2}
TARGET_1M_SECONDS = 0.5
TARGET_PEAK_MB = 150.0
TARGET_10M_RATIO = 10.0
TARGET_CLI_1M_SECONDS = 1.5
TARGET_CLI_FLOOR_RATIO = 4.0
TARGET_CLI_10M_RATIO = 10.0
TARGET_CLI_10M_PEAK_MB = 400.0
_REGEX_WORDS = re.compile(r"\w+|[^\w\s]")


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _tokenizer() -> tuple[str, Any]:
    try:
        from tui.engine import tokens
    except ImportError:
        tokens = None
    if tokens is not None and hasattr(tokens, "diff_tokens"):
        return "tui.engine.tokens.diff_tokens", tokens.diff_tokens
    return "re.findall(r'\\w+|[^\\w\\s]')", _REGEX_WORDS.findall


def _floor_once(path_a: Path, path_b: Path, tokenize: Any) -> float:
    from tui.engine import decode_bytes, split_paragraphs

    start = time.perf_counter()
    for path in (path_a, path_b):
        text, _ = decode_bytes(path.read_bytes())
        for paragraph in split_paragraphs(text):
            tokenize(paragraph)
    return time.perf_counter() - start


def _forget_engine_memos() -> None:
    """Empty the engine's memos (``lru_cache`` functions, :class:`~tui.engine.memo.Memo`
    lookups), so that every run starts as cold as the first one in a fresh process."""
    from tui.engine.memo import Memo

    for name, module in list(sys.modules.items()):
        if name.startswith("tui.engine"):
            for value in list(vars(module).values()):
                owner = getattr(value, "__self__", value)  # a memo's bound lookup
                if isinstance(owner, Memo):
                    owner.clear()
                elif callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def worker(path_a: Path, path_b: Path, runs: int) -> dict[str, Any]:
    """Measure one pair in this (fresh) process; returns the figures. Each run starts as
    the first does: the engine's memos empty, then both articles loaded."""
    import tracemalloc

    from tui.engine import diff_articles, load_article

    article_a = load_article(path_a.read_bytes(), str(path_a))
    article_b = load_article(path_b.read_bytes(), str(path_b))
    rss_before = _maxrss_mb()
    start, cpu_start = time.perf_counter(), time.process_time()
    result = diff_articles(article_a, article_b)
    times = [time.perf_counter() - start]
    cpu_times = [time.process_time() - cpu_start]
    rss_growth = _maxrss_mb() - rss_before
    summary = {
        "paragraphs": (len(article_a.paragraphs), len(article_b.paragraphs)),
        "rows": len(result.rows),
        "links": sum(len(r.a) * len(r.b) for r in result.rows if r.a and r.b),
        "warnings": len(result.warnings),
        "similarity": result.stats.similarity,
    }
    del result
    for _ in range(runs - 1):
        _forget_engine_memos()  # and loaded again: loading fills some, as in a fresh process
        article_a = load_article(path_a.read_bytes(), str(path_a))
        article_b = load_article(path_b.read_bytes(), str(path_b))
        start, cpu_start = time.perf_counter(), time.process_time()
        diff_articles(article_a, article_b)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    tokenizer_name, tokenize = _tokenizer()
    floors = [_floor_once(path_a, path_b, tokenize) for _ in range(max(3, runs))]
    regex_floors = [_floor_once(path_a, path_b, _REGEX_WORDS.findall) for _ in range(3)]
    _forget_engine_memos()
    article_a = load_article(path_a.read_bytes(), str(path_a))
    article_b = load_article(path_b.read_bytes(), str(path_b))
    tracemalloc.start()
    diff_articles(article_a, article_b)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        **summary,
        "engine_median": statistics.median(times),
        "engine_runs": times,
        "engine_cpu_median": statistics.median(cpu_times),
        "floor_median": statistics.median(floors),
        "regex_floor_median": statistics.median(regex_floors),
        "tokenizer": tokenizer_name,
        "rss_growth_mb": rss_growth,
        "rss_total_mb": _maxrss_mb(),
        "tracemalloc_peak_mb": peak / 2**20,
    }


def _run_worker(path_a: Path, path_b: Path, runs: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, str(Path(__file__)), "--worker", str(path_a), str(path_b), str(runs)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=3600,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _cli_command() -> tuple[str, list[str]]:
    script = Path(sys.executable).with_name("paradiff")
    if script.exists():
        return str(script), [str(script)]
    found = shutil.which("paradiff")
    if found:
        return found, [found]
    return f"{Path(sys.executable).name} -m tui", [sys.executable, "-m", "tui"]


def _time_process(
    command: list[str], runs: int
) -> tuple[list[float], list[float], list[float], int]:
    """Wall times, CPU times and peak RSS (MB) of ``runs`` runs of ``command`` (output to
    /dev/null), each from the resource usage of that one child."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    walls: list[float] = []
    cpus: list[float] = []
    peaks: list[float] = []
    code = -1
    for _ in range(runs):
        start = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            child = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL, env=env)
            _, status, usage = os.wait4(child.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)  # Linux: KiB
    return walls, cpus, peaks, code


def time_cli(
    path_a: Path, path_b: Path, runs: int, fmt: str = "json"
) -> tuple[str, list[float], list[float], list[float], int]:
    """Whole-process wall and CPU times and peak RSS of ``paradiff diff A B --format FMT >
    /dev/null``."""
    name, command = _cli_command()
    walls, cpus, peaks, code = _time_process(
        [*command, "diff", str(path_a), str(path_b), "--format", fmt, "--no-pager"], runs
    )
    return name, walls, cpus, peaks, code


#: The floor process: what any tool must do (start Python, import the engine, read, decode,
#: split, tokenize), nothing else.
FLOOR_SCRIPT = """
import sys
from pathlib import Path
from tui.engine import decode_bytes, split_paragraphs
from tui.engine.tokens import diff_tokens
for path in sys.argv[1:]:
    text, _ = decode_bytes(Path(path).read_bytes())
    for paragraph in split_paragraphs(text):
        diff_tokens(paragraph)
"""


def time_floor(path_a: Path, path_b: Path, runs: int) -> tuple[list[float], list[float]]:
    """Whole-process wall and CPU times of the floor process (:data:`FLOOR_SCRIPT`)."""
    walls, cpus, _, _ = _time_process(
        [sys.executable, "-c", FLOOR_SCRIPT, str(path_a), str(path_b)], runs
    )
    return walls, cpus


def _ok(value: float, limit: float) -> str:
    return "ok" if value <= limit else "OVER"


def _print_processes(
    pairs: dict[str, tuple[Path, Path]], labels: tuple[str, ...], runs: int
) -> None:
    """The JSON process and the floor process of each size, and their ratios."""
    name = _cli_command()[0]
    print()
    print(f"processes ('{name} diff A B --format json > /dev/null'; floor: FLOOR_SCRIPT), medians:")
    json_cpu: dict[str, float] = {}
    for label in labels:
        n = runs if label != "10m" else max(1, min(runs, 3))
        walls, cpus, peaks, floor_walls, floor_cpus = [], [], [], [], []
        code = -1
        # One JSON run, then one floor run, n times: a change in the machine's load
        # between the two series would otherwise show in their ratio.
        for _ in range(n):
            _, wall, cpu, peak, code = time_cli(*pairs[label], 1)
            floor_wall, floor_cpu = time_floor(*pairs[label], 1)
            walls += wall
            cpus += cpu
            peaks += peak
            floor_walls += floor_wall
            floor_cpus += floor_cpu
        *_, text_peaks, _ = time_cli(*pairs[label], 1, "text")
        json_cpu[label] = statistics.median(cpus)
        floor = statistics.median(floor_cpus)
        print(
            f"  {label:>5}: json {json_cpu[label]:.3f} s CPU ({statistics.median(walls):.3f} s "
            f"wall, exit {code}), floor {floor:.3f} s CPU "
            f"({statistics.median(floor_walls):.3f} s wall); json/floor "
            f"{json_cpu[label] / floor:.2f}x CPU of {n}"
        )
        rss = max(*peaks, *text_peaks)
        target = TARGET_CLI_10M_PEAK_MB
        verdict = f" (< {target:.0f} MB: {_ok(rss, target)})" if label == "10m" else ""
        print(f"         peak RSS json {max(peaks):.0f} MB, text {max(text_peaks):.0f} MB{verdict}")
        if label == "1m":
            print(
                f"         1 MB json/floor <= {TARGET_CLI_FLOOR_RATIO:.0f}x: "
                f"{_ok(json_cpu[label] / floor, TARGET_CLI_FLOOR_RATIO)}; json <= "
                f"{TARGET_CLI_1M_SECONDS} s: {_ok(json_cpu[label], TARGET_CLI_1M_SECONDS)}"
            )
    if "1m" in json_cpu and "10m" in json_cpu:
        ratio = json_cpu["10m"] / json_cpu["1m"]
        print(
            f"  json 10 MB / 1 MB CPU {ratio:.1f}x (<= {TARGET_CLI_10M_RATIO:.0f}x: "
            f"{_ok(ratio, TARGET_CLI_10M_RATIO)})"
        )


def main(argv: list[str] | None = None) -> int:
    """Build the pairs if needed, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m,10m")
    parser.add_argument("--cli-runs", type=int, default=5)
    parser.add_argument("--kind", choices=("bench", "hard"), default="bench")
    parser.add_argument("--worker", nargs=3, metavar=("A", "B", "RUNS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        path_a, path_b, runs = args.worker
        print(json.dumps(worker(Path(path_a), Path(path_b), int(runs))))
        return 0

    from make_pairs import write_pairs

    labels = tuple(s.strip() for s in args.sizes.split(",") if s.strip())
    pairs = write_pairs(labels=labels, kind=args.kind)
    print(
        f"python {sys.version.split()[0]} on {os.cpu_count()} CPUs; {args.kind} pairs in "
        f"{HERE / 'data'}"
    )
    header = (
        f"{'size':>5} {'paras A/B':>13} {'N':>2} {'engine':>8} {'cpu':>7} {'floor':>7} "
        f"{'ratio':>6} {'re-floor':>8} {'tracemalloc':>11} {'rss+':>7} {'rss':>7} {'rows':>7} "
        f"{'warn':>4}"
    )
    print(header)
    print("-" * len(header))
    figures: dict[str, dict[str, Any]] = {}
    for label in labels:
        path_a, path_b = pairs[label]
        f = figures[label] = _run_worker(path_a, path_b, RUNS.get(label, 3))
        pa, pb = f["paragraphs"]
        print(
            f"{label:>5} {pa:>6}/{pb:<6} {len(f['engine_runs']):>2} {f['engine_median']:>7.3f}s "
            f"{f['engine_cpu_median']:>6.3f}s {f['floor_median']:>6.3f}s "
            f"{f['engine_median'] / f['floor_median']:>5.1f}x "
            f"{f['regex_floor_median']:>7.3f}s {f['tracemalloc_peak_mb']:>8.1f} MB "
            f"{f['rss_growth_mb']:>4.0f} MB {f['rss_total_mb']:>4.0f} MB {f['rows']:>7} "
            f"{f['warnings']:>4}"
        )
    print(f"floor tokenizer: {next(iter(figures.values()))['tokenizer']}")
    print()
    print("targets:")
    if "1m" in figures:
        one = figures["1m"]
        peak = max(one["tracemalloc_peak_mb"], one["rss_growth_mb"])
        print(
            f"  1 MB engine {one['engine_cpu_median']:.3f} s CPU (<= {TARGET_1M_SECONDS} s: "
            f"{_ok(one['engine_cpu_median'], TARGET_1M_SECONDS)}), "
            f"{one['engine_median']:.3f} s wall; ratio to floor "
            f"{one['engine_median'] / one['floor_median']:.1f}x (about 7x expected)"
        )
        print(
            f"  1 MB peak memory {peak:.0f} MB (tracemalloc {one['tracemalloc_peak_mb']:.0f}, "
            f"rss growth {one['rss_growth_mb']:.0f}; <= {TARGET_PEAK_MB:.0f} MB: "
            f"{_ok(peak, TARGET_PEAK_MB)})"
        )
    if "1m" in figures and "10m" in figures:
        ratio = figures["10m"]["engine_median"] / figures["1m"]["engine_median"]
        cpu_ratio = figures["10m"]["engine_cpu_median"] / figures["1m"]["engine_cpu_median"]
        print(
            f"  10 MB / 1 MB time {ratio:.1f}x, CPU time {cpu_ratio:.1f}x "
            f"(<= {TARGET_10M_RATIO:.0f}x: {_ok(cpu_ratio, TARGET_10M_RATIO)})"
        )
    if args.cli_runs > 0:
        _print_processes(pairs, labels, args.cli_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
