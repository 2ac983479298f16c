"""Plain text as scraped: one article per file, in any common encoding."""

from __future__ import annotations

from collections.abc import Iterator

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.model import RawArticle


def read(data: bytes, source: str, base_id: str, limits) -> Iterator[RawArticle]:
    """One article from a text file; too long or whitespace-only text is refused."""
    # No encoding takes more than 4 bytes a character: past that, refuse without decoding.
    if len(data) > 4 * limits.max_article_chars:
        raise InputError(source, f"text too long for one article ({len(data):,} bytes; limit "
                                 f"{limits.max_article_chars:,} characters, see --max-article-chars)")
    text = decode_text(data, source)
    if not text.strip():
        raise InputError(source, "no text (whitespace only)")
    if len(text) > limits.max_article_chars:
        raise InputError(source, f"text too long for one article ({len(text):,} characters; limit "
                                 f"{limits.max_article_chars:,}, see --max-article-chars)")
    yield RawArticle(id=base_id, source=source, format="text", text=text)
