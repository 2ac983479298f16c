"""Merging event mentions across articles: the same happening told by several outlets is one Event.

Two mentions tell the same event when their triggers agree (the same verb or verbs of one
class: "ratified" / "approved" / "endorsed"), their participants overlap (canonical names,
so "the Russian Senate" meets "Russia's upper house") and their words overlap (TF-IDF cosine
of the lemmas around the predicate), and their dates can be the same time: "this week"
(a week) holds "Wednesday" (a day); October does not hold November 6.

Mentions dated by their own time expression are clustered first, finest dates first, so a
month-level mention joins a day-level event. Mentions with only a weak date (the
publication day of a plain past sentence, or a bound from when it was reported) then join
the most similar event that their bound allows, or form events of their own.

An event's date is the most precise date that most independent sources' dates agree with;
dates that do not fit are kept as ``disagreement`` votes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from storyline.model import Article, DateVote, Event, EventMention, Evidence

# Verbs news uses for one kind of happening. General English, not tied to any story.
TRIGGER_CLASSES = [
    {"ratify", "approve", "endorse", "pass", "adopt", "vote", "back", "enact", "uphold"},
    {"sign", "ink", "conclude", "seal"},
    {"say", "tell", "state", "announce", "declare", "claim", "report", "confirm", "add", "note", "reveal", "disclose"},
    {"kill", "die", "perish", "slay", "murder"},
    {"injure", "wound", "hurt"},
    {"attack", "strike", "bomb", "shell", "hit", "raid", "target"},
    {"arrest", "detain", "capture", "seize", "apprehend"},
    {"charge", "indict", "accuse", "sue", "prosecute"},
    {"convict", "sentence", "jail", "imprison"},
    {"launch", "fire", "test"},
    {"meet", "visit", "host", "talk"},
    {"elect", "win", "appoint", "name", "nominate", "choose", "select"},
    {"resign", "quit", "step", "retire", "leave"},
    {"send", "deploy", "dispatch", "station"},
    {"leak", "spill", "gush", "spew", "flow"},
    {"cap", "seal", "plug", "stop", "close", "shut", "kill"},
    {"explode", "blast", "burn", "sink", "collapse", "erupt"},
    {"pay", "fund", "compensate", "award", "grant"},
    {"fine", "penalise", "penalize", "sanction", "punish"},
    {"ban", "prohibit", "suspend", "halt", "freeze", "block"},
    {"begin", "start", "open", "launch", "commence"},
    {"end", "finish", "conclude", "complete"},
    {"invade", "occupy", "enter", "cross"},
    {"withdraw", "pull", "retreat", "evacuate"},
    {"publish", "release", "issue", "post", "appear", "submit", "introduce", "table", "file"},
    {"strike", "quake", "shake", "hit"},
    {"infect", "spread", "contract", "confirm"},
    {"rise", "increase", "climb", "jump", "soar", "surge"},
    {"fall", "drop", "decline", "plunge", "slump"},
]
_CLASS_OF: dict[str, set[int]] = defaultdict(set)
for _i, _c in enumerate(TRIGGER_CLASSES):
    for _w in _c:
        _CLASS_OF[_w].add(_i)

STRONG = ("text", "inherited")
JOIN = 0.42  # similarity for two mentions with compatible dates to be one event
JOIN_WEAK = 0.5  # a mention with only a weak date needs more to join a dated event
JOIN_UNDATED = 0.6  # and one with no date at all, more still
MAX_COMPARE = 6  # members of a cluster compared with a new mention


def trigger_match(a: str, b: str) -> float:
    """1 for one verb, 0.8 for verbs of one class, else 0."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return 0.8 if _CLASS_OF.get(a, set()) & _CLASS_OF.get(b, set()) else 0.0


SAYING = TRIGGER_CLASSES[2]


def _names(x: str | None) -> set[str]:
    return {p.strip().lower() for p in x.split(" and ") if p.strip()} if x else set()


def _participants(m: EventMention) -> set[str]:
    out = {x for x in (m.actor, m.target) if x}
    for x in list(out):
        out.update(p.strip() for p in x.split(" and ") if p.strip())
    out.update(m.entities)
    return {x.lower() for x in out}


def _interval(m: EventMention) -> tuple[str, str] | None:
    if m.earliest and m.latest:
        return m.earliest, m.latest
    if m.date and len(m.date) == 10:
        return m.date, m.date
    return None


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


def dates_compatible(a: tuple[str, str] | None, b: tuple[str, str] | None, slack: int = 1) -> bool:
    """Two day intervals that overlap, give or take ``slack`` days (time zones, late reports)."""
    if a is None or b is None:
        return True
    return a[0] <= _shift(b[1], slack) and b[0] <= _shift(a[1], slack)


