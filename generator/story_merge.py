"""Merging a new article's extraction into a story sheet, as one more source.

Works on plain data: the story's last generated version (the merge base) and the new
article's draft. The result is the story as ingest generates it now; `ingest` then merges it
into the editor's sheet three-way (`generator.merge`), so the editor's edits survive.

Every rule decides by the sources' publication dates (then paths), never by the order the
articles were ingested, so ingesting an older article after a newer one gives the same facts:

- actors join by name and alias (`find_actor`); `source` is the earliest source naming them;
  a role that differs between sources is kept in `roles`, and `role` is the newest;
- a phase keeps one `history` report per source; `status` is the newest known one;
- the same event reported twice (same date, most words shared) is one event: `source` is the
  earliest report, `also_in` the others; events are sorted by date;
- figures with the same unit and most measure words shared form a `series`; the same value
  twice is one figure with `also_in`; different values on the same publication date from
  different sources are noted in `review.notes` as disputed;
- quotes all stay, each with its source; places and review notes are added once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.extract.names import find_actor, name_key
from generator.model import Actor, copied
from generator.stories import STOPWORDS

SAME_EVENT = 0.6  # share of the words of `what` two reports of one event have in common
SAME_MEASURE = 0.5  # share of the words of `measure` two figures of one series share
DISPUTED = "disputed: "  # how a dispute note starts; the page finds them by it


def merge_article(story: dict, new: dict, sid: str) -> dict:
    """The story with the new article (a one-source extraction) merged in as source `sid`."""
    out = copied(story)
    _stamp_first_source(out)
    order = _order(out, new, sid)
    ids = _merge_actors(out, new.get("actors") or [], sid, order)
    _merge_places(out, new.get("places") or [])
    for phase in new.get("phases") or []:
        _merge_phase(out, phase, sid, order)
    for figure in new.get("figures") or []:
        _merge_figure(out, {**figure, "source": sid}, order)
    for event in new.get("events") or []:
        _merge_event(out, {**event, "source": sid}, order)
    _merge_quotes(out, new.get("quotes") or [], sid, ids)
    out["events"] = sorted(out.get("events") or [], key=lambda e: event_when(e, order))
    _add_notes(out, (new.get("review") or {}).get("notes", []))
    _renew_disputes(out, disputes(out, order))
    return out


def next_source_id(*sheets: dict) -> str:
    """s2, s3, ...: the first id no source of these sheets has."""
    taken = {s.get("id") for sheet in sheets for s in sheet.get("sources") or []}
    n = 1
    while f"s{n}" in taken:
        n += 1
    return f"s{n}"


def _order(out: dict, new: dict, sid: str) -> dict[str, tuple]:
    """Each source id's place in time: (published date, path); the new source appended."""
    source = {**(new.get("sources") or [{}])[0], "id": sid}
    sources = out.setdefault("sources", [])
    if not any(s.get("id") == sid for s in sources):
        sources.append(source)
    return {s["id"]: (str(s.get("published") or ""), str(s.get("path") or s.get("url") or ""))
            for s in sources}


def _stamp_first_source(out: dict) -> None:
    """A one-article sheet becoming a story: its facts get the provenance stories need."""
    first = (out.get("sources") or [{}])[0].get("id")
    published = (out.get("sources") or [{}])[0].get("published")
    for actor in out.get("actors") or []:
        actor.setdefault("source", first)
    for phase in out.get("phases") or []:
        if not phase.get("history"):
            phase["history"] = [{"status": phase.get("status"), "date": published,
                                 "source": first}]


def _merge_actors(out: dict, actors: list[dict], sid: str, order: dict) -> dict[str, str]:
    """Add or join each actor; the new extraction's id -> the story's id."""
    ids: dict[str, str] = {}
    story = out.setdefault("actors", [])
    for actor in actors:
        known = _find(story, actor)
        if known is None:
            known = {**actor, "id": _free_id(story, actor["id"]), "source": sid}
            story.append(known)
        else:
            _join_actor(known, actor, sid, order)
        ids[actor["id"]] = known["id"]
    for actor in story:  # affiliations name the story's ids
        actor["affiliation"] = ids.get(actor.get("affiliation"), actor.get("affiliation"))
    return ids


