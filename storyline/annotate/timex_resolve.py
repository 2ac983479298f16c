"""Turning a candidate's meaning into a TIMEX3 value and day bounds.

Resolution runs in text order over the candidates :mod:`timex_rules` kept, with a
:class:`Context` that knows the anchor (publication date), the tense around each span and the
time last mentioned, so that news conventions can be followed:

* a weekday is the most recent such day on or before the anchor, or the next one when the
  clause is in the future tense ("will meet on Monday");
* a month or a day with no year is the nearest one, with the past preferred (a future one must
  be at most half as far away), unless the tense says which;
* a quarter, season or half with no year is the latest one that has begun;
* "a year earlier", "the following month", "that day" count from the time last mentioned;
* in earnings reports "the quarter" and "a year ago" follow the quarter under discussion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from storyline.annotate import timex_calendar as cal
from storyline.annotate.timex_rules import Cand
from storyline.annotate.timex_rules_more import holiday_date

Granule = cal.Granule


@dataclass(slots=True)
class Res:
    """A resolved time expression, before it becomes a :class:`~storyline.model.TimeExpr`."""

    value: str | None
    type: str = "DATE"
    gran: str | None = None
    kind: str = "point"
    earliest: dt.date | None = None
    latest: dt.date | None = None
    relative: bool = False


@dataclass(slots=True)
class Context:
    """What resolution needs beyond the candidate itself."""

    anchor: dt.date | None
    tense: Callable[[Cand], str | None] = lambda c: None
    sentence: Callable[[int], int] = lambda pos: 0
    ref: Granule | None = None  # the time last mentioned
    ref_sentence: int = -99
    qref: Granule | None = None  # the quarter last named
    qref_sentence: int = -99


# How far ahead "the coming weeks" reaches, per unit.
_HORIZON = {"day": 14, "week": 56, "weekend": 56, "month": 183, "quarter": 365, "year": 365 * 5, "season": 365,
            "decade": 3650, "century": 36500}

# months in one unit, for stepping a month-like granule by a coarser unit
_MONTHS = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}


def point(g: Granule | None, relative: bool, typ: str = "DATE") -> Res | None:
    """A calendar point from a granule (None when it falls off the calendar)."""
    if g is None:
        return None
    value = cal.format_granule(g)
    b = cal.bounds(g)
    if value is None or b is None:
        return None
    return Res(value, typ, g[0], "point", b[0], b[1], relative)


def _unknown(value: str | None = None, typ: str = "DATE", relative: bool = True) -> Res:
    return Res(value, typ, None, "point", None, None, relative)


# ----------------------------------------------------------------------------- choosing an instance


def _instances(gran: str, k: int, anchor: dt.date) -> list[Granule]:
    """The granules "month k" / "quarter k" / ... in the years around the anchor."""
    out = []
    for y in range(anchor.year - 2, anchor.year + 3):
        if gran == "month":
            out.append(("month", y * 12 + k - 1))
        elif gran == "quarter":
            out.append(("quarter", y * 4 + k - 1))
        elif gran == "half":
            out.append(("half", y * 2 + k - 1))
        elif gran == "season":
            out.append(("season", y * 4 + k))
    return out


def pick(cands: list[Granule], anchor: dt.date, direction: str | None, tense: str | None, nearest: bool) -> Granule | None:
    """Choose the instance of a repeating period the text means.

    ``direction`` is "last", "next", "this" or None. Without it the instance nearest the
    anchor is taken, distances weighted by ``tense`` (future: past instances count four
    times as far; past: future ones six times); with no tense, the past is preferred two to
    one when ``nearest`` (months, days), and otherwise the latest instance that has begun.
    """
    spans = [(g, cal.bounds(g)) for g in cands]
    spans = [(g, b) for g, b in spans if b is not None]
    if not spans:
        return None
    if direction == "last":
        past = [g for g, b in spans if b[1] < anchor]
        return max(past, key=lambda g: g[1]) if past else None
    if direction == "next":
        future = [g for g, b in spans if b[0] > anchor]
        return min(future, key=lambda g: g[1]) if future else None
    if direction == "this":
        inside = [g for g, b in spans if b[0] <= anchor <= b[1]]
        if inside:
            return inside[0]
        same_year = [g for g, b in spans if b[0].year == anchor.year]
        return same_year[0] if same_year else None
    # Without a direction, the nearest instance wins, distances weighted by tense: a wrong
    # tense guess then costs at most a near miss, never a jump of a whole year.
    if tense == "future":
        past_w, future_w = 4, 1
    elif tense == "past":
        past_w, future_w = 1, 6
    else:
        past_w, future_w = (1, 2) if nearest else (1, 1000)

    def cost(item):
        g, b = item
        if b[0] <= anchor <= b[1]:
            return 0
        if b[0] > anchor:
            return future_w * (b[0] - anchor).days
        return past_w * (anchor - b[1]).days

    return min(spans, key=cost)[0]


def _weekday(wd: int, direction: str | None, tense: str | None, base: dt.date) -> dt.date:
    """The day a weekday name points to, seen from ``base``."""
    aw = base.weekday()
    back = (aw - wd) % 7
    fwd = (wd - aw) % 7
    if direction == "last":
        return base - dt.timedelta(days=back or 7)
    if direction == "next":
        return base + dt.timedelta(days=fwd or 7)
    if direction == "this":
        return base + dt.timedelta(days=wd - aw)
    if tense == "future":
        return base + dt.timedelta(days=fwd)
    return base - dt.timedelta(days=back)


# ----------------------------------------------------------------------------- stepping


def _add_months(day: dt.date, months: int) -> dt.date | None:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not cal.MIN_YEAR <= y <= cal.MAX_YEAR:
        return None
    last = cal.bounds(("month", y * 12 + m))
    if last is None:
        return None
    return dt.date(y, m + 1, min(day.day, last[1].day))


# days in one unit, for going back exactly n units from a day (_MONTHS for the longer ones)
_UNIT_DAYS = {"day": 1, "week": 7, "weekend": 7}


def _back(day: dt.date, unit: str, n: int) -> dt.date | None:
    """The day ``n`` ``unit``s before ``day``."""
    if unit in _UNIT_DAYS:
        return day - dt.timedelta(days=_UNIT_DAYS[unit] * n)
    if unit in _MONTHS:
        return _add_months(day, -_MONTHS[unit] * n)
    return None


def step(g: Granule, unit: str, n: int) -> Granule | None:
    """Move granule ``g`` by ``n`` ``unit``s, keeping the granularity of ``g`` when it is finer."""
    gran, i = g
    if gran == unit or (gran == "weekend" and unit == "week"):
        return gran, i + n
    if unit in ("day", "week", "weekend"):
        if gran in ("day", "week", "weekend"):
            days = n * (1 if unit == "day" else 7)
            if gran == "day":
                return gran, i + days
            return gran, i + days // 7 if days % 7 == 0 else i + round(days / 7)
        return g  # a month moved by days: stay at the month
    # unit is month-like or coarser
    months = n * _MONTHS.get(unit, 12)
    if gran in ("day", "week", "weekend"):
        b = cal.bounds(g)
        if b is None:
            return None
        first = b[0] if gran == "day" else b[0] + dt.timedelta(days=3)  # mid-week keeps the week number stable
        moved = _add_months(first, months)
        return cal.granule_of(moved, gran) if moved else None
    if gran in _MONTHS:
        per = _MONTHS[gran]
        if months % per == 0:
            return gran, i + months // per
        return g
    return g


# ----------------------------------------------------------------------------- resolving one candidate


def _recent(ctx: Context, c: Cand, window: int) -> Granule | None:
    if ctx.ref is None:
        return None
    if ctx.sentence(c.start) - ctx.ref_sentence > window:
        return None
    return ctx.ref


def _quarter_ref(ctx: Context, c: Cand, window: int = 10_000) -> Granule | None:
    if ctx.qref is None or ctx.sentence(c.start) - ctx.qref_sentence > window:
        return None
    return ctx.qref


def resolve(c: Cand, ctx: Context) -> Res | None:
    """Value, granularity and bounds for candidate ``c`` (None when it cannot be a timex)."""
    sem = c.sem
    kind = sem[0]
    anchor = ctx.anchor
    if kind == "abs":
        return point((sem[1], sem[2]), False)
    if kind == "dur":
        return Res(sem[1], "DURATION", None, "duration") if sem[1] else None
    if kind == "set":
        return Res(sem[1], "SET", None, "set") if sem[1] else None
    if kind == "ref":
        return _ref(sem[1], anchor)
    if kind == "time":
        return _time(c, ctx)
    if kind == "md":
        return _month_day(c, ctx)
    if kind == "holiday":
        return _holiday(c, ctx)
    if kind == "cyc":
        _, gran, k, direction = sem
        if anchor is None:
            x = {"month": f"XXXX-{k:02d}", "quarter": f"XXXX-Q{k}", "half": f"XXXX-H{k}",
                 "season": f"XXXX-{cal.SEASONS[k % 4]}"}[gran]
            return _unknown(x)
        g = pick(_instances(gran, k, anchor), anchor, direction, ctx.tense(c), nearest=gran == "month")
        return point(g, True)
    if kind == "cycy":
        _, gran, k, off = sem
        if anchor is None:
            return _unknown()
        y = anchor.year + off
        base = {"month": ("month", y * 12 + k - 1), "quarter": ("quarter", y * 4 + k - 1), "half": ("half", y * 2 + k - 1)}[gran]
        return point(base, True)
    if anchor is None:
        if kind == "future":
            return Res("FUTURE_REF", "DATE", None, "future", None, None, True)
        return _unknown()
    if kind == "weekday":
        day = _weekday(sem[1], sem[2], ctx.tense(c) if sem[2] is None else None, anchor)
        res = point(("day", day.toordinal()), True)
        if sem[2] == "last" and (anchor - day).days == 1 and res is not None:
            # "last Wednesday" said on a Thursday: a writer meaning the day before would say
            # "yesterday", so most mean the week before's; some do not. The window holds both
            # days; the value stays the nearer one.
            res.earliest, res.gran = day - dt.timedelta(days=7), None
        return res
    if kind == "weekday_ref":
        ref = _recent(ctx, c, 3)
        base = dt.date.fromordinal(ref[1]) if ref and ref[0] == "day" else anchor
        direction = {-1: "last", 1: "next", 0: None}[sem[2]]
        return point(("day", _weekday(sem[1], direction, None, base).toordinal()), True)
    if kind == "rel":
        return _rel(c, ctx)
    if kind == "ago":
        _, gran, n = sem
        if n is None:
            return _ref("PAST_REF", anchor)
        if gran == "year" and n == 1:
            q = _quarter_ref(ctx, c, 4)
            if q is not None:
                return point(step(q, "year", -1), True)
        if gran in ("decade", "century"):
            res = point(("year", anchor.year - n * (10 if gran == "decade" else 100)), True)
        else:
            res = point(step(cal.granule_of(anchor, gran), gran, -n), True)
        if res is not None and c.mod == "AGO_AT_LEAST" and n > 0:
            # The value stays the period's (TIMEX3 keeps "more than" in mod); the honest
            # bounds are "any time up to that long before the report".
            latest = _back(anchor, gran, n)
            if latest is not None:
                res = Res(res.value, res.type, res.gran, "range", None, latest, True)
        return res
    if kind == "shift":
        gran, n = sem[1], sem[2]
        coarse = len(sem) > 3  # "the following year" is a year; "a year earlier" keeps the quarter
        if n is None:
            return _ref("PAST_REF", anchor)
        ref = _recent(ctx, c, 2)
        if gran == "year" and n == -1 and not coarse:
            q = _quarter_ref(ctx, c, 4)
            if q is not None:
                return point(step(q, "year", -1), True)
        if ref is None:
            return point(step(cal.granule_of(anchor, gran), gran, n), True)
        if coarse and gran in cal.ORDER and cal.ORDER.index(ref[0]) < cal.ORDER.index(gran):
            b = cal.bounds(ref)
            if b is None:
                return None
            ref = cal.granule_of(b[0], gran)
        # from the time last mentioned; a coarser one ("1990 ... a month later") stays as coarse
        return point(step(ref, gran, n), True)
    if kind == "qend":
        _, month, day, year = sem
        if year is None:
            inner = _month_day(Cand(c.start, c.end, "DATE", ("md", month, day, None)), ctx)
            if inner is None or inner.earliest is None:
                return _unknown()
            return point(cal.granule_of(inner.earliest, "quarter"), True)
        try:
            return point(cal.granule_of(dt.date(year, month, day), "quarter"), False)
        except ValueError:
            return None
    if kind == "same":
        gran = sem[1]
        ref = _recent(ctx, c, 5)
        if ref is None:
            return point(cal.granule_of(anchor, gran), True)
        b = cal.bounds(ref)
        if b is None:
            return None
        if cal.ORDER.index(ref[0]) <= cal.ORDER.index(gran if gran != "weekend" else "week"):
            return point(cal.granule_of(b[0], gran), True)
        return point(ref, True)
    if kind == "yearago":
        q = _quarter_ref(ctx, c)
        if q is not None:
            return point(step(q, "year", -1), True)
        ref = _recent(ctx, c, 1)
        if ref is not None and ref[0] in ("day", "month"):
            return point(step(ref, "year", -1), True)
        return point(("year", anchor.year - 1), True)
    if kind == "finq":
        q = _quarter_ref(ctx, c)
        last_done = step(cal.granule_of(anchor, "quarter"), "quarter", -1)
        if q is not None and sem[1] == "latest" and last_done is not None and q[1] > last_done[1]:
            q = last_done  # "the latest quarter" has been reported, so it has ended
        if q is not None:
            return point(q, True)
        return point(step(cal.granule_of(anchor, "quarter"), "quarter", -1), True)
    if kind == "yearq":
        q = _quarter_ref(ctx, c)
        if q is not None:
            return point(("quarter", sem[1] * 4 + q[1] % 4), True)
        return point(("year", sem[1]), False)
    if kind == "future":
        _, gran, _n = sem
        horizon = _HORIZON.get(gran, 183)
        return Res("FUTURE_REF", "DATE", None, "future", anchor, anchor + dt.timedelta(days=horizon), True)
    return None


def _ref(ref: str, anchor: dt.date | None) -> Res:
    if anchor is None:
        return Res(ref, "DATE", None, "point", None, None, True)
    if ref == "PRESENT_REF":
        return Res(ref, "DATE", None, "point", anchor, anchor, True)
    if ref == "PAST_REF":
        return Res(ref, "DATE", None, "range", None, anchor, True)
    return Res(ref, "DATE", None, "future", anchor, None, True)


def _rel(c: Cand, ctx: Context) -> Res | None:
    _, gran, off = c.sem
    anchor = ctx.anchor
    assert anchor is not None
    if gran == "fiscal year":
        gran = "year"
    if gran == "weekend" and off == 0:
        # "the weekend": on Monday to Thursday the one just past unless the clause looks
        # ahead; on Friday the coming one unless it looks back; on Saturday or Sunday, this one.
        g = cal.granule_of(anchor, "weekend")
        tense = ctx.tense(c)
        if (anchor.weekday() < 4 and tense != "future") or (anchor.weekday() == 4 and tense == "past"):
            g = ("weekend", g[1] - 1)
        return point(g, True)
    res = point(step(cal.granule_of(anchor, gran), gran, off), True)
    if gran == "week" and off == -1 and anchor.weekday() == 6 and res is not None:
        # Said on a Sunday, "last week" is the ISO week before (Monday to Sunday) for one
        # outlet and the seven days just ended (Sunday to Saturday) for another (US papers
        # count weeks from Sunday): the window holds both, so it is no longer one week; the
        # value stays the ISO week.
        res.latest, res.gran = anchor - dt.timedelta(days=1), None
    return res


WEEKDAY_REACH = 7  # years back a weekday given with a day and month may point to (a weekday-day pair recurs within 11)


def _day_of(year: int, month: int, day: int) -> list[dt.date]:
    try:
        return [dt.date(year, month, day)]
    except ValueError:
        return []


def _month_day(c: Cand, ctx: Context) -> Res | None:
    _, month, day, wd = c.sem
    anchor = ctx.anchor
    if anchor is None:
        return _unknown(f"XXXX-{month:02d}-{day:02d}", relative=False)
    options = []
    for y in range(anchor.year - 1, anchor.year + 2):
        try:
            options.append(dt.date(y, month, day))
        except ValueError:
            continue
    if wd is not None:
        matching = [d for d in options if d.weekday() == wd]
        if not matching:
            # No year around the anchor has that day on that weekday ("Monday, August 3" in
            # 2018): the weekday says which earlier year it was (an old caption's 2015).
            matching = [d for y in range(anchor.year - WEEKDAY_REACH, anchor.year - 1)
                        for d in _day_of(y, month, day) if d.weekday() == wd][-1:]
        if matching:
            options = matching
    if not options:
        return None
    g = pick([("day", d.toordinal()) for d in options], anchor, None, ctx.tense(c), nearest=True)
    return point(g, True)


def _holiday(c: Cand, ctx: Context) -> Res | None:
    _, name, year = c.sem
    if year is not None:
        d = holiday_date(name, year)
        return point(("day", d.toordinal()), False) if d else None
    anchor = ctx.anchor
    if anchor is None:
        return _unknown()
    options = [d for d in (holiday_date(name, y) for y in range(anchor.year - 1, anchor.year + 2)) if d]
    if not options:
        return None
    return point(pick([("day", d.toordinal()) for d in options], anchor, None, ctx.tense(c), nearest=True), True)


CLOCK_REACH = 3  # sentences back that a bare clock time looks for its day


def _time(c: Cand, ctx: Context) -> Res | None:
    _, clock, day_sem = c.sem
    day: dt.date | None = None
    relative = True
    if day_sem is not None:
        inner = resolve(Cand(c.start, c.end, "DATE", day_sem), ctx)
        if inner is None or inner.gran != "day" or inner.earliest is None:
            return None if inner is None else Res(None, "TIME", None, "point", None, None, True)
        day = inner.earliest
        relative = inner.relative
    else:
        # A bare clock time ("at about 6.10am") is on the day last named a few sentences
        # before ("on Wednesday morning"), as a reader takes it; else on the report's day.
        ref = _recent(ctx, c, CLOCK_REACH)
        if ref is not None and ref[0] == "day":
            day = dt.date.fromordinal(ref[1])
        elif ctx.anchor is not None:
            day = ctx.anchor
    if day is None:
        return Res(f"XXXX-XX-XXT{clock}", "TIME", None, "point", None, None, relative)
    return Res(f"{day.isoformat()}T{clock}", "TIME", "day", "point", day, day, relative)


# ----------------------------------------------------------------------------- modifiers


def narrow(res: Res, mod: str | None, anchor: dt.date | None) -> Res:
    """Apply "early", "mid", "late", "the end of", "earlier this", "later this" to the bounds.

    The value stays that of the whole period (TIMEX3 keeps such modifiers in ``mod``); only
    ``earliest``/``latest`` shrink, always staying inside the period.
    """
    if mod is None or res.earliest is None or res.latest is None or res.kind != "point":
        return res
    lo, hi = res.earliest, res.latest
    span = (hi - lo).days + 1
    if span <= 1:
        return res
    third = max(span // 3, 1)
    quarter = max(span // 4, 1)
    if mod == "EARLY":
        hi = lo + dt.timedelta(days=third - 1)
    elif mod == "MID":
        lo, hi = lo + dt.timedelta(days=third), lo + dt.timedelta(days=2 * third - 1)
    elif mod == "LATE":
        lo = lo + dt.timedelta(days=2 * third)
    elif mod == "START":
        hi = lo + dt.timedelta(days=quarter - 1)
    elif mod == "END":
        lo = hi - dt.timedelta(days=quarter - 1)
    elif mod == "BEFORE" and anchor is not None and lo <= anchor <= hi:
        hi = anchor
    elif mod == "AFTER" and anchor is not None and lo <= anchor <= hi:
        lo = anchor
        res.kind = "future"
    if lo > hi:
        return res
    res.earliest, res.latest = lo, hi
    return res
