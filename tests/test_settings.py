"""The settings file: defaults, a round trip, atomic writes, and broken files that are
reported and ignored, never fatal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui.settings import (
    ENV_CONFIG_DIR,
    SETTINGS_FILE,
    SETTINGS_VERSION,
    Settings,
    SettingsError,
    default_export_folder,
    load_settings,
    save_settings,
    settings_path,
    start_folder,
)


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PARADIFF_CONFIG_DIR pointing at a fresh folder that does not exist yet."""
    folder = tmp_path / "config"
    monkeypatch.setenv(ENV_CONFIG_DIR, str(folder))
    return folder


def _write(folder: Path, content: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / SETTINGS_FILE
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return target


def test_the_path_follows_the_override_then_the_user_config_folder(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch, isolated_user_folders: Path
) -> None:
    assert settings_path() == config_dir / SETTINGS_FILE
    assert settings_path(config_dir / "other.json") == config_dir / "other.json"
    monkeypatch.delenv(ENV_CONFIG_DIR)
    expected = Path(os.environ["XDG_CONFIG_HOME"]) / "paradiff" / SETTINGS_FILE
    assert settings_path() == expected
    assert isolated_user_folders in expected.parents  # never the real user's folder


def test_no_file_gives_the_defaults_without_a_warning(config_dir: Path) -> None:
    settings, warning = load_settings()
    assert (settings, warning) == (Settings(), None)
    assert not config_dir.exists()  # reading creates nothing


def test_a_round_trip_keeps_every_field_and_writes_a_version(config_dir: Path) -> None:
    chosen = Settings(
        theme="textual-light",
        show_minor=False,
        changes_only=True,
        last_folder="/some/where",
        export_folder="/else/where ü",
    )
    written = save_settings(chosen)
    assert written == config_dir / SETTINGS_FILE
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["version"] == SETTINGS_VERSION
    assert document["changes_only"] is True
    assert load_settings() == (chosen, None)


def test_saving_replaces_the_file_and_leaves_no_temporary_file(config_dir: Path) -> None:
    save_settings(Settings(theme="one"))
    save_settings(Settings(theme="two"))
    assert sorted(p.name for p in config_dir.iterdir()) == [SETTINGS_FILE]
    assert load_settings()[0].theme == "two"


def test_with_changes_returns_a_new_frozen_value() -> None:
    base = Settings()
    changed = base.with_changes(show_minor=False)
    assert base.show_minor is True and changed.show_minor is False
    with pytest.raises(AttributeError):
        base.theme = "x"  # type: ignore[misc]


def test_unknown_keys_are_ignored_silently(config_dir: Path) -> None:
    _write(config_dir, json.dumps({"version": 7, "theme": "nord", "future_key": [1, 2]}))
    assert load_settings() == (Settings(theme="nord"), None)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("show_minor", 0),
        ("show_minor", "false"),
        ("changes_only", None),
        ("theme", 3),
        ("theme", ""),
        ("last_folder", ["a"]),
        ("export_folder", "bad\u0000path"),
    ],
)
def test_a_key_of_the_wrong_type_falls_back_with_a_warning(
    config_dir: Path, key: str, value: object
) -> None:
    _write(config_dir, json.dumps({"version": 1, key: value, "changes_only": True} | {key: value}))
    settings, warning = load_settings()
    assert getattr(settings, key) == getattr(Settings(), key)
    if key != "changes_only":
        assert settings.changes_only is True  # the good keys are kept
    assert warning is not None and key in warning and "wrong type" in warning


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('"just a string"', "not a JSON object"),
        (b"\xff\xfe{}", "not UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "ignored"),
        ("", "not valid JSON"),
    ],
)
def test_a_broken_file_is_reported_and_ignored(
    config_dir: Path, content: str | bytes, reason: str
) -> None:
    _write(config_dir, content)
    settings, warning = load_settings()
    assert settings == Settings()
    assert warning is not None and reason in warning and str(config_dir) in warning
    assert "\n" not in warning


def test_a_folder_or_a_huge_file_in_its_place_is_reported(config_dir: Path) -> None:
    (config_dir / SETTINGS_FILE).mkdir(parents=True)
    settings, warning = load_settings()
    assert settings == Settings() and warning is not None and "folder" in warning
    other = config_dir / "huge.json"
    other.write_bytes(b" " * (1 << 20))
    settings, warning = load_settings(other)
    assert settings == Settings() and warning is not None and "too large" in warning


def test_a_named_pipe_is_never_opened(config_dir: Path) -> None:
    config_dir.mkdir()
    os.mkfifo(config_dir / SETTINGS_FILE)
    settings, warning = load_settings()  # would block for ever if the FIFO were opened
    assert settings == Settings() and warning is not None and "named pipe" in warning


def test_control_characters_in_the_path_are_made_visible(tmp_path: Path) -> None:
    folder = tmp_path / "evil\x1b[31m"
    target = _write(folder, "nope")
    _, warning = load_settings(target)
    assert warning is not None and "\x1b" not in warning


def test_a_write_that_fails_raises_one_line(config_dir: Path) -> None:
    config_dir.parent.mkdir(parents=True, exist_ok=True)
    config_dir.write_text("a file where the folder should be")
    with pytest.raises(SettingsError) as caught:
        save_settings(Settings())
    assert str(config_dir) in str(caught.value) and "\n" not in str(caught.value)


def test_the_export_folder_is_the_remembered_one_else_documents_else_data(
    tmp_path: Path, isolated_user_folders: Path
) -> None:
    data = tmp_path / "data"
    documents = isolated_user_folders / "Documents"
    assert default_export_folder(Settings(), data) == data  # no documents folder yet
    assert data.is_dir()  # created, so that the dialog accepts it
    documents.mkdir()
    assert default_export_folder(Settings(), data).resolve() == documents.resolve()
    chosen = tmp_path / "exports"
    chosen.mkdir()
    assert default_export_folder(Settings(export_folder=str(chosen)), data) == chosen
    gone = Settings(export_folder=str(tmp_path / "gone"))
    assert default_export_folder(gone, data).resolve() == documents.resolve()


def test_the_start_folder_is_the_last_one_while_it_exists(tmp_path: Path) -> None:
    assert start_folder(Settings(), tmp_path) == tmp_path
    last = tmp_path / "last"
    last.mkdir()
    assert start_folder(Settings(last_folder=str(last)), tmp_path / "x") == last
    last.rmdir()
    assert start_folder(Settings(last_folder=str(last)), tmp_path) == tmp_path
