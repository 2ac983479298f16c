"""Cheap checks that run before any parser sees an input, and the tidying of what readers found.

Everything here is linear in the input and never recurses, so a hostile file (a page of
100,000 nested ``<div>``, a PDF renamed ``.txt``, a file name with a newline in it) is
turned into a one-line reason before lxml, trafilatura or spaCy can blow the stack, hang
or run out of memory on it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from typing import Any

from storyline.errors import InputError
from storyline.model import RawArticle

# ----------------------------------------------------------------- names and labels

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _escape_control(m: re.Match) -> str:
    ch = m.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}")


def display_path(path: os.PathLike | str) -> str:
    """A path as one printable line of valid UTF-8.

    File names may hold bytes that are not UTF-8 (Python keeps them as lone surrogates,
    which SQLite and a UTF-8 terminal both refuse) or newlines (which would split the
    one-line-per-problem summary); both are shown escaped instead.
    """
    s = os.fsdecode(path) if not isinstance(path, str) else path
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = os.fsencode(s).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(_escape_control, s)


MAX_ID_CHARS = 200


def safe_id(value: str, fallback: str = "article") -> str:
    """An article id that is printable, one line, and of bounded length.

    Ids come from file names and from ``id`` fields of JSON records, both of which an
    outside party controls; an over-long id keeps a hash of the whole so it stays unique.
    """
    s = _CONTROL.sub(_escape_control, _SURROGATE.sub("\ufffd", str(value))).strip()
    if not s:
        return fallback
    if len(s) > MAX_ID_CHARS:
        s = s[: MAX_ID_CHARS - 11] + "-" + hashlib.sha1(s.encode("utf-8", "replace")).hexdigest()[:10]
    return s


# ----------------------------------------------------------------- binary formats by magic number

# Files people drop into a news folder by mistake. Some (PDF, RTF, old Office) start with
# enough ASCII to pass a "looks like text" test, so they are named by their magic number.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/EPUB)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"BZh", "a bzip2 archive (decompress it first)"),
    (b"\xfd7zXZ\x00", "an xz archive (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive (decompress it first)"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x1f\x8b", "gzip data inside gzip (decompress it first)"),
]


def binary_kind(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, or None when it may be text."""
    head = data[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if magic == b"MZ" and b"\x00" not in data[:512]:
                continue  # "MZ..." is also how some plain text starts
            return kind
    return None


# ----------------------------------------------------------------- HTML before parsing

_TAG = re.compile(r"<(!--|/?)([a-zA-Z][a-zA-Z0-9:_-]*)?")
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "noscript", "template", "iframe", "noembed", "noframes"}
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in _RAW_TEXT}
# Elements that never have content, or whose end tag HTML lets authors leave out: they do
# not deepen the tree a parser builds, so counting them would reject ordinary tag soup.
_NO_DEPTH = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "keygen", "command", "basefont", "bgsound", "frame", "isindex", "spacer",
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rtc",
    "rp", "colgroup", "caption", "html", "head", "body",
}


