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
HAPPENING_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al", "iry", "ing")

# ---------------------------------------------------------------- how the future is worded

# Modal auxiliaries that put a clause in the future, with the certainty their wording shows.
# "would" only counts in reported speech (see REPORTED_FUTURE_HEADS); "shall" is left out
# because in news it nearly always quotes a legal text ("the parties shall ..."), which is
# a rule, not a prediction; "can"/"should"/"must" state ability or obligation.
MODAL_CERTAINTY = {
    "will": "announced",
    "'ll": "announced",
    "wo": "announced",  # spaCy's first half of "won't"
    "may": "possible",
    "might": "possible",
    "could": "possible",
}

# Verbs and adjectives that take a to-infinitive naming something still to come
# ("is expected to vote", "plans to drill", "is set to sign").
CONTROL_CERTAINTY = {
    "expect": "expected",
    "likely": "expected",
    "plan": "expected",
    "intend": "expected",
    "aim": "expected",
    "prepare": "expected",
    "poise": "expected",
    "poised": "expected",
    "go": "expected",  # only as "be going to", checked in the code
    "hope": "possible",
    "threaten": "possible",  # only with a subject who can act
    "set": "announced",
    "schedule": "announced",
    "slate": "announced",
    "due": "announced",
    "promise": "announced",
    "pledge": "announced",
    "vow": "announced",
    "agree": "announced",
    "commit": "announced",
    "seek": "expected",  # only in the present ("is seeking to reduce"), checked in the code
}

# Control verbs whose own subject is the one who expects or announces ("BP plans to ...").
SELF_ATTRIBUTING = {"expect", "plan", "intend", "aim", "prepare", "hope", "threaten", "promise", "pledge", "vow",
                    "agree", "commit", "seek"}

# Nominal events that can be scheduled ("the vote is scheduled for Friday").
SCHEDULING = {"schedule", "slate", "set", "due", "plan"}

# Verbs that report speech or belief: their subject is the attribution, and "would" under
# them is a future seen from the past ("BP said it would try again").
REPORTING = wordlists.words("saying_verbs")
REPORTED_FUTURE_HEADS = wordlists.table("saying_verb_futures")

# Words around a clause that lower its certainty to "possible" ("there is a possibility
# that ... will").
HEDGES = {"possibility", "possible", "chance", "risk", "perhaps", "maybe", "possibly", "conceivably", "fear",
          "worry", "concern", "speculation", "rumour", "rumor"}

# Adverbs left out of the "what" clause: they say when or how sure, not what.
DISCOURSE_ADVERBS = {
    "now", "then", "also", "still", "soon", "likely", "probably", "possibly", "eventually", "perhaps", "maybe",
    "certainly", "definitely", "reportedly", "however", "therefore", "thus", "meanwhile", "instead", "yet",
    "already", "next", "later", "shortly", "ultimately", "first", "again",
}

# Subjects that make a "will" clause generic or an address to the reader, not a prediction.
GENERIC_SUBJECTS = {"you", "anyone", "anybody", "everyone", "everybody", "one", "nobody", "whoever"}

# A "will" clause that reports what a legal text says is a provision, not a prediction
# ("the treaty states that the other party will provide assistance").
DOCUMENT_NOUNS = {
    "treaty", "agreement", "pact", "accord", "article", "document", "law", "bill", "constitution", "clause",
    "provision", "charter", "contract", "text", "draft", "resolution", "convention", "decree", "rule",
    "regulation", "statute", "act", "memorandum", "protocol", "code", "amendment", "paragraph", "section",
}
PROVISION_VERBS = {"state", "provide", "stipulate", "say", "specify", "require", "oblige", "obligate", "envisage",
                   "include", "mandate", "set", "establish", "commit", "read"}

# Abstract subjects of "is to": "the aim is to ..." states a purpose, not a scheduled event.
ABSTRACT_SUBJECTS = {"aim", "goal", "plan", "idea", "purpose", "task", "priority", "job", "point", "objective",
                     "intention", "hope", "mission", "challenge", "problem", "question", "answer", "solution",
                     "key", "way", "option", "thing", "step", "strategy", "approach", "target"}

# Marks and prepositions that open a condition on the expected event.
CONDITION_MARKS = {"if", "once", "unless", "until", "after", "when", "provided", "providing", "whenever",
                   "assuming", "so long as", "as soon as", "before"}
CONDITION_PREPS = {"upon", "pending", "after", "following", "on condition", "subject"}
CONDITION_TIME_NOUNS = {"day", "moment", "date", "time", "week", "month", "year", "point"}

# Clauses marked like this are questions or hypotheses, never expectations.
NON_ASSERTIVE_MARKS = {"if", "whether", "unless"}

# ---------------------------------------------------------------- how happenings are matched

