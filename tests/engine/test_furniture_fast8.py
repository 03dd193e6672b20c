"""The shortcuts of furniture_flags decide as the plain definitions do."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.engine import furniture as f

#: The verdicts of a paragraph none of whose lines is prose: True, or a number of words.
_verdicts = st.lists(st.one_of(st.just(True), st.integers(0, 2 * f.LONG_WORDS)), min_size=1)


def _plain_more_than_short(verdicts: f.Verdicts) -> bool:
    return sum(n for n in verdicts if not isinstance(n, bool)) > f.SHORT_WORDS


@given(_verdicts)
@settings(max_examples=500, deadline=None)
@example([True])
@example([1])
@example([f.SHORT_WORDS])
@example([f.SHORT_WORDS + 1])
@example([True, f.SHORT_WORDS, 1])
def test_more_than_short_is_the_plain_sum_of_words(verdicts: f.Verdicts) -> None:
    assert f._more_than_short(verdicts) == _plain_more_than_short(verdicts)
