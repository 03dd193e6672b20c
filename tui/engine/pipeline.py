"""Top level of the engine: align paragraphs, diff words, classify, count."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui.engine.model import Article, DiffResult, Row, Span

ProgressCallback = Callable[[float], None]


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """Options of one diff; recorded in snapshots."""

    detect_moves: bool = True


def diff_articles(
    a: Article,
    b: Article,
    options: DiffOptions | None = None,
    progress: ProgressCallback | None = None,
) -> DiffResult:
    """Diff two articles. TEMPORARY positional stub until the aligner lands."""
    rows = []
    n = max(len(a.paragraphs), len(b.paragraphs))
    for i in range(n):
        pa = a.paragraphs[i] if i < len(a.paragraphs) else None
        pb = b.paragraphs[i] if i < len(b.paragraphs) else None
        if pa is not None and pb is not None:
            if pa == pb:
                rows.append(Row("equal", (i,), (i,), 1.0, (Span("equal", pa, pb),)))
            else:
                rows.append(Row("changed", (i,), (i,), 0.5, (Span("paraphrase", pa, pb),)))
        elif pa is not None:
            rows.append(Row("deleted", (i,), (), 0.0, (Span("delete", pa, ""),)))
        else:
            rows.append(Row("inserted", (), (i,), 0.0, (Span("insert", "", pb or ""),)))
    return DiffResult(a=a, b=b, rows=tuple(rows), stats={"similarity": 0.5})


def diff_texts(a_text: str, b_text: str, a_path: str = "a", b_path: str = "b") -> DiffResult:
    """Convenience: diff two already-decoded texts."""
    from tui.engine.loading import split_paragraphs

    return diff_articles(
        Article(a_path, "utf-8", split_paragraphs(a_text)),
        Article(b_path, "utf-8", split_paragraphs(b_text)),
    )
