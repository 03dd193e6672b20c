"""The fact ledger: the facts of each side of a row, matched, and every difference.

Facts are numbers (with unit, scale and qualifier), dates and times, names,
quotations (with their speaker when the sentence says who spoke) and negations
(with the word they negate). Each side's facts are keyed by their normal form
(:mod:`tui.engine.factforms`), so one fact written two ways matches itself.
What does not match becomes one entry: ``changed`` (old -> new), ``added``,
``removed``, ``reattributed`` (a quotation with another speaker) or ``variant``
(another spelling of one name). A wholly inserted or deleted paragraph is one
``paragraph`` entry that counts its facts.

Linear in the text: one regular-expression pass per side and a few dictionary
look-ups per fact. Pure: no I/O.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from tui.engine.factforms import (
    NAME_ALIASES,
    NUMBER_WORDS,
    QUALIFIERS,
    RELATIVE_DAYS,
    SCALES,
    UNITS,
    WEEKDAYS,
    date_key,
    month_number,
    name_key,
    name_tokens,
    number_key,
    number_value,
    quote_key,
    similar_names,
    time_key,
)
from tui.engine.model import (
    FACT_KINDS,
    DiffResult,
    FactEntry,
    FactPlace,
    Row,
    mirror_note,
)
from tui.engine.tokens import STOPWORDS, alternation_by_first_letter, fold_text, stem

PARAGRAPH_JOINER = "\n\n"

#: Statuses that say a fact differs (``variant`` does not).
CHANGE_STATUSES: frozenset[str] = frozenset({"changed", "added", "removed", "reattributed"})

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
    ]
)
#: Capitalised words that start sentences without naming anything.
SENTENCE_STARTERS: frozenset[str] = frozenset(
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
        "therefore",
        "previously",
        "instead",
        "also",
        "then",
        "there",
        "here",
        "it",
        "its",
        "we",
        "our",
        "he",
        "she",
        "his",
        "her",
        "i",
        "you",
        "a",
        "an",
        "and",
        "both",
        "each",
        "every",
        "all",
        "another",
        "other",
        "such",
        "what",
        "which",
        "who",
        "why",
        "how",
        "because",
        "so",
        "later",
        "earlier",
        "first",
        "last",
        "next",
        "according",
        "unlike",
        "like",
        "besides",
        "furthermore",
        "additionally",
        "finally",
        "similarly",
        "ultimately",
        "currently",
        "recently",
        "today",
        "yesterday",
        "tomorrow",
    ]
)
_CONNECTORS = frozenset(
    [
        "of",
        "de",
        "da",
        "del",
        "di",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "al",
        "bin",
        "ibn",
        "du",
        "y",
    ]
)
_DETERMINERS = frozenset(
    ["the", "this", "that", "each", "every", "any", "no", "which", "someone", "anyone"]
)
_NOT_A_COUNT_AFTER_ONE = frozenset(["of", "another", "hand", "side"])
SPEECH_VERBS: frozenset[str] = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "adds",
        "stated",
        "states",
        "wrote",
        "writes",
        "noted",
        "notes",
        "emphasized",
        "emphasised",
        "explained",
        "argued",
        "warned",
        "insisted",
        "declared",
        "asked",
        "replied",
        "responded",
        "remarked",
        "claimed",
        "announced",
        "tweeted",
        "commented",
        "acknowledged",
        "admitted",
        "stressed",
    ]
)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jun", "jul", "aug", "sep", "oct", "dec"})
_DATE_PREPOSITIONS = frozenset(
    [
        "in",
        "on",
        "since",
        "until",
        "by",
        "of",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "from",
        "through",
        "till",
        "before",
        "after",
        "this",
        "during",
    ]
)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (plain letters and spaces), longest first (so a
    phrase wins over its first word), grouped by first letter for speed."""
    return alternation_by_first_letter(sorted(words, key=len, reverse=True))


