"""Bad inputs, generated here (never downloaded): each gets a clear per-file rejection or a
sensible result, the good inputs beside them are read, nothing raises, and time and memory
stay bounded because every limit is checked before the expensive step it protects.

Most cases go through the reader API (:func:`storyline.ingest.read_inputs`), which is fast;
a few go through the real command line, for exit codes and the one-line summary.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from storyline.ingest import Limits, display_path, read_inputs
from storyline.model import RawArticle, Rejection

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = sorted(EXAMPLES.glob("*.txt"))


def seed_text(i: int = 0) -> str:
    return SEEDS[i % len(SEEDS)].read_text("utf-8")


def variant(i: int, tag: str) -> str:
    """A seed article with a word added to its longest paragraph (body text the cleaner
    keeps), so its fingerprint differs from the seed's and from other variants'."""
    text = seed_text(i)
    longest = max(text.split("\n"), key=len)
    return text.replace(longest, longest.replace(" the ", f" the {tag} ", 1), 1)


# ----------------------------------------------------------------- the corpus


def _gzip_bomb(expanded_mib: int) -> bytes:
    """A small gzip file that expands to ``expanded_mib`` MiB of zeros.

    gzip allows concatenated members, so one 8 MiB member repeated costs nothing to make
    while the expansion can be made as large as we like.
    """
    member = io.BytesIO()
    with gzip.GzipFile(fileobj=member, mode="wb", compresslevel=9) as gz:
        gz.write(b"\0" * (8 << 20))
    return member.getvalue() * max(1, expanded_mib // 8)


def _warc(records: list[tuple[str, bytes]]) -> bytes:
    """A WARC file with one HTTP response record per (url, html)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for url, body in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return buf.getvalue()


def _page(i: int) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in variant(i, f"warc{i}").split("\n") if p.strip())
    return f"<!doctype html><html><head><title>Page {i}</title></head><body><article>{paras}</article></body></html>".encode()


# What must happen to an input: OK (read as an article) or a substring of its rejection reason.
OK = "ok"


