"""The command line's manners: progress and stage log, plurals, http(s) inputs, nothing
written when nothing was read, shareable report files, cut gzip and WARC files named."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.ingest import Limits, read_inputs
from storyline.model import RawArticle, Rejection
from storyline.progress import Progress, counted

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "003_2000db5d01cae127.txt"


# ----------------------------------------------------------------- plurals, progress, stage log

def test_counts_agree_with_their_nouns():
    assert counted(1, "input") == "1 input"
    assert counted(0, "input") == "0 inputs"
    assert counted(1, "story", "stories") == "1 story"
    assert counted(2_500, "story", "stories") == "2,500 stories"


def _run_stages(progress: Progress) -> None:
    progress.stage("read", unit="input")
    progress.reach(1)
    progress.stage("analyse", total=1, unit="input", items="article")
    progress.tick()
    progress.reach(1)
    progress.stage("group", then=("build stories", "story", "stories"))
    progress.tick()
    progress.stage("write", unit="file")
    progress.reach(3)
    progress.done()


def test_stage_log_is_one_line_per_stage_when_not_a_terminal():
    out = io.StringIO()
    _run_stages(Progress(True, stream=out, terminal=False))
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["read", "analyse", "group", "build stories", "write"]
    assert lines[0].startswith("read: 1 input (")
    assert lines[1].startswith("analyse: 1 input, 1 article (")
    assert lines[3].startswith("build stories: 1 story (")
    assert lines[4].startswith("write: 3 files (")


def test_quiet_progress_writes_nothing_but_still_counts():
    out = io.StringIO()
    progress = Progress(False, stream=out, terminal=True)
    _run_stages(progress)
    assert out.getvalue() == "" and progress.n == 2


def test_progress_bar_on_a_terminal_shows_stage_total_and_time_left():
    out = io.StringIO()
    progress = Progress(True, stream=out, terminal=True)
    progress.stage("analyse", total=4, unit="input", items="article")
    progress.tick()
    progress.reach(1)
    progress._bar.refresh()
    running = out.getvalue()
    assert "analyse" in running and "1/4 inputs" in running and "1 article" in running and "left" in running
    progress.done()


def _read_pty(master: int) -> bytes:
    data = b""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:  # the child closed its end
            return data
        if not chunk:
            return data
        data += chunk


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_cli_draws_stages_on_a_terminal(tmp_path):
    master, slave = os.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "run", str(EXAMPLE), "--out", str(tmp_path / "tty")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    screen = _read_pty(master).decode("utf-8", "replace")
    os.close(master)
    assert proc.wait(timeout=300) == 0
    for stage in ("read", "analyse", "group", "build stories", "write"):
        assert stage in screen
    assert "1 input" in screen and "━" in screen  # a bar, with the total
    assert "analyse:" not in screen  # not the log lines


def test_cli_logs_one_line_per_stage_when_stderr_is_redirected(tmp_path, capsys):
    assert main(["run", str(EXAMPLE), "--out", str(tmp_path / "log")]) == 0
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert lines[0].startswith("read: 1 input (") and lines[1].startswith("analyse: 1 input, 1 article (")
    assert lines[2].startswith("group: ") and lines[3].startswith("build stories: 1 story (")
    assert lines[4].startswith("write: 3 files (")
    assert "━" not in err and "\r" not in err
    assert lines[5].startswith("1 article added, 0 already stored, 0 inputs rejected, 1 story (")


def test_quiet_run_logs_no_stage(tmp_path, capsys):
    assert main(["run", str(EXAMPLE), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert not any(err.startswith(f"{s}:") or f"\n{s}:" in err for s in ("read", "analyse", "group", "write"))
    assert "1 article added" in err and "1 story" in err


# ----------------------------------------------------------------- nothing written when nothing was read

def test_nothing_written_when_nothing_could_be_read(tmp_path, capsys):
    out = tmp_path / "new" / "out"
    assert main(["run", str(tmp_path / "missing.txt"), "--out", str(out)]) == 4
    err = capsys.readouterr().err
    assert "missing.txt: no such file" in err and "nothing written" in err
    assert not (tmp_path / "new").exists()


def test_reports_of_an_earlier_run_survive_a_run_that_reads_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(EXAMPLE), "--out", str(out), "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name.startswith("report.")}
    assert main(["run", str(tmp_path / "missing.txt"), "--out", str(out), "--quiet"]) == 4
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name.startswith("report.")} == before
    assert (out / "storyline.db").is_file()  # the store it had is left as it was


# ----------------------------------------------------------------- report files are shareable

def test_reports_are_written_with_the_usual_file_mode(tmp_path):
    from storyline.report import atomic_write

    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "report.json", "{}")
        (tmp_path / "report.json").chmod(0o600)  # rewriting replaces the file, mode and all
        atomic_write(tmp_path / "report.json", "{}")
    finally:
        os.umask(old)
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_run_reports_follow_the_umask(seed_run):
    _, _, out = seed_run
    umask = os.umask(0)
    os.umask(umask)
    for name in ("report.json", "report.md", "report.html"):
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~umask, name


# ----------------------------------------------------------------- http(s) inputs, against a server on 127.0.0.1

PAGE = ("<!doctype html><html><head><title>Storm hits the coast</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in EXAMPLE.read_text("utf-8").split("\n") if p.strip())
        + "</article></body></html>").encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        type(self).agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/news/storm-hits-coast?ref=rss":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Length", str(10 * 1024 * 1024))
            self.end_headers()
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/slow":
            threading.Event().wait(3)  # longer than the test's timeout; never asserted on
            self._send(200, PAGE, "text/html")
        elif self.path == "/cut":
            self.send_response(200)
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE[:100])
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:  # the reader gave up waiting (the slow page)
            pass

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture()
def local_server(monkeypatch):
    """An HTTP server on 127.0.0.1 (never any other address), with proxies out of the way."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Handler.agents = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_urls_are_fetched_with_limits_and_one_line_reasons(local_server):
    base = local_server
    urls = [f"{base}/news/storm-hits-coast?ref=rss", f"{base}/missing", f"{base}/big", f"{base}/to-file",
            f"{base}/cut", f"{base}/slow", f"http://127.0.0.1:{_closed_port()}/offline"]
    got = list(read_inputs(urls, Limits(max_file_bytes=1024 * 1024, fetch_timeout=0.5)))
    (page,) = [g for g in got if isinstance(g, RawArticle)]
    assert page.id == "storm-hits-coast" and page.format == "html" and page.url == urls[0]
    assert page.source == urls[0]
    reasons = {r.source.rsplit("/", 1)[1]: r.reason for r in got if isinstance(r, Rejection)}
    assert reasons["missing"] == "HTTP error 404 Not Found"
    assert reasons["big"].startswith("page too large (10,485,760 bytes")
    assert "not an http(s) address" in reasons["to-file"]
    assert reasons["cut"].startswith("connection closed after 100 of ")
    assert "no answer within 0.5 s" in reasons["slow"]
    assert reasons["offline"].startswith("cannot fetch: connection refused")
    assert all("\n" not in r for r in reasons.values())
    assert _Handler.agents and all(a.startswith("Storyline/") for a in _Handler.agents)


