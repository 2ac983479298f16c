"""Storyline: from raw news articles to cited, dated, source-compared story timelines."""

from __future__ import annotations

__version__ = "0.1.0"

from storyline.api import add, analyse, run  # noqa: E402
from storyline.errors import StorylineError  # noqa: E402

__all__ = ["__version__", "run", "add", "analyse", "StorylineError"]
