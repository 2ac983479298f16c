"""Claims on one subject, side by side: agree, conflict, evolving or single.

The rule, per subject (claims from all the story's articles whose ``subject`` is equal):

* **sources** are counted as independent source keys (see :mod:`storyline.compare.wire`: wire
  copies and one newsroom's articles count once). An article crediting a wire for part of its
  reporting counts with that wire when a copy of the wire's story is among the claim's sources.
  One source -> **single**, whatever the values.
* Values are grouped into those that can be the same figure (:func:`numbers.same_figure`:
  "several thousand" and "around 3,000" agree, "3,000" and "8,000" do not; for tallies,
  responses and assertions the values must be equal). A floor ("at least 2") is grouped only
  with its own number: "at least 2" then "at least 6" dead is a toll that rose, not one value.
  One group -> **agree**.
* Several groups: if two independent sources give values that cannot be the same figure
  (beyond rounding; overlapping ranges and floors below the other figure agree) on the same day or the next (papers print a
  day late) -> **conflict**. Otherwise the values differ only between dates -> **evolving**
  (a troop count rising from October to November). A value that gives way to another (the
  old one no longer reported as current once the new one is out) is a change even where two
  outlets straddle it by a day. Undated claims cannot be placed in time,
  so they never make a conflict. Figures marked as earlier ones ("the 5,000 barrels it
  first estimated") or as projections ("could reach 100,000 barrels a day") are kept in the
  values but never make a conflict: they are old news repeated, or forecasts, not a
  disagreement on what is.

A subject that is only a counted noun ("girls": no verb, owner or place says which girls) is
not known to be one quantity: its values are compared each on its own, never as a change or a
conflict.

``ClaimComparison.values`` lists the value over time (one entry per date and value, with
its claims, outlets and attributions) and ``conflicts`` the same-time disagreements.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache

from storyline import words as wordlists
from storyline.compare.numbers import CURRENCIES, interval, number, render, rounding_tolerance, same_figure
from storyline.compare.samefigure import FLOOR_REACH, KNOWN_CHANGES, join_same_figures, told_alike
from storyline.compare.subjects import LENGTH_LABEL, MEASURES
from storyline.compare.units import dimension_units, in_unit, join_unit_systems
from storyline.compare.words import words as compare_words
from storyline.model import Article, Claim, ClaimComparison

SAME_TIME_DAYS = 1
MAX_CONFLICTS = 12
COMPATIBLE_RESPONSES = {frozenset({"not confirmed", "denied"}), frozenset({"not confirmed", "declined to comment"}),
                        frozenset({"not confirmed", "has not commented"}),
                        frozenset({"declined to comment", "has not commented"})}
# Hedges saying a figure is not a current finding: old news repeated, or a forecast.
NOT_CURRENT = {"earlier figure", "projected"}
# How far outside another's approximation ("about 850": 765-935) an approximate figure may
# lie and still be the same estimate: the same 5 % slack exact figures get.
APPROX_REACH = 0.05
LABEL_CLAUSE_WORDS = 16  # a telling this short is its own subject label (and compare.shared's)


def _day(d: str | None) -> dt.date | None:
    if not d:
        return None
    try:
        return dt.date.fromisoformat(d[:10]) if len(d) >= 10 else dt.date.fromisoformat(d[:7] + "-01")
    except ValueError:
        return None


def _polarity(value: str) -> bool:
    """An assertion's value says it holds ("yes", "reportedly", "possibly") or not ("no",
    "reportedly not", "possibly not")."""
    return not (value == "no" or value.endswith(" not"))


def values_agree(a: Claim, b: Claim) -> bool:
    """Whether two claims on one subject report the same value.

    A floor ("at least 2 killed", "more than 50 injured") is a report of its own number: a
    later "at least 6" or "more than 50" after "at least 40" raises it, so two floors, or a
    floor and a figure, are one value only when their numbers are ("at least 7" and "7"), or
    when the later report gives a lower floor the earlier figure meets (a looser restatement).
    They never disagree, though (:func:`consistent`). A size of a thing ("over 200 feet tall"),
    or a count of a happening years before ("girls abducted in 2014"), does not rise as a toll
    does: there a floor and the figure it holds are one value told loosely (:func:`_settled`)."""
    if a.kind == b.kind == "assertion" and isinstance(a.value, str) and isinstance(b.value, str):
        # "reportedly" or "possibly" beside a plain "yes": one statement, told with more or
        # less certainty, not two values
        return _polarity(a.value) == _polarity(b.value)
    b = in_unit(b, a.unit)  # "over 200 feet" against "70 metres": one height in two systems
    if _excludes(a, b):
        return False
    if (_floor(a) or _floor(b)) and not (_settled(a) and _settled(b)):
        if isinstance(a.value, (int, float)) and isinstance(b.value, (int, float)) \
                and not isinstance(a.value, bool) and not isinstance(b.value, bool):
            if same_figure((float(a.value), float(a.value), "point"), (float(b.value), float(b.value), "point")):
                return True
            early, late = sorted((a, b), key=lambda c: c.date or "")
            if a.date and b.date and a.date[:10] != b.date[:10] and late.value < early.value and consistent(a, b):
                return True  # "more than 270" then "more than 200": a looser restatement, not a revision
            return False
    return consistent(a, b)


@cache
def _size_dimensions() -> frozenset[str]:
    """The dimensions of a thing's size, as subjects name them ("height", "width", "depth")."""
    return frozenset(line.split(":", 1)[1].strip() for line in compare_words("dimension_adjectives"))


