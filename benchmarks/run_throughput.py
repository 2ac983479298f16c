"""End-to-end throughput and peak memory of `storyline run` on Timeline17 articles.

Each configuration runs as its own `python -m storyline run FILES --out DIR --quiet`
process (read, clean, annotate, store, group, build stories, write reports), timed from
start to exit, with the memory of the whole process tree (pool or Dask workers
included) sampled every 0.2 s. Beside it, in the same invocation, the naive baseline:
spaCy's full en_core_web_sm pipeline called once per article over the same files.

    .venv/bin/python benchmarks/run_throughput.py --limit 400
    .venv/bin/python benchmarks/run_throughput.py --configs baseline,local --limit 200

Not a test: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED_EVAL, machine, measure, t17_files  # noqa: E402

CONFIGS = {
    "local": ["--engine", "local", "--workers", "1"],
    "pool2": ["--engine", "pool", "--workers", "2"],
    "dask2": ["--engine", "dask", "--workers", "2"],
}

BASELINE = r"""
import sys, time, spacy
from storyline.annotate.nlp import MODEL
files = sys.argv[1:]
nlp = spacy.load(MODEL)
for f in files:
    nlp(open(f, encoding="utf-8", errors="replace").read())
"""


def words(files: list[Path]) -> float:
    return sum(len(f.read_text("utf-8", errors="replace").split()) for f in files) / max(1, len(files))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(SHARED_EVAL / "t17-dev"), help="a Timeline17 folder (default shared/eval/t17-dev)")
    ap.add_argument("--limit", type=int, default=None, help="an even spread of N articles (default all)")
    ap.add_argument("--configs", default="baseline,local,pool2,dask2", help="comma list of baseline,local,pool2,dask2")
    ap.add_argument("--json", default=None, help="also write the results to this JSON file")
    ap.add_argument("--ref", default=None, help="another checkout (with its .venv) whose `storyline run` is timed "
                    "beside this one's, config by config, as ref:<config> (a same-run before/after)")
    args = ap.parse_args(argv)

    files = t17_files(Path(args.data), args.limit)
    py = sys.executable
    print(f"machine: {machine()}")
    print(f"input: {len(files)} files from {args.data}, {words(files):.0f} words each on average")
    results = []
    tmp = Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    try:
        runs = []
        for name in args.configs.split(","):
            if args.ref and name != "baseline":
                runs.append(("ref:" + name, name, Path(args.ref)))
            runs.append((name, name, ROOT))
        for label, name, root in runs:
            python = str(root / ".venv" / "bin" / "python") if root != ROOT else py
            if name == "baseline":
                cmd = [python, "-c", BASELINE, *map(str, files)]
            else:
                cmd = [python, "-m", "storyline", "run", *map(str, files), "--out", str(tmp / label.replace(":", "-")),
                       "--quiet", *CONFIGS[name]]
            r = measure(cmd, cwd=root)
            n = len(files)
            if name != "baseline":
                # "N articles added, ... (T s)": count what was processed, not what was given.
                line = next((x for x in r["stderr"].splitlines() if "articles added" in x), "")
                n = int(line.split()[0]) if line[:1].isdigit() else n
            row = {"config": label, "articles": n, "seconds": round(r["seconds"], 1),
                   "articles_per_s": round(n / r["seconds"], 2), "cpu_s": round(r["cpu_seconds"], 1),
                   "articles_per_cpu_s": round(n / max(r["cpu_seconds"], 1e-9), 2), "peak_mib": round(r["peak_mib"]),
                   "returncode": r["returncode"]}
            results.append(row)
            print(json.dumps(row), flush=True)
            if r["returncode"] not in (0, 3):
                print(r["stderr"], file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "files": len(files), "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
