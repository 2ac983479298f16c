"""Ordering and ranking merged events into a story's timeline.

Importance rewards what a reader of the story most needs: events told by many independent
outlets, told often, central to what the story is about (cosine of the event's words with
the story's), and dated precisely. ``build_timeline`` keeps the top N and puts them in date
order; ``top_dates`` answers the timeline-summarisation question "the T most important
dates, with k sentences each".
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import logging
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

from storyline.model import Event
from storyline import words as wordlists
from storyline.events.extract import COUNTED_FROM_BEFORE
from storyline.events.lexicon import word_classes

log = logging.getLogger(__name__)

PRECISION_BONUS = {"day": 0.3, "week": 0.2, "month": 0.1}
STOPWORDS = wordlists.words("timeline_stopwords")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*")


def words(text: str) -> list[str]:
    """Lower-case content words of a text (for centrality and redundancy)."""
    return [w for w in (x.lower().strip("'-") for x in _WORD.findall(text)) if w and w not in STOPWORDS and len(w) > 1]


class Centroid:
    """TF-IDF vectors of texts and their centroid, for "how central is this to the story"."""

    def __init__(self, texts: list[str], weights: list[float] | None = None):
        docs = [Counter(words(t)) for t in texts]
        n = max(1, len(docs))
        df = Counter(w for d in docs for w in d)
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        self.vectors = [self.vector_of(d) for d in docs]
        centre: Counter = Counter()
        for v, wt in zip(self.vectors, weights or [1.0] * len(self.vectors)):
            for w, x in v.items():
                centre[w] += x * wt
        self.centre = _normalise(centre)

    def vector_of(self, counts: Counter) -> dict[str, float]:
        return _normalise({w: c * self.idf.get(w, 1.0) for w, c in counts.items()})

    def vector(self, text: str) -> dict[str, float]:
        return self.vector_of(Counter(words(text)))


def _normalise(v) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {w: x / norm for w, x in v.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def rank_events(events: list[Event]) -> list[Event]:
    """Set ``importance`` on every event (independent outlets, mentions, centrality, precision)."""
    if not events:
        return events
    cent = Centroid([e.text for e in events], [float(e.independent_sources) for e in events])
    for e, v in zip(events, cent.vectors):
        central = cosine(v, cent.centre)
        e.importance = round(
            e.independent_sources + 0.5 * math.log1p(len(e.evidence)) + central + PRECISION_BONUS.get(e.precision or "", 0.0),
            4,
        )
    return events


def placed(e: Event) -> bool:
    """An event the timeline can place: a date, or at least a bound."""
    return bool(e.date or e.earliest or e.latest)


def when(e: Event) -> str:
    """The day an event is placed at: its day; for a month, a year or no date, the first day
    its bounds allow (a month known only as "within 2019-03-04..2019-03-20" starts on the 4th),
    else its upper bound ("on or before")."""
    if e.date and e.precision == "day":
        return e.date
    return e.earliest or e.date or e.latest or "9999"


def order_key(e: Event) -> tuple:
    """Timeline order: by :func:`when`; on one day, exact days before windows that open on it
    (a happening known to follow a signing on the 19th comes after the signing), then by importance."""
    return (when(e), 0 if e.precision == "day" else 1, -e.importance)


def build_timeline(events: list[Event], max_events: int | None = None) -> list[Event]:
    """The story's timeline: placeable events ranked by importance, the top ``max_events``
    (all when None), in date order."""
    ranked = sorted((e for e in rank_events(events) if placed(e)), key=lambda e: (-e.importance, order_key(e)))
    if max_events:
        ranked = ranked[:max_events]
    return sorted(ranked, key=order_key)


# The editor's view. A story's timeline shows the events a reader can trust at a glance; the
# full list stays one flag away (``Story.events``). Lines are ranked by importance and a line
# that retells one already shown (same time, same words: the wording of its evidence, TF-IDF
# over the story) is left to the full list, as are lines that cannot stand alone.
REDUNDANT = 0.15  # cosine of evidence vectors above which two same-time lines tell one event
KEY_PER_ROOT = 3.5  # the view grows with the square root of the number of events ...
KEY_MIN, KEY_MAX = 8, 30  # ... within these bounds
WIDE_WINDOW_DAYS = 31  # a closed window wider than this places an event only loosely ...
REDUNDANT_WIDE = 0.3  # ... so a retelling must read more alike
NAME_SHARE = 0.2  # a name in at most this share of the story's lines says which happening it is
LEAD_CHARS = 400  # evidence starting this early is an article's lead ...
LEAD_SENTENCES = 2  # ... and within the body's first sentences
BACKGROUND_DAYS = 30  # an event that ended this long before the first report is back-story ...
BACKGROUND_SHARE = 1 / 3  # ... and fills at most this share of the view
FOLLOW_UP_DAYS = 1  # a report this long after the story's first tells its lead's past as news of no known day
UNDATED_SHARE = 1 / 4  # a line known only as 'on or before its report' places least: a quarter of the view at most
# A witness's own words ("I heard a bang", "we were thrown") and a sentence opening on a
# pronoun ("He said ...") do not say who did what when read alone.
_FIRST_PERSON = re.compile(r"(?:^|[\s\"\u201c\u2018'(])(?:" + wordlists.alternation("first_person_words") + r")\b")
# A named speaker who opens the line and then speaks in the first person ("Ice Universe tweeted: 'I
# think the S9 keeps the jack'"): the "I" has a name.
_NAMED_SPEAKER_FIRST = re.compile(
    r"^(?=[^\"\u201c\u2018']{0,80}?\b[A-Z][a-z])(?:[\w.'\u2019-]+,?\s+){1,6}?(?:" + wordlists.alternation("told_markers")
    + r")\b[^\"\u201c\u2018']{0,60}?[:,]?\s*[\"\u201c\u2018']")
_OPENS_ON_PRONOUN = re.compile(
    r"^[\"\u201c\u2018']?(?:[A-Z][^,.;:!?\"\u201c\u201d]{0,60}, |[A-Z][a-z]+ly )?"
    r"(?i:" + wordlists.alternation("opening_pronouns") + r")\b")
# A piece of a sentence: it opens in lower case or on the end of a cut title ('1," which came
# out in 2003, she told ...'), or it is only a time clause framed by a speaker ("When Thurman
# was able to talk again, Herman said.").
_FRAGMENT = re.compile(
    r"^(?:[\"\u201c\u2018']?[a-z]|\d+[,.]?[\"\u201d\u2019])"
    r"|^(?:" + wordlists.alternation("time_clause_openers") + r")\b[^,.;:!?]*,"
    r"\s+(?:[\w'\u2019.-]+\s+){1,4}(?:" + wordlists.alternation("speaker_frame_verbs") + r")\.?[\"\u201d]?$")
# A short line whose object is only a pronoun ("The lower house endorsed it."): what was done
# is in the sentence before.
_ENDS_ON_PRONOUN = re.compile(r"^(?:\S+\s+){1,6}(?:" + wordlists.alternation("ending_pronouns") + r")[.!]?[\"\u201d]?$", re.I)
# Openers that point back to a place or time the sentences before named.
_OPENS_ON_BACK_REFERENCE = re.compile(
    r"^(?:(?:" + wordlists.alternation("back_reference_openers") + r"),|How\b"
    r"|(?:(?:Later|Earlier|On) that|That|The same|The (?:next|following|previous)) (?:"
    + wordlists.alternation("back_reference_periods") + r")\b"
    r"|(?:The|This|That|Such a) move\b)|\ba similar (?:" + wordlists.alternation("similar_steps") + r")\b"
    # "US officials did the same"; "More than 100 other workers", "The other 115 crew members"
    r"|\b(?:" + wordlists.alternation("same_deed_phrases") + r")\b|\b\d[\d,]*\s+other\b|^The other\b"
    # "The man was taken from flight BA242" (but "The man who shot him", "The pair, both 40,")
    # a relative clause cut from its noun ("A copy of which was obtained by Reuters")
    r"|^(?:[A-Za-z]+\s+){1,3}of\s+(?:which|whom)\b"
    # someone named by trade and age only ("The comedian, 47, shared ...", "The 19-year-old
    # Dutchman, who ..."): named before
    r"|^The (?-i:[a-z]+), \d{1,3},|^The \d{1,3}-year-old\b"
    r"|^The (?-i:(?:new |latest |other )?(?:" + wordlists.alternation("bare_referents") + r")\s+(?!(?:" + wordlists.alternation("referent_definers") + r")\b)[a-z])", re.I)
# A line cut inside a phrase: it ends on a word that needs what follows ("... and concluded
# that.", "... a spokesperson for Argentina's"), or its speaker is only a pronoun ("...,"
# the newspaper quoted him as saying.").
_CUT_END = re.compile(r"(?:\b(?:" + wordlists.alternation("cut_end_words") + r")|['\u2019]s)[.,;:]?[\"\u201d]?$", re.I)
# A line that ends counting from a happening the sentences before named ("... returned to Earth soon after.").
_ENDS_ON_BACK_REFERENCE = re.compile(r"\b(?:" + wordlists.alternation("back_reference_ends") + r")[.!]?[\"\u201d]?$", re.I)
_PRONOUN_SPEAKER = re.compile(r"\b(?:quoted|cited) (?:him|her|them) as saying\b|[,\"\u201d]\s*(?:he|she|they) (?:said|told|added)\b[^.]{0,40}\.?$", re.I)


_LIST = re.compile(r"<<(\w+)>>")


@functools.cache
def _patterns(name: str) -> re.Pattern:
    """The alternatives of a data file beside this module, one regular expression; ``<<name>>``
    in a line stands for the word list ``storyline/words/<name>.txt`` (a list defined once)."""
    lines = [_LIST.sub(lambda m: wordlists.alternation(m.group(1)), x)
             for x in wordlists.read_list(Path(__file__).with_name(name))]
    return re.compile("|".join(f"(?:{x})" for x in lines), re.I)


def tells_a_happening(text: str) -> bool:
    """Whether a line reports something that happened, not a state of things ("There were
    three ...") or a non-answer ("... declined to comment")."""
    return not _patterns("not_happenings.txt").search(text)


# A toll counted "in the accident": the people hurt belong to the incident the article already
# named, whose own line tells it ("More than 50 people were injured in the accident").
CASUALTY = word_classes("trigger_classes.txt")["casualty"]
_CASUALTY_IN = re.compile(r"\b(?:in|during) (?:the|that|this) (?:[\w'\u2019-]+ ){0,3}(?:"
                          + wordlists.alternation("incident_nouns") + r")\b", re.I)


def retells(e: Event) -> bool:
    """An undated line that only says a happening already named took place or what it led to
    (data file ``retellings.txt``), or counts its victims (``_CASUALTY_IN``): the story's line
    for that happening tells it better."""
    if _own_time(e):
        return False  # a time of its own: a happening of that time
    if _patterns("retellings.txt").search(e.text):
        return True
    return bool(e.triggers) and all(t in CASUALTY for t in e.triggers) and bool(_CASUALTY_IN.search(e.text))


def in_a_witness_quote(e: Event) -> bool:
    """Whether the line was cut from inside a quotation told in the first person ("Andy Nias
    wrote: \u201c30 of us on the tram ... tram driver took the corner at 40mph!!"): a witness's
    own account, which the line would pass off as the report's."""
    head = e.text[:24].lower()
    for x in e.evidence:
        at = x.quote.lower().find(head)
        before = x.quote[:max(at, 0)]
        if before.count("\u201c") > before.count("\u201d"):
            opened = before.rindex("\u201c")
        elif before.count('"') % 2:
            opened = before.rindex('"')
        else:
            continue
        if _FIRST_PERSON.search(before[opened:]):
            return True
    return False


# A witness as the speaker of the sentence, opening it or an apposition, with nothing but words
# of apposition between the noun and its saying verb ("Martin Bamford, 30, a passenger, said
# ...", "Survivors rescued from the wreckage said ..."); "passengers were taken to hospital,
# police said" is not one.
_WITNESS = r"(?:" + wordlists.alternation("witness_nouns") + r")\b"
_WITNESS_DET = r"(?:" + wordlists.alternation("witness_determiners") + r")\s+"
_WITNESS_SAYS = re.compile(
    r"(?:^|[,;]\s+)[\"\u201c]?(?:" + _WITNESS_DET + r")?(?:[\w-]+\s+)?" + _WITNESS
    + r"(?:(?!\b(?:" + wordlists.alternation("be_have_forms") + r")\b)[^.;:\"\u201c\u201d]){0,80}?"
    r"\b(?:" + wordlists.alternation("speaker_frame_verbs") + r")\b"
    r"|\b(?:" + wordlists.alternation("speaker_frame_verbs") + r"|according to) " + _WITNESS_DET + r"(?:[\w-]+ )?" + _WITNESS,
    re.I)


def told_by_a_witness(e: Event) -> bool:
    """A line without a time of its own that a witness tells ("the tram failed to brake",
    survivors said): what someone saw of the incident is evidence for the incident's line, and
    the editor's view would show one happening twice."""
    if _own_time(e):
        return False
    return bool(e.evidence) and all(_WITNESS_SAYS.search(x.quote) for x in e.evidence)


def stands_alone(text: str) -> bool:
    """Whether a line says who did what without the sentences around it. A quotation left
    open ("... asked the driver if he was OK: \u201cHe said: \u2018Yeah.") is a cut sentence."""
    return not ((_FIRST_PERSON.search(text) and not _NAMED_SPEAKER_FIRST.match(text)) or _OPENS_ON_PRONOUN.search(text) or _OPENS_ON_BACK_REFERENCE.search(text)
                or _FRAGMENT.search(text) or _ENDS_ON_PRONOUN.search(text) or _CUT_END.search(text) or _PRONOUN_SPEAKER.search(text)
                or _ENDS_ON_BACK_REFERENCE.search(text)
                or text.count("\u201c") != text.count("\u201d") or text.count('"') % 2)


def _same_time(a: Event, b: Event, slack: int = 1, since: str | None = None) -> bool:
    from storyline.events.merge import dates_compatible

    return dates_compatible(_span(a, since), _span(b, since), slack)


def _span(e: Event, since: str | None) -> tuple[str, str] | None:
    """The days a line can be, as the view will show it: a follow-up's report-day guess is
    shown "on or before" that day (:func:`honest_dates`), so it may be any day up to it."""
    from storyline.events.merge import day_span

    if since and e.date and _shown_undated(e, since):
        return "0001-01-01", e.date
    return day_span(e)


def _bar(a: Event, b: Event) -> float:
    """How alike two same-time lines must read to be one happening. An event known only within
    a window of months (an undated article's) overlaps much that happened apart in it, so its
    likeness must be plainer."""
    return REDUNDANT_WIDE if _wide(a) or _wide(b) else REDUNDANT


def _wide(e: Event) -> bool:
    """Known only within a closed window of more than a month."""
    return bool(e.earliest and e.latest and e.date is None
                and (dt.date.fromisoformat(e.latest) - dt.date.fromisoformat(e.earliest)).days > WIDE_WINDOW_DAYS)


# A number joined to letters by a hyphen is part of a name or a code ("B-44", "COVID-19").
_FIGURE = re.compile(r"(?<![A-Za-z]-)\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b")


def _figures(e: Event) -> set[str]:
    # Small counts recur in unrelated lines ("2 people", "3 days"); years are dates, not counts.
    # All the reports of an event count: one outlet's "21 girls were released" and another's
    # "the girls were released" are one happening.
    texts = [e.text] + [x.quote for x in e.evidence]
    return {m.group().rstrip(".,") for t in texts for m in _FIGURE.finditer(t)} - {"1", "2", "3"}


def _same_figure(a: Event, b: Event) -> bool:
    """Two lines of one time giving the same count ("21 girls", "51 taken to hospital") retell one happening."""
    return bool(_figures(a) & _figures(b))


# A capitalised name inside a sentence (not its first word).
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*")


# A weekday or a month is capitalised but names no participant: "late Monday" in a protest's
# line and "reported on Monday" in another outlet's are two happenings of one day.
_CALENDAR = {w.lower() for w in wordlists.int_table("weekdays")} | {w.lower() for w in wordlists.int_table("months")}


def _names(e: Event) -> set[str]:
    return {n for n in _NAME.findall(e.text) if n.lower() not in _CALENDAR}


def _rare_names(events: list[Event]) -> set[str]:
    """Names few of the story's lines carry: the story's protagonists are in every other line
    and say nothing about which happening a line tells; a rarer name does."""
    df = Counter(n for e in events for n in _names(e))
    return {n for n, c in df.items() if c <= max(2, NAME_SHARE * len(events))}


def _same_day_same_names(a: Event, b: Event, rare: set[str]) -> bool:
    """Two lines of one day (or one day and the day before) naming the same rare participant
    tell one happening ("Raikkonen spun and crashed" / "Raikkonen slammed into the barrier")."""
    from storyline.events.merge import day_span

    sa, sb = day_span(a), day_span(b)
    if sa is None or sb is None or sa != sb or (dt.date.fromisoformat(sa[1]) - dt.date.fromisoformat(sa[0])).days > 1:
        return False
    return bool(_names(a) & _names(b) & rare)


_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}")
ARTICLES = wordlists.words("articles")


