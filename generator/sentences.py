"""Sentence splitting tuned to news English: abbreviations, initials and quotations."""

from __future__ import annotations

import re

# Words that end in a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen lt col maj capt sgt adm cmdr pres st mt ft jr sr rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol pp p para art fig ch sec inc ltd co corp bros dept univ est approx vs etc al
    u.s u.k u.n e.u u.s.a d.c a.m p.m i.e e.g
    """.split()
)

# A candidate boundary: end punctuation, optional closing quotes/brackets, space(s).
_BOUNDARY = re.compile(r"""([.!?]+)(["'\u201d\u2019)\]]*)(\s+)""")
_NEXT_STARTS_SENTENCE = re.compile(r"""["'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u024f]""")


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping each sentence's text exactly as written."""
    sentences, start = [], 0
    quoted = _quoted_spans(paragraph)
    for m in _BOUNDARY.finditer(paragraph):
        end = m.end(2)
        if any(a < m.start() and end < b for a, b in quoted):
            continue
        rest = paragraph[m.end():]
        if not rest or not _NEXT_STARTS_SENTENCE.match(rest):
            continue
        if m.group(1) == "." and not m.group(2) and _is_abbreviation(paragraph[start:m.start()]):
            continue
        sentences.append(paragraph[start:end].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _quoted_spans(paragraph: str) -> list[tuple[int, int]]:
    """Spans of quotations that close within the paragraph: no sentence ends inside one."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\u201c[^\u201c\u201d]*\u201d", paragraph)]
    straight = [m.start() for m in re.finditer(r'"', paragraph)]
    spans += [(a, b + 1) for a, b in zip(straight[::2], straight[1::2])]
    return spans


def _is_abbreviation(before: str) -> bool:
    """True when the word before a full stop is an abbreviation or an initial."""
    word = re.search(r"([\w.&'-]+)$", before)
    if not word:
        return False
    token = word.group(1).lower().rstrip(".")
    if token in ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha():  # an initial: "George W. Bush"
        return True
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", token))  # "U.S", "a.m"
