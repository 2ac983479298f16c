"""Merging event mentions across articles: the same happening told by several outlets is one Event.

Two mentions tell the same event when their triggers agree (the same verb or verbs of one
class: "ratified" / "approved" / "endorsed"), their participants overlap (canonical names,
so "the French Senate" meets "France's upper house") and their words overlap (TF-IDF cosine
of the lemmas around the predicate), and their dates can be the same time: "this week"
(a week) holds "Wednesday" (a day); October does not hold November 6.

Mentions dated by their own time expression are clustered first, finest dates first, so a
month-level mention joins a day-level event. Mentions with only a weak date (the
publication day of a plain past sentence, or a bound from when it was reported) then join
the most similar event that their bound allows, or form events of their own.

An article often tells its news twice: a lead known only to be no later than its report
("Iran ratified the accord, state media reported on Tuesday") and, a sentence or two on, the
same happening with its day ("President Hassan Rouhani signed the order on Monday"). A
mention with no date of its own joins such a nearby dated mention of its own article when
their doers are one (or one is the country the other leads) and their objects agree
(``same_report``).

An event's date is the most precise date that most independent sources' dates agree with;
dates that do not fit are kept as ``disagreement`` votes. An event with no date keeps the
bounds its evidence gives (``event_bounds``): a past happening reported in an article
published on day D happened on or before D; a lead's plain past is that day or the one
before; an article dated only to a window passes the window on. When both bounds fall in
one month, that month is the event's date, with month precision.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import re
from collections.abc import Callable

from storyline.events.lexicon import word_classes, word_list
from storyline.model import Article, DateVote, EntityMention, Event, EventMention, Evidence
from storyline import words as wordlists

# Verbs news uses for one kind of happening (data/trigger_classes.txt).
TRIGGER_CLASSES = list(word_classes("trigger_classes.txt").values())
# Witnesses' perceiving and recalling (data/detail_verbs.txt): colour, not events.
DETAIL_VERBS = word_list("detail_verbs.txt")
_CLASS_OF: dict[str, set[int]] = defaultdict(set)
for _i, _c in enumerate(TRIGGER_CLASSES):
    for _w in _c:
        _CLASS_OF[_w].add(_i)

STRONG = ("text", "inherited")
JOIN = 0.42  # similarity for two mentions with compatible dates to be one event
JOIN_WEAK = 0.5  # a mention with only a weak date needs more to join a dated event
JOIN_UNDATED = 0.6  # and one with no date at all, more still
MAX_COMPARE = 6  # members of a cluster compared with a new mention
OTHER_OBJECT = 0.2  # what one verb's different objects take off two mentions' likeness


def trigger_match(a: str, b: str) -> float:
    """1 for one verb, 0.8 for verbs of one class, else 0."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return 0.8 if _CLASS_OF.get(a, set()) & _CLASS_OF.get(b, set()) else 0.0


SAYING = word_classes("trigger_classes.txt")["say"]
_SAYS = SAYING | word_classes("trigger_classes.txt")["publish"]  # saying and publishing: the news told
INCIDENT = set().union(*(word_classes("trigger_classes.txt")[c] for c in word_list("incident_classes.txt")))


def different_deeds(a: list[str], b: list[str]) -> bool:
    """Whether two events' verbs say they are different happenings: every verb of each is of
    a known class, and no pair shares a class or tells one incident (data/incident_classes.txt).
    An unknown verb says nothing, nor does a saying verb ("announced it had secured the release"
    is the release told as news)."""
    if not a or not b or any(x not in _CLASS_OF or x in _SAYS for x in a + b):
        return False
    return not any(trigger_match(x, y) or (x in INCIDENT and y in INCIDENT) for x in a for y in b)


# A state enacts through its leader's signature: "Iran ratified the accord" and "Rouhani signed
# the order" can be one happening (only when the signer leads that state, see same_report).
ENACTING, SIGNING = word_classes("trigger_classes.txt")["enact"], word_classes("trigger_classes.txt")["sign"]
NEAR_SENTENCES = 2  # how far on an article's lead may be retold with its day


