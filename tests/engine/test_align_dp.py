"""The gap dynamic program's shortcuts are exact: pruning group shapes by their bound
gives the same tables, to the last bit and back-pointer, as scoring every shape at
every cell with the bound tested group by group."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.align import (
    CONTINUE_THRESHOLD,
    GROUP_MIN_GAIN,
    Aligner,
    _Gap,
    gap_threshold,
)

WORDS = [f"w{k}" for k in range(9)]

paragraphs = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    min_size=1,
    max_size=6,
)


def aligner_with_vectors(a: list[str], b: list[str], kind: type[Aligner] = Aligner) -> Aligner:
    """An aligner whose every unit has its term vector."""
    aligner = kind(a, b)
    aligner._exact_anchors()
    aligner._prepare_vectors(range(len(a)), range(len(b)))
    return aligner


def bound_passes(gap: _Gap, i: int, j: int, da: int, db: int) -> bool:
    """The bound of the group of ``da`` x ``db`` units ending at cell (i, j), tested
    for that group alone: its pair bounds summed last A unit first, then B units in
    order, against its best pair plus the gain and the continuation threshold."""
    best_pair = shared_bound = 0.0
    for x in range(i - 1, i - 1 - da, -1):
        for y in range(j - db, j):
            shared_bound += gap.pair_bound[x][y]
            best_pair = max(best_pair, gap.sim11[x][y])
    total = sum(gap.weights_a[i - da : i]) + sum(gap.weights_b[j - db : j])
    return total > 0 and shared_bound >= max(best_pair + GROUP_MIN_GAIN, gap.t_cont) * total


class BoundEachGroup(Aligner):
    """Scores every group offered to it, testing the bound first, group by group."""

    def _group_score(self, gap: _Gap, i: int, j: int, da: int, db: int) -> float | None:
        if (da, db) != (1, 1) and not bound_passes(gap, i, j, da, db):
            return None
        return super()._group_score(gap, i, j, da, db)


def whole_gap(
    aligner: Aligner, continuation: bool, after_anchor: bool, before_anchor: bool
) -> _Gap:
    ra, rb = range(len(aligner.a)), range(len(aligner.b))
    return _Gap(
        ra,
        rb,
        threshold=CONTINUE_THRESHOLD if continuation else gap_threshold(len(ra), len(rb)),
        after_anchor=after_anchor,
        before_anchor=before_anchor,
        sim11=aligner._pair_scores(ra, rb),
        weights_a=[aligner._vec_a[i][1] for i in ra],
        weights_b=[aligner._vec_b[j][1] for j in rb],
    )


@settings(max_examples=300, deadline=None)
@given(paragraphs, paragraphs, st.booleans(), st.booleans(), st.booleans())
def test_pruned_dp_fills_the_tables_of_the_dp_that_scores_every_shape(
    a, b, continuation, after_anchor, before_anchor
) -> None:
    aligner = aligner_with_vectors(a, b)
    gap = whole_gap(aligner, continuation, after_anchor, before_anchor)
    pruned = aligner._fill(gap)
    every_shape = {(i, j): list(gap.shapes) for i in range(len(a) + 1) for j in range(len(b) + 1)}
    gap.shapes_at = every_shape
    unpruned = aligner_with_vectors(a, b, BoundEachGroup)._fill(gap)
    assert pruned.free == unpruned.free
    assert pruned.matched == unpruned.matched
    assert pruned.back_free == unpruned.back_free
    assert pruned.back_matched == unpruned.back_matched


@settings(max_examples=300, deadline=None)
@given(paragraphs, paragraphs, st.booleans())
def test_the_group_shapes_offered_at_a_cell_are_those_whose_bound_passes(
    a, b, continuation
) -> None:
    aligner = aligner_with_vectors(a, b)
    gap = whole_gap(aligner, continuation, after_anchor=False, before_anchor=False)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            offered = gap.shapes_at.get((i, j), [(1, 1)])
            assert offered[0] == (1, 1)
            for da, db in gap.shapes:
                if (da, db) != (1, 1) and da <= i and db <= j:
                    assert ((da, db) in offered) == bound_passes(gap, i, j, da, db)


@settings(max_examples=200, deadline=None)
@given(paragraphs, paragraphs)
def test_similarities_kept_from_the_dp_are_those_of_the_current_vectors(a, b) -> None:
    # One-to-one groups keep their pair score as their similarity (no recomputation).
    aligner = Aligner(a, b)
    aligner.run()
    for (group_a, group_b), kept in aligner._similarities.items():
        assert kept == aligner.similarity(group_a, group_b)
