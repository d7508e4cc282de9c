"""Rewritten for speed, unchanged in output: the Markdown escaper and the front matter writer
(whose text is JSON now, read as the same data).

Each is checked against the definition it replaced, kept here as the reference.
"""

from __future__ import annotations

import unicodedata

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.escape import PLAIN_PUNCTUATION, escape_md, escape_url
from generator.jsonld import front_matter


def reference_escape_md(value: object) -> str:
    """escape_md as first written: one Python call per character."""
    if value is None:
        return ""
    return "".join(_reference_char(ch) for ch in _reference_one_line(str(value)))


def _reference_one_line(text: str) -> str:
    kept = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) != "Cc")
    return " ".join(kept.split())


def _reference_char(ch: str) -> str:
    if ch.isascii() and not ch.isalnum() and ch != " " and ch not in PLAIN_PUNCTUATION:
        return f"&#{ord(ch)};"
    return ch


def reference_front_matter(meta: dict) -> str:
    """front_matter as first written: PyYAML's pure-Python emitter."""
    if not meta:
        return ""
    text = yaml.safe_dump(meta, sort_keys=False, allow_unicode=False, width=float("inf"))
    return f"---\n{text}---\n\n"


def test_escape_md_matches_its_reference_on_every_code_point():
    every = "".join(chr(c) for c in range(0x110000))
    assert escape_md(every) == reference_escape_md(every)
    for c in range(0x3000):  # each character alone and between others, with whitespace
        text = f"a{chr(c)} \t{chr(c)}b"
        assert escape_md(text) == reference_escape_md(text), hex(c)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.text(), st.text(alphabet=st.characters(
    max_codepoint=0xBF))))
def test_escape_md_matches_its_reference(value):
    assert escape_md(value) == reference_escape_md(value)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_escape_url_still_keeps_urls_on_one_line(text):
    url = escape_url("https://example.com/" + text)
    assert "\n" not in url and " " not in url


# The front matter's shape: schema.org keys ("@type", "headline", ...), text values, lists of
# records. (libyaml writes some keys, such as the empty one, in another but equal form.)
keys = st.text(alphabet="@abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1,
               max_size=12)
values = st.recursive(
    st.one_of(st.none(), st.text(), st.integers(), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12)
any_values = st.recursive(
    st.one_of(st.none(), st.text(), st.integers(), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(keys, values, max_size=5))
def test_front_matter_reads_back_as_its_reference_does(meta):
    """Written as JSON now: MkDocs reads the same metadata from it as from the YAML."""
    _, read = get_data(front_matter(meta) + "# Page\n")
    _, reference = get_data(reference_front_matter(meta) + "# Page\n")
    assert read == reference == meta


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=10), any_values, min_size=1, max_size=5))
def test_front_matter_reads_back_as_the_same_data(meta):
    text = front_matter(meta)
    assert text.startswith("---\n") and text.endswith("\n---\n\n")
    assert yaml.safe_load(text[4:-5]) == meta
