"""The publication date of one article: metadata checked against the URL, the crawl and the text.

A metadata date is a claim, not a fact. Three failures are common in crawled news:

* a **bare date**: ``2017-12-30T00:00:00`` (or ``2017-12-30``) has lost its time and its zone.
  It is often the print-edition date (the next day) or a day shifted by a time zone, so it
  is only good to a day either way;
* a **crawl date** stored as the publication date: the metadata time lies within hours of
  the moment the page was downloaded, days or years after the events the text tells;
* no date at all.

Two other witnesses can be asked. The **URL**, where the publishing system wrote the day the
page was first put online (``/2017/12/29/``), though some outlets write the print date there.
And the **text**: a report names the days of its news by weekday or "yesterday" and tells
them in the past tense, and tells what is still to come in the future tense. Under the right
publication day these agree: nothing told as done lies after it, nothing told as ahead lies
before it, and the newest day the report tells as past is, in most reports, the day itself
or the day before (news is written the day it happens).

The rules, each recording its reason in ``Published.evidence``:

1. A timed metadata date is kept, unless it is a crawl date that the text contradicts.
2. A bare metadata date that another witness (URL, date line) puts a day or two apart is
   decided by the text: the candidate under which the newest past day the text tells is
   closest to it wins. When the text cannot tell them apart, the earlier day is taken (print
   editions, UTC dates of evening articles and print-dated URLs all err late), with the window
   spanning both kept in ``earliest``/``latest``.
3. A rejected metadata date leaves a window: no earlier than the newest date the text tells
   as past, no later than the crawl (a page exists before it is downloaded).
4. With no metadata date, a URL date (or date line) the text does not contradict is used.

Nothing here knows any outlet: the witnesses and the checks are the same for every page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyline import words as wordlists
from storyline.clean.dates import MONTHS, parse_date_string
from storyline.model import Published

# Two witnesses further apart than this tell of different things (a first version and an
# update, a print edition a week later): the bare-date rule does not try to choose.
MAX_DISAGREEMENT_DAYS = 2
# A publication time a whole number of hours (a time zone) from the download time, to within
# this slack, is the crawler's own clock.
ZONE_REACH = dt.timedelta(hours=14)
CLOCK_SLACK = dt.timedelta(minutes=2)
# A crawl-time "publication" more than this many days after every date the text spells out
# is not the outlet's date (news is told within days; a page recrawled later keeps its text).
PLACEHOLDER_DAYS = 7  # a bare day this much older than a date the text tells as past is no publication date
STALE_DAYS = 90
# A URL day more than this many days before the metadata: an edit date, not a second witness.
UPDATE_DAYS = 30
# A stamp before this hour (UTC or no zone) may belong to the evening before in the Americas.
SMALL_HOURS = 6
# Expressions counted from the publication day itself ("last month", "the next day") move with
# it and cannot contradict it: a clash there is a wrong guess of tense, not evidence.
_OFFSET = re.compile(r"\b(?:" + wordlists.alternation("relative_time_words") + r")\b", re.I)
# Expressions the text check reads: those naming a day or a month (a year says too little).
_PRECISE = {"day", "month"}

_URL_DATE = [
    # /2017/12/29/ and /2016/nov/09/ (a path segment each)
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2]|[a-z]{3,9})/(?P<d>0?[1-9]|[12]\d|3[01])(?:/|$|[-_.])", re.I),
    # /2017-05/09/
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])/(?P<d>0[1-9]|[12]\d|3[01])(?:/|$)"),
    # /2017-12-29/ or -2017-12-29- inside a slug
    re.compile(r"[/_-](?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"),
    # /20171229/ as a whole segment
    re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:/|$)"),
]


def url_path(url: str | None) -> str:
    """An article URL's path, without scheme, host, query or fragment ("" for no URL)."""
    if not isinstance(url, str) or len(url) > 4096:
        return ""
    return re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.I).split("?")[0].split("#")[0]


