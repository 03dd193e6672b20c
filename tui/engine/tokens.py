"""Tokens: the word stream for diffs, and normalised terms for alignment.

Two views of a text:
- :func:`diff_tokens` cuts it losslessly into words, whitespace runs and single
  other characters, so a diff never starts or ends inside a word.
- :func:`terms` gives the normalised content words used to pair paragraphs:
  casefolded, quote/dash/compatibility/look-alike folded, stopwords dropped,
  lightly stemmed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from tui.engine.memo import Memo

#: A word: letters/digits/underscore, with inner apostrophes, dots in numbers
#: (3.5, 1,000) and hyphens kept inside (well-known, 2022-02-03). The quantifiers are
#: possessive: a token never gives characters back, which cuts the same tokens as
#: greedy ones would (whatever follows a token may be empty), with less work.
WORD_PATTERN = r"\w++(?:['’.,\-‐‑]\w++)*+"
_DIFF_TOKEN = re.compile(rf"(?:{WORD_PATTERN}|\s++|.)[^\S\n]*+\n?[^\S\n]*+", re.DOTALL)
_WORD = re.compile(r"\w+")
#: Every ASCII character that is not a word character, made a space: the words of
#: an ASCII text are then what ``split()`` finds, at half the cost of the pattern. (A
#: table of bytes: translating the text's bytes costs a quarter of ``str.translate``.)
_ASCII_NON_WORD = bytes(
    n if n < 128 and (chr(n).isalnum() or chr(n) == "_") else ord(" ") for n in range(256)
)

#: Look-alike letters from Cyrillic and Greek mapped to the Latin letter they imitate.
HOMOGLYPHS: dict[str, str] = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j",
    "ԛ": "q", "ԝ": "w", "ӏ": "l", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M",
    "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S",
    "І": "I", "Ј": "J", "α": "a", "ο": "o", "ν": "v", "ρ": "p", "τ": "t", "υ": "u",
    "ι": "i", "κ": "k", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I",
    "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip

#: Quote, apostrophe, dash and space variants folded to one ASCII form.
_STYLE_FOLD: dict[str, str] = {
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‹": "'", "›": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
    "―": "-", "−": "-", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
    "\u200a": " ", "\u2002": " ", "\u2003": " ", "\u200b": "", "\u00ad": "",
}  # fmt: skip
_FOLD_MAP: dict[str, str] = {**_STYLE_FOLD, **HOMOGLYPHS}
#: Curly quotes and dashes: not word characters, and most of the non-ASCII ones of prose.
_PROSE_PUNCTUATION = ("’", "“", "”", "‘", "—", "–")
#: The style characters real prose is full of, folded by ``str.replace`` first.
_COMMON_STYLE: tuple[tuple[str, str], ...] = tuple(
    (style, _STYLE_FOLD[style]) for style in (*_PROSE_PUNCTUATION, "\u00a0")
)
# A regex over the few characters to fold beats str.translate with a dict table,
# which is slow on non-ASCII strings.
_FOLD_RE = re.compile("[" + re.escape("".join(_FOLD_MAP)) + "]")

STOPWORDS: frozenset[str] = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "may",
        "might",
        "must",
        "shall",
        "said",
        "says",
        "say",
        "one",
        "two",
        "new",
        "also",
        "however",
        "whether",
        "per",
        "via",
        "amid",
        "among",
        "upon",
        "within",
        "without",
        "though",
        "although",
        "yet",
        "still",
        "even",
    ]
)

_SUFFIXES: tuple[str, ...] = (
    "ization", "ational", "fulness", "iveness", "ations", "ation", "ments", "ment",
    "ings", "ing", "ness", "ities", "ity", "ies", "ied", "ers", "er", "edly", "ed",
    "ly", "es", "s",
)  # fmt: skip


def _by_last_letter(suffixes: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``suffixes`` grouped by their last letter, in their order within a group."""
    groups: dict[str, list[str]] = {}
    for suffix in suffixes:
        groups.setdefault(suffix[-1], []).append(suffix)
    return {letter: tuple(group) for letter, group in groups.items()}


#: Only a suffix that ends with a word's last letter can be stripped from it: the word is
#: tried with those alone, in the order of ``_SUFFIXES``.
_SUFFIXES_BY_LAST_LETTER = _by_last_letter(_SUFFIXES)


