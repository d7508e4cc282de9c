"""Checking fact sheets: one validator for `explainers check` and the MkDocs plugin.

What a sheet may hold is read from `generator.model` (field names, types, `extra`), so a key
is declared once; reading the YAML safely, with a line for every value and its traps, is
`generator.yamlsafe`'s job. Every problem is a `Problem` printed GCC style,
`content/x.yaml:14: ...`, and every problem in a file is reported, never a traceback.

The rules:

- Keys: the model's fields at every level, plus `optional` (true/false) on any item, which the
  eval's gold sheets carry, and a top-level `unknowns` (a list of text). Anything else is an
  unknown key, with the nearest known one suggested.
- Required: a key the model types as one value (text or a number), not null, not `extra` and
  not provenance. That is `schema`, `slug` and `title` at the top, and in an item the words or
  number it shows (actor `id` and `name`, figure `value` and `text`, event `what`, ...).
  Lists, `review` and classifications (`type`, `status`, `qualifier`) may be left out while a
  sheet is written: missing means "not settled yet". Present with the wrong type or value is
  always an error.
- Provenance: `evidence` and `source` may be missing or null (hand-written items); a `source`
  that is given must be a source id, as `speaker` and `affiliation` must be actor ids.
- Dates: `published` and `start` are YYYY-MM-DD, an event's `date` also YYYY-MM or YYYY, and
  must exist on the calendar. A bare date (a YAML date, as `sheets.py` writes them) is accepted.
- Where text is expected, text that YAML read as something else is reported as the trap it
  is (see `generator.yamlsafe`).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from types import NoneType, UnionType
from typing import Literal, Union, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit

from generator import model
from generator.problems import Problem, describe, quote
from generator.slugs import is_slug, slugify_title
from generator.yamlsafe import (
    MAX_BYTES,
    Marks,
    child_path,
    key_text,
    parent_path,
    read_sheet_text,
    read_yaml,
)

__all__ = ["MAX_BYTES", "Problem", "check_paths", "validate_sheet_file", "validate_text"]

PROVENANCE = frozenset({"evidence", "source"})
REFERENCES = model.REFERENCES
DATE_FORMS = {"published": ("YYYY-MM-DD",), "start": ("YYYY-MM-DD",),
              "date": ("YYYY-MM-DD", "YYYY-MM", "YYYY")}
ADDED_KEYS = {"sheet": {"unknowns": list[str]}, "item": {"optional": bool}}

_ID = re.compile(r"^[a-z0-9-]+$")
_DATE_FORM = {re.compile(r"^\d{4}-\d{2}-\d{2}$"): "YYYY-MM-DD",
              re.compile(r"^\d{4}-\d{2}$"): "YYYY-MM", re.compile(r"^\d{4}$"): "YYYY"}
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")


# --- the schema, read from the model ------------------------------------------------------

@dataclass(frozen=True)
class _Shape:
    """What a value must be: kind is text | whole | number | flag | enum | list | record."""

    kind: str
    nullable: bool = False
    choices: tuple = ()
    item: _Shape | None = None
    record: type | None = None


_SCALAR_SHAPES = {str: _Shape("text"), int: _Shape("whole"), float: _Shape("number"),
                  bool: _Shape("flag")}


@cache
def _shape(tp) -> _Shape:
    origin, args = get_origin(tp), get_args(tp)
    if origin in (Union, UnionType):
        rest = tuple(a for a in args if a is not NoneType)
        if len(rest) > 1 and set(rest) != {int, float}:
            raise TypeError(f"generator.validate cannot check the model type {tp!r}")
        base = _Shape("number") if len(rest) > 1 else _shape(rest[0])
        return replace(base, nullable=len(rest) < len(args))
    if origin is Literal:
        return _Shape("enum", choices=args)
    if origin is list:
        return _Shape("list", item=_shape(args[0]))
    if dataclasses.is_dataclass(tp):
        return _Shape("record", record=tp)
    if tp in _SCALAR_SHAPES:
        return _SCALAR_SHAPES[tp]
    raise TypeError(f"generator.validate cannot check the model type {tp!r}")


@cache
def _keys(record: type) -> dict[str, tuple[_Shape, bool]]:
    """Each key a record may hold: its shape and whether it is required."""
    hints = get_type_hints(record, vars(model))
    keys = {}
    for f in dataclasses.fields(record):
        shape = _shape(hints[f.name])
        if f.name in PROVENANCE:
            shape = replace(shape, nullable=True)
        required = shape.kind in ("text", "whole", "number") and not shape.nullable \
            and not f.metadata.get("extra")
        keys[f.name] = (shape, required)
    added = ADDED_KEYS["sheet" if record is model.FactSheet else "item"]
    for name, tp in added.items():
        keys.setdefault(name, (_shape(tp), False))
    return keys


# --- files and folders --------------------------------------------------------------------

def validate_sheet_file(path: Path) -> tuple[dict | None, list[Problem]]:
    """Read and check one sheet file; data is None when it cannot be read as a sheet."""
    data, problems, _ = _check_file(path)
    return data, problems


def validate_text(text: str, path: str) -> tuple[dict | None, list[Problem]]:
    """Check a sheet's text; `path` is only used to name it in the problems."""
    data, problems, _ = _check_text(text, path)
    return data, problems