def _fixed_size(c: Claim) -> bool:
    """A size of a thing ("Falcon Heavy height (metres)"; not "oil leaked", nor a line of milk
    jugs that "stretched" further as the leak grew): it does not grow while the news unfolds."""
    label = f" {c.subject} "
    return c.unit in dimension_units() and any(w in _size_dimensions() for w in c.subject.split()) \
        and not any(f" {change} " in label for change in KNOWN_CHANGES)


# "workers killed in 1988", "oil spilled in 1989 (gallons)"
PAST_YEAR = re.compile(r" in ((?:19|20)\d\d)( \([^)]*\))?$")


def _settled(c: Claim) -> bool:
    """A figure that does not move while the news unfolds: a size of a thing, or a count of a
    happening its label places in an earlier year ("girls abducted in 2014"). Outlets told of it
    years on give floors and round figures of one known count, not a toll still rising, so there
    "more than 200" and "276" are one value told loosely; two exact values that differ still do not
    agree."""
    return _fixed_size(c) or bool(PAST_YEAR.search(c.subject))


STRICT_BOUNDS = wordlists.words("strict_bound_qualifiers")
LOWER_BOUNDS = wordlists.words("lower_bound_qualifiers")
# Units of measured quantities (shares, money, volumes, distances), as opposed to counted ones.
CONTINUOUS_UNITS = set(MEASURES.values()) | {"%"} | {code for _, code in CURRENCIES}


def _excludes(a: Claim, b: Claim) -> bool:
    """Whether a strict bound leaves out the exact figure of the other claim: "more than 51"
    and "51", "nearly 51" and "51". An exact figure counts with its own rounding ("50" may be
    53, so "more than 50" and "50" can both hold, as can "nearly 1,000" and "1,000"; "51" is
    read to the unit)."""
    for bound, exact in ((a, b), (b, a)):
        if (bound.qualifier or "").lower() not in STRICT_BOUNDS or exact.qualifier or bound.kind != "figure" \
                or exact.kind != "figure":
            continue
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (bound.value, exact.value)):
            continue
        x = float(exact.value)
        slack = rounding_tolerance(x) * abs(x)
        if (exact.unit or "").split(" per ")[0] in CONTINUOUS_UNITS:
            # a measure is rounded to its last written digit: "fell 6 percent" may be 6.3,
            # so "more than 6 percent" can hold beside it; a count of people is exact
            decimals = len(f"{exact.value:f}".split(".")[1].rstrip("0")) if isinstance(exact.value, float) else 0
            slack = max(slack, 0.5 * 10 ** -decimals)
        floor = (bound.qualifier or "").lower() in LOWER_BOUNDS
        if floor and x + slack <= float(bound.value):
            return True  # the floor is above every reading of the figure
        if not floor and x - slack >= float(bound.value):
            return True  # the ceiling is below every reading of the figure
    return False


def _floor(c: Claim) -> bool:
    """A figure given as a lower bound only ("at least 7", "more than 50")."""
    if c.kind != "figure" or not isinstance(c.value, (int, float)) or isinstance(c.value, bool) or not c.qualifier:
        return False
    iv = interval(c.value, c.qualifier)
    return iv is not None and iv[2] == "bound" and iv[1] == float("inf")


def consistent(a: Claim, b: Claim) -> bool:
    """Whether two claims on one subject can hold the same value.

    A floor leaves room above it, but not any amount: "at least 2 killed" and "32 killed" on
    one day are not one toll told two ways (more than ``FLOOR_REACH`` times the floor)."""
    b = in_unit(b, a.unit)
    if _excludes(a, b):
        return False
    for lo, other in ((a, b), (b, a)):
        if _floor(lo) and isinstance(other.value, (int, float)) and not isinstance(other.value, bool) \
                and not _floor(other) and float(other.value) > FLOOR_REACH * float(lo.value):
            return False
    if a.kind == "response" or b.kind == "response":
        return a.value == b.value or frozenset({a.value, b.value}) in COMPATIBLE_RESPONSES
    if a.kind in ("assertion", "tally") or b.kind in ("assertion", "tally") or isinstance(a.value, bool) \
            or isinstance(b.value, bool) or (a.unit or "").startswith("votes "):
        return a.value == b.value
    if _clock(a) is not None and _clock(b) is not None:
        return _same_clock(a, b)
    ia, ib = interval(a.value, a.qualifier), interval(b.value, b.qualifier)
    if ia is None or ib is None:
        return str(a.value).lower() == str(b.value).lower()
    if ia[2] == ib[2] == "approx":
        return _within_each_other(a, ia, b, ib)
    return same_figure(ia, ib)


