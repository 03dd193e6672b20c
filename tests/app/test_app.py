"""Pilot tests of the terminal app: every key of the diff screen and the browser flow."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import diff_shown, run_async, wait_for_screen, wait_until
from tui.app import ParadiffApp, make_app
from tui.engine import Article, DiffResult, Row, Span, compute_stats
from tui.engine.ledger import build_ledger
from tui.screens.browser import BrowserScreen
from tui.screens.diff import DiffScreen
from tui.screens.help import HelpScreen
from tui.widgets.ruler import OverviewRuler
from tui.widgets.splitview import SplitView
from tui.widgets.toosmall import TooSmall

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_002 = SEEDS / "002_ea469877a8e8ba82.txt"
SEED_003 = SEEDS / "003_63081724c1bcbc33.txt"

_WORDS = [
    "the",
    "council",
    "met",
    "on",
    "a",
    "grey",
    "morning",
    "to",
    "weigh",
    "the",
    "plan",
    "for",
    "the",
    "harbour",
    "and",
    "the",
    "old",
    "mill",
    "while",
    "residents",
    "crowded",
    "the",
    "hall",
    "asking",
    "questions",
    "about",
    "money",
    "roads",
    "schools",
    "and",
    "water",
]


def prose(seed: int, words: int = 45) -> str:
    """Deterministic filler prose of ``words`` words."""
    return " ".join(_WORDS[(seed * 7 + i * 3) % len(_WORDS)] for i in range(words)).capitalize()


def synthetic_result() -> DiffResult:
    """A hand-made result with every row kind the view distinguishes.

    rows: 0 equal, 1 equal, 2 paraphrase, 3 equal, 4 inserted, 5 deleted, 6 fact changed,
    7 moved, 8 split, 9 equal, 10 equal, 11 minor only, 12 merged, 13 equal
    """
    a: list[str] = []
    b: list[str] = []
    rows: list[Row] = []

    def add(kind: str, spans: list[Span], a_count: int = 1, b_count: int = 1) -> None:
        a_text = "".join(s.a for s in spans)
        b_text = "".join(s.b for s in spans)
        a_paras = a_text.split("\n\n") if a_count else []
        b_paras = b_text.split("\n\n") if b_count else []
        ai = tuple(range(len(a), len(a) + len(a_paras)))
        bi = tuple(range(len(b), len(b) + len(b_paras)))
        a.extend(a_paras)
        b.extend(b_paras)
        rows.append(Row(kind, ai, bi, 0.5 if kind != "equal" else 1.0, tuple(spans)))  # type: ignore[arg-type]

    def eq(n: int) -> None:
        text = prose(n)
        add("equal", [Span("equal", text, text)])

    eq(0)
    eq(1)
    add(
        "changed",
        [
            Span("equal", "The mayor ", "The mayor "),
            Span("paraphrase", "said", "stated"),
            Span("equal", " that " + prose(2), " that " + prose(2)),
        ],
    )
    eq(3)
    add("inserted", [Span("insert", "", "A brand new paragraph about the needle in B.")], a_count=0)
    add("deleted", [Span("delete", "An old paragraph only in A. " + prose(5, 20), "")], b_count=0)
    add(
        "changed",
        [
            Span("equal", "It cost ", "It cost "),
            Span("changed", "12 million", "20 million", ("number",)),
            Span("equal", " dollars in 2019.", " dollars in 2019."),
        ],
    )
    add(
        "moved",
        [
            Span(
                "equal",
                "This paragraph moved. " + prose(7, 10),
                "This paragraph moved. " + prose(7, 10),
            )
        ],
    )
    add(
        "changed",
        [Span("equal", "First half. Second half.", "First half.\n\nSecond half.")],
        a_count=1,
        b_count=2,
    )
    eq(9)
    eq(10)
    add(
        "changed",
        [
            Span("equal", "Quotes ", "Quotes "),
            Span("minor", '"straight"', "\u201ccurly\u201d"[0] + "straight\u201d"),
            Span("equal", " differ.", " differ."),
        ],
    )
    add("changed", [Span("equal", "One.\n\nTwo.", "One. Two.")], a_count=2, b_count=1)
    eq(13)
    # The needle appears once in A too, in an equal paragraph.
    a[0] = a[0] + " needle"
    b[0] = b[0] + " needle"
    first = rows[0]
    rows[0] = Row("equal", first.a, first.b, 1.0, (Span("equal", a[0], b[0]),))
    left, right = Article("left.txt", "utf-8", tuple(a)), Article("right.txt", "utf-8", tuple(b))
    stats = dataclasses.replace(compute_stats(left, right, rows), similarity=0.8)
    return DiffResult(a=left, b=right, rows=tuple(rows), stats=stats)


async def open_synthetic(pilot: Pilot, result: DiffResult | None = None) -> DiffScreen:
    """Show the synthetic result in a diff screen above the browser."""
    app = pilot.app
    assert isinstance(app, ParadiffApp)
    app.show_diff_result(result or synthetic_result(), origin_note="made by hand")
    await wait_until(pilot, lambda: isinstance(app.screen, DiffScreen) and diff_shown(app))
    return app.screen  # type: ignore[return-value]


@pytest.fixture
def app(tmp_path: Path) -> ParadiffApp:
    """The app browsing an empty temporary folder."""
    return make_app([str(tmp_path)])


@run_async
async def test_row_keys(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        split = screen.split
        assert split.selected == 0
        await pilot.press("j")
        assert split.selected == 1
        await pilot.press("down", "down")
        assert split.selected == 3
        await pilot.press("k")
        assert split.selected == 2
        await pilot.press("up")
        assert split.selected == 1
        await pilot.press("end")
        assert split.selected == len(split.items) - 1
        assert split.scroll_y == split.max_scroll_y > 0
        await pilot.press("home")
        assert split.selected == 0
        assert split.scroll_y == 0
        await pilot.press("G")
        assert split.selected == 13
        await pilot.press("g")
        assert split.selected == 0


@run_async
async def test_page_keys(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        split = screen.split
        height = split.scrollable_content_region.height
        await pilot.press("pagedown")
        assert split.scroll_y == height - 2
        top = split.layout.offsets[split.selected]
        assert split.scroll_y <= top < split.scroll_y + height
        assert split.selected > 0
        await pilot.press("space")
        assert split.scroll_y == 2 * (height - 2)
        await pilot.press("pageup", "pageup")
        assert split.scroll_y == 0
        assert split.selected == 0


@run_async
async def test_change_keys(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        split = screen.split
        await pilot.press("n")
        assert split.selected_row == 2
        await pilot.press("right_square_bracket")
        assert split.selected_row == 4
        await pilot.press("n", "n", "n", "n")
        assert split.selected_row == 8
        await pilot.press("p")
        assert split.selected_row == 7
        await pilot.press("left_square_bracket")
        assert split.selected_row == 6
        await pilot.press("end", "n")  # nothing below: stays
        assert split.selected_row == 13
        await pilot.press("p")
        assert split.selected_row == 12


@run_async
async def test_fact_keys(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        result = synthetic_result()
        result = dataclasses.replace(result, facts=build_ledger(result))
        screen = await open_synthetic(pilot, result)
        split = screen.split
        # f walks the ledger: the inserted and the deleted paragraph, then the number.
        rows = [entry.row for entry in result.facts]
        assert rows == [4, 5, 6]
        for row in rows:
            await pilot.press("f")
            assert split.selected_row == row
        await pilot.press("f")  # no other entry
        assert split.selected_row == 6
        await pilot.press("end", "F")
        assert split.selected_row == 6
        status = str(screen.query_one("#status").render())
        assert "facts: number" in status


@run_async
async def test_changes_only_and_minor(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        split = screen.split
        assert len(split.items) == 14
        await pilot.press("c")
        folds = [(i.fold_start, i.fold_count) for i in split.items if i.is_fold]
        assert folds == [(0, 2), (3, 1), (9, 2), (13, 1)]
        assert len(split.items) == 12
        lines = [_line_text(split, y) for y in range(split.scrollable_content_region.height)]
        assert any("2 unchanged paragraphs" in line for line in lines)
        await pilot.press("m")  # minor hidden: the minor-only row 11 folds with 9 and 10
        assert not split.show_minor
        folds = [(i.fold_start, i.fold_count) for i in split.items if i.is_fold]
        assert folds == [(0, 2), (3, 1), (9, 3), (13, 1)]
        await pilot.press("c")
        assert len(split.items) == 14
        await pilot.press("m")
        assert split.show_minor


@run_async
async def test_search_keys(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        split = screen.split
        await pilot.press("j", "j")
        await pilot.press("slash")
        search = screen.query_one("#search", Input)
        assert search.display and search.has_focus
        await pilot.press(*"needle", "enter")
        assert not search.display
        # Row 0 has it on both sides, row 4 (inserted) on B only.
        assert [(h.row, h.side) for h in split.hits] == [(0, "a"), (0, "b"), (4, "b")]
        assert split.current_hit == 2 and split.selected_row == 4  # first hit from row 2 on
        await pilot.press("full_stop")
        assert split.current_hit == 0 and split.selected_row == 0
        await pilot.press("comma")
        assert split.current_hit == 2
        await pilot.press("f3")
        assert split.current_hit == 0
        status = str(screen.query_one("#status").render())
        assert "/needle 1/3" in status
        # Escape closes the search field without leaving the screen.
        await pilot.press("slash", "escape")
        assert not search.display
        assert pilot.app.screen is screen


@run_async
async def test_search_reaches_folded_rows(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        split = screen.split
        await pilot.press("c", "slash", *"needle", "enter")
        assert split.selected_row == 0
        assert not split.changes_only  # unfolded to show the hit


@run_async
async def test_swap_key(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        await pilot.press("j", "j", "j", "j")
        assert screen.split.selected_row == 4
        await pilot.press("x")
        assert screen.result is not None
        assert screen.result.a.path == "right.txt"
        assert screen.result.rows[4].kind == "deleted"
        assert screen.result.rows[5].kind == "inserted"
        assert screen.split.selected_row == 4
        await pilot.press("x")
        assert screen.result.a.path == "left.txt"


@run_async
async def test_legend_key_and_help(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        legend = screen.query_one("#legend")
        assert not legend.display
        await pilot.press("l")
        assert legend.display
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = str(pilot.app.screen.query_one("#help-keys").render())
        assert "Next change" in text and "Changes only" in text and "Quit" in text
        await pilot.press("escape")
        assert pilot.app.screen is screen


@run_async
async def test_escape_back_and_quit(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await open_synthetic(pilot)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, BrowserScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@run_async
async def test_mouse_click_and_wheel(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        split = screen.split
        target = split.layout.offsets[2]  # first line of row 2
        await pilot.click(SplitView, offset=(10, target))
        assert split.selected == 2
        await pilot._post_mouse_events([events.MouseScrollDown], SplitView, offset=(10, 5))
        await wait_until(pilot, lambda: split.scroll_y > 0)
        # Clicking the bottom of the ruler scrolls towards the end.
        ruler = screen.query_one(OverviewRuler)
        await pilot.click(OverviewRuler, offset=(1, ruler.size.height - 1))
        await wait_until(pilot, lambda: split.scroll_y == split.max_scroll_y > 0)


@run_async
async def test_ruler_marks_changes(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        cells = screen.split.ruler_cells(100)
        assert max(cells) == 7  # the fact row
        assert cells[0] == 0  # the document starts with unchanged rows
        assert screen.query_one(OverviewRuler).window()[0] == 0


@run_async
async def test_origin_note_and_header(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        note = screen.query_one("#note")
        assert note.display
        assert "made by hand" in str(note.render())
        assert "80% similar" in str(screen.query_one("#figures").render())


@run_async
async def test_reflow_on_resize_keeps_alignment(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        split = screen.split
        tall = split.layout.total
        await pilot.resize_terminal(160, 30)
        await wait_until(pilot, lambda: split.layout_ready and split.layout.width > 100)
        assert split.layout.total < tall
        for index, lay in enumerate(split.layout.items):
            if not split.items[index].is_fold:
                assert lay.height == lay.notes + max(len(lay.left), len(lay.right)) + 1


@run_async
async def test_command_palette_lists_keys(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        titles = [c.title for c in pilot.app.get_system_commands(screen)]
        assert "Next change" in titles and "Changes only" in titles and "Search" in titles


@run_async
async def test_too_small(tmp_path: Path) -> None:
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(50, 12)) as pilot:
        await wait_until(pilot, lambda: pilot.app.screen.query_one(TooSmall).display)
        assert "at least 60×16" in str(pilot.app.screen.query_one(TooSmall).render())
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: not pilot.app.screen.query_one(TooSmall).display)


# --------------------------------------------------------------- with files


@run_async
async def test_open_two_files_and_reread(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("One paragraph.\n\nTwo paragraph.\n", encoding="utf-8")
    b.write_text("One paragraph.\n\nTwo paragraph.\n", encoding="utf-8")
    app = make_app([str(a), str(b)])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: getattr(pilot.app.screen, "result", None) is not None)
        screen = pilot.app.screen
        assert isinstance(screen, DiffScreen)
        assert screen.result is not None and screen.result.identical
        b.write_text("One paragraph.\n\nTwo paragraph.\n\nThree, new.\n", encoding="utf-8")
        old = screen.result
        await pilot.press("r")
        await wait_until(pilot, lambda: screen.result is not old)
        assert len(screen.result.b.paragraphs) == 3
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, BrowserScreen)
        assert pilot.app.screen.picks == [str(a), str(b)]


@run_async
async def test_unreadable_diff_goes_back_with_notification(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Text.\n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\x00" * 100)
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, BrowserScreen)
        pilot.app.open_diff(str(good), str(binary))  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: bool(pilot.app._notifications))
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, BrowserScreen))
        note = list(pilot.app._notifications)[-1]
        assert note.severity == "error" and "binary" in note.message


async def _browser_ready(pilot: Pilot, count: int) -> BrowserScreen:
    screen = await wait_for_screen(pilot, BrowserScreen)
    await wait_until(pilot, lambda: len(screen.tree.root.children) == count)
    return screen


@run_async
async def test_browser_to_diff_flow_with_seeds() -> None:
    app = make_app([str(SEEDS)])
    async with app.run_test(size=(120, 35)) as pilot:
        screen = await _browser_ready(pilot, 5)
        await pilot.press("down", "down", "down")  # 000, 001, 002
        await wait_until(
            pilot, lambda: "paragraphs" in str(screen.query_one("#preview-info").render())
        )
        assert "002_ea469877a8e8ba82.txt" in str(screen.query_one("#preview-info").render())
        await pilot.press("a")
        await wait_until(pilot, lambda: screen.picks[0] is not None)
        await pilot.press("down", "b")
        await wait_until(pilot, lambda: screen.picks[1] is not None)
        assert screen.picks == [str(SEED_002.resolve()), str(SEED_003.resolve())]
        await pilot.press("x")
        assert screen.picks == [str(SEED_003.resolve()), str(SEED_002.resolve())]
        await pilot.press("x", "d")
        await wait_until(pilot, lambda: getattr(pilot.app.screen, "result", None) is not None)
        diff = pilot.app.screen
        assert isinstance(diff, DiffScreen)
        assert diff.result is not None
        assert diff.result.a.path.endswith("002_ea469877a8e8ba82.txt")
        assert len(diff.split.items) == len(diff.result.rows)


@run_async
async def test_browser_keys(tmp_path: Path) -> None:
    (tmp_path / "visible.txt").write_text("Hello there.\n", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("Hidden.\n", encoding="utf-8")
    (tmp_path / "notes").write_text("Extension-less text.\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / "blob").write_bytes(b"\x00" * 200)
    (tmp_path / "fake.txt").write_bytes(b"\x00\x01" * 200)
    sub = tmp_path / "sub"
    sub.mkdir()
    app = make_app([str(sub)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _browser_ready(pilot, 0)
        await pilot.press("backspace")  # parent folder: tmp_path
        await wait_until(pilot, lambda: len(screen.tree.root.children) == 4)
        names = sorted(str(n.label) for n in screen.tree.root.children)
        assert names == ["fake.txt", "notes", "sub", "visible.txt"]
        await pilot.press("full_stop")
        await wait_until(pilot, lambda: len(screen.tree.root.children) == 5)
        assert screen.tree.show_hidden
        # d without picks: a warning, no diff.
        await pilot.press("d")
        assert isinstance(pilot.app.screen, BrowserScreen)
        assert list(pilot.app._notifications)[-1].severity == "warning"
        # Picking the fake .txt (binary) is refused with an error notification.
        labels = [str(n.label) for n in screen.tree.root.children]
        for _ in range(labels.index("fake.txt") + 1):
            await pilot.press("down")
        await pilot.press("a")
        await wait_until(pilot, lambda: list(pilot.app._notifications)[-1].severity == "error")
        assert screen.picks == [None, None]
        # The file vanishes after it was listed: a notification, not a crash.
        (tmp_path / "visible.txt").unlink()
        await pilot.press("end", "b")
        await wait_until(
            pilot, lambda: "no such file" in list(pilot.app._notifications)[-1].message
        )
        assert screen.picks == [None, None]


def _line_text(split: SplitView, y: int) -> str:
    return "".join(seg.text for seg in split.render_line(y))
