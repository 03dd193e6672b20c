"""Fast forms of the aligner (s8, second round) equal the plain ones they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tui.engine.align import LEXICON_WEIGHT, Aligner, Vector
from tui.engine.units import continues

TERMS = [f"t{k}" for k in range(12)]

vectors = st.dictionaries(st.sampled_from(TERMS), st.floats(0.1, 5.0), max_size=8)
lexicons = st.dictionaries(st.sampled_from(TERMS), st.sampled_from(TERMS), max_size=6)


def _plain_apply(vec_a: dict[int, tuple[Vector, float]], lexicon: dict[str, str]) -> None:
    """The lexicon applied as before: every term looked at in Python."""
    for i, (vec, total) in list(vec_a.items()):
        found = [t for t in vec if t in lexicon and lexicon[t] not in vec]
        if not found:
            continue
        vec = dict(vec)
        for term in found:
            if lexicon[term] not in vec:
                vec[lexicon[term]] = vec.pop(term) * LEXICON_WEIGHT
        vec_a[i] = (vec, total)


@given(st.lists(vectors, max_size=6), lexicons)
def test_apply_lexicon_equals_the_plain_form(vecs: list[Vector], lexicon: dict[str, str]) -> None:
    aligner = Aligner([], [])
    aligner._vec_a = {i: (dict(v), sum(v.values())) for i, v in enumerate(vecs)}
    expected = {i: (dict(v), sum(v.values())) for i, v in enumerate(vecs)}
    aligner._apply_lexicon(lexicon)
    _plain_apply(expected, lexicon)
    assert aligner._vec_a == expected
    # The same terms in the same order (the order of a vector sets the order of its sums).
    assert [list(v) for v, _ in aligner._vec_a.values()] == [list(v) for v, _ in expected.values()]


#: The old test of a closed sentence (a search from every position of the paragraph).
_CLOSED = re.compile(r"[.!?…][\"'`”’)\]]*\s*$")

closing_texts = st.text(
    alphabet=st.sampled_from(list("ab .!?…\"'`”’)]([“\n\t\r\x0b\x0c\x1c\x85\xa0\u2028\u3000_1")),
    max_size=12,
)


@given(closing_texts, st.sampled_from(["and so", "And so", "", "1 more", "_x y", "“quoted”"]))
def test_continues_equals_the_regex_form(previous: str, following: str) -> None:
    first = re.search(r"[^\W_]", following)
    expected = not _CLOSED.search(previous) and first is not None and first.group().islower()
    assert continues(previous, following) == expected
