"""Article text reaches the terminal literally: no escapes, no markup, no controls."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import diff_shown, run_async, wait_until
from tui.app import make_app
from tui.display import sanitise_column, wrap
from tui.screens.browser import BrowserScreen
from tui.screens.diff import DiffScreen

HOSTILE_A = (
    "Clipboard \x1b]52;c;SGVsbG8=\x07 grab.\n\n"
    "Clear \x1b[2J screen and [bold red]x[/] markup.\n\n"
    "C1 \x9b31m and DEL \x7f and tab\there and bidi \u202eevil\u202c."
)
HOSTILE_B = HOSTILE_A.replace("grab", "grabbed") + "\n\nExtra [link=http://x]y[/link]."

FORBIDDEN = (
    [chr(c) for c in range(0x20) if c != 0x0A]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + ["\u202e", "\u202c"]
)


def test_sanitise_maps_every_control() -> None:
    text = "".join(chr(c) for c in range(0x20)) + "\x7f"
    text += "".join(chr(c) for c in range(0x80, 0xA0))
    clean = sanitise_column(text)
    assert len(clean) == len(text)
    assert clean.count("\n") == 1
    assert not any(ch in clean for ch in FORBIDDEN)
    assert "␛" in clean and "␇" in clean and "␡" in clean and "␉" in clean


def test_wrap_never_breaks_inside_words() -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
    for width in range(7, 40):  # "epsilon", the longest word, fits
        lines = [text[s:e] for s, e in wrap(text, width)]
        assert " ".join(lines) == text
        assert all(len(line) <= width for line in lines)
    # A word longer than the column is the only thing ever cut.
    long = "ab abcdefghij cd"
    assert [long[s:e] for s, e in wrap(long, 4)] == ["ab", "abcd", "efgh", "ij", "cd"]
    # Wide characters count as two cells.
    assert [t[s:e] for t in ["日本語 日本語"] for s, e in wrap(t, 6)] == ["日本語", "日本語"]
    # No-break spaces do not break.
    assert len(wrap("10\u00a0km away", 5)) == 2


@run_async
async def test_hostile_article_renders_literally(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(HOSTILE_A, encoding="utf-8")
    b.write_text(HOSTILE_B, encoding="utf-8")
    app = make_app([str(a), str(b)])
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: diff_shown(pilot.app))
        screen = pilot.app.screen
        assert isinstance(screen, DiffScreen)
        split = screen.split
        rendered = ""
        for y in range(split.scrollable_content_region.height):
            strip = split.render_line(y)
            rendered += "".join(seg.text for seg in strip) + "\n"
        assert not any(ch in rendered.replace("\n", "") for ch in FORBIDDEN)
        assert "[bold red]x[/]" in rendered
        assert "␛]52;c;SGVsbG8=␇" in rendered
        assert "␛[2J" in rendered
        assert "[link=http://x]y[/link]" in rendered
        # The whole screen as exported: no ESC or BEL from the article anywhere.
        svg = pilot.app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg
        # The browser preview is literal too.
        await pilot.press("escape")
        browser = pilot.app.screen
        assert isinstance(browser, BrowserScreen)

        def a_previewed() -> bool:
            # The tree's own highlight may ask for another preview meanwhile (the latest
            # request wins): ask again until the preview of ``a`` is the one shown.
            if browser.previewed != str(a):
                browser.preview(str(a))
            text = str(browser.query_one("#preview-text").render())
            return browser.previewed == str(a) and "[bold red]x[/]" in text

        await wait_until(pilot, a_previewed)
        preview = str(browser.query_one("#preview-text").render())
        assert "\x1b" not in preview and "\x07" not in preview
