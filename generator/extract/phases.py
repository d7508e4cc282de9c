"""Phases: the numbered stages of the process an article is about.

A stage needs a stage noun (phase, stage, round, tranche, reading; step, leg, vote, ballot,
referendum, trial, hearing when the article counts them) with a number: "the first phase",
"Phase two", "the second round", "Third Reading", "a run-off" (a second round), "a three-phase
deal" (three stages), "two referendums ... The first referendum", "two votes ... The second
was ...". "Second term", "first time" are no stages, but "the fourth time" a court acquits,
after "three trials", is. Stages that a later one implies are listed too. A stage's status
comes from the cue words of the clauses that mention it; the strongest cue wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.articles import Article
from generator.extract.dates import PAST, direction, find_dates, resolve
from generator.extract.process_stages import extract_process_stages
from generator.model import Phase

ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth"]
NUMBERS = {w: i for i, w in enumerate(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], start=1)}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
# Stage nouns by family: (singular, plural). A strong one is a process in stages as soon as it
# is numbered; a weak one needs a count or two numbered mentions ("a first step" is a figure
# of speech, "the first of two votes" is not).
FAMILIES = {
    "phase": ("phase", "phases"), "stage": ("stage", "stages"), "round": ("round", "rounds"),
    "reading": ("reading", "readings"), "tranche": ("tranche", "tranches"),
    "step": ("step", "steps"), "leg": ("leg", "legs"), "vote": ("vote", "votes"),
    "ballot": ("ballot", "ballots"), "referendum": ("referendum", "referendums|referenda"),
    "trial": ("trial", "trials"), "hearing": ("hearing", "hearings"),
}
STRONG = ("phase", "stage", "round", "reading", "tranche")
EVENTLIKE = ("round", "reading", "vote", "ballot", "referendum", "trial", "hearing", "leg")
ITERATED = ("trial", "vote", "ballot", "referendum", "hearing", "reading")
COUNTS = ("count", "compound")

_ORD = (r"(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|initial|"
        r"final|last|[1-9](?:st|nd|rd|th))")
_NUM = r"(?P<num>one|two|three|four|five|six|seven|eight|nine|ten|[1-9]|I{1,3}|IV|VI?)"
_COUNT = r"(?P<count>two|three|four|five|six|seven|eight|nine|ten|[2-9])"
_MOD = r"(?:(?!(?:of|the|a|an|to|in|on|and|time|day|week|year|term)\b)[A-Za-z][\w'.-]*\s+){0,2}?"
_NOT_AMMUNITION = (r"(?<!fired )(?<!shot )(?<!fire )(?!\s+of\s+(?:artillery|ammunition|fire|"
                   r"gunfire|shells|bullets|shots|golf|applause|drinks|rocket|mortar))")

STATUS_CUES = [(status, re.compile(cue, re.IGNORECASE)) for status, cue in [
    ("collapsed", r"\b(?:collapsed|broke down|broken down|fell apart|fell through|unravell?ed)\b"),
    ("suspended", r"\b(?<!be )(?:suspended|paused|halted|put on hold|frozen|postponed)\b"),
    ("negotiating", (r"\b(?:talks|negotiations?|negotiating|contacts|discussions)\b"
                    r"(?!\s+(?:on|over|about)\s+(?:the\s+)?(?:deal|agreement)\b)")),
    ("in_force", (r"\b(?:went|came|entered|goes|comes|enter) into (?:force|effect)\b|"
                 r"\bt(?:ook|akes) effect\b|\bin (?:force|effect)\b|\bongoing\b|\bunder ?way\b|"
                 r"\bbeing implemented\b")),
    ("begun", r"\b(?:began|begun|started|kicked off|got under way)\b"),
    ("completed", (r"\b(?:completed|ended|concluded|finished|passed|approved|adopted|took place|"
                  r"was held|were held|results?|won|wrapped up|acquitted|cleared|disbursed|paid|"
                  r"is over|was over)\b")),
    ("planned", (r"\b(?:will|shall|is to|are to|is due|are due|due to|intended|intends?|"
                 r"planned|plans? to|scheduled|set to|expected to|would|aims? to|is meant|"
                 r"are meant)\b|'ll\b")),
]]
RANK = {"collapsed": 6, "suspended": 5, "completed": 4, "in_force": 3, "begun": 3,
        "negotiating": 2, "planned": 1, "unknown": 0}
START_CUE = re.compile(r"\b(?:into (?:force|effect)|took effect|began|begin|started|start|held|"
                       r"passed|opens?|opened|launched|become law)\b")
TERMS_CUE = re.compile(r"(?<!\bwhich )(?<!\bwho )(?<!\bthat )\b(?:involved|involves|involve|"
                       r"includes|included|include|would see|will see|provides? for|provided for|"
                       r"calls? for|called for|covers?|focus(?:es)? on|is meant to|aims? to)\s+"
                       r"(?:(?:agreements?|talks|negotiations|discussions)\s+on\s+)?")
LAW = re.compile(r"\b(?:becomes?|became) law\b|\broyal assent\b|\bsigned into law\b",
                 re.IGNORECASE)
RELATIVE = re.compile(r"\b(?:that|which|who)\b[^,;]*")
SUBORDINATE = re.compile(r"\b(?:after|before|because|since|once|until|when|if|unless)\b[^,;]*")
SEGMENT_BREAK = re.compile(r";\s|,?\s+(?:but|while|whereas|although|though)\s|\s[\u2014\u2013]\s")
ANAPHOR = re.compile(rf"(?:The|the)\s+{_ORD}\b(?=\s*(?:,|was|is|will|would|came|took|of|had|has|"
                     rf"were|saw)\b)")
ANY_STAGE = re.compile(r"\b(?:" + "|".join(f"{one}|{many}" for one, many in FAMILIES.values())
                       + r")\b", re.IGNORECASE)
NOUN_FAMILY = {noun: fam for fam, (one, many) in FAMILIES.items()
               for noun in [one, *many.split("|")]}
RUNOFF = re.compile(r"\brun-?offs?\b", re.IGNORECASE)
ELECTION = re.compile(r"\b(?:election|vote|ballot|poll|presidential|candidate)", re.IGNORECASE)
ITERATION = re.compile(rf"\b{_ORD}\s+time\b(?:\s+(?:that\s+)?[\w'-]+){{0,4}}")
DURATION = r"(?P<size>one|two|three|four|five|six|seven|eight|nine|ten|twelve|\d{1,3})"
DURATION_NEAR = [re.compile(p, re.IGNORECASE) for p in (
    (rf"\b(?:lasts?|lasting|will last|would last)\s+(?:for\s+)?{DURATION}\s+(?P<unit>day|week|"
    rf"month|year)s?\b"),
    rf"\b{DURATION}-(?P<unit>day|week|month|year)\s+(?:\w+\s+)?(?:phase|stage|period)\b")]
DURATION_FIRST = re.compile(rf"\b(?:initial|first)\s+{DURATION}-(?P<unit>day|week|month|year)\b",
                            re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """One place where the article names, counts or implies a stage."""

    family: str
    number: int | None  # the stage's number; for a count, how many stages; -1 for "final"
    kind: str  # ordinal | count | compound | iteration | anaphora | law
    text: str
    sentence: int
    start: int


def extract_phases(article: Article) -> list[Phase]:
    """The stages of the process the article describes, numbered from 1; [] if there is none."""
    sentences = [s.text for s in article.sentences]
    mentions = [m for i, text in enumerate(sentences) for m in _mentions(text, i)]
    mentions += _anaphora(sentences, mentions)
    family = _main_family(mentions)
    if family is None:
        return extract_process_stages(article)  # a bill, case or deal told without numbers
    ours = [m for m in mentions
            if m.family == family or (m.kind == "iteration" and family in ITERATED)]
    total = max((m.number for m in ours if m.kind in COUNTS), default=0)
    ours = [replace(m, number=total or None) if m.number == -1 else m for m in ours]
    ours += _law_stage(sentences, family, ours)
    return _build(article, sentences, family, [m for m in ours if m.number])


def _family_patterns(fam: str, one: str, many: str) -> list[tuple[str, re.Pattern]]:
    skip = _NOT_AMMUNITION if fam == "round" else ""
    return [(kind, re.compile(p, re.IGNORECASE)) for kind, p in [
        ("ordinal", rf"\b{_ORD}[\s-]+{_MOD}(?:{one})\b{skip}"),
        ("numbered", (rf"\b(?:{one})\s+{_NUM}\b(?![\w-]|\s+(?:weeks?|days?|months?|years?|hours?|"
                     rf"percent|per cent)\b)")),
        ("compound", rf"\b{_COUNT}-(?:{one})\b"),
        ("count", (rf"(?<!\bby )\b{_COUNT}\s+(?:(?:separate|more|further|successive|consecutive|"
                  rf"different|national)\s+)?(?:{many})\b{skip}")),
    ]]


PATTERNS = {fam: _family_patterns(fam, *nouns) for fam, nouns in FAMILIES.items()}


def _mentions(text: str, i: int) -> list[Mention]:
    """Stage mentions in one sentence."""
    out = []
    present = {NOUN_FAMILY[m.group(0).lower()] for m in ANY_STAGE.finditer(text)}
    for fam in (f for f in FAMILIES if f in present):
        for kind, pattern in PATTERNS[fam]:
            for m in pattern.finditer(text):
                if kind == "numbered" and (fam not in STRONG + ("step",)
                                           or m["num"].upper() in ROMAN and m["num"] not in ROMAN):
                    continue
                number = (_ordinal(m["ord"]) if kind == "ordinal" else
                          _number(m["num"]) if kind == "numbered" else _number(m["count"]))
                out.append(Mention(fam, number, "ordinal" if kind == "numbered" else kind,
                                   m.group(0), i, m.start()))
    if ("un-off" in text or "unoff" in text) and ELECTION.search(text):
        out += [Mention("round", 2, "ordinal", m.group(0), i, m.start())
                for m in RUNOFF.finditer(text)]
    if " time" in text:
        for m in ITERATION.finditer(text):
            if (_ordinal(m["ord"]) or 0) > 1:
                out.append(Mention("*", _ordinal(m["ord"]), "iteration", m.group(0), i, m.start()))
    return sorted(out, key=lambda m: m.start)


def _ordinal(word: str) -> int | None:
    """1 for "first" or "initial", -1 for "final" (the total, once known)."""
    word = word.lower()
    if word in ("final", "last"):
        return -1
    if word in ORDINALS or word == "initial":
        return ORDINALS.index(word) + 1 if word in ORDINALS else 1
    return int(word[:-2]) if word[:-2].isdigit() else None


def _number(word: str) -> int:
    return ROMAN.get(word) or NUMBERS.get(word.lower()) or int(word)


def _anaphora(sentences: list[str], mentions: list[Mention]) -> list[Mention]:
    """"There were two votes. The first was ... The second was ...": the ordinals point back."""
    out = []
    for c in (m for m in mentions if m.kind == "count"):
        for i in range(c.sentence + 1, min(c.sentence + 4, len(sentences))):
            m = ANAPHOR.match(sentences[i])
            if m and (_ordinal(m["ord"]) or 0) > 0:
                name = f"{m['ord'].capitalize()} {FAMILIES[c.family][0]}"
                out.append(Mention(c.family, _ordinal(m["ord"]), "anaphora", name, i, 0))
    return out


def _main_family(mentions: list[Mention]) -> str | None:
    """The family of stage nouns the story is told in; a weak one needs corroboration."""
    best, best_score = None, 0.0
    for fam in FAMILIES:
        ms = [m for m in mentions if m.family == fam]
        numbered = {m.number for m in ms
                    if m.kind in ("ordinal", "anaphora") and (m.number or 0) > 0}
        counted = any(m.kind in COUNTS for m in ms)
        iterated = fam in ITERATED and any(m.kind == "iteration" for m in mentions)
        if fam in STRONG:  # "fired three rounds" is no process; "a three-phase deal" is
            qualifies = numbered or any(m.kind == "compound" for m in ms)
        else:
            qualifies = len(numbered) >= 2 or counted and (numbered or iterated)
        score = len(ms) + (0.5 if fam in STRONG else 0)
        if qualifies and score > best_score:
            best, best_score = fam, score
    return best


def _law_stage(sentences: list[str], family: str, ours: list[Mention]) -> list[Mention]:
    """A bill's readings end in its becoming law: that is the stage after the last reading."""
    if family != "reading":
        return []
    last = max((m.number for m in ours if m.number), default=0)
    for i, text in enumerate(sentences):
        hit = LAW.search(text)
        if hit:
            return [Mention(family, last + 1, "law", hit.group(0), i, hit.start())]
    return []