def html_shape(html: str, max_depth: int) -> tuple[int, int]:
    """The deepest nesting of a page (the scan stops once past ``max_depth``) and its visible text size.

    A linear scan with an explicit stack, no recursion: a closing tag pops back to its
    opening tag, as HTML parsers do, so unclosed ``<font>`` or ``<b>`` inside a closed
    ``<div>`` do not pile up. Visible text counts the non-space characters outside tags,
    comments, scripts and styles. An unterminated comment or script ends the scan (a parser
    would treat the rest as comment or script too).
    """
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = 0
    text_chars = 0
    pos = 0
    n = len(html)
    search = _TAG.search
    while pos < n:
        m = search(html, pos)
        seg = html[pos: m.start()] if m else html[pos:]
        if seg:
            text_chars += len(seg) - seg.count(" ") - seg.count("\n") - seg.count("\t") - seg.count("\r")
        if not m:
            break
        kind, name = m.group(1), m.group(2)
        if kind == "!--":
            end = html.find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        if not name:  # a bare "<" in text, or "<!DOCTYPE", "<?xml"
            if html.startswith("<!", m.start()) or html.startswith("<?", m.start()):
                end = html.find(">", m.end())
                if end < 0:
                    break
                pos = end + 1
            else:
                text_chars += 1
                pos = m.end()
            continue
        end = html.find(">", m.end())
        if end < 0:
            break
        name = name.lower()
        pos = end + 1
        if kind == "/":
            if open_count.get(name):
                while stack:  # pop back to the matching opening tag
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        if name in _RAW_TEXT:
            if html[end - 1] != "/":
                close = _RAW_END[name].search(html, pos)
                if close is None:
                    break
                pos = close.end()
            continue
        if name in _NO_DEPTH or html[end - 1] == "/":
            continue
        stack.append(name)
        open_count[name] = open_count.get(name, 0) + 1
        if len(stack) > deepest:
            deepest = len(stack)
            if deepest > max_depth:
                break
    return deepest, text_chars


def check_html(html: str, source: str, limits) -> None:
    """Refuse a page a parser would choke on: too long, nested too deeply, or too much text.

    Raises InputError with the reason; costs one linear pass over the markup.
    """
    if len(html) > limits.max_html_chars:
        raise InputError(source, f"HTML page too large ({len(html):,} characters; limit {limits.max_html_chars:,})")
    depth, text_chars = html_shape(html, limits.max_html_depth)
    if depth > limits.max_html_depth:
        raise InputError(source, f"HTML nested too deeply (more than {limits.max_html_depth} levels; parsers would "
                                 "drop or choke on the content)")
    if text_chars > limits.max_article_chars:
        raise InputError(source, f"page text too long for one article (about {text_chars:,} characters; "
                                 f"limit {limits.max_article_chars:,}, see --max-article-chars)")


# ----------------------------------------------------------------- tidying what readers found

# Characters no article needs: C0/C1 controls (but tab and newline), lone surrogates
# (from JSON "\ud800" escapes; SQLite refuses them), and the byte-order mark mid-text.
_BAD_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_WS = re.compile(r"\s+")

# Bounds for metadata fields given by the input: long enough for any real value, short
# enough that a hostile record cannot make every report line megabytes long.
FIELD_CHARS = {"title": 1_000, "outlet": 200, "url": 4_096, "published": 100, "description": 5_000, "language": 35}
MAX_AUTHORS = 50
MAX_META_CHARS = 10_000


def clean_text_field(text: str) -> str:
    """Body text with newlines normalised and characters no article needs removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _BAD_TEXT.sub("", text)


def clean_line_field(value: Any, limit: int) -> str | None:
    """A one-line metadata value: controls removed, whitespace collapsed, length bounded."""
    if not isinstance(value, str):
        return None
    s = _WS.sub(" ", _BAD_TEXT.sub("", value)).strip()
    if not s:
        return None
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s


def sanitize(raw: RawArticle) -> RawArticle:
    """Make a reader's record safe to clean, store and print, whatever the input held."""
    raw.id = safe_id(raw.id)
    raw.source = display_path(raw.source)
    if raw.text is not None:
        raw.text = clean_text_field(raw.text)
    if raw.html is not None:
        raw.html = clean_text_field(raw.html)
    for name, limit in FIELD_CHARS.items():
        setattr(raw, name, clean_line_field(getattr(raw, name), limit))
    authors = [clean_line_field(a, 200) for a in (raw.authors or [])[:MAX_AUTHORS]]
    raw.authors = [a for a in authors if a]
    if raw.meta:
        try:
            if len(json.dumps(raw.meta, ensure_ascii=False).encode("utf-8")) > MAX_META_CHARS:
                raw.meta = {}
        except (TypeError, ValueError):  # not JSON data, or a lone surrogate in it
            raw.meta = {}
    return raw
