"""The pages around the explainers: the home page, the archive, the actor index and actor pages.

Each stays the same size however many explainers there are, so that no page, and no rebuild
after an edit, grows with the site: the home page shows the newest HOME_LIMIT explainers, the
archive one page per month (`archive/<YYYY-MM>.md`), and an actor ACTOR_PAGE_SIZE explainers
per page (`actor/<id>.md`, then `actor/<id>/2.md`, ...). The actor index is one page.

`listing_pages` and `actor_pages` make them through a RenderCache (generator.render_cache),
each page rendered again only when a sheet it is made from changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import jinja2

from generator.actor_index import ActorEntry, collect_actors, index_sections
from generator.pagedata import check_id, format_date, newest_date, normalize_sheet
from generator.render_cache import RenderCache, SheetFile, digest

HOME, ACTORS, ACTOR_DIR, ARCHIVE = "index", "actors", "actor", "archive"
UNDATED = "undated"
# Explainers on the home page, newest first; the archive lists every one.
HOME_LIMIT = 100
# Explainers on each page of an actor, newest first: an actor named in thousands of explainers
# gets numbered pages, so no page grows with the site.
ACTOR_PAGE_SIZE = 50


# ---- home page and archive ----------------------------------------------------------------

def render_home(sheets: list[dict], env: jinja2.Environment) -> str:
    """The home page: the newest HOME_LIMIT explainers, newest first, then by title."""
    return _home(_cards(sheets), env)


def render_archive(sheets: list[dict], env: jinja2.Environment) -> dict[str, str]:
    """The archive: a page listing the months, and a page per month of its explainers."""
    months = _months(_cards(sheets))
    pages = {f"{ARCHIVE}.md": _archive_index(months, env)}
    for month, cards in months.items():
        pages[f"{ARCHIVE}/{month}.md"] = _archive_month(month, cards, env)
    return pages


def listing_pages(entries: list[SheetFile], env: jinja2.Environment, templates: str,
                  cache: RenderCache) -> dict[str, str]:
    """The home page and the archive, each rendered again only if a sheet it lists changed."""
    cards = _sorted_cards([{"sheet": normalized(e), "updated": updated(e), "key": e.digest}
                           for e in entries])
    home = tuple(c["key"] for c in cards[:HOME_LIMIT])
    pages = {f"{HOME}.md": cache.page(f"{HOME}.md", (templates, len(cards), home),
                                      lambda: _home(cards, env))}
    months = _months(cards)
    pages[f"{ARCHIVE}.md"] = cache.page(
        f"{ARCHIVE}.md", (templates, tuple((m, len(c)) for m, c in months.items())),
        lambda: _archive_index(months, env))
    for month, listed in months.items():
        uri = f"{ARCHIVE}/{month}.md"
        pages[uri] = cache.page(uri, (templates, tuple(c["key"] for c in listed)),
                                lambda month=month, listed=listed:
                                _archive_month(month, listed, env))
    return pages


def _cards(sheets: Iterable[dict]) -> list[dict]:
    """{"sheet": normalised sheet, "updated": newest date} for each sheet, newest first."""
    return _sorted_cards([{"sheet": normalize_sheet(s), "updated": newest_date(s)}
                          for s in sheets])


def _sorted_cards(cards: list[dict]) -> list[dict]:
    cards = sorted(cards, key=lambda c: c["sheet"]["title"].casefold())
    return sorted(cards, key=lambda c: c["updated"] or "", reverse=True)


def _months(cards: list[dict]) -> dict[str, list[dict]]:
    """The cards by month (YYYY-MM, or UNDATED), newest month first; undated last."""
    months: dict[str, list[dict]] = {}
    for card in cards:
        months.setdefault(card["updated"][:7] if card["updated"] else UNDATED, []).append(card)
    return months


def _home(cards: list[dict], env: jinja2.Environment) -> str:
    return env.get_template("home.md.j2").render(entries=cards[:HOME_LIMIT], total=len(cards))


def _archive_index(months: dict[str, list[dict]], env: jinja2.Environment) -> str:
    return env.get_template("archive.md.j2").render(
        months=[(month, _month_name(month), len(cards)) for month, cards in months.items()],
        total=sum(len(cards) for cards in months.values()))


def _archive_month(month: str, cards: list[dict], env: jinja2.Environment) -> str:
    return env.get_template("archive_month.md.j2").render(
        name=_month_name(month), entries=cards)


def _month_name(month: str) -> str:
    """'March 2025' for 2025-03; 'Undated' for the explainers with no source date."""
    return "Undated" if month == UNDATED else format_date(month)


# ---- actors -------------------------------------------------------------------------------

def render_actors(sheets: list[dict], env: jinja2.Environment) -> dict[str, str]:
    """The actor index and the pages of each actor across the sheets, as {"uri.md": markdown}."""
    entries = collect_actors([normalize_sheet(s) for s in sheets])
    pages = {f"{ACTORS}.md": _actor_index(entries, env)}
    for entry in entries:
        for number in range(1, actor_page_count(entry) + 1):
            pages[actor_page_uri(entry.id, number)] = render_actor(entry, env, number)
    return pages


def actor_pages(entries: list[SheetFile], env: jinja2.Environment, templates: str,
                cache: RenderCache) -> dict[str, str]:
    """The actor index and the actor pages, each rendered again only if a sheet it is made
    from changed: the index from every sheet's actors, an actor's pages from its mentions."""
    sheets = [normalized(e) for e in entries]
    keys = {id(sheet): e.digest for sheet, e in zip(sheets, entries)}
    actors = collect_actors(sheets)
    index_key = (templates, tuple(_actors_fingerprint(e) for e in entries))
    pages = {f"{ACTORS}.md": cache.page(f"{ACTORS}.md", index_key,
                                        lambda: _actor_index(actors, env))}
    for actor in actors:
        made_from = tuple(keys[id(m.sheet)] for m in actor.mentions)
        for number in range(1, actor_page_count(actor) + 1):
            pages[actor_page_uri(actor.id, number)] = cache.page(
                actor_page_uri(actor.id, number), (templates, number, made_from),
                lambda actor=actor, number=number: render_actor(actor, env, number))
    return pages


def render_actor(entry: ActorEntry, env: jinja2.Environment, number: int = 1) -> str:
    """Page `number` of an actor: who they are, and ACTOR_PAGE_SIZE of the explainers that
    mention them (newest first) with what they said there."""
    start = (number - 1) * ACTOR_PAGE_SIZE
    mentions = entry.mentions[start:start + ACTOR_PAGE_SIZE]
    here = actor_page_uri(entry.id, number)
    return env.get_template("actor.md.j2").render(
        entry=entry, mentions=mentions, root="../" * here.count("/"),
        quotes=[(q, m) for m in mentions for q in m.quotes],
        first=start + 1, last=start + len(mentions),
        newer=_link(here, actor_page_uri(entry.id, number - 1)) if number > 1 else None,
        older=_link(here, actor_page_uri(entry.id, number + 1))
        if number < actor_page_count(entry) else None)


def actor_page_count(entry: ActorEntry) -> int:
    """How many pages the actor's explainers fill (one at least)."""
    return max(1, -(-len(entry.mentions) // ACTOR_PAGE_SIZE))


def actor_page_uri(actor_id: str, number: int) -> str:
    """actor/<id>.md for the first page, actor/<id>/<number>.md for the others."""
    actor_id = check_id(actor_id)
    return f"{ACTOR_DIR}/{actor_id}.md" if number == 1 else f"{ACTOR_DIR}/{actor_id}/{number}.md"


def _actor_index(entries: list[ActorEntry], env: jinja2.Environment) -> str:
    return env.get_template("actors.md.j2").render(sections=index_sections(entries))


def _link(here: str, there: str) -> str:
    """A relative link from page uri `here` to page uri `there` (both from the site root)."""
    return os.path.relpath(there, os.path.dirname(here) or ".").replace(os.sep, "/")


# ---- what a sheet file gives the listings, computed once per version of the file ----------

def normalized(entry: SheetFile) -> dict:
    """The entry's sheet with every optional key present."""
    return entry.derive("normalized", lambda: normalize_sheet(entry.sheet))


def updated(entry: SheetFile) -> str | None:
    """The entry's newest source date."""
    return entry.derive("updated", lambda: newest_date(entry.sheet))


def _actors_fingerprint(entry: SheetFile) -> str:
    """A hash of what the actor index shows from this sheet: its actors and its date."""
    return entry.derive("actors", lambda: digest(
        repr((normalized(entry)["actors"], updated(entry))).encode("utf-8")))
