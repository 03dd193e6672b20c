"""The fact scanner's tokens, and where its names stand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine import ledger
from tui.engine.ledger import _tokens


def test_tokens_of_a_sentence() -> None:
    text = "Mr. Smith didn't pay $5 on Jan. 3rd; twenty U.S. firms did."
    assert [t.text for t in _tokens(text, 0, len(text))] == [
        "Mr.", "Smith", "didn't", "$5", "Jan.", "3rd", "twenty", "U.S.",
    ]  # fmt: skip


_NAME_TEXTS = st.lists(
    st.sampled_from(["Anna", "Smith", "Smith's", "Lee’s", "'s", "of", "the", " ", "-", ". "]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_NAME_TEXTS)
def test_name_facts_stand_where_their_text_does(text: str) -> None:
    """A name loses its possessive 's in its text and its end alike (cut from the
    text's bounds, not from a slice)."""
    for fact in ledger.extract_facts(text):
        if fact.kind == "name":
            assert text[fact.start : fact.end] == fact.text
            assert fact.text == ledger._strip_possessive(text[fact.start : fact.end + 2]) or (
                not text.endswith(("'s", "’s"), fact.start, fact.end + 2)
            )
