"""The snapshot file: building and encoding its JSON document, and parsing and validating
one read back (``json.loads`` plus checks; nothing is executed)."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tui import __version__
from tui.engine.contract import result_from_dict
from tui.engine.model import DiffResult, ResultFormatError, result_to_dict
from tui.engine.paragraphs import PARAGRAPH_MODES
from tui.engine.validate import result_problem
from tui.sources import SourceInfo
from tui.store.records import Snapshot, SnapshotInfo, SnapshotUnreadable

SNAPSHOT_FORMAT = "paradiff-snapshot"
SCHEMA_VERSION = 1
#: Largest integer accepted anywhere in a snapshot (counts and sizes are far below it).
MAX_INTEGER = 2**53
#: Dates are kept a day inside what ``datetime`` holds, so that converting one to any
#: time zone (at most a day away from UTC) never overflows.
_EARLIEST = datetime.min.replace(tzinfo=UTC) + timedelta(days=1)
_LATEST = datetime.max.replace(tzinfo=UTC) - timedelta(days=1)


def iso_utc(moment: datetime) -> str:
    """``moment`` as stored: UTC, to the second, ``YYYY-MM-DDTHH:MM:SSZ``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def encode_document(doc: dict[str, Any]) -> bytes:
    """A snapshot document as bytes: UTF-8 JSON, never NaN or Infinity (``ValueError``)."""
    try:
        return json.dumps(doc, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: keep them as \\u escapes
        return json.dumps(doc, ensure_ascii=True, allow_nan=False).encode("ascii")


def build_document(
    snapshot_id: str,
    name: str,
    note: str,
    created: datetime,
    sources: tuple[SourceInfo, SourceInfo],
    options: Any,
    result: DiffResult,
) -> dict[str, Any]:
    """The JSON document of a new snapshot."""
    return {
        "format": SNAPSHOT_FORMAT,
        "schema": SCHEMA_VERSION,
        "id": snapshot_id,
        "name": name,
        "note": note,
        "created": iso_utc(created),
        "paradiff_version": __version__,
        "sources": {"a": source_to_dict(sources[0]), "b": source_to_dict(sources[1])},
        "options": options_dict(options),
        "result": result_to_dict(result),
    }


def options_dict(options: Any) -> dict[str, Any]:
    """The diff options as stored: a dataclass or a mapping as a plain dict."""
    if options is None:
        return {}
    if dataclasses.is_dataclass(options) and not isinstance(options, type):
        return dataclasses.asdict(options)
    if isinstance(options, Mapping):
        return dict(options)
    raise TypeError(f"options must be a dataclass or a mapping, not {type(options).__name__}")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def source_to_dict(source: SourceInfo) -> dict[str, Any]:
    return dataclasses.asdict(source)


def source_from_dict(data: Any, where: str) -> SourceInfo:
    if not isinstance(data, dict):
        raise SnapshotUnreadable(f"missing field {where!r}")
    path, abspath, sha, enc = (data.get(k) for k in ("path", "abspath", "sha256", "encoding"))
    size = data.get("size")
    if not isinstance(path, str) or not isinstance(enc, str):
        raise SnapshotUnreadable(f"missing field '{where}.path' or '{where}.encoding'")
    if abspath is None:
        abspath = ""
    if not isinstance(abspath, str):
        raise SnapshotUnreadable(f"bad field '{where}.abspath'")
    if sha is not None and not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)):
        raise SnapshotUnreadable(f"bad field '{where}.sha256'")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
        raise SnapshotUnreadable(f"bad field '{where}.size'")
    final_url, fetched_at = (data.get(k, "") for k in ("final_url", "fetched_at"))
    if not isinstance(final_url, str) or not isinstance(fetched_at, str):
        raise SnapshotUnreadable(f"bad field '{where}.final_url' or '{where}.fetched_at'")
    return SourceInfo(path, abspath, sha, enc, size, final_url, fetched_at)


def _parse_created(value: Any) -> datetime:
    """The creation date in UTC; one that could not be shown in every time zone is
    refused here, so that no view ever meets an ``OverflowError``."""
    if not isinstance(value, str):
        raise SnapshotUnreadable("missing field 'created'")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        moment = moment.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise SnapshotUnreadable("bad field 'created'") from exc
    if not _EARLIEST <= moment <= _LATEST:
        raise SnapshotUnreadable("bad field 'created' (date out of range)")
    return moment


class _BadNumber(ValueError):
    """A JSON number that is not finite, or too large to be a count."""


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(f"a number out of range ({text[:20]})")
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 16 or abs(value := int(text)) > MAX_INTEGER:
        raise _BadNumber(f"a number out of range ({text[:20]}{'...' if len(text) > 20 else ''})")
    return value