def url_date(url: str | None) -> str | None:
    """The day written in an article URL's path (``/2017/12/29/``, ``/2016/nov/09/``), or None."""
    path = url_path(url)
    if not path:
        return None
    for rx in _URL_DATE:
        m = rx.search(path)
        if not m:
            continue
        month = m.group("m")
        mon = int(month) if month.isdigit() else MONTHS.get(month.lower())
        if mon is None:
            continue
        try:
            return dt.date(int(m.group("y")), mon, int(m.group("d"))).isoformat()
        except ValueError:
            continue
    return None


def _datetime(value: str | None) -> dt.datetime | None:
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    try:
        d = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return d.replace(tzinfo=None) if d.tzinfo is None else d


def is_bare(value: str | None) -> bool:
    """A metadata date with no time of day: date-only, or exactly midnight (a placeholder)."""
    if not isinstance(value, str):
        return False
    s = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return True
    d = _datetime(s)
    return d is not None and (d.hour, d.minute, d.second, d.microsecond) == (0, 0, 0, 0)


def crawl_coincident(published: str | None, downloaded: str | None) -> bool:
    """Whether a metadata publication time is the crawler's own clock: it lies within a time
    zone's reach of the download time (at most 14 hours) and differs from it by a whole
    number of hours, give or take two minutes (the download clock read in another zone).

    A page genuinely published a few hours before it was fetched differs by some hours and
    any number of minutes; a time that matches the download to the minute in some zone is
    the fetch itself.
    """
    p, c = _datetime(published), _datetime(downloaded)
    if p is None or c is None or is_bare(published):
        return False
    if (p.tzinfo is None) != (c.tzinfo is None):
        p, c = p.replace(tzinfo=None), c.replace(tzinfo=None)
    gap = abs((c - p).total_seconds())
    off_hour = min(gap % 3600, 3600 - gap % 3600)
    return gap <= ZONE_REACH.total_seconds() and off_hour <= CLOCK_SLACK.total_seconds()


def _stamped_on_crawl_day(metadata: str, meta_day: str, downloaded: str | None) -> bool:
    """Rule 10: a day with no time of day that is the very day of the crawl. A page that
    gives no date of its own is stamped "today" by the crawler; where the outlet did give one,
    the text's weekdays still pin the day (rule 9), so nothing true is lost."""
    crawl = parse_date_string(downloaded) if downloaded else None
    return is_bare(metadata) and crawl is not None and crawl[:10] == meta_day


@dataclass(slots=True)
class Reading:
    """What the text says under one candidate publication day."""

    day: str
    contradictions: list[str]  # "'X' told as past, after the day" ...
    newest_past: str | None  # the latest day the text tells as past, relative to this day
    lag: int | None  # days from ``newest_past`` to ``day``


def read_text(body: str, day: str) -> Reading:
    """Check the text's time expressions against ``day`` taken as the publication date.

    Only day- or month-precise expressions with a clear tense count: "told as done" (past)
    must not lie after the day, "told as ahead" (future) must not lie before it. The newest
    day told as past, among the expressions resolved relative to ``day`` (weekdays,
    "yesterday"), measures how close the day is to the news the article reports.
    """
    from storyline.annotate.timex import find_timexes, sentence_starts
    from storyline.annotate.timex_tense import Tense

    contradictions: list[str] = []
    newest: str | None = None
    if not body:
        return Reading(day, contradictions, None, None)
    tense_of = Tense(body, sentence_starts(body), None)
    for t in find_timexes(body, day):
        if t.kind != "point" or t.precision not in _PRECISE or not t.earliest or not t.latest:
            continue
        tense = tense_of(t.start, t.end)
        note = None
        counted = _OFFSET.search(t.text) is not None
        if tense == "past" and t.earliest > day and not counted:
            note = f"'{t.text}' told as past is {t.value}, after {day}"
        elif tense == "future" and t.latest < day and not counted:
            note = f"'{t.text}' told as ahead is {t.value}, before {day}"
        if note:
            if note not in contradictions:
                contradictions.append(note)
        elif tense == "past" and t.relative and t.precision == "day" and t.latest <= day:
            newest = max(newest or t.latest, t.latest)
    lag = (dt.date.fromisoformat(day) - dt.date.fromisoformat(newest)).days if newest else None
    return Reading(day, contradictions, newest, lag)


