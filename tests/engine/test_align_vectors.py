"""Term-vector arithmetic of the aligner: the fast forms give the running sums' values
(to the last bit: alignment decisions compare them), and the bounds its shortcuts rely
on hold."""

from __future__ import annotations

import statistics
import sys
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from tui.engine.align import add_vectors, overlap
from tui.engine.tokens import (
    _FOLD_MAP,
    _FOLD_RE,
    _WORD,
    STOPWORDS,
    fold_text,
    is_single_spaced,
    normal_key,
    stem,
    terms,
    terms_of,
)
from tui.engine.units import _median

vectors = st.dictionaries(
    st.sampled_from([f"t{k}" for k in range(12)]),
    st.floats(min_value=0.01, max_value=20.0),
    max_size=10,
)


def running_sum(vecs: list[dict[str, float]]) -> dict[str, float]:
    """The plain definition: every weight added in turn, terms in order of first use."""
    total: dict[str, float] = {}
    for vec in vecs:
        for term, weight in vec.items():
            total[term] = total.get(term, 0.0) + weight
    return total


@given(st.lists(vectors, min_size=2, max_size=3))
def test_add_vectors_equals_the_running_sum_in_value_and_order(vecs) -> None:
    assert list(add_vectors(vecs).items()) == list(running_sum(vecs).items())


@given(vectors, vectors, vectors)
def test_what_a_unit_adds_to_a_groups_coverage_is_at_most_what_the_partner_holds_of_it(
    same, own, partner
) -> None:
    # Neighbour extension tests containment alone because of this bound.
    new_coverage = overlap(add_vectors([same, own]), partner) - overlap(same, partner)
    assert new_coverage <= overlap(own, partner) + 1e-9


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_terms_of_ascii_text_are_those_of_the_word_pattern(text) -> None:
    folded = text.casefold()
    expected = [stem(w) for w in _WORD.findall(folded) if w not in STOPWORDS]
    assert terms(folded, folded=True) == expected


@given(st.lists(st.text(max_size=60), max_size=6), st.booleans())
def test_terms_of_a_batch_are_the_terms_of_each_text(texts, folded) -> None:
    # Stems are shared across the batch; stopwords and stemming stay those of one text.
    words = [_WORD.findall(t if folded else fold_text(t).casefold()) for t in texts]
    expected = [[stem(w) for w in found if w not in STOPWORDS] for found in words]
    assert list(terms_of(texts, folded)) == expected
    assert [terms(t, folded) for t in texts] == expected


def test_every_whitespace_character_but_the_space_is_unprintable() -> None:
    # normal_key's shortcut (is_single_spaced) relies on it, for any character.
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]


@given(st.text(alphabet=st.sampled_from("ab \t\n\u00a0\u2003\u2028\u3000é’"), max_size=12))
def test_single_spaced_text_is_its_own_collapsed_whitespace(text) -> None:
    collapsed = " ".join(text.split())
    assert is_single_spaced(text) == (text == collapsed and text.isprintable())
    assert normal_key(text) == " ".join(fold_text(text).casefold().split())


def _fold_by_pattern(text: str) -> str:
    """fold_text without its shortcuts: every folded character through the pattern."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], text))


@given(
    st.text(
        alphabet=st.sampled_from("ab A.`'\"-\n" + "".join(_FOLD_MAP) + "éﬁ①\u0301Å"),
        max_size=16,
    )
)
@example("’`")
@example("“é`”")
def test_folding_common_styles_first_folds_the_same(text: str) -> None:
    assert fold_text(text) == _fold_by_pattern(text)


@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=9))
def test_the_cut_median_is_the_statistics_median(sizes: list[int]) -> None:
    assert _median(sizes) == (statistics.median(sizes) if sizes else 0.0)
