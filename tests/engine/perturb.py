"""Deterministic article pairs with known paragraph links, for the quality tests.

A pair starts from a base article (a seed, or the built-in unrelated prose) and derives
a copy by deleting, inserting (paragraphs from an unrelated source or boilerplate),
splitting (at sentence boundaries), merging and moving (possibly also editing)
paragraphs, and by editing words: synonym swaps, sentence reordering, quote/dash/space
style, look-alike letters, number changes. Every B paragraph remembers the A paragraphs
it came from, so the truth is a set of (i, j) links tagged with the edit that made them.

Everything is driven by one ``random.Random(seed)``: the same arguments always give the
same pair. Also used by ``benchmarks/make_pairs.py``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = ROOT / "seeds"

#: A small thesaurus of words common in the seeds (both directions are used).
SYNONYMS: dict[str, str] = {
    "officials": "officers",
    "concerns": "worries",
    "present": "on hand",
    "tensions": "strains",
    "talks": "discussions",
    "meeting": "gathering",
    "leaders": "heads",
    "country": "nation",
    "countries": "nations",
    "said": "stated",
    "strengthen": "reinforce",
    "ties": "links",
    "pressure": "strain",
    "military": "armed",
    "allies": "partners",
    "security": "safety",
    "issues": "matters",
    "issue": "matter",
    "important": "significant",
    "relations": "relationship",
    "criticized": "condemned",
    "attempts": "efforts",
    "international": "global",
    "further": "additional",
    "support": "backing",
    "rejected": "dismissed",
    "denied": "refuted",
    "noted": "remarked",
    "emphasized": "stressed",
    "statement": "declaration",
    "agreements": "accords",
    "cooperation": "collaboration",
    "demands": "requests",
    "views": "opinions",
    "close": "tight",
    "policy": "approach",
    "help": "assist",
    "held": "hosted",
    "claims": "assertions",
    "rights": "liberties",
    "troops": "soldiers",
    "border": "frontier",
    "attend": "join",
    "first": "initial",
    "also": "additionally",
    "could": "might",
    "will": "shall",
    "large": "big",
    "buildup": "build-up",
    "since": "ever since",
    "many": "numerous",
    "recent": "latest",
    "begin": "start",
    "plants": "crops",
    "garden": "yard",
    "quickly": "rapidly",
    "small": "little",
    "often": "frequently",
    "people": "folks",
    "water": "moisture",
    "bright": "brilliant",
    "old": "aged",
}
_SYNONYM_TABLE: dict[str, str] = {**{v: k for k, v in SYNONYMS.items()}, **SYNONYMS}
_SYNONYM_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _SYNONYM_TABLE), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

#: Latin letters and the Cyrillic letters that look like them.
LOOKALIKES: dict[str, str] = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х"}

BOILERPLATE: tuple[str, ...] = (
    "Advertisement",
    "Sign up for our daily newsletter to get the latest headlines delivered to your inbox.",
    "© 2022 Example Media Group. All rights reserved. Terms of Use | Privacy Policy",
    "Share this article: Facebook Twitter Email WhatsApp",
    "Home News World Business Opinion Sport Culture Weather Podcasts",
    "Photo: Getty Images",
    "Comments are closed.",
    "Click here to subscribe for unlimited digital access for just $1 a week.",
    "By Staff Reporter | Updated 3:45 p.m.",
    "Most read: Ten recipes for a cold evening; The best hiking trails near you",
)

#: Unrelated prose: the "other text" base and a pool of inserted paragraphs.
FILLER: tuple[str, ...] = (
    "Tomatoes need at least six hours of direct sun a day, and the soil should drain well. "
    "Gardeners who plant them too early often lose the seedlings to a late frost. "
    "Waiting until the nights stay above ten degrees is the safest choice.",
    "A sourdough starter is little more than flour and water left to ferment. Feed it twice "
    "a day for a week and it will smell pleasantly sour. Bakers keep the same starter for "
    "decades and sometimes give portions of it to friends.",
    "The comet will be visible to the naked eye for about two weeks in early spring. "
    "Astronomers recommend looking low in the western sky just after sunset. Binoculars "
    "reveal its faint tail stretching away from the sun.",
    "The library reopened on Monday after a renovation that took almost three years. Its "
    "reading room now has larger windows and quieter heating. Visitors praised the new "
    "children's corner and the longer opening hours.",
    "Regular stretching keeps muscles supple and reduces the risk of injury. Physiotherapists "
    "suggest holding each stretch for thirty seconds without bouncing. A short routine in "
    "the morning is easier to keep than a long one at night.",
    "The old railway bridge was built in 1887 from local stone. Engineers inspected it last "
    "autumn and found the arches in remarkably good condition. The town plans to open it to "
    "cyclists and walkers next summer.",
    "Beekeepers reported a good honey harvest this year thanks to a warm, dry July. Lime "
    "trees and clover flowered for longer than usual. Prices at the farmers' market have "
    "nevertheless stayed the same.",
    "Chess clubs across the region have seen membership double since the pandemic. Many new "
    "players learned online and now want to play across a real board. Tournament organisers "
    "are looking for larger halls.",
    "Fresh snow fell overnight in the mountains, and the ski lifts will open on Saturday. "
    "Avalanche warnings remain in place on the northern slopes. Rescue teams ask visitors to "
    "stay on marked runs.",
    "The museum's new exhibition brings together paintings of the sea from four centuries. "
    "Storms, harbours and quiet beaches hang side by side. Curators borrowed several works "
    "from private collections that have never been shown in public.",
    "Small gardens can still host a surprising variety of plants. Climbing beans grow up "
    "fences, herbs thrive in pots on a windowsill, and a single apple tree can be trained "
    "flat against a wall. Good planning matters more than space.",
    "Cyclists in the city now have a network of protected lanes linking the station to the "
    "university. Traffic counts show a steady rise in bicycle journeys. Shopkeepers along "
    "the route were worried at first but report no loss of trade.",
)

_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’']))\s+(?=[A-Z“\"‘'])")
_NUMBER_RE = re.compile(r"\d+")
_NUMBER_WORDS = {"two": "three", "three": "four", "four": "five", "five": "six", "six": "two"}


@dataclass(frozen=True)
class Pair:
    """A generated article pair and its truth."""

    name: str
    a_paragraphs: tuple[str, ...]
    b_paragraphs: tuple[str, ...]
    #: (i, j) -> the edit that produced the link ("keep", "synonym", "split", ...).
    links: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def a(self) -> str:
        """The A article's text (paragraphs separated by a blank line)."""
        return "\n\n".join(self.a_paragraphs)

    @property
    def b(self) -> str:
        """The B article's text."""
        return "\n\n".join(self.b_paragraphs)

    @property
    def truth(self) -> set[tuple[int, int]]:
        """The set of true (i, j) links."""
        return set(self.links)


