"""What the renderer keeps between builds, so an edit re-renders only the pages it changes.

`mkdocs serve` builds the whole site again on every save. The MkDocs plugin keeps one
`RenderCache` for as long as it runs; `generator.render.render_pages` asks it for each sheet and
each page, and gets back what it made last time when nothing that page is made from changed:

- a sheet is read and validated again only when its file's bytes change (its `digest`);
- a page is rendered again only when its key changes: the templates' fingerprint and the
  digests (or, for the actor index, the actors) of the sheets the page shows;
- `changed()` names the pages whose Markdown differs from the last published build, so that
  `mkdocs serve --dirty` converts and writes only those.

When many sheets must be read (the first build), they are read, validated and their explainers
rendered on every core, in forked worker processes: only while the process has no other
thread, since forking a threaded process (`mkdocs serve` once it serves) is not safe.

Between builds (`mkdocs build`, one process each), a `store` (generator.disk_store) keeps the
validated sheets and the rendered pages on disk, under keys made of the same inputs and of
the generator's own code (`code_fingerprint`): a build reads and renders only what changed
since the last. Without one, a fresh cache renders everything, which is what `explainers
render` gets.

Nothing here knows MkDocs.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar

import jinja2

from generator.validate import validate_sheet_file

# Sheets to read before the work is shared among processes: below this, starting them costs
# more than it saves.
PARALLEL_MIN = 64

# What a worker renders each sheet it reads into: (uri, page key, Markdown), or None. Set just
# before the workers are forked, so they inherit it (a closure cannot be sent to them).
Prerender = Callable[["SheetFile"], "tuple[str, Hashable, str] | None"]
_prerender: Prerender | None = None
T = TypeVar("T")


class Store(Protocol):
    """Values by key on disk (generator.disk_store.DiskStore)."""

    def get(self, keys: Iterable[str]) -> dict[str, object]: ...
    def put(self, items: Iterable[tuple[str, object]]) -> None: ...
    def keep_only(self, keys: Iterable[str]) -> None: ...


def digest(data: bytes) -> str:
    """A short content hash: equal bytes, equal digest."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class SheetFile:
    """One sheet file as last read: what it held and what was wrong with it."""

    path: Path
    digest: str
    """The hash of the file's bytes when it was read."""
    sheet: dict | None
    """The sheet as the validator loaded it; None when it could not be read as a sheet."""
    problems: list[str]
    """Every problem the validator found, as `path:line: message`."""
    stamp: tuple[int, int, int] = (0, 0, 0)
    """(inode, mtime_ns, size) when read: an unchanged stamp skips reading the file again."""
    derived: dict[str, object] = field(default_factory=dict)
    """Values computed from the sheet (normalised sheet, fingerprints), kept with it."""

    def derive(self, name: str, compute: Callable[[], T]) -> T:
        """The value `name` computed from the sheet, computed once per version of the file."""
        if name not in self.derived:
            self.derived[name] = compute()
        return self.derived[name]  # type: ignore[return-value]


@dataclass
class RenderStats:
    """What one build did, for the plugin's one-line report."""

    sheets: int = 0
    sheets_read: int = 0
    pages: int = 0
    pages_rendered: int = 0


