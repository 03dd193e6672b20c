"""Paragraph alignment: which paragraphs of A and B carry the same content.

The method (see ``docs/ALIGNER.md``):

1. Exact anchors: paragraphs whose folded text is unique in both documents
   (within the current gap, recursively, as patience diff does), kept in order
   by a longest increasing subsequence.
2. Fuzzy anchors in large gaps: candidates from shared rare terms (an inverted
   index, never an all-pairs matrix), confident mutual best matches kept in order.
3. An order-preserving dynamic program inside each small gap, with 1-0, 0-1,
   1-1, 1-2, 2-1, 1-3, 3-1 and 2-2 groups and a threshold that grows with the gap.
4. Neighbour extension: a leftover paragraph joins the neighbouring group when
   its words are mostly contained in that group's partner (splits, merges).
5. Moves: leftover paragraphs paired by mutual best similarity regardless of
   order, with a stricter threshold.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.engine.tokens import normal_key, terms

Vector = dict[str, float]

#: Largest gap (cells = A units x B units) solved by the dynamic program directly.
DP_MAX_CELLS = 900
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
#: A one-to-one pair below this similarity gives way to a confident move.
WEAK_PAIR = 0.3
#: ... and this lead over the runner-up (small: split pieces of one paragraph are
#: close runners-up, and neighbour extension then joins them to the pair).
MOVE_MARGIN = 0.0
#: Neighbour extension: share of a leftover paragraph's weight found in the partner.
EXTEND_CONTAINMENT = 0.6
#: Terms shared by more units than this share of a gap are too common to nominate candidates.
CANDIDATE_DF_SHARE = 0.02
CANDIDATES_PER_UNIT = 4
#: Only a unit's rarest (heaviest) terms vote for candidates, which bounds the cost.
VOTING_TERMS = 12


@dataclass(frozen=True, slots=True)
class Group:
    """Aligned paragraph indices (ascending on each side); ``moved`` when out of order."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    moved: bool = False


def gap_threshold(n_a: int, n_b: int) -> float:
    """Minimum similarity for an in-order pair inside a gap of this size."""
    return 0.2 + 0.035 * math.log2(max(n_a, n_b, 1))


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
        other = v.get(term)
        if other is not None:
            shared += weight if weight < other else other
    return shared


def add_vectors(vectors: Sequence[Vector]) -> Vector:
    """Sum of term vectors."""
    if len(vectors) == 1:
        return vectors[0]
    total: Vector = defaultdict(float)
    for vec in vectors:
        for term, weight in vec.items():
            total[term] += weight
    return dict(total)


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


