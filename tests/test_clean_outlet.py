"""Outlet names from URLs and from furniture lines (storyline.clean.outlet)."""

from __future__ import annotations

import pytest

from storyline.clean.outlet import outlet_from_domain, outlet_from_text
from storyline.clean.text import clean_text


@pytest.mark.parametrize("value, expected", [
    ("https://www.bbc.co.uk/news/world-123", "bbc.co.uk"),
    ("http://edition.cnn.com/2019/06/04/x.html", "cnn.com"),
    ("reuters.com", "reuters.com"),
    ("https://m.lemonde.fr/a", "lemonde.fr"),
    ("not a url", None),
    ("", None),
])
def test_outlet_from_domain(value, expected):
    assert outlet_from_domain(value) == expected


@pytest.mark.parametrize("line, expected", [
    ("A Message from The Kyiv Independent:", "The Kyiv Independent"),
    ("A note from The Hanover Courier", "The Hanover Courier"),
    ("© 2019 The Hanover Courier. All rights reserved.", "The Hanover Courier"),
    ("Copyright (c) 2015-2019 Planet Media Ltd. All rights reserved.", "Planet Media"),
    ("© All rights reserved", None),
    ("The council said it would review the plan.", None),
])
def test_outlet_from_text(line, expected):
    assert outlet_from_text([line])[0] == expected


def test_wire_copyright_is_a_credit_not_the_outlet():
    p = clean_text("Council backs tariff\nThe council approved the new water tariff on Tuesday after a long debate.\n"
                   "Copyright 2018 The Associated Press. All Rights Reserved.")
    assert p.outlet is None
    assert p.credits == ["AP"]


_BODY = ("Harbour council backs new tariff\nThe council approved the new water tariff on Tuesday after a long debate "
         "about the cost of repairs to the old harbour pipes and who should pay for them.\n")


@pytest.mark.parametrize("foot, outlet, credits", [
    ("Harbour Daily/ JF Source: EFE", "Harbour Daily", ["EFE"]),  # the outlet signs; the wire is its source
    ("Source: EFE", None, ["EFE"]),  # a credit alone names no outlet
    ("Reuters/ KCNA Source: Reuters", None, ["Reuters"]),  # an agency on either side: a credit, not a sign-off
    ("Getty Images/ AB Source: EFE", None, None),  # a photo agency is no outlet either
])
def test_an_outlet_signing_its_copy_in_a_credit_line_is_the_outlet(foot, outlet, credits):
    p = clean_text(_BODY + foot)
    assert p.outlet == outlet and (credits is None or p.credits == credits)
