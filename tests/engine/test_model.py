"""The result model's helpers: typed stats, row classes, swapping, paragraph numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.diff_samples import sample
from tests.engine.checks import invariant_errors
from tui.engine import (
    ROW_COUNTS,
    Article,
    DiffResult,
    ResultFormatError,
    Row,
    RowClass,
    Span,
    Stats,
    compute_stats,
    count_words,
    diff_articles,
    diff_texts,
    is_change,
    load_article,
    paragraph_numbers,
    result_from_dict,
    result_to_dict,
    row_class,
    swap_result,
)

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def test_stats_round_trip_through_the_json_layout() -> None:
    stats = sample().stats
    assert Stats.from_dict(json.loads(json.dumps(stats.to_dict()))) == stats
    assert list(stats.to_dict()) == [
        "a",
        "b",
        "rows",
        "words",
        "facts",
        "similarity",
        "similarity_body",
        "furniture",
    ]
    assert list(stats.rows) == list(ROW_COUNTS)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("rows", "moved"), None, "stats.rows: missing field 'moved'"),
        (("a", "words"), -1, "stats.a.words: negative count -1"),
        (("words", "b", "minor"), "3", "stats.words.b.minor: wrong type str"),
        (("similarity",), 1.5, "stats.similarity: 1.5 is not in [0, 1]"),
        (("facts", "quote"), True, "stats.facts.quote: wrong type bool"),
    ],
)
def test_malformed_stats_are_refused_with_a_reason(
    path: tuple[str, ...], value: object, message: str
) -> None:
    data = result_to_dict(sample())
    holder = data["stats"]
    for key in path[:-1]:
        holder = holder[key]
    if value is None:
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    with pytest.raises(ResultFormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        result_from_dict(data)


def test_word_changes_read_inserted_words_on_b_and_deleted_words_on_a() -> None:
    stats = sample().stats
    changes = stats.word_changes
    assert changes["insert"] == stats.b.words_by_op["insert"] > 0
    assert changes["delete"] == stats.a.words_by_op["delete"] > 0
    for op in ("changed", "paraphrase", "minor"):
        assert changes[op] == stats.b.words_by_op[op]


def _row(kind: str, a: tuple[int, ...], b: tuple[int, ...], *spans: Span) -> Row:
    return Row(kind, a, b, 0.5, spans)  # type: ignore[arg-type]


EQ = Span("equal", "Same words. ", "Same words. ")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_row("equal", (0,), (0,), EQ), RowClass.EQUAL),
        (_row("changed", (0,), (0,), EQ, Span("minor", "games'", "Games’")), RowClass.MINOR),
        (_row("changed", (0,), (0,), EQ, Span("paraphrase", "may", "might")), RowClass.CHANGED),
        (_row("changed", (0,), (0,), Span("changed", "2019", "2021", ("number",))), RowClass.FACTS),
        (_row("changed", (0,), (0,), Span("insert", "", " Xi", ("name",))), RowClass.FACTS),
        (_row("inserted", (), (0,), Span("insert", "", "New.")), RowClass.INSERTED),
        (_row("deleted", (0,), (), Span("delete", "Old.", "")), RowClass.DELETED),
        (_row("moved", (3,), (0,), EQ), RowClass.MOVED),
        (_row("changed", (0,), (0, 1), EQ, Span("minor", " ", "\n\n")), RowClass.SPLIT),
        (_row("changed", (0, 1), (0,), EQ, Span("minor", "\n\n", " ")), RowClass.MERGED),
    ],
)
def test_row_class(row: Row, expected: RowClass) -> None:
    assert row_class(row) is expected
    assert row_class(row) == expected.value  # usable as a plain string key


def test_is_change_hides_minor_only_rows_on_request() -> None:
    minor = _row("changed", (0,), (0,), EQ, Span("minor", "games'", "Games’"))
    reworded = _row("changed", (0,), (0,), EQ, Span("paraphrase", "may", "might"))
    same = _row("equal", (0,), (0,), EQ)
    assert [is_change(r) for r in (minor, reworded, same)] == [True, True, False]
    assert [is_change(r, show_minor=False) for r in (minor, reworded, same)] == [False, True, False]


@pytest.mark.parametrize(
    ("indices", "expected"),
    [
        ((), ""),
        ((3,), "¶4"),
        ((2, 3, 4, 7), "¶3–5, ¶8"),
        ((7, 0, 1), "¶1–2, ¶8"),
        ((0, 2), "¶1, ¶3"),
    ],
)
def test_paragraph_numbers_count_from_one_with_ranges(
    indices: tuple[int, ...], expected: str
) -> None:
    assert paragraph_numbers(indices) == expected


def _swapped_and_recounted(result: DiffResult) -> tuple[DiffResult, Stats]:
    swapped = swap_result(result)
    return swapped, compute_stats(swapped.a, swapped.b, swapped.rows)


def test_swapping_mirrors_rows_and_figures_exactly() -> None:
    result = sample()
    swapped, recounted = _swapped_and_recounted(result)
    assert swapped.stats == recounted
    assert invariant_errors(swapped) == []
    assert swapped.stats.similarity == result.stats.similarity
    assert swapped.stats.word_changes["insert"] == result.stats.word_changes["delete"]
    assert swap_result(swapped) == result


@pytest.mark.parametrize("pair", [(0, 1), (1, 3), (2, 0)], ids=lambda p: f"{p[0]}-{p[1]}")
def test_swapping_a_seed_pair_keeps_its_figures_consistent(pair: tuple[int, int]) -> None:
    a, b = (load_article(SEEDS[i].read_bytes(), SEEDS[i].name) for i in pair)
    swapped, recounted = _swapped_and_recounted(diff_articles(a, b))
    assert swapped.stats == recounted
    assert invariant_errors(swapped) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), max_size=6))
def test_article_word_count_is_the_figures_word_count(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    result = diff_texts(text, "")
    assert result.a.word_count == result.stats.a.words == count_words(text)
    assert Article("x", "utf-8", ()).word_count == 0
