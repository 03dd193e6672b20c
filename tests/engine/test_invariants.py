"""Property tests: the paradiff-diff invariants hold on random and adversarial texts."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.engine.checks import cuts_inside_words, invariant_errors
from tests.engine.strategies import ENGINE_SETTINGS, any_pair, document
from tui.engine import (
    DiffOptions,
    DiffResult,
    Row,
    Span,
    diff_texts,
    result_from_dict,
    result_to_dict,
    split_paragraphs,
)
from tui.export.json_export import render_json

ADVERSARIAL: list[tuple[str, str]] = [
    ("", ""),
    ("", "only B"),
    ("only A", ""),
    (" \n\u00a0\n\t", "\u3000"),
    ("a\n\nb\n\nc", "c\n\nb\n\na"),
    ("same\n\nsame\n\nsame", "same\n\nsame"),
    ("x " * 300, "x " * 299 + "y"),
    ("Putin\n\nPutin", "Putin"),
    ("\x1b[2J[bold]x[/bold]\n\n\x00\x07\x7f", "\x1b[2J[bold]y[/bold]\n\n\x00\x07\x7f"),
    ("He said “no”.", 'He said "no".'),
    ("a\u0301b c", "ab c"),
    ("word" * 500, "word" * 499 + "wort"),
    ("The 15 officials", "The 16 officers"),
    ("First sentence. Second one here.", "Second one here. First sentence."),
    ("\ud7ff\ue000\U0010ffff", "\U0010fffe"),
]


def check(result: DiffResult) -> None:
    """Assert the invariants with a readable failure."""
    errors = invariant_errors(result)
    assert not errors, "\n".join(errors[:20])


@ENGINE_SETTINGS
@given(any_pair)
@example(("the the the the the the the the officials e", "officials the"))
def test_invariants_hold(pair: tuple[str, str]) -> None:
    a, b = pair
    result = diff_texts(a, b)
    assert result.a.paragraphs == split_paragraphs(a)
    assert result.b.paragraphs == split_paragraphs(b)
    check(result)
    # Any difference in the paragraphs (even a quote style) is reported; one in
    # whitespace alone only when asked for.
    words_a = [p.split() for p in result.a.paragraphs]
    assert result.identical == (words_a == [p.split() for p in result.b.paragraphs])
    strict = diff_texts(a, b, options=DiffOptions(whitespace=True))
    check(strict)
    assert strict.identical == (strict.a.paragraphs == strict.b.paragraphs)


@pytest.mark.parametrize("pair", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_adversarial_examples(pair: tuple[str, str]) -> None:
    """Fixed hostile inputs, both ways round."""
    check(diff_texts(*pair))
    check(diff_texts(pair[1], pair[0]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_pair)
def test_deterministic_and_schema_valid(
    validate_diff: Callable[[Any], None], pair: tuple[str, str]
) -> None:
    first = diff_texts(*pair)
    second = diff_texts(*pair)
    assert result_to_dict(first) == result_to_dict(second)
    document_ = json.loads(render_json(first))
    validate_diff(document_)
    assert result_from_dict(document_) == first


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document() | st.text(max_size=300))
@example("")
@example("One.\n\nOne.\n\nTwo “quoted” — 15.")
def test_identical_inputs_are_identical(text: str) -> None:
    result = diff_texts(text, text)
    assert result.identical
    assert all(r.kind == "equal" and len(r.a) == len(r.b) for r in result.rows)
    assert [r.a for r in result.rows] == [r.b for r in result.rows]
    assert result.stats.similarity == 1.0
    check(result)


_HASH_SCRIPT = """
import hashlib, sys
from pathlib import Path
from tui.engine import load_article, diff_articles
from tui.export.json_export import render_json
seeds = sorted(Path("seeds").glob("*.txt"))
arts = [load_article(p.read_bytes(), p.name) for p in seeds]
digest = hashlib.sha256()
for a in arts:
    for b in arts:
        digest.update(render_json(diff_articles(a, b)).encode())
print(digest.hexdigest())
"""


@pytest.mark.slow
def test_deterministic_across_processes_and_hash_seeds() -> None:
    """Set and dict order must not leak into the output (PYTHONHASHSEED varies per run)."""
    digests = set()
    for hash_seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", _HASH_SCRIPT],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1, digests
    assert all(len(d) == len(hashlib.sha256().hexdigest()) for d in digests)


def test_the_checks_catch_broken_results() -> None:
    """The invariant checker itself can fail: tampered results are caught."""
    good = diff_texts("One here.\n\nTwo there.\n\nThree.", "Two there.\n\nOne here!\n\nFour.")
    assert invariant_errors(good) == []
    rows = list(good.rows)
    first = rows[0]
    lossy = replace(first, spans=(*first.spans[:-1], replace(first.spans[-1], a="", b="x")))
    tampered = [
        replace(good, rows=(*rows, rows[0])),  # an index twice
        replace(good, rows=tuple(rows[1:])),  # an index missing
        replace(good, rows=(lossy, *rows[1:])),  # spans do not rebuild the text
        replace(good, rows=tuple(reversed([r for r in rows if r.kind != "moved"]))),
        replace(good, rows=(replace(first, similarity=1.5), *rows[1:])),
    ]
    for broken in tampered:
        assert invariant_errors(broken), broken
    cut = Span("changed", "bar", "baz", ())
    mid_word = Row("changed", (0,), (0,), 0.5, (Span("equal", "foo", "foo"), cut))
    assert cuts_inside_words(mid_word)