def _fold(x: str) -> str:
    """Lower case, typographic apostrophes as plain ones: outlets' styles differ ("Apple’s"
    in one copy of a sentence, "Apple's" in another), the names do not."""
    return x.lower().replace("\u2019", "'").replace("\u2018", "'")


def _names(x: str | None) -> set[str]:
    return {_fold(p.strip()) for p in x.split(" and ") if p.strip()} if x else set()


def _participants(m: EventMention) -> set[str]:
    out = {x for x in (m.actor, m.target) if x}
    for x in list(out):
        out.update(p.strip() for p in x.split(" and ") if p.strip())
    out.update(m.entities)
    return {_fold(x) for x in out}


def day_span(m: EventMention | Event) -> tuple[str, str] | None:
    """The days a mention or an event covers: its bounds, else its day; None when unknown."""
    if m.earliest and m.latest:
        return m.earliest, m.latest
    if m.date and len(m.date) == 10:
        return m.date, m.date
    return None


_interval = day_span  # the name timeline.infer imports


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()


SAME_WORDING_WORDS = 12  # a sentence this long, word for word in two articles, has one source


def _independent(ms: list[EventMention], independent: dict[str, str]) -> int:
    """How many independent sources report the event. Articles that tell it in the same long
    sentence, word for word, copied it from one source (an outlet's boilerplate repeated in
    each update, an uncredited wire paragraph), whatever their outlets say."""
    keys = {m.article: independent.get(m.article, m.article) for m in ms}
    first: dict[str, str] = {}
    for m in ms:
        quote = " ".join(m.evidence.quote.split())
        if len(quote.split()) >= SAME_WORDING_WORDS:
            keys[m.article] = first.setdefault(quote, keys[m.article])
    return len(set(keys.values()))


def dates_compatible(a: tuple[str, str] | None, b: tuple[str, str] | None, slack: int = 1) -> bool:
    """Two day intervals that overlap, give or take ``slack`` days (time zones, late reports).
    The slack is for days told apart by a clock: two years or months that merely touch
    ("2015" and "2016") are apart."""
    if a is None or b is None:
        return True
    if _days(a) > SLACK_SPAN or _days(b) > SLACK_SPAN:
        slack = 0
    return a[0] <= _shift(b[1], slack) and b[0] <= _shift(a[1], slack)


SLACK_SPAN = 3  # longest interval, in days, that the slack applies to


def _days(span: tuple[str, str]) -> int:
    return (dt.date.fromisoformat(span[1]) - dt.date.fromisoformat(span[0])).days + 1


_WEEKDAYS = list(wordlists.int_table("weekdays"))  # Monday first: the index is the weekday


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
        # Different doers: "the Commons voted" and "the Lords approved" are two steps.
        score -= 0.3 if a.trigger not in SAYING or b.trigger not in SAYING else 1.0
    if a.trigger == b.trigger and _other_objects(a.target, b.target):
        # One deed done to different things: "four detained militants were released" and "the
        # girls were released" are two handovers, however alike the rest reads.
        score -= OTHER_OBJECT
    if a.article == b.article:
        score -= 0.1  # an article rarely tells one event twice in different words
    return score


_CONTENT = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*")
_LIGHT = wordlists.words("event_match_stopwords")


def _content_words(text: str | None) -> set[str]:
    """Lower-case content words, a plural's -s dropped ("pacts" meets "pact")."""
    out = set()
    for w in _CONTENT.findall(text or ""):
        w = w.lower().strip("'-")
        if w and w not in _LIGHT and len(w) > 2:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 and not w.endswith("ss") else w)
    return out


_OBJECT_CLASS: dict[str, set[str]] = defaultdict(set)
for _name, _nouns in word_classes("object_classes.txt").items():
    for _n in _nouns:
        _OBJECT_CLASS[_n].add(_name)


