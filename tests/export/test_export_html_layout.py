"""The HTML report's layout, read from its CSS and HTML (no browser here): the legend wraps
at any width, and the printed page keeps every row and word inside the paper.

Checked by eye in headless Chromium at 800 and 1400 px and in print-to-PDF when the CSS
changed; these tests keep the rules that made it work from being lost."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.diff_samples import hostile, sample
from tui.export.html_export import CSS, render_html

Rules = dict[str, dict[str, str]]


def _blocks(css: str) -> list[tuple[str, str]]:
    """The top-level ``selector { body }`` blocks of ``css`` (bodies may nest)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    blocks: list[tuple[str, str]] = []
    depth, start, head_start = 0, 0, 0
    for i, char in enumerate(css):
        if char == "{":
            if depth == 0:
                start = i
            depth += 1
        elif char == "}":
            depth -= 1
            assert depth >= 0, "unbalanced braces in the CSS"
            if depth == 0:
                blocks.append((css[head_start:start].strip(), css[start + 1 : i]))
                head_start = i + 1
    assert depth == 0, "unbalanced braces in the CSS"
    return blocks


def _rules(css: str) -> Rules:
    """Declarations by selector (each selector of a list on its own; later ones win)."""
    rules: Rules = {}
    for head, body in _blocks(css):
        if head.startswith("@"):
            continue
        declarations = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                declarations[name.strip()] = " ".join(value.split())
        for selector in head.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def _media(css: str, query: str) -> str:
    bodies = [body for head, body in _blocks(css) if head == f"@media {query}"]
    assert len(bodies) == 1, f"expected one @media {query} block, found {len(bodies)}"
    return bodies[0]


SCREEN = _rules(CSS)
PRINT = _rules(_media(CSS, "print"))


def test_the_legend_is_a_wrapping_flex_row() -> None:
    legend = SCREEN[".legend"]
    assert legend.get("display") == "flex"
    assert legend.get("flex-wrap") == "wrap"
    assert "gap" in legend  # items are spaced by the container, not by margins that wrap


def test_no_legend_item_refuses_to_wrap() -> None:
    item = SCREEN.get(".legend span", {})
    assert item.get("white-space", "normal") != "nowrap"
    assert item.get("overflow-wrap") == "anywhere"


class _LegendChildren(HTMLParser):
    """The direct children of ``p.legend``: element tags and any non-blank bare text."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # 0: outside the legend; 1: directly inside it
        self.children: list[str] = []
        self.bare_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0 and tag == "p" and ("class", "legend") in attrs:
            self.depth = 1
        elif self.depth:
            if self.depth == 1:
                self.children.append(tag)
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth == 1 and data.strip():
            self.bare_text.append(data)


@pytest.mark.parametrize("result", [sample(), hostile()], ids=["sample", "hostile"])
def test_every_legend_entry_is_one_flex_item(result: object) -> None:
    """Bare text beside the items would become a flex item of its own (a stray colon)."""
    parser = _LegendChildren()
    parser.feed(render_html(result))  # type: ignore[arg-type]
    assert parser.children[0] == "b" and parser.children.count("span") >= 5
    assert parser.bare_text == []


def test_the_page_prints_rows_whole_with_the_header_on_every_page() -> None:
    assert PRINT["tr"].get("break-inside") == "avoid"
    assert PRINT["thead"].get("display") == "table-header-group"
    assert PRINT["table.diff thead th"].get("position") == "static"  # sticky would overlap
    assert "@page" in _media(CSS, "print")


@pytest.mark.parametrize("selector", ["table.diff th", "table.diff td"])
def test_printed_cells_wrap_long_words(selector: str) -> None:
    assert PRINT[selector].get("overflow-wrap") == "anywhere"


def test_article_text_and_names_wrap_anywhere_on_screen_too() -> None:
    for selector in ("td.side", "h1", ".files", "table.diff thead th"):
        assert SCREEN[selector].get("overflow-wrap") == "anywhere", selector


def test_nothing_that_holds_text_is_kept_on_one_line() -> None:
    nowrap = [s for s, d in {**SCREEN, **PRINT}.items() if d.get("white-space") == "nowrap"]
    assert nowrap == []


def test_widths_are_never_fixed_wider_than_a_page() -> None:
    for rules in (SCREEN, PRINT):
        for selector, declarations in rules.items():
            for name in ("width", "min-width"):
                value = declarations.get(name, "")
                match = re.fullmatch(r"([\d.]+)(px|rem|em)", value)
                if match:
                    number, unit = float(match[1]), match[2]
                    assert number * (16 if unit != "px" else 1) <= 300, (selector, value)


def test_print_hides_the_controls_and_uses_a_light_palette() -> None:
    assert PRINT[".controls"].get("display") == "none"
    root = PRINT[":root"]
    assert (root.get("--bg"), root.get("--fg")) == ("#fff", "#000")  # dark mode prints light
