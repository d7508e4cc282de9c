"""Numbers as news English writes them: "1,200", "$2bn", "275 pct", "six-week", "a quarter".

`find_quantities` returns every quantity in a sentence with its value and, where the text
gives one, its unit of measure (a currency code, percent, a unit of time or size). It knows
nothing of what the number counts or who says so: `figures` decides that from the context.
Dates, times of day, phone numbers, web addresses and codes such as "H.R.1424" or "COVID-19"
are never quantities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from text_to_num import text2num

from generator.extract import currencies
from generator.extract.currencies import SUFFIX_WORDS as CURRENCY_NOUNS
from generator.extract.number_words import (
    CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DIGITS,
    DOLLAR_COUNTRIES,
    FRACTION_HINTS,
    FRACTIONS,
    NOT_QUANTITIES,
    NUMBER_HINTS,
    ONES,
    SCALES,
    TENS,
    UNIT_FACTORS,
    UNITS,
    WORD_NUMBER,
)

_CURRENCY_PREFIX = re.compile(
    r"(?:(?:(?:US|U\.S\.|NZ|AU|CA|HK|NT)\s?|A|C|S|R|Z)?\$|£|€|¥|₹|\bRs\.?|\b[KTU]?Sh|\bNIS"
    r"|\b(?:" + "|".join(CODES) + r"))\s?$")
# A number may follow a shilling or rupee sign with no space: "Sh1.3 billion", "Rs.500".
_CORE = re.compile(
    r"(?:(?<![\w.,/])|(?<=\bSh)|(?<=\b[KTU]Sh)|(?<=\bRs\.))"
    rf"(?:(?P<digits>{DIGITS})(?![\d/])"
    r"|(?P<half>half)(?=\s+an?\s+(?:million|billion)\b)"
    rf"|(?P<a>an?)(?=\s+(?:hundred|thousand|million|billion|dozen)\b)|(?P<words>{WORD_NUMBER})\b)"
    r"|(?<![\w$£€¥])(?P<twice>twice|thrice)\b",
    re.IGNORECASE)
_SCALE = re.compile(r"(?:\s*-?\s*|\s+an?\s+)(hundred|thousand|million|billion|trillion|mln|mn|bln"
                    r"|bn|tn|trn|trln|dozen|lakh|crore)\b|(m|k|b)\b", re.IGNORECASE)
_COUNTED_AFTER = re.compile(r"\s+(?:more\s+)?(?:people|[a-z]+s)\b")
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_PERCENT = re.compile(r"\s*(?:%|(?:per\s?cent|percent|pct|pc)\b)(?:\s+points?\b)?"
                      r"|\s+percentage\s+points?\b", re.IGNORECASE)
_CURRENCY_SUFFIX = re.compile(
    r"\s+(?:(U\.S\.|US|American|Australian|Canadian|New Zealand|NZ|Hong Kong|Singapore|Taiwan"
    r"|Zimbabwe(?:an)?|Swiss|(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))\s+)?(dlrs?|dollars?|euros?"
    r"|pounds\s+sterling|pounds?|stg|sterling|yen|yuan|renminbi|rupees?|francs?|roubles?|rubles?"
    r"|rand|riyals?|shekels?|pesos?|liras?|naira|baht|ringgit|rupiah|dirhams?|"
    + "|".join(CURRENCY_NOUNS) + "|" + "|".join(CODES) + r")\b", re.IGNORECASE)
_TEMPERATURE = re.compile(
    r"\s?°\s?([CF])\b|\s+degrees?\s+(Celsius|Fahrenheit|C|F)\b|([CF])\b(?!-)", re.IGNORECASE)
_WON = re.compile(r"\s+won\b", re.IGNORECASE)
UNIT_PATTERNS = (  # what may follow a number as its unit
    r"square\s+(?:km|kilomet(?:re|er)s?|miles?)", r"years?|yrs?|months?|mths?|weeks?|wks?|days?",
    r"hours?|hrs?|minutes?|mins?|seconds?|secs?|decades?|century|centuries",
    r"kms?|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|foot|ft|inch(?:es)?|cm|mm",
    r"kgs?|kilograms?|kilos?|tonnes?|tons?|barrels?|bpd|lit(?:re|er)s?|gallons?",
    r"hectares?|acres?",
    r"times|fold|cents?|cts|mph|magnitude",
)
_UNIT = re.compile(rf"(\s+|\s*-\s*|(?=(?:km|kg|mph|bpd|ft|cm|mm)\b))({'|'.join(UNIT_PATTERNS)})\b",
                   re.IGNORECASE)
_FRACTION_WORD = re.compile(
    r"(?<![\w-])(?:(?P<num>an?|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
    r"(?P<den>half|halves|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b", re.IGNORECASE)
_DIGIT_FRACTION = re.compile(r"(?<![\w/.])(\d{1,2})/(\d{1,3})(?![\d/])")
_ONES, _TENS = "|".join(ONES[1:]), "|".join(TENS)
_RATIO = re.compile(
    rf"(?<![\w,.-])(?P<a>{_ONES}|\d+)\s+(?:in|out\s+of)\s+(?P<b>{_ONES}|{_TENS}|\d+)\b",
    re.IGNORECASE)
_HALF_CONTEXT_BEFORE = re.compile(
    r"\b(?:almost|nearly|about|around|roughly|some|over|only|just|more than|less than|fewer than|"
    r"at least|up to|approximately|well over|barely)\s+$", re.IGNORECASE)
_NOT_HALF = re.compile(r"\b(?:the|first|second|latter|other|an?)\s+$", re.IGNORECASE)
_HALF_OF_SCALE = re.compile(r"\s+an?\s+(?:hundred|thousand|million|billion|dozen)\b", re.IGNORECASE)
_HALF_CONTEXT_AFTER = re.compile(r"\s+(?:of|as)\b", re.IGNORECASE)

IRREGULAR_SINGULARS = {"centuries": "centurie", "kms": "km", "kgs": "kg", "cts": "ct"}
_DIGIT = re.compile(r"\d")
_RATE_WORDS = re.compile(r"\b\w+-for-\w+\b")  # a "two-for-one" split is a ratio, not a count


@dataclass
class Quantity:
    """One number in a sentence, with what the text itself says of its unit."""

    start: int  # character span of the whole quantity, currency and unit included
    end: int
    core_start: int  # character span of the number itself
    core_end: int
    value: int | float
    unit: str | None = None  # a measure unit (USD, percent, weeks, km) or None for a count
    value_high: int | float | None = None
    spelled: bool = False  # written in words ("thirteen")
    compound: bool = False  # a hyphenated modifier ("six-week truce", "11-year lull")
    fraction: bool = False  # "3/5", "a quarter", "one in five"
    scaled: bool = False  # carries a scale word ("million", "bn")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, ranges joined, dates and codes left out."""
    digits = _DIGIT.search(text) is not None
    low = text.lower()
    if not digits and not any(hint in low for hint in NUMBER_HINTS):
        return []  # most sentences: no number at all, and no regex need run
    blocked = [m.span() for m in NOT_QUANTITIES.finditer(text)] if digits else []
    blocked += [m.span() for m in _RATE_WORDS.finditer(text)] if "-for-" in low else []
    found = _fractions(text, low) + (_ratios(text) if " in " in low or " of " in low else [])
    taken = [(q.start, q.end) for q in found]
    for m in _CORE.finditer(text):
        if _overlaps(m.span(), blocked) or _overlaps(m.span(), taken):
            continue
        q = _quantity(text, m)
        if q is not None and not _overlaps((q.start, q.end), taken):
            found.append(q)
            taken.append((q.start, q.end))
    found.sort(key=lambda q: q.start)
    return _share_list_units(text, _join_ranges(text, found))


