"""Saved rankings of copies: self-contained round trips, both kinds listed together, every
hostile or broken file listed as unreadable, and the size cap."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.diff_samples import sample
from tests.rank.copies import Copies, make_copies
from tui.engine.pipeline import diff_articles
from tui.rank import CopyText, RankedCopy, rank_copies, record_of
from tui.rank.render import render_ranking
from tui.sources import file_sha256, read_source
from tui.store import (
    KeptTexts,
    RankingInfo,
    RankingSnapshot,
    SnapshotInfo,
    SnapshotStore,
    SnapshotUnreadable,
    StoreWriteError,
    Unreadable,
    WrongKind,
)
from tui.store import rankings as rankings_module
from tui.store import store as store_module

Doc = dict[str, Any]


@pytest.fixture
def copies(seeds: dict[str, Path], tmp_path: Path) -> Copies:
    return make_copies(seeds, tmp_path)


def ranked(copies: Copies) -> tuple[CopyText, list[RankedCopy]]:
    """The copies' folder ranked in this process, texts kept."""
    source = read_source(str(copies.original))
    original = CopyText(source.info, source.article)
    paths = sorted(str(p) for p in copies.folder.rglob("*") if p.is_file())
    updates = rank_copies(original.article, paths, jobs=1, keep_texts=True)
    return original, [RankedCopy(u.record, u.text) for u in updates]


def save(store: SnapshotStore, copies: Copies, **kwargs: Any) -> RankingInfo:
    original, ranked_copies = ranked(copies)
    return store.save_ranking(original, ranked_copies, sort="coverage", **kwargs)


def test_a_saved_ranking_reopens_without_its_files(copies: Copies, tmp_path: Path) -> None:
    store = SnapshotStore(tmp_path / "data")
    original, ranked_copies = ranked(copies)
    info = store.save_ranking(
        original, ranked_copies, sort="facts", reverse=True, name="wire", note="checked"
    )
    hashes = {str(p): file_sha256(str(p)) for p in copies.folder.rglob("*") if p.is_file()}
    live = render_ranking(store.load_ranking(info.id).ranking(), "json")
    for path in [copies.original, *copies.folder.rglob("*")]:
        if path.is_file():
            path.unlink()

    loaded = store.load_ranking("wire")
    assert isinstance(loaded, RankingSnapshot) and loaded.info == info
    assert (loaded.info.sort, loaded.info.reverse, loaded.info.note) == ("facts", True, "checked")
    assert loaded.original == original
    assert loaded.copies == tuple(ranked_copies)
    assert render_ranking(loaded.ranking(), "json") == live
    assert info.copies == 5 and info.unreadable == 1 and info.differing == 3
    broken = next(c for c in loaded.copies if c.record.path == str(copies.broken))
    assert broken.text is None and "binary" in (broken.record.error or "")
    for copy in loaded.copies:
        if copy.text is None:
            continue
        assert copy.text.source.sha256 == hashes[copy.record.path]
        # The texts saved are the texts ranked: diffing them again gives the same record.
        again = diff_articles(loaded.original.article, copy.text.article)
        assert record_of(again, copy.record.path, copy.record.reader) == copy.record


def test_both_kinds_are_listed_renamed_and_loaded_only_as_what_they_are(
    copies: Copies, tmp_path: Path
) -> None:
    store = SnapshotStore(tmp_path / "data")
    ranking = save(store, copies, name="the ranking")
    diff = store.save(sample(), "the diff")
    listed = store.list()
    assert {type(e) for e in listed} == {SnapshotInfo, RankingInfo}
    assert {e.kind for e in listed if not isinstance(e, Unreadable)} == {"diff", "ranking"}
    with pytest.raises(WrongKind, match="ranking"):
        store.load(ranking.id)
    with pytest.raises(WrongKind, match="diff"):
        store.load_ranking(diff.id)
    renamed = store.rename(ranking.id, "renamed", "a note")
    assert isinstance(renamed, RankingInfo)
    assert (renamed.name, renamed.note, renamed.copies) == ("renamed", "a note", 5)
    assert store.load_ranking("renamed").copies == store.load_ranking(ranking.id).copies


def _copy(doc: Doc, ok: bool = True) -> Doc:
    return next(c for c in doc["copies"] if (c["record"]["error"] is None) == ok)


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        node: Any = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


def _in_copy(ok: bool, *path: Any, value: Any) -> Callable[[Doc], None]:
    return lambda doc: _set(path, value)(_copy(doc, ok))


def _duplicate(doc: Doc) -> None:
    doc["copies"].append(doc["copies"][0])


