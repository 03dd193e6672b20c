"""Reading sources: regular files only unless a stream was asked for; FIFOs and devices
never opened by accident; the size cap checked before reading; streams with a timeout;
UTF-16/32 without a BOM when the bytes leave no doubt."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import threading
from pathlib import Path

import pytest

import tui.sources.raw
from tests.conftest import ROOT, cli_command, cli_env
from tests.sources.hang_guard import call_without_hanging
from tui.cli.launch import run_app_from_args
from tui.sources import (
    MAX_ARTICLE_BYTES,
    SourceError,
    diff_sources,
    preload_stream,
    read_bytes,
    read_source,
)
from tui.sources.text import wide_encoding_without_bom

TEXT = "Hello world, said the first paragraph.\r\n\r\nA second one — with é, ü and 一.\n"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_met_by_accident_is_refused_without_being_opened(fifo: Path) -> None:
    with pytest.raises(SourceError, match=r"named pipe \(FIFO\), not a regular file"):
        call_without_hanging(lambda: read_source(str(fifo)), [fifo])
    with pytest.raises(SourceError, match="named pipe"):
        call_without_hanging(lambda: diff_sources(str(fifo), str(fifo)), [fifo])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_even_behind_a_link(tmp_path: Path, device: str) -> None:
    link = tmp_path / "innocent.txt"
    link.symlink_to(device)
    for path in (device, str(link)):
        with pytest.raises(SourceError, match="character device, not a regular file"):
            read_bytes(path)
    if device != "/dev/null":  # the null device reads as empty when named on purpose
        with pytest.raises(SourceError, match="character device"):
            read_bytes(str(link), allow_stream=True)


def test_the_null_device_named_on_purpose_is_an_empty_article() -> None:
    assert read_source("/dev/null", allow_stream=True).article.paragraphs == ()


def test_a_huge_sparse_file_is_refused_by_its_size_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sparse = tmp_path / "huge.txt"
    with open(sparse, "wb") as handle:
        handle.truncate(2 * 2**30)
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(SourceError, match=f"too large \\(over {MAX_ARTICLE_BYTES // 2**20} MiB"):
        read_source(str(sparse))
    assert reads == []


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("Just text.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_source(str(link)).article.paragraphs == ("Just text.",)


def test_a_stream_is_read_when_asked_for(fifo: Path) -> None:
    def write() -> None:
        with open(fifo, "wb") as handle:
            handle.write(b"From a pipe.\n\nSecond.\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    source = call_without_hanging(
        lambda: read_source(str(fifo), allow_stream=True, timeout=120), [fifo]
    )
    writer.join()
    assert source.article.paragraphs == ("From a pipe.", "Second.")


def test_a_stream_nobody_writes_to_times_out(fifo: Path) -> None:
    with pytest.raises(SourceError, match=r"nothing more to read after 0\.05 s"):
        call_without_hanging(lambda: read_bytes(str(fifo), allow_stream=True, timeout=0.05), [fifo])


def test_a_stream_over_the_cap_is_refused(fifo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.sources.raw.MAX_ARTICLE_BYTES", 10)

    def write() -> None:
        with open(fifo, "wb") as handle, contextlib.suppress(BrokenPipeError):
            handle.write(b"x" * 100)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    with pytest.raises(SourceError, match="too large"):
        call_without_hanging(lambda: read_bytes(str(fifo), allow_stream=True, timeout=120), [fifo])
    writer.join(120)


def test_a_stream_read_ahead_for_the_app_is_read_again_without_waiting(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's command-line FIFOs are read before it starts: it never waits on one."""
    monkeypatch.setattr(tui.sources.raw, "_preloaded_streams", {})
    writer = threading.Thread(target=lambda: fifo.write_bytes(b"Once.\n"), daemon=True)
    writer.start()
    assert call_without_hanging(lambda: preload_stream(str(fifo)), [fifo]) == b"Once.\n"
    writer.join()
    again = call_without_hanging(lambda: read_source(str(fifo)), [fifo])
    assert again.article.paragraphs == ("Once.",)


def test_the_app_refuses_a_device_before_starting(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Text.\n")
    args = argparse.Namespace(paths=[str(article), "/dev/zero"], data_dir=None)
    with pytest.raises(SourceError, match="character device"):
        run_app_from_args(args)


@pytest.mark.slow
def test_the_command_line_reads_a_fifo_it_was_given(tmp_path: Path, fifo: Path) -> None:
    """``paradiff diff A <(cmd)`` still works: the path was named on purpose."""
    article = tmp_path / "a.txt"
    article.write_text("Same text.\n")
    proc = subprocess.Popen(
        [*cli_command(), "diff", str(article), str(fifo), "-f", "json"],
        cwd=ROOT,
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with open(fifo, "wb") as handle:  # blocks until paradiff opens it: no sleep needed
        handle.write(b"Same text.\n")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert b'"paragraphs": ["Same text."]' in out


@pytest.mark.slow
def test_the_command_line_refuses_devices_in_one_line(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    proc = subprocess.run(
        [*cli_command(), "diff", str(link), str(link)],
        capture_output=True,
        cwd=ROOT,
        env=cli_env(),
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert (
        proc.stderr.decode() == f"paradiff: error: {link}: a character device, not a regular file\n"
    )


# ---------------------------------------------------------------------------
# UTF-16 and UTF-32 without a BOM
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_bom_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(TEXT.encode(encoding))
    source = read_source(str(path))
    assert source.article.encoding == encoding
    assert source.article.paragraphs == (
        "Hello world, said the first paragraph.",
        "A second one — with é, ü and 一.",
    )
    assert source.data == TEXT.encode(encoding)  # hashed as read, not as re-encoded


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 64,
        b"\x00" * 4096,
        b"PK\x03\x04" + b"\x00\x00\x08\x00" * 500,
        "中文的文本，没有空格".encode("utf-16-le"),  # hardly any ASCII: not unambiguous
        b"A line.\x00\n",  # UTF-8 with a stray NUL: left to the UTF-8 reader
        TEXT.encode("utf-16-le")[:-1],  # odd length
    ],
    ids=["all bytes", "zeros", "zip-like", "CJK only", "stray NUL", "odd length"],
)
def test_ambiguous_or_binary_bytes_are_not_taken_for_wide_text(data: bytes) -> None:
    assert wide_encoding_without_bom(data) is None


def test_binary_stays_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(SourceError, match="binary"):
        read_source(str(path))
