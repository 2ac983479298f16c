"""Words and regex pieces for time expressions: months, weekdays, numbers, units.

Kept apart from the rules so the grammar in :mod:`timex_rules` reads as sentences of
these pieces. All pieces are lower case: the rules run over a lower-cased copy of the text
(Python's regex engine is several times faster without IGNORECASE), and builders check in
the original text that month and weekday names are capitalised, because "may", "march",
"sun" and "wed" are ordinary lower-case words.
"""

from __future__ import annotations

import re

from storyline import words as wordlists

MONTHS = wordlists.int_table("months")
MONTH_ABBR = wordlists.int_table("month_abbreviations")
WEEKDAYS = wordlists.int_table("weekdays")
SEASON_WORDS = wordlists.int_table("seasons")


def _cased(words: list[str]) -> str:
    """Alternation of ``words``, longest first (capitalisation is checked by the builders)."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


def capitalised(text: str, start: int) -> bool:
    """Whether the word at ``start`` of the original text begins with a capital letter."""
    return 0 <= start < len(text) and text[start].isupper()


# "Sept." or "Sep." or "Jan." (the period is optional when a day number follows, checked by the rule)
MONTH_FULL = _cased(list(MONTHS))
MONTH_ABBREV = _cased(list(MONTH_ABBR)) + r"\.?"
MONTH_ANY = rf"(?:{MONTH_FULL}|{MONTH_ABBREV})"
# Full names only when standing alone; "May" and "March" also need a cue (see the rules).
WEEKDAY = _cased(list(WEEKDAYS))
WEEKDAY_PL = "(?:" + "|".join(f"{w}s" for w in WEEKDAYS) + ")"


def month_number(word: str) -> int | None:
    """1..12 for a month name or abbreviation ("Sept.", "JUNE"), else None."""
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR.get(w)


def weekday_number(word: str) -> int | None:
    """0 (Monday) .. 6 (Sunday) for a weekday name (plural allowed), else None."""
    w = word.lower()
    if w.endswith("s") and w[:-1] in WEEKDAYS:
        w = w[:-1]
    return WEEKDAYS.get(w)


# ----------------------------------------------------------------------------- numbers

SMALL = wordlists.int_table("small_number_words")
TENS = wordlists.int_table("tens_words")
SCALES = {"hundred": 100, "thousand": 1000}
ORDINALS = wordlists.int_table("ordinal_words")

_NUM_WORD = "(?:" + "|".join(sorted(list(SMALL) + list(TENS), key=len, reverse=True)) + ")"
# "twenty-four", "twenty four", "a hundred", "one hundred and ten", "two thousand"
NUMBER_WORDS = rf"(?:{_NUM_WORD}(?:[\s-]+{_NUM_WORD})?(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_NUM_WORD}(?:[\s-]{_NUM_WORD})?)?)?|(?:a|one)\s+(?:hundred|thousand))"
NUMBER_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+\d/\d)?"
NUMBER = rf"(?:{NUMBER_DIGITS}|{NUMBER_WORDS})"
ORDINAL_WORDS = "(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
ORDINAL = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORDS})"
# Quantities with no exact number: their durations get an X ("PXY").
VAGUE = "(?:" + wordlists.alternation("vague_quantities") + ")"
APPROX = "(?:" + wordlists.alternation("time_approximators") + ")"


def number_value(text: str) -> float | None:
    """The number written in ``text`` ("24", "2 1/2", "twenty-four", "a hundred"), or None."""
    t = text.strip().lower().replace(",", "")
    if not t:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?", t)
    if m:
        v = float(m.group(1))
        if m.group(2) and int(m.group(3)):
            v += int(m.group(2)) / int(m.group(3))
        return v
    total, current = 0, 0
    seen = False
    for w in re.split(r"[\s-]+", t):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = max(current, 1)
            seen = True
        elif w in SMALL:
            current += SMALL[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w == "thousand":
            total += max(current, 1) * 1000
            current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def ordinal_value(text: str) -> int | None:
    """1 for "first" or "1st", 3 for "third"... else None."""
    t = text.strip().lower()
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", t)
    if m:
        return int(m.group(1))
    return ORDINALS.get(t)


# ----------------------------------------------------------------------------- units

# unit word -> (TIMEX3 duration letter, is a time unit written after "T", calendar granularity)
UNITS = {unit: (letter, time == "T", None if granularity == "-" else granularity)
         for unit, (letter, time, granularity) in ((u, v.split()) for u, v in wordlists.table("time_units").items())}
UNIT_SG = "(?:" + "|".join(u for u in UNITS if u != "season") + ")"
UNIT_PL = "(?:" + wordlists.alternation("time_units_plural") + ")"
UNIT = rf"(?:{UNIT_PL}|{UNIT_SG})"
# Qualifiers between a number and its unit: "trading days", "calendar years", "fiscal years".
UNIT_QUAL = "(?:(?:" + wordlists.alternation("time_unit_qualifiers") + r")\s+)"


def unit_of(word: str) -> str | None:
    """Singular unit for a unit word ("centuries" -> "century", "Years" -> "year")."""
    w = word.lower()
    if w == "centuries":
        return "century"
    if w == "millennia":
        return "millennium"
    if w in UNITS:
        return w
    if w.endswith("s") and w[:-1] in UNITS:
        return w[:-1]
    return None


def duration_value(n: float | None, unit: str) -> str | None:
    """TIMEX3 duration for ``n`` ``unit`` ("P3Y", "PT2H", "P18M" for 1.5 years); n None -> "PXY"."""
    if unit not in UNITS:
        return None
    letter, is_time, _ = UNITS[unit]
    if unit == "fortnight":
        n = None if n is None else n * 2
    if unit == "weekend":
        letter = "WE"
    if unit == "season":
        letter = "M"
        n = None if n is None else n * 3
    prefix = "PT" if is_time else "P"
    if n is None:
        return f"{prefix}X{letter}"
    if n != int(n):
        # Fractions move to the next smaller unit so the value stays an integer count.
        smaller = {"year": (12, "M", False), "month": (30, "D", False), "week": (7, "D", False),
                   "day": (24, "H", True), "hour": (60, "M", True), "minute": (60, "S", True)}
        if unit in smaller:
            k, small_letter, small_time = smaller[unit]
            whole, frac = int(n), n - int(n)
            part = round(frac * k)
            if small_time and not is_time:
                return f"P{whole}{letter}T{part}{small_letter}" if whole else f"PT{part}{small_letter}"
            if whole:
                return f"{prefix}{whole}{letter}{part}{small_letter}"
            return f"{prefix}{part}{small_letter}"
        return f"{prefix}{n:g}{letter}"
    return f"{prefix}{int(n)}{letter}"
