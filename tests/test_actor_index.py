"""Actors across explainers: one entry per actor id, its page and the actor index."""

from __future__ import annotations

import yaml
from conftest import SEED_SHEET, load_yaml

from generator.actor_index import collect_actors, index_sections
from generator.pagedata import normalize_sheet
from generator.render import render_pages

SEED_SLUG = "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal"


def sheet(slug: str, published: str | None, actors: list[dict], quotes=()) -> dict:
    return normalize_sheet({
        "schema": 1, "slug": slug, "title": slug.title(),
        "sources": [{"id": "s1", "title": "T", "published": published}],
        "actors": actors, "quotes": list(quotes)})


def actor(id_: str, name: str, type_: str | None = "person", **keys) -> dict:
    return {"id": id_, "name": name, "type": type_, **keys}


def test_the_same_id_in_two_sheets_is_one_actor_newest_explainer_first():
    old = sheet("old", "2024-01-01", [actor("ann-lee", "Ann Lee", role="Minister",
                                            aliases=["Lee"], description="A minister")])
    new = sheet("new", "2025-01-01", [actor("ann-lee", "Lee", role="Former minister",
                                            affiliation="party"),
                                      actor("party", "The Party", "organization")],
                quotes=[{"text": "Hello", "speaker": "ann-lee"}])
    entries = {e.id: e for e in collect_actors([old, new])}
    ann = entries["ann-lee"]
    assert [m.sheet["slug"] for m in ann.mentions] == ["new", "old"]
    assert ann.name == "Ann Lee" and ann.type == "person" and ann.type_label == "Person"
    assert ann.roles == ["Former minister", "Minister"]
    assert ann.description == "A minister"
    assert ann.aliases == ["Lee"]
    assert ann.mentions[0].affiliation["name"] == "The Party"
    assert [(q["text"], m.sheet["slug"]) for q, m in ann.quotes] == [("Hello", "new")]


def test_actors_are_sorted_by_name_and_grouped_by_type_in_the_index():
    entries = collect_actors([sheet("a", None, [
        actor("zed", "Zed"), actor("un", "United Nations", "organization"),
        actor("amy", "Amy"), actor("x", "Someone", None), actor("fr", "France", "country")])])
    assert [e.name for e in entries] == ["Amy", "France", "Someone", "United Nations", "Zed"]
    sections = [(title, [e.id for e in items]) for title, items in index_sections(entries)]
    assert sections == [("People", ["amy", "zed"]), ("Organisations", ["un"]),
                        ("Countries", ["fr"]), ("Others", ["x"])]


def test_an_actor_page_links_every_explainer_and_the_index_links_every_actor(tmp_path):
    later = {"schema": 1, "slug": "later-talks", "title": "Later talks",
             "sources": [{"id": "s1", "title": "Later", "publisher": "AP",
                          "published": "2025-03-01"}],
             "actors": [actor("benjamin-netanyahu", "Netanyahu", role="Prime Minister")],
             "quotes": [{"text": "We will see", "speaker": "benjamin-netanyahu"}]}
    (tmp_path / "a.yaml").write_text(SEED_SHEET.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(later), encoding="utf-8")
    pages, problems = render_pages(tmp_path)
    assert problems == []
    seed_actors = load_yaml(SEED_SHEET)["actors"]
    assert {f"actor/{a['id']}.md" for a in seed_actors} <= set(pages)

    page = pages["actor/benjamin-netanyahu.md"]
    assert page.startswith("# Benjamin Netanyahu\n")
    assert "Person — Prime Minister; Israeli Prime Minister\n" in page
    assert "Also called: Netanyahu\n" in page
    assert page.index("[Later talks](../later-talks.md)") < page.index(f"(../{SEED_SLUG}.md)")
    assert "As Israeli Prime Minister · **[Israel](../actor/israel.md)**" in page
    assert "> “We will see”\n>\n> — in [Later talks](../later-talks.md)" in page

    index = pages["actors.md"]
    assert "- **[Benjamin Netanyahu](actor/benjamin-netanyahu.md)** — Prime Minister; " \
           "Israeli Prime Minister · 2 explainers\n" in index
    assert "- **[Qatar](actor/qatar.md)** · 1 explainer\n" in index
    assert index.index("## People") < index.index("## Organisations") \
        < index.index("## Countries")


def test_no_sheets_no_actors(tmp_path):
    pages, _ = render_pages(tmp_path)
    assert "No actors yet" in pages["actors.md"]
    assert not [uri for uri in pages if uri.startswith("actor/")]
