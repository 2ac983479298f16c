"""The records that flow through Storyline's stages.

Every record is a plain dataclass with slots. Records that end up in report.json have a
``to_dict`` produced by :func:`asdict`; the JSON Schema in ``report/schema.json`` describes
exactly these shapes. Character offsets (``start``/``end``) point into the cleaned
``Article.body`` of the article named beside them (or, for evidence whose ``part`` says so,
into its standfirst or title), so any line of a timeline or claim can be quoted back from the
text it came from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


def asdict(record: Any) -> Any:
    """Turn a record (or list/dict of records) into plain JSON-ready data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        # a field marked ``omit_default`` is written only when it says something: evidence in
        # the body (nearly all) keeps the shape it always had
        return {f.name: asdict(getattr(record, f.name)) for f in dataclasses.fields(record)
                if not (f.metadata.get("omit_default") and getattr(record, f.name) == f.default)}
    if isinstance(record, (list, tuple)):
        return [asdict(r) for r in record]
    if isinstance(record, dict):
        return {k: asdict(v) for k, v in record.items()}
    return record


# --------------------------------------------------------------------------- input


@dataclass(slots=True)
class RawArticle:
    """One article as a reader found it, before any cleaning.

    Exactly one of ``text`` (plain text as scraped) or ``html`` is set. Metadata given by
    the input format (news-please fields, WARC headers, feed entries) is kept as given.
    """

    id: str
    source: str
    format: str  # "text" | "html" | "newsplease" | "warc" | "feed"
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date/datetime string from metadata, as given
    authors: list[str] = field(default_factory=list)
    description: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Rejection:
    """An input that could not be used, with a one-line reason."""

    source: str
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Skipped:
    """A page that was read but is not a news article (a search or index page, another
    language...): kept out of stories and reported with the reason, apart from the
    rejections, which are inputs that could not be read."""

    source: str
    reason: str
    title: str = ""

    def line(self) -> str:
        return f"{self.source}: {self.reason}"


# --------------------------------------------------------------------------- clean


@dataclass(slots=True)
class Published:
    """When an article was published, and how we know.

    ``how`` is one of: "metadata" (given by the input format), "dateline" (a date line in
    the text), "html" (found in the page by htmldate), "url" (a date in the URL),
    "folder" (given by the caller, e.g. an evaluation layout), "inferred" (from events the
    article shares with dated articles, see timeline.infer), or None when unknown.
    ``earliest``/``latest`` bound the date when it is uncertain (both equal ``date`` when
    it is exact).
    """

    date: str | None = None
    earliest: str | None = None
    latest: str | None = None
    how: str | None = None
    evidence: str | None = None


@dataclass(slots=True)
class Removed:
    """A piece of the raw input left out of the body, and why (``kind``)."""

    text: str
    kind: str


@dataclass(slots=True)
class Article:
    """A cleaned article: the body alone, with metadata kept apart from it."""

    id: str
    source: str
    body: str
    title: str | None = None
    standfirst: str | None = None
    outlet: str | None = None
    outlet_how: str | None = None  # "metadata" | "url" | "text" | None
    url: str | None = None
    byline: str | None = None
    credits: list[str] = field(default_factory=list)
    published: Published = field(default_factory=Published)
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    format: str = "text"
    language: str | None = None
    fingerprint: str = ""  # hash of the cleaned body, to spot exact re-submissions


# --------------------------------------------------------------------------- annotate


@dataclass(slots=True)
class Evidence:
    """A quotable span of one article: of its cleaned body, or of its standfirst or title
    (``part``) for what only they tell; ``start``/``end`` are offsets into that part."""

    article: str
    start: int
    end: int
    quote: str
    part: str = field(default="body", metadata={"omit_default": True})  # body | standfirst | title


@dataclass(slots=True)
class TimeExpr:
    """A time expression found in text, normalised against an anchor date.

    ``value`` follows TIMEX3 conventions ("2024-11-06", "2024-11", "2024-W45", "2024-Q3",
    "2024-SU", "2024", "199X", "P3D", "PRESENT_REF", "FUTURE_REF", "PAST_REF"); None
    when it cannot be normalised. ``type`` is DATE, TIME, DURATION or SET. ``precision``
    is day, week, month, quarter, season, half, year, decade, century or None.
    ``kind`` is "point", "range", "duration", "set" or "future" (a bound ahead of the
    anchor, like "by the end of the year"). ``earliest``/``latest`` are the ISO day
    bounds the expression covers (both None for durations and unknowns).
    """

    text: str
    start: int
    end: int
    type: str = "DATE"
    value: str | None = None
    precision: str | None = None
    kind: str = "point"
    earliest: str | None = None
    latest: str | None = None
    relative: bool = False


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class EntityMention:
    text: str
    start: int
    end: int
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    canonical: str  # one name per real-world thing across outlets


@dataclass(slots=True)
class EventMention:
    """One event as one sentence of one article tells it."""

    article: str
    sentence: int
    trigger: str
    text: str  # a one-line neutral rendering
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    date: str | None = None
    precision: str | None = None
    earliest: str | None = None
    latest: str | None = None
    time_text: str | None = None
    attributed_to: str | None = None
    evidence: Evidence | None = None
    entities: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    # How the date was found: "text" (a time expression attached to the event), "inherited"
    # (a time of a clause inside the same sentence), "reported" (only bounded by when it was
    # reported), "published" (the publication day: a plain past sentence with no time).
    dated_by: str | None = None
    time_value: str | None = None  # TIMEX3 value of the attached time, even when partial ("XXXX-06")
    # Told only in passing: the happening sits in a subordinate clause of a sentence whose main
    # clause tells no happening ("Officials worry that a repeat of the attacks that happened in
    # 2015 could ...", "Booms will crack as the boosters return, slowed by ..."). The sentence is
    # about something else, so it never makes a line a reader could sign on its own.
    aside: bool = False


