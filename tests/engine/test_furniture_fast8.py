"""The shortcuts of furniture_flags decide as the plain definitions do."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.engine import furniture as f

#: The verdicts of a paragraph none of whose lines is prose: True, or a number of words.
_verdicts = st.lists(st.one_of(st.just(True), st.integers(0, 2 * f.LONG_WORDS)), min_size=1)


def _plain_more_than_short(verdicts: f.Verdicts) -> bool:
    return sum(n for n in verdicts if not isinstance(n, bool)) > f.SHORT_WORDS


@given(_verdicts)
@settings(max_examples=500, deadline=None)
@example([True])
@example([1])
@example([f.SHORT_WORDS])
@example([f.SHORT_WORDS + 1])
@example([True, f.SHORT_WORDS, 1])
def test_more_than_short_is_the_plain_sum_of_words(verdicts: f.Verdicts) -> None:
    assert f._more_than_short(verdicts) == _plain_more_than_short(verdicts)


def _plain_all_settled_furniture(lines: list[str], settled: f.Verdicts, repeated: bool) -> bool:
    return bool(lines) and all(
        verdict
        if isinstance(verdict, bool)
        else (repeated and verdict <= f.SHORT_WORDS) or f._short_line_furniture(line)
        for line, verdict in zip(lines, settled, strict=True)
    )


_line = st.text(alphabet=st.sampled_from(list("ab B.,:|©()c/\u00a0’é1@")), min_size=1, max_size=60)


@given(st.lists(_line.map(str.strip).filter(bool), min_size=1, max_size=3), st.booleans())
@settings(max_examples=500, deadline=None)
@example(["Home"], False)
@example(["By JOHN DOE", "Photo: AP"], True)
@example(["a b c"], True)
def test_settled_lines_are_judged_as_the_plain_form_does(lines: list[str], repeated: bool) -> None:
    settled = f._settled_lines(lines)
    if settled is not None:
        plain = _plain_all_settled_furniture(lines, settled, repeated)
        assert f._all_settled_furniture(lines, settled, repeated) == plain


_CREDIT_PIECES = ["(", ")", "/", ":", "AP", "photo", "Photo", "credit", " ", "x", "é", "\u00a0"]


@given(st.lists(st.sampled_from(_CREDIT_PIECES), max_size=12).map("".join))
@settings(max_examples=1500, deadline=None)
@example("Rain (AP/Jane)")
@example("Rain (photo: AP) ")
@example("Rain (AP) / x (AP)")
@example("a: (AP)")
def test_a_bracket_credit_is_found_where_the_patterns_find_it(line: str) -> None:
    caption = f._CAPTION_START.match(line) or f._CAPTION_CREDIT.search(line)
    assert f._is_caption(line) == bool(caption)
