"""Picking two articles in the browser: badges in the tree, Enter and clicks, the location
field (filter, path, URL), ``paradiff FILE``, the same file refused, the offer to compare
and the recent pairs (``R``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.style import Style
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.conftest import run_async, wait_for_screen, wait_until
from tui.app import ParadiffApp, make_app
from tui.cli.launch import _check_single_path
from tui.cli.output import CliError
from tui.recent import MAX_RECENT, RecentPair, load_recent, recent_file, remember_pair
from tui.screens.browser import BrowserScreen
from tui.screens.dialogs import ConfirmDialog, RecentPairsDialog
from tui.sources import SourceError
from tui.widgets.article_tree import ArticleTree


def three_articles(folder: Path) -> list[Path]:
    """alpha.txt, beta.txt, gamma.md in ``folder`` (and a sub-folder ``sub``)."""
    paths = []
    for name, text in (
        ("alpha.txt", "Alpha one.\n\nAlpha two.\n"),
        ("beta.txt", "Beta one.\n\nBeta two.\n"),
        ("gamma.md", "Gamma one.\n"),
    ):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path.resolve())
    (folder / "sub").mkdir()
    return paths


async def browser_ready(pilot: Pilot, count: int) -> BrowserScreen:
    screen = await wait_for_screen(pilot, BrowserScreen)
    await wait_until(pilot, lambda: len(screen.tree.root.children) == count)
    return screen


def child_names(tree: ArticleTree) -> list[str]:
    return [str(node.label) for node in tree.root.children]


def drawn_label(tree: ArticleTree, name: str) -> str:
    node = next(n for n in tree.root.children if str(n.label) == name)
    return tree.render_label(node, Style(), Style()).plain


def record_compares(app: ParadiffApp) -> list[tuple[str, str]]:
    """The pairs the browser asks the app to compare (recorded instead of diffed)."""
    compared: list[tuple[str, str]] = []

    def open_diff(path_a: str, path_b: str, **_: object) -> None:
        compared.append((path_a, path_b))

    app.open_diff = open_diff  # type: ignore[method-assign,assignment]
    return compared


def last_message(pilot: Pilot) -> str:
    notes = list(pilot.app._notifications)
    return notes[-1].message if notes else ""


@run_async
async def test_enter_picks_a_then_b_badges_refuses_twice_and_offers_to_compare(
    tmp_path: Path,
) -> None:
    alpha, beta, _ = three_articles(tmp_path)
    data = tmp_path / "data"
    app = make_app([str(tmp_path)], data_dir=str(data))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await browser_ready(pilot, 4)
        tree = screen.tree
        assert child_names(tree) == ["sub", "alpha.txt", "beta.txt", "gamma.md"]
        await pilot.press("down", "down", "enter")  # sub, alpha.txt: Enter picks A
        await wait_until(pilot, lambda: screen.picks[0] is not None)
        assert screen.picks == [str(alpha), None]
        assert drawn_label(tree, "alpha.txt") == "A alpha.txt"
        assert drawn_label(tree, "beta.txt") == "  beta.txt"
        # Enter on A again would make it B too: refused.
        await pilot.press("enter")
        await wait_until(pilot, lambda: "already A" in last_message(pilot))
        assert screen.picks == [str(alpha), None]
        # Enter on beta fills B and offers to compare; Esc keeps browsing.
        await pilot.press("down", "enter")
        dialog = await wait_for_screen(pilot, ConfirmDialog)
        assert dialog.focused is dialog.query_one("#yes")
        await pilot.press("escape")
        await wait_for_screen(pilot, BrowserScreen)
        assert screen.picks == [str(alpha), str(beta)]
        assert drawn_label(tree, "beta.txt") == "B beta.txt"
        # x swaps the badges too.
        await pilot.press("x")
        assert drawn_label(tree, "alpha.txt") == "B alpha.txt"
        assert drawn_label(tree, "beta.txt") == "A beta.txt"
        # b on the file that is A: refused.
        await pilot.press("b")
        await wait_until(pilot, lambda: "already A" in last_message(pilot))
        assert screen.picks == [str(beta), str(alpha)]
        # Enter on a third file replaces B and offers again; Enter compares.
        await pilot.press("down", "enter")
        await wait_for_screen(pilot, ConfirmDialog)
        compared = record_compares(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(compared))
        gamma = (tmp_path / "gamma.md").resolve()
        assert compared == [(str(beta), str(gamma))]
        await wait_until(pilot, lambda: recent_file(data).exists())
        assert load_recent(data) == [RecentPair(str(beta), str(gamma))]


@run_async
async def test_a_click_moves_the_cursor_a_double_click_picks(tmp_path: Path) -> None:
    _, beta, _ = three_articles(tmp_path)
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await browser_ready(pilot, 4)
        tree = screen.tree
        line = next(n for n in tree.root.children if str(n.label) == "beta.txt").line
        offset = (6, line + 1)  # inside the border
        await pilot.click(ArticleTree, offset=offset)
        await wait_until(pilot, lambda: tree.cursor_line == line)
        assert screen.picks == [None, None]
        await pilot.double_click(ArticleTree, offset=offset)
        await wait_until(pilot, lambda: screen.picks[0] is not None)
        assert screen.picks == [str(beta), None]


@run_async
async def test_location_filters_opens_folders_picks_paths_and_urls(tmp_path: Path) -> None:
    _, beta, _ = three_articles(tmp_path)
    inner = tmp_path / "sub" / "inner.txt"
    inner.write_text("Inner.\n", encoding="utf-8")
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await browser_ready(pilot, 4)
        tree = screen.tree
        await pilot.press("slash")
        field = screen.query_one("#location", Input)
        assert screen.focused is field
        await pilot.press(*"BET")  # case-insensitive
        await wait_until(pilot, lambda: child_names(tree) == ["beta.txt"])
        await pilot.press("enter")  # to the list, on the first match
        await wait_until(pilot, lambda: screen.focused is tree)
        await wait_until(pilot, lambda: tree.cursor_node is tree.root.children[0])
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.picks[0] == str(beta))
        # Esc clears the filter: everything is back.
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(tree.root.children) == 4)
        # A folder path opens the folder.
        await pilot.press("slash")
        await pilot.press(*"./sub", "enter")
        await wait_until(pilot, lambda: Path(tree.path) == (tmp_path / "sub").resolve())
        await wait_until(pilot, lambda: child_names(tree) == ["inner.txt"])
        assert field.value == ""
        # A file path (pasted, absolute) shows its folder and picks it as B.
        await pilot.press("backspace")  # back to tmp_path
        await wait_until(pilot, lambda: len(tree.root.children) == 4)
        screen.post_message(_paste(str(inner)))
        await wait_until(pilot, lambda: field.value == str(inner))
        assert screen.focused is field
        await pilot.press("enter")
        await wait_for_screen(pilot, ConfirmDialog)  # both picked: compare?
        await pilot.press("escape")
        await wait_for_screen(pilot, BrowserScreen)
        assert screen.picks == [str(beta), str(inner.resolve())]
        assert Path(tree.path) == inner.parent.resolve()
        await wait_until(pilot, lambda: tree.cursor_node is not None)
        await wait_until(
            pilot,
            lambda: tree.cursor_node.data.path == inner.resolve(),  # type: ignore[union-attr]
        )
        # No such path: a warning, nothing picked.
        await pilot.press("slash", *"/no/such/place.txt", "enter")
        await wait_until(pilot, lambda: "no such file or folder" in last_message(pilot))
        # An http(s) URL is picked as it is (the diff reads it).
        assert screen.focused is screen.query_one("#location")  # to correct the path
        await pilot.press("escape", "escape")  # clear the field, then leave it
        assert screen.focused is tree
        await pilot.press("x")  # inner is A, beta B
        screen.post_message(_paste("https://example.org/story"))
        await wait_until(pilot, lambda: screen.focused is field)
        await pilot.press("enter")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("n")
        await wait_for_screen(pilot, BrowserScreen)
        assert screen.picks == [str(inner.resolve()), "https://example.org/story"]
        label = screen.query_one("#pick-b").shown  # type: ignore[attr-defined]
        assert "https://example.org/story" in label


def _paste(text: str) -> object:
    from textual import events

    return events.Paste(text)


@run_async
async def test_paradiff_file_picks_it_as_a_in_its_folder(tmp_path: Path) -> None:
    _, beta, _ = three_articles(tmp_path)
    app = make_app([str(beta)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await browser_ready(pilot, 4)
        assert screen.picks == [str(beta), None]
        assert Path(screen.tree.path) == tmp_path.resolve()
        tree = screen.tree
        await wait_until(
            pilot,
            lambda: (
                tree.cursor_node is not None
                and tree.cursor_node.data is not None
                and tree.cursor_node.data.path == beta
            ),
        )
        assert drawn_label(tree, "beta.txt") == "A beta.txt"


def test_a_single_argument_is_a_folder_a_file_or_a_url(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A.\n", encoding="utf-8")
    _check_single_path(str(tmp_path))
    _check_single_path(str(article))
    _check_single_path("https://example.org/a")
    with pytest.raises(CliError, match="standard input needs a second article"):
        _check_single_path("-")
    with pytest.raises(SourceError, match="no such file or folder"):
        _check_single_path(str(tmp_path / "missing.txt"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="named pipe"):
        _check_single_path(str(fifo))


@run_async
async def test_recent_pairs_one_key_away(tmp_path: Path) -> None:
    alpha, beta, gamma = three_articles(tmp_path)
    data = tmp_path / "data"
    app = make_app([str(tmp_path)], data_dir=str(data))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await browser_ready(pilot, 4)
        await pilot.press("R")
        await wait_until(pilot, lambda: "No recent pairs yet" in last_message(pilot))
        remember_pair(data, RecentPair(str(alpha), str(beta)))
        remember_pair(data, RecentPair(str(gamma), str(alpha)))
        await pilot.press("R")
        dialog = await wait_for_screen(pilot, RecentPairsDialog)
        assert dialog.pairs == [
            RecentPair(str(gamma), str(alpha)),
            RecentPair(str(alpha), str(beta)),
        ]
        compared = record_compares(app)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: bool(compared))
        assert compared == [(str(alpha), str(beta))]
        assert screen.picks == [str(alpha), str(beta)]
        # Compared again: first in the list.
        await wait_until(pilot, lambda: load_recent(data)[0] == RecentPair(str(alpha), str(beta)))


def test_recent_pairs_file(tmp_path: Path) -> None:
    assert load_recent(tmp_path / "none") == []
    for n in range(MAX_RECENT + 5):
        remember_pair(tmp_path, RecentPair(f"/a{n}", f"/b{n}"))
    pairs = load_recent(tmp_path)
    assert len(pairs) == MAX_RECENT
    assert pairs[0] == RecentPair(f"/a{MAX_RECENT + 4}", f"/b{MAX_RECENT + 4}")
    remember_pair(tmp_path, RecentPair("/a10", "/b10"))  # again: moves to the top, once
    pairs = load_recent(tmp_path)
    assert pairs[0] == RecentPair("/a10", "/b10") and pairs.count(pairs[0]) == 1
    assert len(pairs) == MAX_RECENT
    assert [p.name for p in tmp_path.iterdir()] == ["recent.json"]  # no temporary file left
    recent_file(tmp_path).write_text("{broken", encoding="utf-8")
    assert load_recent(tmp_path) == []
    recent_file(tmp_path).write_text('{"pairs": [{"a": 1}, "x", {"a": "/p", "b": "/q"}]}')
    assert load_recent(tmp_path) == [RecentPair("/p", "/q")]


@run_async
async def test_go_to_keeps_the_cursor_on_its_target_whichever_runs_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing puts the cursor on the target after a refresh; the directory tree's own
    path watcher then puts it on the first line. On a loaded machine the listing's turn
    can come first: simulated here by running the after-refresh callbacks at once."""
    three_articles(tmp_path)
    inner = tmp_path / "sub" / "b-inner.txt"
    for name in ("a-first.txt", "b-inner.txt", "c-last.txt"):
        (tmp_path / "sub" / name).write_text(f"{name}.\n", encoding="utf-8")
    app = make_app([str(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await browser_ready(pilot, 4)
        tree = screen.tree
        monkeypatch.setattr(tree, "call_after_refresh", lambda callback, *a: callback(*a))
        tree.go_to(inner)
        await wait_until(
            pilot, lambda: child_names(tree) == [p.name for p in sorted(inner.parent.iterdir())]
        )
        await wait_until(
            pilot,
            lambda: (
                tree.cursor_node is not None
                and tree.cursor_node.data is not None
                and tree.cursor_node.data.path == inner.resolve()
            ),
        )