CLOCK_REACH = 15  # minutes: "about 6.10am" and "6.15am" are one time told loosely, "11pm" and "11:30pm" are not
_CLOCK_VALUE = re.compile(r"(\d{2}):(\d{2})")


def _clock(c: Claim) -> int | None:
    """Minutes after midnight of a clock time claim ("06:10" -> 370), else None."""
    m = _CLOCK_VALUE.fullmatch(c.value) if isinstance(c.value, str) else None
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def _same_clock(a: Claim, b: Claim) -> bool:
    """Two clock times of one happening (``claims._clock_claims``) are one time when equal, or
    when either is told loosely ("at around 6am", "shortly after") and they lie within
    ``CLOCK_REACH`` minutes. Times in two zones are not compared."""
    if a.unit != b.unit:
        return True
    gap = abs(_clock(a) - _clock(b))
    gap = min(gap, 24 * 60 - gap)  # "11:50pm" and "about midnight"
    return gap == 0 or (bool(a.qualifier or b.qualifier) and gap <= CLOCK_REACH)


def _within_each_other(a: Claim, ia, b: Claim, ib) -> bool:
    """Two approximate figures are one value when each outlet's own number falls within the
    other's approximation: "roughly 1,000" and "nearly 1,000" are, "about 850" and "nearly
    1,000" are not, though their slacks touch around 900. Each writer gave a best estimate
    and rounded it; estimates further apart than either's rounding are two different counts."""
    slack = 1 + APPROX_REACH
    return ia[0] / slack <= float(b.value) <= ia[1] * slack and ib[0] / slack <= float(a.value) <= ib[1] * slack


def _value_groups(claims: list[Claim]) -> list[list[Claim]]:
    groups: list[list[Claim]] = []
    for c in claims:
        for g in groups:
            if all(values_agree(c, o) for o in g):
                g.append(c)
                break
        else:
            groups.append([c])
    return groups


def _source_keys(claims: list[Claim], independent: dict[str, str], partial: dict[str, set[str]]) -> dict[str, str]:
    keys = {c.article: independent.get(c.article, c.article) for c in claims}
    present = set(keys.values())
    for aid in keys:
        for wire in partial.get(aid, ()):
            if f"wire:{wire}" in present:
                keys[aid] = f"wire:{wire}"
    return keys


def _label(c: Claim, articles: dict[str, Article]) -> str:
    a = articles.get(c.article)
    return (a.outlet if a and a.outlet else None) or c.outlet or c.article


def show(c: Claim) -> str:
    """A claim's value as a reader reads it: "about 3,000 troops", "397-0 votes", "denied"."""
    if isinstance(c.value, bool):
        return "yes" if c.value else "no"
    if c.kind in ("response", "assertion"):
        return str(c.value)
    if c.kind == "tally" or (c.unit or "").startswith("votes "):
        return f"{c.value} votes"
    unit = c.unit if c.unit in ("%", "USD", "GBP", "EUR") else None
    rest = "" if unit else f" {c.unit}" if c.unit else ""
    if rest and isinstance(c.value, str) and re.search(r"(?:" + wordlists.alternation("vague_amounts") + r")$",
                                                       c.value):
        rest = " of" + rest  # "hundreds of thousands of people", not "hundreds of thousands people"
    return render(c.value, unit, c.qualifier) + rest + (f" ({c.converted})" if c.converted else "")


