"""``paradiff diff --paragraphs/--whitespace`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_paradiff, seed_paths


@pytest.fixture
def one_line_per_paragraph(tmp_path: Path) -> tuple[Path, Path]:
    """Seed 003, and the same text with its blank lines removed (``grep -v '^\\s*$'``)."""
    seed = seed_paths()["003"]
    copy = tmp_path / "copy.txt"
    lines = seed.read_text(encoding="utf-8").split("\n")
    copy.write_text("\n".join(line for line in lines if line.strip()), encoding="utf-8")
    return seed, copy


def test_blank_lines_removed_is_identical_and_says_its_rule(
    one_line_per_paragraph: tuple[Path, Path],
) -> None:
    seed, copy = one_line_per_paragraph
    done = run_paradiff(["diff", "--no-pager", "--format", "text", seed, copy])
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert "(one per line)" in out.split("\n")[2]  # the B line of the header
    assert "similarity: 100.0%" in out


def test_the_blank_rule_sees_one_paragraph_and_differs(
    one_line_per_paragraph: tuple[Path, Path],
) -> None:
    seed, copy = one_line_per_paragraph
    done = run_paradiff(["diff", "--paragraphs", "blank", "--format", "json", seed, copy])
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    assert len(document["b"]["paragraphs"]) == 1
    assert document["b"]["paragraph_rule"] == "blank"


def test_whitespace_alone_differs_only_when_asked(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The council met on Tuesday.\n\nIt voted.\n", encoding="utf-8")
    b.write_text("The council  met\non Tuesday.\n\nIt voted.\n", encoding="utf-8")
    assert run_paradiff(["diff", "--format", "json", a, b]).returncode == 0
    strict = run_paradiff(["diff", "--whitespace", "--format", "json", a, b])
    assert strict.returncode == 1, strict.stderr


def test_an_unknown_rule_is_refused_in_one_line(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Text.\n", encoding="utf-8")
    done = run_paradiff(["diff", "--paragraphs", "sentences", a, a])
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr and b"--paragraphs" in done.stderr
