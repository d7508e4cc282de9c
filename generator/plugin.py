"""The MkDocs plugin: wiring only. It hands the build's events to generator.render.

Each fact sheet in `content` becomes an in-memory explainer page `<slug>.md`; the home page,
the archive, the actor index, the actor pages and the reference page are generated with them.
Only the site's own pages (home, actors, reference) belong in the navigation: explainers,
archive and actor pages are marked "not in nav", reached from those pages, so a hand-written
page left out of `nav` is still reported. A sheet with problems is skipped and each problem
logged as a warning, so `mkdocs build --strict` fails on it.

An explainer's "Edit this page" (the site's `repo_url` and `edit_uri`, and Material's
`content.action.edit`) opens its sheet. Under `mkdocs serve`, a sheet with problems gets a page
at its explainer's address that lists them, as well as the warnings in the terminal.

`mkdocs serve` rebuilds when a sheet or a template changes. Because the plugin has an
`on_startup` method, MkDocs keeps this one plugin object across the rebuilds of one `serve`
(mkdocs.plugins.BasePlugin.on_startup), and with it the `RenderCache`: an edit reads one sheet
and renders only the pages that show it. Under `mkdocs serve --dirty` MkDocs converts and
writes only the files whose `is_modified()` is true; a generated page says true only when its
Markdown differs from what the last successful build wrote, so an edit rebuilds a handful of
pages instead of thousands. The first build of a `serve` runs before the server starts its
threads, so it is made as `mkdocs build` makes one: on every core, from the build cache (the
served pages in a table of their own, as they name the local address).

Memory: MkDocs reads and converts every page before it writes any. So that thousands of
explainers fit in memory, `mkdocs build` keeps no cache, and a generated page outside the
navigation is held (compressed on a site of COMPRESS_FROM_PAGES pages or more), as Markdown
until MkDocs reads it and as HTML until its page is written, and let go of then.
"""

from __future__ import annotations

import gc
import os
import threading
import time
import zlib
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from generator.deferred_pages import DeferredPages
from generator.disk_store import DiskStore
from generator.page_cache import build_fingerprint, link_targets, page_key
from generator.parallel_build import (
    BUILT_TEMPLATE,
    PARALLEL_MIN_PAGES,
    BuiltPage,
    PageWorkers,
    add_search_entries,
    can_build_in_parallel,
    held_html,
    in_worker,
    unpack_search_entries,
)
from generator.render import SITE_PAGES, RenderCache, render_pages
from generator.render_cache import digest, worker_count

# Named after the plugin, so warnings read "explainers: content/x.yaml:3: ...".
log = get_plugin_logger("explainers")

# The theme override shipped with the package: it escapes what Material writes unescaped
# into <head> (title, description) and adds each explainer's JSON-LD.
THEME_OVERRIDES = Path(__file__).resolve().parent / "theme"


# The page cache's table for `mkdocs serve`: served pages name the local address.
SERVED_PAGES = "served_pages"


class ExplainersConfig(Config):
    """Where the fact sheets and the template overrides live, relative to mkdocs.yml."""

    content = c.Type(str, default="content")
    templates = c.Type(str, default="templates")
    cache = c.Type(bool, default=True)
    """Keep built pages in `cache_dir` between builds (generator.page_cache)."""
    cache_dir = c.Type(str, default=".cache/explainers")
    workers = c.Type(int, default=0)
    """Processes that build the generated pages of `mkdocs build`: 0, one per core for a large
    site; 1, none (MkDocs builds every page itself); 2 or more, that many, at most one per core."""


class GeneratedPage(File):
    """A generated page that tells a dirty rebuild whether its Markdown changed."""

    changed: bool = True
    """False when the page's Markdown is what the last successful build wrote."""
    transient: bool = False
    """True for pages outside the navigation: nothing reads their text once it is written."""

    def is_modified(self) -> bool:
        return self.changed


