"""A figure printed in two systems is compared in the metric one.

Outlets print the same quantity in either order: "140,000 pounds (63,500kg)" in one,
"63,800kg (140,660 lb)" in another. Read as the first unit each gives, they are two subjects
in two units that never meet. When the text itself gives the metric figure beside an
imperial one, the metric figure becomes the claim's value and unit, and the imperial one,
as printed, is kept in ``converted`` so the reader still sees both. Nothing is computed: a
figure given in one unit only keeps it. Which units swap is data
(``words/metric_units.txt``, ``words/imperial_units.txt``).
"""

from __future__ import annotations

import re
from functools import cache

from storyline.compare.numbers import QUALIFIER_RE, _clean_num, number, render, tidy
from storyline.compare.words import FOLDER, words
from storyline.model import Claim
from storyline.words import read_list

_FIGURE = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?(?:\s*(?:thousand|million|billion))?)\s*(?P<unit>[a-z/ ]+?)\.?$")


@cache
def metric_forms() -> dict[str, str]:
    """Each way a text writes a metric unit -> the unit's name in claims."""
    out: dict[str, str] = {}
    for line in read_list(FOLDER / "metric_units.txt"):
        name, _, forms = line.partition(":")
        for form in forms.split(","):
            out[form.strip().lower()] = name.strip()
    return out


def metric_figure(text: str) -> tuple[float, str | None, str] | None:
    """(value, qualifier, unit) of a metric figure as printed: "63,500kg", "about 70 meters";
    None when the text is not one (another imperial unit, a second figure, words)."""
    first = re.split(r";|/(?![sh]\b)| or ", tidy(text))[0].strip().lower()
    qualifier = None
    m = QUALIFIER_RE.match(first)
    if m:
        qualifier, first = m.group(1).lower(), first[m.end():]
    m = _FIGURE.fullmatch(first)
    if not m:
        return None
    unit = metric_forms().get(" ".join(m.group("unit").split()))
    value = number(m.group("num"))
    if unit is None or value is None:
        return None
    return _clean_num(value), qualifier, unit


def metric_first(claim: Claim) -> None:
    """Make the text's own metric figure the claim's value (see the module's rule)."""
    if claim.kind != "figure" or claim.unit not in words("imperial_units") or not claim.converted:
        return
    if isinstance(claim.value, (bool, str, list, tuple)) or claim.value is None:
        return
    metric = metric_figure(claim.converted)
    if metric is None:
        return
    value, qualifier, unit = metric
    printed = f"{render(claim.value, None, claim.qualifier)} {claim.unit}"
    old = f"({claim.unit})"
    if claim.subject.endswith(old):
        claim.subject = claim.subject[: -len(old)] + f"({unit})"
    claim.value, claim.unit = value, unit
    claim.qualifier = qualifier or claim.qualifier
    claim.converted = printed
