"""Precision and recall of the non-article recogniser (storyline/clean/pagekind.py) against
pages labelled by hand (benchmarks/skip_labels.tsv), on the crawls in shared/eval.

    .venv/bin/python benchmarks/skip_pages.py [--eval ../shared/eval] [--show]

Every page of each set is read and cleaned as ``storyline run`` does. Pages whose cleaned body
has fewer than 25 words are rejected before the recogniser runs ("no article text found") and
are counted apart. A page is a non-article when the label file lists it (``other-language`` or
``not-article``); every other page of the set was read by hand and judged an English article.
``--show`` prints each page the recogniser and the labels disagree on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SETS = {  # name in the label file -> folder under shared/eval (files found recursively)
    "newsclusters-dev": "newsclusters-dev",
    "t17-dev": "t17-dev",
    "htmldate-mediacloud": "htmldate-mediacloud/test_set",
    "scrapinghub": "scrapinghub/html",
}


def labels(path: Path) -> dict[tuple[str, str], str]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, page, label = line.split("\t")[:3]
        out[(name, page)] = label
    return out


def page_key(source: str) -> str:
    # The file name without its extensions, and for T17 its folder/date/number.
    p = Path(source)
    name = p.name.split(".")[0]
    if "InputDocs" in p.parts:
        i = p.parts.index("InputDocs")
        return f"{p.parts[i - 1]}/{p.parts[i + 1]}/{name}"
    return name


def main(argv=None) -> int:
    from storyline.clean import clean
    from storyline.clean.pagekind import not_article
    from storyline.ingest import read_inputs
    from storyline.model import RawArticle
    from storyline.pipeline import MIN_BODY_WORDS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    gold = labels(Path(__file__).with_name("skip_labels.tsv"))
    print("| set | pages read | rejected (< 25 words) | labelled non-articles among the rest | skipped | "
          "right | precision | recall |")
    print("|---|---|---|---|---|---|---|---|")
    for name, folder in SETS.items():
        data = Path(args.eval) / folder
        if not data.is_dir():
            print(f"| {name} | (absent: {data}) |||||||")
            continue
        n = short = tp = fp = fn = 0
        for raw in read_inputs([data]):
            if not isinstance(raw, RawArticle):
                continue
            n += 1
            art = clean(raw)
            if len(art.body.split()) < MIN_BODY_WORDS:
                short += 1
                continue
            key = page_key(raw.source)
            # Labels name a page by the end of its file name (long hashes are cut).
            label = next((lab for (sname, k), lab in gold.items() if sname == name and key.endswith(k)), "article")
            truth = label != "article"
            said = not_article(art)
            tp += truth and bool(said)
            fp += (not truth) and bool(said)
            fn += truth and not said
            if args.show and truth != bool(said):
                print(f"  {'FALSE SKIP' if said else 'missed'}: {name} {key} {art.title!r}: {said or label}",
                      file=sys.stderr)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"| {name} | {n} | {short} | {tp + fn} | {tp + fp} | {tp} | {p:.3f} | {r:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