# Actions that count as the same happening in a later report. Each class is general news
# vocabulary for one kind of step (a vote, a signature, an entry into force, a launch...).
ACTION_CLASSES: dict[str, set[str]] = {
    "approve": {"vote", "ratify", "ratification", "approve", "approval", "pass", "passage", "adopt", "adoption",
                "endorse", "endorsement", "enact", "greenlight", "authorise", "authorize"},
    "agree": {"agree", "agreement", "accord", "deal", "framework"},
    "reject": {"reject", "rejection", "veto", "defeat", "overturn"},
    "sign": {"sign", "signature", "signing", "countersign"},
    "in_force": {"effect", "force", "enforce", "implementation", "implement"},
    "exchange": {"exchange", "swap"},
    "meet": {"meet", "meeting", "talk", "summit", "visit", "host", "convene", "negotiate", "negotiation"},
    "visit": {"visit", "travel", "trip", "tour", "fly", "return"},
    "start": {"begin", "start", "launch", "commence", "resume", "initiate", "blast off", "lift off"},
    "stop": {"stop", "halt", "cap", "seal", "plug", "shut", "stem", "choke", "suspend", "cease", "freeze",
             "shutdown"},
    "finish": {"finish", "complete", "completion", "conclude"},
    "send": {"send", "deploy", "deployment", "dispatch", "transfer", "refer", "submit", "forward"},
    "arrive": {"arrive", "arrival", "land"},
    "announce": {"announce", "announcement", "unveil", "publish", "disclose", "reveal"},
    "pay": {"pay", "payment", "compensate", "compensation", "reimburse", "payout", "settle", "settlement"},
    "resign": {"resign", "resignation", "quit", "oust", "replace", "dismiss", "sack", "take over", "step down"},
    "charge": {"charge", "indict", "indictment", "sue", "lawsuit", "prosecute", "prosecution", "fine", "penalty"},
    "rule": {"ruling", "verdict", "sentence", "convict", "acquit"},
    "elect": {"elect", "election", "ballot"},
    "testify": {"testify", "testimony", "hearing"},
    "drill": {"drill", "drilling", "intercept", "intersect"},
    "test": {"test", "testing", "trial"},
    "buy": {"buy", "acquire", "acquisition", "purchase", "takeover", "merge", "merger"},
    "cut": {"cut", "reduce", "reduction", "slash", "trim", "fall", "drop", "decline", "decrease"},
    "raise": {"raise", "increase", "hike", "boost", "rise", "climb", "grow", "mount", "soar", "jump", "double"},
    "attack": {"attack", "bomb", "shell", "invade", "invasion", "offensive", "assault"},
    "release": {"release", "liberate"},
    "withdraw": {"withdraw", "withdrawal", "retreat", "evacuate", "evacuation"},
}

# Verbs with so many senses that the same word in a later report proves nothing ("the
# liability could reach $8bn" / "the oil reached the shore"; "could break BP" / "a row broke out").
POLYSEMOUS = {"hit", "break", "reach", "come", "go", "get", "make", "take", "give", "put", "set", "run", "turn",
              "keep", "hold", "see", "look", "work", "play", "stand", "fall", "rise", "move", "open", "close",
              "lead", "follow", "carry", "bring", "end", "face", "meet", "pass", "return", "draw", "pull", "push",
              "leave", "stay", "remain", "raise", "cover", "deal", "handle", "seek", "find", "hit", "kill", "lose",
              "win", "drop", "lift", "spread", "change", "affect", "be", "have", "do"}

# Light verbs whose object names the happening ("take effect", "hold a vote", "make a decision").
LIGHT_VERBS = {"take", "hold", "make", "give", "have", "get", "go", "come", "enter", "put", "carry", "undergo",
               "conduct", "face", "receive", "seek", "send", "bring", "submit", "refer"}

# Verbs too general to tell one happening from another on their own.
GENERIC_VERBS = {"allow", "include", "provide", "help", "become", "remain", "continue", "keep", "let", "need",
                 "want", "use", "say", "see", "show", "mean", "lead", "follow", "add", "tell", "report",
                 "involve", "require", "seem", "appear", "try", "think", "know", "believe", "expect", "plan",
                 "call", "ask", "work", "look", "find", "leave", "stay", "feel", "become", "claim", "cite",
                 "accord", "base", "concern", "regard", "relate", "comment", "note", "state", "write"}

# Phrases that name one kind of participant under several names; each pattern becomes a
# tag both sides of a match can share ("the Senate" and "the upper house").
CONCEPTS: dict[str, re.Pattern] = {
    "upper_house": re.compile(r"\bupper[\s-]+(house|chamber)\b|\bsenat(e|ors?)\b|\bhouse of lords\b", re.I),
    "lower_house": re.compile(r"\blower[\s-]+(house|chamber)\b|\bhouse of (representatives|commons)\b", re.I),
    "legislature": re.compile(r"\b(parliament\w*|legislat(ure|ors?|ive)|lawmakers?|congress\w*|assembly|mps)\b",
                              re.I),
    "agreement": re.compile(r"\b(treaty|treaties|agreements?|pacts?|accords?|deals?|conventions?)\b", re.I),
    "law": re.compile(r"\b(laws?|legislation)\b", re.I),
    "troops": re.compile(r"\b(troops?|soldiers?|forces|servicem[ae]n|personnel|units?|military)\b", re.I),
    "court": re.compile(r"\b(court|judge|jury|tribunal|justices?)\b", re.I),
    "government": re.compile(r"\b(government|administration|cabinet|ministry|ministers?|white house|kremlin)\b",
                             re.I),
    "company": re.compile(r"\b(company|firm|corporation|group|conglomerate)\b", re.I),
    "vaccine": re.compile(r"\b(vaccines?|vaccinations?|jabs?|shots?|inoculations?)\b", re.I),
}


def concepts_in(text: str) -> set[str]:
    """The concept tags whose patterns occur in ``text``."""
    return {name for name, pat in CONCEPTS.items() if pat.search(text)}


def action_classes(lemma: str) -> set[str]:
    """The action classes a lemma belongs to (empty when it names no known kind of step)."""
    lemma = lemma.lower()
    return {name for name, words in ACTION_CLASSES.items() if lemma in words}
