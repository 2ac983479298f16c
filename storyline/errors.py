"""One base class for every error Storyline raises on purpose.

Subclasses also inherit the matching built-in exception, so callers that catch
``ValueError`` or ``OSError`` keep working. Each message names the input and what to do.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class: the CLI prints these as one line, without a traceback."""


class InputError(StorylineError, ValueError):
    """An input could not be read or used (bad format, too big, empty...)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(StorylineError, OSError):
    """The store could not be opened, migrated or written."""


class ConfigError(StorylineError, ValueError):
    """An option or argument is invalid."""


class EvalDataError(StorylineError, FileNotFoundError):
    """An evaluation folder is missing or not in the expected layout."""
