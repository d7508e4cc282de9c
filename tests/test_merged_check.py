"""Checking a merged sheet on its data (generator.merged_check), held to what the validator
finds in the text the sheet is written as: `validate_text(dump_sheet(data))`."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ingest import ingest_article
from generator.merge import plain
from generator.merged_check import clean_as_written, written_size_bound
from generator.sheet_index import SheetIndex
from generator.sheets import dump_sheet
from generator.validate import validate_text
from generator.yamlsafe import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "tests" / "fixtures" / "story"
SHEETS = ROOT / "tests" / "fixtures" / "sheets"
NAME = "content/x.yaml"


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> dict:
    """The strike story of tests/fixtures/story, its five articles merged: plain data."""
    out = tmp_path_factory.mktemp("story")
    index = SheetIndex.read(out)
    for article in sorted(STORY.glob("*.md")):
        ingest_article(article, out, story="strike", index=index)
    return plain(yaml.safe_load((out / "strike.yaml").read_text(encoding="utf-8")))


def sheets(story: dict) -> list[dict]:
    return [story, *(plain(yaml.safe_load(p.read_text(encoding="utf-8")))
                     for p in sorted(SHEETS.glob("*.yaml")))]


def problems_as_written(data: dict) -> list:
    return validate_text(dump_sheet(data), NAME)[1]


def test_a_sheet_ingest_writes_is_clean_and_its_size_is_bounded_closely(story):
    assert len(story["sources"]) == 5
    for data in sheets(story):
        assert problems_as_written(data) == []
        assert clean_as_written(data, NAME)
        size = len(dump_sheet(data).encode("utf-8"))
        assert size <= written_size_bound(data) <= 1.5 * size


# Text that tests the dumper: quotes, escapes, line breaks, long lines, non-ASCII, traps.
_WORDS = st.sampled_from(["a", "news", "'q'", '"dq"', "back\\slash", "#1", " #2", "x: y",
                          "ünï", "😀", "\x07", "\x85", "\u2028", "\n", "\t", "  ", "yes", "1e3",
                          "2025-02-04", "@x", "- a", "null", "~", "word" * 30])
_TEXT = st.one_of(st.text(max_size=30), st.lists(_WORDS, max_size=40).map(" ".join),
                  st.lists(_WORDS, max_size=40).map("".join))
_SCALAR = st.one_of(_TEXT, st.integers(), st.floats(), st.booleans(), st.none())
_DATA = st.recursive(_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_TEXT, inner, max_size=4)), max_leaves=30)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_TEXT, _DATA, min_size=1, max_size=5))
def test_the_size_bound_is_never_below_the_written_size(data):
    assert len(dump_sheet(data).encode("utf-8", "surrogatepass")) <= written_size_bound(data)


def _nested(value: object, depth: int) -> dict:
    for _ in range(depth):
        value = {"key": [value]}
    return value


@pytest.mark.parametrize("depth", [0, 3, 9])
@pytest.mark.parametrize("text", ["word " * 2000 + "end", "a\x07b\x85 " * 500,
                                  "line\n" * 500, "'quoted' " * 700])
def test_the_size_bound_holds_for_long_folded_and_escaped_text(text, depth):
    data = _nested({"text": text}, depth)
    assert len(dump_sheet(data).encode("utf-8")) <= written_size_bound(data)


_VALUES = st.one_of(_SCALAR, st.sampled_from(
    ["2025-02-04", "2025-02-30", "round #2", "s1", "s99", "Bad Id", "yes", "", [], {},
     ["2025-02-04"], {"unknown": 1}, "https://example.org/a", "not a url"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_sheet_called_clean_has_no_problem_as_written(story, data):
    """Any value of the story changed to anything (a wrong type, a trap, a date where text
    is due, a dangling reference): clean_as_written is never wrong about a clean text."""
    sheet = copy.deepcopy(story)
    for _ in range(data.draw(st.integers(1, 3))):
        node = sheet
        while True:
            key = data.draw(st.sampled_from(list(node) if isinstance(node, dict)
                                            else range(len(node))))
            inner = node[key]
            if not (isinstance(inner, dict | list) and inner) or data.draw(st.booleans()):
                break
            node = inner
        node[key] = data.draw(_VALUES)
    if clean_as_written(sheet, NAME):
        assert problems_as_written(sheet) == []


def test_a_story_near_the_size_limit_is_left_to_the_text(story):
    """Past MAX_BYTES the reader refuses a sheet; near it, only the written text can tell."""
    big = copy.deepcopy(story)
    big["summary"] = "word " * (MAX_BYTES // 5)
    assert written_size_bound(big) > MAX_BYTES
    assert not clean_as_written(big, NAME)
    assert problems_as_written(big)  # the text is refused as too large


@pytest.mark.parametrize(("where", "value"), [
    (("title",), "2025-02-04"),  # written bare, read back as a date
    (("actors", 0, "aliases"), ["2025-02-04"]),
    (("sources", 0, "id"), "s1 "),  # not an id
    (("quotes", 0, "speaker"), "nobody"),  # not an actor
    (("figures", 0, "value"), "12"),  # text where a number is due
])
def test_a_sheet_the_text_would_fault_is_not_called_clean(story, where, value):
    sheet = copy.deepcopy(story)
    node = sheet
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    assert not clean_as_written(sheet, NAME)
    assert problems_as_written(sheet)


def test_facts_found_clean_before_still_count_in_the_sheets_own_checks(story):
    """A fact checked clean once is taken as clean again (merged_check._FactChecker); what
    makes a sheet wrong across its facts is still found: an id twice, a reference to an id
    the sheet no longer has."""
    assert clean_as_written(story, NAME)  # every fact now remembered as clean
    twice = copy.deepcopy(story)
    twice["actors"].append(copy.deepcopy(twice["actors"][0]))
    assert not clean_as_written(twice, NAME) and problems_as_written(twice)
    spoken = {q["speaker"] for q in story["quotes"] if q.get("speaker")}
    gone = copy.deepcopy(story)
    gone["actors"] = [a for a in gone["actors"] if a["id"] not in spoken]
    assert not clean_as_written(gone, NAME) and problems_as_written(gone)
    cited = copy.deepcopy(story)
    del cited["sources"][-1]  # a fact's source
    assert not clean_as_written(cited, NAME) and problems_as_written(cited)
    moved = copy.deepcopy(story)
    moved["figures"], moved["quotes"] = moved["quotes"], moved["figures"]  # other records
    assert not clean_as_written(moved, NAME) and problems_as_written(moved)
    assert clean_as_written(copy.deepcopy(story), NAME)
