"""Building the generated pages of a large site on every core.

MkDocs converts and writes pages one at a time, on one core. With thousands of explainers
nearly all the time of `mkdocs build` goes to the pages the explainers plugin generates
outside the navigation (explainers, actor pages, archive months): Markdown to HTML, Material's
search indexing and the theme's templates, page by page, no page depending on another's
result. So once MkDocs has read every page (`on_env`), worker processes forked from the build
do exactly what MkDocs does for those pages — `_populate_page`, then its page build (context,
`on_page_context`, the theme's template, `on_post_page`) — and send back each page's HTML, its
anchors and links (for MkDocs' anchor validation), the search index entries they made, and
every log record (so warnings still count under `--strict`). MkDocs then writes the pages in
its own loop, given a one-line template in place of the theme's and told to leave the page out
of search, and the plugin hands it each page's HTML and search entries.

Only when it is safe: `mkdocs build`, or the first build of `mkdocs serve`, made before its
server starts any thread (never fork a process with threads; the rebuilds may not), more than
one core, and no plugins but this one and Material's search, whose entries are merged here;
any other plugin might keep state in page events that a worker's copy would lose.
"""

from __future__ import annotations

import ctypes
import gc
import json
import logging
import multiprocessing
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from mkdocs.commands.build import _populate_page, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

# Plugins known to keep nothing in page events that a worker's copy would lose (Material's
# search: its entries are sent back and merged).
SAFE_PLUGINS = frozenset({"explainers", "material/search"})
# Fewer pages than this: forking costs more than it saves.
PARALLEL_MIN_PAGES = 100
# Pages per task: small enough that both workers finish together.
CHUNK = 40
# Pages per set of forked workers (PageWorkers).
WAVE = 2500
# The template MkDocs renders for a page built by a worker (generator/theme/): one line, as
# MkDocs skips a page whose output is empty; the plugin replaces it with the worker's HTML.
BUILT_TEMPLATE = "explainers-built.html"


@dataclass
class BuiltPage:
    """What a worker made of one page."""

    uri: str
    html: bytes
    """The page as the theme wrote it, in UTF-8, zlib-compressed if `compressed` (held until
    MkDocs writes it)."""
    title: str | None
    anchors: set[str]
    links: dict[str, dict[str, str]]
    """Links to anchors in other pages, by the linked page's src_uri (MkDocs' links_to_anchors)."""
    search_entries: list[dict]
    records: list[logging.LogRecord]
    """What MkDocs and the plugins logged while building the page (emitted by the parent)."""
    compressed: bool = True


@dataclass
class Chunk:
    """What a worker made of a share of the pages."""

    pages: list[BuiltPage] = field(default_factory=list)
    records: list[logging.LogRecord] = field(default_factory=list)
    """What was logged before a page failed."""
    error: str | None = None


def can_build_in_parallel(config: MkDocsConfig, pages: int, workers: int, *,
                          asked: bool = False, cached: bool = False) -> bool:
    """True when forking workers is safe, and worth it (more than one core, or a page cache
    to fill and read) or `asked` for (see the module docstring)."""
    return (workers > 1 or cached) and (asked or pages >= PARALLEL_MIN_PAGES) \
        and set(config.plugins) <= SAFE_PLUGINS and search_index(config) is not None


def search_index(config: MkDocsConfig):
    """Material's search index object (its `entries` list), or None without that plugin."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    return index if isinstance(getattr(index, "entries", None), list) else None


# ---- in the build process ---------------------------------------------------------------------

# The build's state, set just before the workers are forked so that they inherit it (it cannot
# be sent to them: pages, navigation and Jinja environment hold each other).
_state: tuple | None = None


class PageWorkers:
    """Forked processes building the pages at uris in order, from now on; `next_chunk` hands
    over each share of them as it is done. Log records from the workers are emitted as their
    pages arrive; a page that fails stops the build with MkDocs' message for it.

    The build takes the pages as MkDocs' own loop reaches them, so it holds only the few the
    workers are ahead by, never all of them at once. The workers are forked afresh for each
    WAVE of pages: a worker's memory grows with every page it builds (building one writes to
    the objects it inherited, and the system then copies them for it), so a worker that built
    a thousand pages holds far less than one that built the whole site.
    """

    def __init__(self, uris: list[str], config: MkDocsConfig, files: Files, nav: Navigation,
                 env, workers: int, *, compress: bool = True) -> None:
        self._state = (config, files, nav, env, files.documentation_pages(), compress)
        self._count = workers
        self._waves = [uris[i:i + WAVE] for i in range(0, len(uris), WAVE)]
        self._pool: ProcessPoolExecutor | None = None
        self._results: Iterator[Chunk] = iter(())
        # What reading the sheets left behind let go of first, and the memory it took given back
        # to the system: each worker starts with a copy of this process.
        gc.collect()
        release_free_memory()
        self._next_wave()

    def _next_wave(self) -> bool:
        """Fork workers for the next wave of pages; False when there is none."""
        global _state
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if not self._waves:
            return False
        uris = self._waves.pop(0)
        # The build's objects out of the collector's reach while workers run: a collection in a
        # worker would otherwise write to every object it inherited, copying the whole build's
        # memory into each worker (the `gc.freeze` documentation's advice for forking).
        gc.freeze()
        _state = self._state
        self._pool = ProcessPoolExecutor(self._count, initializer=_start_worker,
                                         mp_context=multiprocessing.get_context("fork"))
        # map submits every share now, and with "fork" the pool starts all its processes on
        # the first submit. They never touch what this process opens (the page cache): a
        # worker ends with os._exit, closing nothing.
        self._results = self._pool.map(
            _build_chunk, [uris[i:i + CHUNK] for i in range(0, len(uris), CHUNK)])
        _state = None
        return True

    def next_chunk(self) -> Chunk | None:
        """The next share of the pages, waiting for it; None when all have been handed over."""
        chunk = next(self._results, None)
        while chunk is None and self._next_wave():
            chunk = next(self._results, None)
        if chunk is not None:
            for built in chunk.pages:
                emit(built.records)
            emit(chunk.records)
            if chunk.error:
                raise PluginError(chunk.error)
        return chunk

    def close(self) -> None:
        """Stop the workers (at once, if the build failed) and let the collector back in."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool, self._waves = None, []
        gc.unfreeze()


