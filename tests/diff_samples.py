"""Hand-made :class:`DiffResult` values for the export, store and screen tests.

They do not depend on the aligner: rows and spans are written out, the articles are
rebuilt from the spans, and the figures are counted by the engine's own
:func:`~tui.engine.pipeline.compute_stats`.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.engine.model import SAME_OPS, Article, DiffResult, Row, Span
from tui.engine.pipeline import compute_stats

RowSpec = tuple[str, Sequence[int], Sequence[int], Sequence[Span]]


def _words(text: str) -> int:
    return len(text.split())


def build(
    specs: Sequence[RowSpec],
    a_path: str = "a.txt",
    b_path: str = "b.txt",
    warnings: Sequence[str] = (),
) -> DiffResult:
    """A consistent result from row specs ``(kind, a indices, b indices, spans)``."""
    para_a: dict[int, str] = {}
    para_b: dict[int, str] = {}
    rows: list[Row] = []
    for kind, a_idx, b_idx, spans in specs:
        text_a = "".join(s.a for s in spans)
        text_b = "".join(s.b for s in spans)
        parts_a = text_a.split("\n\n") if a_idx else []
        parts_b = text_b.split("\n\n") if b_idx else []
        assert len(parts_a) == len(a_idx), (kind, a_idx, parts_a)
        assert len(parts_b) == len(b_idx), (kind, b_idx, parts_b)
        para_a.update(zip(a_idx, parts_a, strict=True))
        para_b.update(zip(b_idx, parts_b, strict=True))
        same = sum(_words(s.a) + _words(s.b) for s in spans if s.op in SAME_OPS)
        total = sum(_words(s.a) + _words(s.b) for s in spans) or 1
        similarity = 0.0 if kind in ("inserted", "deleted") else round(same / total, 4)
        rows.append(Row(kind, tuple(a_idx), tuple(b_idx), similarity, tuple(spans)))  # type: ignore[arg-type]
    assert sorted(para_a) == list(range(len(para_a)))
    assert sorted(para_b) == list(range(len(para_b)))
    a = Article(a_path, "utf-8", tuple(para_a[i] for i in range(len(para_a))))
    b = Article(b_path, "utf-8", tuple(para_b[i] for i in range(len(para_b))))
    return DiffResult(a, b, tuple(rows), compute_stats(a, b, rows), tuple(warnings))


def eq(text: str) -> Span:
    """An equal span."""
    return Span("equal", text, text)


def sample() -> DiffResult:
    """Every kind of row and span: equal, changed (all classes, flags), inserted,
    deleted, moved and edited, split, merged."""
    return build(
        [
            ("equal", [0], [0], [eq("Putin in China for show of support")]),
            (
                "changed",
                [1],
                [1],
                [
                    eq("Officials "),
                    Span("paraphrase", "may be staying away from", "might be avoiding"),
                    eq(" the "),
                    Span("minor", "games'", "Games’"),
                    eq(" in "),
                    Span("changed", "2019", "2021", ("number", "date")),
                    eq(", said "),
                    Span("changed", "Putin", "Xi", ("name",)),
                    Span("insert", "", " in Moscow", ("name",)),
                    Span("delete", " today", "", ("date",)),
                    eq("."),
                ],
            ),
            ("deleted", [2], [], [Span("delete", "A paragraph that was dropped.", "")]),
            ("inserted", [], [2], [Span("insert", "", "A paragraph that was added.")]),
            (
                "changed",
                [3],
                [3, 4],
                [eq("First half."), Span("minor", " ", "\n\n"), eq("Second half.")],
            ),
            (
                "changed",
                [4, 5],
                [5],
                [eq("One."), Span("minor", "\n\n", " "), eq("Two.")],
            ),
            (
                "moved",
                [7],
                [6],
                [eq("This paragraph moved "), Span("insert", "", "and grew "), eq("up.")],
            ),
            ("equal", [6], [7], [eq("The end.")]),
            ("equal", [8], [8], [eq("Copyright.")]),
        ]
    )


HOSTILE = (
    "<script>alert(1)</script></td></tr><tr><td>x "
    "\x1b[31mred\x1b[0m \x07bell \x9b2J [bold]markup[/bold] [link=http://x]l[/link] "
    "{++fake++} {--fake--} {~~a~>b~~} {>>c<<} {==h==} back\\slash & &amp; ** _ ` # "
    "\u202eevil\u202c"
)


def hostile() -> DiffResult:
    """A result whose article text and paths try HTML, ANSI, Rich markup and CriticMarkup."""
    return build(
        [
            ("changed", [0], [0], [eq(HOSTILE), Span("minor", ".", "!")]),
            (
                "changed",
                [1],
                [1],
                [
                    eq("# heading? "),
                    Span("changed", "</td><script>x()</script>", "<img src=x onerror=y>"),
                    eq(" \x1b]8;;http://evil\x07link "),
                    Span("insert", "", "{++in++}\\"),
                    eq("\n- list?"),
                ],
            ),
            ("inserted", [], [2], [Span("insert", "", "</table><script>b()</script>")]),
            ("deleted", [2], [], [Span("delete", "<!-- comment --> </tbody>", "")]),
        ],
        a_path="<script>a</script>\x1b[2J.txt",
        b_path="[bold]b[/bold].txt",
    )
