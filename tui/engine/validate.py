"""Checking that a :class:`~tui.engine.model.DiffResult` read from outside (a saved
snapshot, a JSON file) is one the engine could have made, before any view uses it.

:func:`~tui.engine.contract.result_from_dict` checks types; :func:`result_problem` checks
what the views rely on: every paragraph in exactly one row, rows whose kind matches their
sides, spans that rebuild the paragraphs, finite figures within the texts' sizes,
paragraph offsets and furniture flags that fit the paragraphs. Pure.
"""

from __future__ import annotations

import math

from tui.engine.model import FACT_KINDS, FACT_STATUSES, FLAGS, ROW_KINDS, Article, DiffResult, Row

#: How a row's paragraphs are joined when its spans rebuild them.
JOINER = "\n\n"


def _fraction_problem(value: float, where: str) -> str | None:
    if not isinstance(value, int | float) or not math.isfinite(value) or not 0 <= value <= 1:
        return f"{where}: {value!r} is not a number in [0, 1]"
    return None


def _row_problem(row: Row, n: int, result: DiffResult) -> str | None:
    where = f"rows[{n}]"
    if row.kind not in ROW_KINDS:
        return f"{where}: unknown kind {row.kind!r}"
    if not row.a and not row.b:
        return f"{where}: a row without paragraphs"
    if (row.kind == "inserted") != (not row.a) or (row.kind == "deleted") != (not row.b):
        return f"{where}: a {row.kind} row with paragraphs a={list(row.a)} b={list(row.b)}"
    for side, indices, paragraphs in (
        ("a", row.a, result.a.paragraphs),
        ("b", row.b, result.b.paragraphs),
    ):
        if list(indices) != sorted(set(indices)):
            return f"{where}.{side}: paragraph indices not strictly ascending"
        if any(not 0 <= i < len(paragraphs) for i in indices):
            return f"{where}.{side}: paragraph index out of range"
        text = JOINER.join(paragraphs[i] for i in indices)
        if "".join(getattr(s, side) for s in row.spans) != text:
            return f"{where}.spans: the {side.upper()} texts do not rebuild the paragraphs"
    problem = _fraction_problem(row.similarity, f"{where}.similarity")
    if problem:
        return problem
    for m, span in enumerate(row.spans):
        swhere = f"{where}.spans[{m}]"
        if span.op == "insert" and span.a:
            return f"{swhere}: an insert with A text"
        if span.op == "delete" and span.b:
            return f"{swhere}: a delete with B text"
        if span.op == "equal" and span.a.split() != span.b.split():  # whitespace may differ
            return f"{swhere}: an equal span whose texts differ"
        if any(f not in FLAGS for f in span.flags):
            return f"{swhere}: unknown flag"
    flags = (result.a.furniture, row.a), (result.b.furniture, row.b)
    known = all(furniture for furniture, _ in flags)
    if known and row.furniture != all(furniture[i] for furniture, side in flags for i in side):
        return f"{where}.furniture: does not match the paragraphs' furniture flags"
    return None


def _article_problem(article: Article, where: str) -> str | None:
    """Offsets that cannot be the paragraphs' places in one text, or flags that do not
    count one per paragraph. A paragraph's source slice is never shorter than the
    paragraph (joining a wrap keeps a space or drops the break), and the slices follow
    each other without overlapping."""
    count = len(article.paragraphs)
    if article.furniture and len(article.furniture) != count:
        return f"{where}.furniture: {len(article.furniture)} flags for {count} paragraphs"
    if article.offsets and len(article.offsets) != count:
        return f"{where}.offsets: {len(article.offsets)} offsets for {count} paragraphs"
    previous_end = 0
    for i, ((start, end), paragraph) in enumerate(
        zip(article.offsets, article.paragraphs, strict=False)
    ):
        if not previous_end <= start <= end or end - start < len(paragraph):
            return f"{where}.offsets[{i}]: [{start}, {end}] is not the place of the paragraph"
        previous_end = end
    return None


def _coverage_problem(result: DiffResult) -> str | None:
    for side in ("a", "b"):
        count = len(getattr(result, side).paragraphs)
        seen = [0] * count
        for row in result.rows:
            for i in getattr(row, side):
                if 0 <= i < count:
                    seen[i] += 1
        for i, times in enumerate(seen):
            if times != 1:
                how = "in no row" if times == 0 else f"in {times} rows"
                return f"paragraph {side.upper()}{i + 1} is {how}, not in exactly one"
    return None


