"""Tests for generator.validate: one per check, each asserting the exact line an editor sees.

Reading the YAML safely, and its traps, is tested in test_yamlsafe.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import model
from generator.sheets import dump_sheet
from generator.validate import (
    DATE_FORMS,
    PROVENANCE,
    REFERENCES,
    Problem,
    check_paths,
    validate_sheet_file,
    validate_text,
)

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "gold"
SEED = GOLD / "000_ae57dd23660baea6.yaml"
HEAD = "schema: 1\nslug: gaza-talks\ntitle: Gaza talks\n"  # lines 1-3 of every inline sheet
NAME = "content/x.yaml"

needs_gold = pytest.mark.skipif(not SEED.exists(), reason=f"gold sheets not found in {GOLD}")


def problems(text: str) -> list[str]:
    """The problems in a sheet's text, as printed."""
    return [str(p) for p in validate_text(text, NAME)[1]]


def one(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# --- valid sheets ------------------------------------------------------------------------

@needs_gold
def test_the_seed_gold_sheet_is_valid():
    data, found = validate_sheet_file(SEED)
    assert found == []
    assert data["slug"] == "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal"


@needs_gold
@pytest.mark.parametrize("path", sorted(GOLD.glob("*.yaml")) if GOLD.exists() else [],
                         ids=lambda p: p.stem)
def test_every_gold_sheet_is_valid(path):
    assert validate_sheet_file(path)[1] == []


def test_a_minimal_sheet_is_valid():
    data, found = validate_text(HEAD, NAME)
    assert found == [] and data == {"schema": 1, "slug": "gaza-talks", "title": "Gaza talks"}


def test_a_sheet_with_every_model_key_as_the_generator_writes_it_is_valid():
    sheet = model.FactSheet(
        schema=1, slug="gaza-talks", title="Gaza talks", summary="Talks began.",
        sources=[model.Source("s1", "Talks begin", "Reuters", "2025-02-04", "seeds/a.txt",
                              "https://example.org/a")],
        actors=[model.Actor("hamas", "Hamas", "group", None, None, ["the movement"], "Group.",
                            "Hamas said."),
                model.Actor("al-qanoua", "Al-Qanoua", "person", "spokesperson", "hamas")],
        places=[model.Place("Doha", "city", ["Ad Dawhah"], "In Doha.")],
        phases=[model.Phase(1, "First phase", "in_force", "2025-01-19", "Jan. 19", "six weeks",
                            ["a halt to fighting"], "It began.")],
        figures=[model.Figure(47000, 48000, "47,000 to 48,000", "about", "people", "killed",
                              "health authorities", "They say.", "s1")],
        events=[model.Event("2025-01", None, "The truce began", "It began.", "s1"),
                model.Event("2025", None, "Talks", "Talks.", "s1")],
        quotes=[model.Quote("We are hopeful", "al-qanoua", "\"We are hopeful,\" he said.", "s1")],
        review=model.Review("draft", ["Check the date."]),
    )
    text = dump_sheet(sheet)
    assert "published: 2025-02-04\n" in text  # written bare, so it loads as a date object
    assert problems(text) == []


def test_eval_only_optional_and_top_level_unknowns_are_accepted():
    text = HEAD + "unknowns: [who signed]\nplaces:\n  - name: Doha\n    optional: true\n"
    assert problems(text) == []


def test_provenance_may_be_missing_or_null():
    text = HEAD + "figures:\n  - value: 3\n    text: three\n    evidence: null\n    source: null\n"
    assert problems(text) == []


def test_lists_enums_and_review_may_be_left_out():
    text = HEAD + "figures:\n  - value: 3\n    text: three\nactors:\n  - id: a\n    name: A\n"
    assert problems(text) == []


# --- types -------------------------------------------------------------------------------

@pytest.mark.parametrize("entry, expected", [
    ("figures:\n  - value: lots\n    text: lots",
     "content/x.yaml:5: figures[0].value must be a number, got 'lots'"),
    ("figures:\n  - value: \"47,000\"\n    text: x",
     "content/x.yaml:5: figures[0].value must be a number, got '47,000'; "
     "write it without commas: 47000"),
    ("phases:\n  - number: 1.5",
     "content/x.yaml:5: phases[0].number must be a whole number, got 1.5"),
    ("actors:\n  - id: hamas\n    name: Hamas\n    aliases: the movement",
     "content/x.yaml:7: actors[0].aliases must be a list, got 'the movement'; "
     "write [the movement] for a list of one"),
    ("review: [draft]",
     "content/x.yaml:4: review must be a mapping of keys (status, notes), got a list"),
    ("review:\n  status: draft\n  notes:",
     "content/x.yaml:6: review.notes must be a list, got null; write [] for none"),
    ("summary: [a, b]", "content/x.yaml:4: summary must be text, got a list"),
    ("places:\n  - name: Doha\n    optional: maybe",
     "content/x.yaml:6: places[0].optional must be true or false, got 'maybe'"),
])
def test_a_value_of_the_wrong_type_is_reported_at_its_line(entry, expected):
    assert one(HEAD + entry + "\n") == expected


@pytest.mark.parametrize("entry, expected", [
    ("actors:\n  - id: a\n    name: A\n    type: persn",
     "actors[0].type must be one of person, organization, country, group, got 'persn'; "
     "did you mean 'person'?"),
    ("places:\n  - name: A\n    type: town",
     "places[0].type must be one of country, region, city, site, got 'town'"),
    ("phases:\n  - number: 1\n    status: in-force",
     "phases[0].status must be one of planned, negotiating, in_force, completed, suspended, "
     "collapsed, unknown, got 'in-force'; did you mean 'in_force'?"),
    ("figures:\n  - value: 1\n    text: one\n    qualifier: roughly",
     "figures[0].qualifier must be one of exact, more_than, at_least, less_than, up_to, about, "
     "got 'roughly'"),
    ("review:\n  status: done",
     "review.status must be one of draft, reviewed, got 'done'"),
])
def test_an_enum_lists_its_allowed_values(entry, expected):
    line = len((HEAD + entry).splitlines())
    assert one(HEAD + entry + "\n") == f"{NAME}:{line}: {expected}"


def test_required_keys_are_reported_missing_at_the_item():
    text = "schema: 1\nslug: gaza-talks\nactors:\n  - id: hamas\n    type: group\n"
    assert problems(text) == ["content/x.yaml:1: title is missing",
                              "content/x.yaml:4: actors[0].name is missing"]


def test_an_empty_required_value_says_so():
    assert one(HEAD + "events:\n  - what:\n") == "content/x.yaml:5: events[0].what is empty"


# --- ids and references ------------------------------------------------------------------

def test_ids_must_be_slug_like():
    assert one(HEAD + "actors:\n  - id: Hamas Movement\n    name: Hamas\n") == (
        "content/x.yaml:5: actors[0].id 'Hamas Movement' must be lowercase letters, digits and "
        "hyphens ([a-z0-9-]+); did you mean 'hamas-movement'?")


def test_ids_must_be_unique():
    text = HEAD + "actors:\n  - id: hamas\n    name: Hamas\n  - id: hamas\n    name: H\n"
    assert one(text) == ("content/x.yaml:7: actors[1].id 'hamas' is used twice (first on line "
                         "5); ids must be unique; rename one and the references to it")


ACTORS = "actors:\n  - id: abdel-latif-al-qanoua\n    name: Abdel-Latif Al-Qanoua\n"


def test_a_quote_speaker_must_be_an_actor_id():
    text = HEAD + ACTORS + "quotes:\n  - text: Talks have begun\n    speaker: abdel-latif\n"
    assert one(text) == ("content/x.yaml:9: quotes[0].speaker 'abdel-latif' is not an actor "
                         "id; did you mean 'abdel-latif-al-qanoua'?")


def test_an_affiliation_must_be_an_actor_id():
    text = HEAD + ACTORS + "    affiliation: hamas\n"
    assert one(text) == ("content/x.yaml:7: actors[0].affiliation 'hamas' is not an actor id; "
                         "the ids in actors are abdel-latif-al-qanoua")


def test_a_fact_source_must_be_a_source_id():
    text = HEAD + ("sources:\n  - id: s1\n    title: T\n"
                   "events:\n  - what: Talks\n    source: s2\n")
    assert one(text) == ("content/x.yaml:9: events[0].source 's2' is not a source id; "
                         "the ids in sources are s1")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "www.example.com/a",
                                 "ftp://example.com/a", "https://"])