def check_paths(paths: list[Path]) -> list[Problem]:
    """Check every sheet named or found under the folders, and that no two share a slug."""
    problems: list[Problem] = []
    slugs: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for file in _sheet_files(paths, problems):
        data, found, marks = _check_file(file)
        problems += found
        if data and is_slug(data.get("slug")):
            slugs[data["slug"]].append((str(file), marks.line("slug")))
    for slug, places in slugs.items():
        for name, line in places if len(places) > 1 else []:
            others = ", ".join(f"{n}:{ln}" if ln else n for n, ln in places if n != name)
            problems.append(Problem(name, line, f"slug '{slug}' is also used by {others}",
                                    "each explainer needs its own slug"))
    return problems


def _sheet_files(paths: list[Path], problems: list[Problem]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")
                            and p.is_file() and not p.name.startswith("."))
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "no such file or folder"))
    return files


def _check_file(path: Path) -> tuple[dict | None, list[Problem], Marks | None]:
    text, problems = read_sheet_text(path)
    if text is None:
        return None, problems, None
    return _check_text(text, str(path))


def _check_text(text: str, path: str) -> tuple[dict | None, list[Problem], Marks | None]:
    try:
        data, problems, marks = _check_unguarded(text, path)
    except Exception as e:  # noqa: BLE001 - a validator bug must not stop a whole site's check
        return None, [Problem(path, None, f"internal error while checking this file: "
                              f"{type(e).__name__}: {e}", "please report it with the file")], None
    return data, sorted(problems, key=lambda p: p.line or 0), marks


def _check_unguarded(text: str, path: str) -> tuple[dict | None, list[Problem], Marks | None]:
    marks, data, problems = read_yaml(text, path)
    if marks is None:
        return None, problems, None
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "a fact sheet must be a mapping of keys (schema, slug, "
                              f"title, ...), got {describe(data)}")], None
    checker = _Checker(path, marks)
    checker.check(data)
    return data, problems + checker.problems, marks


# --- checking the data against the model --------------------------------------------------

# The checker's method for each kind of value, and for keys with a rule of their own. Names,
# not bound methods kept on the checker: those would make each checker a reference cycle,
# which kept every sheet's parsed YAML (its Marks) alive until the cyclic GC ran (2.2 million
# objects at 1,000 sheets, and the GC's time to find them).
_KINDS = {"text": "text_value", "whole": "whole", "number": "number", "flag": "flag",
          "enum": "enum", "list": "list_value", "record": "record_value"}