def told_after(body: str, day: str) -> str | None:
    """Why ``day``, a date read from a page's text, cannot be taken as its publication date:
    the article's own text spells it out as the day of something it reports ("signed in
    Pyongyang on June 19, 2024"), tells something done after it, or spells out a later date.
    None when nothing does (the date came from the page around the article: "Posted ...")."""
    from storyline.annotate.timex import find_timexes

    for t in find_timexes(body, day) if body else []:
        if not t.relative and t.kind == "point" and t.precision == "day" and t.earliest == day:
            return f"the article's text gives '{t.text}' as the day of something it reports"
    reading = read_text(body, day)
    if reading.contradictions:
        return _short(reading.contradictions)
    floor = _floor(body, day)
    if floor and floor > day:
        return f"the text gives {floor}, after {day}"
    return None


def _floor(body: str, anchor: str | None) -> str | None:
    """The newest day- or month-precise date the text gives without needing the publication
    date ("on December 31, 2015"), told as past or without tense: the article is no older."""
    from storyline.annotate.timex import find_timexes, sentence_starts
    from storyline.annotate.timex_tense import Tense

    if not body:
        return None
    tense_of = Tense(body, sentence_starts(body), None)
    floor = None
    for t in find_timexes(body, anchor):
        if t.relative or t.kind != "point" or t.precision not in _PRECISE or not t.earliest:
            continue
        if tense_of(t.start, t.end) == "future":
            continue
        floor = max(floor or t.earliest, t.earliest)
    return floor


def _newest_told(body: str, anchor: str) -> str | None:
    """The latest end of any date the text spells out (a day, a month or a year: "Throughout
    2017" reaches 2017-12-31), in any tense (a date told as ahead is as recent a sign as one
    told as done): the text knows of nothing later."""
    from storyline.annotate.timex import find_timexes

    if not body:
        return None
    newest = None
    for t in find_timexes(body, anchor):
        if t.relative or t.kind != "point" or t.precision not in ("day", "month", "year") or not t.latest:
            continue
        newest = max(newest or t.latest, t.latest)
    return newest


def _short(items: list[str]) -> str:
    return "; ".join(items[:2]) + (f" (+{len(items) - 2} more)" if len(items) > 2 else "")


def _days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


# /2018/02/ with no day after it: the month the publishing system minted the URL in.
_URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])/(?!(?:0?[1-9]|[12]\d|3[01])(?:/|$|[-_.]))")


def url_month(url: str | None) -> str | None:
    """The first day of the month an article URL names without a day ("/2018/02/quentin-..."), or None."""
    m = _URL_MONTH.search(url_path(url))
    return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-01" if m else None


def date_article(body: str, *, metadata: str | None, url: str | None = None,
                 dateline: tuple[str, str] | None = None, downloaded: str | None = None) -> Published | None:
    """The publication date (or honest window), with a window's lower bound from the URL's month
    when nothing else gives one: a page is no older than the month its address was minted in."""
    pub = _date_article(body, metadata=metadata, url=url, dateline=dateline, downloaded=downloaded)
    month = url_month(url) if pub is not None and pub.date is None and pub.earliest is None else None
    if month and pub.latest and month <= pub.latest:
        pub.earliest = month
        pub.evidence = f"{pub.evidence}; no earlier than {month} (the URL's month, {url})"
    return pub