def _build(article: Article, sentences: list[str], family: str,
           ours: list[Mention]) -> list[Phase]:
    """One phase per number up to the highest named or counted."""
    top = max((m.number for m in ours), default=0)
    phases = [_phase(article, sentences, family, n, ours) for n in range(1, top + 1)]
    for p in phases:  # a stage that a later, begun one implies is over
        later = [q.status for q in phases if q.number > p.number]
        implied = not any(m.number == p.number and m.kind not in COUNTS or
                          m.kind == "count" and m.number >= p.number for m in ours)
        if p.status == "unknown" and implied and later and (
                family in EVENTLIKE or any(s in ("in_force", "completed") for s in later)):
            p.status = "completed"
    return phases


def _phase(article: Article, sentences: list[str], family: str, n: int,
           ours: list[Mention]) -> Phase:
    """A phase from the mentions that name it, or the count or later stage that implies it."""
    named = [m for m in ours if m.number == n and m.kind not in COUNTS]
    counts = [m for m in ours if m.kind in COUNTS and m.number >= n]
    later = [m for m in ours if m.number > n and m.kind not in COUNTS]
    status, best = "unknown", None
    segments = []
    for m in named or [c for c in counts if c.kind == "count"]:
        segment = _segment(sentences[m.sentence], m, [o for o in ours if o.sentence == m.sentence])
        segments.append((m, segment))
        s = _status(_focus(segment, m), family)
        if RANK[s] > RANK[status]:
            status, best = s, segment
    start, start_text = _start(article, best) if named and status != "negotiating" else (None, None)
    evidence = dict.fromkeys(sentences[m.sentence] for m in named or counts[:1] or later[:1])
    return Phase(
        number=n,
        name=_name(named, family, n, bool(counts)),
        status="in_force" if status == "begun" else status,
        start=start,
        start_text=start_text,
        duration=_duration(sentences, named, n),
        terms=_terms([(m, s) for m, s in segments if m in named]),
        evidence=" ".join(evidence) or None,
    )