def as_number(value: Decimal | float) -> int | float:
    """An int when the value is whole, else a float rounded to what the text can carry."""
    value = Decimal(str(value)) if not isinstance(value, Decimal) else value
    return int(value) if value == value.to_integral_value() else float(round(value, 6))


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)


def _quantity(text: str, m: re.Match) -> Quantity | None:
    """The quantity whose number `m` found: value, scale, currency, percent or unit."""
    if m.group("twice"):
        value = 2 if m.group("twice").lower() == "twice" else 3
        return Quantity(m.start(), m.end(), m.start(), m.end(), value, "times", spelled=True)
    value = _core_value(m)
    if value is None:
        return None
    start, end, unit = m.start(), m.end(), None
    half = _AND_A_HALF.match(text, end)
    if half:
        value, end = value + Decimal("0.5"), half.end()
    prefix = _CURRENCY_PREFIX.search(text, max(0, start - 8), start)
    if prefix:
        unit = _symbol_code(prefix.group(0))
        start = prefix.start()
    scale = _SCALE.match(text, end)
    if scale and not (scale.group(1) or m.group("digits") and (
            unit or _COUNTED_AFTER.match(text, scale.end()))):
        scale = None  # "$5m" and "1m people" are millions; "the 100m final" is a distance
    if scale:
        value *= SCALES[(scale.group(1) or scale.group(2)).lower()]
        end = scale.end()
    elif m.group("a") or m.group("half"):
        return None
    compound = False
    if unit is None:
        unit, end, compound, factor = _suffix_unit(text, end, scale is not None)
        value *= factor
    if end < len(text) and (text[end].isalnum() or text[end] in "$£€"):
        return None  # "5G", "737MAX": part of a code, not a quantity
    return Quantity(start, end, m.start(), m.end(), as_number(value), unit,
                    spelled=bool(m.group("words")), compound=compound, scaled=bool(scale))