def compare_claims(claims: list[Claim], articles: dict[str, Article], independent: dict[str, str]) -> list[ClaimComparison]:
    """Compare the story's claims subject by subject; sets each claim's status, sources and
    single_source, and fills a missing claim date from its article's publication date."""
    from storyline.compare.wire import partial_credits

    partial = partial_credits(list(articles.values()))
    for c in claims:
        a = articles.get(c.article)
        if a is not None:
            if not c.date and a.published.date:
                c.date = a.published.date[:10]  # an undated article's claims stay undated: see _timeline
            c.outlet = c.outlet or a.outlet
        c.shown = show(c)
    by_subject: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_subject[c.subject].append(c)
    out = []
    subjects = _split_ages(_split_bare(_join_short_names(_join_owner_twins(_join_synonyms(join_unit_systems(
        join_same_figures(_join_dated_twins(list(by_subject.items()))))), articles, independent))))
    subjects = _split_untimed_changes(subjects, articles, independent, partial)
    for subject, cs in subjects:
        # an undated claim sits where its article's window opens: the earliest it can have been made
        cs.sort(key=lambda c: (c.date or ((_window(c, articles) or [None])[0]) or "9999", c.article,
                               c.evidence[0].start if c.evidence else 0))
        keys = _source_keys(cs, independent, partial)
        n = len(set(keys.values()))
        subject = _readable(subject, cs)
        for c in cs:
            c.sources, c.single_source = n, n == 1
        groups = _value_groups(cs)
        # a running total may not fall; the clock time of a happening never changes: either told
        # otherwise later is a dispute, not news
        conflicts = _conflicts(groups, keys, articles, running=subject.endswith(RUNNING_TOTAL),
                               fixed=all(_clock(c) is not None for c in cs)) \
            if n > 1 and len(groups) > 1 else []
        if n > 1 and len(groups) == 1 and _one_speaker(cs):
            # One voice relayed by several outlets ("Mr Zhu said ...", in two papers): the
            # reports agree, but on one source's word, which counts once.
            n = 1
            for c in cs:
                c.sources, c.single_source = 1, True
            status = "agree"
        elif n == 1:
            status = "single"
        elif len(groups) == 1:
            status = "agree"
        elif conflicts:
            status = "conflict"
        else:
            status = "evolving"
        for c in cs:
            c.status = status
        values = _timeline(cs, groups, articles)
        comp = ClaimComparison(
            subject=subject,
            status=status,
            claims=[c.id for c in cs],
            outlets=sorted({_label(c, articles) for c in cs}),
            independent_sources=n,
            anonymous_only=all(c.anonymous for c in cs),
            note=_note(status, values, conflicts, cs),
            values=values,
            conflicts=conflicts[:MAX_CONFLICTS],
        )
        out.append(comp)
    order = {"conflict": 0, "evolving": 1, "agree": 2, "single": 3}
    out.sort(key=lambda k: (order[k.status], -k.independent_sources, -len(k.claims), k.subject))
    return out


def _split_untimed_changes(subjects: list[tuple[str, list[Claim]]], articles: dict[str, Article],
                           independent: dict[str, str], partial) -> list[tuple[str, list[Claim]]]:
    """A subject whose differing values no time separates is not one figure that changed:
    "$31.2 billion" (earnings kept abroad at the end of 2016) and "an estimated $1.9 billion"
    (the quarter's earnings), told the same day, share only the word "earnings". Where no
    conflict can be called either, each value is shown on its own rather than as a change the
    texts never tell. Floors ("at least 40", then "more than 50" injured) are a toll that rose
    even where the hours are unknown."""
    out = []
    for subject, cs in subjects:
        groups = _value_groups(cs)
        keys = _source_keys(cs, independent, partial)
        if len(groups) < 2 or len(set(keys.values())) < 2 or _ordered_in_time(groups, articles) or any(
                _floor(c) for c in cs) or _conflicts(
                groups, keys, articles, running=subject.endswith(RUNNING_TOTAL),
                fixed=all(_clock(c) is not None for c in cs)):
            out.append((subject, cs))
            continue
        out.extend((subject, g) for g in groups)
    return out


def _ordered_in_time(groups: list[list[Claim]], articles: dict[str, Article]) -> bool:
    """Whether some value was told at a moment known to come after another value's telling, or
    may have been: an undated article's claim sits somewhere in its window."""
    moments = [[_moment(c, articles) for c in g] for g in groups]
    if any(m is None for ms in moments for m in ms):
        return True
    if any("earlier figure" in c.hedges for g in groups for c in g):
        return True  # "the 1,000 barrels it first estimated": the text itself orders the values
    return any(_after(a, b) for i, ms in enumerate(moments) for j, ns in enumerate(moments) if i != j
               for a in ms for b in ns)


# "two years ago", "more than two years after": a span counted back from the article's day
YEARS_BACK = re.compile(r"\b(\w+)\s+years?\s+(?:" + "|".join(sorted(compare_words("years_back_words"))) + r")\b", re.I)


def _names_year(c: Claim, year: int) -> bool:
    """Whether a claim's own sentence places its happening in ``year``: a time phrase opening
    the sentence names the year ("On New Year's Eve 2015, ..."; a year further on may be
    another event's: "more than the 258,000 barrels leaked in 1989"), or the sentence counts
    back to it from the claim's date ("two years ago" in 2016 is 2014)."""
    if re.match(rf"[^,;:]{{0,40}}\b{year}\b[^,;:]{{0,20}},", c.text):
        return True
    said = _day(c.date)
    told = _number_at(c)
    if said is None or told is None:
        return False
    for m in YEARS_BACK.finditer(c.text[:told]):  # before the figure: "two years after hundreds of women ..."
        n = 1 if m.group(1).lower() in ("a", "one") else number(m.group(1))
        if n is not None and said.year - n == year:
            return True
    return False