_RULES = {"schema": "schema", "slug": "slug", "id": "id_value", "url": "url",
          **{name: "reference" for name in REFERENCES}}


class _Checker:
    """Walks the loaded sheet against the model; every problem gets the line of its value."""

    def __init__(self, path: str, marks: Marks):
        self.path, self.marks = path, marks
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, int | None]] = defaultdict(dict)  # list -> id -> line
        self.refs: list[tuple[str, str, str]] = []  # (where, list it points into, id)

    def check(self, data: dict) -> None:
        self.record(model.FactSheet, data, "")
        self.resolve_references()

    def report(self, at: str, message: str, hint: str | None = None) -> bool:
        self.problems.append(Problem(self.path, self.marks.line(at), message, hint))
        return False

    def record(self, cls: type, data: dict, at: str) -> bool:
        keys = _keys(cls)
        for name, value in data.items():
            sub = child_path(at, name)
            if name not in keys:
                self.unknown_key(sub, name, keys)
            elif name in DATE_FORMS:
                self.date(value, sub, DATE_FORMS[name])
            elif self.value(keys[name][0], value, sub) and value is not None \
                    and name in _RULES:
                getattr(self, _RULES[name])(value, sub)
        for name, (_, required) in keys.items():
            if required and name not in data:
                self.report(at, f"{at + '.' if at else ''}{name} is missing")
        return True

    def unknown_key(self, at: str, name: object, keys: dict) -> None:
        hint = _did_you_mean(key_text(name), keys, "`") or f"the keys here are {', '.join(keys)}"
        self.report(at, f"`{at}`: unknown key", hint)

    def value(self, shape: _Shape, value: object, at: str) -> bool:
        if value is not None:
            return getattr(self, _KINDS[shape.kind])(shape, value, at)
        if shape.nullable:
            return True
        if shape.kind != "list" and self.marks.blank(at):
            return self.report(at, f"{at} is empty")
        hint = "write [] for none" if shape.kind == "list" else None
        return self.report(at, f"{at} must be {_expected(shape)}, got null", hint)

    def text_value(self, shape: _Shape, value: object, at: str) -> bool:
        trap = self.marks.text_trap(at, value)
        if trap:
            return self.report(at, *trap)
        if isinstance(value, str):
            return True
        return self.report(at, f"{at} must be text, got {describe(value)}")

    def whole(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, int) and not isinstance(value, bool):
            return True
        return self.report(at, f"{at} must be a whole number, got {describe(value)}",
                           _number_hint(value))

    def number(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return True
        return self.report(at, f"{at} must be a number, got {describe(value)}",
                           _number_hint(value))

    def flag(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, bool):
            return True
        return self.report(at, f"{at} must be true or false, got {describe(value)}")

    def enum(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, str) and value in shape.choices:
            return True
        return self.report(at, f"{at} must be {_expected(shape)}, got {describe(value)}",
                           _did_you_mean(str(value), shape.choices, "'"))

    def list_value(self, shape: _Shape, value: object, at: str) -> bool:
        if not isinstance(value, list):
            hint = f"write [{value}] for a list of one" \
                if isinstance(value, str) and shape.item.kind == "text" else None
            return self.report(at, f"{at} must be a list, got {describe(value)}", hint)
        results = [self.value(shape.item, item, f"{at}[{i}]") for i, item in enumerate(value)]
        return all(results)

    def record_value(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, dict):
            return self.record(shape.record, value, at)
        names = [f.name for f in dataclasses.fields(shape.record)]
        keys = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        return self.report(at, f"{at} must be a mapping of keys ({keys}), got {describe(value)}")

    def date(self, value: object, at: str, forms: tuple[str, ...]) -> None:
        if value is None or (type(value) is dt.date and "YYYY-MM-DD" in forms):
            return
        expected = f"a date {_or(forms)}"
        if isinstance(value, str):
            form = next((f for rx, f in _DATE_FORM.items() if rx.match(value)), None)
            if form not in forms:
                self.report(at, f"{at} must be {expected}, got {quote(value)}")
            elif not _real_date(value):
                self.report(at, f"{at} {value} is not a real date", _calendar_hint(value))
        elif isinstance(value, (bool, int, float)):
            self.text_value(_Shape("text"), value, at)
        else:
            self.report(at, f"{at} must be {expected}, got {describe(value)}")

    def schema(self, value: object, at: str) -> None:
        if value != model.SCHEMA_VERSION:
            self.report(at, f"schema must be {model.SCHEMA_VERSION}, got {describe(value)}",
                        f"this version reads schema {model.SCHEMA_VERSION} sheets only")

    def slug(self, value: str, at: str) -> None:
        if not is_slug(value):
            self.report(at, f"slug {quote(value)} must be lowercase words joined by single "
                        "hyphens (a-z, 0-9, -)", f"did you mean '{slugify_title(value)}'?")

    def url(self, value: str, at: str) -> None:
        """A web address the page can link to: http or https, with a host."""
        try:
            parts = urlsplit(value.strip())
        except ValueError:
            parts = None
        if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            self.report(at, f"{at} {quote(value)} is not a web address",
                        "write the article's address in full, starting with https://")

    def id_value(self, value: str, at: str) -> None:
        if not _ID.match(value):
            self.report(at, f"{at} {quote(value)} must be lowercase letters, digits and "
                        "hyphens ([a-z0-9-]+)", f"did you mean '{slugify_title(value)}'?")
            return
        seen = self.ids[parent_path(parent_path(at))]
        if value in seen:
            self.report(at, f"{at} {quote(value)} is used twice (first on line {seen[value]})",
                        "ids must be unique; rename one and the references to it")
        seen.setdefault(value, self.marks.line(at))

    def reference(self, value: object, at: str) -> None:
        name = at.rsplit(".", 1)[-1]
        if isinstance(value, str):
            self.refs.append((at, REFERENCES[name], value))

    def resolve_references(self) -> None:
        for at, target, ref in self.refs:
            known = self.ids.get(target, {})
            if ref in known:
                continue
            noun = target[:-1]
            hint = _did_you_mean(ref, known, "'") or (
                f"the ids in {target} are {', '.join(known)}" if known else
                f"the sheet lists no {target}")
            article = "an" if noun[0] in "aeiou" else "a"
            self.report(at, f"{at} {quote(ref)} is not {article} {noun} id", hint)


# --- wording ------------------------------------------------------------------------------

def _expected(shape: _Shape) -> str:
    if shape.kind == "enum":
        return "one of " + ", ".join(shape.choices)
    return {"text": "text", "whole": "a whole number", "number": "a number",
            "flag": "true or false", "list": "a list", "record": "a mapping of keys"}[shape.kind]


def _number_hint(value: object) -> str | None:
    if isinstance(value, str) and _THOUSANDS.match(value.strip()):
        return f"write it without commas: {value.strip().replace(',', '')}"
    if isinstance(value, str) and re.search(r"\d", value) and re.search(r"[%$€£\s]", value):
        return "write the number alone; words and signs go in text and unit"
    return None


def _did_you_mean(word: str, choices, mark: str) -> str | None:
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f"did you mean {mark}{close[0]}{mark}?" if close else None


def _or(forms: tuple[str, ...]) -> str:
    return forms[0] if len(forms) == 1 else ", ".join(forms[:-1]) + " or " + forms[-1]


def _real_date(text: str) -> bool:
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        return False
    return True


def _calendar_hint(text: str) -> str | None:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3 and 1 <= parts[1] <= 12:
        days = calendar.monthrange(parts[0] or 1, parts[1])[1]
        return f"{calendar.month_name[parts[1]]} {parts[0]} has {days} days"
    return "months run from 01 to 12"
