"""The claim extractor's word lists, kept as data: ``words/<name>.txt``, one entry a line.

Lists of news vocabulary change more often than the code that reads them and are easier to
review as plain lines; each list lives in one file and is loaded once. Lines starting with
``#`` are comments.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from storyline.words import read_list

FOLDER = Path(__file__).with_name("words")


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``words/<name>.txt``, lower-cased."""
    return frozenset(line.lower() for line in read_list(FOLDER / f"{name}.txt"))
