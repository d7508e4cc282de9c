"""Word classes of news English that actor extraction leans on.

Titles come from nameparser's maintained title list, first names from the US census lists
the `names` package ships (public-domain data); the rest are small closed classes of
English (organisation heads, speech verbs, site nouns) written here once.
"""

from __future__ import annotations

import logging
import unicodedata
from functools import cache, lru_cache

log = logging.getLogger(__name__)

# nameparser titles that are not roles in news copy, or only modify one.
_NOT_TITLES = frozenset([
    "family", "group", "me", "her", "his", "most", "right", "law", "tax", "rock", "film", "radio",
    "television", "voice", "banner", "discovery", "docket", "flag", "field", "wing", "risk",
    "credit", "mystery", "blues", "opera", "soccer", "baseball", "business", "computer", "software",
    "marketing", "information", "intelligence", "knowledge", "strategy", "mathematics", "analytics",
    "met", "pd", "ra", "ab", "mag", "sn", "st", "hr", "rt", "states", "united", "us", "uk",
    "british", "english", "state", "national", "federal", "high", "grand", "royal", "travel",
    "theater", "theatre", "ballet", "classical", "award-winning", "excellent", "designated",
    "biblical", "behavioral", "model", "her", "his", "personality", "celebrity", "bearer", "pro",
    "print", "printer", "revenue", "security", "municipal", "metropolitan", "division", "district",
])
# Role words that only qualify a head noun ("deputy foreign minister").
MODIFIERS = frozenset([
    "first", "foreign", "prime", "deputy", "vice", "senior", "junior", "associate", "assistant",
    "acting", "interim", "former", "chief", "civil", "criminal", "corporate", "customs", "legal",
    "judicial", "literary", "political", "social", "special", "staff", "supreme", "technical",
    "military", "navy", "naval", "army", "police", "air", "financial", "flying", "petty", "rear",
    "private", "presiding", "hereditary", "blessed", "venerable", "honorable", "honourable",
    "emeritus", "executive", "managing", "majority", "minority", "opposition", "main", "top",
    "lead", "general", "public", "defence", "defense", "finance", "interior", "justice", "health",
    "education", "economy", "trade", "energy", "environment", "culture", "labour", "labor",
    "transport", "treasury", "home", "state", "foreign-affairs", "regional", "local", "provincial",
    "national", "federal", "party", "union", "team", "club", "company", "group", "campaign",
    "former", "then", "incoming", "outgoing", "newly", "elected", "appointed", "de", "facto",
    "self-styled", "exiled", "freed", "jailed", "detained", "ousted", "veteran", "longtime",
    "long-time",
])
# Role nouns nameparser lacks.
_EXTRA_TITLES = frozenset([
    "spokesperson", "spokesman", "spokeswoman", "emir", "chairman", "chairwoman", "chairperson",
    "prosecutor", "analyst", "candidate", "official", "envoy", "negotiator", "mediator", "lawmaker",
    "legislator", "congressman", "congresswoman", "militant", "boss", "head", "owner", "adviser",
    "advisor", "aide", "strategist", "student", "victim", "survivor", "witness", "refugee",
    "migrant", "hostage", "prisoner", "detainee", "suspect", "defendant", "plaintiff", "justice",
    "campaigner", "organiser", "organizer", "protester", "protestor", "reporter", "columnist",
    "anchor", "presenter", "consul", "emissary", "regulator", "inspector", "auditor", "coordinator",
    "peer", "monarch", "sheikha", "speaker", "commissioner", "ruler", "premier", "chancellor",
    "secretary-general", "undersecretary", "under-secretary", "attorney-general", "mp", "mep",
    "rapporteur", "observer", "delegate", "representative", "major", "billionaire", "millionaire",
    "tycoon", "mogul", "striker", "goalkeeper", "midfielder", "defender", "winger", "forward",
    "captain", "champion", "co-owner", "owner", "heir", "rapper", "star", "entrepreneur",
    "businessman", "businesswoman", "counterpart", "ally", "rival", "predecessor", "successor",
    "colleague",
])
HONORIFICS = frozenset([
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "dr", "dr.", "sir", "dame", "madam",
    "sheikh", "sheik",
])
# Titles that stay part of the name when followed by a surname alone ("Lord Alli").
PEERAGE = frozenset([
    "lord", "lady", "baroness", "baron", "earl", "viscount", "duke", "duchess", "countess",
    "marquess",
])
# Abbreviated titles, spelt out for comparison.
TITLE_ABBREVIATIONS = {
    "rep.": "representative", "sen.": "senator", "gen.": "general", "gov.": "governor",
    "pres.": "president", "prof.": "professor", "lt.": "lieutenant", "col.": "colonel",
    "maj.": "major", "capt.": "captain", "sgt.": "sergeant", "adm.": "admiral", "dr.": "doctor",
}
# Offices a person holds one at a time: two different ones mean two people of one surname.
OFFICES = frozenset([
    "president", "senator", "representative", "governor", "mayor", "minister", "chancellor",
    "premier", "king", "queen", "secretary", "ambassador", "judge", "general", "admiral",
])

