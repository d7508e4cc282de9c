"""Which numbers of a sentence are figures, and the qualifier each carries.

Not figures: years ("in 1998", "the 2000 publication", "between 2008 and 2012"), labels
("Phase two", "posts 542 and 543", "pp. 110-255"), numbers inside names ("Boeing 737",
"Group of 20", "the Big Three"), ages ("Selek, now 43,", "a 43-year-old", "people over 60"),
"the two leaders" (people already named), sports scores, "two years ago" (a date), and a
conversion in brackets ("40 km (25 miles)"). The qualifier is read from the words around the
number: "more than", "at least", "107 or more", "within 48 hours", "an estimated cost of".
"""

from __future__ import annotations

import re

from generator.extract.figure_words import (
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    PREPOSITIONS,
    PRONOUNS,
    VERB_FORMS,
    WEEKDAYS,
    word_set,
)
from generator.extract.number_words import TIME_UNITS
from generator.extract.numbers import Quantity, find_quantities

QUALIFIERS_BEFORE = {  # the words before a number; longer phrases first
    "up_to": ("no more than|not more than|at most|a maximum of|up to|as many as|as much as"
              "|as high as|within"),
    "at_least": "no fewer than|no less than|not less than|a minimum of|at least",
    "more_than": ("well over|well above|just over|more than|in excess of|upwards of"
                  "|greater than|exceeding|over|above"),
    "less_than": "just under|less than|fewer than|shy of|under|below",
    "about": (r"an estimated|estimated|approximately|approx\.|roughly|around|about|nearly"
              "|almost|close to|circa|some"),
    "exact": "exactly|precisely|only|just|all the|all|a total of",
}
_BEFORE = [(re.compile(rf"\b(?:{words})\s+$", re.IGNORECASE), name)
           for name, words in QUALIFIERS_BEFORE.items()]
_AFTER = [(re.compile(r"\s*(?:or more|or over|or above|-?plus\b|\+)", re.IGNORECASE), "at_least"),
          (re.compile(r"\s*(?:or fewer|or less|or under)\b", re.IGNORECASE), "up_to"),
          (re.compile(r"\s*(?:or so\b|-odd\b)", re.IGNORECASE), "about")]

LABELS = ("phase|stage|round|step|tranche|leg|posts?|flight|route|highway|interstate|articles?"
          "|sections?|chapters?|resolution|room|gate|terminal|platform|division|district|ward"
          "|number|no|nos|pages?|pp|p|para|paragraphs?|items?|part|clauses?|amendment|title"
          "|category|grade|class|model|version|station|zone|sector|act|proposition|prop"
          "|question|game|precinct|lane|exit|pier|row|seat|block|lot|apartment|suite|floor"
          "|channel|road|street|avenue|brigade|battalion|regiment|squadron|level|tier|vol"
          "|volume|issue|episode|season|series|rule|figure|table|appendix|annex|protocol|unit")
_PARTICLE = re.compile(r"\b(?:turn|turned|turning|come|came|bring|brought|move|moved|look|looked"
                       r"|go|went|run|ran|set|get|got|walk|walked|spin|spun)\s+$", re.IGNORECASE)
