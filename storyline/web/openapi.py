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
                       "n_articles": {"type": "integer"},
                       "updated": {"type": "string", "format": "date-time", "description": "When it was last rebuilt (ISO 8601, UTC)."},
                       "url": {"type": "string"}, "page": {"type": "string", "description": "Its page in the web app."}},
    }
    schemas["search_hit"] = {
        "type": "object",
        "properties": {"id": {"type": "string"}, "title": {"type": ["string", "null"]}, "outlet": {"type": ["string", "null"]},
                       "published": {"type": ["string", "null"]}, "story": {"type": ["string", "null"]},
                       "story_title": {"type": ["string", "null"], "description": "The title of the article's story."},
                       "story_page": {"type": ["string", "null"], "description": "The story's page in the web app."},
                       "page": {"type": "string", "description": "The article's page in the web app."},
                       "snippet": {"type": "string", "description": "Matching words wrapped in [ and ]."}},
    }
    article_brief = {"type": "object", "properties": {
        "id": {"type": "string"}, "title": {"type": ["string", "null"]}, "outlet": {"type": ["string", "null"]},
        "story": {"type": ["string", "null"]}, "story_title": {"type": ["string", "null"]}, "url": {"type": "string"},
        "page": {"type": "string", "description": "The article's page in the web app."},
        "story_page": {"type": ["string", "null"], "description": "Its story's page in the web app."}}}
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
                         "items": article_brief},
            "skipped": {"type": "array", "items": {"type": "string"},
                        "description": "How many uploads were already in the store (same content), by the id each would have had."},
            "already": {"type": "array", "items": article_brief,
                        "description": "The stored articles the skipped uploads are copies of: title, outlet, story and links."},
            "rejected": {"type": "array", "items": {"type": "object", "properties": {
                "source": {"type": "string"}, "reason": {"type": "string"}}}},
            "not_articles": {"type": "array", "description": "Uploads that were read but are not news articles "
                             "(another language, a search or index page...), kept out of stories.",
                             "items": {"type": "object", "properties": {
                                 "source": {"type": "string"}, "reason": {"type": "string"}}}},
            "error": {"type": ["string", "null"]},
            "created": {"type": "string", "format": "date-time"},
            "finished": {"type": ["string", "null"], "format": "date-time"},
            "url": {"type": "string"}, "page": {"type": "string"},
        },
    }
    groups = {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}
    schemas["correction"] = {
        "type": "object",
        "required": ["id", "kind", "stories", "before", "after", "at", "undone", "text"],
        "properties": {
            "id": {"type": "integer", "description": "The correction's number (what undo takes)."},
            "kind": {"enum": ["merge", "split", "move"]},
            "stories": {"type": "array", "items": {"type": "string"},
                        "description": "Story ids named when it was made (merge: both; split: the story; move: from, to)."},
            "articles": {"type": "array", "items": {"type": "string"}, "description": "Articles split off or moved."},
            "before": {**groups, "description": "Article ids of each story it touched, before."},
            "after": {**groups, "description": "Article ids of each story it left; these are kept together and apart "
                                               "by later grouping."},
            "result": {"type": "array", "items": {"type": "string"}, "description": "Ids of the stories it left."},
            "at": {"type": "string", "format": "date-time", "description": "When it was made (ISO 8601, UTC)."},
            "undone": {"type": ["string", "null"], "format": "date-time", "description": "When it was undone, or null."},
            "text": {"type": "string", "description": "What it did, in words."},
        },
    }
    schemas["correction_result"] = {
        "type": "object",
        "required": ["correction", "stories"],
        "properties": {
            "correction": {"type": "integer", "description": "The number of the correction made (or undone)."},
            "stories": {"type": "array", "description": "The stories rebuilt, with their (possibly new) ids.",
                        "items": {"type": "object", "properties": {
                            "id": {"type": "string"}, "title": {"type": "string"}, "n_articles": {"type": "integer"},
                            "articles": {"type": "array", "items": {"type": "string"}}, "url": {"type": "string"}}}},
        },
    }
    return schemas


