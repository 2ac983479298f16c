"""What changed in a story when articles were added: one change set per add.

A reader following a story wants "two new events, the troop figure revised from 3,000 to
11,000, the vote announced for next week took place, one more outlet", not a new timeline
to compare by eye. :func:`change_set` compares the story as it was (the stored record)
with the story rebuilt after the add, on what the reader sees:

- new events: lines of the key-event view (``Story.timeline``, see
  ``timeline.build.key_events``) that match no line of the old view and are told by an
  added article or were not in the old story at all (an older article's sentence that the
  added ones made placeable), so a line that only moved back into the view is not news;
- dates made more precise: a line matching an old event whose date now has a finer
  precision inside the old date's span (a date that moved elsewhere is not a refinement,
  and is left out rather than guessed at);
- figures revised: a compared subject (``Story.comparison``) whose figures evolve over time
  and whose latest figure changed, the new one coming from an added article, with both
  sides' sources (figures that disagree at one time are a conflict instead);
- conflicts that appeared or were resolved (the comparison's status);
- next steps fulfilled, gone overdue, or newly announced (``Story.expectations``);
- outlets that had not covered the story before.

Events are matched across rebuilds by their evidence (article, start, end): event ids are
numbered afresh each build, but a happening keeps the sentences that told it. A line is the
same as an old one when it holds the sentence the old line was told from (its headline
sentence), or the old line holds its own: sharing any sentence is not enough, because a
merge that a new article splits apart leaves pieces that share sentences with the old
line while telling other happenings.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.model import Article, ClaimComparison, Event, Story

# Coarse to fine; a precision missing here (None, unknown words) ranks lowest.
PRECISION_RANK = {"century": 1, "decade": 2, "year": 3, "half": 4, "season": 4, "quarter": 4,
                  "month": 5, "week": 6, "day": 7}
FIGURE_KINDS = {"figure", "tally"}
KINDS = ("new_events", "dates_refined", "figures_revised", "conflicts_appeared", "conflicts_resolved",
         "steps_fulfilled", "steps_overdue", "steps_announced", "new_outlets")


def _spans(e: Event) -> set[tuple[str, int, int]]:
    return {(x.article, x.start, x.end) for x in e.evidence}


_WORD = re.compile(r"\w+")


def _headline(e: Event) -> tuple[str, int, int] | None:
    """The evidence the line was told from: the sentence sharing most words with its text."""
    said = set(_WORD.findall(e.text.lower()))
    best = max(e.evidence, key=lambda x: len(said & set(_WORD.findall(x.quote.lower()))), default=None)
    return (best.article, best.start, best.end) if best else None


class _Line:
    """An event with what matching needs, computed once: its evidence spans and headline."""

    __slots__ = ("event", "spans", "headline")

    def __init__(self, event: Event):
        self.event, self.spans, self.headline = event, _spans(event), _headline(event)

    def same(self, other: _Line) -> bool:
        """Whether two lines (of two builds) tell one happening: one holds the other's headline sentence."""
        return other.headline in self.spans or self.headline in other.spans


def _rank(precision: str | None) -> int:
    return PRECISION_RANK.get(precision or "", 0)


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _within(new: Event, old: Event) -> bool:
    """Whether ``new``'s date lies inside the span ``old``'s date (or bounds) covered."""
    if not new.date:
        return False
    if not old.date and not (old.earliest or old.latest):
        return True  # undated before: any date is more precise
    # The new span in ISO days: its bounds, else its date when that is a day.
    first = (new.earliest or new.date)[:10]
    last = (new.latest or new.date)[:10]
    if not (_DAY.match(first) and _DAY.match(last)):
        return False  # a week or season without bounds: cannot tell, so no refinement is claimed
    if old.earliest or old.latest:
        return (not old.earliest or first >= old.earliest[:10]) and (not old.latest or last <= old.latest[:10])
    # An ISO prefix ("2024-11") covers every day that starts with it.
    return first.startswith(old.date) and last.startswith(old.date)


def _event(e: Event, added: set[str]) -> dict[str, Any]:
    return {"event": e.id, "date": e.date, "precision": e.precision, "text": e.text,
            "outlets": list(e.outlets), "articles": sorted({x.article for x in e.evidence} & added)}


def _latest(cmp: ClaimComparison) -> dict[str, Any] | None:
    return cmp.values[-1] if cmp.values else None


def _figure_subject(cmp: ClaimComparison, kinds: dict[str, str]) -> bool:
    return bool(cmp.claims) and all(kinds.get(c) in FIGURE_KINDS for c in cmp.claims)


def _side(v: dict[str, Any]) -> dict[str, Any]:
    return {"value": v.get("value"), "shown": v.get("shown"), "date": v.get("date"),
            "outlets": list(v.get("outlets") or []), "attributed_to": list(v.get("attributed_to") or []),
            "claims": list(v.get("claims") or [])}


