"""Explicit publication dates: metadata strings and date lines in scraped text."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_PATTERNS = [
    re.compile(r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?!\d)"),
    re.compile(_MON + r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)(?!\d)"),
]


def _make(y: str, m: int, d: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """First calendar date (day precision, with a year) in ``text``, and its span."""
    best = None
    for rx in _PATTERNS:
        for m in rx.finditer(text):
            g = m.groupdict()
            month = MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else int(g["m"])
            iso = _make(g["y"], month, g["d"])
            if iso and (best is None or m.start() < best[1][0]):
                best = (iso, (m.start(), m.end()))
            if iso:
                break
    return best if best else (None, None)


def parse_date_string(value: str) -> str | None:
    """A metadata date (ISO 8601, RFC 2822, '6 Nov 2024', ...) -> 'YYYY-MM-DD' or None."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return find_date(value)[0]


# A date line: short, mostly a date, maybe with a time, a label and a section name.
_TIME = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)"
_LABEL_WORDS = {
    "published", "updated", "posted", "date", "hour", "time", "last", "on", "at", "modified", "first",
    "am", "pm", "gmt", "utc", "edt", "est", "bst", "cet", "msk", "kst", "ist",
}


def is_dateline(line: str) -> str | None:
    """If ``line`` is a date line, return its ISO date; else None.

    A date line carries a full date and little else: labels ("Published", "Hour:", "date"),
    a clock time, a weekday, perhaps one or two section words ("World"). Sentences that
    merely mention a date are not date lines.
    """
    s = line.strip()
    if not s or len(s) > 90:
        return None
    iso, span = find_date(s)
    if not iso:
        return None
    rest = (s[: span[0]] + " " + s[span[1]:])
    rest = re.sub(_TIME, " ", rest, flags=re.I)
    words = re.findall(r"[A-Za-z]+", rest)
    weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                "mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    other = [w for w in words if w.lower() not in _LABEL_WORDS and w.lower() not in weekdays]
    if s.rstrip().endswith(".") and len(words) > 4:
        return None
    return iso if len(other) <= 2 else None