def _stats_problem(result: DiffResult) -> str | None:
    stats = result.stats
    problem = _fraction_problem(stats.similarity, "stats.similarity")
    if problem:
        return problem
    if stats.similarity_body is not None:
        problem = _fraction_problem(stats.similarity_body, "stats.similarity_body")
        if problem:
            return problem
    for side_name, side, article in (("a", stats.a, result.a), ("b", stats.b, result.b)):
        where = f"stats.{side_name}"
        if side.paragraphs != len(article.paragraphs):
            return f"{where}.paragraphs: {side.paragraphs} for {len(article.paragraphs)}"
        if side.furniture != sum(article.furniture):
            return f"stats.furniture.{side_name}: {side.furniture} for the paragraphs' flags"
        characters = sum(len(p) for p in article.paragraphs)
        if not 0 <= side.words <= characters:
            return f"{where}.words: {side.words} for {characters} characters"
        for op, count in side.words_by_op.items():
            if not 0 <= count <= side.words:
                return f"stats.words.{side_name}.{op}: {count} of {side.words} words"
        if sum(side.words_by_op.values()) != side.words:
            return f"stats.words.{side_name}: the counts do not add up to {side.words} words"
    counted = {kind: 0 for kind in ROW_KINDS} | {"split": 0, "merged": 0}
    facts = dict.fromkeys(FLAGS, 0)
    for row in result.rows:
        counted[row.kind] += 1
        counted["split"] += row.is_split
        counted["merged"] += row.is_merge
        for span in row.spans:
            if span.op != "equal":
                for flag in span.flags:
                    facts[flag] += 1
    for key, count in stats.rows.items():
        if count != counted.get(key):
            return f"stats.rows.{key}: {count}, but the rows hold {counted.get(key)}"
    for key, count in stats.facts.items():
        if count != facts.get(key):
            return f"stats.facts.{key}: {count}, but the spans hold {facts.get(key)}"
    return None


def _facts_problem(result: DiffResult) -> str | None:
    """A ledger entry that names no row, places a fact outside its row's paragraphs, or
    comes before the entries of an earlier row."""
    last_row = 0
    for n, fact in enumerate(result.facts):
        where = f"facts[{n}]"
        if not 0 <= fact.row < len(result.rows):
            return f"{where}: no row {fact.row}"
        if fact.row < last_row:
            return f"{where}: not in row order"
        last_row = fact.row
        if fact.kind not in FACT_KINDS or fact.status not in FACT_STATUSES:
            return f"{where}: unknown kind or status"
        if fact.a is None and fact.b is None:
            return f"{where}: a fact placed on neither side"
        row = result.rows[fact.row]
        for side, place, indices, paragraphs in (
            ("a", fact.a, row.a, result.a.paragraphs),
            ("b", fact.b, row.b, result.b.paragraphs),
        ):
            if place is None:
                continue
            if place.paragraph not in indices:
                return f"{where}.{side}: paragraph {place.paragraph} is not in row {fact.row}"
            if not 0 <= place.start <= place.end <= len(paragraphs[place.paragraph]):
                return f"{where}.{side}: offsets outside the paragraph"
    return None


def result_problem(result: DiffResult) -> str | None:
    """The first reason ``result`` is not a diff the views can show, or ``None``.

    Checked: every row's kind matches its sides and its indices are ascending and in
    range; its spans rebuild its paragraphs (joined by a blank line); span texts match
    their ops; every paragraph of each side is in exactly one row (so no duplicate rows,
    and no empty row list for texts that are not empty); similarities are finite and in
    [0, 1]; offsets and furniture flags fit the paragraphs; the paragraph, row, furniture
    and fact counts are those of the rows, the word counts add
    up and are within the texts' sizes (words are not counted again: a snapshot keeps the
    figures of the engine that made it); every fact-ledger entry names a row and stands in
    that row's paragraphs, in row order. Linear in the size of the result.
    """
    problem = _article_problem(result.a, "a") or _article_problem(result.b, "b")
    if problem:
        return problem
    for n, row in enumerate(result.rows):
        problem = _row_problem(row, n, result)
        if problem:
            return problem
    return _coverage_problem(result) or _stats_problem(result) or _facts_problem(result)
