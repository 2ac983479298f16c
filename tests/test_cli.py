"""The command line: help, version, schema, exit codes, one-line errors, no duplicates on re-run."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.cli import EVAL_TASKS, build_parser, main

ROOT = Path(__file__).resolve().parents[1]


def storyline(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, input=stdin, cwd=ROOT, timeout=300)


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("storyline ")


@pytest.mark.parametrize("command", ["run", "add", "serve", "schema", "eval", *[f"eval {t}" for t in EVAL_TASKS]])
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as e:
        main([*command.split(), "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "usage: storyline" in out and len(out.splitlines()) > 3


def test_schema_prints_valid_json_schema(capsys):
    import jsonschema

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"articles", "stories", "rejected"} <= set(schema["required"])


def test_run_writes_reports_and_reruns_without_duplicates(tmp_path, examples_dir):
    out = tmp_path / "out"
    first = storyline("run", str(examples_dir), "--out", str(out), "--quiet")
    assert first.returncode == 0, first.stderr.decode()
    for name in ("report.json", "report.md", "report.html", "storyline.db"):
        assert (out / name).is_file()
    report = json.loads((out / "report.json").read_text())
    assert len(report["articles"]) == 5
    second = storyline("run", str(examples_dir), "--out", str(out), "--quiet")
    assert second.returncode == 0
    assert "5 already stored" in second.stderr.decode()
    assert len(json.loads((out / "report.json").read_text())["articles"]) == 5


def test_exit_codes_and_one_line_rejections(tmp_path, examples_dir):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "noise.bin").write_bytes(bytes(range(256)) * 40)
    good = bad / "good.txt"
    good.write_text((examples_dir / "000_70831d2d278130f8.txt").read_text())
    some = storyline("run", str(bad), "--out", str(tmp_path / "o1"), "--quiet")
    assert some.returncode == 3
    err = some.stderr.decode()
    assert "Traceback" not in err
    assert "empty.txt: empty file" in err and "noise.bin: binary data" in err
    report = json.loads((tmp_path / "o1" / "report.json").read_text())
    assert {Path(r["source"]).name for r in report["rejected"]} == {"empty.txt", "noise.bin"}
    assert len(report["articles"]) == 1
    good.unlink()
    none = storyline("run", str(bad), "--out", str(tmp_path / "o2"), "--quiet")
    assert none.returncode == 4


def test_stdin_input(tmp_path, examples_dir):
    text = (examples_dir / "003_2000db5d01cae127.txt").read_bytes()
    r = storyline("run", "-", "--out", str(tmp_path / "o"), "--quiet", stdin=text)
    assert r.returncode == 0, r.stderr.decode()
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert report["articles"][0]["id"] == "stdin"


def test_gz_input_is_read_transparently(tmp_path, examples_dir):
    import gzip

    src = (examples_dir / "001_6a655200e43cc4b6.txt").read_bytes()
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(src))
    r = storyline("run", str(tmp_path / "a.txt.gz"), "--out", str(tmp_path / "o"), "--quiet")
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads((tmp_path / "o" / "report.json").read_text())["articles"][0]["id"] == "a"


def test_add_to_missing_store_is_one_clear_line(tmp_path):
    r = storyline("add", "examples", "--db", str(tmp_path / "nope.db"))
    assert r.returncode == 2
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "nope.db" in lines[0] and "no such store" in lines[0]


def test_eval_with_missing_data_is_one_clear_line(tmp_path):
    r = storyline("eval", "extract", "--data", str(tmp_path / "missing"))
    assert r.returncode == 1
    lines = r.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "missing" in lines[0] and "Traceback" not in lines[0]


def test_every_command_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text()
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in sub.choices:
        assert f"storyline {name}" in readme, f"command '{name}' is not documented in README.md"
    for task in EVAL_TASKS:
        assert f"storyline eval {task}" in readme, f"'storyline eval {task}' is not documented in README.md"


def _parsers(parser: argparse.ArgumentParser, name: str = "storyline"):
    """Every parser of the command line, with its command name: the top one, each command, each eval task."""
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {sub_name}")


def test_every_option_of_every_command_has_help_text():
    missing = [f"{name}: {action.option_strings or action.dest}"
               for name, parser in _parsers(build_parser()) for action in parser._actions
               if not isinstance(action, argparse._SubParsersAction)
               and (not action.help or action.help == argparse.SUPPRESS or not action.help.strip())]
    assert not missing, "options without help text: " + "; ".join(missing)
