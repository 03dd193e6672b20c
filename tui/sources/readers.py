"""Which reader reads a source, reading a source by name (a file, ``-`` or a URL), and the
record of a source.

:func:`reader_for` is the one place that maps a source to its reader: the HTTP content
type a reader claims (URLs only), else a file suffix a reader claims, else the first
bytes (PDF, Word and HTML markers), else plain text. To add a reader: write a module
beside :mod:`tui.sources.text` with a class following :class:`~tui.sources.base.Reader`,
importing its library inside ``extract``, and add an instance to :data:`READERS`.

Readers return text (and, for structured documents, its paragraphs) and metadata;
:func:`article_from_extracted` turns that into the article, so paragraph rules, offsets
and furniture flags are applied in one place.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui.engine.loading import article_from_text
from tui.engine.model import Article
from tui.engine.paragraphs import ParagraphMode
from tui.files import NotARegularFile, read_regular_file
from tui.sources.base import (
    MAX_ARTICLE_BYTES,
    OLE2_MAGIC,
    STDIN,
    Extracted,
    Reader,
    ReaderError,
    ReadHints,
    Source,
    SourceError,
    SourceInfo,
    media_type,
)
from tui.sources.raw import read_bytes
from tui.sources.records import bytes_sha256
from tui.sources.text import TextReader

if TYPE_CHECKING:
    from tui.sources.url import Fetched

#: How a saved page starts (after a BOM): a doctype, <html>, <head> or <body>, maybe
#: after comments such as "saved from url".
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


class HtmlReader:
    """Web pages (``.html``, ``.htm``, ``.xhtml``, and pages sniffed by their start):
    :mod:`tui.sources.html`."""

    name = "html"
    suffixes = (".html", ".htm", ".xhtml")
    content_types = ("text/html", "application/xhtml+xml")

    def sniff(self, data: bytes) -> bool:
        """A doctype, ``<html>``, ``<head>`` or ``<body>`` first (comments aside)."""
        return bool(_HTML_START.match(data[:4096].removeprefix(b"\xef\xbb\xbf")))

    def extract(self, data: bytes, hints: ReadHints) -> Extracted:
        """The article's paragraphs (or every text block) and the page's metadata."""
        from tui.sources.html import extract_html

        return extract_html(
            data, whole_page=hints.whole_page, url=hints.url, content_type=hints.content_type
        )


class DocxReader:
    """Word documents (``.docx``): :mod:`tui.sources.docx`. Old ``.doc`` files and
    password-protected documents are sniffed by their container, so that the reader
    says why it cannot read them."""

    name = "docx"
    suffixes = (".docx",)
    content_types = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)

    def sniff(self, data: bytes) -> bool:
        """A zip holding ``word/`` parts, or an OLE2 container."""
        is_word_zip = data.startswith(b"PK\x03\x04") and b"word/" in data[:SNIFF_BYTES]
        return is_word_zip or data.startswith(OLE2_MAGIC)

    def extract(self, data: bytes, hints: ReadHints) -> Extracted:
        """Paragraphs, headings, list items and table cells in order; title, author, date."""
        from tui.sources.docx import extract_docx

        return extract_docx(data)


class PdfReader:
    """PDF files (by suffix, content type, or the ``%PDF-`` marker near the start):
    :mod:`tui.sources.pdf`."""

    name = "pdf"
    suffixes = (".pdf",)
    content_types = ("application/pdf", "application/x-pdf")

    def sniff(self, data: bytes) -> bool:
        """``%PDF-`` within the first KiB (some files have junk before it)."""
        return b"%PDF-" in data[:1024]

    def extract(self, data: bytes, hints: ReadHints) -> Extracted:
        """The text layer's paragraphs, page furniture dropped; title, author, date."""
        from tui.sources.pdf import extract_pdf

        return extract_pdf(data)


TEXT_READER = TextReader()

#: Every reader; sniffing tries them in this order, the text reader last (it takes what
#: nobody claims).
READERS: tuple[Reader, ...] = (PdfReader(), DocxReader(), HtmlReader(), TEXT_READER)

#: Bytes handed to ``sniff`` (a .docx names its ``word/`` parts within the first 64 KiB).
SNIFF_BYTES = 65536

_URL = re.compile(r"^https?://", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.I)


def is_url(name: str) -> bool:
    """True for an http or https URL (any case)."""
    return bool(_URL.match(name))


