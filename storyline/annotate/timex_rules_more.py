"""More time-expression rules: sets, present/past/future references, clock times, holidays.

Registered in the same table as :mod:`timex_rules` (which imports this module before its
first run); kept apart only so neither module grows too long.
"""

from __future__ import annotations

import datetime as dt
import re

from storyline.annotate import timex_lexicon as lx
from storyline.annotate.timex_rules import (
    _DAYWORD,
    L,
    R,
    RULES,
    YEAR,
    Builder,
    Cand,
    _caps,
    rule,
)
from storyline import words as wordlists


# ----------------------------------------------------------------------------- sets

_FREQ_ADV = {w: None if period == "-" else period for w, period in wordlists.table("frequency_adverbs").items()}


@rule("freq_adv", needs="freq", pattern=r"(?<![\w-])(?P<w>daily|nightly|weekly|biweekly|fortnightly|monthly|bimonthly|yearly|annually|hourly|semi-?annually|biannually)(?![\w-])")
def _freq_adv(m: re.Match, text: str) -> Cand | None:
    w = text[m.start("w") : m.end("w")]
    if w[0].isupper():
        # "the Daily Telegraph", "Weekly Standard": a title, unless it starts a sentence
        if not re.search(r"(?:^|[.!?:\"]\s*)$", text[max(0, m.start() - 3) : m.start()]):
            return None
    if re.match(r"\s+(?:newspaper|paper|news|mail|telegraph|magazine|post|express|journal|star|show|edition|tabloid|digest)\b", text[m.end() : m.end() + 14], re.I):
        return None
    value = _FREQ_ADV.get(w.lower())
    return Cand(m.start(), m.end(), "SET", ("set", value), prio=2) if value else None


@rule("every", needs="freq", pattern=rf"{L}(?P<q>every|each|per)\s+(?:(?P<n>other|{lx.NUMBER})\s+)?(?P<u>{lx.UNIT}|(?P<mon>{lx.MONTH_FULL})|(?P<s>spring|summer|fall|autumn|winter)){R}")
def _every(m: re.Match, text: str) -> Cand | None:
    if m["mon"]:
        if not _caps(m, text, "mon"):
            return None
        return Cand(m.start(), m.end(), "SET", ("set", f"XXXX-{lx.month_number(m['mon']):02d}"), prio=3)
    if m["s"]:
        from storyline.annotate.timex_calendar import SEASONS

        return Cand(m.start(), m.end(), "SET", ("set", f"XXXX-{SEASONS[lx.SEASON_WORDS[m['s'].lower()]]}"), prio=3)
    unit = lx.unit_of(m["u"])
    if unit is None:
        return None
    if re.match(r"\s+of\b", text[m.end() : m.end() + 4]):
        return None  # "each of the past three years"
    n_text = (m["n"] or "").lower()
    n = 2 if n_text == "other" else (lx.number_value(n_text) if n_text else 1)
    if n is None:
        return None
    value = lx.duration_value(n, unit)
    return Cand(m.start(), m.end(), "SET", ("set", value), prio=3) if value else None


@rule("times_per", needs="freq", pattern=rf"{L}(?P<f>once|twice|thrice|(?:{lx.NUMBER})\s+times)\s+(?:a|an|per|every|each)\s+(?P<u>{lx.UNIT_SG}){R}")
def _times_per(m: re.Match, text: str) -> Cand | None:
    unit = lx.unit_of(m["u"])
    value = lx.duration_value(1, unit) if unit else None
    return Cand(m.start(), m.end(), "SET", ("set", value), prio=3) if value else None


# ----------------------------------------------------------------------------- present, past, future references

