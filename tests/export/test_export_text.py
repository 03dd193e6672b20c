"""The ``text`` format and the shared CriticMarkup renderer."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.diff_samples import HOSTILE, build, eq, hostile, sample
from tui.engine.model import Span
from tui.export.common import paragraph_numbers, row_header
from tui.export.criticmarkup import escape_text, render_row, render_spans
from tui.export.text_export import render_text
from tui.sanitise import sanitise

SGR = re.compile(r"\x1b\[[0-9;]*m")
TEXT_ESCAPABLE = "\\+-~<>="


def parse_critic(text: str) -> tuple[str, str]:
    """Rebuild the A and B texts from CriticMarkup made by :func:`render_spans`."""
    a: list[str] = []
    b: list[str] = []
    i = 0

    def read_until(i: int, stop: str) -> tuple[str, int]:
        out: list[str] = []
        while i < len(text):
            if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in TEXT_ESCAPABLE:
                out.append(text[i + 1])
                i += 2
                continue
            if text.startswith(stop, i):
                return "".join(out), i + len(stop)
            out.append(text[i])
            i += 1
        raise AssertionError(f"unclosed mark, wanted {stop!r} in {text!r}")

    while i < len(text):
        if text.startswith("{++", i):
            new, i = read_until(i + 3, "++}")
            b.append(new)
        elif text.startswith("{--", i):
            old, i = read_until(i + 3, "--}")
            a.append(old)
        elif text.startswith("{~~", i):
            old, i = read_until(i + 3, "~>")
            new, i = read_until(i, "~~}")
            a.append(old)
            b.append(new)
        elif text.startswith("{>>", i):
            _, i = read_until(i + 3, "<<}")
        elif text[i] == "\\" and i + 1 < len(text) and text[i + 1] in TEXT_ESCAPABLE:
            a.append(text[i + 1])
            b.append(text[i + 1])
            i += 2
        else:
            a.append(text[i])
            b.append(text[i])
            i += 1
    return "".join(a), "".join(b)


# ---------------------------------------------------------------------------
# Row headers and paragraph numbers
# ---------------------------------------------------------------------------


def test_paragraph_numbers_count_from_one_and_fold_runs() -> None:
    assert paragraph_numbers((3,)) == "¶4"
    assert paragraph_numbers((2, 3, 4, 7)) == "¶3–5, ¶8"
    assert paragraph_numbers(()) == ""


def test_row_headers_tell_kind_split_merge_move_and_facts() -> None:
    rows = sample().rows
    assert row_header(rows[1]) == "[changed] A¶2 ↔ B¶2 · 48% similar · facts: number, date, name"
    assert row_header(rows[2]) == "[deleted] A¶3"
    assert row_header(rows[3]) == "[inserted] B¶3"
    assert row_header(rows[4]).startswith("[changed · split 1→2] A¶4 ↔ B¶4–5")
    assert row_header(rows[5]).startswith("[changed · merged 2→1] A¶5–6 ↔ B¶6")
    assert row_header(rows[6]).startswith("[moved · edited] A¶8 → B¶7")


# ---------------------------------------------------------------------------
# CriticMarkup
# ---------------------------------------------------------------------------


def test_changed_row_in_criticmarkup_tells_the_classes_apart() -> None:
    assert render_row(sample().rows[1]) == (
        "Officials {~~may be staying away from~>might be avoiding~~}{>>paraphrase<<} the "
        "{~~games'~>Games’~~}{>>minor<<} in {~~2019~>2021~~}{>>changed: number, date<<}, said "
        "{~~Putin~>Xi~~}{>>changed: name<<}{++ in Moscow++}{>>name<<}{-- today--}{>>date<<}."
    )


def test_article_text_that_looks_like_criticmarkup_is_escaped() -> None:
    assert escape_text("{++x++} {--y--} a~>b {~~c~~} {>>d<<} {==e==}") == (
        "{\\++x+\\+} {\\--y-\\-} a~\\>b {\\~~c~\\~} {\\>>d<\\<} {\\==e=\\=}"
    )
    # A backslash that would read as an escape is doubled; others stay as they are.
    assert escape_text("a\\+ b\\q c\\") == "a\\\\+ b\\q c\\\\"


def test_no_literal_mark_survives_in_article_text() -> None:
    rendered = render_spans([eq("{++fake++} ~> {--x--}"), Span("insert", "", "{~~y~>z~~}")])
    assert rendered.count("{++") == 1  # only the real insert mark
    assert "{--" not in rendered
    assert rendered.count("~>") == 0
    assert parse_critic(rendered) == ("{++fake++} ~> {--x--}", "{++fake++} ~> {--x--}{~~y~>z~~}")


_ALPHABET = "ab {}+-~<>=\\\n"
_texts = st.text(alphabet=_ALPHABET, min_size=1, max_size=12)


@st.composite
def _spans(draw: st.DrawFn) -> list[Span]:
    spans: list[Span] = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        op = draw(st.sampled_from(["equal", "insert", "delete", "minor", "paraphrase", "changed"]))
        if op == "equal":
            text = draw(_texts)
            spans.append(Span("equal", text, text))
        elif op == "insert":
            spans.append(Span("insert", "", draw(_texts)))
        elif op == "delete":
            spans.append(Span("delete", draw(_texts), ""))
        else:
            flags = tuple(draw(st.lists(st.sampled_from(["number", "name"]), unique=True)))
            spans.append(Span(op, draw(_texts), draw(_texts), flags))  # type: ignore[arg-type]
    return spans


@settings(max_examples=400, deadline=None)
@given(_spans())
def test_criticmarkup_round_trips_any_text(spans: list[Span]) -> None:
    rendered = render_spans(spans)
    assert parse_critic(rendered) == ("".join(s.a for s in spans), "".join(s.b for s in spans))


# ---------------------------------------------------------------------------
# The text format
# ---------------------------------------------------------------------------


def test_plain_text_layout() -> None:
    out = render_text(sample(), colour=False)
    assert "\x1b" not in out
    lines = out.splitlines()
    assert lines[0] == "paradiff: a.txt ↔ b.txt"
    assert "similarity: " in out
    assert "legend: {--text--} deleted · {++text++} inserted" in lines
    assert "[equal] A¶1 ↔ B¶1 · 1 row unchanged" in lines
    assert "[equal] A¶7, ¶9 ↔ B¶8–9 · 2 rows unchanged" in lines
    assert "[deleted] A¶3\n{--A paragraph that was dropped.--}" in out
    assert "[inserted] B¶3\n{++A paragraph that was added.++}" in out
    assert "This paragraph moved {++and grew ++}up." in out
    # The equal rows' text is folded away.
    assert "Putin in China" not in out
    assert out.endswith("\n")


def test_identical_articles_say_so() -> None:
    result = build([("equal", [0], [0], [eq("Same.")])])
    out = render_text(result, colour=False)
    assert "The articles do not differ." in out
    assert "[equal] A¶1 ↔ B¶1 · 1 row unchanged" in out


def test_origin_and_warnings_are_shown() -> None:
    result = build([("equal", [0], [0], [eq("Same.")])], warnings=["row 3 hit\x1b its deadline"])
    out = render_text(result, colour=False, origin="snapshot 'x' saved 2026-11-23 14:05")
    assert "snapshot 'x' saved 2026-11-23 14:05" in out.splitlines()
    assert "warning: row 3 hit␛ its deadline" in out.splitlines()


def test_colour_text_uses_sgr_only_and_tells_classes_apart() -> None:
    out = render_text(sample(), colour=True)
    assert "\x1b[3;36mmight be avoiding\x1b[0m" in out  # paraphrase
    assert "\x1b[2;4;34mGames’\x1b[0m" in out  # minor
    assert "\x1b[1;7;33m2021\x1b[0m" in out  # changed fact
    assert "⟨changed: number, date⟩" in out
    assert "\x1b" not in SGR.sub("", out)
    assert "{~~" not in out


def test_no_control_character_from_articles_reaches_the_terminal() -> None:
    for colour in (True, False):
        out = render_text(hostile(), colour=colour)
        stripped = SGR.sub("", out) if colour else out
        for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c"):
            assert bad not in stripped, (colour, repr(bad))
        assert "␛[31mred␛[0m" in stripped
        assert "␇bell" in stripped
        # Rich-like markup is shown as it is, never interpreted.
        assert "[bold]markup[/bold]" in stripped
        assert "[link=http://x]l[/link]" in stripped
        assert "[bold]b[/bold].txt" in stripped


def test_hostile_text_round_trips_through_plain_criticmarkup() -> None:
    row = hostile().rows[1]
    a, b = parse_critic(render_row(row))
    assert a == sanitise("".join(s.a for s in row.spans))
    assert b == sanitise("".join(s.b for s in row.spans))
    assert sanitise(HOSTILE) in parse_critic(render_row(hostile().rows[0]))[0]


def test_colour_text_reads_without_colour() -> None:
    """On a monochrome terminal only the attributes are left: each role keeps its own."""
    from tui.export.text_export import STYLES

    def attributes(code: str) -> frozenset[str]:
        params = code.removeprefix("\x1b[").removesuffix("m").split(";") if code else []
        return frozenset(p for p in params if not 30 <= int(p) <= 49)

    inserted = {role: attributes(new) for role, (_, new) in STYLES.items() if new}
    deleted = {role: attributes(old) for role, (old, _) in STYLES.items() if old}
    assert inserted["insert"] == {"1", "4"} and inserted["changed"] == {"1", "7"}
    assert inserted["paraphrase"] == {"3"} and inserted["minor"] == {"2", "4"}
    assert deleted["delete"] == {"9"}
    # Old text: struck through in every role; roles told apart by the other attributes,
    # reworded and paraphrase alike (the issue: italic for both).
    assert all("9" in attrs for attrs in deleted.values())
    assert len({inserted[r] for r in ("insert", "changed", "paraphrase", "minor")}) == 4
    assert len({deleted[r] for r in ("delete", "changed", "paraphrase", "minor")}) == 4
