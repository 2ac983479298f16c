"""Calendar arithmetic for TIMEX3 values: granules, their bounds, and stepping between them.

A calendar point is a *granule*: a granularity name and an integer index, so that "the
quarter before 1989-Q3" is plain integer arithmetic (``index - 1``) and every granule has
exact first and last days. Values are formatted the TIMEX3 way ("2024-11-06", "2024-W45",
"2024-Q3", "2024-SU", "199" for the 1990s, "19" for the 1900s).

Nothing here raises on odd input: functions return ``None`` when a value cannot be
understood or falls outside the years 1..9999 that :mod:`datetime` can hold.
"""

from __future__ import annotations

import datetime as dt
import re

# granularity -> the precision word the data model uses
PRECISION = {
    "day": "day",
    "week": "week",
    "weekend": "week",
    "month": "month",
    "quarter": "quarter",
    "season": "season",
    "half": "half",
    "year": "year",
    "decade": "decade",
    "century": "century",
}

# Order from fine to coarse, used to compare granularities.
ORDER = ["day", "weekend", "week", "month", "season", "quarter", "half", "year", "decade", "century"]

SEASONS = ["SP", "SU", "FA", "WI"]
# first month of each season; winter starts in December of its year and runs into the next
_SEASON_START = {0: 3, 1: 6, 2: 9, 3: 12}

MIN_YEAR, MAX_YEAR = 1, 9998  # keep one spare year so "next year" and winter ends stay valid

Granule = tuple[str, int]


def _last_of_month(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def granule_of(day: dt.date, gran: str) -> Granule:
    """The granule of size ``gran`` that contains ``day``."""
    y, m = day.year, day.month
    if gran == "day":
        return gran, day.toordinal()
    if gran in ("week", "weekend"):
        return gran, (day.toordinal() - 1) // 7
    if gran == "month":
        return gran, y * 12 + m - 1
    if gran == "quarter":
        return gran, y * 4 + (m - 1) // 3
    if gran == "half":
        return gran, y * 2 + (m - 1) // 6
    if gran == "season":
        if m <= 2:
            return gran, (y - 1) * 4 + 3
        return gran, y * 4 + {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3}[m]
    if gran == "year":
        return gran, y
    if gran == "decade":
        return gran, y // 10
    if gran == "century":
        return gran, y // 100
    raise ValueError(f"unknown granularity {gran!r}")


def bounds(g: Granule) -> tuple[dt.date, dt.date] | None:
    """First and last day of a granule, or None when it falls outside the calendar."""
    gran, i = g
    try:
        if gran == "day":
            d = dt.date.fromordinal(i)
            return (d, d) if _year_ok(d.year) else None
        if gran in ("week", "weekend"):
            monday = dt.date.fromordinal(i * 7 + 1)
            if not _year_ok(monday.year):
                return None
            if gran == "weekend":
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
            return monday, monday + dt.timedelta(days=6)
        if gran == "month":
            y, m = divmod(i, 12)
            return (dt.date(y, m + 1, 1), _last_of_month(y, m + 1)) if _year_ok(y) else None
        if gran == "quarter":
            y, q = divmod(i, 4)
            return (dt.date(y, 3 * q + 1, 1), _last_of_month(y, 3 * q + 3)) if _year_ok(y) else None
        if gran == "half":
            y, h = divmod(i, 2)
            return (dt.date(y, 6 * h + 1, 1), _last_of_month(y, 6 * h + 6)) if _year_ok(y) else None
        if gran == "season":
            y, s = divmod(i, 4)
            if not _year_ok(y):
                return None
            first = dt.date(y, _SEASON_START[s], 1)
            if s == 3:
                return first, _last_of_month(y + 1, 2)
            return first, _last_of_month(y, _SEASON_START[s] + 2)
        if gran == "year":
            return (dt.date(i, 1, 1), dt.date(i, 12, 31)) if _year_ok(i) else None
        if gran == "decade":
            lo, hi = max(i * 10, MIN_YEAR), i * 10 + 9
            return (dt.date(lo, 1, 1), dt.date(hi, 12, 31)) if _year_ok(lo) and _year_ok(hi) else None
        if gran == "century":
            lo, hi = max(i * 100, MIN_YEAR), i * 100 + 99
            return (dt.date(lo, 1, 1), dt.date(hi, 12, 31)) if _year_ok(lo) and _year_ok(hi) else None
    except (ValueError, OverflowError):
        return None
    return None


def format_granule(g: Granule) -> str | None:
    """The TIMEX3 value of a granule ("2024-11-06", "2024-W45", "2024-Q3", "199"...)."""
    b = bounds(g)
    if b is None:
        return None
    gran, i = g
    first = b[0]
    if gran == "day":
        return first.isoformat()
    if gran in ("week", "weekend"):
        monday = dt.date.fromordinal(i * 7 + 1)
        y, w, _ = monday.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{first.year:04d}-{first.month:02d}"
    if gran == "quarter":
        return f"{first.year:04d}-Q{i % 4 + 1}"
    if gran == "half":
        return f"{first.year:04d}-H{i % 2 + 1}"
    if gran == "season":
        return f"{i // 4:04d}-{SEASONS[i % 4]}"
    if gran == "year":
        return f"{i:04d}"
    if gran == "decade":
        return f"{i:03d}"
    if gran == "century":
        return f"{i:02d}"
    return None


_VALUE_RE = re.compile(
    r"^(?:(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T[\w:.+-]*)?)?"
    r"|W(?P<w>\d{2})(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)|(?P<xx>[WQHX][X\d-]*)))?"
    r"|(?P<dec>\d{3})X?|(?P<cen>\d{2})X{0,2})$"
)


def parse_value(value: str | None) -> Granule | None:
    """The granule a TIMEX3 calendar value names, or None (durations, REFs, XX values...).

    "1989-WXX" or "1989-QX" (a week or quarter of a known year) is read as the year.
    """
    if not value:
        return None
    m = _VALUE_RE.match(value)
    if not m:
        return None
    try:
        if m["dec"]:
            return "decade", int(m["dec"])
        if m["cen"]:
            return "century", int(m["cen"])
        y = int(m["y"])
        if m["d"]:
            return "day", dt.date(y, int(m["m"]), int(m["d"])).toordinal()
        if m["m"]:
            month = int(m["m"])
            return ("month", y * 12 + month - 1) if 1 <= month <= 12 else None
        if m["w"]:
            w = int(m["w"])
            monday = dt.date.fromisocalendar(y, w, 1)
            return ("weekend" if m["we"] else "week"), (monday.toordinal() - 1) // 7
        if m["q"]:
            return "quarter", y * 4 + int(m["q"]) - 1
        if m["h"]:
            return "half", y * 2 + int(m["h"]) - 1
        if m["s"]:
            return "season", y * 4 + SEASONS.index(m["s"])
        return "year", y
    except (ValueError, OverflowError):
        return None


def resolve_value(value: str | None) -> tuple[str | None, str | None]:
    """(earliest, latest) ISO days covered by a TIMEX3 value; (None, None) when it has no
    calendar extent (durations, sets, PRESENT_REF/PAST_REF/FUTURE_REF, unknown years)."""
    g = parse_value(value)
    if g is None:
        return None, None
    b = bounds(g)
    if b is None:
        return None, None
    return b[0].isoformat(), b[1].isoformat()
