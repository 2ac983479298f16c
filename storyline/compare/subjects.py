"""What a figure counts or measures, normalised so that outlets' wordings meet.

"around 3,000 troops" sent by Pyongyang, "11,000 soldiers" deployed by North Korea and
"several thousand DPRK soldiers" all measure one thing: North Korea's troops. A subject is
built from three parts, each folded by a small general table of news vocabulary:

* the **counted noun** ("troops" for troop/soldier/serviceman), or for measures (barrels,
  gallons, dollars, percent) what the measure is of ("oil");
* the **owner**, a country or organisation the noun belongs to (modifier "North Korean",
  "DPRK", or the agent of "Pyongyang had sent"), with names, demonyms, acronyms and capitals
  folded to one country name;
* the **change** the verb makes to what is counted when it changes what is counted ("killed",
  "injured", "leaked", "collected"): 10 soldiers killed and 3,000 soldiers sent are two
  subjects, while "sent", "deployed" and "stationed" leave the count the same subject.
"""

from __future__ import annotations

import functools
import re


def word_table(groups: dict[str, str], table: dict[str, str] | None = None) -> dict[str, str]:
    """{label: "word word ..."} -> {word: label}; the first label given to a word wins."""
    table = {} if table is None else table
    for label, words in groups.items():
        for w in words.split():
            table.setdefault(w, label)
    return table


# Counted nouns that name the same kind of thing in news copy: lemma -> subject noun.
NOUN_CLASSES: dict[str, str] = word_table({
    "troops": "troop soldier serviceman servicemen servicewoman personnel fighter trooper infantryman marine",
    "people": "people person individual resident civilian citizen inhabitant",
    "workers": "worker employee staff staffer crew crewman crewmember",
    "weapons": "weapon weaponry arm armament munition",
    "artillery shells": "shell artillery round",
    "missiles": "missile rocket",
    "drones": "drone uav",
    "children": "child kid minor",
    "migrants": "migrant asylum-seeker asylum seeker refugee",
    "votes": "vote ballot",
    "deaths": "death fatality",
    "cases": "case infection",
    "homes": "home house household dwelling",
    "jobs": "job post position",
    "vessels": "vessel ship boat",
})

# Verbs (and nouns/adjectives) that change what is counted: lemma -> the change.
CHANGE_CLASSES: dict[str, str] = word_table({
    "killed": "kill die dead death fatality perish slay massacre execute toll",
    "injured": "injure wound hurt injury casualty",
    "missing": "missing disappear",
    "arrested": "arrest detain jail imprison incarcerate",
    "displaced": "evacuate displace flee evacuee uproot",
    "captured": "capture",
    "leaked": "leak spill gush spew flow pour escape discharge seep bleed leakage outflow",
    "collected": "collect siphon recover funnel skim gather contain containment collection suck",
    "infected": "infect",
    "sacked": "lay fire sack cut",
    "rescued": "rescue save",
})
# "capture" of oil is collection; of soldiers it is capture: the counted noun decides.
MATERIAL_CHANGE = {"capture": "collected", "recover": "collected", "contain": "collected"}

# Measure nouns: the figure is an amount of something else ("barrels of oil").
MEASURES: dict[str, str] = word_table({
    "barrels": "barrel bbl", "gallons": "gallon", "litres": "litre liter", "tonnes": "tonne ton",
    "cubic metres": "cubic", "km": "kilometre kilometer km", "miles": "mile", "metres": "metre meter",
    "feet": "foot feet", "acres": "acre", "hectares": "hectare", "square miles": "square",
    "kg": "kilogram kg kilo", "pounds": "lb", "%": "percent % percentage", "megawatts": "megawatt mw",
    "USD": "dollar", "EUR": "euro", "GBP": "sterling", "points": "point",
})
RATE_WORDS = {"day": "per day", "daily": "per day", "week": "per week", "weekly": "per week", "hour": "per hour",
              "month": "per month", "monthly": "per month", "year": "per year", "annually": "per year",
              "annual": "per year", "minute": "per minute", "second": "per second"}
# Materials measured in those units fold too ("crude" is oil).
MATERIALS = {"crude": "oil", "petroleum": "oil", "oil": "oil", "gas": "gas", "water": "water"}

