"""Storyline: from raw news articles to cited, dated, source-compared story timelines."""

from __future__ import annotations

from storyline.versions import __version__  # noqa: E402  (a leaf module: stages import it from there)
from storyline.api import add, analyse, run  # noqa: E402
from storyline.errors import StorylineError  # noqa: E402

__all__ = ["__version__", "run", "add", "analyse", "StorylineError"]
