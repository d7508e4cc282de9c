"""Re-ingest without losing edits: a three-way merge of a fact sheet.

The way `cruft` and `copier update` update a generated project. Three versions of a sheet:

- base: the last generated version (kept in `content/.generated/`, see `sheets.base_path`);
- ours: the sheet as the editor left it;
- theirs: what the extraction makes of the article now.

Rules, per value: what the editor changed (ours differs from base) stays exactly as the editor
left it; what the editor did not touch takes the new extraction's value; when both changed it
differently, that is a conflict: the editor's value is kept, the conflict is reported with its
line and noted in `review.notes`. Lists of facts are merged item by item (`merge_lists`), so an
item the editor deleted stays deleted, an item the editor added stays, and a new extracted
item is added. A value or item the editor put a comment on is never removed. The
merge edits the editor's sheet in place with ruamel.yaml's round trip, so comments, key order
and formatting survive.

The round trip costs a second on a story of dozens of sources, for every article, so two
kinds of sheet skip it (`generator.ingest` picks): one the editor left as generated
(`merge_unedited`: the result is the new extraction, and `merge_count` counts what changed)
and one whose text is what `dump_sheet` writes of its data, with no comments
(`merge_canonical`: the same walk on plain data, written by dump_sheet). Tests hold both to
the round trip's data, counts and conflict lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq

from generator.merge_count import count_unedited
from generator.merge_lists import IDENTITY, merge_entries, merge_records
from generator.merge_report import (
    MISSING,
    Conflict,
    MergeReport,
    Missing,
    add_notes,
    at_path,
    lines_of,
    show,
    steps_of,
)
from generator.model import REFERENCES, copied
from generator.sheets import dump_roundtrip, load_roundtrip, to_roundtrip


class MergeError(Exception):
    """The editor's sheet cannot be read for a merge; the message says why."""


@dataclass
class Merge:
    """The merged sheet's text and what happened."""

    text: str
    report: MergeReport


def merge_sheet(ours_text: str, theirs: dict, base: dict | None) -> Merge:
    """Merge the new extraction into the editor's sheet; base None: no base was stored.

    Without a base nothing tells an edit from an old extraction, so the editor's sheet is
    kept as it is and only items the extraction finds and the sheet lacks are added.
    """
    try:
        ours = load_roundtrip(ours_text)
    except Exception as e:  # ruamel raises many kinds; all mean "cannot read"
        raise MergeError(f"cannot read the sheet for a merge: {e}") from e
    if not isinstance(ours, CommentedMap):
        raise MergeError("the sheet is not a mapping of keys; cannot merge into it")
    if base is None:
        base = {k: [] if k in IDENTITY else v for k, v in theirs.items()}
    merger = _Merger()
    merger.mapping(plain(base), ours, theirs, in_item=False)
    merger.finish(ours)
    if not merger.report.changes:
        return Merge(ours_text, merger.report)
    text = dump_roundtrip(ours)
    lines_of(text, merger.report.conflicts)
    return Merge(text, merger.report)


def merge_unedited(theirs: dict, base: dict) -> MergeReport | None:
    """What `merge_sheet` reports for a sheet the editor left as generated (its text is the
    stored base's), without its round trip, whose cost grows with the sheet: merged, such a
    sheet is the new extraction as generated. None when that merge would conflict or add a
    note (an id clash): then `merge_canonical` says what to write.
    """
    return count_unedited(plain(theirs), plain(base))


def merge_canonical(ours: dict, theirs: dict, base: dict) -> tuple[dict, MergeReport]:
    """`merge_sheet` for a sheet whose text is what `sheets.dump_sheet` writes of its data:
    no comments, no formatting of the editor's, so its data is all there is to keep. The same
    merge, on plain data (as `plain` gives it), without the round trip; the merged data, for
    dump_sheet to write. (Its conflicts have no lines yet: `merge_report.lines_of` the
    written text.)
    """
    merged, report, _ = _merge_plain(ours, theirs, base)
    return merged, report


def _merge_plain(ours: dict, theirs: dict, base: dict) -> tuple[dict, MergeReport, list[str]]:
    """The merge walk on plain data, edited in a copy of ours: the merged data, the report,
    the notes it added. (Plain dicts and lists all through: a story merge takes one per
    article, and building the story as round-trip types cost as much as the walk.)"""
    merger, merged = _Merger(roundtrip=False), copied(ours)
    merger.mapping(base, merged, theirs, in_item=False)
    notes = merger.finish(merged)
    return merged, merger.report, notes


