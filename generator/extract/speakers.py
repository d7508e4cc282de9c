"""From a speaker phrase to an actor: one the sheet already has, or a new one made for it.

"Qanoua said" finds the actor "Abdel-Latif Al-Qanoua"; "she said" finds the last subject who
can be a she; "the spokesman" finds the actor holding that title. A speaker the sheet lacks
becomes a new actor under the fullest name the article gives, never a second copy of one that
`find_actor` already resolves.
"""

from __future__ import annotations

from slugify import slugify

from generator.articles import Article
from generator.extract.discourse import Discourse, Mention, name_key
from generator.extract.names import actor_keys, find_actor
from generator.extract.speaker_phrases import Phrase
from generator.model import Actor

WINDOW = 2  # paragraphs back that a pronoun may reach


class Speakers:
    """The actors quotes can be attributed to: the sheet's own, then those made here."""

    def __init__(self, article: Article, actors: list[Actor],
                 quoted: dict[int, list[tuple[int, int]]]):
        self.article = article
        self.given = actors
        self.new: list[Actor] = []
        self.discourse = Discourse(article, quoted)
        self._said: list[tuple[tuple[int, int], Actor]] = []
        self._gender: dict[str, str] = {}  # actor id -> male | female
        self._found: dict[str, Actor | None] = {}  # find_actor over the given actors
        self._names: dict[str, Actor] = {}  # the new actors by name and alias
        self._keys: dict[str, Actor] = {}  # ... and by every key find_actor would try
        self._surnames: dict[str, list[tuple[str, Actor]]] = {}  # people by surname's letter
        self._known: dict[str, bool] = {}
        for actor in actors:
            self._file_surname(actor)

    @property
    def actors(self) -> list[Actor]:
        return self.given + self.new

    def resolve(self, phrase: Phrase | None, position: tuple[int, int]) -> Actor | None:
        """The actor a phrase names at a place in the article; made if the sheet lacks it."""
        if phrase is None:
            return None
        if phrase.kind == "pronoun":
            return self._antecedent(phrase, position)
        if phrase.kind == "description":
            return self._described(phrase, position)
        return self._named(phrase)

    def known(self, phrase: Phrase | None) -> bool:
        """Whether a phrase surely names someone: a lone capitalised word counts only when the
        sheet has it or the article capitalises it mid-sentence ("Fighting continued" does not)."""
        if phrase is None or phrase.kind != "name" or " " in phrase.name:
            return phrase is not None
        if phrase.name not in self._known:
            self._known[phrase.name] = bool(
                self._find(phrase.name) or self._full_name(phrase.name)
                or self.discourse.mid_sentence(phrase.name))
        return self._known[phrase.name]

    def heard(self, actor: Actor, position: tuple[int, int], phrase: Phrase | None) -> None:
        """Remember a quote's speaker: later pronouns may refer to them."""
        self._said.append((position, actor))
        if phrase is not None and phrase.gender and actor.type == "person":
            self._gender.setdefault(actor.id, phrase.gender)

    def _find(self, mention: str) -> Actor | None:
        """`find_actor` over the sheet's actors, then the same match over the new ones."""
        if mention not in self._found:
            self._found[mention] = find_actor(self.given, mention)
        key = name_key(mention)
        return self._found[mention] or self._names.get(key) or self._keys.get(key)

    def _file(self, actor: Actor) -> None:
        """Index a new actor under every form `find_actor` would match it by."""
        for form in [actor.name, *actor.aliases]:
            self._names.setdefault(name_key(form), actor)
        for key in actor_keys(actor):
            self._keys.setdefault(key, actor)
        self._file_surname(actor)

    def _file_surname(self, actor: Actor) -> None:
        last = name_key(actor.name).split()[-1:] if actor.type == "person" else []
        if last:
            self._surnames.setdefault(last[0][0], []).append((last[0], actor))

    # -- names -----------------------------------------------------------------------------

    def _named(self, phrase: Phrase) -> Actor:
        name = self.discourse.acronyms.get(phrase.name, phrase.name)
        actor = self._find(name) or self._find(phrase.name)
        if actor:
            return actor
        full = self._full_name(name)
        actor = (self._find(full.name) if full else None) or self._fuzzy(name)
        if actor:
            return self._alias(actor, phrase.name)
        if full and full.name != name:
            kind, name = self._type_of(full, full.name), full.name
        else:
            kind = self._type_of(phrase, name)
        role = phrase.role or (full.role if full else None)
        return self._create(name, kind, role, phrase.name, named=True)

    def _full_name(self, name: str) -> Phrase | None:
        """The first full form of a short name: 'Qanoua' -> 'Abdel-Latif Al-Qanoua'."""
        key = name_key(name)
        if not key:
            return None
        last = key.split()[-1]
        people = self.discourse.people(name.split()[-1])
        if " " in key:
            return next((p for p in people if name_key(p.name) == key), None)
        fits = [p for p in people if name_key(p.name).endswith(" " + last)] or [
            p for p in people if name_key(p.name).startswith(last + " ")]  # 'Kim', 'Ban'
        if not fits:  # a misspelt surname: 'Demriel' for Demirel
            fits = [p for word in self.discourse.words.get(last[0], ())
                    if abs(len(word) - len(last)) <= 2 and _close(name_key(word), last)
                    for p in self.discourse.people(word)
                    if _close(name_key(p.name).split()[-1], last)]
        if not fits:
            return None
        same = [p for p in fits if p.role and name_key(p.name) == name_key(fits[0].name)]
        return same[0] if same else fits[0]

    def _fuzzy(self, name: str) -> Actor | None:
        """A misspelt surname of a person the sheet has."""
        last = name_key(name).split()[-1] if name_key(name) else ""
        return next((actor for surname, actor in self._surnames.get(last[:1], [])
                     if _close(surname, last)), None)

    def _type_of(self, phrase: Phrase, name: str) -> str:
        """A name's type when no full personal name is known for it: a lone word is a body
        ("Hamas said") unless a title, a role or a he/she shows a person ("said Fatima, who")."""
        if phrase.role or phrase.gender or phrase.type != "person" \
                or self.discourse.gender_of(name):
            return phrase.type
        if " " not in name.strip() or phrase.definite:
            return "organization"  # "Hamas said", "the White House said": not a person's name
        return "person"

    # -- descriptions ----------------------------------------------------------------------

    def _described(self, phrase: Phrase, position: tuple[int, int]) -> Actor:
        actor = self._find(phrase.name)
        intro = self.discourse.introduced(phrase.head, position) if phrase.definite else None
        if actor is None and intro:  # "A court in Istanbul ... The court said"
            return self._find(intro) or self._create(intro, phrase.type, phrase.role, phrase.name)
        actor = actor or self._by_head(phrase)
        if actor is None and phrase.definite:
            named = self._named_before(phrase, position)  # "the minister", "the ministry"
            actor = self._named(named) if named else None
        return actor or self._create(phrase.name, phrase.type, phrase.role, phrase.name)

    def _by_head(self, phrase: Phrase) -> Actor | None:
        """An actor whose name or role has the description's noun: 'the ministry', 'the court'."""
        words = set(name_key(phrase.name).split())
        for actor in reversed(self.actors):
            if (actor.type == "person") != (phrase.type == "person"):
                continue
            for form in [actor.name, *actor.aliases, actor.role or ""]:
                have = set(name_key(form).split())
                if phrase.head in have and (len(words) <= 2 or len(words & have) * 2 >= len(words)):
                    return actor
        return None

    def _named_before(self, phrase: Phrase, position: tuple[int, int]) -> Phrase | None:
        """The last name before a position that the description fits: a person whose title
        has its noun ('the minister'), or a body whose name has it ('the ministry')."""
        person = phrase.type == "person"
        for m in reversed(self.discourse.mentioning(phrase.head, position)):
            p = m.phrase
            if p.kind == "name" and (p.type == "person") == person and phrase.head in \
                    name_key((p.role or "") if person else p.name).split():
                return p
        return None

    # -- pronouns --------------------------------------------------------------------------

    def _antecedent(self, pronoun: Phrase, position: tuple[int, int]) -> Actor | None:
        """The most salient earlier subject a pronoun can stand for."""
        for candidate in self._candidates(position):
            if isinstance(candidate, Actor):
                if self._fits(pronoun, candidate.type, self._gender.get(candidate.id)):
                    return candidate
                continue
            if candidate.phrase.kind == "pronoun":
                continue  # 'He announced ... he said': look further back, to whom both mean
            kind, gender = self._peek(candidate.phrase)
            if kind and self._fits(pronoun, kind, gender):
                actor = self.resolve(candidate.phrase, candidate.position)
                if actor and pronoun.gender and actor.type == "person":
                    self._gender.setdefault(actor.id, pronoun.gender)
                return actor
        return None

    def _candidates(self, position: tuple[int, int]):
        """Earlier subjects and speakers, nearest sentence first; a main clause's subject first."""
        said: dict[int, list[_Said]] = {}
        for at, actor in reversed(self._said[-30:]):  # the speakers of the last few quotes
            if at[0] < position[0] - WINDOW:
                break
            s = self.discourse.sentence_at(at) if at < position else None
            if s:
                said.setdefault(s.index, []).append(_Said(at, actor))
        for s, mentions in self.discourse.subjects(position, WINDOW):
            items = sorted(mentions + said.pop(s.index, []), key=lambda c: c.position,
                           reverse=True)
            main = [c for c in items if isinstance(c, Mention) and self.discourse.is_main(c)]
            yield from (c.actor if isinstance(c, _Said) else c
                        for c in main + [c for c in items if c not in main])

    def _peek(self, phrase: Phrase) -> tuple[str | None, str | None]:
        """What a candidate would resolve to, without making an actor for it."""
        if phrase.kind == "description":
            if phrase.definite and not self._by_head(phrase):
                return None, None  # 'the politician' with nobody to refer to
            return phrase.type, phrase.gender
        actor = self._find(phrase.name)
        if actor:
            return actor.type, self._gender.get(actor.id) or phrase.gender \
                or self.discourse.gender_of(actor.name)
        full = self._full_name(phrase.name)
        kind = self._type_of(full, full.name) if full else self._type_of(phrase, phrase.name)
        return kind, phrase.gender or self.discourse.gender_of(phrase.name)

    @staticmethod
    def _fits(pronoun: Phrase, kind: str, gender: str | None) -> bool:
        word = pronoun.text.lower()
        if word in ("he", "she"):
            return kind == "person" and (gender is None or gender == pronoun.gender)
        if word == "it":
            return kind in ("organization", "country")
        return kind in ("group", "organization", "country")

    # -- new actors ------------------------------------------------------------------------

    def _create(self, name: str, kind: str, role: str | None, said_as: str,
                named: bool = False) -> Actor:
        """A new actor for a speaker the sheet lacks, under the fullest name found; a person's
        surname is an alias, as the article uses it."""
        acronyms = self.discourse.acronyms
        forms = {said_as, *[acr for acr, full in acronyms.items() if full == name]}
        if named and kind == "person" and " " in name:
            forms.add(name.split()[-1])
        actor = Actor(id=self._new_id(name), name=name, type=kind,
                      role=role if kind == "person" else None, affiliation=None,
                      aliases=sorted(f for f in forms if f and f != name), description=None,
                      evidence=self._evidence(name))
        self.new.append(actor)
        self._file(actor)
        return actor

    def _alias(self, actor: Actor, form: str) -> Actor:
        """A new actor also goes by a form the article used for it ('Demriel')."""
        if actor in self.new and form != actor.name and form not in actor.aliases:
            actor.aliases.append(form)
            self._names.setdefault(name_key(form), actor)
        return actor

    def _new_id(self, name: str) -> str:
        base_id = slugify(name) or "speaker"
        taken = {a.id for a in self.actors}
        n, found = 1, base_id
        while found in taken:
            n += 1
            found = f"{base_id}-{n}"
        return found

    def _evidence(self, name: str) -> str | None:
        """The first sentence that names the actor."""
        s = self.discourse.first_naming(name)
        return s.text if s else None


class _Said:
    """A quote's speaker as a pronoun candidate."""

    def __init__(self, position: tuple[int, int], actor: Actor):
        self.position, self.actor = position, actor


def _close(a: str, b: str) -> bool:
    """Surnames one slip apart (two for long ones): 'Demriel'/'Demirel', 'Bauchtman'/'Buchtmann'."""
    if not a or not b or a[0] != b[0] or min(len(a), len(b)) < 5:
        return False
    limit = 2 if min(len(a), len(b)) >= 8 else 1
    if abs(len(a) - len(b)) > limit or len(set(a) ^ set(b)) > 2 * limit:
        return False  # an edit changes at most two letters of the set: cheap to rule out
    return _distance(a, b) <= limit


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]
