"""Who a quotation is attributed to, read from the words around it.

News English attributes a quotation with a speech verb and its subject, before or after the
quote ("X said", "said X", "X, the Y, said:", "according to X", "she told MSNBC"), with a
participle ("..., saying"), or a colon ("It also set a target: "..."."). These functions read
one stretch of a sentence and return the phrase naming the speaker; they never look further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.speaker_phrases import (
    Phrase,
    base,
    is_name_token,
    join,
    parse_phrase,
    tokens,
)
from generator.extract.speech_words import (
    ADVERBIAL_STARTS,
    CLAUSE_LINKS,
    CUES,
    DETERMINERS,
    FILLERS,
    PASSIVE_AUX,
    PERSON_HEADS,
    PREPOSITIONS,
    PRONOUNS,
    ROLE_WORDS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    TITLES,
)

_ACCORDING = re.compile(r"\baccording to\s+([^,;:\"\u201c\u201d]+)", re.IGNORECASE)
_QUOTING = re.compile(r"\b(?:quoting|citing)\s+([^,;:\"\u201c\u201d]+(?:\([^)]*\))?)",
                      re.IGNORECASE)
_PASSIVE_SOURCE = re.compile(
    r"\b(?:is|was|are|were|been)\s+(?:noted|stated|written|said|reported|quoted|published)\s+"
    r"(?:on|in|by)\s+([^,;:\"\u201c\u201d]+?)\s*(?:that\b|,|:|$)", re.IGNORECASE)
# Words that end the subject after an inverted verb: 'said one protester outside parliament'.
_AFTER_SUBJECT = {"in", "on", "at", "during", "after", "before", "when", "while", "as", "outside",
                  "inside", "near", "from", "through", "via", "by", "upon", "following"}
_SIGNED_BY = re.compile(r"\b(?:signed|issued|released|sent|read out|posted) by\s+")
_WORD = re.compile(r"[\w'\u2019-]+(?:\.\w+)*")
NEGATIONS = {"not", "n't", "never", "to", "no"}


@dataclass(frozen=True)
class Attribution:
    """A speaker phrase found next to a quote; `phrase` is None when the verb has no subject
    of its own ('... and said the Bill "..."'), so the quote's neighbour's speaker applies."""

    phrase: Phrase | None
    cue: str


def after_quote(text: str) -> Attribution | None:
    """The attribution right after a quote: '," X said', '," said X, the Y', '", it added'."""
    text = text.lstrip(" ,.!?\u2014\u2013-")
    if not text or re.match(r"(?:and|but|or|as|to)\b", text):
        return None
    m = _ACCORDING.match(text)
    if m and (phrase := parse_phrase(m.group(1))):
        return Attribution(phrase, "according to")  # '"...," according to the report.'
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        word = m.group()
        if word not in SPEECH_VERBS or word.endswith("ing") or _negated_or_passive(words, i):
            continue
        before, after = text[:m.start()].strip(), text[m.end():]
        if before and before.split()[0].lower() in PREPOSITIONS | {"by"}:
            return None
        if not before:
            phrase = _inverted_subject(after)
            return Attribution(phrase, word) if phrase else None
        if len(tokens(before)) > 25 or ";" in before:
            return None
        phrase = subject_of(before)
        at = before.find(phrase.text) if phrase else -1
        lead = tokens(before[:at]) if at > 0 else []
        if at < 0 or (lead and not _is_role(lead) and lead[0].lower() not in DETERMINERS):
            return None  # '" reached, officials say': the speaker must follow the quote
        return Attribution(phrase, word)
    return None


def before_quote(text: str, sentence_start: str = "") -> Attribution | None:
    """The attribution before a quote in its sentence: 'X said:', 'according to X', '..., saying'.

    `text` runs from the sentence start (or the previous quote) to the opening mark;
    `sentence_start` is the sentence before the previous quote, for a participle's subject.
    """
    for pattern, cue in ((_QUOTING, "quoting"), (_PASSIVE_SOURCE, "noted in"),
                         (_ACCORDING, "according to")):
        m = pattern.search(text)
        if m and (phrase := parse_phrase(m.group(1))):
            return Attribution(phrase, cue)
    words = list(_WORD.finditer(text))
    for i, m in enumerate(words):
        word = m.group()
        if word not in CUES or _negated_or_passive(words, i):
            continue
        if word.endswith("ing"):
            phrase = _owner_of_speech(text[:m.start()]) or sentence_subject(
                sentence_start + text[:m.start()])
            if phrase:
                return Attribution(phrase, word)
            continue
        before = text[:m.start()]
        if not before.strip(" ,\"\u201c\u201d") or _ends_with_link(before):
            return Attribution(None, word)  # '... and said the Bill "..."'
        phrase = subject_of(before)
        if phrase:
            return Attribution(phrase, word)
    if text.rstrip().endswith(":"):
        phrase = sentence_subject(sentence_start + text)
        if phrase:
            return Attribution(phrase, ":")
    return None


def _negated_or_passive(words: list[re.Match], i: int) -> bool:
    """'was told', 'did not immediately comment', 'declined to say': no attribution;
    'Migiro's remarks', 'the claims': a noun, not a verb."""
    before = [w.group().lower() for w in words[max(0, i - 2):i]]
    if before and (before[-1] in PASSIVE_AUX or before[-1] in DETERMINERS
                   or re.search(r"['\u2019]s$", before[-1])):
        return True
    return any(w in NEGATIONS for w in before)


