"""HTML pages: kept whole here; main text and metadata are extracted in the clean stage.

Before a page goes on, :func:`~storyline.ingest.safety.check_html` refuses one that the
parsers downstream would choke on (too large, nested too deeply, too much text).
"""

from __future__ import annotations

from collections.abc import Iterator

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.ingest.safety import check_html
from storyline.model import RawArticle


def read(data: bytes, source: str, base_id: str, limits) -> Iterator[RawArticle]:
    """One article from an HTML page."""
    if len(data) > 4 * limits.max_html_chars:
        raise InputError(source, f"HTML page too large ({len(data):,} bytes; limit {limits.max_html_chars:,} characters)")
    html = decode_text(data, source)
    if "<" not in html:
        raise InputError(source, "not HTML (no markup found)")
    check_html(html, source, limits)
    yield RawArticle(id=base_id, source=source, format="html", html=html)
