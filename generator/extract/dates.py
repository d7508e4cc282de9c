"""Dates in news sentences: finding the expressions, and resolving them against publication.

`find_dates` is cheap regex work and runs on every sentence. `resolve` turns a mention into
YYYY-MM-DD / YYYY-MM / YYYY; relative ones ("Tuesday", "last month", "Jan. 19") go through
dateparser with the publication date as base, only when that date is known, and are cached.
`direction` reads the tense of the clause a date belongs to: "will meet on Friday" looks
forward, "met on Friday" back.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SHIFT = {"this": 0, "last": -1, "next": 1}

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![\w-])")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d%])"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_ON_WEEKDAY = rf"(?:{_WEEKDAY},?\s+)?"
_HOLIDAY = r"(?:[A-Z][\w']+\s+)+Day\s*[-,(\u2013\u2014]\s*"  # "Waitangi Day - February 6"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_EDGE = r"(?:(?:earlier|later|late|early)\s+(?:on\s+)?)?"
_THIS_YEAR = r"(?P<rel>this|last|next)\s+year\b"
_DAY_JOIN = r"(?:\s*[-\u2013]\s*|\s+(?:and|to)\s+)"  # "27-28 March", "27 and 28 March": the first
# "on March 4 and 12 people died": a day joined to another is not followed by what it counts
_NOT_COUNTED = r"(?!\s+(?!(?:in|at|on|for|and|with|by|from|to)\b)[a-z])"
_MONTH_LEAD = (r"(?i:in|by|until|since|last|next|this|early|late|mid|of|from|through|during|"
               r"before|after|between|and|to)")

# Tried in order; a match overlapping an earlier one is dropped, so longer forms come first.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("full", re.compile(rf"\b{_ON_WEEKDAY}(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})")),
    ("full", re.compile(rf"\b{_ON_WEEKDAY}(?P<d>{_DAY})\s+(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})")),
    ("numeric", re.compile(r"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/"
                           r"(?P<y>(?:19|20)\d\d)\b")),
    ("numeric", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("month_year", re.compile(rf"\b(?:(?:early|late|mid-?)\s*)?(?P<m>{_MONTH})\s+(?:of\s+)?"
                              rf"(?P<y>{_YEAR})")),
    ("month_day", re.compile(rf"\b(?:{_WEEKDAY},?\s+|{_HOLIDAY})?(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b"
                             rf"(?:{_DAY_JOIN}(?:[12]\d|3[01]|0?[1-9])\b{_NOT_COUNTED})?(?!,?\s*\d)"
                             rf"(?:(?:\s*[-,\u2013\u2014]\s*|\s+){_THIS_YEAR})?")),
    ("month_day", re.compile(rf"\b{_ON_WEEKDAY}(?:the\s+)?(?P<d>{_DAY})(?:{_DAY_JOIN}{_DAY})?"
                             rf"\s+(?:of\s+)?(?P<m>{_MONTH})")),
    ("month", re.compile(rf"\b{_MONTH_LEAD} (?P<t>(?P<m>{_MONTH})(?:\s+{_THIS_YEAR})?)")),
    ("month", re.compile(rf"\bmid-(?P<m>{_MONTH})(?:\s+{_THIS_YEAR})?")),
    ("day", re.compile(rf"\b{_EDGE}(?P<rel>today|yesterday|tomorrow|tonight|last night|"
                       rf"this (?:morning|afternoon|evening))\b{_PART}", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b{_EDGE}(?P<rel>(?:last|next|this|this past|this coming)\s+)?"
                           rf"(?P<w>{_WEEKDAY})\b(?:'s)?{_PART}")),
    ("following", re.compile(r"\bthe\s+(?:following|next)\s+(?P<unit>year|month)\b")),
    ("following", re.compile(r"\ba\s+(?P<unit>year|month)\s+later\b")),
    ("period", re.compile(r"\b(?:(?:earlier|later|late|early)\s+)?(?P<rel>this|last|next)\s+"
                          r"(?P<unit>week|weekend|month|year)\b", re.IGNORECASE)),
    ("period", re.compile(r"\b(?:(?:by|before|until)\s+)?the\s+(?:end|start|beginning|middle)"
                          r"\s+of\s+(?P<rel>the|this|next|last)\s+(?P<unit>week|month|year)\b",
                          re.IGNORECASE)),
    ("ago", re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|a|\d{1,2})\s+"
                       r"(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)),
    ("year", re.compile(rf"\b(?:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+|"
                        rf"early\s+(?:in\s+)?|late\s+(?:in\s+)?|mid-)?(?P<y>{_YEAR})\b")),
]
# Cheap tests that let a sentence skip the patterns it cannot match.
CUES = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "day": re.compile(r"day\b|tomorrow|night|morning|afternoon|evening", re.IGNORECASE),
    "period": re.compile(r"\b(?:week|weekend|month|year)\b", re.IGNORECASE),
    "ago": re.compile(r"\bago\b", re.IGNORECASE),
}
NEEDS = {"full": {"digit", "month"}, "numeric": {"digit"}, "month_year": {"digit", "month"},
         "month_day": {"digit", "month"}, "month": {"month"}, "day": {"day"}, "weekday": {"day"},
         "following": {"period"}, "period": {"period"}, "ago": {"ago"}, "year": {"digit"}}
RANGE_JOIN = re.compile(r"^\s*(?:to|until|through|and|-|\u2013)\s*$")
_RANGE_KINDS = {
    "month_day": ("month_day", "full"), "full": ("full",), "month_year": ("month_year",),
    "year": ("year",), "month": ("month", "month_year"), "numeric": ("numeric",),
}
NOT_YEAR_BEFORE = re.compile(r"[$\u00a3\u20ac#]\s*$|\bNo\.\s*$|\bfiscal\s+$|[\d,.]$|\d[-/\u2013]$")
COUNTED_AFTER = re.compile(r"\s*(?:%|percent|per cent|[-/]\d)|\s+(?:[a-z]+s|people|men|women|"
                           r"children|police|personnel|staff|cattle)\b(?<!'s)"
                           r"(?!\s+(?:of|after|before))")
YEAR_PREPOSITION = re.compile(r"\b(?:in|since|by|until|of|from|to|between|and|before|after)\s+$",
                              re.IGNORECASE)
NAME_BEFORE = re.compile(r"\b[A-Z][\w.]*\s+(?:of\s+)?$")
NOT_NAME_BEFORE = re.compile(rf"(?:{_MONTH}|\b(?:In|By|Since|Until|From|Between|And|The|Early|"
                             rf"Late|End|Start))\s+$")

FUTURE = re.compile(
    r"\b(?:will|won't|shall|would|wouldn't|is to|are to|(?:is|are|was|were) due|due to|set to|"
    r"slated|scheduled|expected|plans? to|planning|planned|intends? to|intended|going to|"
    r"aims? to|poised to|upcoming|to be held|to take place|to start|to begin)\b|'ll\b",
    re.IGNORECASE)
PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|went|began|came|took|made|met|held|won|lost|left|fell|"
    r"rose|saw|gave|got|put|struck|fought|found|brought|sent|spent|shot|led|stood|broke|spoke|"
    r"wrote|ran|became|kept|paid|sold|bought|knew|felt|heard|caught|fled|grew|chose|wore|sank|"
    r"arose|(?:has|have|had)(?: not| also| already| now| since| just)? (?:been|\w+ed|\w+en|begun|"
    r"won|made|held|met|sent))\b|\b(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeing )(?<!\bam )"
    r"(?!(?:need|speed|seed|hundred|indeed|proceed|exceed|succeed|feed|breed|shed|red|bed)\b)"
    r"[a-z]{2,}ed\b")
PRESENT = re.compile(
    r"\b(?:is|are|am|does|opens|begins|starts|meets|holds|takes|ends|closes|runs|goes|comes|"
    r"visits|leaves|arrives|votes|calls|resumes|returns|faces|hosts|plays|travels|heads|"
    r"convenes|expires|kicks)\b")
CLAUSE_BREAK = re.compile(
    r"[,;:\"\u201c\u201d()]|\s[\u2014\u2013-]\s|\b(?:that|which|who|when|where|after|before|"
    r"while|because|if|unless|but|although|though|As|as well as)\b")


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence, with what it says on its face."""

    text: str  # as written: "Jan. 19", "Tuesday", "earlier this week"
    start: int  # character offsets in the sentence
    end: int
    kind: str  # full | numeric | month_year | month_day | month | day | weekday | period | ...
    year: int | None = None
    month: int | None = None
    day: int | None = None
    rel: str | None = None  # the relative word: "yesterday", "last", "this", "next"
    unit: str | None = None  # week | month | year, for periods

    @property
    def deictic(self) -> bool:
        """True when it counts from the moment of writing or speaking ("today", "Tuesday")."""
        return self.kind in ("day", "weekday", "period", "ago") or (
            self.kind == "month" and self.rel is not None)


