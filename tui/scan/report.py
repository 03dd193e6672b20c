"""A scan as text, JSON, CSV or HTML: the ranking of ``paradiff rank`` (same columns, same
renderers) with what the candidate stage read, skipped and kept."""

from __future__ import annotations

import json
from typing import Any

from tui.rank.render import RANK_FORMATS, render_ranking
from tui.sanitise import sanitise_line
from tui.scan.run import ScanResult

SCAN_FORMATS = RANK_FORMATS
SCAN_FORMAT_NAME = "paradiff-scan"
SCAN_FORMAT_VERSION = 1
#: Bad documents listed in a report (all are counted).
LISTED_BAD = 1_000


def scan_summary(result: ScanResult) -> str:
    """One line: what was scanned and what came of it."""
    bad = len(result.bad)
    return (
        f"scanned {result.documents:,} documents ({bad:,} unreadable); "
        f"{len(result.candidates):,} candidates aligned, top {len(result.ranking.records)} shown"
    )


def scan_to_dict(result: ScanResult) -> dict[str, Any]:
    """The ``paradiff-scan`` JSON document as plain data."""
    ranking = result.ranking.to_dict()
    for copy in ranking["copies"]:
        copy["containment"] = result.scores.get(copy["path"])
    return {
        "format": SCAN_FORMAT_NAME,
        "version": SCAN_FORMAT_VERSION,
        "corpus": list(result.sources),
        "documents": result.documents,
        "unreadable": len(result.bad),
        "bad_documents": [b.to_dict() for b in result.bad[:LISTED_BAD]],
        "query": {"features": result.query.features, "common_left_out": result.query.discounted},
        "candidates": len(result.candidates),
        "ranking": ranking,
    }


def render_scan(result: ScanResult, fmt: str) -> str:
    """``result`` in ``fmt`` (one of :data:`SCAN_FORMATS`)."""
    if fmt == "json":
        return json.dumps(scan_to_dict(result), ensure_ascii=False, indent=1) + "\n"
    body = render_ranking(result.ranking, fmt)
    if fmt != "text":  # CSV stays one table; HTML is the ranking's page
        return body
    lines = [sanitise_line(scan_summary(result)), body.rstrip("\n")]
    if result.bad:
        lines.append(f"unreadable documents ({len(result.bad):,}):")
        lines += [
            f"  {sanitise_line(b.where)}: {sanitise_line(b.reason)}"
            for b in result.bad[:LISTED_BAD]
        ]
    return "\n".join(lines) + "\n"
