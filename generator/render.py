"""Rendering fact sheets into Markdown pages: one explainer per sheet, plus the home page.

A library with no MkDocs in it: the MkDocs plugin and the CLI's `render` both call it, so a
change of site builder never touches rendering. Every sheet value reaches the Markdown through
the `md` filter (generator.escape); the templates hold the only markup.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import MISSING, fields
from pathlib import Path

import jinja2

from generator import model
from generator.escape import escape_md, escape_url
from generator.slugs import is_slug
from generator.validate import validate_sheet_file

SHEET_SUFFIXES = (".yaml", ".yml")
HOME = "index"

# The list keys of a sheet and the dataclass that declares each item's keys.
ITEM_KINDS = {
    "sources": model.Source, "actors": model.Actor, "places": model.Place,
    "phases": model.Phase, "figures": model.Figure, "events": model.Event,
    "quotes": model.Quote,
}
# Provenance keys a hand-written sheet may not have yet; the page then shows none.
PROVENANCE_KEYS = frozenset({"evidence", "source"})
# Annotations of the keys a sheet must have (generator.validate's rule: one text or number).
REQUIRED_TYPES = frozenset({"str", "int", "float", "int | float"})

STATUS_LABELS = {
    "planned": "Planned", "negotiating": "Under negotiation", "in_force": "In force",
    "completed": "Completed", "suspended": "Suspended", "collapsed": "Collapsed",
    "unknown": "Status unknown",
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


class SheetProblems(Exception):
    """Sheets that cannot be rendered, one "path:line: message" per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


# ---- Loading -------------------------------------------------------------------------------

def load_sheets(content_dir: Path) -> tuple[list[dict], list[str]]:
    """Every valid sheet in content_dir, and every problem that kept a sheet out."""
    loaded, problems = _load_sheet_files(Path(content_dir))
    return [sheet for _, sheet in loaded], problems


def _load_sheet_files(content_dir: Path) -> tuple[list[tuple[Path, dict]], list[str]]:
    """(path, sheet) for each valid sheet file, in name order, without slug clashes."""
    loaded, problems, owners = [], [], {HOME: None}
    if not content_dir.is_dir():
        return [], [f"{content_dir}: no such folder of fact sheets"]
    for path in sorted(p for p in content_dir.glob("*") if p.suffix in SHEET_SUFFIXES):
        sheet, file_problems = _validate(path)
        if file_problems or sheet is None:
            problems.extend(file_problems or [f"{path}:1: not a fact sheet"])
            continue
        slug = sheet["slug"]
        if slug in owners:
            owner = f"used by {owners[slug]}" if owners[slug] else "reserved for the home page"
            problems.append(f"{path}:1: slug '{slug}' is already {owner}; choose another")
            continue
        owners[slug] = path
        loaded.append((path, sheet))
    return loaded, problems


def _validate(path: Path) -> tuple[dict | None, list[str]]:
    """The sheet in path and its problems, as the shared validator reports them."""
    data, problems = validate_sheet_file(path)
    return data, [str(p) for p in problems]


# ---- Rendering -----------------------------------------------------------------------------

