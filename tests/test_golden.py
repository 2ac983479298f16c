"""End-to-end golden file: the report for the bundled seed articles, reviewed when it changes.

When a change alters the output on purpose, regenerate with
``STORYLINE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py``, read the diff of
``tests/golden/seeds-report.json`` and commit it with the change that caused it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "seeds-report.json"
VOLATILE = {"generated", "storyline_version"}


def normalise(report: dict) -> dict:
    """Drop what changes from run to run (time stamps, temporary paths)."""
    out = {k: v for k, v in report.items() if k not in VOLATILE}
    for a in out["articles"]:
        a["source"] = Path(a["source"]).name
    out["articles"] = sorted(out["articles"], key=lambda a: a["id"])
    for r in out["rejected"]:
        r["source"] = Path(r["source"]).name
    return out


def test_seed_report_matches_golden_file(seed_run):
    _, report, _ = seed_run
    got = normalise(report)
    if os.environ.get("STORYLINE_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")
    want = json.loads(GOLDEN.read_text("utf-8"))
    assert json.loads(json.dumps(got, sort_keys=True)) == want, (
        "report for examples/ changed: review it and regenerate with STORYLINE_UPDATE_GOLDEN=1 (see module docstring)"
    )


def test_the_story_span_runs_between_dated_reports(seed_run):
    # The undated Washington Post article's window opens on 2024-06-19 (the signing it recalls);
    # that edge is no report's date and must not open the story's span.
    _, report, _ = seed_run
    (story,) = report["stories"]
    dated = sorted(a["published"]["date"] for a in report["articles"] if a["published"]["date"])
    assert (story["first"], story["last"]) == (dated[0], dated[-1])
