"""Round 18 of issue 13: statements several outlets make (compare.shared) that were left out.
Articles written for the test (a ferry collision, a tanker fire); none from the dev stories."""

from __future__ import annotations

from test_compare_shared import _bodies, _one_statement


def test_an_ordinal_counts_nothing():
    # "a second tanker": a sentence that places a thing in a row is a statement, not a figure
    bodies = _bodies({
        "a": "A tanker caught fire in the strait on Monday. "
             "Investigators are examining whether a second tanker was involved in the blaze, the coastguard said.",
        "b": "Fire crews fought a tanker blaze in the strait. "
             "Officials are also examining whether a second tanker had been involved in the blaze, the harbour master added.",
        "c": "The strait was closed to shipping after a tanker fire.",
    })
    assert _one_statement(bodies, "second tanker") == ({"a", "b"}, 1)


def test_a_statement_half_the_sources_tell_is_still_one_statement():
    # The statement's words are in four of seven sources (two tell it, two use its words in a
    # sentence with a figure): still rare enough to tell one statement
    told = "The crew radioed for a tugboat after the engine failed beside the harbour wall"
    bodies = _bodies({
        "a": "The ferry struck the pier on Friday. " + told + ", the operator said.",
        "b": "The ferry hit the pier on Friday morning. " + told.replace("after", "when") + ".",
        "c": "The ferry struck the pier. The crew of 12 radioed for a tugboat at 3am as the engine failed by the harbour wall.",
        "d": "The ferry hit the pier. Some 40 passengers watched the crew radio for a tugboat once the engine failed near the harbour wall.",
        "e": "The ferry struck the pier and passengers were taken ashore.",
        "f": "Passengers were taken ashore after the ferry hit the pier.",
        "g": "The pier was closed after the ferry struck it.",
    })
    assert _one_statement(bodies, "tugboat") == ({"a", "b"}, 1)
