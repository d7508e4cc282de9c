"""Reading a fact sheet's YAML safely, keeping the line of every value and the traps YAML sets.

Loading is safe only: tags, more than MAX_ALIASES aliases, more than MAX_VALUES values, nesting
deeper than MAX_DEPTH and files over MAX_BYTES are refused before anything is built. Files must
be UTF-8. YAML's traps are reported, not accepted: duplicate keys, tabs, and text that YAML read
as true/false, a number or a date (`NO`, `12:30`, `2025-02-04`), or cut short by a comment: an
unquoted value followed by ' #' with one space before it or none after it ("round #2"); a
comment set off by two spaces and "# " is taken as meant. A value is named by its path,
`actors[0].name`, as the problems name it.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.problems import Problem, describe, quote

MAX_BYTES = 2_000_000
MAX_DEPTH = 20
MAX_ALIASES = 100
MAX_VALUES = 200_000

_C_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_T = "tag:yaml.org,2002:"
_STR, _MERGE = _T + "str", _T + "merge"
_SAFE_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map",
                               "merge")}
_LAST_STEP = re.compile(r"(\.[^.\[\]]*|\[\d+\])$")
_COMMENT = re.compile(r"(\s+)#(.*)$")
_SYNTAX_HINTS = {
    "mapping values are not allowed": "a value containing ': ' must be quoted",
    "found undefined alias": "a value starting with * must be quoted",
    "another document": "a sheet is one YAML document; remove the '---' line",
    "cannot start any token": "a value starting with @, ` or % must be quoted",
    "did not find expected key": "check this line's indentation against the lines above",
    "while scanning a quoted scalar": "a quote opened here is never closed",
}


def read_sheet_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A sheet file's text, or None and why not: too big, unreadable or not UTF-8."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(name, None, f"the file is {size:,} bytes; a fact sheet may "
                                  f"be at most {MAX_BYTES:,}")]
        raw = path.read_bytes()
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        reason = getattr(e, "strerror", None) or e
        return None, [Problem(name, None, f"cannot read the file: {reason}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        return None, [Problem(name, line, f"the file is not UTF-8 (byte 0x{raw[e.start]:02x} "
                              "cannot be read)", "re-save the file as UTF-8")]


def read_yaml(text: str, path: str) -> tuple[Marks | None, object, list[Problem]]:
    """Load a sheet's text safely; marks is None when it cannot be loaded, and problems say why."""
    if len(text) > MAX_BYTES:
        return None, None, [Problem(path, None, f"the text is {len(text):,} characters; a fact "
                                    f"sheet may be at most {MAX_BYTES:,}")]
    try:
        root = _compose(text)
    except yaml.YAMLError as e:
        return None, None, [_yaml_problem(e, text, path)]
    if root is None:
        return None, None, [Problem(path, 1, "the file is empty",
                                    "a sheet needs at least schema, slug and title")]
    walker = _Walker(path)
    data = walker.walk(root, "", 1, 1)
    if walker.unsafe:
        return None, None, walker.problems
    if walker.shared:  # aliases or merge keys: PyYAML's constructor shares and merges
        try:
            data = yaml.constructor.SafeConstructor().construct_document(root)
        except yaml.YAMLError as e:
            return None, None, walker.problems + [_yaml_problem(e, text, path)]
    return Marks(text, walker.spots), data, walker.problems


class Marks:
    """Where each value of a loaded sheet was written, found by its path (`actors[0].name`)."""

    def __init__(self, text: str, spots: dict[str, tuple[int, Node]]):
        self.text = text
        self.spots = spots  # value path -> (line, node)
        self._rows: list[str] | None = None
        self._comments = "#" in text  # else no value was cut short by one

    def line(self, at: str) -> int | None:
        """The line of the value at `at`, or of the nearest value holding it."""
        while at not in self.spots and at:
            at = parent_path(at)
        return self.spots[at][0] if at in self.spots else None

    def blank(self, at: str) -> bool:
        """Whether the value was written as nothing at all (`what:`), which YAML reads as null."""
        node = self._node(at)
        return isinstance(node, ScalarNode) and node.value == ""

    def text_trap(self, at: str, value: object) -> tuple[str, str] | None:
        """How YAML changed text written at `at`, as (message, hint); None if it did not."""
        if isinstance(value, str):
            return self._cut_by_comment(value, at) if self._comments else None
        node = self._node(at)
        if isinstance(value, (bool, int, float, dt.date)) and isinstance(node, ScalarNode) \
                and not node.style:
            return f"{at} became {_became(value)}", f"quote it: {quote(node.value)}"
        return None

    def _node(self, at: str) -> Node | None:
        spot = self.spots.get(at)
        return spot[1] if spot else None

    def _cut_by_comment(self, value: str, at: str) -> tuple[str, str] | None:
        """Plain text followed by ' #1' on its line: YAML cut the value at the '#'."""
        node = self._node(at)
        if not isinstance(node, ScalarNode) or node.style:
            return None
        if self._rows is None:
            self._rows = self.text.splitlines()
        end = node.end_mark
        found = _COMMENT.match(self._rows[end.line][end.column:]) \
            if end.line < len(self._rows) else None
        if found and (len(found[1]) == 1 or found[2][:1] not in ("", " ")):
            whole = f"{value}{found[1]}#{found[2].rstrip()}"
            return (f"{at} was cut short at ' #': YAML reads the rest of the line as a comment",
                    f"quote the whole value: {quote(whole)}")
        return None


