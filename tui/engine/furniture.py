"""Page furniture: paragraphs that belong to the page, not to the story.

Navigation bars, bylines, datelines, photo captions and credits, copyright lines,
sign-up and share prompts, "Read more" and related links. Pure and cheap: each
paragraph is judged from its own shape (length, case, separators, links, dates,
terminal punctuation, a few words of the trade) and from the document (the same
short paragraph repeated). A paragraph is furniture when every one of its lines is;
a long paragraph of sentences is never furniture unless it carries a caption credit
or a copyright sign.
"""

from __future__ import annotations

import itertools
import math
import re
import string
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from tui.engine.memo import Memo
from tui.engine.tokens import alternation_by_first_letter

#: A word: letters and digits, maybe joined by apostrophes or dots ("don't", "U.S").
#: The quantifiers are possessive: a word never gives characters back, which finds the
#: same words as greedy ones would, with less work for the matcher.
_WORD_PATTERN = r"[^\W_]++(?:['’.][^\W_]++)*+"
_WORD = re.compile(_WORD_PATTERN)
_SEPARATORS = re.compile(r"\s[|•›»·→←/]\s|\s[|•›»·→←]|[|•›»·→←]\s|^[•·|]|[|•›»→]$")
#: The characters one of which every separator holds: a line without any is not scanned
#: (looked for one by one: a search for a character in a class costs three times more).
_SEPARATOR_CHARS = "|•›»·→←/"
#: Those of them outside ASCII (the others are "|" and "/"): an ASCII line holds none.
_NON_ASCII_SEPARATOR_CHARS = "".join(c for c in _SEPARATOR_CHARS if not c.isascii())
# "[\w-]++" is possessive: giving a character back could never let "\." match instead.
_LINK = re.compile(
    r"https?://|www\.|@\w{2,}|\b[\w-]++\.(?:com|org|net|gov|edu|io|co|uk|info|tv|news)\b", re.I
)
#: The dot of a match of ``_LINK`` that holds neither ":" nor "@" ("www." or the dot before
#: a domain): a line without ":", "@" or this is not scanned. The pattern starts with a plain
#: dot, which the matcher looks for quickly; a case-insensitive pattern it tries everywhere.
_LINK_DOT = re.compile(r"\.(?i:(?<=www\.)|[conegiut])")
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
)
_DATE_TOKEN = re.compile(
    rf"^(?:{_MONTH}|\d{{1,4}}(?:st|nd|rd|th)?,?|\d{{1,2}}:\d{{2}}(?::\d{{2}})?|[ap]\.?m\.?"
    r"|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}|at|on|updated|published|posted|date:?"
    r"|edt|est|gmt|utc|bst|cet|pst|pdt|ago|min|mins|hours?|minutes?|read)$",
    re.I,
)
_BYLINE_START = re.compile(r"^(?:by|written by|author:|words by|story by)\s+\S", re.I)
# "By" at a word's start: the lookbehind after the "B" ("\b" before it, told after it) lets
# the matcher scan the line for a "B" quickly instead of trying the pattern everywhere.
_BYLINE_CAPS = re.compile(r"[Bb](?<!\w[Bb])[Yy]\s+[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]*){1,3}\b")
# Every match of it leaves "by " in the line's _RUN_BYTES: a line without that is not
# scanned (tests/engine/test_furniture_fast.py keeps the hint as a pattern, BYLINE_HINT).

