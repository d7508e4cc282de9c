"""The archive in headless Chromium: reached from the home page, leading to the explainers,
accessible in both colour schemes. Uses test_browser's fixtures (Debian's Chromium, axe-core)."""

from __future__ import annotations

import pytest
import test_browser
from test_browser import SEED, SEED_TITLE, axe_violations

# test_browser's fixtures and marks (Chromium present, `browser` mark), under the same names.
browser, open_page, seed_url = test_browser.browser, test_browser.open_page, test_browser.seed_url
pytestmark = test_browser.pytestmark


def test_the_home_page_leads_through_the_archive_to_the_explainer(open_page, seed_url):
    visit = open_page(seed_url)
    page = visit.page
    page.locator("article").get_by_role("link", name="All explainers").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/archive/")
    page.get_by_role("link", name="Undated").click()  # the seed sheet gives no date
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/archive/undated/")
    page.locator(".xb-home li", has_text=SEED_TITLE).get_by_role("link", name=SEED_TITLE).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/" + SEED)
    visit.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["archive/", "archive/undated/"])
def test_no_serious_accessibility_violations_in_the_archive(open_page, seed_url, path, scheme):
    visit = open_page(seed_url + path, scheme=scheme)
    assert axe_violations(visit.page) == []
    visit.assert_clean()
