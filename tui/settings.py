"""The user's settings that outlive a session: the theme, the minor-differences and
changes-only toggles, the last folder browsed and the export folder.

One small JSON file (``settings.json``) in the user's config folder:
``$PARADIFF_CONFIG_DIR``, else ``platformdirs.user_config_path("paradiff")``. It is read at
start and written atomically (:func:`tui.files.write_atomically`) after each change. A
file that is missing gives the defaults; one that is broken gives the defaults too, with a
one-line warning to show, never an exception. Unknown keys are ignored; a key of the wrong
type falls back to its default, with a warning. No Textual, no engine.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.files import NotARegularFile, describe_os_error, read_regular_file, write_atomically
from tui.sanitise import sanitise_line

APP_NAME = "paradiff"
#: Overrides the folder of the settings file (tests, portable installs).
ENV_CONFIG_DIR = "PARADIFF_CONFIG_DIR"
SETTINGS_FILE = "settings.json"
#: The version written in the file; a file of another version is read key by key.
SETTINGS_VERSION = 1
#: A settings file is a few hundred bytes; anything much larger is not one.
MAX_SETTINGS_BYTES = 64 * 1024


class SettingsError(Exception):
    """The settings could not be written; ``str(exc)`` is one line."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What paradiff remembers between sessions. ``None`` means "not chosen yet"."""

    #: The name of the Textual theme (None: the app's default).
    theme: str | None = None
    #: Minor differences (punctuation, case, quotes, look-alikes) shown in the diff.
    show_minor: bool = True
    #: The diff shows changed rows only.
    changes_only: bool = False
    #: ``n``/``p`` stop at changed page furniture too (navigation, bylines, captions).
    stop_at_furniture: bool = False
    #: The folder the browser showed last.
    last_folder: str | None = None
    #: The folder of the last export.
    export_folder: str | None = None

    def with_changes(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (``settings.with_changes(show_minor=False)``)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document written to the file."""
        return {"version": SETTINGS_VERSION, **dataclasses.asdict(self)}


#: The type each key must have in the file (``None`` allowed where the default is None).
_TYPES: dict[str, type] = {
    "theme": str,
    "show_minor": bool,
    "changes_only": bool,
    "stop_at_furniture": bool,
    "last_folder": str,
    "export_folder": str,
}


def settings_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The settings file: ``path`` if given, else ``settings.json`` in
    ``$PARADIFF_CONFIG_DIR``, else in the user's config folder. Nothing is created."""
    if path is not None:
        return Path(path).expanduser()
    folder = os.environ.get(ENV_CONFIG_DIR)
    if folder:
        return Path(folder).expanduser() / SETTINGS_FILE
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / SETTINGS_FILE


def _warning(target: Path, reason: str) -> str:
    return sanitise_line(f"Settings file {target}: {reason}")


def _valid(key: str, value: Any) -> bool:
    if value is None:
        return getattr(Settings(), key) is None
    if _TYPES[key] is str:
        return isinstance(value, str) and bool(value) and "\0" not in value
    return type(value) is _TYPES[key]  # a bool, not 0 or 1


def settings_from_dict(document: Any) -> tuple[Settings, list[str]]:
    """Settings from a parsed document, and the names of the keys that were ignored
    because of their type (those keep their defaults). Unknown keys are ignored."""
    if not isinstance(document, dict):
        raise ValueError("not a JSON object")
    values: dict[str, Any] = {}
    wrong: list[str] = []
    for key in _TYPES:
        if key not in document:
            continue
        if _valid(key, document[key]):
            values[key] = document[key]
        else:
            wrong.append(key)
    return Settings(**values), wrong


def load_settings(path: str | os.PathLike[str] | None = None) -> tuple[Settings, str | None]:
    """The saved settings and a warning to show (None when all went well).

    Never raises for a bad file: a missing one gives the defaults silently; one that
    cannot be read, is not JSON or not an object gives the defaults and a warning; keys of
    the wrong type keep their defaults and are named in the warning.
    """
    target = settings_path(path)
    try:
        data = read_regular_file(target, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return Settings(), None
    except NotARegularFile as exc:
        return Settings(), _warning(target, f"{exc.reason}; ignored")
    except OSError as exc:
        return Settings(), _warning(target, f"{describe_os_error(exc)}; ignored")
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return Settings(), _warning(target, "not UTF-8 text; ignored")
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = f"not valid JSON (line {exc.lineno})" if hasattr(exc, "lineno") else "too deep"
        return Settings(), _warning(target, f"{reason}; ignored")
    try:
        settings, wrong = settings_from_dict(document)
    except ValueError as exc:
        return Settings(), _warning(target, f"{exc}; ignored")
    if wrong:
        return settings, _warning(target, f"ignored {', '.join(wrong)} (wrong type)")
    return settings, None


def save_settings(settings: Settings, path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``settings`` atomically (the folder is created if need be); returns the file.
    Raises :class:`SettingsError` with one line."""
    target = settings_path(path)
    payload = json.dumps(settings.to_dict(), indent=2, ensure_ascii=False) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, payload.encode("utf-8"), prefix=f".{target.name}.")
    except OSError as exc:
        raise SettingsError(f"settings not saved to {target}: {describe_os_error(exc)}") from exc
    return target


def _existing_folder(path: str | os.PathLike[str] | None) -> Path | None:
    if not path:
        return None
    folder = Path(path).expanduser()
    try:
        return folder if folder.is_dir() else None
    except (OSError, ValueError):  # a NUL, a name too long
        return None


def default_export_folder(settings: Settings, data_folder: str | os.PathLike[str]) -> Path:
    """Where the export dialog proposes to write: the folder of the last export if it still
    exists, else the user's documents folder if it exists, else ``data_folder`` (the
    snapshot store's root), created if need be (if it cannot be, the dialog says so)."""
    remembered = _existing_folder(settings.export_folder)
    if remembered is not None:
        return remembered
    import platformdirs

    documents = _existing_folder(platformdirs.user_documents_dir())
    if documents is not None:
        return documents
    folder = Path(data_folder).expanduser()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_folder(settings: Settings, fallback: str | os.PathLike[str]) -> Path:
    """The folder the browser opens in when none is given: the last one if it still
    exists, else ``fallback`` (the current folder)."""
    remembered = _existing_folder(settings.last_folder)
    return remembered if remembered is not None else Path(fallback)
