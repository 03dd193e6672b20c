"""Reading a corpus in partitions: a folder tree, a JSON Lines file or a Parquet file.

A corpus is cut into :class:`Partition` s of about :data:`PARTITION_DOCS` documents, each a
small picklable description (file names, a byte range, row groups) that any process can read
on its own: the worker processes of an embedded scan or the workers of a Dask cluster (which
then need the corpus at the same path). A document is found again by its ``locator``.

Bad input never stops a scan: a line that is not JSON, a record without text, a binary
document, a Parquet file or row group that cannot be read each give a :class:`BadDocument`
naming the line, id or file, and reading goes on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.engine.loading import LoadError, decode_bytes, looks_binary, split_paragraphs
from tui.engine.model import Article
from tui.files import describe_os_error
from tui.sources import SourceError, read_bytes, source_from_bytes
from tui.sources.readable import walk_readable

#: Documents per partition: the unit of work of the candidate stage.
PARTITION_DOCS = 2_000
#: The fields naming a JSON Lines or Parquet document, in order of preference.
ID_FIELDS: tuple[str, ...] = ("id", "url", "path")
TEXT_FIELD = "text"
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")
_BLOCK = 1 << 22


class CorpusError(Exception):
    """A corpus that cannot be read at all; ``str(exc)`` is one line, ``PATH: reason``."""


@dataclass(frozen=True, slots=True)
class Document:
    """One document of a corpus: its name (id, url or path), where it is, its text."""

    id: str
    locator: str
    text: str
    encoding: str = "utf-8"

    def article(self) -> Article:
        """The document as an article labelled with its id."""
        return Article(self.id, self.encoding, split_paragraphs(self.text))


@dataclass(frozen=True, slots=True)
class BadDocument:
    """A document (or a whole file) that could not be read: where, and why."""

    where: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        """Plain data for JSON."""
        return {"where": self.where, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Partition:
    """A slice of one corpus source: ``kind`` ``folder`` (``files``), ``jsonl`` (bytes
    ``start`` to ``stop``, the first line numbered ``first``) or ``parquet`` (row groups
    ``start`` to ``stop``, the first row numbered ``first``)."""

    kind: str
    path: str
    start: int = 0
    stop: int = 0
    first: int = 0
    files: tuple[str, ...] = ()


def corpus_kind(path: Path) -> str:
    """``folder``, ``jsonl`` or ``parquet``: by what ``path`` is, its suffix, its first bytes."""
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise CorpusError(f"{path}: {describe_os_error(exc)}") from exc
    if head == b"PAR1":
        return "parquet"
    if head.lstrip()[:1] == b"{":
        return "jsonl"
    raise CorpusError(f"{path}: not a corpus (a folder, a .jsonl or a .parquet file)")


def partitions(
    sources: list[str], size: int = PARTITION_DOCS
) -> tuple[list[Partition], list[BadDocument]]:
    """The partitions of every corpus source, and the sources that cannot be read at all
    (a corrupt Parquet file among others is reported, not fatal). Raises
    :class:`CorpusError` for a source that does not exist or is of no known kind."""
    parts: list[Partition] = []
    bad: list[BadDocument] = []
    for source in sources:
        path = Path(source)
        if not path.exists():
            raise CorpusError(f"{source}: no such file or folder")
        kind = corpus_kind(path)
        try:
            if kind == "folder":
                parts += _folder_partitions(path, size, bad)
            elif kind == "jsonl":
                parts += _jsonl_partitions(path, size)
            else:
                parts += _parquet_partitions(path, size)
        except OSError as exc:
            bad.append(BadDocument(source, describe_os_error(exc)))
        except CorpusError as exc:
            bad.append(BadDocument(source, str(exc).removeprefix(f"{source}: ")))
    return parts, bad


def read_partition(part: Partition) -> Iterator[Document | BadDocument]:
    """Every document of ``part`` in order, and a :class:`BadDocument` for each that cannot
    be read."""
    if part.kind == "folder":
        for name in part.files:
            yield _read_file(name)
    elif part.kind == "jsonl":
        yield from _read_jsonl(part)
    else:
        yield from _read_parquet(part)


def fetch(kind: str, path: str, locator: str) -> Document | BadDocument:
    """The document at ``locator`` of the corpus source ``path`` (of ``kind``)."""
    if kind == "folder":
        return _read_file(locator)
    if kind == "jsonl":
        offset, line = (int(n) for n in locator.split(":"))
        part = Partition("jsonl", path, offset, offset + 1, line)
    else:
        row = int(locator)
        part = Partition("parquet", path, row, row + 1, row)
        return next(_read_parquet_rows(part), BadDocument(f"{path} row {row}", "row not found"))
    return next(_read_jsonl(part), BadDocument(f"{path} line {line}", "line not found"))


# ---------------------------------------------------------------- folders


def _folder_partitions(path: Path, size: int, bad: list[BadDocument]) -> list[Partition]:
    def unlisted(folder: Path, exc: OSError) -> None:
        bad.append(BadDocument(str(folder), describe_os_error(exc)))

    files = [str(name) for name in walk_readable(path, on_error=unlisted)]
    return [
        Partition("folder", str(path), files=tuple(files[i : i + size]))
        for i in range(0, len(files), size)
    ]


def _read_file(name: str) -> Document | BadDocument:
    try:
        source = source_from_bytes(read_bytes(name), name)
    except SourceError as exc:
        return BadDocument(name, exc.reason)
    text = "\n\n".join(source.article.paragraphs)
    return Document(name, name, text, source.article.encoding)


# ---------------------------------------------------------------- JSON Lines


def _jsonl_partitions(path: Path, size: int) -> list[Partition]:
    """Byte ranges of ``size`` lines each, found in one pass counting newlines."""
    parts: list[Partition] = []
    start = first = line = offset = 0
    with path.open("rb") as handle:
        while block := handle.read(_BLOCK):
            found = 0
            while (found := block.find(b"\n", found) + 1) > 0:
                line += 1
                if line - first == size:
                    end = offset + found
                    parts.append(Partition("jsonl", str(path), start, end, first + 1))
                    start, first = end, line
            offset += len(block)
    if offset > start:
        parts.append(Partition("jsonl", str(path), start, offset, first + 1))
    return parts


def _read_jsonl(part: Partition) -> Iterator[Document | BadDocument]:
    try:
        handle = open(part.path, "rb")  # noqa: SIM115 - closed below, also on GeneratorExit
    except OSError as exc:
        yield BadDocument(part.path, describe_os_error(exc))
        return
    with handle:
        handle.seek(part.start)
        offset, number = part.start, part.first
        while offset < part.stop and (raw := handle.readline()):
            yield _jsonl_document(raw, part.path, offset, number)
            offset += len(raw)
            number += 1


def _jsonl_document(raw: bytes, path: str, offset: int, number: int) -> Document | BadDocument:
    where = f"{path} line {number}"
    if not raw.strip():
        return BadDocument(where, "empty line")
    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        return BadDocument(where, f"not JSON ({_short(exc)})")
    if not isinstance(record, dict):
        return BadDocument(where, "not a JSON object")
    name = _document_id(record)
    if name is not None:
        where = f"{where} (id {name})"
    text = record.get(TEXT_FIELD)
    if text is None:
        return BadDocument(where, f"no {TEXT_FIELD!r} field")
    if not isinstance(text, str):
        return BadDocument(where, f"{TEXT_FIELD!r} is not a string")
    problem = _text_problem(text)
    if problem:
        return BadDocument(where, problem)
    return Document(name or f"{os.path.basename(path)}:{number}", f"{offset}:{number}", text)


def _document_id(record: dict) -> str | None:
    for field in ID_FIELDS:
        value = record.get(field)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
            return str(value)
    return None


def _text_problem(text: str) -> str | None:
    """Why ``text`` is not a document (binary, empty), or ``None``."""
    if not text.strip():
        return "empty text"
    if looks_binary(text.encode("utf-8", "surrogatepass")):
        return "binary, not text"
    return None


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__


# ---------------------------------------------------------------- Parquet


def _parquet():
    """pyarrow.parquet, imported only for a Parquet corpus (a large optional package)."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise CorpusError("Parquet needs pyarrow: pip install 'paradiff[parquet]'") from exc
    return pq


