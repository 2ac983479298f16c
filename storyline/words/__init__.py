"""Shared word lists, kept as data: ``<name>.txt`` beside this module, one entry a line.

Reporting verbs, stopwords, wire agencies, units and cue words are read by the stages from
here; each list is defined once, in its file here, so a maintainer changes it in one place.
Where stages deliberately use different lists (a narrow set of attribution verbs against a wide
set of saying verbs), each is its own named file, and the comment at its top says why it differs. Lines starting with ``#``
are comments. ``tests/test_words.py`` fails when a module defines one of these lists again, and
when a module writes out a new list of words (a literal of five or more words, or a regular
expression with five or more word alternatives) that is not on its list of justified exceptions.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FOLDER = Path(__file__).parent


def read_list(path: Path) -> tuple[str, ...]:
    """The entries of a list file in file order: lines stripped, blank lines and ``#`` comments
    left out. Every word-list loader in the package reads its files through this."""
    lines = path.read_text("utf-8").splitlines()
    return tuple(s for s in (line.strip() for line in lines) if s and not s.startswith("#"))


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``<name>.txt`` in file order (stripped, without comments or blank lines)."""
    return read_list(FOLDER / f"{name}.txt")


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt`` as a set."""
    return frozenset(entries(name))


@cache
def alternation(name: str) -> str:
    """The entries of ``<name>.txt`` as the alternatives of a regular expression (``a|b|c``), in
    file order. For lists whose entries are written as small patterns (``thousands?``,
    ``pushed\\s+back``), so that the expression built from them is the one the module used to
    spell out; the file's header says so."""
    return "|".join(entries(name))


@cache
def table(name: str) -> dict[str, str]:
    """A ``key: value`` list as a dict, in file order (split at the first colon)."""
    out: dict[str, str] = {}
    for line in entries(name):
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


@cache
def int_table(name: str) -> dict[str, int]:
    """A ``key: number`` list as a dict of integers, in file order (``1_000`` is allowed)."""
    return {key: int(value) for key, value in table(name).items()}


@cache
def classes(name: str) -> dict[str, frozenset[str]]:
    """A list of named classes, one a line, ``class: entry, entry, ...`` (entries may be
    several words, so they are separated by commas), as a dict in file order."""
    return {key: frozenset(e.strip() for e in value.split(",") if e.strip()) for key, value in table(name).items()}
