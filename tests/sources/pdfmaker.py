"""A tiny PDF writer for the reader tests: text lines placed where a test says, an
image-only page, RC4 encryption. No test dependency, and every byte under control.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

#: The padding string of the PDF standard security handler (PDF 1.7, 7.6.3.3).
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = bytes(range(16))
_PERMISSIONS = -4


@dataclass(frozen=True)
class Line:
    """One line of text at ``(x, y)`` points from the bottom-left corner."""

    x: float
    y: float
    text: str
    size: float = 11


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PAD)[:32]


def _security(user: str, owner: str) -> tuple[bytes, bytes, bytes]:
    """(file key, O, U) for the 40-bit RC4 handler, revision 2."""
    owner_entry = _rc4(hashlib.md5(_padded(owner)).digest()[:5], _padded(user))
    digest = hashlib.md5(
        _padded(user) + owner_entry + struct.pack("<i", _PERMISSIONS) + _FILE_ID
    ).digest()
    key = digest[:5]
    return key, owner_entry, _rc4(key, _PAD)


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: list[Line]) -> bytes:
    parts = [
        b"BT /F1 %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET\n"
        % (line.size, line.x, line.y, _escape(line.text))
        for line in lines
    ]
    return b"".join(parts)


def make_pdf(
    pages: list[list[Line]],
    *,
    title: str | None = None,
    image_only: bool = False,
    user_password: str | None = None,
    owner_password: str = "owner",
    size: tuple[float, float] = (612, 792),
) -> bytes:
    """A PDF whose pages carry ``pages`` in Helvetica; ``image_only`` draws a picture on
    every page instead of text; ``user_password`` (even "") encrypts the file."""
    objects: list[bytes] = []  # object n is objects[n - 1]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    page_tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    kids = []
    for lines in pages:
        stream = b"q 400 0 0 500 100 150 cm /Im1 Do Q\n" if image_only else _content(lines)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                % (page_tree, size[0], size[1], content, font, image)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    trailer_extra = b""
    info = None
    if title is not None and user_password is None:
        info = add(b"<< /Title (%s) /Author (Test Author) >>" % _escape(title))
        trailer_extra += b" /Info %d 0 R" % info
    if user_password is not None:
        key, owner_entry, user_entry = _security(user_password, owner_password)
        for number, body in enumerate(objects, start=1):
            if b"stream\n" in body:
                head, rest = body.split(b"stream\n", 1)
                data = rest[: -len(b"\nendstream")]
                object_key = hashlib.md5(
                    key + struct.pack("<i", number)[:3] + b"\x00\x00"
                ).digest()[:10]
                objects[number - 1] = head + b"stream\n" + _rc4(object_key, data) + b"\nendstream"
        encrypt = add(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P %d /O <%s> /U <%s> >>"
            % (_PERMISSIONS, owner_entry.hex().encode(), user_entry.hex().encode())
        )
        trailer_extra += b" /Encrypt %d 0 R" % encrypt
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    file_id = _FILE_ID.hex().encode()
    out += b"trailer\n<< /Size %d /Root %d 0 R%s /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        trailer_extra,
        file_id,
        file_id,
        xref,
    )
    return bytes(out)
