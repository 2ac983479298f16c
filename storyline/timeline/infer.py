"""Publication dates inferred across a story's articles.

An article with no date line still tells when it was written. "The minister resigned on
Monday ... after the inquiry published its report on Saturday" is dated once another article
dates the report: "Saturday" (the most recent Saturday on or before publication) is 2019-03-09
only for publication days 2019-03-09 ... 2019-03-15. We try every candidate publication day,
re-resolve the undated article's relative time expressions against it, and keep the days
on which the most of its events agree with the same events as dated articles tell them.

Among those days, the lead rule picks one: a report's lead tells its newest news, so a day
on which the lead's own time ("state media reported on Tuesday") resolves to that very day,
the earliest such, is the publication day. When no day is singled out, the answer is the
window (earliest, latest) with ``date`` None. Absolute dates the article reports as past
("agreed on March 2, 2019") bound the window from below.

A lead that looks ahead bounds the window from above: "the government introduces a bill to
ban the pesticide", "parliament is set to approve the budget" was written before the step
it anticipates happened, so when dated articles report that step done (the ban, the
approval), and the article itself never tells it as done, it was published no later than
that step (:func:`anticipation_bound`). Nothing is guessed beyond that.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace
from typing import Callable

from storyline.clean.published import url_date
from storyline.events.merge import JOIN, STRONG, _content_words, _interval, _Vectors, dates_compatible, similarity
from storyline.events.merge import resolve_in as _resolve_in
from storyline.events.merge import trigger_match
from storyline.model import Article, ArticleAnalysis, EventMention, Published
from storyline import words as wordlists

log = logging.getLogger(__name__)

LEAD_SENTENCES = 2
MAX_CANDIDATE_DAYS = 800
WEEKLY_REACH = 7  # weekday names reach back at most six days: the window's end is open by this much


def _absolute_floor(mentions: list[EventMention]) -> str | None:
    """The latest start among events dated without the publication date ("March 2, 2019")."""
    floor = None
    for m in mentions:
        if m.dated_by in STRONG and m.date and m.earliest:
            if floor is None or m.earliest > floor:
                floor = m.earliest
    return floor


def _days(lo: str, hi: str) -> list[str]:
    a, b = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
    n = min((b - a).days, MAX_CANDIDATE_DAYS)
    return [(a + dt.timedelta(days=k)).isoformat() for k in range(n + 1)]


def infer_one(article: Article, analysis: ArticleAnalysis, refs: list[EventMention],
              story_days: list[str]) -> Published | None:
    """The publication date or window of one undated article, from dated reference mentions."""
    own = [m for m in analysis.events if m.evidence is not None]
    floor = _absolute_floor(own)
    timed = [m for m in own if m.time_text and not m.date]
    if not refs or not timed:
        if floor:
            return Published(None, floor, None, "inferred", f"reports events of {floor} as past")
        return None
    vec = _Vectors(own + refs).vec
    pos = {id(m): k for k, m in enumerate(own)}
    names = {e.canonical for e in analysis.entities}
    pairs, scored = [], []
    for m in timed:
        vm = vec[pos[id(m)]]
        # The article may tell the event twice, once with its time and once with its doers
        # ("MPs voted on Thursday" / "the Bundestag voted 512 to 70"): match with either,
        # and let the named doer stand for the vague one.
        kin = [o for o in own if o is not m and o.trigger == m.trigger and not o.time_text
               and _Vectors.cosine(vm, vec[pos[id(o)]]) >= 0.3]
        named = [o.actor for o in kin if o.actor in names]
        if m.actor not in names and named:
            m = replace(m, actor=named[0])
        for j, r in enumerate(refs):
            vr = vec[len(own) + j]
            sim = max([similarity(m, r, vm, vr)] + [similarity(k, r, vec[pos[id(k)]], vr) for k in kin])
            if sim >= JOIN:
                pairs.append((m, r))
                scored.append((m, r, sim))
    if not pairs:
        if floor:
            return Published(None, floor, None, "inferred", f"reports events of {floor} as past")
        return None
    ref_days = [d for _, r in pairs for d in _interval(r) or ()] + story_days
    lo = min(ref_days)
    hi = max(ref_days)
    lo = max(lo, floor) if floor else lo
    hi = (dt.date.fromisoformat(hi) + dt.timedelta(days=60)).isoformat()
    if lo > hi:
        return None
    # A match with a day-precise date is strong evidence; a month or a year says little.
    weight = {"day": 1.0, "week": 0.5, "month": 0.2, "season": 0.1, "quarter": 0.1, "year": 0.05}
    best_score, feasible = 0.0, []
    for day in _days(lo, hi):
        score = 0.0
        for m in {id(m): m for m, _ in pairs}.values():
            got = _resolve_in(m.evidence.quote, m.time_text, day)
            if got is None:
                continue
            score += max((sim * weight.get(r.precision or "", 0.0) for mm, r, sim in scored
                          if mm is m and dates_compatible(got, _interval(r), slack=0)), default=0.0)
        score = round(score, 6)
        if score > best_score:
            best_score, feasible = score, [day]
        elif score == best_score and score > 0:
            feasible.append(day)
    matched = sorted({(m.time_text, r.article, r.date) for m, r in pairs
                      if (got := _resolve_in(m.evidence.quote, m.time_text, feasible[0])) is not None
                      and dates_compatible(got, _interval(r), slack=0)})
    reason = "; ".join(f"'{t}' matches {d} in {a}" for t, a, d in matched[:3])
    lead = [m for m in timed if m.sentence < _lead_limit(analysis)]
    others = [m for m in timed if m not in lead]
    # The lead tells the newest news: drop days on which it would be older than what the
    # article reports as background.
    ordered = [d for d in feasible if _lead_is_newest(lead, others, d)]
    if ordered:
        feasible = ordered
    latest = None if feasible[-1] >= _days(lo, hi)[-1] else feasible[-1]  # open when the search ran out
    # A single day only when a day-precise match pins the window down.
    pinned = any(r.precision in ("day", "week") for m, r in pairs
                 if (got := _resolve_in(m.evidence.quote, m.time_text, feasible[0])) is not None
                 and dates_compatible(got, _interval(r), slack=0))
    for day in feasible if pinned else []:
        for m in lead:
            got = _resolve_in(m.evidence.quote, m.time_text, day)
            # News style names the day's own news by its weekday ("state media reported on
            # Tuesday", written that Tuesday): pinned by another report's day, it is the day.
            if got == (day, day):
                return Published(day, day, latest, "inferred",
                                 f"{reason}; its lead ('{m.time_text}') is then the day itself")
    return Published(None, feasible[0], latest, "inferred", reason)


def _lead_limit(analysis: ArticleAnalysis) -> int:
    """Index of the first sentence after the lead (the first prose sentences)."""
    prose = [i for i, s in enumerate(analysis.sentences) if len(s.text.split()) >= 5]
    return prose[LEAD_SENTENCES] if len(prose) > LEAD_SENTENCES else len(analysis.sentences)


def _lead_is_newest(lead: list[EventMention], others: list[EventMention], day: str) -> bool:
    lead_days = [got[1] for m in lead if (got := _resolve_in(m.evidence.quote, m.time_text, day))]
    other_days = [got[0] for m in others if (got := _resolve_in(m.evidence.quote, m.time_text, day))]
    if not lead_days or not other_days:
        return True
    return min(lead_days) >= max(other_days)


# What comes before a step still to come: "will ratify", "is set to approve", "plans to
# sell", "a bill to ban". Past forms ("planned to", "was expected to") are left out: a report
# may recall an old plan long after it was carried out.
_AHEAD = re.compile(
    r"\b(?:(?:will|shall)(?:\s+(?:now|soon|also))?"
    r"|(?:is|are|am)\s+(?:now\s+|also\s+)?(?:" + wordlists.alternation("ahead_predicates") + r")\s+to"
    r"|(?:" + wordlists.alternation("plan_verb_forms") + r")\s+to"
    r"|(?:" + wordlists.alternation("proposal_nouns") + r")\s+to"
    r")\s+(?P<verb>[a-z]+)\s+(?P<obj>[^,.;:!?\"\u201c\u201d]{3,140})",
    re.I,
)
_NOT_STEPS = wordlists.words("not_step_words")
MIN_SHARED = 2  # content words an anticipated step and a reported one must share


def anticipated(article: Article, analysis: ArticleAnalysis) -> list[tuple[str, set[str], str]]:
    """(verb, object words, sentence) of each step the title or lead looks ahead to."""
    limit = _lead_limit(analysis)
    texts = [article.title or ""] + [article.body[s.start:s.end] for s in analysis.sentences[:limit]]
    out = []
    for text in texts:
        for m in _AHEAD.finditer(text):
            verb, obj = m.group("verb").lower(), m.group("obj")
            if verb in _NOT_STEPS:
                continue
            words = _content_words(obj)
            for e in analysis.entities:
                if e.text and e.text in obj:
                    words |= _content_words(e.canonical)
            if len(words) >= MIN_SHARED:
                out.append((verb, words, " ".join(text.split())))
    return out


def _step_words(m: EventMention) -> set[str]:
    return _content_words(m.target) | set(m.lemmas) | {w for n in m.entities for w in _content_words(n)}


def _tells(verb: str, words: set[str], m: EventMention) -> bool:
    """Whether mention ``m`` tells the step ``verb`` + ``words`` as done."""
    if m.trigger != verb and trigger_match(verb, m.trigger) < 0.8:
        return False
    shared = words & _step_words(m)
    return len(shared) >= MIN_SHARED and len(shared) >= 0.4 * len(words)


def anticipation_bound(article: Article, analysis: ArticleAnalysis,
                       refs: list[EventMention]) -> tuple[str, str] | None:
    """(latest day, why) for an article whose lead looks ahead to a step that dated articles
    report done; None when it anticipates nothing, or tells the step as done itself."""
    best: tuple[str, str] | None = None
    own = analysis.events
    for verb, words, sentence in anticipated(article, analysis):
        if any(_tells(verb, words, m) for m in own):
            continue  # "the bill to ban it passed on Monday": the step is done in this very report
        for r in refs:
            iv = _interval(r)
            if r.article == article.id or iv is None or not _tells(verb, words, r):
                continue
            if best is None or iv[1] < best[0]:
                quote = sentence if len(sentence) <= 90 else sentence[:87].rsplit(" ", 1)[0] + "..."
                best = (iv[1], f"anticipates '{verb}' ('{quote}'), which {r.article} reports done by {iv[1]}")
    return best


def _bound_above(pub: Published | None, bound: tuple[str, str] | None) -> Published | None:
    """``pub`` narrowed from above by an anticipation bound, when the two agree."""
    if bound is None:
        return pub
    hi, why = bound
    if pub is None:
        return Published(None, None, hi, "inferred", why)
    if pub.date or (pub.earliest and pub.earliest > hi) or (pub.latest and pub.latest <= hi):
        return pub  # a day already, a contradiction (kept as it was), or nothing narrower
    return Published(None, pub.earliest, hi, "inferred", "; ".join(x for x in (pub.evidence, why) if x))


def infer_dates(articles: list[Article], analyses: dict[str, ArticleAnalysis],
                unanchor: Callable[[Article, ArticleAnalysis], ArticleAnalysis] | None = None) -> dict[str, Published]:
    """Publication dates (or windows) of the story's undated articles: {article id: Published}.

    ``how`` is "inferred" and ``evidence`` says which shared events fixed it. Names are
    unified across the story first, so that outlets' different names for one actor meet.

    With ``unanchor`` (an article's analysis read again with no publication day), a metadata
    day with no time of day ("2017-12-20T00:00:00", often a CMS default) is checked against
    the story: when the article's own times fit the other reports' days only on days that
    exclude it, the metadata day is overridden by what the story supports (:func:`_checked`).
    """
    from storyline.annotate.entities import unify_entities

    undated = [a for a in articles if not a.published.date and a.id in analyses]
    suspects = [a for a in articles if unanchor and a.id in analyses and _placeholder(a.published)
                and url_date(a.url) != a.published.date[:10]]  # a URL giving the same day confirms it
    if not undated and not suspects:
        return {}
    unify_entities(articles, analyses)
    dated = [a for a in articles if a.published.date and a.id in analyses]
    refs = [m for a in dated for m in analyses[a.id].events
            if m.dated_by in STRONG and m.date and _interval(m) and m.evidence is not None]
    story_days = sorted(a.published.date[:10] for a in dated)
    out: dict[str, Published] = {}
    for a in undated:
        try:
            pub = infer_one(a, analyses[a.id], refs, story_days)
        except Exception:  # noqa: BLE001 - one odd article must not stop the story
            log.debug("date inference failed for %s", a.id, exc_info=True)
            pub = None
        try:
            pub = _bound_above(pub, anticipation_bound(a, analyses[a.id], refs))
        except Exception:  # noqa: BLE001 - the bound is a refinement; never lose the window for it
            log.debug("anticipation bound failed for %s", a.id, exc_info=True)
        pub = _within_own(pub, a.published)
        if pub is not None:
            out[a.id] = pub
    # Only days can contradict a day: the other reports' day-precise events, their leads' report
    # days included ("Chicago Bears fire coach John Fox" in a report of 2018-01-01).
    # A bare metadata day is checked against the reports whose day is more than that.
    trusted = [a for a in dated if a not in suspects]
    days = [m for a in trusted for m in analyses[a.id].events
            if m.date and m.precision == "day" and m.dated_by in STRONG + ("published",) and _interval(m)
            and m.evidence is not None]
    for a in suspects:
        try:
            pub = _same_headline(a, trusted) or _checked(a, analyses[a.id], days, story_days, unanchor)
        except Exception:  # noqa: BLE001 - the metadata day stands when the check cannot run
            log.debug("placeholder check failed for %s", a.id, exc_info=True)
            pub = None
        if pub is not None:
            out[a.id] = pub
    return out


_MIDNIGHT = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]00:00(?::00)?(?:\.0+)?(?:Z|[+-]00:?00)?)?")


def _placeholder(pub: Published) -> bool:
    """A metadata day and nothing else: no time of day, no date line agreeing (a URL's day is
    checked where the article is at hand)."""
    return bool(pub.how == "metadata" and pub.date and pub.earliest == pub.latest == pub.date[:10]
                and _MIDNIGHT.fullmatch((pub.evidence or "").strip()))


SAME_HEADLINE_WORDS = 5  # a headline this long, word for word in two reports, is one news item


def _headline(article: Article) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (article.title or "").lower()))


def _same_headline(article: Article, dated: list[Article]) -> Published | None:
    """The day of a report under the same headline ("Chicago Bears fire coach John Fox after
    5-11 season", one wire item in two outlets) when this article's bare metadata day is more
    than a day away from it: one news item is not published two weeks apart."""
    words = _headline(article)
    if len(words.split()) < SAME_HEADLINE_WORDS:
        return None
    day = article.published.date[:10]
    for other in dated:
        theirs = (other.published.date or "")[:10]
        if theirs and _headline(other) == words and abs((dt.date.fromisoformat(theirs) - dt.date.fromisoformat(day)).days) > 1:
            # A wire item runs under one headline on one day, but a reprint may run weeks later
            # (a press release's headline over a news agency's copy): the other report's day is
            # the earliest this one can be, not its day; a placeholder later than it is the latest.
            return Published(None, theirs, day if day > theirs else None, "inferred",
                             f"metadata day {article.published.evidence} has no time of day; the same headline is "
                             f"{other.outlet or other.id}'s report of {theirs} ({other.published.how}): "
                             f"no earlier than that" + (f", no later than {day}" if day > theirs else ""))
    return None


def _checked(article: Article, analysis: ArticleAnalysis, refs: list[EventMention], story_days: list[str],
             unanchor: Callable[[Article, ArticleAnalysis], ArticleAnalysis]) -> Published | None:
    """The date the story supports for an article whose metadata day is a bare placeholder,
    when that day is not among those its times fit ("announced the firing on Monday", stamped
    2017-12-20, while the other reports date the firing 2018-01-01); else None (it stands)."""
    twin = replace(article, published=Published())
    again = unanchor(twin, analysis)
    if again is analysis:
        return None
    pub = infer_one(twin, again, refs, story_days)
    if pub is None or " matches " not in (pub.evidence or ""):
        return None  # only the story's shared events can contradict a day
    day = article.published.date[:10]
    if (pub.earliest or "0001-01-01") <= day <= (pub.latest or "9999-12-31"):
        return None
    return Published(pub.date, pub.earliest, pub.latest, "inferred",
                     f"metadata day {article.published.evidence} has no time of day and the story contradicts it: "
                     f"{pub.evidence}")


def _within_own(pub: Published | None, own: Published) -> Published | None:
    """``pub`` kept inside the window the article's own witnesses gave (``own``, from the clean
    stage: "no later than the crawl", "no earlier than the newest date it tells").

    Those bounds are facts about this page; what other articles suggest only narrows them. An
    inferred day outside them is dropped for the window both allow; when the two do not meet
    at all, the article's own window stands.
    """
    if pub is None or (own.earliest is None and own.latest is None):
        return pub
    lo = max((d for d in (pub.earliest, own.earliest) if d), default=None)
    hi = min((d for d in (pub.latest, own.latest) if d), default=None)
    if lo and hi and lo > hi:
        return None
    why = "; ".join(x for x in (own.evidence, pub.evidence) if x)
    if pub.date and (lo is None or lo <= pub.date) and (hi is None or pub.date <= hi):
        return Published(pub.date, lo, hi, pub.how, why)
    return Published(None, lo, hi, pub.how, why)
