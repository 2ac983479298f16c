"""The grammar of time expressions: regex rules that find candidates and say what they mean.

Each rule is a compiled pattern and a builder that turns a match into a :class:`Cand`, a
span with a TIMEX3 type and a *meaning* (``sem``): a small tuple that
:mod:`timex_resolve` turns into a value once the anchor, the tense around the span and the
time last mentioned are known. Finding and resolving are kept apart, as in HeidelTime,
because "a year earlier" can only be resolved once the text before it has been.

Spans follow TimeML: the determiner and modifiers are inside ("the third quarter", "nearly
two years", "early next year"), the preposition is outside ("in June" -> "June").

``sem`` shapes (first item names the kind):

* ``("abs", gran, index)``             a fully written date ("June 19, 2024", "1990s")
* ``("md", month, day, weekday)``      a day with no year ("June 19", "Saturday, April 25")
* ``("cyc", gran, k, direction)``      a named month, season, quarter or half with no year
* ``("weekday", wd, direction)``       "Friday", "last Monday"
* ``("rel", gran, offset)``            "yesterday", "next week", "this year"
* ``("ago", gran, n)``                 "three weeks ago" (n None: vague)
* ``("shift", gran, n)``               "a year earlier", "the following month" (from the last time mentioned)
* ``("same", gran)``                   "that year", "the same day"
* ``("yearago",)``                     "the year-earlier period"
* ``("finq", which)``                  "the quarter" (0), "the latest quarter" ("latest"): financial reporting
* ``("yearq", year)``                  "the 1988 period"
* ``("ref", REF)``                     PRESENT_REF / PAST_REF / FUTURE_REF
* ``("future", gran, n)``              "the coming weeks"
* ``("dur", value)`` / ``("set", value)``
* ``("time", clock, day_sem)``         "6:54 a.m.", "Friday morning", "last night"
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import functools
import re
from dataclasses import dataclass
from typing import Callable

from storyline import words as wordlists
from storyline.annotate import timex_lexicon as lx


@dataclass(slots=True)
class Cand:
    """A candidate time expression: where it is, its TIMEX3 type, and what it means."""

    start: int
    end: int
    type: str
    sem: tuple
    mod: str | None = None  # EARLY, MID, LATE, START, END, BEFORE (earlier this..), AFTER (later this..)
    prio: int = 0


Builder = Callable[[re.Match, str], "Cand | None"]
# (name, pattern, builder, trigger classes, cased): a rule only runs near a word of its classes
RULES: list[tuple[str, re.Pattern, Builder, tuple[str, ...], bool]] = []


def rule(name: str, needs: str, pattern: str, cased: bool = False):
    """Register a builder for ``pattern``.

    Patterns are lower case and run over a lower-cased copy of the text, unless ``cased``
    (then over the original). Either way the builder gets the match and the *original*
    text. ``needs`` names the trigger classes (see ``TRIGGERS``) one of which every match
    contains; the rule is only tried in windows around such words, which keeps the finder
    fast on long articles.
    """
    compiled = re.compile(pattern)

    def deco(fn: Builder) -> Builder:
        RULES.append((name, compiled, fn, tuple(needs.split()), cased))
        return fn

    return deco


def _caps(m: re.Match, text: str, *groups: str) -> bool:
    """Month and weekday names must be capitalised in the original text."""
    return all(m.start(g) < 0 or text[m.start(g)].isupper() for g in groups)


L = r"(?<![\w$£€#@/.'’-])"  # a match starts a word, not inside numbers, money or hyphenated words
R = r"(?!\w)"  # and ends one
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
DIR = "(?P<dir>" + wordlists.alternation("direction_words") + ")"
_PREMOD_MOD = wordlists.table("premodifier_mods")
PREMOD = "(?:(?P<pre>" + "|".join(_PREMOD_MOD) + r")[\s-]+)"
THE_PART = r"(?:(?P<part>the\s+(?:very\s+)?(?:" + wordlists.alternation("part_of_words") + r")\s+of\s+))"
_PART_MOD = wordlists.table("part_mods")


def _mod(m: re.Match) -> str | None:
    gd = m.groupdict()
    if gd.get("pre"):
        return _PREMOD_MOD.get(gd["pre"].lower())
    if gd.get("part"):
        key = re.sub(r"\s+", " ", gd["part"].lower())
        key = re.sub(r"^the (?:very )?", "", key)[: -len(" of ")].strip()
        return _PART_MOD.get(key)
    return None


def _dir(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"^this\s+", "", word.lower()) if " " in word else word.lower()
    if w in ("last", "past", "previous", "preceding"):
        return "last"
    if w in ("next", "coming", "following"):
        return "next"
    if w in ("this", "current"):
        return "this"
    return None


# ----------------------------------------------------------------------------- filters

_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|[.,]\d|\d|-?(?:" + wordlists.alternation("not_year_followers") + r")\b)",
    re.I,
)
# A clock time given twice, local then universal ("the tremor hit at 1653 (2153 GMT)"): the first
# four digits are a time of day too.
_CLOCK_THEN_ZONE = re.compile(r"\s*(?:\(|-LRB-)\s*\d{4}\s*(?:" + wordlists.alternation("time_zones") + r")\b", re.I)
# A live page stamps each entry with its clock time ("1723 The US said ...", "2332 Haiti's
# neighbours reacted ..."): four digits that open a line or a sentence before a capital, when
# the page has several of them, are times of day.
_ENTRY_STAMP = re.compile(r"(?:^|(?<=[.!?])\s*)(?P<h>[01]\d|2[0-3])[0-5]\d(?= [A-Z])", re.M)
LIVE_STAMPS = 3  # stamps that make a page a live page


@functools.lru_cache(maxsize=64)
def _entry_stamps(text: str) -> frozenset[int]:
    """The stamps of a live page's entries, when it is one: three or more, and at least one
    that cannot be a year (a chronology box, "2009 ... 2013 ... 2014 ...", is not a live page)."""
    found = list(_ENTRY_STAMP.finditer(text))
    if len(found) < LIVE_STAMPS or all(m["h"] in ("19", "20") for m in found):
        return frozenset()
    return frozenset(m.start("h") for m in found)
_NOT_YEAR_BEFORE = re.compile(
    r"(?:" + wordlists.alternation("not_year_leaders") + r")$",
    re.I,
)


def year_in_context(text: str, start: int, end: int) -> bool:
    """Whether the four digits at [start, end) read as a year, not an amount or a code."""
    after = text[end : end + 16]
    before = text[max(0, start - 16) : start]
    if _NOT_YEAR_AFTER.match(after) or _CLOCK_THEN_ZONE.match(text[end:end + 20]) or start in _entry_stamps(text):
        return False
    if _NOT_YEAR_BEFORE.search(before):
        # "1990-1995": a year before the hyphen is fine
        if re.search(rf"{YEAR}\s*[-–]\s*$", before):
            return True
        return False
    return True


# ----------------------------------------------------------------------------- absolute dates


@rule("iso", needs="num", pattern=rf"{L}(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d)?)?{R}")
def _iso(m: re.Match, text: str) -> Cand | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    sem: tuple = ("abs", "day", day.toordinal())
    if m["hh"]:
        return Cand(m.start(), m.end(), "TIME", ("time", f"{m['hh']}:{m['mm']}", sem), prio=5)
    return Cand(m.start(), m.end(), "DATE", sem, prio=5)


@rule("slash", needs="num", pattern=rf"{L}(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>{YEAR}|\d\d){R}(?!/)")
def _slash(m: re.Match, text: str) -> Cand | None:
    a, b = int(m["a"]), int(m["b"])
    y = int(m["y"])
    if y < 100:
        y += 1900 if y >= 50 else 2000
    month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first cannot be a month
    try:
        d = dt.date(y, month, day)
    except ValueError:
        return None
    return Cand(m.start(), m.end(), "DATE", ("abs", "day", d.toordinal()), prio=5)


_WD = rf"(?:(?P<wd>{lx.WEEKDAY}),?\s+(?:the\s+)?)?"
_DAYNUM = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_TAIL = rf"(?:(?:,\s*|\s+)(?:of\s+)?(?P<y>{YEAR})(?![\d,]\d))?"


def _date_cand(m: re.Match, month: int | None, text: str) -> Cand | None:
    if month is None or not _caps(m, text, "mon", "wd"):
        return None
    day = int(m["d"])
    if not 1 <= day <= 31:
        return None
    wd = lx.weekday_number(m["wd"]) if m["wd"] else None
    mod = _mod(m)
    if m["y"]:
        try:
            d = dt.date(int(m["y"]), month, day)
        except ValueError:
            return None
        return Cand(m.start(), m.end(), "DATE", ("abs", "day", d.toordinal()), mod, prio=4)
    if day > {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}.get(month, 31):
        return None
    return Cand(m.start(), m.end(), "DATE", ("md", month, day, wd), mod, prio=4)


@rule(
    "month_day",
    needs="month",
    pattern=rf"{L}(?:{PREMOD}|{THE_PART})?{_WD}(?P<mon>{lx.MONTH_FULL}|{lx.MONTH_ABBREV})\s+{_DAYNUM}(?![\d:.,]\d|\s*(?:%|percent|million|billion|points?)\b){_YEAR_TAIL}{R}",
)
def _month_day(m: re.Match, text: str) -> Cand | None:
    return _date_cand(m, lx.month_number(m["mon"]), text)


@rule(
    "day_month",
    needs="month",
    pattern=rf"{L}(?:{PREMOD}|{THE_PART})?{_WD}(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?(?P<mon>{lx.MONTH_FULL}|{lx.MONTH_ABBREV}){_YEAR_TAIL}{R}",
)
def _day_month(m: re.Match, text: str) -> Cand | None:
    return _date_cand(m, lx.month_number(m["mon"]), text)


@rule(
    "month_year",
    needs="month",
    pattern=rf"{L}(?:{PREMOD}|{THE_PART})?(?P<mon>{lx.MONTH_FULL}|{lx.MONTH_ABBREV}),?\s+(?:of\s+)?(?P<y>{YEAR})(?![\d,.]\d){R}",
)
def _month_year(m: re.Match, text: str) -> Cand | None:
    month = lx.month_number(m["mon"])
    if month is None or not _caps(m, text, "mon"):
        return None
    return Cand(m.start(), m.end(), "DATE", ("abs", "month", int(m["y"]) * 12 + month - 1), _mod(m), prio=4)


@rule(
    "month_rel_year",
    needs="month",
    pattern=rf"{L}(?:{PREMOD}|{THE_PART})?(?P<mon>{lx.MONTH_FULL})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year{R}",
)
def _month_rel_year(m: re.Match, text: str) -> Cand | None:
    month = lx.month_number(m["mon"])
    if month is None or not _caps(m, text, "mon"):
        return None
    off = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return Cand(m.start(), m.end(), "DATE", ("cycy", "month", month, off), _mod(m), prio=4)


_MONTH_CUE = re.compile(
    r"(?:\b(?:" + wordlists.alternation("month_cues") + r")[\s-]+)$",
    re.I,
)


@rule("month", needs="month", pattern=rf"{L}(?:{PREMOD}|{THE_PART})?(?:{DIR}\s+)?(?P<mon>{lx.MONTH_FULL}|sept\.|sep\.|aug\.|jan\.|feb\.|oct\.|nov\.|dec\.|apr\.){R}")
def _month(m: re.Match, text: str) -> Cand | None:
    name = m["mon"]
    month = lx.month_number(name)
    if month is None or not _caps(m, text, "mon"):
        return None
    if name.lower() in ("may", "march") and not (m["pre"] or m["part"] or m["dir"]):
        # "may" and "march" are common words: want a cue before them
        if not _MONTH_CUE.search(text[max(0, m.start() - 14) : m.start()]):
            return None
    if name.endswith(".") and not (m["pre"] or m["part"] or m["dir"]):
        if not _MONTH_CUE.search(text[max(0, m.start() - 14) : m.start()]):
            return None
    if m["dir"] and _dir(m["dir"]) is None or (m["dir"] and m["dir"].lower() in ("current", "previous", "following", "preceding")):
        return None
    return Cand(m.start(), m.end(), "DATE", ("cyc", "month", month, _dir(m["dir"])), _mod(m), prio=2)


@rule(
    "year",
    needs="num",
    pattern=rf"{L}(?:{PREMOD}|{THE_PART})?(?P<fy>(?:the\s+)?(?:fiscal|calendar|financial|model|school|academic)(?:[\s-]+year)?\s+|FY\s*|the\s+year\s+)?(?P<y>{YEAR})(?:[-–/](?P<y2>\d\d)(?!\d))?{R}",
)
def _year(m: re.Match, text: str) -> Cand | None:
    ys, ye = m.span("y")
    if not m["fy"] and not m["pre"] and not m["part"] and not year_in_context(text, ys, ye):
        return None
    if m["y2"] and not m["fy"]:
        # "1998-99 season": keep the first year only; the span ends at the year
        return Cand(m.start(), ye, "DATE", ("abs", "year", int(m["y"])), _mod(m), prio=3)
    return Cand(m.start(), m.end(), "DATE", ("abs", "year", int(m["y"])), _mod(m), prio=3)


@rule(
    "year_period",
    needs="num",
    pattern=rf"{L}the\s+(?P<y>{YEAR})\s+(?P<what>period|quarter|first\s+quarter|second\s+quarter|third\s+quarter|fourth\s+quarter|first\s+half|second\s+half|year|fiscal\s+year|season){R}",
)
def _year_period(m: re.Match, text: str) -> Cand | None:
    y = int(m["y"])
    what = re.sub(r"\s+", " ", m["what"].lower())
    q = {"first quarter": 1, "second quarter": 2, "third quarter": 3, "fourth quarter": 4}.get(what)
    if q:
        return Cand(m.start(), m.end(), "DATE", ("abs", "quarter", y * 4 + q - 1), prio=4)
    if what in ("first half", "second half"):
        return Cand(m.start(), m.end(), "DATE", ("abs", "half", y * 2 + (0 if what == "first half" else 1)), prio=4)
    if what in ("period", "quarter"):
        return Cand(m.start(), m.end(), "DATE", ("yearq", y), prio=4)
    return Cand(m.start(), m.end(), "DATE", ("abs", "year", y), prio=4)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


@rule(
    "decade",
    needs="num decade",
    pattern=rf"{L}(?:the\s+)?(?:{PREMOD}|{THE_PART})?(?:(?P<full>1\d\d0|20\d0)'?s|['’](?P<short>\d0)'?s|(?P<short2>[2-9]0)s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){R}",
)
def _decade(m: re.Match, text: str) -> Cand | None:
    if m["full"]:
        dec = int(m["full"]) // 10
    else:
        d = int(m["short"] or m["short2"]) // 10 if (m["short"] or m["short2"]) else _DECADE_WORDS[m["word"].lower()]
        if m["short2"] and not m.group(0).lower().startswith("the"):
            return None  # "in her 40s" is an age
        if m["word"] and not m.group(0).lower().startswith("the"):
            return None
        dec = 190 + d
    return Cand(m.start(), m.end(), "DATE", ("abs", "decade", dec), _mod(m), prio=4)


@rule("century", needs="unit", pattern=rf"{L}(?:the\s+)?(?:{PREMOD}|{THE_PART})?(?P<ord>{lx.ORDINAL})[\s-]+century{R}")
def _century(m: re.Match, text: str) -> Cand | None:
    n = lx.ordinal_value(m["ord"])
    if not n or n > 30:
        return None
    return Cand(m.start(), m.end(), "DATE", ("abs", "century", n - 1), _mod(m), prio=4)


_SPELLED_TAIL = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:oh|o)[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))"
)


@rule(
    "spelled_year",
    needs="num",
    pattern=rf"{L}(?:(?P<mon>{lx.MONTH_FULL})\s+)?(?:the\s+year\s+)?(?:(?P<c>nineteen|eighteen|twenty)(?:\s+hundred(?:\s+and)?)?[\s-]+(?P<t>{_SPELLED_TAIL})|two\s+thousand(?:\s+and)?(?:[\s-]+(?P<t2>{_SPELLED_TAIL}|one|two|three|four|five|six|seven|eight|nine))?){R}",
)
def _spelled_year(m: re.Match, text: str) -> Cand | None:
    if m["c"]:
        century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m["c"].lower()]
        tail = re.sub(r"^(?:oh|o)[\s-]+", "", m["t"].lower())
        n = lx.number_value(tail)
        if n is None:
            return None
        y = century * 100 + int(n)
    else:
        n = lx.number_value(m["t2"]) if m["t2"] else 0
        y = 2000 + int(n or 0)
        # "two thousand" alone is usually a number, unless written as "the year two thousand"
        if not m["t2"] and "year" not in m.group(0).lower():
            return None
    if m["mon"]:
        if not _caps(m, text, "mon"):
            return None
        return Cand(m.start(), m.end(), "DATE", ("abs", "month", y * 12 + lx.month_number(m["mon"]) - 1), prio=4)
    # Guard "twenty-five" (a number) from reading as a year: only nineteen/eighteen + tens, or "the year".
    if m["c"] and m["c"].lower() == "twenty" and "year" not in m.group(0).lower():
        return None
    return Cand(m.start(), m.end(), "DATE", ("abs", "year", y), prio=3)


# ----------------------------------------------------------------------------- quarters, halves, seasons

_QORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final|last)"
_QYEAR = rf"(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?:(?P<qy>{YEAR})|(?P<qrel>this|last|next)\s+year|the\s+(?P<qrel2>current|previous|prior|past)\s+(?:fiscal\s+)?year))"
_QOWN = rf"(?:(?P<own>{YEAR}|last\s+year's|this\s+year's|next\s+year's|the\s+year's)\s+)"


def _qnum(word: str) -> int | None:
    return {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "final": 4, "last": 4}.get(word.lower())


def _year_off(m: re.Match) -> tuple[int | None, int | None]:
    """(absolute year, or offset from the anchor year) named around a quarter or half."""
    own = (m.groupdict().get("own") or "").lower()
    if m.groupdict().get("qy"):
        return int(m["qy"]), None
    if own[:4].isdigit():
        return int(own[:4]), None
    rel = (m.groupdict().get("qrel") or "").lower() or own.split(" ")[0].replace("'s", "")
    rel2 = (m.groupdict().get("qrel2") or "").lower()
    if rel2:
        return None, 0 if rel2 == "current" else -1
    if rel in ("this", "the"):
        return None, 0
    if rel == "last":
        return None, -1
    if rel == "next":
        return None, 1
    return None, None


@rule(
    "quarter",
    needs="unit",
    pattern=rf"{L}(?:(?P<det>the|its|their|a|an|this|that|his|her|our)\s+)?(?:(?:flat|strong|weak|disappointing|traditionally\s+\w+|seasonally\s+\w+|fiscal|calendar|same|comparable|current)[\s-]+)*{_QOWN}?(?P<fis>(?:fiscal|calendar)[\s-]+)?{_QORD}(?P<hy>[\s-])(?:fiscal\s+)?(?:-?quarter|qtr\.?)(?P<pl>s)?{_QYEAR}?{R}",
)
def _quarter(m: re.Match, text: str) -> Cand | None:
    q = _qnum(m["q"])
    if q is None:
        return None
    start = m.start()
    if m["hy"] == "-" and not (m["qy"] or m["qrel"] or m["qrel2"]):
        # "the third-quarter profit": the adjective is the timex, the determiner belongs to the noun
        start = min(i for i in (m.start("own"), m.start("fis"), m.start("q")) if i >= 0)
    if m["q"].lower() in ("last", "final") and not (m["qy"] or m["qrel"] or m["own"]):
        return None  # "the last quarter" is handled as a relative quarter
    y, off = _year_off(m)
    if m["pl"]:
        return Cand(start, m.end(), "SET", ("set", f"XXXX-Q{q}"), prio=3)
    if y is not None:
        return Cand(start, m.end(), "DATE", ("abs", "quarter", y * 4 + q - 1), prio=4)
    if off is not None:
        return Cand(start, m.end(), "DATE", ("cycy", "quarter", q, off), prio=4)
    return Cand(start, m.end(), "DATE", ("cyc", "quarter", q, None), prio=3)


@rule("q_short", needs="num", pattern=rf"{L}(?P<q>Q[1-4])(?:\s+|[-/])?(?P<qy>{YEAR})?{R}", cased=True)
def _q_short(m: re.Match, text: str) -> Cand | None:
    q = int(m["q"][1])
    if m["qy"]:
        return Cand(m.start(), m.end(), "DATE", ("abs", "quarter", int(m["qy"]) * 4 + q - 1), prio=4)
    return Cand(m.start(), m.end(), "DATE", ("cyc", "quarter", q, None), prio=3)


@rule(
    "half",
    needs="unit",
    pattern=rf"{L}(?:(?P<det>the|its|their|a|this)\s+)?{_QOWN}?(?:(?:fiscal|calendar)[\s-]+)?(?P<h>first|second|last|latter|back|front)(?P<hy>[\s-])half{_QYEAR}?{R}",
)
def _half(m: re.Match, text: str) -> Cand | None:
    h = 1 if m["h"].lower() in ("first", "front") else 2
    start = m.start()
    y, off = _year_off(m)
    if m["hy"] == "-" and m["det"] and y is None and off is None:
        start = m.start("h")
    if y is None and off is None and re.match(r"\s+of\b", text[m.end() : m.end() + 6]):
        if not re.match(r"\s+of\s+(?:the|this|next|last)\s+(?:fiscal\s+)?year\b", text[m.end() : m.end() + 30]):
            return None  # "the first half of the match": not a half-year
        return None if m["hy"] == "-" else Cand(start, m.end(), "DATE", ("cyc", "half", h, None), prio=3)
    if y is not None:
        return Cand(start, m.end(), "DATE", ("abs", "half", y * 2 + h - 1), prio=4)
    if off is not None:
        return Cand(start, m.end(), "DATE", ("cycy", "half", h, off), prio=4)
    return Cand(start, m.end(), "DATE", ("cyc", "half", h, None), prio=3)


_SEASON = r"(?P<s>spring|summer|fall|autumn|winter)"


@rule(
    "season",
    needs="season",
    pattern=rf"{L}(?:(?P<the>the)\s+)?(?:{PREMOD}|{THE_PART})?(?:{DIR}\s+)?{_SEASON}(?:\s+(?:of\s+)?(?P<y>{YEAR}))?{R}",
)
def _season(m: re.Match, text: str) -> Cand | None:
    s = lx.SEASON_WORDS[m["s"].lower()]
    mod = _mod(m)
    if m["y"]:
        return Cand(m.start(), m.end(), "DATE", ("abs", "season", int(m["y"]) * 4 + s), mod, prio=4)
    direction = _dir(m["dir"])
    if m["dir"] and m["dir"].lower() in ("current", "previous", "following", "preceding"):
        return None
    if direction is None:
        # Lower-case season words are ordinary nouns (and "fall" a verb): need "the"/"this"/"in".
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if not (m["the"] or m["pre"] or m["part"] or re.search(r"\b(?:in|since|by|until|through|during|over)\s+$", before)):
            return None
        if m["s"].lower() == "fall" and not (m["the"] or m["pre"] or m["part"]):
            return None
        if re.match(r"\s+(?:of\s+(?:\d|his|her|their|its|the|a|an|life)|semester|term|session|olympics|games|collection|meeting|months|season|wheat|crops?)\b", text[m.end() : m.end() + 20], re.I):
            return None
    start = m.start()
    if m["the"] and not (m["pre"] or m["part"] or m["dir"]):
        start = m.start("s")  # TimeML: "in the summer" -> "summer"
    return Cand(start, m.end(), "DATE", ("cyc", "season", s, direction), mod, prio=2)


# ----------------------------------------------------------------------------- days and weekdays

_TOD = r"(?P<tod>morning|afternoon|evening|night|overnight)"
_TOD_CODE = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "tonight": "NI"}
_DAYWORD = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}


@rule(
    "dayword",
    needs="day",
    pattern=rf"{L}(?:(?P<pre>early|earlier|late|later)\s+)?(?P<w>today|tonight|tomorrow|yesterday|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+{_TOD})?(?![\w-])",
)
def _dayword(m: re.Match, text: str) -> Cand | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    off = _DAYWORD.get(w, -2 if "before" in w else 2)
    day: tuple = ("rel", "day", off)
    mod = {"early": "EARLY", "late": "LATE"}.get((m["pre"] or "").lower())
    if m["tod"] or w == "tonight":
        return Cand(m.start(), m.end(), "TIME", ("time", _TOD_CODE[(m["tod"] or w).lower()], day), prio=4)
    return Cand(m.start(), m.end(), "DATE", day, mod, prio=4)


@rule("partofday", needs="day", pattern=rf"{L}(?:(?P<pre>early|earlier|late|later)\s+)?(?P<d>this|last|tomorrow|yesterday)\s+(?P<tod>morning|afternoon|evening|night){R}")
def _partofday(m: re.Match, text: str) -> Cand | None:
    d = m["d"].lower()
    tod = m["tod"].lower()
    off = {"this": 0, "tomorrow": 1, "yesterday": -1, "last": -1}[d]
    return Cand(m.start(), m.end(), "TIME", ("time", _TOD_CODE[tod], ("rel", "day", off)), prio=4)


@rule("overnight", needs="day", pattern=rf"{L}(?P<w>overnight){R}(?!\s+(?:rate|rates|loan|loans|stay|trip|train|flight|bag|success|sensation|delivery|funds?|lending|market)\b)")
def _overnight(m: re.Match, text: str) -> Cand | None:
    return Cand(m.start(), m.end(), "TIME", ("time", "NI", ("rel", "day", -1)), prio=1)


_WDIR = r"(?P<wdir>this\s+past|this\s+coming|last|next|this|coming|past|previous|following|the\s+previous|the\s+following|the\s+next|the\s+preceding|the\s+same|that)"


@rule(
    "weekday",
    needs="weekday",
    pattern=rf"{L}(?:(?P<pre>early|earlier|late|later)\s+)?(?:{_WDIR}\s+)?(?P<wd>{lx.WEEKDAY})(?:['’]s)?(?:\s+{_TOD})?(?!\w)",
)
def _weekday(m: re.Match, text: str) -> Cand | None:
    wd = lx.weekday_number(m["wd"])
    if wd is None or not _caps(m, text, "wd"):
        return None
    before = text[max(0, m.start() - 12) : m.start()]
    if re.search(r"(?:Black|Good|Cyber|Ash|Super|Man|Girl|Holy|Palm|Easter|Bloody|Maundy)\s+$", before):
        return None  # a name ("Black Friday", "Bloody Sunday"), not the weekday of this week
    wdir = re.sub(r"\s+", " ", (m["wdir"] or "").lower())
    if wdir in ("the previous", "the preceding", "the following", "the next", "the same", "that"):
        sem: tuple = ("weekday_ref", wd, {"the previous": -1, "the preceding": -1, "the following": 1, "the next": 1}.get(wdir, 0))
    else:
        sem = ("weekday", wd, _dir(wdir) if wdir else None)
    mod = {"early": "EARLY", "late": "LATE"}.get((m["pre"] or "").lower())
    end = m.end()
    if m["tod"]:
        return Cand(m.start(), end, "TIME", ("time", _TOD_CODE[m["tod"].lower()], sem), prio=3)
    # the possessive "'s" is not part of the timex span
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2
    return Cand(m.start(), end, "DATE", sem, mod, prio=3)


@rule(
    "weekday_set",
    needs="weekday",
    pattern=rf"{L}(?:(?P<q>every|each)\s+(?P<wd1>{lx.WEEKDAY})|(?P<wd2>{lx.WEEKDAY_PL}))(?:\s+(?P<tod>mornings|afternoons|evenings|nights|morning|afternoon|evening|night))?(?!\w)",
)
def _weekday_set(m: re.Match, text: str) -> Cand | None:
    wd = lx.weekday_number(m["wd1"] or m["wd2"])
    if wd is None or not _caps(m, text, "wd1", "wd2"):
        return None
    tod = ("T" + _TOD_CODE[m["tod"].lower().rstrip("s")]) if m["tod"] else ""
    return Cand(m.start(), m.end(), "SET", ("set", f"XXXX-WXX-{wd + 1}{tod}"), prio=4)


# ----------------------------------------------------------------------------- relative to the anchor

_REL_UNIT = r"(?P<u>week|weekend|month|quarter|year|decade|century|day|fiscal\s+year|season)"


@rule(
    "rel_unit",
    needs="unit season",
    pattern=rf"{L}(?:{PREMOD}|{THE_PART})?(?P<rd>this|last|next|the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+current|the\s+following|the\s+preceding|the\s+same|that|the\s+next|the\s+prior|current|past|coming|the\s+latest|the\s+most\s+recent|the\s+recent|the\s+just[\s-]ended|the\s+just[\s-]completed|the\s+new|the\s+entire|the\s+full|the\s+whole|its|their)\s+(?P<fis>(?:fiscal|calendar|financial)\s+)?{_REL_UNIT}(?P<orso>\s+or\s+so)?{R}",
)
def _rel_unit(m: re.Match, text: str) -> Cand | None:
    rd = re.sub(r"\s+", " ", m["rd"].lower())
    unit = m["u"].lower().split()[-1]
    mod = _mod(m)
    if unit == "season" and rd not in ("this", "last", "next", "the same", "that"):
        return None
    if rd in ("the entire", "the full", "the whole", "its", "their"):
        if unit != "year" and unit != "quarter":
            return None
        if rd in ("its", "their") and not m["fis"]:
            return None
        if rd in ("the entire", "the whole"):
            return Cand(m.start(), m.end(), "DURATION", ("dur", f"P1{lx.UNITS[unit][0]}"), prio=3)
        return Cand(m.start(), m.end(), "DATE", ("rel", unit, 0), mod, prio=3)
    if rd in ("the same", "that"):
        return Cand(m.start(), m.end(), "DATE", ("same", unit), mod, prio=3)
    if rd in ("the latest", "the most recent", "the recent", "the just-ended", "the just ended", "the just completed", "the just-completed"):
        if unit == "quarter":
            return Cand(m.start(), m.end(), "DATE", ("finq", "latest"), mod, prio=3)
        return Cand(m.start(), m.end(), "DATE", ("rel", unit, -1), mod, prio=3)
    if rd in ("the following", "the next") and not re.search(r"\b(?:in|during|over|within|for)\s+$", text[max(0, m.start() - 10) : m.start()]):
        return Cand(m.start(), m.end(), "DATE", ("shift", unit, 1, "coarse"), mod, prio=3)
    if rd in ("the previous", "the preceding", "the prior"):
        return Cand(m.start(), m.end(), "DATE", ("shift", unit, -1, "coarse"), mod, prio=3)
    if rd == "the new" and unit not in ("year", "fiscal year"):
        return None
    off = {"this": 0, "current": 0, "the current": 0, "the new": 1, "last": -1, "past": -1, "the past": -1,
           "the last": -1, "next": 1, "coming": 1, "the coming": 1, "the next": 1, "the following": 1}.get(rd)
    if off is None:
        return None
    if unit == "day":
        if rd in ("this", "current", "the current"):
            return None
        if off < 0 and rd in ("the past", "the last", "past", "last"):
            return Cand(m.start(), m.end(), "DURATION", ("dur", "P1D"), prio=3)
    return Cand(m.start(), m.end(), "DATE", ("rel", unit, off), mod, prio=3)


@rule("in_the_unit", needs="unit", pattern=rf"{L}(?:(?P<pre>earlier|later)\s+in\s+the\s+(?P<u>year|month|week|day|decade|quarter)|(?P<the>the|this)\s+(?P<u2>weekend)){R}")
def _in_the_unit(m: re.Match, text: str) -> Cand | None:
    if m["pre"]:
        return Cand(m.start(), m.end(), "DATE", ("rel", m["u"].lower(), 0), _PREMOD_MOD[m["pre"].lower()], prio=3)
    return Cand(m.start(), m.end(), "DATE", ("rel", "weekend", 0), prio=3)


@rule("the_unit", needs="unit", pattern=rf"{L}(?P<w>the\s+(?P<fis>fiscal\s+)?(?P<u>year|week))(?P<pos>['’]s)?(?!\w|-)")
def _the_unit(m: re.Match, text: str) -> Cand | None:
    """"for the year, profit rose": the current period in results; "the year ended June 30": a year long."""
    before = text[max(0, m.start() - 12) : m.start()].lower()
    after = text[m.end() : m.end() + 14].lower()
    unit = m["u"].lower()
    end = m.end("w")
    if re.match(r"\s+(?:ended|ending|ends|to|through)\b", after):
        return Cand(m.start(), end, "DURATION", ("dur", lx.duration_value(1, unit)), prio=1)
    if m["pos"] or re.search(r"\b(?:for|of|during|over)\s+$", before):
        if re.match(r"\s+(?:before|after|in\s+which|when|that|of)\b", after):
            return None
        return Cand(m.start(), end, "DATE", ("rel", unit, 0), prio=1)
    return None


@rule("part_of_the_unit", needs="unit season", pattern=rf"{L}{THE_PART}(?:the\s+)?(?P<u>year|month|week|day|decade|quarter|century|summer|winter|spring|autumn|fall|season){R}(?!\s+(?:of|before|after|in)\b)")
def _part_of_the_unit(m: re.Match, text: str) -> Cand | None:
    u = m["u"].lower()
    if u in lx.SEASON_WORDS:
        return Cand(m.start(), m.end(), "DATE", ("cyc", "season", lx.SEASON_WORDS[u], None), _mod(m), prio=3)
    if u == "season":
        return None
    return Cand(m.start(), m.end(), "DATE", ("rel", u, 0), _mod(m), prio=3)


@rule("unit_end", needs="unit", pattern=rf"{L}(?:(?P<the>the)\s+)?(?P<u>year|month|quarter|week)(?:[\s-]|['’]s\s+)(?P<w>end|start)(?:s)?{R}(?!\s+(?:of|report|results|bonus|bonuses|figures|sales|inventory|data|review|accounts?|statement)\b)")
def _unit_end(m: re.Match, text: str) -> Cand | None:
    mod = "END" if m["w"].lower() == "end" else "START"
    return Cand(m.start(), m.end(), "DATE", ("rel", m["u"].lower(), 0), mod, prio=2)


# ----------------------------------------------------------------------------- n units ago / earlier / later

_N = rf"(?P<n>{lx.NUMBER}|{lx.VAGUE}|a|an)"
_LOWER_BOUND = re.compile("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in wordlists.entries("lower_bound_qualifiers")), re.I)


@rule(
    "ago",
    needs="unit",
    pattern=rf"{L}(?:(?P<ap>{lx.APPROX})\s+)?(?:{_N}[\s-]+)?(?:{lx.UNIT_QUAL})?(?P<u>{lx.UNIT})(?P<orso>\s+or\s+so)?\s+(?P<w>ago|earlier|hence|from\s+now|back)(?![\w-])",
)
def _ago(m: re.Match, text: str) -> Cand | None:
    unit = lx.unit_of(m["u"])
    if unit is None or unit == "weekend":
        return None
    w = re.sub(r"\s+", " ", m["w"].lower())
    after = text[m.end() : m.end() + 20]
    if w == "earlier" and re.match(r"\s+than\b", after):
        return None
    if w == "back" and not re.match(r"\s*[,.;:)]", after):
        return None  # "two years back" at the end of a clause only
    n_text = m["n"]
    if n_text is None:
        if not m["u"].lower().endswith("s"):
            return None
        n = None
    elif re.fullmatch(lx.VAGUE, n_text, re.I):
        n = None
    else:
        val = lx.number_value(n_text)
        if val is None:
            return None
        n = val
    if n is not None and n != int(n):
        return None
    gran = lx.UNITS[unit][2]
    if gran is None:  # hours, minutes: a time today
        if n is None:
            return None
        return Cand(m.start(), m.end(), "DATE", ("rel", "day", 0), prio=3)
    n_int = None if n is None else int(n)
    if unit == "fortnight" and n_int is not None:
        gran, n_int = "week", n_int * 2
    if w in ("ago", "back"):
        sem: tuple = ("ago", gran, n_int)
        if m["ap"] and n_int and _LOWER_BOUND.fullmatch(m["ap"]):
            # "more than a year ago": at least that long ago, so any time up to that day
            return Cand(m.start(), m.end(), "DATE", sem, "AGO_AT_LEAST", prio=4)
    elif w == "earlier":
        sem = ("shift", gran, -n_int if n_int is not None else None)
    else:  # hence, from now
        sem = ("ago", gran, -n_int if n_int is not None else None)
    return Cand(m.start(), m.end(), "DATE", sem, prio=4)


@rule(
    "yearago",
    needs="unit",
    pattern=rf"{L}(?:(?P<det>the|a|its|their)\s+(?:(?:comparable|corresponding|same|latest)\s+)?)?(?P<ya>year[\s-](?:earlier|ago|before)|prior[\s-]year|previous[\s-]year|year[\s-]previous)(?:\s+(?P<noun>period|quarter|quarters|month|week|day))?{R}",
)
def _yearago(m: re.Match, text: str) -> Cand | None:
    start = m.start() if m["noun"] else m.start("ya")
    if not m["noun"] and m["ya"].lower().replace("-", " ") in ("prior year", "previous year"):
        if not m["det"]:
            return None
        return Cand(m.start(), m.end(), "DATE", ("shift", "year", -1), prio=3)
    return Cand(start, m.end(), "DATE", ("yearago",), prio=3)


@rule(
    "sameperiod",
    needs="unit",
    pattern=rf"{L}(?:the\s+(?:same|corresponding|comparable|year-ago|year-earlier)\s+(?P<noun>period|quarter|time|month|week)\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:in|of)\s+(?P<y>{YEAR})|the\s+previous\s+year|the\s+year\s+before)|last\s+year['’]s\s+(?:period|quarter)|the\s+quarter\s+a\s+year\s+(?:ago|earlier)){R}",
)
def _sameperiod(m: re.Match, text: str) -> Cand | None:
    if m["y"]:
        return Cand(m.start(), m.end(), "DATE", ("yearq", int(m["y"])), prio=5)
    return Cand(m.start(), m.end(), "DATE", ("yearago",), prio=5)


_QEND = re.compile(rf"\s+(?:just\s+)?end(?:ed|ing)\s+(?P<mon>{lx.MONTH_ANY})\s+(?P<d>[0-3]?\d)(?:,\s*(?P<y>{YEAR}))?", re.I)


@rule("finq", needs="unit", pattern=rf"{L}(?:the|this|that)\s+(?P<w>quarter|period){R}")
def _finq(m: re.Match, text: str) -> Cand | None:
    det = m.group(0).split()[0].lower()
    after = text[m.end() : m.end() + 30]
    q_end = _QEND.match(after)
    if q_end and lx.month_number(q_end["mon"]):
        # "the quarter ended Sept. 30": the quarter that day closes
        y = int(q_end["y"]) if q_end["y"] else None
        return Cand(m.start(), m.end(), "DATE", ("qend", lx.month_number(q_end["mon"]), int(q_end["d"]), y), prio=3)
    if m["w"].lower() == "period":
        return None
    if re.match(r"\s*(?:of|to|before|after|when|in\s+which)\b", after, re.I):
        return None
    if det == "this":
        return Cand(m.start(), m.end(), "DATE", ("rel", "quarter", 0), prio=2)
    if det == "that":
        return Cand(m.start(), m.end(), "DATE", ("same", "quarter"), prio=2)
    return Cand(m.start(), m.end(), "DATE", ("finq", 0), prio=2)


@rule("latest_period", needs="unit", pattern=rf"{L}the\s+(?:latest|most\s+recent|recent|just[\s-]ended|just[\s-]completed|current|comparable|year-ago|year-earlier)\s+(?P<w>period|three\s+months|three-month\s+period){R}")
def _latest_period(m: re.Match, text: str) -> Cand | None:
    t = m.group(0).lower()
    if "current" in t:
        return Cand(m.start(), m.end(), "DATE", ("rel", "quarter", 0), prio=3)
    if "year-" in t or "comparable" in t:
        return Cand(m.start(), m.end(), "DATE", ("yearago",), prio=3)
    return Cand(m.start(), m.end(), "DATE", ("finq", "latest"), prio=3)


# ----------------------------------------------------------------------------- durations

_SET_BEFORE = re.compile(
    r"(?:" + wordlists.alternation("set_blockers") + r")\W*(?:\w+\W+){0,2}$",
    re.I,
)
_DUR_LEAD = "(?:" + wordlists.alternation("duration_leads") + ")"


@rule(
    "duration",
    needs="unit",
    pattern=rf"{L}(?:(?P<ap>{lx.APPROX})\s+)?(?:(?P<det>the|a|an|its|his|her|their|that|those|these)\s+)?(?:(?P<lead>{_DUR_LEAD}(?:\s+{_DUR_LEAD})?)\s+)?(?:{_N}(?P<range>\s+(?:to|or)\s+{lx.NUMBER}|\s*[-–]\s*\d+)?[\s-]+)?(?P<qual>{lx.UNIT_QUAL})?(?P<u>{lx.UNIT})(?P<half>\s+and\s+a\s+half)?(?P<orso>\s+or\s+so|\s+or\s+(?:more|longer|less))?{R}(?!-)",
)
def _duration(m: re.Match, text: str) -> Cand | None:
    unit = lx.unit_of(m["u"])
    if unit is None:
        return None
    plural = m["u"].lower().endswith(("s", "ia"))
    det = (m["det"] or "").lower()
    lead = re.sub(r"\s+", " ", (m["lead"] or "").lower())
    vague_lead = lead.endswith(("few", "several"))
    if vague_lead:
        lead = lead.rsplit(" ", 1)[0] if " " in lead else ""
    n_text = m["n"]
    start = m.start()
    if lead == "recent":
        return None
    if m["ap"] and det and m["ap"].lower() in ("over", "under", "some"):
        start = m.start("det")  # "over the past two years": "over" is a preposition here
    after = text[m.end() : m.end() + 12]
    if unit == "quarter" and (
        re.match(r"\s+of\s+(?:the|a|an|all|its|his|her|their|them|those|these|our|its|\d|\$)", after)
        or (n_text and "-" in text[m.end("n") : m.start("u")])
    ):
        return None  # "a quarter of the vote", "three-quarters": fractions
    if n_text is None:
        if vague_lead and plural:
            n: float | None = None
        elif det in ("a", "an") and lead in ("", "full", "additional", "further", "extra", "entire", "whole", "other"):
            n = 1
        elif lead == "another" and not det:
            n = 1
        elif plural and lead in ("past", "last", "next", "coming", "first", "previous", "following", "remaining"):
            if lead == "coming":
                return Cand(start, m.end(), "DATE", ("future", lx.UNITS[unit][2] or "day", None), prio=2)
            n = None
        else:
            return None
    elif m["range"]:
        n = None  # "two to three weeks": no one number
    elif re.fullmatch(r"(?:a\s+)?couple(?:\s+of)?", n_text, re.I):
        n = 2
    elif re.fullmatch(lx.VAGUE, n_text, re.I):
        n = None
    else:
        n = lx.number_value(n_text)
        if n is None or n > 10000:
            return None
        if n_text.lower() in ("a", "an") and unit == "second":
            return None  # "a second term": an ordinal, not a second
    if unit == "second" and (n_text or det or "").lower() in ("a", "an", "one", "the"):
        if not re.match(r"\s*[,.;:)]|\s+(?:or|and|ago|later|earlier|before|after)\b", after):
            return None  # "a second term": an ordinal, not a second
    if m["half"] and n is not None:
        n += 0.5
    if unit in ("weekend", "night") and n is None:
        return None
    article = (n_text or det or "").lower() in ("a", "an") and not (n_text and det)
    if article and not lead and not m["ap"]:
        # "$5 a year", "three times a day": a frequency
        if _SET_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            return Cand(m.start(), m.end(), "SET", ("set", lx.duration_value(1, unit)), prio=2)
    if n_text and n_text.lower() in ("one", "a", "an") and unit == "day" and not det and not lead:
        if re.match(r"\s*,|\s+(?:he|she|they|we|I|you|it|the)\b", after) and re.search(r"(?:^|[.!?\"]\s*)$", text[max(0, m.start() - 3) : m.start()]):
            return Cand(m.start(), m.end(), "DATE", ("ref", "FUTURE_REF"), prio=2)
    if n_text and det and not lead and (not m["ap"] or start == m.start("det")):
        adjective = not plural and (n is None or n != 1)
        if adjective or det in ("its", "his", "her", "their", "that", "those", "these"):
            # "a five year low", "the 30-day period", "its two years": the determiner is the noun's
            start = m.start("n")
    value = lx.duration_value(n, unit)
    if value is None:
        return None
    return Cand(start, m.end(), "DURATION", ("dur", value), prio=2)


@rule("duration_adj", needs="unit", pattern=rf"{L}(?P<n>{lx.NUMBER_DIGITS}|{lx.NUMBER_WORDS}|one|a|half|several|multi|many|few)-(?P<u>second|minute|hour|day|night|week|month|quarter|year|decade|century)(?:-(?P<old>old|long))?{R}")
def _duration_adj(m: re.Match, text: str) -> Cand | None:
    unit = lx.unit_of(m["u"])
    nt = m["n"].lower()
    if nt in ("several", "multi", "many", "few"):
        n = None
    elif nt == "half":
        n = 0.5
    else:
        n = lx.number_value(nt)
        if n is None:
            return None
    value = lx.duration_value(n, unit) if unit else None
    if value is None:
        return None
    return Cand(m.start(), m.end(), "DURATION", ("dur", value), prio=3)


@rule("duration_long", needs="unit", pattern=rf"{L}(?P<u>year|month|week|day|decade|century|hour)[\s-]?long{R}")
def _duration_long(m: re.Match, text: str) -> Cand | None:
    unit = lx.unit_of(m["u"])
    return Cand(m.start(), m.end(), "DURATION", ("dur", lx.duration_value(1, unit)), prio=2) if unit else None


@rule("half_a", needs="unit", pattern=rf"{L}(?:(?P<ap>{lx.APPROX})\s+)?half\s+(?:a|an)\s+(?P<u>{lx.UNIT_SG}){R}")
def _half_a(m: re.Match, text: str) -> Cand | None:
    unit = lx.unit_of(m["u"])
    value = lx.duration_value(0.5, unit) if unit else None
    return Cand(m.start(), m.end(), "DURATION", ("dur", value), prio=3) if value else None


@rule("quarter_century", needs="unit", pattern=rf"{L}(?:(?P<ap>{lx.APPROX})\s+)?(?:(?P<n>a|one|three)[\s-]+)?quarters?[\s-]+(?:of\s+)?(?:a\s+)?century{R}")
def _quarter_century(m: re.Match, text: str) -> Cand | None:
    years = 75 if (m["n"] or "").lower() == "three" else 25
    return Cand(m.start(), m.end(), "DURATION", ("dur", f"P{years}Y"), prio=3)


@rule("bare_units", needs="unit", pattern=rf"\b(?:for|in|within|over|took|take|takes|lasted|last|lasts|spent|spend|after|taking)\s(?P<u>{lx.UNIT_PL}){R}(?!\s+(?:of|ago|earlier|later|before|after|old)\b)")
def _bare_units(m: re.Match, text: str) -> Cand | None:
    unit = lx.unit_of(m["u"])
    if unit is None or unit == "weekend":
        return None
    return Cand(m.start("u"), m.end(), "DURATION", ("dur", lx.duration_value(None, unit)), prio=1)


# Words one of which every time expression contains, by class. Finding them with a plain
# word scan and a dictionary is far cheaper than running every rule over the whole text;
# the rules then run only in windows around the words of their classes.
TRIGGERS = {
    "num": "one two three four five six seven eight nine ten eleven twelve eighteen nineteen twenty thousand q1 q2 q3 q4",
    "month": "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec",
    "weekday": "monday tuesday wednesday thursday friday saturday sunday "
    "mondays tuesdays wednesdays thursdays fridays saturdays sundays",
    "unit": "second seconds minute minutes hour hours day days night nights week weeks weekend weekends fortnight "
    "fortnights month months quarter quarters season seasons year years decade decades century centuries "
    "millennium millennia half period qtr yearlong",
    "day": "today tonight tomorrow yesterday overnight morning mornings afternoon afternoons evening evenings night "
    "nights noon midday midnight midafternoon midmorning dawn daybreak dusk sunset sunrise nightfall clock",
    "ref": "now current currently present presently nowadays recent recently lately past future soon term ahead "
    "someday days day time ago while earlier later today",
    "season": "spring summer fall autumn winter",
    "freq": "daily nightly weekly biweekly fortnightly monthly bimonthly yearly annually hourly semiannually semi "
    "biannually every each per once twice thrice times",
    "decade": "twenties thirties forties fifties sixties seventies eighties nineties",
    "holiday": "christmas easter thanksgiving halloween year boxing valentine independence veterans armistice "
    "bastille remembrance patrick labor memorial good election mother father king presidents columbus",
}
_TRIGGER_WORDS: dict[str, list[str]] = {}
for _cls, _words in TRIGGERS.items():
    for _w in _words.split():
        _TRIGGER_WORDS.setdefault(_w, []).append(_cls)


# Digits only matter where they can be part of a date or a clock time: a year, a day or
# hour before ":", "/", "a.m.", a decade ("1990s", "'90s"). Amounts ("$5", "20%") start
# nothing. Each branch starts with a digit or quote, so the engine can skip to those.
_NUM_RX = re.compile(
    r"[\d'’](?:(?<=\d)\d{3}(?!\d)|(?<=\d)\d?(?=\s*(?:[:.]\d\d|[ap]\.?\s?m\b|o['’]clock|"
    r"in\s+the\s+(?:morning|afternoon|evening|night))|/\d)|(?<=\d)0s\b|(?<=['’])\d0s\b)"
)
_SPLIT_RX = re.compile(r"([a-z]+)")
_LEFT, _RIGHT = 45, 45  # how far a match may reach before and after its trigger word


def _segments(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per trigger class, the merged windows of (lower-cased) text around its words."""
    hits: list[tuple[int, int, tuple[str, ...] | list[str]]] = [(m.start(), m.end(), ("num",)) for m in _NUM_RX.finditer(text)]
    # Split into words and gaps (C speed), keep the words in the trigger list, and get
    # their offsets from the running length: no Python work for ordinary words.
    parts = _SPLIT_RX.split(text)
    words = parts[1::2]
    found = [i for i, w in enumerate(words) if w in _TRIGGER_WORDS]
    if found:
        ends = list(itertools.accumulate(map(len, parts)))
        for i in found:
            end = ends[2 * i + 1]
            hits.append((end - len(words[i]), end, _TRIGGER_WORDS[words[i]]))
    hits.sort()
    wins: dict[str, list[tuple[int, int]]] = {k: [] for k in TRIGGERS}
    n = len(text)
    for start, end, classes in hits:
        lo, hi = max(0, start - _LEFT), min(n, end + _RIGHT)
        for cls in classes:
            w = wins[cls]
            if w and lo <= w[-1][1]:
                w[-1] = (w[-1][0], max(w[-1][1], hi))
            else:
                w.append((lo, hi))
    return wins


