"""Reading sample for expectations on a Timeline17 story (issue 8's evaluation).

T17 has no gold expectations, so precision is measured by reading: this module runs the
per-article stage over one story's articles (``<story>_<source>/InputDocs/<date>/*``; the
folder is the publication date), follows every expectation up against the story's
events, and writes a random sample as Markdown for a person to judge, one block per
expectation with its sentence, the fields extracted and, when fulfilled, the sentence of
the event that fulfilled it.

    python -m storyline.expectations.evaluate ../shared/eval/t17-dev --story bpoil \\
        --every 3 --sample 30 --seed 8 --out /tmp/bpoil-sample.md

T17 text is tokenised (one sentence a line, ``-LRB-``, `` `` ``, ``n't`` split off); it is
put back into ordinary spacing first so the parser sees text as news sites publish it.
Processed articles are cached (``--cache``) so re-sampling does not re-parse.
"""

from __future__ import annotations

import argparse
import pickle
import random
import re
import sys
from pathlib import Path

from storyline.model import Article, ArticleAnalysis, RawArticle
from storyline import words as wordlists

_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PTB = [
    (re.compile(r"-LRB-"), "("), (re.compile(r"-RRB-"), ")"), (re.compile(r"-LSB-"), "["),
    (re.compile(r"-RSB-"), "]"), (re.compile(r"-LCB-"), "{"), (re.compile(r"-RCB-"), "}"),
    (re.compile(r"``\s*"), "\u201c"), (re.compile(r"\s*''"), "\u201d"),
    (re.compile(r"\(\s+"), "("), (re.compile(r"\s+\)"), ")"),
    (re.compile(r"\s+([,.;:!?%])"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.I), r"\1"),
    (re.compile(r"\$\s+(?=\d)"), "$"), (re.compile(r"\\/"), "/"),
]


def detokenize(text: str) -> str:
    """Undo Penn-Treebank tokenisation, line by line (a line is a sentence, kept as a paragraph)."""
    lines = []
    for line in text.splitlines():
        for pat, rep in _PTB:
            line = pat.sub(rep, line)
        lines.append(line.strip())
    return "\n\n".join(x for x in lines if x)


def story_files(data: Path, story: str, every: int = 1) -> list[tuple[Path, str]]:
    """(file, folder date) for the story's articles, every ``every``-th in date order."""
    files = sorted((p, p.parent.name) for p in Path(data).glob(f"{story}_*/InputDocs/*/*")
                   if p.is_file() and _DATE_DIR.match(p.parent.name))
    files.sort(key=lambda fp: (fp[1], str(fp[0])))
    return files[::every]


def _fill_defaults(rec) -> None:
    """Give a record unpickled from an older cache the fields added to its class since."""
    import dataclasses

    for f in dataclasses.fields(rec):
        try:
            getattr(rec, f.name)
        except AttributeError:
            if f.default is not dataclasses.MISSING:
                setattr(rec, f.name, f.default)
            elif f.default_factory is not dataclasses.MISSING:
                setattr(rec, f.name, f.default_factory())


def process(files: list[tuple[Path, str]], cache: Path | None = None) -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    """Clean and annotate each file, dated by its folder (cached by file list)."""
    from storyline.pipeline import process_raw

    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            stored = pickle.load(fh)
        if stored.get("files") == [str(f) for f, _ in files]:
            for an in stored["analyses"].values():
                for rec in (*an.events, *an.expectations, *an.claims):
                    _fill_defaults(rec)
            return stored["articles"], stored["analyses"]
    articles, analyses = [], {}
    for n, (path, date) in enumerate(files):
        source = path.parts[-4]
        text = detokenize(path.read_text("utf-8", errors="replace"))
        raw = RawArticle(id=f"{source}/{date}/{path.name.split('.')[0]}", source=str(path), format="text", text=text)
        out = process_raw(raw, published=date)
        if isinstance(out, tuple):
            articles.append(out[0])
            analyses[out[0].id] = out[1]
        if n % 25 == 0:
            print(f"  {n}/{len(files)} articles", file=sys.stderr)
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump({"files": [str(f) for f, _ in files], "articles": articles, "analyses": analyses}, fh)
    return articles, analyses


def reextract(articles: list[Article], analyses: dict[str, ArticleAnalysis]) -> None:
    """Replace each analysis's expectations with a fresh extraction (other stages kept)."""
    from storyline.annotate.nlp import get_nlp
    from storyline.expectations.extract import extract_expectations

    nlp = get_nlp()
    for art, doc in zip(articles, nlp.pipe((a.body for a in articles), batch_size=16)):
        analyses[art.id].expectations = extract_expectations(art, doc, analyses[art.id])


