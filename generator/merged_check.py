"""Whether a merged sheet passes the validator, decided on its data, before it is written.

Ingest checks every merge before writing it: the sheet's YAML (`sheets.dump_sheet`), read
back and checked as `explainers check` reads it (`validate.validate_text`). For a story of
dozens of sources that is most of a merge's cost, and a merge into a story nobody edited makes
plain data whose text the dumper writes predictably. `clean_as_written(data)` answers "would
the text have no problem at all?" from the data, and says no (ask the text) wherever the text
could differ from the data:

- a value the dumper writes bare as a date (text like `2025-02-04`) where no date is due: read
  back, it is a date, which the validator reports where text is expected;
- a sheet near the reader's limits (MAX_VALUES values, MAX_DEPTH levels, MAX_BYTES: its size
  is bounded from above, `written_size_bound`, without writing it);
- any problem the validator finds in the data (the text then says which, with its line).

Otherwise the text reads back as the data, with no trap: YAML's traps are in text a person
wrote (an unquoted `NO`, ` #` in a plain value), and the dumper quotes what would be one.
Tests hold this to `validate_text(dump_sheet(data))` on sheets of every kind.
"""

from __future__ import annotations

import re

from generator.sheets import BARE_DATE, WIDTH
from generator.validate import DATE_FORMS, _Checker, _keys
from generator.yamlsafe import MAX_BYTES, MAX_DEPTH, MAX_VALUES


def clean_as_written(data: dict, path: str) -> bool:
    """True when `validate_text(dump_sheet(data), path)` finds no problem; False when it
    finds one, or only the text can tell. `data` is plain: builtins, dates as text."""
    if not isinstance(data, dict):
        return False
    facts = {id(item): repr(item) for value in data.values() if isinstance(value, list)
             for item in value if isinstance(item, dict)}  # (repr tells plain types apart)
    size = _Size(facts=facts)
    if size.of(data, 0, 0, None, 1) > MAX_BYTES or size.values > MAX_VALUES:
        return False
    checker = _FactChecker(path, facts)
    try:
        checker.check(data)
    except Exception:  # noqa: BLE001 - a validator bug: let the text check report it
        return False
    return not checker.problems


class _FactChecker(_Checker):
    """The validator on data, taking a fact it found clean before (the same record, the
    same repr) as clean again: a story is checked once per article, and most of its facts
    are as the last check found them. What a fact's check leaves for the sheet's checks, its
    id and its references, is kept with it and given again."""

    def __init__(self, path: str, facts: dict[int, str]) -> None:
        super().__init__(path, _NO_MARKS)
        self.facts = facts

    def record_value(self, shape, value: object, at: str) -> bool:
        fact = self.facts.get(id(value)) if _FACT.match(at) else None
        if fact is None:
            return super().record_value(shape, value, at)
        key = (shape.record, fact)
        refs = _CLEAN_FACTS.get(key)
        if refs is None:
            problems, before = len(self.problems), len(self.refs)
            if not super().record_value(shape, value, at) or len(self.problems) > problems:
                return False
            if len(_CLEAN_FACTS) >= _MAX_SIZED:
                _CLEAN_FACTS.clear()
            _CLEAN_FACTS[key] = [(where[len(at):], kind, ref)
                                 for where, kind, ref in self.refs[before:]]
            return True
        if "id" in _keys(shape.record) and isinstance(value.get("id"), str):
            self.id_value(value["id"], f"{at}.id")  # a clean id: counted, and told if twice
        self.refs += [(at + where, kind, ref) for where, kind, ref in refs]
        return True


_FACT = re.compile(r"^[a-z_]+\[\d+\]$")  # an item of a list of facts: `actors[3]`
# (record, a fact's repr) -> its references, (path in the fact, list, id), for facts found clean
_CLEAN_FACTS: dict[tuple, list[tuple[str, str, str]]] = {}


class _NoMarks:
    """The validator's view of the text, for data the dumper writes: no lines, nothing left
    blank (null is written `null`), no trap (the dumper quotes text a trap would change; a
    number where text is due is reported by the data check as well)."""

    def line(self, at: str) -> None:
        return None

    def blank(self, at: str) -> bool:
        return False

    def text_trap(self, at: str, value: object) -> None:
        return None


_NO_MARKS = _NoMarks()


# --- how big the written text can be ------------------------------------------------------

