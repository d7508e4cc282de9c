"""The registry of who and where an article names: one entry per actor or place, however
many forms the article uses for it ("Benjamin Netanyahu", "Netanyahu"; "U.S.", "American").
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import lru_cache

from generator.extract import lexicon as lx
from generator.extract.gazetteer import Country
from generator.extract.names import name_key as _name_key
from generator.extract.organizations import short_names

# Names recur through an article: their keys are worth remembering.
name_key = lru_cache(maxsize=1 << 16)(_name_key)


@dataclass
class Entry:
    """Something the article names, with every form it uses and where it first does."""

    kind: str  # person | organization | country | group | city | region | site
    name: str
    first: int  # index of the first sentence naming it
    forms: list[str] = field(default_factory=list)  # other forms, in order of use
    role: str | None = None
    affiliation: Entry | None = None
    description: str | None = None
    code: str | None = None  # ISO code, for a country
    named: bool = False  # a country or place named as such, not only through a demonym
    actor: bool = True  # an actor (else only a place)
    mentions: int = 0
    nouns: int = 0  # mentions of a group as a noun ("Palestinians", not "Palestinian")
    cues: set[str] = field(default_factory=set)  # "strong", "apposition": how it was found
    # Names written right after a person's ("Aaron David Miller of the Woodrow Wilson Center"),
    # as the text of the capitalised words: the body the person may speak for.
    bodies: list[str] = field(default_factory=list)

    @property
    def is_place(self) -> bool:
        return self.kind in {"city", "region", "site"} or (self.kind == "country" and self.named)


class Book:
    """Entries by every form they are known by; merging as the article reveals forms."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}

    def find(self, text: str, kinds: set[str] | None = None) -> Entry | None:
        """The entry a form names exactly (case, accents, 'the' and "'s" aside)."""
        e = self._by_key.get(name_key(text))
        return e if e and (kinds is None or e.kind in kinds) else None

    def note(self, e: Entry, form: str, sentence: int) -> Entry:
        """Record one mention of an entry by some form."""
        e.mentions += 1
        e.first = min(e.first, sentence)
        key = name_key(form)
        if key and key != name_key(e.name) and key not in {name_key(f) for f in e.forms}:
            e.forms.append(form)
        self._by_key.setdefault(key, e)
        return e

    def add(self, kind: str, name: str, form: str, sentence: int, **kw) -> Entry:
        """The entry of that name, made if new."""
        e = self.find(name)
        if e is None or (kind == "person") != (e.kind == "person"):
            e = Entry(kind, name, sentence, **kw)
            self.entries.append(e)
            self._by_key[name_key(name)] = e
        return self.note(e, form, sentence)

    def absorb(self, small: Entry, big: Entry) -> None:
        """Two entries found to be one: keep the bigger name, with the other as a form."""
        for form in [small.name, *small.forms]:
            if name_key(form) != name_key(big.name) and form not in big.forms:
                big.forms.append(form)
            self._by_key[name_key(form)] = big
        big.first = min(big.first, small.first)
        big.mentions += small.mentions
        self.entries.remove(small)

    def country(self, c: Country, form: str, sentence: int, named: bool,
                weak: bool = False) -> Entry:
        """A country; a `weak` mention (the demonym in "American Civil Liberties Union") makes
        it known but not, by itself, an actor."""
        e = next((x for x in self.entries if x.code == c.code), None)
        if e is None:
            e = Entry("country", c.name, sentence, code=c.code)
            self.entries.append(e)
            self._by_key[name_key(c.name)] = e
        e.named = e.named or named
        if not weak:
            e.cues.add("strong")
        return self.note(e, form, sentence)

    def organization(self, name: str, form: str, sentence: int, base: str | None = None,
                     affiliation: Entry | None = None) -> Entry:
        """An organisation; "Russia's Defence Ministry" and "Russian Defence Ministry" are one
        (same base name, same country), and "the State Department" joins "US State Department"."""
        e = self.find(name, {"organization"}) or self._variant(name)
        if e is None and base:
            e = next((x for x in self.entries if x.kind == "organization"
                      and name_key(base) in {name_key(x.name), *map(name_key, x.forms)}
                      and (affiliation is None or x.affiliation in (None, affiliation))), None)
        if e is None:
            e = self.add("organization", name, form, sentence, affiliation=affiliation)
            if base and base != name:
                self._by_key.setdefault(name_key(base), e)
                if " " in base:  # "Defence Ministry", not a bare "Gazette"
                    e.forms.append(base)
            for short in short_names(name):  # "Apple" of "Apple Inc"
                if _may_stand_alone(short):
                    self._by_key.setdefault(name_key(short), e)
            return e
        if len(name) > len(e.name) and affiliation is not None and e.affiliation is None:
            e.forms.append(e.name)
            e.name = name
        e.affiliation = e.affiliation or affiliation
        return self.note(e, form, sentence)

    def _variant(self, name: str) -> Entry | None:
        """An organisation named before by a longer name ending in this one ("Security
        Council"), or spelt nearly alike ("Untied Nations")."""
        key = name_key(name)
        for e in self.entries:
            if e.kind != "organization":
                continue
            other = name_key(e.name)
            if other.endswith(" " + key) and len(key) > 3:
                return e
            if other.startswith(key + " ") and " " in key:  # "Frente Popular" of "... del ..."
                return e
            if len(key) >= 8 and len(key.split()) == len(other.split()) and _alike(key, other):
                return e
        return None

    def person(self, name: str, sentence: int, role: str | None = None,
               form: str | None = None) -> Entry:
        """A person; a later fuller form of the name becomes the name, a surname an alias."""
        e = self.find_person(name, role)
        if e is None:
            e = Entry("person", name, sentence, role=role)
            self.entries.append(e)
            self._by_key.setdefault(name_key(name), e)
        elif len(name.split()) > len(e.name.split()) and name_key(name).endswith(
                name_key(e.name).split()[-1]) and lx.fold(e.name.split()[0]) not in lx.PEERAGE:
            e.forms.append(e.name)
            e.name = name
            self._by_key[name_key(name)] = e
        e.role = e.role or role
        return self.note(e, form or name, sentence)

    def find_person(self, name: str, role: str | None = None) -> Entry | None:
        """The person a name or surname refers to, if the article has named them already."""
        key = name_key(name)
        people = [e for e in self.entries if e.kind == "person"]
        exact = [e for e in people if key in _person_keys(e)]
        if not exact and len(key.split()) > 1:
            last = key.split()[-1]
            exact = [e for e in people if len(_person_keys(e) & {last}) and (
                len(name_key(e.name).split()) == 1 or _same_given(e.name, name))]
        if not exact and len(key.split()) == 1 and len(key) >= 6:  # a misspelt surname
            exact = [e for e in people if _misspelt(key, name_key(e.name).split()[-1])]
        exact = [e for e in exact if not _different_offices(e.role, role)]
        return exact[0] if exact else None


