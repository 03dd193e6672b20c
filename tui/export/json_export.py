"""The ``paradiff-diff`` JSON contract as text."""

from __future__ import annotations

import json

from tui.engine.model import DiffResult, result_to_dict
from tui.engine.pipeline import collector_paused


def render_json(result: DiffResult, indent: int | None = None) -> str:
    """Serialise ``result`` to JSON (UTF-8 safe: non-ASCII and control characters escaped;
    never ``NaN`` or ``Infinity``, which are not JSON: ``ValueError`` instead)."""
    with collector_paused():  # the dict of a large result has millions of containers
        return json.dumps(
            result_to_dict(result),
            ensure_ascii=True,
            indent=indent,
            allow_nan=False,
            check_circular=False,  # a tree made just now: no container can hold itself
        )