class ExplainersPlugin(BasePlugin[ExplainersConfig]):
    """Adds the explainers, archive, actor pages, home and reference pages to the site."""

    def __init__(self) -> None:
        self.cache = RenderCache()
        self.dirty = self.serving = self._served = False
        self._pages: dict[str, str] = {}  # serving: this build's pages, published on success
        self._rebuilt: set[str] = set()  # URLs of the pages this build rendered
        self._bytecode = MemoryBytecodeCache()
        # Pages held between MkDocs' phases, by src_uri (compressed on a large site, _hold):
        # Markdown until it is read, HTML until its page is written. Emptied at the start of
        # every build.
        self._markdown: dict[str, bytes | str] = {}
        self._html: dict[str, bytes | str] = {}
        self._compress = False
        # A large `mkdocs build` (generator.parallel_build): the pages workers will build,
        # left empty by MkDocs' own reading; then, while MkDocs' loop writes pages, those it
        # has yet to reach, and what it took of them until each is written.
        self._deferred: list[str] = []
        self._cached_rebuild: list[str] = []  # serving: pages a plain rebuild may take cached
        self._keys: dict[str, str] = {}  # their page-cache keys, once on_nav has found them
        self._deferred_pages: DeferredPages | None = None
        self._built: dict[str, BuiltPage] = {}
        self._nav: Navigation | None = None
        self._files: Files | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note a dirty build; being defined keeps this plugin (and its cache) across serves."""
        self.dirty, self.serving = dirty, command == "serve"
        self._served = False  # serving: the first build is made

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Put the packaged theme override after the site's custom_dir, before the theme."""
        dirs = config.theme.dirs
        if str(THEME_OVERRIDES) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_OVERRIDES))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Render every sheet into a generated page; warn about and skip the rest."""
        start = time.perf_counter()
        self._close_deferred()
        self._markdown, self._html, self._built = {}, {}, {}
        rebuild = self._served  # serving, after the first build
        # A build reads sheets and Markdown from the build cache on disk; so does the first
        # build of `mkdocs serve`, whose cache then stays in memory for the rebuilds.
        store = None if rebuild else self._store(config, "render")
        cache = RenderCache(store) if store is not None or not self.serving else self.cache
        try:
            pages, problems = render_pages(self._path(config, "content"),
                                           self._path(config, "templates"), cache,
                                           problem_pages=self.serving)
            cache.save()
        finally:
            if store:
                store.close()
        if self.serving:
            cache.detach_store()
            self.cache, self._served = cache, True
        for problem in problems:
            log.warning(problem)
        docs_dir = Path(config.docs_dir).resolve()
        self._compress = len(pages) >= COMPRESS_FROM_PAGES
        changed = cache.changed(pages)
        self._pages = pages if self.serving else {}
        self._rebuilt = set()
        transient: list[str] = []
        for uri, markdown in pages.items():
            if files.get_file_from_path(uri) is not None:
                log.warning(f"{uri}: a file in docs_dir has the same name; page not generated")
                continue
            inclusion = InclusionLevel.UNDEFINED if uri in SITE_PAGES \
                else InclusionLevel.NOT_IN_NAV
            page = GeneratedPage.generated(config, uri, content=markdown, inclusion=inclusion)
            page.changed, page.transient = uri in changed, uri not in SITE_PAGES
            if uri in cache.sources:  # "Edit this page": the sheet, not a page in docs_dir
                page.edit_uri = Path(os.path.relpath(cache.sources[uri].resolve(), docs_dir)
                                     ).as_posix()
            if page.transient and not self.serving:  # held until MkDocs reads it
                self._markdown[uri] = _hold(markdown, self._compress)
                page.content_string = ""
            if page.transient:
                transient.append(uri)
            files.append(page)
        # `mkdocs serve` builds first, then starts its threads: that build may fork workers and
        # read the page cache as `mkdocs build` does (its own table: served pages name the
        # local address); a rebuild, with the server's threads running, builds a few pages
        # itself.
        fork = not self.serving or threading.active_count() == 1
        parallel = fork and can_build_in_parallel(config, len(transient), self._worker_count(),
                                                  asked=self.config.workers > 1,
                                                  cached=self.config.cache)
        if parallel and self.serving:  # the workers read each page's Markdown from here
            self._markdown = {uri: _hold(pages[uri], self._compress) for uri in transient}
        self._deferred = transient if parallel else []
        # A plain (not --dirty) rebuild under serve makes every page again: those the page
        # cache has are taken from it (chosen in on_nav: the navigation is part of their keys).
        self._cached_rebuild = transient if rebuild and not self.dirty and self.config.cache \
            else []
        if fork and self.serving and not self.dirty and len(transient) >= PARALLEL_MIN_PAGES:
            log.info(f"a plain `mkdocs serve` writes all {len(transient):,} generated pages "
                     "again on every save; `mkdocs serve --dirty` (make serve) only the pages "
                     "an edit changes")
        stats = cache.stats
        log.info(f"{stats.sheets:,} sheets ({stats.sheets_read:,} read), {len(pages):,} pages "
                 f"({stats.pages_rendered:,} rendered, {len(changed):,} changed) "
                 f"in {time.perf_counter() - start:.2f} s")
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        if self._cached_rebuild:
            self._defer_cached(self._cached_rebuild, config, files)
            self._cached_rebuild = []
        return nav

    def _defer_cached(self, uris: list[str], config: MkDocsConfig, files: Files) -> None:
        """A plain rebuild under serve (no workers: the server's threads run): the pages the
        page cache has are taken from it, as a build takes them; MkDocs makes the rest."""
        keys = self._page_keys(uris, config, files)
        store = self._store(config, SERVED_PAGES)
        found = store.present(keys.values()) if store else set()
        if store:
            store.close()
        self._deferred = [uri for uri in uris if keys[uri] in found]
        self._keys = {uri: keys[uri] for uri in self._deferred}
        self._markdown = {uri: _hold(self._pages[uri], self._compress)
                          for uri in self._deferred}

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files):
        """Serving: compile the theme's templates once, not on every rebuild. A large build:
        now that MkDocs has read every other page, build the generated ones on every core."""
        if self.serving:
            env.bytecode_cache = self._bytecode
        if self._deferred:
            self._build_deferred(env, config, files)
        return env

    def _build_deferred(self, env: jinja2.Environment, config: MkDocsConfig, files: Files):
        """Start on the deferred pages: those the page cache has are read from it as MkDocs'
        loop reaches them, the others are built by workers meanwhile (on_page_context)."""
        uris, self._deferred = self._deferred, []  # the workers read the real Markdown
        self._files, workers = files, self._worker_count()
        keys, self._keys = self._keys, {}
        if not keys and self.config.cache:
            keys = self._page_keys(uris, config, files)
        table = SERVED_PAGES if self.serving else "pages"
        for uri in uris:
            files.get_file_from_path(uri).page.meta = {"template": BUILT_TEMPLATE,
                                                      "search": {"exclude": True}}
        self._deferred_pages = DeferredPages(
            uris, keys, lambda: self._store(config, table),
            lambda missing: PageWorkers(missing, config, files, self._nav, env, workers,
                                        compress=self._compress),
            workers, log.info)
        # The workers of later waves read their pages' Markdown from here; a page's goes once
        # the page is taken, a cached page's now.
        self._markdown = {uri: held for uri, held in self._markdown.items()
                          if uri not in self._deferred_pages.from_cache}

    def _take_deferred(self, uri: str) -> BuiltPage:
        """What was made of a deferred page MkDocs' loop has reached (DeferredPages.take)."""
        built = self._deferred_pages.take(uri)
        self._markdown.pop(uri, None)  # built: no wave of workers will need it again
        self._accept(built, self._files)
        if self._deferred_pages.done:
            self._close_deferred()
        return built

    def _close_deferred(self) -> None:
        """Done with the deferred pages, or the build failed."""
        pages, self._deferred_pages = self._deferred_pages, None
        if pages is not None:
            pages.close()

    def _page_keys(self, uris: list[str], config: MkDocsConfig, files: Files) -> dict[str, str]:
        """Each deferred page's key in the page cache (generator.page_cache)."""
        fingerprint = build_fingerprint(config, self._nav)
        keys = {}
        for uri in uris:
            held = self._markdown.get(uri)  # else serving, a plain rebuild: not held
            markdown = _release(held) if held is not None else self._pages[uri]
            exists = {t: files.get_file_from_path(t) is not None
                      for t in link_targets(uri, markdown)}
            edit_url = files.get_file_from_path(uri).page.edit_url
            keys[uri] = page_key(fingerprint, uri, digest(markdown.encode("utf-8")), edit_url,
                                 exists)
        return keys

    def _accept(self, built: BuiltPage, files: Files) -> None:
        """Give MkDocs' page what a worker made of it; the HTML waits for on_post_page."""
        page = files.get_file_from_path(built.uri).page
        page._title_from_render = built.title
        page.present_anchor_ids = built.anchors
        page.links_to_anchors = {files.get_file_from_path(u): links
                                 for u, links in built.links.items()}
        self._built[built.uri] = built

    def on_page_read_source(self, /, *, page, config: MkDocsConfig) -> str | None:
        """The Markdown held for a generated page; None for every other page; "" for a page
        a worker will build (generator.parallel_build)."""
        if self._deferred:
            return "" if page.file.src_uri in self._markdown else None
        held = self._markdown.pop(page.file.src_uri, None)
        return None if held is None else _release(held)

    def on_page_content(self, html: str, /, *, page, config: MkDocsConfig, files: Files):
        """A generated page's HTML, held until its page is written; its Markdown
        let go: MkDocs converts every page before it writes any, and holding all that text
        at once is most of a large build's memory."""
        if not getattr(page.file, "transient", False):
            return html
        page.markdown = ""  # not None: MkDocs reads None as "not read yet" (Page.title)
        page.file.content_string = ""  # serving, the cache has it
        self._html[page.file.src_uri] = _hold(html, self._compress)
        return ""

    @event_priority(100)  # first: the search plugin reads the page's HTML in this event
    def on_page_context(self, context, /, *, page, config: MkDocsConfig, nav):
        """Give back the HTML held for the page; note the page for a dirty rebuild's search."""
        held = self._html.pop(page.file.src_uri, None)
        if held is not None:
            page.content = _release(held)
        if self._deferred_pages and page.file.src_uri in self._deferred_pages \
                and not in_worker():
            add_search_entries(config, self._take_deferred(page.file.src_uri).search_entries)
        self._rebuilt.add(page.url)
        return context

    def on_post_page(self, output: str, /, *, page, config: MkDocsConfig) -> str:
        """Let go of a generated page's HTML and metadata once its page is written; for a
        page a worker built, what it built."""
        built = self._built.pop(page.file.src_uri, None)
        if built is not None:
            output = held_html(built)
        if getattr(page.file, "transient", False):
            page.content, page.meta = None, {}
        return output

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Remember what was written; under --dirty, keep the unchanged pages' search entries."""
        self._close_deferred()  # a page MkDocs skipped (--dirty) is left to the next build
        unpack_search_entries(config)
        self.cache.publish(self._pages)
        self._pages = {}
        if self.dirty:
            merge_dirty_search_index(config, self._rebuilt)

    def on_build_error(self, *, error: Exception) -> None:
        """Nothing is known to be written after a failed build: rebuild every page next time."""
        self.cache.forget_published()
        self._close_deferred()
        self._markdown, self._html, self._built, self._deferred = {}, {}, {}, []
        self._cached_rebuild, self._keys = [], {}

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        """Rebuild when a sheet or a template changes."""
        for path in (self._path(config, "content"), self._path(config, "templates")):
            if path.is_dir():
                server.watch(str(path))
        if self.serving:
            # What the first build leaves (the cache: every sheet and page) lives as long as
            # the server; set it aside from the garbage collector, whose full passes over it
            # would otherwise cost a rebuild 0.1 s every other time (1,000 explainers).
            gc.collect()
            gc.freeze()
        return server

    def _store(self, config: MkDocsConfig, table: str) -> DiskStore | None:
        """A table of the build cache, or None when the cache is off."""
        if not self.config.cache:
            return None
        return DiskStore.open(self._path(config, "cache_dir") / "build.sqlite", table, log.info)

    def _worker_count(self) -> int:
        """Processes for a large build: as configured, else one per core (1 if it cannot fork)."""
        return min(self.config.workers or worker_count(), worker_count())

    def _path(self, config: MkDocsConfig, option: str) -> Path:
        """An option's directory (relative to mkdocs.yml), as short as problems can name it."""
        path = Path(config.config_file_path).parent / self.config[option]
        return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


# From this many pages on, the pages a build holds between MkDocs' events are compressed:
# held at once, they are most of a large build's memory. Below it, compressing costs time
# (0.1 s per 1,000 explainers) and saves memory no one misses.
COMPRESS_FROM_PAGES = 4_000


def _hold(text: str, compress: bool) -> bytes | str:
    return zlib.compress(text.encode("utf-8"), 1) if compress else text


def _release(held: bytes | str) -> str:
    return zlib.decompress(held).decode("utf-8") if isinstance(held, bytes) else held


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja compiles again when a template's source changes
    (the checksum it stores with each)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def merge_dirty_search_index(config: MkDocsConfig, rebuilt: set[str]) -> None:
    """Material's search index after a dirty rebuild: the old entries of the pages not rebuilt,
    and the new entries of those that were.

    Under --dirty, Material's search plugin sees only the rebuilt pages and merges them into
    its previous index assuming one page changed (it drops the previous entries whose location
    starts with the first new entry's, which is every entry when that page is the home page).
    An edit here rebuilds an explainer, the home page and actor pages, so the plugin's
    previous index is merged here, by page, before it writes; it then keeps the result for the
    next rebuild. Does nothing with another search plugin.
    """
    search = next((p for p in config.plugins.values()
                   if hasattr(p, "search_index_prev") and hasattr(p, "search_index")), None)
    previous = getattr(search, "search_index_prev", None)
    current = getattr(search, "search_index", None)
    if previous is None or current is None or not hasattr(current, "entries"):
        return
    kept = [e for e in previous.entries if e["location"].split("#")[0] not in rebuilt]
    current.entries = kept + current.entries
    search.search_index_prev = None  # so the plugin does not merge a second time