def find_dates(sentence: str) -> list[DateMention]:
    """Every date expression in a sentence, longest first where they overlap, in text order."""
    found: list[DateMention] = []
    cues = {cue for cue, test in CUES.items() if test.search(sentence)}
    for kind, pattern in PATTERNS:
        if not NEEDS[kind] <= cues:
            continue
        for m in pattern.finditer(sentence):
            mention = _mention(kind, m, sentence)
            if mention is not None and not any(
                    mention.start < d.end and d.start < mention.end for d in found):
                found.append(mention)
    return _join_ranges(sorted(found, key=lambda d: d.start), sentence)


def _mention(kind: str, m: re.Match, sentence: str) -> DateMention | None:
    """A DateMention from a pattern match, or None when the match is not a date after all."""
    g = m.groupdict()
    start, end = m.span("t") if g.get("t") else m.span()
    end = start + len(sentence[start:end].rstrip())
    text = sentence[start:end]
    if text.endswith(("'s", "\u2019s")):
        text = text[:-2]  # "Sunday's first round"
    rel = " ".join((g.get("rel") or "").lower().split()) or None
    if rel and kind != "day":
        rel = rel.split()[0]  # "this past Friday" -> "this"; "last night" stays whole
    if kind == "year" and not _is_year(m, sentence):
        return None
    if kind == "month" and g["m"] == "May" and not rel and not re.match(
            r"(?i)(?:in|by|until|since|last|next|early|late|mid|through|during) ", m.group(0)):
        return None  # "May" is more often the verb
    if kind == "period" and rel == "the":
        rel = "this"  # "by the end of the year"
    day = int(re.match(r"\d+", g["d"]).group(0)) if g.get("d") else None
    year = int(g["y"]) if g.get("y") else None
    month = int(g["m"]) if kind == "numeric" else _month_number(g["m"]) if g.get("m") else None
    unit = (g.get("unit") or "").lower() or None
    return DateMention(text, start, end, kind, year, month, day, rel, unit)


