"""The fact sheet's data model, in one place.

Each dataclass is one kind of fact in ../shared/FACTSHEET.md, its fields in the sheet's key
order. Extraction builds these; `sheets` writes them as YAML; the validator and the editors'
reference read the field types and the `doc` metadata from here, so a key is declared once.
Fields marked `extra` are this project's additions to the core keys (omitted when empty).
"""

from __future__ import annotations

import copy
import marshal
from dataclasses import dataclass, field, fields
from typing import Literal

SCHEMA_VERSION = 1
# Keys whose value is the id of an actor or a source, and the list it names.
REFERENCES = {"speaker": "actors", "affiliation": "actors", "source": "sources"}

ActorType = Literal["person", "organization", "country", "group"]
PlaceType = Literal["country", "region", "city", "site"]
PhaseStatus = Literal[
    "planned", "negotiating", "in_force", "completed", "suspended", "collapsed", "unknown"
]
Qualifier = Literal["exact", "more_than", "at_least", "less_than", "up_to", "about"]
ReviewStatus = Literal["draft", "reviewed"]


def doc(text: str, *, extra: bool = False, default=None, factory=None):
    """A dataclass field carrying its editor-facing description."""
    meta = {"doc": text, "extra": extra}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class Source:
    """An article the sheet was drawn from."""

    id: str = doc("Short id that facts refer to (s1, s2, ...).")
    title: str = doc("The article's headline.")
    publisher: str | None = doc("Who published it (Reuters, AP, BBC); null when unknown.")
    published: str | None = doc("Publication date, YYYY-MM-DD; null when unknown.")
    path: str | None = doc("Where the article file lives, relative to the project.")
    url: str | None = doc("The article's web address, when known.", extra=True)


@dataclass
class RoleChange:
    """One source's word on an actor's role, kept when a story's articles differ on it."""

    role: str = doc("The role as this source gives it.")
    source: str = doc("The id of the source that gives it.")


@dataclass
class Actor:
    """Who acts: a person, organisation, country or group."""

    id: str = doc("Unique in the sheet, [a-z0-9-]+; quotes and affiliations refer to it. "
                  "The same id in two sheets is the same actor, with one page on the site.")
    name: str = doc("The fullest form of the name the article gives.")
    type: ActorType = doc("person | organization | country | group.")
    role: str | None = doc("Title or function as the article gives it; null if none.")
    affiliation: str | None = doc("The id of the actor this one belongs to, or null.")
    aliases: list[str] = doc("Other forms the article uses.", factory=list)
    description: str | None = doc("A short gloss (\"Palestinian militant group\"), or null.")
    evidence: str | None = doc("The sentence that first names the actor.", extra=True)
    source: str | None = doc("In a story sheet: the id of the earliest source that names the "
                             "actor.", extra=True)
    roles: list[RoleChange] = doc(
        "In a story sheet, when its articles give the actor different roles: each role with "
        "the source that gives it, oldest first; `role` is the newest.", extra=True,
        factory=list)


@dataclass
class Place:
    """A named geographic place where something happens or that the story is about."""

    name: str = doc("The place's name.")
    type: PlaceType = doc("country | region | city | site.")
    aliases: list[str] = doc("Other forms the article uses.", factory=list, extra=True)
    evidence: str | None = doc("The sentence that first names the place.", extra=True)


@dataclass
class StatusReport:
    """One source's word on a phase's status: how a story's phase moved over time."""

    status: PhaseStatus = doc(
        "planned | negotiating | in_force | completed | suspended | collapsed | unknown.")
    date: str | None = doc("The source's publication date, YYYY-MM-DD; null when unknown.")
    source: str = doc("The id of the source that says so.")


@dataclass
class Phase:
    """One stage of the process the story is about."""

    number: int = doc("1-based position of the phase.")
    name: str | None = doc("The phase's name as written, or null if unnamed.")
    status: PhaseStatus = doc(
        "planned | negotiating | in_force | completed | suspended | collapsed | unknown."
    )
    start: str | None = doc("Start date YYYY-MM-DD, or null.")
    start_text: str | None = doc("The start as written (\"Jan. 19\"), or null.")
    duration: str | None = doc("The duration as written (\"six weeks\"), or null.")
    terms: list[str] = doc("What the phase does or is meant to do.", factory=list)
    evidence: str | None = doc("The sentence(s) the phase was drawn from.")
    history: list[StatusReport] = doc(
        "In a story sheet: the status each source gives, oldest first; `status` is the "
        "newest source's.", extra=True, factory=list)