def _other_objects(a: str | None, b: str | None) -> bool:
    """Whether two known objects are different things: no content word in common and no class
    of data/object_classes.txt shared ("the agreement" and "the treaty" are one)."""
    if not a or not b:
        return False
    wa, wb = _content_words(a), _content_words(b)
    if wa & wb:
        return False
    ca = set().union(*(_OBJECT_CLASS.get(w, set()) | _OBJECT_CLASS.get(w + "s", set()) for w in wa))
    cb = set().union(*(_OBJECT_CLASS.get(w, set()) | _OBJECT_CLASS.get(w + "s", set()) for w in wb))
    return not (ca & cb)


def _doers_related(a: str | None, b: str | None, affiliation: dict[str, str]) -> bool | None:
    """True when two doers are one (a shared name, or a person and the country they lead),
    False when both are known and differ, None when one is unknown."""
    if not a or not b:
        return None
    na, nb = _names(a), _names(b)
    if na & nb:
        return True
    la = {affiliation[x].lower() for x in a.split(" and ") if x.strip() in affiliation}
    lb = {affiliation[x].lower() for x in b.split(" and ") if x.strip() in affiliation}
    return bool(la & nb or lb & na)


def _objects_agree(first: EventMention, later: EventMention, body: str | None) -> bool | None:
    """True when two objects share a content word, or when the later one is a definite
    description of something the article has not named before ("the order" after a lead
    about a ratification): a first-mention "the" points back to the happening already told.
    False when both are known and neither holds; None when one is unknown."""
    a, b = first.target, later.target
    if not a or not b:
        return None
    if _content_words(a) & _content_words(b):
        return True
    words = b.split()
    if body is not None and later.evidence is not None and len(words) <= 3 and words[0].lower() == "the":
        head = words[-1].lower()
        before = body[:later.evidence.start].lower()
        if head.isalpha() and not re.search(rf"\b{re.escape(head)}", before):
            return True
    return False


def _bounds(m: EventMention) -> tuple[str, str]:
    """A mention's day bounds, open ends as far as they go."""
    iv = day_span(m)
    return iv if iv else (m.earliest or "0001-01-01", m.latest or "9999-12-31")


def same_report(m: EventMention, o: EventMention, affiliation: dict[str, str] | None = None,
                body: str | None = None) -> bool:
    """Whether ``m``, a mention with no date of its own, and ``o``, a nearby mention of the same
    article, tell one happening: the lead and the sentence that gives its day.

    Both within ``NEAR_SENTENCES`` of each other, their bounds compatible, and either the
    same verb with no clash of doers or objects, or verbs of one class (or a state's act and
    its leader's signature) with the doers one and the objects agreeing.
    """
    if m.article != o.article or m.sentence == o.sentence or abs(m.sentence - o.sentence) > NEAR_SENTENCES:
        return False
    if m.trigger in SAYING or o.trigger in SAYING:
        return False  # statements are many and alike; one is not another's detail
    if not dates_compatible(_bounds(m), _bounds(o), slack=0):
        return False
    first, later = (m, o) if m.sentence < o.sentence else (o, m)
    doers = _doers_related(m.actor, o.actor, affiliation or {})
    objects = _objects_agree(first, later, body)
    if m.trigger == o.trigger:
        return doers is not False and objects is not False
    enacts = (m.trigger in ENACTING and o.trigger in SIGNING) or (m.trigger in SIGNING and o.trigger in ENACTING)
    if trigger_match(m.trigger, o.trigger) >= 0.8 or enacts:
        return bool(doers) and bool(objects)
    return False


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


def _other_day_same_writer(m: EventMention, o: EventMention) -> bool:
    """Two happenings one article dates to different days ("she died on Sunday", "her son died
    on Monday"): the writer told them apart, and the time-zone slack between outlets does not
    apply inside one text."""
    return (m.article == o.article and m.dated_by in STRONG and o.dated_by in STRONG
            and m.precision == o.precision == "day" and bool(m.date) and bool(o.date) and m.date != o.date)


