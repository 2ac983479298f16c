"""The model's attribute rules applied without the Matcher give spaCy's own annotations."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from storyline.annotate.attributes import install
from storyline.annotate.nlp import MODEL, get_nlp

T17 = Path(__file__).resolve().parents[2] / "shared" / "eval" / "t17-dev"
COLUMNS = [POS, MORPH, LEMMA, TAG, DEP, HEAD]

# Sentences that reach the ruler's rarer rules: two-token patterns, regular expressions,
# dependency tests, expletives, auxiliaries, spaces.
SENTENCES = [
    "I ain't gonna say it, y'all know that. Let's go.\n\n  There is nothin' left, but it was   fine.",
    "You gotta see it: they did it, and it has been done. Which one? Those that I gave you.",
    "The U.S. Department said on Monday that 1,200 people had been evacuated -- about 3.5% of them.",
    "“We will not stop,” she said.\tIt's over; there're none.",
]


@pytest.fixture(scope="module")
def pair():
    return spacy.load(MODEL), get_nlp()


def _same(nlp_a, nlp_b, texts):
    for text in texts:
        a, b = nlp_a(text), nlp_b(text)
        assert numpy.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS)), text[:80]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


def test_the_shared_pipeline_uses_the_rules(pair):
    assert "attribute_rules" in pair[1].pipe_names and "attribute_ruler" not in pair[1].pipe_names


def test_same_annotations_on_sentences(pair):
    _same(*pair, SENTENCES)


@pytest.mark.skipif(not T17.exists(), reason="shared Timeline17 data absent")
def test_same_annotations_on_timeline17(pair):
    files = sorted(T17.glob("*/InputDocs/*/*"))[::150][:12]
    _same(*pair, [f.read_text("utf-8", errors="replace") for f in files])


def test_other_kinds_of_rules_keep_spacy_component():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    assert install(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]