def test_a_source_url_must_be_a_web_address(url):
    text = HEAD + f"sources:\n  - id: s1\n    title: T\n    url: '{url}'\n"
    assert one(text).startswith("content/x.yaml:7: sources[0].url ")
    assert "is not a web address; write the article's address in full, starting with https://" \
        in one(text)


def test_an_http_source_url_is_valid():
    text = HEAD + "sources:\n  - id: s1\n    title: T\n    url: https://example.com/a?b=1\n"
    assert problems(text) == []


def test_a_source_with_no_sources_listed():
    text = HEAD + "figures:\n  - value: 1\n    text: one\n    source: s1\n"
    assert one(text) == ("content/x.yaml:7: figures[0].source 's1' is not a source id; "
                         "the sheet lists no sources")


# --- dates, slug, schema -----------------------------------------------------------------

@pytest.mark.parametrize("date", ["2025-02-04", "'2025-02-04'", "2025-02", "'2025'", "null"])
def test_an_event_date_may_be_a_day_a_month_or_a_year(date):
    assert problems(HEAD + f"events:\n  - what: Talks\n    date: {date}\n") == []


def test_a_date_that_is_not_on_the_calendar():
    assert one(HEAD + "events:\n  - what: Talks\n    date: 2025-02-30\n") == (
        "content/x.yaml:6: events[0].date 2025-02-30 is not a real date; "
        "February 2025 has 28 days")