def release_free_memory() -> None:
    """Give the memory freed since the build started back to the system (glibc keeps it for
    reuse otherwise, and a forked worker would start with it); nothing elsewhere."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def emit(records: Iterable[logging.LogRecord]) -> None:
    """Log records made in a worker, through this process's handlers (--strict counts them)."""
    for record in records:
        logging.getLogger(record.name).handle(record)


def add_search_entries(config: MkDocsConfig, entries: list[dict]) -> None:
    """Add a built page's search entries where MkDocs' loop reaches the page, so that the
    index lists pages in the order a serial build does. (The page's metadata in the build
    process says `search: exclude`, so the search plugin adds nothing of its own.) They are
    held packed, as a large site's index is much of its build's memory, until
    `unpack_search_entries` gives them back just before the index is written."""
    index = search_index(config)
    if index is not None and entries:
        index.entries.append(_Packed(zlib.compress(
            json.dumps(entries, ensure_ascii=False).encode("utf-8"), 1)))


def unpack_search_entries(config: MkDocsConfig) -> None:
    """The search index's entries as the search plugin wants them, each page's in place."""
    index = search_index(config)
    if index is not None and any(isinstance(e, _Packed) for e in index.entries):
        index.entries = [entry for item in index.entries
                         for entry in (item.entries() if isinstance(item, _Packed) else [item])]


@dataclass
class _Packed:
    """A page's search entries, as compressed JSON."""

    data: bytes

    def entries(self) -> list[dict]:
        return json.loads(zlib.decompress(self.data))


def held_html(page: BuiltPage) -> str:
    return (zlib.decompress(page.html) if page.compressed else page.html).decode("utf-8")


# ---- in a worker ------------------------------------------------------------------------------

class _Collect(logging.Handler):
    """Keeps every record, to be sent to the build process with the pages."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # picklable whatever the args
        record.exc_info = record.exc_text = None
        self.records.append(record)


_collect = _Collect()


_in_worker = False


def in_worker() -> bool:
    """True in a worker process: a page built here is built as MkDocs builds any page."""
    return _in_worker


def _start_worker() -> None:
    """In a new worker: MkDocs' log records are collected, not printed (nor counted) here."""
    global _in_worker
    _in_worker = True
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(_collect)
    logger.propagate = False


def _build_chunk(uris: list[str]) -> Chunk:
    """In a worker: build the pages at uris as MkDocs would, without writing them."""
    config, files, nav, env, doc_files, compress = _state
    chunk = Chunk()
    try:
        for uri in uris:
            chunk.pages.append(_build_page(files.get_file_from_path(uri).page, config, files,
                                           nav, env, doc_files, compress))
    except Exception as e:  # MkDocs has logged "Error reading/building page ...: ..."
        chunk.error = f"{e}" or type(e).__name__
    chunk.records, _collect.records = _collect.records, []
    return chunk


def _build_page(page, config: MkDocsConfig, files: Files, nav: Navigation, env,
                doc_files, compress: bool) -> BuiltPage:
    """mkdocs.commands.build's _populate_page and _build_page for one page, but the write."""
    index = search_index(config)
    first_entry = len(index.entries)
    _populate_page(page, config, files)
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
    except Exception as e:
        logging.getLogger("mkdocs.commands.build").error(
            f"Error building page '{page.file.src_uri}': {e}")
        raise
    finally:
        page.active = False
        config._current_page = None
    links = {target.src_uri: dict(anchors)
             for target, anchors in (page.links_to_anchors or {}).items()}
    entries, index.entries[first_entry:] = index.entries[first_entry:], []
    records, _collect.records = _collect.records, []
    html = output.encode("utf-8")
    built = BuiltPage(page.file.src_uri, zlib.compress(html, 1) if compress else html,
                      page._title_from_render, set(page.present_anchor_ids or ()), links,
                      entries, records, compress)
    # This worker never reads the page again: let go of what building it left on it, or a
    # worker would end up holding every page it built.
    page.markdown, page.content, page.toc, page.meta = "", None, [], {}
    page.present_anchor_ids = page.links_to_anchors = None
    return built