def _undated_detail_of(e: Event, c: Event) -> bool:
    """A line known only as "on or before" its report whose named doer is the doer of a line
    of the report's own days ("Timberlake gyrated with his dancers" / "Justin Timberlake took
    to the stage for the half-time show"): what a report tells of its subject without a time is
    a detail of the happening it reports."""
    from storyline.events.merge import SAYING

    if e.date or e.earliest or not e.latest or not (c.date or c.earliest) or any(t in SAYING for t in e.triggers):
        return False  # a statement is a happening of its own ("Hamilton told reporters ...")
    start = c.earliest or c.date
    if not (_day_before(e.latest[:10]) <= start[:10] <= e.latest[:10]):
        return False
    return bool(_proper_doers(e) & _proper_doers(c))


def _proper_doers(e: Event) -> set[str]:
    """The words of the doers that are names through and through ("Justin Timberlake", "The
    Taliban"), not descriptions holding a name ("A Taliban suicide bomber")."""
    out: set[str] = set()
    for x in e.actors:
        words = x.replace("\u2019s", "").replace("'s", "").split()
        if words and words[0].lower() in ARTICLES:
            words = words[1:]
        if words and all(_CAPITALISED.fullmatch(w) for w in words):
            out.update(words)
    return out


_OWNER = re.compile(r"^(?:[Tt]he )?([A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*)['\u2019]s\b")


