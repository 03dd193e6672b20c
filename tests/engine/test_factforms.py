"""Every row of the normal-forms table in docs/FACTS.md holds (one source of truth)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.engine.factforms import quote_key, similar_names
from tui.engine.ledger import extract_facts

DOC = Path(__file__).resolve().parents[2] / "docs" / "FACTS.md"
KINDS = ("name", "date", "number", "quote", "variant")


def _table_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in KINDS:
            rows.append((cells[0], cells[1], cells[2], cells[3]))
    return rows


ROWS = _table_rows()


def test_the_table_is_there_and_covers_every_kind() -> None:
    assert len(ROWS) >= 30
    assert {r[0] for r in ROWS} == set(KINDS)


def _keys(kind: str, form: str) -> list[str]:
    text = f"Officials said that {form} was the figure."
    return [f.key for f in extract_facts(text, frozenset()) if f.kind == kind]


@pytest.mark.parametrize(
    ("kind", "form_a", "form_b", "key"), ROWS, ids=[f"{r[1]}|{r[2]}" for r in ROWS]
)
def test_both_forms_have_one_key(kind: str, form_a: str, form_b: str, key: str) -> None:
    if kind == "variant":
        assert similar_names(form_a, form_b)
    elif kind == "quote":
        assert quote_key(form_a.strip('"')) == quote_key(form_b.strip('"')) == key
    else:
        assert _keys(kind, form_a) == _keys(kind, form_b) == [key]


@pytest.mark.parametrize(
    ("a", "b"), [("Putin", "Pushkin"), ("Li", "Lu"), ("Kashin", "Kasich"), ("Moscow", "Minsk")]
)
def test_different_names_are_not_variants(a: str, b: str) -> None:
    assert not similar_names(a, b)
