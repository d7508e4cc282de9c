"""The words of attribution: speech verbs, titles, role nouns, name particles, pronouns.

One place for the word lists `speaker_phrases`, `attribution` and `discourse` read, so a word
added for one stage is seen by all. Lists hold general news English, not any article's words.
"""

from __future__ import annotations

import re

PRONOUNS = {"he": "male", "she": "female", "it": None, "they": None, "we": None}
DETERMINERS = {"the", "a", "an", "this", "that", "its", "his", "her", "their", "one"}
PREPOSITIONS = {"of", "for", "to", "at", "in", "from", "with"}
COURTESY = {"mr", "mrs", "ms", "miss", "mx", "dr", "mr.", "mrs.", "ms.", "dr."}
# Title words that stand before a name and are not part of it.
TITLES = set("""
president vice prime minister secretary secretary-general general chancellor senator sen sen.
representative rep rep. congressman congresswoman governor gov gov. mayor judge chief director
chairman chairwoman chair chairperson spokesman spokeswoman spokesperson ambassador professor
prof prof. emeritus king queen prince princess sheikh emir sultan pope cardinal archbishop
bishop rabbi imam reverend rev rev. major maj maj. lieutenant lt lt. colonel col col. captain
capt capt. sergeant sgt sgt. admiral adm adm. commander marshal brigadier deputy leader speaker
attorney commissioner inspector superintendent detective constable envoy editor executive ceo
founder coach premier
""".split()) | COURTESY
DEPARTMENTS = {"state", "defense", "defence", "foreign", "affairs", "interior", "finance",
               "justice", "health", "education", "energy", "agriculture", "commerce", "labor",
               "labour", "transport", "trade", "home", "environment", "war", "treasury"}
