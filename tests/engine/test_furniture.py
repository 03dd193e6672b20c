"""Page furniture: the seeds, and precision and recall on a labelled set of real pages."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.test_furniture_fast import BYLINE_HINT
from tui.engine import diff_texts, result_from_dict, result_to_dict
from tui.engine.furniture import furniture_flags, is_furniture
from tui.engine.loading import decode_bytes
from tui.engine.paragraphs import detect_paragraphs

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {p.name[:3]: p for p in sorted((ROOT / "seeds").glob("*.txt"))}
LABELLED = ROOT / "tests" / "data" / "furniture" / "labelled.jsonl"


def seed_paragraphs(key: str) -> tuple[str, ...]:
    return detect_paragraphs(decode_bytes(SEEDS[key].read_bytes())[0]).texts


def story_body(paragraphs: tuple[str, ...]) -> list[str]:
    """Paragraphs that read as the story: twenty words or more, ending a sentence."""
    return [p for p in paragraphs if len(p.split()) >= 20 and p.rstrip()[-1] in ".\"”'’"]


def test_seed_002_navigation_byline_and_caption_are_furniture() -> None:
    paragraphs = seed_paragraphs("002")
    flags = furniture_flags(paragraphs)
    assert paragraphs[0].startswith("Today's Paper")  # the navigation bar
    assert "VLADIMIR ISACHENKOV" in paragraphs[2] and "(AP/" in paragraphs[2]  # byline, caption
    assert flags[0] and flags[2]
    assert not flags[1]  # the headline is content


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_no_story_paragraph_of_a_seed_is_furniture(key: str) -> None:
    paragraphs = seed_paragraphs(key)
    flags = dict(zip(paragraphs, furniture_flags(paragraphs), strict=True))
    body = story_body(paragraphs)
    assert len(body) >= 10
    assert [p[:60] for p in body if flags[p] and "©" not in p and "Copyright" not in p] == []


def load_labelled() -> dict[str, list[dict]]:
    by_source: dict[str, list[dict]] = defaultdict(list)
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        by_source[item["source"]].append(item)
    return by_source


def precision_recall(split: str | None) -> tuple[float, float, int]:
    """Judged page by page (repetition counts within a page), as a reader meets them."""
    tp = fp = fn = n = 0
    for items in load_labelled().values():
        flags = furniture_flags([i["text"] for i in items])
        for item, flag in zip(items, flags, strict=True):
            if split is not None and item["split"] != split:
                continue
            n += 1
            tp += flag and item["furniture"]
            fp += flag and not item["furniture"]
            fn += not flag and item["furniture"]
    return tp / max(1, tp + fp), tp / max(1, tp + fn), n


def test_labelled_set_is_from_several_sources_with_a_held_out_half() -> None:
    by_source = load_labelled()
    assert len(by_source) >= 10
    splits = {item["split"] for items in by_source.values() for item in items}
    assert splits == {"train", "test"}
    for items in by_source.values():
        assert len({i["split"] for i in items}) == 1  # whole pages are held out


@pytest.mark.parametrize("split", ["test", None], ids=["held-out", "all"])
def test_precision_and_recall_on_real_pages(split: str | None) -> None:
    precision, recall, n = precision_recall(split)
    assert n >= 40
    # Furniture that is wrongly hidden costs more than furniture left visible.
    assert precision >= 0.9
    assert recall >= 0.6


def test_single_paragraph_judgements() -> None:
    assert is_furniture("By JANE DOE and JOHN ROE Associated Press")
    assert is_furniture("Photo: Jane Doe / Reuters")
    assert is_furniture("Copyright © 2024 Example News. All rights reserved.")
    assert is_furniture("Share on Facebook | Share on X | Email")
    assert is_furniture("Updated 5:42 PM EDT, Tue March 5, 2024")
    assert not is_furniture("Share prices fell sharply on Tuesday after the central bank said.")
    assert not is_furniture("Chapter 1")
    assert not is_furniture(
        "By the end of the week, officials said, the two leaders had signed a pact on "
        "energy and trade that both called historic."
    )


def test_furniture_reaches_rows_and_the_json() -> None:
    a = "Home | World | Sports | Opinion\n\nThe council approved the budget on Monday."
    b = "Home | World | Business | Opinion\n\nThe council approved the budget on Tuesday."
    result = diff_texts(a, b)
    assert result.a.furniture == (True, False)
    assert [r.furniture for r in result.rows] == [True, False]
    assert result.stats.similarity_body != result.stats.similarity
    document = result_to_dict(result)
    assert document["rows"][0]["furniture"] is True
    assert result_from_dict(document) == result


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d["a"].update(furniture=[True, False, False]), "offsets or furniture"),
        (lambda d: d["a"].update(offsets=[[0, 31], [5, 80]]), "a.offsets[1]"),
        (lambda d: d["a"].update(offsets=[[0, 3], [33, 76]]), "a.offsets[0]"),
        (lambda d: d["rows"][0].update(furniture=False), "rows[0].furniture"),
        (lambda d: d["stats"]["furniture"].update(a=2), "stats.furniture.a"),
        (lambda d: d["stats"].update(similarity_body=1.5), "similarity_body"),
        (lambda d: d["a"].update(paragraph_rule="sentences"), "paragraph_rule"),
    ],
)
def test_validators_check_the_paragraph_fields(change: object, problem: str) -> None:
    """Snapshots and JSON read back: offsets must fit the paragraphs, flags count one
    per paragraph and agree with the rows and the figures."""
    from tui.engine.model import ResultFormatError
    from tui.engine.validate import result_problem

    a = "Home | World | Sports | Opinion\n\nThe council approved the budget on Monday."
    document = result_to_dict(diff_texts(a, a.replace("Monday", "Tuesday")))
    assert result_problem(result_from_dict(document)) is None
    change(document)  # type: ignore[operator]
    try:
        found = result_problem(result_from_dict(document))
    except ResultFormatError as exc:
        found = str(exc)
    assert found is not None and problem in found


def test_version_1_documents_still_load() -> None:
    document = result_to_dict(diff_texts("Home | World\n\nA story.", "Home | World\n\nA tale."))
    document["version"] = 1
    for side in "ab":
        for key in ("paragraph_rule", "wrap_width", "offsets", "furniture", "metadata"):
            document[side].pop(key, None)
    for row in document["rows"]:
        row.pop("furniture")
    for key in ("similarity_body", "furniture"):
        document["stats"].pop(key)
    document.pop("facts", None)
    result = result_from_dict(document)
    assert result.a.furniture == () and result.stats.body_similarity == result.stats.similarity


_WORDISH = st.text(alphabet=st.sampled_from(list("ab1_'’. -\n©İıſß\u0307é")), max_size=80)


@given(_WORDISH)
@settings(max_examples=300, deadline=None)
def test_word_limits_count_words_as_the_word_pattern_finds_them(text: str) -> None:
    from tui.engine import furniture

    words = len(furniture._WORD.findall(text))
    greedy = r"[^\W_]+(?:['’.][^\W_]+)*"  # the possessive word pattern finds the same words
    assert furniture._WORD.findall(text) == re.findall(greedy, text)
    assert bool(furniture._NOT_SHORT.match(text)) == (words > furniture.SHORT_WORDS)


def test_casefolding_joins_words_only_by_the_one_character_set_aside() -> None:
    """furniture_flags skips the key of a paragraph with a line of prose: sound only if
    casefolding never makes fewer words of a text without ``_FOLDS_INTO_LETTER``."""
    import sys

    from tui.engine import furniture

    letter = re.compile(r"[^\W_]")
    joiners = "'’."

    def kind(ch: str) -> str:
        return "joiner" if ch in joiners else "letter" if letter.match(ch) else "other"

    joining = []
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        folded = ch.casefold()
        if folded == ch:
            continue
        kinds = {kind(c) for c in folded}
        keeps_words = {
            "letter": "letter" in kinds and "joiner" not in kinds,
            "other": kinds == {"other"},
            "joiner": False,
        }[kind(ch)]
        if not keeps_words:
            joining.append(ch)
    assert "".join(joining) == furniture._FOLDS_INTO_LETTER


@given(st.lists(st.sampled_from(["prose words here", "\u0345", "ͅa", "b", "\n", "Sign up"])))
@settings(max_examples=100, deadline=None)
def test_a_paragraph_of_more_than_short_words_leaves_no_short_key(parts: list[str]) -> None:
    from tui.engine import furniture

    text = " ".join(parts * 3)
    long = len(furniture._WORD.findall(text)) > furniture.SHORT_WORDS
    if long and furniture._FOLDS_INTO_LETTER not in text:
        assert furniture._short_key(text) is None


def test_prompt_phrases_grouped_by_letter_match_as_a_flat_alternation() -> None:
    from tui.engine import furniture

    flat = re.compile(rf"\b(?:{'|'.join(furniture._PROMPT_PHRASES)})\b", re.I)
    texts = [
        "Sign up for our newsletter; SIGNING UP is free. ſign in, log in or login.",
        "Read more: related stories, most popular, view comments, no comments, comment.",
        "Editor's note: editors note. Printable view, print, e-mail, email, archive for 2020.",
        "Cookies and privacy policy; terms of use, terms of service, click here, trending.",
        *(p for doc in SEEDS.values() for p in decode_bytes(doc.read_bytes())[0].split("\n")),
    ]
    for text in texts:
        assert furniture._PROMPT.findall(text) == flat.findall(text)


_LINKISH = st.text(
    alphabet=st.sampled_from(list("abcwWsSpPtThH:/.@-_ |•›»·→←İıſK\nBbYyCOMUKc1")), max_size=40
)


@given(_LINKISH)
@settings(max_examples=400, deadline=None)
def test_the_hints_are_in_every_match_of_their_patterns(text: str) -> None:
    """A line without a pattern's hint is not scanned: the hint must be in every match."""
    from tui.engine import furniture

    for pattern, hint in (
        (furniture._LINK, re.compile(rf"[:@]|{furniture._LINK_DOT.pattern}")),
        (furniture._BYLINE_CAPS, BYLINE_HINT),
        (furniture._SEPARATORS, re.compile(f"[{re.escape(furniture._SEPARATOR_CHARS)}]")),
    ):
        for match in pattern.finditer(text):
            assert hint.search(match.group()), (pattern.pattern, match.group())


