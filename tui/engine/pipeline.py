"""Top level of the engine: align paragraphs, diff words, classify, count."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import NamedTuple

from tui.engine.align import Group, align_paragraphs
from tui.engine.facts import flags_for, has_homoglyph
from tui.engine.furniture import furniture_flags
from tui.engine.ledger import (
    RowEntry,
    document_known_names,
    entries_to_ledger,
    paragraph_facts,
)
from tui.engine.loading import article_from_text
from tui.engine.model import (
    FLAGS,
    ROW_COUNTS,
    SAME_OPS,
    SPAN_OPS,
    Article,
    DiffResult,
    Row,
    RowKind,
    SideStats,
    Span,
    Stats,
    comes_first,
    reading_order,
)
from tui.engine.paragraphs import ParagraphMode
from tui.engine.spanclass import Reworded
from tui.engine.synonyms import learned_pairs, resolved
from tui.engine.tokens import count_words
from tui.engine.worddiff import ROW_DEADLINE_SECONDS, KeyChars, word_diff

ProgressCallback = Callable[[float], None]
PARAGRAPH_JOINER = "\n\n"


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """Options of one diff; recorded in snapshots.

    ``word_deadline`` bounds the word diff of one row in seconds (0: none); a row
    that reaches it is still diffed correctly but coarsely, and the result says so
    in its warnings. ``paragraphs`` is the rule the readers split texts by (applied
    when text becomes an :class:`Article`, e.g. by ``load_article``); ``whitespace``
    makes a difference in whitespace alone a change.
    """

    detect_moves: bool = True
    word_deadline: float = ROW_DEADLINE_SECONDS
    paragraphs: ParagraphMode = "auto"
    whitespace: bool = False


def order_rows(groups: Sequence[Group], n_a: int, n_b: int) -> list[Group]:
    """All rows in reading order (:func:`~tui.engine.model.reading_order`): the groups,
    plus one deleted or inserted row for each paragraph that is in none."""
    used_a = {i for g in groups for i in g.a}
    used_b = {j for g in groups for j in g.b}
    deleted = [Group((i,), ()) for i in range(n_a) if i not in used_a]
    inserted = [Group((), (j,)) for j in range(n_b) if j not in used_b]
    return reading_order([*groups, *deleted, *inserted])


def align_symmetric(a: Article, b: Article, progress: ProgressCallback | None) -> list[Group]:
    """The paragraph groups of ``a`` and ``b``, aligned in one fixed order of the two
    articles so that the groups of B against A mirror those of A against B.

    The article with more paragraphs is aligned as the aligner's A side (ties broken by
    :func:`~tui.engine.model.comes_first`): its extension and sentence passes start from
    the A side, and a longer side gives them more to start from."""
    if comes_first(b.paragraphs, a.paragraphs):
        return align_paragraphs(a.paragraphs, b.paragraphs, progress)
    groups = align_paragraphs(b.paragraphs, a.paragraphs, progress)
    return [Group(g.b, g.a, g.moved) for g in groups]


def span_words(span: Span) -> tuple[int, int]:
    """Words of a span on the A and the B side."""
    words_a = count_words(span.a)
    return words_a, words_a if span.b == span.a else count_words(span.b)


class RowFigures(NamedTuple):
    """Words of one row per span op on each side (the ops its spans have), counted once
    when the row is made, with their sums: ``total``, both sides, and ``same``, the
    words equal or minor, both sides. (A named tuple: one is made per row, at half the
    cost of a frozen dataclass.)"""

    words_a: Mapping[str, int]
    words_b: Mapping[str, int]
    total: int
    same: int

    @classmethod
    def of(cls, spans: Iterable[Span]) -> RowFigures:
        """Count the words of a row's spans."""
        words_a: dict[str, int] = {}
        words_b: dict[str, int] = {}
        for span in spans:
            op, a, b = span.op, span.a, span.b
            # Empty sides (inserts, deletes) and equal texts are not counted twice.
            wa = count_words(a) if a else 0
            words_a[op] = words_a.get(op, 0) + wa
            words_b[op] = words_b.get(op, 0) + (wa if b == a else count_words(b) if b else 0)
        return cls.of_counts(words_a, words_b)

    @classmethod
    def of_counts(cls, words_a: Mapping[str, int], words_b: Mapping[str, int]) -> RowFigures:
        """The figures of a row whose words per op are ``words_a`` and ``words_b``."""
        same = sum([words_a.get(op, 0) + words_b.get(op, 0) for op in SAME_OPS])
        return cls(words_a, words_b, sum(words_a.values()) + sum(words_b.values()), same)

    @classmethod
    def equal(cls, words: int) -> RowFigures:
        """The figures of a row of one equal span of ``words`` words a side (:meth:`of`'s)."""
        counts = {"equal": words}
        return cls(counts, counts, 2 * words, 2 * words)


