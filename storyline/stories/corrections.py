"""Corrections a user makes to the grouping: merge two stories, split articles off a story,
move an article to another story; each listed, each undoable, each kept across re-runs.

A correction is recorded with the article ids of the stories it touched before and after
(``before``/``after``, lists of article-id lists), never with story ids alone: story ids
follow their articles (:func:`storyline.story.story_id_for`), so a regroup may rename a
story but can always find the articles again.

What grouping honours are *pins*, derived from the active corrections replayed in order
(:func:`replay_pins`): every story a correction leaves gets a fresh label for its articles.
The clusterer (:class:`storyline.stories.group.Clusterer`) keeps articles of one label in
one story and never puts two labels in one story, in batch (``storyline run`` regroups)
and in ``storyline add``. So a merged story stays one, a split part stays apart, a moved
article stays where it was put; articles without a pin (all new ones) are grouped as
usual and may join a corrected story.

A correction is applied at once to the stories it touches, inside one transaction: their
articles are re-partitioned, their centroids recomputed, the stories rebuilt (timeline,
claims, summary) and the pins rewritten. Undo applies the ``before`` side the same way;
articles that joined the touched stories since go to the most similar of the restored
stories. Undo refuses while a later active correction touched the same articles (undo
that one first), so replaying the rest can never resurrect what was undone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from storyline.errors import ConfigError
from storyline.model import Article, ArticleAnalysis, Story
from storyline.stories.group import (DEFAULT, DocFreq, GroupingConfig, StoryVector, _day, article_features,
                                     headline_words, similarity_terms, vectorise)


class CorrectionError(ConfigError):
    """A correction that cannot be made as asked (the CLI exits 2, the API answers 400)."""

    status = 400


class UnknownIdError(CorrectionError, LookupError):
    """A story, article or correction id the store does not hold (the API answers 404)."""

    status = 404


KINDS = ("merge", "split", "move")


def replay_pins(corrections: Iterable[dict]) -> dict[str, int]:
    """Article -> label from the active corrections, oldest first: each story a correction
    leaves gets a new label, replacing the labels its articles had (a later correction
    touching a story covers all of it, so no label is left half-used)."""
    pins: dict[str, int] = {}
    label = 0
    for corr in corrections:
        if corr.get("undone"):
            continue
        for group in corr["after"]:
            label += 1
            for aid in group:
                pins[aid] = label
    return pins


def describe(corr: dict) -> str:
    """One line saying what a correction did, for listings."""
    if corr["kind"] == "merge":
        text = f"merged {' and '.join(corr['stories'])}"
    elif corr["kind"] == "split":
        text = f"split {len(corr['articles'])} article(s) off {corr['stories'][0]}"
    else:
        text = f"moved {corr['articles'][0]} from {corr['stories'][0]} to {corr['stories'][1]}"
    return text + (f" -> {', '.join(corr['result'])}" if corr.get("result") else "")


# ----------------------------------------------------------------- the three corrections


def _members(store, story_id: str) -> list[str]:
    if store.get_story(story_id) is None:
        raise UnknownIdError(f"no story {story_id!r} in the store (list them with 'storyline story list')")
    return store.story_members(story_id)


def _article(store, article_id: str) -> None:
    if not store.has_article(article_id):
        raise UnknownIdError(f"no article {article_id!r} in the store (a story's articles are listed with "
                             "'storyline story list --articles')")


def merge(store, a: str, b: str, **kw) -> tuple[int, list[Story]]:
    """Merge story ``b`` into ``a``: one story from then on. Returns the correction's number
    and the story built."""
    if a == b:
        raise CorrectionError(f"cannot merge story {a!r} with itself; name two different stories")
    with store.transaction() as c:
        A, B = _members(store, a), _members(store, b)
        return _apply(store, c, "merge", {"stories": [a, b], "articles": []}, [A, B], [A + B], **kw)


def split(store, story_id: str, article_ids: list[str], **kw) -> tuple[int, list[Story]]:
    """Take ``article_ids`` out of a story into a story of their own; the two stay apart.
    Returns the correction's number and the two stories built."""
    part = list(dict.fromkeys(article_ids))
    if not part:
        raise CorrectionError("name the articles to split off (--articles ID ...)")
    with store.transaction() as c:
        members = _members(store, story_id)
        for aid in part:
            _article(store, aid)
            if aid not in members:
                raise CorrectionError(f"article {aid!r} is not in story {story_id!r} (it is in {store.story_of(aid)!r})")
        rest = [aid for aid in members if aid not in part]
        if not rest:
            raise CorrectionError(f"splitting off every article of story {story_id!r} would leave it empty; "
                                  "name only the articles to take out")
        return _apply(store, c, "split", {"stories": [story_id], "articles": part}, [members], [part, rest], **kw)


def move(store, article_id: str, to: str, **kw) -> tuple[int, list[Story]]:
    """Move one article into story ``to``, where it stays. Returns the correction's number
    and the stories built (the target, and what is left of the source)."""
    with store.transaction() as c:
        _article(store, article_id)
        target = _members(store, to)
        source = store.story_of(article_id)
        if source is None:
            raise CorrectionError(f"article {article_id!r} is in no story yet; group it first ('storyline add')")
        if source == to:
            raise CorrectionError(f"article {article_id!r} is already in story {to!r}; nothing to move")
        members = store.story_members(source)
        rest = [aid for aid in members if aid != article_id]
        after = [target + [article_id]] + ([rest] if rest else [])
        return _apply(store, c, "move", {"stories": [source, to], "articles": [article_id]}, [members, target],
                      after, **kw)


