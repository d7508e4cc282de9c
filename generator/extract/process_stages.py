"""Process stages: the steps of a well-known process that an article tells without numbering.

A bill goes from a committee to a floor vote, to the other chamber, to signature; a case goes
from the High Court to the Court of Appeal to the Supreme Court; a takeover goes from a tender
offer to a merger. A process counts only when the article names at least two of its stages,
each with a word that says something happens there ("approved", "will take up", "ruling"), or,
for a takeover, says the steps follow each other ("two-step", "followed by"). Stages are
numbered in the process's own order, not the article's; quoted speech is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.articles import Article
from generator.extract.dates import direction, find_dates, resolve
from generator.model import Phase

CHAMBER = (r"(?:U\.S\.\s+)?Senate|House of (?:Representatives|Commons|Lords|Delegates)|"
           r"(?:(?<=\bthe )|(?<=\bThe )|(?<=\ba )|(?<=U\.S\. )|^)House\b(?! of)|"
           r"(?<=the )(?:Commons|Lords)\b|National Assembly|Bundestag|Bundesrat|Duma|"
           r"Federation Council|Rajya Sabha|Lok Sabha|(?:upper|lower) (?:house|chamber)")
_CH = rf"(?P<ch>{CHAMBER})"
_BILL_OBJ = r"(?:it|the\s+(?:\w+\s+){0,3}?(?:bill|measure|legislation))"
BILL = re.compile(r"\b(?:bills?|legislation|measures?|[A-Z]\w*\s+Act|budget)\b")
COMMITTEE = re.compile(rf"{_CH}\s+(?:(?:[A-Z][\w&'.-]*|and|on|of|&)\s+){{0,7}}?"
                       rf"(?:(?!(?:to|a|an|the|has|is|will|and|voted|set|said)\b)[a-z]+\s+){{0,2}}?"
                       rf"[Cc]ommittee\b")
COMMITTEE_ACT = re.compile(
    r"\b(?:approved|approves|passed|passes|advanced|cleared|backed|endorsed|rejected|adopted|"
    r"vot(?:e|es|ed|ing)|takes? up|took up|consider(?:s|ed)?|debated?|mark(?:ed)? up|markup)\b")
# Between a chamber and its verb only small words, numbers and dates: "the Senate on Wednesday
# passed", not "Senate Majority Leader Jane Roe said she would vote".
_GAP = (r"(?:,?\s+(?!(?:said|says|told|and|but|or|committee|who|which|that)\b)(?:[a-z][\w'-]*|"
        r"\d[\d,.-]*|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|"
        r"Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?)){0,6}?")
FLOOR = [re.compile(p) for p in (
    (rf"{_CH}{_GAP},?\s+(?:passed|passes|pass|approved|approves|approve|adopted|rejected|voted|"
     rf"votes|vote|takes? up|took up|consider|considers|debate|debates)\b"),
    (rf"\b(?:passed|cleared|sailed through|(?:approved|rejected|adopted|passed) by|(?:now\s+)?goes "
     rf"to|go to|went to|heads to|headed to|moves to|sent to|sending it to|send it to|"
     rf"sends it to)\s+(?:the\s+)?(?:full\s+)?{_CH}"),
    rf"{_CH}\s+(?:floor\s+)?(?:vote|passage)\b",
)]
TO_FLOOR = re.compile(rf"\b(?:bring|brings|brought|take|takes|took)\s+{_BILL_OBJ}\s+to the floor\b")
SIGNATURE = re.compile(rf"\bsign(?:s|ed)?\s+(?:{_BILL_OBJ}\s+)?into law\b|\bsign(?:s|ed)?\s+"
                       rf"{_BILL_OBJ}|\broyal assent\b|\b(?:become|becomes|became)\s+law\b")

COURTS = [(3, re.compile(r"\b(?:High Court of Australia|Supreme Court(?: of (?:Appeals?|Justice))?|"
                         r"Constitutional Court|Court of Cassation|(?:top|highest) court)\b")),
          (2, re.compile(r"\b(?:Court of (?:Criminal )?Appeals?|(?:[Ff]ederal |[Ss]tate )?"
                         r"[Aa]ppeals? [Cc]ourt|[Aa]ppellate [Cc]ourt)\b")),
          (1, re.compile(r"\b(?:High Court|(?:[Ff]ederal )?[Dd]istrict [Cc]ourt|[Tt]rial court|"
                         r"[Ll]ower court|Crown Court|[Mm]agistrates?'? [Cc]ourt|[Cc]ourt of first "
                         r"instance)\b"))]
COURT_ACT = re.compile(
    r"\b(?:rul(?:e|es|ed|ing|ings)|uph[eo]ld|overturn(?:ed|s)?|revers(?:e|ed)|quash(?:ed)?|"
    r"dismiss(?:ed)?|rejected|struck down|found|finding|granted|awarded|award|convicted|"
    r"acquitted|sentenced|ordered|cut|reduced|restored|reinstated|set aside|hear|heard|hearing|"
    r"decision|decided|decide|verdict|judgment|judgement|appeal(?:ed|s)?|blocked)\b")

TENDER = re.compile(r"\b(?:(?:cash|all-cash|hostile|friendly)\s+)?(?:tender|exchange)\s+offer\b",
                    re.IGNORECASE)
MERGER = re.compile(r"\b(?:(?:second-step|back-end|follow-on|subsequent)\s+)?merger\b|"
                    r"\bsqueeze-out\b", re.IGNORECASE)
SEQUENCE = re.compile(r"\b(?:two-step|two-stage|two-part|followed by|then|(?:first|second)[ -]step|"
                      r"after which|back-end|follow-on|subsequent)\b", re.IGNORECASE)

CUES = [(status, re.compile(p, re.IGNORECASE)) for status, p in [
    ("planned", (r"\b(?:will|would|shall|is to|are to|is due|are due|due to|expected to|"
                 r"scheduled|set to|plans? to|planned|intends? to|to begin|to start|(?:now )?goes "
                 r"to|go to|heads to|moves to|sent to|sending it to|send it to|could|is likely "
                 r"to|expects? to|pending|awaits|awaiting|yet to|appeal(?:ed|s|ing)? to|"
                 r"(?:asked|asks|petitioned|petitions) the)\b|'ll\b")),
    ("in_force", (r"\b(?:is|are) (?:debating|considering|hearing|deliberating)\b|\bunder "
                  r"(?:way|consideration)\b|\bunderway\b|\bbegan\b|\bbegun\b|\blaunched\b")),
    ("completed", (r"\b(?:passed|passes|approved|approves|adopted|rejected|voted|cleared|advanced|"
                   r"backed|endorsed|signed|ruled|ruling|upheld|overturned|reversed|quashed|"
                   r"dismissed|struck down|found|granted|awarded|convicted|acquitted|sentenced|"
                   r"ordered|cut|reduced|restored|reinstated|set aside|decided|decision|verdict|"
                   r"judgm?ent|completed|closed|concluded|expired|finished|became law)\b")),
]]
RANK = {"completed": 3, "in_force": 2, "planned": 1, "unknown": 0}
CLAUSE_BREAK = re.compile(r";\s|,?\s+but\s|\s[\u2014\u2013]\s")
WINDOW_BREAK = re.compile(r",\s|\b(?:that|which|who|whom|whose|where|after|before|once|when|"
                          r"until|because|since|if|unless|while)\b")
QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")


@dataclass(frozen=True)
class Stage:
    """One mention of one stage: where it falls in its process and what the text says of it."""

    key: tuple  # the stage's identity within its process ("Senate", 0), (2,) ...
    name: str
    status: str
    sentence: int
    window: str  # the words around the mention that gave its status


def extract_process_stages(article: Article) -> list[Phase]:
    """The stages of a bill, court case or takeover the article tells in sequence; [] if none."""
    sentences = [QUOTED.sub(lambda m: " " * len(m.group(0)), s.text) for s in article.sentences]
    best: list[list[Stage]] = []
    for find in (_legislation, _court_case, _takeover):
        stages = _merge(find(sentences))
        if len(stages) >= 2 and len(stages) > len(best):
            best = stages
    return [_phase(article, article.sentences[ms[0].sentence].text, n, ms)
            for n, ms in enumerate(best, start=1)]


def _legislation(sentences: list[str]) -> list[Stage]:
    """A bill's committee and floor stages in each chamber, then its signature."""
    found: list[Stage] = []
    for i, text in enumerate(sentences):
        if not (BILL.search(text) or i and BILL.search(sentences[i - 1])):
            continue
        committees = [m for m in COMMITTEE.finditer(text)
                      if COMMITTEE_ACT.search(text[slice(*_window(text, m.start(), m.end(), 60))])]
        found += [_stage(text, i, m, (_chamber(m["ch"]), 0), "committee vote")
                  for m in committees]
        taken = [m.span("ch") for m in COMMITTEE.finditer(text)]
        for pattern in FLOOR:
            found += [_stage(text, i, m, (_chamber(m["ch"]), 1), "floor vote")
                      for m in pattern.finditer(text)
                      if m.span("ch") not in taken]
        chamber = re.search(CHAMBER, text)
        for m in (TO_FLOOR.finditer(text) if chamber else []):
            found.append(_stage(text, i, m, (_chamber(chamber.group(0)), 1), "floor vote"))
        found += [_stage(text, i, m, ("~", 9), "Signature") for m in SIGNATURE.finditer(text)]
    return _order_chambers(found)


