"""Fast forms of the aligner equal the plain ones they replace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.engine.align import Aligner, Group
from tui.engine.units import cut, sentences

paragraph_texts = st.sampled_from(
    ["One.", "Two words here. And a second sentence of some length follows it.", "x", ""]
)


@given(st.lists(st.tuples(paragraph_texts, st.booleans()), max_size=8))
def test_cut_copies_whole_paragraphs_and_cuts_the_chosen_ones(chosen) -> None:
    paragraphs = [text for text, _ in chosen]
    which = {k for k, (_, long) in enumerate(chosen) if long}
    texts: list[str] = []
    owner: list[int] = []
    for k, text in enumerate(paragraphs):  # the plain form: one paragraph at a time
        pieces = sentences(text) if k in which else [text]
        texts.extend(pieces)
        owner.extend([k] * len(pieces))
    units = cut(paragraphs, which)
    assert (units.texts, units.owner) == (texts, owner)


@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True),
    st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True),
    st.sets(st.integers(0, 3)),
    st.sets(st.integers(0, 3)),
)
def test_has_vectors_is_whether_every_unit_has_a_vector(a, b, with_a, with_b) -> None:
    aligner = Aligner(["p"] * 4, ["q"] * 4)
    aligner._vec_a = {i: ({}, 0.0) for i in with_a}
    aligner._vec_b = {j: ({}, 0.0) for j in with_b}
    group = Group(tuple(sorted(a)), tuple(sorted(b)))
    plain = all(i in with_a for i in group.a) and all(j in with_b for j in group.b)
    assert aligner._has_vectors(group) == plain
