"""Tests for generator.yamlsafe: safe loading, value lines and YAML's traps.

Most go through `validate_text`, as an editor meets them, asserting the exact line printed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.problems import Problem
from generator.validate import validate_sheet_file, validate_text
from generator.yamlsafe import MAX_BYTES, child_path, parent_path, read_sheet_text, read_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
HEAD = "schema: 1\nslug: gaza-talks\ntitle: Gaza talks\n"  # lines 1-3 of every inline sheet
NAME = "content/x.yaml"


def problems(text: str) -> list[str]:
    """The problems in a sheet's text, as printed."""
    return [str(p) for p in validate_text(text, NAME)[1]]


def one(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# --- the module's own surface ---------------------------------------------------------------

def test_read_yaml_gives_the_data_and_the_line_of_every_value():
    marks, data, found = read_yaml(HEAD + "actors:\n  - id: a\n    name: A\n", NAME)
    assert found == [] and data["actors"] == [{"id": "a", "name": "A"}]
    assert [marks.line(at) for at in ("slug", "actors", "actors[0]", "actors[0].name")] == \
        [2, 4, 5, 6]


SHEETS = Path(__file__).parent / "fixtures" / "sheets"
SCALARS = ["plain", "'quoted'", '"double"', "12", "-3", "0x1F", "1_000", "0o17", "1.5", ".inf",
           "-.Inf", ".nan", "1e3", "true", "No", "off", "~", "null", "", "2025-02-04",
           "2025-02-04 10:30:00", "12:30", "190:20:30", "'2025'", "!!str 12", "!!int '7'",
           "!!float '2'", "!!bool 'yes'", "[1, two, 3.0]", "{k: v, n: 1}"]


@pytest.mark.parametrize("scalar", SCALARS)
def test_the_data_is_what_pyyaml_builds(scalar):
    """read_yaml builds the data in its own pass (no aliases, no merges): it must be exactly
    what yaml.safe_load gives, types included (repr: a nan is not equal to itself)."""
    text = f"a: {scalar}\nlist:\n- {scalar}\n- k: {scalar}\n"
    assert repr(read_yaml(text, NAME)[1]) == repr(yaml.safe_load(text))


@pytest.mark.parametrize("key", ["12", "true", "~", "2025-02-04", "1.5", "'7'", "key"])
def test_keys_are_what_pyyaml_builds(key):
    text = f"{key}: v\nz: w\n"
    assert repr(read_yaml(text, NAME)[1]) == repr(yaml.safe_load(text))


@pytest.mark.parametrize("sheet", sorted(SHEETS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_fixture_sheet_reads_as_pyyaml_reads_it(sheet):
    text = sheet.read_text(encoding="utf-8")
    assert read_yaml(text, NAME)[1] == yaml.safe_load(text)


def test_aliases_and_merges_are_built_by_pyyaml_shared_and_merged():
    text = HEAD + ("actors:\n  - &base\n    id: a\n    aliases: &al [A1]\n"
                   "  - <<: *base\n    id: b\n    aliases: *al\n")
    data = read_yaml(text, NAME)[1]
    assert data == yaml.safe_load(text)
    assert data["actors"][0]["aliases"] is data["actors"][1]["aliases"]


def test_a_value_path_with_no_value_takes_the_line_of_what_holds_it():
    marks, _, _ = read_yaml(HEAD + "actors:\n  - id: a\n", NAME)
    assert marks.line("actors[0].name") == 5
    assert marks.line("review.status") == 1


def test_value_paths():
    assert child_path("", "actors") == "actors"
    assert child_path("actors[0]", "name") == "actors[0].name"
    assert child_path("figures[1]", 12) == "figures[1].12"
    assert parent_path("actors[0].name") == "actors[0]"
    assert parent_path("actors[0]") == "actors"
    assert parent_path("actors") == ""


def test_blank_and_text_traps():
    marks, _, _ = read_yaml(HEAD + "summary:\nevents:\n  - what: NO\n    date: '2025'\n", NAME)
    assert marks.blank("summary") and not marks.blank("events[0].what")
    assert marks.text_trap("events[0].what", False) == (
        "events[0].what became false", "quote it: 'NO'")
    assert marks.text_trap("events[0].date", "2025") is None


def test_what_cannot_be_loaded_gives_no_marks_and_no_data():
    assert read_yaml(HEAD + "summary: !note x\n", NAME)[:2] == (None, None)
    assert read_yaml("", NAME) == (None, None, [Problem(
        NAME, 1, "the file is empty", "a sheet needs at least schema, slug and title")])


def test_read_sheet_text_reads_utf8_with_or_without_a_bom(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufefftitle: Café\n".encode())
    assert read_sheet_text(path) == ("title: Café\n", [])
    assert read_sheet_text(FIXTURES / "not_utf8.yaml")[0] is None


# --- duplicate keys -------------------------------------------------------------------------

def test_a_duplicate_key_is_reported_not_silently_overwritten():
    assert one(HEAD + "summary: First\nsummary: Second\n") == (
        "content/x.yaml:5: `summary` appears twice (first on line 4); YAML keeps only the last "
        "one; remove one of them")


def test_a_duplicate_key_in_an_item():
    text = HEAD + "places:\n  - name: Doha\n    type: city\n    type: country\n"
    assert one(text) == ("content/x.yaml:7: `places[0].type` appears twice (first on line 6); "
                         "YAML keeps only the last one; remove one of them")


# --- YAML traps ---------------------------------------------------------------------------

@pytest.mark.parametrize("entry, expected", [
    ("actors:\n  - id: a\n    name: NO",
     "content/x.yaml:6: actors[0].name became false; quote it: 'NO'"),
    ("events:\n  - what: yes", "content/x.yaml:5: events[0].what became true; quote it: 'yes'"),
    ("summary: 12:30", "content/x.yaml:4: summary became the number 750; quote it: '12:30'"),
    ("summary: 1.0e+3", "content/x.yaml:4: summary became the number 1000.0; quote it: '1.0e+3'"),
    ("summary: 2025-02-04",
     "content/x.yaml:4: summary became the date 2025-02-04; quote it: '2025-02-04'"),
    ("actors:\n  - id: a\n    name: A\n    aliases: [Hamas, off]",
     "content/x.yaml:7: actors[0].aliases[1] became false; quote it: 'off'"),
])
def test_text_that_yaml_turned_into_something_else(entry, expected):
    assert one(HEAD + entry + "\n") == expected


def test_a_quoted_value_is_text():
    assert problems(HEAD + "summary: '12:30'\nactors:\n  - id: a\n    name: 'NO'\n") == []


def test_text_cut_short_by_a_hash():
    assert one(HEAD + "summary: Talks on round #2 begin\n") == (
        "content/x.yaml:4: summary was cut short at ' #': YAML reads the rest of the line as a "
        "comment; quote the whole value: 'Talks on round #2 begin'")


def test_a_spaced_out_comment_after_a_value_is_fine():
    assert problems(HEAD + "summary: Talks begin   # the standfirst\n") == []


def test_a_tab_in_the_indentation(tmp_path):
    assert [str(p) for p in validate_sheet_file(FIXTURES / "tab_indent.yaml")[1]] == [
        f"{FIXTURES / 'tab_indent.yaml'}:6: a tab in the indentation; "
        "YAML indents with spaces only: replace the tab with spaces"]


def test_a_file_that_is_not_utf8():
    path = FIXTURES / "not_utf8.yaml"
    data, found = validate_sheet_file(path)
    assert data is None
    assert [str(p) for p in found] == [
        f"{path}:3: the file is not UTF-8 (byte 0xe9 cannot be read); re-save the file as UTF-8"]


@pytest.mark.parametrize("text, expected", [
    (HEAD + "summary: Hamas: talks begin\n",
     "content/x.yaml:4: YAML error: mapping values are not allowed in this context; "
     "a value containing ': ' must be quoted"),
    (HEAD + "summary: 'Talks begin\nactors: []\n",
     "content/x.yaml:4: YAML error: found unexpected end of stream while scanning a quoted "
     "scalar; a quote opened here is never closed"),
    (HEAD + "summary: *talks\n",
     "content/x.yaml:4: YAML error: found undefined alias; a value starting with * must be "
     "quoted"),
    (HEAD + "---\nsummary: x\n",
     "content/x.yaml:4: YAML error: but found another document (expected a single document in "
     "the stream on line 1); a sheet is one YAML document; remove the '---' line"),
    (HEAD + "summary: a\x07b\n",
     "content/x.yaml:4: character '\\x07' is not allowed in YAML (control characters are not "
     "allowed); delete it, or re-save the file as plain UTF-8 text"),
    ("", "content/x.yaml:1: the file is empty; a sheet needs at least schema, slug and title"),
    ("- a\n- b\n", "content/x.yaml:1: a fact sheet must be a mapping of keys (schema, slug, "
     "title, ...), got a list"),
])
def test_a_file_that_is_not_a_sheet_gives_one_line_and_no_data(text, expected):
    data, found = validate_text(text, NAME)
    assert data is None and [str(p) for p in found] == [expected]


# --- safe loading -------------------------------------------------------------------------

def test_python_tags_are_refused():
    path = FIXTURES / "python_tag.yaml"
    data, found = validate_sheet_file(path)
    assert data is None
    assert [str(p) for p in found] == [
        f"{path}:3: the tag !!python/object/apply:os.system is not allowed; "
        "fact sheets are plain YAML; remove the tag"]


def test_any_other_tag_is_refused():
    assert problems(HEAD + "summary: !note x\n") == [
        "content/x.yaml:4: the tag !note is not allowed; fact sheets are plain YAML; "
        "remove the tag"]


def test_an_alias_bomb_is_refused_quickly():
    start = time.perf_counter()
    data, found = validate_sheet_file(FIXTURES / "alias_bomb.yaml")
    assert time.perf_counter() - start < 0.5
    assert data is None
    assert [p.message for p in found] == [
        "more than 100 aliases (*name): refused as a possible alias bomb"]


def test_a_few_aliases_are_fine():
    text = HEAD + "actors:\n  - id: a\n    name: A\n    aliases: &al [A1]\n" \
                  "  - id: b\n    name: B\n    aliases: *al\n"
    assert problems(text) == []


def test_merge_keys_are_followed_and_the_items_own_keys_keep_their_lines():
    text = HEAD + ("actors:\n  - &base\n    id: a\n    name: A\n    type: person\n"
                   "  - <<: *base\n    id: b\n    type: persn\n")
    data, found = validate_text(text, NAME)
    assert data["actors"][1] == {"id": "b", "name": "A", "type": "persn"}
    assert [str(p) for p in found] == [
        "content/x.yaml:11: actors[1].type must be one of person, organization, country, group, "
        "got 'persn'; did you mean 'person'?"]


def test_a_recursive_alias_is_refused():
    assert one(HEAD + "summary: &s [*s]\n") == "content/x.yaml:4: nested deeper than 20 levels"


def test_deep_nesting_is_refused():
    text = HEAD + "summary: " + "[" * 25 + "]" * 25 + "\n"
    assert validate_text(text, NAME) == (
        None, [Problem(NAME, 4, "nested deeper than 20 levels")])


def test_a_file_too_big_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.yaml"
    text = HEAD + "summary: " + "x" * MAX_BYTES + "\n"
    path.write_text(text)
    message = f"the file is {len(text):,} bytes; a fact sheet may be at most 2,000,000"
    assert validate_sheet_file(path) == (None, [Problem(str(path), None, message)])
    assert validate_text(text, NAME)[1][0].message.startswith("the text is")


# Plain scalars YAML 1.1 reads as something other than text, and some near misses.
RESOLVED = ["", "~", "null", "Null", "NULL", "yes", "No", "ON", "off", "y", "true", "False",
            "12", "-0x1F", "0o17", "017", "1_000", "12:30", "190:20:30", "1e3", "1.5e-3", ".inf",
            "-.Inf", ".nan", "2025-02-04", "2025-2-4", "2025-02-04 10:00:00Z", "=", "<<",
            "a" * 40, "1" * 41, "2025-02-04t", "yes!", "0x", "1.2.3"]


@given(st.one_of(st.sampled_from(RESOLVED), st.text(max_size=45),
                 st.text(alphabet="0123456789-:._+eExXoObBtTyYnN ", max_size=24)))
@settings(max_examples=500, deadline=None)
def test_the_loader_resolves_each_plain_scalar_as_pyyaml_does(value):
    from yaml.nodes import ScalarNode

    from generator.yamlsafe import _C_LOADER, _Loader

    assert not _C_LOADER.yaml_path_resolvers  # a tag depends on the text alone
    expected = _C_LOADER("").resolve(ScalarNode, value, (True, False))
    for _ in range(2):  # found, then remembered
        assert _Loader("").resolve(ScalarNode, value, (True, False)) == expected
    quoted = _Loader("").resolve(ScalarNode, value, (False, True))
    assert quoted == _C_LOADER("").resolve(ScalarNode, value, (False, True))


@pytest.mark.parametrize(("limit", "refused"), [(3, None), (2, "more than 2 values")])
def test_the_values_limit_counts_every_scalar(monkeypatch, limit, refused):
    import generator.yamlsafe as yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_VALUES", limit)
    marks, _, found = read_yaml("a: 1\nb: text\n", NAME)  # the mapping and its two values
    assert (marks is None) == bool(refused)
    assert [p.message.split(":")[0] for p in found] == ([refused] if refused else [])


@pytest.mark.parametrize(("limit", "refused"), [(4, None), (3, "nested deeper than 3 levels")])
def test_the_depth_limit_counts_a_scalar_at_the_bottom(monkeypatch, limit, refused):
    import generator.yamlsafe as yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_DEPTH", limit)
    marks, data, found = read_yaml("a:\n  b:\n    c: x\n", NAME)  # x is 4 deep
    assert (data == {"a": {"b": {"c": "x"}}}) == (refused is None)
    assert [p.message for p in found] == ([refused] if refused else [])
    if refused:
        assert found[0].line == 3