def refuse_other_schemes(name: str) -> None:
    """Raise :class:`SourceError` for a URL of another scheme than http(s) (``ftp://``,
    ``file://``...), unless a file of that name exists."""
    scheme = _SCHEME.match(name)
    if scheme and not is_url(name) and not os.path.lexists(name):
        raise SourceError(name, f"only http and https URLs can be read, not {scheme[1]}:")


def content_type_reader(content_type: str | None) -> Reader | None:
    """The reader that claims an HTTP content type, if any (parameters ignored)."""
    kind = media_type(content_type)
    return next((r for r in READERS if kind and kind in r.content_types), None)


def reader_for(path: str, data: bytes, content_type: str | None = None) -> Reader:
    """The reader for a source: by its HTTP ``content_type`` when a reader claims it
    (an answer says what it is, whatever its URL ends with), else by the suffix of
    ``path``, else by sniffing its first bytes, else the text reader."""
    by_type = content_type_reader(content_type)
    if by_type is not None:
        return by_type
    suffix = PurePath(path).suffix.lower()
    for reader in READERS:
        if suffix and suffix in reader.suffixes:
            return reader
    head = data[:SNIFF_BYTES]
    return next((r for r in READERS if r.sniff(head)), TEXT_READER)


def article_from_extracted(
    extracted: Extracted,
    path: str,
    reader: Reader,
    paragraphs: ParagraphMode = "auto",
    *,
    furniture: bool = True,
) -> Article:
    """The article of what ``reader`` extracted from ``path``: the reader's own
    paragraphs when it knows them, else the plain-text rules of ``paragraphs``; offsets
    refer to ``extracted.text``. The metadata's ``encoding`` becomes the article's (the
    reader's name for documents that are not text); ``reader`` is always set.
    ``furniture=False``: without page-furniture flags (see
    :func:`~tui.engine.article_from_text`)."""
    metadata = dict(extracted.metadata)
    encoding = metadata.pop("encoding", "") or reader.name
    metadata.setdefault("reader", reader.name)
    if extracted.paragraphs is None:
        article = article_from_text(extracted.text, path, encoding, paragraphs, furniture=furniture)
    else:
        article = article_from_text(extracted.text, path, encoding, "blank", furniture=furniture)
        if list(article.paragraphs) != extracted.paragraphs:  # a blank line inside one
            article = Article(path, encoding, tuple(extracted.paragraphs))
    return dataclasses.replace(article, metadata=metadata)


def _read_regular(path: str) -> bytes | None:
    try:
        return read_regular_file(path, MAX_ARTICLE_BYTES)
    except (OSError, NotARegularFile):
        return None


def _decodes_to(data: bytes, article: Article, paragraphs: ParagraphMode) -> bool:
    try:
        reader = reader_for(article.path, data)
        hints = ReadHints(whole_page="whole page" in article.metadata.get("reader", ""))
        extracted = reader.extract(data, hints)
        found = article_from_extracted(extracted, article.path, reader, paragraphs)
        return found.paragraphs == article.paragraphs
    except ReaderError:
        return False


def source_info(
    article: Article,
    sha256: str | None = None,
    size: int | None = None,
    *,
    paragraphs: ParagraphMode = "auto",
) -> SourceInfo:
    """The record of one source.

    Pass the SHA-256 of the bytes actually read when you have it (a :class:`Source` has
    its record already). Without it the file at ``article.path`` is read now and hashed,
    but only if it still decodes to the same paragraphs, split by the rule ``paragraphs``
    the diff used (a file edited since the diff, standard input ``-``, a pipe or a
    missing file record no hash: their state is then "unknown"). A URL is never fetched
    again: its record keeps the final URL and the fetch time from the article's metadata.
    """
    if not article.path or article.path == STDIN:
        return SourceInfo(article.path, "", sha256, article.encoding, size)
    if is_url(article.path):
        meta = article.metadata
        return SourceInfo(
            article.path,
            "",
            sha256,
            article.encoding,
            size,
            final_url=meta.get("final_url", article.path),
            fetched_at=meta.get("fetched_at", ""),
        )
    abspath = os.path.abspath(article.path)
    if sha256 is None:
        data = _read_regular(abspath)
        if data is not None and _decodes_to(data, article, paragraphs):
            sha256, size = bytes_sha256(data), len(data)
    return SourceInfo(article.path, abspath, sha256, article.encoding, size)


