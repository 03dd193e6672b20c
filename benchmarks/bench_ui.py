"""UI benchmark: the diff screen on a ~1 MB pair, headless (``App.run_test``).

Prints the engine time, the time from the diff being computed to the first frame of
the split view, peak memory (the engine alone, then the whole app), and the median
time of a page-down and of a jump to the next change.

    .venv/bin/python benchmarks/bench_ui.py [--size-kb 1000] [--keys 40]

Targets (issue 3): first frame <= 2 s after the diff, page-down and next-change
<= 50 ms median, memory <= 2x the engine's peak.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.cli import read_article  # noqa: E402
from tui.engine import diff_articles  # noqa: E402

_SWAPS = {
    "said": "stated",
    "big": "large",
    "may": "might",
    "will": "would",
    "also": "too",
    "because": "as",
    "people": "residents",
    "about": "around",
    "country": "nation",
}


def seed_paragraphs() -> list[str]:
    """Every paragraph of the five seed articles."""
    paras: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paras += [p.strip() for p in text.split("\n\n") if p.strip()]
    return paras


def perturb(paragraph: str, rng: random.Random) -> str:
    """Reword a paragraph a little: synonym swaps, a changed number, a dropped word."""
    words = paragraph.split(" ")
    for i, word in enumerate(words):
        if word in _SWAPS and rng.random() < 0.6:
            words[i] = _SWAPS[word]
        elif word.isdigit() and rng.random() < 0.3:
            words[i] = str(int(word) + rng.randint(1, 9))
    if len(words) > 8 and rng.random() < 0.3:
        del words[rng.randrange(len(words))]
    return " ".join(words)


def make_pair(size: int, seed: int = 7) -> tuple[str, str]:
    """Deterministic A and B of about ``size`` bytes: shuffled, perturbed seed paragraphs."""
    rng = random.Random(seed)
    pool = seed_paragraphs()
    a: list[str] = []
    total = 0
    while total < size:
        para = perturb(rng.choice(pool), rng)
        a.append(para)
        total += len(para.encode()) + 2
    b: list[str] = []
    for para in a:
        roll = rng.random()
        if roll < 0.03:
            continue  # deleted
        if roll < 0.06:
            b.append(perturb(rng.choice(pool), rng))  # inserted
        b.append(perturb(para, rng) if roll < 0.5 else para)
    for _ in range(len(b) // 200):  # a few moves
        i, j = rng.randrange(len(b)), rng.randrange(len(b))
        b.insert(j, b.pop(i))
    return "\n\n".join(a) + "\n", "\n\n".join(b) + "\n"


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run_ui(path_a: str, path_b: str, keys: int) -> dict[str, float]:
    """Open the diff in the app headless and time the first frame and the keys."""
    from tui.app import make_app
    from tui.screens.diff import DiffScreen

    app = make_app([path_a, path_b])
    out: dict[str, float] = {}
    async with app.run_test(size=(160, 50)) as pilot:
        t0 = time.perf_counter()
        while not (isinstance(app.screen, DiffScreen) and app.screen.split.first_frame_at):
            await pilot.pause(0.005)
        screen = app.screen
        assert isinstance(screen, DiffScreen) and screen.result_at is not None
        out["launch_to_first_frame_s"] = screen.split.first_frame_at - t0
        out["first_frame_after_diff_s"] = screen.split.first_frame_at - screen.result_at
        out["rows"] = len(screen.result.rows) if screen.result else 0
        out["lines"] = screen.split.layout.total
        for key, name in (("pagedown", "page_down_ms"), ("n", "next_change_ms")):
            wall, cpu = [], []
            for _ in range(keys):
                start, start_cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                wall.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            out[name] = statistics.median(cpu)
            out[name + "_wall"] = statistics.median(wall)
        # A resize re-wraps everything at the new width.
        start = time.perf_counter()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        out["resize_reflow_ms"] = (time.perf_counter() - start) * 1000
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the pair, run the engine once, then the UI; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kb", type=int, default=1000)
    parser.add_argument("--keys", type=int, default=40)
    args = parser.parse_args(argv)
    text_a, text_b = make_pair(args.size_kb * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        path_a, path_b = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
        path_a.write_text(text_a, encoding="utf-8")
        path_b.write_text(text_b, encoding="utf-8")
        base = peak_mb()
        start = time.perf_counter()
        result = diff_articles(read_article(str(path_a)), read_article(str(path_b)))
        engine_s = time.perf_counter() - start
        engine_peak = peak_mb()
        del result
        figures = asyncio.run(run_ui(str(path_a), str(path_b), args.keys))
        app_peak = peak_mb()
    print(
        f"pair: {len(text_a) / 1e6:.2f} MB vs {len(text_b) / 1e6:.2f} MB, "
        f"{int(figures['rows'])} rows, {int(figures['lines'])} lines at 160 columns"
    )
    print(f"engine diff (in process):        {engine_s:8.2f} s")
    print(f"launch to first diff frame:      {figures['launch_to_first_frame_s']:8.2f} s")
    print(
        f"first frame after diff computed: {figures['first_frame_after_diff_s']:8.2f} s"
        "   (target <= 2 s)"
    )
    for label, key in (("page-down", "page_down_ms"), ("next change", "next_change_ms")):
        print(
            f"{label + ', median CPU:':32} {figures[key]:8.1f} ms  (target <= 50; "
            f"wall {figures[key + '_wall']:.1f} ms incl. the pilot's idle waits and frame timer)"
        )
    print(f"resize reflow:                   {figures['resize_reflow_ms']:8.1f} ms")
    print(
        f"peak RSS: start {base:.0f} MB, after engine {engine_peak:.0f} MB, "
        f"after app {app_peak:.0f} MB (engine share {engine_peak - base:.0f} MB, "
        f"app {app_peak - base:.0f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
