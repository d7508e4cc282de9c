"""First-pass rules for people: a run that is a person by its title, its first name or the
role and speech around it; the role read off as the article writes it."""

from __future__ import annotations

from generator.extract import gazetteer as gz
from generator.extract import lexicon as lx
from generator.extract import organizations as org
from generator.extract import people as ppl
from generator.extract.registry import Entry
from generator.extract.runs import Run, join

PERSONAL = frozenset(["he", "she", "his", "her", "him", "they", "their", "who"])


class PersonRules:
    """Mixed into the classifier, which supplies `book`, `kind_of`, `classify`, `pending`,
    `_prefix`, `_trim` and `organization`."""

    def _title_at(self, words: list[str]) -> tuple[int, int] | None:
        """(where the title starts, how long it is) in a run, if it holds a role or honorific."""
        for p in range(len(words)):
            k = ppl.name_part(words[p:])
            if k:
                title = words[p:p + k]
                if any(lx.is_role_head(w) or lx.fold(w) in lx.HONORIFICS for w in title):
                    return p, k
                return None
        return None

    def _titled(self, run: Run) -> bool:
        """'Israeli Prime Minister Benjamin Netanyahu', 'Lord Alli', 'Secretary of State ...'."""
        words = run.words
        found = self._title_at(words)
        if found is None:
            return False
        p, k = found
        if p > 3 and self.kind_of(run.tokens, run.i, run.i + p) is None:
            return False
        name_at = run.i + p + k
        name = words[p + k:]
        if name and name[0].lower() in {"of", "for", "at"}:  # "President of Gabon"
            self._prefix(run.sub(run.i, run.i + p))
            rest = run.sub(name_at + 1, run.j)
            tail = next((s for s in range(rest.i + 1, rest.j - 1)
                         if ppl.looks_personal([t.text for t in rest.tokens[s:rest.j]])),
                        None)
            if tail is None:
                self.classify(rest)
            else:  # "High Commissioner for Peace Laura Quintero"
                self.classify(rest.sub(rest.i, tail))
                who = rest.sub(tail, rest.j)
                e = self.person(who, who.text)
                e.role = e.role or join(run.tokens[run.i:tail])
            return True
        if not name:  # a title alone: "the Prime Minister"
            self._prefix(run.sub(run.i, run.i + p))
            return True
        if not ppl.is_name(name):
            return False
        self._prefix(run.sub(run.i, run.i + p))
        full = " ".join(name)
        if len(name) == 1 and lx.fold(words[p + k - 1]) in lx.PEERAGE:
            full = f"{words[p + k - 1]} {name[0]}"
        self.person(run.sub(name_at, run.j), full)
        return True

    def _person_of_body(self, run: Run) -> bool:
        """'Lydia Buchtmann for Food Standards Australia New Zealand': a person and the body
        they speak for, joined into one run by 'of' or 'for'."""
        toks = run.tokens
        cut = next((k for k in range(run.i + 2, run.j - 1) if toks[k].lower in {"of", "for"}), None)
        if cut is None:
            return False
        who = run.sub(run.i, cut)
        found = self._title_at(who.words)
        if ppl.looks_personal(who.words):
            self.person(who, who.text)
        elif found and ppl.is_name(who.words[sum(found):]):  # "Rep. John Whitfield of Kentucky"
            self._titled(who)
        else:
            return False
        body = self._trim(run.sub(cut + 1, run.j))
        if body is not None:
            mark = len(self.pending)
            self.classify(body)
            if len(self.pending) > mark and body.j - body.i > 1 and not gz.place(body.text):
                del self.pending[mark:]  # several words nothing else claims: the body
                self.organization(body)
        return True

    def person(self, name_run: Run, full: str) -> Entry:
        """Register a person, with the role written around the name."""
        e = self.book.person(full, name_run.sentence, role=self.role_of(name_run))
        self._affiliation_after(e, name_run)
        return e

    def role_of(self, name_run: Run) -> str | None:
        """The role around a name: before it (titles are role words, so "Prime Minister" of
        "Prime Minister Ehud Olmert" is found the same way), set off by commas, or both."""
        toks, i, j = name_run.tokens, name_run.i, name_run.j
        start = ppl.role_start(toks, i, self.kind_of)
        role = ppl.role_text(toks[start:i]) or ppl.role_before_comma(toks, i, self.kind_of)
        after = ppl.role_after(toks, j, self.kind_of)
        if role and after:
            role = f"{role}, {after}"
        role = role or after or ppl.role_as(toks, j, self.kind_of) or ppl.role_who(toks, j)
        tail = ppl.party_state(join(toks[j:j + 8]))
        return f"{role} {tail}" if tail and role else role

    def _affiliation_after(self, e: Entry, run: Run) -> None:
        """'Aaron David Miller of the Woodrow Wilson Center': the body a person speaks for."""
        k = run.j
        toks = run.tokens
        if k < len(toks) and toks[k].text == ",":
            k += 1
        if k < len(toks) and toks[k].lower in {"of", "for", "at", "from"}:
            k += 1
            if k < len(toks) and toks[k].lower == "the":
                k += 1
            j = k
            while j < len(toks) and (toks[j].cap or toks[j].lower in {"of", "for", "and", "&"}):
                j += 1
            if j > k:
                e.bodies.append(join(toks[k:j]))

    def _first_name(self, run: Run) -> bool:
        words = run.words
        if not ppl.looks_personal(words):
            return False
        if org.in_org_context(run.tokens, run.i, run.j):  # "analysts at Morgan Stanley"
            self.organization(run)
            return True
        if lx.is_common_word(words[-1]) and not self._person_cue(run):
            return False  # "Christian Concern": wait for a cue
        self.person(run, run.text)
        return True

    def _cued_person(self, run: Run) -> bool:
        """A name a role or a speech verb vouches for ("said Jakaya Kekwete")."""
        if not (2 <= len(run.words) <= 4 and ppl.is_name(run.words)):
            return False
        if not self._person_cue(run):
            return False
        if org.in_org_context(run.tokens, run.i, run.j) or self._its_own(run):
            self.organization(run)  # "the armed group Ansar Dine said", "X said its profit"
            return True
        self.person(run, run.text)
        return True

    @staticmethod
    def _its_own(run: Run) -> bool:
        """'Comissaria Smith said in its weekly review': a subject that speaks of itself as
        'it' (not when the name opens with a first name: 'Ana Silva said its cost ...')."""
        toks, j = run.tokens, run.j
        if lx.is_first_name(run.words[0]) or j >= len(toks) or toks[j].lower not in lx.SPEECH_VERBS:
            return False
        for t in toks[j + 1:j + 6]:
            if t.lower in PERSONAL or t.text in {".", ";", '"', "\u201c"}:
                return False
            if t.lower == "its":
                return True
        return False

    def _person_cue(self, run: Run) -> bool:
        toks, i, j = run.tokens, run.i, run.j
        before = toks[i - 1].lower if i else ""
        after = toks[j].lower if j < len(toks) else ""
        subject = before not in {"at", "of", "from", "for", "with", "in", "on", "by", "to"}
        return bool(before in lx.SPEECH_VERBS or (subject and after in lx.SPEECH_VERBS)
                    or ppl.role_text(toks[ppl.role_start(toks, i, self.kind_of):i])
                    or ppl.role_before_comma(toks, i, self.kind_of)
                    or ppl.role_after(toks, j, self.kind_of))
