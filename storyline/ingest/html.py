"""HTML pages: kept whole here; main text and metadata are extracted in the clean stage."""

from __future__ import annotations

from collections.abc import Iterator

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.model import RawArticle


def read(data: bytes, source: str, base_id: str, limits) -> Iterator[RawArticle]:
    html = decode_text(data, source)
    if "<" not in html:
        raise InputError(source, "not HTML (no markup found)")
    yield RawArticle(id=base_id, source=source, format="html", html=html)
