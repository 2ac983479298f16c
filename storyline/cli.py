"""The ``storyline`` command. Thin: parses arguments, calls the API, prints.

Errors Storyline raises on purpose print as one line (``storyline: error: ...``); any
other failure prints one line too and asks for ``--debug``, which shows the traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
from pathlib import Path

from storyline.versions import __version__

EVAL_TASKS = {
    "extract": ("scrapinghub", "token F1 of the cleaned body against the benchmark's ground truth"),
    "dates": ("htmldate-mediacloud", "publication date accuracy and F1 on news pages"),
    "timex": ("tempeval3-train", "time expressions: span F1 (strict, relaxed) and value accuracy (TempEval-3)"),
    "timeline": ("t17-dev", "timelines: alignment ROUGE-1/-2 F and date F1 (Timeline17, news-tls protocol)"),
    "stories": ("newsclusters-dev", "story grouping: B-cubed precision/recall/F1 and adjusted Rand index"),
    "storygold": ("story-gold/dev", "whole stories against hand-annotated gold: timeline lines, claims, claim groups, "
                  "what happens next, article dates (docs/eval-storygold.md)"),
    "meantime": ("meantime", "cross-document event coreference (MEANTIME): B-cubed and CoNLL F1 of merged event mentions"),
}


PATHS_HELP = ("input files, folders (read recursively), http(s):// URLs (fetched), or '-' for standard input; "
              ".gz is read transparently")
MAX_EVENTS_HELP = "show at most N key events per timeline (default: grows with the story, 8 to 30)"
ALL_EVENTS_HELP = "show every event in the timeline, not only the editor's view of the key events"
QUIET_HELP = "no progress bar or stage log on stderr (the summary and the rejected inputs are still printed)"


def _layout_args(p: argparse.ArgumentParser) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--single-file", action="store_const", const="single", dest="layout", default="auto",
                   help="write the whole HTML report as one report.html (default for runs of at most 30 articles "
                        "in at most 5 stories)")
    g.add_argument("--pages", action="store_const", const="pages", dest="layout",
                   help="write report.html as an index with one page per story in DIR/stories/ "
                        "(default for larger runs)")


def _limits_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("limits")
    g.add_argument("--max-file-bytes", type=int, default=None, metavar="N",
                   help="reject files (or gzip contents) larger than N bytes (default 50 MiB)")
    g.add_argument("--max-article-chars", type=int, default=None, metavar="N",
                   help="reject single articles longer than N characters (default 200,000; see docs/limits.md)")
    g.add_argument("--timeout", type=float, default=None, metavar="SECONDS", dest="fetch_timeout",
                   help="give up on an http(s):// input that has not answered, or not arrived, within SECONDS "
                        "(default 30)")


def _limits(args):
    from storyline.errors import ConfigError
    from storyline.ingest import Limits

    lim = Limits()
    for name, option, unit in (("max_file_bytes", "--max-file-bytes", "bytes"),
                               ("max_article_chars", "--max-article-chars", "characters"),
                               ("fetch_timeout", "--timeout", "seconds")):
        value = getattr(args, name, None)
        if value is None:
            continue
        if not 0 < value < math.inf:  # also refuses NaN
            raise ConfigError(f"{option} must be a positive number of {unit} (got {value})")
        setattr(lim, name, value)
    return lim


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="storyline",
        description="Follow a news story across outlets: clean articles, stories, cited timelines, compared sources.",
    )
    p.add_argument("--version", action="version", version=f"storyline {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks and debug logging")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    r = sub.add_parser("run", help="process articles and write report.json/.md/.html",
                       description="Read every input (files, folders recursively, '-' for stdin, .gz transparently), "
                       "process it, store it in SQLite and write report.json, report.md and report.html into --out.")
    r.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    r.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    r.add_argument("--db", default=None, metavar="FILE", help="SQLite store (default: DIR/storyline.db)")
    r.add_argument("--engine", choices=["local", "pool", "dask"], default="local",
                   help="where per-article work runs: this process, a local process pool, or Dask (default: local)")
    r.add_argument("--workers", type=int, default=1, metavar="N",
                   help="worker processes for the pool or the Dask LocalCluster (default: 1)")
    r.add_argument("--scheduler", default=None, metavar="ADDR",
                   help="address of a running Dask scheduler (default: start a LocalCluster)")
    r.add_argument("--max-events", type=int, default=None, metavar="N", help=MAX_EVENTS_HELP)
    r.add_argument("--all-events", action="store_true", help=ALL_EVENTS_HELP)
    r.add_argument("--quiet", action="store_true", help=QUIET_HELP)
    _layout_args(r)
    _limits_args(r)

    a = sub.add_parser("add", help="add articles to an existing store incrementally",
                       description="Each new article joins a story or starts one; only the stories touched are rebuilt. "
                       "Adding the same article twice does nothing.")
    a.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    a.add_argument("--db", required=True, help="the SQLite store to add to (made by 'storyline run')")
    a.add_argument("--out", default=None, help="also rewrite the reports into this folder (default: no reports)")
    a.add_argument("--max-events", type=int, default=None, metavar="N", help=MAX_EVENTS_HELP)
    a.add_argument("--all-events", action="store_true", help=ALL_EVENTS_HELP)
    a.add_argument("--quiet", action="store_true", help=QUIET_HELP)
    _layout_args(a)
    _limits_args(a)

    s = sub.add_parser("serve", help="web app over a store", description="Serve the web app and its JSON API (/api/).")
    s.add_argument("--db", default="out/storyline.db", help="the SQLite store to serve (default: out/storyline.db)")
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for every address)")
    s.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    s.add_argument("--token", default=None,
                   help="access token that uploads and corrections need (API: 'Authorization: Bearer TOKEN'; pages: "
                        "sign in at /login); default: the STORYLINE_TOKEN environment variable. Required, or "
                        "--read-only, on any address other than 127.0.0.1")
    s.add_argument("--read-only", action="store_true", help="serve pages, search and the API, but take no uploads or corrections")

    _story_parser(sub)
    _watch_parsers(sub)

    sub.add_parser("schema", help="print the JSON Schema of report.json",
                   description="Print the JSON Schema that report.json follows.")

    ev = sub.add_parser("eval", help="measure quality on labelled data", description="Measure each stage on real labelled data.")
    evsub = ev.add_subparsers(dest="task", metavar="TASK")
    for task, (folder, helptext) in EVAL_TASKS.items():
        e = evsub.add_parser(task, help=helptext, description=f"{helptext}. --data takes a folder in the layout of shared/eval/{folder}.")
        e.add_argument("--data", default=str(Path("..") / "shared" / "eval" / folder), help=f"dataset folder (default ../shared/eval/{folder})")
        e.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
        e.add_argument("--limit", type=int, default=None, help="only the first N items")
        e.add_argument("--items", action="store_true", help="also print per-item figures in the table")
        if task == "stories":
            e.add_argument("--mixed", action="store_true",
                           help="the mixed dev crawl: --data's news clusters + the seed articles (examples/) + "
                                "300 articles of the sibling t17-dev, built at eval time")
    return p


def _story_parser(sub) -> None:
    st = sub.add_parser("story", help="list stories and correct their grouping (merge, split, move, undo)",
                        description="List the stories of a store and correct how articles are grouped. Corrections are "
                        "stored, listed, undoable, and kept by later 'storyline run' and 'storyline add' on the store.")
    ssub = st.add_subparsers(dest="action", metavar="ACTION")

    def action(name: str, helptext: str, writes: bool = True) -> argparse.ArgumentParser:
        p = ssub.add_parser(name, help=helptext, description=helptext)
        p.add_argument("--db", default="out/storyline.db", help="the SQLite store (default: out/storyline.db)")
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        if writes:
            p.add_argument("--out", default=None, help="also rewrite the reports into this folder")
            p.add_argument("--max-events", type=int, default=None, help="show at most N key events per timeline")
        return p

    ls = action("list", "list the stories, latest activity first", writes=False)
    ls.add_argument("--articles", action="store_true", help="also list each story's articles")
    action("corrections", "list the corrections made, oldest first (undone ones marked)", writes=False)
    m = action("merge", "merge story B into story A, for good")
    m.add_argument("a", metavar="A", help="story id")
    m.add_argument("b", metavar="B", help="story id")
    sp = action("split", "take articles out of a story into a story of their own, kept apart")
    sp.add_argument("story", metavar="S", help="story id")
    sp.add_argument("--articles", nargs="+", required=True, metavar="ID", help="ids of the articles to split off")
    mv = action("move", "move an article into another story, where it stays")
    mv.add_argument("article", metavar="ID", help="article id")
    mv.add_argument("--to", required=True, metavar="S", help="id of the story to move it to")
    u = action("undo", "undo correction N (see 'storyline story corrections')")
    u.add_argument("number", metavar="N", type=int, help="the correction's number")


def _watch_parsers(sub) -> None:
    w = sub.add_parser("watch", help="follow feeds, news sitemaps and folders; add what is new",
                       description="Every round, read what each source lists and has not been read yet (RSS/Atom "
                       "feeds, news sitemaps: the pages they link to; folders: new files), add the new articles to "
                       "the store and record what changed in each story. One line per source per round; a failing "
                       "source never stops the others. State is kept in the store: a restart resumes. See docs/watch.md.")
    w.add_argument("sources", nargs="+", metavar="SOURCE", help="http(s) address of an RSS/Atom feed or a news "
                   "sitemap, or a folder")
    w.add_argument("--db", required=True, metavar="FILE", help="the SQLite store (made when missing)")
    w.add_argument("--every", default="15m", metavar="DURATION", help="time between rounds: 90s, 15m, 1h (default 15m)")
    w.add_argument("--once", action="store_true", help="one round, then exit (for cron)")
    w.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                   help="pause between two requests to the same host (default 1)")
    w.add_argument("--max-events", type=int, default=None, metavar="N", help=MAX_EVENTS_HELP)
    _limits_args(w)

    ch = sub.add_parser("changes", help="what changed in each story, add by add",
                        description="The change sets recorded when articles were added (by 'storyline add' or "
                        "'storyline watch'), newest first: new events, dates made more precise, figures revised, "
                        "conflicts, next steps fulfilled or overdue, new outlets.")
    ch.add_argument("--db", default="out/storyline.db", help="the SQLite store (default: out/storyline.db)")
    ch.add_argument("--since", default=None, metavar="DATE", help="only changes recorded since DATE (2026-12-01, "
                    "or 2026-12-01T08:00 in UTC)")
    ch.add_argument("--story", default=None, metavar="ID", help="only this story's changes")
    ch.add_argument("--json", action="store_true", help="print JSON instead of text")


def _watch(args) -> int:
    from storyline.watch import parse_every, watch

    if args.delay < 0 or not math.isfinite(args.delay):
        from storyline.errors import ConfigError

        raise ConfigError(f"--delay must be zero or a positive number of seconds (got {args.delay})")
    return watch(args.sources, args.db, every=parse_every(args.every), once=args.once, limits=_limits(args),
                 delay=args.delay, max_events=args.max_events, say=lambda line: print(line, flush=True))


def _changes(args) -> int:
    from storyline import api
    from storyline.stories.changes import describe

    rows = api.changes(args.db, since=args.since, story=args.story)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no changes recorded" + (f" since {args.since}" if args.since else ""))
    for r in rows:
        print(f"{r['recorded']}  {r['story']}  {r['title']}  (+{len(r['articles'])} article"
              f"{'' if len(r['articles']) == 1 else 's'})")
        for line in describe(r):
            print(f"    {line}")
    return 0


def _story(args, parser) -> int:
    from storyline import api

    if not args.action:
        parser.parse_args(["story", "--help"])
        return 2
    if args.action == "list":
        rows = api.stories(args.db)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        for r in [] if args.json else rows:
            span = " – ".join(dict.fromkeys(d[:10] for d in (r["first"], r["last"]) if d)) or "undated"
            print(f"{r['id']}  {r['n_articles']:>4} articles  {span:<23}  {r['title']}")
            for a in r["articles"] if args.articles else []:
                print(f"    {a['id']}  {(a['published'] or '')[:10]:<10}  {a['outlet'] or ''}  {a['title'] or ''}")
        return 0
    if args.action == "corrections":
        rows = api.corrections(args.db)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        elif not rows:
            print("no corrections yet")
        for r in [] if args.json else rows:
            print(f"{r['id']:>4}  {r['kind']:<5}  {r['text']}" + ("  (undone)" if r["undone"] else ""))
        return 0
    kw = {"out": args.out, "max_events": args.max_events}
    if args.action == "merge":
        result = api.merge_stories(args.db, args.a, args.b, **kw)
    elif args.action == "split":
        result = api.split_story(args.db, args.story, args.articles, **kw)
    elif args.action == "move":
        result = api.move_article(args.db, args.article, args.to, **kw)
    else:
        result = api.undo_correction(args.db, args.number, **kw)
    if args.json:
        print(json.dumps({**result.to_dict(), "outputs": result.outputs}, ensure_ascii=False, indent=2))
        return 0
    verb = f"undid correction {result.number}" if args.action == "undo" else f"correction {result.number} ({args.action})"
    print(f"{verb}; stories rebuilt:")
    for s in result.stories:
        print(f"  {s.id}  {len(s.articles):>4} articles  {s.title}")
    if result.outputs:
        print(f"report: {result.outputs.get('html')}", file=sys.stderr)
    return 0


def _print_eval(result: dict, items: bool) -> None:
    print(f"dataset: {result['dataset']}   n = {result['n']}")
    width = max(len(k) for k in result["metrics"]) if result["metrics"] else 10
    for k, v in result["metrics"].items():
        print(f"  {k:<{width}}  {v:.4f}" if isinstance(v, float) else f"  {k:<{width}}  {v}")
    if items and result.get("items"):
        keys = [k for k in result["items"][0] if k != "id"]
        print()
        print("  " + "id".ljust(40) + "".join(k[:12].rjust(13) for k in keys))
        for it in result["items"]:
            row = "".join((f"{it[k]:.4f}" if isinstance(it[k], float) else str(it[k]))[:12].rjust(13) for k in keys)
            print("  " + str(it.get("id"))[:40].ljust(40) + row)


def _summary(result, out_label: str | None) -> None:
    err = sys.stderr
    from storyline.progress import counted

    # Pages that are not articles are named only when there are some: most runs have none.
    pages = f"{counted(len(result.not_articles), 'page')} skipped (not articles), " if result.not_articles else ""
    print(f"{counted(len(result.articles), 'article')} added, {len(result.skipped):,} already stored, {pages}"
          f"{counted(len(result.rejected), 'input')} rejected, {counted(len(result.stories), 'story', 'stories')} "
          f"({result.seconds:.1f} s)", file=err)
    for rej in result.rejected:
        print(f"  rejected: {rej.line()}", file=err)
    for page in result.not_articles:
        print(f"  skipped: {page.line()}", file=err)
    if result.read_nothing and result.rejected:
        print("nothing written: no input could be read", file=err)
        return
    if result.outputs:
        print(f"report: {result.outputs.get('html')}", file=err)
    if result.db:
        print(f"store: {result.db}", file=err)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(name)s: %(message)s")
    if not args.debug:  # libraries' own chatter ("discarding data: None") is not a user-facing message
        for name in ("trafilatura", "htmldate", "courlan", "distributed", "tornado"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return _dispatch(args, parser)
    except KeyboardInterrupt:
        print("storyline: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        from storyline.errors import ConfigError, StorylineError

        if isinstance(exc, StorylineError):
            print(f"storyline: error: {exc}", file=sys.stderr)
            if isinstance(exc, ConfigError):
                return 2
        else:
            print(f"storyline: error: {exc.__class__.__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


def _dispatch(args, parser) -> int:
    if args.command == "schema":
        from storyline.report import schema

        print(json.dumps(schema(), indent=2))
        return 0
    if args.command == "watch":
        return _watch(args)
    if args.command == "changes":
        return _changes(args)
    if args.command == "run":
        from storyline.api import run

        if args.workers < 1:
            parser.error("--workers must be at least 1")
        result = run(args.paths, out=args.out, db=args.db, engine=args.engine, workers=args.workers,
                     scheduler=args.scheduler, max_events=args.max_events, limits=_limits(args), quiet=args.quiet,
                     all_events=args.all_events, layout=args.layout)
        _summary(result, args.out)
        return result.exit_code
    if args.command == "add":
        from storyline.api import add

        if not Path(args.db).exists():
            print(f"storyline: error: {args.db}: no such store (create one with 'storyline run ... --db {args.db}')", file=sys.stderr)
            return 2
        result = add(args.paths, db=args.db, out=args.out, max_events=args.max_events, limits=_limits(args), quiet=args.quiet,
                     all_events=args.all_events, layout=args.layout)
        _summary(result, args.out)
        return result.exit_code
    if args.command == "story":
        return _story(args, parser)
    if args.command == "serve":
        from storyline.web import serve

        serve(db=args.db, host=args.host, port=args.port, token=args.token or os.environ.get("STORYLINE_TOKEN") or None,
              read_only=args.read_only)
        return 0
    if args.command == "eval":
        if not args.task:
            parser.parse_args(["eval", "--help"])
            return 2
        import importlib

        from storyline.errors import EvalDataError

        data = Path(args.data)
        if not data.is_dir():
            raise EvalDataError(f"{data}: no such folder (pass --data with a folder in the layout of shared/eval/{EVAL_TASKS[args.task][0]})")
        mod = importlib.import_module(f"storyline.eval.{args.task}")
        result = mod.evaluate(data, limit=args.limit, **({"mixed": True} if getattr(args, "mixed", False) else {}))
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        elif hasattr(mod, "render"):  # tasks whose per-item findings do not fit a table
            print(mod.render(result))
        else:
            _print_eval(result, args.items)
        return 0
    parser.print_help()
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
