"""Main text and metadata from HTML pages (trafilatura for text, htmldate for the date)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class HtmlExtract:
    text: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    url: str | None = None
    date: str | None = None
    date_evidence: str | None = None


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the article from a page. Settings measured on the scrapinghub set (docs/benchmarks.md)."""
    import trafilatura
    from trafilatura.settings import use_config

    cfg = use_config()
    cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    out = HtmlExtract(url=url)
    text = trafilatura.extract(html, url=url, include_comments=False, favor_precision=True,
                               include_tables=True, with_metadata=False, config=cfg)
    out.text = text or ""
    try:
        meta = trafilatura.extract_metadata(html, default_url=url)
    except Exception:  # metadata is a bonus; a page that breaks it still has text
        meta = None
    if meta is not None:
        out.title = meta.title or None
        if meta.author:
            out.authors = [a.strip() for a in meta.author.split(";") if a.strip()]
        out.sitename = meta.sitename or None
        out.url = url or meta.url or None
    out.date, out.date_evidence = find_html_date(html, url)
    return out


def find_html_date(html: str, url: str | None = None) -> tuple[str | None, str | None]:
    """Publication date by htmldate (original date, extensive search)."""
    from htmldate import find_date

    try:
        d = find_date(html, url=url, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on some malformed pages; no date is the honest answer
        return None, None
    return (d, "htmldate") if d else (None, None)
