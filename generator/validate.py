"""Checking fact sheets: one validator for `explainers check` and the MkDocs plugin.

What a sheet may hold is read from `generator.model` (field names, types, `extra`), so a key
is declared once. Every problem is a `Problem` printed GCC style, `content/x.yaml:14: ...`,
and every problem in a file is reported, never a traceback.

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
- YAML traps are reported, not accepted: duplicate keys, text that YAML read as true/false, a
  number or a date, tabs, non-UTF-8 files, and text cut short by a comment: an unquoted value
  followed by ' #' with one space before it or none after it ("round #2"); a comment set off
  by two spaces and "# " is taken as meant. Loading is safe only; tags, more than MAX_ALIASES
  aliases, nesting deeper than MAX_DEPTH and files over MAX_BYTES are refused.
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

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator import model
from generator.slugs import is_slug, slugify_title

MAX_BYTES = 2_000_000
MAX_DEPTH = 20
MAX_ALIASES = 100
MAX_VALUES = 200_000

PROVENANCE = frozenset({"evidence", "source"})
REFERENCES = {"speaker": "actors", "affiliation": "actors", "source": "sources"}
DATE_FORMS = {"published": ("YYYY-MM-DD",), "start": ("YYYY-MM-DD",),
              "date": ("YYYY-MM-DD", "YYYY-MM", "YYYY")}
ADDED_KEYS = {"sheet": {"unknowns": list[str]}, "item": {"optional": bool}}

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_T = "tag:yaml.org,2002:"
_STR, _MERGE = _T + "str", _T + "merge"
_SAFE_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map",
                               "merge")}
_ID = re.compile(r"^[a-z0-9-]+$")
_DATE_FORM = {re.compile(r"^\d{4}-\d{2}-\d{2}$"): "YYYY-MM-DD",
              re.compile(r"^\d{4}-\d{2}$"): "YYYY-MM", re.compile(r"^\d{4}$"): "YYYY"}
_COMMENT = re.compile(r"(\s+)#(.*)$")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
_SYNTAX_HINTS = {
    "mapping values are not allowed": "a value containing ': ' must be quoted",
    "found undefined alias": "a value starting with * must be quoted",
    "another document": "a sheet is one YAML document; remove the '---' line",
    "cannot start any token": "a value starting with @, ` or % must be quoted",
    "did not find expected key": "check this line's indentation against the lines above",
    "while scanning a quoted scalar": "a quote opened here is never closed",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a sheet: where, what, and what to do about it."""

    path: str
    line: int | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f"; {self.hint}" if self.hint else "")


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


# --- reading and composing ----------------------------------------------------------------

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
        data, found, lines = _check_file(file)
        problems += found
        if data and is_slug(data.get("slug")):
            slugs[data["slug"]].append((str(file), lines.get("slug")))
    for slug, places in slugs.items():
        for name, line in places if len(places) > 1 else []:
            others = ", ".join(f"{n}:{l}" if l else n for n, l in places if n != name)
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


def _check_file(path: Path) -> tuple[dict | None, list[Problem], dict[str, int]]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(name, None, f"the file is {size:,} bytes; a fact sheet may "
                                  f"be at most {MAX_BYTES:,}")], {}
        raw = path.read_bytes()
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        reason = getattr(e, "strerror", None) or e
        return None, [Problem(name, None, f"cannot read the file: {reason}")], {}
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        return None, [Problem(name, line, f"the file is not UTF-8 (byte 0x{raw[e.start]:02x} "
                              "cannot be read)", "re-save the file as UTF-8")], {}
    return _check_text(text, name)


def _check_text(text: str, path: str) -> tuple[dict | None, list[Problem], dict[str, int]]:
    try:
        data, problems, lines = _check_unguarded(text, path)
    except Exception as e:  # noqa: BLE001 - a validator bug must not stop a whole site's check
        return None, [Problem(path, None, f"internal error while checking this file: "
                              f"{type(e).__name__}: {e}", "please report it with the file")], {}
    return data, sorted(problems, key=lambda p: p.line or 0), lines


def _check_unguarded(text: str, path: str) -> tuple[dict | None, list[Problem], dict[str, int]]:
    if len(text) > MAX_BYTES:
        return None, [Problem(path, None, f"the text is {len(text):,} characters; a fact sheet "
                              f"may be at most {MAX_BYTES:,}")], {}
    try:
        root = _compose(text)
    except yaml.YAMLError as e:
        return None, [_yaml_problem(e, text, path)], {}
    if root is None:
        return None, [Problem(path, 1, "the file is empty",
                              "a sheet needs at least schema, slug and title")], {}
    tree = _Tree(path)
    tree.walk(root, "", 1, 1)
    if tree.unsafe:
        return None, tree.problems, {}
    try:
        data = yaml.constructor.SafeConstructor().construct_document(root)
    except yaml.YAMLError as e:
        return None, tree.problems + [_yaml_problem(e, text, path)], {}
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "a fact sheet must be a mapping of keys (schema, slug, "
                              f"title, ...), got {_describe(data)}")], {}
    checker = _Checker(path, text, tree.spots)
    checker.check(data)
    return data, tree.problems + checker.problems, {k: v[0] for k, v in tree.spots.items()}