def _wording(m: EventMention) -> str:
    """A mention's sentence as words alone (case, quotes and punctuation aside)."""
    return " ".join(re.findall(r"[a-z0-9]+", (m.evidence.quote if m.evidence else m.text).lower()))


def cluster_mentions(mentions: list[EventMention],
                     retold: Callable[[EventMention, EventMention], bool] | None = None) -> list[list[int]]:
    """Groups of mention indexes, one group per real-world event.

    ``retold(m, o)`` says whether an undated mention ``m`` and a mention ``o`` of its own
    article tell one happening (see :func:`same_report`); such an ``m`` joins ``o``'s event
    before any other is tried.
    """
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
            if overlap and not dates_compatible(day_span(m), c.interval, slack=1 if m.dated_by in STRONG else 0):
                continue
            if not partial_fits(m, c.interval):
                continue
            if any(_other_day_same_writer(m, mentions[j]) for j in c.members):
                continue
            score = max(similarity(m, mentions[j], vec[i], vec[j]) for j in c.members[:MAX_COMPARE])
            if score > best_score:
                best, best_score = ci, score
        return best

    def add(i: int, ci: int | None) -> None:
        m = mentions[i]
        if ci is None:
            clusters.append(_Cluster([i], day_span(m) if m.date else None, m.precision))
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
    where: dict[int, int] = {}  # mention -> its cluster
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_article[m.article].append(i)
    for ci, c in enumerate(clusters):
        for j in c.members:
            where[j] = ci
    for i in weak:
        m = mentions[i]
        if retold is not None and not m.date:
            # Nearest first: the sentence right after a lead is the likeliest to retell it.
            near = sorted((j for j in by_article[m.article] if j in where and j != i),
                          key=lambda j: abs(mentions[j].sentence - m.sentence))
            ci = next((where[j] for j in near if retold(m, mentions[j])), None)
            if ci is not None:
                clusters[ci].members.append(i)
                where[i] = ci
                for k in keys[i]:
                    index[k].add(ci)
                continue
        bound = m.latest or m.date
        # A weak mention may tell an older dated event ("the ceasefire, agreed during the talks"):
        # any dated event up to its bound can take it; else one of the same day.
        older = candidates(i, lambda ci: ci < n_strong and (bound is None or (clusters[ci].interval or ("9999",))[0] <= bound))
        ci = best_for(i, older, JOIN_WEAK if (m.date or m.latest) else JOIN_UNDATED, overlap=False)
        if ci is None and m.date:
            same = candidates(i, lambda ci: ci >= n_strong and clusters[ci].interval is not None)
            ci = best_for(i, same, JOIN)
        elif ci is None:
            # Two reports that tell a happening with no time in the same words (one wire
            # paragraph in four papers): one event with all its evidence, not four. Only the
            # same words: alike undated sentences of other reports are as often other deeds.
            words = _wording(m)
            ci = next((c for c in candidates(i, lambda c: c >= n_strong and clusters[c].interval is None)
                       if any(mentions[j].trigger == m.trigger and _wording(mentions[j]) == words
                              for j in clusters[c].members)), None)
        add(i, ci)
        where[i] = ci if ci is not None else len(clusters) - 1
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
    (support, *_), date, precision, lo, hi = best
    # Independent sources that disagree in equal numbers: neither date is defensible, so the
    # event keeps the window that covers both (the votes stay in ``disagreement``).
    for d, p, lo2, hi2, _ in votes:
        if not (lo2 <= hi and lo <= hi2):
            rivals = {independent.get(a, a) for d3, p3, lo3, hi3, a in votes if lo3 <= hi2 and lo2 <= hi3}
            if len(rivals) >= support:
                date = precision = None
                lo, hi = min(v[2] for v in votes), max(v[3] for v in votes)
                break
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for d, p, _, _, a in votes:
        if a not in grouped[(d, p)]:
            grouped[(d, p)].append(a)
    disagree = date is None or any(not (lo2 <= hi and lo <= hi2) for _, _, lo2, hi2, _ in votes)
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


