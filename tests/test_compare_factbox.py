"""Fact boxes: "Label: value" measurements under a heading (storyline.compare.factbox via
extract_claims). The boxes are written for the test, not taken from any story."""

from __future__ import annotations

from storyline.compare import factbox
from test_claims import claims_of, one

BOX = ("The new ferry enters service next week after two years of trials on the northern route.\n\n"
       "THE NORTHERN STAR Length: 182 metres (597 feet) Decks: 9 Beam: 95 feet (29m) "
       "Gross weight: 31,000 tonnes Top speed: 22 knots\n\n"
       "The operator said the crossings would begin on Monday.")


def test_each_measurement_of_a_box_is_a_claim_of_its_heading():
    _, claims = claims_of(BOX)
    length = one(claims, subject="Northern Star length (metres)")
    assert length.value == 182 and length.unit == "metres" and length.converted == "597 feet"
    beam = one(claims, subject="Northern Star beam (metres)")  # the metric figure in brackets wins
    assert beam.value == 29 and beam.converted == "95 feet"
    assert one(claims, subject="Northern Star gross weight (tonnes)").value == 31000
    ev = length.evidence[0]
    assert "Length: 182 metres" in ev.quote and length.attributed_to is None


def test_counts_and_unknown_units_in_a_box_are_left_alone():
    _, claims = claims_of(BOX)
    assert not [c for c in claims if "decks" in c.subject or "speed" in c.subject], [c.subject for c in claims]


def test_one_label_is_not_a_box():
    assert factbox.entries("Death toll: 7 people, police said") == []
    assert factbox.measurement("27") is None
    assert factbox.measurement("140,000 pounds (63,500kg)")[:3] == (63500, None, "kg")
    assert factbox.heading("THE NORTHERN STAR Length: 182 metres") == "Northern Star"
    assert factbox.label_words("Payload to LEO") == "payload to LEO"
    assert factbox.label_words("Total width") == "width"
