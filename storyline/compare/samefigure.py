"""One figure told in other words: subjects that differ only in a verb of no known meaning.

Subjects are built from the words of each sentence, so the same crowd is "revellers flocked"
in one outlet and "revellers descended" in another, the same price is "sticker price" and
"sold", the same limit "speed limit" and "negotiating". Those verbs say how the writer put
it, not which quantity it is: they are not in the tables of changes that pick out a subset
(killed, injured, leaked, fell; :mod:`storyline.compare.subjects`), which stay part of what a
figure is.

Two subjects are joined into one only when nothing about them says they are different
quantities and their figures say they are the same one:

* the same unit (the counted noun's class or the measure's unit) and the same earlier year;
* the same known change, or none on either side;
* no two different owners (the capitalised names in the label: "Germany troops" and
  "Russia troops" stay apart);
* their other nouns meet or one side has none ("thrust" and "thrust generated" meet; "inflation"
  and "unemployment" do not);
* every stated number of one is, within rounding, every stated number of the other, and at
  least one of them is not a round number, or the labels share a noun or an act ("funded" /
  "funding received"): a coincidence of "40%" or "$20bn" says nothing, one of "139,000
  barrels" or "$75m" does. Qualifiers are not read: "more than $2bn" fits
  $239bn as a bound, but they are not one figure. Small counts and vague ones never join: two
  "2 people" in one story are as likely two pairs as one, and "hundreds" fits 218 held and
  276 abducted alike.

What is joined is therefore never a conflict or a change: only agreeing reports of one
figure, told apart by nothing but a verb.
"""

from __future__ import annotations

import functools
import re

from storyline.compare.numbers import CURRENCIES, interval, same_figure
from storyline.compare.subjects import (CHANGE_CLASSES, IRREGULAR_PARTICIPLES, LEVEL_CLASSES, MATERIAL_CLASSES,
                                         MEASURES, NOUN_CLASSES)
from storyline.model import Claim
from storyline import words as wordlists
from storyline.compare.words import words as wordlists_compare

# Below this a count is too common a number for equal values to say "the same figure".
SMALL_COUNT = 10
# How far above a floor ("at least 4") a figure may be and still be the same count told loosely.
FLOOR_REACH = 2.0
KNOWN_CHANGES = set(CHANGE_CLASSES.values()) | set(MATERIAL_CLASSES.values()) | set(LEVEL_CLASSES.values())
PARTICIPLES = set(IRREGULAR_PARTICIPLES.values())
# Particles and prepositions in labels ("handed over", "at scene"): they name nothing.
LINK_WORDS = wordlists.words("label_link_words")
_YEAR = re.compile(r"\bin ((?:1[89]|20)\d\d)\b|\((earlier|cumulative)\)")
_UNIT_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


_ACT_ENDING = re.compile(r"(?:ing|ed|d)$")


def _verbal(word: str) -> bool:
    return word.endswith(("ed", "ing")) or word in PARTICIPLES


def _parts(subject: str, unit: str | None):
    """(key, owners, nouns) of a figure subject: what must be equal, what must not clash, what must meet."""
    years = tuple("".join(m) for m in _YEAR.findall(subject))
    label = _UNIT_SUFFIX.sub("", subject)
    label = _YEAR.sub("", label)
    words = label.split()
    changes = frozenset(w for w in words if w in KNOWN_CHANGES)
    owners = frozenset(w for w in words if w[:1].isupper())
    noun = (unit or "").lower()
    # nouns meet through the noun table too: "payload to LEO" and "cargo launched" name one load
    nouns = {NOUN_CLASSES.get(w, w) for w in words if not w[:1].isupper() and w not in KNOWN_CHANGES
             and w not in LINK_WORDS and w != noun and not _verbal(w)}
    return (unit, years, changes), owners, nouns


def _acts(subject: str) -> set[str]:
    """The stems of the acts a label names by a verb or its "-ing" noun ("funded", "funding
    received"): the same act in two labels says what a shared noun says ("will be funded with
    $7m" / "$7m in funding")."""
    words = _YEAR.sub("", _UNIT_SUFFIX.sub("", subject)).split()
    stems = {_ACT_ENDING.sub("", w) for w in words if _verbal(w) and not w[:1].isupper()
             and w not in KNOWN_CHANGES and w not in LINK_WORDS}
    return {x for x in stems if len(x) >= 3}


def _point(c: Claim) -> float | None:
    """The number a claim states, if it states one number big enough to recognise."""
    v = c.value
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v < SMALL_COUNT:
        return None  # vague, a range, a flag or a small count
    return float(v)


