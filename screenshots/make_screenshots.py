"""Generate the README screenshots from the seeds: SVG, plus PNG when rsvg-convert exists.

    .venv/bin/python screenshots/make_screenshots.py

Writes browser, diff (002 vs 003), changes-only, help and snapshots (the list of saved
snapshots, two of them saved first in a temporary data folder), each as .svg and .png.
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
sys.path.insert(0, str(ROOT))

from textual.pilot import Pilot  # noqa: E402

from screenshots.scenes import (  # noqa: E402
    PAIR,
    changes_only,
    diff_ready,
    edited_pair,
    help_over_diff,
    pick_002_and_003,
    saved_diffs_listed,
)
from tui.app import make_app  # noqa: E402
from tui.engine import diff_articles  # noqa: E402
from tui.sources import read_article  # noqa: E402
from tui.store import SnapshotStore  # noqa: E402

SIZE = (120, 35)


def save_two_snapshots(data_dir: Path) -> None:
    """Two snapshots of seed diffs, with fixed names, notes and times."""
    store = SnapshotStore(data_dir)
    seeds = {p.name[:3]: str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt")}
    pairs = (
        ("000", "001", "Olympics boycott: two wire rewrites", "", datetime(2026, 11, 20, 9, 30)),
        (
            "002",
            "003",
            "002 vs 003, the AP copy",
            "the headline and the first paragraph were rewritten",
            datetime(2026, 11, 23, 14, 5),
        ),
    )
    for a, b, name, note, when in pairs:
        result = diff_articles(read_article(seeds[a]), read_article(seeds[b]))
        store.save(result, name, note, now=when.replace(tzinfo=UTC))


async def shoot(
    name: str,
    paths: list[str],
    steps: Callable[[Pilot], Awaitable[None]],
    data_dir: str | None = None,
) -> Path:
    """Run the app headless, apply ``steps``, save ``name``.svg."""
    app = make_app(paths, data_dir=data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await steps(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        path = OUT / f"{name}.svg"
        path.write_text(app.export_screenshot(title=f"paradiff — {name}"), encoding="utf-8")
    return path


def to_png(svg: Path) -> Path | None:
    """Convert with rsvg-convert, using an installed monospace font for faithful spacing."""
    if shutil.which("rsvg-convert") is None:
        return None
    text = svg.read_text(encoding="utf-8").replace('"Fira Code"', '"DejaVu Sans Mono"')
    text = re.sub(r' textLength="[0-9.]+"', "", text)
    text = text.replace("<svg ", '<svg xml:space="preserve" ', 1)
    png = svg.with_suffix(".png")
    with tempfile.NamedTemporaryFile("w", suffix=".svg", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    try:
        subprocess.run(["rsvg-convert", tmp.name, "-o", str(png)], check=True)
    finally:
        os.unlink(tmp.name)
    return png


async def main() -> None:
    """Shoot every picture."""
    os.chdir(ROOT)  # relative paths in the pictures
    with tempfile.TemporaryDirectory() as tmp:
        # The pictures show the defaults, never this user's saved settings or data.
        os.environ["PARADIFF_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ["PARADIFF_DATA_DIR"] = str(Path(tmp) / "user-data")
        shots = [
            await shoot("browser", ["seeds"], pick_002_and_003),
            await shoot("diff", PAIR, diff_ready),
            await shoot("changes-only", edited_pair(Path(tmp)), changes_only),
            await shoot("help", PAIR, help_over_diff),
        ]
        save_two_snapshots(Path(tmp) / "data")
        os.chdir(tmp)  # the title shows the data folder: "data/snapshots"
        try:
            listed = functools.partial(saved_diffs_listed, rows=2)
            shots.append(await shoot("snapshots", [str(ROOT / "seeds")], listed, "data"))
        finally:
            os.chdir(ROOT)
    for svg in shots:
        png = to_png(svg)
        print(svg.relative_to(ROOT), "and", png.relative_to(ROOT) if png else "(no rsvg-convert)")


if __name__ == "__main__":
    asyncio.run(main())
