"""The index on disk: built once, reused, replaced atomically, refused when newer or corrupt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.scan.conftest import write_jsonl
from tui.scan.index import INDEX_VERSION, MANIFEST, ScanIndexError, load_index, save_index
from tui.scan.run import LocalRunner, open_index, scan, sketch_corpus
from tui.sources import read_article


def build(corpus: Path, out: Path) -> None:
    runner = LocalRunner(1)
    sketched = sketch_corpus([str(corpus)], runner)
    save_index(out, sketched.shards, sketched.common, [str(corpus)], sketched.bad)


@pytest.fixture
def corpus(tmp_path, documents) -> Path:
    path = tmp_path / "corpus.jsonl"
    write_jsonl(path, documents)
    return path


def test_index_gives_what_a_direct_scan_gives(tmp_path, corpus, original):
    runner = LocalRunner(1)
    article = read_article(str(original))
    direct = scan(article, sketch_corpus([str(corpus)], runner), runner)
    build(corpus, tmp_path / "index")
    reused = scan(article, open_index(tmp_path / "index", runner), runner)
    assert [r.to_dict() for r in reused.ranking.records] == [
        r.to_dict() for r in direct.ranking.records
    ]
    assert [b.to_dict() for b in reused.bad] == [b.to_dict() for b in direct.bad]
    assert reused.documents == direct.documents


def test_rebuilding_replaces_the_index_and_leaves_no_temporary_folder(tmp_path, corpus):
    out = tmp_path / "index"
    build(corpus, out)
    build(corpus, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "index"]
    assert load_index(out).manifest["version"] == INDEX_VERSION


def test_a_folder_that_is_not_an_index_is_not_replaced(tmp_path, corpus):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(ScanIndexError, match="not a paradiff index"):
        build(corpus, out)
    assert (out / "keep.txt").read_text() == "mine"


def test_newer_index_is_refused_with_a_clear_reason(tmp_path, corpus):
    out = tmp_path / "index"
    build(corpus, out)
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["version"] = INDEX_VERSION + 1
    (out / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(ScanIndexError, match="newer than this paradiff"):
        load_index(out)


@pytest.mark.parametrize("damage", ["manifest", "shard", "missing"])
def test_corrupt_index_is_refused(tmp_path, corpus, damage):
    out = tmp_path / "index"
    build(corpus, out)
    if damage == "manifest":
        (out / MANIFEST).write_text("{not json")
    elif damage == "shard":
        shard = out / "shard-00000.npz"
        shard.write_bytes(shard.read_bytes()[:-10] + b"0123456789")
    else:
        (out / "shard-00000.json").unlink()
    with pytest.raises(ScanIndexError, match="corrupt index"):
        load_index(out)


def test_a_folder_without_manifest_is_not_an_index(tmp_path):
    with pytest.raises(ScanIndexError, match="not a paradiff index"):
        load_index(tmp_path)