def build_corpus(root: Path) -> dict[str, str]:
    """Write the bad-input corpus (and good inputs beside it) into ``root``; return what to
    expect per input. Names with "/" are inside sub-folders; results are matched on the top-level name."""
    expect: dict[str, str] = {}
    rnd = random.Random(7)

    def put(name: str, data: bytes | str, outcome: str) -> Path:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expect[name] = outcome
        return p

    # good inputs beside the bad ones
    for i in range(3):
        put(f"good_{i}.txt", variant(i, f"good{i}"), OK)
    # empty, whitespace only, random bytes, things that are not articles
    put("empty.txt", b"", "empty file")
    put("blank.txt", b"  \n\t\r\n   \n", "whitespace only")
    put("random.txt", bytes(rnd.getrandbits(8) for _ in range(64_000)), "binary data")
    put("nul.txt", b"\0" * 5000, "binary data")
    put("report.pdf.txt", b"%PDF-1.4\n%" + b"1 0 obj << /Type /Catalog >> endobj\n" * 200, "a PDF document")
    put("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(rnd.getrandbits(8) for _ in range(2000)), "a PNG image")
    # gzip: truncated, a bomb, gzip in gzip
    put("truncated.txt.gz", gzip.compress(variant(0, "trunc").encode())[:300], "truncated gzip")
    put("bomb.txt.gz", _gzip_bomb(1024), "possible gzip bomb")  # 1 GiB from about 1 MiB
    put("double.txt.gz", gzip.compress(gzip.compress(variant(1, "double").encode())), "gzip data inside gzip")
    put("fine.txt.gz", gzip.compress(variant(1, "gz").encode()), OK)
    # encodings
    put("utf16_nobom.txt", variant(2, "utf16").encode("utf-16-le"), OK)
    put("utf16_bom.txt", codecs.BOM_UTF16_BE + variant(3, "utf16be").encode("utf-16-be"), OK)
    # a UTF-8 article (with curly quotes) and a pasted Windows-1252 paragraph, one word mixed in-line
    mixed = (variant(0, "mixed café").encode("utf-8") + "\nA “quoted” naïve paragraph in cp1252".encode("cp1252")
             + " and “UTF-8” in-line\n".encode("utf-8"))
    put("mixed.txt", mixed, OK)
    put("latin1.txt", variant(0, "naïve façade").encode("cp1252"), OK)
    # sizes: a 100 MB file (sparse, instant to make), a one-line 10 MB "article"
    huge = root / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(100 * 1024 * 1024)
    expect["huge.txt"] = "file too large"
    words = seed_text(0).split()
    line = " ".join(rnd.choice(words) for _ in range(1_700_000))[: 10 * 1024 * 1024]
    put("oneline.txt", line, "text too long for one article")
    # HTML
    put("nobody.html", "<html><head><title>Nothing here</title></head></html>", OK)  # read; the clean stage finds no text
    put("deep.html", "<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>",
        "nested too deeply")
    put("fonts.html", "<html><body>" + "<font><b>" * 5_000 + "text", "nested too deeply")
    put("plain.html", "no markup at all, just words " * 20, "not HTML")
    put("bracket.txt", "[Updated] " + variant(2, "bracket"), OK)  # starts like JSON, is a story
    put("json_in.txt", json.dumps({"title": "JSON in a .txt", "text": variant(3, "jsontxt")}), OK)
    put("bigpage.html", "<html><body>" + "<p>" + "word " * 300_000 + "</body></html>", "page text too long")
    put("good_page.html", _page(5), OK)
    # JSON: malformed, nested, huge, wrong types, lone surrogates, JSON Lines with bad lines
    put("malformed.json", '{"title": "Half a record", "text": "cut off', "malformed JSON")
    put("pretty_bad.json", '{\n  "title": "x",\n  "text": "y"\n  "url": "z"\n}\n', "malformed JSON")
    put("nested.json", "[" * 100_000 + "]" * 100_000, "nested too deeply")
    put("empty_array.json", "[]", "no records")
    put("huge_text.json", json.dumps({"title": "Long", "text": "word " * 1_000_000}), "text too long")
    put("wrong_types.json", json.dumps({"title": 5, "text": ["a", "b"], "maintext": {"x": 1}, "date_publish": 7,
                                        "authors": {"a": 1}, "url": [1], "id": None}), "has no text")
    put("not_object.json", json.dumps("just a string"), "expected a JSON object")
    put("odd_fields.json", json.dumps({"title": ["not", "text"], "text": variant(0, "oddfields"), "authors": [1, None, "A. Writer"],
                                       "date_publish": {"y": 2024}, "url": 42, "id": True,
                                       "source_domain": "x" * 10_000}), OK)
    put("surrogates.json", '{"title": "Bad \\ud800 title", "text": ' + json.dumps(variant(1, "surrogate"))[:-1]
        + ' \\udfff end", "url": "http://example.com/\\ud83d"}', OK)
    lines = [json.dumps({"title": f"Line {i}", "text": variant(i, f"jsonl{i}"), "url": f"http://example.com/{i}"}) for i in range(2)]
    put("lines.jsonl", "\n".join([lines[0], "{not json", lines[1], "[1, 2", ""]), OK)
    # WARC: broken records beside good ones, and garbage that says it is WARC
    good_warc = _warc([("http://example.com/a", _page(6)), ("http://example.com/b", _page(7))])
    third = _warc([("http://example.com/c", _page(8))])
    put("cut.warc", good_warc + third[:-300], OK)  # two good records, the third cut short
    put("cut_header.warc", good_warc + third[:60], OK)  # the file ends inside a record header
    put("garbage.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\n<html>", "WARC")
    put("notwarc.warc", b"hello, this is not an archive at all\n" * 10, "not a WARC file")
    # a feed whose content is a file name: never opened as a file
    put("path.rss", b"/etc/hostname", "feed")
    put("laughs.rss", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10) for i in range(9))
        + b']><rss><channel><item><description>&j;</description></item></channel></rss>', "feed")
    # file names with odd characters
    odd = ["with space.txt", "ünïcødé 記事.txt", "new\nline.txt", "-leading-dash.txt", "--help.txt", "tab\there.txt"]
    for i, name in enumerate(odd):
        put(name, variant(i, f"name{i}"), OK)
    bad_name = os.fsdecode(b"latin1-\xe9t\xe9.txt")  # not UTF-8: kept as surrogates by Python
    put(bad_name, variant(9, "badname"), OK)
    # folders named like files, and an empty one
    put("folder.txt/inside.txt", variant(2, "infolder"), OK)
    (root / "empty.html").mkdir()
    # symbolic links: a loop, a self-loop, a broken link, a link back up the tree
    os.symlink("loop_b.txt", root / "loop_a.txt")
    os.symlink("loop_a.txt", root / "loop_b.txt")
    os.symlink("self.txt", root / "self.txt")
    os.symlink("missing-target.txt", root / "dangling.txt")
    os.symlink("..", root / "folder.txt" / "up")
    expect.update({"loop_a.txt": "symbolic link loop", "loop_b.txt": "symbolic link loop",
                   "self.txt": "symbolic link loop", "dangling.txt": "broken symbolic link"})
    # a named pipe would block a reader that opened it
    os.mkfifo(root / "pipe.txt")
    expect["pipe.txt"] = "named pipe"
    # unreadable: as root the permission bits do not stop reading, so either outcome is fine
    locked = put("locked.txt", variant(3, "locked"), OK)
    locked.chmod(0)
    if os.geteuid() != 0:
        expect["locked.txt"] = "permission denied"
    return expect


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("bad-inputs")
    return root, build_corpus(root)


