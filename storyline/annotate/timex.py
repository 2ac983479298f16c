"""Time expressions in English news: find them and normalise them against the publication date.

A rule-based finder in the manner of HeidelTime: regex rules (:mod:`timex_rules`) propose
candidate spans with a meaning, the longest non-overlapping ones are kept, and they are
resolved in text order (:mod:`timex_resolve`) against the anchor, the tense of the clause
and the time last mentioned. Values are TIMEX3 ("2024-11-06", "2024-W45", "2024-Q3",
"P3Y", "PRESENT_REF"...); every expression also gets ISO day bounds, so later stages can
place it on a timeline without parsing TIMEX3 themselves.

Public functions: :func:`find_timexes`, :func:`resolve_value`, :func:`date_and_precision`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from typing import Any, Callable

from storyline import words as wordlists
from storyline.annotate import timex_calendar as cal
from storyline.annotate.timex_calendar import resolve_value
from storyline.annotate.timex_resolve import Context, Res, narrow, resolve
from storyline.annotate import timex_rules_more  # noqa: F401  (importing it registers its rules)
from storyline.annotate.timex_rules import Cand, extract, select
from storyline.annotate.timex_tense import Tense
from storyline.model import TimeExpr

__all__ = ["find_timexes", "resolve_value", "date_and_precision"]

log = logging.getLogger(__name__)

MAX_CHARS = 2_000_000  # longer inputs are cut: a news article is far shorter


# ----------------------------------------------------------------------------- sentences and tense

_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z\"“])")
# Abbreviations after which a period does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:" + wordlists.alternation("sentence_abbreviations") + r")|\b[A-Z])\.[\"'”’)\]]*\s+$"
)


def sentence_starts(text: str, doc: Any = None) -> list[int]:
    """Start offsets of the sentences of ``text`` (from ``doc`` when given, else by rule)."""
    if doc is not None:
        try:
            starts = [s.start_char for s in doc.sents]
            if starts:
                return starts
        except (ValueError, AttributeError):
            pass
    starts = [0]
    for m in _SENT_END.finditer(text):
        if _ABBREV.search(text[max(0, m.start() - 8) : m.end()]) and "\n" not in m.group(0):
            continue
        starts.append(m.end())
    return starts


# ----------------------------------------------------------------------------- signals around a span

_APPROX_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(a for a in wordlists.entries("time_approximators") if a != r"an\s+estimated") + r"))\s+$",
    re.I,
)
_SINCE = re.compile(r"\bsince\s+$", re.I)
_UNTIL = re.compile(r"\b(?:" + wordlists.alternation("until_lead_ins") + r")\s+$", re.I)


def _extend_left(c: Cand, text: str) -> None:
    """Pull approximators ("nearly two years", "about 10 days") into duration spans, as TimeML does."""
    if c.type != "DURATION":
        return
    m = _APPROX_BEFORE.search(text[max(0, c.start - 24) : c.start])
    if m and not re.match(r"(?:the|its|his|her|their|this|that)\b", text[c.start : c.start + 6], re.I):
        c.start -= len(m.group(0))


def _apply_signal(res: Res, text: str, start: int, anchor: dt.date | None) -> None:
    """"since June" is a range up to the anchor; "by the end of the year" a bound ahead of it."""
    if anchor is None or res.earliest is None or res.latest is None or res.kind != "point":
        return
    before = text[max(0, start - 24) : start]
    if _SINCE.search(before) and res.earliest <= anchor:
        res.kind = "range"
        res.latest = max(res.latest, anchor)
    elif _UNTIL.search(before) and res.latest >= anchor and res.earliest <= res.latest:
        res.kind = "future"
        res.earliest = anchor  # it may happen any time from now until the bound


# ----------------------------------------------------------------------------- public API


def _coerce_anchor(anchor: Any) -> dt.date | None:
    if anchor is None:
        return None
    if isinstance(anchor, dt.datetime):
        return anchor.date()
    if isinstance(anchor, dt.date):
        return anchor
    if isinstance(anchor, str):
        try:
            return dt.date.fromisoformat(anchor[:10])
        except ValueError:
            return None
    return None


def _consistent(res: Res) -> bool:
    """The bounds never leave the period the value names, and never cross."""
    if res.earliest is not None and res.latest is not None and res.earliest > res.latest:
        return False
    if res.kind == "point" and res.gran is not None:
        lo, hi = resolve_value(res.value.split("T")[0] if res.value and res.type == "TIME" else res.value)
        if lo is None or res.earliest is None or res.latest is None:
            return False
        if res.earliest.isoformat() < lo or res.latest.isoformat() > hi:
            return False
    return True


def find_timexes(text: str, anchor: dt.date | None, *, doc: Any = None) -> list[TimeExpr]:
    """Find and normalise the time expressions in ``text`` against ``anchor``.

    ``anchor`` is the publication date (a date, datetime or ISO string; None when unknown:
    relative expressions then get no calendar value). ``doc`` is an optional spaCy Doc of
    the same text, used for sentence bounds and the tense of the governing verb. Returns
    the expressions in text order; offsets index into ``text``. Never raises: an expression
    that cannot be resolved is dropped, and a failure of the whole pass returns [].
    """
    try:
        return _find(text, _coerce_anchor(anchor), doc)
    except Exception:  # a bug in one rule must not stop a batch of articles
        log.exception("time expression finder failed on a text of %d characters", len(text or ""))
        return []


def _find(text: str, anchor: dt.date | None, doc: Any) -> list[TimeExpr]:
    if not text or not isinstance(text, str):
        return []
    text = text[:MAX_CHARS]
    if doc is not None and getattr(doc, "text", None) != text:
        doc = None  # a Doc of another text would give wrong offsets
    cands = _range_years(select(extract(text)), text)
    starts = sentence_starts(text, doc)
    guess = Tense(text, starts, doc)
    cands = _stated_year(cands, text, anchor, lambda pos: bisect.bisect_right(starts, pos) - 1, guess)

    def tense(c: Cand) -> str | None:
        return guess(c.start, c.end)

    def sentence(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    ctx = Context(anchor=anchor, tense=tense, sentence=sentence)
    out: list[TimeExpr] = []
    for c in cands:
        if _inside_a_name(text, c.start, starts):
            continue
        try:
            res = resolve(c, ctx)
        except (ValueError, OverflowError, KeyError, IndexError, TypeError):
            log.debug("could not resolve %r", text[c.start : c.end], exc_info=True)
            res = None
        if res is None:
            continue
        res = narrow(res, c.mod, anchor)
        _extend_left(c, text)
        _apply_signal(res, text, c.start, anchor)
        if not _consistent(res):
            continue
        _remember(ctx, c, res)
        out.append(
            TimeExpr(
                text=text[c.start : c.end],
                start=c.start,
                end=c.end,
                type=res.type,
                value=res.value,
                precision=cal.PRECISION.get(res.gran) if res.gran else None,
                kind=res.kind,
                earliest=res.earliest.isoformat() if res.earliest else None,
                latest=res.latest.isoformat() if res.latest else None,
                relative=res.relative,
            )
        )
    return _clock_on_named_day(out, text)


_ON_DAY = re.compile(r"\s*(?:,\s*)?on\s*$", re.I)


def _clock_on_named_day(out: list[TimeExpr], text: str) -> list[TimeExpr]:
    """A clock time followed by "on" and a day the clock rule does not read as its own day
    phrase ("at 10:15 a.m. on New Year's Eve") is on that day: the clock rule had put it on the
    day named before or the report's own, a day early or late around midnight."""
    for clock, day in zip(out, out[1:]):
        if clock.type != "TIME" or day.type != "DATE" or day.precision != "day" or day.kind != "point":
            continue
        if not _ON_DAY.match(text[clock.end : day.start]) or not clock.value or "T" not in clock.value:
            continue
        clock.value = day.value + clock.value[clock.value.index("T"):]
        clock.earliest, clock.latest, clock.relative = day.earliest, day.latest, day.relative
    return out


