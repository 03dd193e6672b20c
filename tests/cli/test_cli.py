"""`paradiff diff` through the real entry points: exit codes, JSON, text, bad input."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, RunCli, cli_command, run_paradiff
from tui.engine import split_paragraphs

Validate = Callable[[Any], None]


def assert_trouble(proc: subprocess.CompletedProcess[bytes], path: str | Path) -> str:
    """Exit 2, nothing on stdout, exactly one stderr line naming ``path``; returns the line."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"paradiff: error: {path}:"), lines[0]
    assert proc.stdout == b""
    return lines[0]


def as_json(proc: subprocess.CompletedProcess[bytes], validate: Validate) -> dict[str, Any]:
    """stdout as a schema-valid paradiff-diff document (exit 0 or 1, quiet stderr)."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1), (proc.returncode, err)
    assert "Traceback" not in err
    document = json.loads(proc.stdout)
    validate(document)
    return document


def write(path: Path, data: bytes | str) -> Path:
    """Write bytes (or UTF-8 text) to ``path`` and return it."""
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


# --- the basics, through both entry points ------------------------------------------------


def test_help_and_version(run_cli: RunCli) -> None:
    for args in (["--help"], ["diff", "--help"]):
        proc = run_cli(*args)
        assert proc.returncode == 0, proc.stderr
        assert b"usage" in proc.stdout.lower()
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert re.match(rb"paradiff \d+\.\d+", proc.stdout), proc.stdout


def test_identical_files_exit_0(run_cli: RunCli, seeds: dict[str, Path], tmp_path: Path) -> None:
    copy = write(tmp_path / "copy.txt", seeds["002"].read_bytes())
    for args in ((seeds["002"], copy), (seeds["002"], seeds["002"])):
        proc = run_cli("diff", *args)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == b""


def test_different_files_exit_1_with_valid_json(
    run_cli: RunCli, seeds: dict[str, Path], validate_diff: Validate
) -> None:
    proc = run_cli("diff", seeds["002"], seeds["000"], "--format", "json")
    assert proc.returncode == 1
    document = as_json(proc, validate_diff)
    assert document["a"]["path"] == str(seeds["002"])
    assert document["b"]["path"] == str(seeds["000"])
    assert document["a"]["encoding"] == "utf-8"
    assert len(document["a"]["paragraphs"]) == 24
    assert len(document["b"]["paragraphs"]) == 21
    assert 0 < document["stats"]["similarity"] < 1


def test_json_for_every_seed_pair_is_schema_valid(
    seeds: dict[str, Path], validate_diff: Validate
) -> None:
    for a in ("000", "002", "004"):
        for b in ("001", "003"):
            as_json(run_paradiff(["diff", seeds[a], seeds[b], "-f", "json"]), validate_diff)


def test_text_without_colour_is_criticmarkup(run_cli: RunCli, seeds: dict[str, Path]) -> None:
    proc = run_cli("diff", seeds["002"], seeds["003"])
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode()
    assert any(mark in out for mark in ("{--", "{++", "{~~"))
    assert "\x1b[" not in out, "no colour when NO_COLOR is set and stdout is not a tty"
    assert "Traceback" not in proc.stderr.decode()


def test_text_is_plain_without_no_color_when_not_a_tty(seeds: dict[str, Path]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    proc = subprocess.run(
        [*cli_command("module"), "diff", str(seeds["002"]), str(seeds["003"]), "--format", "text"],
        capture_output=True,
        env={**env, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert b"\x1b[" not in proc.stdout
    assert any(mark in proc.stdout for mark in (b"{--", b"{++", b"{~~"))


def test_standard_input_as_one_side(seeds: dict[str, Path], validate_diff: Validate) -> None:
    proc = run_paradiff(
        ["diff", "-", seeds["002"], "--format", "json"], stdin=seeds["002"].read_bytes()
    )
    assert proc.returncode == 0, proc.stderr
    assert as_json(proc, validate_diff)["a"]["path"] == "-"


def test_usage_errors_exit_2_without_traceback(run_cli: RunCli, seeds: dict[str, Path]) -> None:
    for args in (["diff"], ["diff", seeds["000"]], ["diff", seeds["000"], seeds["001"], "-f", "x"]):
        proc = run_cli(*args)
        assert proc.returncode == 2, args
        assert b"Traceback" not in proc.stderr


# --- section 5: bad input -----------------------------------------------------------------


def test_missing_file(run_cli: RunCli, seeds: dict[str, Path], tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    line = assert_trouble(run_cli("diff", missing, seeds["000"]), missing)
    assert "no such file" in line.lower()
    assert_trouble(run_cli("diff", seeds["000"], missing, "--format", "json"), missing)


def test_directory(run_cli: RunCli, seeds: dict[str, Path], tmp_path: Path) -> None:
    line = assert_trouble(run_cli("diff", tmp_path, seeds["000"]), tmp_path)
    assert "directory" in line.lower()
    assert_trouble(run_cli("diff", seeds["000"], tmp_path, "-f", "json"), tmp_path)


def _unreadable_file(tmp_path: Path) -> Path:
    """A file this process cannot read: chmod 000, or (as root, which ignores modes) a
    write-only kernel file such as /proc/sys/vm/drop_caches."""
    path = write(tmp_path / "secret.txt", "secret")
    path.chmod(0)
    candidates = [path, Path("/proc/sys/vm/drop_caches"), Path("/proc/sys/vm/compact_memory")]
    for candidate in candidates:
        try:
            with open(candidate, "rb") as handle:
                handle.read(1)
        except PermissionError:
            return candidate
        except OSError:
            continue
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    pytest.skip("no file here refuses reading to this user (root without a write-only file)")


def test_unreadable_file(run_cli: RunCli, seeds: dict[str, Path], tmp_path: Path) -> None:
    unreadable = _unreadable_file(tmp_path)
    line = assert_trouble(run_cli("diff", unreadable, seeds["000"]), unreadable)
    assert "permission" in line.lower()


def test_binary_file(run_cli: RunCli, seeds: dict[str, Path], tmp_path: Path) -> None:
    blob = write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    line = assert_trouble(run_cli("diff", seeds["000"], blob, "-f", "json"), blob)
    assert "binary" in line.lower()


def test_invalid_utf8_is_read_as_cp1252(tmp_path: Path, validate_diff: Validate) -> None:
    text = "Caf\u00e9 owners said \u201cno\u201d \u2014 again.\n\nSecond paragraph, 5\u20ac."
    a = write(tmp_path / "a.txt", text.encode("cp1252"))
    b = write(tmp_path / "b.txt", text.replace("again", "once more").encode("utf-8"))
    proc = run_paradiff(["diff", a, b, "--format", "json"])
    document = as_json(proc, validate_diff)
    assert proc.returncode == 1
    assert document["a"]["encoding"] == "cp1252"
    assert document["b"]["encoding"] == "utf-8"
    assert document["a"]["paragraphs"][0] == "Caf\u00e9 owners said \u201cno\u201d \u2014 again."
    same = write(tmp_path / "c.txt", text.encode("utf-8"))
    assert run_paradiff(["diff", a, same]).returncode == 0


def test_utf16_with_bom(tmp_path: Path, validate_diff: Validate) -> None:
    text = "Putin in China.\n\nXi said \u201cwelcome\u201d."
    a = write(tmp_path / "a.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    b = write(tmp_path / "b.txt", text)
    proc = run_paradiff(["diff", a, b, "--format", "json"])
    document = as_json(proc, validate_diff)
    assert proc.returncode == 0
    assert document["a"]["encoding"].lower().replace("_", "-").startswith("utf-16")
    assert document["a"]["paragraphs"] == ["Putin in China.", "Xi said \u201cwelcome\u201d."]


@pytest.mark.parametrize("empty_side", ["a", "b", "both"])
def test_empty_files(
    empty_side: str, seeds: dict[str, Path], tmp_path: Path, validate_diff: Validate
) -> None:
    empty = write(tmp_path / "empty.txt", b"")
    a = empty if empty_side in ("a", "both") else seeds["003"]
    b = empty if empty_side in ("b", "both") else seeds["003"]
    proc = run_paradiff(["diff", a, b, "--format", "json"])
    document = as_json(proc, validate_diff)
    kinds = {row["kind"] for row in document["rows"]}
    if empty_side == "both":
        assert proc.returncode == 0
        assert document["rows"] == []
    else:
        assert proc.returncode == 1
        assert kinds == ({"inserted"} if empty_side == "a" else {"deleted"})
    text = run_paradiff(["diff", a, b])
    assert text.returncode == proc.returncode
    assert b"Traceback" not in text.stderr


def test_whitespace_only(tmp_path: Path, validate_diff: Validate) -> None:
    blank = write(tmp_path / "blank.txt", " \n\t\n\u00a0\n\u3000 \r\n\r\n")
    empty = write(tmp_path / "empty.txt", b"")
    proc = run_paradiff(["diff", blank, empty, "--format", "json"])
    document = as_json(proc, validate_diff)
    assert proc.returncode == 0
    assert document["a"]["paragraphs"] == [] and document["rows"] == []
    some = write(tmp_path / "some.txt", "Something.")
    assert run_paradiff(["diff", blank, some]).returncode == 1


@pytest.mark.slow
def test_ten_megabyte_single_line(tmp_path: Path, validate_diff: Validate) -> None:
    # Distinct words, one in a hundred with digits as in prose: the fact ledger still reads
    # numbers across the whole line (a line of numbers alone would cost it 4x the rest).
    spelled = str.maketrans("0123456789", "abcdefghij")
    words = [f"word{k % 9973}x{k % 7}" for k in range(1_000_000)]
    words = [w if k % 100 == 0 else w.translate(spelled) for k, w in enumerate(words)]
    line = " ".join(words)[: 10 * 2**20]
    line = line[: line.rindex(" ")]
    middle = line.index(" ", len(line) // 2)
    a = write(tmp_path / "a.txt", line)
    b = write(tmp_path / "b.txt", line[:middle] + " INSERTED" + line[middle:])
    proc = run_paradiff(["diff", a, b, "--format", "json"])
    assert proc.returncode == 1, proc.stderr[-500:]
    assert b"Traceback" not in proc.stderr
    document = json.loads(proc.stdout)
    assert len(document["rows"]) == 1
    row = document["rows"][0]
    assert row["a"] == [0] and row["b"] == [0]
    assert "".join(s["a"] for s in row["spans"]) == line
    inserted = [s for s in row["spans"] if s["op"] != "equal"]
    assert [s["b"].strip() for s in inserted] == ["INSERTED"], inserted[:3]
    assert document["warnings"] == []
    validate_diff(document)


@pytest.mark.slow
def test_hundred_thousand_tiny_paragraphs(tmp_path: Path) -> None:
    paragraphs = [f"Item {k}." for k in range(100_000)]
    changed = list(paragraphs)
    changed[50_000] = "Item fifty thousand."
    del changed[70_000]
    a = write(tmp_path / "a.txt", "\n\n".join(paragraphs))
    b = write(tmp_path / "b.txt", "\n\n".join(changed))
    proc = run_paradiff(["diff", a, b, "--format", "json"])
    assert proc.returncode == 1, proc.stderr[-500:]
    assert b"Traceback" not in proc.stderr
    document = json.loads(proc.stdout)
    assert len(document["a"]["paragraphs"]) == 100_000
    assert len(document["b"]["paragraphs"]) == 99_999
    rows = document["rows"]
    assert sorted(i for r in rows for i in r["a"]) == list(range(100_000))
    assert sorted(j for r in rows for j in r["b"]) == list(range(99_999))
    odd = [(r["kind"], r["a"], r["b"]) for r in rows if r["kind"] != "equal"]
    assert ("deleted", [70_000], []) in odd
    assert len(odd) <= 3, odd[:10]


def test_mixed_newlines(tmp_path: Path, validate_diff: Validate) -> None:
    raw = b"First line\r\nsecond line\r\rThird\rparagraph\n\nFourth\r\n\r\nFifth\n\r\n"
    a = write(tmp_path / "a.txt", raw)
    b = write(tmp_path / "b.txt", raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n"))
    proc = run_paradiff(["diff", a, b, "--format", "json"])
    document = as_json(proc, validate_diff)
    assert proc.returncode == 0
    assert document["a"]["paragraphs"] == [
        "First line\nsecond line",
        "Third\nparagraph",
        "Fourth",
        "Fifth",
    ]


HOSTILE = (
    "Bell \x07 backspace \x08 escape \x1b[31mred\x1b[0m and \x1b]52;c;SGVsbG8=\x07 clipboard.\n\n"
    "[bold red]not bold[/bold red] [link=file:///etc/passwd]click[/link] \\[escaped] [/]\n\n"
    "C1 \x9b31m DEL \x7f vertical\x0btab form\x0cfeed bidi \u202eevil\u202c zero\u200bwidth\n\n"
    "{--critic--} {++markup++} {~~a~>b~~} <script>alert(1)</script> &amp; %s {0} $HOME"
)


def test_hostile_text_is_reproduced_exactly_in_json(
    run_cli: RunCli, tmp_path: Path, validate_diff: Validate
) -> None:
    a = write(tmp_path / "a.txt", HOSTILE)
    b = write(tmp_path / "b.txt", HOSTILE.replace("not bold", "still not bold"))
    proc = run_cli("diff", a, b, "--format", "json")
    document = as_json(proc, validate_diff)
    assert proc.returncode == 1
    assert document["a"]["paragraphs"] == list(split_paragraphs(HOSTILE))
    assert len(document["a"]["paragraphs"]) == 4
    assert "\x1b[31mred\x1b[0m" in document["a"]["paragraphs"][0]
    assert "[bold red]not bold[/bold red]" in document["a"]["paragraphs"][1]
    for row in document["rows"]:
        text_a = "\n\n".join(document["a"]["paragraphs"][i] for i in row["a"])
        assert "".join(s["a"] for s in row["spans"]) == text_a
    assert b"\x1b" not in proc.stdout, "JSON escapes control characters"
    text = run_cli("diff", a, b)
    assert text.returncode == 1
    assert b"Traceback" not in text.stderr


def test_error_messages_do_not_leak_control_characters(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b[31mname.txt"
    proc = run_paradiff(["diff", name, tmp_path / "other.txt"])
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "\x1b" not in err, "a file name must not smuggle escape sequences to the terminal"
