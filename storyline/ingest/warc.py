"""WARC and WARC.gz: every HTTP response record holding HTML becomes an article."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.model import RawArticle, Rejection


def read(data: bytes, source: str, base_id: str, limits) -> Iterator[RawArticle | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    index = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            index += 1
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            label = f"{source}#{url or index}"
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if ctype and "html" not in ctype.lower():
                continue
            try:
                body = record.content_stream().read(limits.max_file_bytes + 1)
            except Exception as exc:  # a truncated record: warcio raises several kinds
                yield Rejection(label, f"broken WARC record ({exc.__class__.__name__})")
                continue
            if not body.strip():
                yield Rejection(label, "empty response record")
                continue
            try:
                html = decode_text(body, label)
            except InputError as exc:
                yield Rejection(exc.source, exc.reason)
                continue
            found += 1
            rid = base_id + "-" + hashlib.sha1((url or str(index)).encode()).hexdigest()[:10]
            date = record.rec_headers.get_header("WARC-Date")
            yield RawArticle(id=rid, source=label, format="warc", html=html, url=url or None,
                             meta={"warc_date": date} if date else {})
    except ArchiveLoadFailed as exc:
        raise InputError(source, f"not a valid WARC file ({str(exc).splitlines()[0][:120]})") from None
    except Exception as exc:  # warcio surfaces broken framing as assorted errors
        if found == 0:
            raise InputError(source, f"broken WARC file ({exc.__class__.__name__}: {str(exc)[:100]})") from None
        yield Rejection(source, f"WARC file truncated after {found} records ({exc.__class__.__name__})")
    if found == 0 and index > 0:
        raise InputError(source, "WARC file has no HTML response records")
