"""Page furniture's fast checks judge every line as the plain checks (main's) do.

The plain checks are kept here as the reference: the patterns tried on the whole line,
case-insensitive where furniture.py has them so. The texts are hostile: the characters
that re.IGNORECASE matches to an ASCII letter but str.lower() does not (KELVIN SIGN,
LONG S, capital I with a dot, dotless i), letters and joiners outside ASCII, brackets.
"""

from __future__ import annotations

import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.engine import furniture as f

#: ``_BYLINE_CAPS`` as first written: "\b" before the "By".
#: What every match of the byline pattern holds, as a pattern: the run bytes' "by " stands
#: in for it.
BYLINE_HINT = re.compile(r"[Bb][Yy]\s")
PLAIN_BYLINE_CAPS = re.compile(r"\b[Bb][Yy]\s+[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]*){1,3}\b")

#: What ``_ends_sentence`` tells, as a pattern.
_PLAIN_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


def plain_settled(line: str) -> bool | None:
    """True for a caption or a copyright line, False for prose, None otherwise."""
    caption = f._CAPTION_START.match(line) or f._CAPTION_CREDIT.search(line)
    if caption or f._COPYRIGHT.search(line):
        return True
    if len(f._WORD.findall(line)) > f.LONG_WORDS:
        return False
    return None


def plain_short_line_is_furniture(line: str, repeated: bool) -> bool:
    words = f._WORD.findall(line)
    n = len(words)
    if n == 0:
        return True
    terminal = bool(_PLAIN_TERMINAL.search(line))
    if repeated and n <= f.SHORT_WORDS:
        return True
    if f._BYLINE_START.match(line) and n <= f.SHORT_WORDS + 4:
        return True
    if PLAIN_BYLINE_CAPS.search(line) and n <= f.LONG_WORDS:
        return True
    if f._mostly_date(line.split()):
        return True
    links = len(f._LINK.findall(line))
    if links and (n <= 4 + 2 * links or not terminal):
        return True
    prompts = len(f._PROMPT.findall(line))
    if prompts and (n <= f.SHORT_WORDS or not terminal or prompts >= 2):
        return True
    if f._NAV_LABEL.match(line):
        return True
    separators = len(f._SEPARATORS.findall(line))
    if separators >= 2 or (separators and not terminal and n <= f.SHORT_WORDS):
        return True
    if f._UPPER_LABEL.match(line) and n <= f.LONG_WORDS:
        return True
    if terminal or n < 8 or "," in line:
        return False
    return sum(w[0].isupper() or w[0].isdigit() for w in words) >= 0.7 * n


def plain_is_furniture(paragraph: str, repeated: bool = False) -> bool:
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    verdicts = [plain_settled(line) for line in lines]
    return (
        bool(lines)
        and False not in verdicts
        and all(
            verdict or plain_short_line_is_furniture(line, repeated)
            for line, verdict in zip(lines, verdicts, strict=True)
        )
    )


_LOOKALIKE_OF = {"k": "\u212a", "s": "\u017f", "i": "\u0130"}


def _variants(text: str) -> list[str]:
    """``text`` as written, in capitals, title case, and with look-alikes of k, s and i."""
    return [
        text,
        text.upper(),
        text.title(),
        text.translate(str.maketrans(_LOOKALIKE_OF)),
        text.replace("i", "\u0131"),
    ]


