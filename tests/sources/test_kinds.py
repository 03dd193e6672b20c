"""Which reader a file or answer goes to, and that readers load their libraries lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.sources.pdfmaker import Line, make_pdf
from tui.sources.readers import reader_for

PDF = make_pdf([[Line(72, 700, "x")]])


@pytest.mark.parametrize(
    ("data", "name", "content_type", "kind"),
    [
        (b"plain words", "a.txt", None, "text"),
        (b"<html><body>x</body></html>", "notes.txt", None, "text"),  # a known suffix wins
        (b"anything", "page.HTM", None, "html"),
        (b"anything", "story.html", None, "html"),
        (b"anything", "brief.docx", None, "docx"),
        (b"anything", "report.pdf", None, "pdf"),
        (PDF, "download", None, "pdf"),
        (b"PK\x03\x04....word/document.xml", "download", None, "docx"),
        (b"PK\x03\x04....other", "download", None, "text"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "saved", None, "html"),
        (b"<!-- saved from url --><html lang=en>", "saved", None, "html"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old Word", "letter.doc", None, "docx"),
        (b"anything", "story.html", "application/pdf", "pdf"),  # an answer's type wins
        (b"Dear editor, <html> is a tag.", "letter", None, "text"),
        (b"x", "", "application/pdf", "pdf"),
        (b"x", "", "text/html; charset=utf-8", "html"),
        (b"x", "", "text/plain", "text"),
    ],
)
def test_the_reader_is_chosen_by_suffix_type_then_bytes(
    data: bytes, name: str, content_type: str | None, kind: str
) -> None:
    assert reader_for(name, data, content_type).name == kind


def test_readers_import_their_libraries_only_when_reading() -> None:
    code = (
        "import sys\n"
        "import tui.sources, tui.sources.html, tui.sources.docx, tui.sources.pdf\n"
        "heavy = {'trafilatura', 'lxml', 'docx', 'pdfminer', 'cryptography'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