def _row_similarity(kind: str, spans: Sequence[Span], figures: RowFigures) -> float:
    """Share of the row's words, both sides, that are equal or minor (inserted and
    deleted rows: 0; rows without words: 1 when nothing changed)."""
    if kind in ("inserted", "deleted"):
        return 0.0
    total = figures.total
    if total == 0:
        return 1.0 if all(s.op in SAME_OPS for s in spans) else 0.0
    return figures.same / total


class RowFacts(NamedTuple):
    """What a row adds to the document-wide work: its fact-ledger entries (row-text
    offsets) and its ``reworded`` spans (re-classed if learned pairs vouch for them)."""

    entries: tuple[RowEntry, ...] = ()
    reworded: tuple[Reworded, ...] = ()


_NO_FACTS = RowFacts()

#: A built row: the row, its words, whether its word diff hit the deadline, its facts.
Built = tuple[Row, RowFigures, bool, RowFacts]


def _one_sided(text: str, side: str, known: frozenset[str]) -> tuple[Span, RowFacts]:
    """The one span of a wholly deleted (``side`` "a") or inserted ("b") row, flagged with
    the kinds of facts it holds, and its one ledger entry."""
    entry, kinds = paragraph_facts(text, side, known)
    flags = flags_for(kinds, has_homoglyph(text))
    span = Span("delete", text, "", flags) if side == "a" else Span("insert", "", text, flags)
    return span, RowFacts((entry,))


def _build_row(
    group: Group,
    a: Article,
    b: Article,
    options: DiffOptions,
    known: frozenset[str],
    key_chars: KeyChars | None = None,
) -> Built:
    """The row of ``group`` (word-diffed, classified), its words, whether its word diff
    hit the deadline, and its facts (``known``: the documents' name evidence;
    ``key_chars``: the token table of the diff)."""
    text_a = _joined(a.paragraphs, group.a)
    text_b = _joined(b.paragraphs, group.b)
    timed_out = False
    kind: RowKind
    if not group.b:
        span, facts = _one_sided(text_a, "a", known)
        spans: tuple[Span, ...] = (span,)
        kind = "deleted"
    elif not group.a:
        span, facts = _one_sided(text_b, "b", known)
        spans = (span,)
        kind = "inserted"
    elif text_a == text_b:  # most rows of a revision: nothing to diff, no facts, all same
        spans = (Span("equal", text_a, text_b),) if text_a else ()
        furniture = _all_furniture(group, a, b)
        row = Row("moved" if group.moved else "equal", group.a, group.b, 1.0, spans, furniture)
        return row, RowFigures.equal(count_words(text_a)), False, _NO_FACTS
    else:
        diff = word_diff(
            text_a, text_b, options.word_deadline, options.whitespace, known, key_chars
        )
        spans, timed_out = diff.spans, diff.timed_out
        facts = RowFacts(diff.entries, diff.reworded)
        if group.moved:
            kind = "moved"
        elif (
            not options.whitespace
            and len(group.a) == len(group.b)
            and all(span.op == "equal" for span in spans)
        ):
            kind = "equal"
        else:
            kind = "changed"
    figures = RowFigures.of(spans)
    similarity = round(_row_similarity(kind, spans, figures), 4)
    row = Row(kind, group.a, group.b, similarity, spans, _all_furniture(group, a, b))
    return row, figures, timed_out, facts


def _joined(paragraphs: tuple[str, ...], indices: tuple[int, ...]) -> str:
    """The paragraphs of ``indices`` joined (most rows have one a side: that paragraph
    itself, by identity, as a join of one gives it)."""
    if len(indices) == 1:
        return paragraphs[indices[0]]
    return PARAGRAPH_JOINER.join(map(paragraphs.__getitem__, indices))


def _all_furniture(group: Group, a: Article, b: Article) -> bool:
    """True when every paragraph of ``group``, both sides, is page furniture."""
    return all(map(a.furniture.__getitem__, group.a)) and all(map(b.furniture.__getitem__, group.b))