#: Lower-case words the scanner must see (all others are skipped, for speed): number and
#: scale words, negations, relative days, name connectors.
_LEXICON_WORDS = frozenset(
    {*NUMBER_WORDS, *(w for w in SCALES if w.isalpha()), *NEGATIONS, *RELATIVE_DAYS}
    | {"of", "de", "da", "del", "di", "la", "le", "van", "von", "der", "den", "al", "bin"}
    | {"ibn", "du", "y"}
)
_LEXICON = _alternation(_LEXICON_WORDS)
_SCALE_WORDS = frozenset(w for w in SCALES if len(w) > 2)
#: The words a written number (:func:`_numbers`) can start with.
_NUMBER_START_WORDS = frozenset(NUMBER_WORDS) | _SCALE_WORDS
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W{0,2}$")
_WORD_AFTER = re.compile(r"^\W{0,2}([^\W\d_]+)")


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The word just before ``pos`` (lower-cased) and where it starts ("" if none)."""
    m = _WORD_BEFORE.search(text[max(0, pos - 24) : pos])
    if not m:
        return "", pos
    return m.group(1).casefold(), pos - len(text[max(0, pos - 24) : pos]) + m.start(1)


def _word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER.match(text[pos : pos + 24])
    return m.group(1).casefold() if m else ""


#: The scanner's tokens: initialisms ("U.S."), numerals with currency and suffix ("$5",
#: "3rd", "50%"), capitalised words, the lexicon's lower-case words and words ending in
#: n't (at a word start), and the symbols % and °. Every match starts with a character
#: outside a-z, _ and apostrophes, so the regex engine skips the rest (most of the text)
#: at C speed instead of trying a match at every character: a lower-case word is
#: matched with the blank or mark before it (group ``lower``: a-z first, as any other
#: letter starts a capitalised word, which the plain scan tries first); the other tokens start at
#: their first character, which the lookbehind after it sorts into the group that names
#: the token's kind.
_NUMERAL_REST = r"(?:[.,:]\d+)*(?:%|st|nd|rd|th|s)?"
_LOWER_TOKEN = r"(?:" + _LEXICON + r")(?![\w'’])"
_NOT_CONTRACTION = r"[^\W\d_]+n['’]t(?![\w'’])"


def _token_scanner(lower_words: str) -> re.Pattern[str]:
    return re.compile(
        r"[^a-z_'’]"
        r"(?:(?<=[^\w'’%°])(?P<lower>(?=[a-z])(?:" + lower_words + r"))"
        r"|(?<=[\w%°$€£¥])(?:(?<=[%°])(?P<sym>)"
        r"|(?<=[$€£¥])\d+" + _NUMERAL_REST + r"(?P<cur>)"
        r"|(?<=[A-Z])\.(?:[A-Z]\.)+(?P<init>)"
        r"|(?<=\d)\d*" + _NUMERAL_REST + r"(?P<num>)"
        r"|(?<=[^\W\d_a-z])(?<![\w'’].)[^\W\d_]*(?:['’][^\W\d_]+)*(?P<word>)))"
    )


_TOKEN = _token_scanner(_LOWER_TOKEN + "|" + _NOT_CONTRACTION)
_TOKEN_SCANNERS = (
    _TOKEN,
    _token_scanner(_LOWER_TOKEN),
    re.compile(r"(?<![\w'’])(?:" + _LOWER_TOKEN + "|" + _NOT_CONTRACTION + ")"),
)
_MONTH_NAME = re.compile(
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?$"
)
_MONTH_INITIALS = frozenset("JFMASOND")
#: Weekdays and relative days, also with the one full stop a word token may end with.
_DAY_WORDS = frozenset(word + stop for word in (*WEEKDAYS, *RELATIVE_DAYS) for stop in ("", "."))
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}$")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_MERIDIEM = re.compile(r"\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:[.!?:;][\"“”'‘’)\]]*\s+|\n|^)[\"“‘(\[]*$")
#: The quotation marks, straight, curly and guillemets.
QUOTE_MARKS = '"“”„«»'
_PLAIN_WORD = re.compile(r"[^\W_]+")
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")
_ISO_ANYWHERE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")


class Fact(NamedTuple):
    """One fact on one side: where it stands in the row text and what it is (a named
    tuple: a row's scan makes many, and a frozen dataclass is slow to make)."""

    kind: str
    start: int
    end: int
    text: str
    key: str
    speaker: str = ""
    speaker_at: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class RowEntry:
    """A ledger entry in row-text coordinates (paragraphs joined by a blank line)."""

    kind: str
    status: str
    old: str
    new: str
    a: tuple[int, int] | None
    b: tuple[int, int] | None
    note: str = ""

    def mirrored(self) -> RowEntry:
        """The same entry seen from the other side (as :meth:`FactEntry.mirrored`)."""
        status = {"added": "removed", "removed": "added"}.get(self.status, self.status)
        return RowEntry(
            self.kind, status, self.new, self.old, self.b, self.a, mirror_note(self.note)
        )


class _Tok:
    """A token of the fact scanner (a plain class: millions are made)."""

    __slots__ = ("all_caps", "capitalised", "end", "group", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str, group: str) -> None:
        self.start, self.end, self.text, self.group = start, end, text, group
        self.lower = text.casefold()
        # Asked of nearly every token, often twice: told once. (A trailing full stop
        # counts for no letter; a word's first character is a letter.)
        word = group == "word"
        self.capitalised = group == "init" or (
            word and text[0].isupper() and len(text.rstrip(".")) > 1
        )
        #: A word in capitals ("NATO", "SHOUTING").
        self.all_caps = word and text.isupper() and len(text.rstrip(".")) > 1


#: Words that keep their full stop: titles, month abbreviations, initials.
ABBREVIATIONS: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "gov",
        "prof",
        "rev",
        "lt",
        "col",
        "capt",
        "sgt",
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


def _skipping_scan(
    scanners: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]],
    text: str,
    start: int,
    end: int,
) -> list[tuple[int, int, str]]:
    """The matches ``(start, end, group)`` in ``text[start:end]`` of a regex written to
    skip (:data:`_TOKEN`, :data:`_MATERIAL_SCANNERS`): the matches of the plain regex it stands for.

    ``scanners``: the skipping regex, the same without its n't words (used where the
    text has no n't), and the lower-case words at a word start alone, for the word
    whose blank or mark the match before took ("50%of"). A match of group "lower" starts
    one character before its word: the word's start is given.
    """
    scanner, scanner_without_nt, lower_at = scanners
    has_nt = text.find("n't", start, end) >= 0 or text.find("n’t", start, end) >= 0
    search = (scanner if has_nt else scanner_without_nt).search
    out: list[tuple[int, int, str]] = []
    pos = start
    while True:
        m = None
        if pos < end and "a" <= text[pos] <= "z":
            m = lower_at.match(text, pos, end)
        if m is not None:
            out.append((pos, m.end(), "lower"))
        else:
            m = search(text, pos, end)
            if m is None:
                return out
            group = m.lastgroup or ""
            out.append((m.start() + 1 if group == "lower" else m.start(), m.end(), group))
        pos = m.end()


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    """The scanner's tokens of ``text[start:end]`` (:data:`_TOKEN`), in order."""
    out = []
    for tok_start, tok_end, group in _skipping_scan(_TOKEN_SCANNERS, text, start, end):
        if group in ("lower", "cur"):
            group = "word" if group == "lower" else "num"
        word = text[tok_start:tok_end]
        if (
            group == "word"
            and text[tok_end : tok_end + 1] == "."
            and (word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper()))
        ):
            tok_end, word = tok_end + 1, word + "."
        out.append(_Tok(tok_start, tok_end, word, group))
    return out


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of ``text`` inside quotation marks, marks included.

    Straight quotes alternate open/close; curly and guillemet quotes say which they
    are; a quotation never runs across a paragraph break.
    """
    regions: list[tuple[int, int]] = []
    start = -1
    for pos in _quote_marks(text):
        mark = text[pos]
        if start >= 0 and text.find("\n\n", start, pos) >= 0:  # a paragraph break between
            start = -1
        if start < 0:
            if mark not in "”»":
                start = pos
        elif mark in '"”»“':
            regions.append((start, pos + 1))
            start = -1
    return regions


def _quote_marks(text: str) -> list[int]:
    """Where the quotation marks of ``text`` stand, in order: each kind is looked for
    at memchr speed (a regex tries every character, and most texts have no mark)."""
    found = []
    for mark in QUOTE_MARKS:
        if mark not in text:  # the common answer, cheaper from "in" than from find
            continue
        pos = text.find(mark)
        while pos >= 0:
            found.append(pos)
            pos = text.find(mark, pos + 1)
    found.sort()
    return found


def _is_sentence_start(text: str, pos: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, pos - 6) : pos]))


_AFTER_SPACE = re.compile(r" ([A-Z][^\W\d_]+)")
_AFTER_SENTENCE_END = re.compile(r"[.!?:;][\"“”'‘’)\]]* ([A-Z][^\W\d_]+)")
#: One pass for both of those: each capitalised word after a space, matched with that
#: space. A word inside a sentence gives " Word"; one starting a sentence (a sentence
#: end, then up to three closing quotes or brackets, before the space) gives " " alone;
#: one after four or more closing marks, which fixed-width look-behinds cannot tell,
#: gives " " and its capital (two characters). The literal blank it starts with lets the
#: regex engine skip to the next blank at C speed (a pass led by the sentence-end marks
#: tests every character), and the common case, no mark before the blank, comes first.
_CAPITALISED_AFTER_SPACE = re.compile(
    r" (?=[A-Z][^\W\d_])(?:(?<![.!?:;\"“”'‘’)\]] )[A-Z][^\W\d_]+"
    r"|(?<=[.!?:;] )|(?<=[.!?:;][\"“”'‘’)\]] )"
    r"|(?<=[.!?:;][\"“”'‘’)\]]{2} )|(?<=[.!?:;][\"“”'‘’)\]]{3} )"
    r"|(?<=[\"“”'‘’)\]]{4} )[A-Z]"
    r"|[A-Z][^\W\d_]+)"
)


def known_name_words(texts: Iterable[str]) -> frozenset[str]:
    """Words written with a capital inside a sentence somewhere in ``texts``: evidence
    that the same word at a sentence start is a name too (of those in capitals, none).

    :func:`known_from_evidence` of their :func:`name_evidence`, told by which words were
    found alone: a word's evidence is never negative."""
    text = "\n".join(texts)
    found = set(_CAPITALISED_AFTER_SPACE.findall(text))
    if any(len(match) == 2 for match in found):
        return known_from_evidence([_plain_name_evidence(text)])
    return frozenset(m[1:].casefold() for m in found if len(m) > 2 and not m[1:].isupper())


def name_evidence(texts: Iterable[str]) -> Counter[str]:
    """Each capitalised word of ``texts`` that follows a space: how often it does so
    other than at a sentence start (:func:`known_name_words` of several groups of texts
    is :func:`known_from_evidence` of their evidence: no match spans two texts)."""
    text = "\n".join(texts)
    found = Counter(_CAPITALISED_AFTER_SPACE.findall(text))
    if any(len(match) == 2 for match in found):
        return _plain_name_evidence(text)
    return Counter({match[1:]: n for match, n in found.items() if len(match) > 2})


def _plain_name_evidence(text: str) -> Counter[str]:
    """:func:`name_evidence` of ``text`` in two plain passes: every capitalised word after
    a space, less those after a sentence end (words seen only there are left out)."""
    seen = Counter(_AFTER_SPACE.findall(text))
    seen.subtract(Counter(_AFTER_SENTENCE_END.findall(text)))  # by word, not by match
    return +seen


def known_from_evidence(evidence: Iterable[Counter[str]]) -> frozenset[str]:
    """The known name words of the texts that gave ``evidence`` (:func:`name_evidence`)."""
    seen: Counter[str] = Counter()
    for counts in evidence:
        seen.update(counts)
    return frozenset(w.casefold() for w, n in seen.items() if n > 0 and not w.isupper())


# -- extraction ------------------------------------------------------------------


def extract_facts(
    text: str,
    known: frozenset[str] | None = None,
    start: int = 0,
    end: int | None = None,
    quotes: Sequence[tuple[int, int]] | None = None,
    speakers: bool = True,
) -> list[Fact]:
    """Every fact of ``text`` (a row's text) between ``start`` and ``end`` (whole
    sentences: the text around is context only), in order, at offsets into ``text``;
    ``known`` as from :func:`known_name_words` (default: evidence from ``text`` alone);
    ``quotes``: the :func:`quote_regions` of ``text`` if already found; ``speakers``:
    False where only the facts' kinds count (quotations are left without speaker)."""
    if known is None:
        known = known_name_words([text])
    end = len(text) if end is None else end
    toks = _tokens(text, start, end)
    claimed = [False] * len(toks)
    facts: list[Fact] = []
    facts.extend(_dates(text, toks, claimed))
    facts.extend(_numbers(text, toks, claimed))
    names = _names(text, toks, claimed, known)
    facts.extend(names)
    facts.extend(_negations(text, toks))
    facts.extend(
        _quotes(
            text,
            start,
            end,
            names if speakers else [],  # no names, no speaker
            quote_regions(text) if quotes is None else quotes,
        )
    )
    facts.sort(key=attrgetter("start", "kind"))
    return facts


