"""Shared fixtures. Tests that need ../shared (evaluation data) skip when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (evaluation data is not part of the repository)")
    return SHARED


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """One full `storyline.run` over the bundled seed articles, shared by the tests that read its output."""
    import storyline

    out = tmp_path_factory.mktemp("seed-run")
    result = storyline.run([str(EXAMPLES)], out=out)
    report = json.loads((out / "report.json").read_text("utf-8"))
    return result, report, out


@pytest.fixture(autouse=True)
def _story_stages_parse_on_demand():
    """Tests that call a story stage directly on hand-made records get their texts parsed;
    inside ``build_story`` the stored parses are read instead (annotate.stored)."""
    from storyline.annotate.nlp import parse_on_demand

    with parse_on_demand():
        yield
