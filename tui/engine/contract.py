"""Reading the ``paradiff-diff`` JSON contract, any version, back into a result.

Apart from :mod:`tui.engine.model` because a version 1 document has no fact ledger and
gets one built from its rows, and the ledger itself reads the model.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tui.engine.ledger import build_ledger
from tui.engine.model import DiffResult, parse_result


def result_from_dict(data: Any) -> DiffResult:
    """Rebuild a :class:`DiffResult` from its JSON contract (any version read), validating
    as it goes. Raises :class:`~tui.engine.model.ResultFormatError` with a one-line reason
    on anything malformed."""
    result, version = parse_result(data)
    if version < 2:
        result = replace(result, facts=build_ledger(result, skip=lambda row: row.furniture))
    return result
