"""news-please JSON (one object per file, an array of them, or JSON Lines).

The fields used are those news crawlers emit: ``title``, ``maintext``/``text``, ``description``,
``date_publish``, ``source_domain``, ``url``, ``authors``, ``language``. A record may carry
``html`` (or ``raw_html``) instead of text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from storyline.errors import InputError
from storyline.ingest.decode import decode_text
from storyline.model import RawArticle, Rejection

TEXT_FIELDS = ("maintext", "text", "body", "articleBody", "content")


def _str(rec: dict, *keys: str) -> str | None:
    for k in keys:
        v = rec.get(k)
        if isinstance(v, str) and v.strip():
            return v
    return None


def record_to_article(rec: Any, source: str, rec_id: str) -> RawArticle:
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
    if rec.get("id") and isinstance(rec.get("id"), (str, int)):
        rec_id = str(rec["id"])
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
        meta={k: rec[k] for k in ("newsCluster",) if k in rec},
    )


def _content_id(rec: Any, base_id: str, index: int) -> str:
    if isinstance(rec, dict):
        key = rec.get("url") or rec.get("title") or ""
        if isinstance(key, str) and key:
            return base_id + "-" + hashlib.sha1(key.encode()).hexdigest()[:10]
    return f"{base_id}-{index}"


def read(data: bytes, source: str, base_id: str, limits) -> Iterator[RawArticle | Rejection]:
    text = decode_text(data, source)
    stripped = text.lstrip()
    try:
        doc = json.loads(text)
        records = doc if isinstance(doc, list) else [doc]
        single = not isinstance(doc, list)
    except json.JSONDecodeError as exc:
        if stripped.startswith("[") or "\n" not in stripped.strip():
            raise InputError(source, f"malformed JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
        # JSON Lines: each line its own record; a bad line is rejected alone.
        single = False
        records = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                yield Rejection(f"{source}:{n}", f"malformed JSON line ({e.msg})")
    for i, rec in enumerate(records):
        label = source if single else f"{source}#{i}"
        rid = base_id if single else _content_id(rec, base_id, i)
        try:
            art = record_to_article(rec, label, rid)
        except InputError as exc:
            yield Rejection(exc.source, exc.reason)
            continue
        if art.text and len(art.text) > limits.max_article_chars:
            yield Rejection(label, f"text too long for one article (limit {limits.max_article_chars:,} characters)")
            continue
        yield art