def _is_year(m: re.Match, sentence: str) -> bool:
    """A four-digit number that is a year, not a count or part of a name ("Act of 2008")."""
    before, after = sentence[:m.start()], sentence[m.end():]
    if NOT_YEAR_BEFORE.search(before):
        return False
    if COUNTED_AFTER.match(after):  # "2000 people", "1998 levels", but "in 1998 elections"
        return bool(YEAR_PREPOSITION.search(before)) and not re.match(r"\s*(?:%|per)", after)
    if NAME_BEFORE.search(before) and not NOT_NAME_BEFORE.search(before):
        return False  # "Act of 2008", "Euro 2024", "Vision 2030"
    return not (re.match(r"\s+[A-Z][a-z]", after) and not YEAR_PREPOSITION.search(before))


def _join_ranges(mentions: list[DateMention], sentence: str) -> list[DateMention]:
    """"November 20 to December 11", "between July 2003 and December 2004" as one mention."""
    out: list[DateMention] = []
    for d in mentions:
        prev = out[-1] if out else None
        if prev and prev.kind != "weekday" and d.kind in _RANGE_KINDS.get(prev.kind, ()) \
                and RANGE_JOIN.match(sentence[prev.end:d.start]):
            joiner = sentence[prev.end:d.start].strip()
            lead = re.search(r"\bbetween\s+$", sentence[:prev.start], re.IGNORECASE)
            if joiner == "and" and not lead:
                out.append(d)
                continue
            start = lead.start() if lead else prev.start
            out[-1] = DateMention(sentence[start:d.end], start, d.end, prev.kind,
                                  prev.year or d.year, prev.month, prev.day, prev.rel, prev.unit)
            continue
        out.append(d)
    return out


def _month_number(name: str) -> int:
    key = name.rstrip(".")[:3].lower()
    return [m[:3].lower() for m in MONTHS].index(key) + 1


# Resolution ------------------------------------------------------------------------------


def resolve(d: DateMention, published: dt.date | None, direction: str = "past",
            anchor_year: int | None = None) -> str | None:
    """YYYY-MM-DD, YYYY-MM or YYYY when the text and the publication date make it knowable."""
    if d.kind in ("full", "numeric"):
        return _iso(d.year, d.month, d.day)
    if d.kind == "month_year":
        return f"{d.year:04d}-{d.month:02d}"
    if d.kind == "year":
        return f"{d.year:04d}"
    if d.kind == "following":
        return str(anchor_year + 1) if anchor_year and d.unit == "year" else None
    if published is None:
        return None
    return RESOLVERS[d.kind](d, published, direction)


