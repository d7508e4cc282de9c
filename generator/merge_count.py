"""What the three-way merge reports for a sheet the editor left as generated, counted.

When the editor's sheet is its stored base, `generator.merge`'s walk takes every value the new
extraction changed, and the merged sheet is the new extraction itself (the caller writes that);
only the ingest line's counts, and whether the merge would conflict or add a note, are left to
find. A story merge asks this once per article, of a sheet that grows with every source, so it
is found here on plain data, with nothing built: the walk, with ours equal to base at every
step. Tests hold it to the walk (`merge._merge_plain(base, theirs, base)`), case by case.
"""

from __future__ import annotations

from generator.merge_lists import IDENTITY, match
from generator.merge_report import MISSING, MergeReport
from generator.model import REFERENCES


def count_unedited(theirs: dict, base: dict) -> MergeReport | None:
    """The walk's report of merging `theirs` into an unedited sheet (`base`, as written);
    None when that merge would conflict or add a note (then the full merge says what)."""
    count = _Count()
    count.mapping(base, theirs, in_item=False)
    return None if count.troubled() else count.report


class _Count:
    """One count: the walk's rules where ours is base, and what finish() would check."""

    def __init__(self) -> None:
        self.report = MergeReport()
        self.ids: dict[str, dict[str, str]] = {kind: {} for kind in set(REFERENCES.values())}
        self.references: list[tuple[str, object]] = []  # (list, id) the merge sets
        self.known: dict[str, set] = {}  # each list's ids in the merged sheet
        self.clash = False

    def troubled(self) -> bool:
        """A clash of ids, or a reference set to an id the merged sheet lacks (a note)."""
        return self.clash or any(value is not None and value not in self.known.get(kind, ())
                                 for kind, value in self.references)

    def mapping(self, base: dict, theirs: dict, *, in_item: bool) -> None:
        for key in dict.fromkeys([*theirs, *base]):
            self.value(base.get(key, MISSING), key, theirs.get(key, MISSING), in_item)

    def value(self, b: object, key: str, t: object, in_item: bool) -> None:
        if isinstance(b, dict) and isinstance(t, dict):
            return self.mapping(b, t, in_item=True)
        if isinstance(b, list) and isinstance(t, list):
            if key in IDENTITY and not in_item:
                return self.records(key, b, t)
            if all(not isinstance(x, dict | list) for x in [*b, *t]):
                return self.entries(b, t)
        if not in_item and key in IDENTITY:  # the list is taken whole: its ids are theirs
            self.known[key] = _ids(t)
        if b == t:
            return None
        self.report.updated += 1  # the extraction's value, or its removal
        if t is not MISSING and key in REFERENCES:
            self.refer(key, t)
        return None

    def refer(self, key: str, value: object) -> None:
        """A reference the merge sets, renamed as the editor named its actor or source."""
        kind = REFERENCES[key]
        self.references.append((kind, self.ids[kind].get(value, value)
                                if isinstance(value, str) else value))

    def records(self, kind: str, base: list, theirs: list) -> None:
        """A list of facts: matched by identity, dropped, added (`merge_lists.merge_records`)."""
        keys = IDENTITY[kind]
        b2t = match(base, theirs, keys)
        matched = {t: b for b, t in b2t.items()}
        # Items with no identity at all: the walk cannot match them, and keeps them.
        free = [i for i, item in enumerate(base)
                if i not in b2t and all(key(item) is None for key in keys)]
        self.report.kept += len(free)
        if kind in self.ids:
            for b, t in b2t.items():
                their, our = theirs[t], base[b]
                if isinstance(their.get("id"), str) and isinstance(our.get("id"), str):
                    self.ids[kind][their["id"]] = str(our["id"])
        for b, item in enumerate(base):
            if b in b2t:
                if item != theirs[b2t[b]]:  # an item as it was: nothing in it to count
                    self.mapping(item, theirs[b2t[b]], in_item=True)
            elif b not in free:
                self.report.removed += 1
        # The ids in the list as the walk leaves it before adding: each matched item has the
        # extraction's, a dropped one (removed at the end) and a free one the base's.
        ids = [theirs[b2t[b]].get("id") if b in b2t else item.get("id")
               for b, item in enumerate(base) if isinstance(item, dict)]
        existing = len(ids)
        for t, item in enumerate(theirs):
            if t in matched:
                continue
            if item.get("id", MISSING) in ids:
                self.clash = True
                continue
            ids.append(item.get("id"))
            self.report.added += 1
            for key in REFERENCES.keys() & item.keys():
                self.refer(key, item[key])
        # The ids the list has when the walk is done: the dropped items are gone, and a free
        # actor or source has none (its id is the first identity it lacks).
        self.known[kind] = {theirs[t].get("id") for t in matched} | set(ids[existing:])

    def entries(self, base: list, theirs: list) -> None:
        """A list of text: entries removed, added, and the extraction's order
        (`merge_lists.merge_entries`)."""
        entries = list(base)
        for x in [x for x in base if x not in theirs]:
            del entries[entries.index(x)]
            self.report.updated += 1
        for t, x in enumerate(theirs):
            if x not in base and x not in entries:
                before = [y for y in theirs[:t] if y in entries]
                entries.insert(entries.index(before[-1]) + 1 if before else len(entries), x)
                self.report.updated += 1
        if entries != theirs and sorted(map(repr, entries)) == sorted(map(repr, theirs)):
            self.report.updated += 1


def _ids(value: object) -> set:
    return {x.get("id") for x in value if isinstance(x, dict)} if isinstance(value, list) \
        else set()
