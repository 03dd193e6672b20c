"""Web pages: the article's main text and its metadata, through trafilatura.

Why trafilatura: in the published comparisons of main-text extractors (the ScrapingHub
article-extraction benchmark, Bevendorff et al. 2023) it is at or near the top for both
precision and recall, it is actively maintained, and it returns headline, byline, date
and site name in the same pass. readability-lxml (one heuristic, no byline/date) and
jusText (paragraph classifier only, no metadata) are lighter but weaker; trafilatura
already uses jusText as one of its fallbacks. Cost: about 70 MB installed (lxml, babel,
dateparser and friends) and about 0.4 s to import, paid only when a page is read.

Nothing runs: lxml parses, scripts and styles are dropped, entities decoded, and the
output is text only. ``whole_page=True`` keeps every visible text block instead.
"""

from __future__ import annotations

import codecs
import re

from tui.sources.base import (
    Extracted,
    ReaderError,
    content_type_charset,
    from_paragraphs,
)

#: Largest page read. Real pages are well under 5 MB; a saved page with inlined images
#: can reach tens of MB; its images and scripts are cut out before parsing.
MAX_HTML_BYTES = 64 * 1024 * 1024
#: Largest markup handed to the extractor once heavy payloads are cut out. Measured
#: worst case (nothing but short paragraphs): 1 MiB 1.4 s, 2 MiB 2.6 s, 4 MiB 8 s, and
#: it grows faster than linearly beyond; real article pages are far below this.
MAX_MARKUP_BYTES = 4 * 1024 * 1024
#: Above this much markup the extractor's second opinions (readability, jusText) and
#: the full-text date search are skipped: they cost most of the time on big pages.
_THOROUGH_BYTES = 1024 * 1024

_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
#: Scripts, styles and inline data URIs carry no article text but can be huge.
_HEAVY_OPEN = re.compile(r"<(script|style|template|svg)\b", re.I)
_HEAVY_CLOSE = {tag: re.compile(f"</{tag}", re.I) for tag in ("script", "style", "template", "svg")}
_DATA_URI = re.compile(r"data:[^\"')\s]{256,}")
#: Fewer words than this is a link or two the extractor fell back on, not an article.
_MIN_ARTICLE_WORDS = 10
_BREAK = "\x00"  # stands for a line break while whitespace is collapsed; lxml text has no NUL

#: Elements of trafilatura's output that start a new paragraph.
_EXTRACT_BLOCKS = frozenset(
    {"head", "p", "list", "item", "quote", "code", "table", "row", "cell", "div", "note"}
)
#: HTML elements that start a new text block when the whole page is kept.
_PAGE_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    }
)
_PAGE_SKIP = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "select",
    "button",
    "input",
    "textarea",
    "head",
)


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Decode a page; returns ``(text, encoding)``.

    Order: a byte-order mark; UTF-8 when the bytes are valid UTF-8 (a page declaring
    Latin-1 whose bytes are valid UTF-8 is, in practice, always UTF-8); the charset of
    the HTTP header, then of a ``<meta>`` tag, when the bytes decode with it; else
    Windows-1252 (which browsers use for "ISO-8859-1"), Latin-1 where it has holes.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.removesuffix("-sig")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(data[:8192])
    declared = [charset, meta.group(1).decode("ascii", "replace") if meta else None]
    for name in declared:
        encoding = _known_encoding(name)
        if encoding and encoding not in ("utf-8", "utf-16", "utf-32"):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _known_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        encoding = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return encoding.replace("_", "-").removesuffix("-le").removesuffix("-be")


def _drop_heavy(markup: str, limit: int) -> str | None:
    """Cut long data URIs, scripts, styles and inline SVG (no article text in them);
    None when more than ``limit`` characters would remain.

    Linear even for hostile input, and it stops looking once the limit is passed: an
    element left open runs to the end of the page, as it does in a browser.
    """
    markup = _DATA_URI.sub("data:", markup)
    kept: list[str] = []
    size = position = 0
    while True:
        # An opener further on than the budget left would leave too much text anyway.
        window = position + (limit - size) + len("<template ")
        match = _HEAVY_OPEN.search(markup, position, window)
        if match is None:
            if size + len(markup) - position > limit:
                return None
            kept.append(markup[position:])
            return "".join(kept)
        kept.append(markup[position : match.start()])
        size += match.start() - position
        end = _HEAVY_CLOSE[match.group(1).lower()].search(markup, match.end())
        close = markup.find(">", end.end()) if end else -1
        if close < 0:
            return "".join(kept)
        position = close + 1


