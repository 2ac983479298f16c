"""A figure printed in two systems is compared in its metric form (storyline.compare.units)."""

from __future__ import annotations

from storyline.compare.units import metric_figure, metric_first
from storyline.model import Claim


def fig(value, unit, converted, subject=None, qualifier=None):
    return Claim(id="1", subject=subject or f"payload ({unit})", text="...", article="a", value=value, unit=unit,
                 converted=converted, qualifier=qualifier)


def test_metric_figures_as_printed():
    assert metric_figure("63,500kg") == (63500, None, "kg")
    assert metric_figure("about 70 meters") == (70, "about", "metres")
    assert metric_figure("11 kilometers per second; 24,600 mph") == (11, None, "km per second")
    assert metric_figure("105 metric tons") == (105, None, "tonnes")
    assert metric_figure("141,000 lb") is None  # not metric
    assert metric_figure("the base") is None


def test_the_metric_figure_the_text_gives_becomes_the_value():
    c = fig(140_000, "pounds", "63,500kg")
    metric_first(c)
    assert (c.value, c.unit, c.subject, c.converted) == (63500, "kg", "payload (kg)", "140,000 pounds")
    c = fig(2760, "pounds", "1,250 kilograms", subject="Roadster weighing (pounds)", qualifier="around")
    metric_first(c)
    assert (c.value, c.qualifier, c.subject, c.converted) == (1250, "around", "Roadster weighing (kg)",
                                                              "around 2,760 pounds")


def test_nothing_is_computed_or_swapped_otherwise():
    for c in (fig(140_000, "pounds", None),  # one unit only: kept
              fig(64, "tonnes", "141,000 lb"),  # metric first already
              fig(12, "mph", "20km/h", subject="speed limit (mph)"),  # road speeds as printed
              fig([5, 6], "feet", "2 metres")):  # a range
        before = (c.value, c.unit, c.subject)
        metric_first(c)
        assert (c.value, c.unit, c.subject) == before
