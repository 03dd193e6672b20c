"""UI benchmark: the diff screen on a ~1 MB pair, headless (``App.run_test``).

The app is launched as ``paradiff A B`` launches it (arguments checked, A and B read and
aligned ahead in other processes while Textual loads: :mod:`tui.sources.ahead`) in a
fresh process; "launch" is that process's start (``--no-ahead``: reading and aligning in
the app's worker thread, as a diff opened from the browser does).

The app shows the rows as soon as the paragraphs are aligned, word-diffs the rows on
screen first and the rest in the background (issue 13). Prints: the engine time; from
launch, the first frame with rows, the rows on screen word-diffed, and the whole diff
complete (figures); peak memory (the engine alone, then the whole app); the median time
of a page-down and of a jump to the next change (CPU and wall), a page-down while the
rows are still being word-diffed; the time until a resize's new wrap is on screen; and
the longest event-loop stall (a 10 ms timer's longest extra gap) during the diff and
during the resize: how long the interface froze. CPU times are given beside wall times:
the machine may be shared, so the wall times are the noisy ones.

    .venv/bin/python benchmarks/bench_ui.py [--size-kb 1000] [--keys 40]
    .venv/bin/python benchmarks/bench_ui.py --pair A B      # a given pair of files
    .venv/bin/python benchmarks/bench_ui.py --kind hard     # a heavily reworded pair

Targets (issue 13): diff rows on screen <= 1.0 s from launch at 1 MB, <= 5 s at 10 MB;
page-down <= 20 ms key to frame; app memory <= 2x the engine's peak. Prints figures,
never asserts.
"""

from __future__ import annotations

import time

#: When this process started running Python (wall, CPU): "launch" for the UI figures.
STARTED = (time.perf_counter(), time.process_time())

import argparse  # noqa: E402  (after the clock above)
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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


def _rows_on_screen_ready(split: object) -> bool:
    """True when every row on screen is word-diffed."""
    model = getattr(split, "model", None)
    if model is None or not split.items:  # type: ignore[attr-defined]
        return False
    first, last = split.wanted  # type: ignore[attr-defined]
    return all(model.ready[first : last + 1])