def subject_of(text: str) -> Phrase | None:
    """The subject at the end of the words before a verb: 'Jeff Rathke, the spokesperson,'."""
    toks = tokens(text)
    while toks and (toks[-1].lower() in FILLERS or re.fullmatch(r"[a-z]+ly", toks[-1])
                    or toks[-1] in (",", "\u2014")):
        toks = toks[:-1]
    rel = next((i for i, t in enumerate(toks) if t.lower() in ("who", "which")
                and (i == len(toks) - 1 or toks[i - 1] == ",")), None)
    if rel is not None:  # "Lord Cormack, who said:", "Lord Alli, who is openly gay, said"
        toks = toks[:rel]
    chunks = _chunks(toks)
    while len(chunks) > 1 and (chunks[-1][0].lower() in ADVERBIAL_STARTS
                               or all(t.isdigit() for t in chunks[-1])):
        chunks.pop()  # "..., in remarks to al-Ikhbariya television,", "Smith, 54,"
    while len(chunks) > 1 and chunks[0][0].lower() in ADVERBIAL_STARTS:
        chunks.pop(0)  # "In a post on X, the ministry wrote:"
    if not chunks:
        return None
    last = _after_link(chunks[-1])
    prev = chunks[-2] if len(chunks) > 1 else None
    if prev and _is_appositive(last) and _ends_in_name(prev):
        head = parse_phrase(join(_after_link(prev)))
        return with_role(head, role_of(last, loose=True))
    head = parse_phrase(join(last))
    if head and prev and head.kind == "name" and _is_role(prev):
        return with_role(head, role_of(prev), role_first=True)
    return head


def sentence_subject(text: str) -> Phrase | None:
    """The subject of a sentence's main clause: its first noun phrase after fronted phrases."""
    chunks = _chunks(tokens(text))
    while chunks and _fronted(chunks[0]):
        chunks.pop(0)
    if not chunks:
        return None
    if chunks[0][0].lower() in PRONOUNS:
        return parse_phrase(chunks[0][0])
    first = _leading_noun_phrase(chunks[0])
    if not first:
        return None
    if len(chunks) > 1 and len(first) == len(chunks[0]):
        nxt = parse_phrase(join(chunks[1]))
        if nxt and nxt.kind == "name" and _is_role(chunks[0]):
            return with_role(nxt, role_of(chunks[0]), role_first=True)
    return parse_phrase(join(first))


def _fronted(chunk: list[str]) -> bool:
    """A phrase put before the subject: 'In response', 'Speaking to reporters', 'However'."""
    first = chunk[0].lower()
    participle = first.endswith("ing") and len(chunk) > 1 and \
        chunk[1].lower() in PREPOSITIONS | DETERMINERS | {"on", "about", "after", "up"}
    return first in ADVERBIAL_STARTS | CLAUSE_LINKS | FILLERS or participle or (
        len(chunk) == 1 and first in ("furthermore", "moreover", "meanwhile", "instead"))


def _owner_of_speech(text: str) -> Phrase | None:
    """'Asha-Rose Migiro's remarks calling ...': the owner of the remarks."""
    toks = tokens(text)
    if len(toks) >= 2 and toks[-1].lower() in SPEECH_NOUNS and re.search(r"['\u2019]s$", toks[-2]):
        owner = toks[:-1]
        owner[-1] = re.sub(r"['\u2019]s$", "", owner[-1])
        return _last_noun_phrase(owner)
    return None


