"""Outlet x event coverage (first version)."""

from __future__ import annotations

from storyline.model import Article, Event


def coverage(timeline: list[Event], articles: list[Article]) -> dict:
    outlets = sorted({a.outlet or a.id for a in articles})
    by_id = {a.id: a for a in articles}
    rows = []
    for e in timeline:
        have = {by_id[s].outlet or s for s in e.sources if s in by_id}
        rows.append({"event": e.id, "outlets": {o: o in have for o in outlets}})
    return {"outlets": outlets, "events": rows}
