"""Second pass: runs the first pass left open, settled against what it found (surnames,
acronyms, short forms) and by weaker cues: "the town of Yeoncheon", "near Borzhomi",
"Hamas spokesperson", "the militant group Hamas", "Rohingya, a stateless minority".
"""

from __future__ import annotations

from generator.extract import context as cx
from generator.extract import lexicon as lx
from generator.extract import organizations as org
from generator.extract import people as ppl
from generator.extract.classify_runs import Classifier
from generator.extract.registry import name_key
from generator.extract.runs import Run, join
from generator.extract.word_runs import WordRules

PREPOSITIONS = frozenset([
    "from", "at", "to", "in", "into", "with", "for", "of", "by", "on", "near",
])


# Verbs after which "in" names a publication: "published in Nature Medicine".
PUBLISHED = frozenset(["published", "appeared", "printed", "writing", "wrote", "written"])


class Resolver(WordRules):
    """Settles the runs the classifier kept, against its registry."""

    def __init__(self, classifier: Classifier) -> None:
        self.c = classifier
        self.book = classifier.book

    def resolve(self, pending: list[Run]) -> None:
        """Strong evidence first, weak cues last, so that weak cues can lean on what is known."""
        singles = [r for r in pending if r.j - r.i == 1]
        multis = [r for r in pending if r.j - r.i > 1]
        counts: dict[str, int] = {}
        for run in singles:
            if not cx.after_number(run):
                counts[run.text] = counts.get(run.text, 0) + 1
        self.counts = counts
        self.acting = {r.text for r in singles if cx.agent(r)}
        self.placed = {r.text for r in singles if cx.locative(r)}
        self.midsentence: dict[str, int] = {}
        for run in singles:
            if not run.initial:
                self.midsentence[run.text] = self.midsentence.get(run.text, 0) + 1
        singles = [r for r in singles if not self._single_known(r)]
        singles = [r for r in singles if not self._org_word(r)]
        multis = [r for r in multis if not self._multi(r)]
        for run in multis:
            self._split(run)
        for run in singles:
            self._single_late(run)

    # -- runs of several words ------------------------------------------------------------
    def _multi(self, run: Run) -> bool:
        text = run.text
        known = self.book.find(text) or self.book.find_person(text) or self._same_words(run)
        if known:
            self.book.note(known, text, run.sentence)
        elif self._site_apposition(run) or self._place(run):
            pass
        elif self._org_cue(run) or self._published_in(run) or (
                run.before() and run.before().lower == "by"
                and not ppl.looks_unknown_name(run.words) and not lx.is_title(run.words[0])):
            self.c.organization(run)
        elif ppl.looks_personal(run.words) or self._unknown_person(run):
            self.c.person(run, text)
        elif self._after_locative(run):
            pass
        else:
            return self._with_opener(run)
        return True

    def _site_apposition(self, run: Run) -> bool:
        """'the presidential palace, Rashtrapati Bhavan,': the name of the site just named."""
        toks, i = run.tokens, run.i
        if i < 2 or toks[i - 1].text != "," or toks[i - 2].cap:
            return False
        noun = toks[i - 2].lower
        if noun not in lx.SITE_NOUNS and noun not in lx.SITE_HEADS:
            return False
        self.book.add("site", run.text, run.text, run.sentence, actor=False)
        return True

    def _published_in(self, run: Run) -> bool:
        """'published in Nature Medicine', 'writing in Foreign Affairs': a publication."""
        toks, i = run.tokens, run.i
        return i >= 2 and toks[i - 1].lower == "in" and toks[i - 2].lower in PUBLISHED

    def _after_locative(self, run: Run) -> bool:
        """'fled to Khan Younis and Deir al-Balah': an unknown name where one goes or is."""
        before = run.before()
        if before is None or before.lower not in {"in", "to", "into", "near", "across"}:
            return False
        if lx.is_first_name(run.words[0]) or org.is_org_name(run.words):
            return False
        self.book.add("city", run.text, run.text, run.sentence, actor=False)
        return True

    def _unknown_person(self, run: Run) -> bool:
        """'Also acquitted was Abdulmecit Ozturk': words that are no English and no known name,
        in a person's place (not after a preposition); three of them only when the last
        returns alone ("Bassirou Diomaye Faye ... Faye's home")."""
        words = run.words
        before = run.before()
        if before is not None and before.lower in PREPOSITIONS:
            return False
        if self._coordinated(run) in {"city", "region", "site", "organization"}:
            return False
        if len(words) == 3 and self.counts.get(words[-1], 0):
            words = words[1:]
        return ppl.looks_unknown_name(words)

    def _same_words(self, run: Run):
        """'Food Standards of Australia and New Zealand' is 'Food Standards Australia New
        Zealand': an organisation named again with its words in other dress."""
        words = _content_words(run.text)
        if len(words) < 2:
            return None
        return next((e for e in self.book.entries if e.kind == "organization"
                     and _content_words(e.name) == words), None)

    def _split(self, run: Run) -> None:
        """A run joined over 'of', 'for', 'and' that names nothing whole: settle its parts."""
        cuts = [k for k in range(run.i, run.j) if run.tokens[k].lower in {"of", "for", "and", "on"}]
        a = run.i
        for k in cuts + [run.j] if cuts else []:
            if a < k:
                self._now(run.sub(a, k))
            a = k + 1

    def _now(self, run: Run) -> None:
        """Classify a part at once, with both passes."""
        mark = len(self.c.pending)
        self.c.classify(run)
        new = self.c.pending[mark:]
        del self.c.pending[mark:]
        for r in new:
            if r.j - r.i > 1:
                self._multi(r)
            elif not (self._single_known(r) or self._org_word(r)):
                self._single_late(r)

    def _with_opener(self, run: Run) -> bool:
        """'Planned Parenthood and the ACLU welcomed it': the sentence's first word, dropped
        as an opener, belongs to a name that acts with others."""
        full = self.c.openers.get((run.sentence, run.i, run.j))
        if full is None or not (self._coordinated(full) == "organization"
                                or org.in_org_context(full.tokens, full.i, full.j)):
            return False
        self.c.organization(full)
        return True

    # -- cues ---------------------------------------------------------------------------------
    def _place(self, run: Run) -> bool:
        """'the town of Yeoncheon', 'near Borzhomi', 'Kaspi railway bridge', 'Shejaiyah
        neighborhood', 'Gori ... and Senako': a place by its context."""
        site = cx.site_noun_after(run)
        if site:
            self.c.place(site[1], site[0], run)
            return True
        kind = cx.place_kind(run)
        if kind is None and self._coordinated(run) in {"city", "region", "site"}:
            kind = self._coordinated(run)
        if kind is None or (lx.is_first_name(run.words[0]) and len(run.words) > 1):
            return False
        if lx.fold(run.words[-1]) in lx.ORG_HEADS:  # "outside Parliament": the building
            kind = "site"
        self.c.place(kind, run.text, run)
        return True

    def _org_cue(self, run: Run, coordination: bool = True) -> bool:
        """Organisation by context: 'militant group Hamas', 'Hamas fighters', 'Hamas and
        Islamic Jihad', 'Yonhap news agency', 'Lydia Buchtmann for Food Standards ...'."""
        toks, i, j = run.tokens, run.i, run.j
        before = toks[i - 1].lower if i else ""
        if org.in_org_context(toks, i, j):
            return True
        if org.is_acronym(run.text) and j < len(toks) and lx.is_role_head(toks[j].text):
            return True  # "UN Secretary-General", "RSF commander"
        if cx.apposition(run, lx.ORG_KINDS):
            return True
        if before in {"of", "for"} and i >= 2 and self.book.find_person(toks[i - 2].text):
            return True
        return coordination and self._coordinated(run) == "organization"

    def _coordinated(self, run: Run) -> str | None:
        """The kind of a known name joined to this one by 'and' ('Hamas and Islamic Jihad')."""
        toks, i, j = run.tokens, run.i, run.j
        if i >= 3 and toks[i - 1].lower == "the" and toks[i - 2].lower in {"and", "or"}:
            i -= 1  # "... and the American Civil Liberties Union"
        if i >= 2 and toks[i - 1].lower in {"and", "or"}:
            end = i - 2 if toks[i - 2].text == "," else i - 1
            a = end
            while a > 0 and toks[a - 1].cap:
                a -= 1
            e = self.book.find(join(toks[a:end])) if a < end else None
            if e:
                return e.kind
        if j + 1 < len(toks) and toks[j].lower in {"and", "or"}:
            a = j + 2 if toks[j + 1].lower == "the" else j + 1
            b = a
            while b < len(toks) and toks[b].cap:
                b += 1
            e = self.book.find(join(toks[a:b])) if a < b else None
            if e:
                return e.kind
        return None



def _content_words(name: str) -> frozenset[str]:
    return frozenset(w for w in name_key(name).split() if w not in org.SMALL)
