"""The built site: `mkdocs build --strict` on fixture sites, and properties of the HTML."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import HOSTILE_SHEET, SEED_SHEET, build_site, load_yaml, write_site
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
            elif attrs.get("type") == "application/ld+json":
                assert json.loads(body)["@type"] == "NewsArticle", page
                continue  # data, not code: its text may quote anything (see test_json_ld_...)
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
    assert "cdn.jsdelivr" not in html and "twemoji.maxcdn" not in html
    if page == "index.html":
        assert '<span class="twemoji"><svg' in html  # Material icons, inlined
    # The dateline's icons: drawn by the site's stylesheet, from data URIs.
    css = (built_site / "stylesheets" / "explainers.css").read_text(encoding="utf-8")
    for icon in set(re.findall(r'<span class="xb-icon (xb-icon--[a-z]+)"></span>', html)) \
            or pytest.fail("no dateline icon"):
        assert re.search(rf"\.{icon} {{ --xb-icon: url\('data:image/svg\+xml;", css), icon


# ---- JSON-LD and the page head ------------------------------------------------------------

def json_ld(path: Path) -> tuple[str, dict]:
    """The one JSON-LD script of a page: its text as written, and its data."""
    scripts = [body for attrs, body in parse(path).scripts
               if attrs.get("type") == "application/ld+json"]
    assert len(scripts) == 1, path
    return scripts[0], json.loads(scripts[0])


def test_explainers_carry_json_ld_with_their_sources(built_site):
    _, data = json_ld(built_site / SEED_PAGE)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Hamas says talks start on second phase of Gaza ceasefire deal"
    assert data["citation"][0]["publisher"] == {"@type": "Organization", "name": "Reuters"}
    _, hostile = json_ld(built_site / HOSTILE_PAGE)
    assert hostile["dateModified"] == "2025-02-05"
    assert hostile["citation"][0]["datePublished"] == "2025-02-05"
    assert hostile["citation"][0]["url"].startswith("https://example.com/news?a=1&b=")


def test_json_ld_cannot_leave_its_script_element(built_site):
    text, data = json_ld(built_site / HOSTILE_PAGE)
    sheet = load_yaml(HOSTILE_SHEET)
    assert data["headline"] == sheet["title"] and data["description"] == sheet["summary"]
    assert "</script>" in data["headline"]
    assert not set(text) & set("<>&"), "escaped as \\u003c, \\u003e, \\u0026"
    assert "\\u003c/script\\u003e" in text


def test_the_description_is_the_summary_and_stays_in_its_attribute(built_site):
    descriptions = [attrs["content"] for tag, attrs in parse(built_site / HOSTILE_PAGE).tags
                    if tag == "meta" and attrs.get("name") == "description"]
    assert descriptions == [load_yaml(HOSTILE_SHEET)["summary"]]


def test_site_pages_carry_no_json_ld(built_site):
    for page in ("index.html", "actors/index.html", "reference/index.html",
                 "actor/hamas/index.html", "about/index.html"):
        assert "application/ld+json" not in (built_site / page).read_text(encoding="utf-8")


# ---- the site around the explainers -------------------------------------------------------

class _Nav(HTMLParser):
    """The labels of the primary navigation's links, leaving out the page's own contents."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.labels: list[str] = []
        self._navs: list[str] = []  # the class of each <nav> we are in
        self._link: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "nav":
            self._navs.append(cls)
        elif tag == "a" and "md-nav__link" in cls and self._in_primary():
            self._link = []

    def handle_endtag(self, tag):
        if tag == "nav" and self._navs:
            self._navs.pop()
        elif tag == "a" and self._link is not None:
            self.labels.append(" ".join("".join(self._link).split()))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link.append(data)

    def _in_primary(self) -> bool:
        return any("md-nav--primary" in c for c in self._navs) and \
            not any("md-nav--secondary" in c for c in self._navs)


def test_the_navigation_holds_the_sites_own_pages_only(built_site):
    for page in ("index.html", SEED_PAGE, "actor/hamas/index.html"):
        labels = _Nav((built_site / page).read_text(encoding="utf-8")).labels
        assert labels == ["Home", "Actors", "Reference", "Editors' guide", "About"], page