# A caption is told by its start or by a credit in brackets at its end: two patterns, so
# that the second scans a line quickly for "(" (one pattern with both would try every
# position with every alternative).
_CAPTION_START = re.compile(
    r"FILE(?: PHOTO)?\s*[-–—:]|(?:photo|photograph|image|picture|video|credit|caption)s?"
    r"(?: by)?\s*[:/]|photo by\b",
    re.I,
)
_CAPTION_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|photograph|image|file|pool|getty|reuters|afp|ap|epa)\b[^()]*)/"
    r"[^()]*\)\s*$|\((?:photo|image|credit)s?:[^()]*\)\s*$",
    re.I,
)
# The lookaheads (each a first character of the alternatives) only make the scans cheaper:
# most positions fail them at once.
_COPYRIGHT = re.compile(
    r"(?=[©(ca])(?:©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b)", re.I
)
#: Phrases that only the page says to its reader (prompts, promotion, navigation labels),
#: as regular expressions that each start with a plain lower-case letter.
_PROMPT_PHRASES: tuple[str, ...] = (
    "sign(?:ing)? up",
    "subscribe",
    "subscription",
    "newsletters?",
    "inbox",
    "log ?in",
    "sign in",
    "register",
    "ad ?blocker",
    "advertisement",
    "advertising",
    "sponsor(?:ed)? content",
    "sponsored",
    "cookies?",
    "privacy policy",
    "terms of (?:use|service)",
    "follow us",
    "share (?:this|on)",
    "click here",
    "download (?:the|our) app",
    "read (?:more|full)",
    "continue reading",
    "see (?:all|more)",
    "view (?:all|more|comments)",
    "more from",
    "most (?:read|popular|viewed)",
    "related (?:stories|story|articles?|posts?|links?)",
    "leave a comment",
    "no comments",
    "comments?",
    "printable view",
    "print",
    "email",
    "posted by",
    "originally (?:published|appeared)",
    "contributed to this (?:report|story)",
    "reporting by",
    "editing by",
    "editor'?s note",
    "showing posts",
    "archive for",
    "trending",
    "loading",
)


_PROMPT = re.compile(
    rf"\b(?=[{''.join(sorted({p[0] for p in _PROMPT_PHRASES}))}])"
    rf"(?:{alternation_by_first_letter(_PROMPT_PHRASES)})\b",
    re.I,
)
#: Whole-line navigation labels.
_NAV_LABEL = re.compile(
    r"^(?:home|menu|search|posts|archives?|categories|tags|next|previous|older posts|"
    r"newer posts|back to top|skip to (?:main )?content)\W*$",
    re.I,
)
#: The most words a line that ``_NAV_LABEL`` matches has ("skip to main content").
_NAV_LABEL_MOST_WORDS = 4
_UPPER_LABEL = re.compile(r"^[A-Z][A-Z'’ ]{3,}:\s")

#: Longest paragraph (words) that can be furniture without a caption or copyright.
LONG_WORDS = 30
#: Short lines: prompt words here are the line's purpose, not a passing mention.
SHORT_WORDS = 14


_NOT_SHORT = re.compile(rf"(?:[\W_]*+{_WORD_PATTERN}){{{SHORT_WORDS + 1}}}")
"""Matches the start of a text with more than ``SHORT_WORDS`` words (as ``_WORD.finditer``
finds them: its possessive quantifiers keep each word whole)."""

#: Each byte of a line's UTF-8 form to the class that bounds its number of words from
#: below: "a" for an ASCII letter or digit, a space for any other ASCII character but the
#: word joiners, "." for a joiner or a byte of a character outside ASCII (which may join
#: words or be part of a letter).
_WORD_START_CLASSES = (
    bytes(
        ord("a") if chr(n).isalnum() else ord(" ") if chr(n) not in "'." else ord(".")
        for n in range(128)
    )
    + b"." * 128
)
#: The first letters of the words ``_CAPTION_START`` starts with, in every form that
#: re.IGNORECASE matches (capital I with a dot, dotless i): a line that starts with none
#: of them is not matched.
_CAPTION_FIRST_LETTERS = "cfipvCFIPV\u0130\u0131"
#: Characters outside ASCII that re.IGNORECASE matches to an ASCII letter (KELVIN SIGN,
#: LONG S, capital I with a dot, dotless i).
_ASCII_LETTER_LOOKALIKES = "\u212a\u017f\u0130\u0131"
#: Each byte of a line's UTF-8 form to what the runs of letters and digits are cut from:
#: ASCII letters lower-cased, ASCII letters and digits kept, every other byte a space.
_RUN_BYTES = bytes(
    ord(chr(n).lower()) if n < 128 and chr(n).isalnum() else ord(" ") for n in range(256)
)


