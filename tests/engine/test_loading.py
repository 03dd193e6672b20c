"""Bytes to text and text to paragraphs: the normative loading rules."""

from __future__ import annotations

import codecs
import gzip
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.engine import LoadError, decode_bytes, load_article, split_paragraphs
from tui.engine.loading import looks_binary

TEXT = "Café “Zürich” — naïve résumé.\nSecond line.\n\nΑθήνα, Москва, 東京 🎉"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
)
def test_unicode_encodings_decode_exactly(encoding: str, bom: bytes) -> None:
    text, used = decode_bytes(bom + TEXT.encode(encoding))
    assert text == TEXT
    assert "\ufeff" not in text
    family = encoding[:6]  # "utf-8-", "utf-16", "utf-32"
    if family == "utf-8-":
        assert used in (("utf-8-sig", "utf-8") if bom else ("utf-8",))
    else:
        assert used.lower().replace("_", "-").startswith(family)


def test_utf8_bom_is_reported() -> None:
    _, used = decode_bytes(codecs.BOM_UTF8 + b"plain")
    assert used in ("utf-8-sig", "utf-8")


def test_utf32_le_bom_is_not_mistaken_for_utf16() -> None:
    data = codecs.BOM_UTF32_LE + "ab".encode("utf-32-le")
    text, used = decode_bytes(data)
    assert text == "ab"
    assert "32" in used


def test_invalid_utf8_falls_back_to_cp1252() -> None:
    data = "Caf\u00e9 \u201cquoted\u201d \u2014 \u20ac5".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, used = decode_bytes(data)
    assert used == "cp1252"
    assert text == "Caf\u00e9 \u201cquoted\u201d \u2014 \u20ac5"


def test_cp1252_holes_still_decode() -> None:
    # 0x81 and 0x8d are undefined in cp1252: the fallback must not fail on them.
    data = b"caf\xe9 \x81 \x8d end"
    text, used = decode_bytes(data)
    assert used in ("cp1252", "latin-1", "iso-8859-1")
    assert text.startswith("café ") and text.endswith(" end")


def test_valid_utf8_wins_over_cp1252() -> None:
    text, used = decode_bytes("naïve".encode())
    assert (text, used) == ("naïve", "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00" * 64,
        gzip.compress(b"Putin in China for show of support. " * 40, mtime=0),
        random.Random(7).randbytes(4096),
        b"\x7fELF\x02\x01\x01" + b"\x00" * 200 + b"text",
        bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50,
    ],
    ids=["nuls", "gzip", "random", "elf", "controls"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(LoadError) as info:
        decode_bytes(data)
    message = str(info.value)
    assert message and "\n" not in message
    assert "binary" in message.lower()


def test_text_with_escape_and_tabs_is_not_binary() -> None:
    text = "Colour \x1b[31mred\x1b[0m\tand a tab.\x0c\nNext."
    decoded, _ = decode_bytes(text.encode())
    assert decoded == text


def test_empty_bytes_decode_to_nothing() -> None:
    assert decode_bytes(b"")[0] == ""
    assert load_article(b"", "empty.txt").paragraphs == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\n\r\nb\r\rc\n\nd", "a\n\nb\n\nc\n\nd"),
        ("a\n\rb", "a\n\nb"),
        ("a\r\r\nb", "a\n\nb"),
        ("no newline", "no newline"),
    ],
)
def test_newlines_are_normalised_and_nothing_else(raw: str, expected: str) -> None:
    assert decode_bytes(raw.encode())[0] == expected
    assert decode_bytes(codecs.BOM_UTF16_LE + raw.encode("utf-16-le"))[0] == expected


def test_other_characters_survive_decoding() -> None:
    raw = "  lead\u00a0space\t\u2028\u0085x \u200b\x1b[1m[bold]y[/bold]  \n"
    assert decode_bytes(raw.encode())[0] == raw


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("", ()),
        ("\n\n \n\t\n", ()),
        ("one", ("one",)),
        ("  one  \n", ("one",)),
        ("a\nb\n\nc", ("a\nb", "c")),
        ("a\n\n\n\n\nb", ("a", "b")),
        ("\n\na\n\n", ("a",)),
        ("a\n   \nb", ("a", "b")),
        ("a\n\t\nb", ("a", "b")),
        ("a\n\u00a0\nb", ("a", "b")),
        ("a\n\u00a0 \u2003\u3000\nb", ("a", "b")),
        ("a\n\u00a0x\nb", ("a\n\u00a0x\nb",)),
        ("  a  \n  b  \n\nc", ("a  \n  b", "c")),
        ("line one \nline two", ("line one \nline two",)),
        ("\u00a0lead and trail\u00a0", ("lead and trail",)),
        ("x\n\x0c\ny", ("x", "y")),
    ],
)
def test_paragraph_rule(text: str, paragraphs: tuple[str, ...]) -> None:
    assert split_paragraphs(text) == paragraphs


def test_paragraph_rule_after_decoding_crlf() -> None:
    article = load_article(b"Title\r\n\r\nFirst line\r\nsecond line\r\n \r\nLast", "x.txt")
    assert article.paragraphs == ("Title", "First line\nsecond line", "Last")
    assert article.path == "x.txt"
    assert article.encoding == "utf-8"


def test_load_article_reports_encoding() -> None:
    article = load_article("Caf\u00e9\n\nBar".encode("cp1252"), "old.txt")
    assert article.encoding == "cp1252"
    assert article.paragraphs == ("Caf\u00e9", "Bar")


def test_load_article_refuses_binary_with_one_line() -> None:
    with pytest.raises(LoadError) as info:
        load_article(b"\x00\x01\x02\x03" * 100, "blob.bin")
    assert "\n" not in str(info.value)


def test_bad_bytes_after_a_bom_are_an_error_not_a_crash() -> None:
    data = codecs.BOM_UTF16_LE + b"a\x00\x00"  # odd length: not UTF-16
    try:
        text, used = decode_bytes(data)
    except LoadError as exc:
        assert "\n" not in str(exc)
    else:
        assert used.startswith("utf-16") or text


@given(st.binary(max_size=300), st.booleans())
def test_looks_binary_counts_controls_as_the_byte_loop_does(data: bytes, utf8: bool) -> None:
    """The control count made in C (``bytes.translate``) is the plain loop's."""
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\x0b\x0c\x1b")
    nuls = sample.count(0)
    if not sample:
        expected = False
    elif utf8:
        expected = nuls > max(2, len(sample) // 100) or controls > len(sample) * 0.3
    else:
        expected = nuls > 0 or controls > len(sample) * 0.01
    assert looks_binary(data, utf8) == expected