def fold_text(text: str) -> str:
    """Fold styles that do not change meaning: quotes, dashes, spaces, look-alikes, NFKC."""
    if text.isascii():
        return text
    # Most non-ASCII prose is ASCII but for curly quotes and dashes: replacing those
    # first (a fast scan each) leaves nothing for the pattern or NFKC to do.
    for style, plain in _COMMON_STYLE:
        text = text.replace(style, plain)
    if text.isascii():
        return text.replace("`", "'")
    text = _FOLD_RE.sub(_fold_char, text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD_MAP[match.group()]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix-stripping stemmer (pairs "talks"/"talked", "officials"/"official")."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES_BY_LAST_LETTER.get(word[-1], ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


#: The ASCII whitespace characters other than the space (``str.split`` splits on them).
_ASCII_SPACES_BUT_SPACE = tuple(c for c in map(chr, range(128)) if c.isspace() and c != " ")


def normal_key(text: str) -> str:
    """Folded, casefolded text with whitespace collapsed: equal keys mean 'the same paragraph'."""
    key = fold_text(text).casefold()
    if is_single_spaced(key):
        return key  # what collapsing gives, at a third of the cost
    return " ".join(key.split())


def is_single_spaced(text: str) -> bool:
    """Whether the only whitespace of ``text`` is single spaces between words, so that
    collapsing its whitespace changes nothing. (Every whitespace character but the
    space is unprintable; a non-ASCII text with another unprintable one is not
    single-spaced either.)"""
    if text.isascii():
        # A search for each character (memchr) costs less than isprintable's look-up
        # of every character.
        for space in _ASCII_SPACES_BUT_SPACE:
            if space in text:
                return False
    elif not text.isprintable():
        return False
    return "  " not in text and not text.startswith(" ") and not text.endswith(" ")


def terms(text: str, folded: bool = False) -> list[str]:
    """Normalised content words of ``text`` for alignment (stopwords dropped, stemmed).

    ``folded``: the text is already a :func:`normal_key`.
    """
    return next(terms_of([text], folded))


def terms_of(texts: Iterable[str], folded: bool = False) -> Iterator[list[str]]:
    """The :func:`terms` of each of ``texts``, in turn (each word's term is remembered)."""
    for text in texts:
        if not folded:
            text = fold_text(text).casefold()
        if text.isascii():
            words = text.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split()
        else:
            words = _WORD.findall(text)
        # A stopword's stem is "" (a word's never is), which the filter drops.
        yield list(filter(None, map(_term_of, words)))


def _term(word: str) -> str:
    """The term of a word: its stem, "" for a stopword."""
    return "" if word in STOPWORDS else stem(word)


#: Each word's term, remembered across texts and calls (the two versions of an article
#: share their words).
_term_of = Memo(_term, 1 << 16).__getitem__


def alternation_by_first_letter(alternatives: Iterable[str]) -> str:
    """One regex alternation of ``alternatives`` (each starting with a plain letter),
    grouped by first letter, keeping their order within a letter: the same matches as
    the flat alternation in that order, but a word start tries only the alternatives of
    its letter (a flat list would try every one of them at every word)."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


def diff_tokens(text: str) -> list[str]:
    """Cut ``text`` losslessly into words, whitespace runs and single other characters,
    each carrying the whitespace that follows it (so diffs are half as long)."""
    return _DIFF_TOKEN.findall(text)


#: The longest text whose word count :data:`_short_text_words` keeps.
_KEPT_TEXT_LENGTH = 64


def count_words(text: str) -> int:
    """Number of words (``\\w+`` runs) in ``text``."""
    if len(text) <= _KEPT_TEXT_LENGTH:
        return _short_text_words[text]
    return _count_words(text)


def _count_words(text: str) -> int:
    """The number of words in ``text``, counted (:func:`count_words` remembers those of
    short texts)."""
    # A third of the regex's cost: each character becomes one byte, "a" for a word
    # character and a space for any other, and the word starts are counted, all in C
    # (the error handler classes the non-ASCII characters, a few runs per paragraph;
    # a call per run costs more than a pass of C over the text, so the punctuation
    # most common in prose is made spaces first).
    if not text.isascii():
        for char in _PROSE_SEPARATORS:
            text = text.replace(char, " ")
    classes = text.encode("ascii", _WORD_CLASS_ERRORS).translate(_WORD_CLASS_BYTES)
    return classes.count(b" a") + classes.startswith(b"a")


#: The word counts of short texts (the changed words of a diff recur from row to row).
_short_text_words = Memo(_count_words, 1 << 16)


def is_word_char(char: str) -> bool:
    """True when ``char`` is a word character (what ``\\w`` matches)."""
    return char.isalnum() or char == "_"


def _word_class_of_unencodable(error: UnicodeError) -> tuple[str, int]:
    """The ASCII codec's replacement for characters it cannot encode: "a" for each word
    character, a space for any other."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chars = error.object[error.start : error.end]
    return "".join(["a" if is_word_char(c) else " " for c in chars]), error.end


#: The characters outside ASCII, not word characters, that prose is full of.
_PROSE_SEPARATORS = (*_PROSE_PUNCTUATION, "\u00a0")
_WORD_CLASS_ERRORS = "paradiff.word_class"
codecs.register_error(_WORD_CLASS_ERRORS, _word_class_of_unencodable)
#: Each ASCII byte to "a" (a word character) or a space (the encoding makes no other).
_WORD_CLASS_BYTES = bytes(
    ord("a") if n < 128 and is_word_char(chr(n)) else ord(" ") for n in range(256)
)
