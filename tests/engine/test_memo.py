"""A memo gives its function's values, remembers at most its limit of them, and goes on
serving after it fills."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.engine.strategies import ENGINE_SETTINGS
from tui.engine.memo import Memo


@ENGINE_SETTINGS
@given(st.lists(st.integers(-20, 20), max_size=60), st.integers(1, 8))
def test_a_memo_gives_the_values_of_its_function_and_keeps_at_most_its_limit(
    keys: list[int], limit: int
) -> None:
    calls: list[int] = []

    def square(n: int) -> int:
        calls.append(n)
        return n * n

    memo = Memo(square, limit)
    for key in keys:
        assert memo[key] == key * key
        assert len(memo) <= limit
        assert memo[key] == key * key  # just remembered: not computed again
    assert len(calls) <= len(keys)


def test_a_full_memo_starts_again_and_remembers_the_new_keys() -> None:
    memo = Memo(str.upper, 2)
    assert (memo["a"], memo["b"]) == ("A", "B")
    assert memo["c"] == "C"
    assert dict(memo) == {"c": "C"}
    assert memo["d"] == "D"
    assert dict(memo) == {"c": "C", "d": "D"}