def _top(root: Path, source: str) -> str:
    """The corpus entry a result's source belongs to (its first path part under root). An
    absolute folder's inputs are named under the folder's name, never its machine path."""
    prefix = display_path(root.name) + "/"
    assert source.startswith(prefix), source
    rest = source[len(prefix):]
    for sep in ("#", ":"):  # record markers: file.jsonl#3, file.jsonl:2
        cut = rest.find(sep)
        if cut > 0 and (root / rest[:cut]).exists():
            rest = rest[:cut]
    return rest.split("/")[0]


@pytest.fixture(scope="module")
def results(corpus) -> dict[str, list[RawArticle | Rejection]]:
    root, _ = corpus
    by_entry: dict[str, list[RawArticle | Rejection]] = {}
    for item in read_inputs([root]):
        by_entry.setdefault(_top(root, item.source), []).append(item)
    return by_entry


def test_every_input_gets_an_outcome_and_nothing_raises(corpus, results):
    root, expect = corpus
    tops = {display_path(name.split("/")[0]) for name in expect}
    assert set(results) == tops


def test_each_input_as_expected(corpus, results):
    root, expect = corpus
    problems = []
    for entry, outcome in sorted(expect.items()):
        top = display_path(entry.split("/")[0])
        got = results.get(top, [])
        articles = [g for g in got if isinstance(g, RawArticle)]
        rejections = [g for g in got if isinstance(g, Rejection)]
        if outcome == OK:
            if not articles:
                problems.append(f"{entry!r}: expected an article, got {[r.reason for r in rejections]}")
        elif not any(outcome in r.reason for r in rejections) or articles:
            problems.append(f"{entry!r}: expected rejection with {outcome!r}, got "
                            f"{[r.reason for r in rejections]} and {len(articles)} articles")
    assert not problems, "\n".join(problems)


def test_rejections_are_one_printable_line_naming_the_input(results):
    for items in results.values():
        for item in items:
            if isinstance(item, Rejection):
                line = item.line()
                assert "\n" not in line and "\r" not in line
                line.encode("utf-8")  # no lone surrogates: printable and storable
                assert item.reason and item.source


def test_articles_are_safe_to_store_and_print(results):
    ids = []
    for items in results.values():
        for item in items:
            if isinstance(item, RawArticle):
                ids.append(item.id)
                for value in (item.id, item.source, item.title, item.text, item.html, item.url, item.outlet):
                    if value is not None:
                        value.encode("utf-8")
                        assert "\x00" not in value
                assert "\n" not in item.id and "\n" not in item.source
                assert len(item.id) <= 200
                assert item.outlet is None or len(item.outlet) <= 200
    assert len(ids) == len(set(ids)), "article ids must be unique within a read"


def test_decoded_text_is_right(results):
    def text_of(name):
        (art,) = [r for r in results[name] if isinstance(r, RawArticle)]
        return art.text

    assert text_of("utf16_nobom.txt") == variant(2, "utf16")
    assert text_of("utf16_bom.txt") == variant(3, "utf16be")
    mixed = text_of("mixed.txt")
    assert "mixed café" in mixed and "A “quoted” naïve paragraph" in mixed and "and “UTF-8” in-line" in mixed
    assert "naïve façade" in text_of("latin1.txt")
    assert text_of("fine.txt.gz") == variant(1, "gz")
    assert text_of("bracket.txt").startswith("[Updated] ")
    (art,) = [r for r in results["json_in.txt"] if isinstance(r, RawArticle)]
    assert art.format == "newsplease" and art.title == "JSON in a .txt"


def test_records_in_multi_record_files(results):
    warc = results["cut.warc"]
    assert sum(isinstance(r, RawArticle) for r in warc) == 2
    (cut,) = [r for r in warc if isinstance(r, Rejection)]
    assert cut.source.endswith("cut.warc#http://example.com/c") and "truncated" in cut.reason
    assert sum(isinstance(r, RawArticle) for r in results["cut_header.warc"]) == 2
    jsonl = results["lines.jsonl"]
    assert sum(isinstance(r, RawArticle) for r in jsonl) == 2
    bad = sorted(r.source.rsplit(":", 1)[1] for r in jsonl if isinstance(r, Rejection))
    assert bad == ["2", "4"]  # the two malformed lines, by line number
    assert len(results["pretty_bad.json"]) == 1  # one rejection for the file, not one per line


