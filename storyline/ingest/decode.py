"""Bytes to text for inputs in any common encoding."""

from __future__ import annotations

import codecs
import re

from storyline.errors import InputError


# A well-formed UTF-8 multi-byte sequence: legacy single-byte text almost never holds one.
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ESCAPED = re.compile(r"[\udc80-\udcff]+")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: most ASCII-range characters leave every other byte zero."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zero = sum(1 for b in sample[0::2] if b == 0) / max(1, len(sample[0::2]))
    odd_zero = sum(1 for b in sample[1::2] if b == 0) / max(1, len(sample[1::2]))
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def is_binary(text: str) -> bool:
    """True when decoded text is mostly control characters (an image, a PDF, random bytes)."""
    sample = text[:8000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(sample) > 0.05


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes: BOM first, then UTF-16 by shape, then UTF-8 (with stray cp1252 bytes kept
    readable), then charset detection.

    Raises InputError when the bytes are not text.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            break
    else:
        enc16 = _looks_utf16(data)
        if enc16:
            text = data.decode(enc16, errors="replace")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _decode_mixed(data)
                if text is None:
                    text = _detect(data)
    if "\x00" in text[:8000] or is_binary(text):
        raise InputError(source, "binary data, not text (wrong file type?)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _legacy_encoding(data: bytes) -> str:
    """The single encoding charset detection names for ``data``, cp1252 when it has no idea.

    With only a few non-ASCII bytes, detection is a guess (a curly quote is as likely Mac
    Roman as Windows-1252 to it), so a sample that is valid Windows-1252 is taken as such.
    """
    from charset_normalizer import from_bytes

    sample = data[:200_000]
    if len(sample) - len(sample.translate(None, bytes(range(128, 256)))) < 100:
        try:
            sample.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    best = from_bytes(sample).best()
    enc = (best.encoding if best is not None else None) or "cp1252"
    # charset-normalizer often names a close relative of cp1252 for Western news; cp1252
    # decodes every Latin-1 byte the same way and adds curly quotes and dashes.
    if enc.lower() in {"latin_1", "iso8859_1", "iso-8859-1", "ascii", "utf_8", "utf-8"}:
        enc = "cp1252"
    try:
        codecs.lookup(enc)
    except LookupError:
        enc = "cp1252"
    return enc


def _detect(data: bytes) -> str:
    return data.decode(_legacy_encoding(data), errors="replace")


def _decode_mixed(data: bytes) -> str | None:
    """Text in mixed encodings: lines in UTF-8 beside lines (or words) in a legacy encoding,
    as when a feed pastes a Windows-1252 paragraph into a UTF-8 page.

    Returns None when no whole line is UTF-8 with non-ASCII characters in it: then the
    file is in one legacy encoding and charset detection is the better judge.
    """
    utf8_chars = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_chars += len(_UTF8_SEQ.findall(line))
        except UnicodeDecodeError:
            pass
    if utf8_chars < 2:
        return None
    text = data.decode("utf-8", errors="surrogateescape")
    runs = _ESCAPED.findall(text)
    legacy = _legacy_encoding(b" ".join(bytes(ord(ch) - 0xDC00 for ch in run) for run in runs))

    def legacy_run(m: re.Match) -> str:
        raw = bytes(ord(ch) - 0xDC00 for ch in m.group())
        return raw.decode(legacy, errors="replace")

    # Inside a bad line, UTF-8 sequences stay UTF-8 and the bytes that are not are read in
    # the legacy encoding (surrogateescape marks exactly those bytes).
    return _ESCAPED.sub(legacy_run, text)
