"""Second-pass rules for single words: a surname, an acronym, a country or town, or a name
that the words around it make an organisation, a group or a place."""

from __future__ import annotations

import re

from generator.extract import context as cx
from generator.extract import gazetteer as gz
from generator.extract import lexicon as lx
from generator.extract import organizations as org
from generator.extract.runs import Run, join

ADJECTIVE_ENDINGS = ("ist", "ic", "ian", "ese", "ish", "al", "ive", "ous")
PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}s")


class WordRules:
    """Mixed into the resolver, which supplies `c` (the classifier), `book`, `counts`,
    `acting`, `placed`, `midsentence`, `_org_cue`, `_coordinated`, `_place` and `_with_opener`."""

    def _single_known(self, run: Run) -> bool:
        """A word the registry or the gazetteer knows: True when it is settled."""
        word = run.text
        f = lx.fold(word)
        if f in lx.MONTHS_DAYS or f in lx.FUNCTION_WORDS or self._compound(run):
            return True
        if PLURAL_ACRONYM.fullmatch(word):
            return True  # "MPs", "CEOs", "IDPs": people of a kind, not a body's name
        if self._nickname(run) or self._administration(run):
            return True
        person = self.book.find_person(word)
        if person is None and (gz.country(word) or gz.demonym(word)):
            return self._country(run)
        if self._group(run):
            return True
        known = self.book.find(word)
        if known is not None and (person is None or known.kind != "person"):
            self.book.note(known, word, run.sentence)
            return True
        if person is not None:
            self._mention(person, run)
            return True
        return any(rule(run) for rule in (self._acronym_known, self._kind_after, self._short_form,
                                          self._place_name))

    def _short_form(self, run: Run) -> bool:
        """'the Bank's governor' after 'the Bank of England': a body 'X of Y' named by its first
        word, capitalised after 'the' (the Bank, the Church, the Court)."""
        before = run.before()
        if before is None or before.lower != "the" or run.initial:
            return False
        key = lx.fold(run.text)
        bodies = [e for e in self.book.entries if e.kind == "organization"
                  and e.name.split()[1:2] == ["of"] and lx.fold(e.name.split()[0]) == key]
        if len(bodies) != 1:
            return False
        self.book.note(bodies[0], run.text, run.sentence)
        return True

    def _kind_after(self, run: Run) -> bool:
        """'her Morena party', 'Yonhap news agency': the noun after says it is an organisation,
        whatever a gazetteer says of the word."""
        a, a2 = run.after(), run.after(1)
        kind = a2 if a is not None and a.lower in {"news", "state", "media"} else a
        if kind is None or kind.cap or kind.lower not in lx.ORG_KINDS or lx.is_title(run.text):
            return False
        e = self.book.organization(run.text, run.text, run.sentence)
        e.description = e.description or " ".join(t.text for t in run.tokens[run.j:run.j + 2])
        return True

    def _mention(self, person, run: Run) -> None:
        """A person named again by surname: the role may come only now ("Sheinbaum, a former
        mayor of Mexico City, ...")."""
        self.book.note(person, run.text, run.sentence)
        if person.role is None:
            person.role = self.c.role_of(run)

    def _administration(self, run: Run) -> bool:
        """'the Biden administration': the government named after its leader."""
        after = run.after()
        if after is None or after.lower != "administration" or not run.text.isalpha():
            return False
        name = f"{run.text} administration"
        self.book.organization(name, name, run.sentence)
        return True

    def _nickname(self, run: Run) -> bool:
        """'Mohamed Hamdan Dagalo, known as Hemedti': another name of the person before."""
        toks, i = run.tokens, run.i
        cue = " ".join(t.lower for t in toks[max(0, i - 2):i])
        if not cue.endswith(("known as", "nicknamed", "dubbed", "alias")):
            return False
        for k in range(i - 2, -1, -1):
            if toks[k].cap:
                a = k
                while a > 0 and toks[a - 1].cap:
                    a -= 1
                person = self.book.find_person(join(toks[a:k + 1]))
                if person:
                    self.book.note(person, run.text, run.sentence)
                    return True
        return False

    def _single_late(self, run: Run) -> None:
        """Words only weak cues can settle: acronyms in use, places by context, peoples."""
        for rule in (self._known_late, self._with_opener, self._acronym_used, self._place,
                     self._people, self._backed, self._coordinated_org, self._institution,
                     self._acting_name, self._somewhere):
            if rule(run):
                return

    def _known_late(self, run: Run) -> bool:
        """A surname of someone the multi-word pass found ("Faye's home")."""
        person = self.book.find_person(run.text)
        if person is None:
            return False
        self._mention(person, run)
        return True

    def _backed(self, run: Run) -> bool:
        """'the Iran-aligned Houthis', 'Saudi-backed Hadi': whoever a state backs is an actor."""
        before = run.before()
        if before is None or not org.actor_stem(before.text) or lx.is_common_word(run.text):
            return False
        if run.text.endswith("s") and not run.text.endswith("ss"):
            e = self.book.add("group", run.text, run.text, run.sentence)
            e.cues.add("apposition")
        else:
            self.book.organization(run.text, run.text, run.sentence)
        return True

    def _somewhere(self, run: Run) -> bool:
        """'a field hospital set up in Wadh': an unknown name where something happens."""
        word, before, after = run.text, run.before(), run.after()
        if before is None or before.lower not in {"in", "near", "into"} or (after and after.cap):
            return False
        if (lx.is_common_word(word) or lx.is_first_name(word) or lx.is_title(word)
                or word.isupper() or not word.isalpha() or lx.fold(word) in lx.ORG_HEADS
                or word.lower().endswith(ADJECTIVE_ENDINGS)):  # "in Arabic"
            return False
        self.c.place("city", word, run)
        return True

    def _institution(self, run: Run) -> bool:
        """'Republicans in Congress': a state institution named by one word."""
        if lx.fold(run.text) not in lx.INSTITUTIONS:
            return False
        self.book.organization(run.text, run.text, run.sentence)
        return True

    def _acting_name(self, run: Run) -> bool:
        """A name used on its own, again and again, as the subject of what happens ("Google
        is a monopolist"): an organisation ("Google", "Gazprom", "Hezbollah")."""
        word = run.text
        mid = self.midsentence.get(word, 0)
        if (self.counts.get(word, 0) < 2 or word not in self.acting or not mid
                or lx.is_first_name(word) or lx.is_title(word) or not word.isalpha()):
            return False
        if lx.is_common_word(word) and mid < 2:  # "Apple said", "fined Apple": a name
            return False
        self.book.organization(word, word, run.sentence)
        return True

    def _compound(self, run: Run) -> bool:
        """'Hamas-led', 'Colombian-French', 'London-based'."""
        word = run.text
        stem = org.actor_stem(word)
        if stem:
            self._word(run, stem, as_org=True)
            return True
        stem = org.place_stem(word)
        if stem:
            self._word(run, stem)
            return True
        parts = word.split("-")
        if len(parts) > 1 and all(gz.demonym(p) or gz.country(p) for p in parts):
            for p in parts:
                self._word(run, p)
            return True
        return False

    def _word(self, run: Run, word: str, as_org: bool = False) -> None:
        known = self.book.find(word) or self.book.find_person(word)
        c = gz.country(word) or gz.demonym(word)
        if known:
            self.book.note(known, word, run.sentence)
        elif c and not gz.people_of(c):
            self.book.country(c, word, run.sentence, named=bool(gz.country(word)))
        elif as_org and word[:1].isupper() and not lx.is_common_word(word):
            self.book.organization(word, word, run.sentence)
        else:
            place = gz.place(word)
            if place:
                self.book.add(place.type, place.name, word, run.sentence, actor=False)

    def _country(self, run: Run) -> bool:
        c = gz.country(run.text)
        if c:
            e = self.book.country(c, run.text, run.sentence, named=not cx.prefix_of_role(run))
            self.c.country_body(run, e)
            return True
        return self.c.demonym(run)

    def _acronym_known(self, run: Run) -> bool:
        """An acronym of an organisation already named, or spelt out in brackets after it."""
        word = run.text
        if not org.is_acronym(word):
            return False
        if cx.glued_to_number(run) or cx.before_number(run):  # "H.R.1424", "NIS 4.2 million"
            return True
        for e in self.book.entries:
            if e.kind == "organization" and org.matches_acronym(word, e.name):
                self.book.note(e, word, run.sentence)
                return True
        span = org.expansion_after(run.tokens, run.j)
        if span and org.matches_acronym(word, join(run.tokens[span[0]:span[1]])):
            full = join(run.tokens[span[0]:span[1]])
            e = self.book.organization(full, full, run.sentence)
            self.book.note(e, word, run.sentence)
            return True
        return False

    def _acronym_used(self, run: Run) -> bool:
        """An acronym the article treats as an actor: named twice, or acting or speaking."""
        word = run.text
        if not org.is_acronym(word):
            return False
        if self.counts.get(word, 0) >= 2 or cx.agent(run) or self._org_cue(run):
            self.book.organization(word, word, run.sentence)
        return True

    def _group(self, run: Run) -> bool:
        if lx.fold(run.text) not in lx.GROUP_WORDS:
            return False
        e = self.book.add("group", run.text, run.text, run.sentence)
        e.nouns += 1
        e.description = e.description or cx.apposition(run, lx.GROUP_KINDS)
        return True

    def _place_name(self, run: Run) -> bool:
        """A region, or a city big enough (or placed by its context) to be meant as one."""
        word = run.text
        if org.is_acronym(word) and not cx.dateline(run):  # "NIS 4.2 million", not "QUETTA, -"
            return False
        cue = (cx.locative(run) or word in self.placed or cx.body_after(run, cx.LOCAL_BODIES)
               or (run.after() is not None and run.after().text in cx.POSSESSIVE
                   and not lx.is_first_name(word)))  # "Haifa's city council", "Mecca's ..."
        place = gz.place(word, 15_000 if cue else gz.MILLION_CITY)
        if place and place.type == "city" and not cue and lx.is_common_word(word):
            place = None
        if place is None:
            return False
        self.c.place(place.type, word, run)
        return True

    def _org_word(self, run: Run) -> bool:
        """A single word an organisation by its context ("militant group Hamas")."""
        if run.initial and self.counts.get(run.text, 0) < 2 and lx.is_common_word(run.text):
            return False
        if not self._org_cue(run, coordination=False):
            return False
        if lx.is_common_word(run.text) or lx.is_first_name(run.text) or lx.is_title(run.text):
            return False
        e = self.book.organization(run.text, run.text, run.sentence)
        e.description = e.description or cx.descriptor_before(run)
        return True

    def _people(self, run: Run) -> bool:
        """'Rohingya, a stateless minority of Muslims': a people named in apposition."""
        gloss = cx.apposition(run, lx.GROUP_KINDS)
        if not gloss:
            return False
        e = self.book.add("group", run.text, run.text, run.sentence)
        e.description = gloss
        e.cues.add("apposition")
        return True

    def _coordinated_org(self, run: Run) -> bool:
        """'Oxfam and the Red Cross': a name joined to an organisation (not an adjective:
        "mainly Buddhist and the United Nations ...")."""
        word = run.text
        if (self._coordinated(run) != "organization" or lx.is_common_word(word)
                or lx.is_title(word) or word.lower().endswith(ADJECTIVE_ENDINGS)):
            return False
        self.book.organization(run.text, run.text, run.sentence)
        return True

