"""Who each sentence talks about: the people and bodies named, and which of them are subjects.

A pronoun in an attribution ("she said") refers back to a recent subject; the full forms of
names found here turn a bare surname ("Qanoua said") into the name the article first gave; the
pronouns after a name tell a person's gender. `Discourse` reads sentences only when asked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import takewhile

from generator.articles import Article, Sentence
from generator.extract.attribution import role_of, with_role
from generator.extract.names import name_key as _name_key
from generator.extract.speaker_phrases import (
    Phrase,
    base,
    is_name_token,
    is_possessive,
    join,
    parse_phrase,
)
from generator.extract.speech_words import (
    CUES,
    DETERMINERS,
    FILLERS,
    GROUP_HEADS,
    ORG_HEADS,
    PARTICLES,
    PERSON_HEADS,
    PRONOUNS,
    ROLE_WORDS,
    TITLES,
)

_TOKEN = re.compile(r"\w+(?:[.'\u2019\-]\w+)*\.?|[^\w\s]")
HEADS = PERSON_HEADS | GROUP_HEADS | ORG_HEADS
VERBS = CUES | set("""
is was are were has had have will would can could should may might must did does do took went
came made gave met left spoke began won lost held kept led put set got found sought stood became
knew paid sent built struck fought chose flew fell rose broke spent heard let ran brought bought
drew grew threw wore beat hit cut read meant sat wants believes thinks hopes plans expects faces
remains seems appears goes gets makes takes gives sees knows
""".split())


name_key = lru_cache(maxsize=8192)(_name_key)
SUBORDINATORS = {"that", "if", "because", "although", "though", "while", "whereas", "when",
                 "after", "before", "since", "until", "unless", "whether", "as"}
_ACRONYM = re.compile(
    r"((?:[A-Z][\w'\u2019-]*\s+(?:(?:of|for|and|the|on|de|du)\s+)*){1,8})\(([A-Z]{2,6})\)")
_CAPITALISED = re.compile(r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*")
_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")
_MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A name, description or pronoun in a sentence; `offset` is in the paragraph."""

    paragraph: int
    offset: int
    phrase: Phrase
    subject: bool  # followed by its verb: "Sharren Haskel told", "the spokesman said"

    @property
    def position(self) -> tuple[int, int]:
        return self.paragraph, self.offset