_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def partial_fits(m: EventMention, interval: tuple[str, str] | None) -> bool:
    """An undated mention's time still says something: "June" (XXXX-06) cannot be November,
    "on Saturday" cannot be a Tuesday. True when nothing rules ``interval`` out."""
    if interval is None or m.date or not (m.time_value or m.time_text):
        return True
    lo, hi = dt.date.fromisoformat(interval[0]), dt.date.fromisoformat(interval[1])
    value = m.time_value or ""
    if value.startswith("XXXX-") and len(value) >= 7 and value[5:7].isdigit() and (hi - lo).days < 62:
        months = {lo.month, hi.month}
        if int(value[5:7]) not in months:
            return False
    words = (m.time_text or "").lower()
    day = next((i for i, w in enumerate(_WEEKDAYS) if w in words), None)
    if day is not None and (hi - lo).days < 7:
        span = {(lo + dt.timedelta(days=k)).weekday() for k in range((hi - lo).days + 1)}
        if day not in span:
            return False
    return True


class _Vectors:
    """TF-IDF vectors of the mentions' lemmas, as sparse dicts (cosine by dot product)."""

    def __init__(self, mentions: list[EventMention]):
        df = Counter(w for m in mentions for w in set(m.lemmas))
        n = max(1, len(mentions))
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        self.vec = [self._vector(m.lemmas) for m in mentions]

    def _vector(self, lemmas: list[str]) -> dict[str, float]:
        tf = Counter(lemmas)
        v = {w: c * self.idf.get(w, 1.0) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(x * b.get(w, 0.0) for w, x in a.items())


def similarity(a: EventMention, b: EventMention, va: dict[str, float], vb: dict[str, float]) -> float:
    """How likely two mentions tell one happening, 0..1 (dates are checked apart)."""
    if a.article == b.article and a.sentence == b.sentence:
        return 0.0  # two predicates of one sentence are two events
    trig = trigger_match(a.trigger, b.trigger)
    pa, pb = _participants(a), _participants(b)
    args = len(pa & pb) / min(len(pa), len(pb)) if pa and pb else 0.0
    lex = _Vectors.cosine(va, vb)
    score = 0.35 * trig + 0.25 * args + 0.4 * lex
    actors = _names(a.actor), _names(b.actor)
    if all(actors) and not (actors[0] & actors[1]):
        # Different doers: "the Duma voted" and "the Senate ratified" are two steps.
        score -= 0.3 if a.trigger not in SAYING or b.trigger not in SAYING else 1.0
    if a.article == b.article:
        score -= 0.1  # an article rarely tells one event twice in different words
    return score


@dataclass
class _Cluster:
    members: list[int] = field(default_factory=list)
    interval: tuple[str, str] | None = None
    precision: str | None = None


_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "year": 5, "decade": 6, "century": 7}


def _keys(m: EventMention, v: dict[str, float]) -> dict[str, float]:
    """What a mention is found by: its weightiest lemmas, its participants, its trigger class."""
    keys = dict(sorted(v.items(), key=lambda kv: -kv[1])[:12])
    for p in _participants(m):
        keys["@" + p] = 0.5
    for c in _CLASS_OF.get(m.trigger, ()):
        keys[f"#{c}"] = 0.3
    if m.trigger:
        keys["#" + m.trigger] = 0.4
    return keys


def cluster_mentions(mentions: list[EventMention]) -> list[list[int]]:
    """Groups of mention indexes, one group per real-world event."""
    vec = _Vectors(mentions).vec
    keys = [_keys(m, v) for m, v in zip(mentions, vec)]
    strong = [i for i, m in enumerate(mentions) if m.dated_by in STRONG and m.date]
    strong.sort(key=lambda i: (_RANK.get(mentions[i].precision or "", 9), mentions[i].date or ""))
    clusters: list[_Cluster] = []
    index: dict[str, set[int]] = defaultdict(set)  # key -> clusters holding a mention with it

    def candidates(i: int, allowed) -> list[int]:
        score: Counter = Counter()
        for k, w in keys[i].items():
            for ci in index.get(k, ()):
                score[ci] += w
        return [ci for ci, _ in score.most_common(40) if allowed(ci)][:12]

    def best_for(i: int, cands, threshold: float, overlap: bool = True) -> int | None:
        m = mentions[i]
        best, best_score = None, threshold
        for ci in cands:
            c = clusters[ci]
            if overlap and not dates_compatible(_interval(m), c.interval, slack=1 if m.dated_by in STRONG else 0):
                continue
            if not partial_fits(m, c.interval):
                continue
            score = max(similarity(m, mentions[j], vec[i], vec[j]) for j in c.members[:MAX_COMPARE])
            if score > best_score:
                best, best_score = ci, score
        return best

    def add(i: int, ci: int | None) -> None:
        m = mentions[i]
        if ci is None:
            clusters.append(_Cluster([i], _interval(m) if m.date else None, m.precision))
            ci = len(clusters) - 1
        else:
            clusters[ci].members.append(i)
        for k in keys[i]:
            index[k].add(ci)

    for i in strong:
        year = (mentions[i].date or "")[:4]
        add(i, best_for(i, candidates(i, lambda ci: (clusters[ci].interval or ("",))[0][:4] == year), JOIN))
    n_strong = len(clusters)
    strong_set = set(strong)
    weak = [i for i in range(len(mentions)) if i not in strong_set]
    weak.sort(key=lambda i: (mentions[i].date or mentions[i].latest or "9999"))
    for i in weak:
        m = mentions[i]
        bound = m.latest or m.date
        # A weak mention may tell an older dated event ("the treaty, signed during the visit"):
        # any dated event up to its bound can take it; else one of the same day.
        older = candidates(i, lambda ci: ci < n_strong and (bound is None or (clusters[ci].interval or ("9999",))[0] <= bound))
        ci = best_for(i, older, JOIN_WEAK if (m.date or m.latest) else JOIN_UNDATED, overlap=False)
        if ci is None and m.date:
            same = candidates(i, lambda ci: ci >= n_strong and clusters[ci].interval is not None)
            ci = best_for(i, same, JOIN)
        add(i, ci)
    return [c.members for c in clusters]


