"""The fact scanner's word alternations (the lexicon, the speech verbs), grouped by first
letter for speed, match exactly as the flat alternations they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.ledger import _LEXICON_WORDS, _VERB_RE, SPEECH_VERBS, _alternation

_SYLLABLES = ["a", "an", "no", "not", "on", "t"]
#: Words and phrases that share first letters and prefixes ("no", "not", "no a").
_PHRASE = st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=3).map(" ".join)


@st.composite
def _words_and_text(draw: st.DrawFn) -> tuple[set[str], str]:
    words = draw(st.sets(_PHRASE, min_size=1, max_size=8))
    pieces = st.sampled_from(sorted(words) + _SYLLABLES)
    parts = draw(st.lists(st.tuples(pieces, st.sampled_from([" ", ".", ""])), max_size=10))
    return words, "".join(piece + sep for piece, sep in parts)


def _flat(words: set[str] | frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _matches(pattern: str, text: str) -> list[tuple[int, int]]:
    # As the scanner uses them: a whole word, not followed by a word character.
    return [m.span() for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text)]


@ENGINE_SETTINGS
@given(_words_and_text())
def test_grouped_alternation_matches_as_the_flat_one(case: tuple[set[str], str]) -> None:
    words, text = case
    assert _matches(_alternation(words), text) == _matches(_flat(words), text)


def test_the_lexicon_matches_every_word_of_it_whole() -> None:
    text = " ".join(sorted(_LEXICON_WORDS)) + " nineteenth tenant"
    assert _matches(_alternation(_LEXICON_WORDS), text) == _matches(_flat(_LEXICON_WORDS), text)
    found = {text[s:e] for s, e in _matches(_alternation(_LEXICON_WORDS), text)}
    assert found == set(_LEXICON_WORDS)


def test_the_speech_verbs_match_as_the_flat_pattern() -> None:
    flat = re.compile(r"\b(" + "|".join(sorted(SPEECH_VERBS)) + r"|according to)\b", re.I)
    words = [*sorted(SPEECH_VERBS), "according to", "accordingly", "sayings", "Said", "SAYS"]
    text = " ".join(w + sep for w in words for sep in ("", ",", "s")) + " according  to"
    assert [m.span() for m in _VERB_RE.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert len(_VERB_RE.findall(text)) > len(SPEECH_VERBS)