def _sum_stats(a: Article, b: Article, rows: Sequence[Row], figures: Sequence[RowFigures]) -> Stats:
    row_counts = dict.fromkeys(ROW_COUNTS, 0)
    words_a = dict.fromkeys(SPAN_OPS, 0)
    words_b = dict.fromkeys(SPAN_OPS, 0)
    facts = dict.fromkeys(FLAGS, 0)
    body_same = body_total = 0  # the similarity without the rows of page furniture
    for row, figure in zip(rows, figures, strict=True):
        row_counts[row.kind] += 1
        if len(row.a) + len(row.b) > 2:  # splits and merges have three paragraphs or more
            row_counts["split"] += row.is_split
            row_counts["merged"] += row.is_merge
        for op, n in figure.words_a.items():
            words_a[op] += n
        for op, n in figure.words_b.items():
            words_b[op] += n
        for span in row.spans:
            if span.op != "equal":
                for flag in span.flags:
                    facts[flag] += 1
        if not row.furniture:
            body_total += figure.total
            body_same += figure.same
    total_a, total_b = sum(words_a.values()), sum(words_b.values())
    same = sum(words_a[op] + words_b[op] for op in SAME_OPS)
    similarity = same / (total_a + total_b) if total_a + total_b else 1.0
    body = body_same / body_total if body_total else 1.0
    return Stats(
        a=SideStats(len(a.paragraphs), total_a, words_a, sum(a.furniture)),
        b=SideStats(len(b.paragraphs), total_b, words_b, sum(b.furniture)),
        rows=row_counts,
        facts=facts,
        similarity=round(similarity, 4),
        similarity_body=round(body, 4),
    )


def compute_stats(a: Article, b: Article, rows: Sequence[Row]) -> Stats:
    """The figures of the diff of ``a`` and ``b`` whose rows are ``rows``."""
    return _sum_stats(a, b, rows, [RowFigures.of(row.spans) for row in rows])


@dataclass(frozen=True, slots=True)
class Alignment:
    """The paragraph alignment of two articles: each row's paragraph group, in reading
    order, before any word diff (cheap: what a view needs to lay out the rows)."""

    a: Article
    b: Article
    groups: tuple[Group, ...]
    options: DiffOptions
    #: Name evidence of both whole articles (:func:`~tui.engine.ledger.known_name_words`).
    known: frozenset[str] = frozenset()


def align_articles(
    a: Article,
    b: Article,
    options: DiffOptions | None = None,
    progress: ProgressCallback | None = None,
) -> Alignment:
    """Align ``a`` and ``b`` by paragraph; ``progress`` goes from 0 to 0.6."""
    options = options or DiffOptions()
    a, b = with_furniture(a), with_furniture(b)
    groups = align_groups(a, b, options, progress)
    with collector_paused():
        known = document_known_names(a.paragraphs, b.paragraphs)
    return Alignment(a, b, groups, options, known)


def align_groups(
    a: Article, b: Article, options: DiffOptions, progress: ProgressCallback | None = None
) -> tuple[Group, ...]:
    """The groups of :func:`align_articles`, in reading order: they depend on the
    paragraphs alone (not on the page-furniture flags nor the name evidence)."""
    with collector_paused():
        groups = align_symmetric(a, b, progress)
        if not options.detect_moves:
            groups = [g for g in groups if not g.moved]
        return tuple(order_rows(groups, len(a.paragraphs), len(b.paragraphs)))


class LazyDiff:
    """A diff whose rows are word-diffed on demand: :meth:`row` diffs one row at once,
    :meth:`ensure` a few (those on screen), :meth:`complete` the rest and returns the
    :class:`DiffResult`, equal to :func:`diff_articles`'s. What needs every row is
    settled by :meth:`complete`: the fact ledger, and the ``reworded`` spans that word
    pairs learned from the whole documents re-class ``paraphrase`` (a row asked for
    before is provisional in that one respect).

    Each row is computed once and is the same whatever the order of requests (two
    threads asking for the same row at the same moment may both compute it: the results
    are equal). To stop early (the user cancelled), drive the rows with :meth:`row` and
    stop asking; :meth:`complete` finishes whatever is left.
    """

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self._done: list[Built | None] = [None] * len(alignment.groups)
        self._key_chars = KeyChars()

    def __len__(self) -> int:
        return len(self._done)

    def is_ready(self, index: int) -> bool:
        """True when row ``index`` has been word-diffed."""
        return self._done[index] is not None

    @property
    def pending(self) -> int:
        """Rows not word-diffed yet."""
        return sum(built is None for built in self._done)

    def row(self, index: int) -> Row:
        """Row ``index``, word-diffed now if it was not yet."""
        return self._built(index)[0]

    def ensure(self, indices: Iterable[int]) -> None:
        """Word-diff the rows of ``indices`` (for example the rows on screen) now."""
        with collector_paused():
            for index in indices:
                self._built(index)

    def complete(self, progress: ProgressCallback | None = None) -> DiffResult:
        """Word-diff every remaining row and return the whole result.

        ``progress`` goes from 0.6 to 1 (alignment before it: :func:`align_articles`).
        """
        alignment = self.alignment
        a, b, options, known = alignment.a, alignment.b, alignment.options, alignment.known
        done, total = self._done, len(self._done)
        with collector_paused():
            for k, group in enumerate(alignment.groups):
                if done[k] is None:  # what _built does, without its lookups per row
                    done[k] = _build_row(group, a, b, options, known, self._key_chars)
                if progress is not None and k % 256 == 0:
                    progress(0.6 + 0.4 * k / max(1, total))
            built = _settle_learned(list(done))  # type: ignore[arg-type]  # all built now
            self._done = list(built)
            rows = list(map(itemgetter(0), built))
            stats = _sum_stats(alignment.a, alignment.b, rows, list(map(itemgetter(1), built)))
            facts = tuple(
                fact
                for k, (row, _, _, row_facts) in enumerate(built)
                if row_facts.entries and not row.furniture
                for fact in entries_to_ledger(
                    k, row, row_facts.entries, alignment.a.paragraphs, alignment.b.paragraphs
                )
            )
        deadline = alignment.options.word_deadline
        warnings = tuple(
            f"row {k} (A {list(row.a)}, B {list(row.b)}): the word diff reached its "
            f"{deadline:g} s deadline; its spans are correct but coarser than usual"
            for k, (row, _, timed_out, _) in enumerate(built)
            if timed_out
        )
        if progress is not None:
            progress(1.0)
        return DiffResult(alignment.a, alignment.b, tuple(rows), stats, warnings, facts)

    def _built(self, index: int) -> Built:
        built = self._done[index]
        if built is None:
            a, b, options = self.alignment.a, self.alignment.b, self.alignment.options
            group, known = self.alignment.groups[index], self.alignment.known
            built = _build_row(group, a, b, options, known, self._key_chars)
            self._done[index] = built
        return built


