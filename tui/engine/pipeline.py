"""Top level of the engine: align paragraphs, diff words, classify, count."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.engine.align import Group, align_paragraphs
from tui.engine.loading import split_paragraphs
from tui.engine.model import FLAGS, SAME_OPS, SPAN_OPS, Article, DiffResult, Row, Span
from tui.engine.tokens import count_words
from tui.engine.worddiff import ROW_DEADLINE_SECONDS, classify_one_sided, word_diff

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
    """All rows in reading order: in-order groups, with deletions at their A place,
    insertions and moved groups at their B place."""
    in_order = sorted((g for g in groups if not g.moved), key=lambda g: (g.a[0], g.b[0]))
    moved_at_b = sorted((g for g in groups if g.moved), key=lambda g: g.b[0])
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    rows: list[Group] = []
    next_a = next_b = 0
    moved_k = 0

    def flush(limit_a: int, limit_b: int) -> None:
        nonlocal next_a, next_b, moved_k
        while next_a < limit_a:
            if next_a not in used_a:
                rows.append(Group((next_a,), ()))
            next_a += 1
        while next_b < limit_b:
            if next_b not in used_b:
                rows.append(Group((), (next_b,)))
            elif moved_k < len(moved_at_b) and moved_at_b[moved_k].b[0] == next_b:
                rows.append(moved_at_b[moved_k])
                moved_k += 1
            next_b += 1

    for group in in_order:
        flush(group.a[0], group.b[0])
        rows.append(group)
        next_a = max(next_a, group.a[-1] + 1)
        next_b = max(next_b, group.b[-1] + 1)
    flush(n_a, n_b)
    return rows


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
        spans: tuple[Span, ...] = (Span("delete", text_a, "", classify_one_sided(text_a)),)
        kind = "deleted"
    elif not group.a:
        spans = (Span("insert", "", text_b, classify_one_sided(text_b)),)
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


def compute_stats(a: Article, b: Article, rows: Sequence[Row]) -> dict:
    """The figures of a diff (layout in docs/ENGINE_API.md)."""
    row_counts = dict.fromkeys(("equal", "changed", "inserted", "deleted", "moved"), 0)
    row_counts["split"] = row_counts["merged"] = 0
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
    return {
        "a": {"paragraphs": len(a.paragraphs), "words": total_a},
        "b": {"paragraphs": len(b.paragraphs), "words": total_b},
        "rows": row_counts,
        "words": {"a": words_a, "b": words_b},
        "facts": facts,
        "similarity": round(similarity, 4),
    }


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
    groups = align_paragraphs(a.paragraphs, b.paragraphs, progress)
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
