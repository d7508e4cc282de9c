"""Tokens and capitalised runs: the raw material of actor and place extraction.

A *run* is a maximal sequence of capitalised tokens in one sentence ("Israeli Prime Minister
Benjamin Netanyahu", "Center for Strategic and International Studies"), the unit every
later rule classifies. Lower-case name particles ("bin", "al-", "de") and the connectors of
organisation names ("of", "for", "&") may sit inside a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"                                  # U.S., U.N., U.S.A.
    r"|[^\W\d_][\w&]*(?:[-'\u2019](?![sS]\b)\w+)*"      # words, inner hyphens and apostrophes
    r"|\d+(?:[.,:]\d+)*"
    r"|['\u2019][sS]\b|['\u2019](?=\s|$|[,.;:])"        # possessive 's, plural possessive '
    r"|\S"
)
# Words that end with a full stop without ending a token ("Rep.", "Gen.", "W.").
ABBREVIATIONS = frozenset(
    [
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt",
    "adm", "cmdr", "pres", "st", "mt", "ft", "jr", "sr", "rev", "hon", "sens", "reps", "brig",
    "cpl", "pvt", "supt", "insp", "det", "atty",
]
)
# Lower-case parts of personal and place names.
PARTICLES = frozenset(
    [
    "bin", "bint", "ibn", "abu", "al", "el", "de", "da", "di", "del", "della", "dos", "das", "du",
    "van", "von", "der", "den", "ter", "ten", "la", "le", "y",
]
)
HYPHEN_PARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ud|ul|ibn|bin|abu|ben)-[A-Z]")
CONNECTORS = frozenset({"of", "for", "on", "&", "and", "the"})
OPEN_QUOTES = frozenset('"\u201c\u2018\'([')
POSSESSIVE = frozenset({"'s", "\u2019s", "'S", "\u2019S", "'", "\u2019"})


class Token(NamedTuple):
    """One word or mark of a sentence."""

    text: str
    start: int  # character offset in the sentence
    cap: bool  # starts like a proper name: a capital, or a particle glued to one ("al-Amr")
    word: bool  # a word or number, not a mark
    lower: str


def make_token(text: str, start: int) -> Token:
    cap = (text[:1].isupper() and text[:1].isalpha()) or bool(HYPHEN_PARTICLE.match(text))
    return Token(text, start, cap, text[:1].isalnum(), text.lower())


@dataclass(frozen=True)
class Run:
    """A capitalised stretch of tokens: tokens[i:j] of its sentence."""

    sentence: int  # index of the sentence in the article
    i: int
    j: int
    tokens: tuple[Token, ...]  # all tokens of the sentence

    @cached_property
    def words(self) -> list[str]:
        return [t.text for t in self.tokens[self.i:self.j]]

    @cached_property
    def text(self) -> str:
        return join(self.tokens[self.i:self.j])

    @property
    def initial(self) -> bool:
        """Stands first in its sentence or quotation, where any word is capitalised."""
        return is_initial(self.tokens, self.i)

    def before(self, k: int = 1) -> Token | None:
        return self.tokens[self.i - k] if self.i - k >= 0 else None

    def after(self, k: int = 0) -> Token | None:
        return self.tokens[self.j + k] if self.j + k < len(self.tokens) else None

    def sub(self, i: int, j: int) -> Run:
        return Run(self.sentence, i, j, self.tokens)


def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of one sentence; abbreviations and initials keep their full stop."""
    out: list[Token] = []
    for m in TOKEN.finditer(text):
        tok = m.group()
        if tok == "." and out and out[-1].start + len(out[-1].text) == m.start():
            prev = out[-1].text
            if prev.lower() in ABBREVIATIONS or (len(prev) == 1 and prev.isupper()):
                out[-1] = make_token(prev + ".", out[-1].start)
                continue
        out.append(make_token(tok, m.start()))
    return tuple(out)


def join(tokens) -> str:
    """Tokens back to text, spaced as they were (approximately: single spaces)."""
    out = ""
    prev_end = None
    for t in tokens:
        if prev_end is not None and t.start > prev_end:
            out += " "
        out += t.text
        prev_end = t.start + len(t.text)
    return out


def is_initial(tokens, i: int) -> bool:
    """True when token i opens the sentence or a quotation or follows a colon."""
    k = i - 1
    while k >= 0 and tokens[k].text in OPEN_QUOTES:
        if tokens[k].text in "\"\u201c":
            return True
        k -= 1
    return k < 0 or tokens[k].text in {":", "\u2014", "-", ";"}


