"""An explainer's JSON-LD and front matter: what machines read about the page."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.jsonld import article_jsonld, front_matter, page_metadata


def test_the_seed_is_a_news_article_citing_its_source(seed_sheet):
    data = article_jsonld(seed_sheet)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == seed_sheet["title"]
    assert data["description"] == seed_sheet["summary"]
    assert "dateModified" not in data  # no source gives a date
    assert data["citation"] == [{
        "@type": "CreativeWork", "name": seed_sheet["sources"][0]["title"],
        "publisher": {"@type": "Organization", "name": "Reuters"}}]
    assert {"@type": "Person", "name": "Benjamin Netanyahu",
            "jobTitle": "Israeli Prime Minister"} in data["mentions"]
    assert {"@type": "Place", "name": "Doha"} in data["contentLocation"]


def test_dates_and_addresses_of_sources():
    data = article_jsonld({"title": "T", "sources": [
        {"id": "s1", "title": "A", "published": dt.date(2025, 2, 4),
         "url": "https://example.com/a b"},
        {"id": "s2", "title": "B", "published": "2025-03-01", "url": "javascript:alert(1)"},
    ]})
    assert data["dateModified"] == "2025-03-01"
    assert data["citation"] == [
        {"@type": "CreativeWork", "name": "A", "datePublished": "2025-02-04",
         "url": "https://example.com/a%20b"},
        {"@type": "CreativeWork", "name": "B", "datePublished": "2025-03-01"}]


def test_no_summary_no_description():
    assert page_metadata({"title": "T"}) == {"jsonld": {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "T",
        "articleSection": "Explainer"}}


# Any text, and text made of what YAML and front matter delimiters are made of.
TEXT = st.one_of(st.text(min_size=1), st.text(
    alphabet=st.sampled_from(list("-.\n\r\t \x85\u2028\ufeff\x00'\"\\#:|>{}[]&*!%@`aé")),
    min_size=1))


@settings(max_examples=300, deadline=None)
@given(title=TEXT, summary=TEXT, source=TEXT)
def test_front_matter_reads_back_as_written_whatever_the_text(title, summary, source):
    meta = page_metadata({"title": title, "summary": summary,
                          "sources": [{"id": "s1", "title": source}]})
    markdown, read = get_data(front_matter(meta) + "# Page\n")
    assert read == meta and markdown == "# Page\n"


def test_front_matter_holds_what_yaml_reads_as_breaks_or_refuses():
    # JSON writes these as they are; YAML's reader refuses some and breaks lines at others.
    title = "a\x7fb\x85c\x9fd\u2028e\u2029f\ufffeg\uffffh\U0001f600i"
    meta = page_metadata({"title": title})
    text = front_matter(meta)
    assert "\x85" not in text and "\u2028" not in text and "\ufffe" not in text
    assert get_data(text + "# Page\n")[1]["jsonld"]["headline"] == title
