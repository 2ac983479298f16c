"""Claims carrying figures, and their comparison within a story (first version)."""

from __future__ import annotations

from storyline.model import Article, ArticleAnalysis, Claim, ClaimComparison, WireGroup


def extract_claims(article: Article, doc, analysis: ArticleAnalysis) -> list[Claim]:
    return []


def compare_claims(claims: list[Claim], articles: dict[str, Article], independent: dict[str, str]) -> list[ClaimComparison]:
    return []
