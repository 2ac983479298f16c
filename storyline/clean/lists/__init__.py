"""Word and phrase lists of the clean stage, one entry per line in ``<name>.txt``.

Lines starting with ``#`` are comments; entries are compared in lower case. One loader for
every list, so that a list is defined once and read the same way everywhere.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from storyline.words import read_list

_HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The entries of list ``name`` (lower case, in file order, without comments or blanks)."""
    out: list[str] = []
    for line in read_list(_HERE / f"{name}.txt"):
        out.append(" ".join(line.split()).lower())
    return tuple(out)
