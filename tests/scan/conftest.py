"""Small generated corpora for the scan tests: unrelated filler, planted copies of the wire
story (seed 002) made from the other seeds, a hard negative (seed 004) and bad input."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.conftest import seed_paths
from tui.engine.loading import split_paragraphs

#: Planted copies and what they are; every one carries >= 30% of the original.
COPIES = ("verbatim", "spun", "paraphrased", "backtranslated", "cut-half", "merged")
NEGATIVE = "other-story"


def seed_paragraphs(prefix: str) -> list[str]:
    return list(split_paragraphs(seed_paths()[prefix].read_text(encoding="utf-8")))


def filler_paragraphs(rng: random.Random, count: int) -> list[str]:
    """Paragraphs of made-up words: text that shares nothing with the story."""
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "quil", "dor", "pe", "zu", "ny", "bra"]
    vocabulary = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(900)})
    return [
        " ".join(rng.choices(vocabulary, k=rng.randint(25, 60))).capitalize() + "."
        for _ in range(count)
    ]


def make_documents(seed: int = 5, filler_docs: int = 40) -> dict[str, str]:
    rng = random.Random(seed)
    filler = filler_paragraphs(rng, 400)
    body = seed_paragraphs("002")[3:]
    documents = {
        f"filler-{i:03d}": "\n\n".join(rng.sample(filler, rng.randint(4, 10)))
        for i in range(filler_docs)
    }
    documents.update(
        {
            "verbatim": "\n\n".join(seed_paragraphs("002")),
            "spun": "\n\n".join(seed_paragraphs("000")),
            "paraphrased": "\n\n".join(seed_paragraphs("001")),
            "backtranslated": "\n\n".join(seed_paragraphs("003")),
            "cut-half": "\n\n".join(body[: len(body) // 2]),
            "merged": "\n\n".join(rng.sample(filler, 20) + body + rng.sample(filler, 20)),
            NEGATIVE: "\n\n".join(seed_paragraphs("004")),
        }
    )
    return documents


#: Lines of a JSON Lines corpus that must be reported, each with why.
BAD_LINES = [
    ('{"id": "broken", "text": "unterminated', "not JSON"),
    (json.dumps({"id": "no-text", "body": "words"}), "no 'text' field"),
    (json.dumps({"id": "binary", "text": "\x00\x01\x02\x00\x00\x00binary\x00\x00\x00"}), "binary"),
    ("[1, 2, 3]", "not a JSON object"),
]


def write_jsonl(path: Path, documents: dict[str, str], bad: bool = True) -> dict[int, str]:
    """Write ``documents`` (and the bad lines among them); returns bad line number -> why."""
    lines = [json.dumps({"id": k, "text": v}) for k, v in documents.items()]
    expected: dict[int, str] = {}
    if bad:
        for offset, (line, _why) in enumerate(BAD_LINES):
            lines.insert(5 + offset * 7, line)
        for number, line in enumerate(lines, start=1):
            for bad_line, why in BAD_LINES:
                if line == bad_line:
                    expected[number] = why
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected


@pytest.fixture(scope="session")
def documents() -> dict[str, str]:
    return make_documents()


@pytest.fixture
def original() -> Path:
    return seed_paths()["002"]
