"""Events: the dated happenings of an article, for the fact sheet's timeline.

Every date expression in the body is a candidate (see `dates.find_dates`). A candidate becomes
an event unless it is no happening: a day counted from a speaker's "now" inside a quotation,
a comparison baseline ("up 5% from a year ago"), a period something lasts "since", a habit
("every Tuesday"). Its `what` is the clause the date belongs to, without the date words.
The same happening told twice on the same day is kept once.
"""

from __future__ import annotations

import re

from generator.articles import Article, Sentence
from generator.extract.dates import DateMention, direction, find_dates, resolve
from generator.model import Event

SOURCE_ID = "s1"
STOP = frozenset(["the", "a", "an", "of", "and", "in", "on", "to", "for", "by", "with", "at",
                  "from"])

# Clauses the `what` may not run across.
SEGMENT_BREAK = re.compile(
    r";\s|(?<=[a-z]{3})\.[\"\u201d]?\s+(?=[A-Z\"\u201c])|"
    r",\s+(?:but|while|whereas|although|though)\s|\s(?:but|whereas|although)\s|"
    r",\s+with\s+(?=(?:the|a|an)\s)|"
    r",?\s+and\s+(?=(?:[\w'-]+\s){1,6}(?:is|are|was|were|will|would|shall|has|have|had|could|"
    r"may|might|says|said|\w+ed)\b(?!\s+by))")
VERB = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|says|said|[a-z]{2,}ed|began|went|"
                  r"took|came|made|held|won|met|left|fell|rose|saw|gave|got|put)\b")
ATTRIBUTION = re.compile(r",\s+(?:[\w.'-]+\s+){1,6}(?:said|says|told\s+\w+|reported|announced)"
                         r"(?:\s+(?:on|late|early|earlier)\b.*)?\s*[.]?$")
DASH = re.compile(r"\s[\u2014\u2013-]{1,2}\s")
BASELINE = re.compile(r"\b(?:(?:from|than|over|versus|vs\.?|compared (?:with|to))"
                      r"(?:\s+\S*\d\S*(?:\s+(?:in|on|at))?)?|since|every|each|per)\s+$",
                      re.IGNORECASE)
DATE_PREPOSITION = re.compile(
    r"(?:\b(?:earlier|later|late|early)\s+)?(?:\b(?:on|in|at|during|from|since|of|as of|before|"
    r"by|until|after|through|for)\b)?\s*$", re.IGNORECASE)
DATE_JOINER = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or)\s*$")
VP_AND = re.compile(r",?\s+and\s+(?=(?:[a-z]{2,}ed|was|were|is|are|has|had|will|would)\b)")
SUBORDINATOR = re.compile(r"\b(?:after|before|when|because|as|As|since)\s+(?=\S)")
REPORTED = re.compile(r"\b(?:said|says|declared|announced|stated|warned|added|confirmed|"
                      r"reported|told [\w ]{2,40}?)\s+that\s+")
FRONTED = re.compile(r"^(?:In|On|At|During|After|Following|Despite|Amid|Before|Under|With)\b"
                     r"[^,]{0,80},\s+(?=\S+(?:\s+\S+){3})")
CONNECTIVE = re.compile(
    r"^(?:Also|Meanwhile|However|Furthermore|Moreover|In addition|But|And|Then|So|Still|"
    r"Separately|Instead|Now|Again|For example|For instance)\b,?\s*")
TAIL = re.compile(r",\s+(?:according to|including)\b.*$|\s(?:in|of|during|at) which\b.*$")
RECAP = re.compile(r"^(?:The|This|That|It)\b(?:\s+[\w-]+){0,2}\s+(?:occurred|happened|took place|"
                   r"came)\b")
RELATIVE = re.compile(r"(?:,\s+|\s)(?:who|which)\s+"
                      # "an earthquake that struck ...": "that" before a verb, not before a
                      # clause's subject ("said that the troops ...")
                      r"|\s(?P<that>that)\s+(?=[a-z]+ed\b|(?:was|were|is|are|has|had|have|will"
                      r"|would|could|can|may|might|hit|struck|began|broke|fell|rose|won|lost|led"
                      r"|held|met|sent|made|brought|caught|found|gave|ran|saw|shot|spoke|took"
                      r"|left|came|went|cut|spread|shut|cost|swept|tore|drew|hurt)\b)")
NEAREST_NOUN = re.compile(r".*\b((?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+)$",
                          re.IGNORECASE | re.DOTALL)  # the last determiner's noun phrase