@dataclass
class _Item:
    text: str
    sources: tuple[int, ...]
    category: str
    move: bool = False


def seed_paragraphs() -> dict[str, tuple[str, ...]]:
    """Paragraphs of each seed keyed by prefix ("000" ... "004"), by the normative rule."""
    from tui.engine import load_article

    return {
        p.name[:3]: load_article(p.read_bytes(), p.name).paragraphs
        for p in sorted(SEEDS_DIR.glob("*.txt"))
    }


def word_count(text: str) -> int:
    """Words in ``text`` (runs of word characters)."""
    return len(re.findall(r"\w+", text))


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph (a simple rule: end mark, space, capital)."""
    return [s for s in _SENTENCE_SPLIT.split(text) if s.strip()]


def _match_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def swap_synonyms(text: str, rng: random.Random, share: float = 0.7) -> str:
    """Replace about ``share`` of the words found in the thesaurus by their synonym."""

    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() >= share:
            return word
        return _match_case(word, _SYNONYM_TABLE[word.lower()])

    return _SYNONYM_RE.sub(repl, text)


def reorder_sentences(text: str, rng: random.Random) -> str:
    """Shuffle the sentences of a paragraph (a different order when there are two or more)."""
    parts = sentences(text)
    if len(parts) < 2:
        return text
    order = list(range(len(parts)))
    while order == sorted(order):
        rng.shuffle(order)
    return " ".join(parts[k] for k in order)


def restyle(text: str, rng: random.Random) -> str:
    """Quote, apostrophe, dash and space style changes: the 'minor' kind of edit."""
    if "“" in text or "’" in text:
        text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    else:
        text = re.sub(r'"([^"]*)"', r"“\1”", text).replace("'", "’")
    text = text.replace(" — ", " - ") if " — " in text else text.replace(" - ", " — ")
    words = text.split(" ")
    for _ in range(max(1, len(words) // 15)):
        k = rng.randrange(len(words))
        if k + 1 < len(words):
            words[k] = words[k] + "\u00a0" + words.pop(k + 1)
    return " ".join(words)


def add_homoglyphs(text: str, rng: random.Random, count: int = 3) -> str:
    """Swap a few Latin letters for Cyrillic look-alikes."""
    chars = list(text)
    spots = [k for k, ch in enumerate(chars) if ch in LOOKALIKES]
    for k in rng.sample(spots, min(count, len(spots))):
        chars[k] = LOOKALIKES[chars[k]]
    return "".join(chars)


def change_numbers(text: str, rng: random.Random) -> str:
    """Change the numbers of a paragraph (or a number word when it has no digits)."""
    if _NUMBER_RE.search(text):
        return _NUMBER_RE.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), text)
    for word, other in _NUMBER_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            return re.sub(rf"\b{word}\b", other, text, count=1)
    return text


def split_points(text: str, parts: int, min_words: int = 8) -> list[str] | None:
    """Cut ``text`` at sentence boundaries into ``parts`` pieces of >= ``min_words`` words."""
    sents = sentences(text)
    if len(sents) < parts:
        return None
    best: list[str] | None = None
    best_spread = None
    n = len(sents)
    cuts_list = [(c,) for c in range(1, n)] if parts == 2 else []
    if parts == 3:
        cuts_list = [(c, d) for c in range(1, n) for d in range(c + 1, n)]
    for cuts in cuts_list:
        bounds = [0, *cuts, n]
        pieces = [" ".join(sents[bounds[k] : bounds[k + 1]]) for k in range(parts)]
        counts = [word_count(p) for p in pieces]
        if min(counts) < min_words:
            continue
        spread = max(counts) - min(counts)
        if best_spread is None or spread < best_spread:
            best, best_spread = pieces, spread
    return best


def edit_paragraph(text: str, rng: random.Random, kind: str) -> str:
    """Apply one named word-level edit to a paragraph."""
    if kind == "synonym":
        return swap_synonyms(text, rng)
    if kind == "reorder":
        return reorder_sentences(text, rng)
    if kind == "style":
        return restyle(text, rng)
    if kind == "homoglyph":
        return add_homoglyphs(text, rng)
    if kind == "number":
        return change_numbers(text, rng)
    if kind == "reworded":  # several at once, as a heavy rewrite would
        return restyle(reorder_sentences(swap_synonyms(text, rng, 0.9), rng), rng)
    return text


#: Paragraph-level operations and their weights (light edits dominate, as in real copies).
OPERATIONS: tuple[tuple[str, float], ...] = (
    ("keep", 0.10),
    ("synonym", 0.18),
    ("reorder", 0.07),
    ("style", 0.08),
    ("homoglyph", 0.05),
    ("number", 0.06),
    ("reworded", 0.07),
    ("split", 0.09),
    ("merge", 0.08),
    ("delete", 0.08),
    ("move", 0.07),
    ("move_edited", 0.07),
)


def _pick(rng: random.Random) -> str:
    names = [n for n, _ in OPERATIONS]
    return rng.choices(names, weights=[w for _, w in OPERATIONS])[0]


def perturb_paragraphs(
    paragraphs: Sequence[str],
    rng: random.Random,
    pool: Sequence[str],
    inserts: int = 2,
    min_words: int = 8,
) -> tuple[list[str], dict[tuple[int, int], str]]:
    """Derive a copy of ``paragraphs``; returns its paragraphs and the tagged links.

    Paragraphs shorter than ``min_words`` words are only kept, restyled or deleted.
    ``inserts`` paragraphs are drawn from ``pool`` (text unrelated to the base).
    """
    items: list[_Item] = []
    i = 0
    while i < len(paragraphs):
        text = paragraphs[i]
        op = _pick(rng)
        short = word_count(text) < min_words
        if short and op not in ("keep", "style", "delete"):
            op = "keep"
        if op == "split":
            pieces = split_points(text, 3 if rng.random() < 0.25 else 2, min_words) or (
                split_points(text, 2, min_words)
            )
            if pieces:
                for piece in pieces:
                    edited = swap_synonyms(piece, rng, 0.3)
                    items.append(_Item(edited, (i,), "split"))
                i += 1
                continue
            op = "synonym"
        if op == "merge":
            nxt = i + 1
            if nxt < len(paragraphs) and word_count(paragraphs[nxt]) >= min_words:
                joined = swap_synonyms(text + " " + paragraphs[nxt], rng, 0.3)
                items.append(_Item(joined, (i, nxt), "merge"))
                i += 2
                continue
            op = "synonym"
        if op == "delete":
            i += 1
            continue
        if op in ("move", "move_edited"):
            edited = edit_paragraph(text, rng, "synonym") if op == "move_edited" else text
            items.append(_Item(edited, (i,), op, move=True))
            i += 1
            continue
        items.append(_Item(edit_paragraph(text, rng, op), (i,), op))
        i += 1
    _apply_moves(items, rng)
    for text in rng.sample(list(pool), min(inserts, len(pool))):
        items.insert(rng.choice(_free_slots(items)), _Item(text, (), "insert"))
    links: dict[tuple[int, int], str] = {}
    for j, item in enumerate(items):
        for src in item.sources:
            links[(src, j)] = item.category
    return [item.text for item in items], links


def _free_slots(items: list[_Item]) -> list[int]:
    """Insertion points that do not fall between the pieces of one split paragraph."""
    return [
        p
        for p in range(len(items) + 1)
        if p in (0, len(items)) or items[p - 1].sources != items[p].sources
    ]


def _apply_moves(items: list[_Item], rng: random.Random) -> None:
    """Move each item marked ``move`` at least three places away from where it was."""
    for item in [it for it in items if it.move]:
        k = items.index(item)
        items.pop(k)
        far = [p for p in _free_slots(items) if abs(p - k) >= 3]
        items.insert(rng.choice(far) if far else len(items), item)
        item.move = False


def unrelated_pool(base: str, seeds: dict[str, tuple[str, ...]]) -> list[str]:
    """Paragraphs that have nothing to do with ``base``: boilerplate, filler prose and, for
    seeds 000-003 (one story), seed 004 (another article); for 004 and the filler, the others.
    A paragraph that quotes the same remark on 'politicizing' sport is left out (the one
    legitimate overlap between 004 and the others)."""
    if base in ("000", "001", "002", "003"):
        others = list(seeds["004"])
    elif base == "004":
        others = [p for k in ("000", "001", "002", "003") for p in seeds[k]]
    else:
        others = [p for k in sorted(seeds) for p in seeds[k]]
    others = [p for p in others if word_count(p) >= 12 and "politiciz" not in p]
    filler = list(FILLER) if base != "filler" else []
    return [*BOILERPLATE, *filler, *others]


def make_pair(base: str, seed: int, seeds: dict[str, tuple[str, ...]] | None = None) -> Pair:
    """A pair derived from ``base`` ("000" ... "004" or "filler") with random seed ``seed``."""
    seeds = seeds if seeds is not None else seed_paragraphs()
    rng = random.Random(f"{base}:{seed}")
    a_paragraphs = tuple(FILLER) if base == "filler" else seeds[base]
    b_paragraphs, links = perturb_paragraphs(
        a_paragraphs, rng, unrelated_pool(base, seeds), inserts=rng.randint(1, 3)
    )
    return Pair(f"{base}/{seed}", a_paragraphs, tuple(b_paragraphs), links)


BASES: tuple[str, ...] = ("000", "001", "002", "003", "004", "filler")


def quality_pairs(per_base: int = 8) -> list[Pair]:
    """The quality gold set: ``per_base`` pairs for each base."""
    seeds = seed_paragraphs()
    return [make_pair(base, k, seeds) for base in BASES for k in range(per_base)]
