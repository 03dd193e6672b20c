"""The PDF reader on files written by tests/sources/pdfmaker.py: paragraphs rebuilt from
lines, page furniture dropped, and the files it must refuse."""

from __future__ import annotations

import pytest

from tests.sources.pdfmaker import Line, make_pdf
from tui.sources.base import ReaderError
from tui.sources.pdf import extract_pdf

BODY_SIZE = 11
LEADING = 14
SECTIONS = ["Findings", "Costs", "Next steps"]
CONTINUED = ["goes on at the top of the next page.", "ends on the last page."]


def _paragraph(y: float, lines: list[str], indent: float = 0) -> tuple[list[Line], float]:
    """Lines of one paragraph from ``y`` down; returns them and the y after a gap."""
    placed = []
    for number, text in enumerate(lines):
        placed.append(Line(72 + (indent if number == 0 else 0), y, text, BODY_SIZE))
        y -= LEADING
    return placed, y - 10


def _report() -> bytes:
    """Three pages with a running header, a page number, a heading, spaced paragraphs,
    an indented paragraph without space before it, and a sentence across a page break."""
    pages = []
    for number in (1, 2, 3):
        lines = [Line(72, 760, f"Northport Council - Bridge report - page {number} of 3", 8)]
        lines.append(Line(72, 700, SECTIONS[number - 1], 16))
        y = 670.0
        first, y = _paragraph(
            y,
            [
                f"On page {number} the engineers describe the steel supports of the",
                "bridge, which were found cracked in two places during an inspection",
                "in the spring.",
            ],
        )
        lines += first
        second, _ = _paragraph(
            y + 10,
            [
                "An indented paragraph starts right below, with no space between",
                "the two paragraphs, as many printed reports set their text.",
            ],
            indent=18,
        )
        lines += second
        lines.append(
            Line(
                72,
                120,
                "This sentence runs over the page break and" if number < 3 else "The end.",
                BODY_SIZE,
            )
        )
        if number > 1:
            lines.insert(2, Line(72, 735, CONTINUED[number - 2], BODY_SIZE))
        lines.append(Line(300, 40, str(number), 9))
        pages.append(lines)
    return make_pdf(pages, title="Bridge report")


def test_paragraphs_are_rebuilt_and_page_furniture_dropped() -> None:
    paragraphs = extract_pdf(_report()).paragraphs
    assert paragraphs[:4] == [
        "Findings",
        "On page 1 the engineers describe the steel supports of the bridge, which were "
        "found cracked in two places during an inspection in the spring.",
        "An indented paragraph starts right below, with no space between the two "
        "paragraphs, as many printed reports set their text.",
        "This sentence runs over the page break and goes on at the top of the next page.",
    ]
    assert paragraphs[4] == "Costs"
    assert paragraphs[-1] == "The end."
    assert len(paragraphs) == 12
    assert not any("Bridge report - page" in p for p in paragraphs)
    assert not any(p.strip().isdigit() for p in paragraphs)


def test_a_one_page_header_is_kept_but_its_page_number_goes() -> None:
    pdf = make_pdf(
        [
            [
                Line(72, 760, "Press release", 9),
                Line(72, 700, "The bridge reopens on Monday.", 11),
                Line(300, 40, "Page 1", 9),
            ]
        ]
    )
    assert extract_pdf(pdf).paragraphs == ["Press release", "The bridge reopens on Monday."]


def test_metadata_comes_from_the_document_information() -> None:
    metadata = extract_pdf(_report()).metadata
    assert metadata["title"] == "Bridge report"
    assert metadata["author"] == "Test Author"
    assert metadata["reader"] == "pdf (pdfminer.six)"


def test_a_hyphen_at_a_line_end_joins_the_word_and_stays() -> None:
    pdf = make_pdf(
        [[Line(72, 700, "The engineers found the well-"), Line(72, 686, "known supports sound.")]]
    )
    assert extract_pdf(pdf).paragraphs == ["The engineers found the well-known supports sound."]


def test_a_scanned_pdf_without_text_is_a_clear_error() -> None:
    with pytest.raises(ReaderError, match=r"no text layer, only images \(a scan\?\)"):
        extract_pdf(make_pdf([[], []], image_only=True))


def test_a_pdf_that_needs_a_password_is_a_clear_error() -> None:
    pdf = make_pdf([[Line(72, 700, "Secret text.")]], user_password="secret")
    with pytest.raises(ReaderError, match=r"^encrypted PDF: it needs a password to open$"):
        extract_pdf(pdf)


def test_a_pdf_encrypted_without_an_open_password_is_read() -> None:
    pdf = make_pdf([[Line(72, 700, "Printing is restricted, reading is not.")]], user_password="")
    assert extract_pdf(pdf).paragraphs == ["Printing is restricted, reading is not."]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not a PDF file"),
        (b"hello world", "not a PDF file"),
        (b"%PDF-1.4\nnothing else", "not a readable PDF: "),
        (make_pdf([[Line(72, 700, "cut short")]])[:300], "not a readable PDF: "),
    ],
)
def test_a_damaged_pdf_is_a_clear_one_line_error(data: bytes, reason: str) -> None:
    with pytest.raises(ReaderError) as caught:
        extract_pdf(data)
    assert str(caught.value).startswith(reason)
    assert "\n" not in str(caught.value)


def test_a_pdf_with_empty_pages_only_is_a_clear_error() -> None:
    with pytest.raises(ReaderError, match=r"^no text in the PDF$"):
        extract_pdf(make_pdf([[]]))
