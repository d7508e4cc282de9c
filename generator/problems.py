"""Problems found in a fact sheet, and how they show the values an editor wrote."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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


def quote(text: str, limit: int = 80) -> str:
    """Text as it can be pasted back into YAML, cut to `limit` characters."""
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def describe(value: object) -> str:
    """A value as an editor wrote it: 'lots', 12, true, null, a list, a mapping."""
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    return {list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)
