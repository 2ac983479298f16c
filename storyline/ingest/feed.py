"""RSS and Atom files whose entries carry the full text (``content:encoded`` or ``content``)."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator

from storyline.errors import InputError
from storyline.ingest.safety import check_html
from storyline.model import RawArticle, Rejection


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    return None


def read(data: bytes, source: str, base_id: str, limits) -> Iterator[RawArticle | Rejection]:
    """Articles from the entries of an RSS/Atom feed that carry full text."""
    import feedparser

    # A stream, never bytes: feedparser treats bytes it can open() as a file name, so a
    # feed file holding "/etc/passwd" would otherwise read that file.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        reason = "feed has no entries"
        if parsed.get("bozo"):
            reason = f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')!s:.100})"
        raise InputError(source, reason)
    channel = parsed.get("feed", {})
    outlet = channel.get("title")
    for i, entry in enumerate(entries):
        link = entry.get("link")
        label = f"{source}#{link or i}"
        content = ""
        for c in entry.get("content") or []:
            if len(c.get("value", "")) > len(content):
                content = c.get("value", "")
        if not content:
            content = entry.get("summary", "") or ""
        if len(re.sub(r"<[^>]+>", " ", content).split()) < 40:
            yield Rejection(label, "feed entry has no full text (summary only)")
            continue
        html = f"<html><body><article>{content}</article></body></html>"
        try:
            check_html(html, label, limits)
        except InputError as exc:
            yield Rejection(exc.source, exc.reason)
            continue
        key = str(link or entry.get("id") or i)
        rid = base_id + "-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
        yield RawArticle(id=rid, source=label, format="feed", html=html,
                         url=link, title=entry.get("title"), outlet=outlet, published=_date(entry), authors=authors)
