"""Which currency a word names, where the story is: "rupees" in Quetta are Pakistan's.

Many currencies share a name (rupee, dinar, shilling, peso, franc, riyal, krona). News copy
names the country only when the currency is not the story's own ("5 million euros", "Kenyan
shillings" in a London paper); a Karachi story says "one million rupees", a Nairobi one
"Sh1.3 billion". The ISO 4217 names (pycountry) and each country's currencies (countryinfo)
say which one is meant: the story's country's currency of that name, else the only currency of
that name, else the common default (INR for rupees).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from generator.extract import gazetteer as gz

# Currency nouns news English uses after a number, plural -> the singular in ISO names. Words
# that are also common English after a number ("real", "sol", "mark") are left out.
NOUNS = {
    "rupee": "rupee", "rupees": "rupee", "dinar": "dinar", "dinars": "dinar",
    "shilling": "shilling", "shillings": "shilling", "kwanza": "kwanza", "kwanzas": "kwanza",
    "cedi": "cedi", "cedis": "cedi", "reais": "real", "zloty": "zloty", "zlotys": "zloty",
    "zlotych": "zloty", "forint": "forint", "forints": "forint", "koruna": "koruna",
    "korunas": "koruna", "krona": "krona", "kronor": "krona", "kronur": "krona",
    "krone": "krone", "kroner": "krone", "hryvnia": "hryvnia", "hryvnias": "hryvnia",
    "tenge": "tenge", "taka": "taka", "rial": "rial", "rials": "rial",
    "afghani": "afghani", "afghanis": "afghani", "birr": "birr", "kwacha": "kwacha",
    "quetzal": "quetzal", "quetzales": "quetzal", "lempira": "lempira", "lempiras": "lempira",
    "boliviano": "boliviano", "bolivianos": "boliviano", "manat": "manat", "manats": "manat",
    "lari": "lari", "dram": "dram", "drams": "dram", "cordoba": "cordoba", "cordobas": "cordoba",
    "dalasi": "dalasi", "leone": "leone", "leones": "leone", "ariary": "ariary",
    "kyat": "kyat", "kyats": "kyat", "kip": "kip",
}
SUFFIX_WORDS = sorted(NOUNS, key=len, reverse=True)
# Nouns whose default elsewhere (number_words.CURRENCY_WORDS) a story's own country overrides.
AMBIGUOUS = {"rupee", "peso", "franc", "riyal", "rial", "dinar", "shilling", "krona", "krone",
             "pound"}
SAME_NOUN = {"riyal": "rial"}  # "Saudi Riyal", "Qatari Rial": one name, two spellings
# Signs that name a family of currencies rather than one ("KSh", "TSh" name one).
FAMILY_SIGNS = {"sh": "shilling", "rs": "rupee"}
# The common one, for nouns of several currencies that number_words.CURRENCY_WORDS lacks.
DEFAULTS = {"krona": "SEK", "krone": "NOK", "rial": "IRR"}
# Every written form of the ambiguous nouns -> the noun ("kronor" -> "krona").
AMBIGUOUS_FORMS = {form: noun for form, noun in NOUNS.items() if noun in AMBIGUOUS} | {
    form: form.removesuffix("s")
    for form in ("peso", "pesos", "franc", "francs", "riyal", "riyals", "pound", "pounds")}
_CAPITALIZED = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|and|the))*")


@cache
def _names() -> dict[str, list[str]]:
    """Currency noun -> the ISO codes whose name ends in it."""
    import pycountry

    out: dict[str, list[str]] = {}
    for c in pycountry.currencies:
        noun = c.name.lower().split()[-1]
        out.setdefault(SAME_NOUN.get(noun, noun), []).append(c.alpha_3)
    return out


def code_for(noun: str, country: str | None, default: str) -> str:
    """The code of the currency `noun` names in `country` (alpha-2), else the only currency of
    that name, else `default`."""
    noun = SAME_NOUN.get(noun, noun)
    named = _names().get(noun, [])
    if country:
        own = [c for c in gz.currencies_of(country) if c in named]
        if own:
            return own[0]
    return named[0] if len(named) == 1 else default


def country_of_adjective(words: str | None) -> str | None:
    """'Pakistani', 'Kenyan', 'Sri Lankan' -> the country's alpha-2 code."""
    if not words:
        return None
    found = gz.demonym(words) or gz.country(words)
    return found.code if found else None


def story_country(text: str) -> str | None:
    """The country a story is about: the one named most often (countries and demonyms), if it
    is named at least twice and more often than any other."""
    counts: Counter[str] = Counter()
    for m in _CAPITALIZED.finditer(text):
        words = m.group(0).split()
        seen = set()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                found = country_of_adjective(" ".join(words[i:i + size]))
                if found and found not in seen:
                    seen.add(found)
                    counts[found] += 1
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or len(top) > 1 and top[1][1] == top[0][1]:
        return None
    return top[0][0]


def localized(noun: str, code: str, country: str | None) -> str:
    """A figure's currency `code`, read from the ambiguous `noun`, as the story's country has
    it ("rupee", INR, PK -> PKR); unchanged where that country has no currency of that name."""
    if noun not in AMBIGUOUS or not country:
        return code
    return code_for(noun, country, code)


_NOUN_IN_TEXT = re.compile(
    r"\b(" + "|".join(sorted(AMBIGUOUS_FORMS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_SIGN_IN_TEXT = re.compile(r"(?<![\w.])(Sh|Rs)\.?\s?\d")
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+$")


def family_of(figure_text: str) -> str | None:
    """The ambiguous currency a figure's text names without saying whose: "one million
    rupees", "Sh1.3 billion"; None for "Pakistani rupees", "KSh 5m" or no such currency."""
    sign = _SIGN_IN_TEXT.search(figure_text)
    if sign:
        return FAMILY_SIGNS[sign.group(1).lower()]
    m = _NOUN_IN_TEXT.search(figure_text)
    if m is None:
        return None
    before = _WORD_BEFORE.search(figure_text, 0, m.start())
    if before and country_of_adjective(before.group(1)):
        return None
    return AMBIGUOUS_FORMS[m.group(1).lower()]
