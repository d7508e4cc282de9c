"""Fact sheets on disk: YAML an editor can read, written atomically."""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.representer import RoundTripRepresenter

from generator.model import FactSheet, to_plain

# Text written bare, as a YAML date (read back as one), and how wide a line may be.
BARE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WIDTH = 96


class _SheetDumper(yaml.SafeDumper):
    """Block style, no aliases, long text folded for reading, dates written bare."""

    def ignore_aliases(self, data):
        return True

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)  # indent list items under their key


def _represent_str(dumper: yaml.SafeDumper, value: str):
    if BARE_DATE.match(value):  # a date an editor reads as a date: 2025-02-04, not '2025-02-04'
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value)
    style = ">" if len(value) > 90 and "\n" not in value and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_SheetDumper.add_representer(str, _represent_str)


def dump_sheet(sheet: FactSheet | dict) -> str:
    """The sheet as YAML text, keys in the order FACTSHEET.md gives them.

    A list of facts is written item by item, each item's text remembered: a story merge
    writes the whole story again for every article, and most of its items are as they were.
    (Each item's text is what the whole dump would write there: block style, no aliases.)
    """
    data = to_plain(sheet) if isinstance(sheet, FactSheet) else sheet
    if not isinstance(data, dict) or not data:
        return _dump(data)
    return "".join(_dump_key(key, value) for key, value in data.items())


# Keys written with their list item by item: a plain key, nothing to quote.
_PLAIN_KEY = re.compile(r"^[a-z_]+$")
_ITEMS: dict[str, str] = {}  # an item's repr -> its text in the list
_MAX_ITEMS = 1 << 16


def _dump_key(key: object, value: object) -> str:
    if not (isinstance(key, str) and _PLAIN_KEY.match(key) and isinstance(value, list) and value
            and all(isinstance(item, dict) and item for item in value)):
        return _dump({key: value})
    # An item's repr tells apart every type a sheet holds (2025-01-01 the date or the text).
    reprs = [repr(item) for item in value]
    missing = {r: item for r, item in zip(reprs, value, strict=True) if r not in _ITEMS}
    if missing:
        if len(_ITEMS) + len(missing) > _MAX_ITEMS:
            _ITEMS.clear()
        _ITEMS.update(zip(missing, _dump_items(list(missing.values())), strict=True))
    return f"{key}:\n" + "".join(_ITEMS[r] for r in reprs)


def _dump_items(items: list[dict]) -> list[str]:
    """Each item's text as a top-level key's list has it (`  - key: value ...`): one dump,
    cut where an item starts (its dash is the only text two spaces in; all else is deeper)."""
    text = _dump({"x": items}).removeprefix("x:\n")
    cuts = [m.start() for m in _ITEM_START.finditer(text)]
    if len(cuts) != len(items):  # never seen; one dump per item is right whatever the text
        return [_dump({"x": [item]}).removeprefix("x:\n") for item in items]
    return [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


_ITEM_START = re.compile(r"^  - ", re.MULTILINE)


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_SheetDumper, sort_keys=False, allow_unicode=True,
                     width=WIDTH, default_flow_style=False)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and os.replace: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """The mode a rewritten file keeps; a new file gets the usual one (mkstemp's is 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_sheet(path: Path, sheet: FactSheet) -> None:
    write_atomic(path, dump_sheet(sheet))


def load_sheet_data(path: Path) -> object:
    """Fast plain load of a sheet (the C loader where PyYAML has it)."""
    return parse_sheet_data(path.read_text(encoding="utf-8"))


def parse_sheet_data(text: str) -> object:
    """A sheet's text as plain data, like yaml.safe_load but with the C loader where PyYAML
    has it: several times faster on a big story sheet."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# --- Round trip: merged sheets keep the editor's comments, key order and formatting ---------

def base_path(sheet_path: Path) -> Path:
    """Where the last generated version of a sheet is kept, the base of the next merge.

    `content/.generated/<slug>.yaml.base`: in a hidden folder, so the MkDocs plugin (which
    reads `content/*.yaml`) never sees it, and not ending in `.yaml`, so `explainers check`
    (which reads every `*.yaml` under `content/`) does not take it for a second sheet with the
    same slug. Commit it with the sheet.
    """
    return sheet_path.parent / ".generated" / f"{sheet_path.name}.base"


def _represent_null(representer: RoundTripRepresenter, _value: None):
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


class _SheetRepresenter(RoundTripRepresenter):
    """ruamel's round-trip representer, writing None as `null` as dump_sheet does."""


_SheetRepresenter.add_representer(type(None), _represent_null)


def _roundtrip_yaml() -> YAML:
    """ruamel set up to write what dump_sheet writes: lists indented under their key."""
    rt = YAML(typ="rt")
    rt.Representer = _SheetRepresenter
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 4096  # never re-wrap a line the editor wrote; folded text keeps its folds
    rt.preserve_quotes = True
    rt.allow_unicode = True
    return rt


def load_roundtrip(text: str):
    """A sheet's YAML as ruamel round-trip data: edit it in place, then dump_roundtrip."""
    return _roundtrip_yaml().load(text)


def dump_roundtrip(data) -> str:
    """Round-trip data back to text, comments and formatting as they were loaded."""
    out = io.StringIO()
    _roundtrip_yaml().dump(data, out)
    return out.getvalue()


def to_roundtrip(value, *, in_item: bool = True):
    """A plain value as round-trip data that dumps the way dump_sheet writes it.

    The value is written by dump_sheet at the depth it will take in a sheet (a list item's
    field, or a top-level key) and read back, so new items get the same folding, bare dates
    and `null` as the generated lines around them.
    """
    if in_item:
        return load_roundtrip(dump_sheet({"x": [{"v": value}]}))["x"][0]["v"]
    return load_roundtrip(dump_sheet({"v": value}))["v"]
