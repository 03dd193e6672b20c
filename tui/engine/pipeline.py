"""Top level of the engine: align paragraphs, diff words, classify, count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.engine.align import Group, align_paragraphs
from tui.engine.facts import one_sided_flags
from tui.engine.loading import split_paragraphs
from tui.engine.model import (
    FLAGS,
    ROW_COUNTS,
    SAME_OPS,
    SPAN_OPS,
    Article,
    DiffResult,
    Row,
    SideStats,
    Span,
    Stats,
    comes_first,
    reading_order,
)
from tui.engine.tokens import count_words
from tui.engine.worddiff import ROW_DEADLINE_SECONDS, word_diff

ProgressCallback = Callable[[float], None]
PARAGRAPH_JOINER = "\n\n"


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """Options of one diff; recorded in snapshots.

    ``word_deadline`` bounds the word diff of one row in seconds (0: none); a row
    that reaches it is still diffed correctly but coarsely, and the result says so
    in its warnings.
    """

    detect_moves: bool = True
    word_deadline: float = ROW_DEADLINE_SECONDS


def order_rows(groups: Sequence[Group], n_a: int, n_b: int) -> list[Group]:
    """All rows in reading order (:func:`~tui.engine.model.reading_order`): the groups,
    plus one deleted or inserted row for each paragraph that is in none."""
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    deleted = [Group((i,), ()) for i in range(n_a) if i not in used_a]
    inserted = [Group((), (j,)) for j in range(n_b) if j not in used_b]
    return reading_order([*groups, *deleted, *inserted])


def align_symmetric(a: Article, b: Article, progress: ProgressCallback | None) -> list[Group]:
    """The paragraph groups of ``a`` and ``b``, aligned in the canonical order of the
    two articles (:func:`~tui.engine.model.comes_first`) so that the groups of B
    against A mirror those of A against B."""
    if comes_first(a.paragraphs, b.paragraphs):
        return align_paragraphs(a.paragraphs, b.paragraphs, progress)
    groups = align_paragraphs(b.paragraphs, a.paragraphs, progress)
    return [Group(g.b, g.a, g.moved) for g in groups]


def span_words(span: Span) -> tuple[int, int]:
    """Words of a span on the A and the B side."""
    words_a = count_words(span.a)
    return words_a, words_a if span.b == span.a else count_words(span.b)


def _row_similarity(spans: Sequence[Span]) -> float:
    same = total = 0
    for span in spans:
        words = sum(span_words(span))
        total += words
        if span.op in SAME_OPS:
            same += words
    if total == 0:
        return 1.0 if all(s.op in SAME_OPS for s in spans) else 0.0
    return same / total


def _build_row(group: Group, a: Article, b: Article, deadline: float) -> tuple[Row, bool]:
    text_a = PARAGRAPH_JOINER.join(a.paragraphs[i] for i in group.a)
    text_b = PARAGRAPH_JOINER.join(b.paragraphs[j] for j in group.b)
    timed_out = False
    if not group.b:
        spans: tuple[Span, ...] = (Span("delete", text_a, "", one_sided_flags(text_a)),)
        kind = "deleted"
    elif not group.a:
        spans = (Span("insert", "", text_b, one_sided_flags(text_b)),)
        kind = "inserted"
    else:
        diff = word_diff(text_a, text_b, deadline)
        spans, timed_out = diff.spans, diff.timed_out
        if group.moved:
            kind = "moved"
        elif text_a == text_b:
            kind = "equal"
        else:
            kind = "changed"
    similarity = 0.0 if kind in ("inserted", "deleted") else _row_similarity(spans)
    return Row(kind, group.a, group.b, round(similarity, 4), spans), timed_out


def compute_stats(a: Article, b: Article, rows: Sequence[Row]) -> Stats:
    """The figures of the diff of ``a`` and ``b`` whose rows are ``rows``."""
    row_counts = dict.fromkeys(ROW_COUNTS, 0)
    words_a = dict.fromkeys(SPAN_OPS, 0)
    words_b = dict.fromkeys(SPAN_OPS, 0)
    facts = dict.fromkeys(FLAGS, 0)
    for row in rows:
        row_counts[row.kind] += 1
        if row.is_split:
            row_counts["split"] += 1
        if row.is_merge:
            row_counts["merged"] += 1
        for span in row.spans:
            wa, wb = span_words(span)
            words_a[span.op] += wa
            words_b[span.op] += wb
            if span.op != "equal":
                for flag in span.flags:
                    facts[flag] += 1
    total_a, total_b = sum(words_a.values()), sum(words_b.values())
    same = sum(words_a[op] + words_b[op] for op in SAME_OPS)
    similarity = same / (total_a + total_b) if total_a + total_b else 1.0
    return Stats(
        a=SideStats(len(a.paragraphs), total_a, words_a),
        b=SideStats(len(b.paragraphs), total_b, words_b),
        rows=row_counts,
        facts=facts,
        similarity=round(similarity, 4),
    )


def diff_articles(
    a: Article,
    b: Article,
    options: DiffOptions | None = None,
    progress: ProgressCallback | None = None,
) -> DiffResult:
    """Align ``a`` and ``b`` by paragraph, diff each aligned row by word, count.

    ``progress`` (if given) is called with a fraction in [0, 1] as work proceeds.
    """
    options = options or DiffOptions()
    groups = align_symmetric(a, b, progress)
    if not options.detect_moves:
        groups = [g for g in groups if not g.moved]
    ordered = order_rows(groups, len(a.paragraphs), len(b.paragraphs))
    rows: list[Row] = []
    slow_rows: list[int] = []
    for k, group in enumerate(ordered):
        row, timed_out = _build_row(group, a, b, options.word_deadline)
        rows.append(row)
        if timed_out:
            slow_rows.append(k)
        if progress is not None and k % 256 == 0:
            progress(0.6 + 0.4 * k / max(1, len(ordered)))
    warnings = tuple(
        f"row {k} (A {list(rows[k].a)}, B {list(rows[k].b)}): the word diff reached its "
        f"{options.word_deadline:g} s deadline; its spans are correct but coarser than usual"
        for k in slow_rows
    )
    if progress is not None:
        progress(1.0)
    return DiffResult(a, b, tuple(rows), compute_stats(a, b, rows), warnings)


def diff_texts(a_text: str, b_text: str, a_path: str = "a", b_path: str = "b") -> DiffResult:
    """Diff two already-decoded texts (paragraphs split by the normative rule)."""
    return diff_articles(
        Article(a_path, "utf-8", split_paragraphs(a_text)),
        Article(b_path, "utf-8", split_paragraphs(b_text)),
    )
