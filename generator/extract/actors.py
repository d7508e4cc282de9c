"""Actors and places of an article: people, organisations, countries and groups; cities,
regions and sites. Rule-based and deterministic, in three passes over the article's
capitalised runs (see runs.py):

1. classify each run of several words by what it is made of and the cues around it
   (classify_runs.py): gazetteer names, titles and roles, organisation and site heads,
   first names, appositions, speech verbs, "Full Name (ACRONYM)";
2. settle single words and leftovers against what pass 1 found (surnames, acronyms, short
   forms) and by weaker cues (resolve_runs.py);
3. build the actors and places in order of first mention, each with the sentence that first
   names it; the article's publisher is a source, never an actor.
"""

from __future__ import annotations

import re

from slugify import slugify

from generator.articles import Article
from generator.extract import gazetteer as gz
from generator.extract.classify_runs import Classifier
from generator.extract.registry import Book, Entry, name_key
from generator.extract.resolve_runs import Resolver
from generator.extract.runs import runs, tokenize
from generator.model import Actor, Place

ACTOR_KINDS = ("person", "organization", "country", "group")
# Wire-copy credit lines: the journalists are not actors of the story.
CREDIT_LINE = re.compile(
    r"^\(?(?:Additional )?(?:Reporting|Writing|Editing|Compiled)\b.*\bby\b", re.IGNORECASE)

REGION_WORDS = {"strip", "province", "region", "territory", "governorate", "state", "oblast",
                "prefecture", "peninsula", "valley"}

_last: dict = {"article": None, "book": None}


def extract_actors(article: Article) -> list[Actor]:
    """Every person named, and every organisation, country or group the article names."""
    book = _analyse(article)
    ids = _ids(book)
    out = []
    for e in _shown(book, article):
        if e.kind not in ACTOR_KINDS:
            continue
        out.append(Actor(
            id=ids[id(e)], name=e.name, type=e.kind, role=e.role,
            affiliation=ids.get(id(e.affiliation)) if e.affiliation else None,
            aliases=_aliases(e), description=e.description,
            evidence=article.sentences[e.first].text,
        ))
    return out


def extract_places(article: Article, actors: list[Actor]) -> list[Place]:
    """Named places: countries named as such, regions, cities, sites; the dateline's too."""
    book = _analyse(article)
    out = []
    for e in _shown(book, article):
        if e.is_place:
            out.append(Place(name=e.name, type="country" if e.kind == "country" else e.kind,
                             aliases=_aliases(e), evidence=article.sentences[e.first].text))
    if article.dateline and not any(name_key(p.name) == name_key(article.dateline) for p in out):
        place = gz.city(article.dateline, 0) or gz.region(article.dateline)
        country = gz.country(article.dateline)
        kind = "country" if country else place.type if place else "city"
        name = country.name if country else place.name if place else article.dateline
        out.insert(0, Place(name=name, type=kind, aliases=[article.dateline]
                            if name_key(name) != name_key(article.dateline) else []))
    return out


def _analyse(article: Article) -> Book:
    """The registry of an article, computed once for both extractors."""
    if _last["article"] is article:
        return _last["book"]
    book = Book()
    classifier = Classifier(book)
    for sentence in article.sentences:
        if CREDIT_LINE.match(sentence.text):
            continue
        for run in runs(sentence.index, tokenize(sentence.text)):
            classifier.classify(run)
    Resolver(classifier).resolve(classifier.pending)
    _merge_regions(book)
    _affiliate(book, article)
    _last.update(article=article, book=book)
    return book


def _shown(book: Book, article: Article) -> list[Entry]:
    """Entries worth a line in the sheet, in order of first mention."""
    publisher = name_key(article.publisher or "")
    out = []
    for e in sorted(book.entries, key=lambda x: x.first):
        keys = {name_key(e.name), *map(name_key, e.forms)}
        if publisher and publisher in keys:
            continue
        if e.kind == "group" and not ("apposition" in e.cues or e.nouns >= 2):
            continue
        if e.kind == "country" and "strong" not in e.cues:
            continue
        out.append(e)
    return out


def _merge_regions(book: Book) -> None:
    """'Gaza' and 'Gaza Strip' in one article are one region."""
    regions = [e for e in book.entries if e.kind == "region"]
    for small in regions:
        for big in regions:
            rest = big.name[len(small.name):].strip().lower()
            if big is not small and big.name.startswith(small.name + " ") and rest in REGION_WORDS:
                book.absorb(small, big)
                break


def _affiliate(book: Book, article: Article) -> None:
    """A person's affiliation: the country, group or organisation named in the role, or the
    body named right after the name ("Aaron David Miller of the Woodrow Wilson Center")."""
    for e in book.entries:
        if e.kind == "person" and e.affiliation is None:
            e.affiliation = _named_in(book, e.role) or _named_after(book, e)


def _named_in(book: Book, role: str | None) -> Entry | None:
    if not role:
        return None
    text = f" {name_key(role)} "
    best = None
    for e in book.entries:
        if e.kind not in {"organization", "country", "group"}:
            continue
        for form in [e.name, *e.forms]:
            key = name_key(form)
            pos = text.find(f" {key} ")
            if key and pos >= 0 and (best is None or (pos, -len(key)) < best[0]):
                best = ((pos, -len(key)), e)
    return best[1] if best else None


def _named_after(book: Book, e: Entry) -> Entry | None:
    for body in e.bodies:
        found = book.find(body)
        if found and found.kind in {"organization", "country", "group"}:
            return found
    return None


def _ids(book: Book) -> dict[int, str]:
    """Unique [a-z0-9-]+ ids from names."""
    out, used = {}, set()
    for e in sorted(book.entries, key=lambda x: x.first):
        base = slugify(e.name) or "actor"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[id(e)] = slug
    return out


def _aliases(e: Entry) -> list[str]:
    """Other forms the article uses, once each, without possessives."""
    seen, out = {name_key(e.name)}, []
    for form in e.forms:
        form = re.sub(r"['\u2019]s?$", "", form).strip()
        key = name_key(form)
        if key and key not in seen:
            seen.add(key)
            out.append(form)
    return out