@pytest.mark.parametrize("entry, expected", [
    ("events:\n  - what: Talks\n    date: 2025-13",
     "content/x.yaml:6: events[0].date 2025-13 is not a real date; months run from 01 to 12"),
    ("events:\n  - what: Talks\n    date: Jan. 19",
     "content/x.yaml:6: events[0].date must be a date YYYY-MM-DD, YYYY-MM or YYYY, "
     "got 'Jan. 19'"),
    ("events:\n  - what: Talks\n    date: 2025",
     "content/x.yaml:6: events[0].date became the number 2025; quote it: '2025'"),
    ("sources:\n  - id: s1\n    title: T\n    published: 2025-02",
     "content/x.yaml:7: sources[0].published must be a date YYYY-MM-DD, got '2025-02'"),
    ("phases:\n  - number: 1\n    start: 2025-02-04 10:00:00",
     "content/x.yaml:6: phases[0].start must be a date YYYY-MM-DD, got 2025-02-04 10:00:00"),
])
def test_a_date_in_the_wrong_form(entry, expected):
    assert one(HEAD + entry + "\n") == expected


def test_date_objects_are_accepted_where_a_day_is():
    data, found = validate_text(HEAD + "phases:\n  - number: 1\n    start: 2025-01-19\n", NAME)
    assert found == [] and data["phases"][0]["start"] == dt.date(2025, 1, 19)


def test_the_slug_must_be_a_slug():
    assert one("schema: 1\nslug: Gaza Talks\ntitle: T\n") == (
        "content/x.yaml:2: slug 'Gaza Talks' must be lowercase words joined by single hyphens "
        "(a-z, 0-9, -); did you mean 'gaza-talks'?")


def test_the_schema_must_be_1():
    assert one("schema: 2\nslug: a\ntitle: T\n") == (
        "content/x.yaml:1: schema must be 1, got 2; this version reads schema 1 sheets only")


# --- unknown keys (duplicate keys: test_yamlsafe.py) -------------------------------------

def test_an_unknown_top_level_key_suggests_the_nearest():
    assert one(HEAD + "figurs: []\n") == (
        "content/x.yaml:4: `figurs`: unknown key; did you mean `figures`?")


def test_an_unknown_key_in_an_item_suggests_the_nearest():
    text = HEAD + "actors:\n  - id: hamas\n    nmae: Hamas\n"
    assert problems(text) == [
        "content/x.yaml:5: actors[0].name is missing",
        "content/x.yaml:6: `actors[0].nmae`: unknown key; did you mean `name`?"]


def test_an_unknown_key_with_nothing_near_lists_the_keys():
    assert one(HEAD + "review:\n  verdict: fine\n") == (
        "content/x.yaml:5: `review.verdict`: unknown key; the keys here are status, notes, "
        "optional")


# --- whole files and folders ----------------------------------------------------------------

def test_a_folder_or_missing_file_is_a_problem_not_a_traceback(tmp_path):
    assert validate_sheet_file(tmp_path)[1][0].message.startswith("cannot read the file")
    assert [str(p) for p in check_paths([tmp_path / "nope"])] == [
        f"{tmp_path / 'nope'}: no such file or folder"]


def test_every_problem_in_a_file_is_reported_in_line_order():
    path = FIXTURES / "many_problems.yaml"
    data, found = validate_sheet_file(path)
    assert data is not None
    assert [str(p).removeprefix(f"{path}:") for p in found] == [
        "4: `figurs`: unknown key; did you mean `figures`?",
        "8: actors[0].type must be one of person, organization, country, group, got 'militia'",
        "9: actors[1].id 'hamas' is used twice (first on line 6); ids must be unique; rename "
        "one and the references to it",
        "10: actors[1].name became false; quote it: 'NO'",
        "13: figures[0].value must be a number, got 'lots'",
        "15: figures[0].source 's9' is not a source id; the sheet lists no sources",
        "17: events[0].date 2025-02-30 is not a real date; February 2025 has 28 days",
    ]


