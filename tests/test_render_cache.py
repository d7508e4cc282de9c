"""Rendering again after an edit: the same pages as a fresh render, from far less work."""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from pathlib import Path

import pytest
import yaml
from conftest import HOSTILE_SHEET, SEED_SHEET, load_yaml

from generator import site_pages
from generator.plugin import GeneratedPage, merge_dirty_search_index
from generator.render import RenderCache, make_environment, render_archive, render_pages

SEED_SLUG = "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal"


def dated(slug: str, published: str | None, actors=(), **keys) -> dict:
    """A small valid sheet with one source published on `published`."""
    return {"schema": 1, "slug": slug, "title": slug.replace("-", " ").title(),
            "sources": [{"id": "s1", "title": "T", "published": published}],
            "actors": list(actors), **keys}


@pytest.fixture
def content(tmp_path) -> Path:
    """The seed and hostile sheets and three small ones, two months apart."""
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "seed.yaml").write_text(SEED_SHEET.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "hostile.yaml").write_text(HOSTILE_SHEET.read_text(encoding="utf-8"),
                                         encoding="utf-8")
    ann = {"id": "ann-lee", "name": "Ann Lee", "type": "person", "role": "Minister"}
    for slug, published in (("march-one", "2025-03-04"), ("march-two", "2025-03-20"),
                            ("january", "2025-01-02")):
        write(folder / f"{slug}.yaml", dated(slug, published, [ann]))
    return folder


