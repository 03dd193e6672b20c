"""The ranking core: records, sorting, streaming runs, cancellation, the readable walk."""

from __future__ import annotations

import contextlib
import pickle
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from tests.rank.copies import Copies, make_copies
from tui.engine import diff_texts
from tui.engine.pipeline import diff_articles, with_furniture
from tui.rank import (
    SORT_NAMES,
    CopyRecord,
    failed_record,
    furniture_share,
    rank_article,
    rank_bytes,
    rank_copies,
    rank_path,
    record_of,
    sort_records,
)
from tui.rank.record import Ranking, fact_entries
from tui.rank.render import RANK_FORMATS, render_ranking
from tui.sources import read_article
from tui.sources.readable import is_readable_file, readable_suffixes, walk_readable


@pytest.fixture
def copies(seeds: dict[str, Path], tmp_path: Path) -> Copies:
    return make_copies(seeds, tmp_path)


def test_records_are_small_and_survive_pickling(copies: Copies) -> None:
    original = read_article(str(copies.original))
    record = rank_path(original, str(copies.number))
    assert record.ok and record.differs and record.first_facts
    data = pickle.dumps(record)
    assert pickle.loads(data) == record
    assert len(data) < copies.number.stat().st_size / 2  # a summary, not the texts


def test_the_figures_of_a_record_add_up() -> None:
    a = "One paragraph here.\n\nA second one, with 12 apples.\n\nA third to be cut away."
    b = "One paragraph here.\n\nA second one, with 15 apples.\n\nA brand new closing line."
    result = diff_texts(a, b)
    record = record_of(result, "b")
    counts = record.paragraphs
    assert counts["equal"] + counts["reworded"] + counts["moved"] + counts["deleted"] == 3
    assert counts["inserted"] + counts["equal"] + counts["reworded"] + counts["moved"] >= 1
    assert record.facts["number"] >= 1 and record.fact_changes == sum(
        e.is_change for e in fact_entries(result)
    )
    assert 0 < record.coverage_words < 1 and 0 < record.coverage_paragraphs <= 1
    assert record.similarity == result.stats.similarity
    same = record_of(diff_texts(a, a), "a")
    assert same.identical and (same.coverage_paragraphs, same.coverage_words) == (1.0, 1.0)


def test_furniture_and_body_similarity_are_the_engines(seeds: dict[str, Path]) -> None:
    """Seed 002 is a web page with its furniture (a navigation bar, a byline, a caption):
    as a copy of its own body, all it adds is furniture."""
    page = read_article(str(seeds["002"]))
    flags = with_furniture(page).furniture
    assert any(flags) and not all(flags)
    body = [p for p, furniture in zip(page.paragraphs, flags, strict=True) if not furniture]
    result = diff_articles(replace(page, paragraphs=tuple(body), furniture=()), page)
    record = record_of(result, "page")
    assert record.furniture == round(sum(flags) / len(flags), 4)
    assert record.body_similarity == result.stats.similarity_body == 1.0
    assert record.similarity < record.body_similarity
    assert furniture_share(diff_texts("a b c", "a b d")) == 0.0


def test_unreadable_bytes_give_a_record_with_the_reason(copies: Copies) -> None:
    original = read_article(str(copies.original))
    record = rank_bytes(original, b"\x00\x01\x02" * 100, "blob")
    assert not record.ok and "binary" in (record.error or "")
    assert rank_path(original, str(copies.folder / "absent.txt")).error == "no such file"
    same = rank_article(original, original)
    assert same.identical and same.path == original.path


def _record(path: str, words: float, paragraphs: float = 1.0, facts: int = 0) -> CopyRecord:
    base = CopyRecord(path=path, coverage_words=words, coverage_paragraphs=paragraphs)
    return replace(base, facts={**base.facts, "number": facts})


def test_sorting_coverage_then_facts_then_path() -> None:
    records = [
        failed_record("a-broken", "binary file, not text"),
        _record("d", 0.9),
        _record("c", 0.9, facts=2),
        _record("b", 1.0),
        _record("e", 0.9),
    ]
    assert [r.path for r in sort_records(records)] == ["b", "c", "d", "e", "a-broken"]
    reverse = sort_records(records, reverse=True)
    assert [r.path for r in reverse] == ["e", "d", "c", "b", "a-broken"]
    for name in SORT_NAMES:  # every key orders any mix, the unreadable copy last
        assert sort_records(records, name)[-1].path == "a-broken"
    with pytest.raises(ValueError, match="unknown sort key"):
        sort_records(records, "colour")


@pytest.mark.parametrize("jobs", [1, 2])
def test_rank_copies_streams_one_update_per_copy(copies: Copies, jobs: int) -> None:
    original = read_article(str(copies.original))
    paths = [str(p) for p in copies.expected_order]
    updates = list(rank_copies(original, paths, jobs=jobs))
    assert [u.done for u in updates] == [1, 2, 3, 4, 5]
    assert {u.total for u in updates} == {5} and updates[-1].fraction == 1.0
    assert sorted(u.record.path for u in updates) == sorted(paths)
    ranked = sort_records(u.record for u in updates)
    assert [r.path for r in ranked] == paths


def test_a_cancelled_run_starts_no_further_copy(copies: Copies) -> None:
    original = read_article(str(copies.original))
    paths = [str(p) for p in copies.expected_order]
    cancel = threading.Event()
    seen = []
    for update in rank_copies(original, paths, jobs=1, cancel=cancel):
        seen.append(update)
        cancel.set()
    assert len(seen) == 1
    cancel = threading.Event()
    cancel.set()
    assert list(rank_copies(original, paths, jobs=2, cancel=cancel)) == []


def test_closing_a_pool_run_early_ends_it(copies: Copies) -> None:
    original = read_article(str(copies.original))
    paths = [str(p) for p in copies.expected_order] * 3
    with contextlib.closing(rank_copies(original, paths, jobs=2)) as updates:
        first = next(updates)
    assert first.done == 1 and first.total == len(paths)


def test_every_format_renders_a_ranking_with_a_failure() -> None:
    ranking = Ranking("o.txt", 3, 30, "coverage", (_record("b", 1.0), failed_record("x", "bad")))
    for fmt in RANK_FORMATS:
        out = render_ranking(ranking, fmt)
        assert "bad" in out
        assert ("o.txt" in out) == (fmt != "csv")  # CSV lists the copies only
    with pytest.raises(ValueError, match="unknown ranking format"):
        render_ranking(ranking, "pdf")


def test_readable_files_are_what_the_readers_read(tmp_path: Path) -> None:
    assert ".txt" in readable_suffixes() and ".md" in readable_suffixes()
    (tmp_path / "z.txt").write_text("text", encoding="utf-8")
    (tmp_path / "plain").write_text("extension-less text", encoding="utf-8")
    (tmp_path / "blob").write_bytes(bytes(range(256)))
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.md").write_text("hidden", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "note.md").write_text("deep", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in walk_readable(tmp_path)]
    assert found == ["plain", "z.txt", "a/b/note.md"]
    assert not is_readable_file(tmp_path / "blob") and not is_readable_file(tmp_path / "nope")
