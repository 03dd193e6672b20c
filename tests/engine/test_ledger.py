"""The fact ledger: extraction, matching, statuses, offsets, agreement with span classes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui.engine import ResultFormatError, diff_texts, result_from_dict, result_to_dict
from tui.engine.ledger import build_ledger, extract_facts, row_entries
from tui.engine.model import FactEntry, FactPlace
from tui.engine.synonyms import has_evidence, learn_pairs
from tui.engine.validate import result_problem
from tui.engine.worddiff import word_diff


def _entries(a: str, b: str) -> list[tuple[str, str, str, str]]:
    return [(e.kind, e.status, e.old, e.new) for e in row_entries(a, b)]


def test_a_changed_number_is_one_changed_entry() -> None:
    a = "Officials said 1,200 people were evacuated from Kherson on Monday."
    b = "Officials said 2,100 people were evacuated from Kherson on Monday."
    assert _entries(a, b) == [("number", "changed", "1,200 people", "2,100 people")]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a boycott by the U.S. and its allies", "a boycott by the United States and its allies"),
        ("detention of 1,000,000 Uyghur Muslims", "detention of one million Uyghur Muslims"),
        ("Mr. Putin arrived on Feb. 4.", "Putin arrived on February 4."),
        ('"It shouldn\'t be used," Li said.', '"It should not be used," Li said.'),
        ("The rate rose 5 percent.", "The rate rose 5%."),
        ("These platforms matter.", "Therefore the platforms matter."),
        ("Previously, talks stalled.", "In the past, talks stalled."),
        ("THE LICENSEE MAY MODIFY THE WORK.", "THE LICENSEE CAN MODIFY THE WORK."),
    ],
)
def test_same_fact_other_form_is_no_entry(a: str, b: str) -> None:
    assert _entries(a, b) == []


def test_spelling_variant_of_a_name_is_variant_not_changed() -> None:
    assert _entries("more than 1 million Uyghur Muslims", "more than 1 million Uighur Muslims") == [
        ("name", "variant", "Uyghur Muslims", "Uighur Muslims")
    ]


def test_quote_with_another_speaker_is_reattributed() -> None:
    a = '"Now we see more unity," Kashin said.'
    b = '"Now we see more unity," Ushakov said.'
    assert _entries(a, b) == [("quote", "reattributed", "Kashin", "Ushakov")]


def test_changed_quote_and_negation() -> None:
    a = 'Li said the talks "will help both sides" and officials will attend.'
    b = 'Li said the talks "will hurt both sides" and officials will not attend.'
    kinds = {(k, s) for k, s, _, _ in _entries(a, b)}
    assert kinds == {("quote", "changed"), ("negation", "added")}


def test_date_and_name_changes() -> None:
    a = "The summit opened in Geneva on June 5, 2019, Lavrov said."
    b = "The summit opened in Vienna on June 6, 2019, Lavrov said."
    assert _entries(a, b) == [
        ("name", "changed", "Geneva", "Vienna"),
        ("date", "changed", "June 5, 2019", "June 6, 2019"),
    ]


def test_entries_carry_paragraph_offsets_and_rows() -> None:
    result = diff_texts(
        "Intro stays the same here.\n\nSome 40 troops arrived in Kyiv on Monday.",
        "Intro stays the same here.\n\nSome 400 troops arrived in Kyiv on Monday.",
    )
    (entry,) = result.facts
    assert result.rows[entry.row].a == (1,)
    assert entry.a is not None and entry.b is not None
    assert result.a.paragraphs[1][entry.a.start : entry.a.end] == entry.old == "Some 40 troops"
    assert result.b.paragraphs[1][entry.b.start : entry.b.end] == entry.new


def test_an_inserted_paragraph_is_one_entry() -> None:
    text = "First paragraph stays.\n\nLast one stays too."
    extra = "Ursula von der Leyen met Olaf Scholz and Emmanuel Macron in Brussels with 3 aides."
    result = diff_texts(text, text.replace("\n\n", f"\n\n{extra}\n\n"))
    (entry,) = result.facts
    assert (entry.kind, entry.status) == ("paragraph", "added")
    assert "a number and 4 names" in entry.note


def test_ledger_survives_json_and_version_1_documents_get_one() -> None:
    result = diff_texts("Prices rose 3 percent in May.", "Prices rose 4 percent in May.")
    assert result_from_dict(result_to_dict(result)).facts == result.facts
    old = result_to_dict(result)
    old["version"] = 1
    del old["facts"]
    assert result_from_dict(old).facts == result.facts


def test_skip_leaves_rows_out() -> None:
    result = diff_texts("Menu Home Sports\n\nBody 1 here.", "Body 2 here.")
    assert build_ledger(result) == result.facts
    assert all(
        result.rows[e.row].kind != "deleted"
        for e in build_ledger(result, skip=lambda r: r.kind == "deleted")
    )


def test_span_flags_agree_with_the_ledger() -> None:
    diff = word_diff("The U.S. sent 40 tanks.", "The United States sent 400 tanks.")
    ops = {(s.op, s.flags) for s in diff.spans if s.op != "equal"}
    assert ("changed", ("number",)) in ops
    assert all("name" not in s.flags for s in diff.spans)


def test_paraphrase_needs_evidence() -> None:
    assert has_evidence("relationship", "relations")
    assert has_evidence("the two countries", "the 2 countries")
    assert not has_evidence("patent", "fox")
    spans = word_diff("The patent expired.", "The fox expired.").spans
    assert [s.op for s in spans if s.op != "equal"] == ["reworded"]


def test_word_pairs_recurring_in_rows_are_learned() -> None:
    a = "\n\n".join(f"Paragraph {k}: the minister said it was over." for k in range(3))
    b = "\n\n".join(f"Paragraph {k}: the minister stated it was over." for k in range(3))
    result = diff_texts(a, b)
    assert ("said", "stat") in learn_pairs(result.rows) or ("said", "stated") in learn_pairs(
        result.rows
    )
    assert all(s.op in ("equal", "paraphrase") for r in result.rows for s in r.spans)


def test_extraction_is_positioned_on_the_text() -> None:
    text = 'On Feb. 4, 2022, Putin said "we oppose it" and 1.5 million people did not agree.'
    for fact in extract_facts(text):
        assert text[fact.start : fact.end] == fact.text
    kinds = [f.kind for f in extract_facts(text)]
    assert kinds.count("date") == 1 and "quote" in kinds and "negation" in kinds


def test_a_bad_entry_makes_the_result_inconsistent() -> None:
    result = diff_texts("Intro.\n\nThey sent 40 tanks.", "Intro.\n\nThey sent 400 tanks.")
    (entry,) = result.facts
    assert result_problem(result) is None
    elsewhere = replace(entry, a=replace(entry.a, paragraph=0))  # paragraph 0 is not its row's
    assert "not in row" in (result_problem(replace(result, facts=(elsewhere,))) or "")
    data = result_to_dict(result)
    data["facts"][0]["status"] = "rumoured"
    with pytest.raises(ResultFormatError):
        result_from_dict(data)


def test_an_entry_seen_from_the_other_side() -> None:
    entry = FactEntry(
        3, "paragraph", "added", "", "text", None, FactPlace(1, 0, 4), "paragraph with a name added"
    )
    back = entry.mirrored(5)
    assert (back.row, back.status, back.old, back.new, back.a, back.b) == (
        5,
        "removed",
        "text",
        "",
        FactPlace(1, 0, 4),
        None,
    )
    assert back.note == "paragraph with a name removed" and back.mirrored(3) == entry
    quote = replace(entry, kind="quote", status="changed", note="speaker Li -> Wang Yi")
    assert quote.mirrored().note == "speaker Wang Yi -> Li"


def test_only_sentences_around_changes_are_compared() -> None:
    # The unchanged sentence repeats "40 tanks": the change still counts, and a row whose
    # changes carry no fact (a reworded phrase) has no entry.
    a = "They sent 40 tanks on Monday. Later 40 tanks left."
    b = "They sent 400 tanks on Monday. Later 40 tanks left."
    assert [(e.old, e.new) for e in diff_texts(a, b).facts] == [("40", "400")]
    c = "They sent 40 tanks on Monday, officials said. Later 40 tanks left."
    d = "They sent 40 tanks on Monday, officials stated. Later 40 tanks left."
    assert diff_texts(c, d).facts == ()
