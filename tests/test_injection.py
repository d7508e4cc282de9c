"""Articles full of hostile text, through the real `explainers ingest` and `mkdocs build --strict`:
every payload shows on the page as its literal text; nothing runs, loads, or changes the page.

The articles are tests/fixtures/hostile/hostile-*; the site is conftest's hostile_article_site.
The HTML is checked for properties, with test_site's parser; the browser test reuses
test_browser's Chromium fixtures.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import HOSTILE_ARTICLES
from test_browser import CHROMIUM, browser, open_page, serve  # noqa: F401 (fixtures)
from test_site import THEME_SCRIPTS, pages, parse

from generator.articles import read_article
from generator.slugs import slugify_title

ARTICLES = sorted(HOSTILE_ARTICLES.glob("hostile-*"))
TXT = HOSTILE_ARTICLES / "hostile-article.txt"
# Each payload as the reader must see it, somewhere in the explainer of the .txt article.
PAYLOADS = [
    ("<script>alert('headline')</script> Talks {{ 6*7 }} resume in Doha "
    "<img src=x onerror=alert('headline')>"),
    "Negotiators <iframe src=\"javascript:alert('lede')\"></iframe> met in Doha",
    "{% include 'x' %} on a first phase {% endraw %}",
    "<script>alert('quote')</script> {{ 6*7 }} and [click](javascript:alert('quote'))",
    "<a href=\"data:text/html,<script>alert('data')</script>\">data</a>",
    "Benjamin Netanyahu {: onclick=\"alert('attr')\" } said",
    "# Not a heading, said Ahmed al-Sharif {{ config }}",
    "- Not a list item, said the mediator [^1]",
    "> Not a quote, said Yael Cohen !!! note \"not an admonition\"",
    "| a | b | said the second mediator",
    ("[^1]: Not a footnote, said \u0645\u062d\u0645\u0648\u062f \u0639\u0628\u0627\u0633 "
    "(Mahmoud Abbas) and \u05d1\u05e0\u05d9\u05de\u05d9\u05df \u05e0\u05ea\u05e0\u05d9\u05d4"
    "\u05d5"),
]
URL_SCHEMES = ("javascript:", "vbscript:", "data:")


def explainer(article: Path) -> str:
    """The path of the explainer page built from an article."""
    return f"{slugify_title(read_article(article).title)}/index.html"


def test_every_hostile_article_became_an_explainer(hostile_article_site):
    for article in ARTICLES:
        assert (hostile_article_site / explainer(article)).is_file(), article


def test_no_javascript_or_data_url_and_no_event_handler_anywhere(hostile_article_site):
    for page in pages(hostile_article_site):
        for tag, attrs in parse(page).tags:
            for name, value in attrs.items():
                assert not re.match(r"on\w+$", name), (page, tag, name)
                squeezed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
                assert not squeezed.startswith(URL_SCHEMES), (page, tag, name, value)
            assert tag not in ("iframe", "frame", "object", "embed", "base"), (page, tag)


def test_no_script_but_the_themes_own(hostile_article_site):
    for page in pages(hostile_article_site):
        for attrs, body in parse(page).scripts:
            if "src" in attrs:
                assert re.fullmatch(r"(/|(\.\./)*)assets/javascripts/[\w./-]+\.js",
                                    attrs["src"]), (page, attrs)
            elif attrs.get("type") == "application/json":
                assert attrs.get("id") == "__config", page
            elif attrs.get("type") == "application/ld+json":
                json.loads(body)  # data, not code; it may quote the payloads as JSON strings
                assert not set(body) & set("<>"), page
                continue
            else:
                assert body.strip().startswith(THEME_SCRIPTS), (page, body[:80])
            assert "alert(" not in body, page


def test_the_payloads_show_as_their_literal_text(hostile_article_site):
    text = parse(hostile_article_site / explainer(TXT)).text
    for payload in PAYLOADS:
        assert payload in text, payload
    for article in ARTICLES:
        text = parse(hostile_article_site / explainer(article)).text
        assert "{{ 6*7 }}" in text and "42" not in text, article  # never evaluated


def test_the_payloads_change_nothing_in_the_pages_structure(hostile_article_site,
                                                           seed_ingested_site):
    def article_tags(page: Path) -> set[str]:
        """The element names inside <article>: the page's own markup, escaped text aside."""
        html = page.read_text(encoding="utf-8")
        inner = html[html.index("<article"):html.index("</article>")]
        return set(re.findall(r"<([a-zA-Z][\w-]*)", inner))

    seed_page = next(p for p in seed_ingested_site.glob("*/index.html")
                     if p.parent.name.startswith("hamas-says"))
    allowed = article_tags(seed_page)  # the same templates, fed an ordinary article
    for article in ARTICLES:
        page = hostile_article_site / explainer(article)
        parsed = parse(page)
        assert article_tags(page) <= allowed, article_tags(page) - allowed
        assert [t for t, _ in parsed.tags].count("h1") == 1
        classes = " ".join(a.get("class") or "" for _, a in parsed.tags)
        assert "footnote" not in classes and "admonition note" not in classes
        title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.DOTALL)
        assert "<" not in title.group(1)


@pytest.fixture(scope="module")
def hostile_url(hostile_article_site):
    with serve(hostile_article_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium")
def test_in_a_browser_nothing_runs_and_the_payloads_are_text(open_page, hostile_url):  # noqa: F811
    visit = open_page(hostile_url + explainer(TXT).removesuffix("index.html"))
    page = visit.page
    for summary in page.locator("details summary").all():
        summary.click()
    assert page.locator("h1").inner_text().startswith(PAYLOADS[0])
    assert page.title().startswith(PAYLOADS[0])
    body = page.locator("article").inner_text()
    for payload in PAYLOADS[1:]:
        assert payload in " ".join(body.split()), payload
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("onerror", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_timeout(300)
    visit.assert_clean()  # no dialog, no error, nothing fetched from another host
