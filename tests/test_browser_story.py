"""A story's page in headless Chromium: the five-article strike story of tests/fixtures/story/
ingested through the real CLI and built with `mkdocs build --strict`. Uses test_browser's
fixtures (Debian's Chromium, axe-core)."""

from __future__ import annotations

import shutil

import pytest
import test_browser
from conftest import build_site, ingest, write_site
from test_browser import axe_violations, serve
from test_stories import IN_ORDER, STORY

browser, open_page, shots = test_browser.browser, test_browser.open_page, test_browser.shots
pytestmark = test_browser.pytestmark


@pytest.fixture(scope="module")
def story_url(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("story-site"), {})
    for name in IN_ORDER:  # one at a time, as the articles come in
        shutil.copy(STORY / name, root / "seeds" / name)
        result = ingest(f"seeds/{name}", "--out", "content", cwd=root)
        assert result.returncode == 0, result.stderr
    (sheet,) = (root / "content").glob("*.yaml")
    built = build_site(root)
    assert built.returncode == 0, built.stderr
    with serve(root / "site") as url:
        yield url + sheet.stem + "/"


def test_the_story_page_shows_latest_disagreement_series_and_history(open_page, story_url,
                                                                      shots):
    visit = open_page(story_url)
    page = visit.page
    article = page.locator("article")
    latest = article.locator(".admonition.info").first
    assert latest.locator(".admonition-title").inner_text().startswith("Latest: 2025-04-07")
    assert latest.is_visible()
    assert "Phase 1: in force → completed" in latest.inner_text()  # as readers say it
    disagree = article.locator(".admonition.warning", has_text="Sources disagree")
    assert disagree.is_visible() and "85" in disagree.inner_text()
    chart = article.locator("#figures-over-time ~ ul svg").first
    assert chart.is_visible() and chart.bounding_box()["width"] > 40
    headings = [h.rstrip("¶").strip() for h in article.locator("h2").all_inner_texts()]
    assert headings.index("What they said") < headings.index("What changed") \
        < headings.index("Sources")
    assert article.locator("h3", has_text="2025-").count() == 5  # one per article
    page.screenshot(path=str(shots / "story.png"), full_page=True)
    visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations_on_the_story_page(open_page, story_url, scheme):
    visit = open_page(story_url, scheme=scheme)
    assert axe_violations(visit.page) == []
    visit.assert_clean()
