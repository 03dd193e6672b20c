"""The reports open with the fact ledger (each entry linking to its row), show what the
readers said about each source, mark page furniture and give both similarity figures."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from tests.diff_samples import HOSTILE, hostile, sample
from tests.export.test_export_html import Collector
from tui.engine import diff_texts
from tui.engine.model import DiffResult, FactEntry, FactPlace
from tui.export.common import is_change
from tui.export.facts_export import ledger_counts
from tui.export.html_export import SCRIPT, render_html
from tui.export.markdown_export import render_markdown
from tui.export.text_export import render_text
from tui.sanitise import sanitise

ORIGINAL = (
    "The council approved a budget of 12 million euros on Monday, Mayor Anna Berg said.\n\n"
    "The vote was 7 to 2. The plan does not include new taxes.\n\n"
    "Work starts in March."
)
COPY = (
    "The council approved a budget of 15 million euros on Tuesday, Mayor Anna Berg said.\n\n"
    "The vote was 7 to 2. The plan includes new taxes.\n\n"
    "Work starts in March."
)


def engine_result() -> DiffResult:
    """A diff made by the engine, whose ledger the engine wrote."""
    result = diff_texts(ORIGINAL, COPY, "original.txt", "copy.txt")
    assert any(f.is_change for f in result.facts)  # the premise of the tests below
    return result


def with_ledger(result: DiffResult, old: str = "Uyghur", new: str = "Uighur") -> DiffResult:
    """``result`` (the sample) with a hand-written ledger: a change, an addition, a whole
    paragraph and a spelling variant."""
    facts = (
        FactEntry(1, "number", "changed", "2019", "2021", FactPlace(1, 0, 4), FactPlace(1, 0, 4)),
        FactEntry(1, "name", "added", "", "Moscow", None, FactPlace(1, 40, 46)),
        FactEntry(
            3, "paragraph", "added", "", "A paragraph that was added.", None,
            FactPlace(2, 0, 27), "paragraph with a name added",
        ),
        FactEntry(6, "name", "variant", old, new, FactPlace(7, 0, 6), FactPlace(6, 0, 6)),
    )  # fmt: skip
    return replace(result, facts=facts)


def parse(html: str) -> Collector:
    doc = Collector()
    doc.feed(html)
    doc.close()
    assert doc.stack == []
    return doc


def _rows_of(doc: Collector, table_class: str) -> list[dict[str, str | None]]:
    """The ``tr`` elements inside the ``tbody`` of the table of class ``table_class``."""
    rows, current = [], None
    for tag, attrs, ancestors in doc.elements:
        if tag == "table":
            current = attrs.get("class")
        elif tag == "tr" and current == table_class and "tbody" in ancestors:
            rows.append(attrs)
    return rows


def links(doc: Collector) -> list[str]:
    return [str(a["href"]) for t, a, _ in doc.elements if t == "a" and "href" in a]


@pytest.mark.parametrize("make", [engine_result, lambda: with_ledger(sample())])
def test_html_opens_with_the_ledger_and_every_entry_links_to_its_row(make) -> None:  # type: ignore[no-untyped-def]
    result = make()
    html = render_html(result)
    doc = parse(html)
    # The ledger comes before the figures and the side-by-side table.
    assert html.index('class="ledger"') < html.index('class="figures"') < html.index('"diff"')
    changes = [f for f in result.facts if f.is_change]
    variants = [f for f in result.facts if not f.is_change]
    assert len(_rows_of(doc, "ledger")) == len(changes)
    assert len(_rows_of(doc, "ledger variants")) == len(variants)
    # Each entry's link goes to the anchor of its own row in the diff table.
    row_ids = [row["id"] for row in doc.rows]
    ledger_links = [
        str(a["href"])
        for t, a, anc in doc.elements
        if t == "a" and "td" in anc and a.get("title") == "show the row"
    ]
    assert len(ledger_links) == len(result.facts)
    for entry, href in zip([*changes, *variants], ledger_links, strict=True):
        assert href.startswith("#") and row_ids.index(href[1:]) == entry.row
    # Every in-page link resolves.
    ids = {a.get("id") for _, a, _ in doc.elements}
    assert all(href[1:] in ids for href in links(doc))
    # The header counts entries by kind.
    text = " ".join(" ".join(doc.text).split())
    for kind, n in ledger_counts(result).items():
        if n:
            assert f"{n} {kind}" in text
    if variants:
        assert "Spelling variants, not changes" in text and f"{len(variants)} spelling" in text


def test_the_rows_of_changed_facts_carry_their_flags() -> None:
    result = engine_result()
    doc = parse(render_html(result))
    for entry in result.facts:
        if entry.kind != "paragraph":
            row = doc.rows[entry.row]
            assert "facts" in str(row["class"]).split(), (entry, row)


def test_a_diff_without_facts_says_so() -> None:
    text = " ".join(parse(render_html(sample())).text)
    assert "Fact ledger" in text and "No number, date, name" in text
    assert "No number, date, name" in render_markdown(sample())


def test_hostile_ledger_text_is_only_text() -> None:
    def render(old: str, new: str, note: str) -> str:
        result = with_ledger(sample(), old=old, new=new)
        extra = replace(result.facts[0], old=old, new=new, note=note)
        return render_html(replace(result, facts=(*result.facts, extra)))

    html = render(HOSTILE, "<img src=x onerror=y>", "<b>x</b>")
    doc = parse(html)
    # The same elements as for harmless text: the article text added none.
    assert [t for t, _, _ in doc.elements] == [
        t for t, _, _ in parse(render("plain", "plain", "plain")).elements
    ]
    assert doc.scripts == [SCRIPT]
    text = "".join(doc.text)
    assert " ".join(sanitise(HOSTILE).split()) in text
    assert "<img src=x onerror=y>" in text and "<b>x</b>" in text
    for bad in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert bad not in html


def test_markdown_opens_with_the_ledger_and_its_links_resolve() -> None:
    result = with_ledger(sample())
    md = render_markdown(result)
    assert md.index("## Fact ledger") < md.index("## Figures") < md.index("## Changes")
    anchors = re.findall(r'^### <a id="(row-\d+)"></a>', md, flags=re.MULTILINE)
    assert anchors == [f"row-{n + 1}" for n, row in enumerate(result.rows) if is_change(row)]
    targets = re.findall(r"\]\(#(row-\d+)\)", md)
    assert len(targets) == len(result.facts)
    assert all(t in anchors for t in targets)
    ledger = md.split("## Fact ledger", 1)[1].split("## Figures", 1)[0]
    assert "- **number** changed: 2019 → 2021 · [A¶2 ↔ B¶2](#row-2)" in ledger
    assert "**Spelling variants, not changes**" in ledger
    variants = ledger.split("**Spelling variants, not changes**", 1)[1]
    assert "Uyghur → Uighur" in variants and "Uyghur" not in ledger.split("**Spelling")[0]


def test_markdown_ledger_renders_as_links_to_anchors() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    result = with_ledger(hostile(), old=HOSTILE, new="[x](http://evil) <b>y</b>")
    tokens = markdown_it.MarkdownIt("commonmark").parse(render_markdown(result))
    inline = [c for t in tokens if t.children for c in t.children]
    hrefs = [c.attrs["href"] for c in inline if c.type == "link_open"]
    ids = {
        m for c in inline if c.type == "html_inline" for m in re.findall(r'id="([^"]+)"', c.content)
    }
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)
    html = [c.content for c in inline if c.type == "html_inline"]
    assert all(re.fullmatch(r'<a id="row-\d+">|</a>', h) for h in html), html


METADATA = {
    "reader": "html",
    "title": "Putin in China <script>x()</script>",
    "author": "Vladimir Isachenkov",
    "date": "2022-02-04",
    "site": "AP News",
    "url": "http://127.0.0.1/a",
    "final_url": "https://127.0.0.1/story",
    "fetched_at": "2026-11-23T14:05:00Z",
    "redirects": "http://127.0.0.1/a",
}


def with_metadata(result: DiffResult) -> DiffResult:
    return replace(result, a=replace(result.a, path="http://127.0.0.1/a", metadata=METADATA))


def test_html_header_shows_what_the_reader_said() -> None:
    html = render_html(with_metadata(sample()))
    doc = parse(html)
    header = html.split("</header>", 1)[0]
    for value in ("AP News", "Vladimir Isachenkov", "2022-02-04", "https://127.0.0.1/story"):
        assert value in header
    assert "“Putin in China &lt;script&gt;x()&lt;/script&gt;”" in header
    assert "fetched 2026-11-23T14:05:00Z" in header and "(1 redirect)" in header
    assert doc.scripts == [SCRIPT]


def test_markdown_header_shows_what_the_reader_said() -> None:
    md = render_markdown(with_metadata(sample()))
    header = md.split("## Fact ledger", 1)[0]
    assert "  - read as html · “Putin in China \\<script>x()\\</script>” · by Vladimir" in header
    assert "AP News" in header and "fetched 2026-11-23T14:05:00Z" in header


def with_furniture(result: DiffResult) -> DiffResult:
    """The sample with its deleted row (index 2) marked as page furniture, and a
    similarity without furniture that differs from the whole one."""
    rows = list(result.rows)
    rows[2] = replace(rows[2], furniture=True)
    stats = replace(result.stats, similarity=0.5, similarity_body=0.625)
    return replace(result, rows=tuple(rows), stats=stats)


def test_furniture_is_marked_in_every_report() -> None:
    result = with_furniture(sample())
    doc = parse(render_html(result))
    classes = [str(row["class"]).split() for row in doc.rows]
    assert [n for n, c in enumerate(classes) if "furniture" in c] == [2]
    assert "[deleted · furniture] A¶3" in render_text(result, False)
    assert "\\[deleted · furniture] A¶3" in render_markdown(result)


def test_both_similarities_are_shown_where_they_differ() -> None:
    result = with_furniture(sample())
    expected = "50.0% (62.5% without page furniture)"
    assert expected in " ".join(parse(render_html(result)).text)
    assert f"- **Similarity**: {expected}" in render_markdown(result)
    assert f"similarity: {expected}" in render_text(result, False)
    same = render_markdown(sample())
    assert "without page furniture" not in same


def test_row_of_furniture_is_no_fact_row() -> None:
    """The ledger leaves furniture out, so its row gets no fact mark either."""
    result = sample()
    rows = list(result.rows)
    rows[1] = replace(rows[1], furniture=True)
    doc = parse(render_html(replace(result, rows=tuple(rows))))
    assert "facts" not in str(doc.rows[1]["class"]).split()