def _date_article(body: str, *, metadata: str | None, url: str | None = None,
                  dateline: tuple[str, str] | None = None, downloaded: str | None = None) -> Published | None:
    """The publication date (or honest window) of one article from its witnesses.

    ``metadata`` is the date string the input gave (as given); ``url`` the article URL;
    ``dateline`` an (ISO day, line) found in the text; ``downloaded`` the crawl time when the
    input records it. Returns None when no witness gives anything.
    """
    meta_day = parse_date_string(metadata) if metadata else None
    url_day = url_date(url)
    # The outlet's own printed date line speaks before the URL.
    others = [(d, how, ev) for d, how, ev in ((dateline[0] if dateline else None, "dateline",
                                              dateline[1] if dateline else None), (url_day, "url", url)) if d]
    if meta_day:
        if crawl_coincident(metadata, downloaded) or _stamped_on_crawl_day(metadata, meta_day, downloaded):
            reading = read_text(body, meta_day)
            if reading.contradictions:
                why = (f"metadata date {metadata} is the crawl time (downloaded {downloaded}) and the text "
                       f"contradicts it: {_short(reading.contradictions)}")
                return _fallback(body, others, upper=min(meta_day, downloaded[:10]), why=why)
            floor = _floor(body, meta_day)
            newest = _newest_told(body, meta_day)
            if floor and newest and (dt.date.fromisoformat(meta_day) - dt.date.fromisoformat(newest)).days > STALE_DAYS:
                # Rule 5: every date the text spells out is months older than this "publication":
                # the crawler's clock, not the outlet's.
                why = (f"metadata date {metadata} is the crawl time (downloaded {downloaded}) and the newest "
                       f"date the text spells out, {floor}, is more than {STALE_DAYS} days older")
                return _fallback(body, [o for o in others if o[0] >= floor], upper=min(meta_day, downloaded[:10]),
                                 why=why, pin_from=floor)
            # Rule 9: even when nothing contradicts it, the crawler's clock only says the page
            # existed by then; a URL or date-line day, or the text's weekdays, may still pin it.
            why = f"metadata date {metadata} is the crawl time (downloaded {downloaded}), not a publication date"
            return _fallback(body, [o for o in others if not floor or o[0] >= floor],
                             upper=min(meta_day, downloaded[:10]), why=why)
        if is_bare(metadata):
            floor = _floor(body, meta_day)
            upper = downloaded[:10] if parse_date_string(downloaded or "") else None
            if upper and floor and floor > meta_day and _days_apart(floor, meta_day) > PLACEHOLDER_DAYS:
                # Rule 8: a day with no time of day (a placeholder, or the page's first version)
                # older than a date the text spells out as past: the article is no older than
                # that, and no younger than its crawl.
                why = (f"metadata date {metadata} has no time of day and the text tells {floor} as past, "
                       "after it: a placeholder")
                return _fallback(body, [o for o in others if o[0] >= floor], upper=upper, why=why, pin_from=floor)
        if url_day and url_day < meta_day and _days_apart(url_day, meta_day) > UPDATE_DAYS:
            # Rule 6: a URL day months before the metadata: the URL was minted when the page first
            # went online, the metadata is a later edit, unless the text tells news after the URL day.
            reading = read_text(body, url_day)
            floor = _floor(body, url_day)
            if not reading.contradictions and not (floor and floor > url_day):
                why = (f"metadata {metadata} is {_days_apart(url_day, meta_day)} days after the URL date "
                       f"{url_day} and the text tells nothing after the URL date: the metadata is a later edit")
                return Published(url_day, url_day, meta_day, "url", f"{url} ({why})")
        if not is_bare(metadata) and not crawl_coincident(metadata, downloaded):
            outlet_day = _url_day_before_small_hours(metadata, meta_day, url_day)
            if outlet_day:
                return outlet_day
            shifted = _small_hours(body, metadata, meta_day)
            if shifted:
                return shifted
        if is_bare(metadata):
            rivals = [(d, how, ev) for d, how, ev in others if d != meta_day and _days_apart(d, meta_day) <= MAX_DISAGREEMENT_DAYS]
            if rivals:
                return _decide(body, metadata, meta_day, rivals)
        return Published(meta_day, meta_day, meta_day, "metadata", metadata)
    return _fallback(body, others, upper=downloaded[:10] if parse_date_string(downloaded or "") else None,
                     why=None)