def undo(store, number: int, **kw) -> list[Story]:
    """Undo correction ``number``: its stories as they were before it (articles that joined
    them since go to the most similar). Returns the stories built."""
    with store.transaction() as c:
        every = store.corrections()
        corr = next((x for x in every if x["id"] == number), None)
        if corr is None:
            raise UnknownIdError(f"no correction {number} in the store (list them with 'storyline story corrections')")
        if corr["undone"]:
            raise CorrectionError(f"correction {number} is already undone")
        mine = {aid for g in corr["before"] for aid in g}
        for later in every:
            if later["id"] > number and not later["undone"] and mine & {aid for g in later["after"] for aid in g}:
                raise CorrectionError(f"correction {later['id']} changed the same stories after correction {number}; "
                                      f"undo {later['id']} first")
        store.mark_undone(c, number)
        stories = repartition(store, c, corr["before"], **kw)
        store.replace_pins(c, replay_pins(store.corrections(active_only=True)))
        return stories


def _apply(store, c, kind: str, record: dict, before: list[list[str]], after: list[list[str]],
           **kw) -> tuple[int, list[Story]]:
    stories = repartition(store, c, after, **kw)
    number = store.add_correction(c, kind, {**record, "before": before, "after": after,
                                            "result": [s.id for s in stories]})
    store.replace_pins(c, replay_pins(store.corrections(active_only=True)))
    return number, stories


# ----------------------------------------------------------------- re-partitioning stories


def repartition(store, c, groups: list[list[str]], *, config: GroupingConfig | None = None,
                max_events: int | None = None,
                reanalyse: Callable[[Article, ArticleAnalysis], ArticleAnalysis] | None = None) -> list[Story]:
    """Make each of ``groups`` (article ids) one story, inside the open transaction ``c``.

    The stories now holding those articles are replaced; any other article they hold goes
    to the group it is most similar to. Centroids and index terms are recomputed from the
    stored article terms, and the new stories are built and stored. Returns them.
    """
    from storyline.stories.incremental import _build_and_put, write_index
    from storyline.story import story_id_for

    config = config or DEFAULT
    groups = [[aid for aid in g if store.has_article(aid)] for g in groups]
    groups = [g for g in groups if g]
    covered = {aid for g in groups for aid in g}
    touched = list(dict.fromkeys(sid for aid in sorted(covered) if (sid := store.story_of(aid))))
    extras = sorted({aid for sid in touched for aid in store.story_members(sid)} - covered)
    vectors, days, heads = _vectors(store, c, sorted(covered) + extras, config)
    parts = [list(g) for g in groups]
    svs = []
    for g in parts:
        sv = StoryVector()
        for aid in g:
            sv.add(vectors[aid], days[aid], config, heads[aid])
        svs.append(sv)
    for aid in extras:
        # no bar here: the article has to go somewhere, and these are the stories it was in
        best = max(range(len(parts)), key=lambda i: (svs[i].similarity(vectors[aid]), -i))
        parts[best].append(aid)
        svs[best].add(vectors[aid], days[aid], config, heads[aid])
    for sid in touched:
        store.delete_story(c, sid)  # cascades to memberships and the story index
    taken: set[str] = set()
    stories = []
    for g, sv in zip(parts, svs):
        sid = next((x for x in [story_id_for(g)] + [story_id_for([aid]) for aid in sorted(g)]
                    if x not in taken and store.get_story(x) is None), None)
        if sid is None:  # every article's id is in use by another story: unheard of, but never reuse one
            sid = story_id_for(["+".join(sorted(g))])
        taken.add(sid)
        stories.append(_build_and_put(store, c, sid, g, max_events, reanalyse))
        write_index(store, c, sid, sv, config)
    return stories


def _vectors(store, c, article_ids: list[str], config: GroupingConfig):
    """Unit vectors, ordinal days and headline words of articles, from their stored terms
    (computed and counted now for any article that has none, as ``storyline add`` would)."""
    stored = store.get_article_terms(article_ids)
    for aid in article_ids:
        if aid not in stored:
            art = store.get_article(aid)
            f = article_features(art, store.get_analysis(aid), config)
            store.put_article_terms(c, aid, f.published, f.counts)
            store.add_doc_freq(c, similarity_terms(f.counts))
            stored[aid] = (f.published, f.counts)
    df, n = store.get_doc_freq(t for _, counts in stored.values() for t in similarity_terms(counts))
    docfreq = DocFreq(df, n)
    vectors = {aid: vectorise(counts, docfreq, config, min_df=1) for aid, (_, counts) in stored.items()}
    days = {aid: _day(published) for aid, (published, _) in stored.items()}
    heads = {aid: headline_words(counts) for aid, (_, counts) in stored.items()}
    return vectors, days, heads


class CorrectionResult:
    """What a correction (or an undo) did: its number, the stories rebuilt, reports written."""

    __slots__ = ("number", "stories", "outputs")

    def __init__(self, number: int, stories: list[Story], outputs: dict[str, str] | None = None):
        self.number = number
        self.stories = stories
        self.outputs = outputs or {}

    def to_dict(self) -> dict:
        """JSON-ready: the correction's number and a short record of each story rebuilt."""
        return {"correction": self.number,
                "stories": [{"id": s.id, "title": s.title, "n_articles": len(s.articles), "articles": list(s.articles),
                             "url": f"/api/stories/{s.id}"} for s in self.stories]}
