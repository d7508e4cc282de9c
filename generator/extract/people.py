"""People in news English: how a name is told from other capitalised words, and the role
the article attaches to it.

A person is a capitalised run that a cue supports: a title before it ("President Nicolas
Sarkozy", "Hamas spokesperson Abdel-Latif Al-Qanoua"), an apposition ("Sharren Haskel,
Israeli deputy foreign minister,"), a known first name, or a speech verb ("said Jon Alterman").
Roles are read off the same cues, as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.extract import gazetteer as gz
from generator.extract import lexicon as lx
from generator.extract.runs import PARTICLES, POSSESSIVE, Token, join

# What a capitalised run before a title stands for, as the caller's registry knows it:
# "country", "demonym", "organization", "place", "person" or None.
KindOf = Callable[[tuple[Token, ...], int, int], "str | None"]

DETERMINERS = frozenset(["the", "a", "an"])
GENERATIONS = frozenset(["II", "III", "IV", "V", "VI"])
NOBLE = frozenset([
    "prince", "princess", "sheikh", "sheikha", "emir", "king", "queen", "lord", "lady", "sir",
    "dame",
])
TRADE_ENDINGS = ("ist", "ian", "er", "or", "ant", "ent", "man", "woman")
STOP_AFTER = frozenset([',.;:()[]"“”—'] + list(",.;:()[]\"\u201c\u201d\u2014"))
CLAUSE_WORDS = lx.SPEECH_VERBS | {"who", "which", "whose", "that", "while", "as", "and", "but"}
PREPOSITIONS = frozenset(["of", "for", "at", "in", "with", "from", "on", "to"])
PARTY_STATE = re.compile(r"^\(\s*([RDI])[\s,.\-\u2013]+([A-Z][\w. ]+?)\s*\)")


def name_part(words: list[str]) -> int:
    """How many leading words of a run are a title ("Prime Minister", "Secretary of State")."""
    k = 0
    while k < len(words):
        w = words[k]
        if lx.is_title(w) or lx.fold(w) in lx.HONORIFICS:
            k += 1
        elif w.lower() == "of" and 0 < k < len(words) - 1 and lx.is_title(words[k + 1]):
            k += 1  # "Secretary of State"
        else:
            break
    return k


def is_name(words: list[str]) -> bool:
    """Words that can be a personal name: capitalised, no organisation or place heads."""
    if not 1 <= len(words) <= 6:
        return False
    for w in words:
        f = lx.fold(w)
        if f in lx.ORG_HEADS or f in lx.SITE_HEADS or f in lx.EVENT_HEADS or f in lx.MONTHS_DAYS \
                or f in lx.REGION_HEADS:
            return False
        if not (w[:1].isupper() or f in PARTICLES or "-" in w):
            return False
        if any(c.isdigit() for c in w) or (w.isupper() and not w.endswith(".")
                                           and w not in GENERATIONS):
            return False
    return not lx.is_title(words[-1])


def looks_personal(words: list[str]) -> bool:
    """A run that reads as a name without any other cue: a known first name and a surname.
    A leading "Al"/"El" is the Arabic article of a name ("Al Jazeera"), not a first name."""
    return (2 <= len(words) <= 4 and lx.is_first_name(words[0]) and is_name(words)
            and not lx.is_title(words[0]) and words[0].lower() not in {"al", "el"})


def looks_unknown_name(words: list[str]) -> bool:
    """Two capitalised words neither of which is a common English word ("Abdulmecit Ozturk")."""
    return (len(words) == 2 and is_name(words)
            and not any(lx.is_common_word(w) or lx.is_title(w) or _geographic(w) for w in words))


def _geographic(word: str) -> bool:
    return bool(gz.country(word) or gz.demonym(word) or gz.place(word))


def role_start(tokens: tuple[Token, ...], i: int, kind_of: KindOf, titled: bool = False) -> int:
    """Where the role written right before tokens[i] starts (i when there is none).

    "Israeli deputy foreign minister Sharren Haskel", "Rwanda's UN ambassador Eugene Gasana",
    "Hamas spokesperson Abdel-Latif Al-Qanoua". Unless the name already carries a title
    (`titled`), the word next to it must be a role word.
    """
    k = i - 1
    if k < 0 or not (titled or _is_role_word(tokens[k].text) or _demonym_trade(tokens, k, kind_of)):
        return i
    start = i
    if not _is_role_word(tokens[k].text) and not titled:
        start, k = k, k - 1  # "Spanish rider Oscar Pereiro"
    while k >= 0:
        t = tokens[k]
        if _is_role_word(t.text):
            start, k = k, k - 1
            continue
        if t.lower == "of" and k > 0 and tokens[k - 1].cap and _is_role_word(tokens[k - 1].text):
            k -= 1  # "Secretary of State"
            continue
        if _qualifier(tokens, k, kind_of):  # "Egyptian intelligence chief", "EU antitrust chief"
            start, k = k, k - 1
            continue
        if t.text in POSSESSIVE or (t.cap and t.word):
            j = k + 1 if t.cap else k
            a = _run_start(tokens, j)
            if a == j or not _affiliation_run(tokens, a, j, start, kind_of):
                break
            start, k = a, a - 1
            continue
        break
    return start


def role_text(tokens) -> str | None:
    """The role from its tokens, or None when they hold no role noun."""
    tokens = list(tokens)
    while tokens and (lx.fold(tokens[-1].text) in lx.HONORIFICS or (
            lx.fold(tokens[-1].text) in NOBLE
            and any(lx.is_role_head(t.text) for t in tokens[:-1]))):
        tokens.pop()  # "Saudi Foreign Minister Prince" -> "Saudi Foreign Minister"
    while tokens and (lx.fold(tokens[0].text) in lx.HONORIFICS or tokens[0].text in POSSESSIVE):
        tokens.pop(0)
    if not any(lx.is_role_head(t.text) for t in tokens) and not (
            len(tokens) >= 2 and _trade_noun(tokens[-1]) and tokens[-2].cap):
        return None
    return join(tokens)


def role_before_comma(tokens: tuple[Token, ...], i: int, kind_of: KindOf) -> str | None:
    """A role set off before the name: "Malaysia's Prime Minister, Najib Razak said"."""
    if i < 2 or tokens[i - 1].text != ",":
        return None
    whole = _title_of_run(tokens, i - 1)
    if whole:
        return whole
    start = role_start(tokens, i - 1, kind_of)
    role = role_text(tokens[start:i - 1])
    if not role:
        return None
    opener = tokens[start - 1].lower if start > 0 else ""
    if start == 0 or opener in DETERMINERS or opener in POSSESSIVE or opener in {
            "and", "with", "by", "from", ",", "\u201c", '"', "his", "her", "its", "their", "our"}:
        return role
    return None


def _title_of_run(tokens, j: int) -> str | None:
    """'Vice President of Taxpayers for Common Sense' ending at tokens[j]: a title of a body."""
    a = _run_start(tokens, j)
    words = [t.text for t in tokens[a:j]]
    k = name_part(words)
    if (0 < k < len(words) and words[k].lower() in {"of", "for", "at"}
            and lx.is_role_head(words[k - 1])):
        return join(tokens[a:j])
    return None


def role_after(tokens: tuple[Token, ...], j: int, kind_of: KindOf) -> str | None:
    """A role in apposition after the name: "Ban Ki-moon, secretary general of the United
    Nations, said"; "Jon Alterman, an analyst at the Center for ... Studies."."""
    if j >= len(tokens) or tokens[j].text != ",":
        return None
    k = j + 1
    article = k < len(tokens) and tokens[k].lower in DETERMINERS
    if article:
        k += 1
    end = k
    while end < len(tokens) and end - k < 14:
        t = tokens[end]
        inside_name = t.lower == "and" and tokens[end - 1].cap and end + 1 < len(tokens) \
            and tokens[end + 1].cap
        if t.text in STOP_AFTER or (t.lower in CLAUSE_WORDS and not inside_name):
            break
        end += 1
    phrase = tokens[k:end]
    if not phrase or not _head_before_preposition(phrase, article):
        return None
    return join(phrase)