def _expansions(phrase: str) -> list[str]:
    """Every text that ``phrase`` matches: letters, spaces and apostrophes, and
    ``(?:...|...)`` groups of such, each maybe made optional by "?"."""
    texts = [""]
    for group, char, optional in re.findall(r"(?:\(\?:([^()]*)\)|([^()?]))(\??)", phrase):
        choices = [t for part in group.split("|") for t in _expansions(part)] if group else [char]
        if optional:
            choices.append("")
        texts = [text + choice for text in texts for choice in choices]
    return texts


def _runs(text: str) -> list[bytes]:
    """The runs of ASCII letters and digits of ``text``, lower-cased."""
    return text.encode().translate(_RUN_BYTES).split()


#: The runs of each text that a prompt phrase matches.
_PROMPT_RUNS = [_runs(text) for phrase in _PROMPT_PHRASES for text in _expansions(phrase)]
#: Those texts that are one run.
_PROMPT_ONE_RUN = frozenset(runs[0] for runs in _PROMPT_RUNS if len(runs) == 1)
#: The first two runs of the others, and the first runs alone.
_PROMPT_TWO_RUNS = frozenset((runs[0], runs[1]) for runs in _PROMPT_RUNS if len(runs) > 1)
#: The runs that may start a prompt phrase: a line without any holds none.
_PROMPT_FIRST_RUNS = _PROMPT_ONE_RUN | frozenset(first for first, _ in _PROMPT_TWO_RUNS)


#: The bytes of a UTF-8 text that are neither an ASCII capital or digit nor the first byte
#: of a character outside ASCII: the first character of a word that starts with a capital
#: or a digit is none of them.
_NOT_CAPITAL_STARTS = bytes(
    n for n in range(0xC0) if chr(n) not in string.ascii_uppercase + string.digits
)

#: The characters that may close a sentence after its terminal mark.
_CLOSERS = "\"'”’)]"


def _words_from_below(classes: bytes) -> int:
    """The number of words of a line as ``_WORD`` finds them, told from below, from the
    classes of its UTF-8 bytes (``_WORD_START_CLASSES``)."""
    # Each ASCII letter or digit right after a character that never joins a word starts a
    # word of its own; counted in C, a fifth of the cost of matching the words.
    return classes.count(b" a") + classes.startswith(b"a")


def _ascii_words(classes: bytes) -> int:
    """The number of words of an ASCII line as ``_WORD`` finds them, from the classes of
    its bytes (``_WORD_START_CLASSES``)."""
    # A word also starts after a joiner that follows no letter or digit ("..5", " 'tis");
    # a joiner between two letters or digits joins them. Outside ASCII the classes cannot
    # tell a joiner from part of a letter.
    joiner_starts = classes.count(b" .a") + classes.count(b"..a") + classes.startswith(b".a")
    return _words_from_below(classes) + joiner_starts


#: What :func:`_settled` says of a line: True or False, or its number of words (an int;
#: tell them apart with ``isinstance(verdict, bool)``, as True and False are ints too).
Verdict = bool | int


def _settled(line: str) -> Verdict:
    """What a line's shape settles at once: True for a caption or a copyright line, False
    for a line of prose (more than ``LONG_WORDS`` words); else the line's number of words,
    for a closer look (:func:`_short_line_is_furniture`)."""
    data = line.encode()
    if _is_caption(line) or _has_copyright(line, data):
        return True
    classes = data.translate(_WORD_START_CLASSES)
    # Most lines: more words than LONG_WORDS told from below, their words not matched
    # (the count alone, without _words_from_below's look at the start, tells most).
    if classes.count(b" a") > LONG_WORDS:
        return False
    n = _word_count(line, classes)
    return False if n > LONG_WORDS else n


#: Characters outside ASCII that most lines outside ASCII owe it to, each with an ASCII
#: character of its class for the word pattern: a joiner for a joiner, else neither a
#: letter, a digit nor a joiner.
_ASCII_STAND_INS = (
    ("’", "'"),
    ("“", '"'),
    ("”", '"'),
    ("‘", '"'),
    ("—", "-"),
    ("–", "-"),
    ("…", " "),
    ("\u00a0", " "),
)