@functools.lru_cache(maxsize=20000)
def resolve_in(sentence: str, time_text: str, anchor: str) -> tuple[str, str] | None:
    """Day bounds of ``time_text`` in ``sentence`` when the article is published on ``anchor``."""
    from storyline.annotate.timex import find_timexes

    for t in find_timexes(sentence, dt.date.fromisoformat(anchor)):
        if t.text == time_text or time_text in t.text or t.text in time_text:
            if t.earliest and t.latest and t.kind in ("point", "range"):
                return t.earliest, t.latest
    return None


def window_bounds(m: EventMention, article: Article) -> tuple[str | None, str | None]:
    """Bounds of a relative time ("on Thursday", "this week") in an article known only to be
    published within a window: resolved against the window's first and last day, it covers
    from the first resolution's start to the last one's end (either end open if the window is)."""
    pub = article.published
    if m.date or not m.time_text or m.evidence is None or pub.date or not (pub.earliest or pub.latest):
        return None, None
    try:
        first = resolve_in(m.evidence.quote, m.time_text, pub.earliest[:10]) if pub.earliest else None
        last = resolve_in(m.evidence.quote, m.time_text, pub.latest[:10]) if pub.latest else None
    except ValueError:  # an odd anchor must not lose the story
        return None, None
    return (first[0] if first else None), (last[1] if last else None)


def _published_by(article: Article) -> str | None:
    """The last day an article can have been published (its date, or its window's end)."""
    pub = article.published
    return (pub.date or pub.latest or "")[:10] or None


def mention_bounds(m: EventMention, article: Article) -> tuple[str | None, str | None]:
    """(earliest, latest) day of a mention's happening from what its article says and when it
    appeared: its own bounds, else no later than its article (every mention is a past
    happening), and for a lead's plain past no earlier than the article's window."""
    lo, hi = m.earliest, m.latest
    if m.date and not (lo and hi):
        iv = day_span(m)
        lo, hi = iv if iv else (lo, hi)
    pub_hi = _published_by(article)
    if pub_hi and (hi is None or pub_hi < hi):
        hi = pub_hi
    if lo is None and m.dated_by == "published" and article.published.earliest:
        lo = article.published.earliest[:10]
    return lo, hi


def event_bounds(ms: list[EventMention], articles: dict[str, Article]) -> tuple[str | None, str | None]:
    """The narrowest (earliest, latest) all of an undated event's mentions allow.

    When the mentions contradict each other (a lower bound after an upper one), the upper
    bound stays: "reported by then" is firmer than "the day before the report".
    """
    bounds = [mention_bounds(m, articles[m.article]) for m in ms]
    lo = max((b[0] for b in bounds if b[0]), default=None)
    hi = min((b[1] for b in bounds if b[1]), default=None)
    if lo and hi and lo > hi:
        lo = None
    return lo, hi


def coarse_date(lo: str | None, hi: str | None) -> tuple[str | None, str | None]:
    """(date, precision) that bounds within one calendar month honestly give: ("2019-03",
    "month") for 2019-03-04..2019-03-20; else (None, None).

    A year would be as honest for 2019-02-01..2019-11-30, but a year date reads (and sorts,
    in every report) as "some time in 2019", before the February events the bounds say it
    follows; such an event keeps no date and is placed by its bounds instead.
    """
    if not (lo and hi) or lo > hi or lo[:7] != hi[:7]:
        return None, None
    if lo == hi:
        return lo, "day"  # "on Saturday" in a report of Saturday night or Sunday morning: Saturday either way
    return lo[:7], "month"