_PHRASES = [text for phrase in f._PROMPT_PHRASES for text in f._expansions(phrase)]
_FURNITURE_PIECES = [
    *_PHRASES,
    *["©", "(c)", "(C)", "copyright", "copyrighted", "all\u00a0rights", "all rights reserved"],
    "Copyright © 2024 Example News. All rights reserved.",
    "www.example.com",
    "WWW.x",
    "http://t.co/x",
    "foo.NEWS",
    "x.info",
    "a.io",
    "desk@example.org",
    "Photo: Jane Doe / Reuters",
    "photos by",
    "FILE PHOTO -",
    "FILE:",
    "video/",
    "credit:",
    "(AP/Jane Doe, Pool)",
    "(Photo: x)",
    "(credits: y)",
    "(getty/x)",
    "By JANE DOE",
    "by JOHN O'ROE",
    "written by",
    "Updated 5:42 PM EDT, Tue March 5, 2024",
    "2024-03-05",
    "12/31/99",
    "a.m.",
    "Home",
    "Next »",
    "back to top",
    "BREAKING NEWS: ",
]
_PIECES = [v for piece in _FURNITURE_PIECES for v in _variants(piece)] + [
    "The council met on Tuesday and agreed the budget",
    "prose words run on and on past the limit of a short line",
    "naïve café",
    "don't",
    "U.S.",
    "x'",
    "x.",
    "_",
    "é",
    "٣",
    "\u0345",
    "\u0307",
    "ß",
    *"|•›»·→←/,:;-—–…!?.\"”’')]([“‘",
]
_SEPARATORS = ["", " ", " ", "  ", "\t", "\u00a0", "\n"]

#: Texts of the pieces above run together or apart: one line or several.
hostile_text = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), max_size=14
).map(lambda parts: "".join(piece + sep for piece, sep in parts))
hostile_line = hostile_text.map(lambda text: text.replace("\n", " ").strip())


@given(hostile_text, st.booleans())
@settings(max_examples=1500, deadline=None)
@example("Sign up | Log in", False)
@example("\u017fign up", False)
@example("Click here: " + "word " * 40, False)
@example("(AP/Jane)", False)
@example("\u0130nbox", False)
def test_a_paragraph_is_furniture_as_the_plain_checks_say(text: str, repeated: bool) -> None:
    assert f.is_furniture(text, repeated) == plain_is_furniture(text, repeated)


@given(hostile_line)
@settings(max_examples=1500, deadline=None)
@example("\u017fign up")
@example("Read \u212aore")
@example("x'print it")
@example("print_ it")
@example("printé")
@example("editor's note")
def test_each_fast_check_finds_what_its_pattern_finds(line: str) -> None:
    data = line.encode()
    assert f._has_copyright(line, data) == bool(f._COPYRIGHT.search(line))
    caption = f._CAPTION_START.match(line) or f._CAPTION_CREDIT.search(line)
    assert f._is_caption(line) == bool(caption)
    assert f._ends_sentence(line) == bool(_PLAIN_TERMINAL.search(line))
    assert f._count_links(line) == len(f._LINK.findall(line))
    run_bytes = data.translate(f._RUN_BYTES)
    assert f._most_prompts(line, run_bytes) >= len(f._PROMPT.findall(line))
    verdict = f._settled(line)
    assert (verdict if isinstance(verdict, bool) else None) == plain_settled(line)
    if not isinstance(verdict, bool):
        assert verdict == len(f._WORD.findall(line))
        assert f._short_line_is_furniture(line, verdict, False) == plain_short_line_is_furniture(
            line, False
        )


@given(st.text(alphabet=st.sampled_from(list("a .!?…\"'”’)]([“‘\t")), max_size=12))
@settings(max_examples=500, deadline=None)
@example("Done.]")
def test_a_line_ends_a_sentence_as_the_pattern_says(line: str) -> None:
    assert f._ends_sentence(line) == bool(_PLAIN_TERMINAL.search(line))


_WORDISH = st.text(
    alphabet=st.sampled_from(list("ab1_'’. -\t\u00a0—“é٣İıſß\u0307\u0345")), max_size=200
)


@given(_WORDISH)
@settings(max_examples=1000, deadline=None)
@example("a " * 31)
@example("a.b " * 31)
@example("é" + " a" * 30)
def test_the_words_told_from_below_are_at_most_the_words(text: str) -> None:
    classes = text.encode().translate(f._WORD_START_CLASSES)
    assert f._words_from_below(classes) <= len(f._WORD.findall(text))


