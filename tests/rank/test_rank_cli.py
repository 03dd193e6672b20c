"""`paradiff rank` through the real entry point: order, formats, exit codes, jobs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_paradiff
from tests.rank.copies import Copies, make_copies


@pytest.fixture
def copies(seeds: dict[str, Path], tmp_path: Path) -> Copies:
    return make_copies(seeds, tmp_path)


def rank(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return run_paradiff(["rank", *args])


def as_json(proc: subprocess.CompletedProcess[bytes]) -> dict[str, Any]:
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return json.loads(proc.stdout)


def test_a_folder_is_ranked_in_the_expected_order(copies: Copies) -> None:
    proc = rank(copies.original, copies.folder, "--format", "json", "--jobs", "2")
    document = as_json(proc)
    assert proc.returncode == 2  # one copy is unreadable: trouble, the rest ranked
    assert document["format"] == "paradiff-rank"
    assert document["sort"] == "coverage"
    ranked = [Path(c["path"]) for c in document["copies"]]
    assert ranked == copies.expected_order
    assert [c["rank"] for c in document["copies"]] == [1, 2, 3, 4, 5]
    by_path = {Path(c["path"]): c for c in document["copies"]}

    same = by_path[copies.identical]
    assert same["identical"] and same["coverage"] == {"paragraphs": 1.0, "words": 1.0}
    assert same["fact_changes"] == 0 and same["paragraphs"]["reworded"] == 0

    number = by_path[copies.number]
    assert not number["identical"] and number["coverage"]["paragraphs"] == 1.0
    assert number["facts"]["number"] >= 1 and number["paragraphs"]["reworded"] == 1
    first = number["first_facts"][0]
    assert (first["kind"], first["status"]) == ("number", "changed")
    assert copies.old_number in first["old"] and copies.new_number in first["new"]

    cut = by_path[copies.cut]
    original_paragraphs = document["original"]["paragraphs"]
    assert cut["paragraphs"]["deleted"] == 1
    assert cut["coverage"]["paragraphs"] == pytest.approx(1 - 1 / original_paragraphs, abs=1e-4)
    assert cut["paragraphs"]["equal"] == original_paragraphs - 1

    unrelated = by_path[copies.unrelated]
    assert unrelated["coverage"]["words"] < 0.2 and unrelated["similarity"] < 0.2

    broken = by_path[copies.broken]
    assert broken["error"] and "binary" in broken["error"]
    stderr = proc.stderr.decode().splitlines()
    assert stderr == [f"paradiff: error: {copies.broken}: {broken['error']}"]


def test_one_and_two_jobs_give_the_same_ranking(copies: Copies) -> None:
    one = as_json(rank(copies.original, copies.folder, "-f", "json", "--jobs", "1"))
    two = as_json(rank(copies.original, copies.folder, "-f", "json", "--jobs", "2"))
    assert one == two


def test_csv_parses_and_follows_the_ranking(copies: Copies) -> None:
    document = as_json(rank(copies.original, copies.folder, "-f", "json"))
    proc = rank(copies.original, copies.folder, "--format", "csv")
    assert proc.returncode == 2
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8"))))
    assert [Path(r["path"]) for r in rows] == copies.expected_order
    for row, copy in zip(rows, document["copies"], strict=True):
        assert int(row["rank"]) == copy["rank"]
        assert float(row["coverage_words"]) == copy["coverage"]["words"]
        assert int(row["fact_changes"]) == copy["fact_changes"]
        assert int(row["deleted"]) == copy["paragraphs"]["deleted"]
        assert row["error"] == (copy["error"] or "")
    assert "number" in rows[1]["facts_by_kind"]


def test_text_and_html_list_every_copy(copies: Copies) -> None:
    text = rank(copies.original, copies.folder).stdout.decode("utf-8")
    positions = [text.index(str(path)) for path in copies.expected_order]
    assert positions == sorted(positions)
    assert "binary" in text and "fact changes" in text
    html = rank(copies.original, copies.folder, "-f", "html").stdout.decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")
    positions = [html.index(str(path)) for path in copies.expected_order]
    assert positions == sorted(positions)


def test_hostile_names_are_escaped(copies: Copies) -> None:
    hostile = copies.folder / "<img src=x onerror=alert(1)>\x1b[31m.txt"
    hostile.write_bytes(copies.identical.read_bytes())
    html = rank(copies.original, hostile, "-f", "html").stdout.decode("utf-8")
    assert "<img" not in html and "\x1b" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    text = rank(copies.original, hostile).stdout.decode("utf-8")
    assert "\x1b" not in text and "␛[31m" in text


def test_exit_status_zero_when_no_copy_differs(copies: Copies) -> None:
    proc = rank(copies.original, copies.identical)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""


def test_exit_status_one_when_some_copies_differ(copies: Copies) -> None:
    proc = rank(copies.original, copies.identical, copies.number, copies.cut)
    assert proc.returncode == 1, proc.stderr.decode()
    assert proc.stderr == b""


def test_the_original_and_other_kinds_of_file_in_the_folder_are_left_out(
    copies: Copies,
) -> None:
    inside = copies.folder / "original.txt"
    inside.write_bytes(copies.original.read_bytes())
    (copies.folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (copies.folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    document = as_json(rank(inside, copies.folder, "-f", "json"))
    assert sorted(Path(c["path"]) for c in document["copies"]) == sorted(copies.expected_order)


def test_sort_keys_and_reverse(copies: Copies) -> None:
    args = (copies.original, copies.folder, "-f", "json")
    by_path = as_json(rank(*args, "--sort", "path"))
    readable = sorted(str(p) for p in copies.expected_order if p != copies.broken)
    assert [c["path"] for c in by_path["copies"]] == [*readable, str(copies.broken)]
    backwards = as_json(rank(*args, "--sort", "coverage", "--reverse"))
    order = [Path(c["path"]) for c in backwards["copies"]]
    assert order == [*reversed(copies.expected_order[:-1]), copies.broken]
    by_facts = as_json(rank(*args, "--sort", "facts"))
    changes = [c["fact_changes"] for c in by_facts["copies"][:-1]]
    assert changes == sorted(changes, reverse=True) and changes[0] > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "x.txt"], "missing.txt: no such file"),
        (["{original}", "{folder}", "--jobs", "0"], "--jobs"),
        (["{original}", "-"], "standard input"),
        (["{original}", "{empty}"], "no copies"),
    ],
    ids=["original-missing", "jobs-zero", "stdin-copy", "empty-folder"],
)
def test_trouble_is_one_line_and_exit_two(
    copies: Copies, tmp_path: Path, args: list[str], message: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    names = {"original": copies.original, "folder": copies.folder, "empty": empty}
    proc = rank(*(a.format(**names) for a in args))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b""
    assert len(err.splitlines()) == 1 and err.startswith("paradiff: error:") and message in err


def test_a_ranking_saved_with_save_is_listed_and_shown_as_printed(
    copies: Copies, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    common = ("--data-dir", data)
    proc = rank(copies.original, copies.folder, "-f", "csv", "-j", "1", "--save", "wire", *common)
    assert proc.returncode == 2, proc.stderr.decode()  # the unreadable copy, as without --save
    snapshot_id = proc.stderr.decode().splitlines()[-1]
    assert len(snapshot_id) == 32

    listed = run_paradiff(["snapshots", "list", *common])
    header, row = listed.stdout.decode().splitlines()
    assert header.split()[:2] == ["ID", "KIND"]
    assert row.split()[1] == "ranking" and "wire" in row and "5 copies" in row
    as_listed = json.loads(run_paradiff(["snapshots", "list", "--json", *common]).stdout)
    assert [r["id"] for r in as_listed["rankings"]] == [snapshot_id]
    assert as_listed["rankings"][0]["unreadable"] == 1

    # Shown from the snapshot alone: the files are gone.
    for path in sorted(copies.folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    shown = run_paradiff(["snapshots", "show", "wire", "-f", "csv", "--no-pager", *common])
    assert shown.returncode == 0, shown.stderr.decode()
    assert shown.stdout == proc.stdout
    text = run_paradiff(["snapshots", "show", snapshot_id[:8], "--no-pager", *common])
    assert "snapshot 'wire' saved" in text.stdout.decode()

    wrong = run_paradiff(["snapshots", "show", "wire", "-f", "md", *common])
    assert wrong.returncode == 2 and wrong.stdout == b""
    assert (
        wrong.stderr.decode().count("\n") == 1 and "a ranking is shown as" in wrong.stderr.decode()
    )
