"""Organisations in news English: names with an organisation head ("African Union",
"House of Lords"), acronyms and the "Full Name (ACRONYM)" pattern that links the two.
"""

from __future__ import annotations

import re

from generator.extract import lexicon as lx
from generator.extract.runs import Token

ACRONYM = re.compile(r"^(?:[A-Z][A-Z&]{1,6}|(?:[A-Z]\.){2,4})$")
SMALL = frozenset(["of", "for", "and", "the", "on", "in", "at", "to", "de", "la", "des", "du"])
# Suffixes that make an actor of a name: "Hamas-led", "Saudi-backed".
ACTOR_SUFFIXES = ("-led", "-backed", "-run", "-owned", "-controlled", "-sponsored", "-allied",
                  "-aligned", "-funded")
PLACE_SUFFIXES = ("-based", "-born", "-bound")


def head_index(words: list[str]) -> int | None:
    """Position of the organisation head that ends the name's core, or None.

    The head ends the run ("African Union") or is followed by an "of"/"for" complement
    ("House of Lords", "Revolutionary Armed Forces of Colombia")."""
    core = words
    for k, w in enumerate(words):
        if k and w.lower() in {"of", "for", "on"}:
            core = words[:k]
            break
    f = lx.fold(core[-1]) if core else ""
    if f in lx.ORG_HEADS and not (len(core) == 1 and core is words):
        return len(core) - 1
    if f in lx.ORG_HEADS and len(words) == 1 and f in {"senate", "congress", "parliament"}:
        return 0
    if len(words) > 1 and lx.fold(words[0]) in lx.ROMANCE_HEADS:  # "Banco Nacional de Angola"
        return 0
    return None


def is_org_name(words: list[str]) -> bool:
    """A multi-word name that is an organisation's: it has a head, or is 'X for Y'
    ("Taxpayers for Common Sense", "Physicians for Human Rights")."""
    if len(words) < 2 or lx.fold(words[-1]) in lx.EVENT_HEADS:
        return False
    if head_index(words) is not None or lx.fold(words[-1]).replace(".", "") in CORPORATE:
        return True
    if "for" in (w.lower() for w in words[1:-1]):  # not "Lydia Buchtmann for ...", "Lawyers for"
        first = words[0]
        return not (lx.is_title(first) or lx.is_first_name(first) or people_noun(first.lower()))
    return False


CORPORATE = frozenset([
    "inc", "corp", "co", "ltd", "llc", "plc", "ag", "sa", "nv", "spa", "gmbh", "group", "holdings",
    "se", "asa", "ab",
])
# Nouns after a name that make it an organisation ("Hamas fighters", "FARC rebels").
MEMBER_NOUNS = frozenset([
    "members", "fighters", "militants", "leaders", "officials", "supporters", "forces", "troops",
    "base", "commanders", "spokesman", "spokesperson", "spokeswoman", "leader", "official", "chief",
    "head", "chairman", "lawmakers", "candidates", "activists", "operatives", "gunmen", "units",
    "wing", "rebels", "guerrillas", "delegation", "statement", "shares", "stock", "executives",
    "employees", "staff",
])


# Roles whose "of" names the body led ("head of Africa CDC", "spokesman of the army").
LEADS = frozenset([
    "head", "chief", "leader", "chairman", "chairwoman", "chair", "president", "director",
    "spokesman", "spokesperson", "spokeswoman", "member", "members", "founder", "co-founder",
    "secretary", "secretary-general", "commander", "ceo", "boss",
])


def people_noun(word: str) -> bool:
    """'economists', 'officials', 'lawyers': people who work somewhere (plural)."""
    return word.endswith("s") and (lx.is_role_head(word[:-1]) or word in MEMBER_NOUNS
                                   or word in {"analysts", "officials", "economists"})


