"""Grouping articles into stories (first version: one story for the batch)."""

from __future__ import annotations

from storyline.model import Article, ArticleAnalysis


def group_articles(articles: list[Article], analyses: dict[str, ArticleAnalysis]) -> list[list[str]]:
    return [[a.id for a in articles]] if articles else []


def story_title(articles: list[Article], analyses: dict[str, ArticleAnalysis]) -> tuple[str, list[str]]:
    titles = [a.title for a in articles if a.title]
    return (titles[0] if titles else articles[0].id), []
