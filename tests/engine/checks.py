"""Checks shared by the engine tests: the contract's invariants and link scoring."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.engine import FLAGS, ROW_KINDS, SPAN_OPS, DiffResult, Row

JOINER = "\n\n"
_WORD_CHAR = re.compile(r"\w")

Link = tuple[int, int]


def links_of(result: DiffResult) -> set[Link]:
    """Predicted links per gold/README.md: every (i, j) of every row with both sides."""
    return {(i, j) for row in result.rows if row.a and row.b for i in row.a for j in row.b}


def prf(predicted: set[Link], truth: set[Link], ignore: Iterable[Link] = ()) -> tuple[float, ...]:
    """Precision, recall and F1 of ``predicted`` against ``truth``; ``ignore`` counts as neither."""
    ignored = set(ignore) - truth
    predicted = predicted - ignored
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def cuts_inside_words(row: Row) -> list[str]:
    """Span boundaries that fall between two word characters, on either side."""
    bad: list[str] = []
    for side in ("a", "b"):
        texts = [getattr(s, side) for s in row.spans]
        whole = "".join(texts)
        pos = 0
        for text in texts[:-1]:
            pos += len(text)
            if (
                0 < pos < len(whole)
                and _WORD_CHAR.match(whole[pos - 1])
                and _WORD_CHAR.match(whole[pos])
            ):
                bad.append(f"{side}: ...{whole[max(0, pos - 12) : pos]}|{whole[pos : pos + 12]}...")
    return bad


def invariant_errors(result: DiffResult) -> list[str]:
    """Every violation of the paradiff-diff invariants in ``result`` (empty when sound)."""
    errors: list[str] = []
    pa, pb = result.a.paragraphs, result.b.paragraphs
    seen_a: list[int] = []
    seen_b: list[int] = []
    last_a = last_b = -1
    for n, row in enumerate(result.rows):
        where = f"row {n} {row.kind} a={list(row.a)} b={list(row.b)}"
        if row.kind not in ROW_KINDS:
            errors.append(f"{where}: unknown kind")
        if list(row.a) != sorted(set(row.a)) or list(row.b) != sorted(set(row.b)):
            errors.append(f"{where}: indices not strictly ascending")
        if not row.a and not row.b:
            errors.append(f"{where}: empty row")
        if (row.kind == "inserted") != (not row.a) or (row.kind == "deleted") != (not row.b):
            errors.append(f"{where}: kind does not match its sides")
        seen_a.extend(row.a)
        seen_b.extend(row.b)
        if row.kind != "moved":
            if row.a:
                if row.a[0] <= last_a:
                    errors.append(f"{where}: A out of order (after {last_a})")
                last_a = row.a[-1]
            if row.b:
                if row.b[0] <= last_b:
                    errors.append(f"{where}: B out of order (after {last_b})")
                last_b = row.b[-1]
        if not 0.0 <= row.similarity <= 1.0:
            errors.append(f"{where}: similarity {row.similarity}")
        if any(i >= len(pa) for i in row.a) or any(j >= len(pb) for j in row.b):
            errors.append(f"{where}: index out of range")
            continue
        text_a = JOINER.join(pa[i] for i in row.a)
        text_b = JOINER.join(pb[j] for j in row.b)
        if "".join(s.a for s in row.spans) != text_a:
            errors.append(f"{where}: spans' a texts do not rebuild the A paragraphs")
        if "".join(s.b for s in row.spans) != text_b:
            errors.append(f"{where}: spans' b texts do not rebuild the B paragraphs")
        if row.kind == "equal" and text_a.split() != text_b.split():
            errors.append(f"{where}: equal row with different texts")
        if row.kind == "equal" and any(s.op != "equal" for s in row.spans):
            errors.append(f"{where}: equal row with a non-equal span")
        for m, span in enumerate(row.spans):
            swhere = f"{where} span {m} {span.op} {span.a!r}->{span.b!r}"
            if span.op not in SPAN_OPS:
                errors.append(f"{swhere}: unknown op")
            if not span.a and not span.b:
                errors.append(f"{swhere}: empty span")
            if span.op == "insert" and (span.a != "" or not span.b):
                errors.append(f"{swhere}: insert must have a == '' and some b")
            if span.op == "delete" and (span.b != "" or not span.a):
                errors.append(f"{swhere}: delete must have b == '' and some a")
            # Equal sides may differ in whitespace alone (not a change by default).
            if span.op == "equal" and (span.a.split() != span.b.split() or span.flags):
                errors.append(f"{swhere}: equal span differs or carries flags")
            if span.op != "equal" and span.a == span.b:
                errors.append(f"{swhere}: non-equal span with equal texts")
            if any(f not in FLAGS for f in span.flags) or len(set(span.flags)) != len(span.flags):
                errors.append(f"{swhere}: bad flags {span.flags}")
        errors.extend(f"{where}: cut inside a word {c}" for c in cuts_inside_words(row))
    if sorted(seen_a) != list(range(len(pa))):
        errors.append(f"A indices not each in exactly one row: {sorted(seen_a)[:40]}")
    if sorted(seen_b) != list(range(len(pb))):
        errors.append(f"B indices not each in exactly one row: {sorted(seen_b)[:40]}")
    stats = result.stats
    if stats.a.paragraphs != len(pa) or stats.b.paragraphs != len(pb):
        errors.append("stats: paragraph counts")
    for kind in ROW_KINDS:
        if stats.rows[kind] != sum(r.kind == kind for r in result.rows):
            errors.append(f"stats: rows[{kind}]")
    if stats.rows["split"] != sum(r.is_split for r in result.rows):
        errors.append("stats: rows[split]")
    if stats.rows["merged"] != sum(r.is_merge for r in result.rows):
        errors.append("stats: rows[merged]")
    for name, side in (("a", stats.a), ("b", stats.b)):
        if sum(side.words_by_op.values()) != side.words:
            errors.append(f"stats: words[{name}] do not add up to {name}.words")
    if stats.a.words_by_op["insert"] or stats.b.words_by_op["delete"]:
        errors.append("stats: inserted words on A or deleted words on B")
    for flag in FLAGS:
        carried = sum(flag in s.flags for r in result.rows for s in r.spans if s.op != "equal")
        if stats.facts[flag] != carried:
            errors.append(f"stats: facts[{flag}] is {stats.facts[flag]}, spans say {carried}")
    if not 0.0 <= stats.similarity <= 1.0:
        errors.append(f"stats: similarity {stats.similarity}")
    return errors
