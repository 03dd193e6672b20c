"""``paradiff facts A B``: the fact ledger of two articles, headless (exit status as
``diff``: 0 the articles do not differ, 1 they differ, 2 trouble)."""

from __future__ import annotations

import argparse

from tui.cli.output import EXIT_DIFFERENT, EXIT_SAME, write_stdout
from tui.engine.paragraphs import PARAGRAPH_MODES
from tui.engine.pipeline import DiffOptions
from tui.export.facts_export import FACTS_FORMATS, render_facts
from tui.sources import diff_sources


def run_facts(args: argparse.Namespace) -> int:
    """``paradiff facts A B [--format text|json|csv]``."""
    options = DiffOptions(paragraphs=args.paragraphs)
    result = diff_sources(
        args.a, args.b, options, allow_stream=True, whole_page=args.whole_page
    ).result
    write_stdout(render_facts(result, args.format))
    return EXIT_SAME if result.identical else EXIT_DIFFERENT


def add_facts_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``facts`` subcommand."""
    p = sub.add_parser(
        "facts",
        help="list the facts that differ: numbers, dates, names, quotes, negations "
        "(exit 0 same, 1 different, 2 trouble)",
        description="Diff two articles and print the fact ledger: every changed, added or "
        "removed number, date, name, quotation and negation, one line each, and one line "
        "per inserted or deleted paragraph (page furniture left out).",
    )
    p.add_argument(
        "a",
        metavar="A",
        help="the original article: a text, web page (.html), Word (.docx) or PDF file, "
        "an http(s) URL, or '-' for standard input",
    )
    p.add_argument("b", metavar="B", help="the copy to compare with it (the same kinds)")
    p.add_argument("--format", "-f", choices=FACTS_FORMATS, default="text", help="output format")
    p.add_argument(
        "--whole-page",
        action="store_true",
        help="web pages: keep every text block (menus, captions...), not only the article",
    )
    p.add_argument(
        "--paragraphs",
        choices=PARAGRAPH_MODES,
        default="auto",
        help="how plain text is split into paragraphs (as for 'diff')",
    )
    p.set_defaults(handler=run_facts)
