"""Canonical words from the table of word forms and the guarded regexes are those of
the plain computation (every regex over every text, the tables asked in turn)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.factforms import (
    _CONTRACTION_HINTS,
    _HONORIFICS,
    _PHRASES,
    CONTRACTIONS,
    MONTHS,
    NAME_ALIASES,
    NUMBER_WORDS,
    SCALES,
    UNITS,
    canonical_words,
)
from tui.engine.tokens import fold_text

_NT = re.compile(r"\b(\w+)n't\b")
_CONTRACTION_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(CONTRACTIONS, key=len, reverse=True)) + r")\b"
)
_PHRASE_RE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(p) for p in sorted(_PHRASES, key=len, reverse=True))
    + r")(?![\w])"
)
_WORD = re.compile(r"[\w%$€£]+")


def _plain_canonical_words(text: str) -> tuple[str, ...]:
    text = fold_text(text).casefold()
    text = _CONTRACTION_RE.sub(lambda m: CONTRACTIONS[m.group()], text)
    text = _NT.sub(lambda m: m.group(1) + " not", text)
    text = _PHRASE_RE.sub(lambda m: " " + _PHRASES[m.group()].replace(" ", "_") + " ", text)
    out: list[str] = []
    for word in _WORD.findall(text.replace(",", "")):
        if word in NAME_ALIASES:
            word = NAME_ALIASES[word].replace(" ", "_")
        elif word in NUMBER_WORDS:
            word = str(NUMBER_WORDS[word])
        elif word in MONTHS:
            word = str(MONTHS[word])
        elif word in UNITS:
            word = UNITS[word]
        elif word in _HONORIFICS:
            continue
        if word in SCALES and len(word) > 2 and out and out[-1].replace(".", "").isdigit():
            out[-1] = (
                format(float(out[-1]) * SCALES[word], "g")
                if "." in out[-1]
                else str(int(out[-1]) * SCALES[word])
            )
            continue
        out.append(word)
    return tuple(out)


_WORDS = (
    *CONTRACTIONS,
    *_PHRASES,
    *NAME_ALIASES,
    *("Mr.", "Dr", "mrs", "May", "march", "Sept.", "twenty", "dozen", "km", "%", "$", "£"),
    *("3.5", "12", "1,000", "million", "Million", "k", "bn", "shouldn't", "DON’T", "can’t"),
    *("U.S.", "u.s.a", "xu.s.", ".u.k.", "per  cent", "Per Cent", "us", "eu", "said", "the"),
)


@ENGINE_SETTINGS
@given(
    st.lists(
        st.sampled_from(_WORDS) | st.text(max_size=3),
        max_size=8,
    ).flatmap(
        lambda words: st.lists(
            st.sampled_from([" ", "", ", ", ".", "“", "'", "\n"]),
            min_size=len(words),
            max_size=len(words),
        ).map(lambda gaps: "".join(w + g for w, g in zip(words, gaps, strict=True)))
    )
)
@example("they can not go, said Mr. Smith of the U.S. on 3 march")
@example("xu.s. and u.s.a per cent")
@example("2.5 million won’t, 12 bn, 3 k")
def test_canonical_words_are_those_of_the_plain_computation(text: str) -> None:
    assert canonical_words(text) == _plain_canonical_words(text)


def test_every_contraction_but_those_standing_for_themselves_holds_a_hint() -> None:
    for short, long in CONTRACTIONS.items():
        assert short == long or any(hint in short for hint in _CONTRACTION_HINTS), short
