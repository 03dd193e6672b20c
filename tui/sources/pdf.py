"""PDF: the text layer, paragraphs rebuilt from line positions, page furniture dropped.

Why pdfminer.six: rebuilding paragraphs and recognising repeated page headers, footers
and page numbers needs every text line with its position and size on the page, which
pdfminer's layout analysis gives (lines grouped in reading order, with bounding boxes).
pypdf is lighter but gives a flat text stream per page (positions only through a
low-level visitor), so both would need the same geometry work on worse input.
pdfminer.six is pure Python, maintained, and decrypts the standard security handlers.

Encrypted files are opened with the empty password, as every viewer does (a file that
only restricts copying or printing reads normally); a file that needs a password to
open is refused with a clear message. A file without a text layer (a scan) is refused:
an empty article would give an empty, misleading diff.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass

from tui.sources.base import Extracted, ReaderError, from_paragraphs

#: Pages read at most: beyond, the file is refused (pdfminer is pure Python, ~0.1 s a page).
MAX_PDF_PAGES = 2000
#: Share of the page height, at the top and at the bottom, where headers and footers live.
_MARGIN_SHARE = 0.1
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:page|p\.|seite|pag\.?)?\s*(?:\d{1,4}|[ivxlc]{1,7})"
    r"(?:\s*(?:of|/|von|de)\s*\d{1,4})?[\W_]*$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]$")
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class _Line:
    """One text line of a page, in PDF points from the bottom-left corner."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


