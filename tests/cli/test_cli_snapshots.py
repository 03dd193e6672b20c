"""``paradiff diff --save``, ``paradiff snapshots ...`` and the html/md formats, through the
real entry points (``python -m tui`` in a subprocess, and ``tui.cli.main``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.export.test_export_html import Collector
from tui.cli import main
from tui.engine import result_from_dict

REPO = Path(__file__).resolve().parents[2]
A = str(REPO / "seeds" / "002_ea469877a8e8ba82.txt")
B = str(REPO / "seeds" / "003_63081724c1bcbc33.txt")
ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("PARADIFF_DATA_DIR", str(folder))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return folder


def run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PARADIFF_DATA_DIR": str(data), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, message: str) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err == f"paradiff: error: {message}\n"
    assert "Traceback" not in err


# ---------------------------------------------------------------------------
# Through a subprocess
# ---------------------------------------------------------------------------


def test_save_list_show_delete_end_to_end(tmp_path: Path) -> None:
    data = tmp_path / "data"
    saved = run("diff", A, B, "--save", "putin quotes", data=data)
    assert saved.returncode == 1
    assert ID.fullmatch(saved.stdout.strip()), saved.stdout
    assert saved.stderr == ""
    snapshot_id = saved.stdout.strip()

    listed = run("snapshots", "list", data=data)
    assert listed.returncode == 0
    assert listed.stdout.splitlines()[0].split() == [
        "ID",
        "KIND",
        "SAVED",
        "SIMILAR",
        "NAME",
        "ARTICLES",
    ]
    assert snapshot_id[:8] in listed.stdout and "putin quotes" in listed.stdout

    shown = run("snapshots", "show", snapshot_id[:6], "--format", "json", data=data)
    assert shown.returncode == 0
    result = result_from_dict(json.loads(shown.stdout))
    assert result.a.path == A

    deleted = run("snapshots", "delete", snapshot_id[:6], data=data)
    assert deleted.returncode == 0
    assert f"deleted snapshot {snapshot_id}" in deleted.stdout
    assert run("snapshots", "list", "--json", data=data).stdout.count('"id"') == 0


def test_unknown_id_is_one_line_on_stderr(tmp_path: Path) -> None:
    done = run("snapshots", "show", "deadbeef", data=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert_one_line_error(done.stderr, "no snapshot with id or name 'deadbeef'")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_diff_formats_html_and_md(tmp_path: Path, fmt: str) -> None:
    done = run("diff", A, B, "--format", fmt, data=tmp_path)
    assert done.returncode == 1 and done.stderr == ""
    rows = json.loads(run("diff", A, B, "--format", "json", data=tmp_path).stdout)["rows"]
    if fmt == "html":
        doc = Collector()
        doc.feed(done.stdout)
        assert len(doc.rows) == len(rows)
        assert doc.stack == []
    else:
        assert done.stdout.startswith("# paradiff: ")
        assert "## Changes" in done.stdout
        changed = [
            r for r in rows if r["kind"] != "equal" or any(s["op"] != "equal" for s in r["spans"])
        ]
        assert done.stdout.count("\n### ") == len(changed)
    assert not (tmp_path / "snapshots").exists()


# ---------------------------------------------------------------------------
# Through main()
# ---------------------------------------------------------------------------


def test_save_without_a_name_with_a_format(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = cli(capsys, "diff", A, B, "--save", "--format", "json")
    assert code == 1
    json.loads(out)  # the diff on stdout, the id on stderr
    snapshot_id = err.strip()
    assert ID.fullmatch(snapshot_id)
    code, out, _ = cli(capsys, "snapshots", "list", "--json")
    listing = json.loads(out)
    assert listing["format"] == "paradiff-snapshot-list"
    [entry] = listing["snapshots"]
    assert entry["id"] == snapshot_id
    assert re.fullmatch(r"002 vs 003, \d{4}-\d\d-\d\d \d\d:\d\d", entry["name"])
    assert entry["a"]["path"] == A and len(entry["a"]["sha256"]) == 64
    assert listing["unreadable"] == []


def test_show_every_format(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    cli(capsys, "diff", A, B, "--save", "mine")
    for fmt, check in (
        ("text", lambda s: "snapshot 'mine' saved" in s and "{~~" in s and "\x1b" not in s),
        ("md", lambda s: s.startswith("# paradiff") and "*snapshot 'mine' saved" in s),
        ("html", lambda s: s.startswith("<!DOCTYPE html>") and "snapshot &#x27;mine&#x27;" in s),
        ("json", lambda s: json.loads(s)["format"] == "paradiff-diff"),
    ):
        code, out, err = cli(capsys, "snapshots", "show", "mine", "--format", fmt)
        assert code == 0 and err == "", (fmt, err)
        assert check(out), fmt


def test_sources_changed_since_are_reported(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("One paragraph.\n\nTwo paragraphs.")
    b.write_text("One paragraph!\n\nTwo paragraphs.")
    code, out, _ = cli(capsys, "diff", str(a), str(b), "--save", "s")
    a.write_text("Edited.")
    b.unlink()
    code, out, _ = cli(capsys, "snapshots", "show", out.strip()[:8])
    assert code == 0
    assert re.search(r"snapshot 's' saved [\d-]+ [\d:]+ · A changed since · B vanished", out)


def test_rename_and_data_dir_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = str(tmp_path / "other")
    code, out, _ = cli(capsys, "diff", A, B, "--save", "x", "--data-dir", other)
    snapshot_id = out.strip()
    code, out, _ = cli(
        capsys, "snapshots", "rename", snapshot_id[:5], "new name", "--data-dir", other
    )
    assert code == 0 and out == f"renamed {snapshot_id[:8]} to 'new name'\n"
    code, out, _ = cli(capsys, "snapshots", "--data-dir", other, "list")
    assert "new name" in out
    assert (tmp_path / "other" / "snapshots" / f"{snapshot_id}.json").is_file()


def test_ambiguous_prefix(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    cli(capsys, "diff", A, B, "--save", "one")
    folder = data_dir / "snapshots"
    [original] = folder.iterdir()
    for name in ("ab" + "0" * 30, "ab" + "1" * 30):
        (folder / f"{name}.json").write_bytes(original.read_bytes())
    code, out, err = cli(capsys, "snapshots", "delete", "ab")
    assert code == 2 and out == ""
    assert_one_line_error(
        err,
        "id prefix 'ab' matches 2 snapshots (ab0000000000, ab1111111111); give more characters",
    )
    assert len(list(folder.iterdir())) == 3


def test_unreadable_snapshot(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    cli(capsys, "diff", A, B, "--save", "good")
    bad = data_dir / "snapshots" / ("c" * 32 + ".json")
    bad.write_text('{"format": "paradiff-snapshot", "schema": 7}')
    code, out, err = cli(capsys, "snapshots", "list")
    assert code == 0
    assert "good" in out
    assert (
        "cccccccc  unreadable: made by a newer paradiff (schema 7; this one reads up to 1)" in out
    )
    assert "1 snapshot file is unreadable and left untouched" in err
    code, out, err = cli(capsys, "snapshots", "show", "ccc")
    assert code == 2
    assert_one_line_error(
        err,
        "snapshot cccccccc is unreadable: "
        "made by a newer paradiff (schema 7; this one reads up to 1)",
    )
    code, out, _ = cli(capsys, "snapshots", "list", "--json")
    assert json.loads(out)["unreadable"] == [
        {
            "id": "c" * 32,
            "file": str(bad),
            "reason": "made by a newer paradiff (schema 7; this one reads up to 1)",
        }
    ]
    assert bad.exists()


def test_save_into_an_unusable_folder(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "snapshots").write_text("a file in the way")
    code, out, err = cli(capsys, "diff", A, B, "--save", "x")
    assert code == 2 and out == ""
    assert_one_line_error(
        err, f"cannot create the snapshots folder {data_dir / 'snapshots'}: not a folder"
    )


def test_hostile_names_are_shown_inert(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    cli(capsys, "diff", A, B, "--save", "evil \x1b[2J\x07 [bold]x[/bold]")
    _, out, _ = cli(capsys, "snapshots", "list")
    assert "\x1b" not in out and "\x07" not in out
    assert "evil ␛[2J␇ [bold]x[/bold]" in out


def test_empty_list(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = cli(capsys, "snapshots", "list")
    assert code == 0 and out == f"No snapshots in {data_dir / 'snapshots'}.\n"
    assert not data_dir.exists()


def test_snapshots_needs_a_command(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = cli(capsys, "snapshots")
    assert code == 2 and "usage:" in err