@dataclass(slots=True)
class Claim:
    """A checkable statement, usually carrying a figure, as one article reports it."""

    id: str
    subject: str
    text: str
    article: str
    value: Any = None  # number, [low, high], or a vague quantity kept as text ("several thousand")
    unit: str | None = None
    date: str | None = None
    attributed_to: str | None = None
    anonymous: bool = False
    hedges: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    outlet: str | None = None
    sources: int = 1  # independent sources for this subject (wire copies counted once)
    single_source: bool = True
    status: str | None = None  # agree | conflict | evolving | single — set by compare
    qualifier: str | None = None  # how the figure was hedged: "around", "up to", "more than", ...
    kind: str = "figure"  # figure | tally | assertion | response: how it is extracted, compared and shown
    shown: str | None = None  # the value in words, with unit and qualifier: "about 3,000 troops", "denied"
    converted: str | None = None  # the same figure in other units, as the text gives it: "63,500kg"


@dataclass(slots=True)
class Expectation:
    """Something announced or expected to happen, and whether later reports confirm it."""

    id: str
    text: str
    what: str
    article: str
    certainty: str  # announced | expected | possible
    attributed_to: str | None = None
    bound: TimeExpr | None = None
    condition: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    status: str = "open"  # fulfilled | overdue | open
    fulfilled_by: str | None = None  # event id
    fulfilled_date: str | None = None
    fulfilled_sources: list[str] = field(default_factory=list)
    made: str | None = None  # date the expectation was reported (its article's date; None when that is unknown)
    subject: str | None = None  # who or what the expected happening is about ("the partnership agreement")
    procedure: str | None = None  # expectations that are steps of one procedure share this key (set by follow-up)
    step: int | None = None  # order of this step within its procedure, 1-based; restatements share a step
    # When the article has no date, the window it was published in (ISO days), as for events.
    made_earliest: str | None = None
    made_latest: str | None = None


@dataclass(slots=True)
class ArticleAnalysis:
    """What the per-article stages found in one article (stored, so ``add`` need not redo it)."""

    article: str
    sentences: list[Sentence] = field(default_factory=list)
    timexes: list[TimeExpr] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    expectations: list[Expectation] = field(default_factory=list)
    anchor: str | None = None  # the publication date the relative times were resolved against
    # The parse itself, packed (annotate.stored), for the story stages: they never parse again.
    # Stored in its own column, not in the JSON record.
    parsed: bytes | None = None


# --------------------------------------------------------------------------- story


@dataclass(slots=True)
class DateVote:
    date: str
    precision: str
    articles: list[str]


@dataclass(slots=True)
class Event:
    """One real-world happening, merged across the articles that tell it."""

    id: str
    date: str | None
    precision: str | None
    text: str
    sources: list[str]
    evidence: list[Evidence]
    importance: float = 0.0
    outlets: list[str] = field(default_factory=list)
    independent_sources: int = 1
    attributed_to: list[str] = field(default_factory=list)
    disagreement: list[DateVote] = field(default_factory=list)
    fulfils: list[str] = field(default_factory=list)  # expectation ids this event fulfils
    # Bounds of an event with no date, or the span its date covers (ISO days).
    earliest: str | None = None
    latest: str | None = None
    triggers: list[str] = field(default_factory=list)  # the verbs (lemmas) its mentions are told with
    # "text" when a time expression of the texts gives the date; "report" when only the day a
    # report appeared does (a plain past in its lead: that day or the day before).
    dated_by: str | None = None
    aside: bool = False  # its line is told only in passing (see EventMention.aside)
    actors: list[str] = field(default_factory=list)  # who did it, as its mentions name them
    places: list[str] = field(default_factory=list)  # where, as its mentions name a place ("in Kansas")


@dataclass(slots=True)
class ClaimComparison:
    """All claims on one subject within a story, side by side."""

    subject: str
    status: str  # agree | conflict | evolving | single
    claims: list[str]  # claim ids, in date order
    outlets: list[str]
    independent_sources: int
    anonymous_only: bool = False
    note: str = ""
    values: list[dict[str, Any]] = field(default_factory=list)  # value over time: {date, value, unit, claims, outlets}
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # same-time disagreements: {date, claims, outlets}


@dataclass(slots=True)
class WireGroup:
    """Articles that are (near-)copies of each other or of one wire service."""

    articles: list[str]
    wire: str | None
    similarity: float
    how: str = "text"  # "credit", "text" or "credit+text": what made the group
    partial: list[str] = field(default_factory=list)  # articles crediting this wire for part of their reporting


@dataclass(slots=True)
class SummarySentence:
    text: str
    sources: list[str]
    kind: str  # agreed | attributed | contested


@dataclass(slots=True)
class Story:
    id: str
    title: str
    articles: list[str]
    keywords: list[str] = field(default_factory=list)
    # The editor's view: the key events, one line per happening (timeline.build.key_events).
    timeline: list[Event] = field(default_factory=list)
    # Every event the story's articles report, in timeline order: the full list behind the view.
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    comparison: list[ClaimComparison] = field(default_factory=list)
    wire: list[WireGroup] = field(default_factory=list)
    coverage: dict[str, Any] = field(default_factory=dict)
    wording: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""
    summary_sentences: list[SummarySentence] = field(default_factory=list)
    expectations: list[Expectation] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