_REFS = [
    ("PRESENT_REF", r"(?:right\s+)?now(?![\w-])(?!\s+that\b)|currently|presently|nowadays|these\s+days|the\s+present(?:\s+(?:time|day))?|(?<=at\s)present|today['’]s|current(?=\s+(?:levels?|rates?|prices?|conditions|situation|trend|trends|pace|plans?|policy|policies|crisis|government|administration|leaders?|leadership|chief|chairman|president|ceo|management|owners?|members?|contract|law|laws|system|regime|season|term|session|market|economic|budget|fiscal|period|environment|state|version|value|values|figures?|estimates?|forecasts?|projections?|levels|rules?|spending|talks|war|campaign|holders?|shareholders|team|squad|form|tax|interest|issue)\b)"),
    ("PAST_REF", r"recently|lately|(?<=in\s)the\s+past(?!\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|year|month|week|day|decade|century|quarter)\w*)|the\s+past(?=\s*[,.;])|recent(?=\s+(?:days|weeks|months|years|decades|times|history|memory|quarters|sessions))\s+(?:days|weeks|months|years|decades|times|history|memory|quarters|sessions)|(?<=in\s)years\s+past|(?:some|a\s+long|a\s+short|a\s+little)\s+(?:time|while)\s+ago|long\s+ago|the\s+other\s+day|once\s+upon\s+a\s+time|in\s+the\s+old\s+days|earlier(?=\s*[,.;])"),
    ("FUTURE_REF", r"(?:the\s+)?(?:(?:near|foreseeable|distant|immediate|not-too-distant|not\s+too\s+distant)\s+)?future(?!\s+(?:of|contracts?|exchanges?|prices?|market|markets|trading|traders?|delivery|options?|positions?|months?)\b)|soon(?!\s+(?:as|after|afterwards?|thereafter|enough)\b)|as\s+soon\s+as\s+possible|a\s+later\s+date|the\s+(?:near|short|long|medium)\s+term|someday|some\s+day|one\s+of\s+these\s+days|(?:the\s+)?(?:months|weeks|days|years)\s+ahead"),
]


def _ref_builder(ref: str) -> Builder:
    def build(m: re.Match, text: str) -> Cand | None:
        t = m.group(0).lower()
        if ref == "FUTURE_REF" and t == "future" and not re.search(r"\b(?:in|the|near|for)\s+$", text[max(0, m.start() - 8) : m.start()], re.I):
            return None
        if t.startswith("today"):
            return Cand(m.start(), m.start() + 5, "DATE", ("rel", "day", 0), prio=1)
        if ref == "PAST_REF" and t == "earlier":
            # "Earlier, ..." or "... said earlier.": the adverb alone
            before = text[max(0, m.start() - 3) : m.start()]
            if not re.search(r"(?:^|[.!?\"]\s*)$", before) and not re.match(r"\s*[.;]", text[m.end() : m.end() + 2]):
                return None
        if t.startswith("recent ") and re.search(r"(weeks|months|quarters)$", t):
            # TimeML reads "recent months" as a stretch of months, "recent years" as the past
            unit = re.search(r"(week|month|quarter)s$", t).group(1)
            return Cand(m.start(), m.end(), "DURATION", ("dur", lx.duration_value(None, unit)), prio=2)
        if "ahead" in t:
            unit = re.search(r"(month|week|day|year)", t)
            return Cand(m.start(), m.end(), "DATE", ("future", unit.group(1) if unit else "month", None), prio=2)
        return Cand(m.start(), m.end(), "DATE", ("ref", ref), prio=1)

    return build


for _name, _pat in _REFS:
    RULES.append((_name.lower(), re.compile(rf"{L}(?:{_pat})"), _ref_builder(_name), ("ref", "day"), False))


# ----------------------------------------------------------------------------- clock times

_AMPM = r"(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am|pm|AM|PM|A\.M\.?|P\.M\.?)"
_TZ = r"(?:\s*\(?(?P<tz>" + wordlists.alternation("time_zones") + r")\)?(?!\w)|\s+local\s+time)?"
_DAYPHRASE = rf"(?:,?\s+(?:on\s+)?(?P<dp>today|tonight|tomorrow|yesterday|(?:{lx.WEEKDAY})(?:,?\s+(?:{lx.MONTH_ANY})\s+\d{{1,2}}(?:st|nd|rd|th)?)?|(?:{lx.MONTH_ANY})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*{YEAR})?))?"
_TAPPROX = "(?:(?P<tap>" + wordlists.alternation("clock_approximators") + r")\s+)?"


