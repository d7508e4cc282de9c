"""Words of news English that the figure extractor reads a sentence by, without a tagger.

A sentence becomes `Token`s with their character offsets; the word classes below (function
words, auxiliaries, the verbs news stories count with) let `figure_measure` and
`figure_attribution` find the noun a number counts, the verb that governs it and who says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())


_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\w+(?:['’.\-]\w+)*(?:['’]s?(?!\w))?|[^\w\s]")


class Token:
    """A word or punctuation mark and where it stands in its sentence."""

    __slots__ = ("end", "is_capitalized", "is_word", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.low = text.lower().replace("’", "'")  # lower case, straight apostrophe
        self.is_word = text[0].isalnum()
        self.is_capitalized = text[0].isupper()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start})"


def tokenize(text: str) -> list[Token]:
    """Words (with inner hyphens and apostrophes kept) and punctuation marks."""
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def iter_tokens(text: str) -> Iterator[Token]:
    """The tokens one at a time, for a reader that stops early."""
    return (Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text))


DETERMINERS = word_set("the a an this that these those its their his her our your my some any each "
                  "every all both no another such other")
PREPOSITIONS = word_set("of in on at by for from to with without into onto over under about after "
                   "before during since until within across against among between through "
                   "toward towards near off per via amid despite beyond around along behind like "
                   "than upon throughout inside outside vs v versus")
CONJUNCTIONS = word_set("and or but nor yet so although though while whereas because as if unless "
                   "when whenever where whereby whether that which who whom whose what")
PRONOUNS = word_set("i you he she it we they me him her us them its their his our my your this "
                    "these those one ones someone anyone everyone there here")
AUXILIARIES = word_set("is are was were be been being am has have had having do does did will "
                       "would shall should can could may might must 's 're 've 'd")
BE_FORMS = word_set("is are was were be been being am 's 're")
ADVERBS = word_set("also reportedly allegedly still already now just only then later earlier "
              "yesterday today tonight recently previously again further currently initially "
              "eventually finally meanwhile however immediately not n't never ever even "
              "largely partly mostly nearly almost apparently reported well worldwide "
              "nationwide overall annually abroad globally apiece altogether respectively "
              "next last past coming previous")
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")

# Nouns in -ing/-ed that are never verbs in a noun phrase.
NOT_VERBS = word_set("spending funding building meeting housing training fighting shelling bombing "
                "shooting ceiling morning evening earnings savings holdings findings wedding ring "
                "king thing something nothing anything everything during offering opening "
                "hearing briefing ruling warning setting feeling beijing wyoming viking bed need "
                "speed seed shed hundred red greed creed breed reed steed sled deed weed "
                "kindred hatred bleed feed")

# Verbs in a story's counts, base form: past and participle forms are derived from these.
IRREGULAR = {
    "be": ("was", "been"), "become": ("became", "become"), "begin": ("began", "begun"),
    "bring": ("brought", "brought"), "build": ("built", "built"), "buy": ("bought", "bought"),
    "catch": ("caught", "caught"), "cut": ("cut", "cut"), "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"), "eat": ("ate", "eaten"), "fall": ("fell", "fallen"),
    "feel": ("felt", "felt"), "fight": ("fought", "fought"), "find": ("found", "found"),
    "flee": ("fled", "fled"), "fly": ("flew", "flown"), "forget": ("forgot", "forgotten"),
    "freeze": ("froze", "frozen"), "get": ("got", "got"), "give": ("gave", "given"),
    "go": ("went", "gone"), "grow": ("grew", "grown"), "hang": ("hung", "hung"),
    "hide": ("hid", "hidden"), "hit": ("hit", "hit"), "hold": ("held", "held"),
    "hurt": ("hurt", "hurt"), "keep": ("kept", "kept"), "know": ("knew", "known"),
    "lay": ("laid", "laid"), "lead": ("led", "led"), "leave": ("left", "left"),
    "lend": ("lent", "lent"), "let": ("let", "let"), "lose": ("lost", "lost"),
    "make": ("made", "made"), "meet": ("met", "met"), "pay": ("paid", "paid"),
    "put": ("put", "put"), "raise": ("raised", "raised"), "ride": ("rode", "ridden"),
    "rise": ("rose", "risen"), "run": ("ran", "run"), "say": ("said", "said"),
    "see": ("saw", "seen"), "sell": ("sold", "sold"), "send": ("sent", "sent"),
    "set": ("set", "set"), "shoot": ("shot", "shot"), "show": ("showed", "shown"),
    "shut": ("shut", "shut"), "sink": ("sank", "sunk"), "sit": ("sat", "sat"),
    "spend": ("spent", "spent"), "spread": ("spread", "spread"), "stand": ("stood", "stood"),
    "steal": ("stole", "stolen"), "strike": ("struck", "struck"), "swim": ("swam", "swum"),
    "take": ("took", "taken"), "tell": ("told", "told"), "think": ("thought", "thought"),
    "throw": ("threw", "thrown"), "win": ("won", "won"), "withdraw": ("withdrew", "withdrawn"),
    "write": ("wrote", "written"), "seek": ("sought", "sought"), "slay": ("slew", "slain"),
    "undergo": ("underwent", "undergone"), "overtake": ("overtook", "overtaken"),
    "arise": ("arose", "arisen"), "feed": ("fed", "fed"), "bleed": ("bled", "bled"),
    "sweep": ("swept", "swept"), "bear": ("bore", "borne"), "forecast": ("forecast", "forecast"),
    "quit": ("quit", "quit"), "bid": ("bid", "bid"), "shed": ("shed", "shed"),
    "speak": ("spoke", "spoken"), "wake": ("woke", "woken"), "sting": ("stung", "stung"),
}
REGULAR = word_set("""
kill wound injure die rescue save evacuate displace arrest detain abduct kidnap execute strand
trap free release deport hospitalise hospitalize infect occupy fire launch land attack destroy
damage burn flood affect lose employ hire add cut raise reduce increase decrease pass vote elect
count estimate report confirm announce receive own sign approve reject attend join protest march
gather return survive remain face live work visit include total reach exceed top surpass double
triple drop decline climb jump soar fall plunge slump gain earn cost invest borrow lend owe fine
charge sentence convict acquit clear try jail imprison outvote require need want plan propose offer
provide supply deliver ship export import produce manufacture sell buy order book register enroll
enrol recruit train deploy station withdraw evacuate transport carry treat vaccinate test screen
lay sack axe shed furlough strike walk march rally demonstrate riot clash riot fire shell bomb
target hit pound capture seize occupy surround besiege ban block close open shut award allocate
allot earmark budget fund finance spend pay donate pledge promise claim demand seek ask offer
issue cast register win poll score survey interview question study examine sample suggest show
find reveal indicate say tell state add note warn insist explain argue predict allege believe think
""")
CASUALTY_VERBS = word_set("""kill wound injure hurt die rescue save evacuate displace arrest detain
abduct kidnap execute strand trap free release deport hospitalise hospitalize infect""")


def _inflections() -> dict[str, tuple[str, str]]:
    """Every form of the verbs above, mapped to (base, past participle)."""
    forms: dict[str, tuple[str, str]] = {}
    for base in REGULAR:
        part = _regular_past(base)
        for form in (base, _third_person(base), part, _gerund(base)):
            forms.setdefault(form, (base, part))
    for base, (past, part) in IRREGULAR.items():
        for form in (base, _third_person(base), past, part, _gerund(base)):
            forms[form] = (base, part)
    return forms


def _regular_past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ied"
    if base in ("drop", "ban", "plan", "shop", "stop", "ship", "top"):
        return base + base[-1] + "ed"
    return base + "ed"


def _third_person(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "o")):
        return base + "es"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _gerund(base: str) -> str:
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    if base in ("drop", "ban", "plan", "shop", "stop", "ship", "top", "cut", "hit", "put", "run",
                "set", "shut", "sit", "swim", "win", "begin", "forget", "let", "get", "bid",
                "quit", "shed"):
        return base + base[-1] + "ing"
    return base + "ing"


VERB_FORMS = _inflections()
SPEECH_VERBS = word_set("say tell state report estimate claim announce add note warn insist "
                        "confirm explain argue predict allege suggest show find reveal indicate "
                        "believe think count")


def verb_base(word: str) -> str | None:
    """The base form of a verb the lexicon knows, else None."""
    hit = VERB_FORMS.get(word.lower())
    return hit[0] if hit else None


def is_verb(token: Token) -> bool:
    """A known verb form, an auxiliary, or an -ed/-ing word that is not a known noun."""
    low = token.low
    if low in AUXILIARIES or low in VERB_FORMS:
        return True
    if low in NOT_VERBS or not token.is_word or len(low) < 5:
        return False
    return low.endswith(("ed", "ing")) and not token.text[0].isupper()


def is_noun_form(token: Token) -> bool:
    """A word that reads as a noun right after a number: "36 shells", "one report", "two votes"."""
    low = token.low
    if low in AUXILIARIES or not token.text[0].isalpha():
        return False
    forms = VERB_FORMS.get(low)
    if forms is None:
        return not is_verb(token)
    base, part = forms
    return low != part and (low == base or low.endswith("s"))


def is_clause_verb(words: list[Token], k: int) -> bool:
    """A verb that makes a clause: not capitalized, and not a noun after an article or adjective
    ("a recent poll", "the cost")."""
    t = words[k]
    if not is_verb(t) or t.is_capitalized:
        return False
    if k and is_noun_form(t):
        prev = words[k - 1]
        return not (prev.low in DETERMINERS or prev.is_word and not is_verb(prev)
                    and prev.low not in PRONOUNS and prev.low not in AUXILIARIES)
    return True


def participle(word: str) -> str:
    """'killing', 'kills', 'killed' -> 'killed'; 'lose' -> 'lost'; unknown words unchanged."""
    low = word.lower()
    if low in VERB_FORMS:
        return VERB_FORMS[low][1]
    if low.endswith("ing") and len(low) > 5:
        stem = low[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "ls":
            stem = stem[:-1]
        if stem.endswith("y") and len(stem) > 2 and stem[-2] not in "aeiou":
            return stem[:-1] + "ied"
        return stem + ("d" if stem.endswith("e") else "ed")
    return word