# Heads that open Romance-language names ("Banco Nacional de Angola").
ROMANCE_HEADS = frozenset(["banco", "banque", "partido", "parti", "frente", "fuerzas", "ejercito",
                           "universidad", "universite", "universita", "instituto", "institut",
                           "ministerio", "consejo", "corte", "asamblea", "congreso", "movimiento",
                           "fundacion", "fondation", "agence", "agencia", "grupo", "groupe",
                           "comision", "commissione"])
# Industry words end company names but do not close one ("Senate Energy and Natural ...").
INDUSTRY_HEADS = frozenset(["energy", "oil", "gas", "foods", "communications", "telecom",
                            "telecommunications", "resources", "mining", "electric", "chemicals",
                            "financial", "logistics", "shipping", "entertainment", "pictures",
                            "brands", "pharma", "therapeutics"])
# Last words of organisation names (and the first of Romance-language ones).
ORG_HEADS = frozenset([
    "party", "authority", "council", "ministry", "senate", "agency", "court", "union", "bank",
    "corporation", "corp", "inc", "ltd", "llc", "plc", "committee", "commission", "forces", "army",
    "navy", "police", "guard", "news", "times", "house", "gazette", "post", "herald", "journal",
    "telegraph", "tribune", "daily", "press", "television", "tv", "radio", "broadcasting",
    "network", "university", "college", "school", "academy", "institute", "institution",
    "foundation", "center", "centre", "association", "federation", "organisation", "organization",
    "office", "department", "service", "services", "fund", "trust", "society", "league", "alliance",
    "coalition", "front", "movement", "brigades", "brigade", "congress", "parliament", "assembly",
    "cabinet", "government", "administration", "board", "bureau", "company", "co", "airlines",
    "airways", "motors", "holdings", "partners", "industries", "technologies", "systems", "group",
    "consortium", "band", "chorus", "choir", "orchestra", "club", "team", "project", "programme",
    "program", "initiative", "campaign", "tribunal", "secretariat", "directorate", "command",
    "corps", "regiment", "division", "battalion", "reserve", "exchange", "observatory", "watch",
    "international", "nations", "community", "commons", "lords", "representatives", "church",
    "cartel", "mafia", "channel", "magazine", "associates", "bancorp", "insurance", "petroleum",
    "pharmaceuticals", "studios", "centres", "centers", "councils", "committees", "agencies",
    "ministries", "courts", "unions", "parties", "institutes", "chamber", "chambers",
    "confederation", "syndicate", "guild", "mission", "consulate", "legislature", "presidency",
    "clinic", "laboratory", "laboratories", "labs", "railways", "militia", "survey", "forum",
    "courier", "chronicle", "observer", "examiner", "inquirer", "enquirer", "bulletin", "dispatch",
    "globe", "index", "indices", "barometer", "tracker", "database", "registry", "ports", "motor",
]) | ROMANCE_HEADS | INDUSTRY_HEADS
# Heads that open the names of natural sites ("River Nyando", "Lake Chad", "Mount Kenya").
SITE_OPENERS = frozenset(["river", "lake", "mount", "cape", "gulf", "bay", "strait", "isle",
                          "fort", "camp"])
