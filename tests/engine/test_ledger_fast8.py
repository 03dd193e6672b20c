"""Shortcuts of the fact ledger's per-row work: each gives what the plain form gives."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.ledger import NAME_JOINERS, extract_facts, fact_entries


def test_name_joiners_are_single_characters() -> None:
    """The name scan ends a name at any gap longer than one character without cutting
    it out: right only while every joiner is one character."""
    assert all(len(joiner) == 1 for joiner in NAME_JOINERS)


_words = st.lists(st.sampled_from(["Paris", "5", "two", "not", "Lopez", "Paris"]), max_size=8)


@ENGINE_SETTINGS
@given(_words, _words)
def test_sorted_material_is_counted_material(material_a: list[str], material_b: list[str]) -> None:
    """fact_entries compares the two sides' material as sorted lists: the same answer as
    comparing their counts."""
    same_sorted = sorted(material_a) == sorted(material_b)
    assert same_sorted == (Counter(material_a) == Counter(material_b))


_GAPS = (" ", "  ", "-", " - ", "‐", ". ", ", ", "")
_NAME_WORDS = ("Maria", "Lopez", "de", "U.S.", "Mr.", "Ana", "Gomez")


@ENGINE_SETTINGS
@given(st.lists(st.tuples(st.sampled_from(_NAME_WORDS), st.sampled_from(_GAPS)), max_size=8))
def test_names_across_gaps(pieces: list[tuple[str, str]]) -> None:
    """A name runs across the one-character joiners alone (and no gap after a full stop)."""
    text = "He met " + "".join(word + gap for word, gap in pieces) + " today."
    for fact in extract_facts(text):
        if fact.kind == "name":
            inner = fact.text
            assert "  " not in inner and ", " not in inner and " - " not in inner


def test_reordered_material_is_no_change() -> None:
    """Material that only moved between the changes of a row is no fact difference."""
    text_a = "Paris met Lopez on the quay."
    text_b = "Lopez met Paris on the quay."
    parts = [
        ("change", "Paris", "Lopez"),
        ("equal", " met ", " met "),
        ("change", "Lopez", "Paris"),
        ("equal", " on the quay.", " on the quay."),
    ]
    assert fact_entries(parts, text_a, text_b) == []