# Titles that are also surnames: after a first name they are the name.
SURNAME_TITLES = {"king", "major", "bishop", "judge", "marshal", "speaker", "dean", "prior",
                  "chancellor", "mayor", "pope", "sheriff"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
PARTICLES = {"al", "el", "ad", "as", "ash", "at", "az", "ul", "bin", "ibn", "bint", "abu", "de",
             "del", "della", "di", "da", "dos", "das", "du", "van", "von", "der", "den", "ter",
             "le", "la", "y"}
MALE = {"mr", "mr.", "lord", "sir", "king", "prince", "sheikh", "emir", "sultan", "pope",
        "father", "brother", "congressman", "chairman", "spokesman", "duke", "earl", "baron",
        "businessman", "man", "viscount"}
FEMALE = {"mrs", "mrs.", "ms", "ms.", "miss", "lady", "baroness", "dame", "queen", "princess",
          "sister", "congresswoman", "chairwoman", "spokeswoman", "duchess", "countess",
          "businesswoman", "woman"}
PERSON_HEADS = set("""
spokesman spokeswoman spokesperson official source minister secretary president chairman
chairwoman chair chairperson director advisor adviser analyst researcher activist ambassador
lawmaker legislator leader chief head editor professor general commander envoy negotiator
mediator diplomat representative senator governor mayor judge prosecutor lawyer attorney officer
doctor witness resident expert economist author scientist delegate member militant fighter
soldier politician premier chancellor king queen prince emir sheikh monarch candidate aide
manager executive founder owner worker teacher student survivor victim mother father son
daughter wife husband man woman businessman businesswoman correspondent reporter journalist
commentator strategist consultant observer organiser organizer campaigner insider farmer
shopkeeper nurse driver engineer grandmother grandfather pensioner retiree veteran volunteer
musician artist writer singer actor actress player fan trader merchant fisherman refugee migrant
pilgrim parent surgeon paramedic firefighter pupil priest pastor monk nun cleric historian
professor lecturer academic physician psychologist economist banker investor owner landlord
tenant shopper customer passenger motorist lawyer defender prosecutor investigator detective
""".split())
GROUP_HEADS = set("""
officials sources authors researchers analysts activists protesters protestors residents
witnesses experts leaders lawmakers delegates members militants fighters soldiers doctors
scientists critics supporters opponents organisers organizers campaigners observers diplomats
negotiators mediators economists people villagers workers students families relatives rebels
insurgents troops investigators prosecutors lawyers judges ministers aides
""".split())
ORG_HEADS = set("""
ministry court government administration agency statement report study website wing office
committee council commission army military party group movement union authority authorities
department bureau board embassy parliament senate congress cabinet tribunal company firm bank
newspaper network channel broadcaster station campaign coalition alliance federation association
institute university organisation organization regime junta team service presidency palace
command navy police force forces mission delegation survey paper communique letter declaration
""".split())
ORG_NAME_WORDS = set("""
agency ministry department council court party union authority authorities committee commission
office army forces force police government bank group institute university college school center
centre foundation association organisation organization corporation corp company co inc ltd llc
news times post journal network television tv radio press herald gazette telegraph guardian
tribune concern website senate congress parliament assembly church movement front brigades
brigade league alliance coalition federation society service services board project study
programme program fund trust nations bureau administration cabinet secretariat embassy consulate
hospital watch airlines airways holdings club navy guard command kremlin pentagon vatican house
street
""".split())
# Words that are capitalised at the start of a sentence but never part of a name.
NOT_NAMES = set("""
i the a an in on at but and or so yet if as of for to by from with after before during despite
since while when although though because however meanwhile furthermore moreover also still
instead indeed yesterday today tomorrow earlier later then thus there here this that these those
it he she they we you his her its their our my your according speaking commenting regarding
following asked standing discussing monday tuesday wednesday thursday friday saturday sunday
january february march april june july august september october november december
""".split())
GROUP_NAME_WORDS = {"brigades", "rebels", "militants", "insurgents"}


ROLE_MODIFIERS = set("""
deputy senior foreign former acting top anonymous military armed main news state local regional
national international federal police government army security joint defence defense interior
finance health planned new official chief general vice assistant associate executive managing
principal special supreme interim outgoing incoming emeritus junior
""".split())
ROLE_WORDS = TITLES | PERSON_HEADS | GROUP_HEADS | ORG_HEADS | ROLE_MODIFIERS


def _forms(lemmas: str, bare: bool = True) -> frozenset[str]:
    """Every form of regular verbs: 'warn' gives warn, warns, warned, warning; without
    `bare`, the base form and the -s form are left out ('question', 'reports' are nouns too)."""
    out = set()
    for lemma in lemmas.split():
        if not bare:
            y = re.search(r"[^aeiou]y$", lemma)
            stem = lemma[:-1] + "i" if y else lemma.removesuffix("e")
            out |= {stem + "ed", (lemma if y else stem) + "ing"}
            continue
        stem = lemma.removesuffix("e")
        third = lemma + ("es" if re.search(r"(s|sh|ch|x|z)$", lemma) else "s")
        if re.search(r"[^aeiou]y$", lemma):
            stem, third = lemma[:-1] + "i", lemma[:-1] + "ies"
            out |= {lemma, third, stem + "ed", lemma + "ing"}
            continue
        out |= {lemma, third, stem + "ed", stem + "ing"}
    return frozenset(out)


# Verbs that introduce speech: a quote next to one of them was said by its subject.
SPEECH_VERBS = _forms("""
add state ask explain warn insist argue note declare announce claim urge criticise criticize
call continue promise reply respond admit confirm deny suggest predict vow pledge stress
describe accuse assert contend conclude reveal acknowledge concede maintain reiterate
emphasise emphasize recall
""") | _forms("""
comment remark observe tweet complain caution counter quip joke boast lament demand condemn
praise hail welcome report recount testify shout scream whisper yell protest object retort
allege question wonder disclose plead appeal threaten order mention affirm repeat charge blast
slam dismiss reject answer point post express exclaim proclaim chant rule reason reckon text
email muse
""", bare=False) | frozenset("""
say says said saying tell tells told telling write writes wrote written writing
""".split())
# Verbs of belief that attribute a short quoted phrase: 'Levy saw reason for "guarded optimism"'.
OPINION_VERBS = _forms("""
believe expect hope fear consider regard label brand dub term characterise characterize
""") | frozenset("""
think thinks thought thinking feel feels felt feeling see sees saw seeing
""".split())
CUES = SPEECH_VERBS | OPINION_VERBS
PASSIVE_AUX = {"is", "was", "are", "were", "be", "been", "being"}
# Words between a subject and its verb: "Mugabe yesterday claimed", "He has also said".
FILLERS = set("""
has have had also further then yesterday today later earlier again previously reportedly
recently once last first finally however meanwhile subsequently separately repeatedly publicly
privately simply would will could did does do may might must should can not never already still
too himself herself themselves itself
""".split())
CLAUSE_LINKS = set("""
although though but while whereas because as and that when after before if since including so
then where which who whom whose than or nor yet
""".split())
ADVERBIAL_STARTS = PREPOSITIONS | {"on", "during", "after", "before", "when", "while", "as",
                                   "speaking", "despite", "following", "without", "upon",
                                   "regarding", "commenting", "standing", "discussing",
                                   "asked", "under", "over", "like", "unlike", "amid"}
SPEECH_NOUNS = {"remarks", "statement", "comments", "words", "letter", "speech", "message",
                "tweet", "post", "interview", "testimony", "report", "announcement"}
