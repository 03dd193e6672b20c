"""The Word reader on documents made by python-docx in the test, and on broken files."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest

from tui.sources.base import ReaderError
from tui.sources.docx import extract_docx


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _article() -> bytes:
    document = docx.Document()
    document.core_properties.author = "Maria Okafor"
    document.core_properties.created = dt.datetime(2024, 5, 14, 6, 30)
    document.add_heading("Harbour bridge reopens", 0)
    document.add_paragraph("The Eastgate bridge reopened to traffic on Monday.")
    document.add_heading("What it cost", 1)
    document.add_paragraph("Steel supports", style="List Bullet")
    document.add_paragraph("Welding and paint", style="List Number")
    broken = document.add_paragraph("A line")
    broken.add_run().add_break()
    broken.add_run("and  the next   line")
    document.add_paragraph("   ")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Item"
    table.cell(0, 1).text = "Budget"
    table.cell(0, 2).text = "Actual"
    table.cell(1, 0).text = "Total"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "£48 million"
    table.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "nested cell"
    document.add_paragraph("The council will publish the accounts in September.")
    return _saved(document)


def test_paragraphs_headings_lists_and_cells_come_in_document_order() -> None:
    extracted = extract_docx(_article())
    assert extracted.paragraphs == [
        "Harbour bridge reopens",
        "The Eastgate bridge reopened to traffic on Monday.",
        "What it cost",
        "Steel supports",
        "Welding and paint",
        "A line\nand the next line",
        "Item",
        "nested cell",
        "Budget",
        "Actual",
        "Total",
        "£48 million",  # a merged cell is read once
        "The council will publish the accounts in September.",
    ]
    assert extracted.text == "\n\n".join(extracted.paragraphs)


def test_metadata_comes_from_the_document_properties_and_title() -> None:
    metadata = extract_docx(_article()).metadata
    assert metadata == {
        "reader": "docx (python-docx)",
        "title": "Harbour bridge reopens",
        "author": "Maria Okafor",
        "date": "2024-05-14",
    }


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"plain text, not a zip", "not a Word document (.docx): not a zip file"),
        (b"PK\x03\x04" + bytes(200), "not a Word document (.docx): not a zip file"),
        (
            _zip({"notes.txt": "hello"}),
            "not a Word document (.docx): a zip file without a document",
        ),
        (_zip({"word/document.xml": "<w:document"}), "not a readable Word document (.docx): "),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old binary Word file (.doc)"),
    ],
    ids=["text", "cut-zip", "zip-without-document", "damaged-xml", "ole2"],  # zips hold dates
)
def test_a_corrupt_document_is_a_clear_one_line_error(data: bytes, reason: str) -> None:
    with pytest.raises(ReaderError) as caught:
        extract_docx(data)
    assert str(caught.value).startswith(reason)
    assert "\n" not in str(caught.value)


def test_a_document_whose_xml_is_damaged_is_a_clear_error() -> None:
    good = _article()
    damaged = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]
            target.writestr(item, body)
    with pytest.raises(ReaderError, match=r"not a readable Word document \(.docx\)"):
        extract_docx(damaged.getvalue())


def test_an_empty_document_is_a_clear_error() -> None:
    with pytest.raises(ReaderError, match="no text in the Word document"):
        extract_docx(_saved(docx.Document()))
