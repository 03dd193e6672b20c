"""Fact detection: which numbers, dates, names, negations, quotations and look-alike
letters a piece of text carries, and whether a change adds, removes or alters one.

A fact that merely moved within a row (reordered sentences) does not count as changed:
:class:`RowFacts` holds the fact vocabulary of each side of the row to check that.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from tui.engine.tokens import HOMOGLYPHS, STOPWORDS, fold_text, stem

NEGATIONS: frozenset[str] = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "neither",
        "nor",
        "without",
        "cannot",
        "n't",
        "nt",
        "didn't",
        "doesn't",
        "don't",
        "isn't",
        "wasn't",
        "weren't",
        "won't",
        "wouldn't",
        "couldn't",
        "shouldn't",
        "can't",
        "hasn't",
        "haven't",
        "hadn't",
        "aren't",
        "ain't",
    ]
)
MONTHS: frozenset[str] = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
WEEKDAYS: frozenset[str] = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
    ]
)
NUMBER_WORDS: dict[str, str] = {
    w: str(n)
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
                     "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
                     "thousand": "1000", "million": "1000000", "billion": "1000000000",
                     "dozen": "12"})  # fmt: skip

#: Lowercase words that can carry a fact (numbers, dates, negations).
_FACT_LEXICON: frozenset[str] = NEGATIONS | MONTHS | WEEKDAYS | frozenset(NUMBER_WORDS)

#: A word as facts see it: a number with separators (2022-02-03, 1,000) or a word
#: with inner apostrophes.
WORD_RE = re.compile(r"\d+(?:[-/.,]\d+)+|\w+(?:['’]\w+)*")
_SENTENCE_END = re.compile(r"(?:[.!?:;][\"“”'‘’)\]]*|\n)\s*$|^\s*$")
_YEAR_RE = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_NUMERIC_DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$")
_DAY_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$")
_HOMOGLYPH_CHARS = frozenset(HOMOGLYPHS)
_DIGIT = re.compile(r"\d")

_QUOTE_MARK = re.compile(r'["“”„«»]|\n\n')


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of ``text`` that lie inside quotation marks.

    Straight quotes alternate open/close; curly and guillemet quotes say which they
    are; a quotation never runs across a paragraph break.
    """
    regions: list[tuple[int, int]] = []
    start = -1
    for match in _QUOTE_MARK.finditer(text):
        mark, pos = match.group(), match.start()
        if mark == "\n\n":
            start = -1
        elif start < 0:
            if mark not in "”»":
                start = pos
        elif mark in '"”»“':
            regions.append((start, pos + 1))
            start = -1
    return regions


def has_homoglyph(text: str) -> bool:
    """True when a Cyrillic/Greek look-alike letter sits in a word with Latin letters."""
    if text.isascii():
        return False
    for word in WORD_RE.findall(text):
        if any(ch in _HOMOGLYPH_CHARS for ch in word) and any(
            "a" <= ch.lower() <= "z" for ch in word
        ):
            return True
    return False


def _normal_number(word: str) -> str | None:
    if _DIGIT.search(word):
        return re.sub(r"[,\s]", "", unicodedata.normalize("NFKC", word.casefold()))
    return NUMBER_WORDS.get(word.casefold())


@dataclass(slots=True)
class Facts:
    numbers: list[str]
    dates: list[str]
    names: list[str]
    negations: list[str]


def _is_sentence_start(text: str, start: int, context_before: str) -> bool:
    preceding = text[max(0, start - 4) : start]
    if start < 4:
        preceding = (context_before + preceding)[-4:]
    return bool(_SENTENCE_END.search(preceding))


def _may_be_fact(word: str) -> bool:
    """Cheap pre-check: lowercase words outside the fact lexicon carry no fact."""
    return not word.islower() or word in _FACT_LEXICON or word.endswith(("n't", "n’t"))


def find_facts(text: str, context_before: str, context_after: str = "") -> Facts:
    """Fact-bearing tokens of ``text``; the contexts decide sentence starts and whether
    a small number is the day of a date ('February 3')."""
    facts = Facts([], [], [], [])
    month_near: bool | None = None
    for match in WORD_RE.finditer(text):
        word = match.group()
        if not _may_be_fact(word):
            continue
        lower = fold_text(word).casefold()
        if (
            _YEAR_RE.match(word)
            or _NUMERIC_DATE_RE.match(word)
            or lower in WEEKDAYS
            or (lower in MONTHS and word[0].isupper())
        ):
            facts.dates.append(lower)
            continue
        number = _normal_number(word)
        if number is not None:
            if _DAY_RE.match(word):
                if month_near is None:
                    window = f"{context_before} {text} {context_after}"
                    month_near = any(
                        w[0].isupper() and w.casefold() in MONTHS for w in WORD_RE.findall(window)
                    )
                if month_near:
                    facts.dates.append(number)
                    continue
            facts.numbers.append(number)
        elif lower in NEGATIONS or lower.endswith(("n't", "n’t")):
            facts.negations.append("not")
        elif (
            word[0].isupper()
            and lower not in STOPWORDS
            and (
                lower not in _COMMON_SENTENCE_STARTERS
                or not _is_sentence_start(text, match.start(), context_before)
            )
        ):
            facts.names.append(stem(lower))
    return facts


