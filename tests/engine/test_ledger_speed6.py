"""The ledger's shortcuts give what the plain computations give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.ledger import (
    RowEntry,
    describe_counts,
    extract_facts,
    known_name_words,
    paragraph_facts,
)

_PIECES = (
    "Share this article:",
    "Maria Lopez",
    "said",
    "the",
    "U.S.",
    "$5 million",
    "three",
    "not",
    "on Monday",
    "March 3, 2021",
    '"we will not stop here"',
    "Comments are closed.",
)
_paragraph = st.lists(st.sampled_from(_PIECES), max_size=12).map(" ".join)


def _plain_paragraph_facts(
    text: str, side: str, known: frozenset[str] | None
) -> tuple[RowEntry, set[str]]:
    """:func:`paragraph_facts` from a fresh scan (no summary kept from an earlier call)."""
    facts = extract_facts(text, known, speakers=False)
    status = "added" if side == "b" else "removed"
    note = f"paragraph with {describe_counts(facts)} {status}"
    place = (0, len(text))
    if side == "b":
        entry = RowEntry("paragraph", status, "", text, None, place, note)
    else:
        entry = RowEntry("paragraph", status, text, "", place, None, note)
    return entry, {f.kind for f in facts}


@ENGINE_SETTINGS
@given(st.lists(st.tuples(_paragraph, st.sampled_from("ab")), max_size=6), st.booleans())
def test_repeated_paragraphs_have_the_facts_of_a_fresh_scan(
    paragraphs: list[tuple[str, str]], with_known: bool
) -> None:
    # Each paragraph twice, on either side: the second call reuses the first one's scan.
    known = known_name_words(text for text, _ in paragraphs) if with_known else None
    for text, side in paragraphs * 2:
        assert paragraph_facts(text, side, known) == _plain_paragraph_facts(text, side, known)
        other = "a" if side == "b" else "b"
        assert paragraph_facts(text, other, known) == _plain_paragraph_facts(text, other, known)


def test_the_kinds_are_a_fresh_set_each_time() -> None:
    text = "Maria Lopez said three people came on Monday."
    _, kinds = paragraph_facts(text, "a")
    kinds.add("homoglyph")
    assert "homoglyph" not in paragraph_facts(text, "a")[1]
