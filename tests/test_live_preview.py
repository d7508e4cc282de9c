"""The editor's loop: under `mkdocs serve` a broken sheet's page shows its problems (as Hugo's
server shows its errors) until the sheet is fixed, and "Edit this page" opens the sheet."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import SEED_SHEET, build_site, mkdocs_serve, wait_for, write_site

from generator.render import RenderCache, render_pages

SEED_SLUG = "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal"
REPO = "https://git.example.org/newsroom/explainers"


def seed_text() -> str:
    return SEED_SHEET.read_text(encoding="utf-8")


def break_first_figure(text: str, value: str) -> str:
    """The sheet with its first figure's value replaced by `value`, as an editor might type."""
    return re.sub(r"(?m)^(  - value: )\S.*$", lambda m: m[1] + value, text, count=1)


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "seed.yaml").write_text(seed_text(), encoding="utf-8")
    return folder


# ---- problem pages, as the renderer makes them ----------------------------------------------

def test_a_broken_sheet_gets_a_page_listing_its_problems_at_its_address(content):
    (content / "seed.yaml").write_text(break_first_figure(seed_text(), "lots"), encoding="utf-8")
    pages, problems = render_pages(content, problem_pages=True)
    page = pages[f"{SEED_SLUG}.md"]
    assert len(problems) == 1 and "figures[0].value must be a number, got 'lots'" in problems[0]
    assert "!!! failure" in page and "1 problem" in page
    assert "figures&#91;0&#93;&#46;value must be a number, got &#39;lots&#39;" in page
    assert "search:\n  exclude: true" in page, "a problem page is not for readers to find"
    assert f"{SEED_SLUG}.md" not in render_pages(content)[0], "a build leaves the page out"


def test_problems_quoted_from_the_sheet_cannot_inject_markup(content):
    (content / "seed.yaml").write_text(
        break_first_figure(seed_text(), "'<script>alert(1)</script> {{ 6*7 }}'"),
        encoding="utf-8")
    page = render_pages(content, problem_pages=True)[0][f"{SEED_SLUG}.md"]
    assert "<script>" not in page and "{{" not in page
    assert "&#60;script&#62;alert&#40;1&#41;" in page


def test_a_sheet_that_is_not_yaml_keeps_the_address_it_had(content):
    cache = RenderCache()
    assert f"{SEED_SLUG}.md" in render_pages(content, cache=cache, problem_pages=True)[0]
    (content / "seed.yaml").write_text("title: [unclosed\n" + seed_text(), encoding="utf-8")
    pages, problems = render_pages(content, cache=cache, problem_pages=True)
    assert "YAML error" in problems[0] and "YAML error" in pages[f"{SEED_SLUG}.md"]
    # Never seen valid: its file name is the best guess (ingest names sheets after slugs).
    pages, _ = render_pages(content, problem_pages=True)
    assert "YAML error" in pages["seed.md"] and f"{SEED_SLUG}.md" not in pages


def test_a_problem_page_never_takes_another_explainers_address(content):
    sheet = yaml.safe_load(seed_text())
    (content / "twin.yaml").write_text(yaml.safe_dump(sheet, sort_keys=False), encoding="utf-8")
    (content / "index.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    pages, problems = render_pages(content, problem_pages=True)
    assert "slug 'hamas-says" in problems[-1] and "already used by" in problems[-1]
    assert "!!! failure" not in pages[f"{SEED_SLUG}.md"], "the valid sheet keeps its page"
    assert "!!! failure" not in pages["index.md"], "nor a problem page over the home page"


# ---- "Edit this page" -----------------------------------------------------------------------

def test_edit_this_page_opens_the_explainers_sheet(tmp_path):
    root = write_site(tmp_path, {"seed.yaml": seed_text()})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"repo_url: {REPO}\nedit_uri: edit/main/docs/\n")
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    explainer = (site / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO}/edit/main/content/seed.yaml"' in explainer
    assert f'href="{REPO}/edit/main/docs/editors.md"' in \
        (site / "editors" / "index.html").read_text(encoding="utf-8")
    for generated in ("index.html", "actors/index.html", "actor/benjamin-netanyahu/index.html"):
        assert "/edit/" not in (site / generated).read_text(encoding="utf-8"), \
            f"{generated} has no file to edit"


# ---- under mkdocs serve, end to end ---------------------------------------------------------

def test_under_serve_a_broken_sheet_shows_its_problems_until_it_is_fixed(tmp_path):
    root = write_site(tmp_path, {"seed.yaml": seed_text()})
    sheet = root / "content" / "seed.yaml"
    with mkdocs_serve(root) as served:
        wait_for(lambda: SEED_SLUG in (served.get(f"{SEED_SLUG}/") or ""))
        sheet.write_text(break_first_figure(seed_text(), "lots"), encoding="utf-8")
        wait_for(lambda: "admonition failure" in (served.get(f"{SEED_SLUG}/") or ""),
                 what="the problem page")
        page = served.get(f"{SEED_SLUG}/")
        assert "seed.yaml:137: figures[0].value must be a number, got 'lots'" in unescape(page)
        assert re.search(r"WARNING .*content/seed\.yaml:\d+: figures\[0\]\.value must be a "
                         r"number, got 'lots'", served.output())
        sheet.write_text(seed_text(), encoding="utf-8")
        wait_for(lambda: "admonition failure" not in (served.get(f"{SEED_SLUG}/") or "x"),
                 what="the explainer to come back")
        assert "At a glance" in served.get(f"{SEED_SLUG}/")
