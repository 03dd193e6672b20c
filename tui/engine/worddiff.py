"""Word diff of one aligned row, and the classification of its spans.

Tokens (words, whitespace runs, single other characters) are mapped to single
characters, as ``diff_linesToChars`` does for lines, and diffed with
diff-match-patch; a change therefore never starts or ends inside a word.
Replacements are then classed as ``minor``, ``paraphrase`` or ``changed``, and
every non-equal span is flagged with the facts it touches.
"""

from __future__ import annotations

import bisect
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from diff_match_patch import diff_match_patch

from tui.engine.model import Span
from tui.engine.tokens import HOMOGLYPHS, STOPWORDS, diff_tokens, fold_text, stem

_DIFF_DELETE, _DIFF_EQUAL, _DIFF_INSERT = -1, 0, 1

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

_SENTENCE_END = re.compile(r"(?:[.!?:;][\"“”'‘’)\]]*|\n)\s*$|^\s*$")
_WORD_RE = re.compile(r"\d+(?:[-/.,]\d+)+|\w+(?:['’]\w+)*")
_YEAR_RE = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_NUMERIC_DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$")
_DAY_RE = re.compile(r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$")
_HOMOGLYPH_CHARS = frozenset(HOMOGLYPHS)
_NON_ALNUM = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")

#: Per-row deadline for diff-match-patch; exceeding it is reported, never silent.
ROW_DEADLINE_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class RowDiff:
    """Spans of one row and whether the word diff hit its deadline."""

    spans: tuple[Span, ...]
    timed_out: bool


#: Past this many distinct tokens in one row the character mapping runs out of code
#: points; such a row is shown as one replacement and reported.
MAX_DISTINCT_TOKENS = 1_000_000

Piece = tuple[int, str, str]
_MINOR = 2  # a piece op beside diff-match-patch's -1, 0, 1


@lru_cache(maxsize=262_144)
def token_key(token: str) -> str:
    """What a token is compared by: folded style and case, trailing blanks as one space.

    Tokens that differ only in 'minor' ways (quote style, case, NBSP, look-alike
    letters, compatibility forms) share a key, so the diff aligns them as equal and
    they are reported as ``minor`` rather than breaking a replacement.
    """
    core = token.rstrip()
    key = fold_text(core).casefold() if core else ""
    return key + " " if len(core) < len(token) else key


def _tokens_to_chars(tokens_a: list[str], tokens_b: list[str]) -> tuple[str, str] | None:
    """Map each distinct token key to one character (as ``diff_linesToChars`` does for
    lines); None when there are too many distinct keys."""
    table: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        out = []
        for tok in tokens:
            key = token_key(tok)
            ch = table.get(key)
            if ch is None:
                code = len(table) + 1
                if code >= 0xD800:  # skip the surrogate range
                    code += 0x800
                if code > 0x10FFFF:
                    raise OverflowError
                ch = chr(code)
                table[key] = ch
            out.append(ch)
        return "".join(out)

    try:
        return encode(tokens_a), encode(tokens_b)
    except OverflowError:
        return None


def word_diff(text_a: str, text_b: str, deadline: float = ROW_DEADLINE_SECONDS) -> RowDiff:
    """Diff two texts word by word and classify the spans."""
    if text_a == text_b:
        return RowDiff((Span("equal", text_a, text_b),) if text_a else (), False)
    head, tail = _common_ends(text_a, text_b)
    mid_a, mid_b = text_a[head : len(text_a) - tail], text_b[head : len(text_b) - tail]
    tokens_a, tokens_b = diff_tokens(mid_a), diff_tokens(mid_b)
    encoded = _tokens_to_chars(tokens_a, tokens_b)
    if encoded is None:  # too many distinct words to map: one replacement, reported
        diffs = [(_DIFF_DELETE, "x" * len(tokens_a)), (_DIFF_INSERT, "x" * len(tokens_b))]
        timed_out = True
    else:
        dmp = diff_match_patch()
        dmp.Diff_Timeout = deadline
        started = time.perf_counter()
        diffs = dmp.diff_main(encoded[0], encoded[1], False)
        timed_out = deadline > 0 and time.perf_counter() - started >= deadline
    raw: list[Piece] = []
    if head:
        raw.append((_DIFF_EQUAL, text_a[:head], text_a[:head]))
    raw.extend(_pieces(diffs, tokens_a, tokens_b))
    if tail:
        raw.append((_DIFF_EQUAL, text_a[len(text_a) - tail :], text_a[len(text_a) - tail :]))
    return RowDiff(tuple(_classify(_absorb_thin_equalities(raw), text_a, text_b)), timed_out)


def _pieces(diffs: list[tuple[int, str]], tokens_a: list[str], tokens_b: list[str]) -> list[Piece]:
    """Turn the diff of token keys back into text pieces ``(op, a, b)``.

    Runs the diff saw as equal are split into truly equal and ``_MINOR`` pieces.
    """
    out: list[Piece] = []
    ia = ib = 0
    for op, chars in diffs:
        n = len(chars)
        if op == _DIFF_DELETE:
            out.append((op, "".join(tokens_a[ia : ia + n]), ""))
            ia += n
        elif op == _DIFF_INSERT:
            out.append((op, "", "".join(tokens_b[ib : ib + n])))
            ib += n
        else:
            run_a, run_b = tokens_a[ia : ia + n], tokens_b[ib : ib + n]
            ia, ib = ia + n, ib + n
            k = 0
            while k < n:
                same = run_a[k] == run_b[k]
                m = k + 1
                while m < n and (run_a[m] == run_b[m]) == same:
                    m += 1
                piece_a, piece_b = "".join(run_a[k:m]), "".join(run_b[k:m])
                if same:
                    out.append((_DIFF_EQUAL, piece_a, piece_b))
                else:
                    out.extend(_trim_minor(piece_a, piece_b))
                k = m
    return out


def _common_prefix_length(a: str, b: str) -> int:
    """Length of the common prefix, by binary search on slices (C-speed compares)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of a common head and tail that end/start at whitespace, never in a word.

    Cutting them off before tokenizing makes a long, mostly equal row cheap.
    """
    head = _common_prefix_length(a, b)
    if head < min(len(a), len(b)) or len(a) != len(b):
        while head and not a[head - 1].isspace():
            head -= 1
    rest_a, rest_b = a[head:], b[head:]
    tail = _common_prefix_length(rest_a[::-1], rest_b[::-1]) if rest_a and rest_b else 0
    tail = min(tail, len(rest_a), len(rest_b))
    if tail < min(len(rest_a), len(rest_b)) or len(rest_a) != len(rest_b):
        # The tail must start where a word starts: the character before it is a space.
        while tail and not rest_a[len(rest_a) - tail - 1].isspace():
            tail -= 1
    return head, tail


def _trim_minor(piece_a: str, piece_b: str) -> list[Piece]:
    """A minor piece with its common trailing blanks split off as equal text."""
    core_a, core_b = piece_a.rstrip(), piece_b.rstrip()
    trail_a, trail_b = piece_a[len(core_a) :], piece_b[len(core_b) :]
    if trail_a and trail_a == trail_b and core_a != core_b:
        return [(_MINOR, core_a, core_b), (_DIFF_EQUAL, trail_a, trail_b)]
    return [(_MINOR, piece_a, piece_b)]


def _absorb_thin_equalities(raw: list[Piece]) -> list[Piece]:
    """Fold equal runs that carry no content word (spaces, punctuation, 'the', 'of')
    into the changes around them, so a reworded phrase reads as one replacement
    while shared content words stay visible as equal."""
    out: list[Piece] = []
    changes = (_DIFF_DELETE, _DIFF_INSERT)
    n = len(raw)
    for k, (op, text_a, text_b) in enumerate(raw):
        if (
            op == _DIFF_EQUAL
            and 0 < k < n - 1
            and raw[k - 1][0] in changes
            and raw[k + 1][0] in changes
            and _is_thin(text_a)
        ):
            out.append((_DIFF_DELETE, text_a, ""))
            out.append((_DIFF_INSERT, "", text_b))
        else:
            out.append((op, text_a, text_b))
    return out


def _is_thin(text: str) -> bool:
    words = _WORD_RE.findall(text)
    return len(words) <= 1 and all(w.casefold() in STOPWORDS for w in words)


# -- classification ------------------------------------------------------------


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


def _fold_minor(text: str) -> str:
    """Text with every 'minor' difference folded away (style, case, punctuation, spaces)."""
    return _NON_ALNUM.sub("", fold_text(text).casefold())


def _has_homoglyph(text: str) -> bool:
    """True when a Cyrillic/Greek look-alike letter sits in a word with Latin letters."""
    if text.isascii():
        return False
    for word in _WORD_RE.findall(text):
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
class _Facts:
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


def _facts(text: str, context_before: str, context_after: str = "") -> _Facts:
    """Fact-bearing tokens of ``text``; the contexts decide sentence starts and whether
    a small number is the day of a date ('February 3')."""
    facts = _Facts([], [], [], [])
    month_near: bool | None = None
    for match in _WORD_RE.finditer(text):
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
                        w[0].isupper() and w.casefold() in MONTHS for w in _WORD_RE.findall(window)
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


def _flags_for(kinds: set[str], homoglyph: bool, quoted: bool) -> tuple[str, ...]:
    order = ("number", "date", "name", "negation", "quote", "homoglyph")
    present = set(kinds)
    if quoted:
        present.add("quote")
    if homoglyph:
        present.add("homoglyph")
    return tuple(f for f in order if f in present)


def _fact_kinds(f: _Facts) -> set[str]:
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
class _RowContext:
    """The whole row's texts, their quotation masks and their fact vocabularies."""

    text_a: str
    text_b: str
    _quotes_a: list[tuple[int, int]] | None = None
    _quotes_b: list[tuple[int, int]] | None = None
    _vocab_a: set[str] | None = None
    _vocab_b: set[str] | None = None

    @staticmethod
    def _vocabulary(text: str) -> set[str]:
        """Every fact-like word of ``text`` in the forms :func:`_facts` produces."""
        vocab = set()
        for word in _WORD_RE.findall(text):
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


def _classify(raw: list[Piece], text_a: str, text_b: str) -> list[Span]:
    """Turn text pieces into classified spans."""
    ctx = _RowContext(text_a, text_b)
    spans: list[Span] = []
    pos_a = pos_b = 0
    k = 0
    while k < len(raw):
        op, piece_a, piece_b = raw[k]
        if op in (_DIFF_EQUAL, _MINOR):
            if op == _DIFF_EQUAL:
                spans.append(Span("equal", piece_a, piece_b))
            else:
                homoglyph = _has_homoglyph(piece_a) or _has_homoglyph(piece_b)
                spans.append(Span("minor", piece_a, piece_b, ("homoglyph",) if homoglyph else ()))
            pos_a += len(piece_a)
            pos_b += len(piece_b)
            k += 1
            continue
        deleted = inserted = ""
        while k < len(raw) and raw[k][0] in (_DIFF_DELETE, _DIFF_INSERT):
            deleted += raw[k][1]
            inserted += raw[k][2]
            k += 1
        head, tail = _peel_common(deleted, inserted)
        if head:
            spans.append(Span("equal", deleted[:head], deleted[:head]))
            pos_a, pos_b = pos_a + head, pos_b + head
            deleted, inserted = deleted[head:], inserted[head:]
        mid_a, mid_b = deleted[: len(deleted) - tail], inserted[: len(inserted) - tail]
        spans.append(_classify_change(mid_a, mid_b, pos_a, pos_b, ctx))
        pos_a, pos_b = pos_a + len(mid_a), pos_b + len(mid_b)
        if tail:
            spans.append(Span("equal", deleted[len(mid_a) :], inserted[len(mid_b) :]))
            pos_a, pos_b = pos_a + tail, pos_b + tail
    return _mark_reordered(_merge_adjacent(spans))


#: A deleted and an inserted run of at least this many words, sharing this share of
#: their words, are one passage moved within the row: a reordering, so a paraphrase.
REORDER_MIN_WORDS = 4
REORDER_MIN_SHARE = 0.8


def _word_bag(text: str) -> dict[str, int]:
    bag: dict[str, int] = {}
    for word in _WORD_RE.findall(fold_text(text).casefold()):
        bag[word] = bag.get(word, 0) + 1
    return bag


def _mark_reordered(spans: list[Span]) -> list[Span]:
    """Re-class a deleted passage that reappears, inserted, elsewhere in the same row
    (sentences reordered) as ``paraphrase`` on both sides, without fact flags."""
    deleted = [k for k, sp in enumerate(spans) if sp.op == "delete"]
    inserted = [k for k, sp in enumerate(spans) if sp.op == "insert"]
    if not deleted or not inserted:
        return spans
    bags = {k: _word_bag(spans[k].a or spans[k].b) for k in (*deleted, *inserted)}
    out = list(spans)
    used: set[int] = set()
    for d in deleted:
        bag_d = bags[d]
        size_d = sum(bag_d.values())
        if size_d < REORDER_MIN_WORDS:
            continue
        for i in inserted:
            if i in used:
                continue
            bag_i = bags[i]
            size_i = sum(bag_i.values())
            shared = sum(min(n, bag_i.get(w, 0)) for w, n in bag_d.items())
            if size_i >= REORDER_MIN_WORDS and 2 * shared >= REORDER_MIN_SHARE * (size_d + size_i):
                out[d] = Span("paraphrase", spans[d].a, "")
                out[i] = Span("paraphrase", "", spans[i].b)
                used.add(i)
                break
    return out


def _is_cut(text: str, pos: int) -> bool:
    """True when cutting ``text`` at ``pos`` does not split a word, nor a compound held
    together by a joiner ('2022-02-03', '1,000', "isn't", 'U.S')."""
    if pos <= 0 or pos >= len(text):
        return True
    before, after = text[pos - 1], text[pos]
    if _is_word_char(before) and _is_word_char(after):
        return False
    if after in _JOINERS and _is_word_char(before) and pos + 1 < len(text):
        return not _is_word_char(text[pos + 1])
    if before in _JOINERS and _is_word_char(after) and pos >= 2:
        return not _is_word_char(text[pos - 2])
    return True


_JOINERS = frozenset("-‐‑/.,'’")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _peel_common(deleted: str, inserted: str) -> tuple[int, int]:
    """Common head and tail of a replacement, cut only between words.

    Tokens carry their trailing space, so 'cc' / 'cc dd' arrive as one replacement;
    peeling gives equal 'cc' and an inserted ' dd'.
    """
    if not deleted or not inserted:
        return 0, 0
    limit = min(len(deleted), len(inserted))
    head = 0
    while head < limit and deleted[head] == inserted[head]:
        head += 1
    while head and not (_is_cut(deleted, head) and _is_cut(inserted, head)):
        head -= 1
    limit -= head
    tail = 0
    while tail < limit and deleted[-1 - tail] == inserted[-1 - tail]:
        tail += 1
    while tail and not (
        _is_cut(deleted, len(deleted) - tail) and _is_cut(inserted, len(inserted) - tail)
    ):
        tail -= 1
    if head + tail >= len(deleted) and head + tail >= len(inserted):
        return 0, 0  # should not happen for a real change; keep it whole
    return head, tail


def _inside_quote(regions: list[tuple[int, int]], start: int, text: str) -> bool:
    """True when a word of ``text`` (placed at ``start``) lies inside a quotation."""
    if not regions:
        return False
    for match in _WORD_RE.finditer(text):
        pos = start + match.start()
        k = bisect.bisect_right(regions, (pos, len(text) + pos + 1)) - 1
        if k >= 0 and regions[k][0] <= pos < regions[k][1]:
            return True
    return False


def _unaccounted(mine: list[str], theirs: list[str], other_vocab: Callable[[], set[str]]) -> bool:
    """True when a fact of ``mine`` is missing from ``theirs`` and from the other side's row.

    A name or number that merely moved within the row (reordering) is accounted for.
    """
    missing = set(mine) - set(theirs)
    if not missing:
        return False
    vocab = other_vocab()
    return any(fact not in vocab for fact in missing)


#: Characters of context around a change used for sentence starts and dates.
_CONTEXT = 16


def _new_fact_kinds(facts: _Facts, other_vocab: Callable[[], set[str]]) -> set[str]:
    """Kinds of facts that an inserted or deleted span really adds or removes: a name or
    number that also stands elsewhere on the other side merely moved (reordering)."""
    kinds = set()
    for kind, values in (("number", facts.numbers), ("date", facts.dates), ("name", facts.names)):
        if values and _unaccounted(values, [], other_vocab):
            kinds.add(kind)
    if facts.negations:
        kinds.add("negation")
    return kinds


def _classify_change(deleted: str, inserted: str, pos_a: int, pos_b: int, ctx: _RowContext) -> Span:
    """Class and flags of one change: a deletion, an insertion or a replacement."""
    homoglyph = _has_homoglyph(deleted) or _has_homoglyph(inserted)
    if _fold_minor(deleted) == _fold_minor(inserted):
        return Span("minor", deleted, inserted, ("homoglyph",) if homoglyph else ())
    end_a, end_b = pos_a + len(deleted), pos_b + len(inserted)
    facts_a = _facts(
        deleted, ctx.text_a[max(0, pos_a - _CONTEXT) : pos_a], ctx.text_a[end_a : end_a + _CONTEXT]
    )
    facts_b = _facts(
        inserted, ctx.text_b[max(0, pos_b - _CONTEXT) : pos_b], ctx.text_b[end_b : end_b + _CONTEXT]
    )
    quoted = _inside_quote(ctx.quotes_a(), pos_a, deleted) or _inside_quote(
        ctx.quotes_b(), pos_b, inserted
    )
    if not deleted:
        kinds = _new_fact_kinds(facts_b, ctx.vocab_a)
        return Span("insert", "", inserted, _flags_for(kinds, homoglyph, quoted))
    if not inserted:
        kinds = _new_fact_kinds(facts_a, ctx.vocab_b)
        return Span("delete", deleted, "", _flags_for(kinds, homoglyph, quoted))
    differing: set[str] = set()
    for kind, mine, theirs in (
        ("number", facts_a.numbers, facts_b.numbers),
        ("date", facts_a.dates, facts_b.dates),
        ("name", facts_a.names, facts_b.names),
    ):
        if _unaccounted(mine, theirs, ctx.vocab_b) or _unaccounted(theirs, mine, ctx.vocab_a):
            differing.add(kind)
    if len(facts_a.negations) != len(facts_b.negations):
        differing.add("negation")
    if differing or quoted:
        return Span("changed", deleted, inserted, _flags_for(differing, homoglyph, quoted))
    return Span("paraphrase", deleted, inserted, _flags_for(set(), homoglyph, False))


def _merge_adjacent(spans: list[Span]) -> list[Span]:
    """Merge neighbouring spans of the same op and flags (keeps output compact)."""
    merged: list[Span] = []
    for span in spans:
        if not span.a and not span.b:
            continue
        if merged and merged[-1].op == span.op == "equal":
            last = merged[-1]
            merged[-1] = Span("equal", last.a + span.a, last.b + span.b)
        else:
            merged.append(span)
    return merged


def classify_one_sided(text: str) -> tuple[str, ...]:
    """Flags of a text that is wholly inserted or deleted (a fact added or removed)."""
    facts = _facts(text, "")
    quoted = _inside_quote(quote_regions(text), 0, text)
    return _flags_for(_fact_kinds(facts), _has_homoglyph(text), quoted)