def _furniture_key(text: str) -> str:
    """Lines that differ only in their digits (page 3 / page 4) count as the same."""
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def _drop_furniture(pages: list[list[_Line]], heights: list[float]) -> list[list[_Line]]:
    """Drop page numbers and headers/footers that repeat on several pages.

    Candidates are the first and last two lines of a page that lie in its top or
    bottom margin band; a candidate goes when it is a page number, or when the same
    text (digits aside) sits in the same band on at least two pages and half of them.
    """

    def band(lines: list[_Line], index: int, height: float) -> str:
        if 2 <= index < len(lines) - 2:
            return ""
        line = lines[index]
        if line.y0 > height * (1 - _MARGIN_SHARE):
            return "top"
        return "bottom" if line.y1 < height * _MARGIN_SHARE else ""

    bands = [
        [band(lines, index, heights[number]) for index in range(len(lines))]
        for number, lines in enumerate(pages)
    ]
    pages_with: dict[tuple[str, str], set[int]] = {}
    for number, lines in enumerate(pages):
        for line, where in zip(lines, bands[number], strict=True):
            if where:
                pages_with.setdefault((where, _furniture_key(line.text)), set()).add(number)
    needed = max(2, (len(pages) + 1) // 2)
    return [
        [
            line
            for line, where in zip(lines, bands[number], strict=True)
            if not where
            or not (
                _PAGE_NUMBER.match(line.text)
                or len(pages_with[(where, _furniture_key(line.text))]) >= needed
            )
        ]
        for number, lines in enumerate(pages)
    ]


def _starts_paragraph(prev: _Line, line: _Line, right_edge: float) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev`` (same page)."""
    size = min(prev.height, line.height)
    if line.y1 > prev.y0 + size * 0.5:  # not below: a new column or a text box elsewhere
        return True
    if prev.y0 - line.y1 > size * 0.6:  # more space than the leading between lines
        return True
    if abs(line.height - prev.height) > 0.2 * max(line.height, prev.height):
        return True  # a heading or a caption in another size
    if line.x0 > prev.x0 + size * 0.8:  # first-line indent
        return True
    width = right_edge - prev.x0
    return prev.x1 < right_edge - 0.15 * width and bool(_SENTENCE_END.search(prev.text))


def _join(lines: list[str]) -> str:
    """Join a paragraph's lines: a line break is layout, not content.

    A soft hyphen at a line end is dropped; a hard hyphen is kept (it may be real).
    """
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("\u00ad"):
            text = text[:-1] + line
        elif text.endswith("-") and not text.endswith(" -") and line[:1].islower():
            text += line
        else:
            text += " " + line
    return text


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    """Rebuild paragraphs from lines; a paragraph cut by a page break is joined again
    when the page ends mid-sentence and the next page goes on in lower case."""
    paragraphs: list[list[str]] = []
    for lines in pages:
        if not lines:
            continue
        right_edge = max(line.x1 for line in lines)
        first = lines[0]
        if paragraphs and not _SENTENCE_END.search(paragraphs[-1][-1]) and first.text[:1].islower():
            paragraphs[-1].append(first.text)
        else:
            paragraphs.append([first.text])
        for prev, line in itertools.pairwise(lines):
            if _starts_paragraph(prev, line, right_edge):
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
    return [_join(lines) for lines in paragraphs]


def _decode_info(value: object) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _pdf_date(value: str) -> str:
    """``D:20240305120000Z`` -> ``2024-03-05``; anything else as it is."""
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", value)
    if not match:
        return value
    return "-".join(part for part in match.groups() if part)


def _metadata(document) -> dict[str, str]:
    info = document.info[0] if document.info else {}
    return {
        "reader": "pdf (pdfminer.six)",
        "title": _decode_info(info.get("Title")),
        "author": _decode_info(info.get("Author")),
        "date": _pdf_date(_decode_info(info.get("CreationDate"))),
    }


def _read_lines(data: bytes) -> tuple[list[list[_Line]], list[float], bool, dict[str, str]]:
    """Every page's text lines in reading order, page heights, whether any page has
    images, and the document's metadata."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect as exc:
        raise ReaderError("encrypted PDF: it needs a password to open") from exc
    except PDFEncryptionError as exc:
        raise ReaderError(f"encrypted PDF that cannot be opened: {exc}") from exc
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[list[_Line]] = []
    heights: list[float] = []
    has_images = False
    for number, page in enumerate(PDFPage.create_pages(document)):
        if number >= MAX_PDF_PAGES:
            raise ReaderError(f"PDF too long (over {MAX_PDF_PAGES} pages)")
        interpreter.process_page(page)
        layout = device.get_result()
        lines: list[_Line] = []
        stack = list(layout)
        while stack:  # depth-first, keeping order: text boxes may sit inside figures
            item = stack.pop(0)
            if isinstance(item, LTTextLine):
                text = " ".join(item.get_text().split())
                if text:
                    lines.append(_Line(number, item.x0, item.y0, item.x1, item.y1, text))
            elif isinstance(item, LTTextContainer | LTFigure):
                has_images |= isinstance(item, LTFigure)
                stack[:0] = list(item)
            elif isinstance(item, LTImage):
                has_images = True
        pages.append(lines)
        heights.append(layout.height)
    return pages, heights, has_images, _metadata(document)


def extract_pdf(data: bytes) -> Extracted:
    """Read a PDF's text layer: paragraphs rebuilt from lines, repeated page headers,
    footers and page numbers dropped; title, author and date as metadata.

    Raises :class:`ReaderError` for a damaged or password-protected file, or one with no
    text layer (a scan).
    """
    if b"%PDF-" not in data[:1024]:
        raise ReaderError("not a PDF file")
    try:
        pages, heights, has_images, metadata = _read_lines(data)
    except ReaderError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise ReaderError(f"not a readable PDF: {reason}") from exc
    if not pages:
        raise ReaderError("PDF without pages")
    if not any(pages):
        if has_images:
            raise ReaderError(
                "PDF has no text layer, only images (a scan?): run it through OCR first"
            )
        raise ReaderError("no text in the PDF")
    text = "".join(line.text for lines in pages for line in lines)
    unmapped = sum(len(match) for match in _UNMAPPED_GLYPH.findall(text))
    if unmapped > len(text) / 2:
        raise ReaderError("PDF text cannot be decoded (its fonts have no character map)")
    paragraphs = _paragraphs(_drop_furniture(pages, heights))
    if not paragraphs:
        raise ReaderError("no text in the PDF besides page headers and numbers")
    return from_paragraphs(paragraphs, metadata)
