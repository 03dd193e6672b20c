"""Alignment units: long paragraphs cut into sentences, and links projected back.

When one side groups its text into much longer paragraphs than the other (a
chapter against its verses, two paragraphs merged, prose paragraphed by another
editor), a long paragraph faces several short ones and one-to-one similarity
fails on the difference in size. Such paragraphs (those the paragraph-level
alignment could not pair confidently) are cut into sentences, the sentences are
aligned like paragraphs, and every pair of aligned units links their paragraphs.
Paragraphs joined through shared units form one group.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

#: A paragraph is cut when it has this many times the median words of the other side.
CUT_FACTOR = 2.2
#: ... and at least this many characters (about 30 words).
CUT_MIN_CHARS = 160
#: A sentence shorter than this (in words) stays with the next one.
MIN_SENTENCE_WORDS = 5

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
#: A sentence is closed by one of these, then perhaps closing quotes or brackets and
#: blanks (what ``[.!?…]["'`”’)\]]*\s*$`` finds, read from the end: a regex search
#: would try every position of the paragraph).
_SENTENCE_ENDS = frozenset(".!?…")
_CLOSERS = "\"'`”’)]"
_FIRST_WORD_CHAR = re.compile(r"[^\W_]")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
#: Characters after which a capital opens a sentence rather than marks a name.
_SENTENCE_OPENERS = frozenset(".!?:;`\"'“‘([-")


def _blank_separated_words(text: str) -> int:
    """Whitespace-separated words: cheap, and enough to tell a fragment from a sentence
    (the word count of the result model is :func:`tui.engine.tokens.count_words`)."""
    return len(text.split())


def sentences(text: str) -> list[str]:
    """``text`` cut after sentence ends; pieces under :data:`MIN_SENTENCE_WORDS` words
    join the next piece (the last one joins the previous)."""
    pieces: list[str] = []
    start = 0
    carry = ""
    for match in _SENTENCE_END.finditer(text):
        piece = carry + text[start : match.start()]
        start = match.end()
        if _blank_separated_words(piece) < MIN_SENTENCE_WORDS:
            carry = piece + " "
            continue
        pieces.append(piece)
        carry = ""
    last = carry + text[start:]
    if pieces and _blank_separated_words(last) < MIN_SENTENCE_WORDS:
        pieces[-1] = pieces[-1] + " " + last
    elif last.strip():
        pieces.append(last)
    return pieces


def continues(previous: str, following: str) -> bool:
    """True when ``following`` reads as the rest of a sentence that ``previous``
    left open: no sentence end before the break, and a lowercase letter (not a
    capital, not a digit) first after it."""
    if previous.rstrip().rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS:
        return False
    first = _FIRST_WORD_CHAR.search(following)
    return first is not None and first.group().islower()


def names(text: str) -> set[str]:
    """Casefolded capitalised words of ``text`` that do not open a sentence (names,
    mostly: a translation or a rewording keeps them)."""
    found = set()
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()].rstrip()[-1:]
        if before and before not in _SENTENCE_OPENERS:
            found.add(match.group().casefold())
    return found


@dataclass(frozen=True, slots=True)
class Units:
    """The units of one side: their texts and the paragraph each comes from."""

    texts: list[str]
    owner: list[int]

    def cut_paragraphs(self) -> set[int]:
        """Paragraphs made of more than one unit (a paragraph's units are adjacent)."""
        owner = self.owner
        return set(itertools.compress(owner, map(operator.eq, owner, owner[1:])))

    def starts(self) -> list[int]:
        """The first unit of each paragraph."""
        first: list[int] = []
        for unit, paragraph in enumerate(self.owner):
            if paragraph == len(first):
                first.append(unit)
        return first


def _median(values: Sequence[int]) -> float:
    """The median (0 for none); ``statistics`` would import ``random`` and ``fractions``."""
    if not values:
        return 0.0
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def long_paragraphs(paragraphs: Sequence[str], other: Sequence[str]) -> tuple[set[int], set[int]]:
    """Indices of the paragraphs of each side with at least :data:`CUT_FACTOR` times
    the median length of the other side's paragraphs (and :data:`CUT_MIN_CHARS`);
    lengths in characters, which stand in for words at no cost."""
    sizes = [len(p) for p in paragraphs]
    other_sizes = [len(p) for p in other]
    found = []
    for mine, theirs in ((sizes, other_sizes), (other_sizes, sizes)):
        median = _median(theirs)
        limit = max(CUT_MIN_CHARS, CUT_FACTOR * median)
        found.append({k for k, n in enumerate(mine) if n >= limit})
    return found[0], found[1]


def cut(paragraphs: Sequence[str], which: Set[int]) -> Units:
    """Units of ``paragraphs``: those in ``which`` cut into sentences, the rest whole."""
    texts: list[str] = []
    owner: list[int] = []
    whole = 0  # the first paragraph of the stretch before the next cut one
    for k in sorted(which):
        # The whole paragraphs before it, copied in one call; then its sentences.
        texts.extend(paragraphs[whole:k])
        owner.extend(range(whole, k))
        pieces = sentences(paragraphs[k])
        texts.extend(pieces)
        owner.extend([k] * len(pieces))
        whole = k + 1
    texts.extend(paragraphs[whole:])
    owner.extend(range(whole, len(paragraphs)))
    return Units(texts, owner)


Link = tuple[tuple[int, ...], tuple[int, ...], bool]


class _Components:
    """Union-find over the paragraphs of both sides (("a", i) and ("b", j))."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(self, node: tuple[str, int]) -> tuple[str, int]:
        parent = self.parent.setdefault(node, node)
        while parent != node:
            grand = self.parent[parent]
            self.parent[node] = grand
            node, parent = parent, grand
        return node

    def join(self, nodes: list[tuple[str, int]]) -> None:
        root = self.find(nodes[0])
        for node in nodes[1:]:
            other = self.find(node)
            if other != root:
                self.parent[other] = root

    def groups(self) -> list[tuple[list[int], list[int]]]:
        members: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
        for node in list(self.parent):
            side, k = node
            a, b = members.setdefault(self.find(node), ([], []))
            (a if side == "a" else b).append(k)
        return [(sorted(a), sorted(b)) for a, b in members.values() if a and b]


def _filled(ascending: Sequence[int]) -> tuple[int, ...]:
    """Every index from the first of ``ascending`` (distinct) to its last."""
    if ascending[-1] - ascending[0] == len(ascending) - 1:
        return tuple(ascending)  # no holes (cheaper than a range)
    return tuple(range(ascending[0], ascending[-1] + 1))


def _nodes(unit_a: Sequence[int], unit_b: Sequence[int], ua: Units, ub: Units) -> list:
    return [("a", ua.owner[u]) for u in unit_a] + [("b", ub.owner[u]) for u in unit_b]


def project(links: Sequence[Link], ua: Units, ub: Units) -> list[Link]:
    """Paragraph groups from aligned unit groups ``(a units, b units, moved)``.

    Paragraphs joined through in-order unit groups form one in-order group; an
    unpaired paragraph lying inside such a group (between two paragraphs it
    joins) is taken in, so groups stay contiguous. A moved unit group counts only
    when none of its paragraphs is already in an in-order group.
    """
    # A group of paragraphs that were not cut is a component of its own: no other
    # group can reach them. Only groups that touch a cut paragraph are joined.
    cut_a, cut_b = ua.cut_paragraphs(), ub.cut_paragraphs()
    owner_a, owner_b = ua.owner.__getitem__, ub.owner.__getitem__
    in_order = _Components()
    spans: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for unit_a, unit_b, moved in links:
        if moved:
            continue
        pa = tuple(map(owner_a, unit_a))
        pb = tuple(map(owner_b, unit_b))
        if cut_a.isdisjoint(pa) and cut_b.isdisjoint(pb):
            spans.append((pa, pb))
        else:
            in_order.join([("a", k) for k in pa] + [("b", k) for k in pb])
    spans = sorted([*spans, *((tuple(a), tuple(b)) for a, b in in_order.groups())])
    merged: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    end_a = end_b = -1  # the last paragraphs of the last merged span
    for a, b in spans:  # in order on both sides; merge any that interleave
        if a[0] <= end_a or b[0] <= end_b:
            last_a, last_b = merged[-1]
            a, b = tuple(sorted({*last_a, *a})), tuple(sorted({*last_b, *b}))
            merged[-1] = (a, b)
        else:
            merged.append((a, b))
        end_a, end_b = a[-1], b[-1]
    # (A single paragraph, most spans' side, is filled already: no call.)
    result: list[Link] = [
        (a if len(a) == 1 else _filled(a), b if len(b) == 1 else _filled(b), False)
        for a, b in merged
    ]
    used_a = set(itertools.chain.from_iterable(map(operator.itemgetter(0), result)))
    used_b = set(itertools.chain.from_iterable(map(operator.itemgetter(1), result)))
    moved_parts = _Components()
    for unit_a, unit_b, moved in links:
        if not moved:
            continue
        nodes = _nodes(unit_a, unit_b, ua, ub)
        if not any(k in (used_a if s == "a" else used_b) for s, k in nodes):
            moved_parts.join(nodes)
    for a, b in sorted(moved_parts.groups()):
        ga, gb = tuple(range(a[0], a[-1] + 1)), tuple(range(b[0], b[-1] + 1))
        if used_a.isdisjoint(ga) and used_b.isdisjoint(gb):
            used_a.update(ga)
            used_b.update(gb)
            result.append((ga, gb, True))
    return result
