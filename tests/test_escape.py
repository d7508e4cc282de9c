"""escape_md: any text, through the site's own Markdown extensions, shows as exactly that text."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import markdown
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from generator.escape import escape_md, escape_url

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "# heading",
    "Heading\n=======",
    "{{ 6*7 }}",
    "{% include 'x' %}",
    "{# comment #}",
    '{: onclick="x" }',
    "text {: .cls onclick=alert(1) }",
    "!!! note",
    '??? danger "Title"\n    body',
    "[^1]",
    "[^1]: definition",
    "*em* **strong** _em_ __strong__",
    "==mark== ~~del~~ ^^ins^^ ^sup^ ~sub~",
    ":material-alert: :smile:",
    "| a | b |\n|---|---|",
    "1. ordered\n2. list",
    "- bullet\n+ plus\n* star",
    "> quote",
    "```\ncode\n```",
    "`code`",
    "    indented code",
    "---",
    "<!-- comment -->",
    "&lt;b&gt; &amp; &#60;i&#62;",
    "a\\*b\\",
    "line  \nbreak",
    "\x02wzxhzdk:0\x03",
    "\u2028\u2029\x85line separators",
    "<div markdown>*md_in_html*</div>",
    "https://example.com www.example.com",
    "Abbr\n*[HTML]: Hyper",
]

# Where the templates put values: a paragraph, a list item, a blockquote, a heading.
CONTEXTS = {
    "{}": {"p"},
    "- {}": {"ul", "li"},
    "> {}": {"blockquote", "p"},
    "### {}": {"h3", "a"},  # the toc extension's permalink anchor
}


@pytest.fixture(scope="module")
def site_markdown():
    """A Markdown converter with exactly the extensions MkDocs uses for this site."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions,
                             extension_configs=config.mdx_configs)


class _Page(HTMLParser):
    """Tag names and visible text of an HTML fragment, leaving out permalink anchors."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self._skip = set(), [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self._skip += tag == "a" and ("class", "headerlink") in attrs

    def handle_endtag(self, tag):
        self._skip -= tag == "a" and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def render(md: markdown.Markdown, context: str, value: str) -> _Page:
    md.reset()
    page = _Page()
    page.feed(md.convert(context.format(escape_md(value))))
    return page


def visible(text: str) -> str:
    """What a reader should see: no control characters, whitespace runs as one space."""
    text = "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc")
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_renders_as_its_own_text(site_markdown, context, payload):
    page = render(site_markdown, context, payload)
    assert page.tags <= CONTEXTS[context]
    assert visible("".join(page.text)) == visible(payload)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("<>&\"'`*_{}[]()#+-.!:|=~^\\%$@/?;,\n\t ax1é"))),
))
def test_any_text_renders_as_itself_in_every_context(site_markdown, text):
    for context, allowed in CONTEXTS.items():
        page = render(site_markdown, context, text)
        assert page.tags <= allowed, (context, text)
        assert visible("".join(page.text)) == visible(text), (context, text)


@given(text=st.text())
def test_output_is_one_line_with_no_markup_characters(text):
    out = escape_md(text)
    assert "\n" not in out and "\r" not in out
    assert not set(re.sub(r"&#[0-9]+;", "", out)) & set("<>&\"'`*_{}[]()#+-.!:|=~^\\")


def test_none_is_empty_and_numbers_are_text():
    assert escape_md(None) == ""
    assert escape_md(47000) == "47000"
    assert escape_md(1.5) == "1&#46;5"


@pytest.mark.parametrize("url, expected", [
    ("https://example.com/a?b=1&c=2#d", "https://example.com/a?b=1&c=2#d"),
    ("HTTP://example.com/", "HTTP://example.com/"),
    ("https://example.com/a b(c)\"'<>", "https://example.com/a%20b%28c%29%22'%3C%3E"),
    ("https://example.com/\\`x", "https://example.com/%5C%60x"),
])
def test_http_urls_are_kept_and_made_safe_for_a_markdown_link(url, expected):
    assert escape_url(url) == expected


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JavaScript:alert(1)", "java\nscript:alert(1)", "data:text/html,x",
    "vbscript:x", "//evil.example/x", "/relative", "mailto:a@b.c", "", None, "https://[::1",
])
def test_other_urls_are_dropped(url):
    assert escape_url(url) == ""


def test_url_in_a_link_cannot_leave_its_href(site_markdown):
    url = escape_url('https://example.com/x) "title" <b onmouseover=alert(1)>')
    site_markdown.reset()
    html = site_markdown.convert(f"[{escape_md('link')}]({url})")
    assert html.startswith('<p><a href="https://example.com/x%29%20%22title%22%20%3Cb%20')
    assert "<b" not in html and "title=" not in html