def one_per_predicate_class(mentions: list[EventMention]) -> list[EventMention]:
    """Coordinated predicates of one class in one sentence are one happening: "seven people
    were killed and dozens injured" is one casualty report, not a death and an injury. The
    first such predicate stands for them (it carries the sentence's time when any does)."""
    kept: list[EventMention] = []
    by_sentence: dict[tuple[str, int], list[EventMention]] = defaultdict(list)
    for m in mentions:
        same = by_sentence[(m.article, m.sentence)]
        # Different doers are different steps, even in one sentence ("the upper house ratified
        # it this week, the lower house endorsed it last month").
        twin = next((o for o in same if trigger_match(o.trigger, m.trigger) > 0
                     and not (o.actor and m.actor and not _names(o.actor) & _names(m.actor))), None)
        if twin is None:
            same.append(m)
            kept.append(m)
        elif twin.date is None and m.date is not None:
            kept[kept.index(twin)] = m
            same[same.index(twin)] = m
    return kept


def merge_events(mentions: list[EventMention], articles: dict[str, Article], independent: dict[str, str],
                 entities: dict[str, list[EntityMention]] | None = None) -> list[Event]:
    """One Event per real-world happening, with all its evidence, sources and date votes.

    ``independent`` maps article id -> independent-source key (wire copies share a key).
    ``entities`` (article id -> its entity mentions, optional) tells which country a person
    leads, so that an article's lead and its dated retelling meet (:func:`same_report`).
    Undated events keep the bounds their evidence gives (:func:`event_bounds`) as
    ``earliest``/``latest``, and a month date when both bounds fall in it.
    """
    from storyline.annotate.entities import affiliations

    mentions = one_per_predicate_class(
        [m for m in mentions if m.evidence is not None and m.article in articles and m.trigger not in DETAIL_VERBS])
    if not mentions:
        return []
    for m in mentions:
        if m.date is None and m.dated_by == "published":
            pub = articles[m.article].published
            m.earliest, m.latest = m.earliest or pub.earliest, m.latest or pub.latest
        elif m.date is None and m.time_text and not (m.earliest and m.latest):
            lo, hi = window_bounds(m, articles[m.article])
            # A report's time bounds its event from above only ("X happened, Y said on Monday").
            m.earliest = m.earliest or (lo if m.dated_by != "reported" else None)
            m.latest = m.latest or hi
    affiliation = affiliations(entities.values()) if entities else {}

    def retold(m: EventMention, o: EventMention) -> bool:
        return same_report(m, o, affiliation, articles[m.article].body)

    groups = cluster_mentions(mentions, retold)
    vec = _Vectors(mentions).vec
    crowded = Counter((m.article, m.sentence) for m in mentions)
    events: list[Event] = []
    for n, members in enumerate(groups):
        ms = [mentions[i] for i in members]
        strong = [m for m in ms if m.dated_by in STRONG and m.date and day_span(m)]
        weak = [m for m in ms if m.date and day_span(m) and m not in strong]
        votes = [(m.date, m.precision or "day", *day_span(m), m.article) for m in (strong or weak)]
        date, precision, lo, hi, disagreement = choose_date(votes, independent)
        from_text = False
        if date is None and not votes:
            lo, hi = event_bounds(ms, articles)
            date, precision = coarse_date(lo, hi)
            # one day under every day its article may be from: the text's own time fixes it
            from_text = precision == "day" and any(m.time_text for m in ms)
        # A sentence that tells the event only in passing ("Goldman expects a hit because of the
        # law signed last week") is about something else: the line comes from one that tells it,
        # and the event is told in passing only when every report does so.
        told = [i for i in members if not mentions[i].aside] or members
        rep = mentions[_representative(told, mentions, vec, crowded, date)]
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
            independent_sources=_independent(ms, independent),
            attributed_to=list(dict.fromkeys(m.attributed_to for m in ms if m.attributed_to)),
            disagreement=disagreement,
            earliest=lo,
            latest=hi,
            triggers=list(dict.fromkeys(m.trigger for m in ms if m.trigger)),
            dated_by=None if date is None else ("text" if strong or from_text else "report"),
            aside=all(m.aside for m in ms),
            actors=list(dict.fromkeys(m.actor for m in ms if m.actor)),
            places=list(dict.fromkeys(m.location for m in ms if m.location)),
        ))
    return events