def _find(story: list[dict], actor: dict) -> dict | None:
    """The story's actor this one is: by name or any alias, a person's surname too."""
    known = [_as_actor(a) for a in story]
    for mention in [actor.get("name"), *(actor.get("aliases") or [])]:
        if mention and (hit := find_actor(known, mention)) is not None:
            return story[known.index(hit)]
    return None


def _as_actor(data: dict) -> Actor:
    return Actor(id=data.get("id"), name=str(data.get("name") or ""), type=data.get("type"),
                 role=data.get("role"), affiliation=None, aliases=list(data.get("aliases") or []),
                 description=None)


def _join_actor(known: dict, actor: dict, sid: str, order: dict) -> None:
    """Aliases and empty fields filled in; role history when the role differs."""
    names = {name_key(n) for n in [known.get("name"), *(known.get("aliases") or [])] if n}
    for alias in [actor.get("name"), *(actor.get("aliases") or [])]:
        if alias and name_key(alias) not in names:
            known.setdefault("aliases", []).append(alias)
            names.add(name_key(alias))
    for key in ("description", "affiliation"):
        known[key] = known.get(key) or actor.get(key)
    if order.get(sid, ("",)) < order.get(known.get("source"), ("~",)):
        known["source"] = sid
    _join_role(known, actor.get("role"), sid, order)


def _join_role(known: dict, role: str | None, sid: str, order: dict) -> None:
    """`roles` once two sources differ, oldest first; `role` is the newest source's."""
    if not role or (not known.get("roles") and name_key(role) == name_key(known.get("role") or "")):
        known["role"] = known.get("role") or role
        return
    roles = known.get("roles") or ([{"role": known["role"], "source": known.get("source")}]
                                   if known.get("role") else [])
    roles = [r for r in roles if r.get("source") != sid] + [{"role": role, "source": sid}]
    roles.sort(key=lambda r: order.get(r.get("source"), ("",)))
    known["roles"] = roles
    known["role"] = roles[-1]["role"]


def _free_id(story: list[dict], wanted: str) -> str:
    taken = {a.get("id") for a in story}
    n, candidate = 2, wanted
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate


def _merge_places(out: dict, places: list[dict]) -> None:
    known = {name_key(str(p.get("name"))) for p in out.setdefault("places", [])}
    for place in places:
        if name_key(str(place.get("name"))) not in known:
            out["places"].append(place)
            known.add(name_key(str(place.get("name"))))


def _merge_phase(out: dict, phase: dict, sid: str, order: dict) -> None:
    """One history report per source; status from the newest source that knows it."""
    phases = out.setdefault("phases", [])
    known = next((p for p in phases if p.get("number") == phase.get("number")), None)
    report = {"status": phase.get("status"), "date": order[sid][0] or None, "source": sid}
    if known is None:
        phases.append({**phase, "history": [report]})
        phases.sort(key=lambda p: p.get("number") or 0)
        return
    history = [r for r in known.get("history") or [] if r.get("source") != sid] + [report]
    history.sort(key=lambda r: order.get(r.get("source"), ("",)))
    known["history"] = history
    statuses = [r["status"] for r in history if r.get("status") not in (None, "unknown")]
    known["status"] = statuses[-1] if statuses else known.get("status")
    for key in ("name", "start", "start_text", "duration", "evidence"):
        known[key] = known.get(key) or phase.get(key)
    terms = known.setdefault("terms", [])
    terms += [t for t in phase.get("terms") or [] if t not in terms]


def _merge_figure(out: dict, figure: dict, order: dict) -> None:
    """Join a series (same unit, measure words shared); the same report twice is one figure."""
    figures = out.setdefault("figures", [])
    series = [f for f in figures if _same_series(f, figure)]
    same = next((f for f in series if _same_value(f, figure)), None)
    if same is not None:
        _join_report(same, figure, order, ("text", "evidence", "according_to", "measure"))
        return
    figures.append(figure)
    if series:
        members = [*series, figure]
        first = min(members, key=lambda f: order.get(f["source"], ("",)))
        for member in members:
            member["series"] = first.get("series") or first.get("measure")


