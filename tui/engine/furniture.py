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

import functools
import re
from collections import Counter
from collections.abc import Sequence

from tui.engine.tokens import alternation_by_first_letter

#: A word: letters and digits, maybe joined by apostrophes or dots ("don't", "U.S").
#: The quantifiers are possessive: a word never gives characters back, which finds the
#: same words as greedy ones would, with less work for the matcher.
_WORD_PATTERN = r"[^\W_]++(?:['’.][^\W_]++)*+"
_WORD = re.compile(_WORD_PATTERN)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
_SEPARATORS = re.compile(r"\s[|•›»·→←/]\s|\s[|•›»·→←]|[|•›»·→←]\s|^[•·|]|[|•›»→]$")
#: One character that every separator holds: a line without any is not scanned.
_SEPARATOR_CHARS = re.compile(r"[|•›»·→←/]")
# "[\w-]++" is possessive: giving a character back could never let "\." match instead.
_LINK = re.compile(
    r"https?://|www\.|@\w{2,}|\b[\w-]++\.(?:com|org|net|gov|edu|io|co|uk|info|tv|news)\b", re.I
)
#: What every match of ``_LINK`` holds (a dot before a domain's first letter): a line
#: without it is not scanned.
_LINK_HINT = re.compile(r"[:@]|www\.|\.[conegiut]", re.I)
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
_BYLINE_CAPS = re.compile(r"\b[Bb][Yy]\s+[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]*){1,3}\b")
#: What every match of ``_BYLINE_CAPS`` holds: a line without it is not scanned.
_BYLINE_HINT = re.compile(r"[Bb][Yy]\s")
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
#: Lower-case pieces one of which every match of ``_COPYRIGHT`` holds (no letter of them
#: has a case-insensitive look-alike beyond its capital): a line without any is not scanned.
_COPYRIGHT_HINTS = ("©", "(c)", "copyr", "all r")
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
_UPPER_LABEL = re.compile(r"^[A-Z][A-Z'’ ]{3,}:\s")

#: Longest paragraph (words) that can be furniture without a caption or copyright.
LONG_WORDS = 30
#: Short lines: prompt words here are the line's purpose, not a passing mention.
SHORT_WORDS = 14


def _more_words_than(limit: int) -> re.Pattern[str]:
    """A pattern that matches the start of a text with more than ``limit`` words (as
    ``_WORD.finditer`` finds them: its possessive quantifiers keep each word whole)."""
    return re.compile(rf"(?:[\W_]*+{_WORD_PATTERN}){{{limit + 1}}}")


_LONG = _more_words_than(LONG_WORDS)
_NOT_SHORT = _more_words_than(SHORT_WORDS)


def _settled(line: str) -> bool | None:
    """What a line's shape settles at once: True for a caption or a copyright line, False
    for a line of prose (more than ``LONG_WORDS`` words), None when it needs a closer look
    (:func:`_short_line_is_furniture`)."""
    if _is_caption(line) or _has_copyright(line):
        return True
    if _LONG.match(line):  # most lines: their words are not even listed
        return False
    return None


def _short_line_is_furniture(line: str, repeated: bool) -> bool:
    """Whether a line of at most ``LONG_WORDS`` words, neither a caption nor a copyright
    line, is furniture (``repeated``: its paragraph is a short one the document repeats)."""
    words = _WORD.findall(line)
    n = len(words)
    if n == 0:
        return True  # symbols and numbers only: "• 0", "1 | 2 | 3"
    terminal = bool(_TERMINAL.search(line))
    if repeated and n <= SHORT_WORDS:
        return True
    if _BYLINE_START.match(line) and n <= SHORT_WORDS + 4:
        return True
    if _BYLINE_HINT.search(line) and _BYLINE_CAPS.search(line) and n <= LONG_WORDS:
        return True
    if _mostly_date(line.split()):
        return True  # a date, a time, "Updated 5 min ago"
    links = len(_LINK.findall(line)) if _LINK_HINT.search(line) else 0
    if links and (n <= 4 + 2 * links or not terminal):
        return True
    prompts = len(_PROMPT.findall(line))
    if prompts and (n <= SHORT_WORDS or not terminal or prompts >= 2):
        return True
    if _NAV_LABEL.match(line):
        return True
    separators = len(_SEPARATORS.findall(line)) if _SEPARATOR_CHARS.search(line) else 0
    if separators >= 2 or (separators and not terminal and n <= SHORT_WORDS):
        return True
    if _UPPER_LABEL.match(line) and n <= LONG_WORDS:
        return True
    if terminal or n < 8 or "," in line:
        return False
    return sum(w[0].isupper() or w[0].isdigit() for w in words) >= 0.7 * n


