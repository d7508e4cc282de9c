"""Reading articles in every supported form into one Article."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.articles import ArticleError, read_article
from generator.sentences import MAX_SENTENCE, split_sentences

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
SEED = Path(__file__).parents[1] / "seeds" / "000_ae57dd23660baea6.txt"


def test_seed_text_form_headline_paragraphs_and_agency_line():
    article = read_article(SEED)
    assert article.title == "Hamas says talks start on second phase of Gaza ceasefire deal"
    assert article.publisher == "Reuters"
    assert article.published is None
    assert len(article.paragraphs) == 13
    assert article.paragraphs[-1].startswith("Despite this, she said:")


@pytest.mark.parametrize("last, publisher", [
    # any publisher's name alone on the last line, not only the agencies we know
    ("The Carmel Courier", "The Carmel Courier"),
    ("France 24", "France 24"),
    ("(Reuters)", "Reuters"),
    # a short closing sentence, a credit line or an end mark is not a publisher
    ("Voting closes Friday.", None),
    ("Reporting by Jane Doe; editing by John Roe", None),
    ("END", None),
])
def test_a_name_alone_on_the_last_line_is_the_publisher(tmp_path, last, publisher):
    path = tmp_path / "x.txt"
    path.write_text(f"Talks resume\n\nNegotiators met in Doha on Monday.\n\n{last}\n",
                    encoding="utf-8")
    article = read_article(path)
    assert article.publisher == publisher
    assert (article.paragraphs[-1] == last) == (publisher is None)


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


@pytest.mark.parametrize("opening, dateline, publisher", [
    ("HERAT, Afghanistan (AP) — A powerful earthquake struck.", "Herat", "AP"),
    ("QUETTA, Pakistan — A powerful earthquake struck.", "Quetta", None),
    ("ROCHESTER, N.Y., Feb 26 - A powerful earthquake struck.", "Rochester", None),
    ("LONG BEACH, Calif. (AP) — A powerful earthquake struck.", "Long Beach", "AP"),
    ("BOGOTÁ — A powerful earthquake struck.", "Bogotá", None),
    ("SÃO PAULO, March 5 - A powerful earthquake struck.", "São Paulo", None),
])
def test_a_dateline_with_its_country_or_state_is_taken_off(tmp_path, opening, dateline,
                                                           publisher):
    path = tmp_path / "x.txt"
    path.write_text(f"Quake strikes\n\n{opening}\n\nRescuers arrived.\n", encoding="utf-8")
    article = read_article(path)
    assert (article.dateline, article.publisher) == (dateline, publisher)
    assert article.paragraphs[0] == "A powerful earthquake struck."


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


@pytest.mark.parametrize("text, message", [
    ("---\ntitle: ok\npublished: [2024\n---\n\nText.\n",
     r"x\.md:4: front matter is not valid YAML: expected ',' or '\]'"),
    ("---\r\ntitle: ok\r\n  bad: [\r\n---\r\n\r\nText.\r\n",
     r"x\.md:3: front matter is not valid YAML: mapping values are not allowed here"),
    ("---\ntitle: ok\n\nText without the closing line.\n",
     r"x\.md:1: front matter opened with '---' is never closed; add a line '---' after it"),
    ("---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\n---\n\nText.\n",
     r"x\.md:3: front matter may not use YAML aliases \(\*name\); write the value out"),
    ("---\nstory: s\ntitle:\n  - one\n  - two\n---\n\nText.\n",
     r"x\.md:3: front matter 'title' must be one value, got a list; write it on one line"),
    ("---\n- just\n- a list\n---\n\nText.\n", r"x\.md:2: front matter must be 'key: value' lines"),
    ("---\ntitle: ok\n" + "x: " + "[" * 100 + "]" * 100 + "\n---\n\nText.\n",
     r"x\.md:3: front matter is nested too deeply; write .key: value. lines"),
    ("---\ntitle: ok\n" + "# a comment\n" * 1000 + "---\n\nText.\n",
     r"x\.md:2: front matter has 12010 characters, more than 8192; keep it to .key: value. lines"),
    ("---\ntitle: ok\npublished: last Blursday\n---\n\nText.\n",
     r"x\.md:3: cannot read the date 'last Blursday'; write it as YYYY-MM-DD"),
    ("---\npublished: 2024-06-14\n---\n", r"x\.md:1: the article has no headline"),
])
def test_broken_front_matter_names_file_and_line(tmp_path, text, message):
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError, match=message) as caught:
        read_article(path)
    assert "\n" not in str(caught.value)


def test_escapes_in_front_matter_cannot_smuggle_controls_in(tmp_path):
    path = tmp_path / "x.md"
    path.write_text('---\ntitle: "Harmless\\u202Egnp.exe\\0"\n---\n\nText.\n', encoding="utf-8")
    article = read_article(path)
    assert article.title == "Harmlessgnp.exe"
    assert article.warnings == [(f"{path}: removed 2 control or bidirectional characters written "
                                "as escapes or character references; check the text")]


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"   \n\n  ", "the file is empty"),
    (b"Just a headline\n", "no text under it"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "this is a PNG image, not text"),
])
def test_unusable_articles_are_refused_with_a_reason(tmp_path, content, message):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        read_article(path)


def test_utf8_bom_and_crlf_are_read_through(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("\ufeffHeadline\r\n\r\n\u201cWe agree,\u201d she said.\r\n".encode("utf-8"))
    article = read_article(path)
    assert article.title == "Headline"
    assert article.paragraphs == ["\u201cWe agree,\u201d she said."]
    assert article.warnings == []


@pytest.mark.parametrize("path", [SEED, *sorted(INPUTS.iterdir())], ids=lambda p: p.name)
def test_clean_articles_have_no_warnings(path):
    assert read_article(path).warnings == []


def test_warnings_are_one_line_each_naming_the_file_and_line(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Headline\n\nOne\u202e two.\nThree\x00 four.\n", encoding="utf-8")
    warnings = read_article(path).warnings
    assert [w.split(": ", 1)[0] for w in warnings] == [f"{path}:4", f"{path}:3"]
    assert all("\n" not in w for w in warnings)


def test_an_agency_line_closing_an_html_page_is_its_publisher(tmp_path):
    path = tmp_path / "x.html"
    path.write_text("<html><head><title>Talks resume</title></head><body><article>"
                    "<h1>Talks resume</h1><p>Negotiators met in Doha on Monday, officials said, "
                    "and agreed to meet again next week.</p><p>Reuters</p></article></body></html>",
                    encoding="utf-8")
    article = read_article(path)
    assert article.publisher == "Reuters"
    assert article.paragraphs == [("Negotiators met in Doha on Monday, officials said, and agreed "
                                  "to meet again next week.")]


def test_markdown_without_title_takes_its_first_heading(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("---\npublished: 2024-06-14\n---\n\n# Talks resume\n\nThey met.\n",
                    encoding="utf-8")
    article = read_article(path)
    assert article.title == "Talks resume" and article.paragraphs == ["They met."]


def test_sentences_keep_abbreviations_initials_and_quotes_together():
    text = ('The ceasefire went into force on Jan. 19 in the U.S. zone. '
            'George W. Bush said: "We are hopeful. We will see." Talks resume Monday.')
    assert split_sentences(text) == [
        "The ceasefire went into force on Jan. 19 in the U.S. zone.",
        'George W. Bush said: "We are hopeful. We will see."',
        "Talks resume Monday.",
    ]


@pytest.mark.parametrize("paragraph, sentences", [
    ("\u201cWe will never agree. Talks are over. He left. Then came the vote.",
     ["\u201cWe will never agree.", "Talks are over.", "He left.", "Then came the vote."]),
    ('He said "we will see. Talks resume Monday. Nobody knows.',
     ['He said "we will see.', "Talks resume Monday.", "Nobody knows."]),
    ('"Yes. No." Talks resume. She said "maybe. Then left.',
     ['"Yes. No."', "Talks resume.", 'She said "maybe.', "Then left."]),
    ("\u201cNever. \u201cYes. \u201cMaybe.\u201d Done.",
     ["\u201cNever.", "\u201cYes.", "\u201cMaybe.\u201d", "Done."]),
])
def test_an_unclosed_quotation_mark_does_not_swallow_the_sentences_after_it(paragraph,
                                                                              sentences):
    assert split_sentences(paragraph) == sentences


@given(st.text(alphabet=st.sampled_from(list("ab .!?\"'\u201c\u201d()A\n")), max_size=200))
def test_sentences_are_the_paragraph_cut_in_order_with_nothing_lost(paragraph):
    sentences = split_sentences(paragraph)
    assert "".join("".join(sentences).split()) == "".join(paragraph.split())
    pos = 0
    for sentence in sentences:
        assert sentence and sentence == sentence.strip()
        pos = paragraph.index(sentence, pos) + len(sentence)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "//evil.example/",
                                 "example.org/a"])
def test_a_url_that_is_not_a_web_address_is_left_out_with_a_warning(tmp_path, url):
    path = tmp_path / "x.md"
    path.write_text(f"---\ntitle: Talks\nurl: '{url}'\n---\n\nThey met.\n", encoding="utf-8")
    article = read_article(path)
    assert article.url is None
    assert article.warnings == [(f"{path}: the url {url!r} is not an http(s) address; it was left "
                                "out")]


def test_a_run_of_text_with_no_sentence_end_is_cut_at_spaces():
    paragraph = " ".join(["Hamas said Israel Doha"] * 500)
    sentences = split_sentences(paragraph)
    assert len(sentences) > 1 and all(len(s) <= MAX_SENTENCE for s in sentences)
    assert " ".join(sentences) == paragraph
    assert split_sentences("x" * (MAX_SENTENCE * 2 + 1)) == ["x" * MAX_SENTENCE] * 2 + ["x"]
