"""What a figure counts or measures, normalised so that outlets' wordings meet.

"around 3,000 troops" sent by Seoul, "3,000 soldiers" deployed by South Korea and "several
thousand South Korean soldiers" stationed abroad all measure one thing: South Korea's troops.
A subject is built from up to four parts, each folded by a small general table of news
vocabulary:

* the **counted noun** ("troops" for troop/soldier/serviceman), or for measures (barrels,
  gallons, psi, percent) what the measure is of ("oil", "pressure"), or for money what it
  pays or costs ("cost of the spill", "claims paid", "tax credit");
* the **owner**, a country or organisation the noun belongs to (modifier "South Korean",
  "ROK", or the agent of "Seoul had sent"), with names, demonyms, acronyms and capitals
  folded to one country name;
* the **predicate**, what happens to what is counted when it picks out a subset: "people
  hospitalized", "workers killed", "oil leaked", "people lodged claims". Verbs of placing
  and being ("sent", "deployed", "stationed", "are") leave the count the same subject;
  synonyms fold to one word ("died", "dead", "killed" -> "killed");
* the **unit** for measures ("barrels per day", "psi", "USD").

Two claims share a subject only when all four parts are equal, so a count of people
evacuated never meets a count of people hospitalized.
"""

from __future__ import annotations

import functools
import re
from storyline import words as wordlists

from storyline.compare import words as compare_words


def word_table(groups: dict[str, str], table: dict[str, str] | None = None) -> dict[str, str]:
    """{label: "word word ..."} -> {word: label}; the first label given to a word wins."""
    table = {} if table is None else table
    for label, words in groups.items():
        for w in words.split():
            table.setdefault(w, label)
    return table


# Counted nouns that name the same kind of thing in news copy: lemma -> subject noun.
NOUN_CLASSES: dict[str, str] = word_table(wordlists.table("noun_classes"))

# Verbs (and nouns/adjectives) that change what is counted: lemma -> the change.
CHANGE_CLASSES: dict[str, str] = word_table(wordlists.table("change_classes"))
# Changes that only materials undergo ("oil leaked", "oil collected"): lemma -> the change.
MATERIAL_CLASSES: dict[str, str] = word_table({
    "leaked": "leak spill gush spew flow pour escape discharge seep bleed leakage outflow unleash release "
              "dump",
    "collected": "collect siphon recover funnel skim skimming gather contain containment collection suck capture "
                 "draw divert remove recovery catch",
    "produced": "produce production output",
})
# Changes in a level, for amounts and percentages: "shares fell 13%", "profits rose $2bn".
LEVEL_CLASSES: dict[str, str] = word_table({
    "fell": "fall drop slide slump decline tumble plunge sink dip shed plummet decrease lose slip dive nosedive "
            "crash skid tank slid",
    "rose": "rise climb gain jump soar increase surge grow rally rebound rocket leap advance recover",
})
# Verbs of placing, moving and being: "3,000 troops sent", "deployed", "stationed", "are there"
# all count the same troops, so these add nothing to a subject; nor do verbs that state a
# level ("reached 11", "totals 5,000") or report one.
NEUTRAL_VERBS = wordlists.words("neutral_verbs")
# "taken to hospital", "flown to hospitals": the destination names what happened.
HOSPITAL_NOUNS = {"hospital", "hospitals", "clinic", "infirmary"}
# Verbs whose money amount is what something costs: "the spill has cost BP $3bn".
COST_VERBS = {"cost"}
# Nouns that name an amount of something else; the subject keeps their "of" phrase ("cost of spill").
RELATIONAL_NOUNS = wordlists.words("relational_nouns")
# Past participles of common irregular verbs, for subject labels ("taken", "paid").
IRREGULAR_PARTICIPLES = wordlists.table("irregular_participles")

# Measure nouns: the figure is an amount of something else ("barrels of oil").
LENGTH_LABEL = "length of "  # how long a thing lasts ("length of investigation"): named by the thing alone

MEASURES: dict[str, str] = word_table(wordlists.table("measure_units"))
RATE_WORDS = wordlists.table("rate_words")
# Materials measured in those units fold too ("crude" is oil).
MATERIALS = wordlists.table("materials")

# Seats of government and their buildings stand for their countries in news copy.
METONYMS = wordlists.table("metonyms")
IRREGULAR_DEMONYMS = wordlists.table("irregular_demonyms")


