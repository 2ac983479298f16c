"""Watched sources: what an RSS/Atom feed, a news sitemap or a folder lists now.

``storyline watch`` asks each source, every round, for its entries; this module answers
that question and nothing else (what is new, and what becomes of it, is the watcher's,
``storyline.watch``). Over the network it keeps the manners a crawler owes a site
(:class:`Manners`): a user agent naming Storyline, robots.txt obeyed, one request at a time
per host with a pause between them, conditional GET (``If-None-Match`` /
``If-Modified-Since``) so an unchanged feed costs the site a 304, the file size limit and
the timeout of :mod:`storyline.ingest.fetch`, and one line naming the source and the
reason when anything fails.
"""

from __future__ import annotations

import io
import os
import time
import urllib.robotparser
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from storyline.errors import InputError
from storyline.ingest.fetch import fetch_response, is_url
from storyline.ingest.safety import display_path

ROBOTS_AGENT = "Storyline"  # the product token robots.txt rules name (the user agent starts with it)
ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is trusted before it is read again
MAX_CHILD_SITEMAPS = 50  # a sitemap index names at most this many sitemaps read per round


@dataclass(slots=True)
class Entry:
    """One item a source lists: a page address (feeds, sitemaps) or a file (folders)."""

    key: str  # stable across rounds: a feed entry's id, a sitemap's <loc>, a file's path + size + time
    location: str  # the address or file path to read
    published: str | None = None  # the publication date a feed or news sitemap gives (ISO); None for files
    title: str | None = None
    changed: str | None = None  # a file's modification time (ISO): the order folders are read in, no date of the news


@dataclass(slots=True)
class Listing:
    """What a source lists this round; ``not_modified`` when it answered 304."""

    kind: str  # "feed" | "sitemap" | "folder"
    entries: list[Entry] = field(default_factory=list)
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None