class Discourse:
    """What an article says about who is who, read sentence by sentence when first needed."""

    def __init__(self, article: Article, quoted: dict[int, list[tuple[int, int]]]):
        self.sentences = article.sentences
        self.quoted = quoted
        self.acronyms = {acr: " ".join(full.split())
                         for full, acr in _ACRONYM.findall(article.text)}
        self.gender: dict[str, str] = {}  # a person's surname key -> male | female
        self.words: dict[str, set[str]] = {}  # capitalised words by first letter, for misspellings
        for word in set(re.findall(r"\b[^\W\d_][\w'\u2019-]*", article.text)):
            self.words.setdefault(word[0].lower(), set()).add(word)
        self._keys = [(s.paragraph, s.start) for s in self.sentences]
        self._lower = [s.text.lower() for s in self.sentences]
        self._joined = "\n".join(s.text for s in self.sentences)
        self._joined_at = [0]
        for s in self.sentences[:-1]:
            self._joined_at.append(self._joined_at[-1] + len(s.text) + 1)
        self._read: dict[int, list[Mention]] = {}
        self._with: dict[str, list[Mention]] = {}
        self._people: dict[str, list[Phrase]] = {}
        self._introduced: dict[str, tuple[tuple[int, int], str] | None] = {}

    def mentions(self, s: Sentence) -> list[Mention]:
        """The mentions of one sentence (quotations left out), learning genders on the way."""
        if s.index not in self._read:
            self._read[s.index] = scan(s, self.quoted.get(s.paragraph, []))
            self._learn_gender(s, self._read[s.index])
        return self._read[s.index]

    def mentioning(self, word: str, before: tuple[int, int] = (1 << 30, 0)) -> list[Mention]:
        """Mentions in the sentences that contain a word, up to a position, in reading order."""
        low = word.lower()
        if low not in self._with:
            pattern = re.compile(rf"(?<!\w){re.escape(low)}(?!\w)")
            self._with[low] = [m for s, text in zip(self.sentences, self._lower, strict=True)
                               if low in text and pattern.search(text) for m in self.mentions(s)]
        return [m for m in self._with[low] if m.position < before]

    def people(self, surname: str) -> list[Phrase]:
        """Full personal names the article gives in sentences with `surname` in them."""
        if surname not in self._people:
            self._people[surname] = [m.phrase for m in self.mentioning(surname)
                                     if m.phrase.kind == "name" and m.phrase.type == "person"
                                     and " " in m.phrase.name]
        return self._people[surname]

    def gender_of(self, name: str) -> str | None:
        """male or female as titles and pronouns tell, or None."""
        key = name_key(name).split()[-1] if name_key(name) else ""
        if key and key not in self.gender:
            self.mentioning(name.split()[-1])
        return self.gender.get(key)

    def subjects(self, position: tuple[int, int], window: int, most: int = 12):
        """Subjects before a position, sentence by sentence from the nearest, going back at
        most `window` paragraphs and `most` sentences."""
        at = bisect_right(self._keys, position) - 1
        for s in self.sentences[max(at - most + 1, 0):at + 1][::-1]:
            if s.paragraph < position[0] - window:
                break
            yield s, [m for m in self.mentions(s) if m.subject and m.position < position]

    def introduced(self, head: str, position: tuple[int, int]) -> str | None:
        """The unnamed body or person 'the <head>' refers back to, as first introduced:
        'A court in the Turkish capital Istanbul ...' -> 'court in Istanbul'."""
        if head not in self._introduced:
            self._introduced[head] = self._first_introduction(head)
        found = self._introduced[head]
        return found[1] if found and found[0] < position else None

    def _first_introduction(self, head: str) -> tuple[tuple[int, int], str] | None:
        pattern = re.compile(
            rf"\b(?:[Aa]n?|[Oo]ne)\s+((?:(?!(?:the|of|for|in|to|at|by|from|with)\b)[\w'\u2019-]+"
            rf"\s+){{0,3}}?{re.escape(head)})\b(?:\s+(in|of|for|at|from)"
            rf"((?:\s+[\w'\u2019.-]+){{1,5}}))?")
        for s, text in zip(self.sentences, self._lower, strict=True):
            m = pattern.search(s.text) if head in text else None
            if m:
                where = _CAPITALISED.findall(m.group(3) or "")
                name = f"{m.group(1)} {m.group(2)} {where[-1]}" if where else m.group(1)
                return (s.paragraph, s.start + m.start()), name
        return None

    def sentence_at(self, position: tuple[int, int]) -> Sentence | None:
        at = bisect_right(self._keys, position) - 1
        s = self.sentences[at] if at >= 0 else None
        return s if s and s.paragraph == position[0] else None

    def mid_sentence(self, word: str) -> bool:
        """Whether a word stands somewhere other than a sentence's start ('Hamas' does,
        'Fighting' in 'Fighting continued.' does not)."""
        at = self._joined.find(word)
        while at >= 0:
            if at and self._joined[at - 1] != "\n":
                return True
            at = self._joined.find(word, at + 1)
        return False

    def first_naming(self, name: str) -> Sentence | None:
        """The first sentence with a name in it."""
        at = self._joined.find(name)
        return self.sentences[bisect_right(self._joined_at, at) - 1] if at >= 0 else None

    def is_main(self, m: Mention) -> bool:
        """A subject not inside a subordinate clause: 'X said that Y ...' -> X, not Y."""
        s = self.sentence_at(m.position)
        before = s.text[:m.offset - s.start].lower().split() if s else []
        return not any(w.strip(",") in SUBORDINATORS for w in before)

    def _learn_gender(self, s: Sentence, mentions: list[Mention]) -> None:
        """'Marcy Kaptur was not changing her vote': a sentence's only person subject followed
        by only female pronouns is a woman; titles ('Ms', 'Lord') tell too."""
        for m in mentions:
            if m.phrase.kind == "name" and m.phrase.gender:
                self.gender.setdefault(name_key(m.phrase.name).split()[-1], m.phrase.gender)
        people = [m for m in mentions if m.subject and m.phrase.kind == "name"
                  and m.phrase.type == "person"]
        if len(people) == 1:
            rest = _QUOTED.sub(" ", s.text[people[0].offset - s.start:])
            male, female = bool(_MALE.search(rest)), bool(_FEMALE.search(rest))
            if male != female:
                key = name_key(people[0].phrase.name).split()[-1]
                self.gender.setdefault(key, "male" if male else "female")


def scan(sentence: Sentence, skip: list[tuple[int, int]] = ()) -> list[Mention]:
    """The mentions of one sentence in order, leaving out words inside `skip` (quotations)."""
    end = sentence.start + len(sentence.text)
    k = bisect_right(skip, sentence.start, key=lambda span: span[1])  # spans are in order
    skip = list(takewhile(lambda span: span[0] < end, skip[k:]))
    if skip and skip[0][0] <= sentence.start and end <= skip[0][1]:
        return []  # the whole sentence is quoted
    toks = _tokens(sentence.text, sentence.start)
    if skip:
        toks = _outside(toks, skip)
    words = [t for t, _ in toks]
    out, i = [], 0
    while i < len(toks):
        word, offset = toks[i]
        if word.lower() in PRONOUNS and _verb_follows(words, i + 1):
            out.append(Mention(sentence.paragraph, offset, parse_phrase(word), True))
        elif is_name_token(word):
            end = _run_end(words, i)
            if not is_possessive(words[end - 1]):
                mention = _named(sentence.paragraph, toks, _role_start(words, i), end)
                if mention:
                    out.append(mention)
            i = end
            continue
        elif word.lower() in DETERMINERS:
            mention = _description(sentence.paragraph, toks, i)
            if mention:
                out.append(mention)
        i += 1
    return out