def _fact(kind: str, text: str, start: int, end: int, key: str) -> Fact:
    return Fact(kind, start, end, text[start:end], key)


def _dates(text: str, toks: list[_Tok], claimed: list[bool]) -> list[Fact]:
    out: list[Fact] = []
    n = len(toks)
    k = 0
    while k < n:
        tok = toks[k]
        # Most words start no date: passed over first, before the tests that tell.
        if claimed[k] or (
            tok.group == "word"
            and tok.text[0] not in _MONTH_INITIALS
            and tok.lower not in _DAY_WORDS
        ):
            k += 1
            continue
        if tok.group == "num":
            iso = _ISO_ANYWHERE.match(text, tok.start)
            if iso and iso.start() == tok.start:
                value = iso.group()
                m = _ISO_DATE.match(value)
                key = date_key(int(m[1]), int(m[2]), int(m[3])) if m else value
                out.append(_fact("date", text, iso.start(), iso.end(), key))
                while k < n and toks[k].start < iso.end():
                    claimed[k] = True
                    k += 1
                continue
            clock = _CLOCK.match(tok.text)
            if clock and int(clock[1]) < 24 and int(clock[2]) < 60:
                end = tok.end
                meridiem = _MERIDIEM.match(text, end)
                if meridiem:
                    end = meridiem.end()
                key = time_key(int(clock[1]), int(clock[2]), meridiem[1] + "m" if meridiem else "")
                out.append(_fact("date", text, tok.start, end, key))
                while k < n and toks[k].start < end:
                    claimed[k] = True
                    k += 1
                continue
            hour_m = _MERIDIEM.match(text, tok.end)
            if tok.text.isdigit() and int(tok.text) <= 12 and hour_m and hour_m.group().strip():
                key = time_key(int(tok.text), 0, hour_m[1] + "m")
                out.append(_fact("date", text, tok.start, hour_m.end(), key))
                while k < n and toks[k].start < hour_m.end():
                    claimed[k] = True
                    k += 1
                continue
        if tok.group == "word":
            lower = tok.lower.rstrip(".")
            if (lower in WEEKDAYS and tok.text[0].isupper() and not tok.text.isupper()) or (
                lower in RELATIVE_DAYS and not tok.text.isupper()
            ):
                out.append(_fact("date", text, tok.start, tok.end, lower))
                claimed[k] = True
            elif (
                tok.text[0] in _MONTH_INITIALS  # spares the pattern most words
                and _MONTH_NAME.match(tok.text)
                and not tok.text.isupper()
            ):
                got = _month_date(text, toks, k)
                if got is not None:
                    first, last, key = got
                    out.append(_fact("date", text, toks[first].start, toks[last].end, key))
                    for j in range(first, last + 1):
                        claimed[j] = True
                    k = last + 1
                    continue
        k += 1
    return out


def _day(tok: _Tok | None) -> int | None:
    if tok is None or tok.group != "num":
        return None
    digits = tok.text.rstrip("stndrh")
    if digits.isdigit() and 1 <= int(digits) <= 31 and not tok.text.startswith(("$", "€", "£")):
        return int(digits)
    return None


def _year(tok: _Tok | None) -> int | None:
    if tok is None or tok.group != "num" or not _YEAR.match(tok.text):
        return None
    return int(tok.text)


def _month_date(text: str, toks: list[_Tok], k: int) -> tuple[int, int, str] | None:
    """A date around the month name at ``toks[k]``: first and last token, key."""
    month = month_number(toks[k].text)
    if month is None:
        return None
    n = len(toks)
    first = last = k
    day = year = None
    nxt = toks[k + 1] if k + 1 < n else None
    if (
        nxt is not None
        and _day(nxt) is not None
        and _year(nxt) is None
        and nxt.start - toks[k].end <= 2
    ):
        day, last = _day(nxt), k + 1
    after = toks[last + 1] if last + 1 < n else None
    if after is not None and _year(after) is not None and after.start - toks[last].end <= 3:
        year, last = _year(after), last + 1
    if (
        day is None
        and k >= 1
        and _day(toks[k - 1]) is not None
        and toks[k].start - toks[k - 1].end <= 1
    ):
        day, first = _day(toks[k - 1]), k - 1
    lower = toks[k].lower.rstrip(".")
    if day is None and year is None:
        prev = _word_before(text, toks[k].start)[0]
        if (
            lower in _AMBIGUOUS_MONTHS or (not toks[k].text.endswith(".") and len(lower) <= 3)
        ) and (prev not in _DATE_PREPOSITIONS):
            return None
        if lower in _AMBIGUOUS_MONTHS and lower == "may" and prev not in _DATE_PREPOSITIONS:
            return None
    return first, last, date_key(year, month, day)


def _numbers(text: str, toks: list[_Tok], claimed: list[bool]) -> list[Fact]:
    out: list[Fact] = []
    n = len(toks)
    k = 0
    while k < n:
        tok = toks[k]
        # Most tokens start no number: passed over first, before the tests that tell.
        if claimed[k] or (tok.group != "num" and tok.lower not in _NUMBER_START_WORDS):
            k += 1
            continue
        first = k
        lead_start: int | None = None
        if tok.group == "num":
            if _NUMERIC_DATE.match(tok.text):
                out.append(_fact("date", text, tok.start, tok.end, tok.text))
                claimed[k] = True
                k += 1
                continue
            numeral = tok.text.lstrip("$€£¥")
            unit = tok.text[0] if tok.text[0] in "$€£¥" else ""
            suffix = ""
            for sfx in ("%", "st", "nd", "rd", "th", "s"):
                if numeral.endswith(sfx) and numeral[: -len(sfx)][-1:].isdigit():
                    numeral, suffix = numeral[: -len(sfx)], sfx
                    break
            if suffix == "%":
                unit = "%"
            last = k
            words = [numeral]
        elif (
            tok.group == "word"
            and (
                tok.lower in NUMBER_WORDS
                or (tok.lower in _SCALE_WORDS and _word_before(text, tok.start)[0] in ("a", "an"))
            )
            and not tok.all_caps
        ):
            last = k
            while (
                last + 1 < n
                and toks[last + 1].group == "word"
                and (toks[last + 1].lower in NUMBER_WORDS or toks[last + 1].lower in ("hundred",))
                and toks[last + 1].start - toks[last].end <= 1
            ):
                last += 1
            words = [t.lower for t in toks[k : last + 1]]
            prev, prev_start = _word_before(text, tok.start)
            following = _word_after(text, toks[last].end)
            if (
                words == ["one"]
                and following not in SCALES
                and (prev in _DETERMINERS or following in _NOT_A_COUNT_AFTER_ONE)
            ):
                k += 1
                continue
            if words[0] in ("dozen", *SCALES) and prev in ("a", "an"):
                lead_start = prev_start
            numeral, unit, suffix = " ".join(words), "", ""
        else:
            k += 1
            continue
        scale = ""
        unit_end = toks[last].end
        nxt = toks[last + 1] if last + 1 < n else None
        if (
            nxt is not None
            and nxt.group == "word"
            and nxt.lower.rstrip(".") in SCALES
            and (len(nxt.lower) > 2 or nxt.start == toks[last].end)
            and nxt.start - toks[last].end <= 1
        ):
            scale = nxt.lower.rstrip(".")
            last += 1
        if not unit:
            unit_end, unit = _unit_after(text, toks[last].end)
            if unit:
                while last + 1 < n and toks[last + 1].end <= unit_end:
                    last += 1
        value = number_value(numeral, scale)
        if value is None:
            k = last + 1
            continue
        lead = toks[first].start if lead_start is None else lead_start
        qualifier, q_start = _qualifier_before(text, lead)
        start = q_start if qualifier else lead
        end = max(toks[last].end, unit_end)
        if tok.group == "num" and _YEAR.match(numeral) and not (scale or unit or suffix):
            kind, key = "date", numeral
            start = toks[first].start
        else:
            kind = "number"
            key = number_key(value, unit, qualifier)
        out.append(_fact(kind, text, start, end, key))
        for j in range(first, last + 1):
            claimed[j] = True
        k = last + 1
    return out


