"""The fact scanner's fast forms equal the plain ones they stand for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine import ledger
from tui.engine.ledger import _TOKEN_SCANNERS, ABBREVIATIONS, _skipping_scan, _tokens

#: Words and marks that reach every branch of the token scanner: lexicon words, n't
#: words, initialisms, numerals with currency and suffix, abbreviations, symbols.
_PIECES = st.sampled_from(
    [
        "one", "twenty", "million", "not", "don't", "isn’t", "of", "van", "U.S.", "Mr.",
        "Jan.", "A.", "$5", "€3.5", "3rd", "50%", "10°", "12:30", "2024-01-02", "Paris",
        "NATO", "the", "said", "O'Brien", "am", "tomorrow", "x", "_", "'", "’", ".", ",",
        " ", "  ", "\n", "-", '"', "“", "”", "é", "Ünal", "ı", "9", "of-", "(", ")",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


def _plain_tokens(text: str, start: int, end: int) -> list[tuple[object, ...]]:
    """The tokens as first written: the generic scan's matches, then one token each."""
    out = []
    for tok_start, tok_end, group in _skipping_scan(_TOKEN_SCANNERS, text, start, end):
        if group in ("lower", "cur"):
            group = "word" if group == "lower" else "num"
        word = text[tok_start:tok_end]
        if (
            group == "word"
            and text[tok_end : tok_end + 1] == "."
            and (word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper()))
        ):
            tok_end, word = tok_end + 1, word + "."
        out.append(_fields(ledger._Tok(tok_start, tok_end, word, group)))
    return out


def _fields(tok: ledger._Tok) -> tuple[object, ...]:
    return tuple(getattr(tok, name) for name in ledger._Tok.__slots__)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.data())
def test_tokens_equal_the_plain_scan(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert [_fields(t) for t in _tokens(text, start, end)] == _plain_tokens(text, start, end)


def test_tokens_of_a_sentence() -> None:
    text = "Mr. Smith didn't pay $5 on Jan. 3rd; twenty U.S. firms did."
    assert [t.text for t in _tokens(text, 0, len(text))] == [
        "Mr.", "Smith", "didn't", "$5", "Jan.", "3rd", "twenty", "U.S.",
    ]  # fmt: skip


_NAME_TEXTS = st.lists(
    st.sampled_from(["Anna", "Smith", "Smith's", "Lee’s", "'s", "of", "the", " ", "-", ". "]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_NAME_TEXTS)
def test_name_facts_stand_where_their_text_does(text: str) -> None:
    """A name loses its possessive 's in its text and its end alike (cut from the
    text's bounds, not from a slice)."""
    for fact in ledger.extract_facts(text):
        if fact.kind == "name":
            assert text[fact.start : fact.end] == fact.text
            assert fact.text == ledger._strip_possessive(text[fact.start : fact.end + 2]) or (
                not text.endswith(("'s", "’s"), fact.start, fact.end + 2)
            )
