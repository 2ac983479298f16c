"""Neutral summary per story (first version)."""

from __future__ import annotations

from storyline.model import Article, Story, SummarySentence


def summarise(story: Story, articles: dict[str, Article]) -> list[SummarySentence]:
    top = sorted(story.timeline, key=lambda e: -e.importance)[:3]
    return [SummarySentence(text=e.text, sources=list(e.sources), kind="attributed") for e in sorted(top, key=lambda e: e.date or "")]
