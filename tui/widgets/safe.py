"""The one way untrusted text becomes something a widget shows.

File names, paths, snapshot names and notes, error messages and anything read from disk
can hold terminal escapes (``ESC ] 0 ; title BEL``, ``ESC [ 2 J``), C1 controls and
markup. Textual writes a widget's text to the terminal as it is, so every label built
from such text goes through :func:`safe_text` (or :func:`safe_line` for a plain string),
every text field is a :class:`SafeInput`, and every notification goes through
:meth:`tui.app.ParadiffApp.notify`: all three use the shared sanitiser
(:mod:`tui.sanitise`), and none reads markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

from tui.sanitise import sanitise_line


def safe_line(text: object) -> str:
    """``text`` as one line with every control character made visible (ESC -> ␛)."""
    return sanitise_line(str(text))


def safe_text(text: object = "", style: str = "") -> Text:
    """A Rich ``Text`` of ``text`` on one line, control characters made visible, never
    read as markup."""
    return Text(safe_line(text), style=style)


def append_safe(text: Text, part: object, style: str = "") -> Text:
    """Append untrusted ``part`` to ``text`` (see :func:`safe_text`); returns ``text``."""
    text.append(safe_line(part), style=style)
    return text


class SafeInput(Input):
    """A text field whose value never holds a control character, whoever sets it (the
    app with a proposed name made of file names, a paste, typing).

    The sanitiser maps one code point to one, so the cursor stays where it was.
    """

    def validate_value(self, value: str) -> str:
        """Make control characters visible before the field stores or draws them."""
        return sanitise_line(value)
