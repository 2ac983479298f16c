"""Readers: one per input format, all yielding :class:`~storyline.model.RawArticle`.

:func:`read_inputs` walks files and folders (recursively, following no symlink loops),
reads ``-`` as standard input, opens ``.gz`` transparently with a cap on the expanded
size, picks a reader by content and extension, and turns every problem into a
:class:`~storyline.model.Rejection` naming the input and the reason, so one bad file never
stops the batch.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.ingest.fetch import fetch, is_url, url_name
from storyline.ingest.safety import binary_kind, display_path, safe_id, sanitize
from storyline.model import RawArticle, Rejection
from storyline.progress import counted


@dataclass(slots=True)
class Limits:
    """Bounds that keep one hostile input from exhausting time or memory.

    Every limit is checked before the expensive step it protects (size before reading,
    expanded size while gunzipping, nesting depth and text size before HTML parsing), so
    refusing costs little. Defaults and what each protects are in ``docs/limits.md``.
    """

    max_file_bytes: int = 50 * 1024 * 1024  # on disk, and after gunzip (--max-file-bytes)
    # One article's text (--max-article-chars). spaCy needs about 1 GB of memory and ten
    # seconds per 200,000 characters; the longest news features run to about 100,000.
    max_article_chars: int = 200_000
    max_html_chars: int = 5_000_000  # one HTML page, markup and scripts included
    max_html_depth: int = 240  # lxml (libxml2) silently drops everything nested deeper than ~255
    max_records_per_file: int = 100_000  # JSON Lines / WARC / feed entries
    max_bad_lines: int = 20  # malformed JSON Lines reported one by one; the rest summed up
    fetch_timeout: float = 30.0  # seconds an http(s) input may take to answer, and to arrive (--timeout)


TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSON_EXT = {".json", ".jsonl", ".ndjson"}
WARC_EXT = {".warc", ".arc"}
FEED_EXT = {".rss", ".atom", ".xml", ".feed"}
SKIP_NAMES = {".DS_Store", "Thumbs.db"}


def iter_files(paths: Iterable[str | os.PathLike], *, labelled: bool = False) -> Iterator:
    """Expand folders recursively (sorted, hidden files skipped); ``-`` stays as is.

    Walks with an explicit stack (no recursion, however deep the tree) and visits each
    folder once, so a symbolic link back up the tree cannot loop. A folder named on the
    command line that holds no input yields itself, so it is reported rather than ignored.
    With ``labelled``, yields (path, label) pairs: see :func:`input_label`.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for p in paths:
        if isinstance(p, tuple):  # expanded and named already
            yield p if labelled else p[0]
            continue
        if str(p) == "-" or is_url(p):
            yield (str(p), str(p)) if labelled else str(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = False
            for f in _walk(path, seen_dirs):
                found = True
                yield (f, input_label(f, path)) if labelled else f
            if not found:
                yield (path, input_label(path, path)) if labelled else path
        else:
            yield (path, input_label(path, path)) if labelled else path


def input_label(path: Path, given: Path) -> str:
    """How reports name an input: as it was given when that was a plain relative path
    (``examples/001.txt``), else relative to what was given, under its name
    (``newsclusters-dev/0393….json`` for ``/work/shared/eval/newsclusters-dev``), so a
    shared report never shows the folders of the machine that made it."""
    if not given.is_absolute() and ".." not in given.parts:
        return display_path(path)
    try:
        rest = path.relative_to(given)
    except ValueError:
        rest = Path(path.name)
    name = given.name or given.resolve().name
    return display_path(Path(name) / rest if rest.parts else Path(name))


def _walk(top: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError:
            yield folder
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop, or the same folder twice
            continue
        seen.add(key)
        try:
            entries = sorted(folder.iterdir(), key=lambda e: os.fsencode(e.name))
        except OSError:
            yield folder
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith(".") or entry.name in SKIP_NAMES:
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:  # e.g. a name too long to stat
                is_dir = False
            if is_dir:
                subdirs.append(entry)
            else:
                yield entry
        stack.extend(reversed(subdirs))  # visit sub-folders in name order, after the files


def article_id_for(path: Path | str) -> str:
    """The file name without its extensions (``a/b/004_x.html.gz`` -> ``004_x``)."""
    name = Path(str(path)).name
    while True:
        stem, ext = os.path.splitext(name)
        if not ext or len(ext) > 8 or not stem:
            return name
        name = stem


def _open_problem(p: Path, label: str) -> InputError:
    """Say precisely why a path cannot be read as a file."""
    try:
        st = os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputError(label, "symbolic link loop")
        if p.is_symlink():
            return InputError(label, "broken symbolic link (its target does not exist)")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return InputError(label, "permission denied")
        if exc.errno == errno.ENAMETOOLONG:
            return InputError(label, "file name too long")
        if exc.errno == errno.ENOENT:
            return InputError(label, "no such file")
        return InputError(label, f"cannot read ({exc.strerror or exc})")
    if stat.S_ISDIR(st.st_mode):
        return InputError(label, "folder holds no input files")
    if stat.S_ISFIFO(st.st_mode):
        return InputError(label, "a named pipe, not a regular file")
    if stat.S_ISSOCK(st.st_mode):
        return InputError(label, "a socket, not a regular file")
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return InputError(label, "a device, not a regular file")
    return InputError(label, "not a regular file")


def read_bytes(path: Path | str, limits: Limits, fetcher: Callable[[str, str, Limits], bytes] | None = None,
               label: str | None = None) -> bytes:
    """Read a file (or stdin, or an http(s) address), gunzipping gzip data with a cap on the expanded size.

    The size is checked before reading and the read itself is bounded, so a file larger
    than the limit (or one that grows while being read) costs nothing to refuse. Only
    regular files are opened: a named pipe or a device would block or never end.
    ``fetcher`` replaces :func:`~storyline.ingest.fetch.fetch` for addresses (the watcher
    hands over pages it fetched under its own manners: robots.txt, rate limit).
    """
    label = label or ("<stdin>" if path == "-" else display_path(path))
    if path == "-":
        data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
    elif is_url(path):
        data = (fetcher or fetch)(str(path), label, limits)
    else:
        p = Path(path)
        try:
            st = os.stat(p)
        except OSError:
            raise _open_problem(p, label) from None
        if not stat.S_ISREG(st.st_mode):
            raise _open_problem(p, label)
        if st.st_size > limits.max_file_bytes:
            raise InputError(label, f"file too large ({st.st_size:,} bytes; limit {limits.max_file_bytes:,}, "
                                    "see --max-file-bytes)")
        try:
            with open(p, "rb") as f:
                data = f.read(limits.max_file_bytes + 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM):
                raise InputError(label, "permission denied") from None
            raise InputError(label, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > limits.max_file_bytes:
        raise InputError(label, f"input too large (more than {limits.max_file_bytes:,} bytes, see --max-file-bytes)")
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(label, data, limits)
    return data


class TruncatedGzip(InputError):
    """gzip data that ends early; ``partial`` is what it expanded to before the cut."""

    def __init__(self, source: str, reason: str, partial: bytes):
        super().__init__(source, reason)
        self.partial = partial


# Formats whose records stand alone: from a cut file, the whole records before the cut are
# kept (and the loss reported). A cut text or HTML page would be a shorter article that
# nothing marks as cut, so it is rejected instead.
RECORD_FORMATS = {"warc", "json"}


def _gunzip(label: str, data: bytes, limits: Limits) -> bytes:
    """Expand gzip data in 1 MiB steps, stopping as soon as it passes the size limit."""
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            while True:
                chunk = gz.read1(1 << 20)  # read() would drop what it had expanded when the data ends early
                if not chunk:
                    break
                out.write(chunk)
                if out.tell() > limits.max_file_bytes:
                    raise InputError(label, f"gzip expands beyond {limits.max_file_bytes:,} bytes "
                                            f"(from {len(data):,}; possible gzip bomb, see --max-file-bytes)")
    except InputError:
        raise
    except EOFError:
        raise TruncatedGzip(label, "truncated gzip (the file ends before the end of the compressed data)",
                            out.getvalue()) from None
    except (OSError, zlib.error) as exc:
        raise InputError(label, f"corrupt gzip ({exc})") from None
    return out.getvalue()


def _is_json(data: bytes) -> bool:
    """Whether text that starts like JSON is JSON (or JSON Lines): a news story in a
    ``.txt`` file may well begin with "[Updated]" or "[Video]"."""
    try:
        json.loads(data)
        return True
    except (ValueError, RecursionError):
        pass
    try:
        return isinstance(json.loads(data.split(b"\n", 1)[0]), dict)
    except (ValueError, RecursionError):
        return False


def sniff_format(path: Path | str, data: bytes) -> str:
    """Pick a reader by extension first, then by content."""
    name = str(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if ext in WARC_EXT or head.startswith(b"warc/"):
        return "warc"
    if ext in JSON_EXT or (head[:1] in (b"{", b"[") and (ext not in TEXT_EXT or _is_json(data))):
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


class _Ids:
    """Keeps article ids unique: two files both named ``report.txt`` in different folders
    would otherwise share an id, and the second would replace the first in the store.

    An id already given in this read, or already in the store (``taken``), gets a suffix
    from a hash of the source, so re-reading the same inputs gives the same ids again and
    a new article never replaces a stored one that happens to share its file name.
    """

    def __init__(self, taken: Callable[[str], bool] | None = None) -> None:
        self.seen: dict[str, str] = {}  # id -> the source that has it
        self.taken = taken or (lambda _id: False)

    def claim(self, raw: RawArticle) -> None:
        if raw.id not in self.seen and not self.taken(raw.id):
            self.seen[raw.id] = raw.source
            return
        base = f"{raw.id}-{hashlib.sha1(raw.source.encode('utf-8')).hexdigest()[:8]}"
        new, n = base, 1
        while new in self.seen or self.taken(new):  # the same source twice (two WARC captures of one URL)
            n += 1
            new = f"{base}-{n}"
        self.seen[new] = raw.source
        raw.id = new


def read_inputs(paths: Iterable[str | os.PathLike], limits: Limits | None = None, *,
                taken: Callable[[str], bool] | None = None,
                fetcher: Callable[[str, str, Limits], bytes] | None = None) -> Iterator[RawArticle | Rejection]:
    """Yield a RawArticle for every article found in ``paths``, or a Rejection per problem.

    Never raises for a bad input: every problem (unreadable, too large, binary, malformed,
    nested too deeply...) becomes a Rejection naming the input and the reason, and the
    next input is read. ``taken`` says whether an id is already used (in the store): such
    ids get a suffix rather than being reused.
    """
    from storyline.ingest import feed, html, newsplease, text, warc

    limits = limits or Limits()
    readers = {"text": text.read, "html": html.read, "json": newsplease.read, "warc": warc.read, "feed": feed.read}
    ids = _Ids(taken)
    for path in iter_files(paths, labelled=True):
        if isinstance(path, tuple):  # already expanded and named by iter_files(..., labelled=True)
            path, label = path
            label = "<stdin>" if path == "-" else label
        else:
            label = "<stdin>" if path == "-" else display_path(path)
        lost = None
        try:
            try:
                data = read_bytes(path, limits, fetcher, label)
            except TruncatedGzip as exc:  # kept or refused below, once the format is known
                data, lost = exc.partial, exc.reason
            if lost and not data.strip():
                raise InputError(label, lost)
            if not data.strip():
                raise InputError(label, "empty file" if not data else "empty file (whitespace only)")
            kind = binary_kind(data)
            if kind:
                raise InputError(label, f"{kind}, not a news article (Storyline reads text, HTML, news-please JSON, "
                                        "WARC and RSS/Atom)")
            name = url_name(path) if is_url(path) else path  # an address's query string is no extension
            fmt = sniff_format(name, data)
            if lost and fmt not in RECORD_FORMATS:  # one article cut short is not the article
                raise InputError(label, lost)
            base_id = "stdin" if path == "-" else safe_id(article_id_for(name if is_url(path) else label))
            count = 0
            for item in readers[fmt](data, label, base_id, limits):
                if isinstance(item, RawArticle):
                    count += 1
                    if count > limits.max_records_per_file:
                        yield Rejection(label, f"more than {limits.max_records_per_file:,} records; the rest skipped")
                        break
                    if is_url(path) and not item.url:
                        item.url = str(path)
                    item = sanitize(item)
                    ids.claim(item)
                else:
                    item = Rejection(display_path(item.source), item.reason)
                yield item
            if lost:
                yield Rejection(label, f"{lost}: kept {counted(count, 'record')} read before the cut; "
                                       "the rest of the file is lost" if count else lost)
        except InputError as exc:
            yield Rejection(display_path(exc.source), exc.reason)
        except RecursionError:
            yield Rejection(label, "input nested too deeply to parse")
        except MemoryError:
            yield Rejection(label, "input too large to parse in memory")


__all__ = ["Limits", "read_inputs", "iter_files", "article_id_for", "decode_text", "read_bytes", "sniff_format",
           "display_path"]
