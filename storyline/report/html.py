"""report.html, and the views the web app shares with it.

One set of Jinja2 templates (``report/templates``) renders a story, its timeline, claims,
coverage, expectations, summary and articles, both into the self-contained report.html and
into the pages of ``storyline serve``. This module turns report-shaped data (the dicts of
report.json) into small view records the templates only have to lay out, so the logic is
here, tested in Python, and the templates stay presentational.

Everything that came from an article is untrusted: templates render it with autoescape on,
the report carries a Content-Security-Policy that allows only its own inline style and
script (by hash), and no value is ever placed inside a script or a style.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import hashlib
import re
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from storyline import words as wordlists
from storyline.report.facts import who_says, wire_facts

# How a publication date was found, as a reader would say it.
HOW_PUBLISHED = {
    "metadata": "from the page's metadata",
    "dateline": "from the date line",
    "html": "found in the page's HTML",
    "url": "from the URL",
    "folder": "given with the input",
    "inferred": "inferred from events shared with dated articles",
    None: "not found",
}
HOW_OUTLET = {"metadata": "from metadata", "url": "from the URL", "text": "from the text", None: "unknown"}

PRECISION_HINT = {
    "day": "exact day",
    "week": "only the week is known",
    "month": "only the month is known",
    "quarter": "only the quarter is known",
    "season": "only the season is known",
    "half": "only the half-year is known",
    "year": "only the year is known",
    "decade": "only the decade is known",
    "century": "only the century is known",
}
STATUS_LABEL = {
    "agree": "sources agree",
    "conflict": "sources conflict",
    "evolving": "changed over time",
    "single": "single source",
}
SUMMARY_KIND = {"agreed": "most outlets agree", "attributed": "attributed", "contested": "contested"}
# "agreed" means a majority of the story's independent outlets; "all" only when every one does.
_SHARE = re.compile(r"\b(\d+) of (\d+) outlets?\b")


def _kind_label(s: dict) -> str:
    kind = s.get("kind")
    if kind == "agreed":
        m = _SHARE.search(s.get("text") or "")
        if m and m.group(1) == m.group(2):
            return "all outlets agree"
    return SUMMARY_KIND.get(kind, kind or "")
N_OUTLET_COLOURS = 8  # storyline.css defines .o0 … .o7


# ----------------------------------------------------------------------------- dates


def parse_day(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) as a date; None for anything else."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_span(date: str | None, precision: str | None = None) -> tuple[dt.date, dt.date] | None:
    """The days a timeline date covers: ``2024-10`` is all of October, ``2024`` the whole year,
    a day of ``week`` precision its seven days. None when the date cannot be read."""
    if not date:
        return None
    week = re.match(r"^(\d{4})-W(\d{2})$", date)  # a TIMEX week ("2018-W06", a bound's value)
    if week:
        try:
            start = dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        except ValueError:
            return None
        return start, start + dt.timedelta(days=6)
    part = re.match(r"^(\d{4})-([QH])([1-4])$", date)  # a TIMEX quarter or half ("2017-Q4", "2018-H1")
    if part:
        year, months = int(part.group(1)), 3 if part.group(2) == "Q" else 6
        first = (int(part.group(3)) - 1) * months + 1
        if first > 12:
            return None
        last = first + months - 1
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date)
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            start = dt.date(year, int(m.group(2)), int(m.group(3)))
            if precision == "week":
                start -= dt.timedelta(days=start.weekday())
                return start, start + dt.timedelta(days=6)
            return start, start
        if m.group(2):
            month = int(m.group(2))
            first = dt.date(year, month, 1)
            if precision == "quarter":
                first = dt.date(year, 3 * ((month - 1) // 3) + 1, 1)
                month = first.month + 2
            return first, dt.date(year, month, calendar.monthrange(year, month)[1])
        if precision == "decade":
            return dt.date(year - year % 10, 1, 1), dt.date(year - year % 10 + 9, 12, 31)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except (ValueError, OverflowError):  # past the calendar's ends
        return None


def format_date(date: str | None, precision: str | None = None) -> str:
    """A date as a reader says it, no more precise than it is: '19 June 2024', 'October 2024'."""
    if not date:
        return "undated"
    span = date_span(date, precision)
    if span is None:
        # a TIMEX reference ("FUTURE_REF" for "soon") is no date a reader can read
        return "" if re.fullmatch(r"[A-Z_]+", date) else date
    start, end = span
    if precision == "week" or re.fullmatch(r"\d{4}-W\d{2}", date):
        return f"week of {start.day} {start:%b %Y}"
    if precision == "quarter" or re.fullmatch(r"\d{4}-Q[1-4]", date):
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if re.fullmatch(r"\d{4}-H[12]", date):
        return f"{'first' if start.month == 1 else 'second'} half of {start.year}"
    if precision == "decade":
        return f"{start.year}s"
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if start.month == end.month and start.year == end.year:
        return f"{start:%B %Y}"
    return str(start.year)


def _short(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


# ----------------------------------------------------------------------------- links


def dom_id(prefix: str, value: str) -> str:
    """An HTML id that is safe and stable for any value (article ids come from file names)."""
    slug = re.sub(r"[^A-Za-z0-9_.-]", "_", value)[:60]
    if slug != value:  # keep ids distinct when two values slug the same
        slug += "-" + hashlib.sha1(value.encode("utf-8", "replace")).hexdigest()[:6]
    return f"{prefix}-{slug}"


class ReportLinks:
    """Links within one report.html: everything is an anchor on the same page."""

    def article(self, article_id: str) -> str:
        """Where an article is shown."""
        return "#" + dom_id("a", article_id)

    def story(self, story_id: str) -> str:
        """Where a story is shown."""
        return "#" + dom_id("s", story_id)

    def event(self, story_id: str, event_id: str) -> str:
        """Where a timeline event is shown."""
        return "#" + event_anchor(story_id, event_id)

    def quote(self, article_id: str, start: int) -> str:
        """Where a cited passage (starting at ``start`` in the body) is highlighted."""
        return "#" + quote_anchor(article_id, start)


class WebLinks(ReportLinks):
    """Links between the pages of ``storyline serve``."""

    def article(self, article_id: str) -> str:
        return "/articles/" + quote(article_id, safe="")

    def story(self, story_id: str) -> str:
        return "/stories/" + quote(story_id, safe="")

    def event(self, story_id: str, event_id: str) -> str:
        return self.story(story_id) + "#" + event_anchor(story_id, event_id)

    def quote(self, article_id: str, start: int) -> str:
        return self.article(article_id) + "#" + quote_anchor(article_id, start)


def event_anchor(story_id: str, event_id: str) -> str:
    """The HTML id of a timeline event (the same in report.html and on the story page)."""
    return dom_id("ev", f"{story_id}.{event_id}")


def quote_anchor(article_id: str, start: int) -> str:
    """The HTML id of a highlighted passage of an article's text."""
    return dom_id("q", f"{article_id}.{start}")