def _chamber(text: str) -> str:
    text = re.sub(r"^U\.S\.\s+", "", text)
    return {"House of Representatives": "House", "House of Commons": "Commons",
            "House of Lords": "Lords"}.get(text, text[0].upper() + text[1:])


def _order_chambers(found: list[Stage]) -> list[Stage]:
    """The chamber that has acted goes first; the one the bill goes to next comes after."""
    chambers = list(dict.fromkeys(s.key[0] for s in found if s.key[0] != "~"))
    done = {s.key[0] for s in found if s.status == "completed"}
    order = sorted(chambers, key=lambda c: (c not in done, chambers.index(c)))
    out = []
    for s in found:
        rank = order.index(s.key[0]) if s.key[0] in order else len(order)
        out.append(Stage((rank, s.key[1], s.key[0]), s.name, s.status, s.sentence, s.window))
    return out


def _court_case(sentences: list[str]) -> list[Stage]:
    """First instance, appeal, top court: each level that the text says rules or will rule."""
    found = []
    for i, text in enumerate(sentences):
        for level, pattern in COURTS:
            for m in pattern.finditer(text):
                a, b = _clause(text, m.start())
                if COURT_ACT.search(text[a:b].replace(m.group(0), " ")):
                    found.append(_stage(text, i, m, (level,), ""))
                text = text[:m.start()] + " " * len(m.group(0)) + text[m.end():]
    names: dict[tuple, str] = {}  # a level's name is the court as first written
    for s in found:
        names.setdefault(s.key, s.name)
    return [Stage(s.key, names[s.key], s.status, s.sentence, s.window) for s in found]


