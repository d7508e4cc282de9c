"""A story sheet's text after the three-way merge: timeline in date order, comments kept."""

from __future__ import annotations

import re

from ruamel.yaml.comments import CommentedSeq

from generator.sheets import dump_roundtrip, load_roundtrip
from generator.story_merge import event_when


def sort_events(text: str, story: dict) -> str:
    """The merged sheet's timeline in date order (a story's rule), comments moved along."""
    data = load_roundtrip(text)
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, CommentedSeq) or not events:
        return text
    order = {s.get("id"): (str(s.get("published") or ""), "") for s in story.get("sources", [])}
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
