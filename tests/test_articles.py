"""Reading articles in every supported form into one Article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.articles import ArticleError, parse_text, read_article
from generator.sentences import split_sentences

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
SEED = Path(__file__).parents[1] / "seeds" / "000_ae57dd23660baea6.txt"


def test_seed_text_form_headline_paragraphs_and_agency_line():
    article = read_article(SEED)
    assert article.title == "Hamas says talks start on second phase of Gaza ceasefire deal"
    assert article.publisher == "Reuters"
    assert article.published is None
    assert len(article.paragraphs) == 13
    assert article.paragraphs[-1].startswith("Despite this, she said:")


def test_date_line_sets_publication_date_and_is_not_text():
    article = read_article(INPUTS / "dated.txt")
    assert article.published == dt.date(2013, 7, 16)
    assert article.publisher == "Wikinews"
    assert article.paragraphs == ["Yesterday, the House of Lords passed the bill."]


def test_wire_dateline_opening_first_paragraph_is_taken_off():
    article = read_article(INPUTS / "brazil-rates.txt")
    assert article.title == "BRAZIL RAISES RATES"
    assert article.dateline == "Sao Paulo"
    assert article.paragraphs[0].startswith("Brazil's central bank raised")


def test_markdown_front_matter():
    article = read_article(INPUTS / "trade-talks.md")
    assert article.title == "Trade talks resume in Geneva"
    assert article.published == dt.date(2024, 6, 14)
    assert article.publisher == "Example Wire"
    assert article.url == "https://example.org/trade-talks"
    assert article.story == "trade-talks"
    assert article.paragraphs[1] == "The first round of talks ended in March without a deal."


def test_html_main_text_and_metadata_without_script_or_navigation():
    article = read_article(INPUTS / "port-strike.html")
    assert article.title == "Port strike enters second week"
    assert article.published == dt.date(2024, 3, 5)
    assert article.publisher == "Example News"
    text = article.text
    assert "Dock workers at the port of Santos" in text
    assert "alert" not in text and "Home" not in text and "Copyright" not in text


def test_broken_front_matter_names_file_and_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: ok\npublished: [2024\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"bad\.md:\d+: front matter is not valid YAML"):
        read_article(path)


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"   \n\n  ", "the file is empty"),
    (b"Just a headline\n", "no text under it"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
])
def test_unusable_articles_are_refused_with_a_reason(tmp_path, content, message):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        read_article(path)


def test_windows_1252_and_bom_and_crlf_are_decoded():
    raw = "\ufeffHeadline\r\n\r\n\u201cWe agree,\u201d she said.\r\n".encode("utf-8")
    article = parse_text(raw.decode("utf-8-sig").replace("\r\n", "\n"), "x.txt")
    assert article.title == "Headline"
    assert article.paragraphs == ["\u201cWe agree,\u201d she said."]


def test_sentences_keep_abbreviations_initials_and_quotes_together():
    text = ('The ceasefire went into force on Jan. 19 in the U.S. zone. '
            'George W. Bush said: "We are hopeful. We will see." Talks resume Monday.')
    assert split_sentences(text) == [
        "The ceasefire went into force on Jan. 19 in the U.S. zone.",
        'George W. Bush said: "We are hopeful. We will see."',
        "Talks resume Monday.",
    ]
