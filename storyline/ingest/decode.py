"""Bytes to text for inputs in any common encoding."""

from __future__ import annotations

import codecs

from storyline.errors import InputError

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
    """Decode bytes: BOM first, then UTF-8, then UTF-16 by shape, then charset detection.

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
                text = _detect(data)
    if "\x00" in text[:8000] or is_binary(text):
        raise InputError(source, "binary data, not text (wrong file type?)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        enc = best.encoding
        # charset-normalizer often names a close relative of cp1252 for Western news; cp1252
        # decodes every Latin-1 byte the same way and adds curly quotes and dashes.
        if enc.lower() in {"latin_1", "iso8859_1", "iso-8859-1", "ascii"}:
            enc = "cp1252"
        try:
            return data.decode(enc, errors="replace")
        except LookupError:
            pass
    # Mixed encodings: decode UTF-8 runs as UTF-8 and the rest as cp1252.
    return data.decode("utf-8", errors="replace") if data.count(b"\xc3") > 3 else data.decode("cp1252", errors="replace")