def _segment(sentence: str, m: Mention, others: list[Mention]) -> str:
    """The clause a mention stands in: split at ';', 'but', 'although' and at other stages."""
    a, b = 0, len(sentence)
    for brk in SEGMENT_BREAK.finditer(sentence):
        if brk.end() <= m.start:
            a = brk.end()
        elif brk.start() > m.start:
            b = brk.start()
            break
    for o in others:  # "phase two starts once phase one is completed"
        if o.number != m.number and o.kind not in COUNTS:
            b = min(b, o.start) if o.start > m.start else b
            a = max(a, o.start + len(o.text)) if o.start < m.start else a
    return sentence[a:b]


def _focus(text: str, m: Mention) -> str:
    """A clause without the subordinate and distant relative clauses after the mention, which
    speak of something else ("a run-off after neither won", "a truce that collapsed")."""
    at = text.find(m.text) + len(m.text)
    if at < len(m.text):
        return text
    rest = SUBORDINATE.sub(" ", text[at:])  # "... run-off after neither won": another clause
    return text[:at] + RELATIVE.sub(lambda r: r.group(0) if r.start() < 25 else " ", rest)


def _status(segment: str, family: str) -> str:
    """The strongest cue in a clause ("begun" for a start); past tense closes a vote or trial."""
    one, many = FAMILIES[family]
    text = re.sub(rf"\b(?:{one}|{many}) of (?:talks|negotiations)\b", " ", segment,
                  flags=re.IGNORECASE)
    found = {status for status, cue in STATUS_CUES if cue.search(text)}
    if "negotiating" in found:
        found.discard("begun")  # "talks on the second phase have begun"
    if found:
        return max(found, key=RANK.get)
    return "completed" if family in EVENTLIKE and PAST.search(text) else "unknown"


