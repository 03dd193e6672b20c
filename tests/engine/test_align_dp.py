"""The gap dynamic program's shortcuts are exact: pruning group shapes by their bound
gives the same tables, to the last bit and back-pointer, as scoring every shape at
every cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.align import CONTINUE_THRESHOLD, Aligner, _Gap, gap_threshold

WORDS = [f"w{k}" for k in range(9)]

paragraphs = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),
    min_size=1,
    max_size=6,
)


def aligner_with_vectors(a: list[str], b: list[str]) -> Aligner:
    """An aligner whose every unit has its term vector."""
    aligner = Aligner(a, b)
    aligner._exact_anchors()
    aligner._prepare_vectors(range(len(a)), range(len(b)))
    return aligner


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
    unpruned = aligner._fill(gap)
    assert pruned.free == unpruned.free
    assert pruned.matched == unpruned.matched
    assert pruned.back_free == unpruned.back_free
    assert pruned.back_matched == unpruned.back_matched


@settings(max_examples=300, deadline=None)
@given(paragraphs, paragraphs, st.booleans())
def test_a_group_shape_left_out_at_a_cell_is_one_the_group_score_refuses(
    a, b, continuation
) -> None:
    aligner = aligner_with_vectors(a, b)
    gap = whole_gap(aligner, continuation, after_anchor=False, before_anchor=False)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            offered = gap.shapes_at.get((i, j), [(1, 1)])
            assert offered[0] == (1, 1)
            for da, db in gap.shapes:
                if da <= i and db <= j and (da, db) not in offered:
                    assert aligner._group_score(gap, i, j, da, db) is None


@settings(max_examples=200, deadline=None)
@given(paragraphs, paragraphs)
def test_similarities_kept_from_the_dp_are_those_of_the_current_vectors(a, b) -> None:
    # One-to-one groups keep their pair score as their similarity (no recomputation).
    aligner = Aligner(a, b)
    aligner.run()
    for group, kept in aligner._similarities.items():
        assert kept == aligner.similarity(group.a, group.b)
