"""Fact sheets on disk: YAML an editor can read, written atomically."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from generator.model import FactSheet, to_plain

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _SheetDumper(yaml.SafeDumper):
    """Block style, no aliases, long text folded for reading, dates written bare."""

    def ignore_aliases(self, data):
        return True

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)  # indent list items under their key


def _represent_str(dumper: yaml.SafeDumper, value: str):
    if _ISO_DATE.match(value):  # a date an editor reads as a date: 2025-02-04, not '2025-02-04'
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value)
    style = ">" if len(value) > 90 and "\n" not in value and value == value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_SheetDumper.add_representer(str, _represent_str)


def dump_sheet(sheet: FactSheet | dict) -> str:
    """The sheet as YAML text, keys in the order FACTSHEET.md gives them."""
    data = to_plain(sheet) if isinstance(sheet, FactSheet) else sheet
    return yaml.dump(data, Dumper=_SheetDumper, sort_keys=False, allow_unicode=True,
                     width=96, default_flow_style=False)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and os.replace: a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_sheet(path: Path, sheet: FactSheet) -> None:
    write_atomic(path, dump_sheet(sheet))


def load_sheet_data(path: Path) -> object:
    """Fast plain load of a sheet (the C loader where PyYAML has it)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
