"""Two words share a stem (:func:`tui.engine.synonyms._same_stem`) by one of three rules;
the function first rejects words whose first two letters differ, which no rule accepts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.factforms import edit_distance
from tui.engine.synonyms import STEM_PREFIX, _same_stem
from tui.engine.tokens import _SUFFIXES, stem

#: Words built to share prefixes and suffixes often, with a digit now and then.
_WORD = st.builds(
    lambda head, suffix: head + suffix,
    st.text(alphabet="aemnorst1", max_size=9),
    st.sampled_from(("", *_SUFFIXES)),
)


def _rules(a: str, b: str) -> bool:
    """The three rules, written out without any shortcut."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    sa, sb = stem(a), stem(b)
    return (
        sa == sb
        or (common >= STEM_PREFIX and common >= 0.6 * min(len(a), len(b)))
        or (
            min(len(sa), len(sb)) >= 3
            and sa[:2] == sb[:2]
            and sa.isalpha()
            and sb.isalpha()
            and edit_distance(sa, sb, 1) <= 1
        )
    )


@ENGINE_SETTINGS
@given(_WORD, _WORD)
def test_same_stem_is_the_three_rules(a: str, b: str) -> None:
    assert _same_stem(a, b) == _rules(a, b)


@ENGINE_SETTINGS
@given(_WORD, _WORD)
def test_no_rule_accepts_words_with_other_first_letters(a: str, b: str) -> None:
    if a[:2] != b[:2]:
        assert not _rules(a, b)


def test_examples() -> None:
    assert _same_stem("relations", "relationship")
    assert _same_stem("meet", "met")
    assert not _same_stem("meeting", "seating")
