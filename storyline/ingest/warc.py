"""WARC and WARC.gz: every HTTP response record holding HTML becomes an article.

A broken record is rejected alone and the records before it are kept. warcio reports some
framing problems by writing to standard error itself; those writes are caught and turned
into one rejection, so the run summary stays one line per problem.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from collections.abc import Iterator

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.ingest.safety import check_html
from storyline.model import RawArticle, Rejection


def _record_item(record, index: int, source: str, base_id: str, limits) -> RawArticle | Rejection | None:
    """One WARC record as an article, a rejection, or None when it is not an HTML response."""
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    label = f"{source}#{url or index}"
    if record.rec_type is None:  # warcio's way of saying the file ended inside the record header
        return Rejection(label, "WARC record cut short inside its header (the file ends there)")
    if record.rec_type != "response":
        return None
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
    if ctype and "html" not in ctype.lower():
        return None
    try:
        body = record.content_stream().read(4 * limits.max_html_chars + 1)
    except Exception as exc:  # a broken payload (bad chunking, bad compression): warcio raises several kinds
        return Rejection(label, f"broken WARC record ({exc.__class__.__name__})")
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0 and len(body) <= 4 * limits.max_html_chars:
        return Rejection(label, f"WARC record truncated (the file ends {missing:,} bytes early)")
    if not body.strip():
        return Rejection(label, "empty response record")
    try:
        if len(body) > 4 * limits.max_html_chars:
            raise InputError(label, f"HTML page too large (limit {limits.max_html_chars:,} characters)")
        html = decode_text(body, label)
        check_html(html, label, limits)
    except InputError as exc:
        return Rejection(exc.source, exc.reason)
    rid = base_id + "-" + hashlib.sha1((url or str(index)).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    date = record.rec_headers.get_header("WARC-Date")
    return RawArticle(id=rid, source=label, format="warc", html=html, url=url or None,
                      meta={"warc_date": date} if date else {})


def read(data: bytes, source: str, base_id: str, limits) -> Iterator[RawArticle | Rejection]:
    """Articles from the HTML response records of a WARC file; a broken record is rejected alone."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = data.lstrip()[:16]
    if not (head.startswith(b"WARC/") or head.startswith(b"filedesc://")):
        raise InputError(source, "not a WARC file (it does not start with a WARC/1.x record header)")
    found = 0
    index = 0
    warnings = io.StringIO()
    archive = ArchiveIterator(io.BytesIO(data))
    records = iter(archive)
    while True:
        item: RawArticle | Rejection | None = None
        failure: str | None = None
        # warcio work happens inside the redirect; yields happen outside it, so the caller's
        # own output is never swallowed.
        with contextlib.redirect_stderr(warnings):
            try:
                record = next(records, None)
                if record is None:
                    break
                index += 1
                item = _record_item(record, index, source, base_id, limits)
            except ArchiveLoadFailed as exc:
                failure = f"not a valid WARC record ({str(exc).splitlines()[0][:120]})"
            except Exception as exc:  # warcio surfaces broken framing as assorted errors
                failure = f"cannot parse record {index + 1} ({exc.__class__.__name__})"
        if failure:
            if found == 0:
                raise InputError(source, f"broken WARC file: {failure}")
            yield Rejection(source, f"WARC file broken after {found} records: {failure}")
            return
        if isinstance(item, RawArticle):
            found += 1
        if item is not None:
            yield item
    # warcio ends quietly when the file stops inside a record header: what it did not read is the loss.
    rest = data[archive.offset:].strip()
    if rest:
        yield Rejection(source, f"WARC file ends inside a record after {found} records "
                                f"({len(rest):,} bytes at the end are not a whole record)")
    if "Content-Length is invalid" in warnings.getvalue():
        yield Rejection(source, "WARC records misframed (a Content-Length does not match the record)")
    if found == 0 and index > 0:
        raise InputError(source, "WARC file has no HTML response records")
