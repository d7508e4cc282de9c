"""Which story an article belongs to: matching a new article to the sheets already written.

A story is one fact sheet fed by many articles. A new article joins a story explicitly
(`story: slug` in its front matter, or `explainers ingest --story slug`) or by what it shares
with a sheet: actors (by normalised name and alias, a person's surname too), places, and the
key terms of the title and lede. The score, documented in README.md ("Stories"):

    score = 0.5 * overlap(actors) + 0.2 * overlap(places) + 0.3 * overlap(terms)
    overlap(A, B) = |A and B| / max(min(|A|, |B|), floor)    floor: actors 2, places 1, terms 3

The overlap is measured against the smaller side, not the union (Jaccard), because a story
sheet grows with every article and a union would make a long story ever harder to join; the
floor of 3 keeps an article with one actor from matching everything that names it. A part
that both sides lack (no places at all) is left out and the weights of the others rescaled.
At or above MATCH_THRESHOLD the article merges into the best sheet; below, it starts a new
sheet and the nearest one is named. Never a silent merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.extract.names import name_key
from generator.sheets import load_sheet_data

MATCH_THRESHOLD = 0.4
WEIGHTS = {"actors": 0.5, "places": 0.2, "terms": 0.3}
FLOORS = {"actors": 2, "places": 1, "terms": 3}
SHOWN = 4  # shared names and terms shown on the ingest line

STOPWORDS = frozenset("""
a about after again against all also an and any are as at be been before being between both
but by can could did do does during each for from had has have he her his how in into is it
its last more most new no not now of off on once only or other our over said says she so some
than that the their them then there these they this those through to under until up was we
were what when where which while who will with would year years week weeks day days
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december reuters ap afp
""".split())  # noqa: SIM905 - a word list reads best as text


@dataclass
class Profile:
    """What a sheet or an article is about, as sets of normalised keys."""

    actors: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    """Each actor's display name and every key it can be mentioned by."""
    places: dict[str, str] = field(default_factory=dict)
    """Place key -> display name."""
    terms: set[str] = field(default_factory=set)


@dataclass
class Match:
    """How well an article fits one sheet, and why."""

    sheet: Path
    score: float
    shared: list[str]
    """Shared actors, places and terms, for the ingest line."""

    def describe(self) -> str:
        """'story match 0.82: Fiat, General Motors, put option'."""
        return f"story match {self.score:.2f}: {', '.join(self.shared[:SHOWN]) or 'nothing'}"


def profile(sheet: dict) -> Profile:
    """The profile of a sheet's plain data (an extraction or a sheet read from disk)."""
    out = Profile()
    for actor in _items(sheet, "actors"):
        keys = _actor_keys(actor)
        if keys:
            out.actors.append((str(actor.get("name") or ""), keys))
    for place in _items(sheet, "places"):
        if key := name_key(str(place.get("name") or "")):
            out.places[key] = str(place["name"])
    titles = [sheet.get("title"), sheet.get("summary"),
              *[s.get("title") for s in _items(sheet, "sources")]]
    out.terms = {t for text in titles if isinstance(text, str) for t in key_terms(text)}
    return out


def key_terms(text: str) -> set[str]:
    """Content words of a headline or lede: lower case, no stopwords, plural -s dropped."""
    words = re.findall(r"[a-z0-9]+", name_key(text))
    return {_singular(w) for w in words if len(w) > 2 and w not in STOPWORDS
            and not w.isdigit()}


def score(article: Profile, story: Profile) -> tuple[float, list[str]]:
    """The match score of an article against a story (the formula above), and what they share."""
    actors = [name for name, keys in article.actors
              if any(keys & other for _, other in story.actors)]
    places = [article.places[k] for k in article.places if k in story.places]
    terms = sorted(article.terms & story.terms)
    parts = {"actors": (len(actors), len(article.actors), len(story.actors)),
             "places": (len(places), len(article.places), len(story.places)),
             "terms": (len(terms), len(article.terms), len(story.terms))}
    used = {k: v for k, v in parts.items() if v[1] or v[2]}
    weight = sum(WEIGHTS[k] for k in used)
    total = sum(WEIGHTS[k] * _overlap(*v, FLOORS[k]) for k, v in used.items()) / weight \
        if weight else 0.0
    shown: dict[str, str] = {}
    for name in [*actors, *places, *terms]:  # "Rotterdam" the place, not "rotterdam" the term
        shown.setdefault(name_key(name), name)
    return round(total, 2), list(shown.values())


def rank_stories(article: dict, out_dir: Path, *, skip: Path | None = None) -> list[Match]:
    """Every readable sheet in the out folder scored against the article, best first."""
    mine = profile(article)
    matches = []
    for path in sorted(out_dir.glob("*.yaml")) if out_dir.is_dir() else []:
        data = _read(path)
        if data is None or path == skip:
            continue
        value, shared = score(mine, profile(data))
        matches.append(Match(path, value, shared))
    return sorted(matches, key=lambda m: -m.score)


def sheet_with_article(out_dir: Path, article_path: str) -> Path | None:
    """The sheet that already lists this article among its sources: a re-ingest."""
    for path in sorted(out_dir.glob("*.yaml")) if out_dir.is_dir() else []:
        data = _read(path)
        if data and any(s.get("path") == article_path for s in _items(data, "sources")):
            return path
    return None


def _read(path: Path) -> dict | None:
    """A sheet's plain data; None when it cannot be read (check reports it, not ingest)."""
    try:
        data = load_sheet_data(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # a broken sheet is no story
        return None
    return data if isinstance(data, dict) else None


def _items(sheet: dict, key: str) -> list[dict]:
    return [x for x in sheet.get(key) or [] if isinstance(x, dict)]


def _actor_keys(actor: dict) -> frozenset[str]:
    """Name and aliases, and for a person the surname: how another article may name them."""
    names = [actor.get("name"), *(actor.get("aliases") or [])]
    keys = {name_key(str(n)) for n in names if n}
    if actor.get("type") == "person":
        keys |= {k.split()[-1] for k in keys if len(k.split()) > 1}
    keys.discard("")
    return frozenset(keys)


def _overlap(shared: int, left: int, right: int, floor: int) -> float:
    return shared / max(min(left, right), floor)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") \
        else word
