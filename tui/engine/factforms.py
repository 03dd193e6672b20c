"""Normal forms of facts: one fact written two ways gets one key.

The tables here are the one source of the normal forms; ``docs/FACTS.md`` lists
examples of each, and a test checks every row of that table against these
functions. Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from tui.engine.tokens import fold_text

#: Number words and their values ("a dozen" is handled by the number pattern).
SMALL_NUMBERS: dict[str, int] = {
    w: n
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
        ]
    )
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
#: Scale words multiply what stands before them ("1.5 million", "two thousand").
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "mn": 1_000_000,
    "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
    "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {**SMALL_NUMBERS, **TENS, "dozen": 12}

#: Units and the one name each is known by.
UNITS: dict[str, str] = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "percentage points": "points", "points": "points",
    "$": "USD", "us$": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD",
    "€": "EUR", "euros": "EUR", "euro": "EUR", "eur": "EUR",
    "£": "GBP", "pounds": "GBP", "pound": "GBP", "gbp": "GBP",
    "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rubles": "RUB", "roubles": "RUB",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "metres": "metre", "meters": "metre", "metre": "metre", "meter": "metre",
    "centimetres": "cm", "centimeters": "cm", "cm": "cm", "millimetres": "mm",
    "millimeters": "mm", "mm": "mm", "feet": "foot", "foot": "foot", "ft": "foot",
    "inches": "inch", "inch": "inch", "miles": "mile", "mile": "mile", "mi": "mile",
    "kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg",
    "tons": "tonne", "tonnes": "tonne", "ton": "tonne", "tonne": "tonne",
    "degrees": "degree", "degree": "degree", "°": "degree",
    "years": "year", "year": "year", "months": "month", "days": "day", "hours": "hour",
    "minutes": "minute", "people": "people", "troops": "troops", "soldiers": "troops",
}  # fmt: skip

#: Words before a number that say how exact it is, by what they mean.
QUALIFIERS: dict[str, str] = {
    "more than": ">", "greater than": ">", "over": ">", "above": ">", "upwards of": ">",
    "in excess of": ">",
    "at least": ">=", "no fewer than": ">=", "no less than": ">=",
    "less than": "<", "fewer than": "<", "under": "<", "below": "<",
    "up to": "<=", "at most": "<=", "no more than": "<=",
    "about": "~", "around": "~", "nearly": "~", "almost": "~", "approximately": "~",
    "roughly": "~", "some": "~", "an estimated": "~", "close to": "~",
}  # fmt: skip

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: frozenset[str] = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
RELATIVE_DAYS: frozenset[str] = frozenset(["today", "yesterday", "tomorrow", "tonight"])

#: Names with more than one usual form, each form mapped to one key.
NAME_ALIASES: dict[str, str] = {
    "us": "united states", "u.s.": "united states", "u.s": "united states",
    "usa": "united states", "u.s.a.": "united states", "u.s.a": "united states",
    "united states of america": "united states", "america": "united states",
    "uk": "united kingdom", "u.k.": "united kingdom", "u.k": "united kingdom",
    "britain": "united kingdom", "great britain": "united kingdom",
    "eu": "european union", "e.u.": "european union",
    "un": "united nations", "u.n.": "united nations",
    "uae": "united arab emirates", "u.a.e.": "united arab emirates",
    "ussr": "soviet union", "u.s.s.r.": "soviet union",
    "nato": "nato", "n.a.t.o.": "nato",
    "prc": "china", "people's republic of china": "china",
}  # fmt: skip

#: Titles and honorifics: "Mr. Putin" is "Putin".
HONORIFICS: frozenset[str] = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "prof",
        "prof.",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "rev.",
        "president",
        "prime",
        "minister",
        "secretary",
        "chancellor",
        "gen",
        "gen.",
        "general",
        "sen",
        "sen.",
        "senator",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "governor",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "judge",
        "justice",
        "foreign",
        "defense",
        "defence",
        "finance",
        "state",
        "of",
        "the",
        "adviser",
        "advisor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "chairwoman",
        "chief",
        "minister's",
        "russian",
        "chinese",
        "american",
        "british",
        "french",
        "german",
        "ukrainian",
        "us",
        "deputy",
        "vice",
    ]
)

#: Contractions and their long forms (inside quotes "shouldn't" is "should not").
CONTRACTIONS: dict[str, str] = {
    "can't": "cannot", "cannot": "cannot", "can not": "cannot", "won't": "will not",
    "shan't": "shall not", "ain't": "is not", "let's": "let us",
    "i'm": "i am", "it's": "it is", "that's": "that is", "there's": "there is",
    "what's": "what is", "he's": "he is", "she's": "she is", "we're": "we are",
    "they're": "they are", "you're": "you are", "i've": "i have", "we've": "we have",
    "they've": "they have", "you've": "you have", "i'll": "i will", "we'll": "we will",
    "they'll": "they will", "you'll": "you will", "he'll": "he will", "she'll": "she will",
    "it'll": "it will", "i'd": "i would", "we'd": "we would", "they'd": "they would",
}  # fmt: skip
_NT = re.compile(r"\b(\w+)n't\b")
_CONTRACTION_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(CONTRACTIONS, key=len, reverse=True)) + r")\b"
)


#: What every contraction holds but "cannot" (which stands for itself): a text with
#: none of them has nothing to expand.
_CONTRACTION_HINTS = ("'", "can not")


def expand_contractions(text: str) -> str:
    """Lower-cased ``text`` with contractions in their long form ("shouldn't" -> "should not")."""
    text = fold_text(text).casefold()
    if not any(hint in text for hint in _CONTRACTION_HINTS):  # most texts: no regex
        return text
    text = _CONTRACTION_RE.sub(lambda m: CONTRACTIONS[m.group()], text)
    return _NT.sub(lambda m: m.group(1) + " not", text)


def quote_key(text: str) -> str:
    """What a quotation is compared by: words only, contractions expanded, number
    words as digits, case and punctuation ignored."""
    return " ".join(canonical_words(text))


def strip_accents(text: str) -> str:
    """``text`` without combining marks ("Zelenskyy" stays, "Müller" -> "Muller")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_POSSESSIVE = re.compile(r"['’]s$|['’]$")