def write(path: Path, sheet: dict | str) -> None:
    text = sheet if isinstance(sheet, str) else yaml.safe_dump(sheet, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    # A new mtime even on filesystems with coarse timestamps: the cache must not trust it alone.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def retitle(path: Path, title: str) -> None:
    sheet = yaml.safe_load(path.read_text(encoding="utf-8"))
    sheet["title"] = title
    write(path, sheet)


# ---- the same pages as a fresh render -----------------------------------------------------

def test_after_an_edit_the_cache_gives_what_a_fresh_render_gives(content):
    cache = RenderCache()
    render_pages(content, cache=cache)
    retitle(content / "march-one.yaml", "A new title")
    (content / "january.yaml").unlink()
    write(content / "new.yaml", dated("new", "2025-04-01"))
    assert render_pages(content, cache=cache) == render_pages(content)


def test_an_edit_reads_one_sheet_and_renders_only_the_pages_that_show_it(content):
    cache = RenderCache()
    pages, _ = render_pages(content, cache=cache)
    cache.publish(pages)
    assert cache.stats.sheets_read == 5 and cache.stats.pages_rendered == len(pages)

    retitle(content / "march-one.yaml", "A new title")
    pages, problems = render_pages(content, cache=cache)
    assert problems == [] and cache.stats.sheets_read == 1
    assert cache.changed(pages) == {"march-one.md", "index.md", "archive/2025-03.md",
                                    "actor/ann-lee.md"}
    # Rendered again, and unchanged: the actor index (no actor changed), the archive's months.
    assert cache.stats.pages_rendered == 4


def test_a_file_saved_unchanged_is_not_validated_again(content):
    cache = RenderCache()
    pages, _ = render_pages(content, cache=cache)
    cache.publish(pages)
    write(content / "seed.yaml", SEED_SHEET.read_text(encoding="utf-8"))  # same bytes, new mtime
    pages, _ = render_pages(content, cache=cache)
    assert cache.stats.sheets_read == 0 and cache.stats.pages_rendered == 0
    assert cache.changed(pages) == set()


def test_an_actor_edit_renders_the_actor_index_again(content):
    cache = RenderCache()
    pages, _ = render_pages(content, cache=cache)
    cache.publish(pages)
    sheet = yaml.safe_load((content / "january.yaml").read_text(encoding="utf-8"))
    sheet["actors"][0]["role"] = "Former minister"
    write(content / "january.yaml", sheet)
    pages, _ = render_pages(content, cache=cache)
    assert {"actors.md", "actor/ann-lee.md", "january.md"} <= cache.changed(pages)
    assert "Former minister" in pages["actors.md"]


def test_a_template_change_renders_every_page_again(content, tmp_path):
    overrides = tmp_path / "templates"
    overrides.mkdir()
    cache = RenderCache()
    pages, _ = render_pages(content, overrides, cache)
    cache.publish(pages)
    (overrides / "explainer.md.j2").write_text(
        '{% extends "default/explainer.md.j2" %}\n'
        "{% block how_made %}\n{{ super() }}\nCorrections: desk@example.org\n{% endblock %}\n",
        encoding="utf-8")
    pages, _ = render_pages(content, overrides, cache)
    assert cache.stats.pages_rendered == len(pages)
    explainers = {f"{s}.md" for s in (SEED_SLUG, "hostile-values", "march-one", "march-two",
                                      "january")}
    assert cache.changed(pages) == explainers
    assert all("Corrections: desk@example.org" in pages[uri] for uri in explainers)


def test_a_sheet_made_invalid_reports_what_the_validator_says_and_leaves_the_site(content):
    cache = RenderCache()
    render_pages(content, cache=cache)
    write(content / "january.yaml", "schema: 1\nslug: january\ntitle: January\nfigurs: []\n")
    pages, problems = render_pages(content, cache=cache)
    assert (pages, problems) == render_pages(content)
    assert len(problems) == 1 and re.match(r".*january\.yaml:4: .*figurs", problems[0])
    assert "january.md" not in pages and "archive/2025-01.md" not in pages


def test_a_failed_build_makes_every_page_count_as_changed(content):
    cache = RenderCache()
    pages, _ = render_pages(content, cache=cache)
    cache.publish(pages)
    assert cache.changed(pages) == set()
    cache.forget_published()
    assert cache.changed(pages) == set(pages)


def test_sheets_read_on_every_core_give_the_same_pages_and_problems(content, monkeypatch):
    from generator import render_cache

    write(content / "broken.yaml", "schema: 1\nslug: broken\ntitle: Broken\nfigurs: []\n")
    write(content / "clash.yaml", SEED_SHEET.read_text(encoding="utf-8"))
    monkeypatch.setattr(render_cache, "PARALLEL_MIN", 10**9)
    serial = render_pages(content)
    monkeypatch.setattr(render_cache, "PARALLEL_MIN", 2)
    if render_cache.worker_count() < 2:
        pytest.skip("one core, or other threads running: sheets are read in this process")
    cache = RenderCache()
    assert render_pages(content, cache=cache) == serial
    explainers = 5
    assert cache.stats.pages_rendered == len(serial[0]) - explainers, "made by the workers"


# ---- the home page and the archive --------------------------------------------------------

def test_the_home_page_shows_the_newest_and_the_archive_every_explainer(content, monkeypatch):
    monkeypatch.setattr(site_pages, "HOME_LIMIT", 2)
    pages, _ = render_pages(content)
    home = pages["index.md"]
    listed = re.findall(r"### \[.*\]\((.*)\.md\)", home)
    assert listed == ["march-two", "march-one"]
    assert "The newest 2 of 5 explainers: [see them all, month by month](archive.md)" in home
    archive = pages["archive.md"]
    assert archive.index("[February 2025](archive/2025-02.md) · 1 explainer") \
        < archive.index("[January 2025](archive/2025-01.md) · 1 explainer") \
        < archive.index("[Undated](archive/undated.md) · 1 explainer")
    march = pages["archive/2025-03.md"]
    assert re.findall(r"### \[.*\]\((.*)\.md\)", march) == ["../march-two", "../march-one"]
    assert "[all months](../archive.md)" in march
    assert f"(../{SEED_SLUG}.md)" in pages["archive/undated.md"]
    for uri in ("archive.md", "archive/2025-03.md"):  # search finds the explainers themselves
        assert "\nsearch:\n  exclude: true\n---\n" in pages[uri]


def test_a_short_home_page_says_nothing_of_more(content):
    pages, _ = render_pages(content)
    assert "The newest" not in pages["index.md"]
    assert "[All explainers](archive.md)" in pages["index.md"]


def test_the_archive_of_no_explainers():
    pages = render_archive([], make_environment())
    assert list(pages) == ["archive.md"] and "No explainers yet" in pages["archive.md"]


def test_archive_is_a_reserved_slug(tmp_path):
    write(tmp_path / "a.yaml", dated("archive", "2025-01-01"))
    _, problems = render_pages(tmp_path)
    assert len(problems) == 1 and "slug 'archive' is already reserved for the archive" \
        in problems[0]


def test_month_titles_are_escaped_like_any_sheet_value():
    sheet = dated("x", "2025-03-04", title="<b>bold</b>")
    pages = render_archive([sheet], make_environment())
    assert "# March 2025\n" in pages["archive/2025-03.md"]
    assert "<b>" not in pages["archive/2025-03.md"]


# ---- actors named in many explainers --------------------------------------------------------

def test_an_actor_in_many_explainers_gets_numbered_pages_newest_first(tmp_path, monkeypatch):
    monkeypatch.setattr(site_pages, "ACTOR_PAGE_SIZE", 2)
    ann = {"id": "ann-lee", "name": "Ann Lee", "type": "person", "affiliation": "party"}
    party = {"id": "party", "name": "The Party", "type": "organization"}
    for day in range(1, 6):
        write(tmp_path / f"d{day}.yaml", dated(f"day-{day}", f"2025-03-0{day}", [ann, party],
                                               quotes=[{"text": f"Said on {day}",
                                                        "speaker": "ann-lee"}]))
    pages, problems = render_pages(tmp_path)
    assert problems == []
    first, second, third = (pages["actor/ann-lee.md"], pages["actor/ann-lee/2.md"],
                            pages["actor/ann-lee/3.md"])
    assert re.findall(r"\]\((?:\.\./)+(day-\d)\.md\)\*\*", first) == ["day-5", "day-4"]
    assert "Explainers 1 to 2 of 5 · [older](ann-lee/2.md)" in first
    assert re.findall(r"\]\(\.\./\.\./(day-\d)\.md\)\*\*", second) == ["day-3", "day-2"]
    assert "Explainers 3 to 4 of 5 · [newer](../ann-lee.md) · [older](3.md)" in second
    assert "**[The Party](../../actor/party.md)**" in second
    assert "> — in [Day 3](../../day-3.md)" in second and "Said on 5" not in second
    assert "Explainers 5 to 5 of 5 · [newer](2.md)" in third and "[older]" not in third
    assert all(page.startswith("# Ann Lee\n") for page in (first, second, third))


def test_an_edit_changes_only_the_actor_page_that_lists_it(tmp_path, monkeypatch):
    monkeypatch.setattr(site_pages, "ACTOR_PAGE_SIZE", 2)
    ann = {"id": "ann-lee", "name": "Ann Lee", "type": "person"}
    for day in range(1, 6):
        write(tmp_path / f"d{day}.yaml", dated(f"day-{day}", f"2025-03-0{day}", [ann]))
    cache = RenderCache()
    pages, _ = render_pages(tmp_path, cache=cache)
    cache.publish(pages)
    retitle(tmp_path / "d2.yaml", "Day two, retitled")
    pages, _ = render_pages(tmp_path, cache=cache)
    assert {u for u in cache.changed(pages) if u.startswith("actor/")} == {"actor/ann-lee/2.md"}


# ---- the plugin's part in a dirty rebuild --------------------------------------------------

def test_a_generated_page_is_modified_only_when_its_markdown_changed(tmp_path):
    page = GeneratedPage("a.md", src_dir=None, dest_dir=str(tmp_path), use_directory_urls=True)
    page.content = "# A\n"
    assert page.is_modified()
    page.changed = False
    assert not page.is_modified()


def test_a_failed_build_leaves_no_held_page_for_the_next():
    from types import SimpleNamespace

    from generator.plugin import ExplainersPlugin

    plugin = ExplainersPlugin()
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md", transient=True,
                                                content_string="# A"), markdown="# A")
    assert plugin.on_page_content("<h1>A</h1>", page=page, config=None, files=None) == ""
    plugin.on_build_error(error=RuntimeError("a page failed"))
    assert plugin.on_page_read_source(page=page, config=None) is None