def test_run_reads_a_url_given_on_the_command_line(local_server, tmp_path, capsys):
    url = f"{local_server}/news/storm-hits-coast?ref=rss"
    assert main(["run", url, "--out", str(tmp_path / "o"), "--quiet"]) == 0, capsys.readouterr().err
    report = json.loads((tmp_path / "o" / "report.json").read_text("utf-8"))
    (article,) = report["articles"]
    assert article["id"] == "storm-hits-coast" and article["url"] == url


# ----------------------------------------------------------------- cut gzip and WARC files

def _warc(n: int, gz: bool) -> tuple[bytes, list[int]]:
    """A WARC file of ``n`` HTML responses, and the offset where each record ends."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    ends = []
    for i in range(n):
        http_headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = PAGE.replace(b"Storm hits the coast", f"Page {i}".encode())
        writer.write_record(writer.create_warc_record(f"http://example.com/{i}", "response",
                                                      payload=io.BytesIO(page), http_headers=http_headers))
        ends.append(buf.tell())
    return buf.getvalue(), ends


def _outcome(path: Path) -> tuple[int, list[str]]:
    items = list(read_inputs([path]))
    return sum(isinstance(i, RawArticle) for i in items), [i.reason for i in items if isinstance(i, Rejection)]


def test_truncated_warc_gz_keeps_the_whole_records_and_names_the_loss(tmp_path):
    data, ends = _warc(3, gz=True)
    (tmp_path / "crawl.warc.gz").write_bytes(data[: ends[1] + 40])  # inside the third record's gzip member
    kept, reasons = _outcome(tmp_path / "crawl.warc.gz")
    assert kept == 2
    assert any(r.startswith("truncated gzip") and "kept 2 records read before the cut" in r for r in reasons)


def test_truncated_gzip_of_one_article_is_rejected(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(EXAMPLE.read_bytes())[:-20])
    assert _outcome(tmp_path / "a.txt.gz") == (0, ["truncated gzip (the file ends before the end of the compressed data)"])
    bad = bytearray(gzip.compress(EXAMPLE.read_bytes()))
    bad[-6] ^= 0xFF  # the CRC no longer matches
    (tmp_path / "b.txt.gz").write_bytes(bytes(bad))
    kept, reasons = _outcome(tmp_path / "b.txt.gz")
    assert kept == 0 and reasons[0].startswith("corrupt gzip")


@pytest.mark.parametrize("into_header", [10, 300])
def test_warc_cut_inside_a_record_header_is_reported(tmp_path, into_header):
    data, ends = _warc(3, gz=False)
    (tmp_path / "crawl.warc").write_bytes(data[: ends[1] + into_header])
    kept, reasons = _outcome(tmp_path / "crawl.warc")
    assert kept == 2
    assert len(reasons) == 1 and ("cut short inside its header" in reasons[0] or "ends inside a record" in reasons[0])


def test_malformed_addresses_are_one_line_rejections():
    got = list(read_inputs(["http://[::1", "http://"]))  # both fail before any connection is tried
    assert [type(g) for g in got] == [Rejection, Rejection]
    assert got[0].reason.startswith("not a valid address") and got[1].reason == "cannot fetch: no host given"
