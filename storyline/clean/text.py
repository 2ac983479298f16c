"""Boilerplate removal for plain text as scraped (no markup to tell article from page).

First version: title, date line, paragraphs. Refined in later commits with general signals
(position, length, punctuation, stop-word density, link-list shape, repetition, cue phrases).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.clean.dates import is_dateline
from storyline.model import Removed


@dataclass(slots=True)
class TextParts:
    title: str | None = None
    standfirst: str | None = None
    dateline: str | None = None
    date: str | None = None
    byline: str | None = None
    outlet: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


def clean_text(text: str, *, title: str | None = None, structured: bool = False) -> TextParts:
    """Split scraped text into title, date line, body paragraphs and removed pieces."""
    parts = TextParts(title=title)
    lines = [ln.strip() for ln in text.split("\n")]
    body: list[str] = []
    for ln in lines:
        if not ln:
            continue
        if parts.date is None:
            iso = is_dateline(ln)
            if iso:
                parts.date, parts.dateline = iso, ln
                parts.removed.append(Removed(ln, "dateline"))
                continue
        if parts.title is None and not body and not ln.endswith(".") and len(ln) < 200:
            parts.title = ln
            continue
        body.append(ln)
    parts.paragraphs = body
    return parts
