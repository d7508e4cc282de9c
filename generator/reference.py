"""The editors' reference: every fact sheet key, read from generator.model.

The reference page is rendered from what this module reads off the dataclasses (name, type,
`doc` metadata, `extra`), so it cannot drift from the model the validator checks against.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from types import NoneType, UnionType
from typing import Literal, Union, get_args, get_origin, get_type_hints

from generator import model

# Keys a hand-written item may leave out although they hold one value (see generator.validate).
PROVENANCE = frozenset({"evidence", "source"})
# Date keys (as generator.validate checks them): text in a date form.
DATE_KEYS = frozenset({"published", "start", "date"})
# One value of these types is a key the sheet must give (unless null is allowed).
REQUIRED_TYPES = (str, int, float)
SCALARS = {str: "text", int: "whole number", float: "number", bool: "true or false"}
# What a list of records is called in the reference, and its section's anchor.
RECORD_NAMES = {
    model.FactSheet: "fact sheet", model.Source: "source", model.Actor: "actor",
    model.Place: "place", model.Phase: "phase", model.Figure: "figure",
    model.Event: "event", model.Quote: "quote", model.Review: "review",
    model.RoleChange: "role change", model.StatusReport: "status report",
}


@dataclass
class KeyDoc:
    """One key of a record, as the reference shows it."""

    name: str
    """The key as written in the YAML."""
    type: str
    """Its type in words ("text or null", "list of actors")."""
    anchor: str | None
    """The section documenting the records it holds, if any."""
    required: bool
    """Whether `explainers check` reports a sheet without it."""
    added: bool
    """A key this project adds to the core keys of FACTSHEET.md."""
    doc: str
    """What it means, from the model's `doc` metadata."""


@dataclass
class RecordDoc:
    """One kind of record (the sheet, a source, an actor ...) and its keys."""

    name: str
    """The record's name ("actor"), also its section's anchor."""
    key: str
    """Where it sits in the sheet ("actors", "review"); "" for the sheet itself."""
    doc: str
    """The dataclass's docstring."""
    keys: list[KeyDoc]


def describe_model() -> list[RecordDoc]:
    """The fact sheet first, then each record it holds (and the records those hold), in order."""
    records = [RecordDoc("fact sheet", "", _docstring(model.FactSheet), _keys(model.FactSheet))]
    queue, seen = [(model.FactSheet, "")], {model.FactSheet}
    while queue:
        holder, prefix = queue.pop(0)
        hints = _hints(holder)
        for f in fields(holder):
            record = _record_of(hints[f.name])
            if record is None or record in seen:
                continue
            seen.add(record)
            key = f"{prefix}.{f.name}" if prefix else f.name
            records.append(RecordDoc(RECORD_NAMES[record], key, _docstring(record),
                                     _keys(record)))
            is_list = get_origin(hints[f.name]) is list
            queue.append((record, f"{key}[]" if is_list else key))
    return records


def undocumented_fields() -> list[str]:
    """Every model field without a `doc` text, as "Record.field"; the reference needs one."""
    return [f"{record.__name__}.{f.name}" for record in RECORD_NAMES
            for f in fields(record) if not str(f.metadata.get("doc") or "").strip()]


@cache
def required_keys(record: type) -> frozenset[str]:
    """The keys a sheet must give: one text or number, not null, not extra, not provenance."""
    hints = _hints(record)
    return frozenset(f.name for f in fields(record)
                     if (hints[f.name] in REQUIRED_TYPES or hints[f.name] == int | float)
                     and f.name not in PROVENANCE and not f.metadata.get("extra"))


def type_text(tp) -> str:
    """A model type in an editor's words."""
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, UnionType):
        rest = [a for a in args if a is not NoneType]
        base = "number" if set(rest) == {int, float} else type_text(rest[0])
        return f"{base} or null" if NoneType in args else base
    if origin is Literal:
        return "one of " + ", ".join(str(a) for a in args)
    if origin is list:
        item = args[0]
        return f"list of {RECORD_NAMES[item]}s" if item in RECORD_NAMES else \
            f"list of {type_text(item)}"
    if tp in RECORD_NAMES:
        return RECORD_NAMES[tp]
    return SCALARS.get(tp, getattr(tp, "__name__", str(tp)))


def _keys(record: type) -> list[KeyDoc]:
    hints, required = _hints(record), required_keys(record)
    return [KeyDoc(f.name, _key_type(f.name, hints[f.name]), _anchor(hints[f.name]),
                   f.name in required, bool(f.metadata.get("extra")),
                   str(f.metadata.get("doc") or ""))
            for f in fields(record)]


def _key_type(name: str, tp) -> str:
    """type_text, with what the validator adds: date forms, and provenance may be null."""
    text = type_text(tp)
    if name in DATE_KEYS:
        text = text.replace("text", "date", 1)
    if name in PROVENANCE and not text.endswith(" or null"):
        text += " or null"
    return text


def _anchor(tp) -> str | None:
    record = _record_of(tp)
    return RECORD_NAMES[record].replace(" ", "-") if record else None


def _record_of(tp) -> type | None:
    """The dataclass a key holds, directly or as a list; None for plain values."""
    if get_origin(tp) is list:
        tp = get_args(tp)[0]
    return tp if is_dataclass(tp) else None


def _hints(record: type) -> dict:
    return get_type_hints(record, vars(model))


def _docstring(record: type) -> str:
    return " ".join((record.__doc__ or "").split())
