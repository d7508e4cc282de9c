"""Quotation marks: where quoted text starts and ends in a paragraph.

Double marks (straight, curly, guillemets) pair in order; single marks are quotation marks only
where they cannot be apostrophes ("Israel's", "don't", "members' votes" stay apostrophes).
Marks nested inside a quotation of the other kind belong to it and give no span of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPENERS = "\u201c\u00ab\u201e"
DOUBLE_CLOSERS = "\u201d\u00bb"
_DOUBLE = re.compile(r'["\u201c\u201d\u00ab\u00bb\u201e]')
_SINGLE = re.compile(r"['\u2018\u2019]")
# A single mark opens a quotation after a space or an opening bracket and before a word.
_OPENS_BEFORE = re.compile(r"^$|[\s(\[\u2014\u2013/:]$")
_OPENS_AFTER = re.compile(r"^[\w\[(\u2026.]")
# ... and closes one after a non-space and before a space, punctuation or the end.
_CLOSES_AFTER = re.compile(r"^(?:$|[\s,.;:!?)\]\u2014\u2013\"\u201d])")


@dataclass(frozen=True)
class Span:
    """Quoted text in one paragraph: `start:end` is inside the marks."""

    paragraph: int
    start: int
    end: int
    closed: bool  # False when the paragraph ends before the closing mark
    single: bool = False

    @property
    def open_mark(self) -> int:
        """Offset of the opening mark."""
        return self.start - 1

    @property
    def after(self) -> int:
        """Offset just past the closing mark (the paragraph's end if unclosed)."""
        return self.end + 1 if self.closed else self.end


def find_spans(paragraph: str, p: int) -> list[Span]:
    """Every quoted span of one paragraph, in order; nested quotations are not listed."""
    doubles = _double_spans(paragraph, p)
    singles = [s for s in _single_spans(paragraph, p)
               if not any(d.start <= s.start and s.end <= d.end for d in doubles)]
    doubles = [d for d in doubles
               if not any(s.start <= d.start and d.end <= s.end for s in singles)]
    return sorted(doubles + singles, key=lambda s: s.start)


def _double_spans(paragraph: str, p: int) -> list[Span]:
    """Double marks paired in order; curly marks also say which way they face."""
    spans, opened = [], None
    for m in _DOUBLE.finditer(paragraph):
        mark, at = m.group(), m.start()
        if opened is None:
            if mark not in DOUBLE_CLOSERS:
                opened = at
        elif mark in DOUBLE_OPENERS:  # a new opening mark: the last one never closed
            spans.append(Span(p, opened + 1, at, closed=False))
            opened = at
        else:
            spans.append(Span(p, opened + 1, at, closed=True))
            opened = None
    if opened is not None:
        spans.append(Span(p, opened + 1, len(paragraph.rstrip()), closed=False))
    return [s for s in spans if paragraph[s.start:s.end].strip()]


def _single_spans(paragraph: str, p: int) -> list[Span]:
    """Single-quoted spans: an opener before a word, the next closer after one."""
    marks = [m.start() for m in _SINGLE.finditer(paragraph)]
    spans, i = [], 0
    while i < len(marks):
        at = marks[i]
        if not _is_opener(paragraph, at):
            i += 1
            continue
        close = next((j for j in range(i + 1, len(marks)) if _is_closer(paragraph, marks[j])),
                     None)
        if close is None:
            break
        inner = paragraph[at + 1:marks[close]]
        if len(re.findall(r"\w\w", inner)) >= 1 and '"' not in inner:
            spans.append(Span(p, at + 1, marks[close], closed=True, single=True))
        i = close + 1
    return spans


def _is_opener(text: str, at: int) -> bool:
    if text[at] == "\u2019":
        return False
    return bool(_OPENS_BEFORE.search(text[max(0, at - 1):at])
                and _OPENS_AFTER.match(text[at + 1:at + 2]))


def _is_closer(text: str, at: int) -> bool:
    if text[at] == "\u2018" or at == 0 or text[at - 1].isspace():
        return False
    return bool(_CLOSES_AFTER.match(text[at + 1:at + 2]))
