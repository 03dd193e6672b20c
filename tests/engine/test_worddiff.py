"""Word diff and change classes on exact small cases."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.checks import cuts_inside_words, invariant_errors
from tests.engine.strategies import ENGINE_SETTINGS, any_pair
from tui.engine import Row, Span, diff_texts
from tui.engine.tokens import diff_tokens
from tui.engine.worddiff import common_prefix_length, common_suffix_length, word_diff


def one_row(a: str, b: str) -> Row:
    """Diff two one-paragraph texts; they must pair into a single row."""
    result = diff_texts(a, b)
    assert invariant_errors(result) == []
    assert len(result.rows) == 1, [(r.kind, r.a, r.b) for r in result.rows]
    return result.rows[0]


def changes(a: str, b: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """The non-equal spans of the single row as (op, a, b, flags), texts stripped."""
    row = one_row(a, b)
    return [(s.op, s.a.strip(), s.b.strip(), s.flags) for s in row.spans if s.op != "equal"]


def only_change(a: str, b: str) -> tuple[str, str, str, set[str]]:
    """The one non-equal span of the row (fails if there are several)."""
    found = changes(a, b)
    assert len(found) == 1, found
    op, sa, sb, flags = found[0]
    return op, sa, sb, set(flags)


# --- never inside a word -----------------------------------------------------------

#: Shared words so that short test sentences are paired whatever their one difference.
CONTEXT = " The Kremlin confirmed the visit to Beijing for the Winter Olympics on Friday."


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("foo barbaz qux", "foo barqux qux"),
        ("He was unhappy about it.", "He was happy about it."),
        ("The runner kept running.", "The runners kept runing."),
        ("within the city", "with the city"),
        ("Chinese officials", "China officials"),
        ("well-known author", "well-liked author"),
        ("a 1,000-strong crowd", "a 1,500-strong crowd"),
        ("naïve résumé here", "naive resume here"),
        ("the cat sat", "the cats sat"),
        ("AAAA BBBB CCCC", "AAAB BBBB CCCD"),
        ("x" * 40 + " tail", "x" * 39 + "y tail"),
    ],
)
def test_changes_never_start_or_end_inside_a_word(a: str, b: str) -> None:
    row = one_row(a + CONTEXT, b + CONTEXT)
    assert cuts_inside_words(row) == []
    assert any(s.op != "equal" for s in row.spans)


#: Words that are prefixes, suffixes or pieces of one another, so that a diff by
#: characters would be tempted to cut inside them.
_PIECES = ["the", "th", "e", "he", "then", "officials", "official", "s", "1,000", "1", "000"]
_SEPARATORS = [" ", " ", "  ", "\n", ", ", ". ", "-", "\u00a0"]
_piece_text = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), max_size=14
).map(lambda parts: "".join(w + sep for w, sep in parts).strip(" "))


@ENGINE_SETTINGS
@given(_piece_text, _piece_text)
@example("the the the the the the the the officials e", "officials the")
@example("officials the", "the the the the the the the the officials e")
@example("officials e", "the officials the")  # the same case with the shorter text first
def test_word_diff_never_cuts_inside_a_word(a: str, b: str) -> None:
    """Found by hypothesis: a common tail that ends a word on one side only ('e' of
    'the') was cut off as equal, which gave an insertion 'th' before an equal 'e'.
    Both texts orders are pinned: the word diff runs in a canonical order of the two."""
    spans = word_diff(a, b).spans
    assert "".join(s.a for s in spans) == a
    assert "".join(s.b for s in spans) == b
    assert cuts_inside_words(Row("changed", (0,), (0,), 0.0, spans)) == []


def test_whole_words_are_reported() -> None:
    assert only_change("foo barbaz qux", "foo barqux qux")[1:3] == ("barbaz", "barqux")


# --- minor ---------------------------------------------------------------------------


def test_cyrillic_letter_in_a_name_is_minor_homoglyph() -> None:
    op, sa, sb, flags = only_change(
        "The visit marks a new stage in relations with China.",
        "The visit marks a new stage in relations with Chin\u0430.",
    )
    assert (op, sa, sb) == ("minor", "China", "Chin\u0430")
    assert flags == {"homoglyph"}


def test_curly_versus_straight_quotes_are_minor() -> None:
    found = changes(
        'He said "it is a new era" and the country\'s leaders agreed.',
        "He said \u201cit is a new era\u201d and the country\u2019s leaders agreed.",
    )
    assert found
    assert {op for op, *_ in found} == {"minor"}
    assert all("homoglyph" not in flags for *_, flags in found)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The war - and the peace.", "The war \u2014 and the peace."),
        ("The war \u2013 and the peace.", "The war \u2014 and the peace."),
        ("The final agreement was signed.", "The \ufb01nal agreement was signed."),
        ("The Winter Olympics opened.", "The winter Olympics opened."),
        ("They agreed, he said.", "They agreed; he said."),
    ],
    ids=["dash", "en-em", "ligature", "case", "punctuation"],
)
def test_style_only_differences_are_minor(a: str, b: str) -> None:
    found = changes(a, b)
    assert found, "a difference must be shown"
    assert {op for op, *_ in found} == {"minor"}, found


def test_minor_counts_as_same_for_similarity() -> None:
    row = one_row("He said \u201cyes\u201d today.", 'He said "yes" today.')
    assert row.kind == "changed"
    assert row.similarity == 1.0


# --- changed: facts ------------------------------------------------------------------


def test_number_change_is_changed_with_number_flag() -> None:
    assert only_change(
        "More than 15 agreements were signed.", "More than 16 agreements were signed."
    ) == ("changed", "15", "16", {"number"})


def test_name_change_is_changed_with_name_flag() -> None:
    assert only_change(
        "On Friday, Putin spoke at length about sport.",
        "On Friday, Biden spoke at length about sport.",
    ) == ("changed", "Putin", "Biden", {"name"})


def test_inserted_not_is_a_negation() -> None:
    op, sa, sb, flags = only_change(
        "He will attend the opening ceremony.", "He will not attend the opening ceremony."
    )
    assert (op, sa, sb) == ("insert", "", "not")
    assert "negation" in flags


def test_will_versus_will_not_as_replacement() -> None:
    found = changes("Officials will attend.", "Officials will not attend.")
    assert any("negation" in flags and "not" in sb for _, _, sb, flags in found), found
    assert all(op in ("insert", "changed") for op, *_ in found), found


def test_contracted_negation_is_changed() -> None:
    op, _, _, flags = only_change("The plan will work in time.", "The plan won't work in time.")
    assert op == "changed"
    assert "negation" in flags


def test_deleted_negation_is_flagged() -> None:
    op, sa, sb, flags = only_change(
        "Moscow does not deny the report.", "Moscow does deny the report."
    )
    assert (op, sa, sb) == ("delete", "not", "")
    assert "negation" in flags


def test_synonym_swap_is_paraphrase_without_flags() -> None:
    assert only_change(
        "American and European officials may stay away.",
        "American and European officers may stay away.",
    ) == ("paraphrase", "officials", "officers", set())


def test_inflection_is_paraphrase() -> None:
    op, _, _, flags = only_change("The leader meets them.", "The leader met them.")
    assert op == "paraphrase" and flags == set()


def test_inserted_place_name_is_insert_with_name_flag() -> None:
    op, sa, sb, flags = only_change(
        "The two leaders met on a cold day.", "The two leaders met in Beijing on a cold day."
    )
    assert op == "insert" and sa == "" and "Beijing" in sb
    assert "name" in flags


def test_inserted_common_words_carry_no_fact_flag() -> None:
    op, _, _, flags = only_change("The leaders met today.", "The leaders met again today.")
    assert op == "insert"
    assert flags == set()


def test_words_changed_inside_a_quotation_are_changed_with_quote_flag() -> None:
    op, sa, sb, flags = only_change(
        "Xi said \u201cwe will win this contest\u201d to the crowd.",
        "Xi said \u201cwe will lose this contest\u201d to the crowd.",
    )
    assert (op, sa, sb) == ("changed", "win", "lose")
    assert "quote" in flags


def test_straight_quotation_also_counts() -> None:
    op, _, _, flags = only_change(
        'He called it "a very important stabilizing role" yesterday.',
        'He called it "a very significant stabilizing role" yesterday.',
    )
    assert op == "changed" and "quote" in flags


def test_same_words_outside_quotes_are_not_a_quote_change() -> None:
    op, _, _, flags = only_change(
        "He called it \u201cstabilizing\u201d and an important role.",
        "He called it \u201cstabilizing\u201d and a significant role.",
    )
    # No evidence that "important" and "significant" mean the same here: reworded.
    assert op == "reworded" and "quote" not in flags


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("They met on Friday in the capital.", "They met on Thursday in the capital."),
        ("The summit opens in February this time.", "The summit opens in March this time."),
        ("They last met in 2019 in person.", "They last met in 2018 in person."),
    ],
    ids=["weekday", "month", "year"],
)
def test_date_change_is_changed_with_date_flag(a: str, b: str) -> None:
    op, _, _, flags = only_change(a, b)
    assert op == "changed"
    assert "date" in flags


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The Games run until February 20, 2022 in Beijing.",
            "The Games run until February 21, 2022 in Beijing.",
        ),
        (
            "The report is dated 2022-02-03 and signed.",
            "The report is dated 2022-02-04 and signed.",
        ),
        (
            "It was published on 4 February 2022 online.",
            "It was published on 5 February 2022 online.",
        ),
    ],
    ids=["month-day-year", "iso", "day-month-year"],
)
def test_day_of_a_date_changed_is_a_date(a: str, b: str) -> None:
    """A changed day inside a full date is a date change (a number too, if you like)."""
    op, _, _, flags = only_change(a, b)
    assert op == "changed"
    assert "date" in flags


def test_facts_reordered_within_the_row_are_not_fact_changes() -> None:
    """Sentence reordering is a paraphrase: no `changed` span, no fact flag."""
    found = changes(
        "Putin met Xi in Beijing. The talks lasted two hours.",
        "The talks lasted two hours. Putin met Xi in Beijing.",
    )
    assert found
    assert all(op != "changed" for op, *_ in found), found
    facts = {"number", "date", "name", "negation"}
    assert not any(facts & set(flags) for *_, flags in found), found


def test_span_texts_rebuild_both_sides_exactly() -> None:
    a = "He said \u201cno\u201d.\nThen 15 officials left Beijing."
    b = 'He said "no".\nThen 16 officers left Moscow, not Beijing.'
    row = one_row(a, b)
    assert "".join(s.a for s in row.spans) == a
    assert "".join(s.b for s in row.spans) == b
    assert row.has_facts


def test_paragraph_joiner_is_kept_in_merged_rows() -> None:
    a = (
        "Putin will attend the opening ceremony of the Winter Olympics in Beijing on Friday.\n\n"
        "He will also hold talks with Xi Jinping about trade, energy and security."
    )
    b = (
        "Putin will attend the opening ceremony of the Winter Olympics in Beijing on Friday. "
        "He will also hold talks with Xi Jinping about trade, energy and security."
    )
    result = diff_texts(a, b)
    assert invariant_errors(result) == []
    assert [(r.a, r.b) for r in result.rows] == [((0, 1), (0,))]
    spans = result.rows[0].spans
    assert "".join(s.a for s in spans) == a
    assert all(s.op in ("equal", "minor") for s in spans), spans


def test_long_row_is_not_degraded_silently() -> None:
    """A big row must not come back as 'all deleted, all inserted' without a warning."""
    words = [f"w{k}" for k in range(20000)]
    changed = list(words)
    for k in range(0, len(changed), 97):
        changed[k] = changed[k] + "x"
    a, b = " ".join(words), " ".join(changed)
    result = diff_texts(a, b)
    assert invariant_errors(result) == []
    row = result.rows[0]
    equal_words = sum(len(s.a.split()) for s in row.spans if s.op == "equal")
    if equal_words < 0.9 * len(words):
        assert result.warnings, "coarse word diff without a warning"


def test_span_records_are_plain() -> None:
    span = Span("insert", "", "x", ("name",))
    assert (span.op, span.a, span.b, span.flags) == ("insert", "", "x", ("name",))


def test_sentence_moved_within_a_paragraph_is_a_paraphrase() -> None:
    """A sentence that moved inside its paragraph is a reordering: paraphrase on both
    sides (one side each), not a deletion plus an insertion."""
    row = one_row(
        "Putin met Xi in Beijing. The talks lasted two hours.",
        "The talks lasted two hours. Putin met Xi in Beijing.",
    )
    moved = [s for s in row.spans if s.op == "paraphrase"]
    assert [(bool(s.a), bool(s.b)) for s in moved] == [(True, False), (False, True)]
    assert all("Putin met Xi in Beijing" in (s.a or s.b) for s in moved)
    assert not any(s.op in ("insert", "delete") for s in row.spans)


def test_a_different_sentence_is_not_taken_for_a_moved_one() -> None:
    from tui.engine.worddiff import word_diff

    spans = word_diff(
        "Putin met Xi in Beijing. The talks lasted two hours.",
        "The talks lasted two hours. Officials signed a dozen trade agreements.",
    ).spans
    assert [s.op for s in spans if s.op != "equal"] == ["delete", "insert"]


def test_tokens_map_to_characters_past_the_surrogate_range() -> None:
    """A row with more distinct words than there are characters below the surrogates
    still maps each to its own character, none of them a surrogate."""
    from tui.engine.worddiff import _tokens_to_chars

    tokens_a = [f"w{n} " for n in range(0xD800 + 50)]
    tokens_b = [*tokens_a[-10:], "extra"]
    encoded = _tokens_to_chars(tokens_a, tokens_b)
    assert encoded is not None
    chars_a, chars_b = encoded
    assert len(set(chars_a)) == len(tokens_a)
    assert not any(0xD800 <= ord(c) < 0xE000 for c in chars_a + chars_b)
    assert list(map(ord, chars_a)) == sorted(map(ord, chars_a))  # first appearance order
    assert chars_b[:10] == chars_a[-10:] and chars_b[10] not in chars_a


@ENGINE_SETTINGS
@given(st.lists(st.sampled_from(["the", "of", "The", "cat", "3.5", "isn't", "’", " ", ",", "\n"])))
def test_a_thin_run_holds_at_most_one_word_a_stopword(words: list[str]) -> None:
    from tui.engine.facts import WORD_RE
    from tui.engine.tokens import STOPWORDS
    from tui.engine.worddiff import _is_thin

    text = "".join(words)
    found = WORD_RE.findall(text)
    assert _is_thin(text) == (len(found) <= 1 and all(w.casefold() in STOPWORDS for w in found))


@ENGINE_SETTINGS
@given(st.lists(any_pair, min_size=1, max_size=4), st.sampled_from([None, 3, 40]))
def test_rows_sharing_a_token_table_diff_as_with_their_own(
    pairs: list[tuple[str, str]], max_keys: int | None
) -> None:
    """One token table for the rows of a diff gives each row the diff it has alone,
    also once the table is full (a small limit here) and a row falls back to its own."""
    from unittest import mock

    from tui.engine import worddiff

    with mock.patch.object(worddiff, "_MAX_KEYS", max_keys or worddiff._MAX_KEYS):
        key_chars = worddiff.KeyChars()
        for a, b in pairs:
            assert word_diff(a, b, key_chars=key_chars) == word_diff(a, b)


# --- common ends by binary search ----------------------------------------------------


def _plain_common_prefix(a: str, b: str) -> int:
    """The reference: walk both texts a character at a time."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