def test_two_sheets_with_one_slug_are_both_named():
    folder = FIXTURES / "duplicate_slugs"
    first, second = folder / "first.yaml", folder / "second.yaml"
    assert [str(p) for p in check_paths([folder])] == [
        f"{first}:2: slug 'gaza-talks' is also used by {second}:3; "
        "each explainer needs its own slug",
        f"{second}:3: slug 'gaza-talks' is also used by {first}:2; "
        "each explainer needs its own slug",
    ]


def test_check_paths_finds_yaml_and_yml_and_skips_hidden_files(tmp_path):
    (tmp_path / "a.yaml").write_text("schema: 1\nslug: a\ntitle: A\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("schema: 1\nslug: b\ntitle: B\nfigurs: []\n")
    (tmp_path / ".c.yaml.tmp").write_text("not: [valid")
    (tmp_path / "notes.txt").write_text("not: [valid")
    assert [str(p) for p in check_paths([tmp_path])] == [
        f"{tmp_path / 'sub' / 'b.yml'}:4: `figurs`: unknown key; did you mean `figures`?"]


def test_problem_prints_without_a_line_or_hint():
    assert str(Problem("content/x.yaml", None, "no such file or folder")) == (
        "content/x.yaml: no such file or folder")


# --- the schema comes from the model --------------------------------------------------------

def test_the_validator_tables_name_real_model_fields():
    names = {f.name for cls in vars(model).values() if dataclasses.is_dataclass(cls)
             for f in dataclasses.fields(cls)}
    assert set(REFERENCES) | set(DATE_FORMS) | PROVENANCE <= names
    assert set(REFERENCES.values()) <= {f.name for f in dataclasses.fields(model.FactSheet)}


def test_a_key_added_to_the_model_is_checked_without_touching_the_validator(monkeypatch):
    @dataclasses.dataclass
    class WithImage(model.FactSheet):
        image: str | None = model.doc("A picture for the page.", extra=True)

    assert "unknown key" in one(HEAD + "image: gaza.jpg\n")
    monkeypatch.setattr(model, "FactSheet", WithImage)
    assert problems(HEAD + "image: gaza.jpg\n") == []
    assert one(HEAD + "image: [a]\n") == "content/x.yaml:4: image must be text, got a list"


# --- robustness ---------------------------------------------------------------------------

def _seed_text() -> str:
    return SEED.read_text(encoding="utf-8") if SEED.exists() else HEAD


def _assert_only_problems(text: str) -> None:
    data, found = validate_text(text, NAME)
    assert data is None or isinstance(data, dict)
    for p in found:
        assert isinstance(p, Problem) and str(p).startswith(NAME)
        assert "internal error" not in p.message, p


_NASTY = st.sampled_from(["\t", ": ", " #", "#", "'", '"', "[", "]", "{", "}", "&a ", "*a",
                          "!!python/object:os.system ", "- ", "\n", "\n  ", "---\n", "<<: ",
                          "? ", "|", ">", "%", "@", "yes", "12:30", "2025-02-30", "0x_",
                          "\x07", "\u2028", "é", "null", "~", "1e3", ".nan"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_edits_of_a_valid_sheet_never_raise(data):
    text = _seed_text()
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 12))
        insert = data.draw(st.one_of(_NASTY, st.text(max_size=6)))
        text = text[:at] + insert + text[at + cut:]
    _assert_only_problems(text)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.dates() | st.sampled_from(["person", "s1", "hamas", "2025-02-30", "2025-02"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "name", "type", "value", "text", "date", "source", "figurs"]),
        inner, max_size=3),
    max_leaves=6)


def _paths(value, prefix=()):
    """Every place in a loaded sheet a value could be swapped."""
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, child in items:
        yield from _paths(child, (*prefix, key))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_values_in_a_valid_sheet_never_raise(data):
    sheet = yaml.safe_load(_seed_text())
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(_paths(sheet))[1:]))
        parent = sheet
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = data.draw(_VALUES)
    _assert_only_problems(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False))


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_text_at_all_never_raises(text):
    _assert_only_problems(text)


def test_checking_is_fast():
    text = _seed_text()
    start = time.perf_counter()
    for _ in range(200):
        validate_text(text, NAME)
    assert time.perf_counter() - start < 2.0  # about 0.1 s on a 2-core machine


@needs_gold
def test_checking_a_sheet_leaves_no_reference_cycle():
    """A sheet's parsed YAML (thousands of nodes and marks) is freed as soon as the check is
    done, not kept until Python's cyclic GC finds it: a build checks thousands of sheets."""
    import gc

    text = SEED.read_text(encoding="utf-8")
    gc.collect()
    gc.disable()
    try:
        data, problems = validate_text(text, NAME)
        assert data and problems == []
        assert gc.collect() == 0
    finally:
        gc.enable()
