"""The diff display is prepared off the event loop: side texts and wrapping in workers.

Large results (above :data:`~tui.display.SYNC_CHARS`) are prepared by a
worker thread with the loading indicator showing; a resize re-wraps in a worker while
the previous layout stays on screen; toggling ``c``/``m`` reuses the cached wraps.
Every Pilot test here also checks that ``wrap`` never ran on the event loop's thread.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import get_character_cell_size
from textual.pilot import Pilot

from tests.app.conftest import run_async, wait_until
from tests.app.test_app import prose
from tui.app import ParadiffApp, make_app
from tui.display import (
    SYNC_CHARS,
    DisplayModel,
    build_items,
    column_widths,
    prepare_display,
    sanitise_column,
)
from tui.display import model as display_model
from tui.display.wrap import BREAKABLE_CHARS, SIMPLE_CELLS, wrap, wrap_reference
from tui.engine import Article, DiffResult, Row, Span, compute_stats
from tui.screens import diff as diff_screen
from tui.screens.diff import DiffScreen
from tui.settings import Settings, save_settings
from tui.widgets.splitview import SplitView

BENCH_DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"

# ------------------------------------------------------------------ wrapping


def test_simple_cells_are_one_cell_and_never_break() -> None:
    for ch in SIMPLE_CELLS:
        assert get_character_cell_size(ch) == 1, hex(ord(ch))
        assert ch == " " or ch not in BREAKABLE_CHARS
        assert ch != "\n"


def test_fast_wrap_matches_reference_on_random_text() -> None:
    rng = random.Random(20261123)
    pieces = [
        "a", "bc", "word", "’", "“quoted”", "—", "é", " ", "  ", "\n", "\n\n",
        "日本", "\u3000", "\u2009", "\u00a0", "\t", "e\u0301", "averyveryverylongword",
        "␛", "€", "Ω",
    ]  # fmt: skip
    for _ in range(20_000):
        text = "".join(
            rng.choice(pieces) if rng.random() < 0.4 else rng.choice("abcd   ")
            for _ in range(rng.randint(0, 80))
        )
        width = rng.randint(1, 30)
        assert wrap(text, width) == wrap_reference(text, width), (text, width)


def test_fast_wrap_matches_reference_on_prose() -> None:
    paragraphs = [prose(seed, 20 + seed % 90) for seed in range(200)]
    paragraphs += ["  leading spaces and trailing spaces   " * 3, " " * 50, ""]
    for path in sorted(BENCH_DATA.glob("v1_100k_*.txt"))[:1]:
        paragraphs += path.read_text(encoding="utf-8").split("\n\n")
    for text in paragraphs:
        for width in (1, 3, 8, 17, 40, 77, 120):
            assert wrap(text, width) == wrap_reference(text, width), (text[:40], width)


# ------------------------------------------------------------- the model


def big_result(rows: int = 3000) -> DiffResult:
    """``rows`` generated rows (equal, reworded, inserted, moved), well above SYNC_CHARS."""
    a: list[str] = []
    b: list[str] = []
    out: list[Row] = []
    for i in range(rows):
        text = prose(i, 30 + i % 40)
        if i % 10 == 3:
            spans = (
                Span("equal", "The mayor ", "The mayor "),
                Span("paraphrase", "said", "stated"),
                Span("equal", " " + text, " " + text),
            )
            kind = "changed"
        elif i % 10 == 7:
            spans = (Span("insert", "", text),)
            kind = "inserted"
        elif i % 50 == 11:
            spans = (Span("equal", text, text),)
            kind = "moved"
        else:
            spans = (Span("equal", text, text),)
            kind = "equal"
        ai: tuple[int, ...] = ()
        bi: tuple[int, ...] = ()
        if kind != "inserted":
            ai = (len(a),)
            a.append("".join(s.a for s in spans))
        bi = (len(b),)
        b.append("".join(s.b for s in spans))
        out.append(Row(kind, ai, bi, 1.0 if kind == "equal" else 0.7, spans))  # type: ignore[arg-type]
    left, right = Article("big-a.txt", "utf-8", tuple(a)), Article("big-b.txt", "utf-8", tuple(b))
    return DiffResult(a=left, b=right, rows=tuple(out), stats=compute_stats(left, right, out))


def test_model_layout_stacks_cached_wraps() -> None:
    result = big_result(200)
    model = DisplayModel(result)
    assert not model.small and not DisplayModel.is_small(result)
    lw, rw = column_widths(100)
    wraps = model.compute_wraps(lw, rw)
    assert wraps is not None and set(wraps) == {("a", lw), ("b", rw)}
    model.store(wraps)
    items = build_items(result.rows, changes_only=True, show_minor=True)
    layout = model.layout(items, 100, lw, rw)
    assert len(layout.items) == len(items)
    for item, lay in zip(items, layout.items, strict=True):
        if item.is_fold:
            assert lay.height == 2
        else:
            a, b = model.texts[item.row]
            assert lay.left == wrap(a.text, lw) and lay.right == wrap(b.text, rw)
            assert lay.height == lay.notes + max(len(lay.left), len(lay.right)) + 1
    # One column keeps its width (a resize by one cell): only the other side is wrapped.
    lw2, rw2 = column_widths(101)
    assert rw2 == rw and lw2 != lw
    again = model.compute_wraps(lw2, rw2)
    assert again is not None and again[("b", rw2)] is wraps[("b", rw)]


def test_model_compute_wraps_can_be_cancelled() -> None:
    model = DisplayModel(big_result(600))
    assert model.compute_wraps(40, 40, cancelled=lambda: True) is None
    assert prepare_display(model.result, lambda: 100, lambda: True) is None
    prepared = prepare_display(model.result, lambda: 100)
    assert prepared is not None and prepared.prepared_width == 100
    assert prepared.has_wraps(*column_widths(100))


# ------------------------------------------------------------ in the app


@pytest.fixture
def wrap_threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record the name of the thread of every ``wrap`` call the display model makes."""
    calls: list[str] = []
    real = display_model.wrap

    def counting(text: str, width: int) -> list[tuple[int, int]]:
        calls.append(threading.current_thread().name)
        return real(text, width)

    monkeypatch.setattr(display_model, "wrap", counting)
    yield calls