def _owners(e: Event) -> set[str]:
    """The named doers of a line, and the names that own its described doers: "NASA's airborne
    IceBridge mission" acts for NASA, as "Nasa" does in another outlet's line."""
    out = {x.lower() for x in e.actors if _named(x)}
    return out | {m.group(1).lower() for x in e.actors if (m := _OWNER.match(x))}


def _same_doer_same_deed(a: Event, b: Event) -> bool:
    """Two lines of one time whose doer has the same name and whose verbs are of one class
    ("Hamilton won the race" / "the race was won by Hamilton") tell one happening. Statements
    are many and alike, so saying verbs do not count."""
    from storyline.events.merge import SAYING, trigger_match

    if not ({x for x in a.actors if _named(x)} & set(b.actors) or _owners(a) & _owners(b)):
        return False
    return any(trigger_match(x, y) >= 0.8 for x in a.triggers for y in b.triggers if x not in SAYING and y not in SAYING)


_ALSO = re.compile(r"\b(?:also|too|as well)\b", re.I)


def _same_deed_told_again(e: Event, left_out: Event) -> bool:
    """An undated line with the very verb and doer of a line told with its own time: one deed
    (not a saying: statements are many and alike) by one doer, named or not."""
    from storyline.events.merge import SAYING

    if e.date is not None or not _own_time(left_out) or not _same_time(e, left_out):
        return False
    doers = {x.lower().split()[-1] for x in e.actors if x.split()}  # the doer's head noun or surname
    if not doers & {x.lower().split()[-1] for x in left_out.actors if x.split()}:
        return False
    return bool((set(e.triggers) & set(left_out.triggers)) - SAYING)


def _adds_to(e: Event, c: Event) -> bool:
    """An undated line that adds one more of a deed the view already shows for that time ("A
    child born to one of the girls also was released" beside the girls' release) tells a part
    of that happening, not a new one."""
    from storyline.events.merge import SAYING, trigger_match

    return (not _own_time(e) and bool(_ALSO.search(e.text))
            and any(trigger_match(x, y) >= 0.8 for x in e.triggers for y in c.triggers if x not in SAYING and y not in SAYING))