def _inverted_subject(text: str) -> Phrase | None:
    """The subject after the verb: 'said Jon Alterman, an analyst at the Center.'"""
    text = re.split(r",?\s+(?:who|which)\b|[;:\"\u201c\u201d]", text)[0]
    signed = _SIGNED_BY.search(text)
    if signed:  # 'said a statement signed by its commander, Jairo Mendieta'
        text = text[signed.end():]
    chunks = _chunks(tokens(text))
    if not chunks:
        return None
    head = chunks[0]
    cut = next((i for i, t in enumerate(head) if i and t.lower() in _AFTER_SUBJECT), None)
    phrase = parse_phrase(join(head[:cut]))
    if phrase and len(chunks) > 1 and _is_appositive(chunks[1]):
        return with_role(phrase, role_of(chunks[1], loose=True))
    named = parse_phrase(join(chunks[1])) if len(chunks) > 1 else None
    if phrase and phrase.kind == "description" and named and named.kind == "name":
        return with_role(named, role_of(head, loose=True), role_first=True)  # 'its head, X'
    return phrase


def _chunks(toks: list[str]) -> list[list[str]]:
    """Tokens split at commas outside brackets, empty pieces dropped."""
    out, cur, depth = [], [], 0
    for t in toks:
        depth += t in "([" and 1 or t in ")]" and -1 or 0
        if t == "," and depth <= 0:
            out.append(cur)
            cur = []
        elif t not in (".", "\u2014"):
            cur.append(t)
    out.append(cur)
    return [c for c in out if c]


def _after_link(chunk: list[str]) -> list[str]:
    """The words after the last clause link: 'although Israeli minister Sharren Haskel'."""
    at = max((i for i, t in enumerate(chunk) if t.lower() in CLAUSE_LINKS), default=-1)
    return chunk[at + 1:] or chunk


def _ends_with_link(text: str) -> bool:
    toks = tokens(text)
    return bool(toks) and toks[-1].lower() in CLAUSE_LINKS - {"who", "which"}


def _is_appositive(chunk: list[str]) -> bool:
    """'the State Department Spokesperson', 'editor at large at the Gazette', 'of the UN'."""
    first = chunk[0]
    return first.lower() in DETERMINERS or first.lower() in PREPOSITIONS or first[:1].islower()


def _ends_in_name(chunk: list[str]) -> bool:
    phrase = parse_phrase(join(_after_link(chunk)))
    return bool(phrase and phrase.kind == "name")


def _is_role(chunk: list[str]) -> bool:
    """A chunk naming a function, not a clause: 'Malaysia's Prime Minister'."""
    words = {base(t) for t in chunk}
    return bool(words & (TITLES | PERSON_HEADS)) and not words & CUES and len(chunk) <= 12


def role_of(chunk: list[str], loose: bool = False) -> str | None:
    """An appositive as a role: 'the Tanzanian President chairing the summit' (no article).
    Next to a speech verb (`loose`) any 'a/an/the ...' appositive is one: 'a virologist'."""
    words = {base(t) for t in chunk}
    if words & {"who", "which", "whose"} or words & CUES:
        return None
    aged = any(re.fullmatch(r"\d+-year-old", t) for t in chunk)
    described = loose and chunk[0].lower() in ("a", "an", "the") and len(chunk) <= 14
    if not (words & (TITLES | PERSON_HEADS) or aged or described):
        return None
    while chunk and chunk[0].lower() in DETERMINERS | {"of"}:
        chunk = chunk[1:]
    return join(chunk) or None


def with_role(head: Phrase | None, extra: str | None, role_first: bool = False) -> Phrase | None:
    """A named phrase with the role its appositive gives ('X, the Y' or 'the Y, X')."""
    if head is None or head.kind != "name" or not extra:
        return head
    role = ", ".join(r for r in ((extra, head.role) if role_first else (head.role, extra)) if r)
    return Phrase(head.text, head.name, head.kind, head.type, role, head.gender, head.definite)


def _last_noun_phrase(toks: list[str]) -> Phrase | None:
    """The noun phrase ending a clause: '... including Lord Cormack' -> Lord Cormack."""
    toks = _after_link(_chunks(toks)[-1]) if toks else []
    for start in range(len(toks)):
        if toks[start][:1].isupper() or toks[start].lower() in DETERMINERS:
            phrase = parse_phrase(join(toks[start:]))
            if phrase:
                return phrase
    return None


def _leading_noun_phrase(chunk: list[str]) -> list[str]:
    """The words a clause opens with that can belong to its subject."""
    out = []
    for i, t in enumerate(chunk):
        low = base(t)
        if (is_name_token(t) or low in DETERMINERS or low in TITLES or low in PERSON_HEADS
                or low in ROLE_WORDS or (low in ("of", "for", "to", "by") and i + 1 < len(chunk)
                                        and (is_name_token(chunk[i + 1])
                                             or chunk[i + 1].lower() in DETERMINERS))):
            out.append(t)
        else:
            break
    while out and out[-1].lower() in PREPOSITIONS | DETERMINERS | {"by"}:
        out.pop()
    return out
