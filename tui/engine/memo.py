"""Bounded memos of pure functions, for inputs that recur (the words, lines and short
texts of an article, most of which its other version shares)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V]):
    """The values of the pure ``function`` for the keys looked up so far (``memo[key]``),
    at most ``limit`` of them: when full it forgets them all and starts again, so its
    memory stays bounded and it goes on serving the documents that come later. (A dict's
    own lookup costs a fraction of an ``lru_cache`` call.)"""

    def __init__(self, function: Callable[[K], V], limit: int) -> None:
        super().__init__()
        self.function = function
        self.limit = limit

    def __missing__(self, key: K) -> V:
        value = self.function(key)
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
