"""Fast forms of the aligner equal the plain ones they replace."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.engine.align import Aligner, Group
from tui.engine.units import Units, _Components, _filled, cut, project, sentences

paragraph_texts = st.sampled_from(
    ["One.", "Two words here. And a second sentence of some length follows it.", "x", ""]
)


@given(st.lists(st.tuples(paragraph_texts, st.booleans()), max_size=8))
def test_cut_copies_whole_paragraphs_and_cuts_the_chosen_ones(chosen) -> None:
    paragraphs = [text for text, _ in chosen]
    which = {k for k, (_, long) in enumerate(chosen) if long}
    texts: list[str] = []
    owner: list[int] = []
    for k, text in enumerate(paragraphs):  # the plain form: one paragraph at a time
        pieces = sentences(text) if k in which else [text]
        texts.extend(pieces)
        owner.extend([k] * len(pieces))
    units = cut(paragraphs, which)
    assert (units.texts, units.owner) == (texts, owner)


@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True),
    st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True),
    st.sets(st.integers(0, 3)),
    st.sets(st.integers(0, 3)),
)
def test_has_vectors_is_whether_every_unit_has_a_vector(a, b, with_a, with_b) -> None:
    aligner = Aligner(["p"] * 4, ["q"] * 4)
    aligner._vec_a = {i: ({}, 0.0) for i in with_a}
    aligner._vec_b = {j: ({}, 0.0) for j in with_b}
    group = Group(tuple(sorted(a)), tuple(sorted(b)))
    plain = all(i in with_a for i in group.a) and all(j in with_b for j in group.b)
    assert aligner._has_vectors(group) == plain


def plain_project(links, ua: Units, ub: Units) -> list:
    """project as it was: spans of lists, every side filled by a call."""
    cut_a, cut_b = ua.cut_paragraphs(), ub.cut_paragraphs()
    in_order = _Components()
    spans = []
    for unit_a, unit_b, moved in links:
        if moved:
            continue
        pa = [ua.owner[u] for u in unit_a]
        pb = [ub.owner[u] for u in unit_b]
        if cut_a.isdisjoint(pa) and cut_b.isdisjoint(pb):
            spans.append((pa, pb))
        else:
            in_order.join([("a", k) for k in pa] + [("b", k) for k in pb])
    spans = sorted([*spans, *in_order.groups()])
    merged: list = []
    end_a = end_b = -1
    for a, b in spans:
        if a[0] <= end_a or b[0] <= end_b:
            merged[-1] = (sorted({*merged[-1][0], *a}), sorted({*merged[-1][1], *b}))
        else:
            merged.append((a, b))
        end_a, end_b = merged[-1][0][-1], merged[-1][1][-1]
    result = [(_filled(a), _filled(b), False) for a, b in merged]
    used_a = {k for a, _, _ in result for k in a}
    used_b = {k for _, b, _ in result for k in b}
    moved_parts = _Components()
    for unit_a, unit_b, moved in links:
        if not moved:
            continue
        nodes = [("a", ua.owner[u]) for u in unit_a] + [("b", ub.owner[u]) for u in unit_b]
        if not any(k in (used_a if s == "a" else used_b) for s, k in nodes):
            moved_parts.join(nodes)
    for a, b in sorted(moved_parts.groups()):
        ga, gb = tuple(range(a[0], a[-1] + 1)), tuple(range(b[0], b[-1] + 1))
        if used_a.isdisjoint(ga) and used_b.isdisjoint(gb):
            used_a.update(ga)
            used_b.update(gb)
            result.append((ga, gb, True))
    return result


@st.composite
def units_and_links(draw: st.DrawFn) -> tuple[list, Units, Units]:
    sides = []
    for _ in "ab":
        pieces = draw(st.lists(st.integers(1, 3), min_size=1, max_size=6))
        owner = [k for k, n in enumerate(pieces) for _ in range(n)]
        sides.append(Units(["u"] * len(owner), owner))
    ua, ub = sides
    unit_runs = [
        st.lists(st.integers(0, len(side.owner) - 1), min_size=1, max_size=3, unique=True).map(
            lambda units: tuple(sorted(units))
        )
        for side in sides
    ]
    links = draw(st.lists(st.tuples(*unit_runs, st.booleans()), max_size=8))
    return links, ua, ub


@given(units_and_links())
def test_project_equals_the_plain_form(case) -> None:
    links, ua, ub = case
    assert project(links, ua, ub) == plain_project(links, ua, ub)