def _parquet_file(path: str):
    pq = _parquet()
    try:
        return pq.ParquetFile(path)
    except OSError as exc:
        raise CorpusError(f"{path}: {describe_os_error(exc)}") from exc
    except Exception as exc:  # pyarrow raises ArrowInvalid and others for a corrupt file
        raise CorpusError(f"{path}: not a readable Parquet file ({_short(exc)})") from exc


def _parquet_columns(handle, path: str) -> tuple[str | None, str]:
    names = set(handle.schema_arrow.names)
    if TEXT_FIELD not in names:
        raise CorpusError(f"{path}: no {TEXT_FIELD!r} column")
    return next((f for f in ID_FIELDS if f in names), None), TEXT_FIELD


def _parquet_partitions(path: Path, size: int) -> list[Partition]:
    handle = _parquet_file(str(path))
    _parquet_columns(handle, str(path))
    parts: list[Partition] = []
    start = rows = first = 0
    metadata = handle.metadata
    for group in range(metadata.num_row_groups):
        rows += metadata.row_group(group).num_rows
        if rows - first >= size or group == metadata.num_row_groups - 1:
            parts.append(Partition("parquet", str(path), start, group + 1, first))
            start, first = group + 1, rows
    return parts


def _read_parquet(part: Partition) -> Iterator[Document | BadDocument]:
    """The rows of row groups ``start`` to ``stop``."""
    try:
        handle = _parquet_file(part.path)
        id_column, text_column = _parquet_columns(handle, part.path)
    except CorpusError as exc:
        yield BadDocument(part.path, str(exc).removeprefix(f"{part.path}: "))
        return
    row = part.first
    for group in range(part.start, part.stop):
        count = handle.metadata.row_group(group).num_rows
        try:
            table = handle.read_row_group(group, columns=[c for c in (id_column, text_column) if c])
        except Exception as exc:  # a corrupt row group: the others are still read
            yield BadDocument(f"{part.path} row group {group}", f"unreadable ({_short(exc)})")
            row += count
            continue
        yield from _parquet_documents(table, id_column, text_column, part.path, row)
        row += count


