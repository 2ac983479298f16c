"""Reading figures as news writes them: "around 3,000", "several thousand", "12,000-19,000",
"between 35,000 and 60,000", "$20bn", "34 percent", "up to five thousand".

A :class:`Figure` keeps what the text said (an exact number, a range, or a vague quantity kept
as text) and, for comparing figures from different outlets, the interval ``[low, high]`` it
stands for. Vague quantities get conventional intervals ("several thousand" is 2,000-9,999)
so that "several thousand" and "3,000" are not read as a disagreement, while "3,000" and
"8,000" are.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from storyline import words as wordlists

# Number words (those of the time rules) and "a"/"an" as one ("a hundred", "a million").
WORD_NUMBERS = {**wordlists.int_table("small_number_words"), **wordlists.int_table("tens_words"), "a": 1, "an": 1}
MAGNITUDES = wordlists.int_table("magnitudes")
_MAGNITUDE_WORDS = "|".join(w for w in MAGNITUDES if w != "dozen")  # "$20-billion", not "20-dozen"
# Suffixes glued to digits: "$20bn", "5k", "£3m", "1.2tn".
SUFFIXES = wordlists.int_table("magnitude_suffixes")

# Vague quantities and the interval each conventionally stands for.
VAGUE = [
    (r"tens of thousands", 20_000, 99_999),
    (r"hundreds of thousands", 200_000, 999_999),
    (r"tens of millions", 20_000_000, 99_999_999),
    (r"hundreds of millions", 200_000_000, 999_999_999),
    (r"(?:several|a few|few) hundred thousand", 200_000, 999_999),
    (r"(?:several|a few|few) thousand", 2_000, 9_999),
    (r"(?:several|a few|few) hundred", 200, 999),
    (r"(?:several|a few|few) million", 2_000_000, 9_999_999),
    (r"(?:several|a few|few) billion", 2_000_000_000, 9_999_999_999),
    (r"(?:several|a few|few) dozen", 24, 99),
    (r"(?:a )?couple(?: of)? hundred", 200, 300),  # "a 'couple hundred' people": two or three hundred
    (r"(?:a )?couple(?: of)? thousand", 2_000, 3_000),
    (r"thousands", 2_000, 99_999),
    (r"hundreds", 200, 999),
    (r"millions", 2_000_000, 999_999_999),
    (r"billions", 2_000_000_000, 999_999_999_999),
    (r"dozens", 24, 99),
    (r"scores", 40, 99),
    (r"a handful", 2, 6),
    (r"several", 3, 9),
    (r"a few", 2, 5),
    (r"a couple(?: of)?", 2, 3),
]
VAGUE_RE = re.compile(r"\b(" + "|".join(p for p, _, _ in VAGUE) + r")\b", re.I)

# Words before a figure that make it approximate or a bound; tolerance for "about" figures.
APPROX = list(wordlists.entries("approximate_qualifiers"))
LOWER_BOUND = list(wordlists.entries("lower_bound_qualifiers"))
UPPER_BOUND = list(wordlists.entries("upper_bound_qualifiers"))
QUALIFIER_RE = re.compile(
    r"^(?:(" + "|".join(re.escape(q) for q in sorted(set(APPROX + LOWER_BOUND + UPPER_BOUND), key=len, reverse=True))
    + r")\s+)", re.I)
APPROX_TOLERANCE = 0.1
# Below this an integer is read to its last written digit (see rounding_tolerance).
SMALL_EXACT = 1000
MAX_ROUNDING = 0.1  # the most slack a round figure gets: "1,000" and "1,080" agree, "1,000" and "1,400" do not

CURRENCIES = [
    ("US$", "USD"), ("US $", "USD"), ("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("¥", "JPY"), ("₹", "INR"),
    ("₽", "RUB"), ("dollars", "USD"), ("dollar", "USD"), ("pounds", "GBP"), ("euros", "EUR"), ("euro", "EUR"),
    ("yen", "JPY"), ("yuan", "CNY"), ("rubles", "RUB"), ("roubles", "RUB"), ("rupees", "INR"),
    ("usd", "USD"), ("gbp", "GBP"), ("eur", "EUR"),
]

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+"
_WORDS = "|".join(sorted(list(WORD_NUMBERS) + list(MAGNITUDES), key=len, reverse=True))
_MAG = r"(?:\s*(?:" + "|".join(MAGNITUDES) + r"|" + "|".join(sorted(SUFFIXES, key=len, reverse=True)) + r")\b)?"
_ONE = rf"(?:(?:{_NUM}){_MAG}|(?:(?:{_WORDS})(?:[\s-]+(?:and\s+)?(?:{_WORDS}))*))"
RANGE_RE = re.compile(
    rf"^(?:between\s+|from\s+)?(?P<a>{_ONE})\s*(?:-|–|—|to|and)\s*(?P<b>{_ONE})$", re.I)


@dataclass(slots=True)
class Figure:
    """A figure as the text gave it, and the interval it stands for when compared."""

    value: float | list[float] | str  # number, [low, high], or vague text
    low: float
    high: float
    qualifier: str | None = None  # "around", "up to", "more than", ... as written
    unit: str | None = None  # "%", "USD", ... when the figure itself carries it

    @property
    def exact(self) -> bool:
        return not isinstance(self.value, (list, str)) and self.qualifier is None


def tidy(text: str) -> str:
    """Undo tokeniser spacing inside figures ("12,000-19 ,000", "$ 360m", "34 %")."""
    t = text.replace("\u2009", " ").replace("\xa0", " ")
    t = re.sub(r"(\d)\s+,(\d{3})\b", r"\1,\2", t)
    t = re.sub(r"(\d)\s+\.(\d)", r"\1.\2", t)
    t = re.sub(r"([$£€¥₹₽])\s+(\d)", r"\1\2", t)
    t = re.sub(r"(\d)\s+%", r"\1%", t)
    t = re.sub(r"(\d)\s*-\s*(\d)", r"\1-\2", t)
    t = re.sub(r"(\d)-(" + _MAGNITUDE_WORDS + r")\b", r"\1 \2", t, flags=re.I)  # "$20-billion"
    return " ".join(t.split())


def _strip_ends(text: str, chars: str) -> str:
    """``text.strip(chars)``, keeping the point of a decimal written without its zero (".500")."""
    t = text.strip(chars)
    if re.match(r"\s*\.\d", text) and not t.startswith("."):
        t = "." + t
    return t


def number(text: str) -> float | None:
    """One number written in digits, words or both ("8,500", "five thousand", "1.9 million", "20bn")."""
    t = _strip_ends(tidy(text).lower(), " .,")
    t = re.sub(r"^(?:us\s?\$|[$£€¥₹₽])", "", t).strip()
    if re.fullmatch(r"\.\d+", t):
        return float("0" + t)  # ".500", a share written as sports and polls write it
    m = re.fullmatch(rf"({_NUM})\s*([a-z]+)?", t)
    if m:
        base = float(m.group(1).replace(",", ""))
        suffix = m.group(2)
        if suffix is None:
            return base
        mult = MAGNITUDES.get(suffix) or SUFFIXES.get(suffix)
        return base * mult if mult else None
    and_half = re.fullmatch(r"(.+?)[\s-]+and[\s-]+an?[\s-]+half", t)  # "two-and-a-half hours"
    if and_half:
        whole = number(and_half.group(1))
        return whole + 0.5 if whole is not None else None
    half = re.fullmatch(r"half an? (\w+)", t)  # "half a million"
    if half and half.group(1) in MAGNITUDES:
        return MAGNITUDES[half.group(1)] / 2
    words = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not words or any(w not in WORD_NUMBERS and w not in MAGNITUDES for w in words):
        return None
    if all(w in ("a", "an") for w in words):
        return None
    total, current = 0.0, 0.0
    for w in words:
        if w in MAGNITUDES:
            mult = MAGNITUDES[w]
            current = (current or 1) * mult
            if mult >= 1000:
                total, current = total + current, 0.0
        else:
            current += WORD_NUMBERS[w]
    return total + current


def _clean_num(x: float) -> float | int:
    if abs(x) >= 1000 and abs(x - round(x)) < 1e-3:
        return int(round(x))  # "$32.2bn" is 32,200,000,000, not 32,200,000,000.000004
    return int(x) if float(x).is_integer() else round(x, 6)


def _currency(text: str) -> tuple[str | None, str]:
    low = text.lower()
    for sign, code in CURRENCIES:
        s = sign.lower()
        if low.startswith(s):
            return code, text[len(sign):].strip()
        if re.search(rf"\s{re.escape(s)}$", low):
            return code, text[: len(text) - len(sign)].strip()
    return None, text


def parse_figure(text: str) -> Figure | None:
    """Parse a figure phrase; None when it holds no quantity.

    >>> parse_figure("around 3,000").value, parse_figure("several thousand").value
    (3000, 'several thousand')
    >>> parse_figure("between 35,000 and 60,000").value
    [35000, 60000]
    """
    t = _strip_ends(tidy(text), " .,;:()")
    qualifier = None
    m = QUALIFIER_RE.match(t)
    if m:
        qualifier = m.group(1).lower()
        t = t[m.end():]
    unit = None
    pm = re.search(r"\s*(%|percent|per cent|percentage points?)$", t, re.I)
    if pm:
        unit = "%"
        t = t[: pm.start()]
    code, t = _currency(t)
    unit = unit or code
    t = re.sub(r"^(?:us\s?\$|[$£€¥₹₽])", "", t, flags=re.I).strip()
    vm = VAGUE_RE.fullmatch(t.lower().removesuffix(" of").strip())
    if vm:
        for pat, lo, hi in VAGUE:
            if re.fullmatch(pat, vm.group(1), re.I):
                return Figure(vm.group(1).lower(), lo, hi, qualifier, unit)
    rm = RANGE_RE.match(t) if number(t) is None else None  # "twenty-five" is one number
    if rm:
        a, b = number(rm.group("a")), number(rm.group("b"))
        if a is not None and b is not None:
            # "35-60,000" and "5 to 10 million": the magnitude written once covers both ends.
            # Only for a bare lower end of the same order once scaled, and not after "between ...
            # and" unless the upper end names its magnitude in words.
            worded = re.search(r"[a-z]", rm.group("b").lower()) is not None
            hyphen = re.search(r"\d\s*[-–—]\s*\d", t) is not None
            if worded or hyphen:
                for mult in (1_000_000_000, 1_000_000, 1_000):
                    if (b >= mult and a < mult and a * mult < b < a * mult * 10
                            and "," not in rm.group("a") and ("." not in rm.group("a") or worded)):
                        # "1.4 to 1.5 million": a decimal lower end shares a magnitude in words
                        a *= mult
                        break
            if a > b:
                a, b = b, a
            if a != b:
                return Figure([_clean_num(a), _clean_num(b)], a, b, qualifier, unit)
    n = number(t)
    if n is None:
        return None
    low, high = n, n
    q = qualifier or ""
    if q in UPPER_BOUND:
        low = 0.0 if q not in ("nearly", "almost", "just under") else n * (1 - APPROX_TOLERANCE)
    if q in LOWER_BOUND:
        high = math.inf if q != "just over" else n * (1 + APPROX_TOLERANCE)
    if q in APPROX and q not in UPPER_BOUND and q not in LOWER_BOUND:
        low, high = n * (1 - APPROX_TOLERANCE), n * (1 + APPROX_TOLERANCE)
    return Figure(_clean_num(n), low, high, qualifier, unit)


def interval(value, qualifier: str | None = None) -> tuple[float, float, str] | None:
    """The comparison interval of a stored claim value, and its kind.

    Kind is "point" (an exact number), "approx" ("about 3,000"), "range" (a range the text
    gave), "vague" ("several thousand") or "bound" ("up to 5,000", "more than 100").
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        f = parse_figure(f"{qualifier} {value}" if qualifier else str(value))
        if f is None:
            return float(value), float(value), "point"
        q = f.qualifier or ""
        kind = "point" if not q else "bound" if (f.low == 0 or math.isinf(f.high)) else "approx"
        return f.low, f.high, kind
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return float(value[0]), float(value[1]), "range"
    if isinstance(value, str):
        f = parse_figure(value)
        if f is None:
            return None
        return f.low, f.high, "vague" if isinstance(f.value, str) else "range" if isinstance(f.value, list) else "point"
    return None


