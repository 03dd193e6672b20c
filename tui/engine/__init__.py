"""The pure diff engine: no Textual, no Rich, no I/O beyond what it is handed."""

from tui.engine.loading import LoadError, decode_bytes, load_article, split_paragraphs
from tui.engine.model import (
    FLAGS,
    ROW_KINDS,
    SPAN_OPS,
    Article,
    DiffResult,
    ResultFormatError,
    Row,
    Span,
    result_from_dict,
    result_to_dict,
)
from tui.engine.pipeline import DiffOptions, diff_articles, diff_texts

__all__ = [
    "FLAGS",
    "ROW_KINDS",
    "SPAN_OPS",
    "Article",
    "DiffOptions",
    "DiffResult",
    "LoadError",
    "ResultFormatError",
    "Row",
    "Span",
    "decode_bytes",
    "diff_articles",
    "diff_texts",
    "load_article",
    "result_from_dict",
    "result_to_dict",
    "split_paragraphs",
]
