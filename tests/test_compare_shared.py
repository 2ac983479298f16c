"""Statements several outlets make (compare.shared), on articles written for the test: a
flooded museum told by four outlets, one of them a wire copy."""

from __future__ import annotations

from test_claims import claims_of

from storyline.annotate.nlp import parse
from storyline.compare.shared import shared_statements

# Words every article of the story uses ("museum", "flood") carry no weight; the statements
# are told with words only some articles use.
BODIES = {
    "a": ("River Post",
          "The museum on Quay Street was flooded overnight after the river burst its banks. "
          "The fire service said the basement archive had been completely submerged by muddy water. "
          "Curators said the ancient tapestries had already been moved to a warehouse in the hills. "
          "I just stood there and cried, a neighbour said of the flooded museum."),
    "b": ("Valley Herald",
          "Floodwater poured into the museum late on Tuesday. "
          "According to firefighters, the basement archive was completely submerged by muddy water. "
          "The museum will reopen when the water has gone, its director said. "
          "I just stood there and cried, said a neighbour, who watched the flood from her window."),
    "c": ("Coast Daily",
          "The museum's director denied that the ancient tapestries had been moved to a warehouse in the hills. "
          "The flood reached the museum's doors by dawn."),
    "d": ("Coast Daily Online",  # a copy of c: one source with it
          "The museum's director denied that the ancient tapestries had been moved to a warehouse in the hills."),
}


class _Bodies:
    """The stored parses a story build reads, here parsed for the test."""

    def __init__(self, docs):
        self.docs = docs

    def body(self, article_id):
        return self.docs.get(article_id)


def _bodies(texts):
    """Article texts by id, each from its own outlet ("Outlet A", ...)."""
    return {k: (f"Outlet {k.upper()}", v) for k, v in texts.items()}


def _one_statement(bodies, phrase: str) -> tuple[set[str], int]:
    """Which articles tell the statement holding ``phrase`` (case aside), and under how many
    subjects, every article its own source."""
    shared, _ = _story(bodies, {k: k for k in bodies})
    told = [c for c in shared if phrase.lower() in c.text.lower()]
    return {c.article for c in told}, len({c.subject for c in told})


def _story(bodies=BODIES, independent=None):
    articles, analyses, docs, claims = [], {}, {}, []
    for aid, (outlet, body) in bodies.items():
        article, found = claims_of(body, outlet=outlet)
        article.id = aid
        for c in found:
            c.article = aid
        from storyline.model import ArticleAnalysis, Sentence
        doc = parse(body)
        articles.append(article)
        docs[aid] = doc
        analyses[aid] = ArticleAnalysis(article=aid, sentences=[Sentence(s.start_char, s.end_char, s.text)
                                                                 for s in doc.sents], anchor="2024-05-03")
        claims.extend(found)
    independent = independent or {"a": "a", "b": "b", "c": "c", "d": "c"}
    return shared_statements(articles, analyses, claims, independent, _Bodies(docs)), claims


def test_a_statement_two_independent_outlets_make_is_one_subject():
    shared, _ = _story()
    archive = [c for c in shared if "submerged" in c.text]
    assert {c.article for c in archive} == {"a", "b"}
    assert len({c.subject for c in archive}) == 1
    [subject] = {c.subject for c in archive}
    assert "submerged" in subject and " " in subject and "said" not in subject  # the statement's own words
    assert all(c.kind == "assertion" and c.value == "yes" for c in archive)
    said = {c.article: c.attributed_to for c in archive}
    assert said["a"] == "The fire service"


def test_a_denial_is_the_same_statement_with_the_other_value():
    shared, _ = _story()
    tapestries = {c.article: c for c in shared if "tapestries" in c.text}
    assert set(tapestries) >= {"a", "c"}
    assert len({c.subject for c in tapestries.values()}) == 1
    assert tapestries["a"].value == "yes" and tapestries["a"].attributed_to == "Curators"
    assert tapestries["c"].value == "no" and tapestries["c"].attributed_to == "The museum's director"


def test_a_statement_only_one_source_makes_is_left_out():
    # c and d are one source (a copy): the director's denial alone would not be shared
    bodies = {k: BODIES[k] for k in ("b", "c", "d")}
    shared, _ = _story(bodies)
    assert not [c for c in shared if "tapestries" in c.text]


def test_a_speakers_own_feelings_and_story_wide_words_are_no_statement():
    shared, _ = _story()
    assert not [c for c in shared if "cried" in c.text]  # first person: a witness's own words
    assert not [c for c in shared if "reopen" in c.text]  # said once
    assert not [c for c in shared if c.article == "c" and "flood reached" in c.text]