def _word_count(line: str, classes: bytes) -> int:
    """The number of words of ``line`` as ``_WORD`` finds them (``classes``: the classes
    of its UTF-8 bytes, ``_WORD_START_CLASSES``)."""
    # Counted from the classes where they tell exactly, in ASCII: matching the words
    # costs several times more.
    if line.isascii():
        return _ascii_words(classes)
    stood_in = line
    for char, stand_in in _ASCII_STAND_INS:
        stood_in = stood_in.replace(char, stand_in)
    if stood_in.isascii():
        return _ascii_words(stood_in.encode().translate(_WORD_START_CLASSES))
    return len(_WORD.findall(line))


def _short_line_is_furniture(line: str, n: int, repeated: bool) -> bool:
    """Whether a line of ``n`` words, at most ``LONG_WORDS``, neither a caption nor a
    copyright line, is furniture (``repeated``: its paragraph is a short one the document
    repeats)."""
    if n == 0:
        return True  # symbols and numbers only: "• 0", "1 | 2 | 3"
    terminal = _ends_sentence(line)
    if repeated and n <= SHORT_WORDS:
        return True
    if n <= SHORT_WORDS + 4 and _BYLINE_START.match(line):
        return True
    # The line's runs of ASCII letters and digits, lower-cased, with spaces between: what
    # the byline and the prompt phrases are first looked for in.
    data = line.encode()
    run_bytes = data.translate(_RUN_BYTES)
    if run_bytes.find(b"by ") >= 0 and _BYLINE_CAPS.search(line):
        return True
    if _mostly_date(line.split()):
        return True  # a date, a time, "Updated 5 min ago"
    links = _count_links(line)
    if links and (n <= 4 + 2 * links or not terminal):
        return True
    # Whether prompts make the line furniture grows with their number: a line that the
    # most it can hold would not make furniture is not scanned for them.
    if _prompted(_most_prompts(line, run_bytes), n, terminal) and _prompted(
        len(_PROMPT.findall(line)), n, terminal
    ):
        return True
    if n <= _NAV_LABEL_MOST_WORDS and _NAV_LABEL.match(line):
        return True
    separators = len(_SEPARATORS.findall(line)) if _has_separator_char(line) else 0
    if separators >= 2 or (separators and not terminal and n <= SHORT_WORDS):
        return True
    if ":" in line and _UPPER_LABEL.match(line):
        return True
    if terminal or n < 8 or "," in line:
        return False
    # A word that starts with a capital or a digit starts at a byte of its own that
    # _NOT_CAPITAL_STARTS does not hold: a line with too few is not matched.
    if len(data.translate(None, _NOT_CAPITAL_STARTS)) < 0.7 * n:
        return False
    return sum(w[0].isupper() or w[0].isdigit() for w in _WORD.findall(line)) >= 0.7 * n


def _has_separator_char(line: str) -> bool:
    """Whether ``line`` holds one of ``_SEPARATOR_CHARS``."""
    # The "in" tests of the ASCII ones written out: through a map they cost three times
    # more, and most lines are judged by them.
    return (
        "|" in line
        or "/" in line
        or (not line.isascii() and any(map(line.__contains__, _NON_ASCII_SEPARATOR_CHARS)))
    )


def _ends_sentence(line: str) -> bool:
    """Whether ``line`` (no newline) ends in a terminal mark, maybe followed by closing
    quotes and brackets."""
    return line.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def _count_links(line: str) -> int:
    """The number of links in ``line`` (``_LINK``)."""
    # Every link holds "://", "@" or a dot: a line without a dot where a link could have
    # one is not scanned, and "in" tests and a scan from dot to dot are cheap.
    if "://" in line or "@" in line or _LINK_DOT.search(line):
        return len(_LINK.findall(line))
    return 0


def _prompted(prompts: int, n: int, terminal: bool) -> bool:
    """Whether ``prompts`` prompt phrases make a line of ``n`` words furniture
    (``terminal``: it ends a sentence)."""
    return prompts > 0 and (n <= SHORT_WORDS or not terminal or prompts >= 2)