def in_org_context(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """Context that makes tokens[i:j] an organisation, whatever the words: 'analysts at
    Morgan Stanley', 'Goldman Sachs economists', 'shares of Microsoft', 'Yonhap news agency'."""
    before = tokens[i - 1].lower if i else ""
    before2 = tokens[i - 2].lower if i > 1 else ""
    after = tokens[j].lower if j < len(tokens) else ""
    after2 = tokens[j + 1].lower if j + 1 < len(tokens) else ""
    if after in MEMBER_NOUNS or after in lx.ORG_KINDS or people_noun(after):
        return True
    if after2 in lx.ORG_KINDS and after in {"news", "state", "media", "press", "wire"}:
        return True  # "Yonhap news agency"
    if before in lx.ORG_KINDS and not tokens[i - 1].cap:
        return True
    if before in {"at", "for"} and lx.is_role_head(before2):  # "an analyst at Morgan Stanley"
        return True
    if before == "of" and before2 in LEADS:  # "head of Africa CDC"
        return True
    return before in {"at", "from", "for", "of"} and (
        people_noun(before2) or before2 in {"shares", "stake"})


def base_name(name: str) -> str | None:
    """'Apple Inc' -> 'Apple': a company's name without its legal suffix."""
    words = name.replace(",", "").split()
    if len(words) > 1 and words[-1].lower().rstrip(".") in CORPORATE:
        words = words[:-1]
        while len(words) > 1 and words[-1].lower() in {"and", "&"}:  # "Drexler Hale and Co"
            words = words[:-1]
        return " ".join(words)
    return None


def short_names(name: str) -> list[str]:
    """The shorter names a company goes by: 'Harcourt Industries Inc' -> 'Harcourt Industries',
    'Harcourt'; 'Kisumu Sugar & Allied Industries Ltd' -> 'Kisumu Sugar'."""
    base = base_name(name)
    if base is None and "&" not in name:
        return []
    words = (base or name).split()
    cut = next((k for k, w in enumerate(words) if w in {"&", "and"}), len(words))
    out = [base] if base else []
    out += [" ".join(words[:n]) for n in range(cut, 0, -1) if n < len(words)]
    return [s for s in dict.fromkeys(out) if s]


def is_acronym(word: str) -> bool:
    """An all-capital word that may name an organisation ("FARC", "U.N."), not "CEO" or "GDP"."""
    if not ACRONYM.match(word):
        return False
    return word.replace(".", "") not in lx.ACRONYM_STOP


def initials(name: str) -> str:
    """'Movement for Democratic Change' -> 'MDC'; small words left out."""
    parts = re.split(r"[\s\-]+", name)
    return "".join(p[0] for p in parts if p and p.lower() not in SMALL and p[0].isalpha()).upper()


def matches_acronym(acronym: str, name: str) -> bool:
    """Does the acronym abbreviate the name (in order, small words optional)?"""
    bare = acronym.replace(".", "").upper()
    if len(bare) < 2:
        return False
    full = initials(name)
    if bare == full:
        return True
    every = "".join(p[0] for p in re.split(r"[\s\-]+", name) if p and p[0].isalpha()).upper()
    return bare == every


def definition_after(tokens: tuple[Token, ...], j: int, name: str) -> str | None:
    """'Name (ACR)' or 'Name [ACR]': the acronym defined right after the name; house styles
    that write acronyms as words ("Ecowas", "Nato") count when the initials agree."""
    if j + 2 < len(tokens) and tokens[j].text in "([" and tokens[j + 2].text in ")]":
        word = tokens[j + 1].text
        if is_acronym(word) or (word.istitle() and word.isalpha() and len(word) > 2
                                and matches_acronym(word, name)):
            return word
    return None


def expansion_after(tokens: tuple[Token, ...], j: int) -> tuple[int, int] | None:
    """'ACR (Full Name)': the span of the full name in brackets after an acronym at j-1."""
    if j < len(tokens) and tokens[j].text in "([":
        k = j + 1
        while k < len(tokens) and tokens[k].text not in ")]" and k - j < 12:
            k += 1
        if k < len(tokens) and tokens[k].text in ")]" and k > j + 1:
            return j + 1, k
    return None


def actor_stem(word: str) -> str | None:
    """'Hamas-led' -> 'Hamas': the name in a compound that makes it an actor."""
    for suffix in ACTOR_SUFFIXES:
        if word.lower().endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return None


def place_stem(word: str) -> str | None:
    """'London-based' -> 'London'."""
    for suffix in PLACE_SUFFIXES:
        if word.lower().endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    return None