class _Index:
    def __init__(self, entries):
        self.entries = entries


class _Search:
    def __init__(self, previous, current):
        self.search_index_prev, self.search_index = _Index(previous), _Index(current)


class _Config:
    def __init__(self, search):
        self.plugins = {"material/search": search, "explainers": object()}


def test_a_dirty_rebuild_keeps_the_search_entries_of_the_pages_it_did_not_rebuild():
    previous = [{"location": "", "title": "Home"}, {"location": "#latest", "title": "Latest"},
                {"location": "a/", "title": "A"}, {"location": "a/#x", "title": "A x"},
                {"location": "b/", "title": "B"}, {"location": "actor/ann/", "title": "Ann"}]
    current = [{"location": "a/", "title": "A new"}, {"location": "", "title": "Home"},
               {"location": "actor/ann/", "title": "Ann"}]
    search = _Search(previous, current)
    merge_dirty_search_index(_Config(search), {"a/", "", "actor/ann/"})
    assert sorted(e["title"] for e in search.search_index.entries) == \
        ["A new", "Ann", "B", "Home"]
    assert search.search_index_prev is None


def test_without_a_previous_index_nothing_is_merged():
    search = _Search([], [{"location": "a/", "title": "A"}])
    search.search_index_prev = None
    merge_dirty_search_index(_Config(search), {"a/"})
    assert [e["title"] for e in search.search_index.entries] == ["A"]