def _most_prompts(line: str, run_bytes: bytes) -> int:
    """At least the number of prompt phrases in ``line`` (``_PROMPT``); ``run_bytes``: its
    UTF-8 bytes translated by ``_RUN_BYTES``."""
    # Unless the line has a look-alike of an ASCII letter, a match is made of whole runs
    # of ASCII letters of the line, lower-cased: one of _PROMPT_ONE_RUN, or two (or more)
    # that follow each other, the first two one of _PROMPT_TWO_RUNS. Matches do not
    # overlap, so each starts at a run of its own: the runs and pairs of runs that could
    # start one are at least as many. Most lines have no run that could start one.
    if _has_ascii_lookalike(line):
        return len(line)  # more than any number of matches
    runs = run_bytes.split()
    if _PROMPT_FIRST_RUNS.isdisjoint(runs):
        return 0
    return sum(map(_PROMPT_ONE_RUN.__contains__, runs)) + sum(
        map(_PROMPT_TWO_RUNS.__contains__, pairwise(runs))
    )


def _has_ascii_lookalike(line: str) -> bool:
    """Whether ``line`` has one of ``_ASCII_LETTER_LOOKALIKES``."""
    # The "in" tests written out: through a map they cost three times more.
    return not line.isascii() and (
        "\u212a" in line or "\u017f" in line or "\u0130" in line or "\u0131" in line
    )


def _is_caption(line: str) -> bool:
    """Whether ``line`` starts as a caption or ends with a credit in brackets."""
    if line[:1] in _CAPTION_FIRST_LETTERS and _CAPTION_START.match(line):
        return True
    # A credit is the line's last bracket, closed at its end, with a "/" or a ":" in it:
    # only such a bracket is matched (many lines end with a bracket, few such). "in" tests
    # for the "/" and ":" first: most such lines have neither, and they cost a fraction of
    # the searches from the bracket.
    if not line.rstrip().endswith(")") or ("/" not in line and ":" not in line):
        return False
    last = line.rfind("(")
    return (
        last >= 0
        and (line.find("/", last) >= 0 or line.find(":", last) >= 0)
        and _CAPTION_CREDIT.match(line, last) is not None
    )


def _has_copyright(line: str, data: bytes) -> bool:
    """Whether ``line`` (``data``: its UTF-8 bytes) holds a copyright sign or notice."""
    # Every match holds one of these pieces. re.IGNORECASE matches none of their letters
    # to a character outside ASCII, so the bytes lower-cased show them, at a fraction of
    # the cost of the line lower-cased. "copyright" and "all rights" both hold "ght",
    # which few lines do: the two are looked for only in those. find, not "in": a bytes
    # "in" first tries its argument as an integer (an error).
    lowered = data.lower()
    hinted = (
        "©" in line
        or (
            lowered.find(b"ght") >= 0
            and (lowered.find(b"copyr") >= 0 or lowered.find(b"all r") >= 0)
        )
        or ("(" in line and lowered.find(b"(c)") >= 0)
    )
    return hinted and bool(_COPYRIGHT.search(line))


def _is_date_word(token: str) -> bool:
    """Whether ``token`` is a date or time word."""
    return _DATE_TOKEN.match(token) is not None


#: :func:`_is_date_word`, remembered: the words of prose recur, and a lookup costs a
#: fraction of the pattern's match.
_is_date_token = Memo(_is_date_word, 8192).__getitem__


def _mostly_date(tokens: list[str]) -> bool:
    """True when at least 60% of ``tokens`` are date or time words."""
    allowed_misses = len(tokens) - math.ceil(0.6 * len(tokens))
    # Whether there is a miss past the allowed ones, found in C: most lines stop there
    # after a few words.
    misses = itertools.filterfalse(_is_date_token, tokens)
    return next(itertools.islice(misses, allowed_misses, None), None) is None


def _short_key(text: str) -> str | None:
    """The words of a short paragraph, folded; None for one of more than SHORT_WORDS words
    (repetition only counts for short paragraphs, and equal keys have equal lengths)."""
    folded = text.casefold()
    return None if _NOT_SHORT.match(folded) else " ".join(_WORD.findall(folded))


#: Casefolding splits words at times (U+0130 becomes "i" and a combining dot) but never
#: joins two into one, except by this one character (U+0345, a combining mark that folds
#: to a Greek letter; a test checks every character): a text without it has at least as
#: many words folded as it has.
_FOLDS_INTO_LETTER = "\u0345"