def _takeover(sentences: list[str]) -> list[Stage]:
    """A tender or exchange offer, then a merger, when the text says one follows the other."""
    told = set()  # sentences around a sequence cue that has both steps near it
    for i, text in enumerate(sentences):
        near = range(max(0, i - 1), min(i + 2, len(sentences)))
        steps = " ".join(sentences[j] for j in near)
        if SEQUENCE.search(text) and TENDER.search(steps) and MERGER.search(steps):
            told.update(near)
    return [_stage(sentences[i], i, m, key, label) for i in sorted(told)
            for key, label, pattern in (((1,), "", TENDER), ((2,), "Merger", MERGER))
            for m in pattern.finditer(sentences[i])]


def _stage(text: str, i: int, m: re.Match, key: tuple, label: str) -> Stage:
    """A stage mention with the status the nearest cue gives it (the sentence's, if none near)."""
    chamber = key[0] if isinstance(key[0], str) and key[0] != "~" else None
    name = f"{chamber} {label}" if chamber else label or m.group(0)
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
    (wa, wb), (ca, cb) = _window(text, m.start(), m.end(), 60), _clause(text, m.start())
    status = (_nearest_cue(text[wa:wb], m.start() - wa)
              or _nearest_cue(text[ca:cb], m.start() - ca))
    return Stage(key, name[0].upper() + name[1:], status or "unknown", i, text[wa:wb])


def _window(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """The words around a mention, from the last break before it to the first after it."""
    a, b = _clause(text, start)
    for brk in WINDOW_BREAK.finditer(text, a, start):
        a = brk.start() if brk.group(0)[0].isalpha() else brk.end()
    after = WINDOW_BREAK.search(text, end, min(b, end + reach))
    return a, after.start() if after else min(b, end + reach)


def _clause(text: str, at: int) -> tuple[int, int]:
    a = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, at)), default=0)
    after = CLAUSE_BREAK.search(text, at)
    return a, after.start() if after else len(text)


def _nearest_cue(text: str, at: int) -> str | None:
    """The status of the cue closest to a position in the text."""
    hits = [(min(abs(m.start() - at), abs(m.end() - at)), status)
            for status, cue in CUES for m in cue.finditer(text)]
    return min(hits)[1] if hits else None


def _merge(found: list[Stage]) -> list[list[Stage]]:
    """The mentions of each stage, stages in process order."""
    groups: dict[tuple, list[Stage]] = {}
    for s in found:
        groups.setdefault(s.key, []).append(s)
    return [groups[k] for k in sorted(groups)]


def _phase(article: Article, evidence: str, n: int, mentions: list[Stage]) -> Phase:
    """A phase from a stage's mentions: the strongest status, the date near the best mention."""
    best = max(mentions, key=lambda s: RANK[s.status])
    start, start_text = None, None
    for d in find_dates(best.window):
        start_text = d.text
        resolved = resolve(d, article.published, direction(best.window, d))
        start = resolved if resolved and len(resolved) == 10 else None
        break
    return Phase(number=n, name=best.name, status=best.status, start=start,
                 start_text=start_text, evidence=evidence)