ANTECEDENT_START = re.compile(r".*(?:^|,\s+|\b(?:by|to|with|for|said|says|told)\s+)", re.DOTALL)
REDUCED_PASSIVE = re.compile(r"\b(?P<np>(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+"
                             r"(?P<verb>[a-z]+ed)\s+by\s+(?P<agent>.+?)\s*$")
DATELINE_TAIL = re.compile(r"^\s*(?:\([^)]*\))?\s*[-\u2013\u2014]+\s")
WEEKDAY_MODIFIER = re.compile(r"^\s+(?!(?:morning|afternoon|evening|night)\b)[a-z]+\b")
DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|her|his|its|their|our|your|my|during)|'s)\s+$",
                               re.IGNORECASE)
PLAN_AFTER = re.compile(r"\s+(?:budget|plan|forecast|projection|target|estimate|outlook"
                        r"|strategy|guidance|accounts|programme|program)s?\b")
CONTRAST = re.compile(r"\s*(?:not|or|and|rather than|instead of|but not)?\s*", re.IGNORECASE)
OBLIGED = re.compile(r"\b(?:needs?|ought|has|have)\s+to\b|\bmust\b", re.IGNORECASE)
ORDINAL_COUNT = re.compile(r"\b(?:first|second|third|fourth|fifth|\w{3,}est|so far)\b"
                           r"(?:\s+[\w-]+){0,6}\s+$", re.IGNORECASE)
NAME_LEAD = ("On", "Last", "Next", "This", "Earlier", "Later", "By", "Since", "Until", "Late",
             "Early")
MONTH_AHEAD = re.compile(r"\s+(?:January|February|March|April|May|June|July|August|September|"
                         r"October|November|December)\b")


def extract_events(article: Article) -> list[Event]:
    """Dated or datable happenings, in the order the article tells them."""
    events: list[Event] = []
    told: list[tuple[str, set[str]]] = []  # (date or date text, words of what) already listed
    anchor_year: int | None = None  # the last year named, for "the following year"
    quoted = _quoted_spans(article)
    for sentence in article.sentences:
        text = sentence.text
        mentions = [d for d in find_dates(text) if not (d.kind == "weekday" and _in_name(text, d))]
        happening = [d for d in mentions if _is_happening(sentence, d, quoted)]
        for d in mentions:
            year_before, anchor_year = anchor_year, d.year or anchor_year
            if d not in happening:
                continue
            date = resolve(d, article.published, direction(text, d), year_before)
            what = describe(text, d, happening, _quote_around(sentence, d, quoted))
            key, words = date or _norm(d.text), _words(what)
            if not what or _told_before(key, what, words, told):
                continue
            told.append((key, words))
            events.append(Event(date=date, date_text=d.text, what=what, evidence=text,
                                source=SOURCE_ID))
    return events


def _is_happening(sentence: Sentence, d: DateMention, quoted: dict[int, list]) -> bool:
    """Whether a date expression dates something that happened or is scheduled."""
    text = sentence.text
    before = text[:d.start]
    if d.deictic and _quote_around(sentence, d, quoted):
        return False  # the speaker's "today" is not the article's
    if BASELINE.search(before) and not re.search(r"\b(?:to|and|until)\b", d.text):
        return False  # "up from a year earlier", "since 2021", "every Tuesday"
    if d.kind == "weekday" and WEEKDAY_MODIFIER.match(text[d.end:]) \
            and DETERMINER_BEFORE.search(before):
        return False  # "her Sunday visit", "during Tuesday sessions"
    if d.kind == "period" and d.rel == "this" and ORDINAL_COUNT.search(before):
        return False  # "its second recall this year" counts, it does not date
    if d.kind == "year" and DETERMINER_BEFORE.search(before) and PLAN_AFTER.match(text[d.end:]):
        return False  # "the government's 2026 budget assumes ..." names a plan, dates nothing
    if OBLIGED.search(_own_clause(sentence, d, quoted)):
        return False  # "both sides need to get back in the room this week": a demand
    # "March 5 (Reuters) -" opening the text is the dateline
    return not (sentence.index == 0 and not before.strip(" ,")
                and DATELINE_TAIL.match(text[d.end:]))


