"""Rendering sheets into Markdown: the data layer of the site, checked without MkDocs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest
import yaml
from conftest import HOSTILE_SHEET, SEED_SHEET

from generator.escape import escape_md as md
from generator.jsonld import front_matter, page_metadata
from generator.render import (
    DEFAULT_TEMPLATES,
    SheetProblems,
    format_date,
    load_sheets,
    make_environment,
    normalize_sheet,
    render_explainer,
    render_home,
    render_pages,
    render_site,
    sort_events,
)

SEED_SLUG = "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal"


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    return make_environment()


def sheet(slug: str = "a-sheet", title: str = "A sheet", **keys) -> dict:
    """A minimal valid sheet, with keys added or replaced."""
    return {"schema": 1, "slug": slug, "title": title, **keys}


def body(page: str) -> str:
    """A page without its front matter."""
    return page.split("\n---\n\n", 1)[1] if page.startswith("---\n") else page


def section(page: str, heading: str) -> str:
    """The Markdown of one `## ` section of a page."""
    start = page.index(f"\n## {heading}\n")
    end = page.find("\n## ", start + 1)
    return page[start:] if end == -1 else page[start:end]


# ---- the seed explainer -------------------------------------------------------------------

def test_seed_page_has_every_section_in_order(env, seed_sheet):
    page = render_explainer(seed_sheet, env)
    headings = [line[3:] for line in page.splitlines() if line.startswith("## ")]
    assert headings == ["At a glance", "Phases", "Who's involved", "Timeline",
                        "What they said", "What we don't know", "Sources",
                        "How this page was made"]
    assert body(page).startswith(f"# {md(seed_sheet['title'])}\n")


def test_seed_phases_show_number_name_status_and_terms(env, seed_sheet):
    phases = section(render_explainer(seed_sheet, env), "Phases")
    assert '### First phase {: data-step="1" }\n' in phases
    assert '<span class="xb-status xb-status--in-force">In force</span>' in phases
    assert "Phase 1 of 3 · Start: Jan&#46; 19 · Duration: six weeks" in phases
    assert f"- {md('the release of some of the Israeli hostages held by Hamas')}" in phases
    assert '<span class="xb-status xb-status--negotiating">Under negotiation</span>' in phases
    assert '### Phase 3 {: data-step="3" }\n' in phases
    assert "xb-status--unknown" in phases


def test_seed_people_show_role_and_affiliation_by_name(env, seed_sheet):
    who = section(render_explainer(seed_sheet, env), "Who's involved")
    assert "- **[Benjamin Netanyahu](actor/benjamin-netanyahu.md)** — Israeli Prime Minister" \
           " · Israel\n" in who
    assert f"- **[{md('Abdel-Latif Al-Qanoua')}](actor/abdel-latif-al-qanoua.md)** — Hamas " \
           "spokesperson · Hamas\n" in who
    assert "- **[Hamas](actor/hamas.md)** — Palestinian militant group\n" in who
    assert who.index("### People") < who.index("### Organisations") < who.index("### Places")


def test_seed_figures_show_text_measure_attribution_and_evidence(env, seed_sheet):
    figures = section(render_explainer(seed_sheet, env), "At a glance")
    assert "**more than 47,000**" in figures
    card = figures[figures.index("**more than 47,000**"):figures.index("**15 months**")]
    assert f"{md('Palestinians killed in Israel' + chr(39) + 's military campaign in Gaza')}," \
        in card
    assert "according to Palestinian health authorities" in card
    assert '??? quote "Source"' in card
    assert md(seed_sheet["figures"][2]["evidence"]) in card
    unattributed = figures[figures.index("**15 months**"):figures.index("**six&#45;week**")]
    assert "unattributed" in unattributed


def test_seed_quotes_name_their_speakers(env, seed_sheet):
    quotes = section(render_explainer(seed_sheet, env), "What they said")
    assert f"> “{md(seed_sheet['quotes'][0]['text'])}”" in quotes
    assert f"> — **[{md('Abdel-Latif Al-Qanoua')}](actor/abdel-latif-al-qanoua.md)**, Hamas " \
           "spokesperson" in quotes
    assert "> — **[Sharren Haskel](actor/sharren-haskel.md)**, Israeli deputy foreign " \
           "minister" in quotes


def test_every_fact_shows_its_evidence(env, seed_sheet):
    page = render_explainer(seed_sheet, env)
    facts = [f for kind in ("figures", "events", "quotes", "phases") for f in seed_sheet[kind]]
    assert page.count('??? quote "Source"') == len(facts)
    for fact in facts:
        assert md(fact["evidence"]) in page


def test_meta_line_and_sources_for_an_undated_reviewed_sheet(env, seed_sheet):
    page = render_explainer(seed_sheet, env)
    assert "Date unknown ·" in page and "1 source ·" in page and "Reviewed by an editor" in page
    assert '!!! warning "Draft"' not in page
    assert "1. Hamas says talks start on second phase of Gaza ceasefire deal — Reuters,\n" \
           "   date unknown" in page


# ---- rules of the page --------------------------------------------------------------------

def test_empty_sections_are_left_out(env):
    page = render_explainer(sheet(summary="Just a summary."), env)
    assert [line for line in page.splitlines() if line.startswith("## ")] == [
        "## How this page was made"]
    assert "names no source article" in page and "No editor has checked" in page
    assert "Just a summary&#46;\n{: .xb-standfirst }" in page
    assert '!!! warning "Draft"' in page


def test_timeline_is_sorted_by_date_with_undated_events_last_in_article_order(env):
    events = [
        {"date": None, "date_text": "Tuesday", "what": "undated one"},
        {"date": "2025-02", "date_text": None, "what": "February"},
        {"date": None, "date_text": None, "what": "undated two"},
        {"date": dt.date(2024, 10, 7), "date_text": "Oct. 7", "what": "October"},
        {"date": 2023, "date_text": None, "what": "a year"},
    ]
    assert [e["what"] for e in sort_events(events)] == [
        "a year", "October", "February", "undated one", "undated two"]
    page = render_explainer(sheet(events=events), env)
    timeline = section(page, "Timeline")
    assert timeline.index("**Oct&#46; 7 (7 October 2024)**") \
        < timeline.index("**February 2025**") < timeline.index("**Tuesday**") \
        < timeline.index("**Date unknown**")


def test_unknown_speaker_and_affiliation(env):
    page = render_explainer(sheet(
        actors=[{"id": "ann", "name": "Ann", "type": "person", "role": None,
                 "affiliation": "nobody"}],
        quotes=[{"text": "Hello", "speaker": None}, {"text": "Bye", "speaker": "ghost"},
                {"text": "Hi", "speaker": "ann"}],
    ), env)
    assert page.count("> — **unattributed**") == 2
    assert "> — **[Ann](actor/ann.md)**\n" in page
    assert "- **[Ann](actor/ann.md)**\n" in page  # no role; an affiliation naming nobody is left out


def test_what_we_dont_know_lists_the_unknowns_only_when_there_are_some(env, seed_sheet):
    unknowns = section(render_explainer(seed_sheet, env), "What we don't know")
    assert [line for line in unknowns.splitlines() if line.startswith("- ")] == [
        f"- {md(u)}" for u in seed_sheet["unknowns"]]
    assert "What we don't know" not in render_explainer(sheet(unknowns=[]), env)


def test_a_date_only_as_written_comes_with_its_articles_date(env):
    sources = [{"id": "s1", "title": "T", "published": dt.date(2025, 2, 4)},
               {"id": "s2", "title": "U", "published": None}]
    events = [{"date": None, "date_text": "Tuesday", "what": "talks", "source": "s1"},
              {"date": None, "date_text": "Monday", "what": "vote", "source": "s2"},
              {"date": "2025-02-03", "date_text": "Monday", "what": "strike", "source": "s1"}]
    timeline = section(render_explainer(sheet(sources=sources, events=events), env), "Timeline")
    assert "**Tuesday (article of 4 February 2025)**" in timeline
    assert "**Monday**{" in timeline and "**Monday (3 February 2025)**" in timeline


def test_dates_may_be_date_objects_or_text(env):
    for published in (dt.date(2025, 2, 4), "2025-02-04"):
        page = render_explainer(sheet(sources=[
            {"id": "s1", "title": "T", "publisher": None, "published": published}]), env)
        assert "Updated 4 February 2025 ·" in page
        assert "1. T,\n   4 February 2025" in page


@pytest.mark.parametrize("value, expected", [
    (dt.date(2025, 1, 9), "9 January 2025"), ("2025-12", "December 2025"), (2025, "2025"),
    ("2025", "2025"), ("2025-13", "2025-13"), ("last week", "last week"), (None, ""),
])
def test_format_date(value, expected):
    assert format_date(value) == expected


def test_source_links_only_to_http_urls(env):
    sources = [
        {"id": "s1", "title": "Good", "url": "https://example.com/a(b)"},
        {"id": "s2", "title": "Bad", "url": "javascript:alert(1)"},
    ]
    page = render_explainer(sheet(sources=sources), env)
    assert "1. [Good](https://example.com/a%28b%29)," in page
    assert "1. Bad," in page and "javascript" not in page


def test_hostile_values_never_reach_the_markdown_unescaped(env, hostile_sheet):
    page = body(render_explainer(hostile_sheet, env))  # the front matter is YAML data
    for payload in ("<script", "<img", "<svg", "<b", "javascript:", "{{", "{%", "{#", "!!! danger",
                    "[^1]", "==", "~~", ":material-alert:", "\x02", "| table"):
        assert payload not in page, payload
    assert "{: onclick" not in page and "onclick=" not in page


# ---- the environment ----------------------------------------------------------------------

def test_missing_required_key_raises(env):
    broken = sheet()
    del broken["title"]
    with pytest.raises(jinja2.UndefinedError, match="title"):
        render_explainer(broken, env)


def test_site_templates_come_first_and_typos_raise(tmp_path, seed_sheet):
    (tmp_path / "explainer.md.j2").write_text("{{ sheet.titel | md }}\n")
    with pytest.raises(jinja2.UndefinedError, match="titel"):
        render_explainer(seed_sheet, make_environment(tmp_path))
    (tmp_path / "explainer.md.j2").write_text("Custom: {{ sheet.title | md }}\n")
    page = render_explainer(seed_sheet, make_environment(tmp_path))
    meta = front_matter(page_metadata(normalize_sheet(seed_sheet)))
    assert page == f"{meta}Custom: {md(seed_sheet['title'])}\n"


def test_an_override_can_extend_the_default_and_change_one_block(tmp_path, seed_sheet):
    (tmp_path / "explainer.md.j2").write_text(
        '{% extends "default/explainer.md.j2" %}\n'
        "{% block how_made %}\n{{ super() }}\nCorrections: desk@example.org\n{% endblock %}\n")
    page = render_explainer(seed_sheet, make_environment(tmp_path))
    assert page.endswith("{: .xb-how data-search-exclude }\n\nCorrections: desk@example.org\n")
    assert section(page, "Phases") == section(render_explainer(seed_sheet, make_environment()),
                                              "Phases")


def test_an_overridden_macro_is_used_by_the_default_pages(tmp_path, seed_sheet):
    macros = DEFAULT_TEMPLATES / "_macros.md.j2"
    (tmp_path / "_macros.md.j2").write_text(macros.read_text().replace(
        '??? quote "Source"', '??? quote "Where this comes from"'))
    page = render_explainer(seed_sheet, make_environment(tmp_path))
    assert '??? quote "Where this comes from"' in page and '"Source"' not in page


def test_normalize_fills_optional_keys_and_leaves_required_ones_out():
    out = normalize_sheet(sheet(phases=[{"number": 1}], figures=[{"text": "5"}]))
    assert out["summary"] is None and out["quotes"] == []
    assert out["review"] == {"status": "draft", "notes": []}
    assert out["phases"][0]["status"] is None and out["phases"][0]["terms"] == []
    assert out["figures"][0]["evidence"] is None and out["figures"][0]["source"] is None
    assert "value" not in out["figures"][0]


# ---- the home page ------------------------------------------------------------------------

def test_home_lists_newest_first_then_by_title(env):
    def dated(slug, title, *published):
        return sheet(slug, title, sources=[
            {"id": f"s{i}", "title": "t", "published": p} for i, p in enumerate(published)])

    sheets = [dated("old", "Old", "2024-01-01"), dated("undated", "Undated", None),
              dated("b-new", "B new", "2023-01-01", dt.date(2025, 3, 1)),
              dated("a-new", "A new", "2025-03-01"), dated("mid", "Mid", "2024-06-30")]
    home = render_home(sheets, env)
    links = [line.split("](")[1].rstrip(")") for line in home.splitlines() if "### [" in line]
    assert links == ["a-new.md", "b-new.md", "mid.md", "old.md", "undated.md"]
    assert "1 March 2025 ·" in home and "2 sources ·" in home and "Date unknown ·" in home


def test_home_shows_summary_and_review_status(env, seed_sheet, hostile_sheet):
    home = render_home([seed_sheet, hostile_sheet], env)
    assert f"### [{md(seed_sheet['title'])}](hamas-says-talks-start-on-second-phase-of-gaza-" \
           "ceasefire-deal.md)" in home
    assert md(seed_sheet["summary"]) in home
    assert "Reviewed by an editor" in home and '<span class="xb-icon xb-icon--draft"></span> Draft' in home
    assert home.index("hostile-values.md") < home.index("hamas-says")  # dated before undated


def test_home_with_no_sheets(env):
    assert "No explainers yet" in render_home([], env)


# ---- the site's own pages -----------------------------------------------------------------

@pytest.mark.parametrize("slug", ["index", "actors", "actor", "reference"])
def test_slugs_of_the_sites_own_pages_are_refused(tmp_path, slug):
    content = write_sheets(tmp_path, {"a.yaml": sheet(slug)})
    _, problems = render_pages(content)
    assert len(problems) == 1 and f"slug '{slug}' is already reserved for" in problems[0]


# ---- loading and writing ------------------------------------------------------------------

def write_sheets(directory: Path, sheets: dict[str, dict | str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in sheets.items():
        text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_render_site_writes_home_and_one_page_per_sheet(tmp_path):
    content = write_sheets(tmp_path / "content", {
        "seed.yaml": SEED_SHEET.read_text(), "hostile.yaml": HOSTILE_SHEET.read_text()})
    out = tmp_path / "out" / "pages"
    written = render_site(content, out)
    names = sorted(str(p.relative_to(out)) for p in written)
    assert names == sorted(str(p.relative_to(out)) for p in out.rglob("*.md"))
    assert {f"{SEED_SLUG}.md", "hostile-values.md", "index.md", "actors.md", "reference.md",
            "actor/benjamin-netanyahu.md", "actor/villain.md"} <= set(names)
    assert len([n for n in names if n.startswith("actor/")]) == 12 + 2
    assert "\n# &#60;/title&#62;&#60;script" in (out / "hostile-values.md").read_text()


def test_render_site_reports_every_problem_and_writes_nothing(tmp_path):
    content = write_sheets(tmp_path / "content", {
        "a.yaml": sheet("same"), "b.yaml": sheet("same"), "c.yaml": sheet("index"),
        "d.yaml": "slug: [unclosed\n", "e.yaml": "- a list\n"})
    out = tmp_path / "out"
    with pytest.raises(SheetProblems) as raised:
        render_site(content, out)
    problems = raised.value.problems
    assert any(p.startswith(f"{content / 'b.yaml'}:") and "already used by" in p
               for p in problems)
    assert any(p.startswith(f"{content / 'c.yaml'}:") and "home page" in p for p in problems)
    assert any(p.startswith(f"{content / 'd.yaml'}:") for p in problems)
    assert any(p.startswith(f"{content / 'e.yaml'}:") for p in problems)
    assert not out.exists()


def test_load_sheets_keeps_valid_sheets_in_file_order(tmp_path):
    content = write_sheets(tmp_path, {"b.yaml": sheet("b"), "a.yaml": sheet("a"),
                                      "notes.txt": "not a sheet"})
    sheets, problems = load_sheets(content)
    assert [s["slug"] for s in sheets] == ["a", "b"] and problems == []


def test_rendering_makes_no_reference_cycles_per_sheet(tmp_path):
    """render_pages pauses Python's cycle collector while it loads and renders: right only as
    long as sheets and pages make no reference cycles, which would pile up on a big site."""
    import gc

    def garbage(copies: int) -> int:
        seed = SEED_SHEET.read_text()
        content = write_sheets(tmp_path / str(copies), {
            f"s{i}.yaml": seed.replace(f"slug: {SEED_SLUG}", f"slug: {SEED_SLUG}-{i}")
            for i in range(copies)} | {"hostile.yaml": HOSTILE_SHEET.read_text(),
                                       "broken.yaml": "slug: [unclosed\n"})
        render_pages(content)  # templates compiled once
        gc.collect()
        gc.disable()
        try:
            pages, problems = render_pages(content)
            assert len(pages) > copies and len(problems) == 1
            return gc.collect()
        finally:
            gc.enable()

    assert garbage(12) == garbage(2)
    assert gc.isenabled()


def test_the_cycle_collector_runs_again_after_rendering(tmp_path):
    import gc

    render_pages(write_sheets(tmp_path / "a", {"seed.yaml": SEED_SHEET.read_text()}))
    assert gc.isenabled()
    with pytest.raises(AttributeError):  # however rendering ends
        render_pages(tmp_path / "a", cache=object())
    assert gc.isenabled()