def _may_stand_alone(short: str) -> bool:
    """Can this short form name the company alone ("Harcourt", not "Continental" or "Kisumu")?"""
    from generator.extract import gazetteer as gz

    if " " in short:
        return True
    return not (lx.is_common_word(short) or lx.is_first_name(short) or gz.place(short)
                or gz.country(short) or gz.demonym(short) or lx.is_title(short))


def _person_keys(e: Entry) -> frozenset[str]:
    return _keys_of(e.name, tuple(e.forms))


@lru_cache(maxsize=4096)
def _keys_of(name: str, forms: tuple[str, ...]) -> frozenset[str]:
    """Full name, forms, surname (with and without a particle), first name of a family-first
    name ("Ban" of "Ban Ki-moon")."""
    keys = {name_key(name), *map(name_key, forms)}
    words = name.split()
    if len(words) > 1:
        last = words[-1]
        keys |= {name_key(last), name_key(" ".join(words[-2:]))}
        if len(words) > 2:  # "Lula" of "Luiz Inacio Lula da Silva"
            keys |= {name_key(w) for w in words[1:-1] if w[:1].isupper()}
        if "-" in last and last.split("-")[0].lower() in {"al", "el", "bin", "abu"}:
            keys.add(name_key(last.split("-", 1)[1]))
        if lx.fold(words[0]) in lx.PEERAGE:
            keys.add(name_key(words[-1]))
        elif "-" in words[-1] or not (lx.is_first_name(words[0]) or _geographic(words[0])):
            keys.add(name_key(words[0]))  # "Ban" of "Ban Ki-moon", "Xi" of "Xi Jinping"
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=4096)
def _alike(a: str, b: str) -> bool:
    """'Untied Nations' for 'United Nations'."""
    return abs(len(a) - len(b)) <= 2 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


@lru_cache(maxsize=4096)
def _misspelt(a: str, b: str) -> bool:
    """'Bauchtman' for 'Buchtmann', 'Demriel' for 'Demirel'."""
    return (abs(len(a) - len(b)) <= 2 and a[0] == b[0]
            and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85)


def _geographic(word: str) -> bool:
    from generator.extract import gazetteer as gz

    return bool(gz.place(word) or gz.country(word) or gz.demonym(word))


def _same_given(a: str, b: str) -> bool:
    """Do two full names share a first name (or an initial of it)?"""
    x, y = name_key(a).split()[0], name_key(b).split()[0]
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _offices(role: str | None) -> set[str]:
    words = {lx.TITLE_ABBREVIATIONS.get(w.lower(), lx.fold(w)) for w in (role or "").split()}
    return words & lx.OFFICES


def _different_offices(a: str | None, b: str | None) -> bool:
    """'Rep.' and 'Senator' are two people; 'President' and 'U.S. President' one."""
    x, y = _offices(a), _offices(b)
    return bool(x and y and not x & y)
