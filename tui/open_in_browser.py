"""Open a file (an HTML export) in the user's web browser, never in a terminal browser:
``lynx`` or ``w3m`` would fight the app for the terminal. Blocking (a browser may take a
moment to start): the app calls it in a worker. No Textual."""

from __future__ import annotations

import os
import webbrowser
from pathlib import Path

#: Browsers that run inside the terminal (what :mod:`webbrowser` picks without a display).
TERMINAL_BROWSERS = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m"})


class BrowserError(Exception):
    """No browser could show the file; ``str(exc)`` is one line."""


def open_in_browser(path: str | os.PathLike[str]) -> None:
    """Show the file at ``path`` in a graphical web browser. Raises :class:`BrowserError`
    (no browser, only a terminal one, or the browser failed to start)."""
    url = Path(path).absolute().as_uri()
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        raise BrowserError(f"no web browser found; open {path} yourself") from None
    name = os.path.basename(getattr(browser, "name", "") or "")
    if type(browser) is webbrowser.GenericBrowser and name in TERMINAL_BROWSERS:
        raise BrowserError(f"only a terminal browser ({name}) found; open {path} yourself")
    try:
        opened = browser.open(url, new=2)
    except (OSError, webbrowser.Error) as exc:
        raise BrowserError(f"the browser did not start ({exc}); open {path} yourself") from exc
    if not opened:
        raise BrowserError(f"the browser did not start; open {path} yourself")