def _distinctive(x: float) -> bool:
    """Whether a number has two significant digits or more ("139,000", "75", not "20,000,000").
    Written out in full: "%g" would print 9e+07 and count its exponent as digits."""
    text = str(int(x)) if float(x).is_integer() else f"{x:.6f}"
    digits = text.replace(".", "").replace("-", "").lstrip("0").rstrip("0")
    return len(digits) >= 2


def _one_figure(points: list[float], shared_noun: bool = False) -> bool:
    """Whether the numbers are one figure: equal within rounding, and either one of them is
    not round or the two labels share a noun ("sticker price" and "price tag" at $90m: the
    noun and the number together say what neither says alone)."""
    if not any(_distinctive(x) for x in points) and not shared_noun:
        return False
    return all(same_figure((a, a, "point"), (b, b, "point")) for a in points for b in points)


def told_alike(cs: list[Claim]) -> bool:
    """Whether claims state one number, within rounding, big and distinctive enough to
    recognise ("some 197", "197"; not "hundreds", not "up to $40bn" beside "$27m")."""
    points = [_point(c) for c in cs]
    return bool(points) and all(p is not None for p in points) and _one_figure(points)


def join_same_figures(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """Join subjects that are one figure in other words (see the module's rule); the joined
    claims take the subject of the group that names a thing, then the largest, then the
    shortest label."""
    candidates = []
    for n, (subject, cs) in enumerate(subjects):
        if all(c.kind == "figure" for c in cs) and len({c.unit for c in cs}) == 1 \
                and all(_point(c) is not None for c in cs):
            candidates.append((n, subject, cs, _parts(subject, cs[0].unit)))
    candidates.sort(key=lambda g: (not g[3][2], -len(g[2]), len(g[1]), g[1]))
    home: dict[int, int] = {}
    clusters: list[list] = []
    for g in candidates:
        n, subject, cs, (key, owners, nouns) = g
        for cl in clusters:
            _, _, _, (ckey, cowners, cnouns) = cl[0]
            if key != ckey or any(o and owners and o != owners for _, _, _, (_, o, _) in cl):
                continue
            if nouns and cnouns and not nouns & cnouns:
                continue
            if _one_figure([_point(c) for other in cl + [g] for c in other[2]],
                           bool(nouns & cnouns) or bool(_acts(subject) & _acts(cl[0][1]))):
                cl.append(g)
                home[n] = cl[0][0]
                break
        else:
            clusters.append([g])
    out: list[tuple[str, list[Claim]]] = []
    index: dict[int, int] = {}
    for n, (subject, cs) in enumerate(subjects):
        if n in home:
            continue
        index[n] = len(out)
        out.append((subject, list(cs)))
    for n, h in home.items():
        label, joined = out[index[h]]
        for c in subjects[n][1]:
            c.subject = label
        joined.extend(subjects[n][1])
    return _join_retold(_join_bare(_join_owned(_split_earlier(_rejoin_earlier(_join_dated(out))))))


def _main_value(cs: list[Claim]) -> list[Claim]:
    """The claims of a subject's most reported value (greedy groups of consistent values)."""
    groups: list[list[Claim]] = []
    for c in cs:
        home = next((g for g in groups if _consistent(g + [c])), None)
        if home is None:
            groups.append([c])
        else:
            home.append(c)
    return max(groups, key=len) if groups else []


def _rejoin_earlier(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """A figure marked "(earlier)" ("killed 11 workers nearly two months ago") that agrees with
    the most reported figure of its subject without the mark is the story's own event told from
    a later day: it joins them. The mark keeps apart only what differs (the 30 dead of last week's
    strike beside today's 6)."""
    index = {label: n for n, (label, _) in enumerate(subjects)}
    merged: set[int] = set()
    for n, (label, cs) in enumerate(subjects):
        if " (earlier)" not in label:
            continue
        home = index.get(label.replace(" (earlier)", ""))
        if home is None or home in merged:
            continue
        if _consistent(cs + _main_value(subjects[home][1])):
            for c in cs:
                c.subject = subjects[home][0]
            subjects[home][1].extend(cs)
            merged.add(n)
    return [g for n, g in enumerate(subjects) if n not in merged]


def _split_earlier(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """The other way round: an unmarked figure that is, within rounding, a figure of its
    subject's "(earlier)" event and none of the subject's other figures is that earlier event
    told without its date ("30 civilians were killed in the incident" beside "30 killed last
    week", in a story of today's 2, 4, 6). It joins the earlier event instead of setting its
    number against today's."""
    index = {label: n for n, (label, _) in enumerate(subjects)}
    for label, cs in subjects:
        earlier = index.get(f"{label} (earlier)")
        if earlier is None or " (earlier)" in label:
            continue
        before = subjects[earlier][1]
        theirs = [c for c in cs if _point(c) is not None and any(_agrees(c, o) for o in before)]
        rest = [c for c in cs if all(c is not t for t in theirs)]
        if not theirs or not rest or any(_agrees(c, o) for c in theirs for o in rest):
            continue  # nothing to move, or all of it: then the mark is what differs
        for c in theirs:
            c.subject = subjects[earlier][0]
        subjects[earlier][1].extend(theirs)
        cs[:] = rest
    return [g for g in subjects if g[1]]


def _bare(label: str, cs: list[Claim]) -> bool:
    return all(c.kind == "figure" and c.unit == label for c in cs)


def _join_bare(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """A count that is only its counted noun ("1,600 officers", "more than a million
    migrants": no verb, owner or place says which) joins the one subject of the same noun
    whose figures it agrees with ("officers on patrol": 1,600), as the same count told with
    less. Where two subjects of that noun fit, or none, it stays apart; small and vague counts,
    and nouns too general to pick anything out ("people"), never join on a value alone."""
    out = [(label, list(cs)) for label, cs in subjects]
    of_unit: dict[str | None, list[int]] = {}  # the subjects a bare count of each noun may join
    for n, (label, cs) in enumerate(out):
        units = {c.unit for c in cs}
        if cs and len(units) == 1 and all(c.kind == "figure" for c in cs) and not _bare(label, cs):
            of_unit.setdefault(units.pop(), []).append(n)
    moved = False
    for label, cs in out:
        if not _bare(label, cs) or label in wordlists_compare("general_counted_nouns"):
            continue
        for c in list(cs):
            if _point(c) is None:
                continue
            # the stated numbers must be one within rounding: "more than a dozen" companies
            # is no floor under "20 biggest companies", "more than a million" is "about one million"
            homes = [n for n in of_unit.get(c.unit, ()) if _told_in(c, out[n][1])]
            if len(homes) == 1:
                _move(c, cs, out[homes[0]])
                moved = True
    return [g for g in out if g[1]] if moved else out


def _join_owned(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """A count that is only a name and its counted noun ("21 of the #Chibokgirls": "Chibok
    girls", no verb) joins the one subject of that name and noun that says what happened to them
    ("Chibok girls freed") whose figures it is, within rounding: the same count told with less.
    Each figure moves on its own number ("dozens of the Chibok girls" in a video stays); where
    two such subjects fit, or none, it stays apart."""
    out = [(label, list(cs)) for label, cs in subjects]
    figures = {n: _parts(label, cs[0].unit) for n, (label, cs) in enumerate(out)
               if cs and len({c.unit for c in cs}) == 1 and all(c.kind == "figure" for c in cs)}
    moved = False
    for n, ((unit, years, changes), owners, nouns) in figures.items():
        if changes or nouns or years or not owners:
            continue
        for c in list(out[n][1]):
            if _point(c) is None:
                continue
            homes = [m for m, ((u, y, ch), o, _) in figures.items()
                     if m != n and u == unit and not y and ch and o == owners and _told_in(c, out[m][1])]
            if len(homes) == 1:
                _move(c, out[n][1], out[homes[0]])
                moved = True
    return [g for g in out if g[1]] if moved else out


def _told_in(c: Claim, cs: list[Claim]) -> bool:
    """Whether a claim's stated number is, within rounding, one a subject's claims state."""
    return any(_point(o) is not None and _one_number(_point(c), _point(o)) for o in cs)


def _move(c: Claim, cs: list[Claim], home: tuple[str, list[Claim]]) -> None:
    """Moves a claim from its subject's claims into the one subject it joins, under that label."""
    c.subject = home[0]
    home[1].append(c)
    cs.remove(c)


def _one_number(a: float, b: float) -> bool:
    return same_figure((a, a, "point"), (b, b, "point"))


def _span(c: Claim):
    """A claim's comparison interval, read once per value (subjects compare every pair)."""
    v = tuple(c.value) if isinstance(c.value, list) else c.value
    return _interval(v, c.qualifier)


@functools.lru_cache(maxsize=65536)
def _interval(value, qualifier):
    return interval(list(value) if isinstance(value, tuple) else value, qualifier)


def _agrees(a: Claim, b: Claim) -> bool:
    """Two figures that can be one value; a floor only with figures near it ("at least 2"
    is not "30")."""
    sa, sb = _span(a), _span(b)
    if not sa or not sb or not same_figure(sa, sb):
        return False
    for lo, hi in ((sa, sb), (sb, sa)):
        top = hi[0] if hi[1] == float("inf") else hi[1]  # two floors: the higher one's number
        if lo[1] == float("inf") and top > FLOOR_REACH * max(lo[0], 1):
            return False
    return True


def _consistent(cs: list[Claim]) -> bool:
    return all(_agrees(a, b) for a in cs for b in cs)


def _join_dated(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """Counts of one thing in one past year are one figure in other words when their values
    agree, whatever their size: "more than 270 girls" taken "in April 2014" and "276
    schoolgirls abducted in 2014". The year pins the event that a small or vague count alone
    cannot (see the module's rule); a side that names no change takes the other's."""
    out: list[tuple[str, list[Claim]]] = []
    for subject, cs in sorted(subjects, key=lambda g: -len(_parts(g[0], g[1][0].unit)[0][2])):
        key, owners, nouns = _parts(subject, cs[0].unit)
        unit, years, changes = key
        # counts only: two shares of one year ("60 percent approved", "BP's 60 percent
        # interest") are no more one figure for sharing it
        dated = any(y[:1].isdigit() for y in years) and unit != "%" \
            and all(c.kind == "figure" and c.unit == unit for c in cs)
        home = None
        if dated:
            for n, (other, ocs) in enumerate(out):
                (ounit, oyears, ochanges), oowners, onouns = _parts(other, ocs[0].unit)
                if (ounit, oyears) != (unit, years) or not all(c.kind == "figure" and c.unit == unit for c in ocs):
                    continue
                if changes and ochanges and changes != ochanges:
                    continue
                if owners and oowners and owners != oowners:
                    continue
                if nouns and onouns and not nouns & onouns:
                    continue
                if _consistent(cs + ocs):
                    home = n
                    break
        if home is None:
            out.append((subject, list(cs)))
            continue
        label, joined = out[home]
        for c in cs:
            c.subject = label
        joined.extend(cs)
    order = {id(cs[0]): i for i, (_, cs) in enumerate(subjects)}
    out.sort(key=lambda g: min(order.get(id(c), len(order)) for c in g[1]))
    return out


# Units of amounts rather than counts: shares, money, volumes. Two owners' amounts coincide in
# one article too often ("BP shares fell 13%", "Transocean's fell 13%") to be one figure.
_AMOUNT_UNITS = set(MEASURES.values()) | {"%"} | {code for _, code in CURRENCIES}


def _retold_in(c: Claim, cs: list[Claim]) -> bool:
    """Whether another sentence of the claim's own article gives, within rounding, its number
    (distinctive, not round) under a subject's claims."""
    x = _point(c)
    if x is None or not _distinctive(x):
        return False
    return any(o.article == c.article and o.text != c.text and _point(o) is not None and _one_number(x, _point(o))
               for o in cs)


def _join_retold(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """A count an article tells twice in other words is one count: "the rocket will use 27
    engines" and, paragraphs on, "thanks to ... 27 Merlin engines" (its maker once, its model
    once), "11 workers" of the rig's owner and of its operator. A writer who gives one number
    of one kind of thing twice means one quantity; other articles may word it either way, so
    the two subjects split the outlets between them. A subject every claim of which is such a
    retelling (another sentence of its own article gives the number, not a round one, for the
    same counted noun, change and year, with no clashing other noun) joins the one subject that
    holds those first tellings. Owners are not read here, as the retelling may name another
    party; amounts (money, shares, volumes) never join so, as two parties' sums often coincide.
    A bare count ("22,000 people") is no home: it says less than the label that would move
    into it (:func:`_join_bare` moves bare counts the other way)."""
    out = [(label, list(cs)) for label, cs in subjects]
    parts = {n: _parts(label, cs[0].unit) for n, (label, cs) in enumerate(out)
             if cs and len({c.unit for c in cs}) == 1 and all(c.kind == "figure" for c in cs)
             and cs[0].unit and cs[0].unit not in _AMOUNT_UNITS}
    moves: dict[int, int] = {}
    for n in sorted(parts, key=lambda n: len(out[n][1])):
        key, _, nouns = parts[n]
        homes = [m for m, (k, _, onouns) in parts.items()
                 if m != n and m not in moves and k == key and (not nouns or not onouns or nouns & onouns)
                 and not _bare(out[m][0], out[m][1])
                 and len(out[m][1]) >= len(out[n][1]) and all(_retold_in(c, out[m][1]) for c in out[n][1])]
        if len(homes) == 1:
            moves[n] = homes[0]
    if not moves:
        return out
    for n, m in moves.items():
        while m in moves:  # a home that itself moved on
            m = moves[m]
        for c in out[n][1]:
            c.subject = out[m][0]
        out[m][1].extend(out[n][1])
        out[n] = (out[n][0], [])
    return [g for g in out if g[1]]
