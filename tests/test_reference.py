"""The editors' reference: read from generator.model, in step with the validator."""

from __future__ import annotations

import dataclasses
from dataclasses import fields

import pytest
import yaml

from generator import model
from generator.pagedata import ITEM_KINDS
from generator.reference import RECORD_NAMES, describe_model, required_keys, undocumented_fields
from generator.render import make_environment, render_reference
from generator.validate import validate_text

# A valid item of each list, with every key the validator lets a sheet leave out left out.
MINIMAL_ITEMS = {
    "sources": {"id": "s1", "title": "T"}, "actors": {"id": "a", "name": "A"},
    "places": {"name": "P"}, "phases": {"number": 1}, "figures": {"value": 1, "text": "one"},
    "events": {"what": "W"}, "quotes": {"text": "Q"},
}


def test_every_model_field_has_a_doc():
    assert undocumented_fields() == [], "document these fields in generator/model.py"


def test_a_field_without_a_doc_is_caught(monkeypatch):
    @dataclasses.dataclass
    class Undocumented:
        """A record someone added in a hurry."""

        key: str = dataclasses.field(default="")

    monkeypatch.setitem(RECORD_NAMES, Undocumented, "undocumented")
    assert undocumented_fields() == ["Undocumented.key"]


def test_the_reference_covers_every_record_and_key_in_the_sheets_order():
    records = describe_model()
    assert [r.key for r in records] == ["", "sources", "actors", "places", "phases", "figures",
                                        "events", "quotes", "review", "actors[].roles",
                                        "phases[].history"]
    top = records[0]
    assert [k.name for k in top.keys] == [f.name for f in fields(model.FactSheet)]
    unknowns = next(k for k in top.keys if k.name == "unknowns")
    assert (unknowns.type, unknowns.added, unknowns.required) == ("list of text", True, False)


def test_the_reference_page_shows_every_key_with_its_type_and_doc():
    page = render_reference(make_environment())
    for record in RECORD_NAMES:
        for f in fields(record):
            assert f"- `{f.name}`: " in page, f"{record.__name__}.{f.name}"
    assert "- `unknowns`: list of text · added\n" in page
    assert "- `actors`: [list of actors](#actor)\n" in page
    assert "- `title`: text · **required**\n" in page
    assert "- `published`: date or null\n" in page
    assert "## Actor: `actors` {: #actor }" in page


@pytest.mark.parametrize("list_key", MINIMAL_ITEMS)
def test_required_keys_are_the_ones_the_validator_requires(list_key):
    item = MINIMAL_ITEMS[list_key]
    assert set(item) == required_keys(ITEM_KINDS[list_key])
    _, problems = validate_text(sheet_with(list_key, item), "x.yaml")
    assert problems == []
    for key in item:
        partial = {k: v for k, v in item.items() if k != key}
        _, problems = validate_text(sheet_with(list_key, partial), "x.yaml")
        assert any(key in str(p) for p in problems), (list_key, key, problems)


def test_the_sheets_required_keys_are_the_ones_the_validator_requires():
    assert required_keys(model.FactSheet) == {"schema", "slug", "title"}
    for key in ("schema", "slug", "title"):
        text = "\n".join(line for line in ("schema: 1", "slug: a", "title: A")
                         if not line.startswith(key))
        _, problems = validate_text(text + "\n", "x.yaml")
        assert any(key in str(p) for p in problems), key


def sheet_with(list_key: str, item: dict) -> str:
    """A sheet holding one item under list_key, as YAML."""
    return yaml.safe_dump({"schema": 1, "slug": "a", "title": "A", list_key: [item]})
