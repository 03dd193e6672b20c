"""The diff on screen before every row is word-diffed (issue 13 item 1, issue 12 item 4).

The app shows the rows as soon as the paragraphs are aligned, word-diffs the rows on
screen first and the others in the background; actions that need the whole result say
"still computing"; Esc stops the worker between two rows. The word diff is held by a
gate (a semaphore of rows) so that each state is seen on purpose, never by timing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.conftest import (
    diff_shown,
    run_async,
    screen_ready,
    wait_for_screen,
    wait_until,
)
from tests.app.test_app import prose
from tui.app import ParadiffApp, make_app
from tui.display import filling, side_texts
from tui.display.filling import (
    diff_rows_by_need,
    overall_fraction,
    progress_label,
    word_diff_phase,
)
from tui.engine import LazyDiff, align_articles, diff_articles
from tui.screens.browser import BrowserScreen
from tui.screens.diff import DiffScreen
from tui.sources import read_article

ROWS = 60


class Gate:
    """Lets the worker word-diff one row per permit (``release(n)``), or all (``open``)."""

    def __init__(self) -> None:
        self.permits = threading.Semaphore(0)
        #: The rows let through, by their first paragraph (A, else B), in order.
        self.rows: list[int] = []
        #: How many times the worker came to the gate.
        self.arrivals = 0
        self.opened = False

    def release(self, n: int = 1) -> None:
        for _ in range(n):
            self.permits.release()

    def open(self) -> None:
        self.opened = True
        self.release(10_000)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """Hold the worker before it hands over each row (after its word diff)."""
    held = Gate()

    def gated(row):  # type: ignore[no-untyped-def]
        held.arrivals += 1
        held.permits.acquire()  # no clock: the fixture lets every row through at its end
        held.rows.append((row.a or row.b)[0])
        return side_texts(row)

    monkeypatch.setattr(filling, "side_texts", gated)
    yield held
    held.open()  # never leave a worker thread waiting


def write_pair(folder: Path) -> tuple[str, str]:
    """Two articles of :data:`ROWS` paragraphs, each paragraph changed by one word."""
    a = [prose(i, 30) for i in range(ROWS)]
    b = [p.replace("council", "committee", 1) + f" Note {i}." for i, p in enumerate(a)]
    path_a, path_b = folder / "a.txt", folder / "b.txt"
    path_a.write_text("\n\n".join(a), encoding="utf-8")
    path_b.write_text("\n\n".join(b), encoding="utf-8")
    return str(path_a), str(path_b)


async def aligned(pilot: Pilot) -> DiffScreen:
    """Wait until the diff screen shows its rows (pending or not), laid out."""
    screen = await wait_for_screen(pilot, DiffScreen)
    split = screen.split
    await wait_until(
        pilot,
        lambda: (
            split.model is not None
            and split.items
            and split.layout_ready
            and split.max_scroll_y > 0
            and split.show_vertical_scrollbar  # no reflow to come when it appears
            and split.layout.width == split.view_width
            and screen_ready(pilot.app, DiffScreen)
        ),
    )
    return screen


def status(screen: DiffScreen) -> str:
    return str(screen.query_one("#status").render())


@run_async
async def test_rows_show_before_the_word_diff_and_fill_in(tmp_path: Path, gate: Gate) -> None:
    path_a, path_b = write_pair(tmp_path)
    expected = diff_articles(read_article(path_a), read_article(path_b))
    app = make_app([path_a, path_b])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await aligned(pilot)
        split = screen.split
        model = split.model
        assert model is not None and screen.result is None and screen.computing
        assert len(split.items) == ROWS and model.pending == ROWS
        assert "comparing words" in status(screen)
        assert "computing" in str(screen.query_one("#figures").render())
        # The rows on screen come first.
        first, last = split.wanted
        assert first == 0 and 0 < last < ROWS - 1
        gate.release(last + 1)
        await wait_until(pilot, lambda: all(model.ready[: last + 1]))
        assert not any(model.ready[last + 1 :]) and screen.result is None
        assert "Word diff" in str(screen.query_one("#loading-label").render())
        assert "reworded" in status(screen) or "facts" in status(screen)
        # What needs every row says so instead of acting on half a diff.
        for key in ("n", "f", "c", "slash", "x", "e"):
            await pilot.press(key)
            note = list(app._notifications)[-1]
            assert note.title == "Still computing" and note.severity == "warning"
        assert not split.changes_only and screen.query_one("#search").display is False
        # Moving about works meanwhile.
        await pilot.press("j")
        assert split.selected == 1
        gate.open()
        await wait_until(pilot, lambda: diff_shown(app))
        assert screen.result is not None and screen.result.rows == expected.rows
        assert screen.result.stats == expected.stats
        assert not screen.query_one("#loading").display
        assert "% similar" in str(screen.query_one("#figures").render())
        assert split.model is model and model.pending == 0
        # The view shows the final rows: those the learned word pairs re-classed at the
        # end too (council/committee: reworded while filling, paraphrase once complete).
        assert model.rows == list(expected.rows)
        assert model.texts == [side_texts(row) for row in expected.rows]
        assert any(span.op == "paraphrase" for row in model.rows for span in row.spans)
        await pilot.press("n")
        assert split.selected_row == 2


@run_async
async def test_a_row_scrolled_to_is_diffed_before_its_turn(tmp_path: Path, gate: Gate) -> None:
    app = make_app(list(write_pair(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await aligned(pilot)
        split = screen.split
        model = split.model
        assert model is not None
        await pilot.press("end")
        await wait_until(pilot, lambda: split.wanted[0] > ROWS // 2)
        assert split.wanted[1] == ROWS - 1
        # One row at a time, each time until the worker waits at the gate again: the rows
        # at the end come long before those in the middle.
        while ROWS - 1 not in gate.rows:
            assert len(gate.rows) <= 20, f"the last row waits its turn: {gate.rows}"
            through = len(gate.rows)
            gate.release()
            await wait_until(pilot, lambda n=through: gate.arrivals == n + 2)
        assert ROWS // 2 not in gate.rows
        gate.open()
        await wait_until(pilot, lambda: model.ready[ROWS - 1])
        assert screen.result is None


@run_async
async def test_escape_stops_the_worker_between_two_rows(tmp_path: Path, gate: Gate) -> None:
    app = make_app(list(write_pair(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await aligned(pilot)
        gate.release(3)
        await wait_until(pilot, lambda: len(gate.rows) == 3)
        await pilot.press("escape")
        await wait_for_screen(pilot, BrowserScreen)
        gate.open()
        await wait_until(
            pilot, lambda: all(w.is_finished for w in app.workers if w.group == "diff")
        )
        assert len(gate.rows) <= 4  # at most the row under way when Esc came
        assert screen.result is None and not app._notifications


@run_async
async def test_swap_is_instant_and_keeps_the_figures_of_b_against_a(tmp_path: Path) -> None:
    path_a, path_b = write_pair(tmp_path)
    backward = diff_articles(read_article(path_b), read_article(path_a))
    app: ParadiffApp = make_app([path_a, path_b])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, DiffScreen)
        await wait_until(pilot, lambda: diff_shown(app))
        await pilot.press("x")  # no worker: the swapped result is there at once
        assert screen.result is not None and screen.result.stats == backward.stats
        assert screen.result.rows == backward.rows
        assert not [w for w in app.workers if w.group == "diff" and not w.is_finished]


# ------------------------------------------------------------- pure parts


def small_lazy() -> LazyDiff:
    a = read_article_from([prose(i, 12) for i in range(8)])
    b = read_article_from([prose(i, 12) + " More." for i in range(8)])
    return LazyDiff(align_articles(a, b))


def read_article_from(paragraphs: list[str]):  # type: ignore[no-untyped-def]
    from tui.engine import Article

    return Article("x.txt", "utf-8", tuple(paragraphs))


def test_rows_are_diffed_in_order_of_need(monkeypatch: pytest.MonkeyPatch) -> None:
    # Batches also go when 0.1 s has passed: never, here, however slow the machine.
    monkeypatch.setattr(filling, "BATCH_SECONDS", float("inf"))
    lazy = small_lazy()
    batches: list[list[int]] = []
    windows = iter([(5, 6), (5, 6), (5, 6)])
    done = diff_rows_by_need(
        lazy,
        lambda: next(windows, (5, 6)),
        lambda rows: batches.append([k for k, _, _ in rows]),
        lambda d, t: None,
        lambda: False,
    )
    assert done
    order = [k for batch in batches for k in batch]
    assert order[:2] == [5, 6] and batches[0] == [5, 6]  # handed over at once
    assert sorted(order) == list(range(8)) and order[2:] == [0, 1, 2, 3, 4, 7]
    assert lazy.pending == 0


def test_cancelling_stops_before_the_next_row() -> None:
    lazy = small_lazy()
    calls = iter([False, False, True])
    assert not diff_rows_by_need(
        lazy, lambda: (0, 0), lambda rows: None, lambda d, t: None, lambda: next(calls)
    )
    assert lazy.pending == 6


def test_progress_label_estimates_only_long_work() -> None:
    assert progress_label("Aligning", None, 3.0) == "Aligning…"
    assert progress_label("Aligning", 0.5, 0.4) == "Aligning…"  # too early to say
    assert progress_label("Aligning", 0.8, 0.6) == "Aligning…"  # done within a second
    assert progress_label("Aligning", 0.5, 2.0) == "Aligning… about 2 s left"
    assert progress_label("Aligning", 0.1, 20.0) == "Aligning… about 3 min left"
    assert word_diff_phase(1200, 3475) == "Word diff 1,200 of 3,475 rows"
    assert overall_fraction(0, 10) == 0.6 and overall_fraction(10, 10) == 1.0
