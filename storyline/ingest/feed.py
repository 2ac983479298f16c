"""RSS and Atom files whose entries carry the full text (``content:encoded`` or ``content``)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from storyline.errors import InputError
from storyline.model import RawArticle, Rejection


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    return None


def read(data: bytes, source: str, base_id: str, limits) -> Iterator[RawArticle | Rejection]:
    import feedparser

    parsed = feedparser.parse(data)
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
        rid = base_id + "-" + hashlib.sha1((link or entry.get("id") or str(i)).encode()).hexdigest()[:10]
        authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
        yield RawArticle(id=rid, source=label, format="feed", html=f"<html><body><article>{content}</article></body></html>",
                         url=link, title=entry.get("title"), outlet=outlet, published=_date(entry), authors=authors)
