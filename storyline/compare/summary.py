"""A short neutral paragraph per story, every sentence cited.

Template-based, on what the earlier stages found; no model. In order:

1. **agreed**: the most important events told by at least two independent sources, stated
   plainly; and figures or responses on which independent sources agree.
2. **attributed**: figures that changed over time, each value with who gave it and when;
   the most notable single-source claims (anonymous or hedged first), with "According to".
3. **contested**: figures on which independent sources disagree at the same time.

Nothing is stated plainly unless two independent sources (wire copies counted once) say it.
"""

from __future__ import annotations

import re

from storyline.model import Article, Claim, Story, SummarySentence

MAX_AGREED_EVENTS = 2
MAX_AGREED_CLAIMS = 1
MAX_EVOLVING = 2
MAX_CONTESTED = 1
MAX_SINGLE = 2
MAX_VALUES_SHOWN = 4
MAX_SENTENCE_CHARS = 260


def _sentence(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0]
        text = cut.rstrip(",;:") + " ..."
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in ".!?\"”'":
        text += "."
    return text


def _lower_first(text: str) -> str:
    # keep proper nouns and acronyms capitalised: only a plain first word is lowered
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and first.lower() in {"the", "a", "an", "some", "several", "up",
                                                                           "around", "about", "more", "its", "it"}:
        return text[0].lower() + text[1:]
    return text


def _who(c: Claim, articles: dict[str, Article]) -> str:
    a = articles.get(c.article)
    outlet = (a.outlet if a else None) or c.outlet
    if c.attributed_to:
        return c.attributed_to
    return outlet or "one report"


def _according(c: Claim, articles: dict[str, Article]) -> str:
    who = _who(c, articles)
    text = re.sub(r"^(?:that)\s+", "", c.text.strip())
    return _sentence(f"According to {who}, {_lower_first(text)}")


def _independent(story: Story, articles: dict[str, Article]) -> dict[str, str]:
    from storyline.compare.wire import independence_keys

    return independence_keys([articles[a] for a in story.articles if a in articles], story.wire)


def summarise(story: Story, articles: dict[str, Article]) -> list[SummarySentence]:
    """Neutral summary sentences: agreed facts plainly, the rest attributed, each cited."""
    keys = _independent(story, articles)
    claims = {c.id: c for c in story.claims}
    out: list[SummarySentence] = []

    events = sorted(story.timeline, key=lambda e: (-e.importance, e.date or ""))
    agreed = [e for e in events if len({keys.get(s, s) for s in e.sources}) >= 2][:MAX_AGREED_EVENTS]
    for e in sorted(agreed, key=lambda e: e.date or ""):
        out.append(SummarySentence(_sentence(e.text), sorted(set(e.sources)), "agreed"))
    if not agreed and events:  # nothing confirmed twice: the main event, attributed
        e = events[0]
        outlets = sorted({articles[s].outlet or s for s in e.sources if s in articles})
        out.append(SummarySentence(_sentence(f"According to {', '.join(outlets) or 'one report'}, {_lower_first(e.text)}"),
                                   sorted(set(e.sources)), "attributed"))

    comps = story.comparison
    for k in [k for k in comps if k.status == "agree"][:MAX_AGREED_CLAIMS]:
        cs = [claims[i] for i in k.claims if i in claims]
        if cs:
            best = min(cs, key=lambda c: len(c.text))
            out.append(SummarySentence(_sentence(best.text), sorted({c.article for c in cs}), "agreed"))

    for k in [k for k in comps if k.status == "evolving"][:MAX_EVOLVING]:
        cs = [claims[i] for i in k.claims if i in claims]
        rows = []
        for r in k.values:  # one step per change of value
            if rows and rows[-1]["shown"] == r["shown"]:
                continue
            rows.append(r)
        if len(rows) > MAX_VALUES_SHOWN:  # first, last, and the biggest changes between
            rows = [rows[0]] + rows[1:-1][-(MAX_VALUES_SHOWN - 2):] + [rows[-1]]
        steps = []
        for r in rows:
            who = ", ".join(r["attributed_to"][:2] or r["outlets"][:2])
            steps.append(f"{r['shown']} ({who}, {r['date'] or 'undated'})")
        sources = sorted({c.article for c in cs})
        out.append(SummarySentence(_sentence(f"Reported figures for {k.subject} changed over time: "
                                             + ", then ".join(steps), limit=2 * MAX_SENTENCE_CHARS),
                                   sources, "attributed"))

    for k in [k for k in comps if k.status == "conflict"][:MAX_CONTESTED]:
        parts = []
        cited = set()
        for conflict in k.conflicts[:2]:
            for cid, value, outlet, by in zip(conflict["claims"], conflict["values"], conflict["outlets"],
                                              conflict["attributed_to"]):
                label = f"{value} according to {by or outlet}"
                if label not in parts:
                    parts.append(label)
                    if cid in claims:
                        cited.add(claims[cid].article)
        if parts:
            out.append(SummarySentence(_sentence(f"Sources differ on {k.subject}: " + "; ".join(parts)),
                                       sorted(cited), "contested"))

    singles = [k for k in comps if k.status == "single"]

    def notable(k) -> tuple:
        cs = [claims[i] for i in k.claims if i in claims]
        anonymous = any(c.anonymous for c in cs)
        hedged = any(c.hedges for c in cs)
        figure = any(isinstance(c.value, (int, float, list)) and not isinstance(c.value, bool) for c in cs)
        return (not anonymous, not hedged, not figure, k.subject)

    for k in sorted(singles, key=notable)[:MAX_SINGLE]:
        cs = [claims[i] for i in k.claims if i in claims]
        if not cs:
            continue
        c = cs[0]
        text = _according(c, articles)
        if c.anonymous and "anonymous" not in text.lower():
            text = text[:-1] + " (an anonymous source)."
        out.append(SummarySentence(text, [c.article], "attributed"))
    return out
