"""What a number counts: the noun after it, the verb that governs it, and the clause around it.

News English states a count in a few shapes, and the measure is rebuilt from each:
"1,200 people were killed" and "killed more than 47,000 Palestinians" both give
"<noun> killed ..."; "$192 million in tax rebates for ..." gives what the money is for;
"a quarter of citizens ..." gives "share of citizens ..."; "the six-week truce" gives
"length of the truce"; "two days after X" gives "time between X and ...". A number with no
noun of its own ("more than 250 taken hostage", "200 more") counts what the one before it did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.figure_phrases import BREAK, PERSON_NOUNS, Phrases, nominal
from generator.extract.figure_words import (
    ADVERBS,
    AUXILIARIES,
    BE_FORMS,
    CASUALTY_VERBS,
    DETERMINERS,
    PREPOSITIONS,
    SPEECH_VERBS,
    WEEKDAYS,
    Token,
    is_verb,
    participle,
    verb_base,
    word_set,
)
from generator.extract.number_words import TIME_UNITS

VOTE_NOUNS = word_set("votes yeas nays ayes noes abstentions ballots")
EARLIER = word_set("from vs v versus against")  # "rose to X from Y": Y is the earlier level
MONTHS = word_set("jan feb mar apr may jun jul aug sep oct nov dec")
COPULA_BASES = word_set("be become remain rise fall reach stand total top exceed climb jump "
                        "drop hit increase decrease decline gain grow")
NOT_COMPOUNDS = word_set("state way sided off time handed fold for old odd plus strong year "
                         "month week day hour minute")
NOT_GOVERNING = word_set("including excluding involving according")
_COMPOUND_NOUN = re.compile(r"-([A-Za-z]{3,})\b(?!-)")


@dataclass
class Counted:
    """What a figure counts: the noun, the count unit made of it, and the measure phrase."""

    noun: str | None
    unit: str | None
    measure: str | None


def describe(text: str, tokens: list[Token], start: int, end: int, unit: str | None,
             compound: bool, previous: Counted | None, others=()) -> Counted:
    """The measure of the quantity at text[start:end] (qualifier included in start).

    `others` are the spans of the sentence's other figures: a measure never runs into them.
    """
    s = Phrases(text, tokens, [span for span in others if span != (start, end)])
    r, l = s.after(end), s.before(start)
    kind = _kind(unit)
    if previous is not None and previous.unit == unit and previous.measure \
            and (kind != "count" or s.low(l) in EARLIER) \
            and s.low(l) in EARLIER | {"and", "or", ","} and s.noun_phrase(r) == r:
        # "rose 4.3 pct to 35.7 bln dlrs from 34.2 bln", "9.5% this year and 7% next year"
        tail = s.words(r, s.complement(r, 4))
        before = " (before)" if s.low(l) in EARLIER else ""
        return Counted(None, unit, " ".join(p for p in (previous.measure + before, tail) if p))
    if kind == "time":
        return Counted(None, unit, _time_measure(s, r, l, start, compound))
    if kind == "percent":
        return Counted(None, unit, _share_measure(s, r, l))
    if kind in ("money", "size", "times"):
        return Counted(None, unit, _thing_measure(s, r, l, kind))
    return _count(s, r, l, previous, end)


def _kind(unit: str | None) -> str:
    if unit is None:
        return "count"
    if unit in ("percent", "percentage points"):
        return "percent"
    if unit in TIME_UNITS:
        return "time"
    if unit == "times":
        return "times"
    return "money" if len(unit) == 3 and unit.isupper() else "size"


def _count(s: Phrases, r: int, l: int, previous: Counted | None, end: int) -> Counted:
    """'1,200 people were killed', 'killing two Hamas members', 'panel of twelve'."""
    hyphen = _COMPOUND_NOUN.match(s.text, end)
    if hyphen and hyphen.group(1).lower() not in NOT_COMPOUNDS:  # "a 350-seat chamber"
        noun = _plural(hyphen.group(1).lower())
        whole = s.words(r, s.noun_phrase(r, 3))
        return Counted(noun, noun, f"{noun} of the {whole}" if whole else noun)
    r, e = _counted_span(s, r)
    noun = s.words(r, e) or None
    unit = _count_unit(s, r, e, noun)
    if s.low(e) == "of" and s.low(e + 1) in ("them", "those", "whom", "these"):
        e += 2  # "Six shells of them hit ..."
    if noun is None and previous is not None and previous.noun and _elided(s, r):
        noun, unit = previous.noun, previous.unit
    gov, prep = _governing_verb(s, l)
    pred, passive = _predicate(s, e)
    verb = gov if gov is not None and (pred is None or e == r) else pred
    if noun is None and verb is not None and verb_base(s.low(verb)) in CASUALTY_VERBS:
        noun = unit = "people"  # "killing seven", "injured 127"
    if verb is not None and verb == gov:  # "killed more than 47,000 Palestinians"
        subject = s.subject(gov) if prep is None else None
        parts = [participle(s.tokens[gov].text), f"by {subject}" if subject else "",
                 s.words(e, s.complement(e))]
    elif verb is not None:  # "1,200 people were killed"
        said = s.tokens[pred].text
        parts = [s.words(e, _first_verb_start(s, e, pred)),
                 participle(said) if passive and not said.lower().endswith("ing") else said,
                 s.words(pred + 1, s.complement(pred + 1))]
    else:
        parts = [s.words(e, s.complement(e))]
    parts = [noun or "", *parts]
    if verb is None and s.low(l) == "of" and l > 0:  # "a survey of 1709 schoolchildren"
        parts = [s.clause(l - 1, 6), "of", *parts] if noun else [s.clause(l - 1, 6)]
    elif verb is None and not noun:  # "the death toll would have been more than a thousand"
        parts = [s.left_noun(l) or s.clause(l), parts[-1]]
    parts.append(_antecedent(s, l))
    return Counted(noun, unit, " ".join(p for p in parts if p).strip() or None)


def _counted_span(s: Phrases, r: int) -> tuple[int, int]:
    """The counted noun phrase after a number: '200 more ...', '310 of the 465 seats'."""
    if s.low(r) == "more":
        r += 1
    e = s.noun_phrase(r)
    if e == r and s.low(r) == "of":
        k = r + 2 if s.low(r + 1) in DETERMINERS else r + 1
        if k < len(s.tokens) and s.tokens[k].start in s.stops:
            k = next((i for i in range(k, len(s.tokens)) if i not in s.inside), k)
            if s.noun_phrase(k) > k:
                return k, s.noun_phrase(k)
    return r, e


def _antecedent(s: Phrases, l: int) -> str:
    """'the attack ... in which 1,200 people were killed' -> in the attack ..."""
    if s.low(l) == "where" and l > 0:
        return f"in {s.clause(l - 1, 8)}"
    if s.low(l) in ("which", "whom") and s.low(l - 1) in PREPOSITIONS and l > 1:
        return f"{s.low(l - 1)} {s.clause(l - 2, 8)}"
    return ""


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _elided(s: Phrases, r: int) -> bool:
    """'more than 250 taken hostage', '200 more after ...': the counted noun is the one before."""
    t = s.tokens[r] if r < len(s.tokens) else None
    return t is None or t.text in BREAK or t.text == "." or t.low in ("and", "or", "more") \
        or is_verb(t) or t.low in PREPOSITIONS


def _governing_verb(s: Phrases, l: int) -> tuple[int | None, str | None]:
    """The verb right before a number ("killing 107", "won in all the 26"), and a preposition."""
    j = l
    if s.low(j) == "of" and s.low(j - 1) in DETERMINERS | {"each", "none"}:
        j -= 1
    j = s.skip_back(j, DETERMINERS | ADVERBS | {"each"} - {"that", "this"})
    prep = None
    if s.low(j) in PREPOSITIONS and s.low(j) != "of":
        prep, j = s.low(j), j - 1
    if j < 0 or s.low(j) in AUXILIARIES or not is_verb(s.tokens[j]):
        return None, None
    if verb_base(s.low(j)) in SPEECH_VERBS - {"count", "estimate"} or s.low(j) in NOT_GOVERNING:
        return None, None
    return j, prep


def _predicate(s: Phrases, e: int) -> tuple[int | None, bool]:
    """The verb after a counted noun phrase ("were reported killed", "live in", "fell near")."""
    j, passive = e, False
    while j < len(s.tokens) and j - e < 6:
        low = s.low(j)
        if low in BE_FORMS:
            passive = True
        elif low in AUXILIARIES or low in ADVERBS or (low in PREPOSITIONS and j == e):
            if low in PREPOSITIONS:
                j = s.noun_phrase(j + 1, 4) - 1
        elif is_verb(s.tokens[j]) and not s.tokens[j].is_capitalized:
            if low == "reported" and j + 1 < len(s.tokens) and is_verb(s.tokens[j + 1]):
                j += 1
                continue
            return j, passive
        else:
            return None, False
        j += 1
    return None, False


def _first_verb_start(s: Phrases, e: int, pred: int) -> int:
    """End of the phrase between a noun and its verb ("people around the world live")."""
    j = e
    while j < pred and s.low(j) not in AUXILIARIES and s.low(j) not in ADVERBS \
            and s.low(j) != "reported":
        j += 1
    return j


def _count_unit(s: Phrases, r: int, e: int, noun: str | None) -> str | None:
    """A count's unit: 'people' for people, else the head of the counted noun phrase."""
    if not noun:
        return None
    head_end = next((k for k in range(r + 1, e) if s.low(k) == "of"), e)  # "doses of vaccine"
    head = s.tokens[head_end - 1]
    if head.low in VOTE_NOUNS:
        return "votes"
    demonym = head.is_capitalized and head.low.endswith(("ans", "is", "ese"))  # "Palestinians"
    if head.low in PERSON_NOUNS or demonym:
        return "people"
    return head.text if head.text.isupper() else head.low