def _compose(text: str) -> Node | None:
    loader = _LOADER(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _yaml_problem(e: yaml.YAMLError, text: str, path: str) -> Problem:
    """A YAML error as path:line: message, with a hint for the usual mistakes."""
    if isinstance(e, yaml.reader.ReaderError):  # a character YAML does not allow
        at = text.find(chr(e.character)) if isinstance(e.character, int) else -1
        return Problem(path, text.count("\n", 0, at) + 1 if at >= 0 else None,
                       f"character {chr(e.character)!r} is not allowed in YAML ({e.reason})"
                       if isinstance(e.character, int) else f"unreadable text ({e.reason})",
                       "delete it, or re-save the file as plain UTF-8 text")
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    if "end of stream" in str(getattr(e, "problem", "")) and getattr(e, "context_mark", None):
        mark = e.context_mark  # an unclosed quote or bracket: point at where it opened
    problem = getattr(e, "problem", None) or getattr(e, "context", None) or str(e)
    if mark is None:
        return Problem(path, None, f"YAML error: {problem}")
    rows = text.splitlines()
    row = rows[mark.line] if mark.line < len(rows) else ""
    if "tab" in problem or "\t" in row[:len(row) - len(row.lstrip())]:
        return Problem(path, mark.line + 1, "a tab in the indentation",
                       "YAML indents with spaces only: replace the tab with spaces")
    context = getattr(e, "context", None)
    if context and context != problem and e.context_mark:
        same = e.context_mark.line == mark.line
        problem = f"{problem} {context}" if same else \
            f"{problem} ({context} on line {e.context_mark.line + 1})"
    hint = next((h for k, h in _SYNTAX_HINTS.items() if k in problem), None)
    return Problem(path, mark.line + 1, f"YAML error: {problem}", hint)


class _Tree:
    """Walks the composed YAML once: a line for every value path, and the traps seen there."""

    def __init__(self, path: str):
        self.path = path
        self.spots: dict[str, tuple[int, Node]] = {}
        self.problems: list[Problem] = []
        self.unsafe = False  # do not construct: refused or unreadable
        self._stop = False
        self._seen: set[int] = set()
        self._aliases = self._values = 0
        trial = yaml.constructor.SafeConstructor()
        self._builders = {_T + "int": trial.construct_yaml_int,
                          _T + "float": trial.construct_yaml_float,
                          _T + "bool": trial.construct_yaml_bool,
                          _T + "timestamp": trial.construct_yaml_timestamp}

    def refuse(self, node: Node, message: str, hint: str | None = None, stop: bool = False):
        self.problems.append(Problem(self.path, node.start_mark.line + 1, message, hint))
        self.unsafe, self._stop = True, self._stop or stop

    def walk(self, node: Node, at: str, line: int, depth: int, merged: bool = False):
        if self._stop:
            return
        self._values += 1
        if isinstance(node, (MappingNode, SequenceNode)):
            if id(node) in self._seen:
                self._aliases += 1
            self._seen.add(id(node))
        if self._aliases > MAX_ALIASES:
            return self.refuse(node, f"more than {MAX_ALIASES} aliases (*name): refused as a "
                               "possible alias bomb", "write the values out in full", stop=True)
        if self._values > MAX_VALUES:
            return self.refuse(node, f"more than {MAX_VALUES:,} values: refused as too large",
                               stop=True)
        if depth > MAX_DEPTH:
            return self.refuse(node, f"nested deeper than {MAX_DEPTH} levels", stop=True)
        if node.tag not in _SAFE_TAGS:
            tag = node.tag.replace(_T, "!!")
            self.refuse(node, f"the tag {tag} is not allowed", "fact sheets are plain YAML; "
                        "remove the tag")
        if merged:  # keys merged in with <<: the sheet's own keys win
            self.spots.setdefault(at, (line, node))
        else:
            self.spots[at] = (line, node)
        if isinstance(node, ScalarNode):
            self._build(node)
        elif isinstance(node, SequenceNode):
            for i, item in enumerate(node.value):
                self.walk(item, f"{at}[{i}]", item.start_mark.line + 1, depth + 1, merged)
        else:
            self._entries(node, at, depth, merged)

    def _entries(self, node: MappingNode, at: str, depth: int, merged: bool):
        first: dict[tuple[str, str], int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if key.tag == _MERGE:
                for part in value.value if isinstance(value, SequenceNode) else [value]:
                    if isinstance(part, MappingNode):
                        self.walk(part, at, line, depth + 1, merged=True)
                continue
            if not isinstance(key, ScalarNode):
                self.refuse(key, f"a key in {at or 'the sheet'} is not plain text")
                continue
            name = _key_text(self._build(key))
            sub = f"{at}.{name}" if at else name
            if (key.tag, key.value) in first and not merged:
                self.problems.append(Problem(self.path, line, f"`{sub}` appears twice (first on "
                                     f"line {first[key.tag, key.value]})",
                                     "YAML keeps only the last one; remove one of them"))
            first.setdefault((key.tag, key.value), line)
            self.walk(value, sub, line, depth + 1, merged)

    def _build(self, node: ScalarNode) -> object:
        """The value PyYAML will build; a number or date it cannot build (0x_, 2025-02-30)
        is made text, for the checks to report."""
        build = self._builders.get(node.tag)
        if build is None:
            return None if node.tag == _T + "null" else node.value
        try:
            return build(node)
        except Exception:  # noqa: BLE001 - any failure means "not this type"
            node.tag = _STR
            return node.value


# --- checking the data against the model --------------------------------------------------

class _Checker:
    """Walks the loaded sheet against the model; every problem gets the line of its value."""

    def __init__(self, path: str, text: str, spots: dict[str, tuple[int, Node]]):
        self.path, self.text, self.spots = path, text, spots
        self.problems: list[Problem] = []
        self.ids: dict[str, dict[str, int | None]] = defaultdict(dict)  # list -> id -> line
        self.refs: list[tuple[str, str, str]] = []  # (where, list it points into, id)
        self._lines: list[str] | None = None
        self.kinds = {"text": self.text_value, "whole": self.whole, "number": self.number,
                      "flag": self.flag, "enum": self.enum, "list": self.list_value,
                      "record": self.record_value}
        self.rules = {"schema": self.schema, "slug": self.slug, "id": self.id_value,
                      **{name: self.reference for name in REFERENCES}}

    def check(self, data: dict) -> None:
        self.record(model.FactSheet, data, "")
        self.resolve_references()

    def line(self, at: str) -> int | None:
        while at not in self.spots and at:
            at = _parent(at)
        return self.spots[at][0] if at in self.spots else None

    def node(self, at: str) -> Node | None:
        spot = self.spots.get(at)
        return spot[1] if spot else None

    def report(self, at: str, message: str, hint: str | None = None) -> bool:
        self.problems.append(Problem(self.path, self.line(at), message, hint))
        return False

    def record(self, cls: type, data: dict, at: str) -> bool:
        keys = _keys(cls)
        for name, value in data.items():
            sub = f"{at}.{_key_text(name)}" if at else _key_text(name)
            if name not in keys:
                self.unknown_key(sub, name, keys)
            elif name in DATE_FORMS:
                self.date(value, sub, DATE_FORMS[name])
            elif self.value(keys[name][0], value, sub) and value is not None \
                    and name in self.rules:
                self.rules[name](value, sub)
        for name, (_, required) in keys.items():
            if required and name not in data:
                self.report(at, f"{at + '.' if at else ''}{name} is missing")
        return True

    def unknown_key(self, at: str, name: object, keys: dict) -> None:
        hint = _did_you_mean(_key_text(name), keys, "`") or f"the keys here are {', '.join(keys)}"
        self.report(at, f"`{at}`: unknown key", hint)

    def value(self, shape: _Shape, value: object, at: str) -> bool:
        if value is not None:
            return self.kinds[shape.kind](shape, value, at)
        if shape.nullable:
            return True
        node = self.node(at)
        if isinstance(node, ScalarNode) and node.value == "" and shape.kind != "list":
            return self.report(at, f"{at} is empty")
        hint = "write [] for none" if shape.kind == "list" else None
        return self.report(at, f"{at} must be {_expected(shape)}, got null", hint)

    def text_value(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, str):
            return self.cut_by_comment(value, at)
        node = self.node(at)
        if isinstance(value, (bool, int, float, dt.date)) and isinstance(node, ScalarNode) \
                and not node.style:
            return self.report(at, f"{at} became {_became(value)}",
                               f"quote it: {_quote(node.value)}")
        return self.report(at, f"{at} must be text, got {_describe(value)}")

    def cut_by_comment(self, value: str, at: str) -> bool:
        """Plain text followed by ' #1' on its line: YAML cut the value at the '#'."""
        node = self.node(at)
        if not isinstance(node, ScalarNode) or node.style or "#" not in self.text:
            return True
        if self._lines is None:
            self._lines = self.text.splitlines()
        end = node.end_mark
        found = _COMMENT.match(self._lines[end.line][end.column:]) \
            if end.line < len(self._lines) else None
        if found and (len(found[1]) == 1 or found[2][:1] not in ("", " ")):
            whole = f"{value}{found[1]}#{found[2].rstrip()}"
            return self.report(at, f"{at} was cut short at ' #': YAML reads the rest of the line "
                               "as a comment", f"quote the whole value: {_quote(whole)}")
        return True

    def whole(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, int) and not isinstance(value, bool):
            return True
        return self.report(at, f"{at} must be a whole number, got {_describe(value)}",
                           _number_hint(value))

    def number(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return True
        return self.report(at, f"{at} must be a number, got {_describe(value)}",
                           _number_hint(value))

    def flag(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, bool):
            return True
        return self.report(at, f"{at} must be true or false, got {_describe(value)}")

    def enum(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, str) and value in shape.choices:
            return True
        return self.report(at, f"{at} must be {_expected(shape)}, got {_describe(value)}",
                           _did_you_mean(str(value), shape.choices, "'"))

    def list_value(self, shape: _Shape, value: object, at: str) -> bool:
        if not isinstance(value, list):
            hint = f"write [{value}] for a list of one" \
                if isinstance(value, str) and shape.item.kind == "text" else None
            return self.report(at, f"{at} must be a list, got {_describe(value)}", hint)
        results = [self.value(shape.item, item, f"{at}[{i}]") for i, item in enumerate(value)]
        return all(results)

    def record_value(self, shape: _Shape, value: object, at: str) -> bool:
        if isinstance(value, dict):
            return self.record(shape.record, value, at)
        names = [f.name for f in dataclasses.fields(shape.record)]
        keys = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        return self.report(at, f"{at} must be a mapping of keys ({keys}), got {_describe(value)}")

    def date(self, value: object, at: str, forms: tuple[str, ...]) -> None:
        if value is None or (type(value) is dt.date and "YYYY-MM-DD" in forms):
            return
        expected = f"a date {_or(forms)}"
        if isinstance(value, str):
            form = next((f for rx, f in _DATE_FORM.items() if rx.match(value)), None)
            if form not in forms:
                self.report(at, f"{at} must be {expected}, got {_quote(value)}")
            elif not _real_date(value):
                self.report(at, f"{at} {value} is not a real date", _calendar_hint(value))
        elif isinstance(value, (bool, int, float)):
            self.text_value(_Shape("text"), value, at)
        else:
            self.report(at, f"{at} must be {expected}, got {_describe(value)}")

    def schema(self, value: object, at: str) -> None:
        if value != model.SCHEMA_VERSION:
            self.report(at, f"schema must be {model.SCHEMA_VERSION}, got {_describe(value)}",
                        f"this version reads schema {model.SCHEMA_VERSION} sheets only")

    def slug(self, value: str, at: str) -> None:
        if not is_slug(value):
            self.report(at, f"slug {_quote(value)} must be lowercase words joined by single "
                        "hyphens (a-z, 0-9, -)", f"did you mean '{slugify_title(value)}'?")

    def id_value(self, value: str, at: str) -> None:
        if not _ID.match(value):
            self.report(at, f"{at} {_quote(value)} must be lowercase letters, digits and "
                        "hyphens ([a-z0-9-]+)", f"did you mean '{slugify_title(value)}'?")
            return
        seen = self.ids[_parent(_parent(at))]
        if value in seen:
            self.report(at, f"{at} {_quote(value)} is used twice (first on line {seen[value]})",
                        "ids must be unique; rename one and the references to it")
        seen.setdefault(value, self.line(at))

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
            self.report(at, f"{at} {_quote(ref)} is not {article} {noun} id", hint)


def _key_text(key: object) -> str:
    return key if isinstance(key, str) else _describe(key)


def _parent(at: str) -> str:
    shorter = re.sub(r"(\.[^.\[\]]*|\[\d+\])$", "", at)
    return shorter if shorter != at else ""


def _quote(text: str, limit: int = 80) -> str:
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _describe(value: object) -> str:
    """A value as an editor wrote it: 'lots', 12, true, null, a list, a mapping."""
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    return {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


def _became(value: object) -> str:
    if isinstance(value, bool):
        return _describe(value)
    if isinstance(value, dt.date):
        return f"the date {value}"
    return f"the number {value}"


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