class _Merger:
    """One merge: walks the three versions, edits ours in place, counts and reports."""

    def __init__(self, *, roundtrip: bool = True) -> None:
        self.roundtrip = roundtrip
        """False: plain data (`_merge_plain`), which dump_sheet writes; new values are not
        made into round-trip data that dumps as dump_sheet would."""
        self.report = MergeReport()
        self.ids: dict[str, dict[str, str]] = {"actors": {}, "sources": {}}
        self.references: list[tuple[CommentedMap, str]] = []  # set by the merge, to check
        self.pending: list[tuple[Conflict, CommentedBase, str | None]] = []
        self.dropped: list[CommentedBase] = []

    def mapping(self, base: dict, ours: CommentedMap, theirs: dict, *, in_item: bool) -> None:
        """Merge key by key; a key only one side has counts as a change of that side."""
        for key in dict.fromkeys([*theirs, *ours, *base]):
            self.value(base.get(key, MISSING), ours, key, theirs.get(key, MISSING),
                       theirs, in_item)

    def value(self, b: object, parent: CommentedMap, key: str, t: object, theirs: dict,
              in_item: bool) -> None:
        """One key: recurse into mappings and lists, else apply the three-way rule."""
        o = parent.get(key, MISSING)
        if t == o and t == b and (in_item or key not in IDENTITY):
            return None  # as it was on all three sides: nothing to merge (a top-level list
            # of facts is walked all the same: merge_records keeps items it cannot match)
        # ours is round-trip data (CommentedMap, CommentedSeq), or plain data (_merge_plain)
        if isinstance(o, dict) and isinstance(t, dict) and isinstance(b, dict | Missing):
            return self.mapping({} if b is MISSING else b, o, t, in_item=True)
        po, pt = (plain(o), plain(t)) if self.roundtrip else (o, t)
        if isinstance(o, list) and isinstance(t, list) and isinstance(b, list | Missing):
            b = [] if b is MISSING else b
            if key in IDENTITY and not in_item:
                return merge_records(self, key, b, o, t, po)
            if all(_scalar(x) for x in [*b, *po, *pt]):
                return merge_entries(self, b, o, pt, list(po))  # po as it was: o changes
        if po == pt:
            return None
        removes_comment = t is MISSING and self.roundtrip \
            and (_commented(o) or bool(parent.ca.items.get(key)))
        if po == b and not removes_comment:
            self.take(parent, key, t, theirs, in_item)
        elif pt == b:
            self.report.kept += 1
        else:
            self.conflict(Conflict("", plain(po), pt), parent, key)
        return None

    def take(self, parent: CommentedMap, key: str, t: object, theirs: dict,
             in_item: bool) -> None:
        """The extraction's value where the editor left the base's: set, or removed."""
        self.report.updated += 1
        if t is MISSING:
            del parent[key]
            return
        value = self.convert(key, t, in_item)
        if key in parent:
            parent[key] = value
        else:
            order = list(theirs)
            before = [k for k in order[: order.index(key)] if k in parent]
            _insert(parent, list(parent).index(before[-1]) + 1 if before else 0, key, value)
        if key in REFERENCES:
            self.references.append((parent, key))

    def convert(self, key: str | None, value: object, in_item: bool = True) -> object:
        """The extraction's value as round-trip data, its ids renamed as the editor did."""
        if key in REFERENCES and isinstance(value, str):
            value = self.ids[REFERENCES[key]].get(value, value)
        return to_roundtrip(value, in_item=in_item) if self.roundtrip else copied(value)

    def new_item(self, kind: str, item: dict, ours: CommentedSeq) -> CommentedMap | None:
        """A fact the extraction found and the sheet lacks, ready to insert; None if its id
        is taken by another item of the editor's."""
        clash = [x for x in ours if isinstance(x, dict) and x.get("id") == item.get("id", MISSING)]
        if clash:
            why = (f"the new extraction has another {kind[:-1]} with this id "
                   f"({show(item.get('name') or item.get('title'))}); it was not added")
            self.conflict(Conflict("", plain(clash[0]["id"]), item["id"], why=why), clash[0], "id")
            return None
        item = {k: self.ids[REFERENCES[k]].get(v, v) if k in REFERENCES and isinstance(v, str)
                else v for k, v in item.items()}
        new = to_roundtrip(item) if self.roundtrip else copied(item)
        self.references += [(new, k) for k in REFERENCES if k in new]
        return new

    def drop_item(self, base_item: object, item: object) -> None:
        """An item the extraction no longer finds: gone unless the editor touched it."""
        if plain(item) == base_item and not _commented(item):
            self.report.removed += 1
            self.dropped.append(item)
        else:
            self.conflict(Conflict("", plain(item), MISSING), item, None)

    def note_id(self, kind: str, theirs: object, ours: object) -> None:
        """Remember the editor's id for an actor or source the extraction calls otherwise."""
        if kind in self.ids and isinstance(theirs, dict) and isinstance(ours, dict) \
                and isinstance(theirs.get("id"), str) and isinstance(ours.get("id"), str):
            self.ids[kind][theirs["id"]] = str(ours["id"])

    def conflict(self, conflict: Conflict, node: CommentedBase, key: str | None) -> None:
        self.report.conflicts.append(conflict)
        self.pending.append((conflict, node, key))

    def finish(self, ours: CommentedMap) -> list[str]:
        """Remove dropped items, clear references the merge left dangling, note conflicts;
        the notes added to review.notes."""
        dropped = {id(d) for d in self.dropped}  # alive: self.dropped holds them
        for seq in ours.values():
            if isinstance(seq, list) and dropped:
                for i in reversed(range(len(seq))):
                    if id(seq[i]) in dropped:
                        del seq[i]  # (ruamel moves the comments of the items after it)
        paths = _Paths(ours)
        notes = [self.dangling(paths, parent, key) for parent, key in self.references]
        for conflict, node, key in self.pending:
            conflict.steps = paths.steps.get(id(node), ()) + ((key,) if key is not None else ())
            conflict.at = at_path(conflict.steps)
            notes.append(f"Re-ingest {conflict.message}. Settle it, then delete this note.")
        notes = [n for n in notes if n]
        add_notes(ours, notes)
        return notes

    def dangling(self, paths: _Paths, parent: dict, key: str) -> str | None:
        """A reference the merge set to an id the sheet lacks (the editor deleted it): null."""
        kind = REFERENCES[key]
        value = parent.get(key)
        if value is None or value in paths.ids(kind) or id(parent) not in paths.steps:
            return None
        parent[key] = None
        self.report.updated += 1
        at = at_path((*paths.steps[id(parent)], key))
        return (f"Re-ingest: the new extraction set {at} to '{value}', which is not in "
                f"{kind} (deleted?); it was left empty.")


