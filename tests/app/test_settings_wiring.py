"""Settings that persist, wired into the app: read at start (theme, toggles, last folder),
written after each change, a broken file reported and ignored; exports proposed in the
remembered folder, the full path in the notification, and HTML opened in the browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, RadioButton

from tests.app.conftest import run_async, wait_for_screen, wait_until
from tests.diff_samples import sample
from tui.app import ParadiffApp, make_app
from tui.screens.browser import BrowserScreen
from tui.screens.dialogs import ExportDialog
from tui.screens.diff import DiffScreen
from tui.settings import Settings, load_settings, save_settings, settings_path


def messages(app: ParadiffApp) -> list[tuple[str, str]]:
    return [(n.title, n.message) for n in app._notifications]


async def sample_diff(pilot) -> DiffScreen:  # type: ignore[no-untyped-def]
    pilot.app.show_diff_result(sample(), origin_note="from a test")
    return await wait_for_screen(pilot, DiffScreen)


@run_async
async def test_saved_settings_apply_at_start(tmp_path: Path) -> None:
    save_settings(Settings(theme="textual-light", show_minor=False, changes_only=True))
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "textual-light"
        screen = await sample_diff(pilot)
        assert (screen.split.show_minor, screen.split.changes_only) == (False, True)


@run_async
async def test_toggles_and_theme_are_written_back(tmp_path: Path) -> None:
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await sample_diff(pilot)
        await pilot.press("m", "c")
        expected = Settings(show_minor=False, changes_only=True)
        await wait_until(pilot, lambda: load_settings() == (expected, None))
        app.theme = "nord"
        await wait_until(pilot, lambda: load_settings()[0].theme == "nord")
    assert not [p for p in settings_path().parent.iterdir() if p.name.endswith(".tmp")]


@run_async
async def test_a_broken_settings_file_is_reported_and_ignored(tmp_path: Path) -> None:
    target = settings_path()
    target.parent.mkdir(parents=True)
    target.write_text('{"theme": 3, "show_minor": false', encoding="utf-8")
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: bool(app._notifications))
        [(title, message)] = messages(app)
        assert title == "Settings ignored" and "not valid JSON" in message
        assert app.settings == Settings()
        screen = await sample_diff(pilot)
        assert screen.split.show_minor is True


@run_async
async def test_the_browser_opens_in_the_last_folder(tmp_path: Path) -> None:
    last = tmp_path / "articles"
    last.mkdir()
    save_settings(Settings(last_folder=str(last)))
    app = make_app([], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await wait_for_screen(pilot, BrowserScreen)
        assert browser.root == last


@run_async
async def test_exports_go_to_documents_then_to_the_remembered_folder(
    tmp_path: Path, isolated_user_folders: Path
) -> None:
    documents = isolated_user_folders / "Documents"
    documents.mkdir()
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await sample_diff(pilot)
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, ExportDialog)
        path_input = dialog.query_one("#path", Input)
        assert Path(path_input.value) == documents / "a-vs-b.html"
        elsewhere = tmp_path / "reports"
        elsewhere.mkdir()
        path_input.value = str(elsewhere / "report.html")
        await pilot.press("enter")
        written = elsewhere / "report.html"
        await wait_until(pilot, lambda: ("Exported", f"Wrote {written}") in messages(app))
        await wait_until(pilot, lambda: load_settings()[0].export_folder == str(elsewhere))

        await sample_diff(pilot)  # a new diff screen proposes the remembered folder
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, ExportDialog)
        assert Path(dialog.query_one("#path", Input).value) == elsewhere / "a-vs-b.html"


@run_async
async def test_an_html_export_opens_in_the_browser_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr("tui.screens.diff.open_in_browser", opened.append)
    save_settings(Settings(export_folder=str(tmp_path)))
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await sample_diff(pilot)
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, ExportDialog)
        checkbox = dialog.query_one("#open-browser", Checkbox)
        assert checkbox.display and checkbox.value is False
        checkbox.value = True
        await pilot.press("enter")
        await wait_until(pilot, lambda: opened == [tmp_path / "a-vs-b.html"])

        await pilot.press("e")  # Markdown: no browser, and the box is hidden
        dialog = await wait_for_screen(pilot, ExportDialog)
        dialog.query_one("#fmt-md", RadioButton).value = True
        await wait_until(pilot, lambda: not dialog.query_one("#open-browser").display)
        await pilot.press("enter")
        await wait_until(pilot, lambda: (tmp_path / "a-vs-b.md").exists())
        await wait_until(pilot, lambda: len(messages(app)) == 2)
    assert opened == [tmp_path / "a-vs-b.html"]


@run_async
async def test_no_browser_is_one_notification(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.open_in_browser import BrowserError

    def fail(path: Path) -> None:
        raise BrowserError(f"no web browser found; open {path} yourself")

    monkeypatch.setattr("tui.screens.diff.open_in_browser", fail)
    save_settings(Settings(export_folder=str(tmp_path)))
    app = make_app([str(tmp_path)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(100, 30)) as pilot:
        await sample_diff(pilot)
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, ExportDialog)
        dialog.query_one("#open-browser", Checkbox).value = True
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(messages(app)) == 2)
        title, message = messages(app)[1]
        assert title == "Not opened in the browser" and message.startswith("no web browser")
        assert isinstance(app.screen, DiffScreen)
    assert json.loads(settings_path().read_text())["export_folder"] == str(tmp_path)
