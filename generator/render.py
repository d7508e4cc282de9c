"""Rendering fact sheets into Markdown pages: the explainers and the site around them.

A library with no MkDocs in it: the MkDocs plugin and the CLI's `render` both call it, so a
change of site builder never touches rendering. Every sheet value reaches the Markdown through
the `md` filter (generator.escape); the templates hold the only markup.

The pages: one explainer `<slug>.md` per sheet, `reference.md` (the editors' reference to the
sheet's keys), and the pages around them (generator.site_pages): the home page `index.md`, the
archive `archive.md` and `archive/<YYYY-MM>.md`, the actor index `actors.md` and the actor pages
`actor/<id>.md` (`actor/<id>/2.md`, ... for an actor in many explainers). Templates come from
the site's own template folder first, then from the defaults in generator/templates/; an
override can extend a default as `default/<name>`.

`render_pages` takes a `RenderCache` (generator.render_cache): the MkDocs plugin keeps one
across `mkdocs serve` rebuilds, so that an edit reads one sheet and renders only the pages that
show it. Without one, everything is rendered.
"""

from __future__ import annotations

import gc
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import jinja2

from generator.escape import escape_md, escape_url
from generator.jsonld import front_matter, page_metadata
from generator.pagedata import (
    check_id,
    check_slug,
    format_date,
    iso_date,
    newest_date,
    normalize_sheet,
    sort_events,
    status_class,
    status_label,
)
from generator.reference import describe_model
from generator.render_cache import Prerender, RenderCache, SheetFile
from generator.site_pages import (
    ACTOR_DIR,
    ACTORS,
    ARCHIVE,
    HOME,
    actor_page_uri,
    actor_pages,
    listing_pages,
    render_actor,
    render_actors,
    render_archive,
    render_home,
)
from generator.slugs import is_slug
from generator.story_page import story_sections

__all__ = ["RenderCache", "SheetProblems", "actor_page_uri", "format_date", "iso_date",
           "load_sheets", "make_environment", "normalize_sheet", "render_actor",
           "render_actors", "render_archive", "render_explainer", "render_home", "render_pages",
           "render_reference", "render_site", "sort_events"]

DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"
SHEET_SUFFIXES = (".yaml", ".yml")
REFERENCE = "reference"
# Pages of the site itself, for the navigation; explainers and actor pages are reached from them.
SITE_PAGES = (f"{HOME}.md", f"{ACTORS}.md", f"{REFERENCE}.md")
# Slugs an explainer cannot have: the site's own pages use them.
RESERVED_SLUGS = {HOME: "the home page", ACTORS: "the actor index",
                  ACTOR_DIR: "the actor pages", REFERENCE: "the reference page",
                  ARCHIVE: "the archive"}


class SheetProblems(Exception):
    """Sheets that cannot be rendered, one "path:line: message" per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# ---- Loading -------------------------------------------------------------------------------

def load_sheets(content_dir: Path) -> tuple[list[dict], list[str]]:
    """Every valid sheet in content_dir, and every problem that kept a sheet out."""
    loaded, broken = _load_sheet_files(Path(content_dir), RenderCache())
    return [entry.sheet for entry in loaded], _flatten(broken)


def _load_sheet_files(content_dir: Path, cache: RenderCache, prerender: Prerender | None = None
                      ) -> tuple[list[SheetFile], dict[Path, list[str]]]:
    """Each valid sheet file, in name order, without slug clashes; and each other file's
    problems."""
    loaded, broken = [], {}
    owners: dict[str, str] = {slug: f"reserved for {page}" for slug, page in RESERVED_SLUGS.items()}
    if not content_dir.is_dir():
        return [], {content_dir: [f"{content_dir}: no such folder of fact sheets"]}
    paths = sorted(p for p in content_dir.glob("*") if p.suffix in SHEET_SUFFIXES)
    cache.forget_missing(paths)
    for entry in cache.sheet_files(paths, prerender):
        path = entry.path
        if entry.problems or entry.sheet is None:
            broken[path] = entry.problems or [f"{path}:1: not a fact sheet"]
            continue
        slug = entry.sheet["slug"]
        if slug in owners:
            broken[path] = [f"{path}:1: slug '{slug}' is already {owners[slug]}; choose another"]
            continue
        owners[slug] = f"used by {path}"
        loaded.append(entry)
    return loaded, broken


def _flatten(broken: dict[Path, list[str]]) -> list[str]:
    return [problem for problems in broken.values() for problem in problems]


# ---- Rendering -----------------------------------------------------------------------------

def make_environment(overrides: Path | None = None) -> jinja2.Environment:
    """Jinja environment for Markdown output: the site's templates over the packaged defaults."""
    folders = [overrides, DEFAULT_TEMPLATES] if overrides else [DEFAULT_TEMPLATES]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader([str(d) for d in folders]),
            jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(DEFAULT_TEMPLATES))}),
        ]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown: values go through `md`, not HTML escaping
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=escape_md, url=escape_url, slug=check_slug, actor_id=check_id,
                       longdate=format_date, status_label=status_label,
                       status_class=status_class)
    return env


