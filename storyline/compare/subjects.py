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

from storyline.compare import words as compare_words


def word_table(groups: dict[str, str], table: dict[str, str] | None = None) -> dict[str, str]:
    """{label: "word word ..."} -> {word: label}; the first label given to a word wins."""
    table = {} if table is None else table
    for label, words in groups.items():
        for w in words.split():
            table.setdefault(w, label)
    return table


# Counted nouns that name the same kind of thing in news copy: lemma -> subject noun.
NOUN_CLASSES: dict[str, str] = word_table({
    "troops": "troop soldier serviceman servicemen servicewoman fighter trooper infantryman marine",
    "people": "people person individual resident civilian citizen inhabitant reveller reveler partygoer attendee "
              "spectator onlooker",
    "workers": "worker employee staff staffer crew crewman crewmember",
    "weapons": "weapon weaponry arm armament munition",
    "artillery shells": "shell artillery round",
    "missiles": "missile rocket",
    "drones": "drone uav",
    "children": "child kid minor",
    "girls": "girl schoolgirl",
    "boys": "boy schoolboy",
    "students": "student pupil schoolchild",
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
    "injured": "injure wound hurt injury casualty injured wounded",
    "hospitalized": "hospitalize hospitalise hospitalization hospitalisation",
    "missing": "missing disappear",
    "arrested": "arrest detain jail imprison incarcerate",
    "displaced": "evacuate displace flee evacuee uproot evacuation",
    "captured": "capture",
    "abducted": "abduct kidnap snatch seize",
    "held captive": "captive captivity hostage",
    "freed": "free release liberate",
    "trapped": "trap trapped",
    "assaulted": "assault attack grope molest harass rape",
    "infected": "infect",
    "sacked": "sack fire dismiss redundant",
    "rescued": "rescue save",
    "lost": "lose loss",
})
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
NEUTRAL_VERBS = set("""be have remain stay send deploy dispatch station base move transfer position post mass amass
arrive land number total reach hit top exceed stand amount include comprise involve count put estimate
make become seem appear operate serve go affiliate associate locate situate name call attach ship supply
deliver provide export transport""".split())
# "taken to hospital", "flown to hospitals": the destination names what happened.
HOSPITAL_NOUNS = {"hospital", "hospitals", "clinic", "infirmary"}
# Verbs whose money amount is what something costs: "the spill has cost BP $3bn".
COST_VERBS = {"cost"}
# Nouns that name an amount of something else; the subject keeps their "of" phrase ("cost of spill").
RELATIONAL_NOUNS = {"cost", "value", "price", "bill", "size", "total", "estimate", "amount", "tag", "share",
                    "stake", "proportion", "part", "rate", "level", "volume", "number", "capitalization",
                    "capitalisation", "worth", "budget", "revenue", "profit", "loss", "sale"}
# Past participles of common irregular verbs, for subject labels ("taken", "paid").
IRREGULAR_PARTICIPLES = {
    "be": "been", "begin": "begun", "bring": "brought", "build": "built", "buy": "bought", "catch": "caught",
    "choose": "chosen", "come": "come", "cut": "cut", "do": "done", "draw": "drawn", "drive": "driven",
    "eat": "eaten", "fall": "fallen", "feed": "fed", "feel": "felt", "fight": "fought", "find": "found",
    "fly": "flown", "forget": "forgotten", "freeze": "frozen", "get": "got", "give": "given", "go": "gone",
    "grow": "grown", "have": "had", "hear": "heard", "hide": "hidden", "hit": "hit", "hold": "held",
    "hurt": "hurt", "keep": "kept", "know": "known", "lay": "laid", "lead": "led", "leave": "left",
    "lend": "lent", "let": "let", "lie": "lain", "lose": "lost", "make": "made", "mean": "meant",
    "meet": "met", "pay": "paid", "put": "put", "quit": "quit", "read": "read", "ride": "ridden",
    "rise": "risen", "run": "run", "say": "said", "see": "seen", "seek": "sought", "sell": "sold",
    "send": "sent", "set": "set", "shake": "shaken", "shed": "shed", "shoot": "shot", "show": "shown",
    "shut": "shut", "sink": "sunk", "sit": "sat", "sleep": "slept", "slide": "slid", "speak": "spoken",
    "spend": "spent", "spread": "spread", "stand": "stood", "steal": "stolen", "stick": "stuck",
    "strike": "struck", "swim": "swum", "take": "taken", "teach": "taught", "tell": "told",
    "think": "thought", "throw": "thrown", "understand": "understood", "wake": "woken", "wear": "worn",
    "win": "won", "write": "written", "cost": "cost", "bid": "bid", "forecast": "forecast", "withdraw": "withdrawn", "undergo": "undergone", "overtake": "overtaken",
}

# Measure nouns: the figure is an amount of something else ("barrels of oil").
MEASURES: dict[str, str] = word_table({
    "barrels": "barrel bbl", "gallons": "gallon", "litres": "litre liter", "tonnes": "tonne ton",
    "cubic metres": "cubic", "km": "kilometre kilometer km", "miles": "mile", "metres": "metre meter",
    "feet": "foot feet ft", "inches": "inch", "mph": "mph", "knots": "knot", "degrees": "degree",
    "cents": "cent", "pence": "penny pence p", "barrels per day": "bpd", "acres": "acre", "hectares": "hectare",
    "square miles": "square",
    "kg": "kilogram kg kilo", "pounds": "lb", "psi": "psi", "%": "percent % percentage", "megawatts": "megawatt mw",
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
_IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "child": "children", "foot": "feet",
                      "tooth": "teeth", "mouse": "mice", "goose": "geese", "crewman": "crewmen",
                      "fisherman": "fishermen", "policeman": "policemen", "staff": "staff", "fish": "fish",
                      "sheep": "sheep", "species": "species", "series": "series", "aircraft": "aircraft"}
_VES = {"life", "wife", "knife", "leaf", "half", "shelf", "wolf", "thief", "calf", "loaf", "self", "sheaf"}


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
