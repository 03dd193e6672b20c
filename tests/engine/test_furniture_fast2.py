"""The shortcuts of the short-line checks hold on hostile text: each cheap test is a
necessary condition of the pattern it spares (or the pattern itself, written to scan
faster), so every verdict is the plain checks' one."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.engine.test_furniture_fast import (
    BYLINE_HINT,
    PLAIN_BYLINE_CAPS,
    _variants,
    hostile_line,
)
from tui.engine import furniture as f

_BYLINE_ALPHABET = list("BbYyJOHNDE.'- \t\u00a0\u2003_é1ıİſxX,")


@given(st.one_of(hostile_line, st.text(alphabet=st.sampled_from(_BYLINE_ALPHABET), max_size=30)))
@settings(max_examples=2000, deadline=None)
@example("by JOHN DOE")
@example("xby JOHN DOE")
@example("_by JOHN DOE")
@example("éBy JOHN DOE")
@example("nearby JOHN DOE, by ANN LEE")
def test_the_byline_is_found_where_the_plain_pattern_finds_it(line: str) -> None:
    found = [m.span() for m in f._BYLINE_CAPS.finditer(line)]
    assert found == [m.span() for m in PLAIN_BYLINE_CAPS.finditer(line)]
    run_bytes = line.encode().translate(f._RUN_BYTES)
    if BYLINE_HINT.search(line) or found:
        assert run_bytes.find(b"by ") >= 0


_LINKISH = st.text(
    alphabet=st.sampled_from(list("htpsw:/.@-_ |WHTPSİıſ\u212acomnetgiu1\u00a0")), max_size=40
)


@given(st.one_of(hostile_line, _LINKISH))
@settings(max_examples=2000, deadline=None)
@example("https://x")
@example("HTTP://x")
@example("time: 10:30 http:/x")
def test_every_link_holds_a_scheme_an_at_or_a_link_dot(line: str) -> None:
    for match in f._LINK.finditer(line):
        link = match.group()
        assert "://" in link or "@" in link or f._LINK_DOT.search(link), link
    assert f._count_links(line) == len(f._LINK.findall(line))


@given(hostile_line)
@settings(max_examples=2000, deadline=None)
@example("sponsored content")
@example("editor's note, editors note")
@example("log in login sign in sign up")
def test_the_most_prompts_are_at_least_the_prompts(line: str) -> None:
    run_bytes = line.encode().translate(f._RUN_BYTES)
    assert f._most_prompts(line, run_bytes) >= len(f._PROMPT.findall(line))


def test_prompts_make_furniture_more_as_they_grow() -> None:
    """A line is not scanned when the most prompts it can hold would not do: the verdict
    must grow with the number of prompts."""
    for n in range(f.LONG_WORDS + 1):
        for terminal in (False, True):
            verdicts = [f._prompted(count, n, terminal) for count in range(5)]
            assert verdicts == sorted(verdicts)


_NAV_LABELS = [
    "home",
    "menu",
    "search",
    "posts",
    "archive",
    "archives",
    "categories",
    "tags",
    "next",
    "previous",
    "older posts",
    "newer posts",
    "back to top",
    "skip to content",
    "skip to main content",
]
_NON_WORD_TAILS = ["", " »", "...", " ' .", "’", " \u00a0…", " | "]


def test_a_navigation_label_has_at_most_its_most_words() -> None:
    for label in _NAV_LABELS:
        for variant in _variants(label):
            for tail in _NON_WORD_TAILS:
                line = variant + tail
                assert f._NAV_LABEL.match(line), line
                assert len(f._WORD.findall(line)) <= f._NAV_LABEL_MOST_WORDS


@given(hostile_line)
@settings(max_examples=1000, deadline=None)
def test_a_hostile_navigation_label_has_at_most_its_most_words(line: str) -> None:
    if f._NAV_LABEL.match(line):
        assert len(f._WORD.findall(line)) <= f._NAV_LABEL_MOST_WORDS


_SEPARATOR_CLASS = re.compile(f"[{re.escape(f._SEPARATOR_CHARS)}]")


@given(st.one_of(hostile_line, st.text(max_size=20)))
@settings(max_examples=1000, deadline=None)
def test_a_separator_char_is_found_as_the_class_finds_it(line: str) -> None:
    assert f._has_separator_char(line) == bool(_SEPARATOR_CLASS.search(line))


def test_the_separator_chars_outside_ascii_are_all_but_the_pipe_and_slash() -> None:
    assert sorted(f._NON_ASCII_SEPARATOR_CHARS + "|/") == sorted(f._SEPARATOR_CHARS)


@given(st.text(alphabet=st.sampled_from(list("copyrightalsev CÖPYRIGHTİıſ\u212a©()")), max_size=30))
@settings(max_examples=2000, deadline=None)
@example("COPYR\u0130GHT")
@example("all r\u0131ghts reserved")
@example("ALL RIGHTS RESERVED")
def test_a_copyright_is_found_as_the_pattern_finds_it(line: str) -> None:
    assert f._has_copyright(line, line.encode()) == bool(f._COPYRIGHT.search(line))


@given(st.one_of(hostile_line, st.text(max_size=40)))
@settings(max_examples=2000, deadline=None)
@example("Ñandú Ωmega ²x ٣ Éclair İstanbul ǅemal")
@example("ABC 12 x")
def test_the_capital_starts_are_at_least_the_words_so_started(line: str) -> None:
    started = sum(w[0].isupper() or w[0].isdigit() for w in f._WORD.findall(line))
    assert len(line.encode().translate(None, f._NOT_CAPITAL_STARTS)) >= started


@given(st.one_of(hostile_line, st.text(max_size=20)))
@settings(max_examples=1000, deadline=None)
@example("\u212a")
@example("\u017f")
@example("\u0130")
@example("\u0131")
def test_a_lookalike_is_found_where_it_is(line: str) -> None:
    expected = any(char in line for char in f._ASCII_LETTER_LOOKALIKES)
    assert f._has_ascii_lookalike(line) == expected
