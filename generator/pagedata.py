"""What the templates are given: sheets with every optional key present, and the filters.

The templates never test whether a key exists, only what it holds, and they format dates and
phase statuses with the filters here (`longdate`, `status_label`, `status_class`, `slug`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import MISSING, fields
from functools import cache

from generator import model
from generator.reference import required_keys
from generator.slugs import is_slug

# The list keys of a sheet and the dataclass that declares each item's keys.
ITEM_KINDS = {
    "sources": model.Source, "actors": model.Actor, "places": model.Place,
    "phases": model.Phase, "figures": model.Figure, "events": model.Event,
    "quotes": model.Quote,
}

STATUS_LABELS = {
    "planned": "Planned", "negotiating": "Under negotiation", "in_force": "In force",
    "completed": "Completed", "suspended": "Suspended", "collapsed": "Collapsed",
    "unknown": "Status unknown",
}
ID = re.compile(r"[a-z0-9-]+")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def normalize_sheet(sheet: dict) -> dict:
    """A copy with every optional key present, so templates test values, not keys. An item
    that has them all (as ingest writes them) is the sheet's own, not a copy: a large site
    holds every sheet normalised at once. Nothing may change what this returns."""
    out = dict(_with_defaults(sheet, model.FactSheet))
    for key, kind in ITEM_KINDS.items():
        out[key] = [_with_defaults(item, kind) for item in out[key] or []]
    out["unknowns"] = out["unknowns"] or []
    out["review"] = _with_defaults(out["review"] or {}, model.Review)
    return out


def _with_defaults(item: dict, kind: type) -> dict:
    """item plus the model's default for each absent key the validator lets a sheet omit.

    Required keys stay absent, so a template that uses one on a sheet without it fails
    loudly under StrictUndefined.
    """
    missing = [f for f in _optional_fields(kind) if f.name not in item]
    if not missing:
        return item
    out = dict(item)
    for f in missing:
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        out[f.name] = model.to_plain(default)
    return out


@cache
def _optional_fields(kind: type) -> tuple:
    """The fields of a model class a sheet may leave out."""
    required = required_keys(kind)
    return tuple(f for f in fields(kind) if f.name not in required)


def sort_events(events: list[dict]) -> list[dict]:
    """Events by date; undated ones keep the article's order, after the dated ones."""
    return sorted(events, key=lambda e: (iso_date(e["date"]) is None, iso_date(e["date"]) or ""))


def newest_date(sheet: dict) -> str | None:
    """The latest publication date among the sheet's sources, as YYYY-MM-DD, or None."""
    dates = [iso_date(s.get("published")) for s in sheet.get("sources") or []]
    return max((d for d in dates if d), default=None)


def iso_date(value: object) -> str | None:
    """A sheet date (a date object, YYYY-MM-DD, YYYY-MM, YYYY or a bare year) as text."""
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def format_date(value: object) -> str:
    """A sheet date as a reader writes it: 4 February 2025, February 2025 or 2025."""
    text = iso_date(value) or ""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match or not 1 <= int(match[2] or 1) <= 12:
        return text
    year, month, day = match.groups()
    parts = [str(int(day))] if day else []
    parts += [MONTHS[int(month) - 1]] if month else []
    return " ".join(parts + [year])


def check_slug(value: object) -> str:
    """A slug safe to put in a link target; anything else is a bug upstream."""
    if not is_slug(value):
        raise ValueError(f"not a slug: {value!r}")
    return value


def check_id(value: object) -> str:
    """An actor id ([a-z0-9-]+, as the validator requires) safe in a page path."""
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise ValueError(f"not an id: {value!r}")
    return value


def status_label(status: object) -> str:
    """A phase status as readers say it."""
    return STATUS_LABELS.get(str(status), STATUS_LABELS["unknown"])


def status_class(status: object) -> str:
    """A CSS class suffix for a phase status, from a fixed list only."""
    return str(status).replace("_", "-") if status in STATUS_LABELS else "unknown"
