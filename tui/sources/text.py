"""The plain-text reader: UTF-8, UTF-16/32 with a BOM (or without one when the bytes say
so unambiguously), cp1252 or latin-1; paragraphs separated by blank lines. It also reads
every source no other reader claims."""

from __future__ import annotations

import codecs
import re

from tui.engine.loading import LoadError, decode_bytes, looks_binary
from tui.sources.base import Extracted, ReaderError, ReadHints, content_type_charset

#: Encodings recognised without a BOM, widest first, and the BOM that names each one.
_WIDE_ENCODINGS: tuple[tuple[str, int, bytes], ...] = (
    ("utf-32-le", 4, codecs.BOM_UTF32_LE),
    ("utf-32-be", 4, codecs.BOM_UTF32_BE),
    ("utf-16-le", 2, codecs.BOM_UTF16_LE),
    ("utf-16-be", 2, codecs.BOM_UTF16_BE),
)
#: Control characters text does not carry (the engine's binary check allows tab, the
#: newlines, form feed and escape).
_STRAY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
#: The share of units that must be ASCII characters (NUL high bytes), in the first bytes.
_MIN_ASCII_SHARE = 0.1
_SAMPLE_BYTES = 65536
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


def _ascii_share(sample: bytes, width: int, little: bool) -> float:
    """The share of the ``width``-byte units of ``sample`` that hold an ASCII character."""
    units = len(sample) // width
    count = 0
    for start in range(0, units * width, width):
        unit = sample[start : start + width]
        low, high = (unit[0], unit[1:]) if little else (unit[-1], unit[:-1])
        if low < 0x80 and not any(high):
            count += 1
    return count / units if units else 0.0


def wide_encoding_without_bom(data: bytes) -> str | None:
    """The UTF-16/32 encoding of ``data`` when it has no BOM but its bytes leave no doubt,
    else ``None``.

    Unambiguous means: a whole number of units; at least a tenth of them ASCII characters,
    their NUL high bytes where this encoding puts them (every other byte for UTF-16, three
    of four for UTF-32); a strict decode; and plain text once decoded (no NUL, no stray
    control character, some whitespace). Binary files stay undecided, and so does UTF-16
    text with hardly any ASCII in it.
    """
    if b"\x00" not in data or data.startswith(_BOMS):
        return None
    sample = data[:_SAMPLE_BYTES]
    for encoding, width, _bom in _WIDE_ENCODINGS:
        if len(data) % width:
            continue
        if _ascii_share(sample, width, encoding.endswith("le")) < _MIN_ASCII_SHARE:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _STRAY_CONTROLS.search(text) and re.search(r"\s", text):
            return encoding
    return None


def decode_text(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Decode ``data`` (see :func:`wide_encoding_without_bom`); returns ``(text,
    encoding)``. ``charset`` (an HTTP header's) is used for bytes that are not UTF-8
    and carry no BOM. Raises :class:`LoadError`.
    """
    encoding = wide_encoding_without_bom(data)
    if encoding is not None:
        bom = next(b for name, _w, b in _WIDE_ENCODINGS if name == encoding)
        data = bom + data  # the engine decodes text with a BOM, and reports the encoding
    elif charset and not data.startswith(_BOMS) and not looks_binary(data, utf8=False):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass  # an unknown or wrong charset: decode as any other file
            else:
                return text.replace("\r\n", "\n").replace("\r", "\n"), charset.lower()
    return decode_bytes(data)


class TextReader:
    """Plain text (``.txt``, ``.md``, no suffix, and anything unclaimed)."""

    name = "text"
    suffixes = (".txt", ".text", ".md", ".markdown")
    content_types = ("text/plain", "text/markdown", "text/x-markdown")

    def sniff(self, data: bytes) -> bool:
        """Never claims bytes by content: it is the fallback reader."""
        return False

    def extract(self, data: bytes, hints: ReadHints) -> Extracted:
        """Decode ``data``; its paragraphs are left to the plain-text rules."""
        try:
            text, encoding = decode_text(data, content_type_charset(hints.content_type))
        except LoadError as exc:
            raise ReaderError(str(exc)) from exc
        return Extracted(text, None, {"encoding": encoding})