def _time_measure(s: Phrases, r: int, l: int, start: int, compound: bool) -> str | None:
    """'six-week truce' -> length of the truce; 'for 16 years' -> time ...; 'N days after X'."""
    if compound:
        e = s.noun_phrase(r, 3)
        a = l
        while a >= 0 and nominal(s.tokens[a]):
            a -= 1
        owner = s.words(a + 1, l + 1)
        lead = "length of" if owner.endswith(("'s", "’s")) else "length of the"
        thing = " ".join(p for p in (owner, s.words(r, e)) if p)
        return f"{lead} {thing}" if thing else None
    if s.low(r) == "of" and s.low(l) not in ("for", "in", "within", "over"):
        return f"length of {s.words(r + 1, s.complement(r + 1))}"
    if s.low(r) in ("before", "after", "later", "earlier"):
        left = s.clause(l)
        if s.low(r) in ("later", "earlier"):
            return f"time {left} {s.low(r)}".strip()
        other = s.words(r + 1, s.complement(r + 1))
        first, second = (left, other) if s.low(r) == "before" else (other, left)
        return f"time between {first} and {second}"
    lead = "deadline for" if s.low(s.after(start)) == "within" else "time"
    left = s.clause(l)
    tail = s.words(r, s.complement(r))
    return " ".join(p for p in (lead, left, tail) if p)


