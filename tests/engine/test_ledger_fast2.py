"""The ledger's one-pass name evidence gives what the two plain passes give."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.ledger import (
    _CAPITALISED_AFTER_SPACE,
    document_known_names,
    known_from_evidence,
    known_name_words,
    name_evidence,
)

#: The two plain passes the one-pass regex stands for.
_PLAIN_AFTER_SPACE = re.compile(r" ([A-Z][^\W\d_]+)")
_PLAIN_AFTER_SENTENCE_END = re.compile(r"[.!?:;][\"“”'‘’)\]]* ([A-Z][^\W\d_]+)")


def _plain_evidence(texts: list[str]) -> Counter[str]:
    """Every capitalised word after a space, less those after a sentence end."""
    text = "\n".join(texts)
    seen = Counter(_PLAIN_AFTER_SPACE.findall(text))
    seen.subtract(Counter(_PLAIN_AFTER_SENTENCE_END.findall(text)))
    return seen


#: Words, look-alikes (dotless ı, long ſ, dotted İ, Kelvin sign, NBSP, digits) and
#: runs of sentence ends and closing marks of every length around the lookbehinds' reach.
_PIECES = st.one_of(
    st.sampled_from(["Smith", "NASA", "Nasa", "A", "Ab", "ab", "Éa", "Aı", "Aſ", "İa"]),
    st.sampled_from(["\u212aelvin", "A1", "A_b", "Ab3", "x", "é", "1", "_", "\u00a0"]),
    st.text(alphabet=".!?:;\"“”'‘’)]([,-", min_size=1, max_size=6),
    st.sampled_from([" ", " ", "  ", "\n", "\n\n"]),
)
_TEXTS = st.lists(st.lists(_PIECES, max_size=14).map("".join), max_size=4)


@ENGINE_SETTINGS
@given(_TEXTS)
@example(["Hi. Smith said. “Go.” Brown, Brown; Jones"])
@example(["x.\"'') Smith and x\"'') Jones, x.\"'' Brown x.\"') Green"])
@example(["x.\"')] Smith", 'Smith." Jones', " Jones"])
def test_name_evidence_is_that_of_the_plain_passes(texts: list[str]) -> None:
    plain = _plain_evidence(texts)
    assert min(plain.values(), default=0) >= 0  # what leaving out the zeros relies on
    assert name_evidence(texts) == +plain
    assert known_from_evidence([name_evidence(texts)]) == known_from_evidence([plain])
    assert known_name_words(texts) == known_from_evidence([plain])


@ENGINE_SETTINGS
@given(_TEXTS, _TEXTS)
@example(["x.\"')] Smith", "Jones"], ["Smith) Jones"])
def test_document_known_names_are_those_of_the_plain_passes(
    side_a: list[str], side_b: list[str]
) -> None:
    plain = _plain_evidence([*side_a, *side_b])
    assert document_known_names(side_a, side_b) == known_from_evidence([plain])


@given(st.integers(0, 6), st.sampled_from(".!?:;x "), st.sampled_from("\"“”'‘’)]"))
def test_every_run_of_closing_marks_is_told_or_left_to_the_plain_passes(
    run: int, before: str, mark: str
) -> None:
    """Up to three closing marks the regex tells; more it gives as two characters."""
    text = f"a{before}{mark * run} Smith"
    (match,) = _CAPITALISED_AFTER_SPACE.findall(text)
    if run >= 4:
        assert match == " S"
    else:
        starts_sentence = before in ".!?:;"
        assert match == (" " if starts_sentence else " Smith")
    assert name_evidence([text]) == +_plain_evidence([text])
