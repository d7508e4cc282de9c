"""Figures: every number in an article that tells the reader something, with who says so.

For each sentence (the headline last, for figures the body does not repeat): the quantities
that are figures and their qualifiers (`figure_quantities`), what each counts
(`figure_measure`) and who says so (`figure_attribution`). "One" counts only when qualified
or contrasted ("only one constituency", "36 shells ... one shell"), never as a pronoun
("one of the", "One official said"). A figure stated twice is kept once, as first stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.articles import Article
from generator.extract import currencies
from generator.extract.figure_attribution import Attributor
from generator.extract.figure_measure import Counted, describe
from generator.extract.figure_quantities import figure_quantities, read_qualifier
from generator.extract.figure_words import tokenize, word_set
from generator.extract.number_words import TIME_UNITS
from generator.extract.numbers import Quantity
from generator.model import Figure

SHARES = ("percent", "percentage points", "times")
GENERIC = word_set("share length time of the a an and in on at to by for with between")
_DURATION_BEFORE = re.compile(r"\b(?:for|within|in|after|over|than|lasted|lasts|last|spent|spend"
                              r"|took|take|takes)\s+$", re.IGNORECASE)
_TALLY_TO = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                       r"(?:\s+votes?)?\s+to\s+$", re.IGNORECASE)
_DECISION = re.compile(r"\b(?:votes?|voted|decision|ruling|ruled|majority|split|margin)\b",
                       re.IGNORECASE)
_ONE_IDIOMS = re.compile(r"\s+(?:of|another|by one|day|time|thing|way|point|more)\b|\s*[,.;]",
                         re.IGNORECASE)  # "one of", "one another", "one day", "for one,"


@dataclass
class _Candidate:
    """A quantity on its way to becoming a figure."""

    quantity: Quantity
    qualifier: str
    start: int  # the figure's text, qualifier included
    end: int
    counted: Counted


def extract_figures(article: Article) -> list[Figure]:
    """Every figure in the article, first statement first, the headline's last."""
    attributor = Attributor()
    figures: list[Figure] = []
    for sentence in article.sentences:
        figures += sentence_figures(sentence.text, attributor)
    figures = dedupe(figures)
    figures = _local_currencies(figures, article)
    title = article.title
    read_as = _lower_case(title) if sum(c.isupper() for c in title) > len(title) / 2 else title
    for f in sentence_figures(read_as, Attributor(), headline=True, shown=title):
        if not any(_restates(f, k) for k in figures):
            figures.append(f)  # a headline restates the body; keep only what it adds
    return figures


def _local_currencies(figures: list[Figure], article: Article) -> list[Figure]:
    """Rupees, shillings, dinars as the story's country has them (see `currencies`)."""
    families = [currencies.family_of(f.text) if f.unit else None for f in figures]
    if not any(families):
        return figures
    country = currencies.story_country(
        "\n".join([article.title, *(s.text for s in article.sentences)]))
    return [replace(f, unit=currencies.localized(family, f.unit, country)) if family else f
            for f, family in zip(figures, families, strict=True)]


