"""The HTML report, parsed with html.parser: one row per aligned row, everything escaped."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

from tests.diff_samples import HOSTILE, build, eq, hostile, sample
from tui.engine.model import DiffResult
from tui.export.common import is_change
from tui.export.html_export import SCRIPT, render_html
from tui.sanitise import sanitise

VOID = {"meta", "br", "col", "input", "img", "link", "hr", "wbr"}


class Collector(HTMLParser):
    """Elements (tag, attrs, ancestors), script bodies, text, and rows of the diff table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.rows: list[dict[str, str | None]] = []
        self.cells_per_row: list[int] = []

        self.tables: list[str | None] = []  # the classes of the open tables

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes, tuple(self.stack)))
        in_diff = bool(self.tables) and self.tables[-1] == "diff" and "tbody" in self.stack
        if tag == "tr" and in_diff:
            self.rows.append(attributes)
            self.cells_per_row.append(0)
        if tag in ("td", "th") and in_diff and self.stack[-1] == "tr":
            self.cells_per_row[-1] += 1
        if tag == "script":
            self.scripts.append("")
        if tag == "table":
            self.tables.append(attributes.get("class"))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()
        if tag == "table":
            self.tables.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script":
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(result: DiffResult, origin: str | None = None) -> tuple[str, Collector]:
    html = render_html(result, origin=origin)
    collector = Collector()
    collector.feed(html)
    collector.close()
    assert collector.stack == [], collector.stack
    return html, collector


def test_one_table_row_per_aligned_row() -> None:
    result = sample()
    _, doc = parse(result)
    assert len(doc.rows) == len(result.rows) == 9
    assert doc.cells_per_row == [3] * 9
    classes = [row["class"] for row in doc.rows]
    assert classes[0] == "row k-equal same"
    assert classes[1] == "row k-changed change facts"
    assert "k-moved" in classes[6] and "change" in classes[6]
    assert "split" in classes[4] and "merge" in classes[5]


def test_spans_are_styled_by_class_with_flags_visible() -> None:
    html, doc = parse(sample())
    marks = {(tag, attrs.get("class")) for tag, attrs, _ in doc.elements if tag in ("del", "ins")}
    assert marks >= {
        ("del", "paraphrase"),
        ("ins", "paraphrase"),
        ("del", "minor"),
        ("ins", "minor"),
        ("del", "changed"),
        ("ins", "changed"),
        ("ins", "insert"),
        ("del", "delete"),
    }
    assert '<ins class="changed" title="fact changed (number, date)">2021</ins>' in html
    assert '<sup class="flags">number, date</sup>' in html


def test_header_has_figures_legend_and_navigation_without_script() -> None:
    html, doc = parse(sample(), origin="snapshot 'x' saved 2026-11-23 14:05")
    text = "".join(doc.text)
    assert "Similarity" in text and "Legend" in text
    assert "snapshot 'x' saved 2026-11-23 14:05" in text
    # Every row has an anchor row-N (N counts from 1); changed rows link to the previous and
    # next changed row, and the controls to the first.
    assert [row["id"] for row in doc.rows] == [f"row-{n}" for n in range(1, 10)]
    changed = [f"#row-{n + 1}" for n, row in enumerate(sample().rows) if is_change(row)]
    nav = [a.get("href") for tag, a, _ in doc.elements if tag == "a" and "title" in a]
    assert nav[:3] == [changed[1], changed[0], changed[2]]  # next of the 1st, prev/next of 2nd
    first = [a.get("href") for tag, a, _ in doc.elements if tag == "a" and "div" in _]
    assert first == [changed[0]]
    assert "@media print" in html


def test_self_contained_and_script_allowed_only_by_hash() -> None:
    _, doc = parse(sample())
    for tag, attrs, _ in doc.elements:
        assert tag not in ("link", "img", "iframe", "object", "embed")
        for name in ("src", "href", "action"):
            value = attrs.get(name)
            assert value is None or value.startswith("#"), (tag, name, value)
    assert doc.scripts == [SCRIPT]
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = [
        a["content"] for t, a, _ in doc.elements if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp == [f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'"]


def test_hostile_article_text_is_only_text() -> None:
    result = hostile()
    html, doc = parse(result)
    assert len(doc.rows) == len(result.rows) == 4
    assert doc.cells_per_row == [3] * 4
    assert doc.scripts == [SCRIPT]  # only ours: none from the articles
    for tag, attrs, _ in doc.elements:
        assert tag not in ("img", "table") or attrs.get("class") in ("diff", "figures"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    text = "".join(doc.text)
    assert sanitise(HOSTILE) in text
    assert "<img src=x onerror=y>" in text
    assert "</table><script>b()</script>" in text
    assert "<script>a</script>␛[2J.txt" in text
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in html


def test_identical_articles() -> None:
    _, doc = parse(build([("equal", [0], [0], [eq("Same.")])]))
    assert "The articles do not differ." in "".join(doc.text)
    assert len(doc.rows) == 1
