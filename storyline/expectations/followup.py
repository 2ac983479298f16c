"""Matching expectations against later events (first version: all open)."""

from __future__ import annotations

from storyline.model import Article, Event, Expectation


def follow_up(expectations: list[Expectation], timeline: list[Event], articles: dict[str, Article]) -> list[Expectation]:
    return expectations
