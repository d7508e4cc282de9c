"""Who says so: the attribution news English gives a figure in its sentence.

The forms, in the order they are tried for one figure:
- a figure inside the description of a speaker ("X, the chairman of the panel of twelve,
  said") is the writer's: no attribution;
- inside a quotation: the quotation's speaker ('"... 48 hours", added KCNA'); a quotation
  with no speaker of its own continues the one before it;
- "by one report", "by the army's count" right next to the figure;
- "according to X" anywhere in the sentence: it covers all the sentence's figures;
- a reporting verb: "..., X said." covers the figures before it, "X said/says/estimates ..."
  the figures after the verb. "Found", "show" and the like report only when a study, poll or
  data does the finding ("a poll found", not "police found").
"He" and "she" are the last person named as a speaker; "it" and "they" the last speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.figure_words import (
    ADVERBS,
    AUXILIARIES,
    BE_FORMS,
    DETERMINERS,
    PREPOSITIONS,
    PRONOUNS,
    WEEKDAYS,
    Token,
    is_clause_verb,
    is_verb,
    iter_tokens,
    tokenize,
    word_set,
)

SPEECH = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|state[sd]?|add(?:s|ed)?|note[sd]?|report(?:s|ed)?"
    r"|estimate[sd]?|claim(?:s|ed)?|announce[sd]?|warn(?:s|ed)?|insist(?:s|ed)?|confirm(?:s|ed)?"
    r"|explain(?:s|ed)?|argue[sd]?|predict(?:s|ed)?|allege[sd]?|suggest(?:s|ed)?|show(?:s|ed)?"
    r"|find|finds|found|reveal(?:s|ed)?|indicate[sd]?|believe[sd]?|promise[sd]?|wr(?:o|i)te[s]?)\b",
    re.IGNORECASE)
EVIDENCE_VERBS = re.compile(r"find|finds|found|show(?:s|ed)?|reveal(?:s|ed)?|suggest(?:s|ed)?"
                            r"|indicate[sd]?", re.IGNORECASE)
EVIDENCE_NOUNS = word_set("""poll survey study report research researcher data figure analysis
census estimate investigation review audit test result statistic record scientist expert inquiry
assessment count tally model projection forecast paper""")
SAY = re.compile(r"say|says|said|tell|tells|told", re.IGNORECASE)
ACCORDING = re.compile(r"\baccording to\s+([^,.;:!?()\"“”]+)", re.IGNORECASE)
BY_COUNT = re.compile(
    r"\bby\s+((?:one|some|another|an?|the|his|her|their|its|official"
    r"|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
    r"(?:\s+\w+)?\s+(?:report|count|estimate|tally|account|reckoning|calculation|figures?)s?)\b")
OPEN_QUOTES, CLOSE_QUOTES = "“\"", "”\""
SUBJECT_BOUNDS = set(";:-—–“”\"")
PARTICLES = word_set("al el bin ibn abu de da di du van von der den la le y")
ROLE_WORDS = word_set("""minister president secretary spokesman spokeswoman spokesperson chairman
chairwoman chair director leader chief general governor mayor senator representative ambassador
commander officer official head editor king queen prince pope ceo manager analyst correspondent
agency ministry department office government""")
CLAUSE_STARTS = word_set("that although though while because as if when so since after before "
                         "whereas")
JOINERS = word_set("and but or while as who which whom")  # stripped from a speaker's front
RELATIVES = word_set("who whom whose which")
ARTICLES = word_set("a an the")


@dataclass
class Clause:
    """A reporting clause: who, and where the speaker's words and the verb stand."""

    speaker: str
    subject_start: int  # character offsets in the sentence
    subject_end: int
    verb_start: int
    verb_end: int
    trailing: bool  # "..., X said." — it covers what comes before it
    speaker_end: int = -1  # end of the name itself, before any description of the speaker


