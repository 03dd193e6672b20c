"""The web page reader: main text, metadata, whole page, encodings and hostile pages."""

from __future__ import annotations

import re

import pytest

from tests.sources.conftest import NEWS_PAGE
from tui.sources.base import ReaderError
from tui.sources.html import MAX_HTML_BYTES, decode_html, extract_html

BODY = [
    "The Eastgate bridge reopened to traffic on Monday morning",
    "The repairs cost £48 million, about £11 million more",
    "“This bridge is the spine of the town,” said Priya Nandakumar",
    "Questions over cost",
    "Opposition councillors have asked for an independent review",
    "The council said it would publish the full accounts",
    "Traffic counts published by the council",
]
FURNITURE = [
    "cookies",
    "Subscribe",
    "Home",
    "Read more",
    "Ferry timetable",
    "Sign up",
    "Share on",
    "Sponsor Content",
    "mortgage",
    "Comments",
    "All rights reserved",
    "Photograph:",
    "By Maria Okafor",
]


def _starts(paragraphs: list[str], prefix: str) -> int:
    return next(i for i, p in enumerate(paragraphs) if p.startswith(prefix))


def test_a_news_page_gives_headline_and_body_without_furniture() -> None:
    extracted = extract_html(NEWS_PAGE)
    paragraphs = extracted.paragraphs
    assert paragraphs[0] == "Harbour bridge reopens after two years of repairs"
    positions = [_starts(paragraphs, prefix) for prefix in BODY]
    assert positions == sorted(positions), "body paragraphs keep their order"
    assert len(paragraphs) == 1 + len(BODY)
    for word in FURNITURE:
        assert not any(word in p for p in paragraphs), word
    assert extracted.text == "\n\n".join(paragraphs)


def test_a_news_page_gives_its_metadata() -> None:
    metadata = extract_html(NEWS_PAGE, url="https://herald.example/local/story").metadata
    assert metadata["title"] == "Harbour bridge reopens after two years of repairs"
    assert metadata["author"] == "Maria Okafor"
    assert metadata["date"] == "2024-05-14"
    assert metadata["site"] == "The Northport Herald"
    assert metadata["url"] == "https://herald.example/local/story"
    assert metadata["reader"].startswith("html (trafilatura")
    assert metadata["encoding"] == "utf-8"


def test_no_markup_script_or_entity_reaches_the_text() -> None:
    for whole_page in (False, True):
        text = extract_html(NEWS_PAGE, whole_page=whole_page).text
        assert not re.search(r"<[a-z/!]|&[a-z]+;|&#", text)
        assert "INJECTED BY SCRIPT" not in text and "dataLayer" not in text
        assert "font-family" not in text and "schema.org" not in text


def test_the_whole_page_keeps_every_text_block_in_order() -> None:
    paragraphs = extract_html(NEWS_PAGE, whole_page=True).paragraphs
    for block in (
        "We use cookies",
        "Home Local Business",
        "By Maria Okafor",
        "Sign up for the Herald",
        "Sponsor Content",
        "© 2024 The Northport Herald",
    ):
        assert any(p.startswith(block) for p in paragraphs), block
    assert _starts(paragraphs, "We use cookies") < _starts(
        paragraphs, "The Eastgate bridge reopened"
    )
    assert _starts(paragraphs, "Traffic counts") < _starts(paragraphs, "© 2024")
    assert not any("Accept all cookies" in p for p in paragraphs)  # buttons are not text


def test_line_breaks_inside_a_paragraph_are_kept_and_spaces_tidied() -> None:
    page = (
        b"<html><body><article><h1>Title of the story here</h1>"
        b"<p>First  line of a long enough paragraph for the extractor to keep it,<br>"
        b"second line\n   of the same paragraph that goes on and on.</p>"
        b"<p>Another paragraph, long enough to be article text and not boilerplate at all.</p>"
        b"</article></body></html>"
    )
    paragraphs = extract_html(page, whole_page=True).paragraphs
    assert paragraphs[1] == (
        "First line of a long enough paragraph for the extractor to keep it,\n"
        "second line of the same paragraph that goes on and on."
    )


def test_a_page_without_article_text_is_a_clear_error() -> None:
    page = b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(ReaderError, match="no article text found in the web page"):
        extract_html(page)


@pytest.mark.parametrize("page", [b"", b"   \n", b"<html><body><script>x()</script></body></html>"])
def test_an_empty_page_is_a_clear_error(page: bytes) -> None:
    with pytest.raises(ReaderError, match="web page"):
        extract_html(page, whole_page=True)


def test_a_page_declaring_latin1_but_written_in_utf8_reads_as_utf8() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><p>Zoë’s café — “quoted”</p></html>'
    text, encoding = decode_html(page.encode("utf-8"))
    assert encoding == "utf-8" and "Zoë’s café — “quoted”" in text


def test_a_page_declaring_utf8_but_written_in_cp1252_reads_as_cp1252() -> None:
    page = (
        '<html><head><meta charset="utf-8"></head><body><p>Zoë’s café — “quoted”</p></body></html>'
    )
    text, encoding = decode_html(page.encode("cp1252"))
    assert encoding == "cp1252" and "Zoë’s café — “quoted”" in text


def test_the_http_charset_wins_over_the_meta_tag() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Лондон</p></body></html>'
    text, encoding = decode_html(page.encode("koi8-r"), charset="koi8-r")
    assert encoding == "koi8-r" and "Лондон" in text


def test_a_declared_legacy_charset_is_honoured_when_the_bytes_fit_it() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
        "</head><body><p>東京の橋</p></body></html>"
    )
    text, encoding = decode_html(page.encode("shift_jis"))
    assert encoding == "shift-jis" and "東京の橋" in text


def test_a_huge_inline_image_does_not_stop_the_page_being_read() -> None:
    image = "A" * (30 * 2**20)
    page = (
        f'<html><body><article><img src="data:image/png;base64,{image}">'
        f"<p>{'The article text is still found next to a thirty megabyte image. ' * 3}</p>"
        f"<p>{'And a second paragraph of it, long enough to count as text. ' * 3}</p>"
        "</article></body></html>"
    ).encode()
    paragraphs = extract_html(page).paragraphs
    assert paragraphs[0].startswith("The article text is still found")


def test_a_50_mb_page_of_text_is_refused_not_parsed() -> None:
    page = b"<html><body>" + b"<p>word " * (50 * 2**20 // 8)
    with pytest.raises(ReaderError, match=r"web page too large to extract \(over 4 MiB"):
        extract_html(page)


def test_a_page_over_the_byte_cap_is_refused_at_once() -> None:
    with pytest.raises(ReaderError, match="web page too large"):
        extract_html(b" " * (MAX_HTML_BYTES + 1))


def test_unclosed_scripts_cannot_make_cutting_them_slow() -> None:
    text = "A short story about a bridge that was closed for repairs and then reopened."
    page = f"<html><body><p>{text}</p>".encode() + b"<script>" * 2_000_000
    assert extract_html(page).paragraphs == [text]


def test_deeply_nested_markup_is_read_without_recursion_errors() -> None:
    page = b"<html><body>" + b"<div>" * 1000 + b"deep text" + b"</div>" * 1000
    assert extract_html(page, whole_page=True).paragraphs == ["deep text"]


def test_absurdly_nested_markup_is_an_error_not_a_crash() -> None:
    page = b"<html><body>" + b"<div>" * 100_000 + b"deep text" + b"</div>" * 100_000
    with pytest.raises(ReaderError, match="no article text"):
        extract_html(page)
