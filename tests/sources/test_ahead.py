"""Reading and aligning ahead in other processes (issue 13): the same sources and the same
alignment as reading and aligning here (page-furniture flags and name evidence made
beside the alignment, joined after it); the same failures; stopped when cancelled; and
a process that dies leaves the work to the caller."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cli.launch import prepare_launch
from tui.engine import Alignment, align_articles
from tui.engine.ledger import document_known_names, known_from_evidence, name_evidence
from tui.engine.pipeline import with_furniture
from tui.sources import SourceError, read_source
from tui.sources import ahead as ahead_module
from tui.sources.ahead import ReadAhead, can_read_ahead, read_ahead

TOPICS = ["harbour", "library", "railway", "orchard", "bridge", "market", "school", "river"]


def prose(i: int) -> str:
    """A paragraph of its own words (paragraphs must differ to be aligned by content)."""
    topic, other = TOPICS[i % len(TOPICS)], TOPICS[(i * 3 + 1) % len(TOPICS)]
    return (
        f"The council discussed the {topic} for the {i + 1}th time on Monday. Residents near "
        f"the {other} asked for {i * 7 + 3} more days to reply, and the mayor agreed."
    )


def write_pair(folder: Path) -> tuple[str, str]:
    """Two articles: a paragraph reworded, one moved, one inserted, one deleted."""
    a = [prose(i) for i in range(12)]
    b = [p.replace("council", "committee", 1) for p in a]
    b.insert(3, b.pop(9))
    b[5:6] = ["A paragraph that is new.", b[5]]
    del b[-1]
    path_a, path_b = folder / "a.txt", folder / "b.txt"
    path_a.write_text("\n\n".join(a), encoding="utf-8")
    path_b.write_text("\n\n".join(b), encoding="utf-8")
    return str(path_a), str(path_b)


def started(path_a: str, path_b: str) -> ReadAhead:
    ahead = read_ahead(path_a, path_b)
    assert ahead is not None
    return ahead


def aligned_here(path_a: str, path_b: str) -> Alignment:
    """The alignment made in this process, as the app makes it without reading ahead."""
    return align_articles(read_source(path_a).article, read_source(path_b).article)


def never() -> bool:
    return False


def test_the_alignment_and_the_records_are_those_made_here(tmp_path: Path) -> None:
    path_a, path_b = write_pair(tmp_path)
    a, b = read_source(path_a), read_source(path_b)
    expected = align_articles(a.article, b.article)
    fractions: list[float] = []
    outcome = started(path_a, path_b).wait(never, fractions.append)
    assert outcome is not None
    infos, alignment = outcome
    assert infos == (a.info, b.info)
    assert alignment == expected
    assert any(g.moved for g in alignment.groups)  # the pair does exercise a move
    assert fractions == sorted(fractions) and fractions and 0 <= fractions[-1] <= 0.6


def test_page_furniture_read_ahead_is_flagged_as_here(tmp_path: Path) -> None:
    path_a, path_b = write_pair(tmp_path)
    for path in (path_a, path_b):
        text = Path(path).read_text(encoding="utf-8")
        furniture = ["By JANE DOE AND JOHN ROE", "Sign up for our newsletter", "Share this"]
        Path(path).write_text("\n\n".join([*furniture, text, "© 2024 The Paper"]), "utf-8")
    expected = aligned_here(path_a, path_b)
    assert any(expected.a.furniture) and any(expected.b.furniture)
    outcome = started(path_a, path_b).wait(never)
    assert outcome is not None
    assert outcome[1] == expected


def test_the_flags_and_names_made_by_the_aligning_process_are_taken_when_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path_a, path_b = write_pair(tmp_path)
    expected = aligned_here(path_a, path_b)
    ahead = started(path_a, path_b)
    # Here (not in the processes, forked already) the app's own making never ends.
    monkeypatch.setattr(ahead_module._Extras, "step", lambda self: None)
    outcome = ahead.wait(never)
    assert outcome is not None and outcome[1] == expected


def test_the_flags_and_names_are_made_here_when_the_aligning_process_fails_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path_a, path_b = write_pair(tmp_path)
    expected = aligned_here(path_a, path_b)

    def failing(self: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(ahead_module._Extras, "make", failing)  # before the processes fork
    outcome = started(path_a, path_b).wait(never)
    assert outcome is not None and outcome[1] == expected


def test_an_article_read_without_its_furniture_flags_gets_the_same_ones_later(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Photo: Jane Doe/Reuters\n\nThe council met on Monday.", encoding="utf-8")
    flagged, unflagged = read_source(str(path)), read_source(str(path), furniture=False)
    assert unflagged.article.furniture == () and flagged.article.furniture == (True, False)
    assert unflagged.info == flagged.info
    assert with_furniture(unflagged.article) == flagged.article


#: Texts rich in what name evidence looks at: capitals after spaces and sentence ends,
#: closing quotes and brackets, line ends.
NAMEY = st.lists(
    st.text(alphabet=' \n.!?:;"”’)]AaBbÉé1', max_size=40)
    | st.sampled_from(["The Mayor said. Smith", "He met Smith. Smith", "NASA and Nasa"]),
    max_size=6,
)


@given(NAMEY, NAMEY, st.integers(0, 6))
def test_the_name_evidence_of_parts_gives_the_known_names_of_the_whole(
    side_a: list[str], side_b: list[str], cut: int
) -> None:
    parts = [side_a[:cut], side_a[cut:], side_b]
    evidence = [name_evidence(part) for part in parts]
    assert known_from_evidence(evidence) == document_known_names(side_a, side_b)


@pytest.mark.parametrize("broken", ["a", "b"])
def test_a_source_that_cannot_be_read_fails_as_reading_it_here(tmp_path: Path, broken: str) -> None:
    path_a, path_b = write_pair(tmp_path)
    binary = path_a if broken == "a" else path_b
    Path(binary).write_bytes(b"\x00\x01\x02\x00" * 100)
    with pytest.raises(SourceError) as here:
        read_source(binary)
    with pytest.raises(SourceError) as ahead:
        started(path_a, path_b).wait(never)
    assert (ahead.value.path, ahead.value.reason) == (here.value.path, here.value.reason)
    assert str(ahead.value) == str(here.value)


def test_when_both_fail_a_is_reported_as_reading_in_order_would(tmp_path: Path) -> None:
    path_a, path_b = write_pair(tmp_path)
    for path in (path_a, path_b):
        Path(path).write_bytes(b"\x00\x01\x02\x00" * 100)
    with pytest.raises(SourceError) as failure:
        started(path_a, path_b).wait(never)
    assert failure.value.path == path_a


def test_cancelled_stops_the_processes_and_leaves_the_work(tmp_path: Path) -> None:
    path_a, path_b = write_pair(tmp_path)
    ahead = started(path_a, path_b)
    assert ahead.wait(lambda: True) is None
    assert not any(process.is_alive() for process in ahead._processes)


def test_a_process_that_dies_leaves_the_work_to_the_caller(tmp_path: Path) -> None:
    path_a, path_b = write_pair(tmp_path)
    ahead = started(path_a, path_b)
    for process in ahead._processes:
        process.kill()
        process.join()
    assert ahead.wait(never) is None


def test_urls_are_not_read_ahead() -> None:
    assert not can_read_ahead("https://example.com/a", "b.txt")
    assert not can_read_ahead("a.txt", "http://example.com/b")
    assert read_ahead("https://example.com/a", "b.txt") is None
    assert can_read_ahead("a.txt", "b.txt")


def test_the_launch_reads_two_articles_ahead_and_nothing_else(tmp_path: Path) -> None:
    path_a, path_b = write_pair(tmp_path)
    ahead = prepare_launch(argparse.Namespace(paths=[path_a, path_b], data_dir=None))
    assert ahead is not None and ahead.paths == (path_a, path_b)
    assert ahead.wait(never) is not None
    assert prepare_launch(argparse.Namespace(paths=[str(tmp_path)], data_dir=None)) is None
    assert prepare_launch(argparse.Namespace(paths=[], data_dir=None)) is None
