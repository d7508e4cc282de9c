"""Stories: many articles, one fact sheet that stays current.

The story in tests/fixtures/story/ is a dockworkers' strike over five weeks, in five articles:
the number of ships waiting rises (40, 60, 85), the first phase of the pay deal advances
(negotiating, in force, completed), a mediator appears in the third article, and two articles
of the same day disagree on the ships (85 says the union, about 70 says the port authority).
Each article is ingested through the real CLI, one at a time, as an editor would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.merge import plain
from generator.sheets import dump_sheet
from generator.stories import MATCH_THRESHOLD, Profile, key_terms, score

ROOT = Path(__file__).parents[1]
STORY = ROOT / "tests" / "fixtures" / "story"
UNRELATED = ROOT / "tests" / "fixtures" / "articles" / "wikinews_amalgum_betancourt.md"
EXPLAINERS = Path(sys.executable).parent / "explainers"
IN_ORDER = sorted(p.name for p in STORY.glob("*.md"))
OUT_OF_ORDER = [IN_ORDER[i] for i in (4, 2, 0, 3, 1)]


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXPLAINERS), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def ingest_story(tmp_path: Path, names: list[str]) -> tuple[dict, list[str]]:
    """Ingest the articles one by one; the one sheet they make and the ingest lines."""
    shutil.copytree(STORY, tmp_path / "seeds")
    lines = []
    for name in names:
        result = run(tmp_path, "ingest", f"seeds/{name}", "--out", "content")
        assert result.returncode == 0, result.stderr
        lines.append(result.stdout.strip())
    sheets = list((tmp_path / "content").glob("*.yaml"))
    assert len(sheets) == 1, lines
    check = run(tmp_path, "check", "content")
    assert check.returncode == 0, check.stderr
    return yaml.safe_load(sheets[0].read_text()), lines


def facts(sheet: dict) -> dict:
    """The sheet's facts with source ids replaced by article paths: comparable whatever order
    the articles were ingested in."""
    path = {s["id"]: s["path"] for s in sheet["sources"]}
    phase = sheet["phases"][0]
    return {
        "sources": sorted((s["path"], str(s["published"])) for s in sheet["sources"]),
        "actors": sorted((a["name"], path[a["source"]]) for a in sheet["actors"]),
        "status": phase["status"],
        "history": [(h["status"], str(h["date"]), path[h["source"]]) for h in phase["history"]],
        "figures": sorted((f["value"], f.get("series") or "", path[f["source"]])
                          for f in sheet["figures"]),
        "events": sorted((str(e["date"]), e["what"], path[e["source"]],
                          tuple(sorted(path[i] for i in e.get("also_in", []))))
                         for e in sheet["events"]),
        "quotes": sorted((q["text"], q["speaker"], path[q["source"]]) for q in sheet["quotes"]),
        "disputes": sorted(n.split(": ")[1] for n in sheet["review"]["notes"]
                           if n.startswith("disputed: ")),
    }


@pytest.fixture(scope="module")
def in_order(tmp_path_factory) -> tuple[dict, list[str]]:
    return ingest_story(tmp_path_factory.mktemp("in-order"), IN_ORDER)


def test_each_later_article_joins_the_story_and_says_why(in_order):
    _, lines = in_order
    assert "new sheet" in lines[0]
    for line in lines[1:]:
        assert "story match" in line and "merged as s" in line, line
        value = float(line.split("story match ")[1].split(":")[0])
        assert value >= MATCH_THRESHOLD
    assert "Niek Stam" in lines[1]


def test_sources_accumulate_with_their_dates(in_order):
    sheet, _ = in_order
    assert [s["id"] for s in sheet["sources"]] == ["s1", "s2", "s3", "s4", "s5"]
    assert [str(s["published"]) for s in sheet["sources"]] == \
        ["2025-03-03", "2025-03-12", "2025-03-24", "2025-03-24", "2025-04-07"]


def test_the_phase_advances_and_keeps_its_history(in_order):
    sheet, _ = in_order
    phase = sheet["phases"][0]
    assert phase["status"] == "completed"
    assert [h["status"] for h in phase["history"]] == \
        ["negotiating", "negotiating", "in_force", "in_force", "completed"]
    assert [h["source"] for h in phase["history"]] == ["s1", "s2", "s3", "s4", "s5"]


def test_a_figure_reported_over_time_is_a_series(in_order):
    sheet, _ = in_order
    ships = [f for f in sheet["figures"] if f.get("series") == "ships waiting off the port"]
    assert [(f["value"], f["source"]) for f in ships] == \
        [(40, "s1"), (60, "s2"), (85, "s3"), (70, "s4"), (12, "s5")]


def test_two_sources_that_disagree_on_one_day_are_flagged(in_order):
    sheet, _ = in_order
    disputed = [n for n in sheet["review"]["notes"] if n.startswith("disputed: ")]
    assert len(disputed) == 1
    assert "2025-03-24" in disputed[0]
    assert "85 (the FNV union, s3)" in disputed[0]
    assert "About 70 (the Port of Rotterdam Authority, s4)" in disputed[0]


def test_a_new_actor_joins_with_the_source_that_brought_it(in_order):
    sheet, _ = in_order
    actors = {a["id"]: a for a in sheet["actors"]}
    assert actors["anna-de-wit"]["source"] == "s3"
    assert actors["niek-stam"]["source"] == "s1"
    assert len([a for a in sheet["actors"] if a["name"] == "Niek Stam"]) == 1


def test_the_same_event_reported_twice_appears_once_with_both_sources(in_order):
    sheet, _ = in_order
    began = [e for e in sheet["events"] if e["what"] == "The strike began"]
    assert len(began) == 1
    assert began[0]["source"] == "s1" and began[0]["also_in"] == ["s2", "s4"]
    in_force = [e for e in sheet["events"] if "went into force" in e["what"]]
    assert len(in_force) == 1 and in_force[0]["also_in"] == ["s4"]
    dates = [str(e["date"]) for e in sheet["events"]]
    assert dates == sorted(dates)


def test_quotes_all_stay_with_their_source(in_order):
    sheet, _ = in_order
    assert {(q["speaker"], q["source"]) for q in sheet["quotes"]} == \
        {("niek-stam", "s1"), ("niek-stam", "s2"), ("anna-de-wit", "s3"), ("niek-stam", "s5")}


def test_out_of_order_gives_the_same_facts(in_order, tmp_path):
    sheet, _ = in_order
    shuffled, _ = ingest_story(tmp_path, OUT_OF_ORDER)
    assert facts(shuffled) == facts(sheet)
    assert shuffled["phases"][0]["status"] == "completed"  # the newest source's word


def test_a_story_nobody_edited_is_written_as_generated(tmp_path):
    """Merged into a sheet the editor left alone, an article's story is the generated one,
    byte for byte: no editor's formatting to keep, nothing for a later merge to take for an
    edit (a round trip refolds long lines, and a refolded line must not read as an edit)."""
    sheet, lines = ingest_story(tmp_path, IN_ORDER)
    path = next((tmp_path / "content").glob("*.yaml"))
    base = path.parent / ".generated" / f"{path.name}.base"
    assert path.read_text() == base.read_text()
    assert all("0 edits kept, 0 conflicts" in line for line in lines[1:]), lines
    assert not [n for n in sheet["review"]["notes"] if n.startswith("Re-ingest")]


def test_reingesting_a_story_source_changes_nothing(tmp_path):
    ingest_story(tmp_path, IN_ORDER[:3])
    result = run(tmp_path, "ingest", f"seeds/{IN_ORDER[1]}", "--out", "content")
    assert result.returncode == 0, result.stderr
    assert "re-ingest" in result.stdout and "up to date" in result.stdout


def test_the_editors_edits_survive_a_story_merge(tmp_path):
    ingest_story(tmp_path, IN_ORDER[:2])
    sheet = next((tmp_path / "content").glob("*.yaml"))
    text = sheet.read_text().replace("role: union leader", "role: FNV chief negotiator", 1)
    text = text.replace("\nfigures:", "\n# Ship counts checked with the port. -- desk\nfigures:")
    sheet.write_text(text)
    result = run(tmp_path, "ingest", f"seeds/{IN_ORDER[2]}", "--out", "content")
    assert "merged as s3" in result.stdout, result.stdout + result.stderr
    merged = sheet.read_text()
    assert "# Ship counts checked with the port. -- desk" in merged
    data = yaml.safe_load(merged)
    assert {a["id"]: a["role"] for a in data["actors"]}["niek-stam"] == "FNV chief negotiator"
    assert data["phases"][0]["status"] == "in_force"
    assert run(tmp_path, "check", "content").returncode == 0


def test_an_edited_story_takes_later_articles_without_false_conflicts(in_order, tmp_path):
    """After an edit the story is merged the long way (round trip); articles that come out of
    order re-sort lists such as `also_in`, which the editor never touched: no conflict, and
    the same facts as the story nobody edited."""
    ingest_story(tmp_path, OUT_OF_ORDER[:2])
    sheet = next((tmp_path / "content").glob("*.yaml"))
    sheet.write_text(sheet.read_text().replace("  status: draft", "  status: reviewed", 1))
    lines = [run(tmp_path, "ingest", f"seeds/{name}", "--out", "content").stdout
             for name in OUT_OF_ORDER[2:]]
    assert all("1 edit kept, 0 conflicts" in line for line in lines), lines
    data = yaml.safe_load(sheet.read_text())
    assert data["review"]["status"] == "reviewed"
    assert not [n for n in data["review"]["notes"] if n.startswith("Re-ingest")]
    assert facts(data) == facts(in_order[0])
    # Only values were edited: merged as plain data, the sheet is written as ingest writes.
    assert sheet.read_text() == dump_sheet(plain(data))


def test_an_unrelated_article_starts_a_new_sheet_and_names_the_nearest(tmp_path):
    ingest_story(tmp_path, IN_ORDER[:1])
    shutil.copy(UNRELATED, tmp_path / "seeds" / UNRELATED.name)
    result = run(tmp_path, "ingest", f"seeds/{UNRELATED.name}", "--out", "content")
    assert result.returncode == 0, result.stderr
    assert "new sheet" in result.stdout and "nearest story: content/dockworkers" in result.stdout
    assert len(list((tmp_path / "content").glob("*.yaml"))) == 2


def test_story_option_joins_an_article_explicitly(tmp_path):
    ingest_story(tmp_path, IN_ORDER[:1])
    slug = next((tmp_path / "content").glob("*.yaml")).stem
    shutil.copy(UNRELATED, tmp_path / "seeds" / UNRELATED.name)
    result = run(tmp_path, "ingest", f"seeds/{UNRELATED.name}", "--out", "content",
                 "--story", slug)
    assert f"story {slug}; merged as s2" in result.stdout, result.stdout + result.stderr
    assert len(list((tmp_path / "content").glob("*.yaml"))) == 1


def test_story_in_front_matter_names_the_sheet(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Port strike begins\npublished: 2025-03-03\nstory: port-strike\n---\n\n"
        "Dockworkers walked out on Monday, union leader Niek Stam said.\n")
    result = run(tmp_path, "ingest", "a.md", "--out", "content")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "content" / "port-strike.yaml").exists()
    assert yaml.safe_load((tmp_path / "content" / "port-strike.yaml").read_text())["slug"] \
        == "port-strike"


def profile_of(actors: list[str], places: list[str], title: str) -> Profile:
    return Profile(actors=[(a, frozenset({a.lower()})) for a in actors],
                   places={p.lower(): p for p in places}, terms=key_terms(title))


def test_shared_actors_give_a_high_score():
    story = profile_of(["Fiat", "General Motors", "Sergio Marchionne"], ["Turin", "Detroit"],
                       "GM pays Fiat to end put option deal")
    article = profile_of(["Fiat", "General Motors", "Rick Wagoner"], ["Detroit"],
                         "GM and Fiat settle put option dispute")
    value, shared = score(article, story)
    assert value >= MATCH_THRESHOLD
    assert shared[:2] == ["Fiat", "General Motors"] and "option" in shared


def test_an_unrelated_story_gives_a_low_score():
    story = profile_of(["Fiat", "General Motors"], ["Turin"], "GM pays Fiat to end put option")
    article = profile_of(["Hamas", "Israel"], ["Gaza", "Doha"], "Talks start on ceasefire")
    value, shared = score(article, story)
    assert value < MATCH_THRESHOLD / 4 and shared == []


def test_the_story_page_shows_latest_disputes_series_and_what_changed(tmp_path):
    from generator.render import make_environment, render_explainer

    sheet, _ = ingest_story(tmp_path, IN_ORDER)
    page = render_explainer(sheet, make_environment())
    latest = page.index('!!! info "Latest: 2025-04-07')
    assert latest < page.index("## At a glance")  # what the newest article changed comes first
    assert '!!! warning "Sources disagree"' in page
    assert "## Figures over time" in page and "<svg" in page  # three or more points: a chart
    history = page.index("## What changed")
    assert page.index("## What they said") < history < page.index("## Sources")
    assert page.count("\n### 2025-") == len(sheet["sources"])


def test_a_one_source_sheet_has_no_story_sections(tmp_path):
    from generator.render import make_environment, render_explainer

    sheet, _ = ingest_story(tmp_path, IN_ORDER[:1])
    page = render_explainer(sheet, make_environment())
    assert "Latest:" not in page and "## What changed" not in page
    assert "## Figures over time" not in page
