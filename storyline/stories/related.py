"""Related stories: stories kept apart that a reader may want to follow from one another.

Two reports of different developments (a missile test and a summit offer, both about North
Korea) are two stories, not one: grouping keeps them apart. They are still *related* when
the mean similarity between their articles (average linkage, from the stored centroids as
grouping computes it) reaches a share of the bar that would have merged them
(:data:`RELATED_SHARE`), and at least two of the names each story names most (people,
places, organisations) are the same. The link
says which names they share, so it can be checked, and never claims more than that.

Cost: per story, one look-up of its strongest terms in the story index (``story_terms``),
within grouping's time window, and one dot product per candidate, as a join costs.
"""

from __future__ import annotations

import heapq
from typing import Any

from storyline.stories.group import DEFAULT, GroupingConfig, StoryVector, _span_gap, _weight, bar, time_factor

# A story is related to another when their mean cross similarity reaches this share of the
# bar that merges stories (and they share a name). Below the merge bar by construction, so
# a related story is never one the grouping should have merged.
RELATED_SHARE = 0.4
# Names (entity terms) looked at in each story: its strongest, by TF-IDF weight, so names
# every report uses (the U.S., New York) weigh little; and how many two stories must share.
NAME_TERMS = 8
MIN_SHARED = 2
# ... one of which is among the MAIN_NAMES strongest of both: a main participant of each.
MAIN_NAMES = 3
# At most this many related stories per story, the closest first.
MAX_RELATED = 3


def _names(sv: StoryVector) -> dict[str, float]:
    # Strongest first (dicts keep insertion order).
    return dict(heapq.nlargest(NAME_TERMS, ((t, w) for t, w in sv.terms.items() if t.startswith("e:")), key=_weight))


def related_to(sv: StoryVector, others: dict[str, StoryVector], config: GroupingConfig = DEFAULT,
               k: int = MAX_RELATED) -> list[tuple[str, float, list[str]]]:
    """(story id, similarity, shared names) for the stories of ``others`` related to ``sv``,
    closest first, at most ``k``."""
    mine = _names(sv)
    out = []
    for sid, o in others.items():
        if not sv.n or not o.n or o is sv:
            continue
        gap = _span_gap(sv, o)
        if gap > config.window_days:
            continue
        cross = sv.dot(o.terms) / (sv.n * o.n) * time_factor(gap, config)
        merge_bar = bar(sv.cohesion(), o.cohesion(), config=config)
        if cross >= merge_bar:
            continue  # as alike as one story: not for this module to say
        if cross < RELATED_SHARE * merge_bar:
            continue
        theirs = _names(o)
        shared = sorted((t for t in mine if t in theirs), key=lambda t: -(mine[t] * theirs[t]))
        main = set(list(mine)[:MAIN_NAMES]) & set(list(theirs)[:MAIN_NAMES])
        if len(shared) >= MIN_SHARED and main:
            out.append((sid, cross, [t[2:].title() for t in shared[:4]]))
    out.sort(key=lambda x: (-x[1], x[0]))
    return out[:k]


def related_in_store(store, story_ids: list[str] | None = None, config: GroupingConfig = DEFAULT,
                     k: int = MAX_RELATED) -> dict[str, list[dict[str, Any]]]:
    """{story id: [{"id", "title", "similarity", "shared"}]} for the stored stories (or those of
    ``story_ids``) that have related stories; candidates come from the story index."""
    ids = story_ids if story_ids is not None else [s.id for s in store.iter_stories()]
    vectors = {sid: StoryVector.from_dict(rec) for sid, rec in store.get_story_vectors(ids).items()}
    out: dict[str, list[dict[str, Any]]] = {}
    titles: dict[str, str] = {}
    for sid in ids:
        sv = vectors.get(sid)
        if sv is None or not sv.n:
            continue
        norm = sv.norm()
        if not norm:
            continue
        query = {t: w / norm for t, w in sv.top_terms(config.query_terms)}
        cand = {s for s, _ in store.story_postings(query, sv.first, config.window_days, sv.last) if s != sid}
        missing = [s for s in cand if s not in vectors]
        for s, rec in store.get_story_vectors(missing).items():
            vectors[s] = StoryVector.from_dict(rec)
        links = related_to(sv, {s: vectors[s] for s in cand if s in vectors}, config, k)
        if not links:
            continue
        rows = []
        for other, sim, shared in links:
            if other not in titles:
                st = store.get_story(other)
                titles[other] = st.title if st else other
            rows.append({"id": other, "title": titles[other], "similarity": round(sim, 3), "shared": shared})
        out[sid] = rows
    return out
