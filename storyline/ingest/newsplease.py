"""news-please JSON (one object per file, an array of them, or JSON Lines).

The fields used are those news crawlers emit: ``title``, ``maintext``/``text``, ``description``,
``date_publish``, ``date_download``, ``source_domain``, ``url``, ``authors``, ``language``. A record may carry
``html`` (or ``raw_html``) instead of text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.ingest.safety import check_html
from storyline.model import RawArticle, Rejection

TEXT_FIELDS = ("maintext", "text", "body", "articleBody", "content")


def _str(rec: dict, *keys: str) -> str | None:
    for k in keys:
        v = rec.get(k)
        if isinstance(v, str) and v.strip():
            return v
    return None


def record_to_article(rec: Any, source: str, rec_id: str) -> RawArticle:
    """One news-please record (a JSON object) as a RawArticle; fields of the wrong type are ignored."""
    if not isinstance(rec, dict):
        raise InputError(source, f"record is a {type(rec).__name__}, expected a JSON object")
    text = _str(rec, *TEXT_FIELDS)
    html = _str(rec, "html", "raw_html")
    if text is None and html is None:
        raise InputError(source, "record has no text (none of maintext/text/body) and no html")
    authors = rec.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list):
        authors = []
    url = _str(rec, "url")
    given_id = rec.get("id")
    if isinstance(given_id, (str, int)) and not isinstance(given_id, bool) and str(given_id).strip():
        rec_id = str(given_id)
    return RawArticle(
        id=rec_id,
        source=source,
        format="newsplease",
        text=text,
        html=None if text else html,
        url=url,
        title=_str(rec, "title"),
        outlet=_str(rec, "source_domain", "outlet", "source"),
        published=_str(rec, "date_publish", "published", "date"),
        authors=[a for a in authors if isinstance(a, str)],
        description=_str(rec, "description"),
        language=_str(rec, "language"),
        meta={**{k: rec[k] for k in ("newsCluster",) if k in rec},
              # When the crawler fetched the page: a publication date equal to it may be the crawl.
              **({"downloaded": rec["date_download"]} if isinstance(rec.get("date_download"), str) else {})},
    )


def _content_id(rec: Any, base_id: str, index: int) -> str:
    if isinstance(rec, dict):
        key = rec.get("url") or rec.get("title") or ""
        if isinstance(key, str) and key:
            return base_id + "-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{base_id}-{index}"


def _json_lines(text: str, source: str, limits) -> tuple[list[Any] | None, list[Rejection]]:
    """Parse JSON Lines, each bad line rejected alone.

    Returns None when no line holds a JSON object: then the file is one malformed JSON
    document (say, pretty-printed), and one rejection for the file says so better than one
    per line.
    """
    records: list[Any] = []
    bad: list[Rejection] = []
    n_bad = 0
    objects = 0
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            records.append(rec)
            objects += isinstance(rec, dict)
        except (json.JSONDecodeError, RecursionError) as e:
            n_bad += 1
            if n_bad <= limits.max_bad_lines:
                msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
                bad.append(Rejection(f"{source}:{n}", f"malformed JSON line ({msg})"))
        if len(records) > limits.max_records_per_file:
            break
    if not objects:
        return None, []
    if n_bad > limits.max_bad_lines:
        bad.append(Rejection(source, f"{n_bad - limits.max_bad_lines:,} more malformed JSON lines"))
    return records, bad


def read(data: bytes, source: str, base_id: str, limits) -> Iterator[RawArticle | Rejection]:
    """Articles from news-please JSON: one object, an array of objects, or JSON Lines."""
    text = decode_text(data, source)
    bad: list[Rejection] = []
    try:
        doc = json.loads(text)
        records = doc if isinstance(doc, list) else [doc]
        single = not isinstance(doc, list)
    except RecursionError:
        raise InputError(source, "JSON nested too deeply to parse") from None
    except json.JSONDecodeError as exc:
        lines = None
        if not text.lstrip().startswith("[") and "\n" in text.strip():
            lines, bad = _json_lines(text, source, limits)
        if lines is None:
            raise InputError(source, f"malformed JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
        single, records = False, lines
    yield from bad
    if not records:
        raise InputError(source, "JSON holds no records (an empty array)")
    for i, rec in enumerate(records):
        label = source if single else f"{source}#{i}"
        rid = base_id if single else _content_id(rec, base_id, i)
        try:
            art = record_to_article(rec, label, rid)
        except InputError as exc:
            yield Rejection(exc.source, exc.reason)
            continue
        if art.text and len(art.text) > limits.max_article_chars:
            yield Rejection(label, f"text too long for one article ({len(art.text):,} characters; limit "
                                   f"{limits.max_article_chars:,}, see --max-article-chars)")
            continue
        if art.html is not None:
            try:
                check_html(art.html, label, limits)
            except InputError as exc:
                yield Rejection(exc.source, exc.reason)
                continue
        yield art
