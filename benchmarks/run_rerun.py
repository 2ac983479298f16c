"""A re-run over an unchanged stored corpus against its first run.

Runs `storyline run INPUT --out DIR --quiet` twice on one store: the first run reads, cleans,
analyses, groups and builds every story; the second finds every input already read with a
current analysis (storyline.versions) and every story built by the current code, so it only
writes the reports. Both are timed in the same invocation, on the same machine.

    .venv/bin/python benchmarks/run_rerun.py --data ../shared/eval/newsclusters-dev

Not a test: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine, measure  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / "examples"), help="files or a folder to run on")
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="storyline-rerun-"))
    exe = [sys.executable, "-m", "storyline", "run", args.data, "--out", str(out), "--quiet"]
    try:
        first = measure(exe)
        again = measure(exe)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"machine: {machine()}")
    print(f"command: {' '.join(exe[1:])} (twice, one store)")
    for name, r in (("first run", first), ("re-run", again)):
        print(f"{name:10s} {r['seconds']:8.1f} s  peak {r['peak_mib']:7.0f} MiB  exit {r['returncode']}")
    print(f"re-run speed-up: {first['seconds'] / max(again['seconds'], 1e-9):.1f}x")
    return 0 if first["returncode"] in (0, 3) and again["returncode"] in (0, 3) else 1


if __name__ == "__main__":
    sys.exit(main())