def choose_date(votes: list[tuple[str, str, str, str, str]], independent: dict[str, str]):
    """(date, precision, earliest, latest, disagreement) from (date, precision, earliest, latest, article) votes.

    The chosen date is the most precise one that the most independent sources' dates agree with.
    """
    if not votes:
        return None, None, None, None, []
    best = None
    for d, p, lo, hi, _ in votes:
        agree = {independent.get(a, a) for d2, p2, lo2, hi2, a in votes if lo2 <= hi and lo <= hi2}
        own = {independent.get(a, a) for d2, p2, lo2, hi2, a in votes if d2 == d}
        key = (len(agree), -_RANK.get(p, 9), len(own), d)
        if best is None or key > best[0]:
            best = (key, d, p, lo, hi)
    _, date, precision, lo, hi = best
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d, p, _, _, a in votes:
        if a not in grouped[(d, p)]:
            grouped[(d, p)].append(a)
    disagree = any(not (lo2 <= hi and lo <= hi2) for _, _, lo2, hi2, _ in votes)
    disagreement = [DateVote(d, p, arts) for (d, p), arts in sorted(grouped.items())] if disagree else []
    return date, precision, lo, hi, disagreement


def _representative(members: list[int], mentions: list[EventMention], vec, crowded: Counter, date: str | None) -> int:
    """The mention whose sentence best stands for the event: like the others, stating the
    event's date, and telling this event alone (not one of several in one sentence)."""
    best, best_score = members[0], -1e9
    pool = members[:40]
    for i in pool:
        m = mentions[i]
        score = sum(_Vectors.cosine(vec[i], vec[j]) for j in pool if j != i) / max(1, len(pool) - 1)
        score += 0.4 * (date is not None and m.date == date) + 0.2 * (m.dated_by in STRONG)
        score -= 0.7 * (crowded[(m.article, m.sentence)] - 1)
        score -= 0.002 * max(0, len(m.text) - 200)  # long sentences make poor timeline lines
        if score > best_score:
            best, best_score = i, score
    return best


def merge_events(mentions: list[EventMention], articles: dict[str, Article], independent: dict[str, str]) -> list[Event]:
    """One Event per real-world happening, with all its evidence, sources and date votes.

    ``independent`` maps article id -> independent-source key (wire copies share a key).
    Undated events keep the publication window of their article as ``earliest``/``latest``.
    """
    mentions = [m for m in mentions if m.evidence is not None and m.article in articles]
    if not mentions:
        return []
    for m in mentions:
        if m.date is None and m.dated_by == "published":
            pub = articles[m.article].published
            m.earliest, m.latest = m.earliest or pub.earliest, m.latest or pub.latest
    groups = cluster_mentions(mentions)
    vec = _Vectors(mentions).vec
    crowded = Counter((m.article, m.sentence) for m in mentions)
    events: list[Event] = []
    for n, members in enumerate(groups):
        ms = [mentions[i] for i in members]
        strong = [m for m in ms if m.dated_by in STRONG and m.date and _interval(m)]
        weak = [m for m in ms if m.date and _interval(m) and m not in strong]
        votes = [(m.date, m.precision or "day", *_interval(m), m.article) for m in (strong or weak)]
        date, precision, lo, hi, disagreement = choose_date(votes, independent)
        if date is None:
            lo = max((m.earliest for m in ms if m.earliest), default=None)
            hi = min((m.latest for m in ms if m.latest), default=None)
        rep = mentions[_representative(members, mentions, vec, crowded, date)]
        evidence: list[Evidence] = []
        seen = set()
        for m in ms:
            key = (m.article, m.evidence.start, m.evidence.end)
            if key not in seen:
                seen.add(key)
                evidence.append(m.evidence)
        sources = list(dict.fromkeys(m.article for m in ms))
        events.append(Event(
            id=f"e{n}",
            date=date,
            precision=precision,
            text=rep.text,
            sources=sources,
            evidence=evidence,
            outlets=list(dict.fromkeys(articles[a].outlet or a for a in sources)),
            independent_sources=len({independent.get(a, a) for a in sources}),
            attributed_to=list(dict.fromkeys(m.attributed_to for m in ms if m.attributed_to)),
            disagreement=disagreement,
            earliest=lo,
            latest=hi,
        ))
    return events