def _core_value(m: re.Match) -> Decimal | None:
    if m.group("digits"):
        return Decimal(m.group("digits").replace(",", ""))
    if m.group("half"):
        return Decimal("0.5")
    if m.group("a"):
        return Decimal(1)
    try:
        return Decimal(text2num(re.sub(r"[\s-]+", " ", m.group("words").lower()), "en"))
    except ValueError:
        return None


def _suffix_unit(text: str, end: int, scaled: bool) -> tuple[str | None, int, bool, int]:
    """(unit, new end, compound, factor) for what follows a number: %, dlrs, -week, km."""
    for pattern in (_PERCENT, _CURRENCY_SUFFIX):
        hit = pattern.match(text, end)
        if hit:
            if pattern is _PERCENT:
                points = "point" in hit.group(0).lower()
                return ("percentage points" if points else "percent"), hit.end(), False, 1
            return _currency_word(hit.group(1), hit.group(2)), hit.end(), False, 1
    if scaled and _WON.match(text, end):
        return "KRW", _WON.match(text, end).end(), False, 1
    hit = _TEMPERATURE.match(text, end)
    if hit:
        scale = (hit.group(1) or hit.group(2) or hit.group(3)).upper()[0]
        return ("degrees Celsius" if scale == "C" else "degrees Fahrenheit"), hit.end(), False, 1
    hit = _UNIT.match(text, end)
    if hit:
        word = re.sub(r"\s+", " ", hit.group(2).lower())
        singular = word[:-1] if word.endswith("s") and word != "bpd" else word
        singular = IRREGULAR_SINGULARS.get(word, singular)
        unit = UNITS.get(singular) or UNITS.get(word)
        if unit:
            compound = "-" in hit.group(1) and not word.endswith("s")
            return unit, hit.end(), compound, UNIT_FACTORS.get(singular, 1)
    return None, end, False, 1


def _symbol_code(symbol: str) -> str:
    key = re.sub(r"\s+", "", symbol).upper()
    return CURRENCY_SYMBOLS.get(key) or CURRENCY_SYMBOLS.get(key.rstrip(".")) or key


def _currency_word(country: str | None, word: str) -> str:
    """The code for a currency word and the country word before it, if any ("Kenyan")."""
    if word.upper() in CODES:
        return word.upper()
    key = word.lower()
    noun = currencies.NOUNS.get(key)
    key = key if key in CURRENCY_WORDS else key.rstrip("s")
    state = currencies.country_of_adjective(country)
    if noun or state and key in currencies.AMBIGUOUS:
        default = (CURRENCY_WORDS.get(key) or currencies.DEFAULTS.get(noun)
                   or (word.lower() if noun else "USD"))
        return currencies.code_for(noun or key, state, default)
    code = CURRENCY_WORDS.get(key, "USD")
    if code == "USD" and country:
        code = DOLLAR_COUNTRIES.get(country.lower(), "USD")
    if country and country.lower() == "swiss":
        code = "CHF"
    return code


