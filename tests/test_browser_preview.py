"""The live preview in headless Chromium: under `mkdocs serve`, a broken sheet's page shows its
problems as a banner, and the page reloads by itself to the explainer once the sheet is fixed.
Uses test_browser's fixtures (Debian's Chromium)."""

from __future__ import annotations

import test_browser
from conftest import SEED_SHEET, mkdocs_serve, wait_for, write_site
from test_browser import SEED, SEED_TITLE
from test_live_preview import break_first_figure

browser, open_page, shots = test_browser.browser, test_browser.open_page, test_browser.shots
pytestmark = test_browser.pytestmark


def test_the_problem_banner_shows_and_goes_when_the_sheet_is_fixed(open_page, tmp_path, shots):
    good = SEED_SHEET.read_text(encoding="utf-8")
    root = write_site(tmp_path, {"seed.yaml": good})
    sheet = root / "content" / "seed.yaml"
    with mkdocs_serve(root) as served:
        sheet.write_text(break_first_figure(good, "'<img src=x onerror=alert(1)> lots'"),
                         encoding="utf-8")
        wait_for(lambda: "admonition failure" in (served.get(SEED) or ""), what="problem page")
        visit = open_page(served.url + SEED, until="load")
        page = visit.page
        banner = page.locator("article .admonition.failure")
        assert banner.is_visible()
        assert "its fact sheet has 1 problem" in banner.inner_text()
        assert "content/seed.yaml:137: figures[0].value must be a number, got " \
               "'<img src=x onerror=alert(1)> lots'" in banner.inner_text()
        page.screenshot(path=str(shots / "problem-banner.png"))

        sheet.write_text(good, encoding="utf-8")  # the open tab reloads by itself
        page.locator("article h1", has_text=SEED_TITLE).wait_for(timeout=30_000)
        assert page.locator("article .admonition.failure").count() == 0
        visit.assert_clean()
