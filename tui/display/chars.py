"""Look-alike letters and invisible characters, named for people.

A Cyrillic "а" in a Latin word, or a no-break space for a space, looks the same on
screen: the status line says which characters differ ("Cyrillic а U+0430 for Latin a
U+0061"). Pure; the engine decided which spans differ, this only names the characters.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

from tui.engine import Row
from tui.engine.tokens import fold_text

#: Spans longer than this (a reworded passage) are not compared character by character.
MAX_SPAN_CHARS = 2_000
#: At most this many descriptions per row (the status line is one line).
MAX_NAMED = 3


def describe_char(ch: str) -> str:
    """``ch`` for people: "space", "no-break space U+00A0", "Cyrillic а U+0430"."""
    if ch == " ":
        return "space"
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    if not name:
        return code
    if is_invisible(ch):
        return f"{name.lower()} {code}"
    if ch.isalpha():
        return f"{name.split()[0].capitalize()} {ch} {code}"
    return f"{ch} {code}"


def is_invisible(ch: str) -> bool:
    """True for a character that draws nothing or a plain-looking space (space aside)."""
    return ch != " " and unicodedata.category(ch) in {"Zs", "Zl", "Zp", "Cf", "Cc"}


def _look_alike(a: str, b: str) -> bool:
    """Two different letters that look the same (of two scripts), or a space-like or
    invisible character against another one or a space."""
    if a.isalpha() and b.isalpha():
        return fold_text(a) == fold_text(b) and _script(a) != _script(b)
    return (
        (is_invisible(a) or is_invisible(b))
        and (a.isspace() or is_invisible(a))
        and (b.isspace() or is_invisible(b))
    )


def _script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def differing_characters(row: Row) -> list[str]:
    """The look-alike or invisible characters that differ in ``row``'s changed spans,
    named: "Cyrillic а U+0430 for Latin a U+0061" (B's character for A's), "zero width
    space U+200B inserted"; each pair once, at most :data:`MAX_NAMED`."""
    named: list[str] = []
    for span in row.spans:
        # An "equal" span may still differ in its spaces (a no-break space for a space).
        if span.a == span.b or (span.a.isascii() and span.b.isascii()):
            continue
        if len(span.a) > MAX_SPAN_CHARS or len(span.b) > MAX_SPAN_CHARS:
            continue
        for line in _span_differences(span.a, span.b):
            if line not in named:
                named.append(line)
            if len(named) == MAX_NAMED:
                return named
    return named


def _span_differences(a: str, b: str) -> list[str]:
    out: list[str] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "replace" and a1 - a0 == b1 - b0:
            for ca, cb in zip(a[a0:a1], b[b0:b1], strict=True):
                if _look_alike(ca, cb):
                    out.append(f"{describe_char(cb)} for {describe_char(ca)}")
        elif op == "insert":
            out.extend(f"{describe_char(c)} inserted" for c in b[b0:b1] if is_invisible(c))
        elif op == "delete":
            out.extend(f"{describe_char(c)} deleted" for c in a[a0:a1] if is_invisible(c))
    return out