def _settle_learned(built: list[Built]) -> list[Built]:
    """The rows with the ``reworded`` spans that word pairs learned from the whole
    documents vouch for re-classed ``paraphrase`` (:mod:`tui.engine.synonyms`)."""
    reworded_rows = [k for k, one in enumerate(built) if one[3].reworded]  # most have none
    learned = learned_pairs(
        [r.pair for r in built[k][3].reworded if r.pair is not None] for k in reworded_rows
    )
    if not learned:
        return built
    out = list(built)
    for k in reworded_rows:
        row, figures, timed_out, row_facts = built[k]
        vouched = [resolved(r.rest_a, r.rest_b, learned) for r in row_facts.reworded]
        if not any(vouched):
            continue
        spans, left = [], iter(vouched)
        words_a, words_b = dict(figures.words_a), dict(figures.words_b)
        for span in row.spans:
            if span.op == "reworded" and next(left):
                span = Span("paraphrase", span.a, span.b, span.flags)
                wa, wb = span_words(span)
                words_a["reworded"] -= wa
                words_a["paraphrase"] = words_a.get("paraphrase", 0) + wa
                words_b["reworded"] -= wb
                words_b["paraphrase"] = words_b.get("paraphrase", 0) + wb
            spans.append(span)
        # Words moved from one op to another, neither of them "same": the sums hold.
        figures = RowFigures(words_a, words_b, figures.total, figures.same)
        kept = tuple(r for r, v in zip(row_facts.reworded, vouched, strict=True) if not v)
        row = Row(row.kind, row.a, row.b, row.similarity, tuple(spans), row.furniture)
        out[k] = (row, figures, timed_out, RowFacts(row_facts.entries, kept))
    return out


def diff_articles(
    a: Article,
    b: Article,
    options: DiffOptions | None = None,
    progress: ProgressCallback | None = None,
) -> DiffResult:
    """Align ``a`` and ``b`` by paragraph, diff each aligned row by word, count.

    ``progress`` (if given) is called with a fraction in [0, 1] as work proceeds.
    """
    return LazyDiff(align_articles(a, b, options, progress)).complete(progress)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the cyclic garbage collector off while many acyclic objects are made (the
    engine's result, its JSON form): its walks over them cost a fifth of a large diff
    and most of the serialisation of one."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def with_furniture(article: Article) -> Article:
    """``article`` with its page-furniture flags, computed when it has none."""
    if len(article.furniture) == len(article.paragraphs):
        return article
    return replace(article, furniture=furniture_flags(article.paragraphs))


def diff_texts(
    a_text: str,
    b_text: str,
    a_path: str = "a",
    b_path: str = "b",
    options: DiffOptions | None = None,
) -> DiffResult:
    """Diff two already-decoded texts (paragraphs split by ``options.paragraphs``)."""
    mode = (options or DiffOptions()).paragraphs
    return diff_articles(
        article_from_text(a_text, a_path, mode=mode),
        article_from_text(b_text, b_path, mode=mode),
        options,
    )
