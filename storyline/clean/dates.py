"""Explicit publication dates: metadata strings and date lines in scraped text.

Only full calendar dates (day, month and year) count: a date line that says "November 2024"
does not date an article to the day, and guessing the day would invent evidence.

Numeric dates are read the way the separator suggests: ``12.03.2021`` and ``12-03-2021``
are day-first (the dotted form is European), ``03/12/2021`` is month-first (the slashed
form is the common US one) unless the first number cannot be a month. Years are limited
to 1900-2099 so that figures like "1.5.3000" are not read as dates.
"""

from __future__ import annotations

import datetime as dt
import re
from storyline import words as wordlists

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
WEEKDAYS = set(wordlists.int_table("weekdays")) | wordlists.words("weekday_abbreviations")

_MON = (r"(?<![^\W\d_])(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
# (pattern, numeric order) — order says how to read two numbers when no month name is given.
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)"), "ymd"),
    (re.compile(_MON + r"\s*(?:-\s*)?" + _DAY + r",?\s*(?:-\s*)?" + _YEAR, re.I), "name"),
    (re.compile(r"(?<![\d.:/])" + _DAY + r"\s*(?:of\s+)?(?:-\s*)?" + _MON + r",?\s*(?:-\s*)?" + _YEAR, re.I), "name"),
    (re.compile(r"(?<![\d.:/])(?P<a>[0-3]?\d)\.\s?(?P<b>[01]?\d)\.\s?" + _YEAR), "dmy"),
    (re.compile(r"(?<![\d.:/])(?P<a>[0-3]?\d)-(?P<b>[01]?\d)-" + _YEAR), "dmy"),
    (re.compile(r"(?<![\d.:/])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/" + _YEAR), "mdy"),
    (re.compile(r"(?<![\d.:/])(?P<a>[0-3]?\d)/(?P<b>[01]?\d)/" + _YEAR), "dmy"),
]


def _make(y: int, m: int, d: int) -> str | None:
    if not 1900 <= y <= 2099:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _iso_from_match(m: re.Match[str], order: str) -> str | None:
    g = m.groupdict()
    y = int(g["y"])
    if order == "name":
        return _make(y, MONTHS[g["mon"].lower().rstrip(".")], int(g["d"]))
    if order == "ymd":
        return _make(y, int(g["m"]), int(g["d"]))
    a, b = int(g["a"]), int(g["b"])
    return _make(y, b, a) if order == "dmy" else _make(y, a, b)


def find_dates(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every full calendar date in ``text``, in text order, with its character span.

    Overlapping readings of the same characters keep the first pattern that gives a valid
    date (ISO before month names before numeric forms).
    """
    found: list[tuple[str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for rx, order in _PATTERNS:
        for m in rx.finditer(text):
            span = (m.start(), m.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            iso = _iso_from_match(m, order)
            if iso:
                found.append((iso, span))
                taken.append(span)
    found.sort(key=lambda x: x[1][0])
    return found


def find_date(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """First full calendar date in ``text`` and its span, or ``(None, None)``."""
    dates = find_dates(text)
    return dates[0] if dates else (None, None)


_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")


def parse_date_string(value: str) -> str | None:
    """A metadata date -> ``'YYYY-MM-DD'`` or None. Never raises.

    Accepts ISO 8601 (with or without time and zone), RFC 2822 ("Wed, 06 Nov 2024 06:54:00
    GMT"), Unix timestamps in seconds or milliseconds, and any human form :func:`find_date`
    reads ("6 Nov 2024", "Published 3:02 PM EDT, Tue June 4, 2019", "12.03.2021"). The date
    is the one written (local to the outlet), not converted to UTC.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > 500:
        return None
    try:
        d = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        return _make(d.year, d.month, d.day)
    except (ValueError, OverflowError):
        pass
    if _EPOCH.match(value):
        seconds = int(value[:10])
        try:
            d = dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
        return _make(d.year, d.month, d.day)
    if re.match(r"^[A-Za-z]{3},\s", value):
        try:
            from email.utils import parsedate_to_datetime

            d = parsedate_to_datetime(value).date()
            return _make(d.year, d.month, d.day)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return find_date(value)[0]


# A date line: short, mostly a date, maybe with a clock time, labels and a section name.
_TIME = re.compile(
    r"(?<![\d.])\d{1,2}(?:[:.h]\d{2}){1,2}(?![\d.]\d)\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?(?![a-z]))?"
    r"|(?<!\d)\d{1,2}\s*[ap]\.?m\.?(?![a-z])",
    re.I,
)
_ZONE = re.compile(r"(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?", re.I)
_LABEL_WORDS = wordlists.words("date_label_words")


def is_dateline(line: str) -> str | None:
    """If ``line`` is a date line, return its ISO date; else None. Never raises.

    A date line carries a full date and little else: labels ("Published", "Hour:", "date"),
    a clock time, a weekday, a time zone, perhaps one or two capitalised section words
    ("World"). Sentences that merely mention a date are not date lines: any other lower-case
    word, or more than two other words, rules the line out. With several dates (published
    and updated) the first one is returned.
    """
    if not isinstance(line, str):
        return None
    s = line.strip()
    if not s or len(s) > 100:
        return None
    dates = find_dates(s)
    if not dates:
        return None
    rest = s
    for _, (a, b) in reversed(dates):
        rest = rest[:a] + " " + rest[b:]
    rest = _ZONE.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    if re.search(r"\d{3,}", rest):  # other figures: a sentence or a table row, not a stamp
        return None
    words = re.findall(r"[^\W\d_]+", rest)
    other = [w for w in words if w.lower() not in _LABEL_WORDS and w.lower() not in WEEKDAYS
             and w.lower().rstrip(".") not in MONTHS]
    if len(other) > 2 or any(w[0].islower() for w in other):
        return None
    return dates[0][0]
