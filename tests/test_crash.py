"""Crash safety, for real: `storyline run` and `storyline add` killed with SIGKILL at a random
point leave the store consistent, and running the same command again finishes the job
without duplicates.

Each killed process lives a few seconds at most. The kill points are random (the seed is
in every failure message, to replay one: STORYLINE_CRASH_SEED); some are aimed just after
a commit, so they land while stories are grouped and reports written.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.store.sqlite import read_json

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))
# Inputs per test: enough that a run takes several seconds (so kills land in every phase:
# reading, analysing, committing, grouping, writing reports), few enough for CI.
N_RUN, N_ADD, N_BATCH = 12, 8, 12
SEED = int(os.environ.get("STORYLINE_CRASH_SEED", random.SystemRandom().randrange(1 << 30)))


def variants(folder: Path, n: int, prefix: str) -> list[Path]:
    """``n`` copies of the seed articles, each with a different word added to its longest
    paragraph, so every copy has its own id and its own fingerprint."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = SEEDS[i % len(SEEDS)].read_text("utf-8")
        longest = max(text.split("\n"), key=len)
        tag = f"{prefix}{i:02d}x"
        text = text.replace(longest, longest.replace(" the ", f" the {tag} ", 1), 1)
        p = folder / f"{prefix}{i:02d}.txt"
        p.write_text(text, "utf-8")
        paths.append(p)
    return paths


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *args]


def count_rows(db: Path, table: str) -> int:
    """Rows in ``table`` as another reader sees them (0 when the store or table is not there yet).

    Read-only, so polling never creates the file nor blocks the writer (WAL readers do not).
    """
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return 0
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        con.close()


def run_and_kill(cmd: list[str], db: Path, rnd: random.Random, mode: str) -> str:
    """Start ``cmd`` and SIGKILL it, then return what happened.

    ``mode="random"``: after a random delay (most land while articles are read and analysed).
    ``mode="commit"``: just after the first batch of articles is committed, so the kill
    lands while stories are grouped and reports written, or inside the next batch.
    """
    before = count_rows(db, "articles")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + (rnd.uniform(0.3, 3.5) if mode == "random" else 60.0)
        while time.monotonic() < deadline and proc.poll() is None:
            if mode == "commit" and count_rows(db, "articles") > before:
                time.sleep(rnd.uniform(0.0, 0.5))
                break
            time.sleep(0.02)
        if proc.poll() is not None:
            return "finished before the kill"
        proc.send_signal(signal.SIGKILL)
        return "killed"
    finally:
        proc.wait(timeout=30)


def check_consistent(db: Path, context: str) -> dict[str, int]:
    """The store after a crash: intact file, every article with its analysis and in the
    search index, no story pointing at a missing article, no duplicate article."""
    if not db.exists():
        return {"articles": 0}
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", context
        assert con.execute("PRAGMA foreign_key_check").fetchall() == [], context
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if "articles" not in tables:  # killed before the first migration committed
            return {"articles": 0}
        q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        n = q("SELECT COUNT(*) FROM articles")
        assert q("SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article FROM analyses)") == 0, context
        assert q("SELECT COUNT(*) FROM analyses WHERE article NOT IN (SELECT id FROM articles)") == 0, context
        assert q("SELECT COUNT(*) FROM story_articles WHERE article NOT IN (SELECT id FROM articles)") == 0, context
        assert q("SELECT COUNT(*) FROM story_articles WHERE story NOT IN (SELECT id FROM stories)") == 0, context
        assert q("SELECT COUNT(*) - COUNT(DISTINCT fingerprint) FROM articles") == 0, context
        assert q("SELECT COUNT(*) FROM articles_fts") == n, context
        ids = {r[0] for r in con.execute("SELECT id FROM articles")}
        for sid, record in con.execute("SELECT id, record FROM stories"):
            missing = set(read_json(record)["articles"]) - ids  # records are stored compressed
            assert not missing, f"{context}: story {sid} cites missing articles {sorted(missing)[:3]}"
        return {"articles": n, "stories": q("SELECT COUNT(*) FROM stories"),
                "unstoried": q("SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article FROM story_articles)")}
    finally:
        con.close()


