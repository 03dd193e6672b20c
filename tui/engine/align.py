"""Paragraph alignment: which paragraphs of A and B carry the same content.

The method (see ``docs/ALIGNER.md``). Paragraphs are aligned first; long paragraphs
that this left unpaired or weakly paired are then cut into sentences and the
stretches around them aligned again by these "units" (:mod:`tui.engine.units`),
between the paragraph groups that stand. Each alignment:

1. Exact anchors: units whose folded text is unique in both documents (within the
   current gap, recursively, as patience diff does; when nothing is unique, units
   found as often on both sides pair in order), kept in order by a longest
   increasing subsequence.
2. Fuzzy anchors in large gaps: candidates from shared rare terms (an inverted
   index, never an all-pairs matrix), confident mutual best matches kept in order.
3. An order-preserving dynamic program inside each small gap, with 1-0, 0-1,
   1-1, 1-2, 2-1, 1-3, 3-1 and 2-2 groups and a threshold that grows with the gap.
4. Neighbour extension: a leftover unit joins the neighbouring group when its
   words are found in that group's partner and raise its similarity (splits, merges).
5. Stretches between two in-order groups: equal numbers of leftover units pair
   diagonally; other small stretches are solved again at the continuation threshold.
6. Moves (once, after the last pass): leftover units paired by mutual best
   similarity regardless of order, with a stricter threshold; then leftovers that
   are each other's best match in the whole document; a last neighbour extension
   also takes a leftover that continues a sentence its neighbour left open.
7. A second pass of 2-5 in which word correspondences learned from the first
   pass's confident matches (:mod:`tui.engine.lexicon`) count as partial matches.
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from typing import TypeVar

from tui.engine.lexicon import learn_correspondences
from tui.engine.tokens import normal_key, terms, terms_of
from tui.engine.units import Units, continues, cut, long_paragraphs, names, project

Vector = dict[str, float]
_T = TypeVar("_T")

#: Largest gap (cells = A units x B units) solved by the dynamic program directly.
DP_MAX_CELLS = 900
#: Units per side of the windows that anchor a stretch where nothing is unique (the
#: smaller one for a text repeated with a short period).
EXACT_WINDOWS = (64, 12)
#: Group shapes the dynamic program may use: (A paragraphs, B paragraphs).
GROUP_SHAPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2))
#: Cost per extra paragraph in a group, so a tie prefers one-to-one pairs.
GROUP_PENALTY = 0.04
#: Each paragraph of a group must find this share of its weight on the other side.
MEMBER_MIN_CONTAINMENT = 0.3
#: A group's similarity must beat its best single pair by this much.
GROUP_MIN_GAIN = 0.05
#: In-order pair that continues a match (or sits next to an anchor) needs only this.
CONTINUE_THRESHOLD = 0.15
#: Fuzzy anchors need this similarity and this lead over the runner-up.
ANCHOR_MIN = 0.5
ANCHOR_MARGIN = 0.15
#: A moved paragraph needs this similarity (stricter than in-order pairs).
MOVE_MIN = 0.4
#: Leftovers that are each other's best match in the whole document need only this.
DISTANT_MIN = 0.25
#: ... and only when at least this share of each side's units is paired already.
DISTANT_PAIRED_SHARE = 0.5
#: A one-to-one pair below this similarity gives way to a confident move.
WEAK_PAIR = 0.3
#: ... and this lead over the runner-up (small: split pieces of one paragraph are
#: close runners-up, and neighbour extension then joins them to the pair).
MOVE_MARGIN = 0.0
#: Neighbour extension: share of a leftover paragraph's weight found in the partner,
#: when joining raises the group's similarity (a split half, also one that repeats
#: words its other half has too).
EXTEND_CONTAINED = 0.2
#: A leftover that continues a sentence its neighbour left open (the last extension,
#: after moves) joins the neighbour's group with this much new coverage of the
#: partner, when the group keeps this share of its similarity.
CONTINUATION_NEW = 0.08
CONTINUATION_KEEP = 0.85
#: ... or with no such evidence, when its side of the group is at most this share of
#: the partner's length without it and nearer the partner's length with it.
FILL_SHORT = 0.75
#: Terms shared by more units than this share of a gap are too common to nominate candidates.
CANDIDATE_DF_SHARE = 0.02
#: ... and by more than this many units in any gap (the share reaches it at 800 units):
#: otherwise the work per unit grows with the size of the gap (a whole 10 MB document
#: when moves are looked for), and a term that common nominates no one in particular.
CANDIDATE_DF_MAX = 16
#: A unit without such a term (text repeated many times over) lets terms found in up
#: to this many units vote instead.
CANDIDATE_DF_FALLBACK = 150
CANDIDATES_PER_UNIT = 4
#: Only a unit's rarest (heaviest) terms vote for candidates, which bounds the cost.
VOTING_TERMS = 12
#: Units left between two in-order groups, as many on each side (at most this many),
#: are paired along the diagonal when they reach this similarity.
SANDWICH_MAX = 4
SANDWICH_MIN = 0.05
#: Other stretches between two in-order groups up to this many cells are solved again.
STRETCH_MAX_CELLS = 36
#: A learned word correspondence counts as this share of a match.
LEXICON_WEIGHT = 0.8
#: First-pass groups at least this similar stand in the second pass.
KEEP_SIMILARITY = 0.5
#: Matches at least this similar teach word correspondences for the second pass.
LEARN_MIN_SIMILARITY = 0.3


# Not frozen, though never changed: a frozen dataclass is made through one
# object.__setattr__ call per field, at four times the cost, and a 1 MB alignment
# makes some 14,000 groups. (unsafe_hash: hashed by its fields all the same.)
@dataclass(slots=True, unsafe_hash=True)
class Group:
    """Aligned paragraph indices (ascending on each side); ``moved`` when out of order.
    Treat as immutable."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    moved: bool = False


#: Sort key of groups that share no unit: in order of their first A units. (Their A
#: sides are disjoint, so their first items differ and decide; a C getter, where a
#: ``(g.a[0], g.b[0])`` lambda costs a Python call per group.)
_first_units = operator.attrgetter("a")


#: In-order pair threshold inside a gap: base + slope * log2(gap size).
GAP_BASE = 0.2
GAP_SLOPE = 0.02


def gap_threshold(n_a: int, n_b: int) -> float:
    """Minimum similarity for an in-order pair inside a gap of this size."""
    return GAP_BASE + GAP_SLOPE * math.log2(max(n_a, n_b, 1))


def dice(u: Vector, nu: float, v: Vector, nv: float) -> float:
    """Weighted Dice coefficient of two term vectors with their total weights."""
    if nu <= 0 or nv <= 0:
        return 0.0
    return 2.0 * overlap(u, v) / (nu + nv)


def overlap(u: Vector, v: Vector) -> float:
    """Weight of ``u`` that is also in ``v`` (sum of minima)."""
    if len(u) > len(v):
        u, v = v, u
    shared = 0.0
    for term, weight in u.items():
        if term in v:  # (cheaper than a get(): most terms are not shared)
            other = v[term]
            shared += weight if weight < other else other
    return shared


def add_vectors(vectors: Sequence[Vector]) -> Vector:
    """Sum of term vectors."""
    if len(vectors) == 1:
        return vectors[0]
    total = dict(vectors[0])
    for vec in vectors[1:]:
        # Only the shared terms need adding; the rest are copied in one call (new
        # terms go last, in the vector's order, as a running sum would put them).
        sums = {term: total[term] + vec[term] for term in total.keys() & vec.keys()}
        total.update(vec)
        total.update(sums)
    return total


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing on both sides; ``pairs`` sorted by their first item."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        parent[k] = tail_index[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    chain.reverse()
    return chain


def unique_pairs(
    key_a: Sequence[str], key_b: Sequence[str], ra: range, rb: range
) -> list[tuple[int, int]]:
    """Pairs of units whose key is found once in ``ra`` and once in ``rb``, sorted."""
    where_a: dict[str, list[int]] = defaultdict(list)
    for i in ra:
        where_a[key_a[i]].append(i)
    where_b: dict[str, list[int]] = defaultdict(list)
    for j in rb:
        where_b[key_b[j]].append(j)
    return sorted(
        (at[0], where_b[k][0])
        for k, at in where_a.items()
        if len(at) == 1 and len(where_b.get(k, ())) == 1
    )