def test_odd_file_names_give_printable_ids(results):
    art = next(r for r in results["new\\nline.txt"] if isinstance(r, RawArticle))
    assert art.id == "new\\nline"
    art = next(r for r in results["ünïcødé 記事.txt"] if isinstance(r, RawArticle))
    assert art.id == "ünïcødé 記事"
    bad = [k for k in results if k.startswith("latin1-")]
    assert bad == ["latin1-\\xe9t\\xe9.txt"]


def test_feed_content_is_never_opened_as_a_file(results):
    for item in results["path.rss"] + results["laughs.rss"]:
        assert isinstance(item, Rejection)


def test_wrong_types_are_ignored_not_trusted(results):
    (art,) = [r for r in results["odd_fields.json"] if isinstance(r, RawArticle)]
    assert art.title is None and art.url is None and art.published is None
    assert art.authors == ["A. Writer"]
    assert art.id == "odd_fields"  # a boolean "id" is not an id
    assert art.outlet.endswith("…") and len(art.outlet) <= 200
    (art,) = [r for r in results["surrogates.json"] if isinstance(r, RawArticle)]
    assert "\ud800" not in art.title and art.title.startswith("Bad")


def test_limits_are_configurable(tmp_path):
    (tmp_path / "a.txt").write_text(variant(0, "limits"))
    small = Limits(max_file_bytes=1000)
    (rej,) = list(read_inputs([tmp_path / "a.txt"], small))
    assert isinstance(rej, Rejection) and "file too large" in rej.reason and "--max-file-bytes" in rej.reason
    (rej,) = list(read_inputs([tmp_path / "a.txt"], Limits(max_article_chars=500)))
    assert isinstance(rej, Rejection) and "--max-article-chars" in rej.reason
    (tmp_path / "b.html").write_text("<div>" * 30 + "x")
    (rej,) = list(read_inputs([tmp_path / "b.html"], Limits(max_html_depth=20)))
    assert "nested too deeply" in rej.reason
    (ok,) = list(read_inputs([tmp_path / "b.html"], Limits(max_html_depth=40)))
    assert isinstance(ok, RawArticle)


def test_records_per_file_are_capped(tmp_path):
    recs = [json.dumps({"text": f"record {i} " + "word " * 10, "url": f"http://e.com/{i}"}) for i in range(30)]
    (tmp_path / "many.jsonl").write_text("\n".join(recs))
    out = list(read_inputs([tmp_path / "many.jsonl"], Limits(max_records_per_file=10)))
    assert sum(isinstance(o, RawArticle) for o in out) == 10
    assert "more than 10 records" in out[-1].reason


def test_many_bad_lines_are_summed_up(tmp_path):
    lines = [json.dumps({"text": "ok " * 30})] + ["{bad"] * 500
    (tmp_path / "bad.jsonl").write_text("\n".join(lines))
    out = list(read_inputs([tmp_path / "bad.jsonl"]))
    rejections = [o for o in out if isinstance(o, Rejection)]
    assert len(rejections) == Limits().max_bad_lines + 1
    assert "480 more malformed JSON lines" in rejections[-1].reason


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(variant(0, sub))
    ids = [r.id for r in read_inputs([tmp_path]) if isinstance(r, RawArticle)]
    assert len(ids) == 2 and len(set(ids)) == 2 and ids[0] == "report"
    again = [r.id for r in read_inputs([tmp_path]) if isinstance(r, RawArticle)]
    assert again == ids  # stable across runs


def test_empty_folder_and_missing_path_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    out = list(read_inputs([tmp_path / "empty", tmp_path / "missing.txt"]))
    assert [o.reason for o in out] == ["folder holds no input files", "no such file"]


def test_deep_folder_tree_does_not_recurse(tmp_path):
    deep = tmp_path
    for _ in range(300):  # deeper than any recursive walk should go; within PATH_MAX
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "a.txt").write_text(variant(0, "deep"))
    (art,) = list(read_inputs([tmp_path]))
    assert isinstance(art, RawArticle)


