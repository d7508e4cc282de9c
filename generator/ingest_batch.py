"""Ingest many articles: skip the unchanged, draft on every core, route one by one in order.

Drafting an article (reading and extracting it, `ingest.draft_article`) needs no other sheet,
so with many articles it runs in forked worker processes, one per core. Where each draft goes,
and the merging and writing, stay in this process and in the order the articles were named:
the sheets come out byte for byte as a one-by-one ingest writes them. The out folder's sheets
are read once (`sheet_index`, cached between runs by `sheet_index_cache`), and an article
that, like its sheet, is as it was when last ingested is skipped (`ingest_manifest`) unless
`force`.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.articles import MAX_PAGE, shown_path
from generator.ingest import Draft, Outcome, draft_article, route, write_held
from generator.ingest_manifest import Manifest, article_digest
from generator.render_cache import worker_count
from generator.sheet_index import SheetIndex
from generator.sheet_index_cache import load_index, save_index

# Articles to draft before the work is shared among processes: below this, starting them
# costs more than it saves.
PARALLEL_MIN = 16
CHUNK = 4  # articles a worker drafts per task: results come back in order, soon


@dataclass
class Planned:
    """One article named on the command line, and whether it can be skipped."""

    path: Path
    key: str
    """Its path as the sheet's sources record it: its key in the manifest."""
    digest: str | None
    """The hash of its bytes (None when it is no file to hash: it will fail to read)."""
    skipped: Outcome | None


def ingest_articles(paths: list[Path], out_dir: Path, *, dry_run: bool = False,
                    story: str | None = None, match: bool = True, force: bool = False,
                    workers: int | None = None) -> Iterator[Outcome]:
    """Ingest every article, in order: what was done with each, as it is done.

    Which articles are unchanged is settled, and the worker processes started, before this
    returns: the caller may start a thread (a progress bar's) afterwards, not before.
    """
    manifest = Manifest.read(out_dir)
    plan = [_plan(path, manifest, force, dry_run) for path in paths]
    todo = [p.path for p in plan if p.skipped is None]
    if workers is None:
        workers = worker_count() if len(todo) >= PARALLEL_MIN else 1
    return _ingest(plan, Drafting(todo, story, workers), out_dir, manifest, dry_run, match)


def _ingest(plan: list[Planned], drafts: Drafting, out_dir: Path, manifest: Manifest,
            dry_run: bool, match: bool) -> Iterator[Outcome]:
    """Route each draft in order (the index is read when the first one needs it); at the end,
    or when stopped, write the stories held in memory and keep what the next run needs."""
    index: SheetIndex | None = None
    named: dict[Path, tuple[str, str | None, Path | None]] = {}
    try:
        for planned in plan:
            outcome = planned.skipped
            if outcome is None:
                draft = drafts.next()
                if isinstance(draft, Outcome):  # the article could not be read
                    outcome = draft
                else:
                    index = index or _index(out_dir, dry_run)
                    outcome = route(draft, out_dir, index, dry_run=dry_run, match=match)
            failed = outcome.action == "failed"
            named[planned.path] = (planned.key, planned.digest, None if failed else outcome.sheet)
            yield outcome
            yield from _written(index, named)
        _write_all_held(index)
        yield from _written(index, named)
    finally:
        drafts.close()
        _write_all_held(index)  # stopped early: what was merged is written all the same
        if index is not None:
            for report in _written(index, named):  # no one reads the lines now: stderr
                print(f"{'error: ' * (report.action == 'failed')}{report}", file=sys.stderr)
        if not dry_run:
            _save(manifest, list(named.values()), index)


def _index(out_dir: Path, dry_run: bool) -> SheetIndex:
    """The out folder's index; it holds stories merged in memory, written by `_ingest`."""
    index = load_index(out_dir)
    index.holding = not dry_run
    return index


def _write_all_held(index: SheetIndex | None) -> None:
    for path in index.held_paths() if index is not None else []:
        write_held(index, path)


def _written(index: SheetIndex | None, named: dict) -> Iterator[Outcome]:
    """The lines about held stories written late; the articles of one that could not be
    written are not recorded as ingested (the next run ingests them again)."""
    while index is not None and index.reports:
        report = index.reports.pop(0)
        for article in report.unwritten:
            if article in named:
                named[article] = (*named[article][:2], None)
        yield report


def _plan(path: Path, manifest: Manifest, force: bool, dry_run: bool) -> Planned:
    """Hash the article; it is skipped if it and its sheet are as it was last ingested."""
    key, digest = shown_path(path), _digest(path)
    sheet = None if force or digest is None else manifest.unchanged(key, digest)
    skipped = Outcome(path, sheet, "skipped", "unchanged, skipped", dry_run=dry_run) \
        if sheet is not None else None
    return Planned(path, key, digest, skipped)


def _digest(path: Path) -> str | None:
    """The article's hash; None for what read_article refuses unread (a pipe, a huge file)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_PAGE:
            return None
        return article_digest(path.read_bytes())
    except OSError:
        return None


def _save(manifest: Manifest, named: list[tuple[str, str | None, Path | None]],
          index: SheetIndex | None) -> None:
    """Keep the manifest and the index for the next run; only shortcuts, so a folder that
    cannot be written (reported for each article already) loses nothing."""
    try:
        if manifest.update(named):
            manifest.write()
        if index is not None:
            save_index(index)
    except OSError:
        pass


class Drafting:
    """The drafts of the articles, in order; made by `workers` forked processes when more than
    one, which start (and begin drafting) at once."""

    def __init__(self, paths: list[Path], story: str | None, workers: int) -> None:
        self._pool: ProcessPoolExecutor | None = None
        if workers < 2:
            self._drafts = (draft_article(path, story) for path in paths)
            return
        # Forked, as render_cache does: the workers start with the parent's imports and data.
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        self._drafts = self._pool.map(partial(draft_article, story=story), paths,
                                      chunksize=CHUNK)

    def next(self) -> Draft | Outcome:
        return next(self._drafts)

    def close(self) -> None:
        """Stop the workers; drafts not yet made are not made."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