def windowed_matches(
    key_a: Sequence[str], key_b: Sequence[str], ra: range, rb: range
) -> list[tuple[int, int]]:
    """In-order pairs of units unique within a window of each side (the first of
    :data:`EXACT_WINDOWS` that holds one), each window starting after the pairs taken
    from the previous one, so the windows follow the stretch's own diagonal: copies
    of one text, each revised apart, where no key is unique in the whole stretch."""
    found: list[tuple[int, int]] = []
    a, b = ra.start, rb.start
    while a < ra.stop and b < rb.stop:
        for size in EXACT_WINDOWS:
            wa = range(a, min(ra.stop, a + size))
            wb = range(b, min(rb.stop, b + size))
            chain = longest_increasing(unique_pairs(key_a, key_b, wa, wb))
            if chain:
                break
        half = size // 2
        take = [(i, j) for i, j in chain if i < a + half and j < b + half] or chain[:1]
        if not take:
            a, b = a + half, b + half
            continue
        found.extend(take)
        a, b = take[-1][0] + 1, take[-1][1] + 1
    return found


def _group_vector(
    ids: Sequence[int],
    singles: dict[int, tuple[Vector, float]],
    cache: dict[tuple[int, ...], tuple[Vector, float]],
) -> tuple[Vector, float]:
    """Vector and weight of several paragraphs together, cached by their indices."""
    if len(ids) == 1:
        return singles[ids[0]]
    key = tuple(ids)
    cached = cache.get(key)
    if cached is None:
        parts = [singles[i] for i in ids]
        cached = add_vectors([p[0] for p in parts]), sum(p[1] for p in parts)
        cache[key] = cached
    return cached


def _has_ties(scored: list[tuple[float, int]]) -> bool:
    """Whether two entries of a list sorted by score have the same score."""
    return any(x[0] == y[0] for x, y in itertools.pairwise(scored))


NEG = -1e9
#: Relative margin that keeps a float bound on the safe side of the value it bounds.
_BOUND_MARGIN = 1e-9
_NONES = itertools.repeat(None)
_ONE_TO_ONE = [(1, 1)]
#: Steps that leave an A or a B unit out, from a free or a matched state.
_SKIP_A_FREE, _SKIP_A_MATCHED, _SKIP_B_FREE, _SKIP_B_MATCHED = (
    (1, 0, 0),
    (1, 0, 1),
    (0, 1, 0),
    (0, 1, 1),
)
Move = tuple[int, int, int]  # (A units, B units, state before the step)


@dataclass(slots=True)
class _Gap:
    """One gap solved by the dynamic program: its ranges, thresholds and pair scores."""

    ra: range
    rb: range
    threshold: float
    after_anchor: bool
    before_anchor: bool
    sim11: list[list[float]]
    weights_a: list[float]
    weights_b: list[float]
    #: Threshold of a pair that continues a match (read once per cell and shape).
    t_cont: float = field(init=False)
    #: Each pair's Dice times the sum of its two weights: twice the weight it shares
    #: at most, the terms of a group's bound (computed once, not once per shape).
    pair_bound: list[list[float]] = field(init=False)
    #: The group shapes that fit in the gap.
    shapes: list[tuple[int, int]] = field(init=False)
    #: The shapes worth scoring at each cell (i, j): one-to-one, then the groups
    #: whose bound can reach the gap's lowest threshold (see :func:`_bounded_groups`).
    shapes_at: dict[tuple[int, int], list[tuple[int, int]]] = field(init=False)

    def __post_init__(self) -> None:
        self.t_cont = min(self.threshold, CONTINUE_THRESHOLD)
        add, mul, repeat = operator.add, operator.mul, itertools.repeat
        self.pair_bound = [
            list(map(mul, row, map(add, repeat(weight_a), self.weights_b)))
            for row, weight_a in zip(self.sim11, self.weights_a, strict=True)
        ]
        na, nb = len(self.ra), len(self.rb)
        self.shapes = [(da, db) for da, db in GROUP_SHAPES if da <= na and db <= nb]
        self.shapes_at = {}
        for shape, ends in _bounded_groups(self).items():
            for end in ends:
                self.shapes_at.setdefault(end, [(1, 1)]).append(shape)


def _larger(xs: list[float], ys: list[float]) -> list[float]:
    """The larger of each two (``map(max, xs, ys)`` is four times slower)."""
    return [x if x >= y else y for x, y in zip(xs, ys, strict=False)]


def _window_sums(weights: list[float]) -> list[list[float]]:
    """The sums of 1, 2 and 3 consecutive ``weights`` (as many as the list holds), each
    added from the left as ``sum()`` of a slice adds them (so the same floats)."""
    sums = [weights]
    for size in (2, 3):
        sums.append(list(map(operator.add, sums[-1], weights[size - 1 :])))
    return sums


def _bounded_groups(gap: _Gap) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """For each group shape of ``gap`` (other than one-to-one), the cells (i, j) where a
    group of that shape ending there can be admissible (:meth:`Aligner._group_score`):
    ``shared_bound >= max(best_pair + GROUP_MIN_GAIN, t_cont) * total``, where the
    shared bound is the sum of the group's pair bounds (last A unit first, then B
    units in order) and the total its weights (A, then B, each summed as sum() of a
    slice does). Most groups of a reworded gap fail it.
    """
    found: dict[tuple[int, int], list[tuple[int, int]]] = {s: [] for s in gap.shapes if s != (1, 1)}
    if not found:
        return found
    nb = len(gap.rb)
    add, repeat = operator.add, itertools.repeat
    # The gap's rows one after the other: entry k = x * nb + y stands for the group
    # whose first units are A x and B y (``map`` stops at the shortest list; entries
    # of groups that would cross the end of a row are computed, never read).
    bounds = list(itertools.chain.from_iterable(gap.pair_bound))
    # Best pairs plus the gain: max(x + gain, y + gain) is max(x, y) + gain (rounding
    # is monotone), so the gain is added once per cell, not once per shape.
    gained = list(map(add, itertools.chain.from_iterable(gap.sim11), repeat(GROUP_MIN_GAIN)))
    # Only the shapes that fit (the larger ones build on the smaller ones, which fit then).
    shared: dict[tuple[int, int], list[float]] = {}
    best_gained: dict[tuple[int, int], list[float]] = {}
    if (1, 2) in found:
        shared[1, 2] = list(map(add, bounds, bounds[1:]))
        best_gained[1, 2] = _larger(gained, gained[1:])
    if (2, 1) in found:
        shared[2, 1] = list(map(add, bounds[nb:], bounds))
        best_gained[2, 1] = _larger(gained[nb:], gained)
    if (1, 3) in found:
        shared[1, 3] = list(map(add, shared[1, 2], bounds[2:]))
        best_gained[1, 3] = _larger(best_gained[1, 2], gained[2:])
    if (2, 2) in found:
        shared[2, 2] = list(map(add, map(add, shared[1, 2][nb:], bounds), bounds[1:]))
        best_gained[2, 2] = _larger(best_gained[1, 2][nb:], best_gained[1, 2])
    if (3, 1) in found:
        shared[3, 1] = list(map(add, shared[2, 1][nb:], bounds))
        best_gained[3, 1] = _larger(best_gained[2, 1][nb:], gained)
    sums_a, sums_b = _window_sums(gap.weights_a), _window_sums(gap.weights_b)
    for (da, db), ends in found.items():
        # The weights of da A units, of db B units (B padded to a whole row).
        weights_a, weights_b = sums_a[da - 1], sums_b[db - 1] + [0.0] * (db - 1)
        # Each group's total weight, row by row: wa + wb for every (wa, wb), in C.
        each_a = itertools.chain.from_iterable(map(repeat, weights_a, repeat(nb)))
        totals = map(add, each_a, itertools.cycle(weights_b))
        # max(x, y) * total is max(x * total, y * total) (rounding is monotone), so
        # the test is two: first, for all groups at once, the one most of them fail.
        passing = map(operator.ge, shared[da, db], map(operator.mul, best_gained[da, db], totals))
        for k in itertools.compress(itertools.count(), passing):
            x, y = divmod(k, nb)
            if y > nb - db:
                continue
            total = weights_a[x] + weights_b[y]  # (the same sum as in totals)
            if total > 0 and shared[da, db][k] >= gap.t_cont * total:
                ends.append((x + da, y + db))
    return found