class Manners:
    """Polite HTTP for one watcher: robots.txt, a pause between requests to a host, a user agent."""

    def __init__(self, limits, delay: float = 1.0, *, sleep=time.sleep, clock=time.monotonic):
        self.limits, self.delay, self.sleep, self.clock = limits, delay, sleep, clock
        self._last: dict[str, float] = {}  # host -> when its last request ended
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (self.clock() - last)
            if pause > 0:
                self.sleep(pause)

    def get(self, url: str, label: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
        """:func:`fetch_response`, after robots.txt allows it and the host's pause is over."""
        if not self.allowed(url):
            raise InputError(label, "disallowed by the site's robots.txt")
        return self._get(url, label, headers)

    def _get(self, url, label, headers=None):
        host = urlsplit(url).netloc.lower()
        self._wait(host)
        try:
            return fetch_response(url, label, self.limits, headers)
        finally:
            self._last[host] = self.clock()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets Storyline read ``url``. A robots.txt that is
        missing (4xx) allows everything. One the site fails to serve (5xx, no answer) allows
        nothing for now, as RFC 9309 asks (the site may be down, or its rules new): that
        raises :class:`RobotsUnavailable`, and robots.txt is asked again next time."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        cached = self._robots.get(host)
        if cached is None or self.clock() - cached[0] > ROBOTS_TTL:
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            parser = urllib.robotparser.RobotFileParser()
            try:
                _, body, _ = self._get(robots_url, robots_url)
                parser.parse(body.decode("utf-8", "replace").splitlines())
            except InputError as exc:
                if not exc.reason.startswith("HTTP error 4"):
                    raise RobotsUnavailable(url, f"the site's robots.txt could not be read ({exc.reason}), "
                                                 "so nothing is read from it for now") from None
                parser.parse([])
            cached = self._robots[host] = (self.clock(), parser)
        return cached[1].can_fetch(ROBOTS_AGENT, url)


class RobotsUnavailable(InputError):
    """The site did not serve its robots.txt: nothing is read from it until it does."""


# ----------------------------------------------------------------- listings


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _xml_root(data: bytes):
    """The root element of XML data, or None when it is not XML. Entities are not resolved
    and nothing is fetched, so a hostile sitemap cannot read files or expand without bound."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        return etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _text(el, name: str) -> str | None:
    for child in el.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def sitemap_entries(root, base: str) -> tuple[list[Entry], list[str]]:
    """(page entries, child sitemap addresses) of a parsed sitemap or sitemap index. A news
    sitemap's ``news:publication_date`` dates and orders the pages (``lastmod`` only orders them:
    a page's last change is no publication date)."""
    pages, children = [], []
    for el in root:
        name = _local(el.tag)
        loc = _text(el, "loc")
        if not loc:
            continue
        loc = urljoin(base, loc)
        if not is_url(loc):
            continue
        if name == "sitemap":
            children.append(loc)
        elif name == "url":
            pages.append(Entry(key=loc, location=loc, published=_text(el, "publication_date"),
                               changed=_text(el, "lastmod"), title=_text(el, "title")))
    return pages, children


def feed_entries(data: bytes, base: str, label: str) -> list[Entry]:
    """The entries of an RSS/Atom feed that link to a page, or InputError when the data is
    no readable feed (broken XML with nothing recoverable, an HTML page, garbage)."""
    import feedparser

    # A stream, never bytes: feedparser treats bytes it can open() as a file name.
    parsed = feedparser.parse(io.BytesIO(data))
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    linked = [e for e in entries if e.get("link")]
    # Broken XML that still gave linked entries is read (feeds are often a little broken);
    # broken XML that gave none is an error, not an empty feed.
    if not linked and (parsed.get("bozo") or not version):
        why = f" ({parsed.get('bozo_exception')!s:.100})" if parsed.get("bozo") else ""
        raise InputError(label, f"not a readable RSS/Atom feed or sitemap{why}")
    out = []
    for i, e in enumerate(entries):
        link = e.get("link")
        if not link:
            continue
        link = urljoin(base, link)
        if not is_url(link):
            continue
        # An entry's publication date is metadata about its page; its update time only orders.
        published, changed = (time.strftime("%Y-%m-%dT%H:%M:%SZ", t) if t else None
                              for t in (e.get("published_parsed"), e.get("updated_parsed")))
        out.append(Entry(key=str(e.get("id") or link), location=link, published=published, changed=changed,
                         title=e.get("title")))
    return out


def oldest_first(entries: list[Entry]) -> list[Entry]:
    """Entries in the order they were published: by their dates when every entry has one,
    else the reverse of the listing's order (feeds and sitemaps list the newest first)."""
    entries = list(reversed(entries))
    if entries and all(e.published or e.changed for e in entries):
        entries.sort(key=lambda e: e.published or e.changed or "")
    seen, out = set(), []
    for e in entries:  # a listing may name one page twice
        if e.key not in seen:
            seen.add(e.key)
            out.append(e)
    return out


def list_url(url: str, manners: Manners, limits, etag: str | None = None,
             last_modified: str | None = None) -> Listing:
    """What the feed or sitemap at ``url`` lists, asked conditionally with the validators of
    its last answer. InputError (naming ``url``) for any failure."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    status, body, answer = manners.get(url, url, headers)
    validators = {"etag": answer.get("ETag") or answer.get("Etag"), "last_modified": answer.get("Last-Modified")}
    if status == 304:
        return Listing(kind="feed", not_modified=True, etag=etag, last_modified=last_modified)
    if not body.strip():
        raise InputError(url, "empty answer (no feed or sitemap)")
    if body[:2] == b"\x1f\x8b":  # sitemaps are often served gzipped as files
        from storyline.ingest import _gunzip

        body = _gunzip(url, body, limits)
    root = _xml_root(body)
    if root is not None and _local(root.tag) in ("urlset", "sitemapindex"):
        pages, children = sitemap_entries(root, url)
        for child in children[:MAX_CHILD_SITEMAPS]:
            _, child_body, _ = manners.get(child, child)
            child_root = _xml_root(child_body)
            if child_root is None:
                raise InputError(child, "not a readable sitemap (broken XML)")
            pages += sitemap_entries(child_root, child)[0]
        entries, kind = pages, "sitemap"
    else:
        entries, kind = feed_entries(body, url, url), "feed"
    return Listing(kind=kind, entries=oldest_first(entries[: limits.max_records_per_file]), **validators)


def list_folder(folder: str, settle: float = 2.0, now: float | None = None) -> Listing:
    """The files of a folder (recursively, as ``storyline run`` reads folders). A file's key
    holds its size and modification time, so a file a crawler rewrites is read again (the
    store skips it when its content did not change); files changed in the last ``settle``
    seconds are left for the next round, as a crawler may still be writing them."""
    from storyline.ingest import iter_files

    root = Path(folder)
    if not root.is_dir():
        raise InputError(display_path(folder), "no such folder")
    now = time.time() if now is None else now
    entries = []
    for f in iter_files([root]):
        if f == root:  # an empty folder: nothing yet
            break
        try:
            st = os.stat(f)
        except OSError:
            continue
        if now - st.st_mtime < settle:
            continue
        rel = display_path(os.path.relpath(f, root))
        entries.append(Entry(key=f"{rel}|{st.st_size}|{st.st_mtime_ns}", location=str(f),
                             changed=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(st.st_mtime))))
    entries.sort(key=lambda e: (e.changed or "", e.key))
    return Listing(kind="folder", entries=entries)
