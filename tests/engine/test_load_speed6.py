"""The remembered judgements give what the judging functions give: the word counts of
short texts, the lines' furniture verdicts, a short line's judgement with and without
repetition."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.engine.test_furniture_fast import hostile_line, hostile_text
from tui.engine import furniture as f
from tui.engine import tokens

_WORD_RUN = re.compile(r"\w+")
_TEXT_ALPHABET = list("ab1_ .,'’“”‘—–\u00a0\t\néжа٣")


@given(st.text(alphabet=st.sampled_from(_TEXT_ALPHABET), max_size=80))
@settings(max_examples=1000, deadline=None)
@example("\u00a0word\u00a0")
@example("a" * 65)
def test_count_words_counts_the_word_runs_twice_alike(text: str) -> None:
    expected = len(_WORD_RUN.findall(text))
    assert tokens.count_words(text) == expected
    assert tokens.count_words(text) == expected  # remembered


@given(hostile_line)
@settings(max_examples=1000, deadline=None)
@example("Sign up | Log in")
@example("JOHN DOE SMITH JONES")
def test_a_remembered_line_verdict_is_the_judged_one(line: str) -> None:
    verdict = f._settled(line)
    assert f._settled_line(line) == verdict
    assert f._settled_line(line) == verdict
    if not isinstance(verdict, bool):
        judged = f._short_line_is_furniture(line, verdict, False)
        assert f._short_line_furniture(line) == judged
        # Repetition only adds short lines (what _all_settled_furniture relies on).
        assert f._short_line_is_furniture(line, verdict, True) == (
            verdict <= f.SHORT_WORDS or judged
        )


@given(st.lists(hostile_text, max_size=6))
@settings(max_examples=300, deadline=None)
def test_flags_judged_afresh_are_the_remembered_ones(paragraphs: list[str]) -> None:
    doubled = paragraphs + paragraphs
    remembered = f.furniture_flags(doubled)
    f._settled_line.__self__.clear()
    f._short_line_furniture.__self__.clear()
    assert f.furniture_flags(doubled) == remembered


def plain_stem(word: str) -> str:
    """The stemmer tried with every suffix in turn."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in tokens._SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_WORD_PIECES = [*tokens._SUFFIXES, "a", "e", "i", "n", "s", "y", "d", "g", "t", "1", "é"]


@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=5).map("".join))
@settings(max_examples=1000, deadline=None)
@example("nationalization")
@example("fulness")
def test_stem_tries_only_the_suffixes_of_the_last_letter(word: str) -> None:
    assert tokens.stem(word) == plain_stem(word)


@given(st.lists(st.text(alphabet=st.sampled_from(_TEXT_ALPHABET), max_size=40), max_size=4))
@settings(max_examples=300, deadline=None)
def test_terms_are_the_stems_of_the_content_words(texts: list[str]) -> None:
    for text, found in zip(texts, tokens.terms_of(texts), strict=True):
        words = _WORD_RUN.findall(tokens.fold_text(text).casefold())
        assert found == [plain_stem(w) for w in words if w not in tokens.STOPWORDS]
