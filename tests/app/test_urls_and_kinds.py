"""Articles as people have them, in the app (issue 9): two URLs served on 127.0.0.1 open
as a diff whose header names each page; a URL typed in the browser is previewed and
compared; ``w`` reads web pages whole; Word and PDF files are previewed with their
metadata; a URL that never answers is left with Esc."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from textual.pilot import Pilot
from textual.widgets import Label, Static
from textual.worker import WorkerState

from tests.app.conftest import diff_ready, run_async, wait_for_screen, wait_until
from tests.sources.conftest import NEWS_PAGE, LocalServer
from tests.sources.pdfmaker import Line, make_pdf
from tui.app import ParadiffApp, make_app
from tui.screens import workers
from tui.screens.browser import BrowserScreen
from tui.screens.dialogs import ConfirmDialog
from tui.screens.diff import DiffScreen
from tui.screens.snapshots import SnapshotsScreen

HEADLINE = "Harbour bridge reopens after two years of repairs"
SITE = "The Northport Herald"
#: The news page with one figure changed, one sentence added and a link more in its
#: navigation bar: an edited copy.
EDITED_PAGE = (
    NEWS_PAGE.replace(b"&pound;48", b"&pound;52")
    .replace(
        b"halted work for several weeks.</p>",
        b"halted work for several weeks.</p>\n<p>The builder disputes the council's figures.</p>",
    )
    .replace(
        b'<a href="/opinion">Opinion</a>',
        b'<a href="/opinion">Opinion</a> <a href="/w">Weather</a>',
    )
)


def serve_pair(server: LocalServer) -> tuple[str, str]:
    """The news page and its edited copy, as two URLs."""
    return server.url("/news"), server.page("/edited", EDITED_PAGE)


def shown(screen: object, selector: str) -> str:
    """The text a Static (or Label) of ``screen`` shows."""
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def messages(app: ParadiffApp) -> list[str]:
    return [n.message for n in app._notifications]


async def browser_on(pilot: Pilot, count: int) -> BrowserScreen:
    screen = await wait_for_screen(pilot, BrowserScreen)
    await wait_until(pilot, lambda: len(screen.tree.root.children) == count)
    return screen


@run_async
async def test_two_urls_open_as_a_diff_whose_header_names_each_page(
    local_server: LocalServer, tmp_path: Path
) -> None:
    original, edited = serve_pair(local_server)
    app = make_app([original, edited], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        await diff_ready(pilot)
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        result = screen.result
        assert result is not None
        assert result.a.metadata["final_url"] == original
        assert result.b.metadata["final_url"] == edited
        assert "The builder disputes the council's figures." in result.b.paragraphs
        assert any(row.kind != "equal" for row in result.rows)
        for selector, url in (("#name-a", original), ("#name-b", edited)):
            header = str(screen.query_one(selector, Label).render())
            assert url in header  # a URL is named whole, not by its last segment
            assert "read as html" in header
            assert f"“{HEADLINE}”" in header
            assert "by Maria Okafor" in header
            assert SITE in header
            assert f"from {url}" in header  # where and when it was fetched
        # The browser under the diff shows the current folder, not one made of the URL.
        browser = app.screen_stack[-2]
        assert isinstance(browser, BrowserScreen)
        assert Path(browser.tree.path) == Path.cwd()
        assert browser.picks == [original, edited]
        # Saved and reopened: the pages are not fetched again, and the note says when
        # they were.
        sources = screen.sources
        assert sources is not None
        info = app.store.save(result, "two pages", sources=sources)
        local_server.routes.clear()  # any fetch now would fail with 404
        await pilot.press("o")
        snapshots = await wait_for_screen(pilot, SnapshotsScreen)
        snapshots.open_snapshot(info.id)
        reopened = await wait_for_screen(pilot, DiffScreen)
        await wait_until(pilot, lambda: reopened.result is not None)
        note = shown(reopened, "#note")
        assert f"A fetched {sources[0].fetched_at}" in note
        assert f"B fetched {sources[1].fetched_at}" in note
        assert f"“{HEADLINE}”" in str(reopened.query_one("#name-a", Label).render())
    assert not app.unexpected_errors


@run_async
async def test_a_url_typed_in_the_browser_is_previewed_then_compared(
    local_server: LocalServer, tmp_path: Path
) -> None:
    original, edited = serve_pair(local_server)
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, BrowserScreen)
        await pilot.press("slash", *original, "enter")
        await wait_until(pilot, lambda: screen.picks[0] == original)
        # Picked, the URL is fetched for its preview: the page's metadata and its text.
        await wait_until(pilot, lambda: HEADLINE in shown(screen, "#preview-info"))
        info = shown(screen, "#preview-info")
        assert original in info
        assert "read as html" in info
        assert "by Maria Okafor" in info
        assert "2024-05-14" in info
        assert SITE in info
        assert f"from {original}" in info  # the final URL and the fetch time
        assert "the article only (w changes it)" in info
        assert "The Eastgate bridge reopened to traffic" in shown(screen, "#preview-text")
        assert "Sign up for the Herald" not in shown(screen, "#preview-text")
        await pilot.press("ctrl+l", *edited, "enter")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("enter")
        await diff_ready(pilot)
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        assert diff.paths == (original, edited)
        assert f"“{HEADLINE}”" in str(diff.query_one("#name-b", Label).render())
    assert not app.unexpected_errors


@run_async
async def test_w_reads_web_pages_whole_and_the_diff_marks_their_furniture(
    local_server: LocalServer, tmp_path: Path
) -> None:
    original, edited = serve_pair(local_server)
    app = make_app([original], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, BrowserScreen)
        assert screen.picks == [original, None]
        # paradiff URL: the page picked as A is previewed, the article only.
        await wait_until(pilot, lambda: "the article only" in shown(screen, "#preview-info"))
        article_only = shown(screen, "#preview-info")
        assert not screen.query_one("#reading").display
        await pilot.press("w")
        assert "whole web pages" in shown(screen, "#reading")
        assert screen.query_one("#reading").display
        await wait_until(pilot, lambda: "every text block" in shown(screen, "#preview-info"))
        assert shown(screen, "#preview-info") != article_only  # more paragraphs now
        assert "We use cookies" in shown(screen, "#preview-text")
        await pilot.press("slash", *edited, "enter")
        await wait_for_screen(pilot, ConfirmDialog)
        await pilot.press("enter")
        await diff_ready(pilot)
        diff = app.screen
        assert isinstance(diff, DiffScreen)
        result = diff.result
        assert result is not None
        assert "Sponsor Content" in result.a.paragraphs  # kept: the whole page was read
        furniture = {result.a.paragraphs[i] for row in result.rows if row.furniture for i in row.a}
        assert "Home Local Business Sport Opinion Subscribe" in furniture
        assert not any("Eastgate bridge reopened" in p for p in furniture)
        # The navigation bar changed, but it is furniture: marked in the view, and n
        # passes over it to the first change of the story.
        nav = next(i for i, row in enumerate(result.rows) if row.furniture and row.kind != "equal")
        split = diff.split
        assert split.model is not None and split.model.rows[nav].furniture
        assert split.selected_row < nav
        await pilot.press("n")
        assert split.selected_row > nav
        assert not result.rows[split.selected_row].furniture
        assert result.rows[split.selected_row].kind != "equal"
        # Back in the browser, w again: the article only.
        await pilot.press("escape")
        await wait_for_screen(pilot, BrowserScreen)
        await pilot.press("w")
        assert not screen.query_one("#reading").display
        assert screen.reading.whole_page is False
    assert not app.unexpected_errors


@run_async
async def test_p_changes_how_plain_text_is_split_and_the_diff_reads_it_so(
    tmp_path: Path,
) -> None:
    lines = "First line of the story.\nSecond line of the story.\nThird line.\n"
    (tmp_path / "a.txt").write_text(lines, encoding="utf-8")
    (tmp_path / "b.txt").write_text(lines.replace("Third", "Last"), encoding="utf-8")
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await browser_on(pilot, 2)
        await pilot.press("down")
        await wait_until(pilot, lambda: "words" in shown(screen, "#preview-info"))
        automatic = shown(screen, "#preview-info")
        await pilot.press("P", "P")  # auto -> blank -> line
        assert screen.reading.paragraphs == "line"
        assert "paragraphs: line" in shown(screen, "#reading")
        await wait_until(
            pilot, lambda: "3 paragraphs (one per line)" in shown(screen, "#preview-info")
        )
        assert "3 paragraphs" not in automatic  # short lines: one paragraph when automatic
        await pilot.press("P")  # back to auto
        assert not screen.query_one("#reading").display
        await wait_until(pilot, lambda: shown(screen, "#preview-info") == automatic)
        await pilot.press("P", "P", "a", "down", "b")
        await wait_until(pilot, lambda: None not in screen.picks)
        await pilot.press("d")
        await diff_ready(pilot)
        result = app.screen.result  # type: ignore[attr-defined]
        assert result.a.paragraph_rule == "line"
        assert len(result.a.paragraphs) == 3
    assert not app.unexpected_errors


def word_document(path: Path) -> None:
    document = docx.Document()
    document.core_properties.author = "Maria [b]Okafor[/b]\u202e"  # markup, a bidi override
    document.add_heading("Harbour bridge reopens", 0)
    document.add_paragraph("The Eastgate bridge reopened to traffic on Monday.")
    document.add_paragraph("The repairs cost £48 million.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def press_release(path: Path) -> None:
    page = [
        Line(72, 700, "Press release", 16),
        Line(72, 670, "The council opens the Eastgate bridge on Monday morning."),
        Line(72, 656, "Traffic returns after two years of repairs."),
    ]
    path.write_bytes(make_pdf([page], title="Bridge reopening"))


@run_async
async def test_word_and_pdf_files_are_listed_and_previewed_with_their_metadata(
    tmp_path: Path,
) -> None:
    word_document(tmp_path / "story.docx")
    press_release(tmp_path / "release.pdf")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not an article
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await browser_on(pilot, 2)
        tree = screen.tree
        nodes = {str(node.label): node for node in tree.root.children}
        assert set(nodes) == {"release.pdf", "story.docx"}
        tree.move_cursor(nodes["story.docx"])
        await wait_until(pilot, lambda: "read as docx" in shown(screen, "#preview-info"))
        info = shown(screen, "#preview-info")
        assert "“Harbour bridge reopens”" in info
        assert "by Maria [b]Okafor[/b]" in info  # never read as markup
        assert "\u202e" not in info  # shown, not obeyed
        assert "3 paragraphs" in info
        assert "w changes it" not in info  # only web pages are read whole or not
        assert "The repairs cost £48 million." in shown(screen, "#preview-text")
        tree.move_cursor(nodes["release.pdf"])
        await wait_until(pilot, lambda: "read as pdf" in shown(screen, "#preview-info"))
        assert "“Bridge reopening”" in shown(screen, "#preview-info")
        text = shown(screen, "#preview-text")
        assert "Press release" in text
        assert (
            "The council opens the Eastgate bridge on Monday morning. "
            "Traffic returns after two years of repairs." in text
        )
        # A Word file against a PDF is a normal diff.
        await pilot.press("a")
        tree.move_cursor(nodes["story.docx"])
        await pilot.press("b")
        await wait_until(pilot, lambda: None not in screen.picks)
        await pilot.press("d")
        await diff_ready(pilot)
        header = str(app.screen.query_one("#name-a", Label).render())
        assert "release.pdf" in header
        assert "read as pdf" in header
        header_b = str(app.screen.query_one("#name-b", Label).render())
        assert "by Maria [b]Okafor[/b]" in header_b
        assert "\u202e" not in header_b
    assert not app.unexpected_errors


@run_async
async def test_esc_leaves_a_url_that_never_answers(silent_port: int, tmp_path: Path) -> None:
    silent = f"http://127.0.0.1:{silent_port}/story"
    page = tmp_path / "page.txt"
    page.write_text("A story.\n", encoding="utf-8")
    app = make_app([silent, str(page)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, DiffScreen)
        await wait_until(pilot, lambda: any(w.group == "diff" for w in app.workers))
        reading = [w for w in app.workers if w.group == "diff"]
        await pilot.press("escape")
        await wait_for_screen(pilot, BrowserScreen)
        await wait_until(pilot, lambda: all(w.state == WorkerState.CANCELLED for w in reading))
        assert not any("Cannot diff" in m for m in messages(app))
    assert not app.unexpected_errors


def test_the_app_waits_for_a_url_longer_than_its_fetch_may_take(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A fetch may take READ_TIMEOUT in all and the page is extracted after it: the app's
    wait for a URL covers both, so a slow page ends with the fetch's own clear error."""
    waits: list[float] = []

    def measured(work: Callable[[], object], seconds: float, message: str) -> object:
        waits.append(seconds)
        return work()

    monkeypatch.setattr(workers, "read_source", lambda path, **options: options["timeout"])
    monkeypatch.setattr(workers, "call_with_timeout", measured)
    url_fetch = workers.read_patiently("https://example.org/story")
    file_read = workers.read_patiently(str(tmp_path / "a.txt"))
    url_wait, file_wait = waits
    assert url_fetch == file_read == workers.READ_TIMEOUT
    assert url_wait >= workers.READ_TIMEOUT + workers.EXTRACT_MARGIN
    assert workers.READ_TIMEOUT < file_wait < url_wait
