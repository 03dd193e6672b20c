"""Paragraph detection: blank, line and auto rules, hard wraps, offsets."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine import DiffOptions, diff_texts
from tui.engine.loading import decode_bytes, split_paragraphs
from tui.engine.paragraphs import detect_paragraphs, source_index

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REALDEV_D07_B = Path("/work/shared/realdev/d07_b.txt")


def seed_text(path: Path) -> str:
    return decode_bytes(path.read_bytes())[0]


def assert_offsets(text: str, mode: str = "auto") -> None:
    """Each paragraph's source slice differs from its text in whitespace alone."""
    found = detect_paragraphs(text, mode)  # type: ignore[arg-type]
    assert len(found.offsets) == len(found.texts)
    for paragraph, (start, end) in zip(found.texts, found.offsets, strict=True):
        source = text[start:end]
        assert source == source.strip()
        assert "".join(source.split()) == "".join(paragraph.split())


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_auto_gives_the_blank_line_paragraphs_of_the_seeds(path: Path) -> None:
    text = seed_text(path)
    found = detect_paragraphs(text)
    assert found.texts == detect_paragraphs(text, "blank").texts
    assert (found.rule, found.wrap_width) == ("blank", 0)
    assert_offsets(text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_one_line_per_paragraph_copy_gives_the_same_paragraphs(path: Path) -> None:
    text = seed_text(path)
    no_blanks = "\n".join(line for line in text.split("\n") if line.strip())
    found = detect_paragraphs(no_blanks)
    assert found.rule == "line"
    original = detect_paragraphs(text).texts
    # A paragraph with an inner line break becomes two; otherwise they are equal.
    assert found.texts == tuple(line.strip() for p in original for line in p.split("\n"))
    assert_offsets(no_blanks)


def test_grep_v_blank_lines_of_003_diffs_as_identical() -> None:
    text = seed_text(next(p for p in SEEDS if p.name.startswith("003")))
    no_blanks = "\n".join(line for line in text.split("\n") if line.strip())
    result = diff_texts(text, no_blanks)
    assert result.identical
    assert result.stats.similarity == 1.0
    blank_only = diff_texts(text, no_blanks, options=DiffOptions(paragraphs="blank"))
    assert len(blank_only.b.paragraphs) == 1 and not blank_only.identical


@pytest.mark.parametrize("width", [40, 60, 72, 79])
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_hard_wrapped_seed_gives_the_unwrapped_paragraphs(path: Path, width: int) -> None:
    paragraphs = detect_paragraphs(seed_text(path)).texts
    wrapped = "\n\n".join(
        "\n".join(textwrap.fill(line, width, break_long_words=False) for line in p.split("\n"))
        for p in paragraphs
    )
    found = detect_paragraphs(wrapped)
    assert found.texts == paragraphs
    assert found.rule == "blank" and found.wrap_width > 0
    assert_offsets(wrapped)


def test_hard_wrapped_realdev_pair_is_joined() -> None:
    if not REALDEV_D07_B.exists():
        pytest.skip("realdev set not mounted")
    text = REALDEV_D07_B.read_text(encoding="utf-8")
    found = detect_paragraphs(text)
    assert found.wrap_width == 72
    assert found.texts == tuple(" ".join(p.split()) for p in split_paragraphs(text, "blank"))


def test_wrapped_text_without_blank_lines_splits_at_short_last_lines() -> None:
    first = "word " * 40 + "end."
    second = "other " * 30 + "stop."
    wrapped = textwrap.fill(first, 60) + "\n" + textwrap.fill(second, 60)
    found = detect_paragraphs(wrapped)
    assert found.texts == (first.strip(), second.strip())
    assert found.rule == "line" and 50 < found.wrap_width <= 60


LIST_AND_HEADINGS = """\
# A heading that stays on its own line in the Markdown file

Some prose that was wrapped by an editor at a fixed width of sixty
columns, so that every line but the last is nearly full, which is
how it looks.

- a first list item that is long enough to reach the wrap width now
- a second list item
- a third one

1. numbered item one that is long enough to reach the wrap width ok
2. numbered item two
"""


def test_lists_and_headings_keep_their_breaks() -> None:
    found = detect_paragraphs(LIST_AND_HEADINGS)
    assert found.rule == "blank"
    assert found.texts[1] == (
        "Some prose that was wrapped by an editor at a fixed width of sixty columns, so "
        "that every line but the last is nearly full, which is how it looks."
    )
    assert found.texts[2].count("\n") == 2
    assert found.texts[3].count("\n") == 1


VERSE = """\
Whose woods these are I think I know.
His house is in the village though;
He will not see me stopping here
To watch his woods fill up with snow.

My little horse must think it queer
To stop without a farmhouse near
Between the woods and frozen lake
The darkest evening of the year.

A long paragraph of prose beside the verse, hard-wrapped at a width
of seventy columns by an editor, so that the wrapping can be seen and
the breaks inside it are joined while the verse keeps its own breaks.
"""


def test_verse_keeps_its_breaks_beside_wrapped_prose() -> None:
    found = detect_paragraphs(VERSE)
    assert found.texts[0].count("\n") == 3
    assert found.texts[1].count("\n") == 3
    assert "\n" not in found.texts[2]


def test_short_lines_in_one_block_stay_one_paragraph() -> None:
    text = "Title\n\nJohn Smith\n12 Main Street\nSpringfield"
    assert detect_paragraphs(text).texts == ("Title", "John Smith\n12 Main Street\nSpringfield")


def test_explicit_rules() -> None:
    text = "One line.\nTwo line.\n\nThree."
    assert detect_paragraphs(text, "blank").texts == ("One line.\nTwo line.", "Three.")
    assert detect_paragraphs(text, "line").texts == ("One line.", "Two line.", "Three.")
    with pytest.raises(ValueError):
        detect_paragraphs(text, "lines")  # type: ignore[arg-type]


def test_hyphen_at_a_wrap_joins_without_a_space() -> None:
    line = "The agreement between the two neighbouring countries was a well-"
    rest = "known and long-standing one that both sides said they would keep for years."
    prose = "A paragraph of other prose that is wrapped at the same width as the first one.\n"
    text = f"{line}\n{rest[:60]}\n{rest[60:]}\n\n{prose[:62]}\n{prose[62:]}"
    found = detect_paragraphs(text)
    assert found.texts[0] == line + rest
    assert_offsets(text)


def test_source_index_maps_back_through_joined_breaks() -> None:
    text = "\n\n".join(
        [
            "Intro.",
            textwrap.fill("alpha beta gamma delta " * 12, 40),
            textwrap.fill("psi " * 40, 40),
        ]
    )
    found = detect_paragraphs(text)
    assert found.wrap_width
    paragraph = found.texts[1]
    start, end = found.offsets[1]
    source = text[start:end]
    for index, char in enumerate(paragraph):
        if not char.isspace():
            assert source[source_index(paragraph, source, index)] == char


def test_whitespace_differences_are_no_change_unless_asked() -> None:
    a = "The officials met on Friday in Beijing.\n\nThey   talked for two hours."
    b = "The officials met\non Friday in Beijing.\n\nThey talked for two hours."
    result = diff_texts(a, b, options=DiffOptions(paragraphs="blank"))
    assert result.identical
    shown = diff_texts(a, b, options=DiffOptions(paragraphs="blank", whitespace=True))
    assert not shown.identical
    assert {s.op for r in shown.rows for s in r.spans} == {"equal", "minor"}


def test_a_merge_is_still_a_change_without_whitespace() -> None:
    a = "Putin will attend the Olympics in Beijing.\n\nHe will hold talks with Xi Jinping."
    b = "Putin will attend the Olympics in Beijing. He will hold talks with Xi Jinping."
    result = diff_texts(a, b, options=DiffOptions(paragraphs="blank"))
    assert not result.identical
    assert [(r.a, r.b) for r in result.rows] == [((0, 1), (0,))]


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
_PARAGRAPH = st.lists(_WORDS, min_size=25, max_size=70).map(
    lambda ws: ws[0].capitalize() + " " + " ".join(ws[1:]) + "."
)


@settings(max_examples=150, deadline=None)
@given(paragraphs=st.lists(_PARAGRAPH, min_size=2, max_size=6), width=st.integers(40, 100))
def test_wrapping_at_any_width_gives_back_the_paragraphs(paragraphs: list[str], width: int) -> None:
    wrapped = "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
    assert detect_paragraphs(wrapped).texts == tuple(paragraphs)
    unwrapped = "\n\n".join(paragraphs)
    assert detect_paragraphs(unwrapped).texts == tuple(paragraphs)
