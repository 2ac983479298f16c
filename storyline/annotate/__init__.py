"""The per-article annotation stage: sentences, entities, time expressions, then the
per-article extractors (event mentions, claims, expectations).

Everything here depends on one article only, so it runs wherever the article is (a worker
process, a Dask worker) and its result is stored, so ``storyline add`` never redoes it for
articles already in the store.

Cost: the statistical pipeline (tok2vec, tagger, parser, NER) costs about 0.2 ms a word
on this project's machine, which bounds end-to-end speed. Sentences that carry nothing any
extractor uses (no time expression, figure, attribution, forward-looking or confirmation
cue, and not in the lead) are blanked out before parsing — replaced by spaces of the same
length, so every character offset stays valid — and the parser never sees them. Every
sentence is still listed in ``ArticleAnalysis.sentences`` (from a rule-based splitter).
"""

from __future__ import annotations

import datetime as dt
import re

from storyline import words as wordlists
from storyline.annotate.timex_lexicon import MONTH_ANY
from storyline.model import Article, ArticleAnalysis, Sentence

LEAD_SENTENCES = 3

# Cues that make a sentence worth parsing, beyond the time expressions found in it.
_CUES = re.compile(r"\d|\b(?:" + wordlists.alternation("parse_cues") + r")\b", re.I)


def anchor_of(article: Article) -> dt.date | None:
    """The date relative expressions are resolved against: the publication date if known."""
    d = article.published.date
    if d:
        try:
            return dt.date.fromisoformat(d[:10])
        except ValueError:
            return None
    return None


def split_sentences(text: str) -> list[Sentence]:
    """Rule-based sentence boundaries over the whole body (paragraph breaks always split)."""
    from storyline.annotate.nlp import get_sentencizer

    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        doc = get_sentencizer()(para.group())
        spans: list[list[int]] = []
        for s in doc.sents:
            if not s.text.strip():
                continue
            start = para.start() + s.start_char
            end = start + len(s.text.rstrip())
            if spans and _continues(text[spans[-1][0]:spans[-1][1]], s.text):
                spans[-1][1] = end
            else:
                spans.append([start, end])
        out.extend(Sentence(a, b, text[a:b]) for a, b in spans)
    return out


# "No.", "Mr.", "Gen.", "U.S.", "J." — a period that ends an abbreviation, not a sentence.
_ABBREV_END = re.compile(r"(?:\b[A-Z][a-z]{0,3}\.|\b(?:[A-Za-z]\.){1,3}|\bno\.|\bvs\.|\bapprox\.|\bet al\.)$")


# Abbreviations that label the number after them.
_NUMBER_ABBREV = re.compile(r"\b(?:" + wordlists.alternation("number_label_abbreviations") + r")\.$")


# A weekday shortened before its date ("it was Sun. Dec. 31, 2017"): a date line, not a sentence end.
_WEEKDAY_ABBREV = re.compile(r"\b(?:" + wordlists.alternation("weekday_abbreviations") + r")\.$", re.I)
_DATE_START = re.compile(r"(?:\d|" + MONTH_ANY + r"\b)", re.I)


def _continues(previous: str, nxt: str) -> bool:
    """The rule-based splitter cut inside a sentence: after an abbreviation, or before a
    lower-case word or a number that cannot start a sentence."""
    first = nxt.lstrip()[:1]
    if first.islower():
        return True
    if _WEEKDAY_ABBREV.search(previous.rstrip()) and _DATE_START.match(nxt.lstrip()):
        return True
    if first.isdigit() and _NUMBER_ABBREV.search(previous.rstrip()):
        return True  # "Kill Bill: Vol. 1", "Art. 4", "Ch. 11": a number's label, never a sentence end
    if _ABBREV_END.search(previous.rstrip()) and (first.isdigit() or first.isupper()):
        # "No. 740196-8", "Gen. Smith": keep whole unless the previous piece is a full sentence
        return len(previous.split()) < 4 or bool(re.search(r"\b(?:" + wordlists.alternation("name_title_abbreviations") + r")\.$",
                                                                  previous.rstrip()))
    return False


