"""The word diff's shortcuts give what the plain forms they replace give.

The plain forms are kept here as the reference: the minor fold by the pattern alone
and the look-alike check of every change, the cut check by ``is_word_char`` at every
cut, and the whitespace pass that splits every non-equal span.
"""

from __future__ import annotations

import sys

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS, SEPARATORS, paragraph
from tui.engine import spanclass
from tui.engine.facts import has_homoglyph
from tui.engine.spanclass import Classed
from tui.engine.tokens import is_word_char
from tui.engine.worddiff import _whitespace_as_equal, _word_diff

#: Every whitespace character, as ``str.split`` sees them.
WHITESPACE = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]
#: Letters, digits, joiners, punctuation and the characters folding rewrites (curly
#: quotes, dashes, no-break and zero-width spaces, look-alike letters, a ligature).
_HOSTILE = "aZ09_-‐‑/.,'’‘“”—–\u00a0\u200b\u00ad\u2009аеоΑﬁé\u0301ß"
_ASCII_TEXT = st.text(st.characters(max_codepoint=127))
_MIXED_TEXT = st.text(st.sampled_from(_HOSTILE) | st.sampled_from(WHITESPACE), max_size=12)


@ENGINE_SETTINGS
@given(_MIXED_TEXT | _ASCII_TEXT, _MIXED_TEXT | _ASCII_TEXT)
@example("The U.S.", "the US")
@example("Don't, U.S._2022 ", "dont US 2022")
@example("don't", "Don’t")
@example("STRASSE", "straße")
@example("final", "ﬁnal")
@example("Chinа", "China")  # a Cyrillic a
def test_a_change_is_minor_and_homoglyph_as_the_plain_checks_find(a: str, b: str) -> None:
    """ASCII changes skip the look-alike check and fold by deleting bytes."""
    op, _, _, flags = spanclass._classify_change(a, b, 0, 0, spanclass._Context(()))
    assert (op == "minor") == (spanclass._fold_minor(a) == spanclass._fold_minor(b))
    assert ("homoglyph" in flags) == (has_homoglyph(a) or has_homoglyph(b))


#: Tokens as ``str.split`` gives them: no whitespace.
_NOT_SPACE = [c for c in _HOSTILE if not c.isspace()]
_tokens = st.lists(st.text(st.sampled_from(_NOT_SPACE), min_size=1, max_size=4), max_size=6)
#: The whitespace around and between the tokens: up to 7 runs, the inner ones not empty.
_gaps = st.lists(
    st.text(st.sampled_from(WHITESPACE), min_size=1, max_size=3), min_size=7, max_size=7
)
_edges = st.tuples(st.sampled_from(["", *WHITESPACE]), st.sampled_from(["", *WHITESPACE]))


def spaced(tokens: list[str], gaps: list[str], edges: tuple[str, str]) -> str:
    """The tokens with ``gaps`` between them and ``edges`` around them."""
    inner = "".join(token + gap for token, gap in zip(tokens, gaps, strict=False))
    return edges[0] + inner[: len(inner) - len(gaps[len(tokens) - 1])] + edges[1] if tokens else ""


@ENGINE_SETTINGS
@given(_tokens, _gaps, _gaps, _edges, _edges)
@example(["e", "\u0301"], [" "] * 7, ["\u3000"] * 7, ("", ""), ("\n", " "))
def test_texts_differing_in_whitespace_alone_fold_alike(
    tokens: list[str],
    gaps_a: list[str],
    gaps_b: list[str],
    edges_a: tuple[str, str],
    edges_b: tuple[str, str],
) -> None:
    """Why only a minor span can differ in whitespace alone (what lets the whitespace
    pass skip the others): such texts fold alike, hence are classed minor."""
    a, b = spaced(tokens, gaps_a, edges_a), spaced(tokens, gaps_b, edges_b)
    assert a.split() == b.split() == tokens
    assert spanclass._fold_minor(a) == spanclass._fold_minor(b)


