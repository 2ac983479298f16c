"""Storage of articles, analyses and stories (SQLite by default)."""

from storyline.store.sqlite import Store

__all__ = ["Store"]
