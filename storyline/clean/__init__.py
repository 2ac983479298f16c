"""The clean stage: RawArticle -> Article (body without boilerplate, metadata apart).

HTML goes through trafilatura (main text) and htmldate (publication date); plain text goes
through :mod:`storyline.clean.text`, which finds title, date line, byline, captions,
credits and page furniture from general signals. Both end in the same record.
"""

from __future__ import annotations

import hashlib
import re

from storyline import words as wordlists
from storyline.clean.dates import MONTHS, parse_date_string
from storyline.clean.outlet import outlet_from_domain
from storyline.clean.html import TEXT_GUESS
from storyline.clean.published import date_article, told_after
from storyline.clean.text import clean_text
from storyline.model import Article, Published, RawArticle, Removed

# Where readers keep the time a page was fetched (news-please ``date_download``, WARC-Date).
CRAWL_KEYS = ("downloaded", "warc_date")


def _downloaded(raw: RawArticle) -> str | None:
    for key in CRAWL_KEYS:
        value = raw.meta.get(key) if isinstance(raw.meta, dict) else None
        if isinstance(value, str) and value.strip():
            return value
    return None


def clean(raw: RawArticle) -> Article:
    """Clean one raw article. Never raises on odd content: worst case the body is empty."""
    text = raw.text
    title = raw.title
    published = None
    guessed, removed_guess = False, None
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
        if ex.date and not (raw.published and parse_date_string(raw.published)):
            published = Published(date=ex.date, earliest=ex.date, latest=ex.date, how="html", evidence=ex.date_evidence)
            guessed = ex.date_evidence == TEXT_GUESS
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
    if published is not None and guessed:
        # A date htmldate read from the page's text is one date the text mentions ("signed on
        # June 19"), not necessarily the day of publication: kept only when the text tells
        # nothing as done after it; otherwise the other witnesses decide (or leave a window).
        told = told_after("\n\n".join(parts.paragraphs), published.date)
        if told:
            published = None
            removed_guess = f"{ex.date} ({TEXT_GUESS}) rejected: {told}"
    if published is None:
        # Metadata, URL, date line and crawl time, each checked against the text.
        published = date_article("\n\n".join(parts.paragraphs), metadata=raw.published, url=raw_url,
                                 dateline=(parts.date, parts.dateline) if parts.date else None,
                                 downloaded=_downloaded(raw))
        if removed_guess:
            published = published or Published()
            published.evidence = "; ".join(x for x in (published.evidence, removed_guess) if x)
    if outlet is None and parts.outlet:
        outlet, outlet_how = parts.outlet, "text"
    authors = _author_names(authors)
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


_AUTHOR_FURNITURE = re.compile(r"^(?:" + wordlists.alternation("byline_furniture") + r")\s+", re.I)


def _author_names(authors: list[str]) -> list[str]:
    """The authors a crawler listed, as names: without the page's link words glued to them
    ("More Stories Neil Callanan"), without a date's fragment ("Dec"), each once, and without
    an entry that only runs two earlier names together ("Neil Callanan Michael J Moore")."""
    out: list[str] = []
    for a in authors:
        name = " ".join(_AUTHOR_FURNITURE.sub("", a.strip()).split())
        if not name or name.lower().rstrip(".") in MONTHS or name in out:
            continue
        if any(name == f"{x} {y}" for x in out for y in out if x != y):
            continue
        out.append(name)
    return out