def test_reading_the_corpus_keeps_memory_bounded(corpus):
    """The whole corpus (a 100 MB file, a 1 GiB gzip bomb, a 10 MB line...) in a fresh
    process: its peak memory stays far below the sizes involved."""
    root, _ = corpus
    # VmHWM (peak resident memory of this program image) rather than ru_maxrss, which Linux
    # carries over from the forking parent: a large pytest process would be counted.
    code = (
        "import re, sys\n"
        "from storyline.ingest import read_inputs\n"
        "n = sum(1 for _ in read_inputs([sys.argv[1]]))\n"
        "hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
        "print(n, hwm // 1024)\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr.decode()
    n, peak_mib = map(int, r.stdout.split())
    assert n > 40
    assert peak_mib < 250, f"reading the bad-input corpus peaked at {peak_mib} MiB"  # measured: under 100


# ----------------------------------------------------------------- through the real command line


def storyline(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, cwd=cwd, timeout=300)


def test_cli_on_the_corpus_rejects_per_file_and_keeps_the_good(corpus, tmp_path):
    root, expect = corpus
    r = storyline("run", str(root), "--out", str(tmp_path / "out"), "--quiet")
    err = r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "WARNING" not in err  # no library chatter between the summary lines
    assert r.returncode == 3, err
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    rejected = {_top(root, x["source"]) for x in report["rejected"]}
    for name, outcome in expect.items():
        if outcome != OK:
            assert display_path(name.split("/")[0]) in rejected, name
    reasons = {_top(root, x["source"]): x["reason"] for x in report["rejected"]}
    assert reasons["nobody.html"].startswith("no article text found")  # HTML without a body
    stored = {a["id"] for a in report["articles"]}
    assert {"good_0", "good_1", "good_2", "inside", "-leading-dash", "ünïcødé 記事", "new\\nline"} <= stored
    lines = [ln for ln in err.splitlines() if ln.startswith("  rejected: ")]
    assert len(lines) == len(report["rejected"])  # one line per problem


def test_cli_exit_codes(tmp_path):
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "a.txt").write_text(variant(0, "exit"))
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "e.txt").write_bytes(b"")
    (tmp_path / "bad" / "z.txt.gz").write_bytes(_gzip_bomb(256))
    assert storyline("run", str(tmp_path / "good"), "--out", str(tmp_path / "o0"), "--quiet").returncode == 0
    nothing = storyline("run", str(tmp_path / "bad"), "--out", str(tmp_path / "o4"), "--quiet")
    assert nothing.returncode == 4 and "possible gzip bomb" in nothing.stderr.decode()
    small = storyline("run", str(tmp_path / "good"), str(tmp_path / "bad" / "e.txt"), "--out", str(tmp_path / "o3"),
                      "--quiet", "--max-article-chars", "100")
    assert small.returncode == 4 and "--max-article-chars" in small.stderr.decode()


def test_cli_file_name_with_leading_dash(tmp_path):
    (tmp_path / "-x.txt").write_text(variant(1, "dash"))
    r = storyline("run", "--out", "out", "--quiet", "--", "-x.txt", cwd=tmp_path)
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads((tmp_path / "out" / "report.json").read_text())["articles"][0]["id"] == "-x"


def test_ids_already_taken_get_a_suffix(tmp_path):
    (tmp_path / "x.txt").write_text(variant(0, "taken"))
    (art,) = list(read_inputs([tmp_path], taken={"x"}.__contains__))
    assert art.id.startswith("x-") and len(art.id) == len("x-") + 8


def test_a_new_article_never_replaces_a_stored_one_with_the_same_name(tmp_path):
    """Two different articles that share a file name, added in two runs: both are kept."""
    import storyline
    from storyline.store import Store

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(variant(0, "first"))
    (tmp_path / "b" / "story.txt").write_text(variant(1, "second"))
    db = tmp_path / "s.db"
    storyline.run([tmp_path / "a"], out=tmp_path / "o", db=db, reports=False)
    storyline.run([tmp_path / "b"], out=tmp_path / "o", db=db, reports=False)
    again = storyline.run([tmp_path / "a", tmp_path / "b"], out=tmp_path / "o", db=db, reports=False)
    assert len(again.skipped) == 2 and not again.articles  # re-running adds nothing
    with Store(db) as store:
        bodies = {a.id: a.body for a in store.iter_articles()}
    assert len(bodies) == 2 and "story" in bodies
    assert any("first" in b for b in bodies.values()) and any("second" in b for b in bodies.values())


def test_a_file_that_cannot_be_opened_is_rejected(tmp_path, monkeypatch):
    """As root, chmod 000 does not stop reading; the refusal path is checked by making open() fail."""
    import builtins

    (tmp_path / "a.txt").write_text(variant(0, "perm"))
    real_open = builtins.open

    def refuse(file, *args, **kwargs):
        if str(file).endswith("a.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refuse)
    (rej,) = list(read_inputs([tmp_path / "a.txt"]))
    assert isinstance(rej, Rejection) and rej.reason == "permission denied"