def _shortened(reason: str, limit: int = 160) -> str:
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


def _parse_result(data: Any) -> DiffResult:
    try:
        result = result_from_dict(data)
        problem = result_problem(result)
    except ResultFormatError as exc:
        raise SnapshotUnreadable(f"bad diff result: {_shortened(str(exc))}") from exc
    except (ValueError, TypeError, OverflowError, KeyError, AttributeError) as exc:
        raise SnapshotUnreadable(f"bad diff result ({type(exc).__name__})") from exc
    if problem:
        raise SnapshotUnreadable(f"inconsistent diff result: {_shortened(problem)}")
    return result


def load_document(data: bytes) -> dict[str, Any]:
    """A stored file's bytes as a JSON object (``json.loads`` with only finite numbers
    and counts below :data:`MAX_INTEGER`); raises :class:`SnapshotUnreadable` with the
    reason."""
    if not data.strip():
        raise SnapshotUnreadable("empty file")
    try:
        doc = json.loads(
            data.decode("utf-8"),
            parse_constant=_reject_constant,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )
    except _BadNumber as exc:
        raise SnapshotUnreadable(f"not a valid snapshot: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise SnapshotUnreadable("not UTF-8 text") from exc
    except RecursionError as exc:
        raise SnapshotUnreadable("not valid JSON (nested too deeply)") from exc
    except json.JSONDecodeError as exc:
        at_end = exc.pos >= len(exc.doc.rstrip()) - 1
        if at_end or exc.msg.startswith("Unterminated string"):
            raise SnapshotUnreadable(f"truncated JSON (ends after {len(data)} bytes)") from exc
        raise SnapshotUnreadable(
            f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from exc
    except ValueError as exc:
        raise SnapshotUnreadable(f"not valid JSON ({exc})") from exc
    if not isinstance(doc, dict):
        raise SnapshotUnreadable("not a JSON object")
    return doc


def check_schema(doc: dict[str, Any], version: int) -> None:
    """Refuse a document without a schema number, or made by a newer paradiff."""
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise SnapshotUnreadable("missing field 'schema'")
    if schema < 1:
        raise SnapshotUnreadable("bad field 'schema'")
    if schema > version:
        raise SnapshotUnreadable(
            f"made by a newer paradiff (schema {schema}; this one reads up to {version})"
        )


def parse_header(doc: dict[str, Any]) -> tuple[str, str, datetime, str]:
    """The fields every stored kind has: name, note, creation date, paradiff version."""
    name = doc.get("name")
    if not isinstance(name, str):
        raise SnapshotUnreadable("missing field 'name'")
    note = doc.get("note", "")
    if not isinstance(note, str):
        raise SnapshotUnreadable("bad field 'note'")
    created = _parse_created(doc.get("created"))
    version = doc.get("paradiff_version")
    return name, note, created, version if isinstance(version, str) else "unknown"


def parse_options(doc: dict[str, Any]) -> dict[str, Any]:
    """The diff options recorded in a document (an object; the known ones checked)."""
    options = doc.get("options", {})
    if not isinstance(options, dict):
        raise SnapshotUnreadable("bad field 'options'")
    if options.get("paragraphs", "auto") not in PARAGRAPH_MODES:
        raise SnapshotUnreadable("bad field 'options.paragraphs'")
    if not isinstance(options.get("whitespace", False), bool):
        raise SnapshotUnreadable("bad field 'options.whitespace'")
    return options


def parse_snapshot(data: bytes, file: Path) -> Snapshot:
    """Validate and build a diff snapshot from a file's bytes; raise
    :class:`SnapshotUnreadable` with the reason. The id is the file name's stem, never a
    field of the file."""
    return parse_diff_document(load_document(data), file)


def parse_diff_document(doc: dict[str, Any], file: Path) -> Snapshot:
    """A diff snapshot from its JSON object (see :func:`parse_snapshot`)."""
    if doc.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotUnreadable(f"not a {SNAPSHOT_FORMAT} file")
    check_schema(doc, SCHEMA_VERSION)
    name, note, created, version = parse_header(doc)
    sources = doc.get("sources")
    if not isinstance(sources, dict):
        raise SnapshotUnreadable("missing field 'sources'")
    a = source_from_dict(sources.get("a"), "sources.a")
    b = source_from_dict(sources.get("b"), "sources.b")
    options = parse_options(doc)
    if "result" not in doc:
        raise SnapshotUnreadable("missing field 'result'")
    result = _parse_result(doc["result"])
    info = SnapshotInfo(
        id=file.stem,
        name=name,
        note=note,
        created=created,
        paradiff_version=version,
        a=a,
        b=b,
        similarity=float(result.stats.similarity),
        file=file,
    )
    return Snapshot(info=info, options=options, result=result)
