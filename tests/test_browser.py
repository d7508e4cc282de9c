"""The built site in headless Chromium: sections, provenance on click, search, accessibility.

Uses Debian's /usr/bin/chromium (`make browser` installs it), never Playwright's own download,
and axe-core's axe.min.js as the axe-playwright-python package ships it (a test dependency).
Set EXPLAINERS_SCREENSHOTS=DIR to keep the screenshots (the README's come from here:
EXPLAINERS_SCREENSHOTS=screenshots .venv/bin/pytest tests/test_browser.py).
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import SEED_SHEET, build_site, write_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SEED = "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal/"
SEED_TITLE = "Hamas says talks start on second phase of Gaza ceasefire deal"
HOSTILE = "hostile-values/"
SECTIONS = ["At a glance", "Phases", "Who's involved", "Timeline", "What they said",
            "What we don't know", "Sources", "How this page was made"]
# Every kind of page the site has, for the accessibility check.
SITE_PAGES = ["", SEED, "actors/", "actor/benjamin-netanyahu/", "reference/", "about/"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's /usr/bin/chromium: run `make browser`"),
]


@dataclass
class Visit:
    """A browser tab and everything it did that a test may object to."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """No script ran, nothing broke, nothing was fetched from elsewhere."""
        assert self.dialogs == []
        assert self.errors == []
        assert self.requests and all(urlsplit(u).hostname == "127.0.0.1" for u in self.requests), \
            self.requests


@contextmanager
def serve(site: Path):
    """site served on 127.0.0.1, on a free port; yields its base URL."""
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
         "--directory", str(site)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        ready, _, _ = select.select([server.stdout], [], [], 15)
        match = re.search(r"port (\d+)", server.stdout.readline() if ready else "")
        assert match, "http.server did not start"
        yield f"http://127.0.0.1:{match[1]}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def fixture_url(built_site):
    """The fixture site: the seed and the hostile explainers."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def seed_url(tmp_path_factory):
    """A site with only the seed explainer, as the project's own site is today."""
    root = write_site(tmp_path_factory.mktemp("seed-site"),
                      {SEED_SHEET.name: SEED_SHEET.read_text(encoding="utf-8")})
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """open_page(url, width) -> Visit; every tab is closed after the test."""
    contexts = []

    def open_(url: str, width: int = 1280, scheme: str = "light",
              until: str = "networkidle") -> Visit:
        """`until`: "load" for `mkdocs serve`, whose live reload keeps a request open."""
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        visit = Visit(page)
        context.on("request", lambda r: visit.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and visit.errors.append(m.text))
        page.on("pageerror", lambda e: visit.errors.append(str(e)))
        page.on("dialog", lambda d: (visit.dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        page.wait_for_load_state(until)
        return visit

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    path = Path(os.environ.get("EXPLAINERS_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_seed_page_shows_its_sections_and_evidence_on_click(open_page, seed_url, shots):
    visit = open_page(seed_url + SEED)
    page = visit.page
    headings = page.locator("article h2")
    assert [t.rstrip("¶").strip() for t in headings.all_inner_texts()] == SECTIONS
    assert all(h.is_visible() for h in headings.all())
    assert page.locator(".xb-meta").first.inner_text().split() == [
        "Date", "unknown", "·", "1", "source", "·", "Reviewed", "by", "an", "editor"]
    assert page.get_by_text("In force", exact=True).is_visible()
    card = page.locator(".xb-figures li", has_text="more than 47,000")
    evidence = card.locator("details.quote p").first
    assert not evidence.is_visible()
    card.locator("summary").click()
    evidence.wait_for(state="visible")
    assert evidence.inner_text() == ("Israel's military campaign in Gaza since then has killed "
                                     "more than 47,000 Palestinians, Palestinian health "
                                     "authorities say.")
    page.screenshot(path=shots / "explainer-desktop.png", full_page=True)
    visit.assert_clean()


@pytest.mark.parametrize("path, name", [(SEED, "explainer"), ("", "home")])
def test_pages_fit_a_phone(open_page, seed_url, shots, path, name):
    visit = open_page(seed_url + path, width=390)
    width = visit.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    visit.page.screenshot(path=shots / f"{name}-phone.png", full_page=True)
    visit.assert_clean()


def test_home_lists_explainers_that_open(open_page, seed_url, shots):
    visit = open_page(seed_url)
    page = visit.page
    page.screenshot(path=shots / "home-desktop.png", full_page=True)
    card = page.locator(".xb-home li", has_text=SEED_TITLE)
    assert "Reviewed by an editor" in card.inner_text()
    card.get_by_role("link", name=SEED_TITLE).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/" + SEED)
    assert page.locator("h1").inner_text().startswith("Hamas says talks start")
    visit.assert_clean()


def test_an_actor_page_leads_back_to_the_explainer(open_page, seed_url):
    visit = open_page(seed_url + SEED)
    page = visit.page
    page.locator("article").get_by_role("link", name="Benjamin Netanyahu").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/actor/benjamin-netanyahu/")
    assert page.locator("h1").inner_text().startswith("Benjamin Netanyahu")
    page.locator("article").get_by_role("link", name=SEED_TITLE).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/" + SEED)
    page.get_by_role("link", name="Actors", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/actors/")
    visit.assert_clean()


def search(page, words: str):
    """Type words into Material's search box; the result list, once it shows."""
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(words, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    return page.locator(".md-search-result")


@pytest.mark.parametrize("words", ["Netanyahu", "Doha", "ceasefire"])
def test_search_finds_the_explainer_by_actor_place_and_title(open_page, seed_url, words):
    visit = open_page(seed_url)
    results = search(visit.page, words)
    assert SEED_TITLE in results.inner_text(), words
    results.locator(f"a.md-search-result__link[href*='/{SEED}']").first.click()
    visit.page.wait_for_load_state("networkidle")
    assert SEED in visit.page.url
    visit.assert_clean()


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    page.add_script_tag(path=str(files("axe_playwright_python") / "axe.min.js"))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']}: "
            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                        for n in v["nodes"][:5])
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", SITE_PAGES)
def test_no_serious_accessibility_violations(open_page, seed_url, path, scheme):
    visit = open_page(seed_url + path, scheme=scheme)
    for summary in visit.page.locator("details summary").all():
        summary.click()  # check the evidence sentences too
    assert axe_violations(visit.page) == []
    visit.assert_clean()


def test_hostile_page_runs_nothing_and_shows_the_payloads(open_page, fixture_url):
    visit = open_page(fixture_url + HOSTILE)
    page = visit.page
    for summary in page.locator("details.quote summary").all():
        summary.click()
    for payload in ("<script>alert('figure')</script>",
                    "Line one # Heading in evidence <img src=x onerror=alert('evidence')>",
                    "<style>body{display:none}</style> wzxhzdk:0 trailing"):
        assert page.get_by_text(payload, exact=True).is_visible(), payload
    assert page.locator("h1").inner_text().startswith(
        "</title><script>alert('title')</script> # Not a heading {{ 6*7 }}")
    assert page.title() == "</title><script>alert('title')</script> # Not a heading {{ 6*7 }}" \
                           " - Explainers"
    assert "<script>alert('title')</script>" in search(page, "alert").inner_text()
    page.wait_for_timeout(300)
    visit.assert_clean()
