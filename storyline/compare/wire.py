"""Wire copies and syndication (first version: none found)."""

from __future__ import annotations

from storyline.model import Article, WireGroup


def find_wire_groups(articles: list[Article]) -> list[WireGroup]:
    return []


def independence_keys(articles: list[Article], groups: list[WireGroup]) -> dict[str, str]:
    """Map article id -> key of its independent source (copies share one key)."""
    keys = {a.id: a.id for a in articles}
    for g in groups:
        for a in g.articles:
            keys[a] = g.articles[0]
    return keys
