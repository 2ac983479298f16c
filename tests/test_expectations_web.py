"""What happens next is re-read whenever an article is added (issue 14): an upload that
reports an announced step as done turns it fulfilled."""

from __future__ import annotations

import warnings
from pathlib import Path

from storyline.web import UploadLimits, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DUMA = "000_70831d2d278130f8"  # "... which will be now sent to the upper-house Federation Council for a final vote"
DEFENCE_PACT = "003_2000db5d01cae127"
SENATE = "001_6a655200e43cc4b6"  # "the Russian Senate ratified ..."


def _upload(client, *names):
    files = [("files", (f"{n}.txt", (EXAMPLES / f"{n}.txt").read_bytes(), "text/plain")) for n in names]
    job = client.post("/api/upload?wait=true", files=files).json()
    assert job["status"] == "done" and len(job["articles"]) == len(names), job
    return job


def _vote_step(client, story_id):
    story = client.get(f"/api/stories/{story_id}").json()["story"]
    hits = [x for x in story["expectations"]
            if any("Federation Council" in e["quote"] for e in x["evidence"]) and "vote" in x["what"]]
    assert len(hits) == 1, [x["what"] for x in story["expectations"]]
    return hits[0]


def test_an_upload_reporting_the_step_done_fulfils_it(tmp_path):
    app = create_app(tmp_path / "store.db", upload_dir=tmp_path / "uploads",
                     limits=UploadLimits(max_file_bytes=20_000, max_files=3, max_request_bytes=100_000))
    with TestClient(app) as client:
        first = _upload(client, DUMA, DEFENCE_PACT)
        # uploads are stored under the client's name with a suffix of their own
        story_id = next(a["story"] for a in first["articles"] if a["id"].startswith(DUMA))
        assert _vote_step(client, story_id)["status"] == "open"
        later = _upload(client, SENATE)
        assert later["articles"][0]["story"] == story_id
        step = _vote_step(client, story_id)
        assert step["status"] == "fulfilled", step
        assert any(s.startswith(SENATE) for s in step["fulfilled_sources"])