LEAD_DETAIL_CHARS = 300  # how near after a lead without a time of its own its detail is told


def _lead_detail(e: Event, c: Event) -> bool:
    """Two lines without a time of their own, one the lead of an article and the other the
    sentence right after it ("Putin introduces a bill to ratify the agreement." / "Draft law
    No. 740196-8 was posted on the Duma's website."): the lead's happening and its detail."""
    if _own_time(e) or _own_time(c) or len(e.evidence) != 1 or len(c.evidence) != 1:
        return False
    a, b = sorted((e.evidence[0], c.evidence[0]), key=lambda x: x.start)
    return a.article == b.article and a.start < LEAD_CHARS and 0 < b.start - a.end < LEAD_DETAIL_CHARS


def _replace(chosen: list[int], shadow: list[int], k: int, i: int, cands: list[Event]) -> int:
    """Show candidate ``i`` in place of the ``k``-th line chosen, which still stands for its
    retellings (``shadow``); 1 when the replaced line was an open window (one fewer shown)."""
    old = cands[chosen[k]]
    shadow.append(chosen[k])
    chosen[k] = i
    return int(old.date is None and old.earliest is None)


def _dates_it(e: Event, shown: Event) -> bool:
    """Whether ``e``, a retelling of a line already shown that has only a window, gives the day
    inside that window from its own text ("late Thursday" against "between 10 and 11
    November"): the view then shows the dated telling."""
    if not (_own_time(e) and e.precision == "day") or _own_time(shown):
        return False
    lo, hi = shown.earliest, shown.latest or shown.date
    return bool(hi) and (lo is None or lo <= e.date) and e.date <= hi[:10]


def _take_bound(shown: Event, told: Event) -> None:
    """A line dated only by its report's day, whose retelling says it was over before that
    ("A man was arrested, police announced Thursday", against a Sunday paper's plain "A man was
    arrested"): the report-day guess cannot be, and the line is shown "on or before" the bound."""
    if not (shown.dated_by == "report" and shown.date and told.date is None and told.latest):
        return
    first = shown.earliest or shown.date
    if told.latest[:10] < first[:10]:
        shown.date = shown.precision = shown.dated_by = None
        shown.earliest, shown.latest = None, told.latest[:10]


def _own_time(e: Event) -> bool:
    """Dated by a time the sentence gives, not by its report's day."""
    return bool(e.date and e.dated_by == "text" and not _weak_day(e))


def _same_source_again(e: Event, c: Event) -> bool:
    """Two lines a named person tells at times they may share, one of them without a time of
    its own: one source's statement, retold by another outlet or
    further down ("A similar set-up worked well in Munich, according to Anja Marx" / "Munich
    police shared positive feedback, Anja Marx told rbb24")."""
    if _own_time(e) and _own_time(c):
        return False  # two dated statements: two times the source spoke
    return bool({x for x in e.attributed_to if _named(x) and " " in x.strip()} & set(c.attributed_to))


# A count that moved ("the death toll rose to at least six"): a development of its own however
# much its words repeat the happening counted.
_COUNT_MOVED = re.compile(
    r"\b(?:toll|number of (?:" + wordlists.alternation("toll_nouns") + r"))\b[^.;]{0,160}?"
    r"\b(?:" + wordlists.alternation("count_rise_verbs") + r")\b", re.I)


def _revises_a_count(e: Event) -> bool:
    return bool(_COUNT_MOVED.search(e.text))


def _leads(e: Event, lead_ends: dict[str, int] | None = None) -> bool:
    """Whether a line is told in an article's lead. A short report's third or fourth sentence
    also starts within ``LEAD_CHARS`` and tells other things ("A fireball lit up the sky. [...]
    A webcam captured the event at 5:52 p.m. The weather service tweeted ..."): where the body's
    first ``LEAD_SENTENCES`` sentences end is known (``lead_ends``), the lead stops there."""
    ends = lead_ends or {}
    return any(x.start < min(LEAD_CHARS, ends.get(x.article, LEAD_CHARS) if x.part == "body" else LEAD_CHARS)
               for x in e.evidence)


def lead_end(sentences: list) -> int:
    """Where an article body's lead ends: after its first ``LEAD_SENTENCES`` sentences."""
    return sentences[min(LEAD_SENTENCES, len(sentences)) - 1].end if sentences else LEAD_CHARS


def _follow_up_day(since: str | None) -> str | None:
    return (dt.date.fromisoformat(since[:10]) + dt.timedelta(days=FOLLOW_UP_DAYS)).isoformat() if since else None


def _shown_undated(e: Event, since: str | None) -> bool:
    """Whether a line will be shown as "on or before its report": no date and no lower bound,
    or dated only by a follow-up's report day, which :func:`honest_dates` turns into that."""
    if e.date is None and e.earliest is None:
        return True
    follow_up = _follow_up_day(since)
    return bool(e.dated_by == "report" and e.precision == "day" and e.date and follow_up and e.date > follow_up)


# Periods a date string cannot name: they are dated by their first month ("2017-09" for
# "last fall"), which read as a date would say September. They are shown as their window.
SPAN_MONTHS = {"quarter": 3, "season": 3, "half": 6}


def _months_span(first: str, months: int) -> tuple[str, str]:
    year, month = int(first[:4]), int(first[5:7])
    end_year, end_month = year + (month + months - 2) // 12, (month + months - 2) % 12 + 1
    last = calendar.monthrange(end_year, end_month)[1]
    return f"{year:04d}-{month:02d}-01", f"{end_year:04d}-{end_month:02d}-{last:02d}"


def honest_dates(events: list[Event], since: str | None = None) -> list[Event]:
    """Events dated only as "the day it was reported" (a plain past in a report's lead, whose
    bounds also allow the day before) are shown with that window, not as a day: the day is a
    guess, the window is what the text supports. Day-ranking (``top_dates``) keeps the guess.

    The guess holds for the story's first reports only: a follow-up's lead retells the story's
    news ("A Louisiana man was arrested for ..." three days after the arrest), so a report more
    than ``FOLLOW_UP_DAYS`` after ``since`` (the story's first report) gives "on or before"."""
    follow_up = _follow_up_day(since)
    for e in events:
        if e.date and e.precision in SPAN_MONTHS:
            e.earliest, e.latest = _months_span(e.date, SPAN_MONTHS[e.precision])
            e.date, e.precision = None, None  # "last fall": Sept.-Nov., not its first month
            continue
        if e.date and e.precision == "week" and e.earliest and e.latest:
            e.date, e.precision = None, None  # "last week": Monday to Sunday, not its Monday
            continue
        if _weak_day(e):
            e.date, e.precision = None, None
        elif e.dated_by == "report" and e.precision == "day" and e.date:
            # Reported that day: it happened then or the day before (an evening report's UTC
            # stamp is often the next day's date).
            e.earliest, e.latest = _day_before(e.date), e.date
            e.date, e.precision = None, None
        else:
            continue
        if e.dated_by == "report" and follow_up and e.latest and e.latest > follow_up:
            e.earliest = None
    return events