def plain_is_cut(text: str, pos: int) -> bool:
    if pos <= 0 or pos >= len(text):
        return True
    before, after = text[pos - 1], text[pos]
    if is_word_char(before) and is_word_char(after):
        return False
    if after in spanclass._JOINERS and is_word_char(before) and pos + 1 < len(text):
        return not is_word_char(text[pos + 1])
    if before in spanclass._JOINERS and is_word_char(after) and pos >= 2:
        return not is_word_char(text[pos - 2])
    return True


@st.composite
def cut(draw: st.DrawFn) -> tuple[str, int]:
    """A text of word characters and joiners, and a position in it (or just outside)."""
    text = draw(st.text(st.sampled_from("ab9_ é-/.,'’ \n"), max_size=8))
    return text, draw(st.integers(-1, len(text) + 1))


@ENGINE_SETTINGS
@given(cut())
@example(("a-b", 1))
@example(("a-b", 2))
@example(("U.S.", 3))
def test_is_cut_is_the_plain_check(text_pos: tuple[str, int]) -> None:
    text, pos = text_pos
    assert spanclass._is_cut(text, pos) == plain_is_cut(text, pos)


def plain_peel_common(deleted: str, inserted: str) -> tuple[int, int]:
    if not deleted or not inserted:
        return 0, 0
    limit = min(len(deleted), len(inserted))
    head = 0
    while head < limit and deleted[head] == inserted[head]:
        head += 1
    while head and not (plain_is_cut(deleted, head) and plain_is_cut(inserted, head)):
        head -= 1
    limit -= head
    tail = 0
    while tail < limit and deleted[-1 - tail] == inserted[-1 - tail]:
        tail += 1
    while tail and not (
        plain_is_cut(deleted, len(deleted) - tail) and plain_is_cut(inserted, len(inserted) - tail)
    ):
        tail -= 1
    if head + tail >= len(deleted) and head + tail >= len(inserted):
        return 0, 0
    return head, tail


_CUT_TEXT = st.text(st.sampled_from("ab9_ é-/.,'’ \n\u00a0"), max_size=10)


@ENGINE_SETTINGS
@given(_CUT_TEXT, _CUT_TEXT, _CUT_TEXT)
@example("cc", " dd", "")
@example("a ", "b", " c")
@example("x-", "b", "-y")
def test_peeling_is_the_plain_peeling(common: str, a: str, b: str) -> None:
    """A cut next to whitespace skips the cut check; with the common text at both ends."""
    for deleted, inserted in ((common + a, common + b), (a + common, b + common)):
        assert spanclass._peel_common(deleted, inserted) == plain_peel_common(deleted, inserted)


def plain_whitespace_as_equal(spans: list[Classed]) -> list[Classed]:
    out: list[Classed] = []
    none: Classed = ("equal", "", "", ())
    for k, span in enumerate(spans):
        op, a, b, _ = span
        if op != "equal" and a.split() == b.split():
            before = spans[k - 1] if k else none
            after = spans[k + 1] if k + 1 < len(spans) else none
            around_a, around_b = before[1] + a + after[1], before[2] + b + after[2]
            if around_a.count("\n\n") == around_b.count("\n\n"):
                op = "equal"
                span = (op, a, b, ())
        if out and out[-1][0] == op == "equal":
            out[-1] = ("equal", out[-1][1] + a, out[-1][2] + b, ())
        else:
            out.append(span)
    return out


@st.composite
def respaced(draw: st.DrawFn) -> tuple[str, str]:
    """A text of one or two paragraphs and the same words spaced otherwise."""
    words = draw(paragraph()).split()
    spaces = st.sampled_from([*SEPARATORS, "\n\n", "  \n"])
    text_a = "".join(w + draw(spaces) for w in words)
    text_b = "".join(w + draw(spaces) for w in words)
    return text_a, text_b


@ENGINE_SETTINGS
@given(respaced() | st.tuples(paragraph(), paragraph()))
@example(("a  b\n\nc", "a b c"))
def test_whitespace_pass_is_the_plain_one(pair: tuple[str, str]) -> None:
    text_a, text_b = pair
    if text_a == text_b:
        return
    classed = _word_diff(text_a, text_b, 0, None)[0]
    assert _whitespace_as_equal(classed) == plain_whitespace_as_equal(classed)
