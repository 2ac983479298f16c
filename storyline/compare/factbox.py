"""Fact boxes: "Height: 70 meters (229.6 feet) Mass: 1,420,788kg (3,125,735 lb)".

Many outlets set the key measurements of a rocket, a ship or a building in a box of
"Label: value" lines under a capitalised heading ("THE FALCON HEAVY"). The box has no verb,
so the prose reader passes it by, yet each line is a figure a fact-checker would list: the
label says what is measured and the heading whose it is.

Only lines whose value is a measurement in a unit of ``words/metric_units.txt`` (printed
first, or in brackets after an imperial figure) are read: a label with a bare count
("Engines: 27", "Stages: 2") says too little about what is counted to be compared on its
own, and units the project does not know ("22,819 kilonewtons") would be compared as
printed beside other systems. A paragraph needs two such labels or more to be a box, so a
sentence that only happens to hold a colon ("Death toll: 7") is not taken for one.
"""

from __future__ import annotations

import re

from storyline.compare.units import metric_figure
from storyline.compare.words import words

# A label: up to five words, the first capitalised ("Payload to LEO", "Total width").
_LABEL = re.compile(r"(?:(?<=\s)|^)(?P<label>[A-Z][a-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,4}):\s+(?=\d)")
# A heading before the first label: words in capitals ("THE FALCON HEAVY").
_HEADING = re.compile(r"^\s*(?P<head>(?:[A-Z0-9][A-Z0-9'&.-]*\s+){1,6})(?=[A-Z][a-z])")
_PAREN = re.compile(r"^(?P<main>[^()]+?)\s*(?:\((?P<other>[^()]*)\))?\s*$")
MIN_LABELS = 2


def entries(text: str) -> list[tuple[str, int, int, str]]:
    """(label, start, end, value text) of each "Label: value" of a box, in order; [] when the
    text is not a box (fewer than two labels)."""
    found = list(_LABEL.finditer(text))
    if len(found) < MIN_LABELS:
        return []
    out = []
    for m, nxt in zip(found, found[1:] + [None]):
        end = nxt.start() if nxt is not None else len(text)
        out.append((m.group("label"), m.start(), end, text[m.end():end].strip()))
    return out


def heading(text: str) -> str | None:
    """Whose measurements the box gives: its heading in capitals, in title case without "The"
    ("THE FALCON HEAVY" -> "Falcon Heavy"); None when the box has none."""
    m = _HEADING.match(text)
    if not m:
        return None
    words = m.group("head").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(w.capitalize() if w.isalpha() else w for w in words) or None


def measurement(value: str) -> tuple[float, str | None, str, str | None] | None:
    """(value, qualifier, metric unit, the other system as printed) of a box value such as
    "70 meters (229.6 feet)" or "140,000 pounds (63,500kg)"; None when neither figure is a
    metric measurement."""
    m = _PAREN.match(value.strip().rstrip(".;,"))
    if not m:
        return None
    main, other = m.group("main").strip(), (m.group("other") or "").strip() or None
    first = metric_figure(main)
    if first is not None:
        return (*first, other)
    if other is not None:
        second = metric_figure(other)
        if second is not None:
            return (*second, main)
    return None


def label_words(label: str) -> str:
    """A label as a subject: without a leading "total" or "overall", its first word in lower
    case unless an acronym ("Payload to Mars" -> "payload to Mars", "Total width" -> "width")."""
    parts = label.split()
    while len(parts) > 1 and parts[0].lower() in words("label_fillers"):
        parts = parts[1:]  # "Total width" is the width a sentence gives as "40 feet wide"
    first, _, rest = " ".join(parts).partition(" ")
    first = first if first.isupper() and len(first) > 1 else first.lower()
    return f"{first} {rest}".strip()