def _text_of_another(doc: Doc) -> None:
    good = [c for c in doc["copies"] if c["article"] is not None]
    good[0]["article"], good[1]["article"] = good[1]["article"], good[0]["article"]


HOSTILE: dict[str, tuple[Callable[[Doc], None], str]] = {
    "newer schema": (_set(("schema",), 99), "newer paradiff"),
    "unknown sort": (_set(("sort", "key"), "rm -rf"), "sort.key"),
    "sort direction": (_set(("sort", "reverse"), "yes"), "sort.reverse"),
    "share above one": (_in_copy(True, "record", "similarity", value=1.5), "similarity"),
    "negative count": (_in_copy(True, "record", "paragraphs", "equal", value=-1), "equal"),
    "count as text": (_in_copy(True, "record", "warnings", value="3"), "warnings"),
    "unknown fact kind": (_in_copy(True, "record", "facts", value={"virus": 1}), "facts"),
    "readable copy without text": (
        lambda doc: _copy(doc).update(source=None, article=None),
        "without its text",
    ),
    "unreadable copy with text": (
        lambda doc: _copy(doc, False).update(
            _copy(doc, True) | {"record": _copy(doc, False)["record"]}
        ),
        "with a text",
    ),
    "paragraphs not text": (_in_copy(True, "article", "paragraphs", value=[1, 2]), "article"),
    "bad hash": (_in_copy(True, "source", "sha256", value="../../etc"), "sha256"),
    "copy listed twice": (_duplicate, "twice"),
    "text of another copy": (_text_of_another, "other copies"),
    "no copies": (lambda doc: doc.pop("copies"), "copies"),
    "no original": (lambda doc: doc.pop("original"), "original"),
    "huge path": (_in_copy(True, "record", "path", value="x" * 5000), "path"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_broken_ranking_is_listed_as_unreadable(
    name: str, copies: Copies, tmp_path: Path
) -> None:
    store = SnapshotStore(tmp_path / "data")
    info = save(store, copies)
    doc = json.loads(info.file.read_text("utf-8"))
    mutate, reason = HOSTILE[name]
    mutate(doc)
    info.file.write_text(json.dumps(doc), "utf-8")
    [entry] = store.list()
    assert isinstance(entry, Unreadable) and reason in entry.reason, entry
    with pytest.raises(SnapshotUnreadable, match="unreadable"):
        store.load_ranking(info.id)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e999"])
def test_numbers_that_are_not_finite_are_refused(
    number: str, copies: Copies, tmp_path: Path
) -> None:
    store = SnapshotStore(tmp_path / "data")
    info = save(store, copies)
    text = info.file.read_text("utf-8")
    text = text.replace('"similarity": 1.0', f'"similarity": {number}', 1)
    assert number in text
    info.file.write_text(text, "utf-8")
    [entry] = store.list()
    assert isinstance(entry, Unreadable)


def test_a_ranking_over_the_cap_is_refused_with_the_reason(
    copies: Copies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SnapshotStore(tmp_path / "data")
    original, ranked_copies = ranked(copies)
    monkeypatch.setattr(store_module, "MAX_RANKING_BYTES", 10_000)
    with pytest.raises(StoreWriteError, match=r"over the 0\.0 MB a saved ranking may take"):
        store.save_ranking(original, ranked_copies, sort="coverage")
    assert store.list() == []  # nothing half-written

    monkeypatch.setattr(rankings_module, "MAX_RANKING_BYTES", 10_000)
    texts = KeptTexts()
    for copy in ranked_copies:
        texts.keep(copy.record.path, copy.text)
    assert texts.overflowed
    with pytest.raises(StoreWriteError, match="more than a saved ranking may hold"):
        texts.copies([c.record for c in ranked_copies])


def test_a_ranking_read_back_over_the_cap_is_unreadable(
    copies: Copies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SnapshotStore(tmp_path / "data")
    info = save(store, copies)
    monkeypatch.setattr(rankings_module, "MAX_RANKING_BYTES", info.file.stat().st_size - 1)
    [entry] = store.list()
    assert isinstance(entry, Unreadable) and "too large" in entry.reason


def test_a_readable_copy_whose_text_was_not_kept_cannot_be_saved(
    copies: Copies, tmp_path: Path
) -> None:
    store = SnapshotStore(tmp_path / "data")
    original, ranked_copies = ranked(copies)
    stripped = [RankedCopy(c.record) for c in ranked_copies]
    with pytest.raises(StoreWriteError, match="not kept"):
        store.save_ranking(original, stripped, sort="coverage")