def _resolve_month_day(d: DateMention, published: dt.date, direction: str) -> str | None:
    if d.rel:
        return _iso(published.year + SHIFT[d.rel], d.month, d.day)
    got = _parse(f"{MONTHS[d.month - 1]} {d.day}", published, direction)
    return got.isoformat() if got else None


def _resolve_month(d: DateMention, published: dt.date, direction: str) -> str | None:
    if d.rel:
        year = published.year + SHIFT[d.rel]
        return f"{year:04d}-{d.month:02d}"
    got = _parse(MONTHS[d.month - 1], published, direction)
    return f"{got.year:04d}-{got.month:02d}" if got else None


def _resolve_day(d: DateMention, published: dt.date, direction: str) -> str | None:
    word = {"tonight": "today", "last night": "yesterday", "this morning": "today",
            "this afternoon": "today", "this evening": "today"}.get(d.rel, d.rel)
    got = _parse(word, published, direction)
    return got.isoformat() if got else None


def _resolve_weekday(d: DateMention, published: dt.date, direction: str) -> str | None:
    name = re.search(_WEEKDAY, d.text).group(0)
    if d.rel not in ("last", "next") and WEEKDAYS.index(name) == published.weekday():
        return published.isoformat()  # "on Tuesday" in Tuesday's paper is that day
    direction = {"last": "past", "next": "future"}.get(d.rel, direction)
    got = _parse(name, published, direction)
    return got.isoformat() if got else None


def _resolve_period(d: DateMention, published: dt.date, direction: str) -> str | None:
    if d.unit in ("week", "weekend"):
        return None  # a week is not a calendar date the sheet can hold
    shift = SHIFT[d.rel]
    if d.unit == "year":
        return f"{published.year + shift:04d}"
    got = _parse(f"{d.rel} month", published, direction) if shift else published
    return f"{got.year:04d}-{got.month:02d}" if got else None


def _resolve_ago(d: DateMention, published: dt.date, direction: str) -> str | None:
    got = _parse(d.text, published, "past")
    if got is None:
        return None
    return {"day": got.isoformat(), "week": None, "month": f"{got.year:04d}-{got.month:02d}",
            "year": f"{got.year:04d}"}[d.unit]


RESOLVERS = {
    "month_day": _resolve_month_day,
    "month": _resolve_month,
    "day": _resolve_day,
    "weekday": _resolve_weekday,
    "period": _resolve_period,
    "ago": _resolve_ago,
}


def _iso(year: int | None, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat() if year else None
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse(text: str, base: dt.date, direction: str) -> dt.date | None:
    """dateparser on one short expression, relative to `base`, preferring past or future."""
    import dateparser  # slow to import; only articles with relative dates need it

    settings = {"RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": direction, "PREFER_DAY_OF_MONTH": "first"}
    got = dateparser.parse(text, languages=["en"], settings=settings)
    return got.date() if got else None


# Tense -----------------------------------------------------------------------------------


def clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The smallest clause around sentence[start:end], bounded by commas, "that", "when" ..."""
    left = 0
    for m in CLAUSE_BREAK.finditer(sentence, 0, start):
        left = m.end()
    m = CLAUSE_BREAK.search(sentence, end)
    return left, m.start() if m else len(sentence)


def direction(sentence: str, d: DateMention) -> str:
    """"future" when the clause the date belongs to looks forward, else "past".

    The verb before the date in its clause decides first ("began on Aug. 10 and will go on"),
    then the one after it, then the neighbouring clauses of a verbless one ("On Sunday, ...").
    """
    a, b = clause_span(sentence, d.start, d.end)
    parts = [sentence[a:d.start], sentence[d.end:b]]
    parts += [sentence[lo:hi] for lo, hi in _neighbours(sentence, a, b)]
    for text in parts:
        if FUTURE.search(text):
            return "future"
        if PAST.search(text):
            return "past"
        if PRESENT.search(text):
            return "future"  # "the summit opens on Tuesday"
    return "past"


def _neighbours(sentence: str, a: int, b: int) -> list[tuple[int, int]]:
    """The clauses after, then before, a verbless one ("On Sunday, troops ...")."""
    out = []
    if b < len(sentence):
        out.append(clause_span(sentence, b + 1, b + 1))
    if a > 0:
        out.append(clause_span(sentence, a - 1, a - 1))
    return out
