"""Built pages kept on disk between builds, so a build converts only the pages that changed.

Converting Markdown and rendering Material's templates is nearly all of a large build's time,
and between two builds of a newsroom's site most explainers have not changed. What a worker
makes of a generated page (generator.parallel_build.BuiltPage: its HTML, anchors, links,
search entries and log records) is kept in an SQLite file under `.cache/explainers/` (like
Material's own plugin caches), keyed by everything that page's output is made from:

- the page's Markdown and address, its "Edit this page" link, and which of the pages it links
  to exist (a missing one is a warning, which must come again);
- the build's fingerprint: the versions of MkDocs, Material, Python-Markdown, pymdown
  extensions, Jinja and this package, the bytes of mkdocs.yml, of every theme folder that is
  not part of an installed package (custom_dir, this package's theme override), of the plugin
  modules that build the pages, and the navigation every page shows.

A page whose key is found is not built again; its log records are emitted again, so a warning
still fails `--strict`. Entries this build did not use are deleted, so the file holds one
site. A damaged file is reported and replaced. Delete the folder to rebuild everything.
"""

from __future__ import annotations

import hashlib
import pickle
import posixpath
import re
import sqlite3
import sysconfig
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation

from generator import parallel_build

DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2",
                 "explainers")
# The modules whose code makes the pages kept here.
MODULES = (parallel_build.__file__, str(Path(__file__).with_name("plugin.py")))
SCHEMA = "1"
# Inline Markdown links: [text](target) or [text](<target>).
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
BATCH = 500  # keys per SQL query (SQLite's limit on parameters is 999 in old versions)


class PageStore:
    """The cache file: built pages by key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, page BLOB)")

    @classmethod
    def open(cls, path: Path, warn) -> PageStore | None:
        """The store at path; a damaged file is reported and started again; None if even that
        fails (the build goes on without a cache)."""
        for attempt in range(2):
            try:
                store = cls(path)
                store._db.execute("SELECT count(*) FROM pages").fetchone()
                return store
            except (sqlite3.Error, OSError) as e:
                warn(f"{path}: the page cache cannot be read ({e}); "
                     + ("starting it again" if attempt == 0 else "building without it"))
                path.unlink(missing_ok=True)
        return None

    def get(self, keys: Iterable[str]) -> dict[str, parallel_build.BuiltPage]:
        """The pages found under keys, by key."""
        keys, found = list(keys), {}
        for start in range(0, len(keys), BATCH):
            batch = keys[start:start + BATCH]
            rows = self._db.execute(
                f"SELECT key, page FROM pages WHERE key IN ({','.join('?' * len(batch))})",
                batch)
            for key, blob in rows:
                try:
                    found[key] = pickle.loads(blob)
                except Exception:  # written by another version of the classes: build it again
                    continue
        return found

    def put(self, pages: Iterable[tuple[str, parallel_build.BuiltPage]]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)",
                                 ((key, pickle.dumps(page, protocol=5)) for key, page in pages))

    def keep_only(self, keys: Iterable[str]) -> None:
        """Delete every page but these: the cache holds the site as last built."""
        with self._db:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self._db.execute("DELETE FROM used")
            self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in keys))
            self._db.execute("DELETE FROM pages WHERE key NOT IN (SELECT key FROM used)")

    def close(self) -> None:
        self._db.close()


def build_fingerprint(config: MkDocsConfig, nav: Navigation) -> str:
    """What every page's output depends on besides its own Markdown (the module docstring)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(SCHEMA.encode())
    for name in DISTRIBUTIONS:
        try:
            h.update(f"\0{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"\0{name}=none".encode())
    h.update(Path(config.config_file_path).read_bytes())
    installed = [Path(p).resolve() for p in {sysconfig.get_paths()["purelib"],
                                             sysconfig.get_paths()["platlib"]}]
    for folder in map(Path, config.theme.dirs):
        h.update(f"\0theme {folder}".encode())
        if folder.is_dir() and not any(folder.resolve().is_relative_to(p) for p in installed):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                h.update(f"\0{path.relative_to(folder)}\0".encode() + path.read_bytes())
    for module in MODULES:
        h.update(Path(module).read_bytes())
    h.update(repr(_nav_outline(nav.items)).encode())
    return h.hexdigest()


def page_key(fingerprint: str, uri: str, markdown_digest: str, edit_url: str | None,
             links: dict[str, bool]) -> str:
    """The key of one page's build (the module docstring)."""
    h = hashlib.blake2b(digest_size=20)
    for part in (fingerprint, uri, markdown_digest, edit_url or "", repr(sorted(links.items()))):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def link_targets(uri: str, markdown: str) -> set[str]:
    """The pages (src_uri) a page's Markdown links to, resolved from its folder."""
    targets = set()
    for target in LINK.findall(markdown):
        path = target.split("#", 1)[0]
        if not path or path.startswith("/") or re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I):
            continue
        targets.add(posixpath.normpath(posixpath.join(posixpath.dirname(uri), path)))
    return targets


def _nav_outline(items) -> list:
    return [(type(i).__name__, i.title, getattr(i, "url", None),
             _nav_outline(getattr(i, "children", None) or [])) for i in items]