def _fractions(text: str, low: str) -> list[Quantity]:
    """'3/5', 'a quarter of', 'two-thirds', 'half of'.

    Digit fractions are numbers (0.6), word fractions percent (25), as the gold sheets have them.
    """
    out = []
    for m in _DIGIT_FRACTION.finditer(text) if "/" in text else ():
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < a < b <= 10 and not _is_date_context(text, m.start()):  # not "9/11"
            out.append(Quantity(m.start(), m.end(), m.start(), m.end(), as_number(Decimal(a) / b),
                                fraction=True))
    words = any(den in low for den in FRACTION_HINTS)
    for m in _FRACTION_WORD.finditer(text) if words else ():
        num, den = (m.group("num") or "").lower(), m.group("den").lower()
        plural = den.endswith("s") and den != "halves" or den == "halves"
        if not num and den != "half":
            continue
        if den == "half" and not num and (_NOT_HALF.search(text, 0, m.start()) or not (
                _HALF_CONTEXT_BEFORE.search(text, 0, m.start())
                or _HALF_CONTEXT_AFTER.match(text, m.end()))):
            continue
        if num in ("a", "an", "one") and den != "half" \
                and not _HALF_CONTEXT_AFTER.match(text, m.end()):
            continue  # "a third term" is an ordinal, "a third of" a fraction
        if num in ("a", "an") and den == "half" or _HALF_OF_SCALE.match(text, m.end()):
            continue  # "an hour and a half", "half a million" are read elsewhere
        if plural and num in ("", "a", "an", "one"):
            continue
        n = 1 if num in ("", "a", "an", "one") else ONES.index(num)
        pct = as_number(round(Decimal(100 * n) / FRACTIONS[den], 1))
        out.append(Quantity(m.start(), m.end(), m.start(), m.end(), pct, "percent",
                            spelled=True, fraction=True))
    return out


def _ratios(text: str) -> list[Quantity]:
    """'one in five', '3 out of 4': a share, as percent."""
    out = []
    for m in _RATIO.finditer(text):
        a, b = (_small_number(m.group(k)) for k in ("a", "b"))
        if a and b and a < b <= 1000 and not _UNIT.match(text, m.end()):
            pct = as_number(round(Decimal(100 * a) / b, 1))
            out.append(Quantity(m.start(), m.end(), m.start(), m.end(), pct, "percent",
                                spelled=not m.group("a").isdigit(), fraction=True))
    return out


def _small_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    word = word.lower()
    if word in ONES:
        return ONES.index(word)
    return (TENS.index(word) + 2) * 10 if word in TENS else None


def _is_date_context(text: str, start: int) -> bool:
    return bool(re.search(r"\b(?:on|since|from|until|by|dated)\s+$", text[max(0, start - 8):start],
                          re.IGNORECASE))


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|or)\s*(?:[$£€¥]|US\$)?|\s+and\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)


def _join_ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """'10-20', '8–10 years', 'between 10 and 20', 'four or five hours' as one quantity."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev and prev.value_high is None and _ranged(text, prev, q):
            if q.scaled and not prev.scaled and prev.value < 1000:
                prev.value = as_number(Decimal(str(prev.value)) * _scale_of(q.value))
            prev.unit = prev.unit or q.unit
            prev.value_high, prev.end = q.value, q.end
            between = _BETWEEN.search(text, max(0, prev.start - 10), prev.start)
            prev.start = between.start() if between else prev.start
            prev.compound = prev.compound or q.compound
            continue
        out.append(q)
    return out


def _ranged(text: str, low: Quantity, high: Quantity) -> bool:
    """Whether two neighbouring quantities are the two ends of one range."""
    gap = _RANGE_GAP.fullmatch(text, low.end, high.start)
    if not gap or low.fraction or high.fraction:
        return False
    if low.unit and high.unit and low.unit != high.unit:
        return False
    before = text[max(0, low.start - 10):low.start]
    joiner = gap.group(0).strip(" $£€¥").lower()
    if joiner == "and":
        return bool(_BETWEEN.search(before))
    if _FROM.search(before) or (joiner == "or" and low.unit is not None):
        return False  # "from 5% to 7%" is a change; "five hours earlier or four hours" two figures
    return low.value < high.value


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or)\s*", re.IGNORECASE)


_PAIRED = re.compile(r"\d\s?[-–]\s?$")  # the second of "61-38": a tally or a score, no list


def _share_list_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """'4,340, 4,345 and 4,350 dlrs': numbers listed before a unit share it."""
    for i in range(len(found) - 1, 0, -1):
        q, prev = found[i], found[i - 1]
        if q.unit and prev.unit is None and not prev.fraction and not q.compound \
                and _LIST_GAP.fullmatch(text, prev.end, q.start) and not prev.spelled \
                and not _PAIRED.search(text, 0, prev.start):
            prev.unit = q.unit
    return found


def _scale_of(value: float) -> int:
    for scale in (10**12, 10**9, 10**6, 1000):
        if value >= scale:
            return scale
    return 1
