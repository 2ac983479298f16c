"""The package's shape: no import cycles, and the story stages never parse (they read the
parse stored with each article's analysis, annotate/stored.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "storyline"

# Modules that run at story time, after the per-article stage: none may import spaCy or
# the module that loads it.
STORY_STAGES = ["story.py", "stories", "timeline", "events/merge.py", "compare/comparison.py",
                "compare/coverage.py", "compare/summary.py", "compare/wire.py", "expectations/followup.py",
                "annotate/stored.py"]


def _modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        parts = ("storyline",) + p.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every storyline module ``name`` imports, at the top or inside a function."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            # "from pkg import submodule" is an import of the submodule; of the package only
            # for names defined in it (a package's own import by its submodules is not counted).
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in modules:
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                group = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    group.append(w)
                    if w == v:
                        break
                if len(group) > 1:
                    out.append(sorted(group))
    return out


def test_no_import_cycles():
    modules = _modules()
    graph = {m: _imports(m, p, modules) for m, p in modules.items()}
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_story_stages_do_not_import_spacy():
    modules = _modules()
    paths = []
    for entry in STORY_STAGES:
        p = PACKAGE / entry
        paths.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p])
    assert len(paths) > 10
    for p in paths:
        tree = ast.parse(p.read_text("utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for n in names:
                assert not n.split(".")[0] == "spacy", f"{p.name} imports spaCy"
                assert n != "storyline.annotate.nlp", f"{p.name} imports the spaCy loader"
    assert "storyline.annotate.nlp" in modules


@pytest.fixture(scope="module")
def analysed():
    """Two seed articles analysed as the per-article stage does (this parses)."""
    from storyline.annotate import analyse_article
    from storyline.clean import clean
    from storyline.ingest import read_inputs

    files = sorted((PACKAGE.parent / "examples").glob("*.txt"))[:2]
    articles = [clean(r) for r in read_inputs([str(f) for f in files])]
    return articles, {a.id: analyse_article(a) for a in articles}


def test_stored_parse_reads_back_as_parsed(analysed):
    """The view over the stored parse gives the tokens, tree, sentences, entities and noun
    phrases spaCy gave."""
    from storyline.annotate import masked_text, select_sentences, split_sentences
    from storyline.annotate.nlp import parse
    from storyline.annotate.stored import Parsed

    articles, analyses = analysed
    a = articles[0]
    an = analyses[a.id]
    sentences = split_sentences(a.body)
    doc = parse(masked_text(a.body, sentences, select_sentences(sentences, an.timexes)))
    view = Parsed(an.parsed).body(a.body)
    assert view.text == doc.text
    attrs = ("text", "idx", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "ent_iob_", "like_num", "is_stop",
             "is_punct", "whitespace_", "is_sent_start")
    assert [[getattr(t, k) for k in attrs] + [t.head.i, [c.i for c in t.subtree]] for t in doc] == \
        [[getattr(t, k) for k in attrs] + [t.head.i, [c.i for c in t.subtree]] for t in view]
    assert [(s.start, s.end) for s in doc.sents] == [(s.start, s.end) for s in view.sents]
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in view.ents]
    assert [(c.start, c.end, c.root.i) for c in doc.noun_chunks] == [(c.start, c.end, c.root.i) for c in view.noun_chunks]
    if a.title:
        assert [t.dep_ for t in Parsed(an.parsed).short(a.title)] == [t.dep_ for t in parse(a.title)]


def test_story_build_never_parses(analysed, monkeypatch):
    """A story is built from stored analyses with the parser out of reach, and an article
    whose date is learnt late is re-resolved from its stored parse as a fresh analysis
    would be."""
    import dataclasses

    import storyline.annotate.nlp as nlp
    from storyline.annotate import analyse_article, reanchor
    from storyline.model import Published, asdict
    from storyline.story import build_story

    articles, analyses = analysed
    undated = dataclasses.replace(articles[1], published=Published())
    fresh = analyse_article(dataclasses.replace(articles[1]))
    late = analyse_article(undated)

    def refuse(*args, **kwargs):
        raise AssertionError("spaCy called at story time")

    monkeypatch.setattr(nlp, "get_nlp", refuse)
    monkeypatch.setattr(nlp, "parse", refuse)
    again = reanchor(articles[1], late)
    for part in ("timexes", "events", "claims", "expectations"):
        assert asdict(getattr(again, part)) == asdict(getattr(fresh, part)), part
    story = build_story("s-test", list(articles), dict(analyses))
    assert story.articles and story.timeline
