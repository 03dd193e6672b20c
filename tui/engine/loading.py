"""Bytes to text, and text to paragraphs. Pure: the caller does the reading."""

from __future__ import annotations

import codecs
import re

from tui.engine.furniture import furniture_flags
from tui.engine.model import Article
from tui.engine.paragraphs import ParagraphMode, detect_paragraphs

#: BOMs checked longest first (UTF-32 LE starts with the UTF-16 LE BOM).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SNIFF_BYTES = 65536
#: Control bytes that ordinary text carries (tab, newlines, form feed, escape).
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
#: Every byte but the control bytes text does not carry: deleting these from a sample
#: leaves those controls alone, counted in C rather than byte by byte.
_ALL_BUT_STRAY_CONTROLS = bytes(b for b in range(256) if b >= 32 or b in _TEXT_CONTROLS)
_NEWLINES = re.compile(r"\r\n?")


class LoadError(ValueError):
    """The bytes are not a text article; the message is one line for the user."""


def looks_binary(data: bytes, utf8: bool = True) -> bool:
    """True when ``data`` (without a BOM) looks like a binary file, not text.

    Valid UTF-8 is binary only with NUL bytes beyond a stray one or two, or with
    mostly control bytes. Bytes that are not UTF-8 must look like a legacy 8-bit
    text: no NUL, and control bytes at most 1%.
    """
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return False
    nuls = sample.count(0)
    controls = len(sample.translate(None, _ALL_BUT_STRAY_CONTROLS))
    if utf8:
        return nuls > max(2, len(sample) // 100) or controls > len(sample) * 0.3
    return nuls > 0 or controls > len(sample) * 0.01


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode an article's bytes; returns ``(text, encoding)`` with newlines normalised.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are honoured; other bytes
    that are not valid UTF-8 are read as cp1252, or latin-1 where cp1252 has holes.
    ``\\r\\n`` and ``\\r`` become ``\\n``; nothing else changes. Raises
    :class:`LoadError` on binary data or a BOM whose encoding does not decode.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise LoadError(f"not valid {encoding} despite its byte-order mark") from exc
            if encoding != "utf-8-sig":
                text = text.removeprefix("\ufeff")
            return _NEWLINES.sub("\n", text), encoding
    if looks_binary(data):
        raise LoadError("binary file, not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if looks_binary(data, utf8=False):
            raise LoadError("binary file, not text") from None
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "latin-1"
    return _NEWLINES.sub("\n", text), encoding


def split_paragraphs(text: str, mode: ParagraphMode = "auto") -> tuple[str, ...]:
    """Split text into paragraphs by ``mode`` (see :mod:`tui.engine.paragraphs`).

    ``"blank"`` is the rule of version 1: maximal runs of non-blank lines, each
    stripped (a line is blank when ``line.strip() == ""``); inner newlines are kept.
    """
    return detect_paragraphs(text, mode).texts


def load_article(data: bytes, path: str, mode: ParagraphMode = "auto") -> Article:
    """Decode ``data`` and split it into an :class:`Article` labelled ``path``."""
    text, encoding = decode_bytes(data)
    return article_from_text(text, path, encoding, mode)


def article_from_text(
    text: str,
    path: str,
    encoding: str = "utf-8",
    mode: ParagraphMode = "auto",
    *,
    furniture: bool = True,
) -> Article:
    """An :class:`Article` of decoded ``text``: paragraphs by ``mode``, with their
    offsets in ``text``, the rule used and the page-furniture flags (``furniture=False``:
    none yet, for :func:`~tui.engine.pipeline.with_furniture` to add later)."""
    found = detect_paragraphs(text, mode)
    return Article(
        path=path,
        encoding=encoding,
        paragraphs=found.texts,
        paragraph_rule=found.rule,
        wrap_width=found.wrap_width,
        offsets=found.offsets,
        furniture=furniture_flags(found.texts) if furniture else (),
    )
