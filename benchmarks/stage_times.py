"""Where one process spends its time in `storyline run`, stage by stage, and what each spaCy
component costs on the texts the per-article stage hands it.

Times are CPU seconds of this process (`time.process_time`), so that other jobs on a shared
machine slow the run without changing its figures much.

Part 1 runs `storyline run FILES` in this process with a timer around each
stage's entry point (cleaning, sentence split, time expressions, the parse, entities,
events, claims, expectations, packing the parse, store writes, story building, reports).
A stage's time excludes the stages it calls that are timed themselves.

Part 2 takes the same articles' parser inputs (the body with unselected sentences blanked,
as the per-article stage makes them) and runs spaCy one component at a time over the whole
list (`nlp.pipe` per component, results kept), so each component's cost is measured alone;
the same for the full bodies (every sentence parsed) for comparison. A first pass of the
whole pipeline over the full bodies warms the vocabulary and the lemmatizer's cache, as the
first articles of a long run do, so neither column pays for the other's warm-up.

    .venv/bin/python benchmarks/stage_times.py --limit 100

Not a test: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED_EVAL, machine, t17_files  # noqa: E402

TIMES: dict[str, float] = defaultdict(float)
_stack: list[list[float]] = []


def _timed(label: str, fn):
    """``fn`` with its CPU time added to TIMES[label], minus time in nested timed calls."""

    @functools.wraps(fn)
    def wrapper(*a, **kw):
        _stack.append([0.0])
        t0 = time.process_time()
        try:
            return fn(*a, **kw)
        finally:
            spent = time.process_time() - t0
            inner = _stack.pop()[0]
            TIMES[label] += spent - inner
            if _stack:
                _stack[-1][0] += spent

    return wrapper


def _patch(module: str, name: str, label: str, owner=None) -> None:
    import importlib

    obj = owner or importlib.import_module(module)
    setattr(obj, name, _timed(label, getattr(obj, name)))


def instrument() -> None:
    import storyline.annotate as annotate
    import storyline.pipeline as pipeline
    from storyline.store import Store

    _patch("storyline.pipeline", "clean", "clean + page kind", pipeline)
    _patch("storyline.clean.pagekind", "not_article", "clean + page kind")
    _patch("storyline.annotate", "split_sentences", "sentence split", annotate)
    _patch("storyline.annotate.timex", "find_timexes", "time expressions")
    _patch("storyline.annotate", "select_sentences", "sentence selection + masking", annotate)
    _patch("storyline.annotate", "masked_text", "sentence selection + masking", annotate)
    _patch("storyline.annotate", "_parse_together", "spaCy parse of bodies (nlp.pipe)", annotate)
    _patch("storyline.annotate.entities", "entity_mentions", "entity mentions")
    _patch("storyline.events.extract", "extract_events", "events")
    _patch("storyline.compare.claims", "extract_claims", "claims")
    _patch("storyline.expectations.extract", "extract_expectations", "expectations")
    _patch("storyline.annotate.stored", "pack", "pack parse (+ parse of short texts)")
    _patch("storyline.annotate", "short_texts", "pack parse (+ parse of short texts)", annotate)
    if hasattr(annotate, "parse_short"):  # since fast3 the short texts are parsed outside pack
        _patch("storyline.annotate", "parse_short", "pack parse (+ parse of short texts)", annotate)
    _patch("storyline.store", "put_article", "store writes", Store)
    _patch("storyline.store", "put_input", "store writes", Store)
    _patch("storyline.pipeline", "regroup_all", "grouping + story building", pipeline)
    _patch("storyline.pipeline", "write_reports", "reports", pipeline)
    import storyline.api as api

    api.regroup_all = pipeline.regroup_all
    api.write_reports = pipeline.write_reports


def components(texts: list[str], batch: int) -> dict[str, float]:
    """Seconds per spaCy component over ``texts``, each component run over all docs alone."""
    from storyline.annotate.nlp import get_nlp

    nlp = get_nlp()
    out: dict[str, float] = {}
    t0 = time.process_time()
    docs = [nlp.make_doc(t) for t in texts]
    out["tokenizer"] = time.process_time() - t0
    for name, proc in nlp.pipeline:
        t0 = time.process_time()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch))
        else:
            docs = [proc(d) for d in docs]
        out[name] = time.process_time() - t0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(SHARED_EVAL / "t17-dev"))
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--batch", type=int, default=8, help="nlp.pipe batch size in part 2")
    ap.add_argument("--part", choices=["run", "components", "both"], default="both",
                    help="part 2 always runs in a fresh process (a warm vocabulary and lemma cache would flatter it)")
    args = ap.parse_args(argv)
    files = t17_files(Path(args.data), args.limit)
    if args.part != "components":
        print(f"machine: {machine()}")
        print(f"input: {len(files)} files from {args.data}")
        run_part(files)
    if args.part == "both":
        import subprocess

        sys.stdout.flush()
        subprocess.run([sys.executable, __file__, "--data", args.data, "--limit", str(args.limit),
                        "--batch", str(args.batch), "--part", "components"], check=True)
    elif args.part == "components":
        components_part(files, args.batch)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


def run_part(files: list[Path]) -> None:
    from storyline.annotate.nlp import get_nlp

    get_nlp()  # the model load is not a stage
    instrument()
    from storyline.cli import main as cli

    tmp = Path(tempfile.mkdtemp(prefix="storyline-stages-"))
    try:
        t0 = time.process_time()
        try:
            cli(["run", *map(str, files), "--out", str(tmp / "out"), "--quiet"])
        except SystemExit:
            pass
        total = time.process_time() - t0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\npart 1: `storyline run`, one process, {total:.1f} CPU seconds")
    print("| stage | seconds | share |\n|---|---|---|")
    for k, v in sorted(TIMES.items(), key=lambda kv: -kv[1]):
        print(f"| {k} | {v:.2f} | {v / total:.0%} |")
    rest = total - sum(TIMES.values())
    print(f"| everything else (reading files, engine, bookkeeping) | {rest:.2f} | {rest / total:.0%} |")


def components_part(files: list[Path], batch: int) -> None:
    # The parser inputs of the same articles; the masked ones first, so they see a cold vocabulary.
    from storyline.annotate import _prepare
    from storyline.clean import clean
    from storyline.ingest import read_inputs
    from storyline.model import RawArticle

    masked, full = [], []
    for raw in read_inputs([str(f) for f in files]):
        if not isinstance(raw, RawArticle):
            continue
        art = clean(raw)
        if len(art.body.split()) < 25:
            continue
        masked.append(_prepare(art, None, False)[-1])
        full.append(art.body)
    kept = sum(len(t.split()) for t in masked) / max(1, sum(len(t.split()) for t in full))
    print(f"\npart 2: spaCy components one at a time, {len(full)} bodies, nlp.pipe batch {batch}; "
          f"the selection keeps {kept:.0%} of the words")
    components(full, batch)  # warm-up, not reported
    a, b = components(masked, batch), components(full, batch)
    print("| component | selected sentences (s) | every sentence (s) |\n|---|---|---|")
    for k in a:
        print(f"| {k} | {a[k]:.2f} | {b[k]:.2f} |")
    print(f"| total | {sum(a.values()):.2f} | {sum(b.values()):.2f} |")


if __name__ == "__main__":
    raise SystemExit(main())
