"""Opening an HTML export in the browser: the file's URL goes to a graphical browser;
no browser, a terminal browser or a failing one gives a one-line BrowserError."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from tui.open_in_browser import BrowserError, open_in_browser


class FakeBrowser(webbrowser.BackgroundBrowser):
    def __init__(self, works: bool = True) -> None:
        super().__init__("fake-browser")
        self.works = works
        self.opened: list[tuple[str, int]] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append((url, new))
        return self.works


def test_the_file_url_goes_to_the_browser_in_a_new_tab(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = FakeBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda using=None: browser)
    report = tmp_path / "a report é.html"
    open_in_browser(report)
    assert browser.opened == [(report.as_uri(), 2)]


def test_a_relative_path_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    browser = FakeBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda using=None: browser)
    monkeypatch.chdir(tmp_path)
    open_in_browser("r.html")
    assert browser.opened[0][0] == (tmp_path / "r.html").as_uri()


def test_no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(using: str | None = None) -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", missing)
    with pytest.raises(BrowserError, match=r"no web browser found; open r\.html yourself"):
        open_in_browser("r.html")


def test_a_terminal_browser_is_never_started(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setattr(webbrowser.subprocess, "Popen", lambda *a, **k: started.append(a))
    lynx = webbrowser.GenericBrowser("/usr/bin/lynx")  # what webbrowser picks without X
    monkeypatch.setattr(webbrowser, "get", lambda using=None: lynx)
    with pytest.raises(BrowserError, match=r"terminal browser \(lynx\)"):
        open_in_browser("r.html")
    assert started == []


def test_a_browser_that_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(webbrowser, "get", lambda using=None: FakeBrowser(works=False))
    with pytest.raises(BrowserError, match="did not start"):
        open_in_browser("r.html")