def _own_clause(sentence: Sentence, d: DateMention, quoted: dict[int, list]) -> str:
    """The words before a date in its clause: from the last comma, or from the clause's start
    when the date only contrasts with one before it ("this week, not next month")."""
    text = sentence.text
    a, _ = _segment(text, d, _quote_around(sentence, d, quoted), [d])
    clause = text[a:d.start]
    piece = clause[clause.rfind(",") + 1:]
    return clause if CONTRAST.fullmatch(piece) else piece


def _in_name(text: str, d: DateMention) -> bool:
    """"Good Friday Agreement", "the Sunday Times": a weekday inside a name."""
    before = re.search(r"([A-Z][\w'-]*)\s+$", text[:d.start])
    if before and d.start > len(before.group(0)) and before.group(1) not in NAME_LEAD:
        return True
    return bool(re.match(r"\s+[A-Z][a-z]", text[d.end:]) and not MONTH_AHEAD.match(text[d.end:]))


def describe(sentence: str, d: DateMention, mentions: list[DateMention] | None = None,
             quote: tuple[int, int] | None = None) -> str:
    """What happened: the clause carrying the date, without the date words."""
    mentions = mentions or [d]
    a, b = _segment(sentence, d, quote, mentions)
    vp = VP_AND.search(sentence, d.end, b)
    b = vp.start() if vp else b  # "went into force on Jan. 19 and involved ..."
    subject = ""
    for vp in VP_AND.finditer(sentence, a, d.start):  # "met on Tuesday and will meet on Monday"
        verb = VERB.search(sentence, a, vp.start())
        subject, a = (sentence[a:verb.start()], vp.end()) if verb else (subject, a)
    for m in SUBORDINATOR.finditer(sentence, a, d.start):
        if m.end() < d.start and "," not in sentence[m.end():d.start]:
            a = m.end()  # "The report comes after North and South Korea exchanged fire ..."
    for m in REPORTED.finditer(sentence, a, d.start):
        a = m.end()  # "Medvedev declared that Russian troops would start ... on Monday"
    tail = ATTRIBUTION.search(sentence, d.end, b)
    b = tail.start() if tail else b  # the date is in what was said, not in the saying
    clause = _relative_clause(sentence, d, a, b) or _without_dates(sentence, a, b, mentions)
    return _tidy(subject + clause)


def _segment(sentence: str, d: DateMention, quote: tuple[int, int] | None,
             mentions: list[DateMention]) -> tuple[int, int]:
    """The stretch of the sentence between clause breaks that contains the date."""
    a, b = quote or (0, len(sentence))
    breaks = [m for m in SEGMENT_BREAK.finditer(sentence, a, b)
              if "and" not in m.group(0) or _and_joins_clauses(sentence, a, m, mentions)]
    dashes = [m for m in DASH.finditer(sentence, a, b) if not d.start <= m.start() < d.end]
    if len(dashes) % 2:  # a lone dash breaks; a pair encloses an aside
        breaks += dashes
    for m in sorted(breaks, key=lambda m: m.start()):
        if m.end() <= d.start:
            a = m.end()
        elif m.start() >= d.end:
            b = m.start()
            break
    return a, b


def _and_joins_clauses(sentence: str, a: int, m: re.Match, mentions: list[DateMention]) -> bool:
    """"... began on Aug. 10 and Seoul says ..." joins clauses; "North and South Korea" does not."""
    if any(x.end == m.start() for x in mentions) and any(x.start == m.end() for x in mentions):
        return False  # "in 2006 and 2008"
    left = sentence[a:m.start()]
    cut = max(left.rfind(","), left.rfind(";"))
    return bool(VERB.search(left[cut + 1:]))


def _without_dates(sentence: str, a: int, b: int, mentions: list[DateMention]) -> str:
    """sentence[a:b] with every date expression and its preposition taken out."""
    cuts: list[list] = []  # [start, end, replacement]
    for m in mentions:
        if m.start < a or m.end > b:
            continue
        if sentence[m.end - 2:m.end] in ("'s", "\u2019s"):
            cuts.append([m.start, m.end, "the"])  # "in Sunday's vote" -> "in the vote"
            continue
        lead = DATE_PREPOSITION.search(sentence, cuts[-1][1] if cuts else a, m.start)
        start, end = lead.start(), m.end
        if cuts and DATE_JOINER.match(sentence[cuts[-1][1]:start]):
            cuts[-1][1] = end  # "in 2006 and 2008"
            continue
        if sentence[end:end + 1] == "," and (not sentence[a:start].strip() or m.kind == "full"):
            end += 1  # "On Friday, fishermen ..." / "introduced on March 9, 2007, by ..."
        cuts.append([start, end, ""])
    out, pos = [], a
    for start, end, replacement in cuts:
        out += [sentence[pos:start], replacement]
        pos = end
    out.append(sentence[pos:b])
    return " ".join(out)