@dataclass(slots=True)
class _Tables:
    """Best scores and back-pointers of the two DP states (last step free or matched)."""

    free: list[list[float]]
    matched: list[list[float]]
    back_free: list[list[Move | None]]
    back_matched: list[list[Move | None]]

    @classmethod
    def empty(cls, na: int, nb: int) -> _Tables:
        def grid(value: object) -> list:
            return [[value] * (nb + 1) for _ in range(na + 1)]

        return cls(grid(NEG), grid(NEG), grid(None), grid(None))


def _trace_back(gap: _Gap, tables: _Tables) -> list[Group]:
    """The groups on the best path through a filled gap."""
    groups: list[Group] = []
    a0, b0 = gap.ra.start, gap.rb.start
    i, j = len(gap.ra), len(gap.rb)
    state = 1 if tables.matched[i][j] > tables.free[i][j] else 0
    while i or j:
        move = (tables.back_matched if state else tables.back_free)[i][j]
        assert move is not None
        da, db, prev_state = move
        if state:
            groups.append(
                Group(tuple(range(a0 + i - da, a0 + i)), tuple(range(b0 + j - db, b0 + j)))
            )
        i, j, state = i - da, j - db, prev_state
    return groups


class Aligner:
    """Aligns two lists of paragraphs; call :meth:`run` once."""

    def __init__(
        self,
        a: Sequence[str],
        b: Sequence[str],
        progress: Callable[[float], None] | None = None,
        fixed: Sequence[Group] = (),
        keys: tuple[Sequence[str | None], Sequence[str | None]] | None = None,
        known_terms: tuple[Sequence[list[str] | None], Sequence[list[str] | None]] | None = None,
        lexicon: dict[str, str] | None = None,
    ) -> None:
        self.a = a
        self.b = b
        self.progress = progress
        #: In-order groups known in advance (sorted): only the stretches between them
        #: are aligned.
        self.fixed = list(fixed)
        self._known_keys = keys  # folded texts already computed (None: not yet)
        self._known_terms = known_terms  # terms already computed (None: not yet)
        #: Similarity of each group's two sides (keyed by them: hashed in C, unlike a Group).
        self._similarities: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        self._kept: list[Group] = []
        #: Word correspondences (A term -> B term): given, or learned by :meth:`run`.
        self.lexicon: dict[str, str] = dict(lexicon or {})
        self._lexicon_given = lexicon is not None
        self.pairs: dict[int, int] = {}  # in-order one-to-one pairs found so far (a -> b)
        self.groups: list[Group] = []
        self.anchors: set[tuple[int, int]] = set()  # confident pairs that bound gaps
        self._terms_a: dict[int, list[str]] = {}
        self._terms_b: dict[int, list[str]] = {}
        self._vec_a: dict[int, tuple[Vector, float]] = {}
        self._vec_b: dict[int, tuple[Vector, float]] = {}
        self._idf: dict[str, float] = {}
        self._keys_a: list[str] = []
        self._keys_b: list[str] = []
        self._group_a: dict[tuple[int, ...], tuple[Vector, float]] = {}
        self._group_b: dict[tuple[int, ...], tuple[Vector, float]] = {}
        self._route: tuple[list[int], list[int]] = ([], [])

    # -- term vectors -------------------------------------------------------
    def _prepare_vectors(self, a_ids: Sequence[int], b_ids: Sequence[int]) -> None:
        """Tokenize the paragraphs that still need pairing, then build their vectors."""
        known_a, known_b = self._known_terms or ([None] * len(self.a), [None] * len(self.b))
        for ids, keys, store, known in (
            (a_ids, self._keys_a, self._terms_a, known_a),
            (b_ids, self._keys_b, self._terms_b, known_b),
        ):
            # Tokenized in one batch, taken in turn where no terms are known.
            fresh = terms_of((keys[i] for i in ids if known[i] is None), folded=True)
            for i in ids:
                found = known[i]
                store[i] = found if found is not None else next(fresh)
        self._build_vectors()

    def unit_terms(self, side: str) -> dict[int, list[str]]:
        """Terms of the units of ``side`` ("a" or "b") that were tokenized."""
        return self._terms_a if side == "a" else self._terms_b

    def _build_vectors(self) -> None:
        """Weight terms by IDF over the units still to be paired."""
        # Each unit's distinct terms first (its vector's keys), which the document
        # frequencies count; then the weights.
        stores = ((self._terms_a, self._vec_a), (self._terms_b, self._vec_b))
        vectors = [
            (store_vec, i, words, dict.fromkeys(words, 0.0))
            for store_terms, store_vec in stores
            for i, words in store_terms.items()
        ]
        df = Counter(itertools.chain.from_iterable(vec for _, _, _, vec in vectors))
        n = len(self._terms_a) + len(self._terms_b)
        # One logarithm per distinct document frequency (a few dozen), not one per term.
        weight_of = {d: math.log((n + 1) / (d + 0.5)) + 0.1 for d in set(df.values())}
        idf = self._idf = dict(zip(df, map(weight_of.__getitem__, df.values()), strict=True))
        for store_vec, i, words, vec in vectors:
            for term in words:
                vec[term] += idf[term]
            store_vec[i] = (vec, sum(vec.values()))

    def _add_vectors(self, group: Group) -> None:
        """Vectors for the units of ``group`` that were never tokenized (exact or
        fixed anchors), weighted like the others; a term unknown so far counts as
        one seen once."""
        n = len(self._terms_a) + len(self._terms_b)
        rare = math.log((n + 1) / 1.5) + 0.1
        known_a, known_b = self._known_terms or ([None] * len(self.a), [None] * len(self.b))
        for ids, keys, store_terms, store_vec, known in (
            (group.a, self._keys_a, self._terms_a, self._vec_a, known_a),
            (group.b, self._keys_b, self._terms_b, self._vec_b, known_b),
        ):
            for i in ids:
                if i in store_vec:
                    continue
                found = known[i]
                words = store_terms[i] = found if found is not None else terms(keys[i], folded=True)
                vec = dict.fromkeys(words, 0.0)
                for term in words:
                    vec[term] += self._idf.get(term, rare)
                total = sum(vec.values())
                if store_vec is self._vec_a:
                    for term in [t for t in vec if self.lexicon.get(t, t) not in vec]:
                        vec[self.lexicon[term]] = vec.pop(term) * LEXICON_WEIGHT
                store_vec[i] = (vec, total)

    def _apply_lexicon(self, lexicon: dict[str, str]) -> None:
        """An A term with a learned B correspondent in ``lexicon`` also counts, at
        :data:`LEXICON_WEIGHT` of its weight, as that B term (the unit's total weight
        is unchanged, so it is a partial match)."""
        self._group_a.clear()
        self._group_b.clear()
        self._similarities.clear()
        has_correspondent = lexicon.__contains__
        for i, (vec, total) in list(self._vec_a.items()):
            # Most units hold a few of the lexicon's terms: those are picked out in C,
            # in the vector's order, and only they are looked at in Python.
            found = [t for t in filter(has_correspondent, vec) if lexicon[t] not in vec]
            if not found:
                continue
            vec = dict(vec)
            for term in found:
                if lexicon[term] not in vec:
                    vec[lexicon[term]] = vec.pop(term) * LEXICON_WEIGHT
            self._vec_a[i] = (vec, total)

    def vec_a(self, ids: Sequence[int]) -> tuple[Vector, float]:
        """Term vector and weight of A paragraphs ``ids`` taken together."""
        return _group_vector(ids, self._vec_a, self._group_a)

    def vec_b(self, ids: Sequence[int]) -> tuple[Vector, float]:
        """Term vector and weight of B paragraphs ``ids`` taken together."""
        return _group_vector(ids, self._vec_b, self._group_b)

    def similarity(self, a_ids: Sequence[int], b_ids: Sequence[int]) -> float:
        """Weighted Dice similarity of two paragraph groups."""
        u, nu = self.vec_a(a_ids)
        v, nv = self.vec_b(b_ids)
        return dice(u, nu, v, nv)

    def _pair_scores(self, ra: range, rb: range) -> list[list[float]]:
        """Similarity of each A unit of ``ra`` with each B unit of ``rb`` (a gap's cells)."""
        column = [self._vec_b[j] for j in rb]
        return [[dice(u, nu, v, nv) for v, nv in column] for u, nu in map(self._vec_a.get, ra)]

    # -- step 1: exact anchors (patience recursion) ---------------------------
    def _normal_keys(self) -> tuple[list[str], list[str]]:
        """The folded text (:func:`normal_key`) of each unit of A and of B: the known
        ones taken, the others folded, a text found on both sides (most paragraphs of
        a revision) once."""
        if self._known_keys is None:
            unique = list(dict.fromkeys(itertools.chain(self.a, self.b)))
            folded = dict(zip(unique, map(normal_key, unique), strict=True))
            return list(map(folded.__getitem__, self.a)), list(map(folded.__getitem__, self.b))
        sides = []
        for texts, known in zip((self.a, self.b), self._known_keys, strict=True):
            missing = itertools.compress(itertools.count(), map(operator.is_, known, _NONES))
            keys = list(known)
            sides.append((texts, keys, list(missing)))
        unknown = (texts[k] for texts, _, missing in sides for k in missing)
        folded = {text: normal_key(text) for text in dict.fromkeys(unknown)}
        for texts, keys, missing in sides:
            for k in missing:
                keys[k] = folded[texts[k]]
        return sides[0][1], sides[1][1]

    def _exact_anchors(self) -> list[tuple[range, range]]:
        """Pair exactly equal paragraphs in order; return the gaps left between them."""
        key_a, key_b = self._keys_a, self._keys_b = self._normal_keys()
        gaps: list[tuple[range, range]] = []
        stack = self._stretches_between(self.fixed)
        while stack:
            ra, rb = stack.pop()
            # Trim equal heads and tails first (cheap and common).
            lo_a, lo_b, hi_a, hi_b = ra.start, rb.start, ra.stop, rb.stop
            while lo_a < hi_a and lo_b < hi_b and key_a[lo_a] == key_b[lo_b]:
                self.pairs[lo_a] = lo_b
                lo_a, lo_b = lo_a + 1, lo_b + 1
            while lo_a < hi_a and lo_b < hi_b and key_a[hi_a - 1] == key_b[hi_b - 1]:
                self.pairs[hi_a - 1] = hi_b - 1
                hi_a, hi_b = hi_a - 1, hi_b - 1
            if lo_a >= hi_a or lo_b >= hi_b:
                if lo_a < hi_a or lo_b < hi_b:
                    gaps.append((range(lo_a, hi_a), range(lo_b, hi_b)))
                continue
            where_a: dict[str, list[int]] = defaultdict(list)
            for i in range(lo_a, hi_a):
                where_a[key_a[i]].append(i)
            where_b: dict[str, list[int]] = defaultdict(list)
            for j in range(lo_b, hi_b):
                where_b[key_b[j]].append(j)
            matches = sorted(
                (at[0], where_b[k][0])
                for k, at in where_a.items()
                if len(at) == 1 and len(where_b.get(k, ())) == 1
            )
            if not matches and where_a.keys().isdisjoint(where_b):
                # No text is found on both sides: nothing to anchor on.
                gaps.append((range(lo_a, hi_a), range(lo_b, hi_b)))
                continue
            if not matches:
                # Nothing unique here (a text repeated several times over): units
                # unique within windows that follow the diagonal pair ...
                matches = windowed_matches(key_a, key_b, range(lo_a, hi_a), range(lo_b, hi_b))
            if not matches:
                # ... or a paragraph found as often on both sides pairs its
                # occurrences in order.
                matches = sorted(
                    pair
                    for k, at in where_a.items()
                    if len(at) == len(where_b.get(k, ()))
                    for pair in zip(at, where_b[k], strict=True)
                )
            chain = longest_increasing(matches)
            if not chain:
                gaps.append((range(lo_a, hi_a), range(lo_b, hi_b)))
                continue
            prev_a, prev_b = lo_a, lo_b
            subgaps = []
            for i, j in chain:
                self.pairs[i] = j
                subgaps.append((range(prev_a, i), range(prev_b, j)))
                prev_a, prev_b = i + 1, j + 1
            subgaps.append((range(prev_a, hi_a), range(prev_b, hi_b)))
            for ga, gb in reversed(subgaps):
                if len(ga) and len(gb):
                    stack.append((ga, gb))
                elif len(ga) or len(gb):
                    gaps.append((ga, gb))
        return gaps

    # -- step 2: fuzzy anchors in large gaps ----------------------------------
    def _candidates(
        self,
        a_ids: Sequence[int],
        b_ids: Sequence[int],
        df_share: float = CANDIDATE_DF_SHARE,
        reverse: bool = False,
    ) -> dict[int, list[tuple[float, int]]]:
        """For each A unit, its best B units by Dice among those sharing a rare term
        (``reverse``: for each B unit of ``a_ids``, its best A units of ``b_ids``)."""
        own, other = (self._vec_b, self._vec_a) if reverse else (self._vec_a, self._vec_b)
        index: dict[str, list[int]] = defaultdict(list)
        if 4 * len(a_ids) < len(b_ids):  # few queries: index only their terms
            wanted = {term for i in a_ids for term in own[i][0]}
            for j in b_ids:
                for term in wanted.intersection(other[j][0]):
                    index[term].append(j)
        else:
            for j in b_ids:
                for term in other[j][0]:
                    index[term].append(j)
        share = int(df_share * (len(a_ids) + len(b_ids)))
        limit = max(8, min(share, CANDIDATE_DF_MAX))
        fallback = max(8, min(share, CANDIDATE_DF_FALLBACK))
        voters = {term: found for term, found in index.items() if len(found) <= fallback}
        result: dict[int, list[tuple[float, int]]] = {}
        for i in a_ids:
            vec, weight = own[i]
            votes: dict[int, float] = defaultdict(float)
            rare = [(w, term) for term, w in vec.items() if term in voters]
            if limit < fallback:
                rarest = [(w, term) for w, term in rare if len(voters[term]) <= limit]
                rare = rarest or rare
            # (Sorted whole and cut: what heapq.nlargest gives, as no two entries are
            # equal, at less cost than its heap, which is walked in Python.)
            for w, term in sorted(rare, reverse=True)[:VOTING_TERMS]:
                for j in voters[term]:
                    votes[j] += w
            if not votes:
                continue
            # Most votes first; among equal votes the earlier unit (-j).
            by_votes = sorted([(v, -j) for j, v in votes.items()], reverse=True)
            top = by_votes[: CANDIDATES_PER_UNIT * 2]
            scored = sorted(((dice(vec, weight, *other[-j]), -j) for _, j in top), reverse=True)
            if _has_ties(scored):  # copies of one text: the nearest to the route first
                scored.sort(
                    key=lambda sj: (
                        -sj[0],
                        self._off_diagonal(sj[1], i) if reverse else self._off_diagonal(i, sj[1]),
                    )
                )
            result[i] = scored[:CANDIDATES_PER_UNIT]
        return result

    def _mutual_best(
        self,
        cand: dict[int, list[tuple[float, int]]],
        minimum: float,
        margin: float,
    ) -> list[tuple[int, int, float]]:
        """Confident mutual best pairs (score >= minimum, lead >= margin on both sides)."""
        best_for_b: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for i, scored in cand.items():
            for score, j in scored:
                best_for_b[j].append((score, i))
        found = []
        key_a, key_b = self._keys_a, self._keys_b
        ranked: dict[int, list[tuple[float, int]]] = {}  # rivals of each B unit, best first
        for i, scored in cand.items():
            if not scored:
                continue
            score, j = scored[0]
            if score < minimum:
                continue
            rivals = ranked.get(j)
            if rivals is None:
                rivals = ranked[j] = self._ranked_rivals(best_for_b[j], j)
            if rivals[0][1] != i:
                continue
            # A copy of the same text is no rival: the nearest copy (to the diagonal) wins.
            runner_a = max((s for s, jj in scored[1:] if key_b[jj] != key_b[j]), default=0.0)
            runner_b = max((s for s, ii in rivals[1:] if key_a[ii] != key_a[i]), default=0.0)
            lead = score - max(runner_a, runner_b)
            if lead >= margin and lead > 0:
                found.append((i, j, score))
        return found

    def _ranked_rivals(self, rivals: list[tuple[float, int]], j: int) -> list[tuple[float, int]]:
        """The A units that nominated B unit ``j`` (score, unit), best first; among
        equal scores the nearest to the route."""
        rivals = sorted(rivals, reverse=True)
        if _has_ties(rivals):
            rivals.sort(key=lambda si: (-si[0], self._off_diagonal(si[1], j)))
        return rivals

    def _off_diagonal(self, i: int, j: int) -> float:
        """How far B unit ``j`` lies from where A unit ``i``'s neighbourhood went: the
        partner of the nearest in-order pair before ``i``, shifted (for tie-breaks
        between copies of one text)."""
        route_a, route_b = self._route
        k = bisect.bisect_right(route_a, i) - 1
        expected = route_b[k] + i - route_a[k] if k >= 0 else i * len(self.b) / len(self.a)
        return abs(j - expected)

    def _set_route(self, pairs: list[tuple[int, int]]) -> None:
        """The in-order pairs that :meth:`_off_diagonal` measures from."""
        pairs = sorted(pairs)
        self._route = ([p[0] for p in pairs], [p[1] for p in pairs])

    # -- step 3: dynamic program in a gap --------------------------------------
    def _solve_gap(self, ra: range, rb: range) -> None:
        """Align a gap: fuzzy anchors while it is large, then the dynamic program."""
        stack = [(ra, rb)]
        while stack:
            ra, rb = stack.pop()
            if not len(ra) or not len(rb):
                continue
            if len(ra) * len(rb) <= DP_MAX_CELLS:
                self._dp(ra, rb)
                continue
            cand = self._candidates(list(ra), list(rb))
            found = self._mutual_best(cand, ANCHOR_MIN, ANCHOR_MARGIN)
            scores = {(i, j): score for i, j, score in found}
            chain = longest_increasing(sorted(scores))
            if not chain:
                self._dp_banded(ra, rb, cand)
                continue
            prev_a, prev_b = ra.start, rb.start
            for i, j in chain:
                self._add_pair(i, j, scores[i, j])
                self.anchors.add((i, j))
                stack.append((range(prev_a, i), range(prev_b, j)))
                prev_a, prev_b = i + 1, j + 1
            stack.append((range(prev_a, ra.stop), range(prev_b, rb.stop)))

    def _dp_banded(self, ra: range, rb: range, cand: dict[int, list[tuple[float, int]]]) -> None:
        """A gap too large for the DP and without anchors: cut it into diagonal blocks,
        and run the DP only on blocks where some candidate pair could match."""
        side = int(math.sqrt(DP_MAX_CELLS))
        n_blocks = max(math.ceil(len(ra) / side), math.ceil(len(rb) / side))
        promising = [
            (i, j) for i, scored in cand.items() for s, j in scored if s >= CONTINUE_THRESHOLD
        ]
        for k in range(n_blocks):
            sa = range(ra.start + len(ra) * k // n_blocks, ra.start + len(ra) * (k + 1) // n_blocks)
            sb = range(rb.start + len(rb) * k // n_blocks, rb.start + len(rb) * (k + 1) // n_blocks)
            if len(sa) and len(sb) and any(i in sa and j in sb for i, j in promising):
                self._dp(sa, sb, threshold=gap_threshold(len(ra), len(rb)))

    def _dp(self, ra: range, rb: range, threshold: float | None = None) -> None:
        """Order-preserving dynamic program over one gap: fill the tables, trace back."""
        if threshold is None:
            threshold = gap_threshold(len(ra), len(rb))
        after_anchor = (ra.start - 1, rb.start - 1) in self.anchors
        before_anchor = (ra.stop, rb.stop) in self.anchors
        if len(ra) == len(rb) == 1:
            # One unit a side (the commonest gap): the program could only take the
            # pair, when it beats the threshold that applies to it (as in _Gap).
            score = self.similarity(ra, rb)
            if after_anchor or before_anchor:
                threshold = min(threshold, CONTINUE_THRESHOLD)
            if score > threshold:
                self._add_pair(ra.start, rb.start, score)
            return
        gap = _Gap(
            ra,
            rb,
            threshold=threshold,
            after_anchor=after_anchor,
            before_anchor=before_anchor,
            sim11=self._pair_scores(ra, rb),
            weights_a=[self._vec_a[i][1] for i in ra],
            weights_b=[self._vec_b[j][1] for j in rb],
        )
        self._add_path(gap, self._fill(gap))
        self._group_a.clear()
        self._group_b.clear()

    def _add_pair(self, i: int, j: int, similarity: float) -> None:
        """Add the one-to-one group of A unit ``i`` and B unit ``j``, whose
        :meth:`similarity` (with the current vectors) is known."""
        group = Group((i,), (j,))
        self.groups.append(group)
        self._similarities[group.a, group.b] = similarity

    def _add_path(self, gap: _Gap, tables: _Tables) -> None:
        """Add the groups on the best path through a filled gap (the similarity of each
        one-to-one group is the gap's pair score)."""
        for group in _trace_back(gap, tables):
            if len(group.a) == len(group.b) == 1:
                i, j = group.a[0], group.b[0]
                self._add_pair(i, j, gap.sim11[i - gap.ra.start][j - gap.rb.start])
            else:
                self.groups.append(group)

    def _fill(self, gap: _Gap) -> _Tables:
        """Fill the two-state tables of a gap.

        Two states per cell: the path's last step was a match, or it was not. A
        match that continues a match (or the anchor just before the gap, or ends
        right before the anchor after it) needs only :data:`CONTINUE_THRESHOLD`:
        a reworded paragraph sandwiched between matches is most likely a partner.
        """
        na, nb = len(gap.ra), len(gap.rb)
        tables = _Tables.empty(na, nb)
        free, matched, sim11 = tables.free, tables.matched, gap.sim11
        shapes_at, t_cont = gap.shapes_at, gap.t_cont
        if gap.after_anchor:
            matched[0][0] = 0.0
        else:
            free[0][0] = 0.0
        for i in range(na + 1):
            free_row, matched_row = free[i], matched[i]
            back_free, back_matched = tables.back_free[i], tables.back_matched[i]
            if i:  # the row above (row 0 has none: its cells come from the left only)
                free_up, matched_up, sims = free[i - 1], matched[i - 1], sim11[i - 1]
            for j in range(0 if i else 1, nb + 1):
                # The best path whose last step leaves a unit out (A first on a tie).
                best, move = NEG, None
                if i:
                    if free_up[j] > best:
                        best, move = free_up[j], _SKIP_A_FREE
                    if matched_up[j] > best:
                        best, move = matched_up[j], _SKIP_A_MATCHED
                if j:
                    if free_row[j - 1] > best:
                        best, move = free_row[j - 1], _SKIP_B_FREE
                    if matched_row[j - 1] > best:
                        best, move = matched_row[j - 1], _SKIP_B_MATCHED
                free_row[j] = best
                back_free[j] = move
                # Where no group can end and the pair is below every threshold, the
                # cell keeps its NEG and None.
                if (i, j) in shapes_at or (i and j and sims[j - 1] >= t_cont):
                    matched_row[j], back_matched[j] = self._best_match_step(gap, tables, i, j)
        return tables

    def _best_match_step(
        self, gap: _Gap, tables: _Tables, i: int, j: int
    ) -> tuple[float, tuple[int, int, int] | None]:
        """Best path into cell (i, j) whose last step is a group ending there."""
        best, move = NEG, None
        at_end = gap.before_anchor and i == len(gap.ra) and j == len(gap.rb)
        for da, db in gap.shapes_at.get((i, j), _ONE_TO_ONE):
            if da > i or db > j:
                continue
            pf, pm = tables.free[i - da][j - db], tables.matched[i - da][j - db]
            if pf == NEG and pm == NEG:
                continue
            s = self._group_score(gap, i, j, da, db)
            if s is None or s < gap.t_cont:
                continue
            size = (da + db) / 2
            penalty = GROUP_PENALTY * (da + db - 2)
            for prev, state in ((pf, 0), (pm, 1)):
                if prev == NEG:
                    continue
                continuing = da == db == 1 and (state == 1 or at_end)
                thr = gap.t_cont if continuing else gap.threshold
                if s < thr:
                    continue
                total = prev + (s - thr) * size - penalty
                if total > best:
                    best, move = total, (da, db, state)
        return best, move

    def _group_score(self, gap: _Gap, i: int, j: int, da: int, db: int) -> float | None:
        """Similarity of the group of ``da`` x ``db`` units ending at cell (i, j), or None
        when it is not admissible (a member shares nothing, or it adds too little).

        A group must explain more than its best single pair does; its shared weight is
        at most the sum of its pairs' (their Dice times half their weights), a cheap
        bound that spares building the vectors of most groups: only groups whose bound
        passes are scored (:func:`_bounded_groups`, for the whole gap at once).
        """
        sim11 = gap.sim11
        if da == 1 and db == 1:
            return sim11[i - 1][j - 1]
        # Other groups come from gap.shapes_at: their bound passed (see _bounded_groups).
        rows = [sim11[x][j - db : j] for x in range(i - da, i)]
        # Every member must share something with the other side.
        if not all(any(row) for row in rows) or not all(
            any(col) for col in zip(*rows, strict=True)
        ):
            return None
        best_pair = max(map(max, rows))
        a_ids = tuple(range(gap.ra.start + i - da, gap.ra.start + i))
        b_ids = tuple(range(gap.rb.start + j - db, gap.rb.start + j))
        # (Remembered: the groups the path takes are asked for their similarity again.)
        s = self._similarities[a_ids, b_ids] = self.similarity(a_ids, b_ids)
        if s < best_pair + GROUP_MIN_GAIN:
            return None
        bounds = [gap.pair_bound[x][j - db : j] for x in range(i - da, i)]
        if not self._members_belong(a_ids, b_ids, bounds):
            return None
        return s

    def _members_belong(
        self, a_ids: tuple[int, ...], b_ids: tuple[int, ...], pair_bounds: list[list[float]]
    ) -> bool:
        """Every paragraph of a group finds enough of its words in the other side.

        ``pair_bounds`` holds twice the weight each pair of members shares (the gap's
        pair bounds, a row per A member). What a member shares with the whole other
        side is at least what it shares with one member there and at most the sum:
        only a member that these leave undecided is measured.
        """
        partner_a, partner_b = self.vec_a(a_ids)[0], self.vec_b(b_ids)[0]
        for ids, bounds, vectors, partner in (
            (a_ids, pair_bounds, self._vec_a, partner_b),
            (b_ids, list(zip(*pair_bounds, strict=True)), self._vec_b, partner_a),
        ):
            for k, member_bounds in zip(ids, bounds, strict=True):
                vec, weight = vectors[k]
                if weight <= 0:
                    continue
                needed = 2 * MEMBER_MIN_CONTAINMENT * weight
                # (The margin is far above the rounding of the bounds and the overlap.)
                if max(member_bounds) >= needed * (1 + _BOUND_MARGIN):
                    continue
                if sum(member_bounds) < needed * (1 - _BOUND_MARGIN):
                    return False
                if overlap(vec, partner) / weight < MEMBER_MIN_CONTAINMENT:
                    return False
        return True

    # -- step 4: neighbour extension ---------------------------------------------
    def _extend_neighbours(self, continuations: bool = False) -> None:
        """Join leftover paragraphs to an adjacent group whose partner contains them
        (with ``continuations``, also a leftover that continues a sentence left open
        next to it, on less evidence)."""
        groups = sorted(self.groups, key=_first_units)
        owners = (
            {i: k for k, g in enumerate(groups) for i in g.a},
            {j: k for k, g in enumerate(groups) for j in g.b},
        )
        sides = (
            ("a", len(self.a), self._vec_a, owners[0]),
            ("b", len(self.b), self._vec_b, owners[1]),
        )
        # Leftovers next to a group; a unit that joins one puts its own neighbours
        # up for another look (chains of split pieces).
        todo: list[tuple[int, int]] = sorted(
            (s, idx)
            for s, (_, _, vectors, owner) in enumerate(sides)
            for idx in vectors
            if idx not in owner and (idx - 1 in owner or idx + 1 in owner)
        )
        while todo:
            retry: set[tuple[int, int]] = set()
            for s, idx in todo:
                side, n, _, owner = sides[s]
                if idx in owner:
                    continue
                best = None
                for neighbour in (idx - 1, idx + 1):
                    k = owner.get(neighbour)
                    if k is None:
                        continue
                    has_vectors = self._has_vectors(groups[k])
                    gain = self._extension_gain(groups[k], side, idx) if has_vectors else None
                    if gain is None and continuations:
                        gain = self._continuation_gain(groups[k], s, idx, neighbour, owners)
                    if gain is not None and (best is None or gain > best[0]):
                        best = (gain, k)
                if best is None:
                    continue
                k = best[1]
                g = groups[k]
                if side == "a":
                    groups[k] = Group(tuple(sorted((*g.a, idx))), g.b, g.moved)
                else:
                    groups[k] = Group(g.a, tuple(sorted((*g.b, idx))), g.moved)
                owner[idx] = k
                for other in (idx - 1, idx + 1):
                    if 0 <= other < n and other not in owner and other in sides[s][2]:
                        retry.add((s, other))
                # The group changed: the leftovers next to it on the other side too.
                other_side = sides[1 - s]
                for x in groups[k].b if side == "a" else groups[k].a:
                    for y in (x - 1, x + 1):
                        if 0 <= y < other_side[1] and y not in other_side[3] and y in other_side[2]:
                            retry.add((1 - s, y))
            todo = sorted(retry)
        self.groups = groups

    def _has_vectors(self, group: Group) -> bool:
        """Whether every unit of ``group`` was tokenized (exact anchors were not)."""
        a, b = group.a, group.b
        if len(a) == len(b) == 1:  # (most groups: spares two iterators and two all())
            return a[0] in self._vec_a and b[0] in self._vec_b
        return all(map(self._vec_a.__contains__, group.a)) and all(
            map(self._vec_b.__contains__, group.b)
        )

    def _extension_gain(self, group: Group, side: str, idx: int) -> float | None:
        """Similarity gain from adding paragraph ``idx`` on ``side`` to ``group``, or None."""
        own_vec, own_weight = (self._vec_a if side == "a" else self._vec_b)[idx]
        if own_weight <= 0:
            return None
        partner_vec = self.vec_b(group.b)[0] if side == "a" else self.vec_a(group.a)[0]
        # (What it adds to the partner's coverage, its new coverage, is never more
        # than what of it the partner contains: that test decides alone.)
        if overlap(own_vec, partner_vec) / own_weight < EXTEND_CONTAINED:
            return None
        # A headline that only repeats the lede's names lowers the similarity.
        before = self._group_similarity(group)
        if side == "a":
            after = self.similarity(tuple(sorted((*group.a, idx))), group.b)
        else:
            after = self.similarity(group.a, tuple(sorted((*group.b, idx))))
        return after - before if after > before else None

    def _group_sides(self, group: Group, side: str) -> tuple[Vector, Vector, float, float]:
        """The vectors of ``group``'s ``side`` and of its partner, their shared weight
        and the group's similarity (one overlap for both)."""
        (u, nu), (v, nv) = self.vec_a(group.a), self.vec_b(group.b)
        shared = overlap(u, v)
        similarity = 2.0 * shared / (nu + nv) if nu > 0 and nv > 0 else 0.0
        return (u, v, shared, similarity) if side == "a" else (v, u, shared, similarity)

    def _continuation_gain(
        self,
        group: Group,
        s: int,
        idx: int,
        neighbour: int,
        owners: tuple[dict[int, int], dict[int, int]],
    ) -> float | None:
        """Similarity change (possibly negative) from adding ``idx`` to ``group`` when
        ``idx`` and its group neighbour are two halves of one sentence, or None
        (``s``: 0 for A, 1 for B; ``owners``: the group of each unit, per side).

        A paragraph break inside a sentence is a split far more often than a chance
        meeting of two texts, so a half that shares few words with the partner (its
        other half carried most of them) is still taken when it brings some new
        coverage and the group stays about as similar.
        """
        side = "ab"[s]
        texts = self.a if side == "a" else self.b
        first, second = sorted((idx, neighbour))
        if not continues(texts[first], texts[second]):
            return None
        # As many leftovers on both sides of the break beyond the group are far more
        # likely reworded partners of each other (see _pair_sandwiched).
        step = 1 if idx > neighbour else -1
        partner = group.b if side == "a" else group.a
        facing = partner[-1] + 1 if step > 0 else partner[0] - 1
        mine = self._run_length(s, idx, step, owners[s])
        if facing not in owners[1 - s] and mine == self._run_length(
            1 - s, facing, step, owners[1 - s]
        ):
            return None
        self._add_vectors(group)
        own_vec, own_weight = (self._vec_a if side == "a" else self._vec_b)[idx]
        if own_weight <= 0:
            return None
        same_vec, partner_vec, covered, before = self._group_sides(group, side)
        combined = overlap(add_vectors([same_vec, own_vec]), partner_vec)
        if side == "a":
            after = self.similarity(tuple(sorted((*group.a, idx))), group.b)
        else:
            after = self.similarity(group.a, tuple(sorted((*group.b, idx))))
        new_coverage = (combined - covered) / own_weight
        if new_coverage >= CONTINUATION_NEW and after >= CONTINUATION_KEEP * before:
            return after - before
        return after - before if self._fills_partner(group, s, idx) else None

    def _fills_partner(self, group: Group, s: int, idx: int) -> bool:
        """Whether unit ``idx`` of side ``s`` makes its side of ``group`` about as long
        as the partner, which is clearly longer without it (a half sentence whose
        words were all reworded: its other half faces only part of the partner)."""
        texts, other = (self.a, self.b) if s == 0 else (self.b, self.a)
        own = sum(len(texts[k]) for k in (group.a if s == 0 else group.b))
        partner = sum(len(other[k]) for k in (group.b if s == 0 else group.a))
        joined = own + len(texts[idx])
        if not own or not partner or own > FILL_SHORT * partner:
            return False
        if abs(math.log(joined / partner)) >= abs(math.log(own / partner)):
            return False
        # A name the partner lacks marks a text of its own (an inserted passage).
        partner_text = " ".join(other[k] for k in (group.b if s == 0 else group.a)).casefold()
        return all(name in partner_text for name in names(texts[idx]))

    @staticmethod
    def _sentence_runs(texts: Sequence[str], units: range) -> list[tuple[int, ...]]:
        """``units`` in runs, a unit joining the previous one when it continues a
        sentence that one left open."""
        runs: list[list[int]] = []
        for u in units:
            if runs and continues(texts[runs[-1][-1]], texts[u]):
                runs[-1].append(u)
            else:
                runs.append([u])
        return [tuple(run) for run in runs]

    def _run_length(self, s: int, start: int, step: int, owner: dict[int, int]) -> int:
        """How many units of side ``s`` from ``start`` on, going by ``step``, belong
        to no group."""
        n = len(self.b if s else self.a)
        end = start
        while 0 <= end < n and end not in owner:
            end += step
        return abs(end - start)

    def _pair_sandwiched(self) -> None:
        """Pair the units left between two in-order groups.

        When both sides left the same small number, k deleted and k inserted units
        at one place are far more often k reworded units, so each diagonal pair
        needs only :data:`SANDWICH_MIN`; a unit that continues a sentence left open
        before it counts as one with that unit (a split sentence). Otherwise a small
        stretch bounded by matches on both ends is solved again by the dynamic
        program with the continuation threshold for every pair: the gap threshold it
        was first solved with was set for the whole, much larger gap.
        """
        groups = sorted((g for g in self.groups if not g.moved), key=_first_units)
        used_a = {i for g in self.groups for i in g.a}
        used_b = {j for g in self.groups for j in g.b}
        for before, after in itertools.pairwise(groups):
            if after.a[0] - before.a[-1] < 2 or after.b[0] - before.b[-1] < 2:
                continue  # nothing left between them on one side (most groups)
            ra = range(before.a[-1] + 1, after.a[0])
            rb = range(before.b[-1] + 1, after.b[0])
            if len(ra) * len(rb) > STRETCH_MAX_CELLS:
                continue
            if any(i in used_a or i not in self._vec_a for i in ra) or any(
                j in used_b or j not in self._vec_b for j in rb
            ):
                continue
            runs_a, runs_b = self._sentence_runs(self.a, ra), self._sentence_runs(self.b, rb)
            if len(runs_a) == len(runs_b) <= SANDWICH_MAX and all(
                self.similarity(ia, jb) >= SANDWICH_MIN
                for ia, jb in zip(runs_a, runs_b, strict=True)
            ):
                self.groups.extend(Group(ia, jb) for ia, jb in zip(runs_a, runs_b, strict=True))
                continue
            gap = _Gap(
                ra,
                rb,
                threshold=CONTINUE_THRESHOLD,
                after_anchor=True,
                before_anchor=True,
                sim11=self._pair_scores(ra, rb),
                weights_a=[self._vec_a[i][1] for i in ra],
                weights_b=[self._vec_b[j][1] for j in rb],
            )
            self._add_path(gap, self._fill(gap))

    # -- step 5: moves ------------------------------------------------------------
    def _find_moves(self) -> None:
        """Pair leftovers by mutual best similarity regardless of order.

        Weak one-to-one pairs (admitted only by the continuation threshold) take part
        too: when one of their paragraphs is the mutual best match of a leftover, the
        weak pair was a stand-in for a moved paragraph and gives way.
        """
        weak = [
            len(g.a) == len(g.b) == 1
            and (g.a[0], g.b[0]) not in self.anchors
            and self._has_vectors(g)
            and self._group_similarity(g) < WEAK_PAIR
            for g in self.groups
        ]
        used_a = {i for g, w in zip(self.groups, weak, strict=True) if not w for i in g.a}
        used_b = {j for g, w in zip(self.groups, weak, strict=True) if not w for j in g.b}
        left_a = [i for i in range(len(self.a)) if i not in used_a and i in self._vec_a]
        left_b = [j for j in range(len(self.b)) if j not in used_b and j in self._vec_b]
        if not left_a or not left_b:
            return
        found = self._mutual_best(self._candidates(left_a, left_b), MOVE_MIN, MOVE_MARGIN)
        if not found:
            return
        taken_a = {i for i, _, _ in found}
        taken_b = {j for _, j, _ in found}
        self.groups = [
            g
            for g, w in zip(self.groups, weak, strict=True)
            if not w or (g.a[0] not in taken_a and g.b[0] not in taken_b)
        ]
        self._place(found)

    def _pair_best_in_document(self) -> None:
        """Pair a leftover A unit and a leftover B unit that are each other's best match
        in the whole document (paired units included), at :data:`DISTANT_MIN`: a unit
        whose best match is already paired is a split piece or a copy, not a move.
        Only between versions of one text (most units of both sides paired): between
        two articles on one topic, such pairs are chance."""
        used_a = {i for g in self.groups for i in g.a}
        used_b = {j for g in self.groups for j in g.b}
        if min(len(used_a) / max(1, len(self.a)), len(used_b) / max(1, len(self.b))) < (
            DISTANT_PAIRED_SHARE
        ):
            return
        left_a = [i for i in range(len(self.a)) if i not in used_a and i in self._vec_a]
        left_b = [j for j in range(len(self.b)) if j not in used_b and j in self._vec_b]
        if not left_a or not left_b:
            return
        best_a = self._best_of(self._candidates(left_a, list(self._vec_b)), self._keys_b)
        wanted_b = sorted({j for j, _ in best_a.values() if j not in used_b})
        best_b = self._best_of(
            self._candidates(wanted_b, list(self._vec_a), reverse=True), self._keys_a
        )
        found = [
            (i, j, score)
            for i, (j, score) in best_a.items()
            if score >= DISTANT_MIN and j in best_b and best_b[j][0] == i
        ]
        self._place(found, moves_only=True)

    @staticmethod
    def _best_of(
        cand: dict[int, list[tuple[float, int]]], keys: list[str]
    ) -> dict[int, tuple[int, float]]:
        """Each unit's single best candidate, when it leads every different text."""
        best: dict[int, tuple[int, float]] = {}
        for i, scored in cand.items():
            if not scored:
                continue
            score, j = scored[0]
            runner = max((s for s, jj in scored[1:] if keys[jj] != keys[j]), default=0.0)
            if score > runner:
                best[i] = (j, score)
        return best

    def _place(self, found: list[tuple[int, int, float]], moves_only: bool = False) -> None:
        """Add one-to-one pairs found regardless of order: a pair that fits the
        in-order chain is an ordinary pair (left out when ``moves_only``), otherwise
        a moved one."""
        in_order = sorted((g.a[0], g.b[0]) for g in self.groups if not g.moved)
        firsts_a = [p[0] for p in in_order]
        for i, j, _score in sorted(found):
            pos = bisect.bisect_left(firsts_a, i)
            before_b = in_order[pos - 1][1] if pos else -1
            after_b = in_order[pos][1] if pos < len(in_order) else len(self.b)
            fits = before_b < j < after_b
            if fits and moves_only:
                continue
            self.groups.append(Group((i,), (j,), moved=not fits))
            if fits:
                in_order.insert(pos, (i, j))
                firsts_a.insert(pos, i)

    # -- driver ------------------------------------------------------------------
    @property
    def keys_a(self) -> list[str]:
        """Folded text of each A unit (after :meth:`run`)."""
        return self._keys_a

    @property
    def keys_b(self) -> list[str]:
        """Folded text of each B unit (after :meth:`run`)."""
        return self._keys_b

    def run(self, place_leftovers: bool = True) -> list[Group]:
        """Align and return the groups (in-order and moved), unsorted.

        A first pass aligns on shared words; word correspondences learned from its
        confident matches then count as partial matches in a second pass.
        """
        gaps = self._exact_anchors()
        exact = sorted(
            [*self.fixed, *(Group((i,), (j,)) for i, j in self.pairs.items())],
            key=_first_units,
        )
        self._report(0.15)
        need_a = sorted({i for ga, _ in gaps for i in ga})
        need_b = sorted({j for _, gb in gaps for j in gb})
        self._prepare_vectors(need_a, need_b)
        self._report(0.3)
        if self._lexicon_given:
            # Correspondences learned elsewhere (a paragraph-level run): one pass.
            self._apply_lexicon(self.lexicon)
            self._align_gaps(gaps, exact, 0.3, 0.6)
        else:
            self._align_gaps(gaps, exact, 0.3, 0.45)
            self.lexicon = learn_correspondences(self._confident_term_pairs(), self._idf)
            if self.lexicon:
                # Confident in-order groups stand; only the rest is aligned again.
                kept = self._kept = self.confident_groups()
                self._apply_lexicon(self.lexicon)
                self._align_gaps(self._gaps_between(kept), kept, 0.45, 0.6)
        if place_leftovers:
            self.place_leftovers()
        self._report(0.6)
        return self.groups

    def _stretches_between(self, groups: list[Group]) -> list[tuple[range, range]]:
        """The stretches left between in-order ``groups`` (sorted) where either side
        has units."""
        stretches = []
        prev_a = prev_b = 0
        for g in [*groups, Group((len(self.a),), (len(self.b),))]:
            if g.a[0] > prev_a or g.b[0] > prev_b:
                stretches.append((range(prev_a, g.a[0]), range(prev_b, g.b[0])))
            prev_a, prev_b = g.a[-1] + 1, g.b[-1] + 1
        return stretches

    def confident_groups(self) -> list[Group]:
        """In-order groups at least :data:`KEEP_SIMILARITY` similar, and those kept
        by the first pass (after :meth:`run`)."""
        kept = {(g.a, g.b) for g in self._kept}
        return sorted(
            (
                g
                for g in self.groups
                if not g.moved
                and (
                    (g.a, g.b) in kept
                    or not self._has_vectors(g)
                    or self._group_similarity(g) >= KEEP_SIMILARITY
                )
            ),
            key=_first_units,
        )

    def _gaps_between(self, groups: list[Group]) -> list[tuple[range, range]]:
        """The stretches of both sides left between in-order ``groups`` (sorted)."""
        gaps = []
        prev_a = prev_b = 0
        for g in [*groups, Group((len(self.a),), (len(self.b),))]:
            if g.a[0] > prev_a and g.b[0] > prev_b:
                gaps.append((range(prev_a, g.a[0]), range(prev_b, g.b[0])))
            prev_a, prev_b = g.a[-1] + 1, g.b[-1] + 1
        return gaps

    def _align_gaps(
        self,
        gaps: list[tuple[range, range]],
        kept: list[Group],
        lo: float,
        hi: float,
    ) -> None:
        """One alignment pass over ``gaps`` between the ``kept`` groups (sorted, in
        order), which bound the gaps as anchors; replaces earlier groups. Moves are
        looked for afterwards, once (:meth:`place_leftovers`)."""
        self.groups = []
        self.anchors = {corner for g in kept for corner in ((g.a[0], g.b[0]), (g.a[-1], g.b[-1]))}
        self._set_route([(g.a[0], g.b[0]) for g in kept])
        for k, (ga, gb) in enumerate(gaps):
            self._solve_gap(ga, gb)
            if k % 64 == 0:
                self._report(lo + (hi - lo) * k / max(1, len(gaps)))
        self.groups.extend(kept)
        self._extend_neighbours()
        self._pair_sandwiched()

    def place_leftovers(self) -> None:
        """Moves, then pairs that are best in the whole document; neighbour extension
        then runs again, so a moved unit can be split or merged too."""
        self._set_route([(g.a[0], g.b[0]) for g in self.groups if not g.moved])
        self._find_moves()
        self._pair_best_in_document()
        self._extend_neighbours(continuations=True)

    def _group_similarity(self, g: Group) -> float:
        """Similarity of a group with the current vectors (cached)."""
        found = self._similarities.get((g.a, g.b))
        if found is None:
            found = self._similarities[g.a, g.b] = self.similarity(g.a, g.b)
        return found

    def _confident_term_pairs(self) -> list[tuple[Set[str], Set[str]]]:
        """Terms of both sides of each confident match found by a pass."""
        found = []
        for g in self.groups:
            if not self._has_vectors(g) or self._group_similarity(g) < LEARN_MIN_SIMILARITY:
                continue
            # A group's terms are its vector's keys (no correspondences applied yet).
            found.append((self.vec_a(g.a)[0].keys(), self.vec_b(g.b)[0].keys()))
        return found

    def _report(self, fraction: float) -> None:
        if self.progress is not None:
            self.progress(fraction)


def _per_unit(per_paragraph: list[_T], units: Units, cut_paragraphs: Set[int]) -> list[_T | None]:
    """``per_paragraph``'s value of each unit's paragraph, None for the units of the
    ``cut_paragraphs`` (a new list; the cut ones are few, the rest is looked up in C)."""
    whole: list[_T | None] = list(per_paragraph)
    for k in cut_paragraphs:
        whole[k] = None
    return list(map(whole.__getitem__, units.owner))


def align_paragraphs(
    a: Sequence[str], b: Sequence[str], progress: Callable[[float], None] | None = None
) -> list[Group]:
    """Align paragraphs of A and B; returns groups (several indices = split or merge).

    Paragraphs much longer than the other side's that the paragraph-level alignment
    did not pair confidently are then aligned by their sentences (see
    :mod:`tui.engine.units`), between the confident groups, and the links projected
    back to paragraphs.
    """
    long_a, long_b = long_paragraphs(a, b)
    first = Aligner(a, b, progress)
    if not long_a and not long_b:
        return first.run()
    first.run(place_leftovers=False)
    # Long paragraphs the paragraph-level pass paired confidently stay whole; the
    # other in-order groups stand too unless they hold or border a long paragraph
    # left unpaired or weakly paired: there, a partner may well be a part of it.
    confident = first.confident_groups()
    long_a.difference_update(i for g in confident for i in g.a)
    long_b.difference_update(j for g in confident for j in g.b)
    settled = sorted(
        (
            g
            for g in first.groups
            if not g.moved
            and long_a.isdisjoint(range(g.a[0] - 1, g.a[-1] + 2))
            and long_b.isdisjoint(range(g.b[0] - 1, g.b[-1] + 2))
        ),
        key=_first_units,
    )
    units_a, units_b = cut(a, long_a), cut(b, long_b)
    if len(units_a.texts) == len(a) and len(units_b.texts) == len(b):
        first.place_leftovers()
        return first.groups
    start_a, start_b = units_a.starts(), units_b.starts()
    unit_a, unit_b = start_a.__getitem__, start_b.__getitem__  # a whole paragraph's unit
    fixed = [Group(tuple(map(unit_a, g.a)), tuple(map(unit_b, g.b))) for g in settled]
    keys_a = _per_unit(first.keys_a, units_a, long_a)
    keys_b = _per_unit(first.keys_b, units_b, long_b)
    terms_a, terms_b = first.unit_terms("a"), first.unit_terms("b")
    known_a = _per_unit(list(map(terms_a.get, range(len(a)))), units_a, long_a)
    known_b = _per_unit(list(map(terms_b.get, range(len(b)))), units_b, long_b)
    lexicon = first.lexicon
    # The paragraph vectors are not needed any more: freed before the units get theirs.
    del first, terms_a, terms_b
    unit_groups = Aligner(
        units_a.texts,
        units_b.texts,
        fixed=fixed,
        keys=(keys_a, keys_b),
        known_terms=(known_a, known_b),
        lexicon=lexicon,
    ).run()
    links = [(g.a, g.b, g.moved) for g in unit_groups]
    return [Group(ga, gb, moved) for ga, gb, moved in project(links, units_a, units_b)]