def select_sentences(sentences: list[Sentence], timexes) -> list[bool]:
    """Which sentences to parse: the lead, and any sentence with a time expression or a cue."""
    starts = sorted(t.start for t in timexes)
    keep = []
    j = 0
    for i, s in enumerate(sentences):
        while j < len(starts) and starts[j] < s.start:
            j += 1
        has_timex = j < len(starts) and starts[j] < s.end
        keep.append(i < LEAD_SENTENCES or has_timex or bool(_CUES.search(s.text)))
    return keep


def masked_text(text: str, sentences: list[Sentence], keep: list[bool]) -> str:
    """``text`` with the sentences not kept replaced by spaces (newlines kept), same length."""
    chars = list(text)
    for s, k in zip(sentences, keep):
        if not k:
            for i in range(s.start, s.end):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def analyse_article(article: Article, anchor: dt.date | None = None, *, parse_all: bool = False) -> ArticleAnalysis:
    """Run every per-article extractor over one cleaned article.

    ``parse_all`` parses every sentence (slower; the default parses only those that can
    carry an event, figure, attribution or expectation).
    """
    from storyline.annotate.nlp import parse

    prepared = _prepare(article, anchor, parse_all)
    return _finish(article, parse(prepared[-1]), prepared)


def analyse_articles(articles: list[Article]) -> list[ArticleAnalysis | Exception]:
    """:func:`analyse_article` for several articles, their texts parsed in one ``nlp.pipe``
    batch (the same parses as one at a time, checked token by token; less overhead per
    article). An article whose analysis fails gives its exception in its place."""
    from storyline.annotate.nlp import get_nlp
    from storyline.annotate.stored import pack

    prepared: list = []
    for a in articles:
        try:
            prepared.append(_prepare(a, None, False))
        except Exception as exc:  # noqa: BLE001 - reported per article by the caller
            prepared.append(exc)
    texts = [p[-1] for p in prepared if not isinstance(p, Exception)]
    docs = iter(_parse_together(get_nlp(), texts))
    out: list[ArticleAnalysis | Exception] = []
    done: list[tuple[int, object, list]] = []  # (place, body doc, mask) of each article to pack
    for a, p in zip(articles, prepared):
        if isinstance(p, Exception):
            out.append(p)
            continue
        doc = next(docs)
        try:
            analysis, mask = _extract(a, doc, p)
        except Exception as exc:  # noqa: BLE001
            out.append(exc)
            continue
        done.append((len(out), doc, mask))
        out.append(analysis)
    # The short texts of every article in one nlp.pipe call (one call per article costs the
    # pipeline's start-up per article; they are short, so one batch pads little).
    shorts = [short_texts(articles[i], out[i]) for i, _, _ in done]
    parsed = iter(parse_short(get_nlp(), [t for ts in shorts for t in ts]))
    for (i, doc, mask), ts in zip(done, shorts):
        short_docs = [next(parsed) for _ in ts]
        try:
            out[i].parsed = pack(doc, mask, short_docs)
        except Exception as exc:  # noqa: BLE001
            out[i] = exc
    return out


# Characters parsed in one nlp.pipe batch, counted as the batch's longest text times its
# size: the model pads a batch to its longest text, so mixing one long article with short
# ones costs memory (48 t17 articles in batches of 8: peak 693 MiB against 460 one at a time).
PIPE_CHARS = 30_000


def _parse_together(nlp, texts: list[str]) -> list:
    """``texts`` parsed, in order, in nlp.pipe batches of similar length within PIPE_CHARS."""
    from storyline.annotate.nlp import paragraphs

    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list = [None] * len(texts)
    group: list[int] = []
    for i in order + [None]:
        if group and (i is None or len(texts[i]) * (len(group) + 1) > PIPE_CHARS):
            for j, doc in zip(group, nlp.pipe([paragraphs(nlp, texts[j]) for j in group], batch_size=len(group))):
                out[j] = doc
            group = []
        if i is not None:
            group.append(i)
    return out


