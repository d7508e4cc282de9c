"""Merging the lists of a fact sheet: items matched by identity, text entries as sets.

Used by `generator.merge`. A list of facts (actors, figures, ...) is merged item by item: each
item of the base, of the editor's sheet and of the new extraction is matched to its
counterparts by the keys in IDENTITY, tried in order (the first is the item's own identity,
the next ones find it again after the editor changed that identity). A list of text (aliases,
terms, review notes) is merged as a set of entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from ruamel.yaml.comments import CommentedSeq

if TYPE_CHECKING:
    from generator.merge import _Merger

Key = Callable[[object], object]


def _key(*names: str) -> Key:
    """An identity made of these fields; None (no identity) when they are all empty. (Made
    for one field or two: a story merge asks it of every fact three times.)"""
    if len(names) == 1:
        (name,) = names

        def identity(item: object) -> object:
            part = _norm(item.get(name)) if isinstance(item, dict) else None
            return None if part is None else (part,)
        return identity
    first, second = names

    def identity2(item: object) -> object:
        if not isinstance(item, dict):
            return None
        parts = (_norm(item.get(first)), _norm(item.get(second)))
        return None if parts == (None, None) else parts
    return identity2


def _norm(value: object) -> object:
    """Lenient on form: case and spacing do not make another item."""
    if isinstance(value, str):
        return _norm_text(value)
    if isinstance(value, bool) or value is None:
        return value
    return float(value) if isinstance(value, int | float) else str(value)


@lru_cache(maxsize=1 << 16)  # a story's merges match the same names and sentences again
def _norm_text(text: str) -> str | None:
    return " ".join(text.casefold().split()) or None


IDENTITY: dict[str, tuple[Key, ...]] = {
    "sources": (_key("id"), _key("path"), _key("url")),
    "actors": (_key("id"), _key("name")),
    "places": (_key("name"),),
    "phases": (_key("number"),),
    "figures": (_key("value", "unit"), _key("evidence")),
    "events": (_key("date_text", "what"), _key("evidence")),
    "quotes": (_key("text"), _key("evidence")),
}


def match(left: list, right: list, keys: tuple[Key, ...],
          left_free: list[int] | None = None, right_free: list[int] | None = None
          ) -> dict[int, int]:
    """Pairs (left index -> right index) of items with the same identity, first key first."""
    left_free = list(range(len(left))) if left_free is None else left_free
    right_free = list(range(len(right))) if right_free is None else right_free
    pairs: dict[int, int] = {}
    for key in keys:
        taken = set(pairs.values())
        by_key: dict[object, list[int]] = defaultdict(list)
        for j in right_free:
            if j not in taken and (k := key(right[j])) is not None:
                by_key[k].append(j)
        for i in left_free:
            if i not in pairs and (k := key(left[i])) is not None and (found := by_key.get(k)):
                # twins (two items of one identity): the equal one, else the first
                pairs[i] = found[0] if len(found) == 1 else \
                    next((j for j in found if right[j] == left[i]), found[0])
                found.remove(pairs[i])
    return pairs


def merge_records(merger: _Merger, kind: str, base: list, ours: list, theirs: list,
                  plain_ours: list) -> None:
    """Three-way merge of a list of facts, in place in the editor's list (round-trip data,
    or plain)."""
    keys = IDENTITY[kind]
    b2o, b2t = match(base, plain_ours, keys), match(base, theirs, keys)
    in_base, kept = set(b2t.values()), set(b2o.values())
    new = [j for j in range(len(theirs)) if j not in in_base]
    free = [i for i in range(len(ours)) if i not in kept]
    t2o = match(theirs, plain_ours, keys, new, free)
    items = list(ours)
    counterpart: dict[int, dict] = {}
    for b, t in b2t.items():
        if b in b2o:
            counterpart[t] = items[b2o[b]]
    for t, o in t2o.items():
        counterpart[t] = items[o]
    for t, item in counterpart.items():
        merger.note_id(kind, theirs[t], item)
    for b, item in enumerate(base):
        _merge_base_item(merger, kind, item, b2o.get(b), b in b2t, theirs, b2t.get(b), items)
    merger.report.kept += len(t2o) + len([i for i in free if i not in t2o.values()])
    for t in new:
        if t not in t2o and (added := merger.new_item(kind, theirs[t], ours)) is not None:
            ours.insert(_position(ours, t, len(theirs), counterpart), added)
            _block_style(ours)
            counterpart[t] = added
            merger.report.added += 1


def _merge_base_item(merger: _Merger, kind: str, base_item: object, o: int | None,
                     in_theirs: bool, theirs: list, t: int | None, items: list) -> None:
    """One fact of the base: kept deleted, dropped, reported, or merged field by field."""
    if o is None:
        merger.report.kept += in_theirs  # the editor deleted it: it stays deleted
        return
    item = items[o]
    if t is None:
        merger.drop_item(base_item, item)
    elif item == base_item and base_item == theirs[t]:
        return  # a fact as it was on all three sides: nothing to merge in it
    elif isinstance(item, dict) and isinstance(theirs[t], dict) and isinstance(base_item, dict):
        merger.mapping(base_item, item, theirs[t], in_item=True)


def merge_entries(merger: _Merger, base: list, ours: list, theirs: list,
                  plain_ours: list) -> None:
    """Three-way merge of a list of text: entries added or removed on either side."""
    merger.report.kept += len([x for x in plain_ours if x not in base]) \
        + len([x for x in base if x not in plain_ours])
    entries = list(plain_ours)
    for x in [x for x in base if x not in theirs and x in entries]:
        i = entries.index(x)
        if _comments(ours).get(i):  # an entry the editor commented is the editor's
            merger.report.kept += 1
            continue
        del ours[i], entries[i]
        merger.report.updated += 1
    for t, x in enumerate(theirs):
        if x not in base and x not in entries:
            before = [y for y in theirs[:t] if y in entries]
            i = entries.index(before[-1]) + 1 if before else len(entries)
            ours.insert(i, merger.convert(None, x))
            entries.insert(i, x)
            _block_style(ours)
            merger.report.updated += 1
    if plain_ours == base and entries != theirs and not _comments(ours) \
            and sorted(map(repr, entries)) == sorted(map(repr, theirs)):
        _take_order(ours, entries, theirs)
        merger.report.updated += 1


def _take_order(ours: list, entries: list, theirs: list) -> None:
    """A list the editor left alone takes the extraction's order as well as its entries (a
    story sorts `also_in` by date); kept in the base's, it would differ from the next base, and
    the next merge would take the difference for the editor's."""
    items = list(zip(entries, ours, strict=True))
    ordered = []
    for x in theirs:
        i = next(i for i, (y, _) in enumerate(items) if y == x)
        ordered.append(items.pop(i)[1])
    del ours[:]
    ours.extend(ordered)


def _position(ours: list, t: int, count: int, counterpart: dict) -> int:
    """Where a new item goes: after the item before it in the new extraction, or before the
    one after it; at the end when neither is in the editor's list."""
    for j in range(t - 1, -1, -1):
        if j in counterpart:
            return _index(ours, counterpart[j]) + 1
    for j in range(t + 1, count):
        if j in counterpart:
            return _index(ours, counterpart[j])
    return len(ours)


def _index(seq: list, item: object) -> int:
    return next(i for i, x in enumerate(seq) if x is item)


def _block_style(seq: list) -> None:
    """A list written `[]` gets its first items one per line, as generated lists are."""
    if len(seq) == 1 and isinstance(seq, CommentedSeq) and seq.fa.flow_style():
        seq.fa.set_block_style()


def _comments(seq: list) -> dict:
    """The comments on a round-trip list's items, by index; none on plain data."""
    return seq.ca.items if isinstance(seq, CommentedSeq) else {}
