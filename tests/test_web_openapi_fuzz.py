"""The JSON API against its own OpenAPI description, fuzzed by schemathesis: every GET
operation of /api/openapi.json, with generated parameters, answers without a server error,
with a status code and a body its description allows (bad parameters: 400 with the reason).

schemathesis is not in the test extras (it is large); the test skips without it:

    .venv/bin/pip install schemathesis && .venv/bin/pytest tests/test_web_openapi_fuzz.py
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis to fuzz the API")

from hypothesis import HealthCheck, given, settings  # noqa: E402


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from test_web_data import fill_store

    from storyline.store import Store
    from storyline.web import create_app

    folder = tmp_path_factory.mktemp("fuzz-store")
    with Store(folder / "s.db") as store:
        fill_store(store)
    return create_app(folder / "s.db", upload_dir=folder / "uploads", read_only=True)


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/api/openapi.json", app).include(method="GET")


def test_the_api_keeps_to_its_openapi_description(api_schema):
    # operations one by one with hypothesis directly (schemathesis' pytest plugin does not
    # load under this pytest)
    operations = [op.ok() for op in api_schema.get_all_operations()]
    assert operations
    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate()

        check()
