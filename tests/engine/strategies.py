"""Hypothesis settings and strategies shared by the engine tests: random, related,
repetitive and hostile article pairs.

The engine's property tests run :data:`ENGINE_SETTINGS`: the ``engine-ci`` profile by
default (what CI runs: enough examples to find rare word-boundary cases), or another
profile named by ``PARADIFF_HYPOTHESIS`` (``engine-quick`` while developing,
``engine-deep`` for a long hunt).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_BASE = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile("engine-quick", _BASE, max_examples=40)
settings.register_profile("engine-ci", _BASE, max_examples=200)
settings.register_profile("engine-deep", _BASE, max_examples=5000)
ENGINE_SETTINGS = settings.get_profile(os.environ.get("PARADIFF_HYPOTHESIS", "engine-ci"))
#: For properties that follow by construction once the invariants hold (the lazy diff
#: equals the whole one, both diff backends agree): a quarter of the examples.
LIGHT_SETTINGS = settings(ENGINE_SETTINGS, max_examples=max(20, ENGINE_SETTINGS.max_examples // 4))

#: Ordinary words, fact-bearing tokens and hostile ones.
_WORDS_TEXT = (
    "the officials said talks will be held in Beijing on Friday and Putin Xi China Chinа "
    "15 16 2019 2022-02-03 1,000 3.5 not won't don't nation's nation’s “quoted” \"quoted\" "
    "'single' — – - ... ; : ( ) [bold] [/] [link=x]y[/link] \x1b[31m \x1b]52;c;QQ==\x07 "
    "naïve naive e\u0301 ﬁnal final résumé 东京 🎉 Москва well-known 50% $5 U.S. AP"
)
WORDS = tuple(_WORDS_TEXT.split(" "))
SEPARATORS = [" ", " ", " ", " ", "\n", "\u00a0", "  ", "\t", " \n", "\u200b"]
PARAGRAPH_BREAKS = ["\n\n", "\n\n", "\n \n", "\n\u00a0\n", "\n\n\n", "\n\t\n\n"]

word = st.sampled_from(WORDS) | st.text(min_size=1, max_size=8)
paragraph_words = st.lists(word, min_size=1, max_size=25)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    """A paragraph of words joined by assorted separators (never a blank line)."""
    words = draw(paragraph_words)
    out = words[0]
    for w in words[1:]:
        out += draw(st.sampled_from(SEPARATORS)) + w
    return out


def join_paragraphs(draw: st.DrawFn, paragraphs: list[str]) -> str:
    """Join paragraphs with assorted blank-line separators, plus optional edges."""
    out = draw(st.sampled_from(["", "\n", "  \n\n", "\u00a0\n"]))
    for k, p in enumerate(paragraphs):
        if k:
            out += draw(st.sampled_from(PARAGRAPH_BREAKS))
        out += p
    return out + draw(st.sampled_from(["", "\n", "\n\n  "]))


@st.composite
def document(draw: st.DrawFn) -> str:
    """A random article: up to 10 paragraphs."""
    return join_paragraphs(draw, draw(st.lists(paragraph(), max_size=10)))


@st.composite
def related_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A and a copy of A edited by paragraph (drop, duplicate, move, insert, split, merge)
    and by word (replace, drop, restyle)."""
    paras = draw(st.lists(paragraph(), min_size=1, max_size=10))
    copy = list(paras)
    for _ in range(draw(st.integers(0, 6))):
        if not copy:
            copy.append(draw(paragraph()))
            continue
        k = draw(st.integers(0, len(copy) - 1))
        op = draw(
            st.sampled_from(["drop", "dup", "move", "insert", "split", "merge", "edit", "style"])
        )
        if op == "drop":
            del copy[k]
        elif op == "dup":
            copy.insert(draw(st.integers(0, len(copy))), copy[k])
        elif op == "move":
            p = copy.pop(k)
            copy.insert(draw(st.integers(0, len(copy))), p)
        elif op == "insert":
            copy.insert(k, draw(paragraph()))
        elif op == "split" and " " in copy[k]:
            head, _, tail = copy[k].partition(" ")
            copy[k : k + 1] = [head, tail]
        elif op == "merge" and k + 1 < len(copy):
            copy[k : k + 2] = [copy[k] + " " + copy[k + 1]]
        elif op == "edit":
            words = copy[k].split(" ")
            j = draw(st.integers(0, len(words) - 1))
            words[j] = draw(word)
            copy[k] = " ".join(words)
        elif op == "style":
            copy[k] = copy[k].replace('"', "“").replace("'", "’").replace("-", "—").upper()
    return join_paragraphs(draw, paras), join_paragraphs(draw, copy)


@st.composite
def repetitive_pair(draw: st.DrawFn) -> tuple[str, str]:
    """Repeated near-identical paragraphs (refrains, 'Sponsor Content') on both sides."""
    refrain = draw(st.sampled_from(["Sponsor Content", "Advertisement", "Read more", "—"]))
    body = draw(st.lists(paragraph(), min_size=1, max_size=4))
    a = [x for p in body for x in (refrain, p)]
    b = [x for p in reversed(body) for x in (p, refrain, refrain)]
    return "\n\n".join(a), "\n\n".join(b)


any_pair = (
    st.tuples(document(), document())
    | related_pair()
    | repetitive_pair()
    | st.tuples(st.text(max_size=300), st.text(max_size=300))
)