def key_text(key: object) -> str:
    """A key as its value path names it; YAML may have read it as a number or true."""
    return key if isinstance(key, str) else describe(key)


def child_path(at: str, key: object) -> str:
    """The path of the value under `key` in the mapping at `at`."""
    return f"{at}.{key_text(key)}" if at else key_text(key)


def parent_path(at: str) -> str:
    """The path of the list or mapping holding the value at `at`; '' is the whole sheet."""
    shorter = _LAST_STEP.sub("", at)
    return shorter if shorter != at else ""


def _became(value: object) -> str:
    if isinstance(value, bool):
        return describe(value)
    if isinstance(value, dt.date):
        return f"the date {value}"
    return f"the number {value}"


class _Loader(_C_LOADER):
    """The C loader, remembering the tag of each short plain scalar: sheets repeat their keys,
    ids, types and dates thousands of times, and PyYAML's resolver, run for each, is Python
    (a fifth of the C loader's time). A safe loader has no path resolvers: the tag of a plain
    scalar depends on its text alone."""

    def resolve(self, kind, value, implicit):
        if kind is not ScalarNode or not implicit[0] or len(value) > _REMEMBERED_LENGTH:
            return super().resolve(kind, value, implicit)
        tag = _TAGS.get(value)
        if tag is None:
            if len(_TAGS) >= _REMEMBERED:
                _TAGS.clear()
            tag = _TAGS[value] = super().resolve(kind, value, implicit)
        return tag


_TAGS: dict[str, str] = {}  # a plain scalar's text -> its tag
_REMEMBERED, _REMEMBERED_LENGTH = 50_000, 40


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# --- YAML errors as problems --------------------------------------------------------------

def _yaml_problem(e: yaml.YAMLError, text: str, path: str) -> Problem:
    """A YAML error as path:line: message, with a hint for the usual mistakes."""
    if isinstance(e, yaml.reader.ReaderError):
        return _character_problem(e, text, path)
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    if "end of stream" in str(getattr(e, "problem", "")) and getattr(e, "context_mark", None):
        mark = e.context_mark  # an unclosed quote or bracket: point at where it opened
    problem = getattr(e, "problem", None) or getattr(e, "context", None) or str(e)
    if mark is None:
        return Problem(path, None, f"YAML error: {problem}")
    if "tab" in problem or _tab_indented(text, mark.line):
        return Problem(path, mark.line + 1, "a tab in the indentation",
                       "YAML indents with spaces only: replace the tab with spaces")
    context = getattr(e, "context", None)
    if context and context != problem and e.context_mark:
        same = e.context_mark.line == mark.line
        problem = f"{problem} {context}" if same else \
            f"{problem} ({context} on line {e.context_mark.line + 1})"
    hint = next((h for k, h in _SYNTAX_HINTS.items() if k in problem), None)
    return Problem(path, mark.line + 1, f"YAML error: {problem}", hint)


def _character_problem(e: yaml.reader.ReaderError, text: str, path: str) -> Problem:
    """A character YAML does not allow, at the line it is first found on."""
    at = text.find(chr(e.character)) if isinstance(e.character, int) else -1
    return Problem(path, text.count("\n", 0, at) + 1 if at >= 0 else None,
                   f"character {chr(e.character)!r} is not allowed in YAML ({e.reason})"
                   if isinstance(e.character, int) else f"unreadable text ({e.reason})",
                   "delete it, or re-save the file as plain UTF-8 text")


def _tab_indented(text: str, row: int) -> bool:
    rows = text.splitlines()
    line = rows[row] if row < len(rows) else ""
    return "\t" in line[:len(line) - len(line.lstrip())]