def runs(sentence: int, tokens: tuple[Token, ...]) -> list[Run]:
    """The capitalised runs of a sentence, left to right."""
    out, i, n = [], 0, len(tokens)
    while i < n:
        if not (tokens[i].cap and tokens[i].word):
            i += 1
            continue
        j = i + 1
        if tokens[i].lower.endswith(COMPOUND_SUFFIXES):  # "Israeli-controlled Golan Heights"
            out.append(Run(sentence, i, j, tokens))
            i = j
            continue
        while j < n:
            if tokens[j].lower.endswith(COMPOUND_SUFFIXES):
                break
            step = _extends(tokens, i, j)
            if not step:
                break
            j += step
        out.append(Run(sentence, i, j, tokens))
        i = j
    return out


def _extends(tokens, i: int, j: int) -> int:
    """How many tokens from j continue the run tokens[i:j] (0: the run ends at j)."""
    t = tokens[j]
    if t.cap and t.word:
        return 1
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    if nxt is None or not (nxt.cap and nxt.word):
        if t.lower == "on" and not _ends_in_head(tokens[j - 1]):
            return 0
        if t.lower in {"of", "for", "on"} and nxt is not None and nxt.lower == "the":
            far = tokens[j + 2] if j + 2 < len(tokens) else None
            joins = far is not None and far.cap and far.word and not _all_caps_run(tokens, i, j)
            return 2 if joins else 0
        return 0
    if t.lower in PARTICLES:
        return 1
    if t.text == "&":
        return 1
    if t.lower == "on":  # "Committee on Foreign Relations", not "Prices on the ..."
        return 1 if _ends_in_head(tokens[j - 1]) and nxt.lower not in MONTHS_DAYS else 0
    if t.lower in {"of", "for"}:
        return 0 if nxt.lower in MONTHS_DAYS else 1
    if t.lower == "and":  # "Center for Strategic and International Studies"
        inside = {x.lower for x in tokens[i:j]}
        return 1 if inside & {"for", "of"} or _org_follows(tokens, i, j) else 0
    if t.text in POSSESSIVE and tokens[j - 1].lower in PLURAL_POSSESSORS:
        return 1  # "London Gay Men's Chorus", "Kurdistan Workers' Party"
    return 0


def _ends_in_head(token: Token) -> bool:
    from generator.extract import lexicon as lx

    return lx.fold(token.text) in lx.ORG_HEADS


def _org_follows(tokens, i: int, j: int) -> bool:
    """'Securities and Exchange Commission': an organisation head closes the words after
    'and', and what stands before it is no country or place ("Egypt and Qatar")."""
    from generator.extract import gazetteer as gz
    from generator.extract import lexicon as lx

    k = j + 1
    while k < len(tokens) and tokens[k].cap and tokens[k].word and k - j <= 4:
        k += 1
    end = lx.fold(tokens[k - 1].text)
    if end not in lx.ORG_HEADS and end not in lx.EVENT_HEADS:  # "... and Recovery Act"
        return False
    left = join(tokens[i:j])
    last = lx.fold(tokens[j - 1].text)
    closes = last in lx.ORG_HEADS and last not in lx.INDUSTRY_HEADS  # "African Union and ..."
    return not (gz.country(left) or gz.demonym(left) or gz.place(left) or gz.country(last)
                or lx.is_first_name(tokens[i].text) or closes)


def _all_caps_run(tokens, i: int, j: int) -> bool:
    return all(t.text.isupper() for t in tokens[i:j])


# Compounds that make an adjective of a name ("Iran-backed", "London-based").
COMPOUND_SUFFIXES = ("-led", "-backed", "-run", "-owned", "-controlled", "-sponsored", "-allied",
                     "-based", "-born", "-bound", "-made", "-held", "-funded", "-linked",
                     "-aligned", "-style", "-era", "-registered", "-flagged")
MONTHS_DAYS = frozenset([
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
])
# Plural nouns whose possessive sits inside organisation names.
PLURAL_POSSESSORS = frozenset(
    [
    "people", "men", "women", "children", "workers", "farmers", "veterans", "nations", "teachers",
    "doctors", "journalists", "students", "peoples", "citizens", "consumers", "taxpayers",
]
)
