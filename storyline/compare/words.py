"""The claim extractor's word lists, kept as data: ``words/<name>.txt``, one entry a line.

Lists of news vocabulary change more often than the code that reads them and are easier to
review as plain lines; each list lives in one file and is loaded once. Lines starting with
``#`` are comments.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FOLDER = Path(__file__).with_name("words")


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``words/<name>.txt``, lower-cased."""
    lines = (FOLDER / f"{name}.txt").read_text("utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#"))
