"""Property tests for the time-expression finder and the TIMEX3 calendar: whatever the text
and the anchor, it never raises, offsets quote the text, and no date leaves its window."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.annotate import timex_calendar as cal
from storyline.annotate.timex import date_and_precision, find_timexes, resolve_value

PHRASES = [
    "yesterday", "today", "tonight", "tomorrow", "this morning", "last night", "on Friday", "last Monday",
    "next Tuesday", "Sunday night", "in June", "June 19", "19 June 2024", "June 19, 2024", "2024-06-19",
    "Feb. 29", "February 2022", "since August", "by the end of the year", "the end of the month", "next week",
    "this week", "last month", "earlier this year", "later this year", "in the coming weeks", "in 2022",
    "last summer", "this winter", "the third quarter", "third-quarter", "Q4 2023", "the first half of 2019",
    "the 1990s", "the '80s", "the 19th century", "two days ago", "three weeks ago", "a decade ago",
    "a year earlier", "the following month", "that day", "for three years", "a five-year plan", "2 1/2 years",
    "every week", "weekly", "each Thursday", "$5 a year", "now", "currently", "recently", "in the future",
    "6:54 am", "10 p.m. Wednesday", "noon", "mid-2024", "early June", "late 2023", "the weekend", "Christmas",
    "Easter 2024", "1,990 cars", "$2000", "a second term", "May I", "9999", "0001", "31/12/1999", "Dec. 31",
]
FILLER = ["The", "minister", "said", "will", "had", "been", "scheduled", "to", "meet", ",", ".", "and", "in", "on",
          "since", "by", "until", "profit", "rose", "fell", "from", "\n\n", "It", "is", "was", "expected"]

anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
news_text = st.lists(st.sampled_from(PHRASES + FILLER), min_size=0, max_size=40).map(" ".join)


def check(text: str, anchor) -> None:
    for t in find_timexes(text, anchor):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.kind in ("point", "range", "duration", "set", "future")
        assert t.precision in (None, "day", "week", "month", "quarter", "season", "half", "year", "decade", "century")
        if t.earliest and t.latest:
            assert t.earliest <= t.latest
        if t.kind in ("duration", "set"):
            assert t.earliest is None and t.latest is None
        if t.kind == "point" and t.precision is not None:
            # the bounds sit inside the period the value names
            lo, hi = resolve_value(t.value.split("T")[0] if t.type == "TIME" else t.value)
            assert lo is not None and t.earliest is not None and lo <= t.earliest and t.latest <= hi
            day, precision = date_and_precision(t)
            assert precision == t.precision and day is not None and lo.startswith(day[:4])
        if t.kind == "range" and t.earliest is not None and t.precision is not None:
            # a range starts inside the period its value names: "since August" at August's first
            # day, "(since) the end of the month" on one of its last days
            lo, hi = resolve_value(t.value)
            assert lo <= t.earliest <= hi
        if t.kind == "future" and anchor is not None and t.earliest is not None:
            assert t.earliest >= anchor.isoformat()
        if anchor is None and t.value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
            assert t.earliest is None and t.latest is None  # nothing to pin "now" to


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_text, anchors)
def test_finder_on_newsy_text(text, anchor):
    check(text, anchor)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), anchors)
def test_finder_on_any_text(text, anchor):
    check(text, anchor)


GRANS = ["day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century"]


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(100, 1, 1), max_value=dt.date(9899, 12, 31)), st.sampled_from(GRANS))
def test_granules_round_trip(day, gran):
    g = cal.granule_of(day, gran)
    value = cal.format_granule(g)
    assert value is not None
    lo, hi = resolve_value(value)
    if gran == "weekend":
        # the weekend of the day's week: same ISO week, Saturday and Sunday
        assert dt.date.fromisoformat(lo).isocalendar()[:2] == day.isocalendar()[:2]
        assert dt.date.fromisoformat(lo).weekday() == 5 and dt.date.fromisoformat(hi).weekday() == 6
    else:
        assert lo <= day.isoformat() <= hi, (value, lo, hi)
    assert cal.parse_value(value) == g
    # neighbouring granules do not overlap and leave no gap
    nxt = cal.bounds((gran, g[1] + 1))
    if nxt is not None and gran != "weekend":
        assert nxt[0] == dt.date.fromisoformat(hi) + dt.timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_resolve_value_never_raises(value):
    lo, hi = resolve_value(value)
    assert (lo is None) == (hi is None)
    if lo is not None:
        assert lo <= hi