def make_environment(template_dirs: list[Path]) -> jinja2.Environment:
    """Jinja environment for Markdown output: first template dir wins, unknown names raise."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown: values go through `md`, not HTML escaping
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=escape_md, url=escape_url, slug=check_slug, longdate=format_date,
                       status_label=status_label, status_class=status_class)
    return env


def render_explainer(sheet: dict, env: jinja2.Environment) -> str:
    """The explainer page for one sheet, as Markdown."""
    sheet = normalize_sheet(sheet)
    actors = {a["id"]: a for a in sheet["actors"] if "id" in a}
    return env.get_template("explainer.md.j2").render(
        sheet=sheet,
        actors=actors,
        sources={s["id"]: s for s in sheet["sources"] if "id" in s},
        people=[a for a in sheet["actors"] if a.get("type") == "person"],
        others=[a for a in sheet["actors"] if a.get("type") != "person"],
        events=sort_events(sheet["events"]),
        updated=newest_date(sheet),
    )


def render_home(sheets: list[dict], env: jinja2.Environment) -> str:
    """The home page listing every explainer, newest first, then by title."""
    entries = [{"sheet": normalize_sheet(s), "updated": newest_date(s)} for s in sheets]
    entries.sort(key=lambda e: e["sheet"]["title"].casefold())
    entries.sort(key=lambda e: e["updated"] or "", reverse=True)
    return env.get_template("home.md.j2").render(entries=entries)


def render_pages(content_dir: Path, template_dirs: list[Path]) -> tuple[dict[str, str], list[str]]:
    """Every page of the site as {"slug.md": markdown}, and every sheet problem found."""
    env = make_environment(template_dirs)
    loaded, problems = _load_sheet_files(Path(content_dir))
    pages, rendered = {}, []
    for path, sheet in loaded:
        try:
            pages[f"{sheet['slug']}.md"] = render_explainer(sheet, env)
        except jinja2.UndefinedError as err:
            problems.append(f"{path}:1: cannot render the explainer: {err.message}")
            continue
        rendered.append(sheet)
    pages[f"{HOME}.md"] = render_home(rendered, env)
    return pages, problems


def render_site(content_dir: Path, out_dir: Path, template_dirs: list[Path]) -> list[Path]:
    """Write index.md and one <slug>.md per sheet to out_dir; raise SheetProblems first if any."""
    pages, problems = render_pages(content_dir, template_dirs)
    if problems:
        raise SheetProblems(problems)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_atomically(out_dir / name, text) for name, text in pages.items()]


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


# ---- What the templates are given ----------------------------------------------------------

def normalize_sheet(sheet: dict) -> dict:
    """A copy with every optional key present, so templates test values, not keys."""
    out = _with_defaults(sheet, model.FactSheet)
    for key, kind in ITEM_KINDS.items():
        out[key] = [_with_defaults(item, kind) for item in out[key] or []]
    out["review"] = _with_defaults(out["review"] or {}, model.Review)
    return out


def _with_defaults(item: dict, kind: type) -> dict:
    """item plus the model's default for each absent key the validator lets a sheet omit.

    Required keys (one text or number, as generator.validate decides) stay absent, so a
    template that uses one on a sheet without it fails loudly under StrictUndefined.
    """
    out = dict(item)
    for f in fields(kind):
        if f.name in out or _is_required(f):
            continue
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        out[f.name] = model.to_plain(default)
    return out


def _is_required(f) -> bool:
    """A key whose type is one text or number (annotations are strings in model.py)."""
    return str(f.type) in REQUIRED_TYPES and f.name not in PROVENANCE_KEYS and \
        not f.metadata.get("extra")


def sort_events(events: list[dict]) -> list[dict]:
    """Events by date; undated ones keep the article's order, after the dated ones."""
    return sorted(events, key=lambda e: (iso_date(e["date"]) is None, iso_date(e["date"]) or ""))


def newest_date(sheet: dict) -> str | None:
    """The latest publication date among the sheet's sources, as YYYY-MM-DD, or None."""
    dates = [iso_date(s.get("published")) for s in sheet.get("sources") or []]
    return max((d for d in dates if d), default=None)


def iso_date(value: object) -> str | None:
    """A sheet date (a date object, YYYY-MM-DD, YYYY-MM, YYYY or a bare year) as text."""
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def format_date(value: object) -> str:
    """A sheet date as a reader writes it: 4 February 2025, February 2025 or 2025."""
    text = iso_date(value) or ""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match or not 1 <= int(match[2] or 1) <= 12:
        return text
    year, month, day = match.groups()
    parts = [str(int(day))] if day else []
    parts += [MONTHS[int(month) - 1]] if month else []
    return " ".join(parts + [year])


def check_slug(value: object) -> str:
    """A slug safe to put in a link target; anything else is a bug upstream."""
    if not is_slug(value):
        raise ValueError(f"not a slug: {value!r}")
    return value


def status_label(status: object) -> str:
    """A phase status as readers say it."""
    return STATUS_LABELS.get(str(status), STATUS_LABELS["unknown"])


def status_class(status: object) -> str:
    """A CSS class suffix for a phase status, from a fixed list only."""
    return str(status).replace("_", "-") if status in STATUS_LABELS else "unknown"