def check_reports(out: Path, context: str) -> None:
    """A report is either absent or whole: written to a temporary file and renamed over."""
    for name in ("report.json", "report.md", "report.html"):
        p = out / name
        if p.exists() and name == "report.json":
            json.loads(p.read_text("utf-8"))
        elif p.exists():
            assert p.stat().st_size > 0, context


def kill_then_finish(cmd: list[str], db: Path, out: Path | None, seed: int, floor: int = 0) -> dict[str, int]:
    """Kill ``cmd`` twice (once at random, once just after a commit), checking the store
    after each kill; then run it to the end and return the final state of the store.

    ``floor``: articles committed before, which no kill may lose.
    """
    rnd = random.Random(seed)
    history = []
    for k, mode in enumerate(["random", "commit"]):
        what = run_and_kill(cmd, db, rnd, mode)
        context = f"seed {seed}, kill {k + 1} ({mode}): {what}"
        state = check_consistent(db, context)
        assert state["articles"] >= floor, f"{context}: committed articles were lost"
        if out is not None:
            check_reports(out, context)
        history.append((mode, what, state))
    final = subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=300)
    context = f"seed {seed}, history {history}"
    assert final.returncode == 0, f"{context}\n{final.stderr.decode()}"
    state = check_consistent(db, context)
    assert state["unstoried"] == 0, context
    state["context"] = context
    return state


def test_run_killed_at_random_points_then_finished(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    variants(inputs, N_RUN, "v")
    state = kill_then_finish(cli("run", str(inputs), "--out", str(out), "--quiet"), out / "storyline.db", out, SEED)
    assert state["articles"] == N_RUN, state["context"]
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert sorted(a["id"] for a in report["articles"]) == [f"v{i:02d}" for i in range(N_RUN)]


def test_add_killed_at_random_points_then_finished(tmp_path):
    out = tmp_path / "out"
    db = out / "storyline.db"
    first = subprocess.run(cli("run", *map(str, SEEDS[:3]), "--out", str(out), "--quiet"), cwd=ROOT,
                           capture_output=True, timeout=300)
    assert first.returncode == 0, first.stderr.decode()
    before = check_consistent(db, "after the first run")["articles"]
    inputs = tmp_path / "new"
    variants(inputs, N_ADD, "a")
    state = kill_then_finish(cli("add", str(inputs), "--db", str(db), "--quiet"), db, None, SEED + 1, floor=before)
    assert state["articles"] == before + N_ADD, state["context"]


KILL_BATCHES = """
import sys
from storyline.pipeline import ingest
from storyline.store import Store

with Store(sys.argv[1]) as store:
    ingest(store, [sys.argv[2]], batch_size=4)
"""


def test_committed_batches_survive_a_kill(tmp_path):
    """With small batches, a kill mid-ingest keeps every batch already committed, whole:
    the count of stored articles is a multiple of the batch size and none lacks its analysis."""
    rnd = random.Random(SEED + 2)
    inputs = tmp_path / "in"
    variants(inputs, N_BATCH, "b")
    db = tmp_path / "store.db"
    proc_cmd = [sys.executable, "-c", KILL_BATCHES, str(db), str(inputs)]
    what = run_and_kill(proc_cmd, db, rnd, "commit")
    state = check_consistent(db, f"seed {SEED + 2}: {what}")
    assert state["articles"] % 4 == 0 or what != "killed", state
    done = subprocess.run(proc_cmd, cwd=ROOT, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert check_consistent(db, f"seed {SEED + 2}")["articles"] == N_BATCH


@pytest.fixture(autouse=True)
def _say_seed(request):
    """Name the seed in the test report, to replay a failure with STORYLINE_CRASH_SEED."""
    request.node.user_properties.append(("crash_seed", SEED))
