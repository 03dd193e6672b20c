"""Word-diffing the rows of an aligned diff in the order a view needs them, and saying how
far the work has got. Pure (no Textual): the loop runs in a worker thread.

The view shows the rows as soon as the paragraphs are aligned; :func:`diff_rows_by_need`
then word-diffs the rows on screen first (read again between rows, so a row scrolled to
is next), the others in reading order, and hands them over in batches.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from tui.display.model import SideText, side_texts
from tui.engine import DiffResult, LazyDiff, Row

#: A word-diffed row for the view: ``(index, row, side texts)``.
FilledRow = tuple[int, Row, tuple[SideText, SideText]]

#: Seconds between two batches of rows handed over (rows on screen go at once).
BATCH_SECONDS = 0.1
#: At most this many rows in one batch.
BATCH_ROWS = 1024


def diff_rows_by_need(
    lazy: LazyDiff,
    wanted: Callable[[], tuple[int, int]],
    deliver: Callable[[list[FilledRow]], None],
    progress: Callable[[int, int], None],
    cancelled: Callable[[], bool],
) -> bool:
    """Word-diff every row of ``lazy``: first the rows ``wanted()`` names (``(first,
    last)``, the rows on screen, asked again after every row), then the others in order.

    ``deliver(batch)`` gets the rows with their side texts, the wanted ones as soon as
    they are done; ``progress(done, total)`` follows each batch. Returns False as soon as
    ``cancelled()`` is true (checked between rows), True when every row is done.
    """
    total = len(lazy)
    done = sum(lazy.is_ready(k) for k in range(total))
    batch: list[FilledRow] = []
    urgent: list[int] = []
    seen_wanted: tuple[int, int] | None = None
    next_row = 0
    last_sent = time.perf_counter()
    while done < total:
        if cancelled():
            return False
        window = wanted()
        if window != seen_wanted:
            seen_wanted = window
            first, last = max(0, window[0]), min(total - 1, window[1])
            urgent = [k for k in range(last, first - 1, -1) if not lazy.is_ready(k)]
        index = -1
        while urgent and index < 0:
            candidate = urgent.pop()
            if not lazy.is_ready(candidate):
                index = candidate
        is_urgent = index >= 0
        if not is_urgent:
            while lazy.is_ready(next_row):
                next_row += 1
            index = next_row
        lazy.ensure((index,))
        row = lazy.row(index)
        batch.append((index, row, side_texts(row)))
        done += 1
        now = time.perf_counter()
        if (
            (is_urgent and not urgent)
            or len(batch) >= BATCH_ROWS
            or now - last_sent >= BATCH_SECONDS
            or done == total
        ):
            deliver(batch)
            progress(done, total)
            batch = []
            last_sent = now
    return True


def settled_rows(result: DiffResult, delivered: Sequence[Row | None]) -> list[FilledRow]:
    """The rows of ``result`` that are not the ones ``delivered`` while filling, with
    their side texts: :meth:`~tui.engine.LazyDiff.complete` re-classes ``reworded``
    spans as ``paraphrase`` once the word pairs of the whole documents are known."""
    return [
        (index, row, side_texts(row))
        for index, (row, sent) in enumerate(zip(result.rows, delivered, strict=True))
        if row is not sent
    ]


#: Share of the whole work done when the paragraphs are aligned (the engine's progress
#: goes from 0 to this while aligning, see :func:`tui.engine.align_articles`).
ALIGNED = 0.6
#: Estimates are shown for work expected to last longer than this (seconds), once it has
#: run for :data:`ESTIMATE_AFTER` seconds.
ESTIMATE_OVER = 1.0
ESTIMATE_AFTER = 0.5


def progress_label(phase: str, fraction: float | None, elapsed: float) -> str:
    """The progress line: ``phase`` and, for work that lasts over a second, an estimate of
    the time left from the ``fraction`` done after ``elapsed`` seconds."""
    if fraction is None or fraction <= 0.02 or elapsed < ESTIMATE_AFTER:
        return f"{phase}…"
    left = elapsed * (1 - fraction) / fraction
    if elapsed + left <= ESTIMATE_OVER:
        return f"{phase}…"
    return f"{phase}… about {_duration(left)} left"


def _duration(seconds: float) -> str:
    if seconds < 1.5:
        return "1 s"
    if seconds < 90:
        return f"{round(seconds)} s"
    return f"{round(seconds / 60)} min"


def word_diff_phase(done: int, total: int) -> str:
    """The phase of the word diff: "Word diff 1,200 of 3,475 rows"."""
    return f"Word diff {done:,} of {total:,} rows"


def overall_fraction(done: int, total: int) -> float:
    """Share of the whole work done when ``done`` of ``total`` rows are word-diffed."""
    return ALIGNED + (1 - ALIGNED) * done / max(1, total)
