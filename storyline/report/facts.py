"""What a wire group lets a report say, shared by the report formats (kept out of the
package's __init__, which imports the formats: no import cycle)."""

from __future__ import annotations

from typing import Any


def wire_facts(group: dict[str, Any]) -> dict[str, Any] | None:
    """What a wire group lets a report say, or None when it says nothing: who credits the
    wire (a credit line, in whole or in part) and which copies were compared with how alike
    they are. A similarity figure is shown only where two or more texts were compared."""
    articles = [a for a in group.get("articles") or [] if isinstance(a, str)]
    partial = [a for a in group.get("partial") or [] if isinstance(a, str)]
    how = str(group.get("how") or "")
    credited = bool(group.get("wire"))
    compared = "text" in how and len(articles) >= 2 and isinstance(group.get("similarity"), (int, float))
    if not (articles or partial) or not (credited or compared):
        return None
    return {"articles": articles, "partial": partial, "wire": group.get("wire") if credited else None,
            "compared": compared, "similarity": group.get("similarity") if compared else None}


def who_says(attributed_to: str | None, outlet: str | None) -> str:
    """Whom a claim is shown as coming from: its named or described source, else the outlet
    that reports it on its own account ("The Moscow Times, in its own reporting"), never
    "unattributed" when the outlet is known."""
    if attributed_to:
        return attributed_to
    return f"{outlet}, in its own reporting" if outlet else "the article's own reporting (outlet unknown)"