def role_as(tokens: tuple[Token, ...], j: int, kind_of: KindOf) -> str | None:
    """'Narendra Modi was sworn in as India's prime minister', 'Mugabe, now in his sixth term
    as President': the role after "as" in the clause that follows the name."""
    k = j
    while k < len(tokens) and k - j < 8 and tokens[k].text not in {".", ";", "\"", "\u201c"}:
        if tokens[k].lower == "as":
            break
        k += 1
    else:
        return None
    if k >= len(tokens) or tokens[k].lower != "as":
        return None
    end = k + 1
    if end < len(tokens) and tokens[end].lower in DETERMINERS:
        end += 1
    first = end
    while end < len(tokens) and end - first < 6 and (
            tokens[end].cap or tokens[end].text in POSSESSIVE or _is_role_word(tokens[end].text)):
        end += 1
    words = tokens[first:end]
    if not words or not lx.is_role_head(words[-1].text):
        return None
    return join(words)


LEADING_VERBS = {"leads": "leader", "heads": "head", "chairs": "chair", "directs": "director",
                 "runs": "head", "manages": "manager", "commands": "commander",
                 "founded": "founder", "represents": "representative", "owns": "owner",
                 "coaches": "coach", "edits": "editor", "led": "leader", "headed": "head"}


def role_who(tokens: tuple[Token, ...], j: int) -> str | None:
    """'Helena Strand, who heads the UN mission,' -> 'head of the UN mission'."""
    if j + 3 >= len(tokens) or tokens[j].text != "," or tokens[j + 1].lower != "who":
        return None
    noun = LEADING_VERBS.get(tokens[j + 2].lower)
    if noun is None:
        return None
    end = j + 3
    while end < len(tokens) and tokens[end].text not in {",", ".", ";"} and end - j < 15:
        end += 1
    return f"{noun} of {join(tokens[j + 3:end])}" if end > j + 3 else None


