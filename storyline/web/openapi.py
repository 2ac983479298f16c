"""The OpenAPI 3.1 description of the JSON API, written out by hand so every route is
described in words. Its record schemas are those of report.json (``report/schema.json``),
so the API and the report can never describe an article or a story differently.
A test checks that every ``/api/`` route of the app is here and nothing else is.
"""

from __future__ import annotations

import copy
import json
from typing import Any


def _components() -> dict[str, Any]:
    from storyline.report import schema

    defs = copy.deepcopy(schema()["$defs"])
    # report.json refers to its own $defs; inside OpenAPI they live under components/schemas
    text = json.dumps(defs).replace('"#/$defs/', '"#/components/schemas/')
    schemas = json.loads(text)
    schemas["error"] = {"type": "object", "required": ["error"],
                        "properties": {"error": {"type": "string", "description": "What went wrong and what to do."}}}
    schemas["story_row"] = {
        "type": "object",
        "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                       "first": {"type": ["string", "null"]}, "last": {"type": ["string", "null"]},
                       "n_articles": {"type": "integer"}, "updated": {"type": "number", "description": "Unix time of the last rebuild."},
                       "url": {"type": "string"}},
    }
    schemas["search_hit"] = {
        "type": "object",
        "properties": {"id": {"type": "string"}, "title": {"type": ["string", "null"]}, "outlet": {"type": ["string", "null"]},
                       "published": {"type": ["string", "null"]}, "story": {"type": ["string", "null"]},
                       "snippet": {"type": "string", "description": "Matching words wrapped in [ and ]."}},
    }
    schemas["job"] = {
        "type": "object",
        "required": ["id", "status", "message", "total", "done"],
        "properties": {
            "id": {"type": "string"},
            "status": {"enum": ["queued", "reading", "grouping", "done", "failed"]},
            "message": {"type": "string", "description": "Progress in words, for people."},
            "total": {"type": "integer", "description": "Files in the upload."},
            "done": {"type": "integer", "description": "Files read so far."},
            "articles_read": {"type": "integer"},
            "files": {"type": "array", "items": {"type": "string"}},
            "articles": {"type": "array", "description": "Articles added, each with the story it joined.",
                         "items": {"type": "object", "properties": {
                             "id": {"type": "string"}, "title": {"type": ["string", "null"]},
                             "outlet": {"type": ["string", "null"]}, "story": {"type": ["string", "null"]},
                             "story_title": {"type": ["string", "null"]}, "url": {"type": "string"}}}},
            "skipped": {"type": "array", "items": {"type": "string"}, "description": "Already in the store (same content)."},
            "rejected": {"type": "array", "items": {"type": "object", "properties": {
                "source": {"type": "string"}, "reason": {"type": "string"}}}},
            "error": {"type": ["string", "null"]},
            "url": {"type": "string"}, "page": {"type": "string"},
        },
    }
    return schemas


def _json(ref: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def _error(description: str) -> dict[str, Any]:
    return _json("error", description)


def openapi(version: str, limits) -> dict[str, Any]:
    """The API description; ``limits`` (web.app.UploadLimits) are stated in the upload route."""
    id_param = {"in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Storyline API",
            "version": version,
            "description": "Read the stories, articles and timelines of a Storyline store, search its articles, "
                           "and add articles. Records have the shapes of report.json (see `storyline schema`).",
        },
        "paths": {
            "/api/stories": {"get": {
                "summary": "List stories, newest activity first",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}],
                "responses": {"200": {"description": "The stories.", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"stories": {"type": "array", "items": {"$ref": "#/components/schemas/story_row"}}}}}}}},
            }},
            "/api/stories/{story_id}": {"get": {
                "summary": "One story: timeline, claims, comparison, coverage, expectations, summary",
                "parameters": [{"name": "story_id", **id_param}],
                "responses": {
                    "200": {"description": "The story and a short record of each of its articles.", "content": {"application/json": {"schema": {
                        "type": "object", "properties": {"story": {"$ref": "#/components/schemas/story"},
                                                         "articles": {"type": "array", "items": {"type": "object"}}}}}}},
                    "404": _error("No story with this id."),
                },
            }},
            "/api/articles/{article_id}": {"get": {
                "summary": "One cleaned article, with what was removed and why, and its story",
                "parameters": [{"name": "article_id", **id_param}],
                "responses": {
                    "200": {"description": "The article.", "content": {"application/json": {"schema": {
                        "type": "object", "properties": {"article": {"$ref": "#/components/schemas/article"},
                                                         "story": {"type": ["string", "null"]}}}}}},
                    "404": _error("No article with this id."),
                },
            }},
            "/api/search": {"get": {
                "summary": "Full-text search over article titles and bodies",
                "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 200},
                                "description": "Plain words; every word must appear."},
                               {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}],
                "responses": {
                    "200": {"description": "Matching articles, best first.", "content": {"application/json": {"schema": {
                        "type": "object", "properties": {"query": {"type": "string"},
                                                         "results": {"type": "array", "items": {"$ref": "#/components/schemas/search_hit"}}}}}}},
                    "400": _error("No words given."),
                },
            }},
            "/api/upload": {"post": {
                "summary": "Add articles (files and/or pasted text) to the store",
                "description": f"Accepts {limits.describe()}. Each file is read like `storyline add` reads it "
                               "(text, HTML, news-please JSON, WARC, RSS/Atom, .gz). File names must be plain names: "
                               "a name with a path (/, \\, ..) is refused. The articles are added in the background; "
                               "poll the job, or pass `wait=true` to get the finished job.",
                "parameters": [{"name": "wait", "in": "query", "schema": {"type": "boolean", "default": False},
                                "description": "Answer only when the job is finished (at most 5 minutes)."}],
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object",
                    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                                   "text": {"type": "string", "description": "An article pasted as plain text."},
                                   "name": {"type": "string", "description": "A name for the pasted article."}}}}}},
                "responses": {
                    "202": _json("job", "Accepted: the files are saved and queued. `Location` is the job's URL."),
                    "200": _json("job", "With wait=true: the finished job."),
                    "400": _error("Nothing to add, a malformed request, or a file name with a path."),
                    "413": _error("Too large or too many files; the message gives the limits."),
                    "503": _error("Too many uploads waiting; try again later."),
                },
            }},
            "/api/jobs/{job_id}": {"get": {
                "summary": "Progress and result of an upload",
                "parameters": [{"name": "job_id", **id_param}],
                "responses": {"200": _json("job", "The job."), "404": _error("No such job (jobs are forgotten when the server restarts).")},
            }},
            "/api/openapi.json": {"get": {
                "summary": "This description",
                "responses": {"200": {"description": "OpenAPI 3.1 document.", "content": {"application/json": {}}}},
            }},
        },
        "components": {"schemas": _components()},
    }