class _Paths:
    """Where things are in the merged sheet, found when first asked for: most merges set no
    reference the sheet lacks and report no conflict, and need neither."""

    def __init__(self, ours: dict) -> None:
        self.ours = ours
        self._ids: dict[str, set] = {}

    @cached_property
    def steps(self) -> dict[int, tuple]:
        """steps_of(ours): the path of every mapping and list, by object id."""
        return steps_of(self.ours)

    def ids(self, kind: str) -> set:
        """The ids in a list of facts (actors, sources)."""
        if kind not in self._ids:
            self._ids[kind] = {x.get("id") for x in self.ours.get(kind) or []
                               if isinstance(x, dict)}
        return self._ids[kind]


def _insert(mapping: dict, position: int, key: str, value: object) -> None:
    """Set a new key at a position of a mapping: ruamel's insert, or the same for a dict."""
    if isinstance(mapping, CommentedMap):
        mapping.insert(position, key, value)
        return
    items = list(mapping.items())
    items.insert(position, (key, value))
    mapping.clear()
    mapping.update(items)


def plain(value: object) -> object:
    """Plain Python data to compare versions with: dates as text, ruamel types as builtins."""
    if type(value) in _PLAIN_SCALARS:  # most values: nothing to convert
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    return value


_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})


def _scalar(value: object) -> bool:
    return not isinstance(value, dict | list)


def _commented(node: object) -> bool:
    """Whether the editor wrote a comment (or blank line) in this mapping or list."""
    if not isinstance(node, CommentedBase):
        return False
    ca = node.ca
    if ca.comment or ca.end or any(any(x for x in v if x) for v in ca.items.values() if v):
        return True
    children = node.values() if isinstance(node, dict) else node
    return any(_commented(child) for child in children)