# Last words of the names of regions ("Harris County", "Kherson Oblast").
REGION_HEADS = frozenset([
    "county", "province", "region", "district", "prefecture", "oblast", "governorate", "territory",
    "territories", "municipality", "parish", "borough", "township", "canton", "emirate",
])
# Lower-case nouns that make an organisation of a demonym ("Colombian army").
ORG_NOUNS = frozenset([
    "army", "navy", "military", "police", "parliament", "air-force", "coastguard",
])
# Nouns in apposition that say what kind of actor a name is ("militant group Hamas").
ORG_KINDS = frozenset([
    "group", "organization", "organisation", "movement", "party", "militia", "faction", "company",
    "firm", "agency", "network", "newspaper", "broadcaster", "channel", "television", "bank",
    "union", "outlet", "daily", "paper", "charity", "insurer", "carrier", "airline", "lender",
    "retailer", "manufacturer", "maker", "broker", "regulator", "watchdog", "station", "magazine",
    "website",
])
GROUP_KINDS = frozenset(["minority", "community", "tribe", "people", "sect", "ethnicity", "clan"])
# Last words of the names of sites, and of events (not actors, not places).
SITE_HEADS = frozenset([
    "palace", "mosque", "church", "cathedral", "temple", "synagogue", "shrine", "bazaar", "market",
    "courthouse", "park", "bridge", "square", "airport", "stadium", "hospital", "tower", "station",
    "port", "harbour", "harbor", "dam", "camp", "prison", "jail", "embassy", "castle", "museum",
    "gate", "wall", "street", "avenue", "road", "highway", "motorway", "canal", "crossing",
    "checkpoint", "base", "building", "hall", "plant", "refinery", "mine", "field", "valley",
    "river", "lake", "sea", "ocean", "mountain", "mountains", "mount", "island", "islands",
    "desert", "forest", "peninsula", "strait", "gulf", "bay", "canyon", "coast", "beach", "hill",
    "hills", "heights", "plateau", "glacier", "volcano", "telescope", "satellite", "spacecraft",
    "rover",
])
SITE_NOUNS = frozenset([
    "bridge", "dam", "crossing", "airport", "port", "plant", "refinery", "camp", "prison", "mosque",
    "church", "hospital", "square", "checkpoint", "highway", "neighborhood", "neighbourhood",
    "district", "suburb", "mine", "reactor", "pipeline", "terminal", "stadium", "oilfield",
])
# Single words that name an institution of state on their own.
INSTITUTIONS = frozenset([
    "congress", "senate", "parliament", "cabinet", "bundestag", "bundesrat", "knesset", "duma",
    "riksdag", "storting", "sejm", "majlis", "kremlin", "pentagon", "politburo",
])
EVENT_HEADS = frozenset([
    "conference", "summit", "games", "olympics", "cup", "championship", "championships", "festival",
    "war", "revolution", "act", "bill", "agreement", "accord", "accords", "treaty", "day", "week",
    "prize", "award", "awards", "declaration", "plan", "protocol", "convention", "talks", "expo",
    "marathon", "crisis", "storm", "hurricane", "cyclone", "typhoon", "operation", "show", "season",
    "series", "tour", "election", "elections", "referendum", "amendment", "resolution", "law",
    "code", "directive", "regulation", "constitution", "charter",
])
# Nouns after "town of", "suburb of": what follows is a place.
PLACE_NOUNS = frozenset([
    "town", "city", "village", "suburb", "province", "region", "district", "state", "county",
    "neighbourhood", "neighborhood", "area", "capital", "island", "port", "municipality", "towns",
    "cities", "villages", "suburbs", "provinces", "regions", "districts", "states", "counties",
    "areas", "islands",
])
PLACE_PREPOSITIONS = frozenset([
    "in", "near", "outside", "inside", "at", "to", "from", "across", "around",
])
# Capitalised plurals naming groups of people by faith, party or people.
GROUP_WORDS = frozenset([
    "muslims", "christians", "jews", "hindus", "buddhists", "sikhs", "catholics", "protestants",
    "shiites", "shias", "sunnis", "druze", "alawites", "evangelicals", "mormons", "democrats",
    "republicans", "conservatives", "tories", "liberals", "socialists", "communists", "islamists",
    "kurds", "arabs", "uighurs", "uyghurs", "rohingya", "tamils", "pashtuns", "berbers", "bedouins",
    "roma", "tutsis", "hutus", "yazidis", "copts", "basques", "catalans", "tibetans",
    "palestinians", "sahrawis",
])
SPEECH_VERBS = frozenset([
    "said", "says", "say", "told", "tells", "added", "adds", "stated", "declared", "explained",
    "announced", "warned", "noted", "argued", "insisted", "claimed", "wrote", "writes", "asked",
    "replied", "responded", "commented", "continued", "promised", "urged", "confirmed", "denied",
    "acknowledged", "admitted", "recalled", "testified", "tweeted", "posted", "concluded",
    "believes", "believed", "thinks", "suggested", "reported", "reports",
])
# All-capital words that are not organisations.
ACRONYM_STOP = frozenset([
    "CEO", "CFO", "COO", "CTO", "GDP", "GNP", "TV", "AM", "PM", "MP", "MPS", "MEP", "PHD", "MBA",
    "IQ", "HIV", "AIDS", "DNA", "RNA", "COVID", "SARS", "ID", "OK", "USD", "EUR", "GBP", "JPY",
    "CNY", "AI", "IT", "PR", "VIP", "UFO", "ATM", "SMS", "PC", "CD", "DVD", "GPS", "NGO", "LGBT",
    "LGBTQ", "BCE", "CE", "AD", "BC", "FAQ", "PDF", "HQ", "CPI", "PPI", "GMT", "UTC", "EST", "EDT",
    "PST", "CET", "IPO", "ETF", "EPS", "RIP", "ASAP", "DIY", "II", "III", "IV", "VI", "VII", "VIII",
    "IX", "XI", "XII", "USB", "URL", "WWW", "NB", "PS", "AKA", "MPH", "KPH", "MW", "GW", "KW", "KM",
    "KG", "CM", "MM", "ML",
])
FUNCTION_WORDS = frozenset([
    "the", "a", "an", "in", "on", "at", "by", "for", "with", "from", "to", "of", "and", "but", "or",
    "as", "after", "before", "during", "meanwhile", "however", "also", "yesterday", "today",
    "earlier", "later", "last", "next", "when", "while", "despite", "according", "this", "that",
    "these", "those", "there", "here", "his", "her", "its", "their", "our", "my", "your", "we",
    "they", "he", "she", "it", "i", "you", "if", "since", "although", "though", "because", "so",
    "then", "now", "thus", "still", "yet", "once", "over", "under", "between", "among", "against",
    "about", "into", "onto", "upon", "via", "per", "than", "not", "no", "all", "some", "many",
    "most", "more", "each", "every", "both", "few", "several", "such", "other", "another", "any",
    "what", "which", "who", "whom", "whose", "where", "why", "how",
])
COMMON_WORD_COUNT = 5000
ENGLISH_WORD_COUNT = 50
MONTHS_DAYS = frozenset([
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday",
])


