"""A story's change sets as an Atom feed (RFC 4287), so any feed reader can follow a story.

One entry per change set (one add that changed what a reader sees), newest first; its
content lists the changes in plain lines, each new event with its date and outlets.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from storyline.versions import __version__
from storyline.stories.changes import describe


def _iso(t: float) -> str:
    return dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(story_id: str, title: str, changes: list[dict], *, page_url: str, self_url: str,
              updated: float | None = None) -> str:
    """The Atom document of one story's change sets (``changes`` newest first, as the store gives them)."""
    from storyline.watch import summary

    import time

    # A feed's updated is its newest change; a story without any yet is as of now.
    newest = max([c["at"] for c in changes] + ([updated] if updated else []), default=time.time())
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<id>urn:storyline:story:{escape(story_id)}</id>",
           f"<title>{escape(title or story_id)}: what changed</title>",
           f"<updated>{_iso(newest)}</updated>",
           f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_url)}/>",
           f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(page_url)}/>",
           "<author><name>Storyline</name></author>",
           f"<generator version={quoteattr(__version__)}>Storyline</generator>"]
    for c in changes:
        lines = describe(c)
        html = "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"
        out += ["<entry>",
                f"<id>urn:storyline:story:{escape(story_id)}:change:{int(c['id'])}</id>",
                f"<title>{escape(summary(c))}</title>",
                f"<updated>{_iso(c['at'])}</updated>",
                f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(page_url)}/>",
                f"<summary>{escape('; '.join(lines))}</summary>",
                f"<content type=\"html\">{escape(html)}</content>",
                "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"