def _correction(summary: str, description: str, body: dict[str, Any] | None, params: list[dict]) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "description": description + " The stories touched are rebuilt (timeline, claims, summary) before the "
                                     "answer; story ids follow their articles, so the answer gives the new ids. "
                                     "Requests from another site's pages (Sec-Fetch-Site other than same-origin, "
                                     "or an Origin naming another host) are refused with 403. " + WRITES,
        "parameters": params,
        "responses": {
            "200": _json("correction_result", "Done; the stories it left."),
            "400": _error("The correction cannot be made as asked (e.g. splitting off every article, moving an "
                          "article to its own story, undoing a correction a later one depends on)."),
            **WRITE_ERRORS,
            "404": _error("No such story, article or correction."),
        },
        "security": WRITE_SECURITY,
    }
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return {"post": op}


WRITES = ("On a server started with an access token (`storyline serve --token`), send it as "
          "`Authorization: Bearer <token>`; a server started with `--read-only` refuses every write with 403.")
WRITE_ERRORS = {
    "401": {"description": "The server needs its access token and none was sent (`WWW-Authenticate: Bearer`).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}},
    "403": {"description": "Wrong token, a read-only server, or sent from another site's page.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}},
}
# Without a token the server takes writes from anyone who reaches it (loopback only, by default).
WRITE_SECURITY: list[dict[str, list]] = [{"bearer": []}, {}]


def _limit(default: int, most: int) -> dict[str, Any]:
    return {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": most, "default": default},
            "description": f"At most this many (1 to {most}); anything else is answered 400."}


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
                           "add articles, and correct how they are grouped into stories. Records have the shapes of "
                           "report.json (see `storyline schema`).",
        },
        "paths": {
            "/api/stories": {"get": {
                "summary": "List stories, newest activity first",
                "parameters": [_limit(100, 1000)],
                "responses": {"200": {"description": "The stories.", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"stories": {"type": "array", "items": {"$ref": "#/components/schemas/story_row"}}}}}}},
                              "400": _error("A limit that is not a whole number from 1 to 1000.")},
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
            "/api/stories/{story_id}/changes": {"get": {
                "summary": "What changed in a story, add by add (newest first); the same as an Atom feed at "
                           "/stories/{story_id}/feed.atom",
                "parameters": [{"name": "story_id", **id_param},
                               {"name": "since", "in": "query", "required": False,
                                "description": "only changes recorded at or after this ISO date or date and time (UTC)",
                                "schema": {"type": "string"}},
                               {"name": "limit", "in": "query", "required": False,
                                "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}],
                "responses": {
                    "200": {"description": "Change sets: new events, dates made more precise, figures revised, "
                                           "conflicts appeared or resolved, next steps fulfilled, overdue or announced, "
                                           "new outlets.", "content": {"application/json": {"schema": {
                        "type": "object", "properties": {"story": {"type": "string"},
                                                         "since": {"type": ["string", "null"]},
                                                         "changes": {"type": "array", "items": {"type": "object"}},
                                                         "feed": {"type": "string"}}}}}},
                    "400": _error("since is not a date."),
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
                "parameters": [{"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 200, "pattern": "\\S"},
                                "description": "Plain words; every word must appear (blank: 400)."},
                               _limit(50, 200)],
                "responses": {
                    "200": {"description": "Matching articles, best first.", "content": {"application/json": {"schema": {
                        "type": "object", "properties": {"query": {"type": "string"},
                                                         "results": {"type": "array", "items": {"$ref": "#/components/schemas/search_hit"}}}}}}},
                    "400": _error("No words given, or a bad limit."),
                },
            }},
            "/api/upload": {"post": {
                "summary": "Add articles (files and/or pasted text) to the store",
                "description": f"Accepts {limits.describe()}. Each file is read like `storyline add` reads it "
                               "(text, HTML, news-please JSON, WARC, RSS/Atom, .gz). File names must be plain names: "
                               "a name with a path (/, \\, ..) is refused. The articles are added in the background; "
                               "poll the job, or pass `wait=true` to get the finished job. A pasted article may come with its title, "
                               "outlet, date and URL, which are kept as given. An upload of an article already stored is "
                               "answered with that article (`already`: its title, story and links). Uploads are rate "
                               "limited per client address (429 with `Retry-After`). " + WRITES,
                "security": WRITE_SECURITY,
                "parameters": [{"name": "wait", "in": "query", "schema": {"type": "boolean", "default": False},
                                "description": "Answer only when the job is finished (at most 5 minutes). "
                                               "Anything but true/false/1/0/yes/no is answered 400."}],
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object",
                    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                                   "text": {"type": "string", "description": "An article pasted as plain text."},
                                   "name": {"type": "string", "description": "A name for the pasted article."},
                                   "title": {"type": "string", "maxLength": 1000, "description": "The pasted article's title."},
                                   "outlet": {"type": "string", "maxLength": 200, "description": "Who published it."},
                                   "date": {"type": "string", "description": "When it was published: ISO 8601, YYYY-MM-DD "
                                                                            "with an optional time."},
                                   "url": {"type": "string", "format": "uri", "description": "Where it was published (http or https)."}}}}}},
                "responses": {
                    "202": _json("job", "Accepted: the files are saved and queued. `Location` is the job's URL."),
                    "200": _json("job", "With wait=true: the finished job."),
                    "400": _error("Nothing to add, a malformed request, a file name with a path, a date or URL "
                                  "that is not one, or a bad `wait`."),
                    **WRITE_ERRORS,
                    "413": _error("Too large or too many files; the message gives the limits."),
                    "429": {**_error("Too many uploads from this address; the `Retry-After` header says when to try again."),
                            "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}}},
                    "503": _error("Too many uploads waiting; try again later."),
                },
            }},
            "/api/jobs/{job_id}": {"get": {
                "summary": "Progress and result of an upload",
                "parameters": [{"name": "job_id", **id_param}],
                "responses": {"200": _json("job", "The job."), "404": _error("No such job (jobs are forgotten when the server restarts).")},
            }},
            "/api/stories/{story_id}/merge": _correction(
                "Merge another story into this one, for good",
                "A correction: listed at /api/corrections, undoable, and kept by later runs and adds (the merged "
                "story stays one; new articles may still join it).",
                {"type": "object", "required": ["with"], "properties": {"with": {"type": "string",
                                                                                 "description": "The other story's id."}}},
                [{"name": "story_id", **id_param}]),
            "/api/stories/{story_id}/split": _correction(
                "Split articles off this story into a story of their own",
                "A correction: the two stories stay apart in later runs and adds.",
                {"type": "object", "required": ["articles"], "properties": {"articles": {
                    "type": "array", "minItems": 1, "items": {"type": "string"},
                    "description": "Ids of the articles to split off (not all of the story's)."}}},
                [{"name": "story_id", **id_param}]),
            "/api/articles/{article_id}/move": _correction(
                "Move an article into another story",
                "A correction: the article stays in that story in later runs and adds.",
                {"type": "object", "required": ["to"], "properties": {"to": {"type": "string",
                                                                             "description": "The target story's id."}}},
                [{"name": "article_id", **id_param}]),
            "/api/corrections": {"get": {
                "summary": "Every correction, oldest first (undone ones included)",
                "responses": {"200": {"description": "The corrections.", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"corrections": {"type": "array",
                                                                     "items": {"$ref": "#/components/schemas/correction"}}}}}}}},
            }},
            "/api/corrections/{number}/undo": _correction(
                "Undo a correction",
                "Its stories as they were before it; articles that joined them since go to the most similar. Refused "
                "(400) while a later correction changed the same stories: undo that one first.",
                None, [{"name": "number", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}}]),
            "/api/openapi.json": {"get": {
                "summary": "This description",
                "responses": {"200": {"description": "OpenAPI 3.1 document.", "content": {"application/json": {}}}},
            }},
        },
        "components": {"schemas": _components(),
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                      "description": "The access token `storyline serve` was started with "
                                                                     "(`--token` or `STORYLINE_TOKEN`)."}}},
    }
