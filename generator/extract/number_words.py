"""The words and marks numbers are written with: number words, scales, currencies, units.

Also `NOT_QUANTITIES`: what looks like a number but never is one (dates, times of day, phone
numbers, web addresses, codes such as "H.R.1424" or "COVID-19", decades, season years).
"""

from __future__ import annotations

import re


def _split(text: str) -> list[str]:
    return text.split()


ONES = _split("zero one two three four five six seven eight nine ten eleven twelve thirteen "
              "fourteen fifteen sixteen seventeen eighteen nineteen")
TENS = _split("twenty thirty forty fifty sixty seventy eighty ninety")
_WORD = (rf"(?:(?:{'|'.join(TENS)})(?:[\s-](?:{'|'.join(ONES[1:10])}))?"
         rf"|{'|'.join(ONES[1:])})")
WORD_NUMBER = rf"{_WORD}(?:[\s-]+(?:hundred|thousand)(?:[\s-]+(?:and[\s-]+)?{_WORD})?)*"
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

SCALES = {"hundred": 100, "thousand": 1000, "dozen": 12, "million": 10**6, "mln": 10**6,
          "mn": 10**6, "m": 10**6, "billion": 10**9, "bln": 10**9, "bn": 10**9, "b": 10**9,
          "trillion": 10**12, "tn": 10**12, "trn": 10**12, "trln": 10**12, "k": 1000,
          "lakh": 10**5, "crore": 10**7}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
             "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8,
             "tenth": 10, "tenths": 10}

# Substrings of every number word: a sentence with none of them (and no digit) has no number.
NUMBER_HINTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "teen", "twenty", "thirty", "forty", "fifty", "ninety",
                "hundred", "thousand", "million", "billion", "dozen", "half", "halves", "third",
                "quarter", "fifth", "sixth", "eighth", "tenth", "twice", "thrice")
FRACTION_HINTS = ("half", "halves", "third", "quarter", "fifth", "sixth", "eighth", "tenth")

CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "U.S.$": "USD", "NZ$": "NZD", "A$": "AUD",
                    "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "HK$": "HKD", "S$": "SGD",
                    "NT$": "TWD", "R$": "BRL", "Z$": "ZWD", "£": "GBP", "€": "EUR", "¥": "JPY",
                    "₹": "INR", "RS": "INR", "RS.": "INR",
                    "SH": "KES", "KSH": "KES", "TSH": "TZS", "USH": "UGX", "NIS": "ILS"}
CURRENCY_WORDS = {"dlr": "USD", "dlrs": "USD", "dollar": "USD", "euro": "EUR", "pound": "GBP",
                  "stg": "GBP", "sterling": "GBP", "pounds sterling": "GBP", "yen": "JPY",
                  "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "franc": "CHF",
                  "swiss franc": "CHF", "rouble": "RUB", "ruble": "RUB", "rand": "ZAR",
                  "riyal": "SAR", "shekel": "ILS", "peso": "MXN", "lira": "TRY", "naira": "NGN",
                  "baht": "THB", "ringgit": "MYR", "rupiah": "IDR", "dirham": "AED", "won": "KRW"}
DOLLAR_COUNTRIES = {"australian": "AUD", "canadian": "CAD", "new zealand": "NZD", "nz": "NZD",
                    "hong kong": "HKD", "singapore": "SGD", "taiwan": "TWD", "zimbabwe": "ZWD",
                    "zimbabwean": "ZWD"}
# ISO 4217 codes news copy writes before or after an amount ("KES 200 million"); codes that are
# also English words (COP, TRY, CUP, ALL) are left out.
CODES = _split("USD EUR GBP JPY CNY INR CHF AUD CAD NZD HKD SGD RUB ZAR BRL SEK NOK DKK PLN CZK "
               "HUF KES NGN PKR ILS EGP AOA GHS MXN CLP IDR THB VND KRW SAR AED QAR KWD IQD IRR "
               "UAH BDT LKR NPR ETB TZS UGX MYR")
UNITS = {"year": "years", "yr": "years", "month": "months", "mth": "months", "week": "weeks",
         "wk": "weeks", "day": "days",
         "hour": "hours", "hr": "hours", "minute": "minutes", "min": "minutes",
         "second": "seconds", "sec": "seconds", "decade": "years", "century": "years",
         "centurie": "years", "km": "km", "kilometre": "km", "kilometer": "km", "mile": "miles",
         "metre": "metres", "meter": "metres", "kg": "kg", "kilogram": "kg", "kilo": "kg",
         "tonne": "tonnes", "ton": "tonnes", "barrel": "barrels", "bpd": "barrels per day",
         "hectare": "hectares", "acre": "acres", "time": "times", "fold": "times",
         "square km": "square km", "square kilometre": "square km",
         "square kilometer": "square km", "square mile": "square miles", "cent": "cents",
         "ct": "cents", "mph": "mph", "magnitude": "magnitude", "foot": "feet", "feet": "feet",
         "ft": "feet", "inch": "inches", "inche": "inches", "cm": "cm", "mm": "mm",
         "litre": "litres", "liter": "litres", "gallon": "gallons"}
UNIT_FACTORS = {"decade": 10, "century": 100, "centurie": 100}
TIME_UNITS = {"years", "months", "weeks", "days", "hours", "minutes", "seconds"}

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTH_ANYCASE = rf"(?:{_MONTH}|{_MONTH.upper()})"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+\d{4}\b)?"
_DAY_JOIN = r"(?:\s*[-–]\s*|\s+(?:and|to|or)\s+)"  # "27-28 March", "27 and 28 March"
NOT_QUANTITIES = re.compile(
    "|".join([
        rf"\b{_MONTH_ANYCASE}\.?\s+{_DAY}\b(?:{_DAY_JOIN}{_DAY}\b)?{_YEAR}",  # Jan. 19
        rf"\b{_DAY}(?:{_DAY_JOIN}{_DAY})?\s+(?:of\s+)?{_MONTH_ANYCASE}\b\.?{_YEAR}",
        rf"\b{_MONTH_ANYCASE}\.?,?\s+\d{{4}}\b",
        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", r"\b\d{4}-\d{2}-\d{2}\b", r"\b\d{1,2}\.\d{1,2}\.\d{4}\b",
        r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|BST|UTC)", r"\b\d{1,2}:\d{2}\b",
        r"\b\d{1,2}\s*[ap]\.m\.", r"\b\d{1,2}\s*[ap]m\b", r"\b\d{1,2}\s+o'clock\b",
        r"(?:\+|\b)\(?\d{2,4}\)?[\s-]\d{3,4}[\s-]\d{3,4}\b",
        r"https?://\S+|\bwww\.\S+|\S+@\S+\.\w+",
        # H.R.1424, not Sh1.3 (shillings) or Rs.500 (rupees)
        r"(?<![\w$£€¥])(?!Rs\b|[KTU]?Sh\d)[A-Za-z][A-Za-z.]*[.-]?\d[\d.]*(?:[-–]\d+)?\b",
        r"\b\d+-[A-Z]\b",  # an 8-K form
        (r"\b\d+[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane"
         r"|Square|Boulevard|Drive|Place|Terrace)\b"),  # 10 Downing Street
        r"(?:\b(?:19|20)?|'|’)\d0s\b",                                # the 1990s, the '80s
        r"\b(?:19|20)\d{2}\s*[-–/]\s*(?:(?:19|20)\d{2}|\d{2})\b",     # 2008-09
    ]))
