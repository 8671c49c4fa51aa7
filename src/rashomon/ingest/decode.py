"""Bytes to text: BOMs, declared charsets (checked, not trusted), then detection."""

from __future__ import annotations

import codecs
import logging
import re

from ..errors import InputError

log = logging.getLogger(__name__)

# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_DECLARED = (
    re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([\w.:-]+)", re.I),
    re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([\w.:-]+)", re.I),
)

# Bytes that never occur in text: C0 controls other than tab, newlines, form feed, escape.
_CONTROL = frozenset(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | frozenset(range(0x10, 0x1B)) | {
    0x1C, 0x1D, 0x1E, 0x1F, 0x7F}
_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"BZh")
_SINGLE_BYTE = ("latin", "iso8859", "cp125", "windows-125", "ascii", "mac-roman", "cp437")


# UTF-8 with at most this many invalid bytes (and more valid multibyte letters than
# that) is UTF-8 with a few damaged bytes, not text in another encoding.
_STRAY_BYTES = 16


def decode_bytes(data: bytes, where: str) -> str:
    """Decode a file's bytes to text, raising `InputError` for empty, binary or undecodable input.

    Order: byte-order mark, declared charset (only if the bytes really decode with it),
    strict UTF-8, UTF-8 with a few stray bytes replaced, charset-normalizer's best
    guess, cp1252.
    """
    return decode_reported(data, where)[0]


def decode_reported(data: bytes, where: str) -> tuple[str, int]:
    """`decode_bytes`, and how many invalid UTF-8 bytes were replaced with U+FFFD."""
    stray = _stray_utf8(data)
    if stray is not None:
        return stray
    return _decode(data, where), 0


def _invalid_utf8(data: bytes, limit: int) -> int:
    """How many bytes of ``data`` are not valid UTF-8 (counting stops past ``limit``)."""
    bad, pos = 0, 0
    while bad <= limit:
        try:
            data[pos:].decode("utf-8")
            return bad
        except UnicodeDecodeError as exc:
            bad += exc.end - exc.start
            pos += exc.end
    return bad


def _stray_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few invalid bytes among valid multibyte letters: those bytes
    replaced (a whole file read as Mac-Roman or cp1252 would garble every letter)."""
    if data.isascii() or data.startswith(tuple(b for b, _ in _BOMS)):
        return None
    if declared_encoding(data) not in (None, "utf-8"):
        return None
    bad = _invalid_utf8(data, _STRAY_BYTES)
    if bad == 0 or bad > _STRAY_BYTES or _looks_binary(data):
        return None
    text = data.decode("utf-8", "replace")
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return (text, bad) if multibyte >= bad else None


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise InputError(where, "empty file")
    bom = _from_bom(data, where)
    if bom is not None:
        return bom
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise InputError(where, "binary file, not text")
    declared = _from_declared(data, where)
    if declared is not None:
        return declared
    return _detect(data, where)


def _from_bom(data: bytes, where: str) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(where, f"undecodable: has a {encoding} byte-order mark "
                                        f"but is not valid {encoding} ({exc.reason})") from exc
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL in every other byte of ASCII-range text."""
    sample = data[:4096]
    if len(sample) < 4 or sample.count(0) < len(sample) // 3:
        return None
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    half = len(sample) // 2
    encoding = ("utf-16-le" if odd_nuls > 0.9 * half and even_nuls < 0.1 * half
                else "utf-16-be" if even_nuls > 0.9 * half and odd_nuls < 0.1 * half else None)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith(_MAGIC) or b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > 0.05 * len(sample)


def declared_encoding(data: bytes) -> str | None:
    """The charset named in an XML prolog or HTML <meta>, as a Python codec name, if any."""
    head = data[:8192]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match:
            name = match.group(1).decode("ascii", "ignore")
            try:
                return codecs.lookup(name).name
            except LookupError:
                log.warning("unknown declared charset %r; detecting instead", name)
                return None
    return None


def _from_declared(data: bytes, where: str) -> str | None:
    encoding = declared_encoding(data)
    if encoding is None:
        return None
    if encoding.startswith(_SINGLE_BYTE) and not data.isascii():
        # A single-byte charset decodes anything, so "it decoded" proves nothing;
        # multibyte UTF-8 sequences do, and are what mis-declared pages usually hold.
        if _strict(data, "utf-8") is not None:
            log.warning("%s: declared %s but is UTF-8; decoding as UTF-8", where, encoding)
            return _strict(data, "utf-8")
        # HTML treats latin-1 and ascii labels as windows-1252 (smart quotes live in 0x80-0x9f).
        if encoding in ("latin-1", "iso8859-1", "ascii"):
            encoding = "cp1252"
    text = _strict(data, encoding)
    if text is None:
        log.warning("%s: declared charset %s does not fit the bytes; detecting instead",
                    where, encoding)
    return text


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes, where: str) -> str:
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    guess = _normalizer_guess(data)
    if guess is not None:
        return guess
    text = _strict(data, "cp1252")
    if text is not None:
        return text
    raise InputError(where, "undecodable: not UTF-8 and no other text encoding fits")


def _normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported late: costly and rarely needed

    best = from_bytes(data).best()
    if best is None:
        return None
    # Western news text mis-detected as another single-byte code page reads the same
    # in cp1252 except for a few letters; cp1252 is far likelier when it decodes cleanly.
    if best.encoding.startswith(("cp125", "iso8859", "latin", "mac", "hp_roman", "cp437",
                                 "cp850", "cp858")):
        cp1252 = _strict(data, "cp1252")
        if cp1252 is not None:
            return cp1252
    return str(best)
