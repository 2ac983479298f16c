"""Readers: one per input format, all yielding :class:`~storyline.model.RawArticle`.

:func:`read_inputs` walks files and folders (recursively, following no symlink loops),
reads ``-`` as standard input, opens ``.gz`` transparently with a cap on the expanded
size, picks a reader by content and extension, and turns every problem into a
:class:`~storyline.model.Rejection` naming the input and the reason, so one bad file never
stops the batch.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.model import RawArticle, Rejection


@dataclass(slots=True)
class Limits:
    """Bounds that keep one hostile input from exhausting time or memory.

    Defaults are documented in the README ("Limits and guarantees").
    """

    max_file_bytes: int = 50 * 1024 * 1024  # on disk, and after gunzip
    max_article_chars: int = 2_000_000  # one article's text; longer ones are rejected
    max_records_per_file: int = 100_000  # JSON Lines / WARC / feed entries
    max_html_depth: int = 400  # nesting depth beyond which an HTML page is rejected


TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSON_EXT = {".json", ".jsonl", ".ndjson"}
WARC_EXT = {".warc", ".arc"}
FEED_EXT = {".rss", ".atom", ".xml", ".feed"}
SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | str]:
    """Expand folders recursively (sorted, hidden files skipped); ``-`` stays as is."""
    seen_dirs: set[tuple[int, int]] = set()
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, seen_dirs)
        else:
            yield path


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        st = folder.stat()
    except OSError:
        yield folder
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:  # a symlink loop, or the same folder twice
        return
    seen.add(key)
    try:
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIP_NAMES:
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        else:
            yield entry


def article_id_for(path: Path | str) -> str:
    """The file name without its extensions (``a/b/004_x.html.gz`` -> ``004_x``)."""
    name = Path(str(path)).name
    while True:
        stem, ext = os.path.splitext(name)
        if not ext or len(ext) > 8 or not stem:
            return name
        name = stem


def read_bytes(path: Path | str, limits: Limits) -> bytes:
    """Read a file (or stdin), gunzipping ``.gz`` with a cap on the expanded size."""
    label = str(path)
    if path == "-":
        data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
    else:
        p = Path(path)
        if p.is_symlink() and not p.exists():
            raise InputError(label, "broken symbolic link")
        if not p.exists():
            raise InputError(label, "no such file")
        if not p.is_file():
            raise InputError(label, "not a regular file")
        size = p.stat().st_size
        if size > limits.max_file_bytes:
            raise InputError(label, f"file too large ({size:,} bytes; limit {limits.max_file_bytes:,}, see --max-file-bytes)")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(label, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > limits.max_file_bytes:
        raise InputError(label, f"input too large (limit {limits.max_file_bytes:,} bytes)")
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(label, data, limits)
    return data


def _gunzip(label: str, data: bytes, limits: Limits) -> bytes:
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            while True:
                chunk = gz.read(1 << 20)
                if not chunk:
                    break
                out.write(chunk)
                if out.tell() > limits.max_file_bytes:
                    raise InputError(label, f"gzip expands beyond {limits.max_file_bytes:,} bytes (possible gzip bomb)")
    except InputError:
        raise
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(label, f"corrupt or truncated gzip ({exc})") from None
    return out.getvalue()


def sniff_format(path: Path | str, data: bytes) -> str:
    """Pick a reader by extension first, then by content."""
    name = str(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if ext in WARC_EXT or head.startswith(b"warc/"):
        return "warc"
    if ext in JSON_EXT or head[:1] in (b"{", b"["):
        return "json"
    if head.startswith(b"<?xml") or ext in FEED_EXT:
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        if ext in FEED_EXT:
            return "feed"
    if ext in HTML_EXT or head.startswith(b"<!doctype html") or head.startswith(b"<html") or (
        b"<html" in head and b"<body" in data[:200_000].lower()
    ):
        return "html"
    if b"<rss" in head or b"<feed" in head:
        return "feed"
    return "text"


def read_inputs(paths: Iterable[str | os.PathLike], limits: Limits | None = None) -> Iterator[RawArticle | Rejection]:
    """Yield a RawArticle for every article found in ``paths``, or a Rejection per problem."""
    from storyline.ingest import feed, html, newsplease, text, warc

    limits = limits or Limits()
    readers = {"text": text.read, "html": html.read, "json": newsplease.read, "warc": warc.read, "feed": feed.read}
    for path in iter_files(paths):
        label = "<stdin>" if path == "-" else str(path)
        try:
            data = read_bytes(path, limits)
            if not data.strip():
                raise InputError(label, "empty file")
            fmt = sniff_format(path, data)
            base_id = "stdin" if path == "-" else article_id_for(path)
            count = 0
            for item in readers[fmt](data, label, base_id, limits):
                if isinstance(item, RawArticle):
                    count += 1
                    if count > limits.max_records_per_file:
                        yield Rejection(label, f"more than {limits.max_records_per_file:,} records; the rest skipped")
                        break
                yield item
        except InputError as exc:
            yield Rejection(exc.source, exc.reason)
        except RecursionError:
            yield Rejection(label, "input nested too deeply to parse")
        except MemoryError:
            yield Rejection(label, "input too large to parse in memory")


__all__ = ["Limits", "read_inputs", "iter_files", "article_id_for", "decode_text", "read_bytes", "sniff_format"]
