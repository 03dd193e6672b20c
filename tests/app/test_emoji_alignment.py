"""Rows with flags, ZWJ sequences and VS16 emoji keep both columns aligned.

Each drawn line is measured independently of Rich: every emoji sequence counts as the
two cells a terminal draws it in; the gutter must then sit at the same column on every
line, and every line must be exactly the view's width.
"""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import diff_shown, run_async, wait_until
from tui.app import make_app
from tui.display import column_widths
from tui.display.model import MARGIN_LEFT
from tui.screens.diff import DiffScreen

FLAG, FAMILY, HEART, FAMILY4 = "🇺🇸", "👩\u200d👩\u200d👧", "❤\ufe0f", "👩\u200d👩\u200d👧\u200d👦"
#: Every sequence in the articles, as the cells a terminal gives it.
DRAWN = {FAMILY4: "WW", FAMILY: "WW", FLAG: "WW", "🇫🇷": "WW", HEART: "WW", "❤": "W"}

A = (
    f"Flags {FLAG}🇫🇷 family {FAMILY} heart {HEART} and {FAMILY}{HEART}{FLAG}{FAMILY}"
    f"{HEART}{FLAG}{FAMILY}{HEART}{FLAG}{FAMILY}{HEART} in one long word.\n\n"
    "An unchanged paragraph between them.\n\n"
    f"Hearts {HEART}{HEART} and {FAMILY} again."
)
B = (
    f"Flags {FLAG} family {FAMILY4} heart {HEART} or {FAMILY}{HEART}{FLAG}{FAMILY}"
    f"{HEART}{FLAG}{FAMILY} in one long word.\n\n"
    "An unchanged paragraph between them.\n\n"
    f"Hearts {HEART} and {FAMILY}{FAMILY} again."
)


def drawn(line: str) -> str:
    for sequence, cells in DRAWN.items():
        line = line.replace(sequence, cells)
    return line


@run_async
async def test_emoji_rows_stay_aligned(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A, encoding="utf-8")
    b.write_text(B, encoding="utf-8")
    app = make_app([str(a), str(b)], data_dir=str(tmp_path / "data"))
    async with app.run_test(size=(64, 30)) as pilot:
        await wait_until(pilot, lambda: diff_shown(app))
        screen = app.screen
        assert isinstance(screen, DiffScreen)
        split = screen.split
        split.set_search("❤")  # hits end inside "❤️": a cut between the glyph and its VS16
        assert split.hits
        split.next_hit(1)
        left, _ = column_widths(split.view_width)
        gutter = MARGIN_LEFT + left
        lines = []
        for y in range(split.scrollable_content_region.height):
            line = drawn("".join(seg.text for seg in split.render_line(y)))
            if line.strip():
                lines.append(line)
        assert any("WW" in line for line in lines)
        for line in lines:
            assert len(line) == split.size.width, line
            assert line[gutter] in " ▶" and line[gutter + 2] == " ", line
            assert line[gutter + 1] in "│~=!≈+-", line