async def _key_times(pilot: object, key: str, keys: int) -> tuple[float, float]:
    """Median CPU and wall milliseconds of ``key`` pressed ``keys`` times (key to frame)."""
    wall, cpu = [], []
    for _ in range(keys):
        start, start_cpu = time.perf_counter(), time.process_time()
        await pilot.press(key)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def children_cpu_s() -> float:
    """CPU seconds of the child processes that ended (the launch path's read-ahead)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def run_ui(path_a: str, path_b: str, keys: int, ahead: bool = True) -> dict[str, float]:
    """Launch the app as ``paradiff A B`` does (headless), from this process's start, and
    time the first frames and the keys; ``ahead=False``: without reading ahead."""
    from tui.cli.launch import build_app_parser, prepare_launch

    t0, t0_cpu = STARTED
    args = build_app_parser().parse_args([path_a, path_b])
    started_ahead = prepare_launch(args) if ahead else None
    from tui.app import make_app
    from tui.screens.diff import DiffScreen

    app = make_app(args.paths, ahead=started_ahead)
    out: dict[str, float] = {"imported_s": time.perf_counter() - t0}
    monitor = StallMonitor()
    async with app.run_test(size=(160, 50)) as pilot:
        app.set_interval(StallMonitor.INTERVAL, monitor.tick)
        monitor.reset()
        while not (
            isinstance(app.screen, DiffScreen)
            and app.screen.split.first_frame_at
            and _layout_ready(app.screen.split)
        ):
            await pilot.pause(0.005)
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        split = screen.split
        out["launch_to_first_frame_s"] = split.first_frame_at - t0
        # No pilot.pause() without a delay while the rows are word-diffed: it waits for
        # the process to idle (up to 1 s), which a busy worker thread never lets it do.
        while not _rows_on_screen_ready(split):
            await pilot.pause(0.005)
        out["launch_to_diff_rows_s"] = time.perf_counter() - t0
        out["launch_to_diff_rows_cpu_s"] = time.process_time() - t0_cpu
        out["children_cpu_s"] = children_cpu_s()
        if screen.result is None:  # still word-diffing the other rows: a page-down meanwhile
            start = time.perf_counter()
            screen.action_page(1)
            for y in range(split.size.height):
                split.render_line(y)
            out["page_down_filling_direct_ms"] = (time.perf_counter() - start) * 1000
            out["filling_at_page_down"] = float(screen.result is None)
        while screen.result is None:
            await pilot.pause(0.005)
        out["launch_to_complete_s"] = time.perf_counter() - t0
        out["launch_to_complete_cpu_s"] = time.process_time() - t0_cpu
        await pilot.pause(0.05)
        out["diff_stall_ms"] = monitor.stall_ms
        assert screen.result is not None
        out["rows"] = len(screen.result.rows)
        out["lines"] = split.layout.total
        for key, name in (("pagedown", "page_down_ms"), ("n", "next_change_ms")):
            out[name], out[name + "_wall"] = await _key_times(pilot, key, keys)
        # The same keys without the pilot: the action, then every visible line of the
        # split view rendered into strips (what the next frame needs), timed directly.
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


def ui_in_fresh_process(path_a: str, path_b: str, keys: int, ahead: bool) -> dict[str, float]:
    """Run :func:`run_ui` in a child process, so its peak memory is the app's alone."""
    flags = [] if ahead else ["--no-ahead"]
    # Default settings and an empty data folder: figures must not depend on what the
    # person running the benchmark saved (e.g. "changes only").
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "PARADIFF_CONFIG_DIR": str(Path(home) / "config"),
            "PARADIFF_DATA_DIR": str(Path(home) / "data"),
        }
        out = subprocess.run(
            [sys.executable, __file__, "--ui-only", path_a, path_b, "--keys", str(keys), *flags],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Build the pair (or take the one given), run the engine once, then the UI; print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kb", type=int, default=1000)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--pair", nargs=2, metavar=("A", "B"), help="diff these two files")
    parser.add_argument(
        "--kind",
        choices=("bench", "hard"),
        default="bench",
        help="the kind of pair made (benchmarks/make_pairs.py): hard = heavily reworded",
    )
    parser.add_argument(
        "--no-ahead",
        action="store_true",
        help="read and align in the app's worker thread, not ahead in other processes",
    )
    parser.add_argument("--ui-only", nargs=2, metavar=("A", "B"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.ui_only:  # the child of ui_in_fresh_process
        figures = asyncio.run(run_ui(*args.ui_only, args.keys, ahead=not args.no_ahead))
        figures["peak_mb"] = peak_mb()
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        figures["children_peak_mb"] = children
        print(json.dumps(figures))
        return 0
    from benchmarks.make_pairs import make_pair  # the engine benchmark's pairs
    from tui.engine import diff_articles
    from tui.sources import read_article

    with tempfile.TemporaryDirectory() as tmp:
        if args.pair:
            path_a, path_b = Path(args.pair[0]), Path(args.pair[1])
        else:
            text_a, text_b = make_pair(args.size_kb * 1000, kind=args.kind)
            path_a, path_b = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
            path_a.write_text(text_a, encoding="utf-8")
            path_b.write_text(text_b, encoding="utf-8")
        start, start_cpu = time.perf_counter(), time.process_time()
        diff_articles(read_article(str(path_a)), read_article(str(path_b)))
        engine_s, engine_cpu = time.perf_counter() - start, time.process_time() - start_cpu
        engine_process_peak = engine_peak_mb(str(path_a), str(path_b))
        figures = ui_in_fresh_process(str(path_a), str(path_b), args.keys, not args.no_ahead)
        app_peak = figures["peak_mb"]
        size_a, size_b = path_a.stat().st_size, path_b.stat().st_size
    print(
        f"pair: {size_a / 1e6:.2f} MB vs {size_b / 1e6:.2f} MB, "
        f"{int(figures['rows'])} rows, {int(figures['lines'])} lines at 160 columns"
    )
    print(f"engine diff (in process):        {engine_s:8.2f} s wall, {engine_cpu:.2f} s CPU")
    print(
        f"launch to app built:             {figures['imported_s']:8.2f} s wall   "
        "(Python started, arguments checked, Textual and the app imported)"
    )
    print(f"launch to first frame with rows: {figures['launch_to_first_frame_s']:8.2f} s wall")
    print(
        f"launch to diff rows on screen:   {figures['launch_to_diff_rows_s']:8.2f} s wall, "
        f"{figures['launch_to_diff_rows_cpu_s']:.2f} s CPU + "
        f"{figures['children_cpu_s']:.2f} s CPU in the read-ahead processes   "
        "(target <= 1 s at 1 MB, 5 s at 10 MB)"
    )
    print(
        f"launch to the whole diff:        {figures['launch_to_complete_s']:8.2f} s wall, "
        f"{figures['launch_to_complete_cpu_s']:.2f} s CPU   (figures, ruler, facts)"
    )
    if "page_down_filling_direct_ms" in figures:
        print(
            f"page-down while word-diffing:    {figures['page_down_filling_direct_ms']:8.1f} ms"
            "   (once: the action and the visible lines, the worker running beside)"
        )
    for label, key in (("page-down", "page_down"), ("next change", "next_change")):
        print(
            f"{label + ', median:':32} {figures[key + '_direct_ms']:8.1f} ms  (target <= 20: "
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
        f"{app_peak / engine_process_peak:.2f}x   (target <= 2x); "
        f"largest read-ahead process {figures['children_peak_mb']:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