# --- walking the composed YAML ------------------------------------------------------------

class _Walker:
    """Walks the composed YAML once: a line for every value path, the traps seen there, and
    the data, built as PyYAML's safe constructor builds it (a sheet is read once per build,
    thousands of them: one pass, not two). A document with aliases or merge keys is left to
    PyYAML's constructor (`shared`), which gives aliased values one object and merges keys.
    """

    def __init__(self, path: str):
        self.path = path
        self.spots: dict[str, tuple[int, Node]] = {}
        self.problems: list[Problem] = []
        self.unsafe = False  # do not construct: refused or unreadable
        self.shared = False  # aliases or merge keys: construct with PyYAML
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

    def walk(self, node: Node, at: str, line: int, depth: int, merged: bool = False) -> object:
        """The value of node, noting its line and traps under the path `at`."""
        if self._stop or not self._within_limits(node, depth):
            return None
        if node.tag not in _SAFE_TAGS:
            tag = node.tag.replace(_T, "!!")
            self.refuse(node, f"the tag {tag} is not allowed", "fact sheets are plain YAML; "
                        "remove the tag")
        if merged:  # keys merged in with <<: the sheet's own keys win
            self.spots.setdefault(at, (line, node))
        else:
            self.spots[at] = (line, node)
        if isinstance(node, ScalarNode):
            return self._build(node)
        if isinstance(node, SequenceNode):
            return [self.walk(item, f"{at}[{i}]", item.start_mark.line + 1, depth + 1, merged)
                    for i, item in enumerate(node.value)]
        return self._entries(node, at, depth, merged)

    def _within_limits(self, node: Node, depth: int) -> bool:
        """Count the value; past a limit, refuse the sheet and stop walking."""
        self._values += 1
        if isinstance(node, (MappingNode, SequenceNode)):
            if id(node) in self._seen:
                self._aliases += 1
                self.shared = True
            self._seen.add(id(node))
        if self._aliases > MAX_ALIASES:
            self.refuse(node, f"more than {MAX_ALIASES} aliases (*name): refused as a possible "
                        "alias bomb", "write the values out in full", stop=True)
        elif self._values > MAX_VALUES:
            self.refuse(node, f"more than {MAX_VALUES:,} values: refused as too large",
                        stop=True)
        elif depth > MAX_DEPTH:
            self.refuse(node, f"nested deeper than {MAX_DEPTH} levels", stop=True)
        return not self._stop

    def _entries(self, node: MappingNode, at: str, depth: int, merged: bool) -> dict:
        first: dict[tuple[str, str], int] = {}
        data = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if key.tag == _MERGE:
                self.shared = True
                for part in value.value if isinstance(value, SequenceNode) else [value]:
                    if isinstance(part, MappingNode):
                        self.walk(part, at, line, depth + 1, merged=True)
                continue
            if not isinstance(key, ScalarNode):
                self.refuse(key, f"a key in {at or 'the sheet'} is not plain text")
                continue
            built = sys.intern(key.value) if key.tag == _STR else self._build(key)
            sub = child_path(at, built)
            if (key.tag, key.value) in first and not merged:
                self.problems.append(Problem(self.path, line, f"`{sub}` appears twice (first on "
                                     f"line {first[key.tag, key.value]})",
                                     "YAML keeps only the last one; remove one of them"))
            first.setdefault((key.tag, key.value), line)
            if type(value) is ScalarNode and value.tag in _SAFE_TAGS and not merged \
                    and depth < MAX_DEPTH and self._values < MAX_VALUES and not self._stop:
                # walk() for the usual value, a plain scalar within the limits: most values are
                self._values += 1
                self.spots[sub] = (line, value)
                if value.tag == _STR:  # _build(value), for text
                    data[built] = value.value = sys.intern(value.value)
                else:
                    data[built] = self._build(value)
            else:
                data[built] = self.walk(value, sub, line, depth + 1, merged)
        return data

    def _build(self, node: ScalarNode) -> object:
        """The value PyYAML will build; a number or date it cannot build (0x_, 2025-02-30)
        is made text, for the checks to report."""
        build = self._builders.get(node.tag)
        if build is None:
            if node.tag == _T + "null":
                return None
            # One object per distinct text: a sheet repeats its keys, ids and sentences, and a
            # site holds thousands of sheets (a third of the memory; the data is the same).
            node.value = sys.intern(node.value)
            return node.value
        try:
            return build(node)
        except Exception:  # noqa: BLE001 - any failure means "not this type"
            node.tag = _STR
            return node.value
