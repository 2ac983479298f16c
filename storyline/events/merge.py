"""Merging event mentions across articles (first version: one event per mention)."""

from __future__ import annotations

from storyline.model import Article, Event, EventMention


def merge_events(mentions: list[EventMention], articles: dict[str, Article], independent: dict[str, str]) -> list[Event]:
    events = []
    for n, m in enumerate(mentions):
        events.append(Event(id=f"e{n}", date=m.date, precision=m.precision, text=m.text, sources=[m.article],
                            evidence=[m.evidence] if m.evidence else [], outlets=[articles[m.article].outlet or m.article]))
    return events
