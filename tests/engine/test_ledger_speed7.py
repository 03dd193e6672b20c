"""The date and number passes skip at once the tokens that start no date or number:
they find what the passes that test every token find."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine import ledger
from tui.engine.ledger import extract_facts

_PIECES = (
    "Monday",
    "monday.",
    "TODAY",
    "today.",
    "Tonight",
    "May",
    "may",
    "Mar.",
    "March 3, 2021",
    "Sept. 4",
    "in June",
    "A.",
    "S.",
    "Friday.",
    "three",
    "Three hundred",
    "a million",
    "a dozen",
    "one",
    "BILLION",
    "$5 million",
    "50%",
    "3rd",
    "2021",
    "12/05/2020",
    "2020-05-12",
    "10:30 p.m.",
    "7 am",
    "the",
    "said",
    "Maria Lopez",
    "U.S.",
    "not",
    ".",
    ",",
)
_text = st.lists(st.sampled_from(_PIECES), max_size=14).map(" ".join)


class _Everything(frozenset[str]):
    """A word set that holds every word: the shortcut then skips no token."""

    def __contains__(self, word: object) -> bool:
        return True


@ENGINE_SETTINGS
@given(text=_text)
def test_skipping_finds_what_the_plain_passes_find(text: str) -> None:
    fast = extract_facts(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ledger, "_DAY_WORDS", _Everything())
        patch.setattr(ledger, "_NUMBER_START_WORDS", _Everything())
        plain = extract_facts(text)
    assert fast == plain


def test_day_and_number_words_are_found() -> None:
    kinds = [f.kind for f in extract_facts("On Monday. today three people paid $5 in March 2021")]
    assert kinds.count("date") == 3 and kinds.count("number") == 2
