"""What a merge of a fact sheet reports: counts, and conflicts with their lines.

A conflict is also written into the sheet's `review.notes`, so it stays in front of the editor
after the ingest line has scrolled away; the editor deletes the note once it is settled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq

from generator.sheets import load_roundtrip, to_roundtrip


class Missing:
    """A key one version does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()


@dataclass
class Conflict:
    """A value both the editor and the new extraction changed, differently; ours was kept."""

    at: str
    """Where, as the validator names it: `figures[2].measure`."""
    ours: object
    theirs: object
    line: int | None = None
    """Its line in the merged sheet."""
    steps: tuple = ()
    """Its keys and indexes in the merged sheet: ('figures', 2, 'measure')."""
    why: str = ""
    """What happened, when it is not a value changed on both sides."""

    @property
    def message(self) -> str:
        if self.why:
            return f"conflict in {self.at}: {self.why}; kept yours"
        if self.theirs is MISSING and isinstance(self.ours, dict):
            return (f"conflict in {self.at}: you changed this item, the new extraction no "
                    "longer has it; kept yours")
        if self.ours is MISSING:
            mine = "you removed it"
        else:
            mine = f"you have {show(self.ours)}"
        if self.theirs is MISSING:
            return f"conflict in {self.at}: {mine}, the new extraction no longer has it; kept yours"
        return f"conflict in {self.at}: {mine}, the new extraction has {show(self.theirs)}; " \
               "kept yours"


@dataclass
class MergeReport:
    """What the merge did, for the ingest line."""

    added: int = 0
    """New items from the extraction."""
    removed: int = 0
    """Items the extraction no longer finds and the editor had not touched."""
    updated: int = 0
    """Values the extraction changed where the editor had not."""
    kept: int = 0
    """Editor's changes, additions and deletions kept."""
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return self.added + self.removed + self.updated + len(self.conflicts)

    def __str__(self) -> str:
        removed = f"{self.removed} removed, " if self.removed else ""
        n = len(self.conflicts)
        return (f"{self.added} added, {removed}{self.updated} updated, {self.kept} "
                f"edit{'s' * (self.kept != 1)} kept, {n} conflict{'s' * (n != 1)}")


def show(value: object, width: int = 60) -> str:
    """A value as a conflict message quotes it: 'text', 12, null, [3 items]."""
    if isinstance(value, list):
        return f"[{len(value)} item{'s' * (len(value) != 1)}]"
    if isinstance(value, dict):
        return "{...}"
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    text = str(value)
    text = text if len(text) <= width else text[: width - 1] + "\u2026"
    return f"'{text}'" if isinstance(value, str) else text


def lines_of(text: str, conflicts: list[Conflict]) -> None:
    """Give each conflict the line of its value (or of the nearest enclosing one)."""
    root = load_roundtrip(text) if conflicts else None
    for conflict in conflicts:
        node, line = root, 1
        for step in conflict.steps:
            if isinstance(node, CommentedMap) and step in node:
                line = node.lc.key(step)[0] + 1
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
                line = node.lc.item(step)[0] + 1
            else:
                break
            node = node[step]
        conflict.line = line


def steps_of(root: CommentedBase, at: tuple = ()) -> dict[int, tuple]:
    """The path (keys and indexes) of every mapping and list in the sheet, by object id."""
    found = {id(root): at}
    pairs = root.items() if isinstance(root, dict) else enumerate(root)
    for key, child in pairs:
        if isinstance(child, dict | list):  # round-trip data, or plain (merge._merge_plain)
            found.update(steps_of(child, (*at, key)))
    return found


def at_path(steps: tuple) -> str:
    """`figures[2].measure`, as the validator names a value."""
    text = ""
    for step in steps:
        text += f"[{step}]" if isinstance(step, int) else f".{step}" if text else str(step)
    return text


def add_notes(ours: CommentedMap, notes: list[str]) -> None:
    """Append notes for the editor to review.notes (created if missing), once each."""
    if not notes:
        return
    roundtrip = isinstance(ours, CommentedMap)  # else plain data (merge._merge_plain)
    review = ours.setdefault("review", CommentedMap() if roundtrip else {})
    if isinstance(review, dict):
        seq = review.setdefault("notes", CommentedSeq() if roundtrip else [])
        if isinstance(seq, list):
            was_empty = not seq
            for note in notes:
                if note not in seq:
                    seq.append(to_roundtrip(note) if roundtrip else note)
            if was_empty and roundtrip:  # `notes: []` gets one note a line, as generated
                seq.fa.set_block_style()
