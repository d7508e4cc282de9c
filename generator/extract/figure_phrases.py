"""The phrases around a number, found by walking a sentence's tokens without a tagger.

`Phrases` answers the few questions the measure rules ask of a sentence: where the noun
phrase after a number ends ("1,200 people were", "deaths of Palestinians on"), where the clause
before it starts, which noun phrase stands before a verb (its subject) or before a
preposition ("the FDIC insurance cap to $250,000"), and where the clause after it ends.
The other figures of the sentence are walls: a phrase never runs into one.
"""

from __future__ import annotations

from generator.extract.figure_words import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    PREPOSITIONS,
    PRONOUNS,
    WEEKDAYS,
    Token,
    is_noun_form,
    is_verb,
    verb_base,
    word_set,
)

PERSON_NOUNS = word_set("""people persons person civilians soldiers troops members hostages
migrants refugees seekers children schoolchildren students pupils workers employees staff
residents volunteers rescuers firefighters dockers drivers strikers marchers protesters
protestors demonstrators passengers pilgrims fighters militants policemen officers officials
journalists patients voters pensioners women men adults victims survivors prisoners detainees
inmates citizens nationals tourists visitors others individuals villagers inhabitants delegates
lawmakers legislators senators doctors nurses teachers farmers fishermen miners crew sailors
marines pilots casualties dead injured wounded deaths rebels insurgents settlers mourners
supporters opponents""")
NOT_NOUNS = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | PRONOUNS | AUXILIARIES | ADVERBS | {
    "more", "less", "fewer", "other", "or", "and", "each", "per", "cent", "percent", "most",
    "least", "many", "much", "few", "several"}
COPULAS = word_set("reached rose fell stood totalled totaled topped exceeded climbed jumped "
                   "dropped hit remained become became")
BREAK = set(",;:()[]—–-\"“”‘’!?")
CLAUSE_WORDS = word_set("and but or which who whom when while although though because if "
                        "unless whereas that so after before since until as")
SAYING = ("say", "tell")


def nominal(t: Token) -> bool:
    """Could be part of a noun phrase: not a function word, verb, number or punctuation."""
    if not t.is_word or t.text[0].isdigit() or t.low in NOT_NOUNS or t.low in WEEKDAYS:
        return False
    if t.low.endswith("ly") and not t.is_capitalized:
        return False
    return not is_verb(t) or t.is_capitalized and t.low not in AUXILIARIES


