"""The Markdown report: figures, then every changed row in CriticMarkup."""

from __future__ import annotations

import re

import pytest

from tests.diff_samples import build, eq, hostile, sample
from tui.engine.model import Span
from tui.export.common import is_change
from tui.export.criticmarkup import escape_text, render_row
from tui.export.markdown_export import render_markdown


def _changes(md: str) -> str:
    return md.split("\n## Changes\n", 1)[1]


def test_figures_then_each_changed_row() -> None:
    result = sample()
    md = render_markdown(result)
    assert md.startswith("# paradiff: a.txt ↔ b.txt\n")
    assert "| rows | equal | changed | inserted | deleted | moved | split | merged |" in md
    assert "| count | 3 | 3 | 1 | 1 | 1 | 1 | 1 |" in md
    headings = re.findall(r'^### <a id="row-\d+"></a>(\d+)\. (.*)$', md, flags=re.MULTILINE)
    changed_rows = [r for r in result.rows if is_change(r)]
    assert len(headings) == len(changed_rows) == 6
    assert headings[0] == ("1", "\\[changed] A¶2 ↔ B¶2 · 48% similar · facts: number, date, name")
    assert headings[5][1].startswith("\\[moved · edited] A¶8 → B¶7")
    # Unchanged rows are not repeated.
    assert "Putin in China" not in md


def test_word_diff_is_the_same_criticmarkup_as_the_text_format() -> None:
    row = sample().rows[1]
    assert f"\n{render_row(row)}\n" in render_markdown(sample())


def test_a_mark_never_spans_a_blank_line() -> None:
    md = render_markdown(sample())
    assert "First half.{~~ ~> ¶ ~~}{>>minor<<}Second half." in md
    for block in _changes(md).split("\n\n"):
        for opener, closer in (("{~~", "~~}"), ("{++", "++}"), ("{--", "--}")):
            assert block.count(opener) == block.count(closer), block


def test_markdown_escaping_is_minimal_and_sufficient() -> None:
    assert escape_text("plain words, 3.5% and it's fine", markdown=True) == (
        "plain words, 3.5% and it's fine"
    )
    assert escape_text("snake_case _em_ *b* `c` <b> &amp; [x](y) ~~s~~", markdown=True) == (
        "snake_case \\_em\\_ \\*b\\* \\`c\\` \\<b> \\&amp; \\[x](y) \\~\\~s\\~\\~"
    )


def test_hostile_text_cannot_inject_html_or_structure() -> None:
    md = render_markdown(hostile())
    changes = _changes(md)
    article_only = re.sub(r"\{>>[a-z:, ]*<<\}", "", changes)  # our own comments
    article_only = re.sub(r'<a id="row-\d+"></a>', "", article_only)  # our own anchors
    assert re.search(r"(?<!\\)<", article_only) is None
    assert "\x1b" not in md and "\x07" not in md and "\u202e" not in md
    assert "{++fake" not in md
    for line in changes.splitlines():
        assert not re.match(r"\s*(#(?!## <a id=\"row-\d+\"></a>\d)|- |> |\d+\. )", line), line


def test_hostile_markdown_parses_without_html_or_extra_blocks() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").parse(render_markdown(hostile()))
    types = {t.type for t in tokens}
    assert "html_block" not in types
    inline_children = [c for t in tokens if t.children for c in t.children]
    # The only inline HTML is our row anchors; there are no links (the ledger is empty).
    html = [c.content for c in inline_children if c.type == "html_inline"]
    assert html == [tag for n in range(1, 5) for tag in (f'<a id="row-{n}">', "</a>")]
    assert not any(c.type in ("image", "link_open") for c in inline_children)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [h.tag for h in headings] == ["h1", "h2", "h2", "h2", "h3", "h3", "h3", "h3"]
    h2 = max(n for n, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2")
    assert tokens[h2 + 1].content == "Changes"
    structure = {t.type for t in tokens[h2:]}
    for kind in ("bullet_list_open", "ordered_list_open", "blockquote_open", "hr", "fence"):
        assert kind not in structure, kind
    assert "code_block" not in structure


def test_no_change_no_changes_section() -> None:
    md = render_markdown(build([("equal", [0], [0], [eq("Same.")])]))
    assert "## Changes" not in md
    assert "The articles do not differ." in md


def test_origin_is_shown_under_the_title() -> None:
    result = build([("changed", [0], [0], [Span("minor", "a", "A")])])
    md = render_markdown(result, origin="snapshot 'n' saved 2026-11-23 14:05")
    assert md.splitlines()[2] == "*snapshot 'n' saved 2026-11-23 14:05*"
