"""The event stages' word lists, read once from the data files beside this module.

Rules as data: a list is edited in its file, not in the code that uses it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from storyline.words import read_list


def _lines(name: str) -> tuple[str, ...]:
    return read_list(Path(__file__).with_name("data") / name)


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """A one-entry-per-line list (lower case)."""
    return frozenset(line.lower() for line in _lines(name))


@functools.cache
def word_classes(name: str) -> dict[str, frozenset[str]]:
    """Named classes, one per line: ``name: word word ...``."""
    out: dict[str, frozenset[str]] = {}
    for line in _lines(name):
        key, _, words = line.partition(":")
        out[key.strip()] = frozenset(w.lower() for w in words.split())
    return out