class Attributor:
    """Reads an article's sentences in order, remembering who spoke last."""

    def __init__(self) -> None:
        self.person: str | None = None  # the last person named as a speaker: "he", "she"
        self.speaker: str | None = None  # the last speaker of any kind: "it", "they"
        self.context: str | None = None  # the speaker a quotation with no speaker continues

    def attribute(self, text: str, spans: list[tuple[int, int]],
                  tokens: list[Token] | None = None) -> list[str | None]:
        """The attribution of each figure span in the sentence, and remember its speakers."""
        quotes = quote_spans(text)
        if tokens is None and not SPEECH.search(text):
            clauses = []  # no reporting verb: the sentence's tokens are not needed
        else:
            tokens = tokenize(text) if tokens is None else tokens
            clauses = self._clauses(text, tokens, quotes)
        according = ACCORDING.search(text)
        out = [self._one(text, span, quotes, clauses, according) for span in spans]
        self._remember(text, clauses, quotes)
        return out

    def _one(self, text: str, span: tuple[int, int], quotes: list[tuple[int, int]],
             clauses: list[Clause], according: re.Match | None) -> str | None:
        start, end = span
        if any(c.speaker_end <= start < c.subject_end for c in clauses):
            return None  # "the chairman of the panel of twelve, said": the writer's description
        quote = next((q for q in quotes if q[0] <= start < q[1]), None)
        if quote is not None:
            return _quote_speaker(quote, clauses) or self.context
        local = _by_count(text, start, end)
        if local:
            return local
        if according:
            return according.group(1).strip()
        tails = [c for c in clauses if c.trailing and c.subject_start >= end]
        if tails:
            return tails[0].speaker
        heads = [c for c in clauses if c.verb_end <= start]
        return heads[-1].speaker if heads else None

    def _clauses(self, text: str, tokens: list[Token], quotes) -> list[Clause]:
        """The sentence's reporting clauses outside quotations, pronouns resolved."""
        out = []
        for m in SPEECH.finditer(text):
            if any(a <= m.start() < b for a, b in quotes):
                continue
            i = next((k for k, t in enumerate(tokens) if t.start == m.start()), None)
            if i is None:
                continue
            clause = _inverted(text, tokens, i) or _subject_clause(text, tokens, i)
            if clause is None:
                continue
            clause.speaker = self._resolve(clause.speaker)
            if clause.speaker:
                out.append(clause)
        return out

    def _resolve(self, speaker: str) -> str | None:
        low = speaker.lower()
        if low in ("he", "she"):
            return self.person
        if low in ("it", "they"):
            return self.speaker
        return None if low in ("i", "we", "you") else speaker

    def _remember(self, text: str, clauses: list[Clause], quotes) -> None:
        """Who spoke in this sentence, for pronouns and quotations in the next ones."""
        speaker = clauses[0].speaker if clauses else _named_subject(text)
        if clauses:
            self.speaker = speaker
        if speaker and _name_like(speaker.split()):
            self.person = speaker
        if speaker:
            self.context = speaker
        elif not quotes:
            self.context = None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks; an unclosed quotation runs to the end."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”?", text)]
    first_close = text.find("”")
    if first_close >= 0 and (text.find("“") < 0 or first_close < text.find("“")):
        spans.append((0, first_close + 1))
    straight = [m.start() for m in re.finditer(r'"', text)]
    if len(straight) % 2 and straight and not text.lstrip().startswith('"'):
        straight = [0] + straight  # a quotation continued from the sentence before
    for a, b in zip(straight[::2], straight[1::2] + [len(text)]):
        spans.append((a, b + 1))
    return spans


def _quote_speaker(quote: tuple[int, int], clauses: list[Clause]) -> str | None:
    """The speaker of the clause next to a quotation, else of any clause in the sentence."""
    for c in clauses:
        if 0 <= min(c.subject_start, c.verb_start) - quote[1] <= 4 or \
                0 <= quote[0] - c.verb_end <= 4 or 0 <= quote[0] - c.subject_end <= 4:
            return c.speaker
    return clauses[-1].speaker if clauses else None


def _by_count(text: str, start: int, end: int) -> str | None:
    """'by one report well over 100': attached to the figure right after it, or right before."""
    for m in BY_COUNT.finditer(text):
        if 0 <= start - m.end() <= 12 or 0 <= m.start() - end <= 4:
            return m.group(1)
    return None


def _inverted(text: str, tokens: list[Token], i: int) -> Clause | None:
    """'", said KCNA.' / '," said Senate Majority Leader Harry Reid.'"""
    before = text[:tokens[i].start].rstrip()
    if not before.endswith(tuple(CLOSE_QUOTES)) and not re.search(r"[”\"],$", before):
        return None
    j = i + 1
    while j < len(tokens) and tokens[j].text not in ",.;:(" and tokens[j].low != "who" \
            and j - i <= 9:
        j += 1
    if j == i + 1 or not tokens[i + 1].is_capitalized and tokens[i + 1].low != "the":
        return None
    speaker = text[tokens[i + 1].start:tokens[j - 1].end]
    return Clause(speaker, tokens[i + 1].start, tokens[j - 1].end, tokens[i].start,
                  tokens[i].end, trailing=True, speaker_end=tokens[j - 1].end)


