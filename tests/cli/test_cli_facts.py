"""``paradiff facts A B``: the ledger as text, JSON and CSV; exit status as ``diff``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tui.cli import main

A = "Officials said 40 troops arrived in Kyiv on Monday.\n\nThe rest is the same.\n"
B = "Officials said 400 troops arrived in Kyiv on Monday.\n\nThe rest is the same.\n"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[str, str]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A, encoding="utf-8")
    b.write_text(B, encoding="utf-8")
    return str(a), str(b)


def test_text(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", *pair]) == 1
    out = capsys.readouterr().out
    assert "fact changes: 1 number" in out
    assert "40 troops → 400 troops" in out


def test_json(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", *pair, "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "paradiff-facts"
    (entry,) = doc["facts"]
    assert (entry["kind"], entry["status"], entry["row"]) == ("number", "changed", 0)
    assert A[entry["a"]["start"] : entry["a"]["end"]] == entry["old"]


def test_csv(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", *pair, "--format", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["kind"], r["old"], r["new"], r["a_paragraph"]) for r in rows] == [
        ("number", "40 troops", "400 troops", "1")
    ]


def test_same_articles_exit_0(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", pair[0], pair[0]]) == 0
    assert "fact changes: none" in capsys.readouterr().out


def test_trouble_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", str(tmp_path / "missing.txt"), str(tmp_path / "also.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("paradiff: error:") and err.count("\n") == 1


def test_csv_cells_cannot_run_as_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Intro.\n", encoding="utf-8")
    b.write_text("Intro.\n\n=HYPERLINK(Evil Corp)\n", encoding="utf-8")
    assert main(["facts", str(a), str(b), "--format", "csv"]) == 1
    (row,) = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["new"].startswith("'=")