_BEST_WIDTH = 54  # text per folded line at least: the dumper breaks at a space past column 96,
# and a line is indented 2 * MAX_DEPTH at most
_UNREADABLE = MAX_BYTES + 1  # what `_Size.of` says of data that does not read back as itself


def written_size_bound(data: object) -> int:
    """At least the size in UTF-8 bytes of `dump_sheet(data)`, found without writing it.

    Each line costs at most its indent (two spaces a level), a key, ': ' or '- ' and the
    value: text quoted, its quotes doubled, a character escaped in at most ten, and a value
    that reaches past column 96 folded onto further lines, each indented again.
    """
    return _Size(limits=False).of(data, 0, 0, None, 1)


class _Size:
    """One walk of the data: its written size at most, its values counted; and, with
    limits, _UNREADABLE (past MAX_BYTES) as soon as the text would not read back as the
    data: nested past MAX_DEPTH, a key that is not text, a value that is not plain data,
    or text written bare as a date where none is due."""

    def __init__(self, *, limits: bool = True, facts: dict[int, str] | None = None) -> None:
        self.limits = limits
        self.values = 0
        self.facts = facts or {}  # id -> repr of the facts, where the caller has them

    def of(self, value: object, depth: int, lead: int, key: object, level: int) -> int:
        """`lead`: the columns before the value on its line, at most; `level`: the reader's
        depth (1 for the sheet)."""
        self.values += 1
        if self.limits and level > MAX_DEPTH:
            return _UNREADABLE
        indent = 2 * depth + 4
        if isinstance(value, dict):
            size = 3
            for k, v in value.items():
                if self.limits and (type(k) is not str or BARE_DATE.match(k)):
                    return _UNREADABLE
                width = _text_size(str(k), depth, indent)
                size += indent + width + self.of(v, depth + 1, indent + width, k, level + 1)
            return size
        if isinstance(value, list):
            if level == 2:  # a list of facts
                return 3 + sum(indent + self._fact(v, depth + 1, indent) for v in value)
            return 3 + sum(indent + self.of(v, depth + 1, indent, None, level + 1)
                           for v in value)
        if isinstance(value, str):
            if self.limits and key not in DATE_FORMS and BARE_DATE.match(value):
                return _UNREADABLE
            return 2 + _text_size(value, depth, lead)
        if isinstance(value, float):
            return 2 + len(repr(value)) + 4
        if isinstance(value, bool) or value is None:
            return 7
        if isinstance(value, int):
            return 2 + len(str(value))
        return _UNREADABLE if self.limits else 2 + 64 + len(str(value))


    def _fact(self, item: object, depth: int, lead: int) -> int:
        """`of` an item of a list of facts, remembered by its repr (which tells every plain
        type apart): a story is checked once per article, and most of its facts are as the
        last check found them."""
        key = (self.facts.get(id(item)) or repr(item), depth, lead, self.limits)
        known = _SIZED.get(key)
        if known is None:
            values = self.values
            size = self.of(item, depth, lead, None, 3)
            if len(_SIZED) >= _MAX_SIZED:
                _SIZED.clear()
            known = _SIZED[key] = (size, self.values - values)
            self.values = values
        self.values += known[1]
        return known[0]


_SIZED: dict[tuple, tuple[int, int]] = {}  # a fact's (repr, depth, lead, limits) -> (size, values)
_MAX_SIZED = 1 << 16

# Text -> its size quoted, -1 when not all printable: a story holds the same text merge after
# merge.
_QUOTED: dict[str, int] = {}
_MAX_QUOTED = 1 << 17


def _text_size(text: str, depth: int, lead: int) -> int:
    size = _QUOTED.get(text)
    if size is None:
        if len(_QUOTED) >= _MAX_QUOTED:
            _QUOTED.clear()
        size = _QUOTED[text] = _quoted_size(text) if text.isprintable() else -1
    if size >= 0:
        if lead + size <= WIDTH - 8:  # ends before the column where folding starts
            return size
        return size + (len(text) // _BEST_WIDTH + 2) * (2 * depth + 6)
    # Escaped (\x85, \U0001f600), or a line break that quoted text writes as a line.
    odd = sum(not c.isprintable() for c in text)
    return _quoted_size(text) + 9 * odd + (len(text) // _BEST_WIDTH + 2 + odd) * (2 * depth + 6)


def _quoted_size(text: str) -> int:
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    return size + 2 + text.count("'") + text.count('"') + text.count("\\")