# "soon after the initial bombing": the line happened after the story's incident, so no earlier
# than the incident's first day.
_AFTER_INCIDENT = re.compile(r"\b(?:after|following|since) (?:the|that|this) (?:[\w'\u2019-]+ ){0,2}(?:"
                             + wordlists.alternation("incident_nouns") + r")\b", re.I)


_INCIDENT_SUFFIX = re.compile(r"(?:ings?|ers?|es|s)$")


def after_the_incident(events: list[Event]) -> list[Event]:
    """Lines known only as "on or before the report" that say they came after an incident of
    the story ("police fought the attackers soon after the bombing") start no earlier than it:
    the first day of the most important incident line that names it by the same word ("bomb"),
    when that is not after the report. A story of several incidents names each its own way."""
    from storyline.events.merge import INCIDENT

    incidents = sorted((e for e in events if e.triggers and all(t in INCIDENT for t in e.triggers)
                        and (e.earliest or (e.date and len(e.date) == 10))), key=lambda e: -e.importance)
    for e in events:
        m = _AFTER_INCIDENT.search(e.text) if e.date is None and e.earliest is None and e.latest else None
        if not m:
            continue
        # The noun's stem inside a word of the anchor's: "bombing" / "bomber", "quake" / "earthquake".
        stem = _INCIDENT_SUFFIX.sub("", m.group().split()[-1].lower())
        anchor = next((x for x in incidents if x is not e and any(stem in t.lower() for t in [x.text] + [v.quote for v in x.evidence])), None)
        start = anchor and (anchor.earliest or anchor.date)
        if start and start <= e.latest:
            e.earliest = start
    return events


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day[:10]) - dt.timedelta(days=1)).isoformat()


@functools.cache
def _relative_times() -> re.Pattern:
    return re.compile(r"(?:,\s*)?\b(?:" + _patterns("relative_times.txt").pattern + r")\b(?:\s*,)?", re.I)


_OPENING_CONJUNCTION = re.compile(r"(?:" + wordlists.alternation("opening_conjunctions") + r")", re.I)
# What may follow a dropped time: the end of a clause, or a word that opens a new phrase.
_PHRASE_GOES_ON = re.compile(r"\s*(?:[.;:!?]|$|(?:" + wordlists.alternation("phrase_openers") + r")\b)", re.I)


# A quotation opened after a saying ("May said that “smaller platforms can become home to
# criminals.", "the minister said: “We will ...") whose sentence ends before the quotation
# does: the sentence is whole, only its closing mark is in the next one.
# A colon may follow a few words on ("said in a statement: ...").
_SAYING_LEAD = r"\b(?:" + wordlists.alternation("quote_opening_sayings") + r")(?:(?: that)?[,:]?|(?:\s+[\w'\u2019.-]+){1,5}:)"
_OPEN_AFTER_SAYING = re.compile(_SAYING_LEAD + r"\s+\u201c[^\u201c\u201d]+[.!?]$")
# The same with straight marks, which many pages use: 'said in a statement: "The incident ... is
# under investigation.' (the quotation runs on into the next sentence).
_OPEN_AFTER_SAYING_STRAIGHT = re.compile(_SAYING_LEAD + r"\s+\"[^\"]+[.!?]$")


# A list item's mark before a sentence ("-- Syria used the firm to ...", "• The council voted"):
# layout of the page, not words of the line.
_ITEM_MARK = re.compile(r"^(?:-{1,2}|[\u2013\u2014\u2022*\u00b7])\s+(?=\S)")


def close_quote(text: str) -> str:
    """The line with the closing mark of a quotation its sentence ends inside (see above), and
    without a list item's mark."""
    text = _ITEM_MARK.sub("", text)
    if text.count("\u201c") == text.count("\u201d") + 1 and _OPEN_AFTER_SAYING.search(text):
        return text + "\u201d"
    if text.count('"') % 2 and "\u201c" not in text and _OPEN_AFTER_SAYING_STRAIGHT.search(text):
        return text + '"'
    return text


# "Then" also points back to a time ("Then, rumors swirled ..."): such a line needs the one before.
_CONNECTIVE = re.compile(r"^(?:" + "|".join(w for w in wordlists.words("opening_conjunctions")
                                           if w.lower() not in {x.lower() for x in wordlists.words("back_reference_openers")})
                         + r"|however)\b,?\s+(?=\S)", re.I)


def without_connective(text: str) -> str:
    """A shown line without the conjunction that tied its sentence to the one before ("Yet, in
    2016, Apple pushed ..." -> "In 2016, Apple pushed ...", "But police said ..." -> "Police
    said ..."): on the timeline there is no sentence before."""
    out = _THEN_WITH_TIME.sub("", _CONNECTIVE.sub("", text))
    return out[:1].upper() + out[1:] if out != text else text


# "Then in 2016, ...": the time that follows says when; "then" only tied it to the sentence before.
_THEN_WITH_TIME = re.compile(r"^(?:and\s+)?then,?\s+(?=(?:" + wordlists.alternation("then_time_leads") + r")\s+\S)", re.I)


_COUNT_BACK = re.compile(r"(?:\b(?:" + wordlists.alternation("count_back_leads") + "|" + wordlists.alternation("approximate_qualifiers")
                         + r")\s+)?(?:" + COUNTED_FROM_BEFORE.pattern
                         + r")\s*(,?)\s*", re.I)


def without_count_back(text: str) -> str | None:
    """An undated line without the time it counts from the sentence before ("However, just
    weeks later B-44 shattered into 20 fragments" -> "B-44 shattered into 20 fragments"):
    alone on the timeline there is no sentence before, and the line stands "on or before its
    report". None when the phrase sits inside a clause and cannot go."""
    m = _COUNT_BACK.search(text)
    if m is None:
        return text
    before = text[:m.start()].strip().rstrip(",")
    opener = not before or bool(_CONNECTIVE.match(before + " ."))  # "However, just weeks later ..."
    if not opener and not m.group(1):
        return None  # "died two days later of his wounds": the time is part of the clause
    out = (text[m.end():] if opener else before.rstrip(",") + ", " + text[m.end():]).strip()
    if len(out.split()) < 4 or COUNTED_FROM_BEFORE.search(out):
        return None
    return out[:1].upper() + out[1:]


