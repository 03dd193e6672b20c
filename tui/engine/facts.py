"""Fact flags of spans: the kinds of fact a change adds, removes or alters (read from
the row's fact-ledger entries, :mod:`tui.engine.ledger`), and look-alike letters."""

from __future__ import annotations

import re
from collections.abc import Collection

from tui.engine.model import FLAGS, Flag
from tui.engine.tokens import HOMOGLYPHS

#: A word as the classifier sees it: a number with separators (2022-02-03, 1,000) or a
#: word with inner apostrophes.
WORD_RE = re.compile(r"\d+(?:[-/.,]\d+)+|\w+(?:['’]\w+)*")
_HOMOGLYPH_CHARS = frozenset(HOMOGLYPHS)
_ANY_HOMOGLYPH = re.compile("[" + "".join(HOMOGLYPHS) + "]")


def has_homoglyph(text: str) -> bool:
    """True when a Cyrillic/Greek look-alike letter sits in a word with Latin letters."""
    if text.isascii() or not _ANY_HOMOGLYPH.search(text):
        return False
    for word in WORD_RE.findall(text):
        if any(ch in _HOMOGLYPH_CHARS for ch in word) and any(
            "a" <= ch.lower() <= "z" for ch in word
        ):
            return True
    return False


def flags_for(kinds: Collection[str], homoglyph: bool) -> tuple[Flag, ...]:
    """The span flags for fact ``kinds`` (ledger kinds; "paragraph" is no flag), in
    :data:`~tui.engine.model.FLAGS` order, plus "homoglyph"."""
    if not kinds and not homoglyph:  # most changes
        return ()
    present = set(kinds)
    if homoglyph:
        present.add("homoglyph")
    return tuple(f for f in FLAGS if f in present)  # type: ignore[misc]