def _lines(paragraph: str) -> list[str]:
    if "\n" not in paragraph:  # most paragraphs: no list to build
        line = paragraph.strip()
        return [line] if line else []
    return [line.strip() for line in paragraph.split("\n") if line.strip()]


#: What :func:`_settled` says of each line of a paragraph none of which is prose.
Verdicts = list[Verdict]


def is_furniture(paragraph: str, repeated: bool = False) -> bool:
    """True when ``paragraph`` is page furniture (``repeated``: the document has it
    more than once)."""
    return _all_furniture(_lines(paragraph), repeated)


def _all_furniture(lines: list[str], repeated: bool) -> bool:
    """True when every one of ``lines`` (there are some) is page furniture."""
    settled = _settled_lines(lines)
    return settled is not None and _all_settled_furniture(lines, settled, repeated)


#: What :func:`_settled` says of each line, remembered: the two versions of an article,
#: judged in turn, share most of their lines, and a lookup costs a fraction of a judgement.
_settled_line = Memo(_settled, 1 << 16).__getitem__


def _unrepeated_short_line_is_furniture(line: str) -> bool:
    """Whether a line that :func:`_settled` leaves to a closer look is furniture when its
    paragraph is not repeated."""
    return _short_line_is_furniture(line, _settled_line(line), False)


#: :func:`_unrepeated_short_line_is_furniture`, remembered as :data:`_settled_line`.
_short_line_furniture = Memo(_unrepeated_short_line_is_furniture, 1 << 16).__getitem__


def _settled_lines(lines: list[str]) -> Verdicts | None:
    """What :func:`_settled` says of each line, or None as soon as one is prose."""
    verdicts = []
    for line in lines:
        settled = _settled_line(line)
        if settled is False:
            return None
        verdicts.append(settled)
    return verdicts


def _all_settled_furniture(lines: list[str], settled: Verdicts, repeated: bool) -> bool:
    """:func:`_all_furniture` for lines none of which is prose, given their verdicts."""
    if len(lines) == 1:  # most paragraphs: one line, judged without a generator
        return _settled_line_is_furniture(lines[0], settled[0], repeated)
    return bool(lines) and all(
        _settled_line_is_furniture(line, verdict, repeated)
        for line, verdict in zip(lines, settled, strict=True)
    )


def _settled_line_is_furniture(line: str, verdict: Verdict, repeated: bool) -> bool:
    """Whether a line that is not prose is furniture, given its verdict (``repeated``: its
    paragraph is a short one the document repeats)."""
    # Repetition makes a short line furniture; else it does not count (see
    # _short_line_is_furniture), so a line's judgement without it is remembered.
    if isinstance(verdict, bool):
        return verdict
    return (repeated and verdict <= SHORT_WORDS) or _short_line_furniture(line)


def _more_than_short(verdicts: Verdicts) -> bool:
    """True when the verdicts of a paragraph's lines, none of which is prose, show it has
    more than ``SHORT_WORDS`` words."""
    # A single line, as most are, without a generator: True has no words, and False
    # (prose) is not among the verdicts.
    if len(verdicts) == 1:
        return verdicts[0] is not True and verdicts[0] > SHORT_WORDS
    return sum(n for n in verdicts if n is not True) > SHORT_WORDS


def furniture_flags(paragraphs: Sequence[str]) -> tuple[bool, ...]:
    """One flag per paragraph of a document: True for page furniture."""
    lines = [_lines(p) for p in paragraphs]
    # The verdicts settle most paragraphs: a line of prose (None) is not furniture, and a
    # paragraph with more than SHORT_WORDS words is too long to be a short paragraph the
    # document repeats (its key is None), so its words are never folded.
    settled = [_settled_lines(ls) for ls in lines]
    keys = [
        None
        if (verdicts is None or _more_than_short(verdicts)) and _FOLDS_INTO_LETTER not in p
        else _short_key(p)
        for p, verdicts in zip(paragraphs, settled, strict=True)
    ]
    counts = Counter(key for key in keys if key is not None)
    return tuple(
        verdicts is not None
        and _all_settled_furniture(ls, verdicts, key is not None and counts[key] > 1)
        for ls, verdicts, key in zip(lines, settled, keys, strict=True)
    )
