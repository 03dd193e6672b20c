"""Renderers of the engine's :class:`~tui.engine.DiffResult`: text, JSON, HTML, Markdown.

The one list of formats (:data:`FORMATS`, with :data:`FORMAT_SPECS` for file suffixes and
labels) and the one dispatch (:func:`render`), used by ``paradiff diff``, ``paradiff
snapshots show`` and the app's export. Each renderer module is imported only when used.
To add a format: write its module and add one :class:`ExportFormat` below.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.engine.model import DiffResult
from tui.files import describe_os_error, write_atomically


class ExportError(Exception):
    """An export could not be made or written; ``str(exc)`` is one line."""


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One output format: its name, the suffix of its files, a label for people."""

    name: str
    suffix: str
    label: str


FORMAT_SPECS: tuple[ExportFormat, ...] = (
    ExportFormat("text", ".txt", "Plain text with CriticMarkup"),
    ExportFormat("json", ".json", "JSON (the paradiff-diff contract)"),
    ExportFormat("html", ".html", "HTML report (opens in any browser)"),
    ExportFormat("md", ".md", "Markdown with CriticMarkup"),
)

#: The names of the formats, in the order the command line lists them.
FORMATS: tuple[str, ...] = tuple(spec.name for spec in FORMAT_SPECS)


def format_spec(fmt: str) -> ExportFormat:
    """The spec of format ``fmt``; raises :class:`ExportError` for an unknown one."""
    for spec in FORMAT_SPECS:
        if spec.name == fmt:
            return spec
    raise ExportError(f"unknown export format {fmt!r}")


def render(
    result: DiffResult,
    fmt: str,
    *,
    colour: bool = False,
    origin: str | None = None,
    pretty: bool = False,
) -> str:
    """``result`` in format ``fmt`` (one of :data:`FORMATS`).

    ``colour``: ANSI colours for a terminal (text only; else CriticMarkup). ``origin``:
    where the diff came from (e.g. a snapshot), shown under the title (text, HTML,
    Markdown). ``pretty``: indented JSON, for files people open. Raises
    :class:`ExportError` for an unknown format.
    """
    return "".join(render_chunks(result, fmt, colour=colour, origin=origin, pretty=pretty))


def render_chunks(
    result: DiffResult,
    fmt: str,
    *,
    colour: bool = False,
    origin: str | None = None,
    pretty: bool = False,
) -> Iterator[str]:
    """:func:`render`'s text in pieces, made as they are asked for: a large report can be
    written out without ever being whole in memory (JSON without ``pretty`` and text come
    a few rows at a time; the other formats in one piece). Raises :class:`ExportError`
    (for an unknown format: at once)."""
    format_spec(fmt)
    return _chunks(result, fmt, colour, origin, pretty)


def _chunks(
    result: DiffResult, fmt: str, colour: bool, origin: str | None, pretty: bool
) -> Iterator[str]:
    if fmt == "json":
        from tui.export.json_export import json_chunks, render_json

        try:
            if pretty:
                yield render_json(result, indent=1)
            else:
                yield from json_chunks(result)
        except ValueError as exc:  # NaN or Infinity: not JSON
            raise ExportError(f"cannot write JSON: {exc}") from exc
    elif fmt == "html":
        from tui.export.html_export import render_html

        yield render_html(result, origin=origin)
    elif fmt == "md":
        from tui.export.markdown_export import render_markdown

        yield render_markdown(result, origin=origin)
    else:
        from tui.export.text_export import text_chunks

        yield from text_chunks(result, colour, origin=origin)


def write_export(
    result: DiffResult, fmt: str, path: str | os.PathLike[str], *, origin: str | None = None
) -> Path:
    """Write ``result`` as ``fmt`` (without colour; indented JSON) to ``path`` atomically
    (a temporary file beside it, then ``os.replace``); returns the path written.
    Raises :class:`ExportError`."""
    text = render(result, fmt, origin=origin, pretty=True)
    target = Path(path).expanduser()
    try:
        write_atomically(target, text.encode("utf-8"), prefix=f".{target.name}.")
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {describe_os_error(exc)}") from exc
    return target


def default_export_stem(result: DiffResult) -> str:
    """A file name stem for an export: ``002-vs-003`` from the article names."""

    def stem(path: str) -> str:
        name = Path(path).stem or "article"
        name = re.sub(r"[_-][0-9a-fA-F]{8,}$", "", name) or name
        return re.sub(r"[^\w.-]+", "_", name)[:40]

    return f"{stem(result.a.path)}-vs-{stem(result.b.path)}"
