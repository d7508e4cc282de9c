"""N realistic, deterministic articles for the benchmark, varied from the dev articles.

Article n is dev article `n % 14` (of the 14) with its people renamed, its places moved, its numbers
scaled and its publication date shifted, all chosen by n alone, so the same N always gives the
same corpus. Articles come in stories of STORY articles sharing one cast of people and places
(new names for each story, drawn with a skew so a few people recur across stories, as in a
newsroom following long stories); organisations and countries are kept, so they recur as they
do in the news. Each title starts with the variant's place and a running
number, so every article has its own slug.

    .venv/bin/python bench/corpus.py 1000 /tmp/articles
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.articles import Article, read_article

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"
ARTICLES, GOLD = SHARED / "articles", SHARED / "gold"
# Cities the gazetteer knows, for moving a story somewhere else.
CITIES = ("Nairobi", "Lagos", "Lima", "Manila", "Warsaw", "Madrid", "Toronto", "Cairo",
          "Jakarta", "Dhaka", "Bogota", "Santiago", "Athens", "Prague", "Vienna", "Lisbon",
          "Dublin", "Oslo", "Helsinki", "Kyiv", "Tunis", "Accra", "Dakar", "Hanoi", "Seoul",
          "Osaka", "Sydney", "Auckland", "Quito", "Caracas", "Havana", "Amman", "Beirut",
          "Baghdad", "Kabul", "Karachi", "Mumbai", "Kolkata", "Chennai", "Colombo")
FIRST_DAY = dt.date(2023, 1, 1)
# Articles per story: variants n, n + 14, ... of a dev article share a cast and places in
# runs of STORY, as the articles of one long story do.
STORY = 5
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\w])|(?<![\w.,])\d+(?![\w,])")


@dataclass(frozen=True)
class Base:
    """A dev article and the names in it that a variant replaces."""

    article: Article
    people: tuple[str, ...]
    """Full names of people ("Harry Reid"), longest first."""
    places: tuple[str, ...]
    """Places that are not also actors (cities, regions), longest first."""


def make_articles(count: int, out_dir: Path) -> list[Path]:
    """Write `count` articles as Markdown with front matter into out_dir; their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    bases = load_bases()
    pool = name_pool(bases)
    paths = []
    for n in range(count):
        path = out_dir / f"{n:05d}.md"
        path.write_text(variant(bases, n, pool), encoding="utf-8")
        paths.append(path)
    return paths


@cache
def load_bases() -> list[Base]:
    """The dev articles, each with the people and places its gold sheet names."""
    bases = []
    for path in sorted(ARTICLES.iterdir()):
        gold = yaml.safe_load((GOLD / f"{path.stem}.yaml").read_text(encoding="utf-8"))
        actors = {a["name"] for a in gold.get("actors") or []}
        people = [a["name"] for a in gold.get("actors") or []
                  if a.get("type") == "person" and _is_full_name(a["name"])]
        places = [p["name"] for p in gold.get("places") or []
                  if p["name"] not in actors and p["name"][:1].isupper() and len(p["name"]) > 3]
        bases.append(Base(read_article(path), tuple(sorted(people, key=len, reverse=True)),
                          tuple(sorted(places, key=len, reverse=True))))
    return bases


def name_pool(bases: list[Base]) -> tuple[list[str], list[str]]:
    """Every first name and every surname of the dev articles' people."""
    firsts = sorted({p.split()[0] for b in bases for p in b.people})
    lasts = sorted({p.split()[-1] for b in bases for p in b.people})
    return firsts, lasts


def variant(bases: list[Base], n: int, pool: tuple[list[str], list[str]]) -> str:
    """Article n: its base with people, places, numbers and date changed, as Markdown."""
    base, turn = bases[n % len(bases)], n // len(bases)
    rng, cast = random.Random(n), random.Random(f"{n % len(bases)}/{turn // STORY}")
    renames = _people(base, cast, pool) + _places(base, cast)
    factor = 1 + rng.randrange(1, 40) / 20
    city = renames[-1][1] if base.places else cast.choice(CITIES)

    def change(text: str) -> str:
        for old, new in renames:
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        return NUMBER.sub(lambda m: _scaled(m[0], factor), text)

    a = base.article
    published = FIRST_DAY + dt.timedelta(days=(n * 7919) % 1100)
    meta = {"title": f"{city} ({n}): {change(a.title)}", "published": str(published),
            "publisher": a.publisher or "Wikinews", "url": f"https://example.org/news/{n}"}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"---\n{front}---\n\n" + "\n\n".join(change(p) for p in a.paragraphs) + "\n"


def _people(base: Base, rng: random.Random, pool) -> list[tuple[str, str]]:
    """(old, new) full names and surnames; names skewed so a few people recur often."""
    firsts, lasts = pool
    renames, surnames = [], []
    for person in base.people:
        first = firsts[int(len(firsts) * rng.random() ** 2)]
        last = lasts[int(len(lasts) * rng.random() ** 2)]
        renames.append((person, f"{first} {last}"))
        surnames.append((person.split()[-1], last))
    return renames + surnames


def _places(base: Base, rng: random.Random) -> list[tuple[str, str]]:
    return [(place, rng.choice(CITIES)) for place in base.places]


def _scaled(text: str, factor: float) -> str:
    """A number scaled by factor, written as it was (with or without commas); years kept."""
    value = int(text.replace(",", ""))
    if 1900 <= value <= 2100 and "," not in text:
        return text
    scaled = max(1, round(value * factor)) if value else 0
    return f"{scaled:,}" if "," in text else str(scaled)


def _is_full_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


if __name__ == "__main__":
    made = make_articles(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(made)} articles in {sys.argv[2]}")
