"""Named entities with one canonical name per real-world thing (first version)."""

from __future__ import annotations

from storyline.model import EntityMention

KEEP = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"}


def canonical_name(text: str, label: str) -> str:
    """A normalised name: whitespace folded, leading article and possessive dropped."""
    name = " ".join(text.replace("\u2019", "'").split())
    if name.lower().startswith("the "):
        name = name[4:]
    if name.endswith("'s"):
        name = name[:-2]
    return name


def entity_mentions(doc) -> list[EntityMention]:
    return [
        EntityMention(e.text, e.start_char, e.end_char, e.label_, canonical_name(e.text, e.label_))
        for e in doc.ents
        if e.label_ in KEEP
    ]