@lru_cache(maxsize=65_536)
def name_tokens(name: str) -> tuple[str, ...]:
    """The significant words of a name, lower-cased, aliases resolved, titles dropped:
    "Mr. Putin" -> ("putin",), "the U.S." -> ("united", "states")."""
    folded = strip_accents(fold_text(name)).casefold().strip()
    folded = _POSSESSIVE.sub("", folded)
    alias = NAME_ALIASES.get(folded)
    if alias is not None:
        return tuple(alias.split())
    words = [_POSSESSIVE.sub("", w) for w in re.split(r"[\s\-‐‑]+", folded) if w]
    out: list[str] = []
    for word in words:
        alias = NAME_ALIASES.get(word)
        if alias is not None:
            out.extend(alias.split())
        elif word.rstrip(".") not in HONORIFICS and word not in HONORIFICS:
            out.append(word.rstrip("."))
    if not out:  # a bare title ("the President") names itself
        out = [w.rstrip(".") for w in words]
    return tuple(out)


@lru_cache(maxsize=65_536)
def name_key(name: str) -> str:
    """One key for every form of a name."""
    return " ".join(name_tokens(name))


#: Shorter names ("Li", "Lu") differ by too few letters to tell a variant from another name.
VARIANT_MIN_LETTERS = 5


