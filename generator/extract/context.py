"""What the words around a run say about it: does it act ("KCNA said"), is it placed ("in
Paris", "southwest of Paris"), glossed ("Rohingya, a stateless minority"), described ("the
militant group Hamas")? Functions of the tokens alone, no registry."""

from __future__ import annotations

from generator.extract import gazetteer as gz
from generator.extract import lexicon as lx
from generator.extract.runs import POSSESSIVE, Run, join

AGENT_AFTER = frozenset([
    "is", "was", "has", "had", "have", "will", "would", "said", "says", "should", "could", "can",
    "may", "must", "did", "does", "are", "were",
]) | lx.SPEECH_VERBS
DIRECTIONS = frozenset([
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "outskirts", "centre", "center",
    "heart", "suburbs",
])
QUOTE_MARKS = frozenset('"\u201c\u201d')
LOCATIVE = frozenset([
    "in", "near", "outside", "inside", "at", "to", "from", "into", "across", "around", "throughout",
])


def agent(run: Run) -> bool:
    """Acts or speaks: 'KCNA said', 'according to AFP', 'told MSNBC's', 'The IDF is'."""
    toks, i, j = run.tokens, run.i, run.j
    before = toks[i - 1].lower if i else ""
    after = toks[j].text if j < len(toks) else ""
    subject = before not in {"of", "in", "for", "with", "on", "at", "to", "from", "and"}
    closing = after in {"", ".", ",", ";"} or after in QUOTE_MARKS
    if before in {"the", ""} and after.endswith("ed") and after.islower() and run.text.isupper():
        return True  # "The UN launched an appeal"
    if after == "," and j + 1 < len(toks) and toks[j + 1].lower in lx.SPEECH_VERBS:
        return True  # "The UN agency for refugees, UNRWA, said"
    return ((subject and after.lower() in AGENT_AFTER) or after in POSSESSIVE
            or (before in lx.SPEECH_VERBS and closing) or before == "by"
            or (before == "to" and i >= 2 and toks[i - 2].lower == "according"))


def locative(run: Run) -> bool:
    """'in Paris', 'capital Doha', 'southwest of Paris', 'Doha, Qatar'."""
    b = run.before()
    b2 = run.before(2)
    return bool(b and (b.lower in LOCATIVE or b.lower in lx.PLACE_NOUNS or b.text == ","
                       or (b.lower == "of" and b2 is not None and b2.lower in DIRECTIONS)))


def after_number(run: Run) -> bool:
    b = run.before()
    return bool(b and b.text[:1].isdigit())


def dateline(run: Run) -> bool:
    """'QUETTA, Pakistan —': a place in capitals opening the story."""
    a = run.after()
    return run.i == 0 and bool(a and a.text in {",", "(", "-", "\u2014", "\u2013"})


def before_number(run: Run) -> bool:
    """'NIS 4.2 million', 'USD 40': a currency or unit written before its number."""
    a = run.after()
    return bool(a and a.text[:1].isdigit())


def glued_to_number(run: Run) -> bool:
    """'H.R.1424': an acronym written onto a number is a reference, not a name."""
    a = run.after()
    end = run.tokens[run.j - 1]
    return bool(a and a.text[:1].isdigit() and a.start == end.start + len(end.text))


def prefix_of_role(run: Run) -> bool:
    a = run.after()
    return bool(a and lx.is_title(a.text))


def site_noun_after(run: Run) -> tuple[str, str] | None:
    """(name, kind) of a place named by the noun after it: 'Kaspi railway bridge' (site),
    'the Shejaiyah neighbourhood' (site 'Shejaiyah'), 'Ombaka village' (city 'Ombaka')."""
    toks, j = run.tokens, run.j
    for k in (j, j + 1):
        if k < len(toks) and not toks[k].cap and toks[k].lower in lx.SITE_NOUNS | SETTLEMENTS:
            if k == j + 1 and (toks[j].cap or not toks[j].word):
                return None
            if k + 1 < len(toks) and toks[k + 1].lower == "of":
                return None
            noun = toks[k].lower
            if noun in SETTLEMENTS:
                return run.text, "city"
            if noun in AREAS:
                return run.text, "site"
            return join(toks[run.i:k + 1]), "site"
    return None


def descriptor_before(run: Run) -> str | None:
    """'the Palestinian militant group Hamas' -> 'Palestinian militant group'."""
    toks, i = run.tokens, run.i
    if not i or toks[i - 1].lower not in lx.ORG_KINDS:
        return None
    a = i - 1
    while a > 0 and toks[a - 1].word and toks[a - 1].lower not in {"the", "a", "an"} and i - a < 5:
        a -= 1
    return join(toks[a:i])