def party_state(text_after: str) -> str | None:
    """US style "(R Minnesota)", "(D-Ohio)" right after a legislator's name."""
    m = PARTY_STATE.match(text_after)
    return f"({m.group(1)} {m.group(2).strip()})" if m else None


def _head_before_preposition(phrase, article: bool) -> bool:
    """Does the apposition open with a role ("the Kenyan Prime Minister", "an analyst at",
    "Spotify's chief executive")? After an article, a noun of a trade ("an astrophysicist",
    "a historian", "a teacher") is a role too."""
    seen_head = False
    k = 0
    while k < len(phrase):
        t = phrase[k]
        if t.lower in PREPOSITIONS:
            break
        owner = k + 1 < len(phrase) and phrase[k + 1].text in POSSESSIVE  # "the union's"
        if lx.is_role_head(t.text) or (article and _trade_noun(t) and not owner):
            seen_head = True
            # the rest qualifies the head ("Tanzanian President chairing the summit")
            while k + 1 < len(phrase) and lx.is_role_head(phrase[k + 1].text):
                k += 1  # "President" of "Tanzanian President", "general" of "secretary general"
            break
        if t.text[:1].isdigit() or t.text == "-" or t.lower.endswith("-old"):
            k += 1  # "a 52-year-old farmer"
            continue
        if (not t.word and t.text not in POSSESSIVE) or t.lower in lx.FUNCTION_WORDS:
            return False
        k += 1
    return seen_head and k <= 8


def _qualifier(tokens, k: int, kind_of: KindOf) -> bool:
    """A lower-case word qualifying a role, between it and the body the role belongs to."""
    t = tokens[k]
    if t.cap or not t.word or t.lower in lx.FUNCTION_WORDS or k < 1 or not tokens[k - 1].cap:
        return False
    a = _run_start(tokens, k)
    return a < k and kind_of(tokens, a, k) in {"demonym", "country", "organization"}


def _demonym_trade(tokens, k: int, kind_of: KindOf) -> bool:
    """'Spanish rider', 'Kenyan farmer': a trade noun after a demonym, before a name."""
    if k < 1 or not _trade_noun(tokens[k]) or lx.fold(tokens[k].text) in lx.FUNCTION_WORDS:
        return False
    a = _run_start(tokens, k)
    return a < k and kind_of(tokens, a, k) in {"demonym", "country"}


def _trade_noun(t: Token) -> bool:
    return not t.cap and len(t.text) >= 5 and t.lower.endswith(TRADE_ENDINGS)


def _is_role_word(text: str) -> bool:
    f = lx.fold(text)
    return (lx.is_title(text) or f in lx.HONORIFICS) and f not in lx.FUNCTION_WORDS


def _run_start(tokens, j: int) -> int:
    """Start of the capitalised run that ends right before tokens[j]."""
    a = j
    while a > 0 and ((tokens[a - 1].cap and tokens[a - 1].word)
                     or (tokens[a - 1].lower in {"of", "for", "&"} and a - 1 > 0
                         and tokens[a - 2].cap)):
        a -= 1
    while a < j and (not (tokens[a].cap and tokens[a].word) or tokens[a].lower in DETERMINERS):
        a += 1
    return a


def _affiliation_run(tokens, a: int, j: int, role_start: int, kind_of: KindOf) -> bool:
    """May the run tokens[a:j] stand in a role ("Israeli", "UN", "Hamas", "Civil Defense
    Authority")? Countries, demonyms and organisations may; so may an unknown name right
    before a role noun ("Hamas spokesperson"), which the caller then takes for an organisation."""
    kind = kind_of(tokens, a, j)
    if kind in {"country", "demonym", "organization", "place", "group"}:
        return True
    words = [t.text for t in tokens[a:j]]
    if any(lx.fold(w) in lx.FUNCTION_WORDS for w in words):
        return False
    adjacent = j == role_start or (j + 1 == role_start and tokens[j].text in POSSESSIVE)
    opener = a == 0 or tokens[a - 1].text in "\"\u201c"
    return (kind is None and adjacent and len(words) <= 3 and not looks_personal(words)
            and not any(lx.fold(w) in lx.MONTHS_DAYS for w in words)
            and not (opener and lx.is_common_word(words[0])))
