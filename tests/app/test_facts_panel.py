"""The fact ledger in the app (issue 11 item 4) and page furniture in the view (issue 9
item 5): the facts panel, ``f``/``F`` walking the ledger, the header's counts and both
similarities, furniture dimmed and passed over by ``n``."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from textual.pilot import Pilot

from screenshots.scenes import PAIR, ROOT
from tests.app.conftest import diff_shown, run_async, wait_for_screen, wait_until
from tui.app import ParadiffApp, make_app
from tui.display import Hit, filling, side_text, side_texts
from tui.display.facts import fact_hits, next_fact, walked_facts
from tui.engine import Article, DiffResult, Row, is_change
from tui.engine.model import FactEntry, FactPlace
from tui.export.facts_export import ledger_counts, ledger_summary
from tui.screens.diff import DiffScreen, similarity_text
from tui.settings import load_settings
from tui.widgets.facts_panel import ALL, VARIANT, FactsPanel, filters_of, shown_entries
from tui.widgets.legend import Legend

SEEDS = [str(ROOT / path) for path in PAIR]


def entry(row: int, kind: str = "name", status: str = "changed", **places: FactPlace) -> FactEntry:
    return FactEntry(row, kind, status, "old", "new", places.get("a"), places.get("b"))


# ------------------------------------------------------------------ pure parts


def test_a_fact_in_the_second_paragraph_of_a_row_is_found_past_the_first() -> None:
    a = Article("a", "utf-8", ("One two.", "Putin said three."))
    b = Article("b", "utf-8", ("One two. Li said three.",))
    row = Row("changed", (0, 1), (0,), 0.5, ())
    fact = entry(0, a=FactPlace(1, 0, 5), b=FactPlace(0, 9, 11))
    hits = fact_hits(row, fact, (a, b))
    assert hits == [Hit(0, "a", 10, 15), Hit(0, "b", 9, 11)]
    assert "One two.\n\nPutin said three."[10:15] == "Putin"


def test_a_fact_on_one_side_has_one_hit() -> None:
    a = Article("a", "utf-8", ("x",))
    b = Article("b", "utf-8", ("Seen by AP.",))
    row = Row("changed", (0,), (0,), 0.5, ())
    assert fact_hits(row, entry(0, status="added", b=FactPlace(0, 8, 10)), (a, b)) == [
        Hit(0, "b", 8, 10)
    ]


def test_walk_goes_on_from_the_entry_shown_and_starts_at_the_selected_row() -> None:
    entries = [entry(1), entry(1), entry(4), entry(9)]
    assert next_fact(entries, 0, None, 1) == 0
    assert next_fact(entries, 1, None, 1) == 0  # the selected row's own entries first
    assert next_fact(entries, 1, 0, 1) == 1
    assert next_fact(entries, 4, 2, 1) == 3
    assert next_fact(entries, 9, 3, 1) is None
    assert next_fact(entries, 5, None, -1) == 2
    assert next_fact(entries, 1, None, -1) is None
    assert next_fact(entries, 4, 2, -1) == 1


def test_spelling_variants_are_not_walked_and_are_listed_apart() -> None:
    variant = entry(0, status="variant")
    changes = [entry(3, "number"), entry(1, "quote")]
    assert walked_facts([changes[0], variant, changes[1]]) == [changes[1], changes[0]]
    facts = (variant, *changes)
    assert shown_entries(facts, ALL) == [*changes, variant]
    assert shown_entries(facts, "quote") == [changes[1]]
    assert shown_entries(facts, VARIANT) == [variant]


def test_similarity_says_both_figures_only_where_they_differ() -> None:
    result = diff_of(SEEDS)
    stats = result.stats
    whole, body = round(stats.similarity * 100), round(stats.body_similarity * 100)
    assert whole != body  # seed 002 opens with furniture: the body is more alike
    assert similarity_text(result) == f"{whole}% similar (body {body}%)"


def diff_of(paths: list[str]) -> DiffResult:
    from tui.sources import diff_sources

    return diff_sources(*paths).result


# ---------------------------------------------------------------------- the app


@pytest.fixture
def app() -> ParadiffApp:
    return make_app(SEEDS)


async def shown(pilot: Pilot) -> DiffScreen:
    screen = await wait_for_screen(pilot, DiffScreen)
    await wait_until(pilot, lambda: diff_shown(pilot.app))
    return screen


def panel_of(screen: DiffScreen) -> FactsPanel:
    return screen.query_one(FactsPanel)


def spotlit_text(screen: DiffScreen, hit: Hit) -> str:
    model = screen.split.model
    assert model is not None
    pair = model.texts[hit.row]
    return (pair[0] if hit.side == "a" else pair[1]).text[hit.start : hit.end]


@run_async
async def test_panel_lists_every_entry_and_enter_shows_one_in_both_columns(
    app: ParadiffApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        result = screen.result
        assert result is not None and result.facts
        panel = panel_of(screen)
        assert not panel.display
        await pilot.press("L")
        assert panel.display and panel.has_focus
        assert len(panel.entries) == panel.option_count == len(result.facts)
        # A changed name or date somewhere below the first screen.
        index, chosen = next(
            (i, e)
            for i, e in enumerate(panel.entries)
            if e.kind in ("name", "date") and e.status == "changed" and e.row > 3
        )
        panel.highlighted = index
        await pilot.press("enter")
        split = screen.split
        await wait_until(pilot, lambda: split.selected_row == chosen.row)
        row = result.rows[chosen.row]
        assert split.spotlight == fact_hits(row, chosen, (result.a, result.b))
        assert [spotlit_text(screen, hit) for hit in split.spotlight] == [chosen.old, chosen.new]
        # Scrolled into view: the entry's row starts on screen.
        layout = split.layout
        top = layout.offsets[split.item_of_row(chosen.row)]
        assert split.scroll_y <= top < split.scroll_y + split.scrollable_content_region.height
        # The walk goes on from the entry chosen.
        walked = screen.walked
        at = walked.index(chosen)
        await pilot.press("f")
        assert screen.fact_at == at + 1 and panel.highlighted == index + 1


@run_async
async def test_panel_filters_by_kind(app: ParadiffApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        result = screen.result
        assert result is not None
        await pilot.press("L")
        panel = panel_of(screen)
        kinds = filters_of(result)
        seen = []
        for _ in kinds:
            await pilot.press("right")
            seen.append(panel.kind)
            if panel.kind not in (ALL, VARIANT):
                assert {e.kind for e in panel.entries} == {panel.kind}
                assert len(panel.entries) == ledger_counts(result)[panel.kind]
                assert f"({len(panel.entries)} of {len(result.facts)})" in str(panel.border_title)
        assert seen == [*kinds[1:], ALL]
        await pilot.press("left")
        assert panel.kind == kinds[-1]


@run_async
async def test_f_walks_only_the_kind_the_panel_lists(app: ParadiffApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        result = screen.result
        assert result is not None
        counts = ledger_counts(result)
        kind = max((k for k, n in counts.items() if n < sum(counts.values())), key=counts.get)
        assert counts[kind] >= 2
        await pilot.press("L")
        panel = panel_of(screen)
        while panel.kind != kind:
            await pilot.press("right")
        visited = []
        for _ in range(counts[kind]):
            await pilot.press("f")
            visited.append(screen.walked[screen.fact_at or 0])
        assert {e.kind for e in visited} == {kind} and len(set(map(id, visited))) == counts[kind]
        assert visited == walked_facts(result.facts, kind)
        await pilot.press("f")
        assert "No more changed facts below" in list(app._notifications)[-1].message
        # Hidden, the panel filters nothing: the walk goes on over every kind.
        await pilot.press("escape")
        assert not panel.display
        await pilot.press("g", "f")
        assert screen.walked == walked_facts(result.facts)


@run_async
async def test_escape_in_the_panel_closes_it_not_the_diff(app: ParadiffApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        await pilot.press("L")
        panel = panel_of(screen)
        assert panel.has_focus
        await pilot.press("escape")
        assert not panel.display and screen.split.has_focus and app.screen is screen
        await pilot.press("L", "L")
        assert not panel.display and screen.split.has_focus


@run_async
async def test_panel_fits_below_at_80_columns_and_beside_at_120(app: ParadiffApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        await pilot.press("L")
        panel, split = panel_of(screen), screen.split
        await wait_until(pilot, lambda: panel.region.height > 0)
        assert panel.region.y >= split.region.bottom and panel.region.width >= 76
        assert split.region.height >= 8  # the diff stays readable
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: panel.region.x >= split.region.right)
        assert panel.region.height > split.region.height // 2


@run_async
async def test_f_walks_every_ledger_change_and_never_furniture(app: ParadiffApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        result = screen.result
        assert result is not None
        walked = walked_facts(result.facts)
        assert walked == screen.walked and len(walked) == sum(ledger_counts(result).values())
        visited = []
        for _ in walked:
            await pilot.press("f")
            visited.append(screen.walked[screen.fact_at or 0])
            assert screen.split.selected_row == visited[-1].row
        assert visited == walked
        assert not any(result.rows[e.row].furniture for e in visited)
        assert f"fact {len(walked)}/{len(walked)}" in str(screen.query_one("#status").render())
        await pilot.press("f")
        assert "No more changed facts below" in list(app._notifications)[-1].message
        await pilot.press("F")
        assert screen.fact_at == len(walked) - 2


@run_async
async def test_header_counts_the_ledger_by_kind_and_both_similarities(app: ParadiffApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        result = screen.result
        assert result is not None
        figures = str(screen.query_one("#figures").render())
        assert f"facts: {ledger_summary(result)}" in figures
        assert similarity_text(result) in figures and "body" in figures


@run_async
async def test_n_passes_over_furniture_unless_u(app: ParadiffApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        result = screen.result
        assert result is not None
        changes = [i for i, r in enumerate(result.rows) if i > 0 and is_change(r)]
        furniture = [i for i in changes if result.rows[i].furniture]
        assert furniture  # seed 002 opens with a navigation bar, a byline, a caption

        async def walk() -> list[int]:
            screen.split.select(0)
            rows = []
            for _ in changes:
                await pilot.press("n")
                if screen.split.selected_row in rows:
                    break
                rows.append(screen.split.selected_row)
            return rows

        assert await walk() == [i for i in changes if i not in furniture]
        await pilot.press("u")
        assert "n stops at furniture" in str(screen.query_one("#status").render())
        assert await walk() == changes


@run_async
async def test_furniture_is_dimmed_and_reworded_styled_apart(app: ParadiffApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await shown(pilot)
        result = screen.result
        assert result is not None and result.rows[0].furniture and not result.rows[1].furniture
        split = screen.split
        dim = split.get_component_rich_style("splitview--furniture").color

        def colours(row: int) -> set[object]:
            y = split.layout.offsets[split.item_of_row(row)] - round(split.scroll_y)
            strip = split.render_line(y)
            return {seg.style.color for seg in strip if seg.text.strip() and seg.style}

        assert dim is not None and dim in colours(0) and dim not in colours(1)
        reworded = split.get_component_rich_style("splitview--reworded")
        assert reworded != split.get_component_rich_style("splitview--paraphrase")
        assert reworded.italic
        legend = str(screen.query_one(Legend).render())
        assert "reworded" in legend and "paraphrase" in legend and "furniture" in legend


# ------------------------------------------------------- before the ledger exists


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold the diff worker before it hands over its first word-diffed row."""
    gate = threading.Event()

    def gated(row: Row) -> object:
        gate.wait()  # no clock: the fixture opens the gate at its end
        return side_texts(row)

    monkeypatch.setattr(filling, "side_texts", gated)
    yield gate
    gate.set()