def follow(articles: list[Article], analyses: dict[str, ArticleAnalysis]):
    """The story's events (merged as the story stage merges them) and its followed-up expectations."""
    from storyline.annotate.nlp import parse_on_demand
    from storyline.events.merge import merge_events
    from storyline.expectations.followup import follow_up

    by_id = {a.id: a for a in articles}
    mentions = [m for a in articles for m in analyses[a.id].events]
    events = merge_events(mentions, by_id, {a.id: a.id for a in articles})
    expectations = [x for a in articles for x in analyses[a.id].expectations]
    with parse_on_demand():  # records of its own, not a stored story: parse as the stage reads
        return events, follow_up(expectations, events, by_id)


_STOP = wordlists.words("expectation_match_stopwords")


def _words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


def closest_later(x, events, k: int):
    """The ``k`` later events sharing most words with the expectation: what a reader checks
    to judge whether an open or overdue expectation was in fact reported as done."""
    want = _words(f"{x.subject or ''} {x.what}")
    if not want:
        return []
    scored = []
    for ev in events:
        if not ev.date or not x.made or ev.date[:10] <= x.made:
            continue
        quote = ev.evidence[0].quote if ev.evidence else ev.text
        got = _words(quote)
        score = len(want & got) / len(want)
        if score > 0:
            scored.append((score, ev.date, ev))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return [ev for _, _, ev in scored[:k]]


def sample_markdown(expectations, events, k: int, seed: int) -> str:
    """A reading sheet: ``k`` expectations drawn at random, each with what to judge."""
    rng = random.Random(seed)
    picked = sorted(rng.sample(expectations, min(k, len(expectations))), key=lambda x: x.id)
    ev_by_id = {e.id: e for e in events}
    out = []
    for n, x in enumerate(picked, 1):
        bound = f"{x.bound.text} -> {x.bound.value} (to {x.bound.latest})" if x.bound else "-"
        out += [f"{n}. `{x.id}` ({x.made}) — {x.text}",
                f"   - what: {x.what} | subject: {x.subject or '-'} | by: {x.attributed_to or '-'} | "
                f"{x.certainty} | bound: {bound} | condition: {x.condition or '-'}",
                f"   - status: **{x.status}**" + (f" by `{x.fulfilled_by}` on {x.fulfilled_date}" if x.fulfilled_by else "")]
        if x.fulfilled_by and x.fulfilled_by in ev_by_id:
            ev = ev_by_id[x.fulfilled_by]
            quote = ev.evidence[0].quote if ev.evidence else ev.text
            out.append(f"   - fulfilled by: {quote} [{', '.join(ev.sources)}]")
        else:
            for ev in closest_later(x, events, 2):
                quote = ev.evidence[0].quote if ev.evidence else ev.text
                out.append(f"   - closest later event ({ev.date}): {quote[:300]}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="the t17-dev folder")
    ap.add_argument("--story", default="bpoil")
    ap.add_argument("--every", type=int, default=3, help="take every n-th article in date order")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--status", choices=["fulfilled", "overdue", "open"], default=None,
                    help="sample only expectations with this status (to judge the follow-up)")
    ap.add_argument("--reextract", action="store_true",
                    help="re-run only the expectation extractor over cached articles (after changing it)")
    args = ap.parse_args(argv)
    files = story_files(args.data, args.story, args.every)
    if not files:
        print(f"{args.data}: no {args.story}_*/InputDocs/<date>/ files (is this the t17-dev folder?)", file=sys.stderr)
        return 2
    articles, analyses = process(files, args.cache)
    if args.reextract:
        reextract(articles, analyses)
        if args.cache is not None:
            with args.cache.open("wb") as fh:
                pickle.dump({"files": [str(f) for f, _ in files], "articles": articles, "analyses": analyses}, fh)
    events, expectations = follow(articles, analyses)
    counts = {s: sum(x.status == s for x in expectations) for s in ("fulfilled", "overdue", "open")}
    head = (f"# {args.story}: {len(articles)} articles, {len(events)} events, {len(expectations)} expectations "
            f"({counts}); sample of {args.sample}, seed {args.seed}\n\n")
    pool = [x for x in expectations if args.status is None or x.status == args.status]
    text = head + sample_markdown(pool, events, args.sample, args.seed)
    if args.out:
        args.out.write_text(text, "utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