def _day_sem(phrase: str | None) -> tuple | None:
    """The meaning of a day phrase attached to a clock time ("Wednesday", "Nov. 6", "today")."""
    if not phrase:
        return None
    p = phrase.strip()
    low = p.lower()
    if low in _DAYWORD:
        return ("rel", "day", _DAYWORD[low])
    if not p[:1].isupper():
        return None
    wd_m = re.match(rf"({lx.WEEKDAY})", p, re.I)
    md = re.search(rf"({lx.MONTH_ANY})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*({YEAR}))?", p, re.I)
    if md:
        month = lx.month_number(md.group(1))
        day = int(md.group(2))
        if month and 1 <= day <= 31:
            if md.group(3):
                try:
                    return ("abs", "day", dt.date(int(md.group(3)), month, day).toordinal())
                except ValueError:
                    return None
            return ("md", month, day, lx.weekday_number(wd_m.group(1)) if wd_m else None)
    if wd_m:
        return ("weekday", lx.weekday_number(wd_m.group(1)), None)
    return None


@rule("clock", needs="num", pattern=rf"{L}(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*{_AMPM}(?!\w){_TZ}{_DAYPHRASE}(?!\w)")
def _clock(m: re.Match, text: str) -> Cand | None:
    h = int(m["h"])
    if h == 0 or h > 12:
        return None
    pm = m["ap"].lower().startswith("p")
    if pm and h != 12:
        h += 12
    if not pm and h == 12:
        h = 0
    end = m.end()
    if m["ap"].lower() in ("am",) and not m["mi"] and not m["tz"] and not m["dp"]:
        # "5 am" is a time, but "I am" is not: a digit before "am" already ensures that
        pass
    return Cand(m.start(), end, "TIME", ("time", f"{h:02d}:{m['mi'] or '00'}", _day_sem(text[m.start("dp") : m.end("dp")] if m["dp"] else None)), prio=5)


@rule("clock24", needs="num", pattern=rf"\b(?:at|from|until|till|by|around|after|before)\s(?P<h>[01]\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:\s*(?:hours|hrs|h)\b)?{_TZ}{_DAYPHRASE}(?![\w:.]\d|\w)")
def _clock24(m: re.Match, text: str) -> Cand | None:
    return Cand(m.start("h"), m.end(), "TIME", ("time", f"{m['h']}:{m['mi']}", _day_sem(text[m.start("dp") : m.end("dp")] if m["dp"] else None)), prio=4)


@rule("oclock", needs="num day", pattern=rf"{L}(?P<h>{lx.NUMBER_WORDS}|\d{{1,2}})(?:\s+o['’]clock|\s+in\s+the\s+(?P<tod>morning|afternoon|evening|night))(?:\s+in\s+the\s+(?P<tod2>morning|afternoon|evening|night))?{_DAYPHRASE}{R}")
def _oclock(m: re.Match, text: str) -> Cand | None:
    n = lx.number_value(m["h"])
    if n is None or not 1 <= n <= 12 or n != int(n):
        return None
    h = int(n)
    tod = (m["tod"] or m["tod2"] or "").lower()
    if tod in ("afternoon", "evening") or (tod == "night" and h < 12 and h > 5):
        h = (h % 12) + 12
    return Cand(m.start(), m.end(), "TIME", ("time", f"{h:02d}:00", _day_sem(text[m.start("dp") : m.end("dp")] if m["dp"] else None)), prio=3)


_NAMED_TIMES = wordlists.table("named_times")


@rule("named_time", needs="day", pattern=rf"{L}{_TAPPROX}(?P<w>noon|midday|midnight|mid[\s-]?afternoon|mid[\s-]?morning|mid-evening|dawn|daybreak|dusk|sunset|sunrise|nightfall){_TZ}{_DAYPHRASE}{R}")
def _named_time(m: re.Match, text: str) -> Cand | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    code = _NAMED_TIMES.get(w) or _NAMED_TIMES.get(w.replace(" ", "-"))
    if code is None:
        return None
    start = m.start("w")
    if m["tap"] and m["tap"].lower() in ("about", "around", "approximately", "roughly", "nearly", "almost"):
        start = m.start()
    if code in ("MO", "EV") and w in ("dawn", "dusk", "sunset", "sunrise", "daybreak", "nightfall") and not m["dp"]:
        return None
    return Cand(start, m.end(), "TIME", ("time", code, _day_sem(text[m.start("dp") : m.end("dp")] if m["dp"] else None)), prio=3)


