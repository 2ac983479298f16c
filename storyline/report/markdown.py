"""report.md: the same report for reading in a terminal or a code host."""

from __future__ import annotations

from typing import Any

from storyline.progress import counted
from storyline.report.facts import who_says, wire_facts
from storyline.report.windows import window_words


def _esc(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _when(e: dict[str, Any]) -> str:
    """An event's date with its precision, or the window its evidence allows."""
    if e.get("date"):
        return f"{e['date']} ({e.get('precision') or '-'})"
    return window_words(e.get("earliest"), e.get("latest"))


def _timeline(s: dict[str, Any], arts: dict[str, Any]) -> list[str]:
    """The timeline: dated lines in date order, then the undated ones with the window their
    evidence allows, apart (a window is not a date); how many of the story's events it shows."""
    lines = s["timeline"]
    every = s.get("events") or lines
    shown = "every event" if len(lines) >= len(every) else (
        f"the {len(lines)} key events of {len(every)} (all of them: `events` in report.json, or `--all-events`)")
    out = ["### Timeline", "", f"Showing {shown}.", ""]
    for title, rows in (("", [e for e in lines if e.get("date")]), ("Not dated: known only within a window", [e for e in lines if not e.get("date")])):
        if not rows:
            continue
        if title:
            out += [f"**{title}.**", ""]
        out += ["| date | event | sources |", "|---|---|---|"]
        for e in rows:
            src = ", ".join(f"{arts.get(x, {}).get('outlet') or x}" for x in e["sources"])
            out.append(f"| {_when(e)} | {_esc(e['text'])} | {_esc(src)} |")
        out.append("")
    return out


def _made(x) -> str:
    """When an expectation was reported: its article's date, or the window it was published in."""
    if x.made:
        return x.made
    if x.made_earliest or x.made_latest:
        return window_words(x.made_earliest, x.made_latest)
    return "?"


def _condition(text: str) -> str:
    """A step's condition as a clause: "if your subscription has lapsed" as the article put it,
    "when <phrase>" for a bare phrase ("when the deal closes" stays as it is)."""
    from storyline import words as wordlists

    first = text.split()[0].lower() if text.split() else ""
    if first in wordlists.words("condition_marks") | wordlists.words("time_clause_openers"):
        return first + text[len(first):]
    return f"when {text}"


def _bound(bound) -> str:
    """When a step is due, as the article said it and as a date when it names one: "(by next
    week: week of 5 Feb 2018)", "(by soon)"; never a TIMEX code ("FUTURE_REF")."""
    from storyline.report.html import format_date

    if bound is None or not (bound.text or bound.value):
        return ""
    when = format_date(bound.value, bound.precision) if bound.value else ""
    said = bound.text or ""
    if said and when and when.lower() != said.lower():
        return f" (by {said}: {when})"
    return f" (by {said or when})" if (said or when) else ""


def _whats_next(s: dict[str, Any]) -> list[str]:
    """Open and overdue expectations (newest first, each step once), then the fulfilled ones
    with the timeline event that fulfilled them."""
    from storyline.expectations.followup import whats_next
    from storyline.store.sqlite import story_from_dict

    # "related" is the report's addition to a story's record, not a Story field.
    story = story_from_dict({k: v for k, v in s.items() if k != "related"})
    events = {e.id: e for e in story.events + story.timeline}
    out = ["### What happens next", ""]
    for x in whats_next(story.expectations):
        bound = _bound(x.bound)
        cond = f" — {_condition(x.condition)}" if x.condition else ""
        subject = f"{x.subject}: " if x.subject else ""
        out.append(f"- **{x.status}** — {_esc(subject + x.what)}{bound}{_esc(cond)} "
                   f"[{x.certainty}; {_esc(x.attributed_to or 'unattributed')}; reported {_made(x)} in {x.article}]")
    done = [x for x in story.expectations if x.status == "fulfilled"]
    if done:
        out += ["", "Fulfilled:", ""]
        for x in done:
            ev = events.get(x.fulfilled_by or "")
            what = f"{_esc(ev.text)} ({ev.date or '?'}; {', '.join(ev.sources)})" if ev else (x.fulfilled_date or "?")
            out.append(f"- {_esc(x.what)} [{x.article}] → {what}")
    out.append("")
    return out


def render_markdown(report: dict[str, Any]) -> str:
    """Stories first (summary, timeline, claims, what's next), then articles and rejections."""
    arts = {a["id"]: a for a in report["articles"]}
    out: list[str] = ["# Storyline report", "",
                      f"{counted(len(report['articles']), 'article')}, {counted(len(report['stories']), 'story', 'stories')}, "
                      f"{counted(len(report['rejected']), 'input')} rejected. Generated {report['generated']}.", ""]
    for s in report["stories"]:
        out += [f"## {s['title']}", ""]
        out.append(counted(len(s['articles']), 'article') + (f", {s.get('first')} to {s.get('last')}" if s.get("first") else "") + ".")
        out.append("")
        if s.get("summary"):
            out += ["**Summary.** " + s["summary"], ""]
        if s["timeline"]:
            out += _timeline(s, arts)
        if s.get("comparison"):
            out += ["### Claims compared", "", "| subject | status | outlets | independent sources |", "|---|---|---|---|"]
            for c in s["comparison"]:
                out.append(f"| {_esc(c['subject'])} | {c['status']} | {_esc(', '.join(o or '?' for o in c['outlets']))} | {c['independent_sources']} |")
            out.append("")
        if s["claims"]:
            out += ["### Claims", "", "| subject | value | attributed to | article | date |", "|---|---|---|---|---|"]
            for c in s["claims"]:
                who = who_says(c.get("attributed_to"), c.get("outlet")) + (" (anonymous)" if c.get("anonymous") else "")
                out.append(f"| {_esc(c['subject'])} | {_esc(str(c['value']))} {_esc(c.get('unit') or '')} | {_esc(who)} | {c['article']} | {c.get('date') or ''} |")
            out.append("")
        exps = s.get("expectations") or []
        if exps:
            out += _whats_next(s)
        wire = [w for w in map(wire_facts, s.get("wire") or []) if w]
        if wire:
            out += ["### Wire copies and reprints", ""]
            for w in wire:
                line = []
                if w["articles"]:
                    line.append(", ".join(w["articles"]) + (f" credit {w['wire']}" if w["wire"] else ""))
                if w["partial"]:
                    line.append(", ".join(w["partial"]) + (f" credit {w['wire']} for part of the text" if w["wire"] else " in part"))
                if w["compared"]:
                    line.append(f"compared: {w['similarity'] * 100:.0f}% alike, counted as one independent source")
                out.append("- " + "; ".join(line))
            out.append("")
    out += ["## Articles", ""]
    for a in report["articles"]:
        p = a["published"]
        out += [f"### {a.get('title') or a['id']}", "",
                f"- id: `{a['id']}`; outlet: {a.get('outlet') or 'unknown'}; byline: {a.get('byline') or '-'}",
                f"- published: {p.get('date') or window_words(p.get('earliest'), p.get('latest'), none='unknown')}"
                f" ({p.get('how') or 'not found'})",
                f"- credits: {', '.join(a['credits']) or '-'}; captions: {len(a['captions'])}; removed: {len(a['removed'])} pieces", ""]
    if report["rejected"]:
        out += ["## Rejected inputs", ""] + [f"- `{r['source']}`: {r['reason']}" for r in report["rejected"]] + [""]
    if report.get("skipped"):
        out += ["## Pages skipped (not news articles)", ""] + [
            f"- `{s['source']}`: {s['reason']}" for s in report["skipped"]] + [""]
    return "\n".join(out)