class RenderCache:
    """Sheets, environment and pages of the last build, reused while their inputs are equal."""

    def __init__(self, store: Store | None = None) -> None:
        self._store = store
        self._code = code_fingerprint() if store else ""
        self._stored: list[tuple[str, object]] = []  # made by this build, for the store
        self._used: set[str] = set()  # store keys this build used
        self._files: dict[Path, SheetFile] = {}
        self._pages: dict[str, tuple[Hashable, str]] = {}
        self._env: tuple[str, jinja2.Environment] | None = None
        self._published: dict[str, str] = {}  # uri -> Markdown as last written
        self.stats = RenderStats()
        self.sources: dict[str, Path] = {}
        """The sheet file each explainer page (or problem page) of the last build came from."""

    # ---- sheets ------------------------------------------------------------------------------

    def sheet_files(self, paths: list[Path], prerender: Prerender | None = None
                    ) -> list[SheetFile]:
        """Each file's sheet and problems, validated again only if its bytes changed.

        With many to read, they are read on every core, and `prerender` renders each sheet
        there too (its pages land in the cache, for `page` to find).
        """
        stale = [p for p in paths if p not in self._files or self._files[p].stamp != _stamp(p)]
        if self._store is not None and stale:
            self._load_stored(stale)
            stale = [p for p in stale if p not in self._files]
        workers = worker_count()
        if len(stale) >= PARALLEL_MIN and workers > 1:
            self._read_in_parallel(stale, prerender, workers)
        return [self.sheet_file(p) for p in paths]

    def sheet_file(self, path: Path) -> SheetFile:
        """The file's sheet and problems; validated again only if its bytes changed."""
        self.stats.sheets += 1
        known = self._files.get(path)
        stamp = _stamp(path)
        if known is not None and known.stamp == stamp:
            return known
        raw = path.read_bytes()
        new_digest = digest(raw)
        if known is not None and known.digest == new_digest:
            known.stamp = stamp
            return known
        self.stats.sheets_read += 1
        entry = _read_sheet(path, new_digest, stamp)
        self._files[path] = entry
        self._remember_sheet(entry)
        return entry

    def _load_stored(self, paths: list[Path]) -> None:
        """The sheets the store has for these files' bytes."""
        keys = {}
        for path in paths:
            stamp, file_digest = _stamp(path), digest(path.read_bytes())
            keys[self._key("sheet", str(path), file_digest)] = (path, file_digest, stamp)
        found = self._store.get(keys)
        for key, (sheet, problems) in found.items():
            path, file_digest, stamp = keys[key]
            self._files[path] = SheetFile(path, file_digest, sheet, problems, stamp)
            self._used.add(key)

    def _remember_sheet(self, entry: SheetFile) -> None:
        self._keep(self._key("sheet", str(entry.path), entry.digest),
                   (entry.sheet, entry.problems))

    def _key(self, *parts: object) -> str | None:
        """A store key: the generator's code and the given inputs; None without a store."""
        if self._store is None:
            return None
        return digest(repr((self._code, *parts)).encode("utf-8"))

    def _load(self, key: str | None) -> object | None:
        """The value the store has under key, if any; it is kept for the next build."""
        found = self._store.get([key]) if key is not None else {}
        if key in found:
            self._used.add(key)
        return found.get(key)

    def _keep(self, key: str | None, value: object) -> None:
        """Put what this build made in the store (on `save`), unless it came from there."""
        if key is not None and key not in self._used:
            self._stored.append((key, value))
            self._used.add(key)

    def known(self, path: Path) -> SheetFile | None:
        """The file as last read, without reading it."""
        return self._files.get(path)

    def _read_in_parallel(self, paths: list[Path], prerender: Prerender | None,
                          workers: int) -> None:
        global _prerender
        _prerender = prerender
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) \
                    as pool:
                chunk = max(1, len(paths) // (workers * 8))
                for entry, page in pool.map(_read_in_worker, paths, chunksize=chunk):
                    self.stats.sheets_read += 1
                    self._files[entry.path] = entry
                    self._remember_sheet(entry)
                    if page is not None:
                        self._pages[page[0]] = page[1:]
        finally:
            _prerender = None

    def forget_missing(self, present: Iterable[Path]) -> None:
        """Drop the sheets whose files are gone, so the cache does not grow without end."""
        keep = set(present)
        for path in [p for p in self._files if p not in keep]:
            del self._files[path]

    # ---- templates ---------------------------------------------------------------------------

    def environment(self, folders: list[Path], make: Callable[[], jinja2.Environment]
                    ) -> tuple[str, jinja2.Environment]:
        """(fingerprint, environment) for the template folders; a new one when a file changed."""
        fingerprint = templates_fingerprint(folders)
        if self._env is None or self._env[0] != fingerprint:
            self._env = (fingerprint, make())
        return self._env

    # ---- pages -------------------------------------------------------------------------------

    def page(self, uri: str, key: Hashable, render: Callable[[], str]) -> str:
        """The page at uri: rendered again only when its key differs from last time."""
        self.stats.pages += 1
        stored = self._key("page", uri, key)
        known = self._pages.get(uri)
        if known is not None and known[0] == key:
            text = known[1]
        else:
            text = self._load(stored)
            if isinstance(text, bytes):
                text = text.decode("utf-8")
            if text is None:
                self.stats.pages_rendered += 1
                text = render()
            self._pages[uri] = (key, text)
        self._keep(stored, text)
        return text

    def save(self) -> None:
        """Write what this build made to the store, and drop what it did not use."""
        if self._store is not None:
            # A page's Markdown as UTF-8 bytes, not as text: pickling text makes Python keep a
            # UTF-8 copy inside every string that is not plain ASCII, for as long as the string
            # lives (195 MB at 10,000 explainers).
            self._store.put((key, value.encode("utf-8") if isinstance(value, str) else value)
                            for key, value in self._stored)
            self._store.keep_only(self._used)
            self._stored, self._used = [], set()

    def detach_store(self) -> None:
        """From now on, in memory only (`mkdocs serve`'s rebuilds: what a rebuild did not
        use must not be dropped from the store)."""
        self._store, self._stored, self._used = None, [], set()

    def keep_pages(self, uris: Iterable[str]) -> None:
        """Drop the pages this build did not make (a deleted sheet's, a gone actor's)."""
        keep = set(uris)
        for uri in [u for u in self._pages if u not in keep]:
            del self._pages[uri]

    # ---- what a dirty rebuild must write -----------------------------------------------------

    def changed(self, pages: dict[str, str]) -> set[str]:
        """The pages whose Markdown differs from the last published build (all, at first)."""
        published = self._published
        return {uri for uri, text in pages.items()
                if published.get(uri) is not text and published.get(uri) != text}

    def publish(self, pages: dict[str, str]) -> None:
        """Remember pages as written to the site: the next build compares with these."""
        self._published = dict(pages)

    def forget_published(self) -> None:
        """After a failed build nothing is known to be written: every page counts as changed."""
        self._published = {}

    def start_build(self) -> None:
        """Reset the counters for a new build."""
        self.stats = RenderStats()


def _stamp(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def _read_sheet(path: Path, known_digest: str | None = None,
                stamp: tuple[int, int, int] | None = None) -> SheetFile:
    """Read and validate one sheet file."""
    if known_digest is None:
        stamp = _stamp(path)
        known_digest = digest(path.read_bytes())
    sheet, problems = validate_sheet_file(path)
    return SheetFile(path, known_digest, sheet, [str(p) for p in problems], stamp)


def _read_in_worker(path: Path) -> tuple[SheetFile, tuple[str, Hashable, str] | None]:
    """In a worker process: the sheet, and its page if it is a valid sheet."""
    entry = _read_sheet(path)
    valid = entry.sheet is not None and not entry.problems
    return entry, (_prerender(entry) if valid and _prerender else None)


def worker_count() -> int:
    """Processes to share work among: the cores this process may use, when it may fork."""
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return min(len(cores) if cores else os.cpu_count() or 1, 8)


def templates_fingerprint(folders: list[Path]) -> str:
    """A hash of every file (name and bytes) in the template folders, in search order."""
    h = hashlib.blake2b(digest_size=16)
    for folder in folders:
        h.update(f"\0folder {folder}\0".encode())
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(f"\0{path.relative_to(folder)}\0".encode())
            h.update(path.read_bytes())
    return h.hexdigest()



@cache
def code_fingerprint() -> str:
    """A hash of this package's version and Python code, and of the versions of the libraries
    it reads and renders with: what validates sheets and makes their Markdown."""
    from importlib import metadata

    h = hashlib.blake2b(digest_size=16)
    for name in ("explainers", "jinja2", "pyyaml"):  # this package and what it renders with
        try:
            h.update(f"\0{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            pass
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        h.update(f"\0{path.relative_to(package)}\0".encode() + path.read_bytes())
    return h.hexdigest()
