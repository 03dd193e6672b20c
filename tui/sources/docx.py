"""Word documents (.docx): paragraphs, headings, list items and table cells, in order.

Why python-docx: the maintained, pure-Python reader of the Office Open XML format
(lxml underneath, shared with the HTML reader), with document order, tables and core
properties. docx2txt and mammoth flatten or convert to HTML and lose that structure.
Page headers, footers, footnotes and comments are not read: they are not the article.
"""

from __future__ import annotations

import io

from tui.sources.base import OLE2_MAGIC, Extracted, ReaderError, from_paragraphs

#: Largest uncompressed main document part accepted (a zip bomb stops here).
MAX_DOCUMENT_XML_BYTES = 256 * 1024 * 1024


def _check_container(data: bytes) -> None:
    """Refuse what is not a .docx before python-docx sees it, with a reason."""
    import zipfile

    if data.startswith(OLE2_MAGIC):
        raise ReaderError(
            "old binary Word file (.doc) or password-protected document: save it as .docx"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
    except zipfile.BadZipFile as exc:
        raise ReaderError("not a Word document (.docx): not a zip file") from exc
    except KeyError as exc:
        raise ReaderError("not a Word document (.docx): a zip file without a document") from exc
    if info.file_size > MAX_DOCUMENT_XML_BYTES:
        raise ReaderError(
            f"Word document too large (text part over {MAX_DOCUMENT_XML_BYTES // 2**20} MiB)"
        )


def _paragraph_text(paragraph) -> str:
    """The paragraph's text with soft line breaks kept and spaces tidied."""
    lines = (" ".join(line.split()) for line in paragraph.text.split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(container, out: list[str]) -> None:
    """Paragraphs of a document or cell, tables cell by cell, in document order.

    A merged cell is met once per grid column it spans; it is read once.
    """
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen = set()  # the cells' XML elements, kept alive so identity holds
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        _walk(cell, out)
        else:
            text = _paragraph_text(block)
            if text:
                out.append(text)


def _first_title(document) -> str:
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style == "Title" or style.startswith("Heading 1"):
            return _paragraph_text(paragraph)
    return ""


def extract_docx(data: bytes) -> Extracted:
    """Read a .docx: its paragraphs in document order; title, author and date as metadata.

    Raises :class:`ReaderError` for a file that is not a readable Word document or has
    no text.
    """
    _check_container(data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs: list[str] = []
        _walk(document, paragraphs)
        properties = document.core_properties
        stamp = properties.created or properties.modified
        metadata = {
            "reader": "docx (python-docx)",
            "title": " ".join((properties.title or _first_title(document)).split()),
            "author": " ".join((properties.author or "").split()),
            "date": stamp.date().isoformat() if stamp else "",
        }
    except ReaderError:
        raise
    except Exception as exc:  # python-docx raises many kinds on malformed parts
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise ReaderError(f"not a readable Word document (.docx): {reason}") from exc
    if not paragraphs:
        raise ReaderError("no text in the Word document")
    return from_paragraphs(paragraphs, metadata)
