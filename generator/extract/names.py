"""Matching a mention ("Netanyahu", "Al-Qanoua", "the U.S.") to an actor already found."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator.model import Actor


@lru_cache(maxsize=1 << 14)  # a story merge asks it of every actor's names, for every actor
def name_key(text: str) -> str:
    """Case-, accent- and punctuation-blind form of a name, without a leading 'the'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2019]s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def actor_keys(actor: Actor) -> set[str]:
    """Every form an actor can be mentioned by; a person's surname too."""
    keys = {name_key(n) for n in [actor.name, *actor.aliases] if n}
    if actor.type == "person":
        for key in list(keys):
            parts = key.split()
            if len(parts) > 1:
                keys.add(parts[-1])
                keys.add(" ".join(parts[-2:]))
    keys.discard("")
    return keys


def find_actor(actors: list[Actor], mention: str) -> Actor | None:
    """The actor a mention names: exact name or alias first, then a person's surname."""
    key = name_key(mention)
    if not key:
        return None
    for actor in actors:
        if key in {name_key(n) for n in [actor.name, *actor.aliases]}:
            return actor
    for actor in actors:
        if key in actor_keys(actor):
            return actor
    return None
