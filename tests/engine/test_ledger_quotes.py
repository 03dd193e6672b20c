"""Quotation regions found by the quotation marks alone are those of the plain scan."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.ledger import quote_regions

#: The plain scan: the marks and the paragraph breaks in one regex, in text order.
_MARK_OR_BREAK = re.compile(r'["“”„«»]|\n\n')


def _plain_quote_regions(text: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    start = -1
    for match in _MARK_OR_BREAK.finditer(text):
        mark, pos = match.group(), match.start()
        if mark == "\n\n":
            start = -1
        elif start < 0:
            if mark not in "”»":
                start = pos
        elif mark in '"”»“':
            regions.append((start, pos + 1))
            start = -1
    return regions


_quoted_text = st.lists(
    st.sampled_from(['"', "“", "”", "„", "«", "»", "\n", "\n\n", "\n\n\n", " ", "word", "'"]),
    max_size=40,
).map("".join)


@ENGINE_SETTINGS
@given(_quoted_text)
@example('“one\n\ntwo” "three\n\n\n"four"')
@example("„a\n«b\n\n»c“")
def test_quote_regions_are_those_of_the_plain_scan(text: str) -> None:
    assert quote_regions(text) == _plain_quote_regions(text)


def test_a_quotation_stops_at_a_paragraph_break() -> None:
    assert quote_regions('"one\n\ntwo" said "three"') == [(9, 17)]