def test_the_hints_let_links_bylines_and_separators_through() -> None:
    lines = [
        "See www.example.com",
        "Mail desk@example.org",
        "https://t.co/x",
        "foo.NEWS today",
        "Story by JOHN SMITH AND JANE DOE",
        "Home | World | Sport",
        "Politics › Europe",
    ]
    assert [is_furniture(line) for line in lines] == [True] * len(lines)


def _flags_paragraph_by_paragraph(paragraphs: tuple[str, ...]) -> tuple[bool, ...]:
    """furniture_flags by its definition: each paragraph judged by is_furniture, repeated
    when its short key is the key of another paragraph."""
    from collections import Counter

    from tui.engine import furniture

    keys = [furniture._short_key(p) for p in paragraphs]
    counts = Counter(key for key in keys if key is not None)
    return tuple(
        is_furniture(p, key is not None and counts[key] > 1)
        for p, key in zip(paragraphs, keys, strict=True)
    )


_PARAGRAPH_PIECES = [
    "Share on Facebook | Share on X",
    "Photo: Jane Doe / Reuters",
    "Copyright © 2024 Example News. All rights reserved.",
    "Updated 5:42 PM EDT",
    "By JANE DOE",
    "Chapter 1",
    "Sign up",
    " ".join(["Prose words run on"] * 9) + ".",
    "The council met on Tuesday and agreed the budget.",
]


@given(st.lists(st.lists(st.sampled_from(_PARAGRAPH_PIECES), min_size=1, max_size=3), max_size=8))
@settings(max_examples=200, deadline=None)
def test_flags_settle_each_line_once_as_the_paragraph_by_paragraph_rule_does(
    pieces: list[list[str]],
) -> None:
    paragraphs = tuple("\n".join(lines) for lines in pieces)
    assert furniture_flags(paragraphs) == _flags_paragraph_by_paragraph(paragraphs)


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seed_flags_match_the_paragraph_by_paragraph_rule(key: str) -> None:
    paragraphs = seed_paragraphs(key)
    assert furniture_flags(paragraphs) == _flags_paragraph_by_paragraph(paragraphs)
