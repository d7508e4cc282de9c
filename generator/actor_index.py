"""Actors across explainers: one entry per actor id, with every explainer that mentions it.

An actor's id is its identity on the site: the same id in two fact sheets is the same actor,
with one page listing both explainers. The name, type and description shown on that page are
the ones the sheets agree on most (the fullest name, the commonest type, the newest gloss).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from generator.pagedata import newest_date

TYPE_LABELS = {"person": "Person", "organization": "Organisation", "country": "Country",
               "group": "Group"}
# Sections of the actor index, in order, with the actor types each one lists.
INDEX_SECTIONS = (("People", "person"), ("Organisations", "organization"),
                  ("Countries", "country"), ("Groups", "group"), ("Others", None))


@dataclass
class Mention:
    """One explainer's mention of an actor: the sheet, the actor there, and what it said."""

    sheet: dict
    """The explainer's fact sheet, normalised (every optional key present)."""
    actor: dict
    """The actor as that sheet gives it."""
    affiliation: dict | None
    """The actor it belongs to in that sheet, if any."""
    quotes: list[dict]
    """What the actor says in that explainer."""
    updated: str | None
    """The explainer's newest source date, YYYY-MM-DD."""


@dataclass
class ActorEntry:
    """An actor across the site: its id and every mention, newest explainer first.

    What it derives from the mentions is worked out once, on first use, after collect_actors
    has added them all: an actor in thousands of explainers has dozens of pages, and each
    page's template reads these many times.
    """

    id: str
    mentions: list[Mention] = field(default_factory=list)

    @cached_property
    def name(self) -> str:
        """The fullest form of the name any sheet gives."""
        return max((str(m.actor["name"]) for m in self.mentions), key=len)

    @cached_property
    def type(self) -> str | None:
        """The type most sheets give (the newest sheet's on a tie)."""
        types = Counter(m.actor.get("type") for m in self.mentions if m.actor.get("type"))
        return types.most_common(1)[0][0] if types else None

    @cached_property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.type, "Actor")

    @cached_property
    def description(self) -> str | None:
        """The newest sheet's gloss ("Palestinian militant group"), if any gives one."""
        return next((m.actor["description"] for m in self.mentions
                     if m.actor.get("description")), None)

    @cached_property
    def roles(self) -> list[str]:
        """Every role the sheets give, newest first, each once."""
        return _unique(m.actor.get("role") for m in self.mentions)

    @cached_property
    def aliases(self) -> list[str]:
        """Other forms of the name, each once, without the name itself."""
        names = _unique(str(n) for m in self.mentions
                        for n in [m.actor["name"], *(m.actor.get("aliases") or [])])
        return [n for n in names if n.casefold() != self.name.casefold()]

    @cached_property
    def quotes(self) -> list[tuple[dict, Mention]]:
        """(quote, mention) for everything the actor says, newest explainer first."""
        return [(q, m) for m in self.mentions for q in m.quotes]


def collect_actors(sheets: list[dict]) -> list[ActorEntry]:
    """Every actor of the normalised sheets, sorted by name; mentions newest explainer first."""
    entries: dict[str, ActorEntry] = {}
    dated = sorted(((newest_date(s), s) for s in sheets), key=lambda d: d[0] or "", reverse=True)
    for updated, sheet in dated:
        by_id = {a["id"]: a for a in sheet["actors"]}
        for actor in sheet["actors"]:
            entry = entries.setdefault(actor["id"], ActorEntry(actor["id"]))
            entry.mentions.append(Mention(
                sheet=sheet, actor=actor, affiliation=by_id.get(actor.get("affiliation")),
                quotes=[q for q in sheet["quotes"] if q.get("speaker") == actor["id"]],
                updated=updated))
    return sorted(entries.values(), key=lambda e: (e.name.casefold(), e.id))


def index_sections(entries: list[ActorEntry]) -> list[tuple[str, list[ActorEntry]]]:
    """The actor index's sections (People, Organisations ...), leaving out empty ones."""
    known = {kind for _, kind in INDEX_SECTIONS if kind}

    def section_of(entry: ActorEntry) -> str | None:
        return entry.type if entry.type in known else None

    sections = [(title, [e for e in entries if section_of(e) == kind])
                for title, kind in INDEX_SECTIONS]
    return [(title, items) for title, items in sections if items]


def _unique(values) -> list[str]:
    """The non-empty values as text, each once (ignoring case), in order."""
    seen, out = set(), []
    for value in values:
        text = str(value) if value else ""
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            out.append(text)
    return out