def _is_caption(line: str) -> bool:
    return bool(_CAPTION_START.match(line) or ("(" in line and _CAPTION_CREDIT.search(line)))


def _has_copyright(line: str) -> bool:
    lowered = line.lower()
    return any(hint in lowered for hint in _COPYRIGHT_HINTS) and bool(_COPYRIGHT.search(line))


@functools.lru_cache(maxsize=8192)
def _is_date_token(token: str) -> bool:
    """True for a date or time word (remembered: the words of prose recur, and a lookup
    costs a fraction of the pattern's match)."""
    return _DATE_TOKEN.match(token) is not None


def _mostly_date(tokens: list[str]) -> bool:
    """True when at least 60% of ``tokens`` are date or time words; stops as soon as
    too many are not (most lines: after a few words)."""
    needed = 0.6 * len(tokens)
    misses = 0
    for token in tokens:
        if not _is_date_token(token):
            misses += 1
            if len(tokens) - misses < needed:  # even if every other token were one
                return False
    return len(tokens) - misses >= needed


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
    return [line.strip() for line in paragraph.split("\n") if line.strip()]


def is_furniture(paragraph: str, repeated: bool = False) -> bool:
    """True when ``paragraph`` is page furniture (``repeated``: the document has it
    more than once)."""
    return _all_furniture(_lines(paragraph), repeated)


def _all_furniture(lines: list[str], repeated: bool) -> bool:
    """True when every one of ``lines`` (there are some) is page furniture."""
    settled = _settled_lines(lines)
    return settled is not None and _all_settled_furniture(lines, settled, repeated)


def _settled_lines(lines: list[str]) -> list[bool | None] | None:
    """What :func:`_settled` says of each line, or None as soon as one is prose."""
    verdicts = []
    for line in lines:
        settled = _settled(line)
        if settled is False:
            return None
        verdicts.append(settled)
    return verdicts


def _all_settled_furniture(lines: list[str], settled: list[bool | None], repeated: bool) -> bool:
    """:func:`_all_furniture` for lines none of which is prose, given their verdicts."""
    return bool(lines) and all(
        verdict or _short_line_is_furniture(line, repeated)
        for line, verdict in zip(lines, settled, strict=True)
    )


def furniture_flags(paragraphs: Sequence[str]) -> tuple[bool, ...]:
    """One flag per paragraph of a document: True for page furniture."""
    lines = [_lines(p) for p in paragraphs]
    # A line of prose settles most paragraphs (their verdicts are None): not furniture,
    # and too long to be a short paragraph the document repeats (its key is None), so
    # its words are never folded.
    settled = [_settled_lines(ls) for ls in lines]
    keys = [
        None if verdicts is None and _FOLDS_INTO_LETTER not in p else _short_key(p)
        for p, verdicts in zip(paragraphs, settled, strict=True)
    ]
    counts = Counter(key for key in keys if key is not None)
    return tuple(
        verdicts is not None
        and _all_settled_furniture(ls, verdicts, key is not None and counts[key] > 1)
        for ls, verdicts, key in zip(lines, settled, keys, strict=True)
    )
