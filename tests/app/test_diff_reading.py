"""Reading a diff anywhere (issue 12): 80 columns, no colour, look-alike letters and
invisible characters, search across line breaks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual.widgets import Footer

from screenshots.scenes import PAIR, ROOT, diff_ready
from tests.app.conftest import run_async, wait_until
from tests.app.test_app import open_synthetic
from tui.app import ParadiffApp, make_app
from tui.display import SideText, search, side_texts
from tui.display.chars import describe_char, differing_characters
from tui.engine import Article, DiffResult, Row, Span, compute_stats

CYRILLIC_A = "\u0430"


@pytest.fixture
def app(tmp_path: Path) -> ParadiffApp:
    return make_app([str(tmp_path)])


def look_alike_result() -> DiffResult:
    """Row 0: a Cyrillic a in a Latin word (a minor span flagged homoglyph); row 1: a
    no-break space for a space inside equal words; row 2: a phrase split by a line break."""
    rows = [
        Row(
            "changed",
            (0,),
            (0,),
            0.9,
            (
                Span("equal", "The ", "The "),
                Span("minor", "cat", f"c{CYRILLIC_A}t", ("homoglyph",)),
                Span("equal", " sat.", " sat."),
            ),
        ),
        Row("equal", (1,), (1,), 1.0, (Span("equal", "Pay 10\u00a0000 now.", "Pay 10 000 now."),)),
        Row(
            "equal",
            (2,),
            (2,),
            1.0,
            (Span("equal", "A grey\nmorning came.", "A grey\nmorning came."),),
        ),
    ]
    a = Article("a.txt", "utf-8", ("The cat sat.", "Pay 10\u00a0000 now.", "A grey\nmorning came."))
    b = Article("b.txt", "utf-8", (f"The c{CYRILLIC_A}t sat.", "Pay 10 000 now.", a.paragraphs[2]))
    stats = compute_stats(a, b, rows)
    return dataclasses.replace(DiffResult(a, b, tuple(rows), stats))


# ------------------------------------------------------- look-alikes (item 8)


def test_characters_are_named_for_people() -> None:
    assert describe_char(CYRILLIC_A) == "Cyrillic а U+0430"
    assert describe_char("a") == "Latin a U+0061"
    assert describe_char("\u00a0") == "no-break space U+00A0"
    assert describe_char(" ") == "space"
    rows = look_alike_result().rows
    assert differing_characters(rows[0]) == ["Cyrillic а U+0430 for Latin a U+0061"]
    assert differing_characters(rows[1]) == ["space for no-break space U+00A0"]
    assert differing_characters(rows[2]) == []


def test_a_no_break_space_that_differs_is_marked_in_equal_words() -> None:
    a, b = side_texts(look_alike_result().rows[1])
    assert a.text == "Pay 10\u237d000 now." and b.text == "Pay 10 000 now."
    assert a.runs == () and b.runs == ()


@run_async
async def test_status_names_the_look_alike_and_m_keeps_it_marked(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot, look_alike_result())
        split = screen.split
        status = str(screen.query_one("#status").render())
        assert "Cyrillic а U+0430 for Latin a U+0061" in status
        assert "facts: homoglyph" in status
        await pilot.press("j")
        assert "space for no-break space U+00A0" in str(screen.query_one("#status").render())

        def styled_cells(row: int) -> set[str]:
            """Texts of the B column's segments of ``row`` drawn in the minor style."""
            st: SideText = split.texts[row][1]
            minor = split.get_component_rich_style("splitview--minor")
            return {
                seg.text
                for seg in split._text_segments(row, "b", st, 0, len(st.text), split.base_style)
                if seg.style is not None and seg.style.underline == minor.underline is True
            }

        assert f"c{CYRILLIC_A}t" in styled_cells(0)
        await pilot.press("m")
        assert not split.show_minor
        assert f"c{CYRILLIC_A}t" in styled_cells(0)  # a look-alike is never hidden


# ------------------------------------------------------------ search (item 7)


def test_search_takes_any_run_of_whitespace_as_one_space() -> None:
    texts = [side_texts(row) for row in look_alike_result().rows]
    hits = search(texts, "grey morning")
    assert [(h.row, h.side, h.start, h.end) for h in hits] == [(2, "a", 2, 14), (2, "b", 2, 14)]
    assert len(search(texts, "  GREY \t\n  morning ")) == 2
    assert len(search(texts, "10 000")) == 2  # a no-break space is a space too
    assert search(texts, " \n ") == []


@run_async
async def test_search_finds_a_phrase_split_by_a_line_break(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot, look_alike_result())
        await pilot.press("slash", *"grey morning", "enter")
        assert [h.row for h in screen.split.hits] == [2, 2]
        assert "/grey morning 1/2" in str(screen.query_one("#status").render())


# ----------------------------------------------------------- footer (item 2)


ESSENTIAL = {"n", "p", "f", "e", "q", "?", "o"}


def footer_keys(app: ParadiffApp, width: int) -> set[str]:
    """Keys of the footer drawn wholly within ``width`` columns."""
    footer = app.screen.query_one(Footer)
    return {k.key_display for k in footer.query("FooterKey") if k.region.right <= width}


@run_async
async def test_footer_shows_the_essential_keys_at_80_columns(app: ParadiffApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_synthetic(pilot)
        await wait_until(pilot, lambda: footer_keys(app, 80) >= ESSENTIAL)


@run_async
async def test_footer_is_not_cut_at_120_columns_with_a_search(app: ParadiffApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_synthetic(pilot)
        await pilot.press("slash", *"needle", "enter")
        assert screen.split.hits
        await wait_until(pilot, lambda: footer_keys(app, 120) >= ESSENTIAL)
        footer = screen.query_one(Footer)
        keys = list(footer.query("FooterKey"))
        assert {k.key_display for k in keys} >= ESSENTIAL
        assert max(k.region.right for k in keys) <= 80  # room to spare, even at 80


# ------------------------------------------------------ no colour (item 3)


@run_async
async def test_no_color_tells_the_classes_apart_by_attributes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_synthetic(pilot)
        split = screen.split

        def attributes(name: str, partial: bool = False) -> tuple[bool, ...]:
            style = split.get_component_rich_style(f"splitview--{name}", partial=partial)
            return (
                bool(style.bold),
                bool(style.italic),
                bool(style.underline),
                bool(style.strike),
                bool(style.reverse),
                bool(style.dim),
            )

        looks = {name: attributes(name) for name in ("insert", "delete", "paraphrase", "minor")}
        looks["changed"] = attributes("changed")
        looks["fact"] = attributes("fact", partial=True)
        assert len(set(looks.values())) == len(looks)
        assert looks["delete"][3] and looks["insert"][2] and looks["paraphrase"][1]
        assert looks["changed"][4] and looks["minor"][5]


@pytest.fixture
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_diff_without_colour(snap_compare, monkeypatch, _in_repo) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(PAIR), terminal_size=(120, 35), run_before=diff_ready)
