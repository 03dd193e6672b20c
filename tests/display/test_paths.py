"""Paths shortened in the middle: the one helper every screen uses."""

from __future__ import annotations

import pytest

from tui.display.paths import shorten_middle
from tui.display.wrap import cell_width

PATH = "/home/ann/articles/2024/putin-china.txt"


def test_a_path_that_fits_is_whole() -> None:
    assert shorten_middle(PATH, len(PATH)) == PATH
    assert shorten_middle("", 5) == ""


def test_the_file_name_is_kept_and_the_middle_goes() -> None:
    assert shorten_middle(PATH, 24) == "/home/a…/putin-china.txt"
    assert shorten_middle(PATH, 10) == "/ho…na.txt"
    assert shorten_middle("seeds/002_ea469877a8e8ba82.txt", 24) == "seeds/0…9877a8e8ba82.txt"


def test_never_blank_and_never_wider() -> None:
    assert shorten_middle(PATH, 1) == "…"
    assert shorten_middle(PATH, 0) == ""
    for width in range(1, len(PATH) + 3):
        short = shorten_middle(PATH, width)
        assert short and cell_width(short) <= width


@pytest.mark.parametrize("width", range(1, 30))
def test_wide_glyphs_are_never_cut(width: int) -> None:
    text = "日本語のファイル名/記事👩‍👩‍👧.txt"
    short = shorten_middle(text, width)
    assert cell_width(short) <= width
    head, _, tail = short.partition("…")
    assert text.startswith(head) and text.endswith(tail)
    assert "\u200d" not in (head[-1:] + tail[:1])  # a ZWJ sequence stays whole