def _share_measure(s: Phrases, r: int, l: int) -> str | None:
    """'a quarter of citizens favoured ...' -> share of citizens favoured ...; else the clause."""
    if s.low(r) == "of":
        k = r + 1
        while k < len(s.tokens) and (s.low(k) in DETERMINERS or k in s.inside):
            k += 1  # "of all ...", "of its 1,900 members"
        tail = s.complement(s.noun_phrase(k, 6), 5)
        left = s.clause(l, 6) if _governing_verb(s, l)[0] is not None or s.low(l) == "to" else ""
        return " ".join(p for p in ("share of", s.words(r + 1, tail), left) if p)
    if s.low(r) == "as" and s.low(r + 1) in ("much", "many") and s.low(r + 2) == "as":
        tail = s.complement(r + 3, 8)
        return " ".join(p for p in ("share of", s.words(r + 3, tail), s.clause(l, 8)) if p)
    if s.low(l) in ("of", "at", "worth", "to") and s.left_noun(l - 1):  # "a turnout of 71%"
        return s.left_noun(l - 1)
    e = s.noun_phrase(r)
    if e > r:  # "one in five trains will run"
        return " ".join(("share of", s.words(r, s.complement(e, 6))))
    if r < len(s.tokens) and is_verb(s.tokens[r]) and s.low(r) not in AUXILIARIES:
        return " ".join(("share", s.words(r, s.complement(r, 6))))  # "22% voting against"
    gov, prep = _governing_verb(s, l)
    if gov is not None and prep is None and verb_base(s.low(gov)) not in COPULA_BASES:
        subject = s.subject(gov)  # "Hutchison Ports had offered 7%"
        return " ".join(p for p in (participle(s.tokens[gov].text),
                                    f"by {subject}" if subject else "") if p)
    left = s.clause(l)
    tail = s.words(r, s.complement(r, 6))
    return " ".join(p for p in (left, tail) if p) or None


def _thing_measure(s: Phrases, r: int, l: int, kind: str) -> str | None:
    """Money and sizes: '$100 million tax cuts to ...', '$192 million in tax rebates for ...'."""
    e = s.noun_phrase(r)
    if e > r:
        return s.words(r, s.complement(e))
    if s.low(r) in ("in", "for", "on", "of") and s.noun_phrase(r + 1) > r + 1 \
            and not _is_time_word(s.tokens[r + 1]):
        return s.words(r + 1, s.complement(r + 1))
    if s.low(l) in ("to", "of", "at", "worth", "from", "by", "than", "about", "as"):
        left = None if l - 1 in s.inside else s.left_noun(l - 1)
        if left:
            return left
    lead = "times" if kind == "times" else ""
    return " ".join(p for p in (lead, s.clause(l), s.words(r, s.complement(r, 6))) if p) or None


def _is_time_word(t: Token) -> bool:
    """'January', 'Monday', 'the first quarter' start a time, not what money is for."""
    return t.low[:3] in MONTHS or t.low in WEEKDAYS or t.low in ("first", "second", "third",
                                                                  "fourth", "fiscal", "quarter")