# Seats of government and their buildings stand for their countries in news copy.
METONYMS = {
    "washington": "US", "white house": "US", "pentagon": "US", "capitol hill": "US", "moscow": "RU",
    "kremlin": "RU", "beijing": "CN", "pyongyang": "KP", "seoul": "KR", "tokyo": "JP", "kyiv": "UA",
    "kiev": "UA", "london": "GB", "downing street": "GB", "whitehall": "GB", "paris": "FR", "elysee": "FR",
    "berlin": "DE", "rome": "IT", "madrid": "ES", "ankara": "TR", "tehran": "IR", "jerusalem": "IL",
    "tel aviv": "IL", "cairo": "EG", "riyadh": "SA", "new delhi": "IN", "delhi": "IN", "islamabad": "PK",
    "kabul": "AF", "baghdad": "IQ", "damascus": "SY", "beirut": "LB", "amman": "JO", "taipei": "TW",
    "manila": "PH", "hanoi": "VN", "bangkok": "TH", "jakarta": "ID", "canberra": "AU", "ottawa": "CA",
    "mexico city": "MX", "brasilia": "BR", "buenos aires": "AR", "caracas": "VE", "havana": "CU",
    "bogota": "CO", "lima": "PE", "santiago": "CL", "pretoria": "ZA", "nairobi": "KE", "abuja": "NG",
    "addis ababa": "ET", "khartoum": "SD", "tripoli": "LY", "warsaw": "PL", "minsk": "BY", "tbilisi": "GE",
    "yerevan": "AM", "baku": "AZ", "budapest": "HU", "vienna": "AT", "athens": "GR", "stockholm": "SE",
    "oslo": "NO", "helsinki": "FI", "copenhagen": "DK", "brussels": "BE", "the hague": "NL", "bern": "CH",
    "lisbon": "PT", "dublin": "IE", "port-au-prince": "HT", "doha": "QA", "abu dhabi": "AE", "muscat": "OM",
    "sanaa": "YE", "dhaka": "BD", "colombo": "LK", "kathmandu": "NP", "naypyidaw": "MM", "ulaanbaatar": "MN",
}
IRREGULAR_DEMONYMS = {
    "american": "US", "british": "GB", "briton": "GB", "english": "GB", "scottish": "GB", "welsh": "GB",
    "french": "FR", "dutch": "NL", "swiss": "CH", "irish": "IE", "greek": "GR", "danish": "DK", "swedish": "SE",
    "finnish": "FI", "polish": "PL", "turkish": "TR", "spanish": "ES", "thai": "TH", "filipino": "PH",
    "israeli": "IL", "pakistani": "PK", "iraqi": "IQ", "saudi": "SA", "emirati": "AE", "afghan": "AF",
    "kuwaiti": "KW", "qatari": "QA", "yemeni": "YE", "bangladeshi": "BD", "omani": "OM", "haitian": "HT",
}


@functools.lru_cache(maxsize=4096)
def owner_name(text: str) -> str:
    """One name per country (names, demonyms, acronyms, capitals folded), else the name as given.

    >>> owner_name("Pyongyang"), owner_name("DPRK"), owner_name("North Korean")
    ('North Korea', 'North Korea', 'North Korea')
    """
    from storyline.annotate.entities import canonical_name, country_code, country_name

    t = " ".join(text.replace("\u2019", "'").split()).strip(" ,.'\"")
    t = re.sub(r"^(?:the|a|an)\s+", "", t, flags=re.I)
    t = re.sub(r"'s?$", "", t)
    low = t.lower()
    code = METONYMS.get(low) or IRREGULAR_DEMONYMS.get(low) or country_code(t)
    if code:
        return country_name(code)
    return canonical_name(t, "ORG")


def noun_class(lemma: str) -> str:
    """The subject noun for a counted noun's lemma ("soldier" -> "troops")."""
    low = lemma.lower()
    if low in NOUN_CLASSES:
        return NOUN_CLASSES[low]
    return low if low.endswith("s") or not low.isalpha() else plural(low)


def plural(noun: str) -> str:
    """A plain English plural, enough for subject labels."""
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def change_class(lemma: str, material: bool = False) -> str | None:
    """The change a verb or noun makes to what is counted, if it changes it."""
    low = lemma.lower()
    if material and low in MATERIAL_CHANGE:
        return MATERIAL_CHANGE[low]
    return CHANGE_CLASSES.get(low)


def measure_unit(lemma: str) -> str | None:
    """The unit a measure noun stands for ("barrel" -> "barrels"), None for counted nouns."""
    return MEASURES.get(lemma.lower())


def subject_label(owner: str | None, change: str | None, noun: str | None, unit: str | None,
                  measure: bool = False) -> str:
    """A readable, stable subject: "North Korea troops", "troops killed", "oil leaked (barrels per day)"."""
    parts = [p for p in (owner, noun, change) if p]
    label = " ".join(parts) if parts else "amount"
    if measure and unit:
        label += f" ({unit})"
    return label