def _number_at(c: Claim) -> int | None:
    """Where a claim's figure stands in its sentence, when it can be found as written."""
    v = c.value
    forms = [v] if isinstance(v, str) else [f"{v:,}", str(v)] if isinstance(v, int) and not isinstance(v, bool) else []
    found = [i for f in forms if (i := c.text.lower().find(str(f).lower())) >= 0]
    return min(found) if found else None


def _sentence(c: Claim) -> tuple:
    return (c.article, c.evidence[0].start if c.evidence else None, c.text)


def _join_dated_twins(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """A claim under a label with no year ("women assaulted") whose own sentence places it in
    the year of its twin label ("women assaulted in 2015": "two years ago, hundreds of women
    ...") is that twin's figure: the parse missed the year, the sentence did not. Each claim
    moves on its own sentence's word: this crash's "people killed" stays apart from "people
    killed in 2004" unless its sentence is about 2004, and not when the year is that of another
    figure its sentence gives (a comparison with an earlier event)."""
    labels = {label: n for n, (label, _) in enumerate(subjects)}
    out = [(label, list(cs)) for label, cs in subjects]
    for label, n in labels.items():
        m = PAST_YEAR.search(label)
        if m is None:
            continue
        twin = labels.get(label[:m.start()] + (m.group(2) or ""))  # "oil spilled (gallons)"
        if twin is None:
            continue
        # a sentence that has a figure of its own under the dated label gives its year to that
        # one: "6 million gallons have spewed, more than the 11 million leaked in 1989"
        dated = {_sentence(c) for c in out[n][1]}
        moving = [c for c in out[twin][1] if _names_year(c, int(m.group(1))) and _sentence(c) not in dated]
        for c in moving:
            c.subject = label
            out[n][1].append(c)
        out[twin] = (out[twin][0], [c for c in out[twin][1] if all(c is not x for x in moving)])
    return [g for g in out if g[1]]


@cache
def _synonyms() -> dict[str, str]:
    """A label word -> the word its quantity is labelled with (``words/label_synonyms.txt``)."""
    pairs = (line.split(":", 1) for line in compare_words("label_synonyms"))
    return {w: head.strip() for head, rest in pairs for w in rest.split()}


def _join_synonyms(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """Subjects whose labels are one once each word of ``label_synonyms`` is folded to its head
    ("power (%)" and "capacity (%)": 92 per cent of a machine's maximum, worded two ways) are
    one subject, under the label the list names. The unit stays part of the label, so "power
    (MW)" never meets "capacity (%)"."""
    table = _synonyms()
    home: dict[str, int] = {}
    moves: dict[int, int] = {}
    folded = [" ".join(table.get(w, w) for w in label.split()) for label, _ in subjects]
    for n, label in enumerate(folded):
        if label == subjects[n][0]:
            home.setdefault(label, n)
    for n, label in enumerate(folded):
        if label != subjects[n][0]:
            if label in home:
                moves[n] = home[label]
            else:
                home[label] = n
    return _move_all(subjects, moves)


_YEARED = re.compile(r"\b(?:19|20)\d\d\b|\((?:earlier|cumulative)\)")


def _owner_words(label: str) -> list[str]:
    return [w for w in _UNIT_PART.sub("", label).split() if w[:1].isupper()]


_UNIT_PART = re.compile(r"\s*\([^)]*\)\s*$")


def _names_all(article: Article | None, owners: list[str]) -> bool:
    """Whether an article's own text names every owner word (as a whole word)."""
    if article is None:
        return False
    text = " ".join(t for t in (article.title, article.body) if t)
    return all(re.search(rf"(?<!\w){re.escape(o)}(?!\w)", text) for o in owners)


def _join_owner_twins(subjects: list[tuple[str, list[Claim]]], articles: dict[str, Article],
                      independent: dict[str, str]) -> list[tuple[str, list[Claim]]]:
    """A count told with what happened but without its owner ("197 girls still held captive")
    is the count of the one owned twin in the story ("218 Chibok girls still held captive") when
    every article telling it names that owner: the writer left the name out because the article
    is about it. Only labels that say what happened join (a bare "girls" may be any girls), never
    a label of an earlier year (its own event), and only where one owner has such a twin: with
    "Germany troops killed" and "Britain troops killed" both in the story, "troops killed" could
    be either, and stays apart. The owned side must be one figure told alike, and the owner-less
    one one number (within rounding, not vague or a bound) told by two independent sources at
    least: in a story of one company every article names it, and an owner-less "paid" or
    "liabilities" whose tellings differ, or that one article gives, may be anyone's (Shell's
    evacuated workers in a story of BP's). The joined claims keep their
    values, so a count that moved between the two shows as a change or a conflict."""
    index = {label: n for n, (label, _) in enumerate(subjects)}
    owned: dict[int, list[int]] = {}
    for n, (label, cs) in enumerate(subjects):
        owners = _owner_words(label)
        if not owners or _YEARED.search(label) or not cs or not all(c.kind == "figure" for c in cs):
            continue
        stripped = " ".join(w for w in label.split() if w not in owners)
        twin = index.get(stripped)
        if twin is None or twin == n:
            continue
        tcs = subjects[twin][1]
        units = {c.unit for c in cs + tcs}
        if len(units) != 1 or not all(c.kind == "figure" for c in tcs) or _bare(stripped, tcs):
            continue
        # each side one figure told alike: an owner-less label whose tellings already differ
        # ("paid", "loss" in a story of one company) gathers many things, not the owner's one
        if not told_alike(tcs) or len(_value_groups(cs)) > 1 \
                or len({independent.get(c.article, c.article) for c in tcs}) < 2:
            continue
        owned.setdefault(twin, []).append(n)
    moves = {twin: homes[0] for twin, homes in owned.items() if len(homes) == 1
             and all(_names_all(articles.get(c.article), _owner_words(subjects[homes[0]][0]))
                     for c in subjects[twin][1])}
    return _move_all(subjects, moves)


_QUOTES = str.maketrans("", "", '"“”')


def _readable(subject: str, cs: list[Claim]) -> str:
    """The label a reader sees for statements compared under a key of lemmas ("son be old",
    "damage take month": how the extractor matches tellings, not how anyone says it): the
    shortest telling's own words, cut to a label's length ("damage from a launchpad explosion
    would take nine to 12 months to repair"). Labels written as the text gives them stay."""
    texts = [" ".join((c.text or "").translate(_QUOTES).split()) for c in cs]
    if not all(c.kind == "assertion" for c in cs) or not all(texts) \
            or any(subject.rstrip(" …").lower() in t.lower() for t in texts):
        return subject
    words_ = min(texts, key=len).rstrip(" .,;:").split()
    label = " ".join(words_[:LABEL_CLAUSE_WORDS]).rstrip(",;:") + (" …" if len(words_) > LABEL_CLAUSE_WORDS else "")
    for c in cs:  # as written: a capital may be a name's ("Weinstein's company withheld ...")
        c.subject = label
    return label


def _bare(subject: str, cs: list[Claim]) -> bool:
    """A subject that is only the counted noun ("girls", "people"): nothing says what
    happened to them, so two such counts are not known to be one quantity. So is a length
    named only by its thing ("length of ban": a 30-day ban and a six-month one are two bans)."""
    return all(c.kind == "figure" and (c.unit == subject or subject.startswith(LENGTH_LABEL)) for c in cs)


def _split_bare(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """A bare subject whose values differ is several counts, not one that changed or is
    disputed: "276 girls" taken and "197 girls" still held are both just "girls". Each value
    is then compared on its own (agree or single), never set against the others."""
    out = []
    for subject, cs in subjects:
        groups = _value_groups(cs) if _bare(subject, cs) else [cs]
        out.extend((subject, g) for g in groups)
    return out


def _move_all(subjects: list[tuple[str, list[Claim]]], moves: dict[int, int]) -> list[tuple[str, list[Claim]]]:
    """Moves every claim of subject n into subject m, under m's label, for each n -> m."""
    if not moves:
        return subjects
    out = [(label, list(cs)) for label, cs in subjects]
    for n, m in moves.items():
        for c in out[n][1]:
            c.subject = out[m][0]
        out[m][1].extend(out[n][1])
        out[n] = (out[n][0], [])
    return [g for g in out if g[1]]


def _join_short_names(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """A person's age under one of their names ("age of Silverman", "age of Sarah") is the
    age of the one full name in the story that has it as its first or last word ("age of
    Sarah Silverman"); where two full names share it ("Sarah Silverman", "Sarah Jones"), or
    none does, it stays apart."""
    ages = {label[len("age of "):]: n for n, (label, _) in enumerate(subjects) if label.startswith("age of ")}
    full = {name: n for name, n in ages.items() if len(name.split()) >= 2 and all(w[:1].isupper() for w in name.split())}
    moves: dict[int, int] = {}
    for name, n in ages.items():
        if len(name.split()) != 1 or not name[:1].isupper():
            continue
        homes = [m for other, m in full.items() if name in (other.split()[0], other.split()[-1])]
        if len(homes) == 1:
            moves[n] = homes[0]
    return _move_all(subjects, moves)


# How far apart two reports of one person's age may be (beyond the time between them) and
# still be one person misreported: "3" and "4" for one boy is a disagreement; "19" and "5" for
# "daughter" in two articles are two daughters.
AGE_MISREPORT_YEARS = 2


def _split_ages(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """An age held by a common noun ("age of daughter", "age of boy") names a role, not a
    person: two articles' daughters may be two people. Where the values cannot be one
    person's age (further apart than the years between the reports allow, plus a misreport),
    each value is a subject of its own, never "changed over time". A named person's ages stay
    together: "19" and "21" for one name are a conflict to show."""
    out = []
    for subject, cs in subjects:
        holder = subject[len("age of "):] if subject.startswith("age of ") else None
        if holder is None or any(w[:1].isupper() for w in holder.split()) \
                or not all(c.unit == "years" and isinstance(c.value, (int, float)) for c in cs):
            out.append((subject, cs))
            continue
        days = [d for c in cs if (d := _day(c.date))]
        years = ((max(days) - min(days)).days / 365.25) if days else 0.0
        values = [float(c.value) for c in cs]
        if max(values) - min(values) <= years + AGE_MISREPORT_YEARS:
            out.append((subject, cs))
            continue
        out.extend((subject, g) for g in _value_groups(cs))
    return out


_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})")


def _moment(c: Claim, articles: dict[str, Article]) -> tuple[dt.date, int] | None:
    """When a claim was made: its day, and the minute of that day where its article's own
    metadata gives the time (-1 when it does not). A toll of 4 at 09:11 and of 6 at 11:02 is
    a count that rose, not two outlets disagreeing. A claim dated apart from its article
    ("said on Thursday") has only its own day."""
    day = _day(c.date)
    if day is None:
        return None
    a = articles.get(c.article)
    pub = a.published if a is not None else None
    m = _STAMP.match(pub.evidence or "") if pub is not None and pub.how == "metadata" else None
    if m and m.group(1) == (pub.date or "")[:10] == (c.date or "")[:10] and (m.group(2), m.group(3)) != ("00", "00"):
        return day, int(m.group(2)) * 60 + int(m.group(3))  # midnight is how a missing time is written
    return day, -1


def _after(a: tuple[dt.date, int], b: tuple[dt.date, int]) -> bool:
    """Whether ``a`` is known to come after ``b``: a later day, or a later time the same day."""
    return a[0] > b[0] or (a[0] == b[0] and a[1] >= 0 and b[1] >= 0 and a[1] > b[1])


def _current_days(groups, articles: dict[str, Article]) -> list[list[tuple[dt.date, int]]]:
    """Per value group, the sorted moments it was reported as a current figure."""
    return [sorted(d for c in g if not any(h in NOT_CURRENT for h in c.hedges) and (d := _moment(c, articles)))
            for g in groups]


def _superseded(old: list[tuple[dt.date, int]], new: list[tuple[dt.date, int]]) -> bool:
    """Whether one value gave way to another: the newer value first appears after the older
    one, and nobody reports the older one as current once the window after that has passed.
    Two outlets a day apart on either side of a change are then a change, not a dispute."""
    if not old or not new or not _after(new[0], old[0]):
        return False
    if old[-1][0] == new[-1][0] and _after(old[-1], new[-1]):
        # the old value is still told as current later the same day than the last telling of
        # the new one: at that hour the outlets disagree, nothing gave way
        return False
    return old[-1][0] <= new[0][0] + dt.timedelta(days=SAME_TIME_DAYS)


# The label ending of a running total ("people displaced (cumulative)": since the war began).
RUNNING_TOTAL = "(cumulative)"


def _fell(a: Claim, b: Claim) -> bool:
    """Whether the later of two exact figures is the lower: a running total never falls, so two
    outlets giving a lower total later disagree on it ("2.6 million displaced since 2009" in
    October, "2.3 million" in May) rather than report a change."""
    if any(c.kind != "figure" or c.qualifier or isinstance(c.value, bool) or not isinstance(c.value, (int, float))
           for c in (a, b)):
        return False
    first, second = sorted((a, b), key=lambda c: c.date or "")
    return second.value < first.value


def _conflicts(groups, keys, articles, running: bool = False, fixed: bool = False) -> list[dict]:
    """Same-time disagreements between independent sources; in a running total (``running``),
    also a later lower figure at any distance in time; in a value that cannot change
    (``fixed``: when a happening happened), any two at any distance in time, and two sources
    one outlet quotes."""
    found = []
    group_of = {id(c): n for n, g in enumerate(groups) for c in g}
    days = _current_days(groups, articles)
    flat = [c for g in groups for c in g]
    for i, a in enumerate(flat):
        for b in flat[i + 1:]:
            if group_of[id(a)] == group_of[id(b)]:
                continue
            if keys[a.article] == keys[b.article] and not (fixed and a.attributed_to != b.attributed_to):
                # one outlet's figure moving on is news; but a time that cannot change, given
                # otherwise by two sources the outlet quotes (the police and the fire brigade),
                # is a dispute within it
                continue
            if any(h in NOT_CURRENT for h in a.hedges + b.hedges):
                continue
            if consistent(a, b):
                continue  # "at least 40" and "more than 50": a floor raised, not a dispute
            da, db = _day(a.date), _day(b.date)
            if da is None or db is None:
                continue
            if not (fixed or running and da != db and _fell(a, b)):
                if abs((da - db).days) > SAME_TIME_DAYS:
                    continue
                ga, gb = days[group_of[id(a)]], days[group_of[id(b)]]
                if _superseded(ga, gb) or _superseded(gb, ga):
                    continue
            first, second = sorted((a, b), key=lambda c: c.date or "")
            found.append({
                "date": first.date,
                "claims": [first.id, second.id],
                "values": [show(first), show(second)],
                "outlets": [_label(first, articles), _label(second, articles)],
                "attributed_to": [first.attributed_to, second.attributed_to],
            })
    found.sort(key=lambda f: (f["date"] or "9999", f["claims"]))
    return found


def _timeline(cs: list[Claim], groups, articles) -> list[dict]:
    group_of = {id(c): n for n, g in enumerate(groups) for c in g}
    rows: list[dict] = []
    for c in cs:
        window = _window(c, articles)
        key = (c.date, window, group_of[id(c)])
        row = next((r for r in rows if (r["date"], r.get("window"), r["_group"]) == key), None)
        if row is None:
            row = {"date": c.date, "value": c.value, "shown": show(c), "unit": c.unit, "claims": [], "outlets": [],
                   "attributed_to": [], "_group": group_of[id(c)]}
            if window:
                row["window"] = window
            rows.append(row)
        row["claims"].append(c.id)
        label = _label(c, articles)
        if label not in row["outlets"]:
            row["outlets"].append(label)
        if c.attributed_to and c.attributed_to not in row["attributed_to"]:
            row["attributed_to"].append(c.attributed_to)
    for r in rows:
        r.pop("_group")
    return rows


def _window(c: Claim, articles) -> list[str] | None:
    """For an undated claim, the window its article was published in, if known."""
    a = articles.get(c.article)
    if c.date or a is None or not (a.published.earliest or a.published.latest):
        return None
    return [(a.published.earliest or "")[:10] or None, (a.published.latest or "")[:10] or None]


def when(row: dict) -> str:
    """A value row's date as a reader reads it: the day, or the window of an undated article."""
    if row.get("date"):
        return row["date"]
    window = row.get("window")
    if window and window[0] and window[1]:
        return f"undated article, published between {window[0]} and {window[1]}"
    if window and window[1]:
        return f"undated article, published by {window[1]}"
    return "undated"


def _one_speaker(cs: list[Claim]) -> str | None:
    """The one named speaker every claim is attributed to ("Thane Maynard", "Maynard"), or None:
    an unattributed or anonymous claim, or two names, are no one voice."""
    names = [c.attributed_to for c in cs]
    if any(not n or c.anonymous for n, c in zip(names, cs)):
        return None
    last = {re.sub(r"[\u2019']s$", "", n.split()[-1]).lower() for n in names}
    if len(last) != 1 or not all(n.split()[-1][:1].isupper() for n in names):
        return None
    return max(names, key=len)


def _note(status: str, values: list[dict], conflicts: list[dict], cs: list[Claim]) -> str:
    if status == "evolving":
        steps = []
        for r in values:
            who = ", ".join(r["attributed_to"] or r["outlets"])
            steps.append(f"{r['shown']} ({when(r)}, {who})")
        return "changed over time: " + " -> ".join(steps)
    if status == "conflict":
        parts = [f"{c['outlets'][0]}: {c['values'][0]} vs {c['outlets'][1]}: {c['values'][1]} ({c['date'] or 'undated'})"
                 for c in conflicts[:3]]
        return "sources differ at the same time: " + "; ".join(parts)
    speaker = _one_speaker(cs) if status == "agree" and len({c.outlet or c.article for c in cs}) > 1 else None
    if speaker and all(c.sources == 1 for c in cs):
        return f"one source ({speaker}), told by {len({c.outlet or c.article for c in cs})} outlets"
    if status == "single":
        who = {c.attributed_to for c in cs if c.attributed_to}
        return "one source" + (f" ({', '.join(sorted(who))})" if who else "") + (
            ", anonymous" if all(c.anonymous for c in cs) else "")
    who = {c.attributed_to for c in cs}
    if len(who) == 1 and None not in who:  # not when the other outlets name nobody
        return f"all reports attribute it to {next(iter(who))}"
    return ""