def test_a_hand_written_page_left_out_of_the_nav_still_fails_a_strict_build(tmp_path):
    root = write_site(tmp_path, {})
    (root / "docs" / "forgotten.md").write_text("# Forgotten\n")
    result = build_site(root)
    assert result.returncode != 0 and "forgotten.md" in result.stderr


def test_every_actor_has_a_page_linking_back_to_its_explainers(built_site):
    seed_slug = SEED_PAGE.split("/")[0]
    for actor in load_yaml(SEED_SHEET)["actors"]:
        page = built_site / "actor" / actor["id"] / "index.html"
        links = {attrs.get("href") for tag, attrs in parse(page).tags if tag == "a"}
        assert f"../../{seed_slug}/" in links, actor["id"]
    index = parse(built_site / "actors" / "index.html")
    links = {attrs.get("href") for tag, attrs in index.tags if tag == "a"}
    assert {"../actor/benjamin-netanyahu/", "../actor/villain/"} <= links
    seed = parse(built_site / SEED_PAGE)
    assert "../actor/benjamin-netanyahu/" in {a.get("href") for t, a in seed.tags if t == "a"}


def test_search_finds_explainers_by_actor_place_and_title(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    seed_slug = SEED_PAGE.split("/")[0] + "/"

    def pages_with(word: str) -> set[str]:
        return {doc["location"].split("#")[0] for doc in index["docs"]
                if word.casefold() in (doc["title"] + " " + doc["text"]).casefold()}

    for word in ("Netanyahu", "Al-Qanoua", "Doha", "Gaza", "second phase of Gaza ceasefire"):
        assert seed_slug in pages_with(word), word
    assert "actor/benjamin-netanyahu/" in pages_with("Netanyahu")


def test_search_leaves_out_the_evidence_sentences_and_the_boilerplate(built_site):
    """Each fact's source sentence repeats the article, often for several facts; the note on
    how the page was made is the same on every page. The page shows them, search does not."""
    html = (built_site / SEED_PAGE).read_text(encoding="utf-8")
    excluded = [unescape(re.sub(r"<[^>]+>", "", p))
                for p in re.findall(r"<p data-search-exclude>(.*?)</p>", html, re.S)]
    assert len(excluded) > 14  # every Source's sentence and publisher, the draft note, the how
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    seed_slug = SEED_PAGE.split("/")[0] + "/"
    indexed = " ".join(unescape(doc["text"]) for doc in index["docs"]
                       if doc["location"].split("#")[0] == seed_slug)
    summary = unescape(re.search(r'<p class="xb-standfirst">(.*?)</p>', html, re.S)[1])
    sentences = [t for t in excluded if len(t) > 60 and t != summary]  # the lead is the summary
    assert sentences and not [t for t in sentences if t in indexed]
    assert "Palestinians killed in Israel's military campaign" in indexed  # the facts are
    assert "A program read the" not in indexed


def test_the_reference_page_documents_the_keys(built_site):
    text = parse(built_site / "reference" / "index.html").text
    for key in ("unknowns: list of text · added", "according_to: text or null",
                "review: review", "title: text · required"):
        assert key in text, key


def test_a_template_in_the_site_overrides_the_packaged_one(tmp_path):
    root = write_site(tmp_path, {SEED_SHEET.name: SEED_SHEET.read_text(encoding="utf-8")})
    (root / "templates" / "explainer.md.j2").write_text(
        '{% extends "default/explainer.md.j2" %}\n'
        "{% block how_made %}\n{{ super() }}\n\nCorrections: write to the desk.\n"
        "{% endblock %}\n", encoding="utf-8")
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    text = parse(root / "site" / SEED_PAGE).text
    assert "Nothing here goes beyond what the reporting says. Corrections: write to the desk." \
        in text


def test_the_theme_override_is_not_published(built_site):
    assert not list(built_site.rglob("main.html"))


def test_the_theme_override_comes_after_a_sites_custom_dir_and_before_material(tmp_path):
    from generator.plugin import THEME_OVERRIDES

    root = write_site(tmp_path, {})
    (root / "overrides").mkdir()
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1))
    config = load_config(str(yml))
    config = config.plugins["explainers"].on_config(config)
    dirs = config.theme.dirs
    assert dirs[0].endswith("overrides") and dirs[1] == str(THEME_OVERRIDES)
    assert "material" in dirs[2]