def source_from_bytes(
    data: bytes,
    path: str,
    *,
    paragraphs: ParagraphMode = "auto",
    whole_page: bool = False,
    content_type: str | None = None,
    url: str | None = None,
    furniture: bool = True,
) -> Source:
    """The source made of ``data`` (read from ``path``; fetched from ``url`` with
    ``content_type`` when it came from the web); ``furniture=False``: its article without
    page-furniture flags. Raises ``SourceError``."""
    reader = reader_for(urlsplit(url).path if url else path, data, content_type)
    try:
        extracted = reader.extract(data, ReadHints(whole_page, url, content_type))
    except ReaderError as exc:
        raise SourceError(path, str(exc)) from exc
    article = article_from_extracted(extracted, path, reader, paragraphs, furniture=furniture)
    info = source_info(article, bytes_sha256(data), len(data))
    return Source(article, data, info, reader.name)


def source_from_fetched(
    fetched: Fetched, *, paragraphs: ParagraphMode = "auto", whole_page: bool = False
) -> Source:
    """The source of a fetched answer, read by the reader its content type (else its
    URL's suffix, else its bytes) calls for; the metadata gains ``url``, ``final_url``,
    ``fetched_at`` and ``redirects`` (the hops, separated by spaces)."""
    source = source_from_bytes(
        fetched.data,
        fetched.url,
        paragraphs=paragraphs,
        whole_page=whole_page,
        content_type=fetched.content_type,
        url=fetched.final_url,
    )
    fetch = {
        "url": fetched.url,
        "final_url": fetched.final_url,
        "fetched_at": fetched.fetched_at,
        "redirects": " ".join(fetched.redirects),
    }
    metadata = {**source.article.metadata, **{k: v for k, v in fetch.items() if v}}
    article = dataclasses.replace(source.article, metadata=metadata)
    info = dataclasses.replace(
        source.info, final_url=fetched.final_url, fetched_at=fetched.fetched_at
    )
    return dataclasses.replace(source, article=article, info=info)


def read_url_source(
    url: str,
    *,
    paragraphs: ParagraphMode = "auto",
    whole_page: bool = False,
    max_bytes: int = MAX_ARTICLE_BYTES,
    timeout: float | None = None,
    connect_timeout: float | None = None,
) -> Source:
    """Fetch ``url`` (http or https) and read it. ``timeout`` bounds the whole fetch in
    seconds (default 30), ``connect_timeout`` each name lookup and connection (default
    10, never more than ``timeout``). Raises :class:`SourceError`."""
    from tui.sources import url as web  # http.client and ssl only when a URL is read

    total = web.DEFAULT_TOTAL_TIMEOUT if timeout is None else timeout
    connect = web.DEFAULT_CONNECT_TIMEOUT if connect_timeout is None else connect_timeout
    try:
        fetched = web.fetch_url(
            url,
            max_bytes=max_bytes,
            connect_timeout=min(connect, total),
            total_timeout=total,
            readable=lambda media: content_type_reader(media) is not None,
        )
    except ReaderError as exc:
        raise SourceError(url, str(exc)) from exc
    return source_from_fetched(fetched, paragraphs=paragraphs, whole_page=whole_page)


def read_source(
    path: str,
    *,
    allow_stream: bool = False,
    timeout: float | None = None,
    paragraphs: ParagraphMode = "auto",
    whole_page: bool = False,
    furniture: bool = True,
) -> Source:
    """Read the source named ``path``: a file, ``-`` (standard input) or an http(s) URL.

    Files: only regular files, unless ``allow_stream``: then a FIFO such as ``<(cmd)``
    too, read within ``timeout`` seconds when given (see
    :func:`~tui.sources.raw.read_bytes`). URLs: fetched within ``timeout`` seconds
    (default 30), see :func:`read_url_source`. ``paragraphs`` is the plain-text
    paragraph rule; ``whole_page`` keeps every text block of a web page; ``furniture=False``
    leaves a file's page-furniture flags for later (see
    :func:`~tui.engine.article_from_text`). Raises
    :class:`~tui.sources.base.SourceError` with a one-line reason.
    """
    if is_url(path):
        return read_url_source(path, paragraphs=paragraphs, whole_page=whole_page, timeout=timeout)
    refuse_other_schemes(path)
    data = read_bytes(path, allow_stream=allow_stream, timeout=timeout)
    return source_from_bytes(
        data, path, paragraphs=paragraphs, whole_page=whole_page, furniture=furniture
    )


def read_article(path: str, *, allow_stream: bool = False, timeout: float | None = None) -> Article:
    """The article at ``path`` (see :func:`read_source`)."""
    return read_source(path, allow_stream=allow_stream, timeout=timeout).article