def _same_series(a: dict, b: dict) -> bool:
    return a.get("unit") == b.get("unit") and \
        _similar(a.get("series") or a.get("measure"), b.get("measure")) >= SAME_MEASURE


def _same_value(a: dict, b: dict) -> bool:
    return (a.get("value"), a.get("value_high"), a.get("qualifier")) == \
        (b.get("value"), b.get("value_high"), b.get("qualifier"))


def _merge_event(out: dict, event: dict, order: dict) -> None:
    """The same event reported twice is one event, with both sources."""
    events = out.setdefault("events", [])
    same = next((e for e in events if _same_event(e, event)), None)
    if same is None:
        events.append(event)
    else:
        _join_report(same, event, order, ("date_text", "what", "evidence"))


def _same_event(a: dict, b: dict) -> bool:
    if a.get("date") != b.get("date") or (a.get("date") is None and
                                          a.get("date_text") != b.get("date_text")):
        return False
    return _similar(a.get("what"), b.get("what")) >= SAME_EVENT


def _join_report(known: dict, report: dict, order: dict, words: tuple[str, ...]) -> None:
    """Two sources report one fact: the earliest is `source` (its words), the others `also_in`."""
    ids = {known["source"], *(known.get("also_in") or []), report["source"]}
    ids = sorted(ids, key=lambda i: order.get(i, ("",)))
    if ids[0] == report["source"] != known["source"]:
        for key in words:
            known[key] = report.get(key)
    known["source"], known["also_in"] = ids[0], ids[1:]
    if not known["also_in"]:  # a re-ingest met its own report: no empty list in the sheet
        del known["also_in"]


def _merge_quotes(out: dict, quotes: list[dict], sid: str, ids: dict[str, str]) -> None:
    """Every quote stays, with its source; the same words by the same speaker once."""
    story = out.setdefault("quotes", [])
    for quote in quotes:
        quote = {**quote, "speaker": ids.get(quote.get("speaker"), quote.get("speaker")),
                 "source": sid}
        if not any(q.get("text") == quote["text"] and q.get("speaker") == quote["speaker"]
                   for q in story):
            story.append(quote)


def disputes(out: dict, order: dict) -> list[str]:
    """'disputed: ...' for each series with different values from different sources on one
    publication date, each value with its attribution and source."""
    notes = []
    groups: dict[tuple, list[dict]] = {}
    for figure in out.get("figures") or []:
        if figure.get("series"):
            day = order.get(figure.get("source"), ("",))[0]
            groups.setdefault((figure["series"], day), []).append(figure)
    for (series, day), figures in groups.items():
        values = {(f.get("value"), f.get("value_high")) for f in figures}
        if day and len(values) > 1 and len({f.get("source") for f in figures}) > 1:
            said = " vs ".join(f"{f.get('text')} ({f.get('according_to') or 'unattributed'}, "
                               f"{f.get('source')})" for f in figures)
            notes.append(f"{DISPUTED}{series} on {day}: {said}. Check which is right.")
    return notes


def _renew_disputes(out: dict, notes: list[str]) -> None:
    """Dispute notes as the story stands now: a series that grew replaces its old note."""
    review = out.setdefault("review", {"status": "draft", "notes": []})
    review["notes"] = [n for n in review.get("notes") or [] if not n.startswith(DISPUTED)]
    _add_notes(out, notes)


def _add_notes(out: dict, notes: list[str]) -> None:
    review = out.setdefault("review", {"status": "draft", "notes": []})
    have = review.setdefault("notes", [])
    have += [n for n in dict.fromkeys(notes) if n not in have]


def event_when(event: dict, order: dict) -> str:
    """An event's place on the timeline: its date, else its source's publication date."""
    return str(event.get("date") or order.get(event.get("source"), ("",))[0])


def _similar(a: object, b: object) -> float:
    """Jaccard share of content words: how alike two measures or two event texts are."""
    left, right = _words(a), _words(b)
    return len(left & right) / len(left | right) if left and right else 0.0


def _words(text: object) -> frozenset[str]:
    return _content_words(str(text or ""))


@lru_cache(maxsize=1 << 14)  # every figure and event of a story is compared again per article
def _content_words(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", name_key(text))
    return frozenset(w for w in words if w not in STOPWORDS)
