"""Who "the bank" is: a figure's source given as a description, named from the story's actors.

News names a body once and then calls it by what it is: "the Banco Nacional de Angola ... the
bank said", "Acme Corp ... the company said", "Finance Minister Ana Silva ... the minister
said". A reader of the figure card sees only "according to the bank"; when exactly one actor
of the story fits the description, the card names it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.model import Actor, Figure

DESCRIPTION = re.compile(r"^the\s+(?:[a-z]+\s+){0,2}(?P<head>[a-z]+)$", re.IGNORECASE)
# What an organisation's name holds when it is one of these ("Banco ...", "Acme Corp").
ORG_MARKERS = {
    "bank": {"bank", "banco", "banque", "bancorp"},
    "company": {"inc", "corp", "corporation", "co", "ltd", "plc", "llc", "company", "group",
                "holdings", "industries", "motor", "motors", "airlines"},
    "ministry": {"ministry", "ministerio", "ministere", "ministère"},
    "agency": {"agency", "agencia", "agence"},
    "union": {"union", "unions"},
    "court": {"court", "tribunal"},
}
ORG_MARKERS["firm"] = ORG_MARKERS["company"]
ORG_MARKERS["lender"] = ORG_MARKERS["bank"] | {"fund"}
SAME_WORD = {"council", "committee", "commission", "board", "party", "authority", "department",
             "police", "army", "institute", "university", "foundation", "fund"}
PERSON_HEADS = {"minister", "president", "spokesman", "spokeswoman", "spokesperson", "governor",
                "mayor", "chairman", "chairwoman", "chair", "secretary", "director", "chief",
                "prosecutor", "judge", "ambassador", "commander", "leader", "premier"}


def named_sources(figures: list[Figure], actors: list[Actor]) -> list[Figure]:
    """The figures, each source that is a description fitting one actor named instead."""
    names: dict[str, str | None] = {}
    out = []
    for f in figures:
        source = f.according_to
        if source and source not in names:
            names[source] = _fitting(source, actors)
        name = names.get(source) if source else None
        out.append(replace(f, according_to=name) if name else f)
    return out


def _fitting(description: str, actors: list[Actor]) -> str | None:
    """The name of the one actor a description ("the bank", "the finance minister") fits."""
    m = DESCRIPTION.match(description.strip())
    if m is None:
        return None
    head = m["head"].lower()
    if head in PERSON_HEADS:
        fits = [a for a in actors if a.type == "person" and a.role
                and head in _words(a.role) and _words(description) - {"the"} <= _words(a.role)]
    else:
        markers = ORG_MARKERS.get(head) or ({head} if head in SAME_WORD else None)
        if markers is None:
            return None
        fits = [a for a in actors if a.type == "organization" and markers & _words(a.name)]
    return fits[0].name if len(fits) == 1 else None


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-zà-ÿ]+", text.lower()))