class Phrases:
    """A sentence's tokens, and the spans of its other figures."""

    def __init__(self, text: str, tokens: list[Token], figures=()):
        self.text, self.tokens = text, tokens
        self.stops = {a for a, _ in figures}
        self.inside = {i for i, t in enumerate(tokens) for a, b in figures if a <= t.start < b}

    def after(self, pos: int) -> int:
        """The first token at or after character pos."""
        return next((i for i, t in enumerate(self.tokens) if t.start >= pos), len(self.tokens))

    def before(self, pos: int) -> int:
        """The last token ending at or before character pos (-1 when none)."""
        return next((i for i in range(len(self.tokens) - 1, -1, -1)
                     if self.tokens[i].end <= pos), -1)

    def low(self, i: int) -> str:
        return self.tokens[i].low if 0 <= i < len(self.tokens) else ""

    def words(self, a: int, b: int) -> str:
        """The text of tokens a..b-1, as written."""
        if a >= b:
            return ""
        return self.text[self.tokens[a].start:self.tokens[b - 1].end]

    def skip_back(self, j: int, skipped: frozenset[str] | set[str]) -> int:
        while j >= 0 and (self.low(j) in skipped or self.low(j) in WEEKDAYS):
            j -= 1
        return j

    def noun_phrase(self, i: int, limit: int = 4) -> int:
        """End of the noun phrase starting at i ("Hamas members", "deaths of Palestinians")."""
        j = i
        while j < len(self.tokens) and j - i < limit and (
                self.noun(j, first=j == i)
                or (self.low(j).endswith("ing") and self.noun(j + 1, first=False))):
            j += 1
        if j > i and self.low(j) == "of" and j + 1 < len(self.tokens) \
                and nominal(self.tokens[j + 1]) and self.low(j + 1) not in PRONOUNS:
            j = self.noun_phrase(j + 1, 3)
        return j

    def noun(self, j: int, first: bool) -> bool:
        """A word of a counted noun phrase: '36 shells', 'one report', 'polling stations'.

        Right after the number a verb's base or -s form is a noun; further in, an -s form is,
        and a base form only after a word that is not plural ("1,000 people live" has a verb,
        "$100 million tax cuts" and "a 24-hour general strike" nouns).
        """
        if j >= len(self.tokens):
            return False
        if self.low(j) in WEEKDAYS or self.low(j) in ("late", "early") \
                and self.low(j + 1) in WEEKDAYS:
            return False  # "voted 77-13 late Friday", "rose 12 Monday": a day, not what counts
        if nominal(self.tokens[j]):
            return True
        if self.low(j) in NOT_NOUNS or not is_noun_form(self.tokens[j]):
            return False
        prev = self.low(j - 1)
        plural_before = prev.endswith("s") or prev in PERSON_NOUNS or prev in ("police", "staff")
        return first or self.low(j).endswith("s") or not plural_before

    def complement(self, i: int, limit: int = 9) -> int:
        """End of the words from i that still belong to the clause, function words trimmed."""
        j = i
        while j < len(self.tokens) and j - i < limit:
            t = self.tokens[j]
            if t.text in BREAK or t.text == "." or t.low == "according" or (
                    t.text[0].isdigit() and j > i) or t.start in self.stops:
                break
            if t.low in ("and", "but", "or", "while", "although", "whereas", "because"):
                break
            j += 1
        while j > i and self.low(j - 1) in NOT_NOUNS:
            j -= 1
        return j

    def clause(self, i: int, limit: int = 10) -> str:
        """The clause ending at token i, without trailing function words."""
        a, b = self._clause_start(i, limit), i + 1
        while b > a + 1 and (self.low(b - 1) in NOT_NOUNS or self.tokens[b - 1].text in BREAK):
            b -= 1
        return self.words(a, b)

    def _clause_start(self, i: int, limit: int) -> int:
        """Back from i to a clause boundary, going past boundaries while it says too little."""
        j, content = i, 0
        while j >= 0 and i - j < limit:
            t = self.tokens[j]
            if j in self.inside or self._boundary(j):
                if content >= 2:
                    break
            elif t.is_word and t.low not in NOT_NOUNS:
                content += 1
            j -= 1
        j += 1
        while j <= i and (self._boundary(j) or j in self.inside):
            j += 1
        return j

    def _boundary(self, j: int) -> bool:
        t = self.tokens[j]
        return t.text in BREAK or t.low in CLAUSE_WORDS or verb_base(t.low) in SAYING

    def left_noun(self, i: int) -> str | None:
        """The noun phrase ending at or before token i, past a copula: 'the death toll would be'."""
        j = self.skip_back(i, AUXILIARIES | ADVERBS | COPULAS | {"to", "at", "of"})
        if j in self.inside or self.low(j) == ",":  # "a pay rise of 4%, worth about £1.1bn"
            while j >= 0 and (j in self.inside or self.low(j) == ","):
                j -= 1
            j = j - 1 if self.low(j) == "of" else j
        k = j
        while k >= 0 and j - k < 6 and k not in self.inside and (
                nominal(self.tokens[k]) or is_noun_form(self.tokens[k])
                or (self.low(k) in ("of", "in") and k < j)
                or (self.low(k).endswith("ed") and self.low(k - 1) in DETERMINERS)):
            k -= 1
        while k + 1 <= j and self.low(k + 1) in ("of", "in"):
            k += 1
        if k == j or self.low(j) in PRONOUNS or self.low(j) in AUXILIARIES:
            return None
        return self.words(k + 1, j + 1)

    def subject(self, v: int) -> str | None:
        """The noun phrase before verb v ("the Russian troops were occupying")."""
        j = self.skip_back(v - 1, AUXILIARIES | ADVERBS | {"on", "since", "then"})
        if self.low(j) == ",":  # "Hutchison Ports, which owns Felixstowe, had offered"
            k = j - 1
            while k > 0 and self.low(k) not in (",", "which", "who") and j - k < 10:
                k -= 1
            if self.low(k) in ("which", "who") and self.low(k - 1) == ",":
                j = k - 2
        if self.low(j) in ("which", "that", "who"):  # "the explosion, which injured 127"
            j = self.skip_back(j - 1, {","})
        k = j
        while k >= 0 and j - k < 7 and (
                nominal(self.tokens[k]) or (self.low(k) in ("the", "of", "in", "a", "an") and k < j)
                or (self.low(k).endswith(("ing", "ed")) and self.low(k - 1) in DETERMINERS)):
            k -= 1
        a = k + 1
        while a <= j and self.low(a) in ("of", "in"):
            a += 1
        if a > j or self.low(j) in PRONOUNS or not nominal(self.tokens[j]):
            return None
        return self.words(a, j + 1)
