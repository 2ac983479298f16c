"""report.html: one self-contained page (styles inline, no network needed)."""

from __future__ import annotations

import html
from typing import Any


def render_html(report: dict[str, Any]) -> str:
    """A readable page per story: summary, timeline with sources and quotes, claims, articles."""
    e = html.escape
    arts = {a["id"]: a for a in report["articles"]}
    parts = ["<!doctype html><html lang=en><head><meta charset=utf-8>",
             "<meta name=viewport content='width=device-width, initial-scale=1'>",
             "<title>Storyline report</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}"
             "li{margin:.4rem 0}.date{font-weight:600}.src{font-size:.8rem;background:#eef;border-radius:.3rem;padding:0 .3rem;margin-left:.2rem}"
             "blockquote{color:#444;border-left:3px solid #ccc;margin:.2rem 0;padding-left:.5rem}</style></head><body>",
             "<h1>Storyline report</h1>"]
    for s in report["stories"]:
        parts.append(f"<section><h2>{e(s['title'])}</h2><p>{e(s.get('summary') or '')}</p><h3>Timeline</h3><ol>")
        for ev in s["timeline"]:
            badges = "".join(f"<span class=src>{e(arts.get(x, {}).get('outlet') or x)}</span>" for x in ev["sources"])
            quotes = "".join(f"<blockquote>{e(q['quote'])}</blockquote>" for q in ev["evidence"])
            parts.append(f"<li><span class=date>{e(ev['date'] or '?')}</span> {e(ev['text'])} {badges}<details><summary>evidence</summary>{quotes}</details></li>")
        parts.append("</ol></section>")
    parts.append("<h2>Articles</h2>")
    for a in report["articles"]:
        parts.append(f"<article><h3>{e(a.get('title') or a['id'])}</h3><p>{e(a.get('outlet') or '')} {e(a['published'].get('date') or '')}</p>"
                     f"<details><summary>body</summary><p>{e(a['body'])}</p></details></article>")
    parts.append("</body></html>")
    return "".join(parts)