class Aligner:
    """Aligns two lists of paragraphs; call :meth:`run` once."""

    def __init__(
        self,
        a: Sequence[str],
        b: Sequence[str],
        progress: Callable[[float], None] | None = None,
    ) -> None:
        self.a = a
        self.b = b
        self.progress = progress
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
        self._idf_default = 1.0

    # -- term vectors -------------------------------------------------------
    def _prepare_vectors(self, a_ids: Sequence[int], b_ids: Sequence[int]) -> None:
        """Tokenize the paragraphs that still need pairing and weight terms by IDF."""
        df: dict[str, int] = defaultdict(int)
        for ids, keys, store in (
            (a_ids, self._keys_a, self._terms_a),
            (b_ids, self._keys_b, self._terms_b),
        ):
            for i in ids:
                words = terms(keys[i], folded=True)
                store[i] = words
                for term in set(words):
                    df[term] += 1
        n = len(a_ids) + len(b_ids)
        self._idf = {t: math.log((n + 1) / (d + 0.5)) + 0.1 for t, d in df.items()}
        self._idf_default = math.log(n + 2) + 0.1
        for store_terms, store_vec in ((self._terms_a, self._vec_a), (self._terms_b, self._vec_b)):
            for i, words in store_terms.items():
                vec: Vector = defaultdict(float)
                for term in words:
                    vec[term] += self._idf[term]
                vec = dict(vec)
                store_vec[i] = (vec, sum(vec.values()))

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

    # -- step 1: exact anchors (patience recursion) ---------------------------
    def _exact_anchors(self) -> list[tuple[range, range]]:
        """Pair exactly equal paragraphs in order; return the gaps left between them."""
        key_a = self._keys_a = [normal_key(p) for p in self.a]
        key_b = self._keys_b = [normal_key(p) for p in self.b]
        gaps: list[tuple[range, range]] = []
        stack = [(range(len(self.a)), range(len(self.b)))]
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
            count_a: dict[str, int] = defaultdict(int)
            first_a: dict[str, int] = {}
            for i in range(lo_a, hi_a):
                count_a[key_a[i]] += 1
                first_a.setdefault(key_a[i], i)
            count_b: dict[str, int] = defaultdict(int)
            first_b: dict[str, int] = {}
            for j in range(lo_b, hi_b):
                count_b[key_b[j]] += 1
                first_b.setdefault(key_b[j], j)
            matches = sorted(
                (first_a[k], first_b[k])
                for k, c in count_a.items()
                if c == 1 and count_b.get(k) == 1
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
        self, a_ids: Sequence[int], b_ids: Sequence[int], df_share: float = CANDIDATE_DF_SHARE
    ) -> dict[int, list[tuple[float, int]]]:
        """For each A unit, its best B units by Dice among those sharing a rare term."""
        index: dict[str, list[int]] = defaultdict(list)
        for j in b_ids:
            for term in self._vec_b[j][0]:
                index[term].append(j)
        limit = max(8, int(df_share * (len(a_ids) + len(b_ids))))
        result: dict[int, list[tuple[float, int]]] = {}
        for i in a_ids:
            vec, weight = self._vec_a[i]
            votes: dict[int, float] = defaultdict(float)
            rare = [
                (w, term) for term, w in vec.items() if term in index and len(index[term]) <= limit
            ]
            for w, term in heapq.nlargest(VOTING_TERMS, rare):
                for j in index[term]:
                    votes[j] += w
            if not votes:
                continue
            top = heapq.nlargest(
                CANDIDATES_PER_UNIT * 2, votes.items(), key=lambda kv: (kv[1], -kv[0])
            )
            scored = sorted(
                ((dice(vec, weight, *self._vec_b[j]), j) for j, _ in top),
                key=lambda sj: (-sj[0], sj[1]),
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
        for i, scored in cand.items():
            if not scored:
                continue
            score, j = scored[0]
            if score < minimum:
                continue
            runner_a = scored[1][0] if len(scored) > 1 else 0.0
            rivals = sorted(best_for_b[j], key=lambda si: (-si[0], si[1]))
            if rivals[0][1] != i:
                continue
            runner_b = rivals[1][0] if len(rivals) > 1 else 0.0
            if score - max(runner_a, runner_b) >= margin:
                found.append((i, j, score))
        return found

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
            chain = longest_increasing(sorted((i, j) for i, j, _ in found))
            if not chain:
                self._dp_banded(ra, rb, cand)
                continue
            prev_a, prev_b = ra.start, rb.start
            for i, j in chain:
                self.groups.append(Group((i,), (j,)))
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
        """Order-preserving dynamic program over one gap.

        Two states per cell: the path's last step was a match, or it was not. A
        match that continues a match (or the anchor just before the gap, or ends
        right before the anchor after it) needs only :data:`CONTINUE_THRESHOLD`:
        a reworded paragraph sandwiched between matches is most likely a partner.
        """
        na, nb = len(ra), len(rb)
        t = gap_threshold(na, nb) if threshold is None else threshold
        t_cont = min(t, CONTINUE_THRESHOLD)
        a0, b0 = ra.start, rb.start
        after_anchor = (a0 - 1, b0 - 1) in self.anchors
        before_anchor = (ra.stop, rb.stop) in self.anchors
        sim11 = [[self.similarity((a0 + i,), (b0 + j,)) for j in range(nb)] for i in range(na)]
        neg = -1e9
        # free[i][j]: best score whose last step was not a match; matched[i][j]: was a match.
        free = [[neg] * (nb + 1) for _ in range(na + 1)]
        matched = [[neg] * (nb + 1) for _ in range(na + 1)]
        back_free: list[list[tuple[int, int, int] | None]] = [
            [None] * (nb + 1) for _ in range(na + 1)
        ]
        back_matched: list[list[tuple[int, int, int] | None]] = [
            [None] * (nb + 1) for _ in range(na + 1)
        ]
        if after_anchor:
            matched[0][0] = 0.0
        else:
            free[0][0] = 0.0
        for i in range(na + 1):
            for j in range(nb + 1):
                if i == 0 and j == 0:
                    continue
                best, move = neg, None
                for di, dj in ((1, 0), (0, 1)):
                    if di <= i and dj <= j:
                        pf, pm = free[i - di][j - dj], matched[i - di][j - dj]
                        if pf > best:
                            best, move = pf, (di, dj, 0)
                        if pm > best:
                            best, move = pm, (di, dj, 1)
                free[i][j] = best
                back_free[i][j] = move
                best, move = neg, None
                at_end = before_anchor and i == na and j == nb
                for da, db in GROUP_SHAPES:
                    if da > i or db > j:
                        continue
                    pf, pm = free[i - da][j - db], matched[i - da][j - db]
                    if pf == neg and pm == neg:
                        continue
                    if da == 1 and db == 1:
                        s = sim11[i - 1][j - 1]
                    else:
                        # Every member must share something with the other side.
                        ok = all(
                            any(sim11[i - 1 - x][j - 1 - y] > 0 for y in range(db))
                            for x in range(da)
                        ) and all(
                            any(sim11[i - 1 - x][j - 1 - y] > 0 for x in range(da))
                            for y in range(db)
                        )
                        if not ok:
                            continue
                        s = self.similarity(
                            tuple(range(a0 + i - da, a0 + i)), tuple(range(b0 + j - db, b0 + j))
                        )
                        # A group must explain more than its best single pair does.
                        best_pair = max(
                            sim11[i - 1 - x][j - 1 - y] for x in range(da) for y in range(db)
                        )
                        if s < best_pair + GROUP_MIN_GAIN or not self._members_belong(
                            tuple(range(a0 + i - da, a0 + i)), tuple(range(b0 + j - db, b0 + j))
                        ):
                            continue
                    if s < t_cont:
                        continue
                    size = (da + db) / 2
                    penalty = GROUP_PENALTY * (da + db - 2)
                    for prev, state in ((pf, 0), (pm, 1)):
                        if prev == neg:
                            continue
                        continuing = da == db == 1 and (state == 1 or at_end)
                        thr = t_cont if continuing else t
                        if s < thr:
                            continue
                        total = prev + (s - thr) * size - penalty
                        if total > best:
                            best, move = total, (da, db, state)
                matched[i][j] = best
                back_matched[i][j] = move
        i, j = na, nb
        state = 1 if matched[na][nb] > free[na][nb] else 0
        while i or j:
            move = (back_matched if state else back_free)[i][j]
            assert move is not None
            da, db, prev_state = move
            if state:
                self.groups.append(
                    Group(tuple(range(a0 + i - da, a0 + i)), tuple(range(b0 + j - db, b0 + j)))
                )
            i, j, state = i - da, j - db, prev_state
        self._group_a.clear()
        self._group_b.clear()

    def _members_belong(self, a_ids: tuple[int, ...], b_ids: tuple[int, ...]) -> bool:
        """Every paragraph of a group finds enough of its words in the other side."""
        partner_b, _ = self.vec_b(b_ids)
        partner_a, _ = self.vec_a(a_ids)
        for i in a_ids:
            vec, weight = self._vec_a[i]
            if weight > 0 and overlap(vec, partner_b) / weight < MEMBER_MIN_CONTAINMENT:
                return False
        for j in b_ids:
            vec, weight = self._vec_b[j]
            if weight > 0 and overlap(vec, partner_a) / weight < MEMBER_MIN_CONTAINMENT:
                return False
        return True

    # -- step 4: neighbour extension ---------------------------------------------
    def _extend_neighbours(self) -> None:
        """Join leftover paragraphs to an adjacent group whose partner contains them."""
        groups = sorted(self.groups, key=lambda g: (g.a[0], g.b[0]))
        used_a = {i for g in groups for i in g.a}
        used_b = {j for g in groups for j in g.b}
        changed = True
        while changed:
            changed = False
            owner_a = {i: k for k, g in enumerate(groups) for i in g.a}
            owner_b = {j: k for k, g in enumerate(groups) for j in g.b}
            for side in ("a", "b"):
                n = len(self.a) if side == "a" else len(self.b)
                used = used_a if side == "a" else used_b
                owner = owner_a if side == "a" else owner_b
                for idx in range(n):
                    if idx in used:
                        continue
                    vectors = self._vec_a if side == "a" else self._vec_b
                    if idx not in vectors:
                        continue
                    best = None
                    for neighbour in (idx - 1, idx + 1):
                        k = owner.get(neighbour)
                        if k is None:
                            continue
                        group = groups[k]
                        if not self._has_vectors(group):
                            continue
                        gain = self._extension_gain(group, side, idx)
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
                    used.add(idx)
                    owner[idx] = k
                    changed = True
        self.groups = groups

    def _has_vectors(self, group: Group) -> bool:
        return all(i in self._vec_a for i in group.a) and all(j in self._vec_b for j in group.b)

    def _extension_gain(self, group: Group, side: str, idx: int) -> float | None:
        """Similarity gain from adding paragraph ``idx`` on ``side`` to ``group``, or None."""
        partner_vec, _ = self.vec_b(group.b) if side == "a" else self.vec_a(group.a)
        same_vec, _ = self.vec_a(group.a) if side == "a" else self.vec_b(group.b)
        own_vec, own_weight = (self._vec_a if side == "a" else self._vec_b)[idx]
        if own_weight <= 0:
            return None
        # What the paragraph adds must be found in the partner and not already be
        # covered by the group's own side: a real split half brings new words, a
        # headline that only repeats the lede's names does not.
        covered = overlap(same_vec, partner_vec)
        combined = overlap(add_vectors([same_vec, own_vec]), partner_vec)
        if (combined - covered) / own_weight < EXTEND_CONTAINMENT:
            return None
        before = self.similarity(group.a, group.b)
        if side == "a":
            after = self.similarity(tuple(sorted((*group.a, idx))), group.b)
        else:
            after = self.similarity(group.a, tuple(sorted((*group.b, idx))))
        return after - before if after > before else None

    # -- step 5: moves ------------------------------------------------------------
    def _find_moves(self) -> None:
        """Pair leftovers by mutual best similarity regardless of order.

        Weak one-to-one pairs (admitted only by the continuation threshold) take part
        too: when one of their paragraphs is the mutual best match of a leftover, the
        weak pair was a stand-in for a moved paragraph and gives way.
        """
        weak = {
            g
            for g in self.groups
            if len(g.a) == len(g.b) == 1
            and (g.a[0], g.b[0]) not in self.anchors
            and self._has_vectors(g)
            and self.similarity(g.a, g.b) < WEAK_PAIR
        }
        used_a = {i for g in self.groups if g not in weak for i in g.a}
        used_b = {j for g in self.groups if g not in weak for j in g.b}
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
            for g in self.groups
            if g not in weak or (g.a[0] not in taken_a and g.b[0] not in taken_b)
        ]
        in_order = sorted((g.a[0], g.b[0]) for g in self.groups if not g.moved)
        firsts_a = [p[0] for p in in_order]
        for i, j, _score in sorted(found):
            pos = bisect.bisect_left(firsts_a, i)
            before_b = in_order[pos - 1][1] if pos else -1
            after_b = in_order[pos][1] if pos < len(in_order) else len(self.b)
            fits = before_b < j < after_b
            self.groups.append(Group((i,), (j,), moved=not fits))
            if fits:
                in_order.insert(pos, (i, j))
                firsts_a.insert(pos, i)

    # -- driver ------------------------------------------------------------------
    def run(self) -> list[Group]:
        """Align and return the groups (in-order and moved), unsorted."""
        gaps = self._exact_anchors()
        self.anchors.update(self.pairs.items())
        self._report(0.15)
        need_a = sorted({i for ga, _ in gaps for i in ga})
        need_b = sorted({j for _, gb in gaps for j in gb})
        self._prepare_vectors(need_a, need_b)
        self._report(0.35)
        for k, (ga, gb) in enumerate(gaps):
            self._solve_gap(ga, gb)
            if k % 64 == 0:
                self._report(0.35 + 0.25 * k / max(1, len(gaps)))
        for i, j in self.pairs.items():
            self.groups.append(Group((i,), (j,)))
        self._extend_neighbours()
        self._find_moves()
        self._extend_neighbours()  # moved paragraphs can be split or merged too
        self._report(0.6)
        return self.groups

    def _report(self, fraction: float) -> None:
        if self.progress is not None:
            self.progress(fraction)


def align_paragraphs(
    a: Sequence[str], b: Sequence[str], progress: Callable[[float], None] | None = None
) -> list[Group]:
    """Align paragraphs of A and B; returns groups (several indices = split or merge)."""
    return Aligner(a, b, progress).run()
