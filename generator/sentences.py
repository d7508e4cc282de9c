"""Sentence splitting tuned to news English: abbreviations, initials and quotations."""

from __future__ import annotations

import re
from bisect import bisect_right

# Words that end in a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen lt col maj capt sgt adm cmdr pres st mt ft jr sr rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol pp p para art fig ch sec inc ltd co corp bros dept univ est approx vs etc al
    u.s u.k u.n e.u u.s.a d.c a.m p.m i.e e.g
    """.split()
)

# No sentence in news runs this long; a run of text that does is cut at a space, so that
# extraction's work per sentence stays bounded whatever the article.
MAX_SENTENCE = 1500

# A candidate boundary: end punctuation, optional closing quotes/brackets, space(s). The
# lookbehind and possessive quantifiers keep a run of a million dots linear, not quadratic.
_BOUNDARY = re.compile(r"""(?<![.!?])([.!?]++)(["'\u201d\u2019)\]]*+)(\s+)""")
_NEXT_STARTS_SENTENCE = re.compile(r"""["'\u201c\u2018(\[]*[A-Z0-9\u00c0-\u024f]""")


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping each sentence's text exactly as written."""
    sentences, start = [], 0
    inside = _Quotations(paragraph)
    for m in _BOUNDARY.finditer(paragraph):
        end = m.end(2)
        if inside(m.start(), end):
            continue
        if not _NEXT_STARTS_SENTENCE.match(paragraph, m.end()):
            continue
        before = paragraph[max(start, m.start() - 40):m.start()]
        if m.group(1) == "." and not m.group(2) and _is_abbreviation(before):
            continue
        sentences += _cut_long(paragraph[start:end].strip())
        start = m.end()
    sentences += _cut_long(paragraph[start:].strip())
    return sentences


def _cut_long(sentence: str) -> list[str]:
    """The sentence, or pieces of at most MAX_SENTENCE characters cut at spaces."""
    pieces, start = [], 0
    while len(sentence) - start > MAX_SENTENCE:
        cut = sentence.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE + 1)
        cut = cut if cut > start else start + MAX_SENTENCE
        pieces.append(sentence[start:cut].strip())
        start = cut
    pieces.append(sentence[start:].strip())
    return [piece for piece in pieces if piece]


class _Quotations:
    """The quotations that close within a paragraph: no sentence ends inside one.

    A quotation mark left open does not count: the sentences after it split as usual.
    """

    def __init__(self, paragraph: str):
        spans = [(m.start(), m.end())
                 for m in re.finditer(r"\u201c[^\u201c\u201d]*\u201d", paragraph)]
        spans = sorted(spans + _straight_quotations(paragraph))
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []  # the furthest end so far: curly and straight spans overlap
        for _, b in spans:
            self.reach.append(max(b, self.reach[-1] if self.reach else b))

    def __call__(self, start: int, end: int) -> bool:
        """True when [start, end) lies strictly inside a quotation."""
        i = bisect_right(self.starts, start - 1) - 1
        return i >= 0 and end < self.reach[i]


def _straight_quotations(paragraph: str) -> list[tuple[int, int]]:
    """Spans of "straight" quotations: an opening mark paired with the next closing one."""
    spans, opened = [], None
    for m in re.finditer(r'"', paragraph):
        i = m.start()
        before = paragraph[i - 1] if i else " "
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        if opened is None and (before.isspace() or before in "([{\u2014-") and not after.isspace():
            opened = i
        elif opened is not None and not before.isspace():
            spans.append((opened, i + 1))
            opened = None
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