# ---- no behaviour lost ----------------------------------------------------------------------

def test_the_cached_sheet_is_what_the_validator_reads_and_rendering_leaves_it(content):
    cache = RenderCache()
    render_pages(content, cache=cache)
    seed = load_yaml(SEED_SHEET)
    cached = cache.sheet_file(content / "seed.yaml").sheet
    assert cached == seed
    before = copy.deepcopy(cached)
    render_pages(content, cache=cache)
    assert cached == before, "rendering must not change the cached sheet"


def test_dates_stay_dates_through_the_cache(content):
    write(content / "dated.yaml", "schema: 1\nslug: dated\ntitle: Dated\nsources:\n"
          "  - id: s1\n    title: T\n    published: 2025-02-04\n")
    cache = RenderCache()
    render_pages(content, cache=cache)
    assert cache.sheet_file(content / "dated.yaml").sheet["sources"][0]["published"] \
        == dt.date(2025, 2, 4)


# ---- mkdocs serve --dirty, end to end -------------------------------------------------------

def test_an_edit_under_serve_dirty_updates_every_page_showing_it_and_the_search(tmp_path):
    import json

    from conftest import mkdocs_serve, wait_for, write_site

    root = write_site(tmp_path, {"seed.yaml": SEED_SHEET.read_text(encoding="utf-8"),
                                 "hostile.yaml": HOSTILE_SHEET.read_text(encoding="utf-8")})
    with mkdocs_serve(root, "--dirty") as served:
        get = served.get
        wait_for(lambda: get(f"{SEED_SLUG}/") is not None)
        for round_ in range(2):  # twice: the second merge starts from a merged index
            retitle(root / "content" / "seed.yaml", f"Edited title {round_}")
            wait_for(lambda r=round_: f"Edited title {r}" in (get(f"{SEED_SLUG}/") or ""))
            wait_for(lambda r=round_: f"Edited title {r}" in (get("") or ""))
            assert f"Edited title {round_}" in get("actor/benjamin-netanyahu/")
        index = json.loads(get("search/search_index.json"))["docs"]
        locations = [d["location"] for d in index]
        assert len(locations) == len(set(locations)), "no page indexed twice"
        titles = {d["title"] for d in index}
        assert "Edited title 1" in titles and "Edited title 0" not in titles
        assert {"hostile-values/", "actor/villain/", "reference/"} <= set(locations)
        assert not [loc for loc in locations if loc.startswith("archive/")]
        netanyahu = [d["text"] for d in index if d["location"] == "actor/benjamin-netanyahu/"]
        assert netanyahu and "Edited title" not in netanyahu[0], "lists of explainers: not indexed"


# ---- the store between builds ---------------------------------------------------------------

class _DictStore:
    """generator.disk_store.DiskStore's interface, in memory."""

    def __init__(self):
        self.values: dict[str, object] = {}

    def get(self, keys):
        return {k: copy.deepcopy(self.values[k]) for k in keys if k in self.values}

    def put(self, items):
        self.values.update(items)

    def keep_only(self, keys):
        keep = set(keys)
        self.values = {k: v for k, v in self.values.items() if k in keep}


def test_a_build_with_the_store_of_the_last_reads_and_renders_nothing_unchanged(content):
    store = _DictStore()
    first = RenderCache(store)
    expected = render_pages(content, cache=first)
    first.save()
    again = RenderCache(store)
    assert render_pages(content, cache=again) == expected
    assert again.stats.sheets_read == 0 and again.stats.pages_rendered == 0
    again.save()
    retitle(content / "january.yaml", "January, edited")
    edited = RenderCache(store)
    pages, _ = render_pages(content, cache=edited)
    assert pages == render_pages(content)[0]
    assert edited.stats.sheets_read == 1 and 0 < edited.stats.pages_rendered < len(pages)


def test_new_generator_code_reads_and_renders_everything_again(content, monkeypatch):
    from generator import render_cache

    store = _DictStore()
    first = RenderCache(store)
    render_pages(content, cache=first)
    first.save()
    old = set(store.values)
    monkeypatch.setattr(render_cache, "code_fingerprint", lambda: "another version")
    upgraded = RenderCache(store)
    render_pages(content, cache=upgraded)
    assert upgraded.stats.sheets_read == 5
    upgraded.save()
    assert store.values and not old & set(store.values), "the old version's entries are dropped"
