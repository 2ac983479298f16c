"""Does the clause around a time expression speak of the past or the future?

News resolves "Friday" or "Dec. 7" (no year) by tense: "said Friday" is last Friday, "will
meet Friday" the next one, "will be paid Dec. 14" this December. This module guesses the
tense from the words around the span, by the nearest cue, with a few news habits:

* a cue right before the time wins ("said Friday", "effective Feb. 1", "through January");
* "will be paid" is future although "paid" ends in -ed; "had been scheduled to" is past
  although "scheduled" looks ahead;
* a reporting verb ("said") only counts when it is next to the time: in "said it will
  close the plant in May" the time belongs to the reported clause.

With a spaCy Doc, the governing verb's tense and auxiliaries are asked first.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from storyline import words as wordlists

_IRREGULAR_PAST = wordlists.alternation("irregular_past_forms")
_PAST_RX = re.compile(rf"\b(?:{_IRREGULAR_PAST}|[a-z]{{3,}}ed)\b")
_FUTURE_RX = re.compile(r"\b(?:" + wordlists.alternation("future_cues") + r")\b", re.I)
_REPORTING = wordlists.words("reported_past_forms")
_NOT_PAST = wordlists.words("not_past_ed_words")
# A time right after these words lies ahead ("effective Feb. 1", "extended to Nov. 20", "through January").
_IMMEDIATE_FUTURE = re.compile(
    r"\b(?:" + wordlists.alternation("future_lead_ins") + r")\s+(?:on\s+|at\s+|in\s+|the\s+)?$", re.I)
# ... and right after these, behind ("said Friday", "since June").
_IMMEDIATE_PAST = re.compile(
    r"\b(?:" + wordlists.alternation("past_lead_ins") + r")\s+(?:on\s+|in\s+|at\s+|late\s+|early\s+)?$", re.I)
_CLAUSE_BREAK = re.compile(r";|\s—\s|\s--\s|\bbut\b|\bwhile\b|\bwhereas\b|\bafter\b|\bbefore\b|\bwhen\b|\bsaid\b", re.I)


def _classify_past(word: str, prefix: str) -> str | None:
    """A past-looking verb: past, or future ("will be paid"), or nothing ("is expected", "to be")."""
    if re.search(r"\b(?:will|would|['’]ll|shall|wo)\s+(?:not\s+)?(?:\w+\s+){0,2}$", prefix, re.I):
        return "future"
    if re.search(r"\b(?:is|are|am|be|being|to)\s+(?:\w+\s+)?$", prefix, re.I):
        return None
    return "past"


def _classify_future(prefix: str) -> str:
    """A forward-looking cue is past when it is itself in the past ("had been scheduled to")."""
    if re.search(r"\b(?:had|was|were|previously|originally|initially|once)\s+(?:\w+\s+){0,3}$", prefix, re.I):
        return "past"
    return "future"


class Tense:
    """Callable: ``tense(start, end) -> "past" | "future" | None`` for a span of ``text``."""

    def __init__(self, text: str, starts: list[int], doc: Any = None):
        self.text = text
        self.starts = starts
        self.doc = doc

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        lo = self.starts[max(i, 0)]
        hi = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return lo, hi

    def __call__(self, start: int, end: int) -> str | None:
        if self.doc is not None:
            t = self._from_doc(start, end)
            if t is not None:
                return t
        return self._from_text(start, end)

    def _from_text(self, start: int, end: int) -> str | None:
        lo, hi = self.sentence_bounds(start)
        before = self.text[max(lo, start - 100) : start]
        after = self.text[end : min(hi, end + 60)]
        if _IMMEDIATE_FUTURE.search(before[-40:]):
            return "future"
        if _IMMEDIATE_PAST.search(before[-30:]):
            return "past"
        breaks = list(_CLAUSE_BREAK.finditer(before))
        if breaks:
            before = before[breaks[-1].end() :]
        m_after = _CLAUSE_BREAK.search(after)
        if m_after:
            after = after[: m_after.start()]
        best: tuple[int, str] | None = None

        def consider(dist: int, label: str | None) -> None:
            nonlocal best
            if label is not None and (best is None or dist < best[0]):
                best = (dist, label)

        for m in _FUTURE_RX.finditer(before):
            weak = m.group(0).lower().startswith("to ")
            consider(len(before) - m.end() + (10 if weak else 0), _classify_future(before[: m.start()]))
        for m in _PAST_RX.finditer(before):
            word = m.group(0)
            if word in _NOT_PAST:
                continue
            dist = len(before) - m.end()
            if word in _REPORTING and dist > 4:
                continue
            consider(dist, _classify_past(word, before[: m.start()]))
        for m in _FUTURE_RX.finditer(after):
            if m.group(0).lower().startswith("to "):
                continue
            consider(m.start() + 8, _classify_future(after[: m.start()]))
        for m in _PAST_RX.finditer(after):
            word = m.group(0)
            if word in _NOT_PAST or word in ("ago", "earlier", "previously", "yesterday"):
                continue
            consider(m.start() + 8, _classify_past(word, after[: m.start()]))
        return best[1] if best else None

    def _from_doc(self, start: int, end: int) -> str | None:
        try:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                return None
            tok = span.root
            for _ in range(6):
                if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                    break
                tok = tok.head
            if tok.pos_ not in ("VERB", "AUX"):
                return None
            auxes = [ch for ch in tok.children if ch.dep_ in ("aux", "auxpass")]
            if any(a.lower_ in ("will", "'ll", "shall", "wo", "would", "going") for a in auxes):
                return "future"
            if tok.lower_ in _REPORTING:
                return None  # the time may belong to the reported clause; let the text decide
            if "Past" in tok.morph.get("Tense") and tok.tag_ == "VBD":
                return "past"
            if any("Past" in a.morph.get("Tense") for a in auxes):
                return "past"
        except (AttributeError, ValueError, IndexError):
            return None
        return None
