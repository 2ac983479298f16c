"""Coverage: who reported what, who left it out, and how each outlet worded the same thing.

:func:`coverage` is the outlet x event matrix (and outlet x claim subject), counted by outlet
and by independent source, with what each outlet left out. :func:`wording` finds the things
outlets name differently ("trade pact" vs "free-trade agreement",
"ROK" vs "South Korea"): noun phrases from the titles and the sentences the timeline and the
claims cite, grouped by what they refer to (their head noun folded by a small table of news
referents, and their owner country), and countries and organisations by the name each
outlet uses for them.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from storyline.compare.subjects import word_table
from storyline.model import Article, Event, Story
from storyline import words as wordlists

# Head nouns that name the same kind of thing in news copy.
REFERENTS: dict[str, str] = word_table(wordlists.table("referent_classes"))
MAX_SENTENCES_PER_ARTICLE = 30
MAX_SENTENCES = 600
MAX_THINGS = 8
DROP_WORDS = wordlists.words("coverage_drop_words")


def coverage(timeline: list[Event], articles: list[Article], claims=None, independent: dict[str, str] | None = None) -> dict:
    """Outlet x event matrix: for each event, which outlets reported it and which left it out.

    Returns ``{"outlets": [...], "events": [{"event", "date", "text", "outlets": {outlet: bool},
    "left_out": [...], "independent_sources": n}], "claims": [...], "per_outlet": {outlet:
    {"events": n, "left_out": n, "claims": n}}}``.
    """
    outlet_of = {a.id: a.outlet or a.id for a in articles}
    outlets = sorted(set(outlet_of.values()))
    independent = independent or {a.id: a.id for a in articles}
    rows = []
    per = {o: {"articles": 0, "events": 0, "left_out": 0, "claims": 0} for o in outlets}
    for a in articles:
        per[outlet_of[a.id]]["articles"] += 1
    for e in timeline:
        have = {outlet_of[s] for s in e.sources if s in outlet_of}
        left = [o for o in outlets if o not in have]
        rows.append({
            "event": e.id, "date": e.date, "text": e.text[:200],
            "outlets": {o: o in have for o in outlets},
            "left_out": left,
            "independent_sources": len({independent.get(s, s) for s in e.sources}),
        })
        for o in outlets:
            per[o]["events" if o in have else "left_out"] += 1
    claim_rows = []
    if claims:
        by_subject: dict[str, set[str]] = defaultdict(set)
        for c in claims:
            if c.article in outlet_of:
                by_subject[c.subject].add(outlet_of[c.article])
        for subject, have in sorted(by_subject.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            if len(have) < 2:
                continue
            claim_rows.append({"subject": subject, "outlets": {o: o in have for o in outlets},
                               "left_out": [o for o in outlets if o not in have]})
        for c in claims:
            if c.article in outlet_of:
                per[outlet_of[c.article]]["claims"] += 1
    return {"outlets": outlets, "events": rows, "claims": claim_rows, "per_outlet": per}


def _texts(story: Story, articles: dict[str, Article]) -> dict[str, list[str]]:
    """Per article: title, standfirst, and the sentences the timeline and claims cite."""
    texts: dict[str, list[str]] = defaultdict(list)
    for aid in story.articles:
        a = articles.get(aid)
        if a is None:
            continue
        texts[aid].extend(t for t in (a.title, a.standfirst) if t)
    quotes = [ev for e in story.timeline for ev in e.evidence] + [ev for c in story.claims for ev in c.evidence]
    for ev in quotes:
        if ev.article in articles and len(texts[ev.article]) < MAX_SENTENCES_PER_ARTICLE and ev.quote not in texts[ev.article]:
            texts[ev.article].append(ev.quote)
    return texts


def _variant(chunk) -> tuple[str, str] | None:
    """(referent key, wording) of a noun chunk, or None when it names nothing in particular."""
    from storyline.compare.subjects import owner_name

    head = chunk.root
    lemma = head.lemma_.lower()
    thing = REFERENTS.get(lemma)
    if thing is None:
        return None
    figure = {t.i for t in chunk if t.dep_ in ("nummod", "quantmod") for t in t.subtree}
    words = [t for t in chunk if t.lower_ not in DROP_WORDS and not t.is_punct and t.i not in figure
             and t.dep_ not in ("det", "poss", "case", "predet") and t.pos_ not in ("NUM", "PART", "PRON")
             and not (t.dep_ == "poss" or any(a.dep_ == "poss" for a in t.ancestors if a.i in range(chunk.start, chunk.end)))]
    mods = [t for t in words if t.i != head.i]
    owner = None
    for t in mods:
        if t.ent_type_ in ("GPE", "NORP", "ORG") or t.pos_ == "PROPN":
            name = owner_name(t.text)
            if _is_country(name):
                owner = name
    if not mods:
        return None
    text = " ".join(t.text if t.pos_ == "PROPN" or t.ent_type_ else t.lower_ for t in words)
    text = text.replace("“", "").replace("”", "").replace('"', "").strip()
    key = f"{owner} {thing}" if owner and thing != "treaty" else thing
    return key, text


def _is_country(name: str) -> bool:
    from storyline.annotate.entities import country_code

    return country_code(name) is not None


def wording(story: Story, articles: dict[str, Article], analyses=None) -> list[dict]:
    """Things the outlets name differently: ``[{"thing", "variants": [{"outlet", "text", "articles"}]}]``.

    Each outlet's variant is the wording it uses most for the thing (the fuller one on a tie).
    Only things named by at least two outlets, in at least two different wordings, are kept.
    """
    from storyline.annotate.stored import parsed_texts
    from storyline.compare.subjects import owner_name

    texts = _texts(story, articles)
    flat = [(aid, t) for aid, ts in texts.items() for t in ts][:MAX_SENTENCES]
    uses: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    where: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for (aid, _), doc in zip(flat, parsed_texts([t for _, t in flat])):
        outlet = articles[aid].outlet or aid
        for chunk in doc.noun_chunks:
            v = _variant(chunk)
            if v:
                uses[v[0]][outlet][v[1].lower()] += 1
                where[(v[0], outlet, v[1].lower())].add(aid)
    if analyses:  # names: "ROK" / "South Korea" / "Seoul" for one country
        for aid in story.articles:
            an = analyses.get(aid)
            if an is None or aid not in articles:
                continue
            outlet = articles[aid].outlet or aid
            for m in an.entities:
                if m.label in ("GPE", "ORG", "NORP"):
                    name = owner_name(m.text)
                    if name.lower() != m.text.lower() and m.label != "NORP":
                        uses[name][outlet][m.text] += 1
                        where[(name, outlet, m.text)].add(aid)
                    elif m.label != "NORP":
                        uses[name][outlet][name] += 1
                        where[(name, outlet, name)].add(aid)
    out = []
    for thing, by_outlet in uses.items():
        if len(by_outlet) < 2:
            continue
        variants = []
        for outlet, counter in sorted(by_outlet.items()):
            text, _ = max(counter.items(), key=lambda kv: (kv[1], len(kv[0].split()), kv[0]))
            variants.append({"outlet": outlet, "text": text, "articles": sorted(where[(thing, outlet, text)])})
        if len({v["text"].lower() for v in variants}) < 2:
            continue
        out.append({"thing": thing, "variants": variants})
    out.sort(key=lambda w: (-len(w["variants"]), w["thing"]))
    return out[:MAX_THINGS]
