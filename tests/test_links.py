"""Every internal link and #anchor of the built site resolves to a file and an element id.

The site is the project's own: the seed article ingested with the real CLI into an empty
content/, built with `mkdocs build --strict` (conftest's seed_ingested_site); the site built
from the hostile articles is checked too, since its headings make unusual anchors.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT
from mkdocs.config import load_config

# Attributes that hold a URL the reader's browser follows or fetches.
URL_ATTRIBUTES = {"href", "src", "action", "poster", "data"}


class _Links(HTMLParser):
    """The element ids of a page, and every URL in it with the tag that holds it."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for name in URL_ATTRIBUTES & attrs.keys():
            if attrs[name] is not None:
                self.urls.append((tag, attrs[name]))
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append((tag, candidate.split()[0]))


def broken_links(site: Path) -> list[str]:
    """'page: <tag> url: why' for each internal URL that does not resolve."""
    parsed = {page: _Links(page.read_text(encoding="utf-8")) for page in site.rglob("*.html")}
    problems = []
    for page, links in parsed.items():
        for tag, url in links.urls:
            why = _resolve(site, page, url, parsed)
            if why:
                problems.append(f"{page.relative_to(site)}: <{tag}> {url}: {why}")
    return problems


def _resolve(site: Path, page: Path, url: str, parsed: dict[Path, _Links]) -> str | None:
    """Why an internal URL does not resolve, or None (external URLs are not checked here)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    if not target.is_relative_to(site.resolve()):
        return "points outside the site"
    if not target.is_file():
        return "no such file"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html":
        ids = parsed.get(target) or parsed.get(target.resolve()) or _Links(
            target.read_text(encoding="utf-8"))
        if fragment not in ids.ids:
            return f"no element with id {fragment!r}"
    return None


@pytest.mark.parametrize("site", ["seed_ingested_site", "hostile_article_site"])
def test_every_internal_link_and_anchor_resolves(request, site):
    built: Path = request.getfixturevalue(site).resolve()
    pages = list(built.rglob("*.html"))
    assert len(pages) > 5
    assert broken_links(built) == []


def test_the_site_links_its_explainer_actors_and_anchors(seed_ingested_site):
    """The check above has something to check: pages link to each other and to anchors."""
    site = seed_ingested_site.resolve()
    home = _Links((site / "index.html").read_text(encoding="utf-8"))
    hrefs = {url for tag, url in home.urls if tag == "a"}
    assert "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal/" in hrefs
    explainer = _Links((site / "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal"
                        / "index.html").read_text(encoding="utf-8"))
    urls = [url for _, url in explainer.urls]
    assert any(u.startswith("#") and len(u) > 1 for u in urls)
    assert any("actor/" in u for u in urls)


def test_the_checker_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="#top" id="top">ok</a>'
        '<a href="b/">missing</a> <a href="a/#nowhere">no anchor</a> <img src="x.png">'
        '<a href="https://example.com/#x">external</a> <a href="../../etc/passwd">out</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2>')
    assert broken_links(tmp_path.resolve()) == [
        "index.html: <a> b/: no such file",
        "index.html: <a> a/#nowhere: no element with id 'nowhere'",
        "index.html: <img> x.png: no such file",
        "index.html: <a> ../../etc/passwd: points outside the site",
    ]


def test_mkdocs_own_link_and_anchor_validation_fails_a_strict_build():
    """mkdocs.yml raises MkDocs' checks to warnings, which `--strict` turns into failures."""
    validation = load_config(str(ROOT / "mkdocs.yml")).validation
    assert validation.links.not_found == logging.WARNING
    assert validation.links.anchors == logging.WARNING
    assert validation.links.unrecognized_links == logging.WARNING
    assert validation.links.absolute_links == logging.WARNING