def similar_names(a: str, b: str) -> bool:
    """True for two spellings of one name ("Uyghur"/"Uighur", "Zelensky"/"Zelenskyy"):
    same first letter, close lengths and an edit distance of at most one in four letters."""
    a, b = name_key(a).replace(" ", ""), name_key(b).replace(" ", "")
    if min(len(a), len(b)) < VARIANT_MIN_LETTERS or a == b or a[0] != b[0]:
        return False
    if abs(len(a) - len(b)) > max(1, min(len(a), len(b)) // 4):
        return False
    limit = max(1, min(len(a), len(b)) // 4)
    return edit_distance(a, b, limit) <= limit


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit``."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def parse_number_words(words: list[str]) -> int | None:
    """Value of a run of number words ("twenty five", "two hundred"); None if not one."""
    total = current = 0
    seen = False
    for word in words:
        if word in SMALL_NUMBERS or word == "dozen":
            current += NUMBER_WORDS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES and word.isalpha() and len(word) > 2:
            scale = SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


@lru_cache(maxsize=65_536)
def number_value(numeral: str, scale: str = "") -> Decimal | None:
    """The value of a numeral ("1,000", "3.5", "two", "twenty-five") times its scale word."""
    text = fold_text(numeral).casefold().replace("-", " ").strip()
    if text.startswith("a "):
        text = text[2:]
    if any(ch.isdigit() for ch in text):
        digits = text.replace(",", "").replace(" ", "")
        try:
            value = Decimal(digits)
        except InvalidOperation:
            return None
    else:
        parsed = parse_number_words(text.split())
        if parsed is None:
            return None
        value = Decimal(parsed)
    if scale:
        value *= SCALES.get(scale.casefold().rstrip("."), 1)
    return value


def number_key(value: Decimal, unit: str = "", qualifier: str = "") -> str:
    """Key of a quantity: its exact value, its unit's one name, and how exact it is."""
    normal = format(value.normalize(), "f")
    if "." in normal:
        normal = normal.rstrip("0").rstrip(".")
    unit_name = UNITS.get(unit.casefold(), unit.casefold()) if unit else ""
    qual = QUALIFIERS.get(" ".join(qualifier.casefold().split()), "") if qualifier else ""
    return f"{qual}{normal}{' ' + unit_name if unit_name else ''}"


def month_number(word: str) -> int | None:
    """1..12 for a month name or abbreviation ("Feb.", "February"), else None."""
    return MONTHS.get(word.casefold().rstrip("."))


def time_key(hour: int, minute: int, meridiem: str = "") -> str:
    """24-hour "HH:MM" of a clock time ("4:20 p.m." -> "16:20")."""
    m = meridiem.casefold().replace(".", "").replace(" ", "")
    if m == "pm" and hour < 12:
        hour += 12
    elif m == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def date_key(year: int | None, month: int | None, day: int | None) -> str:
    """ISO-like key of a (partial) date: "2022-02-04", "--02-04", "2022-02", "2019"."""
    if month is None:
        return f"{year:04d}" if year is not None else ""
    y = f"{year:04d}" if year is not None else "-"
    return f"{y}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr"})
_PHRASES = {
    **{k: v for k, v in NAME_ALIASES.items() if " " in k or "." in k},
    "per cent": "percent",
}


def _phrase_alternation(phrases: Iterable[str]) -> str:
    """An alternation of ``phrases`` at a word start (no word character nor full stop
    before), longest first: each alternative is its first letter, the look behind it,
    then the rest (so the regex engine skips to those letters instead of trying every
    character)."""
    groups: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        groups.setdefault(phrase[0], []).append(re.escape(phrase[1:]))
    return "|".join(
        f"{re.escape(first)}(?<![\\w.]{re.escape(first)})(?:{'|'.join(rests)})"
        for first, rests in groups.items()
    )


_PHRASE_RE = re.compile(r"(?:" + _phrase_alternation(_PHRASES) + r")(?![\w])")
_WORD = re.compile(r"[\w%$€£]+")
#: The canonical form of each word that has another (None: a title, left out); the
#: tables in order of precedence, name aliases first.
_WORD_FORMS: dict[str, str | None] = {
    **dict.fromkeys(_HONORIFICS),
    **UNITS,
    **{month: str(n) for month, n in MONTHS.items()},
    **{word: str(n) for word, n in NUMBER_WORDS.items()},
    **{name: alias.replace(" ", "_") for name, alias in NAME_ALIASES.items()},
}
_SCALE_WORDS = frozenset(w for w in SCALES if len(w) > 2)


@lru_cache(maxsize=65_536)
def canonical_words(text: str) -> tuple[str, ...]:
    """Words of ``text`` in canonical form: contractions expanded, name aliases, number
    words as digits and scale words applied, months unabbreviated, units named once."""
    text = expand_contractions(text)
    text = _PHRASE_RE.sub(lambda m: " " + _PHRASES[m.group()].replace(" ", "_") + " ", text)
    out: list[str] = []
    for found in _WORD.findall(text.replace(",", "")):
        word = _WORD_FORMS.get(found, found)
        if word is None:
            continue
        if word in _SCALE_WORDS and out and out[-1].replace(".", "").isdigit():
            out[-1] = (
                format(float(out[-1]) * SCALES[word], "g")
                if "." in out[-1]
                else str(int(out[-1]) * SCALES[word])
            )
            continue
        out.append(word)
    return tuple(out)
