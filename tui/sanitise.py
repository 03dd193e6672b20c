"""Make untrusted article text safe to show: no control character reaches a terminal.

Shared by the text, Markdown and HTML exporters (the JSON export keeps text exact).
"""

from __future__ import annotations

import re

#: Shown for C1 controls and bidi overrides, which have no control picture.
REPLACEMENT = "\ufffd"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if code not in (0x09, 0x0A):  # tab and newline are layout; all else is shown
            table[code] = chr(0x2400 + code)  # Unicode control pictures: ESC -> ␛, BEL -> ␇
    table[0x7F] = "\u2421"  # DEL -> ␡
    for code in range(0x80, 0xA0):  # C1 controls, including CSI (0x9b) and OSC (0x9d)
        table[code] = REPLACEMENT
    # Bidi embeddings/overrides/isolates reorder what follows them; line/paragraph
    # separators break lines behind the renderer's back; a BOM inside text is invisible.
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029, 0xFEFF):
        table[code] = REPLACEMENT
    return table


_TABLE = _build_table()
#: Any character of the table: finding none is much faster than translating.
_UNSAFE = re.compile("[" + "".join(re.escape(chr(code)) for code in _TABLE) + "]")


def sanitise(text: str) -> str:
    """Replace control characters (all C0 but ``\\n`` and ``\\t``, DEL, C1, bidi
    controls) by visible placeholders, one code point for one code point."""
    return text.translate(_TABLE) if _UNSAFE.search(text) else text


def sanitise_line(text: str) -> str:
    """Like :func:`sanitise` for a one-line label: newlines and tabs become ␤ and ␉."""
    return sanitise(text).replace("\n", "\u2424").replace("\t", "\u2409")
