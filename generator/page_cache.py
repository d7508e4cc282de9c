"""Built pages kept on disk between builds, so a build converts only the pages that changed.

Converting Markdown and rendering Material's templates is nearly all of a large build's time,
and between two builds of a newsroom's site most explainers have not changed. What a worker
makes of a generated page (generator.parallel_build.BuiltPage: its HTML, anchors, links,
search entries and log records) is kept in an SQLite file under `.cache/explainers/` (like
Material's own plugin caches), keyed by everything that page's output is made from:

- the page's Markdown and address, its "Edit this page" link, and which of the pages it links
  to exist (a missing one is a warning, which must come again);
- the build's fingerprint: the versions of MkDocs, Material, Python-Markdown, pymdown
  extensions, Jinja and this package, the bytes of mkdocs.yml, the site's address (which
  `mkdocs serve` sets to its own: pages name it), the bytes of every theme folder that is
  not part of an installed package (custom_dir, this package's theme override), of the plugin
  modules that build the pages, and the navigation every page shows.

A page whose key is found is not built again; its log records are emitted again, so a warning
still fails `--strict`. (generator.disk_store keeps the file: entries a build did not use are
deleted, a damaged file is started again.) Delete the folder to rebuild everything.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import sysconfig
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
    h.update(f"\0site_url={config.site_url}".encode())  # `mkdocs serve` sets its own
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