def plain_line(e: Event) -> str:
    """A dated line without the time words its report needed ("On Wednesday, the Senate
    ratified ..." -> "The Senate ratified ..."): the date column says when. Undated lines keep
    them, since nothing else tells when. A quotation the sentence ends inside is closed."""
    if not e.date:
        return close_quote(without_count_back(e.text) or e.text)
    text = close_quote(e.text)

    quoted = [(q.start(), q.end()) for q in _QUOTED.finditer(text)]

    def drop(m: re.Match) -> str:
        if any(a <= m.start() < b for a, b in quoted):
            return m.group()  # a quotation is never edited ("can't believe it was just last night that I held you")
        before, after = text[:m.start()], text[m.end():]
        opener = not before.strip() or _OPENING_CONJUNCTION.fullmatch(before.strip())
        # Only where the sentence reads on without it: as its opener, or before a comma, the
        # end, or a word that starts a new phrase ("killed Wednesday when ..."). Inside a
        # phrase ("the early hours of Friday", "Sunday's race", "that began Sunday has") it stays.
        if not (opener or m.group().rstrip().endswith(",") or _PHRASE_GOES_ON.match(after)):
            return m.group()
        if not opener and len(before.split()) == 1:
            return m.group()  # a lone word before it leans on it ("Just this year, ..."): keep both
        if m.group()[:1].isupper() and re.search(r"\b(?:a|an|the)\s+(?:[\w'-]+\s+)?$", before, re.I):
            return m.group()  # the head of a phrase: "on a crowded Saturday at the zoo"
        last = before.split()[-1].lower() if before.split() else ""
        if re.match(r"\s*that\b", after) and last.endswith("ed"):
            # "an interview published Saturday that ...": after a participle the time may be
            # the participle's, and the clause would not read on without it
            return m.group()
        return "," if m.group().rstrip().endswith(",") and not opener else " "

    out = _relative_times().sub(drop, text)
    out = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    out = re.sub(r"(?<!\.)\.\.$", ".", out)  # "at 5:30 a.m. on Thursday." loses its time, not its stop
    if len(out.split()) < 4:
        return text  # the time was the point ("It happened on Monday."): keep the sentence
    return out[:1].upper() + out[1:]


# A line that already says who told it.
_TOLD = re.compile(r"\b(?:" + wordlists.alternation("told_markers") + r")\b", re.I)


def sourced_line(e: Event) -> str:
    """A line whose happening is known from someone's report names the source ("Kim signed the
    decree, according to the Korean Central News Agency"), unless it already says who told it.
    Only a named source is added: a description ("state media", "a decree") says too little to
    stand in the line; it stays in the event's ``attributed_to``."""
    if not e.attributed_to or _TOLD.search(e.text):
        return e.text
    source = next((a for a in e.attributed_to if _named(a)), None)
    if source is None or source.lower() in e.text.lower():
        return e.text
    source = re.sub(r"^(?:The|A|An)\b", lambda m: m.group().lower(), source)
    quoted = re.match(r"(.*?)[.!,]?([\"\u201d\u2019]+)\s*$", e.text, re.S)
    if quoted:  # a closing quote keeps the comma inside: '... their split," according to X.'
        return f"{quoted.group(1)},{quoted.group(2)} according to {source}."
    return re.sub(r"[.!]?\s*$", "", e.text) + f", according to {source}."


MAX_NAME_WORDS = 4  # a person's full name as news writes it ("Jasmine Li Zidan")


def full_names(e: Event, people: dict[str, list[tuple[int, str]]]) -> str:
    """A line naming a person by surname alone ("Li took ownership of an offshore company")
    names them as their article first did ("Jasmine Li Zidan"): read alone, a surname says
    nobody. ``people`` holds, per article, where each person is named and how (start, text).
    Only a name the same article gave in full before the line's sentence is used."""
    text = e.text
    told = next((x for x in e.evidence if text[:25] in x.quote), e.evidence[0] if e.evidence else None)
    if told is None:
        return text
    named = [(s, re.sub(r"['\u2019]s$", "", n)) for s, n in people.get(told.article, [])]  # "Xi Jinping's" names Xi Jinping
    for start, name in named:
        if not (told.start <= start < told.end) or " " in name:
            continue
        # the name in full, family name last or first ("Clive Khulubuse Zuma", "Li Zidan")
        earlier = [n for s, n in named if s < told.start and name in n.split()[1:] + n.split()[:1] and " " in n
                   and len(n.split()) <= MAX_NAME_WORDS]
        if not earlier or earlier[-1] in text:
            continue
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            before = text[:m.start()].split()
            if before and before[-1][:1].isupper() and not before[-1].endswith((".", ",", ":")):
                continue  # inside a longer name ("Jasmine Li")
            text = text[:m.start()] + earlier[-1] + text[m.end():]
            break
    return text


def _named(source: str) -> bool:
    """A source with a name in it ("Andy Nias", "the Nato spokesperson"), not a description
    capitalised only because it opened a sentence ("A spokesman", "The carpet fitter")."""
    words_ = source.split()
    if words_ and all(w.lower() in UNNAMED_SOURCE_NOUNS for w in words_):
        return False  # "Papers", "Officials", "Media outlets": a sentence's capital, not a name
    return any(w[:1].isupper() for w in words_[1:]) or (words_[:1] != [] and words_[0][:1].isupper()
                                                         and not re.match(r"(?:The|A|An)\b", source))


UNNAMED_SOURCE_NOUNS = wordlists.words("unnamed_source_nouns")


def key_size(n: int) -> int:
    """How many lines the editor's view shows for a story of ``n`` events."""
    return max(KEY_MIN, min(KEY_MAX, round(KEY_PER_ROOT * math.sqrt(n))))


def _background(e: Event, since: str | None) -> bool:
    """Whether an event ended well before the story's first report: the back-story."""
    if not since:
        return False
    end = e.latest or (e.date if e.date and len(e.date) == 10 else None)
    if not end:
        return False
    return end < (dt.date.fromisoformat(since[:10]) - dt.timedelta(days=BACKGROUND_DAYS)).isoformat()


def _one_old_day(e: Event, c: Event, since: str | None) -> bool:
    """Two lines of the back-story on one day: reports recall an old happening by its day
    ("On December 31, 2015, a wave of assaults swept ..." / "Two years ago, hundreds of women
    reported being attacked ..."), each in its own words; the view shows that day once."""
    return (e.precision == c.precision == "day" and e.date == c.date
            and _background(e, since) and _background(c, since))


_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+)[\"\u201d]")
REMARK_WORDS = 6  # a quotation this long, word for word in two lines, is one remark


def _quotations(e: Event) -> set[str]:
    texts = [e.text] + [x.quote for x in e.evidence]
    return {" ".join(re.findall(r"[a-z0-9']+", m.group(1).lower())) for t in texts for m in _QUOTED.finditer(t)
            if len(m.group(1).split()) >= REMARK_WORDS}


def _same_remark(e: Event, c: Event) -> bool:
    """Two lines quoting one remark word for word, by a speaker of the same name ("said in
    November that the social network was 'ripping apart the social fabric of how society
    works'" / "In December, ... said he felt guilty about tools that 'are ripping apart the social
    fabric of how society works'"): one remark, whatever day each outlet gives it."""
    if not (_proper_doers(e) & _proper_doers(c)):
        return False
    mine, theirs = _quotations(e), _quotations(c)
    return any(a in b or b in a for a in mine for b in theirs)


# A quotation in single marks, as British papers print them: not an apostrophe inside a word.
_SINGLE_QUOTED = re.compile(r"(?<![\w])['\u2018]([^'\u2018\u2019]+)['\u2019](?![\w])")
OTHER_REMARK_SHARE = 0.5  # below this share of shared words, two quotations are two remarks