_UNIT_RE = re.compile(
    r"\s?(" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE,
)
_QUALIFIER_RE = re.compile(
    r"(?:^|(?<=\W))("
    + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
    + r")\s+\$?$",
    re.IGNORECASE,
)


def _unit_after(text: str, pos: int) -> tuple[int, str]:
    m = _UNIT_RE.match(text, pos)
    if m and m.group(1) not in ("$", "€", "£", "¥"):
        return m.end(), m.group(1)
    return pos, ""


def _qualifier_before(text: str, pos: int) -> tuple[str, int]:
    window = text[max(0, pos - 16) : pos]
    m = _QUALIFIER_RE.search(window)
    if m:
        return m.group(1), pos - len(window) + m.start(1)
    return "", pos


#: What may stand between two words of a name (each one character: a longer gap ends it).
NAME_JOINERS = (" ", "-", "‐", "‑")


def _names(text: str, toks: list[_Tok], claimed: list[bool], known: frozenset[str]) -> list[Fact]:
    out: list[Fact] = []
    n = len(toks)
    k = 0
    while k < n:
        if claimed[k] or not toks[k].capitalised:
            k += 1
            continue
        seq = [k]
        j = k + 1
        while j < n and not claimed[j]:
            gap_start, gap_end = toks[j - 1].end, toks[j].start
            if gap_end - gap_start > 1:  # most: words between (not cut out to be told so)
                break
            gap = text[gap_start:gap_end]
            if gap not in NAME_JOINERS and not (gap == "" and toks[j - 1].text.endswith(".")):
                break
            if toks[j].capitalised:
                seq.append(j)
                j += 1
            elif (
                toks[j].lower in _CONNECTORS
                and j + 1 < n
                and toks[j + 1].capitalised
                and text[toks[j].end : toks[j + 1].start] == " "
            ):
                seq.extend((j, j + 1))
                j += 2
            else:
                break
        k = j
        # Shouting: a run of all-caps words is a headline or a byline, not names.
        if len(seq) == 1:
            only = toks[seq[0]]
            if only.all_caps and (only.lower in STOPWORDS or len(only.text) > 5):
                continue
        elif sum(toks[i].all_caps for i in seq) >= 2:
            continue
        while seq and (
            toks[seq[0]].lower in STOPWORDS
            or toks[seq[0]].lower in _CONNECTORS
            or (
                toks[seq[0]].lower in SENTENCE_STARTERS
                and _is_sentence_start(text, toks[seq[0]].start)
            )
        ):
            seq.pop(0)
            while seq and toks[seq[0]].lower in _CONNECTORS:
                seq.pop(0)
        if not seq:
            continue
        head = toks[seq[0]]
        if (
            len(seq) == 1
            and head.group == "word"
            and _strip_possessive(head.lower.rstrip(".")) not in known  # the cheaper test
            and _is_sentence_start(text, head.start)
        ):
            continue
        start, end = head.start, toks[seq[-1]].end
        if text.endswith(_POSSESSIVE_ENDINGS, start, end):  # the name without its 's
            end -= 2
        surface = text[start:end]
        key = name_key(surface)
        if key:
            out.append(Fact("name", start, end, surface, key))
    return out


_POSSESSIVE_ENDINGS = ("'s", "’s")


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(_POSSESSIVE_ENDINGS) else word


_FOLLOWING_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _negations(text: str, toks: list[_Tok]) -> list[Fact]:
    out: list[Fact] = []
    for tok in toks:
        lower = tok.lower
        if tok.group == "word" and (lower in NEGATIONS or lower.endswith(("n't", "n’t"))):
            after = _FOLLOWING_WORDS.findall(text, tok.end, tok.end + 60)
            if lower == "not" and after[:1] == ["only"]:
                continue
            scope = ""
            for word in after[:5]:
                word = word.casefold()
                if word not in STOPWORDS and word not in ("be", "been"):
                    scope = stem(word)
                    break
            out.append(_fact("negation", text, tok.start, tok.end, f"not {scope}".strip()))
    return out


def _quotes(
    text: str, first: int, last: int, names: list[Fact], regions: Sequence[tuple[int, int]]
) -> list[Fact]:
    out: list[Fact] = []
    for start, end in regions:
        if start < first or end > last:
            continue
        inner = text[start + 1 : end - 1]
        key = quote_key(inner)
        if len(key.split()) < 2:  # a quoted word is a term, not a quotation
            continue
        speaker, at = _speaker(text, start, end, names)
        out.append(Fact("quote", start, end, text[start:end], key, speaker, at))
    return out


_PRONOUN_RE = re.compile(r"\b(?:" + "|".join(_PRONOUNS) + r")\b", re.IGNORECASE)
_VERB_RE = re.compile(
    r"\b(?:" + _alternation({*SPEECH_VERBS, "according to"}) + r")\b", re.IGNORECASE
)


#: :data:`_VERB_RE` in lower-cased text, the verb in group 1 after the character before
#: it: the match starts with a class of characters, which the regex engine skips to (a
#: leading \\b, or case ignored, has it try every character).
_LOWER_VERB_RE = re.compile(
    r"[^a-z0-9_](?<=\W)(" + _alternation({*SPEECH_VERBS, "according to"}) + r")\b"
)
#: The characters that match an ASCII letter with case ignored but do not lower-case
#: to it: ı and ſ stay themselves, İ becomes two characters.
_CASE_EXCEPTIONS = "ıſİ"


