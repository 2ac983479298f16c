"""Ordering and ranking merged events into a timeline (first version)."""

from __future__ import annotations

from storyline.model import Event


def build_timeline(events: list[Event], max_events: int | None = None) -> list[Event]:
    ranked = sorted(events, key=lambda e: -len(e.sources))
    if max_events:
        ranked = ranked[:max_events]
    return sorted(ranked, key=lambda e: (e.date or "9999", -e.importance))
