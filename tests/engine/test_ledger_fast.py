"""The ledger's fast forms give what the plain forms they replace give."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.ledger import _CASE_EXCEPTIONS, _VERB_RE, SPEECH_VERBS, _speech_verbs

_CODE_POINTS = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
_LETTER_OR_BLANK = re.compile(r"[a-z ]", re.IGNORECASE)
_WORD = re.compile(r"\w")


def test_lower_case_ignores_case_as_the_regex_flag_does_but_for_the_exceptions() -> None:
    """What :func:`_speech_verbs` relies on, for every character: lower-cased, it is one
    character, a word character if it was one, and the ASCII letter or blank it matches
    with case ignored, if any (but for :data:`_CASE_EXCEPTIONS`)."""
    exceptions = set()
    for char in _CODE_POINTS:
        lower = char.lower()
        if len(lower) != 1:
            exceptions.add(char)
            continue
        assert bool(_WORD.match(lower)) == bool(_WORD.match(char)), hex(ord(char))
        matched = bool(_LETTER_OR_BLANK.fullmatch(char))
        if matched != (lower in "abcdefghijklmnopqrstuvwxyz "):
            exceptions.add(char)
        elif matched:
            assert re.fullmatch(lower, char, re.IGNORECASE), hex(ord(char))
    assert exceptions == set(_CASE_EXCEPTIONS)


_VERBS = sorted({*SPEECH_VERBS, "according to"})
#: Verbs as written, look-alikes (the exceptions among them) and what stands between.
_PIECES = st.one_of(
    st.sampled_from(_VERBS).flatmap(lambda v: st.sampled_from([v, v.upper(), v.title()])),
    st.sampled_from(["sayings", "Said", "sAiD", "ſaid", "ınsisted", "İnsisted", "\u212aold"]),
    st.sampled_from([" ", ", ", ". ", "\n", "“", "”", '"', "—", "é", "x", "_", "3", "to"]),
)


@st.composite
def _text_and_start(draw: st.DrawFn) -> tuple[str, int]:
    text = "".join(draw(st.lists(_PIECES, max_size=12)))
    starts = [0] + [k for k in range(1, len(text) + 1) if not _WORD.match(text[k - 1])]
    return text, draw(st.sampled_from(starts))


@ENGINE_SETTINGS
@given(_text_and_start(), st.integers(0, 4))
@example(("Said ſaid, İnsisted “ınsisted” \u212aold—SAYS", 0), 0)
def test_speech_verbs_are_the_matches_of_the_plain_regex(case: tuple[str, int], cut: int) -> None:
    text, start = case
    end = max(start, len(text) - cut)
    plain = [m.span() for m in _VERB_RE.finditer(text, start, end)]
    assert _speech_verbs(text, start, end) == plain