def on_event_loop(calls: list[str]) -> int:
    main = threading.main_thread().name
    return sum(1 for name in calls if name == main)


async def layout_settled(pilot: Pilot, split: SplitView) -> None:
    """Wait until the split view shows a layout wrapped at its current width."""
    await wait_until(pilot, lambda: split.result is not None and split.layout_ready)


def visible_text(split: SplitView) -> list[str]:
    return [
        "".join(seg.text for seg in split.render_line(y))
        for y in range(split.scrollable_content_region.height)
    ]


async def open_big(
    pilot: Pilot, result: DiffResult, gate: threading.Event | None = None
) -> DiffScreen:
    app = pilot.app
    assert isinstance(app, ParadiffApp)
    app.show_diff_result(result, origin_note="generated")
    await wait_until(pilot, lambda: isinstance(app.screen, DiffScreen) and app.screen.is_mounted)
    screen = app.screen
    assert isinstance(screen, DiffScreen)
    return screen


def gated_prepare(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make the display worker wait for the returned event (to see the loading state)."""
    gate = threading.Event()
    real: Callable[..., DisplayModel | None] = diff_screen.prepare_display

    def waiting(*args: object, **kwargs: object) -> DisplayModel | None:
        gate.wait()  # no clock (a daemon thread: a failed test leaves it waiting harmlessly)
        return real(*args, **kwargs)

    monkeypatch.setattr(diff_screen, "prepare_display", waiting)
    return gate


@pytest.fixture
def app(tmp_path: Path) -> ParadiffApp:
    return make_app([str(tmp_path)])


@run_async
async def test_big_result_shows_loading_then_the_diff(
    app: ParadiffApp, monkeypatch: pytest.MonkeyPatch, wrap_threads: list[str]
) -> None:
    gate = gated_prepare(monkeypatch)
    result = big_result()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_big(pilot, result)
        await pilot.pause()
        split = screen.split
        assert screen.query_one("#loading").display
        assert "Preparing the display" in str(screen.query_one("#loading-label").render())
        assert split.result is None and screen.result is result
        assert screen.check_action("move", ()) is False  # no keys on a view still empty
        gate.set()
        await layout_settled(pilot, split)
        assert not screen.query_one("#loading").display
        assert split.result is result and len(split.items) == len(result.rows)
        assert split.model is not None and split.model.prepared_width == split.view_width
        assert split.layout.width == split.view_width
        assert any("council" in line.lower() for line in visible_text(split))
        assert screen.check_action("move", ()) is True
        await pilot.press("end")
        assert split.selected == len(split.items) - 1
    assert wrap_threads and on_event_loop(wrap_threads) == 0


@run_async
async def test_resize_rewraps_in_a_worker_and_keeps_the_selection(
    app: ParadiffApp, wrap_threads: list[str]
) -> None:
    result = big_result()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_big(pilot, result)
        split = screen.split
        await layout_settled(pilot, split)
        for _ in range(40):
            await pilot.press("n")
        selected, row = split.selected, split.selected_row
        old = split.layout
        top = old.item_at(round(split.scroll_y))
        await pilot.resize_terminal(150, 30)
        await pilot.pause()
        # Meanwhile the old wrap is drawn, clipped or padded to the new width.
        for line in range(split.size.height):
            assert split.render_line(line).cell_length == split.size.width
        await layout_settled(pilot, split)
        new = split.layout
        assert new.width == split.view_width > old.width
        assert new.total < old.total
        lw, rw = column_widths(new.width)
        assert split.model is not None
        for index, item in enumerate(split.items):
            a, b = split.model.texts[item.row]
            lay = new.items[index]
            assert lay.left == wrap_reference(a.text, lw)
            assert lay.right == wrap_reference(b.text, rw)
        assert split.selected == selected and split.selected_row == row
        assert new.item_at(round(split.scroll_y)) == top  # the top row stayed in place
        assert any("council" in line.lower() for line in visible_text(split))
        # A burst of resizes: only the last width matters, and the view ends up there.
        for width in (120, 90, 130, 110):
            await pilot.resize_terminal(width, 30)
        await layout_settled(pilot, split)
        assert split.layout.width == split.view_width
        assert split.selected == selected
    assert on_event_loop(wrap_threads) == 0


@run_async
async def test_toggles_reuse_wraps(app: ParadiffApp, wrap_threads: list[str]) -> None:
    result = big_result()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_big(pilot, result)
        split = screen.split
        await layout_settled(pilot, split)
        before = len(wrap_threads)
        assert before == 2 * len(result.rows)  # every row, both sides, once
        await pilot.press("c")
        assert split.changes_only and len(split.items) < len(result.rows)
        assert split.layout_ready
        await pilot.press("m", "m", "c")
        assert not split.changes_only and split.show_minor
        await pilot.press("n", "j", "c")
        await layout_settled(pilot, split)
        assert len(wrap_threads) == before  # no row was wrapped again
    assert on_event_loop(wrap_threads) == 0


@run_async
async def test_swap_of_a_big_result_keeps_the_row(
    app: ParadiffApp, wrap_threads: list[str]
) -> None:
    result = big_result()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_big(pilot, result)
        split = screen.split
        await layout_settled(pilot, split)
        for _ in range(5):
            await pilot.press("n")
        before = result.rows[split.selected_row]
        await pilot.press("x")  # a new diff, B against A, in a worker
        await wait_until(
            pilot,
            lambda: (
                screen.result is not None
                and screen.result.a.path == "big-b.txt"
                and split.result is screen.result
            ),
        )
        await layout_settled(pilot, split)
        after = screen.result.rows[split.selected_row]
        assert set(after.b) & set(before.a) or set(after.a) & set(before.b)
        assert not screen.query_one("#loading").display
    assert on_event_loop(wrap_threads) == 0


@run_async
async def test_diff_of_big_files_is_prepared_in_the_diff_worker(
    tmp_path: Path, wrap_threads: list[str]
) -> None:
    paragraphs = [prose(i, 40 + i % 30) for i in range(400)]
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("\n\n".join(paragraphs), encoding="utf-8")
    edited = list(paragraphs)
    edited[10] = edited[10].replace("council", "committee")
    del edited[50]
    b.write_text("\n\n".join(edited), encoding="utf-8")
    assert a.stat().st_size > SYNC_CHARS
    app = make_app([str(a), str(b)])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: getattr(pilot.app.screen, "result", None) is not None)
        screen = pilot.app.screen
        assert isinstance(screen, DiffScreen)
        await layout_settled(pilot, screen.split)
        assert screen.split.model is not None and not screen.split.model.small
        assert screen.result_at is not None and screen.split.first_frame_at is not None
        assert screen.split.first_frame_at >= screen.result_at
    assert wrap_threads and on_event_loop(wrap_threads) == 0


@pytest.mark.parametrize("changes_only", [False, True])
@run_async
async def test_the_layout_stacked_in_the_diff_worker_is_the_one_shown_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, changes_only: bool
) -> None:
    """Rows are folded only once all are word-diffed: until then the layout the worker
    stacked fits, with or without "changes only" (the event loop stacks none)."""
    stacked: list[tuple[str, bool]] = []  # (thread, before the whole diff)
    real = DisplayModel.layout

    def recording(self: DisplayModel, *args: object, **kwargs: object) -> object:
        stacked.append((threading.current_thread().name, self.result is None))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(DisplayModel, "layout", recording)
    save_settings(Settings(changes_only=changes_only))
    paragraphs = [prose(i, 40 + i % 30) for i in range(400)]
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n\n".join(paragraphs), encoding="utf-8")
    b.write_text("\n\n".join(paragraphs[:50] + paragraphs[51:]), encoding="utf-8")
    app = make_app([str(a), str(b)])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: getattr(pilot.app.screen, "result", None) is not None)
        screen = pilot.app.screen
        assert isinstance(screen, DiffScreen) and screen.split.changes_only is changes_only
    main = threading.main_thread().name
    assert any(thread != main and pending for thread, pending in stacked)
    assert (main, True) not in stacked


def test_sanitise_fast_path_matches_the_shared_sanitiser() -> None:
    from tui.sanitise import sanitise as shared

    rng = random.Random(7)
    specials = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
    specials += ["\u202e", "\u2066", "\u2028", "\ufeff", "\t", "\n", "’", "日", "\U0001f600"]
    for _ in range(5000):
        text = "".join(
            rng.choice(specials) if rng.random() < 0.05 else rng.choice("ab c’")
            for _ in range(rng.randint(0, 40))
        )
        assert sanitise_column(text) == shared(text).replace("\t", "\u2409")
    # The shared table touches no code point outside the Basic Multilingual Plane.
    astral = "".join(chr(c) for c in range(0x10000, 0x110000, 97))
    assert shared(astral) == astral


# ------------------------------------------------- rows before their word diff


def test_model_of_an_alignment_fills_in_to_the_model_of_the_result() -> None:
    from tui.display import side_texts
    from tui.engine import LazyDiff, align_articles, diff_articles

    a = Article("a.txt", "utf-8", ("Same words.", "Pay 10 000 now.", "Gone.", "Kept as is."))
    b = Article("b.txt", "utf-8", ("Same words.", "Pay 10\u00a0000 now\u200b.", "Kept as is."))
    alignment = align_articles(a, b)
    model = DisplayModel.of_alignment(alignment)
    assert model.result is None and model.pending == len(alignment.groups)
    assert [r.kind for r in model.rows] == ["equal", "changed", "deleted", "equal"]
    assert model.classes[0] == "equal" and model.classes[1] is None  # known from the shape
    assert model.texts[2][0].runs == ((0, 5, "delete", False, False),)
    lw, rw = column_widths(24)
    model.ensure_wraps(lw, rw)
    lazy = LazyDiff(alignment)
    before = model.wrapped("b", rw)[1]
    taller = model.install([(1, lazy.row(1), side_texts(lazy.row(1)))])
    # The invisible characters got marks: row 1 was wrapped again, in place.
    assert "\u2038" in model.texts[1][1].text
    assert model.wrapped("b", rw)[1] is before == wrap(model.texts[1][1].text, rw)
    assert taller is False
    assert model.pending == 3 and model.ready[1]
    result = lazy.complete()
    model.complete(result)
    assert model.result is result and model.pending == 0
    assert model.texts == DisplayModel(diff_articles(a, b)).texts
    assert model.classes == DisplayModel(result).classes


def test_paragraphs_prepared_ahead_give_the_same_display_as_none() -> None:
    """Rows of one paragraph a side take the paragraph's sanitised text and lines as they
    are; the others (a split, a merge) are made as usual: the same model either way."""
    from tui.display import ParagraphsAhead
    from tui.engine import align_articles

    paragraphs = [prose(i, 40) for i in range(12)]
    a_paragraphs = [*paragraphs, "Tab\there, bell \x07 and an escape \x1b[31m."]
    b_paragraphs = list(paragraphs)
    b_paragraphs[2:3] = [paragraphs[2][:120], paragraphs[2][120:]]  # a split
    b_paragraphs[6:8] = [paragraphs[6] + " " + paragraphs[7]]  # a merge
    b_paragraphs.insert(0, b_paragraphs.pop(9))  # a move
    b_paragraphs.append("A new paragraph\u200b, with a zero-width space.")
    del b_paragraphs[4]  # a deletion
    a = Article("a.txt", "utf-8", tuple(a_paragraphs))
    b = Article("b.txt", "utf-8", tuple(b_paragraphs))
    alignment = align_articles(a, b)
    assert any(len(g.a) != 1 or len(g.b) != 1 for g in alignment.groups)
    width = 90
    ahead = ParagraphsAhead.of((alignment.a, alignment.b), lambda: width)
    assert ahead is not None and ahead.fits(alignment)
    plain = prepare_display(alignment, lambda: width)
    prepared = prepare_display(alignment, lambda: width, ahead=ahead)
    assert plain is not None and prepared is not None
    assert prepared.texts == plain.texts and prepared.rows == plain.rows
    lw, rw = column_widths(width)
    for model in (plain, prepared):  # small: wrapped by the view, on the spot
        model.ensure_wraps(lw, rw)
    for side, col in (("a", lw), ("b", rw)):
        assert prepared.wrapped(side, col) == plain.wrapped(side, col) is not None
    # The prepared lines are the ones used, not made again.
    row = next(n for n, r in enumerate(prepared.rows) if len(r.a) == 1)
    lines = prepared.wrapped("a", lw)
    assert lines is not None and lines[row] is ahead.wraps[0][prepared.rows[row].a[0]]
    # Paragraphs of other articles are not used.
    other = ParagraphsAhead.of((b, a), lambda: width)
    assert other is not None and not other.fits(alignment)
    mixed = prepare_display(alignment, lambda: width, ahead=other)
    assert mixed is not None and mixed.texts == plain.texts
    assert ParagraphsAhead.of((a, b), lambda: width, lambda: True) is None