def _outside(toks: list[tuple[str, int]], skip: list[tuple[int, int]]) -> list[tuple[str, int]]:
    """The tokens outside sorted spans: one pass over both, as both are in order."""
    out, k = [], 0
    for tok, at in toks:
        while k < len(skip) and skip[k][1] <= at:
            k += 1
        if k == len(skip) or at < skip[k][0]:
            out.append((tok, at))
    return out


def _tokens(text: str, base_offset: int) -> list[tuple[str, int]]:
    out = []
    for m in _TOKEN.finditer(text):
        tok, at = m.group(), base_offset + m.start()
        if tok.endswith(".") and len(tok) > 2 and "." not in tok[:-1] \
                and tok.lower() not in TITLES:
            tok = tok[:-1]
        out.append((tok, at))
    return out


def _run_end(words: list[str], i: int) -> int:
    """One past the last word of the capitalised run starting at i."""
    j = i + 1
    while j < len(words):
        if is_possessive(words[j - 1]):
            break
        if is_name_token(words[j]) or (words[j].lower() in PARTICLES and j + 1 < len(words)
                                       and is_name_token(words[j + 1])):
            j += 1
        else:
            break
    return j


def _role_start(words: list[str], i: int) -> int:
    """Where the title before a name begins: 'Israeli deputy foreign minister Sharren Haskel'."""
    while i > 0 and (base(words[i - 1]) in ROLE_WORDS or is_name_token(words[i - 1])):
        i -= 1
    return i


def _named(p: int, toks: list[tuple[str, int]], start: int, end: int) -> Mention | None:
    words = [t for t, _ in toks]
    if start and words[start - 1].lower() == "the":
        start -= 1  # "the Red Cross": a body, not a person
    phrase = parse_phrase(join(words[start:end]))
    after = end
    if after < len(words) and words[after] == "(":  # "Jim Ramstad (R Minnesota)"
        close = next((k for k in range(after, min(after + 8, len(words))) if words[k] == ")"), None)
        after = close + 1 if close is not None else after
    skip_the = after + 2 < len(words) and words[after + 1].lower() == "the"
    if after + 1 < len(words) and words[after] in ("of", "from", "at") \
            and is_name_token(words[after + 1 + skip_the]):  # "Susan Marcheschi of Hollis said"
        after += 1 + skip_the
        while after < len(words) and (is_name_token(words[after])
                                      or words[after].lower() in ("and", "&", "of")):
            after += 1
    if after < len(words) and words[after] == ",":  # "Jeff Rathke, the spokesperson, said"
        close = next((k for k in range(after + 1, min(after + 16, len(words)))
                      if words[k] in (",", ".")), None)
        inner = words[after + 1:close] if close else []
        if close and inner and (inner[0].lower() in DETERMINERS or inner[0][:1].islower()) \
                and inner[0].lower() not in ("who", "which", "and", "but"):
            phrase = with_role(phrase, role_of(inner))
            after = close + 1 if words[close] == "," else after
    if phrase is None:
        return None
    subject = _verb_follows(words, after) or (after < len(words) - 1 and words[after] == ","
                                              and words[after + 1].lower() == "who")
    return Mention(p, toks[start][1], phrase, subject)


def _description(p: int, toks: list[tuple[str, int]], i: int) -> Mention | None:
    """'The Russian Defence Ministry's spokesman said' -> a description standing as subject."""
    words = [t for t, _ in toks]
    for j in range(i + 1, min(i + 7, len(words))):
        low = base(words[j])
        if low in HEADS and _verb_follows(words, j + 1):
            phrase = parse_phrase(join(words[i:j + 1]))
            return Mention(p, toks[i][1], phrase, True) if phrase else None
        if not (low in ROLE_WORDS or is_name_token(words[j]) or is_possessive(words[j])):
            return None
    return None


def _verb_follows(words: list[str], j: int) -> bool:
    """The next word, past adverbs, is a verb: the phrase before it is a subject."""
    while j < len(words) and (words[j].lower() in FILLERS or words[j].endswith("ly")):
        j += 1
    if j >= len(words):
        return False
    word = words[j]
    if not word.islower() or word in HEADS:
        return False
    return word in VERBS or bool(re.fullmatch(r"[a-z]{3,}ed", word))