def _decide(body: str, metadata: str, meta_day: str, rivals: list[tuple[str, str, str]]) -> Published:
    """A bare metadata day against a rival witness a day or two away: the text decides."""
    cands = [(meta_day, "metadata", metadata)] + rivals
    readings = {d: read_text(body, d) for d, _, _ in cands}
    # A candidate the text contradicts is out, when another is not.
    clean = [c for c in cands if not readings[c[0]].contradictions] or cands
    scored = sorted((readings[d].lag if readings[d].lag is not None else 99, d, how, ev) for d, how, ev in clean)
    days = sorted(d for d, _, _ in cands)
    bare = f"metadata {metadata} is a bare date (no time of day)"
    if len(scored) == 1 or scored[0][0] < scored[1][0]:
        lag, day, how, ev = scored[0]
        r = readings[day]
        told = f"the newest day the text tells as past is {r.newest_past}" if r.newest_past else "the text agrees"
        rejected = [f"{h} gives {d}" for d, h, _ in cands if d != day]
        reason = f"{bare}; {', '.join(rejected)}; {told}"
        if r.contradictions == [] and any(readings[d].contradictions for d, _, _ in cands if d != day):
            reason += "; the text contradicts the others"
        return Published(day, day, day, how, f"{ev} ({reason})" if how != "metadata" else f"{metadata} ({reason})")
    # The text cannot tell them apart. Every known cause of such a split moves a witness
    # later, never earlier: a print-edition date (the next morning), a day written in UTC for
    # an evening article in the Americas, a URL minted for the print edition. So the earlier
    # day is the better estimate; the window keeps the later one in view.
    day, how, ev = min(cands)
    rivals_txt = ", ".join(f"{h} gives {d}" for d, h, _ in cands if d != day)
    reason = f"{bare}; {rivals_txt}; the text does not tell them apart, and a split like this comes from a later date"
    return Published(day, days[0], days[-1], how, f"{ev if how != 'metadata' else metadata} ({reason})")


_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|tonight|yesterday|this morning|"
                      r"this afternoon|this evening|last night)\b", re.I)
_LATE = re.compile(r"\b(?:evening|night|late|midnight|(?:9|10|11|12)(?::\d\d)?\s*(?:pm|p\.m\.))", re.I)
_STAMP_DAY = re.compile(r"\b(?:yesterday|last night)\b", re.I)


def _named_days(body: str, day: str) -> list[tuple[str, str, str | None]]:
    """(text, day, tense) of the expressions that name a day by weekday or "today"/"yesterday",
    resolved against ``day``. A bare clock time ("4pm") is anchored to ``day`` by construction
    and says nothing about which day the writer was in."""
    from storyline.annotate.timex import find_timexes, sentence_starts
    from storyline.annotate.timex_tense import Tense

    tense_of = Tense(body, sentence_starts(body), None)
    out = []
    for t in find_timexes(body, day):
        if t.kind == "point" and t.precision == "day" and t.relative and t.latest and _WEEKDAY.search(t.text):
            out.append((t.text, t.latest, tense_of(t.start, t.end)))
    return out


def _url_day_before_small_hours(metadata: str, meta_day: str, url_day: str | None) -> Published | None:
    """A stamp in the small hours (UTC or no zone) under a URL minted the day before ("/2017/oct/13/"
    stamped 2017-10-14T00:43): the URL gives the outlet's own day of first publication, the stamp
    the clock's day after midnight. The URL's day is the date; the window reaches the stamp's."""
    stamp = _datetime(metadata)
    if not url_day or stamp is None or stamp.hour >= SMALL_HOURS:
        return None
    if stamp.tzinfo is not None and stamp.utcoffset() != dt.timedelta(0):
        return None
    if (dt.date.fromisoformat(meta_day) - dt.date.fromisoformat(url_day)).days != 1:
        return None
    why = (f"metadata {metadata} is a stamp in the small hours (UTC or no zone) and the URL gives the day "
           f"before, the outlet's own day")
    return Published(url_day, url_day, meta_day, "url", why)