_RANGE_JOIN = re.compile(r"\s*(?:" + wordlists.alternation("range_joins") + r")\s*", re.I)


def _range_years(cands: list, text: str) -> list:
    """The first end of a range takes the year written after the second ("between January
    and March 2003", "from May 5 to June 2, 2004"): a year before its other end when its month
    comes later ("from December to March 2003")."""
    for c1, c2 in zip(cands, cands[1:]):
        if not _RANGE_JOIN.fullmatch(text[c1.end:c2.start]) or c2.sem[0] != "abs":
            continue
        if c2.sem[1] == "month":
            year, month2, day2 = c2.sem[2] // 12, c2.sem[2] % 12 + 1, 31
        elif c2.sem[1] == "day":
            d2 = dt.date.fromordinal(c2.sem[2])
            year, month2, day2 = d2.year, d2.month, d2.day
        else:
            continue
        if c1.sem[:2] == ("cyc", "month") and c1.sem[3] is None:
            month = c1.sem[2]
            c1.sem = ("abs", "month", (year - (month > month2)) * 12 + month - 1)
        elif c1.sem[0] == "md":
            _, month, day, _wd = c1.sem
            y = year - ((month, day) > (month2, day2))
            try:
                c1.sem = ("abs", "day", dt.date(y, month, day).toordinal())
            except ValueError:
                continue
    return cands


# What may stand between a day and the year written beside it ("March 3 last year", "In 2015,
# on March 3") for the two to be read as one date.
_BESIDE = re.compile(r"[\s,]*(?:(?:" + wordlists.alternation("year_beside_words") + r")\s+)?", re.I)