def _speech_verbs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the matches of :data:`_VERB_RE` in ``text[start:end]``, where no
    word character stands just before ``start``."""
    sentence = text[start:end]
    if any(char in sentence for char in _CASE_EXCEPTIONS):
        return [verb.span() for verb in _VERB_RE.finditer(text, start, end)]
    # Lower-cased, any other character matches a verb's letters as with case ignored
    # (and stays a word character or not); the blank stands for the one before start.
    shift = start - 1
    verbs = _LOWER_VERB_RE.finditer(" " + sentence.lower())
    return [(shift + verb.start(1), shift + verb.end(1)) for verb in verbs]


def _speaker(
    text: str, start: int, end: int, names: list[Fact]
) -> tuple[str, tuple[int, int] | None]:
    """Who the sentence says spoke the quotation at ``start:end`` ("" when it does not)."""
    if not names:
        return "", None
    sent_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [p for p in (text.find(". ", end), text.find("\n", end)) if p >= 0]
    sent_end = min(stops) if stops else len(text)
    # The names of the sentence outside the quotation, not possessives, may have spoken.
    speakers = [
        name
        for name in names
        if sent_start <= name.start < sent_end
        and not start <= name.start < end
        and text[name.end : name.end + 2] not in ("'s", "’s")
    ]
    if not speakers:
        return "", None
    best: tuple[int, Fact] | None = None
    for verb_start, verb_end in _speech_verbs(text, sent_start, sent_end):
        if start <= verb_start < end:
            continue
        for name in speakers:
            after = name.end <= verb_start
            lo, hi = (name.end, verb_start) if after else (verb_end, name.start)
            if hi - lo > 48:  # told before the text between is cut out
                continue
            between = text[lo:hi]
            if '"' in between or "“" in between or "”" in between:
                continue
            if _PRONOUN_RE.search(between):
                continue
            distance = len(between) + (0 if after else 4)
            if best is None or distance < best[0]:
                best = (distance, name)
    if best is None:
        return "", None
    return best[1].text, (best[1].start, best[1].end)


# -- matching --------------------------------------------------------------------


def row_entries(text_a: str, text_b: str, known: frozenset[str] | None = None) -> list[RowEntry]:
    """Every fact difference between two texts of one row, in row-text coordinates
    (the whole texts compared; the engine compares only around the word diff's changes,
    :func:`window_entries`)."""
    if text_a == text_b or _same_fact_material(text_a, text_b):
        return []
    return window_entries(text_a, text_b, [(0, len(text_a), 0, len(text_b))], known)


#: A stretch of a row around changes: ``(start_a, end_a, start_b, end_b)``; outside its
#: windows, a row's two texts are the same but for minor differences.
Window = tuple[int, int, int, int]


def window_entries(
    text_a: str,
    text_b: str,
    windows: Sequence[Window],
    known: frozenset[str] | None = None,
    regions: dict[str, list[tuple[int, int]]] | None = None,
) -> list[RowEntry]:
    """The fact differences of one row whose texts differ only inside ``windows``
    (whole sentences around the word diff's changes: :func:`changed_windows`).

    Windows with the same fact material on both sides hold no fact difference and are
    not scanned; the facts of the others are pooled per side and matched, so a fact
    that moved from one changed sentence to another is no change. ``regions``: the
    texts' quotations (:func:`_quote_regions_of`) if already found.
    """
    facts_a: list[Fact] = []
    facts_b: list[Fact] = []
    if regions is None:
        regions = _quote_regions_of(text_a, text_b)
    for start_a, end_a, start_b, end_b in windows:
        if known is None:
            known = known_name_words([text_a, text_b])
        facts_a.extend(extract_facts(text_a, known, start_a, end_a, regions["a"]))
        facts_b.extend(extract_facts(text_b, known, start_b, end_b, regions["b"]))
    if not facts_a and not facts_b:
        return []
    kinds_a, kinds_b = _by_kind(facts_a), _by_kind(facts_b)
    entries: list[RowEntry] = []
    for kind in ("number", "date"):
        entries.extend(_match_plain(kind, kinds_a[kind], kinds_b[kind], text_a, text_b))
    entries.extend(_match_names(kinds_a["name"], kinds_b["name"], text_a, text_b))
    quotes = _match_quotes(kinds_a["quote"], kinds_b["quote"])
    speakers = {(e.a, e.b) for e in quotes if e.status == "reattributed"}
    if speakers:  # the speaker's name is told by the reattribution, not twice
        entries = [
            e
            for e in entries
            if e.kind != "name" or not any(e.a == sa or e.b == sb for sa, sb in speakers)
        ]
    entries.extend(quotes)
    entries.extend(_match_negations(kinds_a["negation"], kinds_b["negation"], text_a, text_b))
    entries.sort(key=lambda e: (e.a or e.b or (0, 0), FACT_KINDS.index(e.kind)))
    return entries


#: A change, minor change or equal run of a row's word diff: ``(op, text A, text B)``
#: with op "equal", "minor" or anything else for a change.
Part = tuple[str, str, str]
#: Where a sentence may end: a full stop (or ! ?) with closing marks, then blanks and a
#: capital; or a line break. (One character class first: the regex engine skips to it.)
_BREAK = re.compile(r"[.!?\n](?:(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]*[A-Z])|(?<=\n)\n*)")
#: How far back the last sentence start is first looked for (then everywhere before).
_BACK_CHUNK = 400


def _is_break(text: str, match: re.Match[str]) -> bool:
    """A full stop after an abbreviation or an initial ("Mr.", "U.S.") ends no sentence."""
    dot = match.start()
    if text[dot] != ".":
        return True
    k = dot
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    word = text[k:dot]
    return len(word) > 1 and word.casefold() not in ABBREVIATIONS


def _first_break(text: str, start: int) -> int | None:
    for m in _BREAK.finditer(text, start):
        if _is_break(text, m):
            return m.end()
    return None


def _last_break(text: str, end: int) -> int | None:
    lo = max(0, end - _BACK_CHUNK)
    for first, last in ((lo, end), (0, lo)) if lo else ((0, end),):
        found = None
        for m in _BREAK.finditer(text, first, last):
            if _is_break(text, m):
                found = m.end()
        if found is not None:
            return found
    return None


class _Cuts:
    """Cut points of a row's word diff that fall between sentences on both sides: in
    equal runs, where the two texts are the same."""

    def __init__(self, parts: Sequence[Part]) -> None:
        self.parts = parts
        self.starts_a = [0, *accumulate(len(a) for _, a, _ in parts)]
        self.starts_b = [0, *accumulate(len(b) for _, _, b in parts)]
        # The first and last sentence start of each whole equal part, once found: the
        # walks back and on from each change and quotation cross the same parts.
        self._first: dict[int, int | None] = {}
        self._last: dict[int, int | None] = {}

    def before(self, k: int, offset: int | None) -> tuple[int, int]:
        """The last sentence start at or before ``offset`` in part ``k`` (None: the
        part's end), looking back through earlier parts; (0, 0) if none."""
        while k >= 0:
            op, text, _ = self.parts[k]
            if op == "equal":
                if offset is not None:
                    found = _last_break(text, offset)
                elif k in self._last:
                    found = self._last[k]
                else:
                    found = self._last[k] = _last_break(text, len(text))
                if found is not None:
                    return self.starts_a[k] + found, self.starts_b[k] + found
            k, offset = k - 1, None
        return 0, 0

    def after(self, k: int, offset: int) -> tuple[int, int, int]:
        """The first sentence start at or after ``offset`` in part ``k``, looking on
        through later parts, and the part it is in (the ends if none)."""
        parts = self.parts
        while k < len(parts):
            op, text, _ = parts[k]
            if op == "equal":
                if offset:
                    found = _first_break(text, offset)
                elif k in self._first:
                    found = self._first[k]
                else:
                    found = self._first[k] = _first_break(text, 0)
                if found is not None:
                    return self.starts_a[k] + found, self.starts_b[k] + found, k
            k, offset = k + 1, 0
        return self.starts_a[-1], self.starts_b[-1], len(parts)

    def part_at(self, side: str, pos: int) -> tuple[int, int]:
        """The part holding ``pos`` of side "a" or "b", and the offset into it."""
        starts = self.starts_a if side == "a" else self.starts_b
        k = min(bisect.bisect_right(starts, pos) - 1, len(self.parts) - 1)
        return k, pos - starts[k]


def fact_entries(
    parts: Sequence[Part], text_a: str, text_b: str, known: frozenset[str] | None = None
) -> list[RowEntry]:
    """The fact differences of a row from its word diff ``parts``.

    Only what changes can differ: the fact material of the changes (:func:`_material`)
    is compared first, and when the two sides' material is the same (a reworded phrase,
    sentences reordered) and no quotation is altered, the row has no fact difference;
    otherwise the sentences around the changes that carry material or alter a quotation
    are scanned and matched (:func:`window_entries`).
    """
    if known is None:
        known = known_name_words([text_a, text_b])
    regions = _quote_regions_of(text_a, text_b)
    quotes_a, quotes_b = regions["a"], regions["b"]
    material_a: list[str] = []
    material_b: list[str] = []
    factual: list[bool] = []
    quoted = False
    any_quotes = bool(quotes_a or quotes_b)
    start_a = start_b = 0
    for op, part_a, part_b in parts:
        end_a, end_b = start_a + len(part_a), start_b + len(part_b)
        if op in ("equal", "minor"):
            factual.append(False)
        else:
            # The parts are the texts cut in pieces: a part is its stretch of the text.
            found_a = (
                _material(text_a, start_a, end_a, known, quotes_a)
                if part_a and not _lacks_material(part_a)
                else []
            )
            found_b = (
                _material(text_b, start_b, end_b, known, quotes_b)
                if part_b and not _lacks_material(part_b)
                else []
            )
            touched = any_quotes and (
                _alters_quote(quotes_a, start_a, end_a) or _alters_quote(quotes_b, start_b, end_b)
            )
            quoted = quoted or touched
            if found_a:
                material_a.extend(found_a)
            if found_b:
                material_b.extend(found_b)
            factual.append(touched or bool(found_a) or bool(found_b))
        start_a, start_b = end_a, end_b
    if not quoted and material_a == material_b:
        return []
    same_material = sorted(material_a) == sorted(material_b)  # the same words, reordered
    if same_material and not quoted:
        return []
    windows = changed_windows(parts, text_a, text_b, _Cuts(parts), regions, factual)
    if same_material:  # only quotations altered: no other fact can differ
        return _quote_entries(text_a, text_b, windows, regions)
    return window_entries(text_a, text_b, windows, known, regions)


def _quote_entries(
    text_a: str, text_b: str, windows: Sequence[Window], regions: dict[str, list[tuple[int, int]]]
) -> list[RowEntry]:
    """The quotation entries of ``windows`` (their speakers, told by names that did not
    change, are left out)."""
    facts: dict[str, list[Fact]] = {"a": [], "b": []}
    for side, text, lo, hi in (("a", text_a, 0, 1), ("b", text_b, 2, 3)):
        for q_start, q_end in regions[side]:
            if any(w[lo] <= q_start and q_end <= w[hi] for w in windows):
                key = quote_key(text[q_start + 1 : q_end - 1])
                if len(key.split()) >= 2:
                    quote = text[q_start:q_end]
                    facts[side].append(Fact("quote", q_start, q_end, quote, key))
    entries = _match_quotes(facts["a"], facts["b"])
    entries.sort(key=lambda e: e.a or e.b or (0, 0))
    return entries


def _alters_quote(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when the change ``start:end`` lies partly inside a quotation (one that holds
    whole quotations moves or replaces them: their keys are material)."""
    for q_start, q_end in regions:
        if start == end:  # the other side's insertion or deletion, here a point
            if q_start < start < q_end:
                return True
        elif start < q_end and q_start < end and not (start <= q_start and q_end <= end):
            return True
    return False


_UNIT_WORDS = frozenset(u for u in UNITS if u.isalpha())
_NUMBER_BEFORE = re.compile(
    r"(?:\d|\b(?:"
    + "|".join(sorted({*NUMBER_WORDS, *SCALES}, key=len, reverse=True))
    + r"))\W{0,2}$",
    re.IGNORECASE,
)


def _material(
    text: str, start: int, end: int, known: frozenset[str], regions: list[tuple[int, int]]
) -> list[str]:
    """The fact material of the change ``text[start:end]``: numerals, symbols and the
    lexicon's words (numbers, scales, negations, relative days, qualifiers), units after
    a number, capitalised words that may be names (not a stop word, nor a sentence's
    first word without evidence that it is a name), and the key of each quotation it
    holds whole (the caller skips the changes that :func:`_lacks_material` clears: most)."""
    out: list[str] = []
    for word_start, word_end, _ in _skipping_scan(_MATERIAL_SCANNERS, text, start, end):
        word = text[word_start:word_end]
        lower = word.casefold()
        if word[0].isupper():
            core = _strip_possessive(lower.rstrip("."))
            if core in STOPWORDS or core in SENTENCE_STARTERS:
                continue
            if not word.isupper() and core not in known and _is_sentence_start(text, word_start):
                continue
        elif lower in _UNIT_WORDS:
            if not _NUMBER_BEFORE.search(text, max(0, word_start - 16), word_start):
                continue
        elif lower in _CONNECTORS:
            continue
        out.append(word.rstrip("."))
    for q_start, q_end in regions:
        if start <= q_start and q_end <= end:
            out.append(quote_key(text[q_start:q_end]))
    return out


def changed_windows(
    parts: Sequence[Part],
    text_a: str,
    text_b: str,
    cuts: _Cuts | None = None,
    regions: dict[str, list[tuple[int, int]]] | None = None,
    factual: Sequence[bool] | None = None,
) -> list[Window]:
    """The windows of a row: the whole sentences around each change of its word diff,
    widened to whole quotations (with the sentence that says who spoke) and merged.

    With ``factual`` (one flag per part), only the windows holding a flagged change.
    """
    cuts = cuts or _Cuts(parts)
    windows: list[list[int]] = []
    k = 0
    while k < len(parts):
        if parts[k][0] in ("equal", "minor"):
            k += 1
            continue
        first = k
        start_a, start_b = cuts.before(k - 1, None)
        end_a, end_b, k = cuts.after(k + 1, 0)
        touches = factual is None or any(factual[first : k + 1])
        if windows and start_a <= windows[-1][1]:
            windows[-1][1], windows[-1][3] = end_a, end_b
            windows[-1][4] = windows[-1][4] or touches
        else:
            windows.append([start_a, end_a, start_b, end_b, touches])
        k += 1
    if windows:
        _widen_to_quotes(windows, cuts, regions or _quote_regions_of(text_a, text_b))
    return [(w[0], w[1], w[2], w[3]) for w in windows if w[4]]


def _quote_regions_of(text_a: str, text_b: str) -> dict[str, list[tuple[int, int]]]:
    return {"a": quote_regions(text_a), "b": quote_regions(text_b)}


def _quote_reach(cuts: _Cuts, side: str, q_start: int, q_end: int) -> tuple[int, int, int, int]:
    """The sentences around the quotation ``q_start:q_end`` of ``side``: ``(start_a,
    start_b, end_a, end_b)``."""
    k, offset = cuts.part_at(side, q_start)
    start_a, start_b = cuts.before(k, offset if cuts.parts[k][0] == "equal" else 0)
    k, offset = cuts.part_at(side, q_end)
    if cuts.parts[k][0] != "equal":
        k, offset = k + 1, 0
    end_a, end_b, _ = cuts.after(k, offset)
    return start_a, start_b, end_a, end_b


def _widen_to_quotes(
    windows: list[list[int]], cuts: _Cuts, regions: dict[str, list[tuple[int, int]]]
) -> None:
    """Widen ``windows`` (in place) to the quotations they touch, and the sentences
    around them."""
    if not regions["a"] and not regions["b"]:
        return
    # The sentences around a quotation do not depend on the window: found once each.
    reach: dict[tuple[str, int], tuple[int, int, int, int]] = {}
    widened = True
    while widened:
        widened = False
        for w in windows:
            for side, lo, hi in (("a", 0, 1), ("b", 2, 3)):
                for q_start, q_end in regions[side]:
                    if q_start >= w[hi]:
                        break  # the regions are in order: the rest start later
                    if q_end <= w[lo]:
                        continue
                    found = reach.get((side, q_start))
                    if found is None:
                        found = reach[side, q_start] = _quote_reach(cuts, side, q_start, q_end)
                    start_a, start_b, end_a, end_b = found
                    if start_a < w[0] or end_a > w[1] or start_b < w[2] or end_b > w[3]:
                        w[0], w[2] = min(w[0], start_a), min(w[2], start_b)
                        w[1], w[3] = max(w[1], end_a), max(w[3], end_b)
                        widened = True
        windows.sort()
        merged: list[list[int]] = []
        for w in windows:
            if merged and w[0] <= merged[-1][1]:
                last = merged[-1]
                last[1], last[3] = max(last[1], w[1]), max(last[3], w[3])
                last[2], last[4] = min(last[2], w[2]), last[4] or w[4]
            else:
                merged.append(w)
        windows[:] = merged


#: Everything a fact can be made of, in order: capitalised words, numerals, symbols and
#: the lower-case words of the scanner's lexicon, units and qualifiers. Two texts with
#: the same sequence (and the same quotations) have the same facts: the common case of
#: a reworded row is settled by one C-speed pass per side. Written to skip, as
#: :data:`_TOKEN`: each match starts outside a-z, _ and apostrophes, a lower-case word
#: with the blank or mark before it.
_MATERIAL_WORDS = frozenset({*_LEXICON_WORDS, *(u for u in UNITS if u.isalpha()), *QUALIFIERS})
_MATERIAL_LOWER = r"(?:" + _alternation(_MATERIAL_WORDS) + r")(?![\w'’])|[ap]\.?m\b"
#: The words that start the material's lower-case words and phrases, and "am", "pm".
_MATERIAL_FIRST_WORDS = frozenset(w.split(" ")[0] for w in _MATERIAL_WORDS) | {"am", "pm"}
_LOWER_CASE_AND_BLANK = "abcdefghijklmnopqrstuvwxyz "


def _lacks_material(change: str) -> bool:
    """True when the material scan of ``change`` can find nothing: it is a-z words and
    blanks alone (where only the material's lower-case words and phrases can match, each
    from the start of one of its words to a blank or the change's end), and none of its
    words starts one."""
    return not change.strip(_LOWER_CASE_AND_BLANK) and _MATERIAL_FIRST_WORDS.isdisjoint(
        change.split(" ")
    )


_MATERIAL_NOT_CONTRACTION = r"[^\W\d_]+n['’]t"


def _material_scanner(lower_words: str) -> re.Pattern[str]:
    return re.compile(
        r"[^a-z_'’]"
        r"(?:(?<=[^\w'’%$€£¥°])(?P<lower>(?=[a-z])(?:" + lower_words + r"))"
        r"|(?<=[\w%$€£¥°])(?:(?<=[%$€£¥°])(?P<sym>)"
        r"|(?<=[^\W\d_a-z])(?<![\w'’].)[\w'’.-]*(?P<word>)"
        r"|(?<=\d)[\d.,:]*(?P<num>)))"
    )


_MATERIAL_WITH_NT = _MATERIAL_LOWER.replace(r"|[ap]", "|" + _MATERIAL_NOT_CONTRACTION + r"|[ap]")
_MATERIAL_SCANNERS = (
    _material_scanner(_MATERIAL_WITH_NT),
    _material_scanner(_MATERIAL_LOWER),
    re.compile(r"(?<![\w'’])(?:" + _MATERIAL_WITH_NT + ")"),
)


def _material_words(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in _skipping_scan(_MATERIAL_SCANNERS, text, 0, len(text))]


def _same_fact_material(text_a: str, text_b: str) -> bool:
    if _material_words(text_a) != _material_words(text_b):
        return False
    quotes_a, quotes_b = quote_regions(text_a), quote_regions(text_b)
    if not quotes_a and not quotes_b:
        return True
    return [quote_key(text_a[s:e]) for s, e in quotes_a] == [
        quote_key(text_b[s:e]) for s, e in quotes_b
    ]


def _by_kind(facts: list[Fact]) -> dict[str, list[Fact]]:
    """``facts`` by kind (each kind's in order)."""
    groups: dict[str, list[Fact]] = {kind: [] for kind in FACT_KINDS}
    for fact in facts:
        groups[fact.kind].append(fact)
    return groups


_RUN_OF_WORD_CHARS = re.compile(r"\w+")


def _neighbours(text: str, fact: Fact) -> tuple[str, str]:
    before = _RUN_OF_WORD_CHARS.findall(text, max(0, fact.start - 30), fact.start)
    after = _RUN_OF_WORD_CHARS.findall(text, fact.end, fact.end + 30)
    return (before[-1].casefold() if before else "", after[0].casefold() if after else "")


def _pair_up(
    kind: str,
    left_a: list[Fact],
    left_b: list[Fact],
    text_a: str,
    text_b: str,
    always: bool,
) -> list[RowEntry]:
    """Unmatched facts paired as ``changed`` where they share a neighbouring word (or,
    with ``always``, in order); the rest ``removed`` or ``added``."""
    entries: list[RowEntry] = []
    used_b: set[int] = set()
    unpaired_a: list[Fact] = []
    for fa in left_a:
        na = _neighbours(text_a, fa)
        match = None
        for idx, fb in enumerate(left_b):
            if idx in used_b:
                continue
            nb = _neighbours(text_b, fb)
            if (na[0] and na[0] == nb[0]) or (na[1] and na[1] == nb[1]):
                match = idx
                break
        if match is None:
            unpaired_a.append(fa)
            continue
        used_b.add(match)
        fb = left_b[match]
        entries.append(
            RowEntry(kind, "changed", fa.text, fb.text, (fa.start, fa.end), (fb.start, fb.end))
        )
    rest_b = [fb for idx, fb in enumerate(left_b) if idx not in used_b]
    if always:
        while unpaired_a and rest_b:
            fa, fb = unpaired_a.pop(0), rest_b.pop(0)
            entries.append(
                RowEntry(kind, "changed", fa.text, fb.text, (fa.start, fa.end), (fb.start, fb.end))
            )
    entries.extend(
        RowEntry(kind, "removed", f.text, "", (f.start, f.end), None) for f in unpaired_a
    )
    entries.extend(RowEntry(kind, "added", "", f.text, None, (f.start, f.end)) for f in rest_b)
    return entries


def _match_plain(
    kind: str, mine: list[Fact], theirs: list[Fact], text_a: str, text_b: str
) -> list[RowEntry]:
    """The entries of the facts of ``kind`` (a number or a date) of each side."""
    keys_a, keys_b = {f.key for f in mine}, {f.key for f in theirs}
    left_a = [f for f in mine if f.key not in keys_b]
    left_b = [f for f in theirs if f.key not in keys_a]
    return _pair_up(kind, _first_of_key(left_a), _first_of_key(left_b), text_a, text_b, True)


def _first_of_key(facts: list[Fact]) -> list[Fact]:
    seen: set[str] = set()
    out = []
    for f in facts:
        if f.key not in seen:
            seen.add(f.key)
            out.append(f)
    return out


def _name_covered(fact: Fact, words: set[str]) -> bool:
    return words.issuperset(fact.key.split())


def _match_names(
    names_a: list[Fact], names_b: list[Fact], text_a: str, text_b: str
) -> list[RowEntry]:
    words_a = {t for f in names_a for t in f.key.split()}
    words_b = {t for f in names_b for t in f.key.split()}
    left_a = [f for f in names_a if not _name_covered(f, words_b)]
    left_b = [f for f in names_b if not _name_covered(f, words_a)]
    if left_a:  # the rest of the row may write the name (in lower case, say): look there
        words_b |= _plain_words(text_b)
    if left_b:
        words_a |= _plain_words(text_a)
    left_a = _first_of_key(
        [f for f in left_a if not _name_covered(f, words_b) and not _shorter_form(f, names_b)]
    )
    left_b = _first_of_key(
        [f for f in left_b if not _name_covered(f, words_a) and not _shorter_form(f, names_a)]
    )
    entries: list[RowEntry] = []
    used_b: set[int] = set()
    rest_a = []
    for fa in left_a:
        for idx, fb in enumerate(left_b):
            if idx not in used_b and _variant(fa, fb):
                used_b.add(idx)
                entries.append(
                    RowEntry(
                        "name", "variant", fa.text, fb.text, (fa.start, fa.end), (fb.start, fb.end)
                    )
                )
                break
        else:
            rest_a.append(fa)
    rest_b = [fb for idx, fb in enumerate(left_b) if idx not in used_b]
    entries.extend(_pair_up("name", rest_a, rest_b, text_a, text_b, False))
    return entries


def _shorter_form(fact: Fact, others: list[Fact]) -> bool:
    """True when the other side names the same one more briefly ("Tomas Reinholt" /
    "Mr. Reinholt"): a name of the other side is part of this one, ending alike."""
    tokens = fact.key.split()
    words = set(tokens)
    for other in others:
        theirs = other.key.split()
        if theirs and theirs[-1] == tokens[-1] and words.issuperset(theirs):
            return True
    return False


def _variant(fa: Fact, fb: Fact) -> bool:
    ta, tb = fa.key.split(), fb.key.split()
    if len(ta) != len(tb):
        return False
    diffs = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    return len(diffs) == 1 and similar_names(*diffs[0])


def _plain_words(text: str) -> set[str]:
    """Every word of a text, lower-cased, aliases resolved: a name the other side writes
    in lower case ("the games" / "the Games") is a change of case, not of fact."""
    words = set(_PLAIN_WORD.findall(fold_text(text).casefold()))
    for word in words.intersection(NAME_ALIASES):
        words.update(NAME_ALIASES[word].split())
    for match in _INITIALISM.findall(text):
        alias = NAME_ALIASES.get(match.casefold())
        if alias is not None:
            words.update(alias.split())
    return words


def _match_quotes(quotes_a: list[Fact], quotes_b: list[Fact]) -> list[RowEntry]:
    entries: list[RowEntry] = []
    by_key_b: dict[str, list[Fact]] = {}
    for fb in quotes_b:
        by_key_b.setdefault(fb.key, []).append(fb)
    left_a: list[Fact] = []
    matched_b: set[int] = set()
    for fa in quotes_a:
        candidates = [fb for fb in by_key_b.get(fa.key, []) if id(fb) not in matched_b]
        if not candidates:
            left_a.append(fa)
            continue
        fb = candidates[0]
        matched_b.add(id(fb))
        if fa.speaker and fb.speaker and not _same_speaker(fa.speaker, fb.speaker):
            entries.append(
                RowEntry(
                    "quote",
                    "reattributed",
                    fa.speaker,
                    fb.speaker,
                    fa.speaker_at or (fa.start, fa.end),
                    fb.speaker_at or (fb.start, fb.end),
                    f"quote {_excerpt(fa.text)} now attributed to another speaker",
                )
            )
    left_b = [fb for fb in quotes_b if id(fb) not in matched_b]
    used: set[int] = set()
    for fa in left_a:
        best, best_score = None, 0.0
        words_a = set(fa.key.split())
        for idx, fb in enumerate(left_b):
            if idx in used:
                continue
            words_b = set(fb.key.split())
            score = len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))
            if score > best_score:
                best, best_score = idx, score
        if best is not None and best_score >= 0.4:
            used.add(best)
            fb = left_b[best]
            note = ""
            if fa.speaker and fb.speaker and not _same_speaker(fa.speaker, fb.speaker):
                note = f"speaker {fa.speaker} -> {fb.speaker}"
            entries.append(
                RowEntry(
                    "quote",
                    "changed",
                    fa.text,
                    fb.text,
                    (fa.start, fa.end),
                    (fb.start, fb.end),
                    note,
                )
            )
        else:
            note = f"said by {fa.speaker}" if fa.speaker else ""
            entries.append(
                RowEntry("quote", "removed", fa.text, "", (fa.start, fa.end), None, note)
            )
    for idx, fb in enumerate(left_b):
        if idx not in used:
            note = f"said by {fb.speaker}" if fb.speaker else ""
            entries.append(RowEntry("quote", "added", "", fb.text, None, (fb.start, fb.end), note))
    return entries


def _same_speaker(a: str, b: str) -> bool:
    ta, tb = set(name_tokens(a)), set(name_tokens(b))
    return ta <= tb or tb <= ta or (len(ta) == len(tb) == 1 and similar_names(a, b))


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _match_negations(
    neg_a: list[Fact], neg_b: list[Fact], text_a: str, text_b: str
) -> list[RowEntry]:
    if not neg_a and not neg_b:  # most rows
        return []
    count_b = Counter(f.key for f in neg_b)
    count_a = Counter(f.key for f in neg_a)
    left_a, left_b = [], []
    for f in neg_a:
        if count_b[f.key] > 0:
            count_b[f.key] -= 1
        else:
            left_a.append(f)
    for f in neg_b:
        if count_a[f.key] > 0:
            count_a[f.key] -= 1
        else:
            left_b.append(f)
    # A negation that moved to other words keeps the sentence's polarity: pair them off.
    paired = min(len(left_a), len(left_b))
    left_a, left_b = left_a[paired:], left_b[paired:]
    entries = []
    for f in left_a:
        entries.append(
            RowEntry("negation", "removed", _clause(text_a, f), "", (f.start, f.end), None)
        )
    for f in left_b:
        entries.append(
            RowEntry("negation", "added", "", _clause(text_b, f), None, (f.start, f.end))
        )
    return entries


def _clause(text: str, fact: Fact) -> str:
    """The negation with the words around it ("will not attend the")."""
    before = text[max(0, fact.start - 20) : fact.start].split(" ")[-2:]
    after = text[fact.end : fact.end + 24].split(" ")[:3]
    return " ".join([*before, fact.text]).strip() + " ".join(after).rstrip(" ,.;")


# -- the ledger of a result ---------------------------------------------------------


def describe_counts(facts: Sequence[Fact]) -> str:
    """ "3 names and a number" for the facts of a whole paragraph ("no facts" if none)."""
    counts = Counter(f.kind for f in facts)
    parts = []
    for kind in ("number", "date", "name", "quote", "negation"):
        n = counts.get(kind, 0)
        if n:
            plural = {"quote": "quotes", "negation": "negations"}.get(kind, kind + "s")
            parts.append(f"a {kind}" if n == 1 else f"{n} {plural}")
    if not parts:
        return "no facts"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def paragraph_entry(text: str, side: str, known: frozenset[str] | None = None) -> RowEntry:
    """The one entry of a wholly inserted (``side`` "b") or deleted ("a") row."""
    return paragraph_facts(text, side, known)[0]


def paragraph_facts(
    text: str, side: str, known: frozenset[str] | None = None
) -> tuple[RowEntry, set[str]]:
    """The entry of a wholly inserted (``side`` "b") or deleted ("a") row, and the kinds
    of facts its text holds (its flags), from one scan."""
    counts, kinds = _paragraph_summary(text, known)
    return _paragraph_entry(text, side, counts), set(kinds)


@lru_cache(maxsize=4096)
def _paragraph_summary(text: str, known: frozenset[str] | None) -> tuple[str, frozenset[str]]:
    """The facts of a whole paragraph as :func:`describe_counts` tells them, and their
    kinds: scanned once per text and name evidence (articles repeat paragraphs, page
    furniture above all: "Share this article", "Comments are closed.")."""
    facts = extract_facts(text, known, speakers=False)
    return describe_counts(facts), frozenset(f.kind for f in facts)


def _paragraph_entry(text: str, side: str, counts: str) -> RowEntry:
    """The entry of a paragraph whose facts :func:`describe_counts` tells as ``counts``."""
    status = "added" if side == "b" else "removed"
    note = f"paragraph with {counts} {status}"
    place = (0, len(text))
    if side == "b":
        return RowEntry("paragraph", status, "", text, None, place, note)
    return RowEntry("paragraph", status, text, "", place, None, note)


def paragraph_fact_kinds(text: str, known: frozenset[str] | None = None) -> set[str]:
    """Kinds of facts in a whole paragraph (the flags of an inserted/deleted row)."""
    return {f.kind for f in extract_facts(text, known, speakers=False)}


def _place(
    paragraphs: Sequence[int], texts: Sequence[str], span: tuple[int, int] | None
) -> FactPlace | None:
    """Row-text offsets ``span`` as a paragraph index and offsets into that paragraph."""
    if span is None or not paragraphs:
        return None
    start, end = span
    offset = 0
    for index in paragraphs:
        length = len(texts[index])
        if start < offset + length or index == paragraphs[-1]:
            local_start = max(0, start - offset)
            local_end = min(length, max(local_start, end - offset))
            return FactPlace(index, local_start, local_end)
        offset += length + len(PARAGRAPH_JOINER)
    return None


def entries_to_ledger(
    row_index: int,
    row: Row,
    entries: Iterable[RowEntry],
    result_a: Sequence[str],
    result_b: Sequence[str],
) -> list[FactEntry]:
    """Row entries as ledger entries with paragraph coordinates."""
    return [
        FactEntry(
            row=row_index,
            kind=e.kind,
            status=e.status,
            old=e.old,
            new=e.new,
            a=_place(row.a, result_a, e.a),
            b=_place(row.b, result_b, e.b),
            note=e.note,
        )
        for e in entries
    ]


def document_known_names(
    paragraphs_a: Sequence[str], paragraphs_b: Sequence[str]
) -> frozenset[str]:
    """Name evidence from both whole articles (see :func:`known_name_words`).

    Whether a word has evidence is told by the distinct paragraphs, each scanned once
    (most stand in both articles).
    """
    return known_name_words({*paragraphs_a, *paragraphs_b})


def entries_for_row(
    row: Row, text_a: str, text_b: str, known: frozenset[str] | None
) -> list[RowEntry]:
    """The row entries of one row of any kind (equal rows have none)."""
    if row.kind == "equal":
        return []
    if not row.b:
        return [paragraph_entry(text_a, "a", known)]
    if not row.a:
        return [paragraph_entry(text_b, "b", known)]
    parts = [(_PART_OF_OP.get(s.op, "change"), s.a, s.b) for s in row.spans]
    trusted = all(op != "equal" or a == b for op, a, b in parts)
    if (
        not trusted
        or "".join(p[1] for p in parts) != text_a
        or "".join(p[2] for p in parts) != text_b
    ):
        return row_entries(text_a, text_b, known)  # spans not to be trusted: compare all
    return fact_entries(parts, text_a, text_b, known)


_PART_OF_OP = {"equal": "equal", "minor": "minor"}


def build_ledger(
    result: DiffResult, skip: Callable[[Row], bool] | None = None
) -> tuple[FactEntry, ...]:
    """The fact ledger of ``result``: every fact difference, row by row.

    ``skip`` leaves out rows (e.g. page furniture) entirely.
    """
    pa, pb = result.a.paragraphs, result.b.paragraphs
    known = document_known_names(pa, pb)
    ledger: list[FactEntry] = []
    for index, row in enumerate(result.rows):
        if skip is not None and skip(row):
            continue
        text_a = PARAGRAPH_JOINER.join(pa[i] for i in row.a)
        text_b = PARAGRAPH_JOINER.join(pb[j] for j in row.b)
        ledger.extend(
            entries_to_ledger(index, row, entries_for_row(row, text_a, text_b, known), pa, pb)
        )
    return tuple(ledger)


def overlapping(
    entries: Iterable[RowEntry], a: tuple[int, int], b: tuple[int, int]
) -> list[RowEntry]:
    """Entries that touch the A range ``a`` or the B range ``b`` (row-text offsets)."""
    out = []
    for e in entries:
        if (e.a is not None and _touches(e.a, a)) or (e.b is not None and _touches(e.b, b)):
            out.append(e)
    return out


def _touches(place: tuple[int, int], span: tuple[int, int]) -> bool:
    s, t = span
    if s == t:
        return False
    return place[0] < t and s < place[1]