def _remark_words(e: Event) -> list[set[str]]:
    found = [m.group(1) for m in _QUOTED.finditer(e.text)] + [m.group(1) for m in _SINGLE_QUOTED.finditer(e.text)]
    return [set(re.findall(r"[a-z0-9']+", q.lower())) for q in found if len(q.split()) >= 4]


def _other_remarks(e: Event, c: Event) -> bool:
    """Two statements that quote different words ("Ice Universe tweeted: 'I think the S9 still
    has a headphone jack'" / "... tweeted that the 'back of the Galaxy S9 will change a lot'")
    are two remarks, however alike their frames read."""
    telling = wordlists.words("claim_reporting_verbs")  # "tweeted", "wrote", "posted": remarks too
    if not (e.triggers and c.triggers and all(t in telling for t in e.triggers + c.triggers)):
        return False
    mine, theirs = _remark_words(e), _remark_words(c)
    if not mine or not theirs:
        return False
    return all(len(a & b) < OTHER_REMARK_SHARE * min(len(a), len(b)) for a in mine for b in theirs)


def _other_speakers(e: Event, c: Event) -> bool:
    """Two statements by speakers the lines name apart ("JPMorgan Chase's chief financial
    officer ... said" / "the Citigroup chief financial officer ... said"): two remarks, however
    alike their words read. Names are compared by their capitalised words, so "Maynard" and
    "Thane Maynard" stay one speaker."""
    from storyline.events.merge import SAYING

    if not (e.triggers and c.triggers and all(t in SAYING for t in e.triggers + c.triggers)):
        return False

    def names(line: Event) -> set[str]:
        return {w.lower().replace("\u2019s", "").replace("'s", "") for a in line.actors if _named(a)
                for w in a.split() if w[:1].isupper() and w.lower() not in ("the", "a", "an")}

    mine, theirs = names(e), names(c)
    return bool(mine and theirs and not mine & theirs)


def _note_other_date(kept: Event, left: Event) -> None:
    """One remark that outlets date differently keeps both dates as a disagreement (November in
    two reports, December in a third), so the line does not present one of them as settled."""
    from storyline.model import DateVote

    if left.date and kept.date and left.date != kept.date:
        if not kept.disagreement:
            kept.disagreement = [DateVote(kept.date, kept.precision or "day", list(kept.sources))]
        if all(v.date != left.date for v in kept.disagreement):
            kept.disagreement.append(DateVote(left.date, left.precision or "day", list(left.sources)))
    for x in left.evidence:  # the remark's other tellings are its evidence too
        if all((x.article, x.start) != (y.article, y.start) for y in kept.evidence):
            kept.evidence.append(x)
    kept.sources = list(dict.fromkeys(kept.sources + left.sources))
    kept.outlets = list(dict.fromkeys(kept.outlets + left.outlets))


def _tells_the_same(e: Event, c: Event, ve: dict, vc: dict, rare: set[str], since: str | None = None,
                    lead_ends: dict[str, int] | None = None) -> str | None:
    """Why line ``e`` tells the happening of line ``c`` (the name of the rule), or None."""
    from storyline.events.merge import different_deeds

    if _same_remark(e, c):
        return "one remark, quoted alike"
    if not _same_time(e, c, since=since) or different_deeds(e.triggers, c.triggers) or _other_remarks(e, c) \
            or _other_speakers(e, c):
        return None
    if _one_old_day(e, c, since):
        return "one day of the back-story"
    for name, rule in (("same figure", _same_figure), ("same doer, same deed", _same_doer_same_deed),
                       ("one more of it", _adds_to), ("same source again", _same_source_again),
                       ("the lead's detail", _lead_detail)):
        if rule(e, c):
            return name
    if _revises_a_count(e) or _revises_a_count(c):
        return None
    if e.places and c.places and not set(e.places) & set(c.places):
        return None  # one deed in two places: an outbreak's cases in Kansas and in Texas
    if cosine(ve, vc) >= _bar(e, c):
        return "alike in words"
    if _same_day_same_names(e, c, rare):
        return "same day, same names"
    if _undated_detail_of(e, c):
        return "the doer's undated detail of the report's days"
    # A follow-up's lead with no time of its own retells the story's news (see honest_dates):
    # it meets the leads of the first reports' days.
    if _leads(e) and _leads(c) and _same_time(e, c, 0, since) and not _wide(e) and not _wide(c):
        # Past the lead's first sentences, a short report goes on to other deeds of that day
        # ("The weather service tweeted ...", "A webcam captured the event"): a line there with
        # a named doer of its own is its own happening; one without ("The attack happened at
        # 11:30pm", "The vehicle exploded") still retells the lead's.
        later = [x for line in (e, c) if not _leads(line, lead_ends) for x in line.actors]
        if not any(_named(x) for x in later):
            return "leads of one day"
    return None


