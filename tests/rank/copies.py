"""A folder of copies of seed 000 with known changes, made fresh by each test that needs it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: A standalone number in running text (not part of a date such as 2022-02-03).
_NUMBER = re.compile(r"(?<![\d\-/.,])\b(\d{1,4})\b(?![\-/.,]?\d)")


@dataclass(frozen=True)
class Copies:
    """The original, the folder of copies and each copy's path."""

    original: Path
    folder: Path
    identical: Path
    number: Path
    cut: Path
    unrelated: Path
    broken: Path
    old_number: str
    new_number: str

    @property
    def expected_order(self) -> list[Path]:
        """By coverage: all of it, all but one number, all but a paragraph, almost none;
        the unreadable copy last."""
        return [self.identical, self.number, self.cut, self.unrelated, self.broken]


def change_one_number(paragraphs: list[str]) -> tuple[list[str], str, str]:
    """``paragraphs`` with the first standalone number of a middle paragraph changed."""
    for k in range(len(paragraphs) // 3, len(paragraphs)):
        match = _NUMBER.search(paragraphs[k])
        if match:
            old = match.group(1)
            new = str(int(old) + 7)
            changed = list(paragraphs)
            changed[k] = paragraphs[k][: match.start(1)] + new + paragraphs[k][match.end(1) :]
            return changed, old, new
    raise AssertionError("no number to change in the seed")


def make_copies(seeds: dict[str, Path], root: Path) -> Copies:
    """Write the original (seed 000) beside a folder holding its copies."""
    text = seeds["000"].read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    folder = root / "copies"
    folder.mkdir()
    original = root / "original.txt"
    original.write_text(text, encoding="utf-8")
    numbered, old, new = change_one_number(paragraphs)
    cut = paragraphs[: len(paragraphs) // 2] + paragraphs[len(paragraphs) // 2 + 1 :]
    copies = Copies(
        original=original,
        folder=folder,
        identical=folder / "identical.txt",
        number=folder / "number.txt",
        cut=folder / "cut.md",
        unrelated=folder / "sub" / "unrelated",  # no suffix: found by sniffing, in a sub-folder
        broken=folder / "broken.txt",
        old_number=old,
        new_number=new,
    )
    copies.identical.write_text(text, encoding="utf-8")
    copies.number.write_text("\n\n".join(numbered) + "\n", encoding="utf-8")
    copies.cut.write_text("\n\n".join(cut) + "\n", encoding="utf-8")
    copies.unrelated.parent.mkdir()
    copies.unrelated.write_bytes(seeds["004"].read_bytes())
    copies.broken.write_bytes(bytes(range(256)) * 16)  # a binary file named .txt
    return copies