def _small_hours(body: str, metadata: str, meta_day: str) -> Published | None:
    """Rule 7: a stamp in the small hours of a day (UTC or no zone) whose text names the day
    before as its newest news by weekday, never the stamp's own day, and never says "yesterday":
    the report may have been written the evening before (the Americas) or on the stamp's day
    (Asia). No day is given; the window holds both, and the story's other reports may pin it
    (``timeline.infer``)."""
    stamp = _datetime(metadata)
    if stamp is None or stamp.hour >= SMALL_HOURS:
        return None
    if stamp.tzinfo is not None and stamp.utcoffset() != dt.timedelta(0):
        return None
    if not body:
        return None
    days = _named_days(body, meta_day)
    prev = (dt.date.fromisoformat(meta_day) - dt.timedelta(days=1)).isoformat()
    past = [d for _, d, tense in days if tense == "past"]
    # A day told as ahead may be the stamp's own (the evening before says "on Sunday" of the
    # morning after); a day told as done or as now on or after the stamp's day is not the evening before.
    if not past or max(past) != prev or any(d >= meta_day and tense != "future" for _, d, tense in days):
        return None
    if any(_STAMP_DAY.search(text) for text, _, _ in days):
        return None
    if read_text(body, prev).contradictions:
        return None
    named = sorted({text for text, d, _ in days if d == prev})
    # News of the evening or night before can only be told after it: a small-hours stamp is
    # then the writer's own time, and nothing says the day is the clock's.
    if any(_LATE.search(text) for text in named):
        return None
    why = (f"metadata {metadata} is a stamp in the small hours (UTC or no zone) and the text names "
           f"{prev} ({', '.join(repr(n) for n in named[:3])}) as its newest news, never the stamp's day "
           f"nor 'yesterday': possibly written the evening before, so the window reaches back a day")
    # Editors date such stamps both ways (a wire stamped 00:37 by its stamp, US-evening stamps
    # of 03:15 and 04:03 as the day before): showing either day would present one end of the
    # window as the date.
    return Published(None, prev, meta_day, "metadata", f"{metadata} ({why})")


def _pin(body: str, floor: str, upper: str) -> tuple[str, str] | None:
    """Within a week after ``floor``, the day under which the text's weekdays fit best: its
    newest weekday told as past is that day or the day before, and nothing contradicts it."""
    best = None
    start = dt.date.fromisoformat(floor)
    for k in range(7):
        day = (start + dt.timedelta(days=k)).isoformat()
        if day > upper:
            break
        r = read_text(body, day)
        if r.contradictions or r.lag is None or r.lag > 1 or r.newest_past < floor:
            continue
        if best is None or r.lag < best[0]:
            best = (r.lag, day, r.newest_past)
    return (best[1], best[2]) if best else None


def _fallback(body: str, others: list[tuple[str, str, str]], *, upper: str | None, why: str | None,
              pin_from: str | None = None) -> Published | None:
    """No usable metadata: a URL or date-line day the text does not contradict, else a window."""
    for day, how, ev in others:
        if upper and day > upper:
            continue
        reading = read_text(body, day)
        if not reading.contradictions:
            return Published(day, day, day, how, f"{ev} ({why})" if why else ev)
    if upper is None:
        if others and why is None:
            day, how, ev = others[0]  # nothing better to ask: the witness stands, as given
            return Published(day, day, day, how, ev)
        return None
    floor = _floor(body, upper)
    lo = floor if floor and floor <= upper else None
    reason = why or "no publication date given"
    if pin_from:
        pinned = _pin(body, pin_from, upper)
        if pinned:
            day, told = pinned
            hi = min(upper, (dt.date.fromisoformat(pin_from) + dt.timedelta(days=6)).isoformat())
            # The weekdays fit that day best, but a report tells "on Saturday" as well on the
            # days after: the window is what the text supports, the day only its likeliest.
            return Published(None, pin_from, hi, "inferred",
                             f"{reason}; the weekdays the text tells as past fit {day} (newest {told}); "
                             f"window {pin_from} to {hi}")
    bound = f"no earlier than {lo} (the newest date it tells), " if lo else ""
    return Published(None, lo, upper, "metadata", f"{reason}; {bound}no later than {upper}")