def _tidy(clause: str) -> str:
    """A clause cleaned into a short statement starting with a capital."""
    clause = re.sub(r"\s[\u2014\u2013-]{1,2}\s.*?\s[\u2014\u2013-]{1,2}\s", " ", clause)
    clause = " ".join(re.sub(r"[\"\u201c\u201d]", "", clause).split())
    clause = re.sub(r"\s+([,.;:])", r"\1", clause)
    clause = re.sub(r"(?:,\s*)+,", ",", clause).strip(" ,")
    for _ in range(2):
        clause = CONNECTIVE.sub("", clause).strip(" ,")
        clause = FRONTED.sub("", clause).strip(" ,")
    clause = TAIL.sub("", clause)
    clause = _shorten(clause).strip(" ,.;:\"'\u201c\u201d\u2018\u2019")
    if len(clause.split()) < 2:
        return ""
    return clause[0].upper() + clause[1:]


def _relative_clause(sentence: str, d: DateMention, a: int, b: int) -> str | None:
    """"X, who voted against the bill on Monday" -> "X voted against the bill";
    "the bill rejected by the House on Monday" -> "the House rejected the bill"."""
    end = sentence.find(",", d.end, b)
    end = b if end < 0 else end
    passive = REDUCED_PASSIVE.search(sentence, a, d.start)
    if passive:
        agent = DATE_PREPOSITION.sub("", passive["agent"]).strip()
        return f"{agent} {passive['verb']} {passive['np']}{sentence[d.end:end]}"
    rel = None
    for m in RELATIVE.finditer(sentence, a, d.start):
        if "," not in sentence[m.end():d.start]:
            rel = m
    if rel is None:
        return None
    head = ANTECEDENT_START.sub("", sentence[a:rel.start()]).strip()
    if rel["that"]:  # "the toll from an earthquake that struck": the nearest noun struck
        nearest = NEAREST_NOUN.match(head)
        if nearest is None:
            return None
        # no comma closes a "that" clause: what follows the date is the main clause's
        head, end = nearest.group(1), d.end
    elif not head or not head[0].isupper() and not head.startswith(("the ", "a ", "an ")):
        return None
    body = DATE_PREPOSITION.sub("", sentence[rel.end():d.start]) + " " + sentence[d.end:end]
    return head + " " + body


def _shorten(clause: str) -> str:
    """Long clauses lose their trailing participle or relative clause."""
    words = clause.split()
    if len(words) <= 22:
        return clause
    for m in re.finditer(r",\s+(?:\w+ing|which|who|where|with)\b", clause):
        if len(clause[:m.start()].split()) >= 6:
            return clause[:m.start()]
    words = words[:22]
    while words[-1].lower() in STOP or words[-1].lower() in ("that", "who", "which", "as"):
        words.pop()  # end on a word that carries meaning, not on "to" or "the"
    return " ".join(words)


def _told_before(key: str, what: str, words: set[str], keys: list[tuple[str, set[str]]]) -> bool:
    """The same day's happening already on the timeline: a retelling or a recap."""
    for other_key, other in keys:
        if other_key != key:
            continue
        if RECAP.match(what):
            return True
        if words and other and len(words & other) / min(len(words), len(other)) >= 0.6:
            return True
    return False


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP}


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _quoted_spans(article: Article) -> dict[int, list[tuple[int, int]]]:
    """Per paragraph, the character spans inside quotation marks (an unclosed one runs on)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for p, paragraph in enumerate(article.paragraphs):
        found = [(m.start(), m.end()) for m in
                 re.finditer(r"\u201c[^\u201d]*(?:\u201d|$)", paragraph)]
        marks = [m.start() for m in re.finditer(r'"', paragraph)] + [len(paragraph)]
        found += [(a, b) for a, b in zip(marks[::2], marks[1::2])]
        spans[p] = found
    return spans


def _quote_around(sentence: Sentence, d: DateMention,
                  quoted: dict[int, list]) -> tuple[int, int] | None:
    """The span of the quotation a date stands in, in sentence offsets, or None."""
    at = sentence.start + d.start
    for a, b in quoted.get(sentence.paragraph, ()):
        if a < at < b:
            return max(0, a + 1 - sentence.start), min(len(sentence.text), b - 1 - sentence.start)
    return None
