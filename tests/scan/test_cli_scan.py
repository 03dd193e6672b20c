"""``paradiff scan`` and ``paradiff index`` through the real entry point."""

from __future__ import annotations

import json

from tests.conftest import run_paradiff
from tests.scan.conftest import COPIES, NEGATIVE, write_jsonl


def test_scan_jsonl_json_output_lists_copies_and_bad_lines(tmp_path, documents, original):
    corpus = tmp_path / "corpus.jsonl"
    expected_bad = write_jsonl(corpus, documents)
    done = run_paradiff(["scan", original, corpus, "--format", "json", "--top", "4", "-j", "1"])
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["format"] == "paradiff-scan"
    assert report["documents"] == len(documents)
    copies = report["ranking"]["copies"]
    assert len(copies) == 4 and copies[0]["path"] == "verbatim"
    assert {c["path"] for c in copies} <= set(COPIES)
    assert all(0 < c["containment"] <= 1 for c in copies)
    assert report["unreadable"] == len(expected_bad)
    stderr = done.stderr.decode()
    for number in expected_bad:
        assert f"line {number}" in stderr
    assert "Traceback" not in stderr


def test_index_then_scan_with_index(tmp_path, documents, original):
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, documents, bad=False)
    out = tmp_path / "idx"
    built = run_paradiff(["index", corpus, "--out", out, "-j", "1"])
    assert built.returncode == 0, built.stderr
    done = run_paradiff(["scan", original, "--index", out, "-f", "csv", "-j", "1"])
    assert done.returncode == 1, done.stderr
    text = done.stdout.decode()
    for name in COPIES:
        assert name in text
    assert NEGATIVE not in text


def test_scan_text_output_and_nothing_found(tmp_path, documents, original):
    corpus = tmp_path / "corpus.jsonl"
    fillers = {k: v for k, v in documents.items() if k.startswith("filler")}
    write_jsonl(corpus, fillers, bad=False)
    done = run_paradiff(["scan", original, corpus, "-j", "1"])
    assert done.returncode == 0, done.stderr
    assert f"scanned {len(fillers)} documents" in done.stdout.decode()


def test_scan_trouble_is_one_line_and_exit_2(tmp_path, original):
    cases = [
        ["scan", original],  # neither corpus nor index
        ["scan", original, tmp_path / "missing.jsonl"],
        ["scan", original, "--index", tmp_path],  # not an index
        ["scan", original, original, "--top", "0"],
    ]
    for args in cases:
        done = run_paradiff(args)
        assert done.returncode == 2, args
        lines = done.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("paradiff: error:"), lines


def test_partition_size_does_not_change_the_result(tmp_path, documents, original):
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, documents)
    runs = [
        run_paradiff(["scan", original, corpus, "-f", "json", "-j", "1", *extra])
        for extra in ([], ["--partition-docs", "5"])
    ]
    assert [r.returncode for r in runs] == [1, 1]
    reports = [json.loads(r.stdout) for r in runs]
    assert reports[0]["ranking"] == reports[1]["ranking"]
    assert reports[0]["bad_documents"] == reports[1]["bad_documents"]
