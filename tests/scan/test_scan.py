"""The two stages through the Python API: planted copies found, unrelated documents not,
bad input reported and survived, every corpus kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scan.conftest import COPIES, NEGATIVE, write_jsonl
from tui.scan.corpus import partitions
from tui.scan.run import LocalRunner, scan, sketch_corpus
from tui.sources import read_article


def run_scan(original: Path, sources: list[str], jobs: int = 1, **options):
    runner = LocalRunner(jobs)
    try:
        sketched = sketch_corpus(sources, runner)
        return scan(read_article(str(original)), sketched, runner, exclude=str(original), **options)
    finally:
        runner.close()


def test_jsonl_planted_copies_found_and_nothing_else(tmp_path, documents, original):
    corpus = tmp_path / "corpus.jsonl"
    expected_bad = write_jsonl(corpus, documents)
    result = run_scan(original, [str(corpus)])
    ranked = [r.path for r in result.ranking.records]
    assert set(ranked) == set(COPIES)
    assert ranked[0] == "verbatim"
    assert NEGATIVE not in {c.id for c in result.candidates}
    assert result.documents == len(documents)
    reported = {b.where.split(" line ")[1].split(" ")[0]: b.reason for b in result.bad}
    assert {int(n) for n in reported} == set(expected_bad)
    for number, why in expected_bad.items():
        assert why in reported[str(number)]


def test_partitions_cut_a_jsonl_file_without_losing_a_line(tmp_path, documents, original):
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, documents)
    parts, bad = partitions([str(corpus)], size=7)
    assert len(parts) > 5 and not bad
    whole = run_scan(original, [str(corpus)])
    runner = LocalRunner(1)
    sketched = sketch_corpus([str(corpus)], runner, partition_docs=7)
    assert len(sketched.shards) == len(parts)
    cut = scan(read_article(str(original)), sketched, runner)
    assert cut.documents == whole.documents
    assert [r.path for r in cut.ranking.records] == [r.path for r in whole.ranking.records]
    assert [b.where for b in cut.bad] == [b.where for b in whole.bad]


def test_worker_processes_find_what_one_process_finds(tmp_path, documents, original):
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, documents)
    one = run_scan(original, [str(corpus)], jobs=1)
    two = run_scan(original, [str(corpus)], jobs=2)
    assert [r.to_dict() for r in two.ranking.records] == [r.to_dict() for r in one.ranking.records]


def test_folder_corpus_reports_a_binary_file_and_skips_the_original(tmp_path, documents):
    root = tmp_path / "site"
    for number, (name, text) in enumerate(documents.items()):
        folder = root / f"section-{number % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "section-0" / "photo.txt").write_bytes(b"\x89PNG\x00\x00\x00\x01" * 64)
    original = root / "section-0" / "the-original.txt"
    original.write_text(documents["verbatim"], encoding="utf-8")
    result = run_scan(original, [str(root)])
    names = {Path(r.path).stem for r in result.ranking.records}
    assert names == set(COPIES)
    assert [Path(b.where).name for b in result.bad] == ["photo.txt"]
    assert "binary" in result.bad[0].reason


def test_parquet_corpus_with_a_null_text_and_a_corrupt_file(tmp_path, documents, original):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    ids = [*documents, "empty"]
    texts = [*documents.values(), None]
    good = tmp_path / "corpus.parquet"
    pq.write_table(pa.table({"id": ids, "text": texts}), good, row_group_size=9)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1" + b"\x07" * 300)
    result = run_scan(original, [str(broken), str(good)])
    assert {r.path for r in result.ranking.records} == set(COPIES)
    wheres = [b.where for b in result.bad]
    assert str(broken) in wheres
    assert any("(id empty)" in w for w in wheres)


def test_unrelated_original_finds_nothing(tmp_path, documents):
    corpus = tmp_path / "corpus.jsonl"
    write_jsonl(corpus, {k: v for k, v in documents.items() if k.startswith("filler")}, bad=False)
    result = run_scan(
        Path(__file__).resolve().parents[2] / "seeds" / "004_c0919dc747158178.txt", [str(corpus)]
    )
    assert result.ranking.records == ()