def _subject_clause(text: str, tokens: list[Token], i: int) -> Clause | None:
    """'Professor Eastman says ...', '..., Palestinian health authorities say.'"""
    verb = tokens[i]
    prev = tokens[i - 1].low if i else ""
    if prev in BE_FORMS or prev in DETERMINERS or prev in ("being", "to"):
        return None  # passive ("were reported"), adjectival ("an estimated cost"), infinitive
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    dated = nxt is not None and nxt.low == "on" and i + 2 < len(tokens) and (
        tokens[i + 2].low in WEEKDAYS or tokens[i + 2].is_capitalized)
    if not SAY.fullmatch(verb.low) and nxt is not None and not dated and (
            nxt.low in PREPOSITIONS or (verb.low.startswith("add") and nxt.is_word
                                        and nxt.low != "that")):
        return None  # "earmarks added into the bill", "seekers found in the water"
    j = i - 1
    while j >= 0 and (tokens[j].low in ADVERBS or tokens[j].low in AUXILIARIES
                      or tokens[j].low in WEEKDAYS or tokens[j].low in ("on", "earlier", "later")):
        j -= 1
    k = j
    while k >= 0 and tokens[k].text not in SUBJECT_BOUNDS and not (
            tokens[k].low in CLAUSE_STARTS and not tokens[k].text.isupper()):  # not "WHO said"
        k -= 1
    segments = _segments(tokens[k + 1:j + 1])
    chosen = _choose(segments)
    if chosen is None:
        return None
    head = chosen[-1].low
    if EVIDENCE_VERBS.fullmatch(verb.low) and head not in EVIDENCE_NOUNS \
            and head[:-1] not in EVIDENCE_NOUNS:
        return None  # "a poll found ..." reports; "police found 12 bodies" does not
    speaker = text[chosen[0].start:chosen[-1].end]
    starts = {segments[0][0].start, chosen[0].start}
    set_off = any(tokens[k - 1].text in ',”"' for k, t in enumerate(tokens)
                  if k and t.start in starts)  # "..., researchers say."
    return Clause(speaker, chosen[0].start, verb.start, verb.start, verb.end,
                  trailing=set_off and _ends_sentence(tokens, i), speaker_end=chosen[-1].end)


def _segments(chunk: list[Token]) -> list[list[Token]]:
    """The comma-separated parts of a subject, right to left while they hold no clause."""
    parts: list[list[Token]] = [[]]
    for t in chunk:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    parts = [p for p in parts if p]
    kept: list[list[Token]] = []
    for n, part in enumerate(reversed(parts)):
        set_off = n < len(parts) - 1  # a part with another before it: "X, <part>, said"
        if set_off and part[0].low in RELATIVES and not part[0].text.isupper():
            continue  # "The union, which represents drivers, said ..." (not "WHO said")
        has_verb = any(is_clause_verb(part, k) for k in range(len(part)))
        if has_verb and (part[0].low in ("which", "who", "that") and kept or set_off and (
                part[0].low.endswith(("ed", "ing")) or part[0].low in ARTICLES)):
            continue  # "The figures, released by the office on Tuesday, show ..."; "Acme, a
            # maker of packaging and glass, said ..."
        if has_verb:
            tail = _after_last_joiner(part)  # "Talks resumed and officials said ..."
            if tail:
                kept.insert(0, tail)
            break
        kept.insert(0, part)
    return kept


def _after_last_joiner(part: list[Token]) -> list[Token] | None:
    """The words after the last 'and'/'but' of a clause, when they hold no verb."""
    k = max((k for k, t in enumerate(part) if t.low in JOINERS), default=None)
    if k is None or k == len(part) - 1:
        return None
    tail = part[k + 1:]
    return None if any(is_clause_verb(tail, i) for i in range(len(tail))) else tail


def _choose(segments: list[list[Token]]) -> list[Token] | None:
    """The part of a subject that names the speaker: a person's name before a role."""
    usable = [p for p in segments if p[0].low not in PREPOSITIONS and p[0].low != "according"]
    usable = [p[1:] if p[0].low in CLAUSE_STARTS | JOINERS and len(p) > 1 else p for p in usable]
    named = [p for p in usable if _name_like([t.text for t in p])]
    if named:
        return named[-1]
    return usable[-1] if usable else None


def _name_like(words: list[str]) -> bool:
    """A proper name: capitalized words (and particles), not ending in a role noun."""
    words = [w for w in words if w[0].isalnum()]
    if not words or words[-1].lower() in ROLE_WORDS:
        return False
    return all(w[0].isupper() or w.lower() in PARTICLES for w in words)


def _ends_sentence(tokens: list[Token], i: int) -> bool:
    """A reporting verb whose clause closes the sentence ("..., researchers say.").

    What may follow it is an adverbial ("on Tuesday") or, after a comma, anything
    ("she said, thanking France"); not a clause of its own ("police said were militants").
    """
    rest = tokens[i + 1:]
    if any(t.text[0].isdigit() for t in rest):
        return False
    own = []
    for t in rest:
        if t.text == ",":
            break
        own.append(t)
    return len(own) <= 6 and not any(is_clause_verb(own, k) for k in range(len(own)))


def _named_subject(text: str) -> str | None:
    """A person named as the sentence's subject ("..., Steve Ellis, offered his explanation")."""
    before: list[Token] = []
    for t in iter_tokens(text):  # only as far as the first verb
        if before and is_verb(t) and not t.is_capitalized:
            break
        before.append(t)
    else:
        return None
    parts = [[t for t in part if t.is_word] for part in _segments(before)]
    for words in parts:
        if len(words) >= 2 and _name_like([t.text for t in words]):
            return " ".join(t.text for t in words)
    for words in parts:  # "Port director Ana Silva spoke ..." -> Ana Silva
        k = len(words)
        while k > 0 and (words[k - 1].is_capitalized or words[k - 1].low in PARTICLES):
            k -= 1
        name = [t.text for t in words[k:]]
        if len(name) >= 2 and _name_like(name) and k > 0 and words[k - 1].low not in PREPOSITIONS \
                and words[k].low not in PRONOUNS:
            return " ".join(name)
    return None