def rounding_tolerance(x: float, tolerance: float = 0.05) -> float:
    """The relative slack a figure's rounding allows: "5,000" may be any of 4,500-5,500 an
    outlet rounded, so half its last significant place, between ``tolerance`` and
    ``MAX_ROUNDING``. Integers under ``SMALL_EXACT`` are read to their last written digit:
    exact without a trailing zero ("47"), rounded to it otherwise ("30" is 27-33); larger
    ones with fewer than two trailing zeros are read within ``tolerance``."""
    if math.isinf(x) or x == 0 or not float(x).is_integer():
        return tolerance
    digits = str(int(abs(x)))
    zeros = len(digits) - len(digits.rstrip("0"))
    if abs(x) < SMALL_EXACT:
        # A small count or an age is written to the unit: "47" and "49" are two values (two
        # people's ages, two tolls), while "30" may be a toll of 32 rounded to the ten.
        return min(0.5 * 10 ** zeros / abs(x), MAX_ROUNDING) if zeros else 0.0
    if zeros < 2:
        return tolerance
    return min(max(0.5 * 10 ** zeros / abs(x), tolerance), MAX_ROUNDING)


def same_figure(a: tuple[float, float, str], b: tuple[float, float, str], tolerance: float = 0.05) -> bool:
    """Whether two figure intervals (from :func:`interval`) can be the same quantity.

    Two exact numbers agree within ``tolerance``, or within the rounding of the rounder one
    ("60,000" and "62,000" agree, "35,000" and "40,000" do not); a number agrees with a
    range, vague quantity or bound it falls in; two ranges agree when they overlap
    ("20,000-40,000" and "35,000-60,000": the estimates leave room for one figure).
    """
    (a0, a1, ka), (b0, b1, kb) = a, b

    def close(x: float, y: float, slack: float) -> bool:
        if math.isinf(x) or math.isinf(y):
            return x == y
        return abs(x - y) <= slack * max(abs(x), abs(y), 1e-9)

    if ka == "point" and kb == "point":
        return close(a0, b0, max(rounding_tolerance(a0, tolerance), rounding_tolerance(b0, tolerance)))
    # Every other pairing: the looser figure must leave room for the other.
    return max(a0, b0) <= min(a1, b1) * (1 + tolerance)


def render(value, unit: str | None = None, qualifier: str | None = None) -> str:
    """A figure for a sentence: 8500 -> "8,500", [35000, 60000] -> "35,000-60,000"."""

    def one(x) -> str:
        if isinstance(x, float) and not x.is_integer():
            return f"{x:,.2f}".rstrip("0").rstrip(".")
        return f"{int(x):,}" if isinstance(x, (int, float)) else str(x)

    if isinstance(value, (list, tuple)):
        s = f"{one(value[0])}-{one(value[1])}"
    else:
        s = one(value)
    if unit == "%":
        s += "%"
    elif unit in ("USD", "GBP", "EUR"):
        s = {"USD": "$", "GBP": "£", "EUR": "€"}[unit] + s
    if qualifier:
        s = f"{qualifier} {s}"
    return s