@dataclass
class Figure:
    """A number that tells the reader something, with who says so."""

    value: int | float = doc("The number; for a range, its low end.")
    value_high: int | float | None = doc("The high end of a range.", extra=True)
    text: str = doc("The number as written, qualifier included (\"more than 47,000\").")
    qualifier: Qualifier = doc("exact | more_than | at_least | less_than | up_to | about.")
    unit: str | None = doc(
        "What a count counts (people, ships) or a measure's unit (percent, USD, weeks)."
    )
    measure: str | None = doc("What the number counts or measures.")
    according_to: str | None = doc("Who says so, as the article attributes it; null if nobody.")
    evidence: str = doc("The sentence the figure stands in.")
    source: str = doc("The id of the source it came from.")
    series: str | None = doc(
        "In a story sheet: the measure this figure reports over time; figures with the same "
        "series are shown as one series, newest first.", extra=True)
    also_in: list[str] = doc("Ids of later sources that report the same figure.", extra=True,
                             factory=list)


@dataclass
class Event:
    """A dated or datable happening on the timeline."""

    date: str | None = doc("YYYY-MM-DD, YYYY-MM or YYYY; null when the article gives no way to know.")
    date_text: str | None = doc("The date as written (\"Tuesday\", \"Oct. 7\"), or null.")
    what: str = doc("What happened or is scheduled.")
    evidence: str = doc("The sentence the event was drawn from.")
    source: str = doc("The id of the source it came from.")
    also_in: list[str] = doc("Ids of later sources that report the same event.", extra=True,
                             factory=list)


@dataclass
class Quote:
    """A direct quotation: words inside quotation marks."""

    text: str = doc("The words inside the marks, trailing comma dropped.")
    speaker: str | None = doc("The id of the actor who said it; null when the article does not say.")
    evidence: str = doc("The whole sentence(s) the quote stands in.")
    source: str = doc("The id of the source it came from.")


@dataclass
class Review:
    """Where the sheet stands with its editor."""

    status: ReviewStatus = doc("draft (as generated) | reviewed (checked by an editor).")
    notes: list[str] = doc("What the generator could not settle and an editor should check.",
                           factory=list)


@dataclass
class FactSheet:
    """Everything one explainer page says, each fact with its evidence."""

    schema: int = doc("Version of the fact sheet format; 1.")
    slug: str = doc("The page's URL path, [a-z0-9-]+.")
    title: str = doc("The explainer's title.")
    summary: str | None = doc("One paragraph, the standfirst of the page.")
    sources: list[Source] = doc("The articles this sheet was drawn from.", factory=list)
    actors: list[Actor] = doc("Who acts.", factory=list)
    places: list[Place] = doc("Where things happen.", factory=list)
    phases: list[Phase] = doc("The stages of the process, where there are any.", factory=list)
    figures: list[Figure] = doc("Numbers, with who says so.", factory=list)
    events: list[Event] = doc("The timeline.", factory=list)
    quotes: list[Quote] = doc("What was said, word for word.", factory=list)
    unknowns: list[str] = doc(
        "Open questions the reporting leaves unanswered, one sentence each "
        "(\"When the second phase will start.\"); shown as \"What we don't know\".",
        extra=True, factory=list)
    review: Review = doc("Review state and notes for the editor.", factory=lambda: Review("draft"))


def to_plain(obj) -> object:
    """Dicts and lists in key order, ready for YAML; extra fields left out when empty."""
    if isinstance(obj, list):
        return [to_plain(x) for x in obj]
    if hasattr(obj, "__dataclass_fields__"):
        out = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.metadata.get("extra") and value in (None, [], ""):
                continue
            out[f.name] = to_plain(value)
        return out
    return obj


def copied(data: object) -> object:
    """A deep copy of sheet data: by marshal for plain data (a story of dozens of sources is
    copied for every article merged into it, and copy.deepcopy is about three times slower);
    by deepcopy for anything else (a date, a ruamel type)."""
    try:
        return marshal.loads(marshal.dumps(data))
    except ValueError:
        return copy.deepcopy(data)
