"""Story-level stages: from a story's articles and their analyses to a full Story record.

Order matters: dates inferred across articles first (so relative times in undated
articles resolve), then wire copies (so every count is of independent sources), then
events merged into a timeline, claims compared, expectations followed up, coverage and
the summary last, since they read everything before them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from storyline.model import Article, ArticleAnalysis, Story


def story_id_for(article_ids: list[str]) -> str:
    """Stable story id: derived from the story's first (oldest-added) article."""
    return "s-" + hashlib.sha1(sorted(article_ids)[0].encode()).hexdigest()[:10]


def build_story(
    story_id: str,
    articles: list[Article],
    analyses: dict[str, ArticleAnalysis],
    *,
    max_events: int | None = None,
    reanalyse: Callable[[Article, ArticleAnalysis], ArticleAnalysis] | None = None,
) -> Story:
    """Build one story. ``reanalyse`` redoes the date-dependent per-article work for an
    article whose publication date was just inferred (so its relative times resolve against
    it); by default :func:`storyline.annotate.reanchor`, on the stored parse.

    Nothing here parses: the stages that read parsed text get it from the analyses' stored
    parses (``annotate.stored``)."""
    from storyline.annotate import reanchor
    from storyline.annotate.stored import StoredTexts, reading

    with reading(StoredTexts({a.id: a for a in articles}, analyses)):
        return _build_story(story_id, articles, analyses, max_events=max_events, reanalyse=reanalyse or reanchor)


def _build_story(
    story_id: str,
    articles: list[Article],
    analyses: dict[str, ArticleAnalysis],
    *,
    max_events: int | None,
    reanalyse: Callable[[Article, ArticleAnalysis], ArticleAnalysis],
) -> Story:
    from storyline.annotate.stored import current
    from storyline.compare.claims import compare_claims
    from storyline.compare.shared import shared_statements
    from storyline.compare.headline import lead_claims
    from storyline.compare.coverage import coverage, wording
    from storyline.compare.summary import summarise
    from storyline.compare.wire import find_wire_groups, independence_keys
    from storyline.annotate.entities import unify_entities
    from storyline.events.merge import merge_events
    from storyline.expectations.followup import follow_up
    from storyline.stories.group import opinion_page, story_title
    from storyline.timeline.build import after_the_incident, build_timeline, honest_dates, in_timeline_order, key_events, full_names, lead_end, plain_line, sourced_line, without_connective
    from storyline.timeline.infer import infer_dates
    from storyline.annotate import reanchor

    articles = sorted(articles, key=lambda a: (a.published.date or a.published.earliest or "9999", a.id))
    by_id = {a.id: a for a in articles}
    inferred = infer_dates(articles, analyses, unanchor=lambda a, an: reanchor(a, an, unanchored=True))
    for aid, pub in inferred.items():
        had = by_id[aid].published.date
        by_id[aid].published = pub
        if pub.date:
            analyses[aid] = reanalyse(by_id[aid], analyses[aid])
        elif had:  # a metadata day the story contradicts: its relative times point nowhere now
            analyses[aid] = reanchor(by_id[aid], analyses[aid], unanchored=True)

    wire = find_wire_groups(articles)
    independent = independence_keys(articles, wire)
    unify_entities(articles, analyses)  # one name per thing across outlets, before merging events
    mentions = [m for a in articles for m in analyses[a.id].events]
    events = merge_events(mentions, by_id, independent, {a.id: analyses[a.id].entities for a in articles})
    claims = [c for a in articles for c in analyses[a.id].claims]
    texts = current()
    if texts is not None and hasattr(texts, "body"):  # statements several outlets make (compare.shared)
        claims += shared_statements(articles, analyses, claims, independent, texts)
        claims += lead_claims(articles, claims)  # figures only a headline or standfirst gives
    comparison = compare_claims(claims, by_id, independent)
    # A columnist's "will" is a view of what may come, not a step anyone announced.
    expectations = [x for a in articles if not opinion_page(a) for x in analyses[a.id].expectations]
    expectations = follow_up(expectations, events, by_id)
    every = build_timeline(events)
    # The first dated report; an undated article's window opens wherever its texts allow (its
    # oldest time), which is no report date: the back-story would start after the story.
    first_report = min((a.published.date for a in articles if a.published.date),
                       default=min((a.published.earliest for a in articles if a.published.earliest), default=None))
    timeline = key_events(every, max_events, since=first_report,
                          lead_ends={a.id: lead_end(analyses[a.id].sentences) for a in articles})
    # Ranked on what the texts suggest; shown with what they support.
    after_the_incident(honest_dates(every, since=first_report))
    people = {a.id: [(m.start, m.text) for m in analyses[a.id].entities if m.label == "PERSON"] for a in articles}
    for e in every:
        e.text = plain_line(e)
        e.text = sourced_line(e)
        e.text = full_names(e, people)
        e.text = without_connective(e.text)
    every, timeline = in_timeline_order(every), in_timeline_order(timeline)
    title, keywords = story_title(articles, analyses)
    # The story's span runs between its dated reports; a window's edge is no report's date
    # (an undated article "between 2017-09-01 and 2018-01-14" does not open the story on the
    # first). Only a story with no dated report falls back to its windows.
    dates = sorted(a.published.date for a in articles if a.published.date) or sorted(
        d for a in articles for d in [a.published.earliest] if d)
    story = Story(
        id=story_id,
        title=title,
        articles=[a.id for a in articles],
        keywords=keywords,
        timeline=timeline,
        events=every,
        claims=claims,
        comparison=comparison,
        wire=wire,
        coverage=coverage(timeline, articles, claims, independent),
        expectations=expectations,
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
    )
    story.wording = wording(story, by_id, analyses)
    story.summary_sentences = summarise(story, by_id)
    story.summary = " ".join(s.text for s in story.summary_sentences)
    return story
