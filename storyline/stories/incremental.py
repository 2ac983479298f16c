"""Incremental add (first version: regroup everything)."""

from __future__ import annotations

from storyline.model import Article, Story


def add_to_store(store, articles: list[Article], *, max_events: int | None = None) -> list[Story]:
    from storyline.pipeline import regroup_all

    ids = {a.id for a in articles}
    return [s for s in regroup_all(store, max_events=max_events) if ids & set(s.articles)]