@lru_cache(maxsize=1 << 15)
def fold(word: str) -> str:
    """Lower case without accents, dotless i as i: how the lexicons store words."""
    word = unicodedata.normalize("NFKD", word.replace("\u0131", "i"))
    return "".join(c for c in word if not unicodedata.combining(c)).lower()


@cache
def title_words() -> frozenset[str]:
    """Every word that can be (part of) a title or role, lower case."""
    try:
        from nameparser.config.titles import TITLES
    except ImportError:  # pragma: no cover - nameparser is a declared dependency
        log.warning("nameparser is not installed: role detection uses a short list only")
        TITLES = frozenset()
    words = {t for t in TITLES if t.replace("-", "").isalpha()} - _NOT_TITLES
    return frozenset(words | _EXTRA_TITLES | set(TITLE_ABBREVIATIONS) | PEERAGE)


def is_title(word: str) -> bool:
    """A word that can be part of a role ("minister", "Deputy", "Rep.")."""
    w = fold(word)
    return w in title_words() or w in MODIFIERS or w.replace("-", " ").split()[-1:] == ["general"]


def is_role_head(word: str) -> bool:
    """A word that can end a role: a noun for a function, not a mere qualifier."""
    w = fold(word)
    if w in TITLE_ABBREVIATIONS or w in PEERAGE:
        return True
    if "-" in w:  # "Secretary-General", "commander-in-chief"
        return any(is_role_head(p) for p in w.split("-"))
    return w in title_words() and (w not in MODIFIERS
                                   or w in {"general", "chief", "executive", "justice"})


@cache
def first_names() -> frozenset[str]:
    """Given names from the US census lists the `names` package ships (public-domain data)."""
    from importlib import resources

    names = set()
    try:
        folder = resources.files("names")
        for part in ("dist.male.first", "dist.female.first"):
            for line in (folder / part).read_text("utf-8").splitlines():
                if line.strip():
                    names.add(fold(line.split()[0]))
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        log.warning("the names package is not installed: people are found without first names")
        return frozenset()
    return frozenset(names - title_words() - MODIFIERS - MONTHS_DAYS - FUNCTION_WORDS)


def is_first_name(word: str) -> bool:
    return fold(word) in first_names()


@cache
def _word_counts() -> dict[str, int]:
    """English word frequencies (pyspellchecker's list), to tell words from names."""
    try:
        import gzip
        import json
        from importlib import resources

        raw = (resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        log.warning("pyspellchecker is not installed: common words are not told from names")
        return {}
    return json.loads(gzip.decompress(raw))


def is_english_word(word: str) -> bool:
    """A word of English at all (seen often enough in the word list not to be a name only)."""
    return _word_counts().get(word.lower(), 0) >= ENGLISH_WORD_COUNT


def is_common_word(word: str) -> bool:
    """A frequent English word ("Same", "Reading", "Concern"), unlikely to be a name alone."""
    return _word_counts().get(word.lower(), 0) >= COMMON_WORD_COUNT