_ESTIMATED = re.compile(r"\b(?:an?\s+)?estimated\s+\w+\s+(?:of|at)\s+$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*([A-Za-z']*)")
_LABEL = re.compile(rf"\b(?:{LABELS})\.?\s*#?\s*$", re.IGNORECASE)
_LABEL_CHAIN = re.compile(r"\s*(?:,|and|or|to|-|–)\s*", re.IGNORECASE)
_NAME_OF = re.compile(r"\b(?:Group|Gang|Committee|Club|Council|Board)\s+of\s+$")
_CAPITAL_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*)\s+$")
_AGED = re.compile(r"\b(?:aged?|ages)\s+(?:between\s+|over\s+|under\s+)?$|\b(?:people|those|anyone"
                   r"|adults|children|men|women|patients|residents|voters)\s+(?:over|under|above"
                   r"|below|older than|younger than)\s+$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"[A-Z][\w'’-]+,\s+(?:now\s+)?$|[A-Z][\w'’-]+\s+\($")
_YEAR_CONTEXT = re.compile(r"\b(?:the|in|of|since|by|from|until|till|to|between|and|early|late"
                           r"|mid|before|after|during|for|'s)\s+$", re.IGNORECASE)
_PLURAL_AFTER = re.compile(r"\s+([a-z][a-z-]+s)\b")
NOT_PLURALS = word_set("was has is as this its us his yes less pass across press business class "
                       "always perhaps news thus plus")
MONTHS = word_set("jan feb mar apr may jun jul aug sep oct nov dec")
_ANAPHOR = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)
NAME_SAFE = (DETERMINERS | PREPOSITIONS | CONJUNCTIONS | PRONOUNS | WEEKDAYS
             | {"more", "less", "fewer", "least", "nearly", "almost", "about", "around", "some",
                "roughly", "approximately", "only", "just", "another", "over", "under", "up",
                "estimated", "exactly", "precisely", "all", "both", "other", "now",
                "total", "than", "fully", "barely", "well"})



def read_qualifier(text: str, q: Quantity) -> tuple[str, int, int]:
    """('more_than', start, end): the qualifier and the figure's text span with it."""
    window = max(0, q.start - 30)
    for pattern, name in _AFTER:
        hit = pattern.match(text, q.end)
        if hit:
            return name, q.start, hit.end()
    for pattern, name in _BEFORE:
        hit = pattern.search(text, window, q.start)
        if hit and not _PARTICLE.search(text, window, hit.start()):
            return name, hit.start(), q.end
    if _ESTIMATED.search(text, window, q.start):
        return "about", q.start, q.end
    return "exact", q.start, q.end


def figure_quantities(text: str, headline: bool) -> list[Quantity]:
    """The sentence's quantities less labels ("posts 542 and 543") and other non-figures."""
    kept, label_end, last = [], None, None
    for q in find_quantities(text):
        converted = last is not None and last.unit and q.unit and re.fullmatch(
            r"\s*\(\s*(?:about\s+|some\s+|around\s+)?", text[last.end:q.start])
        last = q
        if converted:
            continue  # "40 kilometres (25 miles)": the same distance in other units
        chained = label_end is not None and _LABEL_CHAIN.fullmatch(text, label_end, q.start)
        if chained or (q.unit is None and not q.fraction
                       and _LABEL.search(text, max(0, q.start - 20), q.start)):
            label_end = q.end
            continue
        label_end = None
        if _excluded(text, q, headline):
            continue
        money = next((k.unit for k in reversed(kept) if k.unit and k.unit.isupper()), None)
        if money and q.unit is None and q.scaled and _bare(text, q.end):
            q.unit = money  # "5.4 billion dlrs, up from 4.8 billion": the same currency
        kept.append(q)
    return kept


def _bare(text: str, end: int) -> bool:
    """No noun follows: '4.8 billion.', '1.3 billion is subject to', 'from 4.8 billion in'."""
    word = _NEXT_WORD.match(text, end).group(1).lower()
    return not word or word in AUXILIARIES or word in PREPOSITIONS or word in CONJUNCTIONS \
        or word in VERB_FORMS or word in ("a", "an", "last", "this", "next", "earlier")


# A body deciding by a count of votes, right before the count: "passed 61-38", "approved it 14-6".
_DECIDED = re.compile(r"\b(?:passed|approved|rejected|adopted|confirmed|endorsed|ratified|backed"
                      r"|upheld|overturned|voted|carried)(?:\s+(?:it|them|him|her|the\s+\w+))?\s+$",
                      re.IGNORECASE)  # not "defeated", "beat" or "won": games are won by a score


def _excluded(text: str, q: Quantity, headline: bool) -> bool:
    """Not a figure: a year, part of a name, an age, "the two leaders", a score."""
    before, after = text[max(0, q.start - 40):q.start], text[q.end:q.end + 20]
    if q.fraction:
        return False
    if _is_year(text, q, before, after) or _is_age(q, before, after) or _is_name(
            text, q, before, headline):
        return True
    if q.unit in TIME_UNITS and re.match(r"\s+ago\b", after):
        return True  # "two years ago" is a date
    if q.spelled and 2 <= q.value <= 4 and q.unit is None and _ANAPHOR.search(before):
        return True  # "the two leaders" names people already named
    if q.value_high is None and q.unit is None and (
            re.match(r"-\d", after) or re.search(r"\d-$", before)):
        return not _tally(text, before)  # "won 3-1" is a score; "a 74-25 vote" a tally
    return False


def _tally(text: str, before: str) -> bool:
    """'a 74-25 vote', 'the Senate passed it 61-38': votes, not a game's score."""
    return "vote" in text.lower() or bool(_DECIDED.search(re.sub(r"\d+-$", "", before)))


def _is_year(text: str, q: Quantity, before: str, after: str) -> bool:
    """'in 1998', 'the 2000 publication' are years; 'more than 2000 people' is not."""
    core = text[q.core_start:q.core_end]
    if not re.fullmatch(r"(?:19|20)\d\d", core) or q.unit is not None:
        return False
    if q.value_high is not None:  # "between 2008 and 2012" is a span of years
        return isinstance(q.value_high, int) and 1900 <= q.value_high <= 2099
    if any(p.search(before) for p, name in _BEFORE if name != "exact"):
        return False
    plural = _PLURAL_AFTER.match(after)
    return bool(_YEAR_CONTEXT.search(before)) or not plural or plural.group(1) in NOT_PLURALS


def _is_age(q: Quantity, before: str, after: str) -> bool:
    """'aged 8-10 years', 'a 43-year-old', 'Selek, now 43,': ages are not figures."""
    if not isinstance(q.value, int) or q.value > 120:
        return False
    if q.unit == "years" and re.match(r"[\s-]+old\b", after):
        return True
    if q.unit not in (None, "years"):
        return False
    if _AGED.search(before):
        return True
    return q.unit is None and bool(_AGE_BEFORE.search(before)) and bool(re.match(r"\s*[,)]", after))


def _is_name(text: str, q: Quantity, before: str, headline: bool) -> bool:
    """'Boeing 737', 'Group of 20', 'the Big Three': a number that is part of a name."""
    if _NAME_OF.search(before):
        return True
    if q.start != q.core_start:
        return False
    hit = _CAPITAL_BEFORE.search(before)
    bare = q.unit is None and not q.scaled and re.fullmatch(r"\d{1,4}", text[q.start:q.end])
    if hit and (bare or q.spelled):
        word = hit.group(1).lower()
        if not (word in NAME_SAFE or hit.group(1).isupper() or word in VERB_FORMS
                or word[:3] in MONTHS):
            return True
    if q.spelled and not headline and text[q.core_start].isupper():
        return not re.search(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$", text[:q.core_start])
    return False