def _start(article: Article, segment: str | None) -> tuple[str | None, str | None]:
    """The date in the clause that says the phase starts or started ("went into force on ...")."""
    if segment is None or not START_CUE.search(segment):
        return None, None
    for d in find_dates(segment):
        text = re.split(r"\s+(?:to|until|through|and)\s+|\s*[-\u2013]\s*", d.text)[0]
        start = resolve(d, article.published, direction(segment, d))
        return (start if start and len(start) == 10 else None), re.sub(r"^between\s+", "", text)
    return None, None


def _name(named: list[Mention], family: str, n: int, counted: bool) -> str | None:
    """The stage's name as written, a capitalised one first ("Phase two", "Third Reading")."""
    if not named:
        implied = not counted and n <= len(ORDINALS)
        return f"{ORDINALS[n - 1].capitalize()} {FAMILIES[family][0]}" if implied else None
    texts = [m.text for m in named]
    text = next((t for t in texts if t[0].isupper() and not t.startswith("The ")), texts[0])
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    return text[0].upper() + text[1:]


def _duration(sentences: list[str], named: list[Mention], n: int) -> str | None:
    """"lasting 60 days" by a phase -> "60 days"; "the initial six-week truce" -> phase 1."""
    hits = [p.search(sentences[m.sentence]) for m in named for p in DURATION_NEAR]
    if n == 1:
        hits += [DURATION_FIRST.search(s) for s in sentences]
    m = next((h for h in hits if h), None)
    if m is None:
        return None
    return f"{m['size']} {m['unit'].lower()}{'' if m['size'] in ('one', '1') else 's'}"


def _terms(segments: list[tuple[Mention, str]]) -> list[str]:
    """What the phase does: the list after "involved", "is intended to focus on" ..."""
    for mention, segment in segments:
        m = TERMS_CUE.search(segment)
        at = segment.find(mention.text)
        if not m or at < 0 or m.start() < at:
            continue  # the phase must be what involves, not something named after it
        tail = re.split(r"[.;:]\s|[.;:]?$", segment[m.end():])[0]
        items = re.split(r",\s+(?:and\s+)?|\s+and\s+(?=(?:the|a|an|some|all|its|their)\s)", tail)
        items = [i.strip(" ,.\"\u201d") for i in items if len(i.split()) >= 2]
        if items:
            return items
    return []
