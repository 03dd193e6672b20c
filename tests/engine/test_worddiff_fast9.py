"""The word diff's one-pass forms give what the plain, several-pass forms give."""

from __future__ import annotations

from itertools import groupby

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine import spanclass, worddiff
from tui.engine.spanclass import DIFF_DELETE, DIFF_EQUAL, DIFF_INSERT, MINOR, Piece
from tui.engine.tokens import diff_tokens

_WORDS = st.sampled_from(
    ["said", "Said", "the", "of", "a", "“", '"', "house", "’s", "'s", ",", ".", " ", "\n", "  "]
)
_TOKENS = st.lists(_WORDS, max_size=12).map(lambda words: diff_tokens("".join(words)))


def _plain_pieces(diffs: list[tuple[int, int]], tokens_a: list[str], tokens_b: list[str]) -> list:
    """The pieces as two passes made them: runs to pieces (equal runs split into equal
    and minor pieces), then thin equalities between changes folded."""
    raw: list[Piece] = []
    ia = ib = 0
    for op, n in diffs:
        run_a, run_b = tokens_a[ia : ia + n], tokens_b[ib : ib + n]
        if op == -1:
            raw.append((DIFF_DELETE, "".join(run_a), ""))
            ia += n
        elif op == 1:
            raw.append((DIFF_INSERT, "", "".join(run_b)))
            ib += n
        else:
            ia, ib = ia + n, ib + n
            for same, pairs in groupby(zip(run_a, run_b, strict=True), key=lambda p: p[0] == p[1]):
                piece_a, piece_b = map("".join, zip(*pairs, strict=True))
                if same:
                    raw.append((DIFF_EQUAL, piece_a, piece_b))
                else:
                    raw.extend(worddiff._trim_minor(piece_a, piece_b))
    out: list[Piece] = []
    changes = (DIFF_DELETE, DIFF_INSERT)
    for k, (op, a, b) in enumerate(raw):
        between_changes = (
            0 < k < len(raw) - 1 and raw[k - 1][0] in changes and raw[k + 1][0] in changes
        )
        if op == DIFF_EQUAL and between_changes and worddiff._is_thin(a):
            out += [(DIFF_DELETE, a, ""), (DIFF_INSERT, "", b)]
        else:
            out.append((op, a, b))
    return out


_TOKEN = st.sampled_from(["said ", "the ", "of ", "a", "house ", "“", ",", ".", "\n"])
#: Tokens as the other side may have them where the diff sees them as equal.
_MINOR_OF = {"said ": "Said ", "the ": "The  ", "“": '"', "house ": "House\n"}


@st.composite
def _runs(draw: st.DrawFn) -> tuple[list[tuple[int, int]], list[str], list[str]]:
    """Runs and two token lists they cover (equal runs side by side allowed, their tokens
    the same or minor variants)."""
    diffs: list[tuple[int, int]] = []
    tokens_a: list[str] = []
    tokens_b: list[str] = []
    for op in draw(st.lists(st.sampled_from([-1, 0, 1]), max_size=8)):
        tokens = draw(st.lists(_TOKEN, min_size=1, max_size=4))
        diffs.append((op, len(tokens)))
        if op <= 0:
            tokens_a += tokens
        if op == 0 and draw(st.booleans()):
            tokens = [_MINOR_OF.get(t, t) if draw(st.booleans()) else t for t in tokens]
        if op >= 0:
            tokens_b += tokens
    return diffs, tokens_a, tokens_b


@ENGINE_SETTINGS
@given(_runs())
@example(([(-1, 1), (0, 2), (1, 1)], ["said ", "the ", "of "], ["the ", "of ", "house"]))
def test_pieces_fold_thin_equalities_as_a_pass_of_their_own_would(runs: tuple) -> None:
    """Folding a thin equal run while the pieces are made is folding it afterwards."""
    diffs, tokens_a, tokens_b = runs
    assert worddiff._pieces(diffs, tokens_a, tokens_b) == _plain_pieces(diffs, tokens_a, tokens_b)


@ENGINE_SETTINGS
@given(_TOKENS, _TOKENS)
@example(["house ", "said ", "the ", "house"], ["house ", "“", "the ", "house"])
def test_pieces_of_a_real_diff_are_those_of_the_plain_passes(
    tokens_a: list, tokens_b: list
) -> None:
    """Over diffs diff-match-patch gives (no two equal runs side by side)."""
    encoded = worddiff._tokens_to_chars(tokens_a, tokens_b)
    assert encoded is not None
    diffs = worddiff.diff_keys(*encoded, 0)
    assert worddiff._pieces(diffs, tokens_a, tokens_b) == _plain_pieces(diffs, tokens_a, tokens_b)


def _merged(spans: list) -> list:
    """Neighbouring equal spans joined and empty ones dropped, as a pass of its own did."""
    merged: list = []
    for op, a, b, flags in spans:
        if not a and not b:
            continue
        if merged and merged[-1][0] == op == "equal":
            merged[-1] = ("equal", merged[-1][1] + a, merged[-1][2] + b, ())
        else:
            merged.append((op, a, b, flags))
    return merged


_PIECE_TEXT = st.lists(_TOKEN, min_size=1, max_size=4).map("".join)
_PIECE = st.one_of(
    _PIECE_TEXT.map(lambda text: (DIFF_EQUAL, text, text)),
    st.tuples(st.just(MINOR), _PIECE_TEXT, _PIECE_TEXT),
    st.tuples(st.just(DIFF_DELETE), _PIECE_TEXT, st.just("")),
    st.tuples(st.just(DIFF_INSERT), st.just(""), _PIECE_TEXT),
)


@ENGINE_SETTINGS
@given(st.lists(_PIECE, max_size=10))
@example([(DIFF_EQUAL, "a", "a"), (DIFF_DELETE, "said the ", ""), (DIFF_INSERT, "", "said a ")])
@example([(DIFF_DELETE, "the house ", ""), (DIFF_INSERT, "", "a house "), (DIFF_EQUAL, "of", "of")])
def test_classify_joins_equal_spans_as_a_pass_of_its_own_would(raw: list) -> None:
    """Classed spans come joined: no equal span beside another, none empty."""
    classed, _ = spanclass.classify(raw, ())
    assert classed == _merged(classed)
    assert "".join(a for _, a, _, _ in classed) == "".join(a for _, a, _ in raw)