def parse_short(nlp, texts: list[str]) -> list:
    """Short texts (titles, standfirsts, expectation phrases) parsed in one nlp.pipe call."""
    return list(nlp.pipe(texts, batch_size=64))


def _prepare(article: Article, anchor: dt.date | None, parse_all: bool):
    """What comes before the parse: sentences, time expressions, the sentences to parse and
    the text handed to the parser (the body, other sentences blanked)."""
    from storyline.annotate.timex import find_timexes

    anchor = anchor or anchor_of(article)
    body = article.body
    sentences = split_sentences(body)
    timexes = find_timexes(body, anchor)
    keep = [True] * len(sentences) if parse_all else select_sentences(sentences, timexes)
    return anchor, sentences, timexes, keep, (body if all(keep) else masked_text(body, sentences, keep))


def _finish(article: Article, doc, prepared) -> ArticleAnalysis:
    """What comes after the parse: entities, the extractors, the packed parse."""
    from storyline.annotate.nlp import get_nlp
    from storyline.annotate.stored import pack

    analysis, mask = _extract(article, doc, prepared)
    analysis.parsed = pack(doc, mask, get_nlp().pipe(short_texts(article, analysis), batch_size=64))
    return analysis


def _extract(article: Article, doc, prepared) -> tuple[ArticleAnalysis, list[tuple[int, int]]]:
    """Entities and the extractors over the parsed body; the analysis (not yet packed) and the
    character ranges that were blanked before parsing."""
    from storyline.annotate.entities import entity_mentions
    from storyline.compare.claims import extract_claims
    from storyline.events.extract import extract_events
    from storyline.expectations.extract import extract_expectations

    anchor, sentences, timexes, keep, _ = prepared
    entities = entity_mentions(doc)
    analysis = ArticleAnalysis(
        article=article.id,
        sentences=sentences,
        timexes=timexes,
        entities=entities,
        anchor=anchor.isoformat() if anchor else None,
    )
    analysis.events = extract_events(article, doc, analysis)
    analysis.claims = extract_claims(article, doc, analysis)
    analysis.expectations = extract_expectations(article, doc, analysis)
    return analysis, [(s.start, s.end) for s, k in zip(sentences, keep) if not k]


def short_texts(article: Article, analysis: ArticleAnalysis) -> list[str]:
    """The short texts the story stages read parsed on their own: the title and standfirst
    (outlet wording) and each expectation's phrase and subject (its follow-up)."""
    texts = [t for t in (article.title, article.standfirst) if t]
    for x in analysis.expectations:
        texts.extend(t for t in (x.what, x.subject) if t)
    return list(dict.fromkeys(texts))


def reanchor(article: Article, analysis: ArticleAnalysis, *, unanchored: bool = False) -> ArticleAnalysis:
    """The analysis of an article whose publication date was just inferred, its time
    expressions resolved against that date and the extractors that read them run again,
    on the stored parse: nothing is parsed again. Without a stored parse it is kept as is.
    ``unanchored``: the article has lost its date (a metadata day the story contradicts), and
    its relative times are read again against no day at all."""
    from storyline.annotate.stored import Parsed
    from storyline.annotate.timex import find_timexes
    from storyline.compare.claims import extract_claims
    from storyline.events.extract import extract_events
    from storyline.expectations.extract import extract_expectations

    anchor = anchor_of(article)
    if not analysis.parsed or (anchor is None and not unanchored):
        return analysis
    doc = Parsed(analysis.parsed).body(article.body)
    if doc is None:
        return analysis
    new = ArticleAnalysis(article=article.id, sentences=analysis.sentences,
                          timexes=find_timexes(article.body, anchor), entities=analysis.entities,
                          anchor=anchor.isoformat() if anchor else None, parsed=analysis.parsed)
    new.events = extract_events(article, doc, new)
    new.claims = extract_claims(article, doc, new)
    new.expectations = extract_expectations(article, doc, new)
    return new
