"""The clean stage: RawArticle -> Article (body without boilerplate, metadata apart).

HTML goes through trafilatura (main text) and htmldate (publication date); plain text goes
through :mod:`storyline.clean.text`, which finds title, date line, byline, captions,
credits and page furniture from general signals. Both end in the same record.
"""

from __future__ import annotations

import hashlib

from storyline.clean.dates import parse_date_string
from storyline.clean.outlet import outlet_from_domain
from storyline.clean.text import clean_text
from storyline.model import Article, Published, RawArticle, Removed


def _published_from_metadata(raw: RawArticle) -> Published | None:
    if raw.published:
        d = parse_date_string(raw.published)
        if d:
            return Published(date=d, earliest=d, latest=d, how="metadata", evidence=raw.published)
    return None


def clean(raw: RawArticle) -> Article:
    """Clean one raw article. Never raises on odd content: worst case the body is empty."""
    text = raw.text
    title = raw.title
    published = _published_from_metadata(raw)
    outlet, outlet_how = None, None
    if raw.outlet:
        outlet, outlet_how = outlet_from_domain(raw.outlet) or raw.outlet, "metadata"
    elif raw.url:
        o = outlet_from_domain(raw.url)
        if o:
            outlet, outlet_how = o, "url"
    removed: list[Removed] = []
    authors = list(raw.authors)
    if raw.html is not None and text is None:
        from storyline.clean.html import extract_html

        ex = extract_html(raw.html, url=raw.url)
        text = ex.text
        title = title or ex.title
        authors = authors or ex.authors
        if published is None and ex.date:
            published = Published(date=ex.date, earliest=ex.date, latest=ex.date, how="html", evidence=ex.date_evidence)
        if outlet is None and ex.sitename:
            outlet, outlet_how = ex.sitename, "metadata"
        if outlet is None and ex.url:
            o = outlet_from_domain(ex.url)
            if o:
                outlet, outlet_how = o, "url"
        raw_url = raw.url or ex.url
    else:
        raw_url = raw.url
    parts = clean_text(text or "", title=title, structured=raw.html is not None or raw.format == "newsplease")
    if published is None and parts.date:
        published = Published(date=parts.date, earliest=parts.date, latest=parts.date, how="dateline", evidence=parts.dateline)
    if outlet is None and parts.outlet:
        outlet, outlet_how = parts.outlet, "text"
    byline = parts.byline or (", ".join(authors) if authors else None)
    removed.extend(parts.removed)
    body = "\n\n".join(parts.paragraphs)
    return Article(
        id=raw.id,
        source=raw.source,
        body=body,
        title=title or parts.title,
        standfirst=parts.standfirst or raw.description,
        outlet=outlet,
        outlet_how=outlet_how,
        url=raw_url,
        byline=byline,
        credits=parts.credits,
        published=published or Published(),
        captions=parts.captions,
        removed=removed,
        format=raw.format,
        language=raw.language,
        fingerprint=hashlib.sha1(body.encode("utf-8", "replace")).hexdigest(),
    )
