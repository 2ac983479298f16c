"""A figure printed in two systems is compared in the metric one.

Two outlets may also print one quantity each in its own system only ("over 200 feet tall",
"70 metres tall"): the same label in two units. Those subjects are one
(:func:`join_unit_systems`), each claim keeping its value as printed, and values in two units
are compared through the factor between them (:func:`in_unit`; ``words/unit_factors.txt``).

Outlets print the same quantity in either order: "140,000 pounds (63,500kg)" in one,
"63,800kg (140,660 lb)" in another. Read as the first unit each gives, they are two subjects
in two units that never meet. When the text itself gives the metric figure beside an
imperial one, the metric figure becomes the claim's value and unit, and the imperial one,
as printed, is kept in ``converted`` so the reader still sees both. Nothing is computed: a
figure given in one unit only keeps it. Which units swap is data
(``words/metric_units.txt``, ``words/imperial_units.txt``).
"""

from __future__ import annotations

import dataclasses
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



@cache
def _conversions() -> dict[tuple[str, str], float]:
    """(unit, metric unit) -> factor, as the file lists them."""
    out: dict[tuple[str, str], float] = {}
    for line in read_list(FOLDER / "unit_factors.txt"):
        unit, _, rest = line.partition(":")
        metric, _, factor = rest.strip().rpartition(" ")
        out[(unit.strip(), metric.strip())] = float(factor)
    return out


@cache
def unit_factors() -> dict[tuple[str, str], float]:
    """(unit, other unit) -> the factor from the first to the second, both ways."""
    out = dict(_conversions())
    out.update({(metric, unit): 1 / factor for (unit, metric), factor in _conversions().items()})
    return out


@cache
def dimension_units() -> frozenset[str]:
    """Units of a thing's physical size (length, mass, speed), in either system."""
    return frozenset(u for pair in unit_factors() for u in pair) | frozenset(metric_forms().values())


def in_unit(claim: Claim, unit: str | None) -> Claim:
    """The claim with its value in ``unit`` when a factor between the two is known (a copy, for
    comparing only; what is shown stays as printed), else the claim itself."""
    factor = unit_factors().get((claim.unit or "", unit or ""))
    value = claim.value
    if factor is None or isinstance(value, (bool, str)) or value is None:
        return claim
    if isinstance(value, (list, tuple)):
        return dataclasses.replace(claim, value=[v * factor for v in value], unit=unit)
    return dataclasses.replace(claim, value=value * factor, unit=unit)


_LABEL_UNIT = re.compile(r"^(?P<stem>.*) \((?P<unit>[^()]+)\)$")


def join_unit_systems(subjects: list[tuple[str, list[Claim]]]) -> list[tuple[str, list[Claim]]]:
    """Subjects of one label in two systems ("height (feet)", "height (metres)") made one, under
    the metric label. Only labels equal but for the unit join: the label says which quantity,
    the unit only how it was printed."""
    metric_label: dict[tuple[str, str], tuple[str, list[Claim]]] = {}
    for subject, cs in subjects:
        m = _LABEL_UNIT.match(subject)
        if m and any(m.group("unit") == metric for _, metric in _conversions()):
            metric_label.setdefault((m.group("stem"), m.group("unit")), (subject, cs))
    out: list[tuple[str, list[Claim]]] = []
    for subject, cs in subjects:
        m = _LABEL_UNIT.match(subject)
        home = next((metric_label[(m.group("stem"), metric)] for unit, metric in _conversions()
                     if m and unit == m.group("unit") and (m.group("stem"), metric) in metric_label), None)
        if home is None:
            out.append((subject, cs))
            continue
        for c in cs:
            c.subject = home[0]
        home[1].extend(cs)  # the metric subject's own list: it is in ``out`` before or after
    return out
