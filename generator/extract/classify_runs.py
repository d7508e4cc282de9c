"""First pass: what each capitalised run of several words is, from what it is made of
(gazetteer names, titles, organisation and site heads, first names) and the cues around it.
Single words and runs no rule settles are handed back for the second pass.
"""

from __future__ import annotations

from generator.articles import AGENCY_LINE
from generator.extract import context as cx
from generator.extract import gazetteer as gz
from generator.extract import lexicon as lx
from generator.extract import organizations as org
from generator.extract.person_runs import PersonRules
from generator.extract.registry import Book, Entry
from generator.extract.runs import POSSESSIVE, Run, Token, join

COMPASS = frozenset(["northwest", "northeast", "southwest", "southeast", "midwest"])
QUOTES = frozenset('"\u201c\u201d\u2018\u2019\'')


class Classifier(PersonRules):
    """Classifies runs into the registry; remembers the ones it could not settle."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.pending: list[Run] = []
        # Runs whose first word was dropped as a sentence opener, by what is left of them:
        # "Planned Parenthood" may yet prove a name when "Parenthood" alone proves nothing.
        self.openers: dict[tuple[int, int, int], Run] = {}

    # What a stretch of tokens stands for, for role prefixes ("Israeli", "UN", "Senate").
    def kind_of(self, tokens: tuple[Token, ...], a: int, j: int) -> str | None:
        text = join(tokens[a:j])
        if gz.country(text):
            return "country"
        if gz.demonym(text):
            return "demonym"
        known = self.book.find(text)
        if known:
            return "place" if known.kind in {"city", "region", "site"} else known.kind
        words = [t.text for t in tokens[a:j]]
        if org.is_org_name(words) or org.head_index(words) is not None:
            return "organization"
        if len(words) == 1 and org.is_acronym(words[0]):
            return "organization"
        if gz.region(text) or gz.city(text):
            return "place"
        return None

    def classify(self, run: Run) -> None:
        """Settle one run, or keep it for the second pass."""
        run = self._trim(run)
        if run is None or self._quoted_title(run):
            return
        words = run.words
        if len(words) == 1:
            self.pending.append(run)
            return
        for rule in (self._known, self._gazetteer, self._event, self._defined, self._person_of_body,
                     self._titled, self._organization, self._site, self._acronym_led,
                     self._group_tail,
                     self._prefixed, self._placed, self._first_name, self._cued_person):
            if rule(run):
                return
        self.pending.append(run)

    def _known(self, run: Run) -> bool:
        """A name already registered as something other than a person."""
        e = self.book.find(run.text)
        if e is None or e.kind == "person":
            return False
        if e.kind in {"city", "region", "site"}:
            self.place(e.kind, e.name, run)
        else:
            self.book.note(e, run.text, run.sentence)
        return True

    @staticmethod
    def _describes_name(run: Run, i: int, j: int) -> bool:
        """'Leftist Gustavo Petro', 'Veteran Ana Silva': an English word opening the sentence
        before a first name describes the person; it is not part of the name."""
        w = run.tokens[i].text
        return j - i > 2 and lx.is_english_word(w) and not lx.is_first_name(w) \
            and not lx.is_title(w) and lx.is_first_name(run.tokens[i + 1].text)

    def _trim(self, run: Run) -> Run | None:
        """Drop sentence-opening words that are not names ("Yesterday", "Despite", "The")."""
        i, j = run.i, run.j
        while i < j:
            w = run.tokens[i].text
            f = lx.fold(w)
            opener = i == run.i and run.initial
            if f == "the" or (opener and (f in lx.FUNCTION_WORDS or f in lx.MONTHS_DAYS
                                         or (lx.is_common_word(w) and not self._name_word(w)
                                             and not self._whole_name(run.sub(i, j)))
                                         or self._describes_name(run, i, j))):
                i += 1
            else:
                break
        while i < j and not run.tokens[i].cap:  # "Prices on the London Metal Exchange"
            i += 1
        while j > i and run.tokens[j - 1].lower in {"of", "for", "and", "on", "&", "the"}:
            j -= 1
        if i >= j:
            return None
        trimmed = run.sub(i, j)
        if i > run.i and run.tokens[run.i].lower != "the":
            self.openers[(run.sentence, i, j)] = run.sub(run.i, j)
        return trimmed

    def _whole_name(self, run: Run) -> bool:
        """Does the run open with a name its first word belongs to ("United Nations ...")?"""
        for n in range(2, run.j - run.i + 1):
            part = run.sub(run.i, run.i + n)
            words = part.words
            if (org.is_org_name(words) or lx.fold(words[-1]) in lx.SITE_HEADS | lx.EVENT_HEADS
                    or gz.country(part.text) or gz.region(part.text) or gz.city(part.text)):
                return True
        return False

    def _name_word(self, w: str) -> bool:
        return bool(gz.country(w) or gz.demonym(w) or lx.is_title(w) or lx.is_first_name(w)
                    or self.book.find(w) or gz.region(w) or gz.city(w))

    def _quoted_title(self, run: Run) -> bool:
        """A name in quotation marks on its own is a title of a work ("Morning Joe")."""
        b, a = run.before(), run.after()
        return bool(b and a and b.text in QUOTES and a.text in QUOTES)

    def _gazetteer(self, run: Run) -> bool:
        text = run.text
        if AGENCY_LINE.match(text):  # a news agency or broadcaster ("Al Jazeera")
            self.organization(run)
            return True
        c = gz.country(text)
        if c:
            self.country_body(run, self.book.country(c, text, run.sentence, named=True))
            return True
        if self.demonym(run):
            return True
        place = gz.place(text)
        if place:
            self.place(place.type, place.name, run)
            return True
        return False

    def demonym(self, run: Run) -> bool:
        """A demonym: the country (or people) it names; with "army", "navy"... an organisation."""
        c = gz.demonym(run.text)
        if c is None:
            return False
        people = gz.people_of(c)
        if people:
            e = self.book.add("group", people, run.text, run.sentence)
            e.nouns += run.text.endswith("s")
            return True
        self.country_body(run, self.book.country(c, run.text, run.sentence, named=False))
        return True

    def country_body(self, run: Run, country: Entry) -> None:
        """'the Colombian army', 'Brazil's central bank', 'Iran's foreign ministry': a body of
        the state a country name or demonym stands before."""
        end = cx.body_after(run)
        if end:
            name = join(run.tokens[run.i:end])
            self.book.organization(name, name, run.sentence, affiliation=country)
        elif cx.government_after(run):  # "the New Zealand government": the country acting
            self.book.note(country, f"{run.text} government", run.sentence)

    def place(self, kind: str, name: str, run: Run) -> Entry:
        """A place; with 'city council', 'municipality' after it, its local body too."""
        e = self.book.add(kind, name, run.text, run.sentence, actor=False)
        end = cx.body_after(run, cx.LOCAL_BODIES)
        if end:
            body = join(run.tokens[run.i:end])
            self.book.organization(body, body, run.sentence)
        return e

    def _event(self, run: Run) -> bool:
        return lx.fold(run.words[-1]) in lx.EVENT_HEADS

    def _defined(self, run: Run) -> bool:
        """'Revolutionary Armed Forces of Colombia (FARC)': an organisation and its acronym."""
        acronym = org.definition_after(run.tokens, run.j, run.text)
        words = run.words
        if not acronym or not (org.is_org_name(words) or org.matches_acronym(acronym, run.text)):
            return False
        e = self.organization(run)
        self.book.note(e, acronym, run.sentence)
        return True

    def _prefix(self, run: Run) -> Entry | None:
        """A country, demonym or organisation standing before a title or a name."""
        if run.i >= run.j:
            return None
        c = gz.country(run.text)
        if c:
            return self.book.country(c, run.text, run.sentence, named=False)
        if self.demonym(run):
            return self.book.find(run.text)
        self.classify(run)
        return self.book.find(run.text)

    def organization(self, run: Run) -> Entry:
        """An organisation; a leading country or demonym is its affiliation."""
        words = run.words
        affiliation, base = None, None
        for n in (2, 1):
            if len(words) > n:
                head = run.sub(run.i, run.i + n)
                c = gz.country(head.text) or gz.demonym(head.text)
                if c and not gz.people_of(c):
                    affiliation = self.book.country(c, head.text, run.sentence, named=False,
                                                    weak=True)
                    base = join(run.tokens[run.i + n:run.j])
                    break
        e = self.book.organization(run.text, run.text, run.sentence, base=base,
                                   affiliation=affiliation)
        self._possessive_owner(e, run)
        return e

    def _possessive_owner(self, e: Entry, run: Run) -> None:
        """'Saudi Arabia's Civil Defense Authority': the country owns the organisation."""
        b = run.before()
        if b is None or b.text not in POSSESSIVE or run.i < 2:
            return
        k = run.i - 1
        a = k
        while a > 0 and run.tokens[a - 1].cap:
            a -= 1
        c = gz.country(join(run.tokens[a:k]))
        if c and e.affiliation is None:
            e.affiliation = self.book.country(c, join(run.tokens[a:k]), run.sentence, named=True)
            e.forms.append(join(run.tokens[a:run.j]))

    def _organization(self, run: Run) -> bool:
        words = run.words
        if org.is_org_name(words) or "&" in words:
            e = self.organization(run)
            if "&" in words and run.after() and run.after().text in POSSESSIVE:
                e.name = e.name + run.after().text  # "Ben & Jerry's"
            return True
        return False

    def _site(self, run: Run) -> bool:
        """'Élysée Palace', 'Mecca's Grand Mosque', 'Georgian National Park', 'Harris County'."""
        last = lx.fold(run.words[-1])
        if lx.fold(run.words[0]) in lx.SITE_OPENERS:  # "River Nyando", "Mount Kenya"
            self.place("site", run.text, run)
            return True
        if last in COMPASS:  # "Pacific Northwest"
            self.book.add("region", run.text, run.text, run.sentence, actor=False)
            return True
        if last not in lx.SITE_HEADS and last not in lx.REGION_HEADS:
            return False
        kind = "site" if last in lx.SITE_HEADS else "region"
        self.book.add(kind, run.text, run.text, run.sentence, actor=False)
        return True

    def _acronym_led(self, run: Run) -> bool:
        """'NHS England', 'CNN International': a body named from its acronym."""
        if not org.is_acronym(run.words[0]) or gz.country(run.words[0]):
            return False
        self.organization(run)
        return True

    def _placed(self, run: Run) -> bool:
        """'the town of Tal Afar', 'near Sheikh Zuweid', 'its El Teniente mine': a place,
        whatever its words."""
        site = cx.site_noun_after(run)
        if site:
            self.place(site[1], site[0], run)
            return True
        kind = cx.place_kind(run)
        if kind is None:
            return False
        self.place(kind, run.text, run)
        return True

    def _group_tail(self, run: Run) -> bool:
        """'Senate Democrats': the group, and what qualifies it."""
        if lx.fold(run.words[-1]) not in lx.GROUP_WORDS:
            return False
        tail = run.sub(run.j - 1, run.j)
        self.pending.append(tail)
        self.classify(run.sub(run.i, run.j - 1))
        return True

    def _prefixed(self, run: Run) -> bool:
        """A leading country or demonym before the rest ("Georgian Kaspi"): split them. Before
        a lone common word ("the German Colony", "the French Open") it is part of a name, not
        a mention of the country."""
        for n in (2, 1):
            if len(run.words) > n:
                head = run.sub(run.i, run.i + n)
                c = gz.country(head.text) or gz.demonym(head.text)
                if not c:
                    continue
                rest = run.sub(run.i + n, run.j)
                if len(rest.words) == 1 and lx.is_common_word(rest.text) and not gz.people_of(c):
                    self.book.country(c, head.text, run.sentence, named=False, weak=True)
                    return True
                self._prefix(head)
                self.classify(rest)
                return True
        return False
