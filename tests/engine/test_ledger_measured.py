"""The ledger on the labelled fact set: recall of injected changes and false changes
on format-only copies, with floors (docs/FACTS.md, issue 11)."""

from __future__ import annotations

from tests.engine.factset import score

RECALL_FLOOR = 0.97
FALSE_CHANGE_CEILING = 1 / 30


def test_injected_changes_are_found_and_format_variants_are_not_changes() -> None:
    s = score()
    assert s.injected >= 30 and s.variants >= 30
    assert s.found / s.injected >= RECALL_FLOOR, s.missed
    assert s.false_changes / s.variants <= FALSE_CHANGE_CEILING, s.false_entries