_near_texts = st.text(alphabet="ab ’", max_size=12)


@ENGINE_SETTINGS
@given(_near_texts, _near_texts, _near_texts)
def test_common_prefix_and_suffix_lengths_are_those_of_a_plain_walk(
    common: str, a: str, b: str
) -> None:
    assert common_prefix_length(common + a, common + b) == _plain_common_prefix(
        common + a, common + b
    )
    assert common_suffix_length(a + common, b + common) == _plain_common_prefix(
        (a + common)[::-1], (b + common)[::-1]
    )


#: The tokens as first written, with greedy quantifiers (the engine's are possessive).
_GREEDY_TOKEN = re.compile(r"(?:\w+(?:['’.,\-‐‑]\w+)*|\s+|.)[^\S\n]*\n?[^\S\n]*", re.DOTALL)
_TOKEN_TEXT = st.text(
    alphabet=st.sampled_from("ab9_ '’.,-‐‑\n\t\u00a0xé—\r"), max_size=60
) | st.text(max_size=40)


@given(_TOKEN_TEXT)
@example("3.5. U.S. well-known 2022-02-03 don't  \n  x")
def test_diff_tokens_are_lossless_and_those_of_greedy_quantifiers(text: str) -> None:
    tokens = diff_tokens(text)
    assert "".join(tokens) == text
    assert all(tokens)
    assert tokens == _GREEDY_TOKEN.findall(text)
