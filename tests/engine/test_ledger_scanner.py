"""The fact scanner's fast paths give what the plain scans give."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS, WORDS
from tui.engine.factforms import QUALIFIERS, UNITS
from tui.engine.ledger import (
    _BREAK,
    _LEXICON,
    _LEXICON_WORDS,
    _MATERIAL_SCANNERS,
    _MATERIAL_WORDS,
    _alternation,
    _lacks_material,
    _skipping_scan,
    _tokens,
)

#: The scanner's tokens as one regex tried at every character (the scanner before it
#: learned to skip): the reference :func:`_tokens` must agree with.
_PLAIN_TOKEN = re.compile(
    r"(?P<init>(?:[A-Z]\.){2,})"
    r"|(?P<cur>[$€£¥])?(?P<num>\d+(?:[.,:]\d+)*)(?P<sfx>%|st|nd|rd|th|s)?"
    r"|(?<![\w'’])(?P<word>(?:(?=[^\W\d_a-z])|(?=(?:" + _LEXICON + r")(?![\w'’]))"
    r"|(?=[^\W\d_]+n['’]t(?![\w'’])))[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<sym>[%°])"
)


#: The fact material as one regex tried at every character (see :data:`_PLAIN_TOKEN`).
_PLAIN_MATERIAL = re.compile(
    r"(?<![\w'’])(?:[^\W\d_a-z][\w'’.-]*|(?:"
    + _alternation({*_LEXICON_WORDS, *(u for u in UNITS if u.isalpha()), *QUALIFIERS})
    + r")(?![\w'’])|[^\W\d_]+n['’]t|[ap]\.?m\b)|\d[\d.,:]*|[%$€£¥°]",
)


def _plain_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """Tokens ``(start, regex end, text, group)`` of the plain scan."""
    out = []
    for m in _PLAIN_TOKEN.finditer(text, start, end):
        group = m.lastgroup or ""
        out.append((m.start(), m.end(), m.group(), "num" if group in ("cur", "sfx") else group))
    return out


def _fast_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """The same of :func:`_tokens` (which adds an abbreviation's full stop to its token)."""
    out = []
    for tok in _tokens(text, start, end):
        stop = tok.text.endswith(".") and tok.group == "word"
        regex_end = tok.end - 1 if stop else tok.end
        out.append((tok.start, regex_end, tok.text[: regex_end - tok.start], tok.group))
    return out


#: Pieces that meet at the scanner's edges: tokens that end in a mark ("50%", "U.S.")
#: followed at once by a lower-case word, currency before letters, n't, lexicon words.
_PIECES = (
    *WORDS,
    *("of", "not", "no", "one", "two", "million", "y", "de", "n't", "n’t", "don't", "can’t"),
    *("isn't", "a", "an", "%", "°", "$", "€", ".", ",", "'", "’", "_", "-", "é", "É"),
    "50%of",
    "°no",
    "U.S.not",
    "$no",
    "5th",
    "3,5:2",
    "iPhone",
    "abc123",
    "X.Y.Z.",
    "won'T",
    "o'don't",
    "ΑΒ",
    "²no",
    "a.m.",
    "p.m",
    "more than",
    "at least",
    "km",
    "percent",
    "2020,not",
    "Mr.no",
    "don'ts",
)
_text = st.lists(
    st.sampled_from(_PIECES) | st.text(max_size=4),
    max_size=30,
).flatmap(
    lambda pieces: st.tuples(
        st.just(pieces),
        st.lists(
            st.sampled_from(["", " ", "  ", "\n", "."]), min_size=len(pieces), max_size=len(pieces)
        ),
    )
)


def _cut_text(
    pieces_and_gaps: tuple[list[str], list[str]], cut_start: int, cut_end: int
) -> tuple[str, int, int]:
    """The text of the pieces and their gaps, and a range of it to scan."""
    pieces, gaps = pieces_and_gaps
    text = "".join(p + g for p, g in zip(pieces, gaps, strict=True))
    start = min(cut_start, len(text))
    return text, start, max(start, len(text) - cut_end)


@ENGINE_SETTINGS
@given(_text, st.integers(0, 40), st.integers(0, 40))
@example((["“quoted”", "A", "won't", "the"], ["", "", "", ""]), 0, 0)
@example((["(", "Don't", "s"], ["", "", " "]), 0, 0)
def test_tokens_are_those_of_the_plain_scan(
    pieces_and_gaps: tuple[list[str], list[str]], cut_start: int, cut_end: int
) -> None:
    text, start, end = _cut_text(pieces_and_gaps, cut_start, cut_end)
    assert _fast_tokens(text, start, end) == _plain_tokens(text, start, end)


@ENGINE_SETTINGS
@given(_text, st.integers(0, 40), st.integers(0, 40))
@example((["“quoted”", "A", "won't", "the"], ["", "", "", ""]), 0, 0)
@example((["(", "Don't", "s"], ["", "", " "]), 0, 0)
def test_material_is_that_of_the_plain_scan(
    pieces_and_gaps: tuple[list[str], list[str]], cut_start: int, cut_end: int
) -> None:
    text, start, end = _cut_text(pieces_and_gaps, cut_start, cut_end)
    fast = [(s, text[s:e]) for s, e, _ in _skipping_scan(_MATERIAL_SCANNERS, text, start, end)]
    plain = [(m.start(), m.group()) for m in _PLAIN_MATERIAL.finditer(text, start, end)]
    assert fast == plain


#: Words of a change besides the material's: words that start like them or are cut
#: short, and others; and words with other characters than a-z.
_OTHER_LOWER_WORDS = (
    *("am", "pm", "amber", "pmt", "a", "m", "k", "nine", "ninet", "thousands", "excess"),
    *("the", "said", "than", "cent", "notably", "ofthe", "y", "yes", "at", "more", "x", ""),
)
_NOT_LOWER_WORDS = ("don't", "won’t", "x'of", "5th", "7", "\nnine", "the\n", "Nine", "é")
#: What stands around a change.
_CONTEXT = ("", " ", "\n", "50%", "A", "5", "$", "'", "’", "don", "of", "x", "U.S.")


@ENGINE_SETTINGS
@given(
    st.sampled_from(_CONTEXT),
    st.lists(
        st.sampled_from(sorted(_MATERIAL_WORDS))
        | st.sampled_from(_OTHER_LOWER_WORDS)
        | st.sampled_from(_NOT_LOWER_WORDS),
        max_size=4,
    ).map(" ".join),
    st.sampled_from(_CONTEXT),
    st.just(0) | st.integers(1, 6),
    st.just(0) | st.integers(1, 6),
)
@example("50%", "of the", "", 0, 0)
@example("", "more than", "", 0, 0)
@example("", "five", "th", 0, 0)
@example("", "amber", "", 0, 3)
def test_a_change_said_to_lack_material_has_none(
    before: str, change: str, after: str, cut_start: int, cut_end: int
) -> None:
    """Where :func:`_lacks_material` says so, the plain scan finds nothing in the change
    (or in a part of it cut mid-word)."""
    text = before + change + after
    start = len(before) + min(cut_start, len(change))
    end = max(start, len(before) + len(change) - cut_end)
    if _lacks_material(text[start:end]):
        assert _PLAIN_MATERIAL.search(text, start, end) is None


#: Sentence breaks as first written: an alternation the regex engine tries at every
#: character (:data:`_BREAK` starts with one class of characters, which it skips to).
_PLAIN_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]*[A-Z])|\n+")


@ENGINE_SETTINGS
@given(
    st.lists(
        st.sampled_from([".", "!", "?", "\n", "\n\n", " ", "  ", '"', "”", "’", ")", "]", "“", "("])
        | st.sampled_from(["A", "The", "a", "x", "Mr", "U.S", "\t", ":"]),
        max_size=20,
    ).map("".join),
    st.integers(0, 5),
)
@example("end.\n\nThe", 0)
def test_sentence_breaks_are_those_of_the_plain_regex(text: str, start: int) -> None:
    assert [m.span() for m in _BREAK.finditer(text, start)] == [
        m.span() for m in _PLAIN_BREAK.finditer(text, start)
    ]