def apposition(run: Run, kinds: frozenset[str]) -> str | None:
    """'X, a stateless minority of Muslims from Myanmar,' -> the gloss, if its noun is a kind."""
    toks, j = run.tokens, run.j
    if j + 2 >= len(toks) or toks[j].text != "," or toks[j + 1].lower not in {"a", "an", "the"}:
        return None
    k = j + 2
    while k < len(toks) and toks[k].text not in {",", ".", ";"} and k - j < 12:
        k += 1
    words = [t.lower for t in toks[j + 2:k]]
    head = next((w for w in words if w in {"of", "from", "in", "that", "which", "who"}), None)
    core = words[: words.index(head)] if head else words
    if core and core[-1] in kinds:
        return join(toks[j + 2:k])
    return None


SETTLEMENTS = frozenset(["village", "town", "city", "hamlet", "township"])
AREAS = frozenset(["neighbourhood", "neighborhood", "district", "suburb", "quarter", "area"])


def place_kind(run: Run, min_population: int = 15_000) -> str | None:
    """The kind of place the words around a run make it: 'the town of X' (city), 'province
    of X' (region), 'suburb of X' (site), 'X suburb of ...' (city), 'near X' (city)."""
    toks, i, j = run.tokens, run.i, run.j
    b1 = toks[i - 1].lower if i >= 1 else ""
    b2 = toks[i - 2].lower if i >= 2 else ""
    a1 = toks[j].lower if j < len(toks) else ""
    a2 = toks[j + 1].lower if j + 1 < len(toks) else ""
    if a1 in lx.PLACE_NOUNS | lx.SITE_NOUNS and a2 == "of":  # "the Gaza City suburb of"
        return "city"
    if b1 == "of" and b2 in lx.PLACE_NOUNS:
        if b2 in {"suburb", "neighbourhood", "neighborhood", "area"}:
            return "site"
        return "region" if b2 in {"province", "region", "state", "county", "district"} else "city"
    if b1 in {"near", "outside", "capital", "town", "city", "village"}:
        return "city"
    if b1 in LOCATIVE and gz.city(run.text, min_population):
        return "city"
    return None


# Bodies of a state named by the country before them ("Brazil's central bank").
STATE_BODIES = frozenset(["army", "navy", "military", "police", "parliament", "ministry",
                          "cabinet", "senate", "congress", "coastguard"])
LOCAL_BODIES = frozenset(["council", "municipality", "committee", "police", "court", "government",
                          "assembly", "authority", "administration"])
QUALIFIED_BODIES = {"bank": {"central"}, "court": {"supreme", "constitutional", "high"},
                    "force": {"air"}, "guard": {"coast", "national"}}
CLAUSE_END = frozenset(",.;:)\"\u201d\u2014") | {"'s", "\u2019s"}


def body_after(run: Run, heads: frozenset[str] = STATE_BODIES) -> int | None:
    """End of 'army' in '(the) Colombian army said', 'central bank' in 'Brazil's central bank,',
    'city council' in 'Haifa city council': a body of a country (or, with LOCAL_BODIES, of a
    place), used as a noun (not "military campaign")."""
    toks, k = run.tokens, run.j
    if k < len(toks) and toks[k].text in POSSESSIVE:
        k += 1
    for n in range(k, min(k + 4, len(toks))):
        t = toks[n]
        if t.text in POSSESSIVE and n > k:  # "residents' committee"
            continue
        if t.cap or not t.word:
            return None
        head = t.lower
        qualifiers = QUALIFIED_BODIES.get(head) if heads is STATE_BODIES else None
        if head in heads or (qualifiers and n > k and toks[n - 1].lower in qualifiers):
            return n + 1 if _noun_use(toks, n + 1) else None
    return None


def government_after(run: Run) -> bool:
    """'the UK government', 'Colombia's government'."""
    toks, k = run.tokens, run.j
    if k < len(toks) and toks[k].text in POSSESSIVE:
        k += 1
    return k < len(toks) and toks[k].lower == "government"


def _noun_use(toks, n: int) -> bool:
    """Is the word before toks[n] used as a noun? What follows is punctuation, a function word,
    a verb or an adverb, not another noun ("military campaign")."""
    if n >= len(toks):
        return True
    t = toks[n]
    return (t.text in CLAUSE_END or t.lower in lx.FUNCTION_WORDS or t.lower in AGENT_AFTER
            or t.lower.endswith(("ly", "ed")))
