"""The built site: `mkdocs build --strict` on fixture sites, and properties of the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEED_SHEET, build_site, write_site
from mkdocs.config import load_config

SEED_PAGE = "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal/index.html"
HOSTILE_PAGE = "hostile-values/index.html"
# Attributes that make the browser fetch something.
FETCHING = {"src", "srcset", "data", "poster", "background", "action", "formaction"}
# The starts of Material's own inline scripts; anything else inline is injected.
THEME_SCRIPTS = ('__md_scope=new URL(', 'var palette=__md_get("__palette")',
                 'var target=document.getElementById(location.hash.slice(1))')
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


class _Html(HTMLParser):
    """Every tag with its attributes, the inline scripts, and the visible text of <article>."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.article: list[str] = []
        self._in_script = self._in_article = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = 1
            self.scripts.append((attrs, ""))
        self._in_article += tag == "article"

    def handle_endtag(self, tag):
        self._in_script = 0 if tag == "script" else self._in_script
        self._in_article -= tag == "article"

    def handle_data(self, data):
        if self._in_script:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        elif self._in_article:
            self.article.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.article))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(path: Path) -> _Html:
    return _Html(path.read_text(encoding="utf-8"))


# ---- builds -------------------------------------------------------------------------------

def test_fixture_site_has_home_and_one_page_per_sheet(built_site):
    for page in ("index.html", SEED_PAGE, HOSTILE_PAGE, "about/index.html"):
        assert (built_site / page).is_file(), page
    home = parse(built_site / "index.html")
    links = {attrs.get("href") for tag, attrs in home.tags if tag == "a"}
    assert {"hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal/",
            "hostile-values/"} <= links


def test_invalid_sheets_and_slug_clashes_fail_a_strict_build(tmp_path):
    seed = SEED_SHEET.read_text(encoding="utf-8")
    root = write_site(tmp_path, {
        "a.yaml": seed, "b.yaml": seed,
        "c.yaml": "schema: 1\nslug: bad\ntitle: Bad\nfigurs: []\n",
    })
    result = build_site(root)
    assert result.returncode != 0
    assert "content/b.yaml:1: slug 'hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-" \
           "deal' is already used by content/a.yaml" in result.stderr
    assert re.search(r"content/c\.yaml:4: .*figurs", result.stderr)


def test_a_docs_page_in_the_way_of_a_generated_one_fails_a_strict_build(tmp_path):
    root = write_site(tmp_path, {})
    (root / "docs" / "index.md").write_text("# Hand-written home\n")
    result = build_site(root)
    assert result.returncode != 0
    assert "index.md: a file in docs_dir has the same name" in result.stderr


def test_a_missing_content_folder_fails_a_strict_build(tmp_path):
    root = write_site(tmp_path, {})
    (root / "content").rmdir()
    result = build_site(root)
    assert result.returncode != 0 and "no such folder of fact sheets" in result.stderr


def test_serve_watches_sheets_and_templates(tmp_path, monkeypatch):
    root = write_site(tmp_path, {})
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"))

    class Server:
        def __init__(self):
            self.watched: list[str] = []

        def watch(self, path, func=None, *, recursive=True):
            self.watched.append(path)

    server = config.plugins["explainers"].on_serve(Server(), config=config, builder=None)
    assert sorted(server.watched) == ["content", "templates"]


# ---- the HTML, for properties rather than bytes ---------------------------------------------

def test_no_event_handlers_or_javascript_urls_anywhere(built_site):
    for page in pages(built_site):
        for tag, attrs in parse(page).tags:
            for name, value in attrs.items():
                assert not name.startswith("on"), (page, tag, name)
                squeezed = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
                assert not squeezed.startswith(("javascript:", "vbscript:", "data:text")), \
                    (page, tag, name, value)


def test_only_the_themes_scripts_run(built_site):
    for page in pages(built_site):
        for attrs, body in parse(page).scripts:
            if "src" in attrs:
                assert re.fullmatch(r"(/|(\.\./)*)assets/javascripts/[\w./-]+\.js", attrs["src"]), \
                    (page, attrs)
            elif attrs.get("type") == "application/json":
                assert attrs.get("id") == "__config", page
            else:
                assert body.strip().startswith(THEME_SCRIPTS), (page, body[:80])
            assert "alert(" not in body, page


def test_nothing_is_loaded_from_another_host(built_site):
    for page in pages(built_site):
        for tag, attrs in parse(page).tags:
            fetched = {k: v for k, v in attrs.items() if k in FETCHING}
            if tag == "link":
                fetched["href"] = attrs.get("href")
            if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
                fetched["content"] = attrs.get("content")
            for name, value in fetched.items():
                assert not EXTERNAL.match(value or ""), (page, tag, name, value)
                assert "url=" not in (value or "").lower() or name != "content", (page, value)
            assert "url(" not in attrs.get("style", ""), (page, tag)
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", text), css


def test_page_titles_cannot_leave_the_title_element(built_site):
    html = (built_site / HOSTILE_PAGE).read_text(encoding="utf-8")
    titles = re.findall(r"<title>(.*?)</title>", html, re.DOTALL)
    assert len(titles) == 1 and "<" not in titles[0]
    assert titles[0].strip().startswith("&lt;/title&gt;&lt;script&gt;")


def test_hostile_page_shows_every_payload_as_text(built_site):
    text = parse(built_site / HOSTILE_PAGE).text
    for payload in (
        "</title><script>alert('title')</script> # Not a heading {{ 6*7 }}",
        "<img src=x onerror=alert('summary')> [click](javascript:alert('summary'))",
        "<script>alert('figure')</script>",
        "{{ config }} {% raw %}raw{% endraw %} {# comment #}",
        "Line one # Heading in evidence <img src=x onerror=alert('evidence')>",
        "<svg onload=alert('actor')>Villain</svg> — {% include 'x' %} role",
        '!!! danger "Injected admonition" — [^1] footnote ==mark== ~~strike~~ ^^ins^^',
        ":material-alert: `code`",
        "| table | cell | (city)",
        "[^1]: footnote definition {: #id onclick=\"alert('event')\" }",
        "&lt;script&gt;alert('entity')&lt;/script&gt; &#60;b&#62;",
        "<style>body{display:none}</style> wzxhzdk:0 trailing",
        "<b onmouseover=alert('date')>Tuesday</b> (4 February 2025)",
    ):
        assert payload in text, payload


def test_seed_page_shows_phases_figures_and_provenance(built_site):
    html = (built_site / SEED_PAGE).read_text(encoding="utf-8")
    assert '<span class="xb-status xb-status--in-force">In force</span>' in html
    assert html.count('<details class="quote">') == 14
    text = parse(built_site / SEED_PAGE).text
    assert "Benjamin Netanyahu — Israeli Prime Minister · Israel" in text
    assert "more than 47,000 Palestinians killed in Israel's military campaign in Gaza, " \
           "according to Palestinian health authorities" in text
    assert "“Contacts and negotiation on the second phase have begun” — Abdel-Latif " \
           "Al-Qanoua, Hamas spokesperson" in text


@pytest.mark.parametrize("page", ["index.html", SEED_PAGE])
def test_pages_use_only_local_icons(built_site, page):
    html = (built_site / page).read_text(encoding="utf-8")
    assert '<span class="twemoji"><svg' in html  # Material icons, inlined
    assert "cdn.jsdelivr" not in html and "twemoji.maxcdn" not in html
