"""Which files are articles paradiff can read: the one notion shared by the browser, the
folder walk of ``paradiff rank`` and anything else that lists candidate files.

A file is readable when a reader of :data:`~tui.sources.readers.READERS` claims its suffix,
or when it has no suffix and its first bytes are claimed by a reader's sniff or look like
text. Files with any other suffix are not offered (a ``.png`` is not an article), though a
file named explicitly can still be tried: the reader says why it fails.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from tui.engine.loading import LoadError, decode_bytes
from tui.sources.readers import READERS

#: Bytes read to decide whether a file without a suffix is an article.
SNIFF_BYTES = 4096


def readable_suffixes() -> frozenset[str]:
    """Every suffix some reader claims (lower case, with the dot)."""
    return frozenset(suffix for reader in READERS for suffix in reader.suffixes)


def sniffs_as_article(sample: bytes) -> bool:
    """True when the first bytes of a file are some reader's kind, or decode as text
    the way the text reader decodes (a cut multi-byte character at the end is harmless)."""
    if not sample:
        return False
    if any(reader.sniff(sample) for reader in READERS):
        return True
    try:
        decode_bytes(sample)
    except LoadError:
        return False
    return True


def is_readable_file(path: Path) -> bool:
    """True for a file paradiff offers as an article (see the module's docstring)."""
    suffix = path.suffix.lower()
    if suffix:
        return suffix in readable_suffixes()
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            sample = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return sniffs_as_article(sample)


def walk_readable(
    folder: Path, on_error: Callable[[Path, OSError], None] | None = None
) -> Iterator[Path]:
    """Every readable file under ``folder``, recursively, in a stable order (sorted by
    name at each level, files before sub-folders). Hidden entries (``.name``) are skipped
    and symbolic links to folders are not followed (no loops). ``on_error`` hears about
    every folder that cannot be listed."""

    def report(exc: OSError) -> None:
        if on_error is not None:
            on_error(Path(exc.filename or folder), exc)

    for root, dirs, files in os.walk(folder, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and is_readable_file(path):
                yield path


__all__ = [
    "SNIFF_BYTES",
    "is_readable_file",
    "readable_suffixes",
    "sniffs_as_article",
    "walk_readable",
]
