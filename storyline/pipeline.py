"""The pipeline: read -> clean -> annotate (per article, on an engine) -> store -> group
-> story stages -> reports.

``process_raw`` is the per-article unit of work shipped to engines; it is a plain
function of one RawArticle, so it runs the same in-process, in a pool or on Dask.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.clean import clean
from storyline.errors import StorylineError
from storyline.ingest import Limits, iter_files, read_inputs
from storyline.model import Article, ArticleAnalysis, Published, RawArticle, Rejection, Skipped, Story
from storyline.progress import Progress  # imported from here by the web app
from storyline.store import Store

log = logging.getLogger("storyline")

MIN_BODY_WORDS = 25

# Exit codes (documented in the README).
EXIT_OK = 0
EXIT_SOME_REJECTED = 3
EXIT_NOTHING_READ = 4


@dataclass
class RunResult:
    """What a run or add did: articles and stories touched, inputs rejected, files written."""

    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the store
    not_articles: list[Skipped] = field(default_factory=list)  # read, but not news articles (report's skipped[])
    refreshed: list[str] = field(default_factory=list)  # stored articles re-analysed by newer code or model
    outputs: dict[str, str] = field(default_factory=dict)
    db: str | None = None
    seconds: float = 0.0

    @property
    def read_nothing(self) -> bool:
        """No input gave an article (new or already stored): then nothing is written."""
        return not self.articles and not self.skipped and not self.refreshed and not self.not_articles

    @property
    def exit_code(self) -> int:
        if self.read_nothing and self.rejected:
            return EXIT_NOTHING_READ
        if self.rejected:
            return EXIT_SOME_REJECTED
        return EXIT_OK


def process_raw(raw: RawArticle, published: str | None = None) -> tuple[Article, ArticleAnalysis] | Rejection | Skipped:
    """Clean and annotate one article. Any failure becomes a Rejection naming the input; a
    page that is not a news article (:mod:`storyline.clean.pagekind`) becomes a Skipped
    with the reason, before the costly annotation."""
    from storyline.annotate import analyse_article

    try:
        article = _cleaned(raw, published)
        if not isinstance(article, Article):
            return article
        return article, analyse_article(article)
    except Exception as exc:  # one bad article must never stop the batch
        return _failed(raw, exc)


def _cleaned(raw: RawArticle, published: str | None) -> Article | Rejection | Skipped:
    from storyline.clean.pagekind import not_article

    article = clean(raw)
    if published:
        article.published = Published(date=published, earliest=published, latest=published, how="folder",
                                      evidence="given by the caller")
    short = too_short(raw, article)
    if short is not None:
        return short
    why = not_article(article)
    if why:
        return Skipped(raw.source, why, article.title or "")
    return article


def too_short(raw: RawArticle, article: Article) -> Rejection | Skipped | None:
    """A body too short to be an article: a page read whole but all of it page furniture (a
    video page, a gallery of captions, a section front) is not an article; anything else that
    short is an input with no article text."""
    if len(article.body.split()) >= MIN_BODY_WORDS:
        return None
    furniture = sum(len(r.text.split()) for r in article.removed)
    if furniture >= MIN_BODY_WORDS:
        return Skipped(raw.source, f"no article text: only page furniture ({furniture} words: captions, "
                                   f"links, credits)", article.title or "")
    return Rejection(raw.source, f"no article text found (body has {len(article.body.split())} words after cleaning)")


def _failed(raw: RawArticle, exc: BaseException) -> Rejection:
    if isinstance(exc, StorylineError):
        return Rejection(raw.source, str(exc))
    if isinstance(exc, RecursionError):
        return Rejection(raw.source, "input nested too deeply to process")
    log.debug("processing %s failed", raw.source, exc_info=exc)
    return Rejection(raw.source, f"could not process ({exc.__class__.__name__}: {str(exc)[:120]})")


def process_batch(items: list[tuple[RawArticle, str | None]]) -> list:
    """:func:`process_raw` for several inputs, the articles parsed together in one
    ``nlp.pipe`` batch (:func:`storyline.annotate.analyse_articles`); the same results, in
    order. If the batch itself fails, each input is processed on its own."""
    from storyline.annotate import analyse_articles

    out: list = []
    todo: list[tuple[int, RawArticle, Article]] = []
    for raw, published in items:
        try:
            article = _cleaned(raw, published)
        except Exception as exc:  # one bad article must never stop the batch
            article = _failed(raw, exc)
        if isinstance(article, Article):
            todo.append((len(out), raw, article))
        out.append(article)
    try:
        analyses = analyse_articles([a for _, _, a in todo])
    except Exception:  # noqa: BLE001 - e.g. one text too long for the parser: one at a time
        return [process_raw(*item) for item in items]
    for (i, raw, article), an in zip(todo, analyses):
        out[i] = _failed(raw, an) if isinstance(an, BaseException) else (article, an)
    return out


def _process_item(item: tuple[RawArticle, str | None]):
    return process_raw(*item)


# Inputs per nlp.pipe batch: enough to cut the parser's per-call overhead, few enough that a
# pool of two still gets work in small slices and progress moves steadily.
BATCH = 8


def _batched(items: Iterable, size: int = BATCH):
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _map_batched(engine, items: Iterable) -> Iterable:
    """The engine's map over batches of inputs (one batch per task), flattened back to one
    result per input, in order."""
    for results in engine.map(process_batch, _batched(items), chunksize=1):
        yield from results


def reanalyse(article: Article, analysis: ArticleAnalysis) -> ArticleAnalysis:
    """An article's analysis once its date is inferred: its times resolved against the new
    date on its stored parse (no parsing at story time; see ``annotate.reanchor``)."""
    from storyline.annotate import reanchor

    return reanchor(article, analysis)


_ISO_DAY = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")


def date_in_path(raw: RawArticle) -> str | None:
    """The day a corpus laid out by date gives a plain-text article: a folder named for the day
    (``InputDocs/2010-01-13/1.htm.txt``, Timeline17's layout). A text file carries no metadata
    of its own; a page or a feed entry does, and its own date is used instead."""
    if raw.format != "text" or raw.published:
        return None
    for part in reversed(Path(str(raw.source)).parts[:-1]):
        if _ISO_DAY.fullmatch(part):
            try:
                return dt.date.fromisoformat(part).isoformat()
            except ValueError:
                return None
    return None


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    limits: Limits | None = None,
    engine=None,
    progress: Progress | None = None,
    published_for: Callable[[RawArticle], str | None] | None = None,
    batch_size: int = 64,
    fetcher: Callable[[str, str, Limits], bytes] | None = None,
    given: Callable[[RawArticle], None] | None = None,
) -> RunResult:
    """Read, clean and annotate inputs, committing articles in batches (each batch all or nothing).

    An input read before whose stored analysis is current (:func:`storyline.versions.analysis_version`)
    is skipped before any work; one whose analysis is older is processed again and its stored
    analysis replaced (``result.refreshed``). ``given`` fills in metadata the caller knows about
    an input before it is cleaned (the watcher: the date a feed entry gives its page)."""
    from collections import deque

    from storyline.engines import LocalEngine
    from storyline.versions import analysis_version, input_fingerprint

    engine = engine or LocalEngine()
    progress = progress or Progress(False)
    result = RunResult(db=store.path)
    seen_fp: set[str] = set()
    version = analysis_version()
    # The inputs in flight, in engine order: (fingerprint, id of the stored article it refreshes).
    inputs: deque[tuple[str, str | None]] = deque()

    # Folders are walked first, so the analysis can show how many inputs are left.
    progress.stage("read", unit="input")
    files: list[Path | str] = []
    for f in iter_files(paths, labelled=True):
        files.append(f)
        progress.reach(len(files))
    progress.stage("analyse", total=len(files), unit="input", items="article")
    reading = [0]  # the input read_inputs is on
    in_flight: deque[int] = deque()  # the input of each article sent to the engine (engines keep order)

    def each_file():
        for i, f in enumerate(files):
            reading[0] = i
            yield f

    def raws():
        for item in read_inputs(each_file(), limits, taken=store.has_article, fetcher=fetcher):  # never replace a stored article
            if isinstance(item, Rejection):
                result.rejected.append(item)
                continue
            in_flight.append(reading[0])
            if given is not None:
                given(item)
            yield item, (published_for(item) if published_for else date_in_path(item))

    pending: list[tuple[Article, ArticleAnalysis | None, str, bool]] = []  # (article, analysis, input, refresh)

    def flush():
        if not pending:
            return
        with store.transaction() as c:
            for art, an, fp, refresh in pending:
                if an is not None:
                    store.put_article(c, art, an)
                store.put_input(c, fp, art.id, version)
        result.articles.extend(a for a, an, _, refresh in pending if an is not None and not refresh)
        result.refreshed.extend(a.id for a, an, _, refresh in pending if refresh)
        pending.clear()

    def fresh(items):
        # Skip inputs read before whose stored analysis is current, before any work on them.
        for raw, pub in items:
            fp = input_fingerprint(raw, pub)
            seen = store.input_seen(fp)
            if seen is not None and seen[1] == version:
                result.skipped.append(seen[0])
                progress.tick()
                progress.reach(in_flight.pop())  # never sent to the engine
                continue
            if seen is not None:
                raw.id = seen[0]  # re-analysed under the id its stored article has
            inputs.append((fp, seen[0] if seen else None))
            yield raw, pub

    for out in _map_batched(engine, fresh(raws())):
        fp, refreshes = inputs.popleft()
        if isinstance(out, Rejection):
            result.rejected.append(out)
        elif isinstance(out, Skipped):
            result.not_articles.append(out)
        else:
            art, an = out
            dup_of = store.existing_fingerprint(art.fingerprint)
            if refreshes is not None and art.id == refreshes:
                pending.append((art, an, fp, True))  # the same input, analysed by newer code or model
            elif dup_of is not None or art.fingerprint in seen_fp:
                result.skipped.append(dup_of or art.id)  # the stored article it copies, when stored
                if dup_of is not None:  # remembered, so that the next run skips it unread
                    art.id = dup_of
                    pending.append((art, None, fp, False))
            else:
                seen_fp.add(art.fingerprint)
                pending.append((art, an, fp, False))
            if len(pending) >= batch_size:
                flush()
        progress.tick()
        progress.reach(in_flight.popleft())  # the inputs before this article's are done
    progress.reach(len(files))
    flush()
    store.tidy_search(len(result.articles) + len(result.refreshed))
    if result.rejected:
        with store.transaction() as c:
            store.put_rejections(c, result.rejected)
    return result


def regroup_all(store: Store, *, max_events: int | None = None, progress: Progress | None = None,
                engine=None) -> list[Story]:
    """Batch mode: group every stored article into stories and rebuild every story, on the
    ``engine``'s workers when it has any (the per-article stage's engine).

    Streams from the store (see :func:`storyline.stories.incremental.regroup`): memory
    holds story centroids, not the corpus.
    """
    from storyline.stories.incremental import regroup

    return regroup(store, max_events=max_events, progress=progress, engine=engine)


def today() -> str:
    return dt.date.today().isoformat()


def write_reports(store: Store, out: Path, result: RunResult, *, all_events: bool = False,
                  layout: str = "auto") -> dict[str, str]:
    """report.json, report.md and report.html for everything in the store; with
    ``all_events`` every story's timeline is its full list of events, not the editor's view;
    ``layout`` single, pages or auto (see :func:`storyline.report.write_all`)."""
    from storyline.report import build_report, write_all
    from storyline.stories.related import related_in_store

    articles = list(store.iter_articles())
    stories = list(store.iter_stories())
    related = related_in_store(store, [s.id for s in stories])
    report = build_report(articles, stories, result.rejected, all_events=all_events, skipped=result.not_articles,
                          related=related)
    return write_all(report, out, layout)