def _stated_year(cands: list, text: str, anchor: dt.date | None, sentence: Callable[[int], int],
                 tense: Callable[[int, int], str | None]) -> list:
    """A date written without its year takes the year written with it: a day or month right
    beside a year ("March 3 last year", "In 2015, on March 3"), a holiday anywhere in a
    sentence that states one year ("two years ago ... celebrating New Year's Eve"). Resolved
    alone against the report's day, each would land in the report's own year. A day further
    off keeps its own reading: in news that year is mostly a comparison ("the quarter ended
    Sept. 30 ... from $623.5 million a year ago"). A verb whose tense points the other way
    keeps it too ("born in 1990 and will retire on Christmas Day")."""
    years: dict[int, list] = {}
    for c in cands:
        kind = c.sem[:2]
        if kind == ("abs", "year"):
            year = c.sem[2]
        elif kind in (("rel", "year"), ("ago", "year")) and anchor is not None and isinstance(c.sem[2], int):
            year = anchor.year + c.sem[2] if kind[0] == "rel" else anchor.year - c.sem[2]
        else:
            continue
        years.setdefault(sentence(c.start), []).append((c, year))
    for c in cands:
        stated = years.get(sentence(c.start), [])
        if len({year for _, year in stated}) != 1:
            continue
        other, year = stated[0]
        beside = _BESIDE.fullmatch(text[c.end:other.start] if c.end <= other.start else text[other.end:c.start])
        if anchor is not None:
            verb = tense(c.start, c.end)
            if (verb == "future" and year < anchor.year) or (verb == "past" and year > anchor.year):
                continue
        if c.sem[0] == "holiday" and c.sem[2] is None:
            c.sem = ("holiday", c.sem[1], year)
        elif not beside:
            continue
        elif c.sem[0] == "md":
            _, month, day, weekday = c.sem
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            if weekday is None or d.weekday() == weekday:
                c.sem = ("abs", "day", d.toordinal())
        elif c.sem[:2] == ("cyc", "month") and c.sem[3] is None:
            c.sem = ("abs", "month", year * 12 + c.sem[2] - 1)
    return cands


# Deictic words written in lower case in prose; capitalised inside a sentence they belong to a
# name or a title ("USA Today", "Why Today's Super-Connected Kids ..."), not to a time.
_DEICTIC = re.compile(r"(?:Today|Yesterday|Tomorrow|Tonight)\b")


# A capitalised period after "of the" that follows a capitalised word ends a title or an
# award ("Newsweek's Hero of the Year", "Employee of the Month", "Trial of the Century"): it
# names nothing in time, and read as "this year" it would date a 1996 act to the report's year.
_PERIOD_TITLE = re.compile(r"(?:the\s+)?(?:" + "|".join(p.capitalize() for p in sorted(set(cal.PRECISION.values()))) + r")\b")
_TITLE_HEAD = re.compile(r"[A-Z][\w'’-]*\s+of\s+(?:the\s+)?$")


def _inside_a_name(text: str, start: int, starts: list[int]) -> bool:
    if _PERIOD_TITLE.match(text, start) and _TITLE_HEAD.search(text[max(0, start - 40):start]):
        return True
    if not _DEICTIC.match(text, start):
        return False
    before = text[max(0, start - 3):start].rstrip()
    return start not in starts and before[-1:].isalnum()


def _remember(ctx: Context, c: Cand, res: Res) -> None:
    """Keep the time just mentioned, for "a year earlier" and "that day" further on."""
    if res.gran is None or res.value is None:
        return
    if c.sem[0] in ("yearago", "finq"):
        return
    g = cal.parse_value(res.value.split("T")[0]) if res.type == "TIME" else cal.parse_value(res.value)
    if g is None:
        return
    s = ctx.sentence(c.start)
    ctx.ref, ctx.ref_sentence = g, s
    if g[0] == "quarter" and c.sem[0] in ("abs", "cyc", "cycy"):
        ctx.qref, ctx.qref_sentence = g, s


def date_and_precision(t: TimeExpr) -> tuple[str | None, str | None]:
    """A date string as fine as the expression ("2024-11-06", "2024-11", "2024") and its precision.

    Weeks give their Monday, quarters, seasons and halves their first month, decades and
    centuries their first year. Durations, sets, PRESENT/PAST/FUTURE_REF and values with no
    calendar extent give (None, None). The timeline stage places events with this.
    """
    if t is None or t.type in ("DURATION", "SET") or not t.value:
        return None, None
    value = t.value.split("T")[0] if "T" in t.value and t.value[:1].isdigit() else t.value
    g = cal.parse_value(value)
    if g is None:
        return None, None
    b = cal.bounds(g)
    if b is None:
        return None, None
    first = b[0]
    gran = g[0]
    precision = cal.PRECISION[gran]
    if gran in ("day", "week", "weekend"):
        return first.isoformat(), precision
    if gran in ("month", "quarter", "season", "half"):
        return f"{first.year:04d}-{first.month:02d}", precision
    return f"{first.year:04d}", precision
