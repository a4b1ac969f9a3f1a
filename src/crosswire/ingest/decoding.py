"""Turn bytes into text without mangling it, or say clearly why not."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from crosswire.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of formats people drop into a folder by mistake.
_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
)

_SNIFF = 8192


def decode_bytes(data: bytes, location: str) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise IngestError for binary or empty input."""
    if not data.strip():
        raise IngestError(location, "the file is empty")
    for signature, encoding in _BOMS:
        if data.startswith(signature):
            return data.decode(encoding), encoding
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError(location, f"this is {what}, not an article; give text, HTML or JSONL")
    utf16 = _bomless_utf16(data[:_SNIFF])
    if utf16:
        return data.decode(utf16), utf16
    if b"\x00" in data[:_SNIFF]:
        raise IngestError(location, "this looks like a binary file, not text, HTML or JSONL")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess_legacy(data, location)


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM shows as ASCII with every other byte zero."""
    if len(head) < 4:
        return None
    even_zeros = head[0::2].count(0) / len(head[0::2])
    odd_zeros = head[1::2].count(0) / len(head[1::2])
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


# With little non-ASCII text many code pages decode equally cleanly; prefer the ones the web uses.
_WEB_ENCODINGS = (
    "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1250", "iso8859_2", "cp1253",
    "cp1254", "cp1256", "cp1255", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
)  # fmt: skip
_CHAOS_TOLERANCE = 0.02


def _guess_legacy(data: bytes, location: str) -> tuple[str, str]:
    matches = list(from_bytes(data[:2_000_000]))
    if not matches:
        raise IngestError(location, "could not tell the text encoding; save the file as UTF-8")
    least_chaos = min(m.chaos for m in matches)
    clean = [m for m in matches if m.chaos <= least_chaos + _CHAOS_TOLERANCE]
    encoding = min(clean, key=_web_rank).encoding
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        # A sample-based guess can miss a byte further on; latin-1 never fails and keeps bytes.
        return data.decode("latin-1"), "latin-1"


def _web_rank(match) -> int:
    try:
        return _WEB_ENCODINGS.index(match.encoding)
    except ValueError:
        return len(_WEB_ENCODINGS)