@run_async
async def test_panel_says_computing_until_the_whole_diff_is_there(
    app: ParadiffApp, held: threading.Event
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, DiffScreen)
        await wait_until(pilot, lambda: screen.split.model is not None and screen.computing)
        await pilot.press("L")
        panel = panel_of(screen)
        assert panel.display and panel.result is None and not panel.entries
        assert "computing" in str(panel.get_option_at_index(0).prompt)
        held.set()
        await wait_until(pilot, lambda: diff_shown(app))
        assert screen.result is not None
        assert panel.result is screen.result
        assert len(panel.entries) == len(screen.result.facts)


def test_side_text_offsets_hold_for_every_ledger_entry_of_the_seeds() -> None:
    """Every name, date and number entry of 002 against 003 lands on its own words."""
    result = diff_of(SEEDS)
    checked = 0
    for fact in result.facts:
        if fact.kind not in ("name", "date", "number"):
            continue
        row = result.rows[fact.row]
        for hit in fact_hits(row, fact, (result.a, result.b)):
            text = side_text(row, hit.side).text[hit.start : hit.end]
            assert text == (fact.old if hit.side == "a" else fact.new)
            checked += 1
    assert checked == sum(
        (f.a is not None) + (f.b is not None)
        for f in result.facts
        if f.kind in ("name", "date", "number")
    )


@run_async
async def test_stopping_at_furniture_is_remembered(app: ParadiffApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        assert screen.split.skip_furniture
        await pilot.press("u")
        await wait_until(pilot, lambda: load_settings()[0].stop_at_furniture)
    again = make_app(SEEDS)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await shown(pilot)
        assert not screen.split.skip_furniture
