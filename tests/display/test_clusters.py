"""Emoji sequences are measured as drawn, never cut; invisible changes are shown."""

from __future__ import annotations

from tui.display.model import show_invisible, side_text
from tui.display.wrap import cell_width, cluster_snapper, clusters, wrap
from tui.engine import diff_articles
from tui.engine.model import Article

FLAG, FAMILY, HEART = "🇺🇸", "👩\u200d👩\u200d👧", "❤\ufe0f"


def test_clusters_are_measured_as_one_glyph() -> None:
    for glyph in (FLAG, FAMILY, HEART):
        assert cell_width(glyph) == 2
        assert clusters(glyph) == [(0, len(glyph), 2)]
    text = f"a{FLAG}🇫🇷e\u0301"
    assert [text[s:e] for s, e, _ in clusters(text)] == ["a", FLAG, "🇫🇷", "e\u0301"]


def test_an_overlong_word_is_cut_between_clusters() -> None:
    word = FAMILY * 5 + HEART * 3
    for width in range(2, 9):
        lines = [word[s:e] for s, e in wrap(word, width)]
        assert "".join(lines) == word
        for line in lines:
            assert cell_width(line) <= width
            assert not line.startswith(("\u200d", "\ufe0f"))  # no glyph cut in two


def test_cuts_snap_to_cluster_bounds() -> None:
    text = f"I {HEART} it"
    snap = cluster_snapper(text, 0, len(text))
    inside = text.index("\ufe0f")
    assert snap(inside, False) == text.index("❤")
    assert snap(inside, True) == inside + 1
    assert snap(1, False) == 1


def test_invisible_changes_get_marks() -> None:
    assert show_invisible("bro\u200bwn lazy\u00a0dog soft\u00adly") == "bro‸wn lazy⍽dog soft¬ly"
    assert show_invisible(f"{FAMILY}") == FAMILY  # a joiner inside an emoji stays
    a = Article("a", "utf-8", ("The quick brown fox jumps over the lazy dog.",))
    b = Article("b", "utf-8", ("The quick bro\u200bwn fox jumps over the lazy dog.",))
    row = diff_articles(a, b).rows[0]
    shown = side_text(row, "b").text
    assert "bro‸wn" in shown and len(shown) == len(b.paragraphs[0])
    assert side_text(row, "a").text == a.paragraphs[0]