@functools.lru_cache(maxsize=4096)
def owner_name(text: str) -> str:
    """One name per country (names, demonyms, acronyms, capitals folded), else the name as given.

    >>> owner_name("Seoul"), owner_name("South Korean")
    ('South Korea', 'South Korea')
    """
    from storyline.annotate.entities import canonical_name, country_code, country_name

    t = " ".join(text.replace("\u2019", "'").split()).strip(" ,.'\"")
    t = re.sub(r"^(?:the|a|an)\s+", "", t, flags=re.I)
    t = re.sub(r"'s?$", "", t)
    low = t.lower()
    code = METONYMS.get(low) or IRREGULAR_DEMONYMS.get(low) or country_code(t)
    if code:
        return country_name(code)
    words_ = canonical_name(t, "ORG").split()
    while len(words_) > 1 and words_[-1].lower().strip(".,") in compare_words.words("company_suffixes"):
        words_.pop()  # "Bank of America Corp." and "Bank of America" are one owner
    return " ".join(words_)


def noun_class(lemma: str, text: str | None = None) -> str:
    """The subject noun for a counted noun ("soldier" -> "troops"; "lives" stays "lives").

    ``text`` is the word as written: a plural in the text is the best plural there is.
    """
    low = lemma.lower()
    if low in NOUN_CLASSES:
        return NOUN_CLASSES[low]
    written = (text or "").lower()
    if written.isalpha() and written != low:
        return written  # the plural as written: "lives", "men", "feet"
    return low if low.endswith("s") or not low.isalpha() else plural(low)


# Nouns in -f/-fe whose plural is -ves; the rest of that shape take -s ("roofs", "chiefs").
_IRREGULAR_PLURALS = wordlists.table("irregular_plurals")
_VES = wordlists.words("ves_plurals")


def plural(noun: str) -> str:
    """A plain English plural, enough for subject labels.

    >>> plural("life"), plural("body"), plural("boat")
    ('lives', 'bodies', 'boats')
    """
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun in _VES:
        return re.sub(r"fe?$", "ves", noun)
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def participle(lemma: str, written: str | None = None, tag: str | None = None) -> str:
    """The past participle of a verb, for labels ("take" -> "taken", "hospitalise" -> "hospitalized").

    The word as written is used when the tagger says it is a past form of a regular verb.
    """
    low = lemma.lower()
    low = re.sub(r"(al|il|gan|ogn|or)ise$", r"\1ize", low)  # one spelling per subject
    if low in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[low]
    w = (written or "").lower()
    if tag in ("VBN", "VBD") and w.endswith("ed") and w.isalpha():
        return re.sub(r"(al|il|gan|ogn|or)ised$", r"\1ized", w)
    if low.endswith("e"):
        return low + "d"
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", low):
        return low + low[-1] + "ed"  # one syllable ending consonant-vowel-consonant: "banned", "stopped"
    if re.search(r"[^aeiou]y$", low):
        return low[:-1] + "ied"
    return low + "ed"


def change_class(lemma: str, material: bool = False) -> str | None:
    """The change a verb or noun makes to what is counted, if it changes it.

    Materials (oil, gas) leak and are collected; people and things are killed, injured,
    evacuated. ``material`` says which table applies.
    """
    low = lemma.lower()
    if material:
        return MATERIAL_CLASSES.get(low) or ("lost" if low in ("lose", "loss") else None)
    return CHANGE_CLASSES.get(low)


def level_class(lemma: str) -> str | None:
    """ "fell" or "rose" for a verb that moves a level ("shares dropped 2%"), else None."""
    return LEVEL_CLASSES.get(lemma.lower())


def measure_unit(lemma: str) -> str | None:
    """The unit a measure noun stands for ("barrel" -> "barrels"), None for counted nouns."""
    return MEASURES.get(lemma.lower())


def subject_label(owner: str | None, change: str | None, noun: str | None, unit: str | None,
                  measure: bool = False, when: str | None = None) -> str:
    """A readable, stable subject: "Mexico troops", "workers killed", "oil leaked (barrels per day)";
    ``when`` places an earlier event's figure: a year ("workers killed in 1988") or "earlier"
    for one the text dates relatively ("people killed (earlier)": "in last week's strike")."""
    placed = (f"in {when}" if when.isdigit() else f"({when})") if when else None
    parts = [p for p in (owner, noun, change, placed) if p]
    label = " ".join(parts) if parts else "amount"
    if measure and unit:
        label += f" ({unit})"
    return label