# ----------------------------------------------------------------------------- story view


UNKNOWN_OUTLET = "unknown outlet"


def source_label(article: dict[str, Any] | None, article_id: str = "") -> str:
    """What a source badge says: the outlet, or "unknown outlet" when none was found (the
    badge's tooltip then gives the headline: a reader recognises a headline, not a file name).
    Every article whose outlet is unknown shares the label, so they share a colour and a
    filter button; nothing claims two of them come from the same place."""
    article = article or {}
    return article.get("outlet") or UNKNOWN_OUTLET


def _outlet_name(arts: dict[str, dict], article_id: str) -> str:
    return source_label(arts.get(article_id), article_id)


def _sources(arts: dict[str, dict], ids: list[str], colours: dict[str, int]) -> list[dict[str, Any]]:
    """Source badges: one per article, named by its outlet, coloured per outlet."""
    out = []
    for aid in ids:
        name = _outlet_name(arts, aid)
        out.append({"article": aid, "outlet": name, "colour": colours.get(name, 0),
                    "title": (arts.get(aid) or {}).get("title") or aid})
    return out


def _evidence(arts: dict[str, dict], evidence: list[dict], colours: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for ev in evidence or []:
        name = _outlet_name(arts, ev.get("article", ""))
        out.append({**ev, "outlet": name, "colour": colours.get(name, 0)})
    return out


AXIS_WIDTHS = {"wide": 1000, "narrow": 400}  # user units: the laptop chart, and the phone chart (<40rem)
AXIS_MARGIN = 10
AXIS_BREAK = 36  # user units left blank where the axis is broken
AXIS_GAP_DAYS = 120  # a longer quiet stretch than this breaks the axis
AXIS_CHAR = 8.0  # width of one label character at the axis font size (13px, bold enough to read), generously
AXIS_DOT_LANES = 5  # more lanes of dots than this and the chart counts events per period instead
AXIS_BAR_HEIGHT = 70  # the tallest bar of the density chart
AXIS_RANGE_LANES = 3  # lanes of bars for events known only to the week, month or year in a density chart
PERIODS = ("day", "week", "month", "quarter", "year", "decade")
AXIS_YEARS = (1000, 8999)  # dates the chart places


def _clusters(spans: list[tuple[dt.date, dt.date]]) -> list[list[dt.date]]:
    """Date spans grouped where they follow each other closely; far apart groups (a bridge
    built in 1968 in a story from 2031) get their own stretch of axis, so neither is squashed."""
    clusters: list[list[dt.date]] = []
    for start, end in sorted(spans):
        if clusters and (start - clusters[-1][1]).days <= AXIS_GAP_DAYS:
            clusters[-1][1] = max(clusters[-1][1], end)
            clusters[-1][2] += 1  # type: ignore[operator]
        else:
            clusters.append([start, end, 1])  # type: ignore[list-item]
    return clusters


def _label_room(label: str) -> float:
    return len(label) * AXIS_CHAR + 14


def _ticks(lo: dt.date, hi: dt.date, room: float) -> list[tuple[dt.date, str]]:
    """Tick dates for [lo, hi]: the finest of days, weeks, months, years whose labels fit ``room``."""

    def days(step: int):
        d = lo + dt.timedelta(days=(-lo.weekday()) % 7) if step == 7 else lo
        while d <= hi:
            yield d, f"{d.day} {d:%b}"
            d += dt.timedelta(days=step)

    def months(step: int):
        d = dt.date(lo.year, lo.month, 1)
        while d <= hi:
            if d >= lo and (d.month - 1) % step == 0:
                yield d, f"{d:%b %Y}"
            d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)

    def years(step: int):
        for y in range(lo.year, hi.year + 1):
            d = dt.date(y, 1, 1)
            if d >= lo and y % step == 0:
                yield d, str(y)

    candidates = [(days, 1), (days, 2), (days, 7), (months, 1), (months, 3), (months, 6)]
    candidates += [(years, n) for n in (1, 2, 5, 10, 20, 50, 100)]
    for make, step in candidates:
        ticks = list(make(step))
        if ticks and sum(_label_room(t[1]) for t in ticks) <= room:
            return ticks
    # a stretch too short for any tick still says which year it is, when that fits
    mid = lo + (hi - lo) / 2
    label = str(mid.year) if lo.year == hi.year else f"{lo.year}–{str(hi.year)[-2:]}"
    return [(mid, label)] if _label_room(label) <= room else []


