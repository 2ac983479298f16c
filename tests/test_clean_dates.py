"""Date lines and metadata date strings (storyline.clean.dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.clean.dates import find_dates, is_dateline, parse_date_string


@pytest.mark.parametrize(
    "line, iso",
    [
        ("November 6, 2024 Hour: 6:54 am", "2024-11-06"),
        ("10 November 2024 - 14:13", "2024-11-10"),
        (" date 2024-11-10 World", "2024-11-10"),
        ("date 2024-11-10", "2024-11-10"),
        ("Published 3:02 PM EDT, Tue June 4, 2019", "2019-06-04"),
        ("Updated: 12.03.2021", "2021-03-12"),
        ("Published: 12:34 BST, 5 June 2019 | Updated: 14:02 BST, 6 June 2019", "2019-06-05"),
        ("Tuesday 5 March 2013 12.30 GMT", "2013-03-05"),
        ("Posted on 6th of February, 2018", "2018-02-06"),
        ("Sept. 30, 2017", "2017-09-30"),
        ("11:05 GMT+3, 06 Aug 2020", "2020-08-06"),
        ("Last updated: 2015-07-14T15:02:00Z", "2015-07-14"),
        ("25/12/2021", "2021-12-25"),
    ],
)
def test_date_lines(line, iso):
    assert is_dateline(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "Kim visited the city on June 19, 2024.",
        "The agreement, signed on 19 June 2024, takes effect today.",
        "Draft law No. 740196-8 was posted on 12.03.2021 by the press office",
        "2 days ago",
        "World",
        "",
        "In 1998 about 2,000 people were evacuated on March 3, 1998 and later",
        "x" * 200 + " 6 November 2024",
    ],
)
def test_not_date_lines(line):
    assert is_dateline(line) is None


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2019-06-04T15:02:00.000+0000", "2019-06-04"),
        ("2019-06-04T23:30:00-05:00", "2019-06-04"),  # the date written, not converted to UTC
        ("Tue, 04 Jun 2019 15:02:00 GMT", "2019-06-04"),
        ("2016-11-08 00:00:00", "2016-11-08"),
        ("1559660520", "2019-06-04"),
        ("1559660520000", "2019-06-04"),
        ("4 Jun 2019", "2019-06-04"),
        ("Updated: 12.03.2021", "2021-03-12"),
        ("03/12/2021", "2021-03-12"),  # slashed: month first, US style
        ("June 2019", None),  # no day: not a full date
        ("31.02.2020", None),  # no such day
        ("12.03.3021", None),  # out of range year
        ("", None),
        ("not a date", None),
    ],
)
def test_parse_date_string(value, iso):
    assert parse_date_string(value) == iso


def test_find_dates_in_order_with_spans():
    text = "Signed on 19 June 2024 and ratified on 2024-11-06, in force from Dec. 4, 2024."
    found = find_dates(text)
    assert [d for d, _ in found] == ["2024-06-19", "2024-11-06", "2024-12-04"]
    for _, (a, b) in found:
        assert text[a:b].strip()


def _valid_iso(value):
    return value is None or (isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_never_raises_on_any_text(s):
    assert _valid_iso(parse_date_string(s))
    assert _valid_iso(is_dateline(s))


_pieces = st.sampled_from([
    "Published", "Updated:", "date", "Hour:", "6:54 am", "14:13", "|", "-", ",", "World", "12.03.2021",
    "2024-11-10", "November", "Nov.", "6", "31", "2024", "1899", "2100", "T12:00Z", "GMT+3", "of", "03/12/2021",
    "99.99.2020", "Tue", "0", "00", "2024-02-30", "  ", "\n", "é", "١٢",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=10).map(" ".join))
def test_never_raises_on_date_like_text(s):
    assert _valid_iso(parse_date_string(s))
    assert _valid_iso(is_dateline(s))


_FORMATS = [
    lambda d: d.isoformat(),
    lambda d: f"{d:%B} {d.day}, {d.year}",
    lambda d: f"{d.day} {d:%B} {d.year}",
    lambda d: f"{d:%b}. {d.day}, {d.year}",
    lambda d: f"{d:%d.%m.%Y}",
    lambda d: f"Published 3:02 PM EDT, {d:%a} {d:%B} {d.day}, {d.year}",
    lambda d: f"{d:%A}, {d.day} {d:%B} {d.year} - 14:13",
    lambda d: f"{d:%a}, {d:%d} {d:%b} {d.year} 06:54:00 GMT",
]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(range(len(_FORMATS))))
def test_round_trip(d, k):
    text = _FORMATS[k](d)
    assert parse_date_string(text) == d.isoformat()
    assert is_dateline(text) == d.isoformat()
