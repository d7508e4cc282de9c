"""The `explainers` command as a user runs it: real articles in, sheets and scores out."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[1]
SEED = ROOT / "seeds" / "000_ae57dd23660baea6.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
EXPLAINERS = Path(sys.executable).parent / "explainers"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXPLAINERS), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_ingest_writes_one_sheet_per_article_and_reports_it(tmp_path):
    result = run("ingest", str(SEED), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    sheet_path = tmp_path / "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal.yaml"
    assert result.stdout.startswith(f"{SEED} -> {sheet_path}: ")
    assert " actors, " in result.stdout and " quotes" in result.stdout
    sheet = yaml.safe_load(sheet_path.read_text(encoding="utf-8"))
    for key in ["schema", "slug", "title", "summary", "sources", "actors", "places", "phases",
                "figures", "events", "quotes", "review"]:
        assert key in sheet
    assert sheet["sources"][0]["publisher"] == "Reuters"
    assert sheet["review"]["status"] == "draft"


def test_ingest_again_merges_and_keeps_the_editors_edit(tmp_path):
    assert run("ingest", str(SEED), "--out", str(tmp_path)).returncode == 0
    sheet_path = next(tmp_path.glob("*.yaml"))
    sheet_path.write_text(sheet_path.read_text() + "# an editor's note\n", encoding="utf-8")
    edited = sheet_path.read_text()
    result = run("ingest", str(SEED), "--out", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout.endswith(": up to date\n") or ": merged (" in result.stdout
    assert sheet_path.read_text() == edited


def test_ingest_folder_goes_past_a_bad_file_and_summarises(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    shutil.copy(SEED, articles / "a.txt")
    (articles / "b.txt").write_text("", encoding="utf-8")
    result = run("ingest", str(articles), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert "b.txt: the file is empty" in result.stderr
    assert "2 articles: 1 read, 1 failed" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(list((tmp_path / "out").glob("*.yaml"))) == 1


def test_ingest_fails_when_nothing_usable_came_out(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Only a headline\n", encoding="utf-8")
    result = run("ingest", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "bad.txt: the article has a headline but no text under it" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_ingest_reads_markdown_and_html(tmp_path):
    inputs = ROOT / "tests" / "fixtures" / "inputs"
    result = run("ingest", str(inputs / "trade-talks.md"), str(inputs / "port-strike.html"),
                 "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.glob("*.yaml"))
    # trade-talks.md names its story in front matter (`story: trade-talks`): that is its sheet.
    assert names == ["port-strike-enters-second-week.yaml", "trade-talks.yaml"]
    md = yaml.safe_load((tmp_path / "trade-talks.yaml").read_text())
    assert str(md["sources"][0]["published"]) == "2024-06-14"
    assert md["sources"][0]["url"] == "https://example.org/trade-talks"


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="needs ../shared/eval")
def test_eval_scores_the_seed_against_its_gold_sheet(tmp_path):
    articles, gold = tmp_path / "articles", tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    shutil.copy(SEED, articles)
    shutil.copy(SHARED_EVAL / "dev" / "gold" / "000_ae57dd23660baea6.yaml", gold)
    result = run("eval", str(articles), str(gold))
    assert result.returncode == 0, result.stderr
    assert "1 gold sheets" in result.stdout
    for row in ["people", "entities", "figures", "quotes", "phases", "events"]:
        assert f"\n{row} " in result.stdout


def test_unknown_command_is_a_usage_error_not_a_traceback():
    result = run("publish")
    assert result.returncode == 2
    assert "No such command 'publish'" in result.stderr
    assert "Traceback" not in result.stderr


def test_render_writes_markdown_pages_without_mkdocs(tmp_path):
    content = tmp_path / "content"
    assert run("ingest", str(SEED), "--out", str(content)).returncode == 0
    result = run("render", "--content", str(content), "--out", str(tmp_path / "pages"))
    assert result.returncode == 0, result.stderr
    page = tmp_path / "pages" / "hamas-says-talks-start-on-second-phase-of-gaza-ceasefire-deal.md"
    assert "\n---\n\n# Hamas says talks start" in page.read_text(encoding="utf-8")  # after metadata
    assert (tmp_path / "pages" / "index.md").exists()


def test_render_refuses_invalid_sheets_and_writes_nothing(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "x.yaml").write_text("schema: 1\nslug: x\ntitle: T\nfigurs: []\n")
    result = run("render", "--content", str(content), "--out", str(tmp_path / "pages"))
    assert result.returncode == 1
    assert f"{content / 'x.yaml'}:4: " in result.stderr and "figures" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "pages").exists()


def test_check_reports_every_problem_with_file_and_line(tmp_path):
    sheet = tmp_path / "x.yaml"
    sheet.write_text("schema: 1\nslug: x\ntitle: T\nfigures:\n  - value: lots\n    text: lots\n"
                     "quotes:\n  - text: hi\n    speaker: nobody\n")
    result = run("check", str(sheet))
    assert result.returncode == 1
    assert f"{sheet}:5: figures[0].value must be a number" in result.stderr
    assert f"{sheet}:9: quotes[0].speaker" in result.stderr
    assert run("check", str(ROOT / "tests" / "fixtures" / "sheets" / "000_ae57dd23660baea6.yaml")
               ).returncode == 0