_PERIOD_CHARS = {"day": 10, "week": 10, "month": 7, "quarter": 7, "year": 4, "decade": 4}  # of the ISO date


def period_of(day: dt.date, period: str) -> tuple[dt.date, dt.date]:
    """The first and last days of the period (day, week, month, quarter, year, decade) holding ``day``."""
    return date_span(day.isoformat()[:_PERIOD_CHARS[period]], period)  # type: ignore[return-value]


def period_label(start: dt.date, period: str) -> str:
    """A period as a reader says it: 'week of 4 Mar 2024', 'March 2024', 'Q1 2024'."""
    return format_date(start.isoformat()[:_PERIOD_CHARS[period]], period)


def _period_for(segments: list[dict[str, Any]]) -> str:
    """The finest period whose bars are at least 7 user units wide on every stretch of axis."""
    for period in PERIODS:
        first, last = period_of(dt.date(2001, 1, 1), period)
        days = (last - first).days + 1
        if all((g["x1"] - g["x0"]) / max(1, (g["hi"] - g["lo"]).days) * days >= 7 for g in segments):
            return period
    return "decade"


def _axis(events: list[dict], story_id: str, width: int = AXIS_WIDTHS["wide"]) -> dict[str, Any] | None:
    """Positions for the overview chart of a timeline (an SVG, so it needs neither script nor
    inline style), ``width`` user units wide; the axis is broken over long quiet stretches.

    Few events: a dot per day-precise event and a bar over the span of a week, month or
    year, stacked in lanes so marks never cover each other. Many (more than AXIS_DOT_LANES
    lanes would be needed): a density chart, one bar per period (day, week, month... the
    finest that stays legible) as tall as the events in it, and the events known only to a
    coarser period as spans above it; so 300 events read as a shape, not a column of dots."""
    spans = [(e, date_span(e.get("date"), e.get("precision"))) for e in events]
    # a date in the year 1 or 9999 is a misreading, not a place on a chart (and its padding
    # would run off the calendar); its event still stands in the list below the chart
    spans = [(e, s) for e, s in spans if s and AXIS_YEARS[0] <= s[0].year and s[1].year <= AXIS_YEARS[1]]
    if not spans:
        return None
    left_edge, right_edge = AXIS_MARGIN, width - AXIS_MARGIN
    clusters = _clusters([s for _, s in spans])
    weights = [max(14, (c[1] - c[0]).days + 1) ** 0.5 * c[2] ** 0.5 for c in clusters]  # type: ignore[operator]
    room = right_edge - left_edge - AXIS_BREAK * (len(clusters) - 1)
    segments, left = [], float(left_edge)
    for c, w in zip(clusters, weights):
        seg_width = room * w / sum(weights)
        pad = dt.timedelta(days=max(1, ((c[1] - c[0]).days + 1) // 25))
        segments.append({"lo": c[0] - pad, "hi": c[1] + pad + dt.timedelta(days=1), "x0": left, "x1": left + seg_width})
        left += seg_width + AXIS_BREAK

    def x(day: dt.date) -> float:
        seg = next((g for g in segments if day <= g["hi"]), segments[-1])
        frac = (day - seg["lo"]).days / max(1, (seg["hi"] - seg["lo"]).days)
        return round(seg["x0"] + (seg["x1"] - seg["x0"]) * min(1.0, max(0.0, frac)), 1)

    def mark(e: dict, start: dt.date, end: dt.date, lane: int) -> dict[str, Any]:
        x0 = x(start)
        x1 = x(end + dt.timedelta(days=1)) if end > start else x0
        return {"x": x0, "w": round(max(6.0, x1 - x0), 1), "y": 14 + 16 * lane, "range": end > start,
                "href": "#" + event_anchor(story_id, e["id"]),
                "label": f"{format_date(e.get('date'), e.get('precision'))}: {e.get('text', '')[:160]}"}

    def stack(items, max_lanes: int | None):
        lanes: list[float] = []  # right edge of the last mark in each lane
        placed, left_out = [], 0
        for e, (start, end) in items:
            x0 = x(start)
            x1 = x(end + dt.timedelta(days=1)) if end > start else x0
            lane = next((i for i, edge in enumerate(lanes) if edge + 14 <= x0), len(lanes))
            if max_lanes is not None and lane >= max_lanes:
                left_out += 1
                continue
            if lane == len(lanes):
                lanes.append(0.0)
            lanes[lane] = max(x1, x0)
            placed.append(mark(e, start, end, lane))
        return placed, len(lanes), left_out

    ordered = sorted(spans, key=lambda p: p[1])
    marks, n_lanes, _ = stack(ordered, None)
    bars: list[dict[str, Any]] = []
    period, not_drawn, tallest = None, 0, 0
    if n_lanes > AXIS_DOT_LANES:
        period = _period_for(segments)
        fine = [(e, sp) for e, sp in ordered if period_of(sp[0], period) == period_of(sp[1], period)]
        coarse = [(e, sp) for e, sp in ordered if period_of(sp[0], period) != period_of(sp[1], period)]
        # events known only to the same longer period share one span, its count in the tooltip
        by_span: dict[tuple[dt.date, dt.date], list[dict]] = {}
        for e, sp in coarse:
            by_span.setdefault(sp, []).append(e)
        marks, n_lanes, not_drawn = stack([(evs[0] if len(evs) == 1 else
                                            {**evs[0], "text": f"{len(evs)} events known only to this period"}, sp)
                                           for sp, evs in sorted(by_span.items())], AXIS_RANGE_LANES)
        counts: dict[dt.date, list[dict]] = {}
        for e, sp in fine:
            counts.setdefault(period_of(sp[0], period)[0], []).append(e)
        tallest = max((len(v) for v in counts.values()), default=0)
        top = 14 + 16 * n_lanes + 16  # room above the tallest bar for its count
        for start, evs in sorted(counts.items()):
            x0, x1 = x(max(start, segments[0]["lo"])), x(period_of(start, period)[1] + dt.timedelta(days=1))
            h = max(3.0, AXIS_BAR_HEIGHT * len(evs) / tallest)
            n = len(evs)
            bars.append({"x": x0, "w": round(max(4.0, x1 - x0 - 1), 1), "y": round(top + AXIS_BAR_HEIGHT - h, 1),
                         "h": round(h, 1), "n": n, "href": "#" + event_anchor(story_id, evs[0]["id"]),
                         "label": f"{period_label(start, period)}: {n} event{'s' if n != 1 else ''}"})
        # the first tallest bar carries its count, the chart's scale
        peak = next(b for b in bars if b["n"] == tallest)
        mid = peak["x"] + peak["w"] / 2
        peak["count"] = {"x": round(mid, 1), "y": round(peak["y"] - 4, 1),
                         "anchor": "start" if mid < left_edge + 20 else "end" if mid > right_edge - 20 else "middle"}
        base = top + AXIS_BAR_HEIGHT + 2
    else:
        base = 14 + 16 * n_lanes + 4
    ticks: list[dict[str, Any]] = []
    for g in segments:
        for day, label in _ticks(g["lo"], g["hi"] - dt.timedelta(days=1), g["x1"] - g["x0"]):
            at, half = x(day), _label_room(label) / 2 - 7
            # a label never reaches past its stretch of axis (nor the chart's edge), nor covers the one before it
            anchor = "start" if at - half < g["x0"] else "end" if at + half > g["x1"] else "middle"
            left_at = at if anchor == "start" else at - 2 * half if anchor == "end" else at - half
            if ticks and left_at < ticks[-1]["right"] + 10:
                continue
            ticks.append({"x": at, "label": label, "anchor": anchor, "right": left_at + 2 * half})
    breaks = [round(g["x1"] + AXIS_BREAK / 2, 1) for g in segments[:-1]]
    first = min(ordered, key=lambda p: p[1][0])[0]
    last = max(ordered, key=lambda p: p[1][1])[0]
    return {"width": width, "height": round(base + 26), "base": base, "marks": marks, "ticks": ticks, "breaks": breaks,
            "bars": bars, "period": period, "tallest": tallest, "not_drawn": not_drawn,
            "segments": [{"x0": round(g["x0"], 1), "x1": round(g["x1"], 1)} for g in segments],
            "start": format_date(first.get("date"), first.get("precision")),
            "end": format_date(last.get("date"), last.get("precision"))}


def _window(e: dict) -> str:
    """What an undated event's evidence allows, in words ("" for a dated one)."""
    from storyline.report.windows import window_words

    if e.get("date"):
        return ""
    return window_words(e.get("earliest"), e.get("latest"), lambda d: format_date(d, "day"), "no date known")


def _timeline(story: dict, arts: dict[str, dict], colours: dict[str, int], fulfilled: dict[str, list[dict]]):
    groups: list[dict[str, Any]] = []
    events = story.get("timeline") or []
    for e in events:
        view = {
            **e,
            "anchor": event_anchor(story["id"], e["id"]),
            "when": format_date(e.get("date"), e.get("precision")),
            "precision_hint": PRECISION_HINT.get(e.get("precision") or "", "precision unknown"),
            "badges": _sources(arts, e.get("sources") or [], colours),
            "quotes": _evidence(arts, e.get("evidence") or [], colours),
            "outlet_names": sorted({_outlet_name(arts, a) for a in e.get("sources") or []}),
            "disagreement": [{**v, "when": format_date(v.get("date"), v.get("precision")),
                              "outlets": sorted({_outlet_name(arts, a) for a in v.get("articles") or []})}
                             for v in e.get("disagreement") or []],
            "fulfils": fulfilled.get(e["id"], []),
            "window": _window(e),
        }
        key = e.get("date") or ""
        if groups and groups[-1]["key"] == key:
            groups[-1]["events"].append(view)
        else:
            groups.append({"key": key, "when": view["when"], "precision": e.get("precision"),
                           "precision_hint": view["precision_hint"], "events": [view]})
    dated = [g for g in groups if g["key"]]
    undated = [ev for g in groups if not g["key"] for ev in g["events"]]
    return dated, undated


def _claim(c: dict, arts: dict[str, dict], colours: dict[str, int]) -> dict[str, Any]:
    value = c.get("value")
    if isinstance(value, bool):  # a yes/no claim ("the treaty includes a secret clause")
        value = "yes" if value else "no"
    if isinstance(value, list) and len(value) == 2:
        shown = f"{value[0]:,}–{value[1]:,}" if all(isinstance(v, (int, float)) for v in value) else " to ".join(map(str, value))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        shown = f"{value:,}"
    else:
        shown = "" if value is None else str(value)
    # the compare stage names an article of unknown outlet by its id: show that as unknown
    outlet = _outlet_name(arts, c["article"]) if c.get("article") in arts else c.get("outlet") or UNKNOWN_OUTLET
    # A vague amount names its unit with "of": "millions of artillery shells", "dozens of people".
    link = " of " if re.fullmatch(r"(?:[\w-]+ )*(?:" + wordlists.alternation("vague_amounts") + r")",
                                  shown, re.I) else " "
    return {**c, "shown": (shown + (link + c["unit"] if c.get("unit") else "")).strip(),
            "outlet_name": outlet, "colour": colours.get(outlet, 0),
            "says": who_says(c.get("attributed_to"), None if outlet == UNKNOWN_OUTLET else outlet),
            "when": format_date(c.get("date")) if c.get("date") else "",
            "quotes": _evidence(arts, c.get("evidence") or [], colours)}


def _comparisons(story: dict, arts: dict[str, dict], colours: dict[str, int]):
    claims = {c["id"]: _claim(c, arts, colours) for c in story.get("claims") or []}
    used: set[str] = set()
    rows = []
    for comp in story.get("comparison") or []:
        members = [claims[i] for i in comp.get("claims") or [] if i in claims]
        used.update(comp.get("claims") or [])
        status = comp.get("status") or "single"
        rows.append({**comp, "status": status, "status_label": STATUS_LABEL.get(status, status), "members": members,
                     "anonymous": comp.get("anonymous_only") or (members and all(m.get("anonymous") for m in members))})
    loose = [c for cid, c in claims.items() if cid not in used]
    return rows, loose


def _coverage(story: dict, arts: dict[str, dict], colours: dict[str, int], events: dict[str, dict]):
    """Outlet × event matrix. Uses the story's ``coverage`` when it has the documented shape
    (outlets, and per event a map outlet -> covered), else derives it from event sources."""
    cov = story.get("coverage") or {}
    outlets = [o for o in cov.get("outlets") or [] if isinstance(o, str)]
    rows_in = cov.get("events") if isinstance(cov.get("events"), list) else None
    if not outlets or rows_in is None:
        outlets = sorted({_outlet_name(arts, a) for a in story.get("articles") or []})
        rows_in = [{"event": e["id"], "outlets": {o: o in {_outlet_name(arts, s) for s in e.get("sources") or []}
                                                  for o in outlets}} for e in story.get("timeline") or []]
    rows = []
    for r in rows_in:
        if not isinstance(r, dict):
            continue
        e = events.get(r.get("event"))
        have = r.get("outlets") if isinstance(r.get("outlets"), dict) else {}
        cells = [bool(have.get(o)) for o in outlets]
        rows.append({"event": e, "id": r.get("event"), "cells": cells, "count": sum(cells)})
    totals = [sum(r["cells"][i] for r in rows) for i in range(len(outlets))]
    extra = {k: v for k, v in cov.items() if k not in ("outlets", "events")}
    return {"outlets": [{"name": o, "colour": colours.get(o, 0)} for o in outlets], "rows": rows,
            "totals": totals, "extra": extra}


def _expectations(story: dict, arts: dict[str, dict], colours: dict[str, int], events: dict[str, dict]):
    out = []
    order = {"overdue": 0, "open": 1, "fulfilled": 2}
    for x in story.get("expectations") or []:
        bound = x.get("bound") or {}
        out.append({**x, "anchor": dom_id("x", f"{story['id']}.{x.get('id')}"), "bound_text": bound.get("text") or "", "bound_when":
                    format_date(bound.get("value"), bound.get("precision")) if bound.get("value") else "",
                    "event": events.get(x.get("fulfilled_by") or ""),
                    "fulfilled_when": format_date(x.get("fulfilled_date")) if x.get("fulfilled_date") else "",
                    "fulfilled_badges": _sources(arts, x.get("fulfilled_sources") or [], colours),
                    "badge": _sources(arts, [x["article"]], colours)[0] if x.get("article") else None,
                    "quotes": _evidence(arts, x.get("evidence") or [], colours)})
    return sorted(out, key=lambda v: order.get(v.get("status"), 3))


def _summary(story: dict, arts: dict[str, dict], colours: dict[str, int]):
    """Summary sentences with numbered citations; one number per cited article in the story."""
    numbers: dict[str, int] = {}
    sentences = []
    for s in story.get("summary_sentences") or []:
        cites = []
        for aid in s.get("sources") or []:
            numbers.setdefault(aid, len(numbers) + 1)
            name = _outlet_name(arts, aid)
            cites.append({"n": numbers[aid], "article": aid, "outlet": name, "colour": colours.get(name, 0)})
        sentences.append({**s, "cites": cites, "kind_label": _kind_label(s)})
    cited = [{"n": n, "article": aid, "outlet": _outlet_name(arts, aid), "colour": colours.get(_outlet_name(arts, aid), 0),
              "title": (arts.get(aid) or {}).get("title") or "", "known": bool((arts.get(aid) or {}).get("outlet"))}
             for aid, n in numbers.items()]
    return sentences, cited


WORDING_MAX_THINGS = 8  # columns of the wording table; the rest are counted below it


def _wording(story: dict, arts: dict[str, dict], colours: dict[str, int]) -> dict[str, Any]:
    """How the outlets word the same thing, as a table: a row per outlet, a column per thing
    the outlets name differently ("North Korea" / "DPRK" / "Pyongyang"), each cell the words
    that outlet uses. Things every outlet words alike say nothing and are only counted; an
    article of unknown outlet gets its own row (two unknown outlets are not one)."""
    things = []
    alike = 0
    for r in story.get("wording") or []:
        if not isinstance(r, dict) or not isinstance(r.get("variants"), list):
            continue
        variants = [v for v in r["variants"] if isinstance(v, dict) and v.get("text")]
        if len({str(v["text"]).casefold() for v in variants}) < 2:
            alike += 1
            continue
        things.append((str(r.get("thing") or variants[0]["text"]), variants))
    # the things named in the most different ways first
    things.sort(key=lambda t: -len({str(v["text"]).casefold() for v in t[1]}))
    shown, hidden = things[:WORDING_MAX_THINGS], len(things) - WORDING_MAX_THINGS
    rows: dict[str, dict[str, Any]] = {}
    for col, (_, variants) in enumerate(shown):
        for v in variants:
            ids = [a for a in v.get("articles") or [] if isinstance(a, str)]
            known = next((arts[a]["outlet"] for a in ids if (arts.get(a) or {}).get("outlet")), None)
            name = known or (v.get("outlet") if not ids and v.get("outlet") else UNKNOWN_OUTLET)
            key = name if known or not ids else "\0" + ids[0]
            row = rows.setdefault(key, {"outlet": name, "colour": colours.get(name, 0),
                                        "tip": name if known else "; ".join(display_title(arts.get(a) or {}) for a in ids),
                                        "cells": [[] for _ in shown]})
            if v["text"] not in row["cells"][col]:
                row["cells"][col].append(str(v["text"]))
    ordered = sorted(rows.values(), key=lambda r: (r["outlet"] == UNKNOWN_OUTLET, r["outlet"].casefold(), r["tip"]))
    return {"things": [t for t, _ in shown], "rows": ordered, "more": max(0, hidden), "alike": alike}


def _plain(value: Any) -> str:
    """A JSON value as short readable text (used for fields whose shape is still settling)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def outlet_colours(names: list[str]) -> dict[str, int]:
    """One colour per outlet, stable within a story (alphabetical order)."""
    return {name: i % N_OUTLET_COLOURS for i, name in enumerate(sorted(set(names)))}


def story_view(story: dict[str, Any], arts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Everything the story partials lay out, from a report-shaped story and its articles."""
    colours = outlet_colours([_outlet_name(arts, a) for a in story.get("articles") or []]
                             + [_outlet_name(arts, s) for e in story.get("timeline") or [] for s in e.get("sources") or []])
    events = {e["id"]: {**e, "anchor": event_anchor(story["id"], e["id"]),
                        "when": format_date(e.get("date"), e.get("precision"))}
              for e in (story.get("events") or []) + (story.get("timeline") or [])}
    expectations = _expectations(story, arts, colours, events)
    fulfilled: dict[str, list[dict]] = {}
    for x in expectations:
        if x.get("fulfilled_by"):
            fulfilled.setdefault(x["fulfilled_by"], []).append(x)
    dated, undated = _timeline(story, arts, colours, fulfilled)
    comparisons, loose = _comparisons(story, arts, colours)
    summary, citations = _summary(story, arts, colours)
    members = sorted((arts[a] for a in story.get("articles") or [] if a in arts),
                     key=lambda a: (published_sort_key(a), a["id"]))
    outlets = sorted(colours.items())
    unknown_titles = "; ".join(display_title(a) for a in members if not a.get("outlet"))
    return {
        "story": story,
        "anchor": dom_id("s", story["id"]),
        "outlets": [{"name": n, "colour": c, "tip": unknown_titles[:300] if n == UNKNOWN_OUTLET else ""} for n, c in outlets],
        "n_outlets": len({a.get("outlet") for a in members if a.get("outlet")}),
        "n_unknown": sum(1 for a in members if not a.get("outlet")),
        "span": _story_span(story),
        "axis": _axis([e for g in dated for e in g["events"]], story["id"]),
        "axis_narrow": _axis([e for g in dated for e in g["events"]], story["id"], AXIS_WIDTHS["narrow"]),
        "dated": dated,
        "undated": undated,
        "n_events": len(story.get("timeline") or []),
        # The full list behind the editor's view, one click away (events the view leaves out).
        "more_events": [events[e["id"]] for e in story.get("events") or []
                        if e["id"] not in {k["id"] for k in story.get("timeline") or []}],
        "comparisons": comparisons,
        "loose_claims": loose,
        "coverage": _coverage(story, arts, colours, events),
        "expectations": expectations,
        "summary": summary,
        "citations": citations,
        "wire": [{**w, "badges": _sources(arts, w["articles"], colours), "partial_badges": _sources(arts, w["partial"], colours)}
                 for w in map(wire_facts, story.get("wire") or []) if w],
        "wording": _wording(story, arts, colours),
        "articles": [article_card(a, colours) for a in members],
    }


def _story_span(story: dict) -> str:
    first, last = story.get("first"), story.get("last")
    if not first:
        return ""
    a, b = format_date(first), format_date(last or first)
    return a if a == b else f"{a} – {b}"


# ----------------------------------------------------------------------------- articles


def published_sort_key(article: dict) -> str:
    """Sort articles by publication date (or the start of its window); undated ones last."""
    p = article.get("published") or {}
    return p.get("date") or p.get("earliest") or "9999"


def published_label(published: dict | None) -> dict[str, str]:
    """The publication date and how it was found; an uncertain date shows its window."""
    p = published or {}
    how = HOW_PUBLISHED.get(p.get("how"), p.get("how") or "not found")
    date, lo, hi = p.get("date"), p.get("earliest"), p.get("latest")
    if date and (not lo or not hi or lo == hi):
        when = format_date(date)
    elif lo and hi:
        when = (f"around {format_date(date)}, " if date else "") + f"between {format_date(lo)} and {format_date(hi)}"
    elif lo or hi:
        when = f"after {format_date(lo)}" if lo else f"before {format_date(hi)}"
    else:
        when = "date unknown"
    return {"when": when, "how": how, "inferred": "yes" if p.get("how") == "inferred" else "",
            "evidence": p.get("evidence") or ""}


def display_title(article: dict[str, Any]) -> str:
    """The article's title, or a plain 'Untitled article from <outlet>' (never a file id)."""
    return article.get("title") or ("Untitled article" + (f" from {article['outlet']}" if article.get("outlet") else ""))


def article_card(article: dict, colours: dict[str, int] | None = None) -> dict[str, Any]:
    """Header facts of an article: outlet badge, title, publication date and how it was found."""
    outlet = source_label(article)
    return {**article, "outlet_name": outlet, "shown_title": display_title(article), "colour": (colours or {}).get(outlet, 0),
            "anchor": dom_id("a", article["id"]), "pub": published_label(article.get("published"))}


def article_view(article: dict[str, Any], spans: list[dict[str, Any]] | None = None,
                 colours: dict[str, int] | None = None) -> dict[str, Any]:
    """An article with its body split into paragraphs, the cited ``spans`` (evidence dicts with
    start/end and a label) marked in place, and what the cleaner removed grouped by reason."""
    card = article_card(article, colours)
    removed: dict[str, list[str]] = {}
    for r in article.get("removed") or []:
        removed.setdefault(r.get("kind") or "other", []).append(r.get("text") or "")
    card["removed_groups"] = [{"kind": k, "label": k.replace("_", " "), "texts": v} for k, v in removed.items()]
    card["paragraphs"] = body_paragraphs(article.get("body") or "", spans or [], article["id"])
    card["n_cited"] = len({(s["start"], s["end"]) for s in spans or []})
    return card


def body_paragraphs(body: str, spans: list[dict[str, Any]], article_id: str) -> list[list[dict[str, Any]]]:
    """Paragraphs (split on blank lines, offsets kept) as runs of text, cited runs marked.

    Overlapping spans are merged into one mark: the point is to show the reader where a
    quote sits in the article, not to nest highlights.
    """
    marks: list[list[int]] = []
    for s in sorted(spans, key=lambda s: (s.get("start", 0), s.get("end", 0))):
        start, end = max(0, int(s.get("start", 0))), min(len(body), int(s.get("end", 0)))
        if end <= start:
            continue
        if marks and start <= marks[-1][1]:
            marks[-1][1] = max(marks[-1][1], end)
        else:
            marks.append([start, end])
    paragraphs = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", body):
        p_start, p_end = m.start(), m.end()
        runs, pos = [], p_start
        for start, end in marks:
            if end <= p_start or start >= p_end:
                continue
            start, end = max(start, p_start), min(end, p_end)
            if start > pos:
                runs.append({"text": body[pos:start]})
            runs.append({"text": body[start:end], "anchor": quote_anchor(article_id, start)})
            pos = end
        if pos < p_end:
            runs.append({"text": body[pos:p_end]})
        if any(r["text"].strip() for r in runs):
            paragraphs.append(runs)
    return paragraphs


def cited_spans(stories: list[dict[str, Any]], article_id: str) -> list[dict[str, Any]]:
    """Every evidence span of ``article_id`` cited by a timeline event, claim or expectation."""
    spans = []
    for s in stories:
        items = list(s.get("timeline") or []) + list(s.get("claims") or []) + list(s.get("expectations") or [])
        for item in items:
            for ev in item.get("evidence") or []:
                # a standfirst's or title's offsets are not the body's: they are shown, not marked
                if ev.get("article") == article_id and ev.get("part", "body") == "body":
                    spans.append(ev)
    return spans


# ----------------------------------------------------------------------------- rendering


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """The text of a shared static file (``storyline.css`` or ``storyline.js``)."""
    return resources.files("storyline.report").joinpath("templates", name).read_text("utf-8")


def _when_generated(stamp: str | None) -> str:
    """'2024-11-24T09:28:46+00:00' as '24 November 2024, 09:28 UTC' (the stamp as given if odd)."""
    try:
        t = dt.datetime.fromisoformat(stamp or "")
    except ValueError:
        return stamp or ""
    if t.tzinfo is not None:
        t = t.astimezone(dt.timezone.utc)
    return f"{t.day} {t:%B %Y, %H:%M} UTC"


def safe_url(url: str | None) -> str:
    """``url`` when it is plain http(s), else "" so the template shows it as text only:
    an article's URL is untrusted and a ``javascript:`` link would run on click."""
    if isinstance(url, str) and re.match(r"^https?://[^\s<>\"']+$", url.strip(), re.I):
        return url.strip()
    return ""


def csp_hash(text: str) -> str:
    """A CSP source expression allowing exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def environment(*extra_loaders: jinja2.BaseLoader) -> jinja2.Environment:
    """The Jinja2 environment for report.html and the web pages: autoescape always on,
    undefined values render empty (fields still being filled in by other stages)."""
    loader = jinja2.ChoiceLoader([*extra_loaders, jinja2.PackageLoader("storyline.report", "templates")])
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(format_date=format_date, how_outlet=HOW_OUTLET)
    env.filters["safe_url"] = safe_url
    env.filters["when_generated"] = _when_generated
    env.filters["plain"] = _plain
    env.filters["pct"] = lambda v: f"{float(v) * 100:.0f}%" if isinstance(v, (int, float)) else ""
    return env


@lru_cache(maxsize=1)
def _report_env() -> jinja2.Environment:
    return environment()


def report_context(report: dict[str, Any]) -> dict[str, Any]:
    """The data report.html lays out: every story's view, every article with its cited spans."""
    arts = {a["id"]: a for a in report.get("articles") or []}
    stories = [story_view(s, arts) for s in report.get("stories") or []]
    story_of = {aid: s["story"] for s in stories for aid in s["story"].get("articles") or []}
    articles = []
    for a in sorted(arts.values(), key=lambda a: (published_sort_key(a), a["id"])):
        view = article_view(a, cited_spans(report.get("stories") or [], a["id"]))
        view["story"] = story_of.get(a["id"])
        articles.append(view)
    return {"report": report, "stories": stories, "articles": articles, "rejected": report.get("rejected") or []}


def render_html(report: dict[str, Any]) -> str:
    """report.html: one self-contained page (inline style and script, no network), readable
    on a laptop and a phone; its Content-Security-Policy allows only that style and script."""
    css, js = asset("storyline.css"), asset("storyline.js")
    csp = (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    return _report_env().get_template("report.html").render(
        **report_context(report), links=ReportLinks(), inline_css=Markup(css), inline_js=Markup(js), csp=csp,
        standalone=True)