def render_explainer(sheet: dict, env: jinja2.Environment) -> str:
    """The explainer page for one sheet, as Markdown after its metadata (front matter)."""
    sheet = normalize_sheet(sheet)
    actors = {a["id"]: a for a in sheet["actors"] if "id" in a}
    page = env.get_template("explainer.md.j2").render(
        sheet=sheet,
        actors=actors,
        sources={s["id"]: s for s in sheet["sources"] if "id" in s},
        people=[a for a in sheet["actors"] if a.get("type") == "person"],
        others=[a for a in sheet["actors"] if a.get("type") != "person"],
        events=sort_events(sheet["events"]),
        updated=newest_date(sheet),
        story=story_sections(sheet),
    )
    return front_matter(page_metadata(sheet)) + page


def render_reference(env: jinja2.Environment) -> str:
    """The editors' reference to every fact sheet key, read from generator.model."""
    return env.get_template("reference.md.j2").render(records=describe_model())


def render_pages(content_dir: Path, overrides: Path | None = None,
                 cache: RenderCache | None = None, *, problem_pages: bool = False
                 ) -> tuple[dict[str, str], list[str]]:
    """Every page of the site as {"uri.md": markdown}, and every sheet problem found.

    With a cache kept from an earlier call, only what changed since is read and rendered.
    `cache.sources` then names the sheet file of each explainer page. With `problem_pages`
    (the live preview), a sheet with problems gets a page at its explainer's address that
    lists them, instead of no page.
    """
    with _collector_paused():
        return _render_pages(content_dir, overrides, cache or RenderCache(), problem_pages)


@contextmanager
def _collector_paused():
    """Python's cycle collector off while the site's sheets are loaded and rendered.

    Loading builds a few hundred thousand long-lived objects per thousand sheets, and every one
    of the collector's full passes walks all of them again: 13 % of the generator's time. Its
    work finds nothing: sheets and pages hold no reference cycles, which
    tests/test_render.py holds the renderer to.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _render_pages(content_dir: Path, overrides: Path | None, cache: RenderCache,
                  problem_pages: bool) -> tuple[dict[str, str], list[str]]:
    cache.start_build()
    folders = [overrides, DEFAULT_TEMPLATES] if overrides else [DEFAULT_TEMPLATES]
    templates, env = cache.environment(folders, lambda: make_environment(overrides))

    def prerender(entry: SheetFile) -> tuple[str, tuple, str] | None:
        """The explainer's (uri, key, page), made where the sheet is read; None if it fails
        (it is rendered again below, and the failure reported in order)."""
        try:
            return (f"{entry.sheet['slug']}.md", (templates, entry.digest),
                    render_explainer(entry.sheet, env))
        except jinja2.UndefinedError:
            return None

    loaded, broken = _load_sheet_files(Path(content_dir), cache, prerender)
    pages, rendered = {}, []
    for entry in loaded:
        uri = f"{entry.sheet['slug']}.md"
        try:
            pages[uri] = cache.page(uri, (templates, entry.digest),
                                    lambda sheet=entry.sheet: render_explainer(sheet, env))
        except jinja2.UndefinedError as err:
            broken[entry.path] = [f"{entry.path}:1: cannot render the explainer: {err.message}"]
            continue
        rendered.append(entry)
    pages.update(listing_pages(rendered, env, templates, cache))
    pages.update(actor_pages(rendered, env, templates, cache))
    pages[f"{REFERENCE}.md"] = cache.page(f"{REFERENCE}.md", templates,
                                          lambda: render_reference(env))
    known = {path: uri for uri, path in cache.sources.items()}  # the last build's
    cache.sources = {f"{entry.sheet['slug']}.md": entry.path for entry in rendered}
    if problem_pages:
        for path, problems in broken.items():
            uri = _problem_page_uri(path, cache.known(path), known.get(path))
            if uri and uri not in pages:
                pages[uri] = render_problems(path, problems, env)
                cache.sources[uri] = path
    cache.keep_pages(pages)
    return pages, _flatten(broken)


def _problem_page_uri(path: Path, entry: SheetFile | None, last_uri: str | None) -> str | None:
    """Where a broken sheet's page is: its slug if it still has a good one, else the address
    its page had in the last build, else its file name if that is a slug; None if none is."""
    slug = entry.sheet.get("slug") if entry and isinstance(entry.sheet, dict) else None
    if is_slug(slug) and slug not in RESERVED_SLUGS:
        return f"{slug}.md"
    if last_uri:
        return last_uri
    return f"{path.stem}.md" if is_slug(path.stem) and path.stem not in RESERVED_SLUGS else None


def render_problems(path: Path, problems: list[str], env: jinja2.Environment) -> str:
    """The page shown at a broken sheet's address while editing: its problems, and how to fix
    them. Problems quote the editor's text, so they go through `md` like any sheet value."""
    return env.get_template("problems.md.j2").render(path=str(path), problems=problems)


def render_site(content_dir: Path, out_dir: Path, overrides: Path | None = None) -> list[Path]:
    """Write every page of the site to out_dir; raise SheetProblems first if there are any."""
    pages, problems = render_pages(content_dir, overrides)
    if problems:
        raise SheetProblems(problems)
    written = []
    for name, text in pages.items():
        path = Path(out_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        written.append(write_atomically(path, text))
    return written


def write_atomically(path: Path, text: str) -> Path:
    """Write text so a reader (or `mkdocs serve`) never sees a half-written page."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