@given(st.text(alphabet=st.sampled_from(list("aZ19_'. -\t,:\x7f")), max_size=60))
@settings(max_examples=1500, deadline=None)
@example("a.b.c 'tis ..5 x'' y.'z .a '.a a.")
def test_the_words_of_an_ascii_line_are_counted_exactly(text: str) -> None:
    classes = text.encode().translate(f._WORD_START_CLASSES)
    assert f._ascii_words(classes) == len(f._WORD.findall(text))


@given(st.text(alphabet=st.sampled_from(list("aZ1_'. ,’“”‘—–…\u00a0é٣\u0307")), max_size=60))
@settings(max_examples=1500, deadline=None)
@example("it’s “quoted” — x’’y ‘a’ b’.c…")
def test_the_words_of_a_line_are_counted_as_the_pattern_finds_them(text: str) -> None:
    """Stand-ins keep a word's class: a line of them is counted as an ASCII line is."""
    classes = text.encode().translate(f._WORD_START_CLASSES)
    assert f._word_count(text, classes) == len(f._WORD.findall(text))
    for char, stand_in in f._ASCII_STAND_INS:
        for context in ("{}", "a{}b"):
            words = [f._WORD.findall(context.format(c)) for c in (char, stand_in)]
            assert len(words[0]) == len(words[1])


def test_prose_is_told_long_from_below() -> None:
    """The lower bound is close for prose: one word for each word after a space."""
    line = "The council, after “long” talks on Tuesday, agreed the budget; don't worry. " * 3
    assert len(line.split()) == 3 * 12 > f.LONG_WORDS

    def from_below(text: str) -> int:
        return f._words_from_below(text.encode().translate(f._WORD_START_CLASSES))

    assert from_below(line) > f.LONG_WORDS
    assert from_below("word " * f.LONG_WORDS) == f.LONG_WORDS


def _matched_under_ignorecase(pattern: str) -> str:
    compiled = re.compile(pattern, re.I)
    return "".join(c for c in map(chr, range(sys.maxunicode + 1)) if compiled.fullmatch(c))


def test_the_ascii_lookalikes_are_every_other_character_ignorecase_matches_to_a_letter() -> None:
    matched = _matched_under_ignorecase("[a-z]")
    assert sorted(c for c in matched if not c.isascii()) == sorted(f._ASCII_LETTER_LOOKALIKES)


def test_the_caption_first_letters_are_every_form_of_them() -> None:
    assert sorted(_matched_under_ignorecase("[cfipv]")) == sorted(f._CAPTION_FIRST_LETTERS)
    starts = re.findall(r"(?:^|\||\(\?:)(\w)", f._CAPTION_START.pattern)
    assert {s.lower() for s in starts} == set("cfipv")


def test_the_phrase_expansions_are_what_the_phrases_match() -> None:
    for phrase in f._PROMPT_PHRASES:
        texts = f._expansions(phrase)
        assert len(set(texts)) == len(texts)
        assert all(re.fullmatch(phrase, text) for text in texts)
    assert sorted(f._expansions("log ?in")) == ["log in", "login"]
    assert sorted(f._expansions("related (?:story|posts?)")) == [
        "related post",
        "related posts",
        "related story",
    ]


def _plain_flags(paragraphs: tuple[str, ...]) -> tuple[bool, ...]:
    keys = [f._short_key(p) for p in paragraphs]
    counts = {key: keys.count(key) for key in keys if key is not None}
    return tuple(
        plain_is_furniture(p, key is not None and counts[key] > 1)
        for p, key in zip(paragraphs, keys, strict=True)
    )


@given(st.lists(hostile_text, max_size=8))
@settings(max_examples=300, deadline=None)
def test_flags_are_the_plain_checks_with_repetition(paragraphs: list[str]) -> None:
    doubled = tuple(paragraphs + paragraphs[:2])
    assert f.furniture_flags(doubled) == _plain_flags(doubled)