# ----------------------------------------------------------------------------- holidays

_FIXED_HOLIDAYS = {name: tuple(int(x) for x in day.split("-")) for name, day in wordlists.table("fixed_holidays").items()}
_MOVABLE = wordlists.entries("movable_holidays")


@rule(
    "holiday",
    needs="holiday",
    pattern=rf"{L}(?P<h>(?:New Year['’]s (?:Day|Eve)|Christmas(?: (?:Eve|Day))?|Boxing Day|Valentine['’]s Day|Halloween|Independence Day|Veterans Day|Armistice Day|Bastille Day|Remembrance Day|St\. Patrick['’]s Day|Thanksgiving(?: Day)?|Labor Day|Memorial Day|Easter(?: Sunday| Monday)?|Good Friday|Election Day|Mother['’]s Day|Father['’]s Day|Martin Luther King(?: Jr\.)? Day|Presidents['’]? Day|Columbus Day))(?:,?\s+(?P<y>{YEAR}))?(?!\w)",
    cased=True,
)
def _holiday(m: re.Match, text: str) -> Cand | None:
    name = re.sub(r"\s+", " ", m["h"].lower().replace("’", "'")).replace(" jr.", "")
    if re.match(r"\s+(?:tree|trees|card|cards|gift|gifts|shopping|sales?|party|parties|carols?|lights|decorations|spirit|season|holidays?|Island|bunny|egg|eggs|parade|message|truce|special|movie|album|songs?)\b", text[m.end() : m.end() + 16], re.I):
        return None
    y = int(m["y"]) if m["y"] else None
    return Cand(m.start(), m.end(), "DATE", ("holiday", name, y), prio=4)


def holiday_date(name: str, year: int) -> dt.date | None:
    """The day a named holiday falls on in ``year`` (US conventions for the movable ones)."""
    try:
        if name in _FIXED_HOLIDAYS:
            mo, d = _FIXED_HOLIDAYS[name]
            return dt.date(year, mo, d)

        def nth_weekday(month: int, weekday: int, n: int) -> dt.date:
            if n > 0:
                first = dt.date(year, month, 1)
                return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
            last = dt.date(year, month + 1, 1) - dt.timedelta(days=1) if month < 12 else dt.date(year, 12, 31)
            return last - dt.timedelta(days=(last.weekday() - weekday) % 7)

        if name in ("thanksgiving", "thanksgiving day"):
            return nth_weekday(11, 3, 4)
        if name == "labor day":
            return nth_weekday(9, 0, 1)
        if name == "memorial day":
            return nth_weekday(5, 0, -1)
        if name == "mother's day":
            return nth_weekday(5, 6, 2)
        if name == "father's day":
            return nth_weekday(6, 6, 3)
        if name == "martin luther king day":
            return nth_weekday(1, 0, 3)
        if name in ("presidents day", "presidents' day"):
            return nth_weekday(2, 0, 3)
        if name == "columbus day":
            return nth_weekday(10, 0, 2)
        if name == "election day":
            return nth_weekday(11, 0, 1) + dt.timedelta(days=1)
        if name.startswith("easter") or name == "good friday":
            # Anonymous Gregorian computus (Meeus/Jones/Butcher)
            a, b, c = year % 19, year // 100, year % 100
            d, e = divmod(b, 4)
            f = (b + 8) // 25
            g = (b - f + 1) // 3
            h = (19 * a + b - d - g + 15) % 30
            i, k = divmod(c, 4)
            l_ = (32 + 2 * e + 2 * i - h - k) % 7
            mm = (a + 11 * h + 22 * l_) // 451
            month, day = divmod(h + l_ - 7 * mm + 114, 31)
            easter = dt.date(year, month, day + 1)
            if name == "good friday":
                return easter - dt.timedelta(days=2)
            if name == "easter monday":
                return easter + dt.timedelta(days=1)
            return easter
    except (ValueError, OverflowError):
        return None
    return None