_COMMON_SENTENCE_STARTERS = frozenset(
    [
        "after",
        "although",
        "as",
        "at",
        "before",
        "but",
        "despite",
        "during",
        "even",
        "for",
        "however",
        "if",
        "in",
        "meanwhile",
        "many",
        "more",
        "most",
        "moreover",
        "nevertheless",
        "now",
        "officials",
        "once",
        "since",
        "some",
        "still",
        "that",
        "the",
        "their",
        "these",
        "they",
        "this",
        "those",
        "though",
        "thus",
        "under",
        "until",
        "when",
        "where",
        "while",
        "with",
        "yet",
    ]
)


def flags_for(kinds: set[str], homoglyph: bool, quoted: bool) -> tuple[str, ...]:
    order = ("number", "date", "name", "negation", "quote", "homoglyph")
    present = set(kinds)
    if quoted:
        present.add("quote")
    if homoglyph:
        present.add("homoglyph")
    return tuple(f for f in order if f in present)


def fact_kinds(f: Facts) -> set[str]:
    kinds = set()
    if f.numbers:
        kinds.add("number")
    if f.dates:
        kinds.add("date")
    if f.names:
        kinds.add("name")
    if f.negations:
        kinds.add("negation")
    return kinds


@dataclass(slots=True)
class RowFacts:
    """The whole row's texts, their quotation masks and their fact vocabularies."""

    text_a: str
    text_b: str
    _quotes_a: list[tuple[int, int]] | None = None
    _quotes_b: list[tuple[int, int]] | None = None
    _vocab_a: set[str] | None = None
    _vocab_b: set[str] | None = None

    @staticmethod
    def _vocabulary(text: str) -> set[str]:
        """Every fact-like word of ``text`` in the forms :func:`find_facts` produces."""
        vocab = set()
        for word in WORD_RE.findall(text):
            if not _may_be_fact(word):
                continue
            lower = fold_text(word).casefold()
            vocab.add(lower)
            vocab.add(stem(lower))
            number = _normal_number(word)
            if number is not None:
                vocab.add(number)
        return vocab

    def quotes_a(self) -> list[tuple[int, int]]:
        if self._quotes_a is None:
            self._quotes_a = quote_regions(self.text_a)
        return self._quotes_a

    def quotes_b(self) -> list[tuple[int, int]]:
        if self._quotes_b is None:
            self._quotes_b = quote_regions(self.text_b)
        return self._quotes_b

    def vocab_a(self) -> set[str]:
        if self._vocab_a is None:
            self._vocab_a = self._vocabulary(self.text_a)
        return self._vocab_a

    def vocab_b(self) -> set[str]:
        if self._vocab_b is None:
            self._vocab_b = self._vocabulary(self.text_b)
        return self._vocab_b


def inside_quote(regions: list[tuple[int, int]], start: int, text: str) -> bool:
    """True when a word of ``text`` (placed at ``start``) lies inside a quotation."""
    if not regions:
        return False
    for match in WORD_RE.finditer(text):
        pos = start + match.start()
        k = bisect.bisect_right(regions, (pos, len(text) + pos + 1)) - 1
        if k >= 0 and regions[k][0] <= pos < regions[k][1]:
            return True
    return False


def unaccounted(mine: list[str], theirs: list[str], other_vocab: Callable[[], set[str]]) -> bool:
    """True when a fact of ``mine`` is missing from ``theirs`` and from the other side's row.

    A name or number that merely moved within the row (reordering) is accounted for.
    """
    missing = set(mine) - set(theirs)
    if not missing:
        return False
    vocab = other_vocab()
    return any(fact not in vocab for fact in missing)


def new_fact_kinds(facts: Facts, other_vocab: Callable[[], set[str]]) -> set[str]:
    """Kinds of facts that an inserted or deleted span really adds or removes: a name or
    number that also stands elsewhere on the other side merely moved (reordering)."""
    kinds = set()
    for kind, values in (("number", facts.numbers), ("date", facts.dates), ("name", facts.names)):
        if values and unaccounted(values, [], other_vocab):
            kinds.add(kind)
    if facts.negations:
        kinds.add("negation")
    return kinds


def one_sided_flags(text: str) -> tuple[str, ...]:
    """Flags of a text that is wholly inserted or deleted (a fact added or removed)."""
    facts = find_facts(text, "")
    quoted = inside_quote(quote_regions(text), 0, text)
    return flags_for(fact_kinds(facts), has_homoglyph(text), quoted)