def _lower_case(text: str) -> str:
    """An all-capitals headline in lower case, letter for letter (so offsets still hold)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _restates(headline: Figure, body: Figure) -> bool:
    """A headline number the body also gives (perhaps rounded), as a count or in the same unit."""
    if headline.value_high != body.value_high or not _close(headline.value, body.value):
        return False
    return headline.unit == body.unit or not (_measured(headline.unit) or _measured(body.unit))


def _close(a: float, b: float) -> bool:
    """Equal, or a rounding: "10.572 MLN ACRES" in the headline, 10,572,402 in the text."""
    return a == b or (a >= 1000 and abs(a - b) <= 0.001 * max(a, b))


def _measured(unit: str | None) -> bool:
    return _restated(unit) or unit in SHARES


def sentence_figures(text: str, attributor: Attributor, headline: bool = False,
                     shown: str | None = None) -> list[Figure]:
    """The figures of one sentence; the attributor follows the article's speakers.

    `shown` is the sentence as written when `text` is a reading of it ("AT LEAST 107 KILLED"
    is read in lower case); it has the same length, and gives the figures' text and evidence.
    """
    quantities = figure_quantities(text, headline)
    if not quantities:
        attributor.attribute(text, [])
        return []
    tokens = tokenize(text)
    spans = [read_qualifier(text, q) for q in quantities]
    others = [(start, end) for _, start, end in spans]
    found: list[_Candidate] = []
    previous = None
    for q, (qualifier, start, end) in zip(quantities, spans, strict=True):
        counted = describe(text, tokens, start, end, q.unit, q.compound, previous, others)
        found.append(_Candidate(q, qualifier, start, end, counted))
        if not (q.spelled and q.value == 1):
            previous = counted
    found = [c for c in found if not _pronoun_one(text, c, found)]
    sources = attributor.attribute(text, [(c.start, c.end) for c in found], tokens)
    return [_figure(shown or text, c, source) for c, source in zip(found, sources, strict=True)]


def _figure(text: str, c: _Candidate, according_to: str | None) -> Figure:
    q = c.quantity
    unit = q.unit or (None if q.fraction else c.counted.unit)  # "3/5" counts no noun
    return Figure(value=q.value, value_high=q.value_high, text=text[c.start:c.end],
                  qualifier=c.qualifier, unit=unit, measure=c.counted.measure,
                  according_to=according_to, evidence=text, source="s1")


def dedupe(figures: list[Figure]) -> list[Figure]:
    """The same figure stated twice is one: keep the first statement."""
    kept: list[Figure] = []
    for f in figures:
        if not any(_same(f, k) for k in kept):
            kept.append(f)
    return kept


def _same(a: Figure, b: Figure) -> bool:
    """Whether two figures state one fact.

    A duration or a sum of money stated again is the same fact ("15 months of war", "the
    15-month offensive"); a share or a count with the same number may be another fact
    ("one shell fired", "at least one shell landed"), so it must also agree in qualifier and
    unit, or in what it measures.
    """
    if (a.value, a.value_high) != (b.value, b.value_high):
        return False
    if _restated(a.unit) or _restated(b.unit):
        return a.unit == b.unit
    if a.unit in SHARES or b.unit in SHARES:
        return a.unit == b.unit and _overlap(a.measure, b.measure) >= 0.5
    if a.qualifier == b.qualifier and a.unit == b.unit:
        return True
    return _overlap(a.measure, b.measure) >= 0.5


def _restated(unit: str | None) -> bool:
    return unit in TIME_UNITS or bool(unit and len(unit) == 3 and unit.isupper())


def _overlap(a: str | None, b: str | None) -> float:
    ta, tb = (set(re.findall(r"\w+", (x or "").lower())) - GENERIC for x in (a, b))
    return len(ta & tb) / min(len(ta), len(tb)) if ta and tb else 0.0


def _pronoun_one(text: str, c: _Candidate, everything: list[_Candidate]) -> bool:
    """'one of the', 'One delegate said': "one" counts only when qualified or contrasted."""
    q, counted = c.quantity, c.counted
    if not (q.spelled and q.value == 1 and q.value_high is None) or q.compound:
        return False
    if c.qualifier != "exact" or re.search(r"\b(?:only|just|exactly|single)\s+$",
                                         text[max(0, q.start - 12):q.start], re.IGNORECASE):
        return False
    if q.unit in TIME_UNITS:  # "for one year" is a duration, "One day, ..." is not
        return not _DURATION_BEFORE.search(text, max(0, q.start - 12), q.start)
    if q.unit:
        return False
    if _TALLY_TO.search(text, 0, q.start) and _DECISION.search(text):
        return False  # "a majority decision of four to one": one judge
    if re.search(r"\bno\s+$", text[max(0, q.start - 4):q.start], re.IGNORECASE):
        return True
    if _ONE_IDIOMS.match(text, q.end) or not counted.noun:
        return True
    return not any(other is not c and other.counted.noun
                   and _head(other.counted.noun) == _head(counted.noun) for other in everything)


def _head(noun: str) -> str:
    """'fired one shell' and '36 shells' count the same thing."""
    return noun.lower().split()[-1].rstrip("s")