def _read_parquet_rows(part: Partition) -> Iterator[Document | BadDocument]:
    """The single row ``part.start`` (a whole-file row number)."""
    try:
        handle = _parquet_file(part.path)
        id_column, text_column = _parquet_columns(handle, part.path)
    except CorpusError as exc:
        yield BadDocument(part.path, str(exc).removeprefix(f"{part.path}: "))
        return
    first = 0
    for group in range(handle.metadata.num_row_groups):
        count = handle.metadata.row_group(group).num_rows
        if first <= part.start < first + count:
            table = handle.read_row_group(group, columns=[c for c in (id_column, text_column) if c])
            table = table.slice(part.start - first, 1)
            yield from _parquet_documents(table, id_column, text_column, part.path, part.start)
            return
        first += count


def _parquet_documents(
    table, id_column: str | None, text_column: str, path: str, first_row: int
) -> Iterator[Document | BadDocument]:
    names = table.column(id_column).to_pylist() if id_column else [None] * table.num_rows
    texts = table.column(text_column).to_pylist()
    for offset, (name, value) in enumerate(zip(names, texts, strict=True)):
        row = first_row + offset
        label = str(name) if name is not None else f"{os.path.basename(path)}:{row}"
        where = f"{path} row {row}" + (f" (id {name})" if name is not None else "")
        if value is None:
            yield BadDocument(where, f"no {TEXT_FIELD!r}")
            continue
        encoding = "utf-8"
        if isinstance(value, bytes):
            try:
                value, encoding = decode_bytes(value)
            except LoadError as exc:
                yield BadDocument(where, str(exc))
                continue
        elif not isinstance(value, str):
            yield BadDocument(where, f"{TEXT_FIELD!r} is not text")
            continue
        problem = _text_problem(value)
        if problem:
            yield BadDocument(where, problem)
            continue
        yield Document(label, str(row), value, encoding)