def lowered(text: str) -> str:
    """``text`` in lower case, character for character (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # a few characters ("İ") lower to two: keep those as they are
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _union(lists: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    spans = sorted(s for lst in lists for s in lst)
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def extract(text: str) -> list[Cand]:
    """Every candidate every rule finds in ``text`` (overlapping; :func:`select` picks)."""
    out: list[Cand] = []
    low = lowered(text)
    wins = _segments(low)
    cache: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for _name, pattern, build, needs, cased in RULES:
        segs = cache.get(needs)
        if segs is None:
            segs = cache[needs] = _union([wins[k] for k in needs])
        src = text if cased else low
        seen_end = -1
        for lo, hi in segs:
            for m in pattern.finditer(src, lo, hi):
                if m.start() < seen_end:
                    continue
                c = build(m, text)
                if c is not None and c.end > c.start:
                    out.append(c)
            seen_end = hi
    return out


def select(cands: list[Cand]) -> list[Cand]:
    """Keep the longest candidates that do not overlap (ties: higher priority, then earlier)."""
    chosen: list[Cand] = []
    starts: list[int] = []  # of the chosen spans, sorted; they never overlap, so ends are sorted too
    ends: list[int] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.prio, c.start)):
        i = bisect.bisect_left(starts, c.end)
        # only the chosen span starting last before c ends can reach into c
        if i > 0 and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)
