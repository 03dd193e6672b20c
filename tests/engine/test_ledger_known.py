"""The documents' name evidence: each distinct paragraph scanned once, the same known names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.engine.ledger import document_known_names, known_name_words

#: Paragraphs rich in what name evidence looks at, drawn from few so that many repeat.
PARAGRAPHS = st.lists(
    st.sampled_from(
        [
            "The Mayor said. Smith left.",
            "He met Smith. Smith",
            "NASA and Nasa",
            "“Yes.” Jones agreed; Jones",
            "Jones went home",
            "",
        ]
    )
    | st.text(alphabet=' \n.!?:;"”’)]AaBbÉé1', max_size=30),
    max_size=8,
)


@given(PARAGRAPHS, PARAGRAPHS)
def test_document_known_names_are_those_of_every_paragraph_scanned(
    side_a: list[str], side_b: list[str]
) -> None:
    assert document_known_names(side_a, side_b) == known_name_words([*side_a, *side_b])


def test_a_paragraph_in_both_articles_counts_as_often_as_it_stands() -> None:
    shared = ["Then Smith spoke. Brown", "Smith. Brown"]
    assert document_known_names(shared, shared) == known_name_words(shared * 2)
    assert document_known_names(shared, shared) == frozenset({"smith"})
