"""UI benchmark: the diff screen on a ~1 MB pair, headless (``App.run_test``).

Prints the engine time, the time from the diff being computed to the first frame of
the split view (the display is prepared in the diff worker: side texts, wrapping),
peak memory (the engine alone, then the whole app), the median time of a page-down and
of a jump to the next change, the time until a resize's new wrap is on screen, and the
longest event-loop stall (a 10 ms timer's longest extra gap) during the diff and
during the resize: how long the interface froze.

    .venv/bin/python benchmarks/bench_ui.py [--size-kb 1000] [--keys 40]

Targets (issue 3): first frame <= 2 s after the diff, page-down and next-change
<= 50 ms median, memory <= 2x the engine's peak; the interface never freezes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.make_pairs import make_pair  # noqa: E402  (the engine benchmark's pairs)
from tui.engine import diff_articles  # noqa: E402
from tui.sources import read_article  # noqa: E402


def engine_peak_mb(path_a: str, path_b: str) -> float:
    """Peak resident memory of a fresh process that reads both files and diffs them."""
    code = (
        "import sys, resource\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from tui.sources import read_article\n"
        "from tui.engine import diff_articles\n"
        "diff_articles(read_article(sys.argv[1]), read_article(sys.argv[2]))\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, path_a, path_b], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class StallMonitor:
    """A 10 ms timer on the event loop that records the longest gap between its ticks.

    A gap much longer than 10 ms means the event loop was busy (frozen UI): no key,
    no repaint and no timer could run meanwhile.
    """

    INTERVAL = 0.01

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0

    @property
    def stall_ms(self) -> float:
        """The longest gap beyond the timer's own interval, in ms."""
        return max(0.0, self.longest - self.INTERVAL) * 1000


def _layout_ready(split: object) -> bool:
    return bool(getattr(split, "layout_ready", True))


async def run_ui(path_a: str, path_b: str, keys: int) -> dict[str, float]:
    """Open the diff in the app headless and time the first frame and the keys."""
    from tui.app import make_app
    from tui.screens.diff import DiffScreen

    app = make_app([path_a, path_b])
    out: dict[str, float] = {}
    monitor = StallMonitor()
    async with app.run_test(size=(160, 50)) as pilot:
        t0 = time.perf_counter()
        app.set_interval(StallMonitor.INTERVAL, monitor.tick)
        monitor.reset()
        while not (
            isinstance(app.screen, DiffScreen)
            and app.screen.split.first_frame_at
            and _layout_ready(app.screen.split)
        ):
            await pilot.pause(0.005)
        await pilot.pause(0.05)
        out["diff_stall_ms"] = monitor.stall_ms
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
        # The same keys without the pilot: the action, then every visible line of the
        # split view rendered into strips (what the next frame needs), timed directly.
        split = screen.split
        height = split.size.height
        for action, name in (
            ("action_page", "page_down_direct_ms"),
            ("action_change", "next_change_direct_ms"),
        ):
            times = []
            for _ in range(keys):
                start = time.perf_counter()
                getattr(screen, action)(1)
                for y in range(height):
                    split.render_line(y)
                times.append((time.perf_counter() - start) * 1000)
            out[name] = statistics.median(times)
        # A resize re-wraps everything at the new width (in a worker: the old layout stays
        # on screen, clipped, until the new one is swapped in).
        await pilot.pause(0.05)
        monitor.reset()
        start = time.perf_counter()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        while not (_layout_ready(split) and split.layout.width == split.view_width):
            await pilot.pause(0.005)
        out["resize_reflow_ms"] = (time.perf_counter() - start) * 1000
        await pilot.pause(0.05)
        out["resize_stall_ms"] = monitor.stall_ms
    return out


def ui_in_fresh_process(path_a: str, path_b: str, keys: int) -> dict[str, float]:
    """Run :func:`run_ui` in a child process, so its peak memory is the app's alone."""
    out = subprocess.run(
        [sys.executable, __file__, "--ui-only", path_a, path_b, "--keys", str(keys)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Build the pair, run the engine once, then the UI; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kb", type=int, default=1000)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--ui-only", nargs=2, metavar=("A", "B"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ui_only:  # the child of ui_in_fresh_process
        figures = asyncio.run(run_ui(*args.ui_only, args.keys))
        figures["peak_mb"] = peak_mb()
        print(json.dumps(figures))
        return 0
    text_a, text_b = make_pair(args.size_kb * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        path_a, path_b = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
        path_a.write_text(text_a, encoding="utf-8")
        path_b.write_text(text_b, encoding="utf-8")
        start = time.perf_counter()
        diff_articles(read_article(str(path_a)), read_article(str(path_b)))
        engine_s = time.perf_counter() - start
        engine_process_peak = engine_peak_mb(str(path_a), str(path_b))
        figures = ui_in_fresh_process(str(path_a), str(path_b), args.keys)
        app_peak = figures["peak_mb"]
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
    for label, key in (("page-down", "page_down"), ("next change", "next_change")):
        print(
            f"{label + ', median:':32} {figures[key + '_direct_ms']:8.1f} ms  (target <= 50: "
            "the action plus every visible line rendered)"
        )
        print(
            f"{'  through the pilot:':32} {figures[key + '_ms']:8.1f} ms CPU, "
            f"{figures[key + '_ms_wall']:.1f} ms wall (incl. the pilot's waits and frame timer)"
        )
    print(
        f"resize reflow:                   {figures['resize_reflow_ms']:8.1f} ms"
        "   (until the new wrap is on screen; wrapped in a worker)"
    )
    print(
        f"longest event-loop stall: diff   {figures['diff_stall_ms']:8.1f} ms, "
        f"resize {figures['resize_stall_ms']:.1f} ms   (a 10 ms timer's longest extra gap)"
    )
    print(
        f"peak RSS, fresh processes: engine (read, diff) {engine_process_peak:.0f} MB; "
        f"app (launch, diff, keys, resize) {app_peak:.0f} MB = "
        f"{app_peak / engine_process_peak:.2f}x   (target <= 2x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