def change_set(old: Story | None, new: Story, added: list[str], articles: dict[str, Article]) -> dict[str, Any]:
    """What ``new`` (the story after adding the articles ``added``) tells that ``old`` (the
    story before, None when the add started it) did not. ``articles`` holds at least the
    new story's articles. Every list is empty when nothing changed that a reader would see."""
    added_set = set(added) & set(new.articles)
    old = old or Story(id=new.id, title="", articles=[])
    out: dict[str, Any] = {"story": new.id, "title": new.title, "began": not old.articles,
                           "articles": sorted(added_set)}
    for kind in KINDS:
        out[kind] = []

    # Events: the view against the old view (new lines), and against every old event (dates).
    old_view = [_Line(o) for o in old.timeline]
    old_any = old_view + [_Line(o) for o in old.events]
    for e in new.timeline:
        line = _Line(e)
        told_now = {s[0] for s in line.spans} & added_set
        in_view = any(line.same(o) for o in old_view)
        known = in_view or any(line.same(o) for o in old_any)
        # New to the reader: told by an added article, or not in the story before at all (an
        # older article's line the added ones made placeable, e.g. by dating its article).
        if not in_view and (told_now or not known):
            out["new_events"].append(_event(e, added_set))
            continue
        # A line known before (in the view, or in the full list and now placed in the view
        # because it gained a date) whose date got finer.
        before = next((o.event for o in old_any if line.same(o)), None)
        if before is not None and _rank(e.precision) > _rank(before.precision) and _within(e, before):
            out["dates_refined"].append({**_event(e, added_set), "old_date": before.date,
                                         "old_precision": before.precision})

    # Claims compared: figures revised, conflicts appeared or resolved.
    kinds = {c.id: c.kind for c in list(old.claims) + list(new.claims)}
    old_cmp = {c.subject: c for c in old.comparison}
    added_claims = {c.id for c in new.claims if c.article in added_set}
    for cmp in new.comparison:
        before = old_cmp.get(cmp.subject)
        if before is None:
            continue
        now, then = _latest(cmp), _latest(before)
        # Revised: the comparison says the figure moved over time ("evolving"); figures that
        # disagree at one time are a conflict, not a revision.
        if (now and then and cmp.status == "evolving" and _figure_subject(cmp, kinds)
                and now.get("value") != then.get("value") and set(now.get("claims") or []) & added_claims):
            out["figures_revised"].append({"subject": cmp.subject, "old": _side(then), "new": _side(now)})
        if cmp.status == "conflict" and before.status != "conflict":
            out["conflicts_appeared"].append({"subject": cmp.subject, "values": [_side(v) for v in cmp.values],
                                              "note": cmp.note})
        elif before.status == "conflict" and cmp.status != "conflict":
            out["conflicts_resolved"].append({"subject": cmp.subject, "status": cmp.status,
                                              "values": [_side(v) for v in cmp.values], "note": cmp.note})

    # Next steps: by id (the id of an expectation is its article's, so it survives rebuilds).
    old_x = {x.id: x for x in old.expectations}
    texts = {e.id: e.text for e in new.events}
    for x in new.expectations:
        step = {"expectation": x.id, "what": x.what, "text": x.text, "certainty": x.certainty,
                "attributed_to": x.attributed_to, "bound": x.bound.value if x.bound else None}
        was = old_x.get(x.id)
        if was is None:
            if x.article in added_set:
                out["steps_announced"].append(step)
            continue
        if x.status == was.status:
            continue
        if x.status == "fulfilled":
            out["steps_fulfilled"].append({**step, "date": x.fulfilled_date, "event": x.fulfilled_by,
                                           "by": texts.get(x.fulfilled_by or ""), "outlets": list(x.fulfilled_sources)})
        elif x.status == "overdue":
            out["steps_overdue"].append(step)

    old_outlets = {articles[a].outlet for a in old.articles if a in articles and articles[a].outlet}
    new_outlets = {articles[a].outlet for a in added_set if a in articles and articles[a].outlet}
    out["new_outlets"] = sorted(new_outlets - old_outlets)
    return out


def is_empty(changes: dict[str, Any]) -> bool:
    """Whether a change set says nothing a reader would see."""
    return not changes.get("began") and not any(changes.get(k) for k in KINDS)


def _when(e: dict[str, Any]) -> str:
    return f"{e['date']}: " if e.get("date") else ""


def describe(changes: dict[str, Any]) -> list[str]:
    """A change set in plain lines, one per change."""
    lines = []
    if changes.get("began"):
        lines.append("story began")
    for e in changes.get("new_events", []):
        lines.append(f"new event: {_when(e)}{e['text']}")
    for e in changes.get("dates_refined", []):
        lines.append(f"date more precise: {e['old_date'] or 'undated'} → {e['date']}: {e['text']}")
    for f in changes.get("figures_revised", []):
        old, new = f["old"], f["new"]
        src = lambda s: ", ".join(s["attributed_to"] or s["outlets"]) or "unattributed"  # noqa: E731
        lines.append(f"figure revised: {f['subject']}: {old['shown'] or old['value']} ({src(old)}) → "
                     f"{new['shown'] or new['value']} ({src(new)})")
    for c in changes.get("conflicts_appeared", []):
        lines.append(f"conflict appeared: {c['subject']}: " + " vs ".join(str(v["shown"] or v["value"]) for v in c["values"]))
    for c in changes.get("conflicts_resolved", []):
        lines.append(f"conflict resolved: {c['subject']} (now {c['status']})")
    for x in changes.get("steps_fulfilled", []):
        lines.append(f"next step fulfilled: {x['what']}" + (f" ({x['date']})" if x.get("date") else "")
                     + (f" — by: {x['by']}" if x.get("by") else ""))
    for x in changes.get("steps_overdue", []):
        lines.append(f"next step overdue: {x['what']}" + (f" (due {x['bound']})" if x.get("bound") else ""))
    for x in changes.get("steps_announced", []):
        lines.append(f"next step announced ({x['certainty']}): {x['what']}")
    for o in changes.get("new_outlets", []):
        lines.append(f"new outlet: {o}")
    return lines
