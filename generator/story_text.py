"""A story sheet's text after the three-way merge: timeline in date order, comments kept."""

from __future__ import annotations

import datetime as dt
import re

from ruamel.yaml.comments import CommentedSeq

from generator.sheets import dump_roundtrip, load_roundtrip, parse_sheet_data
from generator.story_merge import event_when


def sort_events(text: str, story: dict) -> str:
    """The merged sheet's timeline in date order (a story's rule), comments moved along."""
    order = {s.get("id"): (str(s.get("published") or ""), "") for s in story.get("sources", [])}
    if _in_order(text, order):  # most merges: known without the round trip, 10 times faster
        return text
    data = load_roundtrip(text)
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, CommentedSeq) or not events:
        return text
    when = [event_when(e, order) if isinstance(e, dict) else "" for e in events]
    moves = sorted(range(len(events)), key=lambda i: when[i])
    if moves == list(range(len(events))):
        return text
    items, notes = list(events), dict(events.ca.items)
    events.ca.items.clear()
    for new, old in enumerate(moves):
        events[new] = items[old]
        if old in notes:
            events.ca.items[new] = notes[old]
    return dump_roundtrip(data)


def _in_order(text: str, order: dict) -> bool:
    """The events are in date order already, as the plain (C) loader reads them; False when
    unsure: a value the round-trip loader might read otherwise, or text it cannot load."""
    try:
        data = parse_sheet_data(text)
    except Exception:  # noqa: BLE001 - any failure means: ask the round-trip loader
        return False
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list) or not events:
        return False
    if not all(isinstance(e, dict) and type(e.get("date")) in (type(None), str, dt.date)
               for e in events):
        return False
    when = [event_when(e, order) for e in events]
    return when == sorted(when)


_KEY_COMMENT = re.compile(r"((?:^#[^\n]*\n)+)(?=([a-z_]+):)", re.MULTILINE)


def keep_key_comments(before: str, after: str) -> str:
    """Comment lines the editor put above a top-level key, put back if the merge lost them.

    ruamel hangs such a comment on the last value above it; a story merge replaces that value
    when it is a phase's history, and the comment would go with it.
    """
    for block, key in _KEY_COMMENT.findall(before):
        if block not in after:
            after = re.sub(rf"^{key}:", lambda m, b=block: b + m.group(0), after, count=1,
                           flags=re.MULTILINE)
    return after
