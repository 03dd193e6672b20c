"""The word diff's s6 shortcuts give what the plain forms they replace give.

The plain forms are kept here as the reference: the thin-run check by iterating the
word matches, and the leftover words by Counter subtraction.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.facts import WORD_RE
from tui.engine.synonyms import _surplus
from tui.engine.tokens import STOPWORDS
from tui.engine.worddiff import _is_thin

_PIECES = st.sampled_from(
    [
        "the",
        "The ",
        "of",
        "a",
        "cat",
        " ",
        ", ",
        "don't",
        "1,000",
        "2022-02-03",
        "U.S",
        "’",
        "_",
        "é",
    ]
)
_TEXT = st.lists(_PIECES, max_size=6).map("".join) | st.text(max_size=20)


def _plain_is_thin(text: str) -> bool:
    words = WORD_RE.finditer(text)
    first = next(words, None)
    if first is None:
        return True
    return first.group().casefold() in STOPWORDS and next(words, None) is None


@ENGINE_SETTINGS
@given(_TEXT)
@example("")
@example(", the ")
@example("the cat")
@example("cat")
@example("1,000 of")
def test_is_thin_as_iterating_the_words(text: str) -> None:
    assert _is_thin(text) == _plain_is_thin(text)


@ENGINE_SETTINGS
@given(
    st.lists(st.sampled_from("abcde"), max_size=8), st.lists(st.sampled_from("abcde"), max_size=8)
)
@example(["a", "b", "a"], ["a"])
def test_surplus_as_counter_subtraction(words_a: list[str], words_b: list[str]) -> None:
    count_a, count_b = Counter(words_a), Counter(words_b)
    assert _surplus(count_a, count_b) == list((count_a - count_b).elements())
