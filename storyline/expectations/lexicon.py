"""Word lists shared by expectation extraction and follow-up.

Kept apart from the code so the lists can grow without touching the logic. Every list is
general English news vocabulary (how forward-looking statements are worded, how
procedures are reported); nothing here names a particular story, outlet or country.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from storyline import words as wordlists

_HERE = Path(__file__).parent


@cache
def word_list(name: str) -> frozenset[str]:
    """The word list kept beside this module as ``<name>.txt``: one entry a line, lower case;
    blank lines and lines starting with '#' (the list's reason for being) are skipped."""
    return frozenset(w.lower() for w in wordlists.read_list(_HERE / f"{name}.txt"))


# What makes a future clause a step (see extract.py, ``_not_a_step``): who can act, which
# verbs name states, which frames make it an opinion, and forecasts of a figure.
ACTOR_NOUNS = word_list("actor_nouns")
STATE_VERBS = word_list("state_verbs")
PLACEMENT_VERBS = word_list("placement_verbs")
ENABLING_VERBS = word_list("enabling_verbs")
CONTEXT_PREPOSITIONS = word_list("context_prepositions")
BACKDROP_NOUNS = word_list("backdrop_nouns")
PARTY_PRONOUNS = word_list("party_pronouns")
OPINION_VERBS = word_list("opinion_verbs")
DESIRE_VERBS = word_list("desire_verbs")
MEASURE_NOUNS = word_list("measure_nouns")
CHANGE_VERBS = word_list("change_verbs")
QUANTITY_HEADS = word_list("quantity_heads")
THING_NOUNS = word_list("thing_nouns")
NEGATION_WORDS = word_list("negation_words")
RISING_VERBS = word_list("rising_verbs")
RISEN_FORMS = word_list("risen_forms")
COUNT_NOUNS = word_list("count_nouns")
HAPPENING_NOUNS = word_list("happening_nouns")
DEATH_WORDS = word_list("death_words")
FIGURATIVE_PHRASES = word_list("figurative_phrases")
WELCOMING_VERBS = word_list("welcoming_verbs")
OCCASION_NOUNS = word_list("occasion_nouns")
HABITUAL_ADVERBS = word_list("habitual_adverbs")
DISTANT_MARKERS = word_list("distant_markers")
MEASURE_UNITS = word_list("measure_units")
INTENTION_VERBS = word_list("intention_verbs")
CROWD_HEADS = word_list("crowd_heads")
COUNT_DOUBT_WORDS = word_list("count_doubt_words")
CLAUSE_OPENERS = word_list("clause_openers")
# Endings of nouns made from verbs, which name a happening ("an investigation", "a closure",
# "a review"): "there will be an investigation" announces a step, "there will be a tent" does not.
HAPPENING_SUFFIXES = wordlists.entries("happening_suffixes")

# ---------------------------------------------------------------- how the future is worded

# Modal auxiliaries that put a clause in the future, with the certainty their wording shows.
# "would" only counts in reported speech (see REPORTED_FUTURE_HEADS); "shall" is left out
# because in news it nearly always quotes a legal text ("the parties shall ..."), which is
# a rule, not a prediction; "can"/"should"/"must" state ability or obligation.
MODAL_CERTAINTY = wordlists.table("modal_certainty")

# Verbs and adjectives that take a to-infinitive naming something still to come
# ("is expected to vote", "plans to drill", "is set to sign").
CONTROL_CERTAINTY = wordlists.table("control_certainty")

# Control verbs whose own subject is the one who expects or announces ("BP plans to ...").
SELF_ATTRIBUTING = wordlists.words("self_attributing_verbs")

# Nominal events that can be scheduled ("the vote is scheduled for Friday").
SCHEDULING = wordlists.words("scheduling_words")

# Verbs that report speech or belief: their subject is the attribution, and "would" under
# them is a future seen from the past ("BP said it would try again").
REPORTING = wordlists.words("saying_verbs")
REPORTED_FUTURE_HEADS = wordlists.table("saying_verb_futures")

# Words around a clause that lower its certainty to "possible" ("there is a possibility
# that ... will").
HEDGES = wordlists.words("possibility_hedges")

# Adverbs left out of the "what" clause: they say when or how sure, not what.
DISCOURSE_ADVERBS = wordlists.words("discourse_adverbs")

# Subjects that make a "will" clause generic or an address to the reader, not a prediction.
GENERIC_SUBJECTS = wordlists.words("generic_subjects")

# A "will" clause that reports what a legal text says is a provision, not a prediction
# ("the treaty states that the other party will provide assistance").
DOCUMENT_NOUNS = wordlists.words("document_nouns")
PROVISION_VERBS = wordlists.words("provision_verbs")

# Abstract subjects of "is to": "the aim is to ..." states a purpose, not a scheduled event.
ABSTRACT_SUBJECTS = wordlists.words("abstract_subjects")

# Marks and prepositions that open a condition on the expected event.
CONDITION_MARKS = wordlists.words("condition_marks")
CONDITION_PREPS = wordlists.words("condition_prepositions")
CONDITION_TIME_NOUNS = wordlists.words("condition_time_nouns")

# Clauses marked like this are questions or hypotheses, never expectations.
NON_ASSERTIVE_MARKS = {"if", "whether", "unless"}

# ---------------------------------------------------------------- how happenings are matched

# Actions that count as the same happening in a later report. Each class is general news
# vocabulary for one kind of step (a vote, a signature, an entry into force, a launch...).
ACTION_CLASSES: dict[str, frozenset[str]] = wordlists.classes("action_classes")

# Verbs with so many senses that the same word in a later report proves nothing ("the
# liability could reach $8bn" / "the oil reached the shore"; "could break BP" / "a row broke out").
POLYSEMOUS = wordlists.words("polysemous_verbs")

# Light verbs whose object names the happening ("take effect", "hold a vote", "make a decision").
LIGHT_VERBS = wordlists.words("light_verbs")

# Verbs too general to tell one happening from another on their own.
GENERIC_VERBS = wordlists.words("generic_verbs")

# Phrases that name one kind of participant under several names; each pattern becomes a
# tag both sides of a match can share ("the Senate" and "the upper house").
CONCEPTS: dict[str, re.Pattern] = {tag: re.compile(pattern, re.I)
                                   for tag, pattern in wordlists.table("concept_patterns").items()}


def concepts_in(text: str) -> set[str]:
    """The concept tags whose patterns occur in ``text``."""
    return {name for name, pat in CONCEPTS.items() if pat.search(text)}


def action_classes(lemma: str) -> set[str]:
    """The action classes a lemma belongs to (empty when it names no known kind of step)."""
    lemma = lemma.lower()
    return {name for name, words in ACTION_CLASSES.items() if lemma in words}