def key_events(events: list[Event], limit: int | None = None, since: str | None = None,
               lead_ends: dict[str, int] | None = None) -> list[Event]:
    """The editor's view of a story: the most important events that stand alone, one line per
    happening, in timeline order (dated lines first, then undated ones by their bounds).

    A candidate is skipped when a line already chosen can be the same time and its evidence
    reads alike (cosine >= ``REDUNDANT``), or when both open articles on the same day: the
    leads of one day's reports tell that day's main happening. The back-story (events that
    ended a month or more before ``since``, the story's first report) fills at most a third
    of the view: reports recall many old events in passing, and an explicit year must not
    crowd out the story's own news. Lines known only as "on or before the report" fill at most
    a quarter (``UNDATED_SHARE``), and two lines whose verbs name different kinds of deed are
    never one happening (``events.merge.different_deeds``).
    """
    from storyline.events.merge import different_deeds

    cands = [e for e in rank_events(events)
             if placed(e) and not e.aside and not retells(e) and stands_alone(plain_line(e)) and not in_a_witness_quote(e)
             and not told_by_a_witness(e)
             and tells_a_happening(e.text) and not (e.date is None and without_count_back(e.text) is None)
             and not (e.date is None and e.earliest is None and _patterns("undated_findings.txt").search(e.text))]
    # A line with no time that repeats a dated line of its sentence and goes on ("Yet, in 2016,
    # Apple pushed for a revolution — it made the step of removing the jack"): the sentence gave
    # its time to both verbs, and the line would show that happening again, undated.
    size = limit or key_size(len(cands))  # sized by all the story tells, as before this filter
    dated = {}
    for e in cands:
        if e.date:
            for x in e.evidence:
                dated.setdefault((x.article, x.start, x.quote), []).append(e.text.rstrip(".!?\"\u201d "))
    cands = [e for e in cands if e.date or not any(
        t and t in e.text for x in e.evidence for t in dated.get((x.article, x.start, x.quote), ()))]
    if not cands:
        return []
    vectors = Centroid([" ".join([e.text] + [x.quote for x in e.evidence]) for e in cands]).vectors
    order = sorted(range(len(cands)), key=lambda i: (-cands[i].importance, order_key(cands[i])))
    rare = _rare_names(cands)
    chosen: list[int] = []
    shadow: list[int] = []  # lines replaced by a dated telling: no longer shown, still retold
    told_by: dict[int, list[int]] = {}  # a line's left-out retellings
    back = undated = 0
    for i in order:
        if len(chosen) >= size:
            log.debug("view full at %d lines; %d candidates left", size, len(order) - order.index(i))
            break
        e = cands[i]
        here = {(x.article, x.start, x.quote) for x in e.evidence}
        if any(here == {(x.article, x.start, x.quote) for x in cands[j].evidence} for j in chosen):
            log.debug("left out, its sentences already shown: %s", e.text[:80])
            continue  # its sentences are already on the view, as another verb's line
        told = next((k for k, j in enumerate(chosen) if _own_time(e) and not _own_time(cands[j]) and _same_time(e, cands[j])
                     and not different_deeds(e.triggers, cands[j].triggers) and _same_source_again(e, cands[j])), None)
        if told is not None:
            undated -= _replace(chosen, shadow, told, i, cands)  # the source's statement with its time, rather than without
            continue
        same, why = next(((k, r) for k, j in enumerate(chosen + shadow)
                          if (r := _tells_the_same(e, cands[j], vectors[i], vectors[j], rare, since, lead_ends))),
                         (None, None))
        if same is not None:
            other = cands[(chosen + shadow)[same]]
            if same < len(chosen) and _dates_it(e, cands[chosen[same]]):
                log.debug("replaces %r: %s", other.text[:50], e.text[:80])
                undated -= _replace(chosen, shadow, same, i, cands)  # the same happening told with its day
            else:
                log.debug("left out, told by %r (%s): %s", other.text[:50], why, e.text[:80])
                if why == "one remark, quoted alike":
                    _note_other_date(other, e)
                _take_bound(other, e)
                told_by.setdefault((chosen + shadow)[same], []).append(i)
            continue
        if _background(e, since):
            if back >= max(1, round(size * BACKGROUND_SHARE)):
                log.debug("left out, back-story share full: %s", e.text[:80])
                continue
            back += 1
        if _shown_undated(e, since):
            if undated >= max(1, round(size * UNDATED_SHARE)):
                log.debug("left out, undated share full: %s", e.text[:80])
                continue
            undated += 1
        chosen.append(i)
    # An undated line telling the deed, by the same doer, of a line left out with its own time
    # ("The trains collided in the 53rd Street tunnel" beside "Two subway work trains collided
    # in a tunnel early Wednesday", left out as told by "the trains bumped into each other"):
    # that happening is on the view already, under the line that told the left-out one.
    told_again = {i for i in chosen if cands[i].date is None and any(
        _same_deed_told_again(cands[i], cands[x]) for j, xs in told_by.items() if j != i for x in xs)}
    for i in told_again:
        log.debug("left out, its deed is shown with a time under another line: %s", cands[i].text[:80])
    return in_timeline_order([cands[i] for i in chosen if i not in told_again])


def in_timeline_order(events: list[Event]) -> list[Event]:
    """Dated lines in date order, then the undated ones placed by their bounds: apart, since
    a window is not a date."""
    return sorted([e for e in events if e.date], key=order_key) + sorted([e for e in events if not e.date], key=order_key)


# Weights for picking days and sentences, set on t17-dev (docs/eval-timeline.md has the grid):
# a day many reports were published about is a day the story moved, so events dated by the
# day they were reported count for more; a summary line should be about the story as a
# whole, not only about its day; and overlong sentences dilute a line.
WEAK_DAY = 3.0
IDEAL_WORDS = 35
STORY_WEIGHT = 3.0


def _weak_day(e: Event) -> bool:
    """Dated to a day only as "the day it was reported" (its bounds span the day before too)."""
    return bool(e.precision == "day" and e.earliest and e.latest and e.earliest != e.latest)


def top_dates(events: list[Event], dates: int, sentences: int, *, start: str | None = None,
              end: str | None = None, redundancy: float = 0.5) -> list[tuple[str, list[str]]]:
    """The ``dates`` most important days, each with its ``sentences`` best sentences.

    A day's weight is the importance of the events dated to it (events dated by the day they
    were reported count ``WEAK_DAY`` times); its sentences are the event texts and evidence
    quotes of that day nearest the day's centroid and the story's, skipping near-repeats
    (cosine above ``redundancy``). Only day-precise events count; ``start``/``end`` bound the
    days (ISO, inclusive). Returns [(day, [sentence, ...]), ...] in date order.
    """
    if not events or dates <= 0:
        return []
    rank_events([e for e in events if not e.importance])
    by_day: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.date and len(e.date) == 10 and e.precision in (None, "day"):
            if (start and e.date < start) or (end and e.date > end):
                continue
            by_day[e.date].append(e)
    weight = {d: sum(e.importance * (WEAK_DAY if _weak_day(e) else 1.0) for e in es) for d, es in by_day.items()}
    chosen = sorted(weight, key=lambda d: (-weight[d], d))[:dates]
    story = Centroid([e.text for es in by_day.values() for e in es])
    out = []
    for d in sorted(chosen):
        picks = day_summary(by_day[d], sentences, redundancy, story=story)
        if picks:
            out.append((d, picks))
    return out


def summary_candidates(e: Event) -> list[str]:
    """The sentences a day summary may pick for an event: its one-line text and its evidence."""
    return [e.text] + [x.quote for x in e.evidence]


def day_summary(events: list[Event], k: int, redundancy: float = 0.5, story: Centroid | None = None) -> list[str]:
    """The ``k`` sentences that best sum up one day's events: central to the day (and to the
    story, when its centroid is given), of a readable length, not repeating each other."""
    cands: list[tuple[str, float]] = []
    seen = set()
    for e in events:
        for text in summary_candidates(e):
            t = " ".join(text.split())
            if t and t not in seen and len(t.split()) >= 5:
                seen.add(t)
                cands.append((t, e.importance * (WEAK_DAY if _weak_day(e) else 1.0)))
    if not cands:
        return []
    cent = Centroid([t for t, _ in cands], [w for _, w in cands])

    def score(i: int) -> float:
        text, w = cands[i]
        v = cent.vectors[i]
        s = cosine(v, cent.centre) * (1 + 0.1 * w)
        if story is not None:
            s += STORY_WEIGHT * cosine(v, story.centre)
        n = len(text.split())
        return s * min(1.0, IDEAL_WORDS / n) if n > IDEAL_WORDS else s

    ranked = sorted(range(len(cands)), key=lambda i: -score(i))
    picks: list[int] = []
    for i in ranked:
        if len(picks) >= k:
            break
        if any(cosine(cent.vectors[i], cent.vectors[j]) > redundancy for j in picks):
            continue
        picks.append(i)
    return [cands[i][0] for i in picks]