def _normalise(text: str, keep_lines: bool) -> str:
    """Collapse whitespace within lines (Unicode spaces, no-break ones too, as the
    extractor does); ``_BREAK`` (and, in ``<pre>``, newlines) end lines."""
    if keep_lines:
        text = text.replace("\n", _BREAK)
    lines = (" ".join(line.split()) for line in text.split(_BREAK))
    return "\n".join(line for line in lines if line)


def _blocks(root, blocks: frozenset[str], breaks: frozenset[str]) -> list[str]:
    """Text blocks of an lxml tree in document order (iterative: no recursion limit)."""
    from lxml import etree

    paragraphs: list[str] = []
    parts: list[str] = []
    in_pre = 0

    def flush() -> None:
        text = _normalise("".join(parts), keep_lines=in_pre > 0)
        if text:
            paragraphs.append(text)
        parts.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in breaks:
                parts.append(_BREAK)
            elif tag in blocks:
                flush()
            if tag in ("pre", "code"):
                in_pre += 1
            if element.text and tag and tag not in breaks:
                parts.append(element.text)
            continue
        if tag in blocks:
            flush()
        if tag in ("pre", "code"):
            in_pre -= 1
        if element.tail and element is not root:
            parts.append(element.tail)
    flush()
    return paragraphs


def _parse(markup: str):
    import lxml.html
    from lxml import etree

    try:  # huge_tree: nesting up to libxml2's hard limit; the size is capped before
        root = lxml.html.document_fromstring(markup, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError("not a readable web page (no HTML content)") from exc
    return root


def _metadata(document, url: str | None, whole_page: bool, encoding: str) -> dict[str, str]:
    import trafilatura

    meta = {
        "reader": f"html (trafilatura {trafilatura.__version__}"
        + (", whole page)" if whole_page else ")"),
        "url": url or "",
        "encoding": encoding,
    }
    if document is not None:
        meta.update(
            title=document.title or "",
            author=document.author or "",
            date=document.date or "",
            site=document.sitename or document.hostname or "",
        )
    return {key: " ".join(value.split()) for key, value in meta.items()}


def extract_html(
    data: bytes,
    *,
    whole_page: bool = False,
    url: str | None = None,
    content_type: str | None = None,
) -> Extracted:
    """Read a web page: the headline and the article's paragraphs (or every text block
    with ``whole_page``); headline, byline, date and site as metadata.

    ``content_type`` is the HTTP header, whose charset wins over the page's own.
    Raises :class:`ReaderError` for a page too large or with no article text.
    """
    if len(data) > MAX_HTML_BYTES:
        raise ReaderError(f"web page too large (over {MAX_HTML_BYTES // 2**20} MiB)")
    markup, encoding = decode_html(data, content_type_charset(content_type))
    markup = _drop_heavy(markup.replace("\x00", ""), MAX_MARKUP_BYTES)
    if markup is None:
        raise ReaderError(
            f"web page too large to extract (over {MAX_MARKUP_BYTES // 2**20} MiB of markup"
            " without scripts and images)"
        )
    if not markup.strip():
        raise ReaderError("empty web page")
    import trafilatura
    from lxml import etree

    root = _parse(markup)
    if whole_page:
        document = trafilatura.extract_metadata(root, default_url=url)
        etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
        etree.strip_elements(root, *_PAGE_SKIP, with_tail=False)
        paragraphs = _blocks(root, _PAGE_BLOCKS, frozenset({"br"}))
        if not paragraphs:
            raise ReaderError("no text in the web page")
        return from_paragraphs(paragraphs, _metadata(document, url, whole_page, encoding))
    thorough = len(markup) <= _THOROUGH_BYTES
    document = trafilatura.bare_extraction(
        root,
        url=url,
        fast=not thorough,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": thorough, "original_date": True},
    )
    paragraphs = _blocks(document.body, _EXTRACT_BLOCKS, frozenset({"lb"})) if document else []
    if sum(len(p.split()) for p in paragraphs) < _MIN_ARTICLE_WORDS:
        raise ReaderError("no article text found in the web page (try the whole page)")
    headline = " ".join((document.title or "").split())
    if headline and headline != paragraphs[0]:  # an edited headline is a change to show
        paragraphs.insert(0, headline)
    return from_paragraphs(paragraphs, _metadata(document, url, whole_page, encoding))
