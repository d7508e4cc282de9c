"""Stories held in memory during an ingest run (`SheetIndex.hold`, `ingest.write_held`).

A batch ingest merges each article into a story nobody edited in memory and writes the story
once, at the end. These tests hold that to what writing every merge does, and look at what
a run must not lose: a run stopped early, an editor's save while the run goes on, a save
that breaks the sheet.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import STORY, STRIKE
from test_ingest_speed import batch_ingest, both_ways, folder, reference_ingest

from generator import ingest, sheet_index
from generator.cli import main
from generator.ingest_batch import ingest_articles
from generator.sheets import base_path


def strike(*numbers: int) -> list[Path]:
    return [Path("seeds") / STRIKE[n - 1] for n in numbers]


def story_file(out: Path) -> Path:
    [path] = out.glob("*.yaml")
    return path


def sources(path: Path) -> list[str]:
    return [s["path"] for s in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]]


def retitled(text: str) -> str:
    """The sheet with its title edited, as an editor would."""
    start = text.index("\ntitle: ") + 1
    return text[:start] + "title: Edited by hand" + text[text.index("\n", start):]


def test_stories_held_past_the_limit_are_written_early_and_come_out_the_same(articles,
                                                                          monkeypatch):
    """Two stories in turn, one held at a time: each switch writes the other; the lines and
    files are those of ingesting the articles one by one, writing every merge."""
    monkeypatch.setattr(sheet_index, "HOLD", 1)
    (articles / "other").mkdir()
    for name in STRIKE:
        text = (STORY / name).read_text(encoding="utf-8")
        (articles / "other" / name).write_text(text.replace("---\n", "---\nstory: other\n", 1),
                                               encoding="utf-8")
    names = [f"{folder}/{name}" for name in STRIKE for folder in ("seeds", "other")]
    both_ways(articles, [(names, {})])


def test_a_run_stopped_early_writes_what_it_merged(articles, capsys):
    run = ingest_articles(strike(1, 2, 3, 4, 5), Path("content"))
    lines = [str(next(run)) for _ in range(3)]
    run.close()  # as when the reader of the lines stops (Ctrl-C)
    assert capsys.readouterr().err == ""  # written as held: nothing to say
    assert "merged as s3" in lines[-1]
    path = story_file(Path("content"))
    assert sources(path) == [str(p) for p in strike(1, 2, 3)]
    assert base_path(path).read_text() == path.read_text()
    again = batch_ingest([str(p) for p in strike(1, 2, 3, 4, 5)], Path("content"))
    assert [line.endswith("unchanged, skipped") for line in again] == [True] * 3 + [False] * 2


def test_an_edit_saved_while_the_run_goes_on_is_kept(articles):
    """The editor saves the story while later articles are merged into it in memory: at the
    end they are merged into the editor's sheet, as a later run would merge them."""
    run = ingest_articles(strike(1, 2, 3, 4, 5), Path("content"))
    first = [str(next(run)) for _ in range(3)]
    path = story_file(Path("content"))
    path.write_text(retitled(path.read_text()))
    rest = [str(o) for o in run]
    assert all("merged as s" in line for line in first[1:] + rest[:2])
    assert "changed while ingest ran; the 4 articles merged into the story meanwhile" in rest[2]
    assert "0 conflicts" in rest[2]
    sheet = yaml.safe_load(path.read_text())
    assert sheet["title"] == "Edited by hand"
    assert sources(path) == [str(p) for p in strike(1, 2, 3, 4, 5)]
    # What a run of articles 1-3, the edit, then a run of 4-5 makes: the same sheet.
    shutil.copytree(Path("content"), Path("done"))
    shutil.rmtree(Path("content"))
    batch_ingest([str(p) for p in strike(1, 2, 3)], Path("content"))
    path.write_text(retitled(path.read_text()))
    batch_ingest([str(p) for p in strike(4, 5)], Path("content"))
    assert path.read_text() == (Path("done") / path.name).read_text()
    assert base_path(path).read_text() == base_path(Path("done") / path.name).read_text()


def test_an_edit_that_breaks_the_sheet_meanwhile_loses_nothing(articles):
    """The story cannot be merged into a sheet that does not read: nothing is written, the
    line names the articles, and the next run ingests them again."""
    run = ingest_articles(strike(1, 2, 3, 4, 5), Path("content"))
    [next(run) for _ in range(3)]
    path = story_file(Path("content"))
    broken = path.read_text().replace("\ntitle: ", "\ntitle: [unclosed ", 1)
    path.write_text(broken)
    rest = list(run)
    failed = rest[-1]
    assert failed.action == "failed" and failed.unwritten == strike(2, 3, 4, 5)
    assert str(failed).startswith(f"{path}: cannot write the story after merging 4 articles")
    assert "Nothing was written; fix the sheet and ingest those articles again." in str(failed)
    assert path.read_text() == broken
    path.write_text(broken.replace("[unclosed ", ""))
    again = batch_ingest([str(p) for p in strike(1, 2, 3, 4, 5)], Path("content"))
    assert all("merged as s" in line for line in again[1:])  # none skipped
    assert sources(path) == [str(p) for p in strike(1, 2, 3, 4, 5)]


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_dry_run_holds_nothing(articles, dry_run):
    lines = batch_ingest([str(p) for p in strike(1, 2)], Path("content"))
    lines = batch_ingest([str(p) for p in strike(3, 4)], Path("content"), dry_run=dry_run)
    assert all("merged as s" in line for line in lines)
    assert len(sources(story_file(Path("content")))) == (2 if dry_run else 4)


def test_a_story_that_cannot_be_written_is_ingested_again_next_run(articles, monkeypatch):
    """The disk is full when the held story is written: the articles merged into it are not
    recorded as ingested (their sheet is as before them), so the next run does them again."""
    def full(path, text):
        raise OSError(28, "No space left on device", str(path))

    run = ingest_articles(strike(1, 2, 3), Path("content"))
    next(run)
    with monkeypatch.context() as patch:
        patch.setattr(ingest, "write_atomic", full)
        rest = list(run)
    assert rest[-1].action == "failed" and rest[-1].unwritten == strike(2, 3)
    assert "No space left on device" in str(rest[-1])
    path = story_file(Path("content"))
    assert sources(path) == [str(strike(1)[0])]
    again = batch_ingest([str(p) for p in strike(1, 2, 3)], Path("content"))
    assert again[0].endswith("unchanged, skipped")
    assert ["merged as s2" in again[1], "merged as s3" in again[2]] == [True, True]


def test_the_summary_counts_the_articles_of_a_story_not_written_as_failed(articles,
                                                                          monkeypatch):
    real = ingest.write_atomic

    def full_once_there(path, text):  # the first article's sheet is made; the story is not
        if path.suffix == ".yaml" and path.exists():
            raise OSError(28, "No space left on device", str(path))
        real(path, text)

    monkeypatch.setattr(ingest, "write_atomic", full_once_there)
    result = CliRunner().invoke(main, ["ingest", "--out", "content",
                                       *[str(p) for p in strike(1, 2, 3)]])
    assert result.exit_code == 0
    assert "error: content/" in result.output and "No space left on device" in result.output
    assert result.output.rstrip().endswith("3 articles: 1 read, 2 failed")


def test_a_run_stopped_early_says_what_it_could_not_write(articles, monkeypatch, capsys):
    def full(path, text):
        raise OSError(28, "No space left on device", str(path))

    run = ingest_articles(strike(1, 2, 3), Path("content"))
    [next(run) for _ in range(2)]
    monkeypatch.setattr(ingest, "write_atomic", full)
    run.close()
    err = capsys.readouterr().err
    assert err.startswith("error: content/") and "seeds/2_ships_pile_up.md" in err
    assert "No space left on device" in err


def retitle(sheet: dict) -> None:
    del sheet["figures"][0]
    sheet["title"] = "Edited by hand"


def reverse_timeline(sheet: dict) -> None:
    retitle(sheet)
    sheet["events"].reverse()  # a story sorts it again: each merge writes it in date order


@pytest.mark.parametrize("edit", [retitle, reverse_timeline])
def test_a_story_whose_values_the_editor_changed_is_held_too(articles, monkeypatch, edit):
    """The editor retitled the story and deleted a figure: the next articles are merged in
    memory as well (three-way, on data), the story written once, and lines and files are
    those of writing every merge. A timeline the merge must sort goes the usual way."""
    for out in ("fast", "slow"):
        reference_ingest([str(p) for p in strike(1, 2)], Path(out))
        path = story_file(Path(out))
        sheet = yaml.safe_load(path.read_text())
        edit(sheet)
        path.write_text(ingest.dump_sheet(sheet))
    written = []
    real = ingest.write_atomic
    with monkeypatch.context() as patch:
        patch.setattr(ingest, "write_atomic",
                      lambda path, text: written.append(path) or real(path, text))
        fast = batch_ingest([str(p) for p in strike(3, 4, 5)], Path("fast"))
    slow = reference_ingest([str(p) for p in strike(3, 4, 5)], Path("slow"))
    assert [line.replace("fast/", "slow/") for line in fast] == slow
    assert all("merged as s" in line and "2 edits kept" in line for line in fast), fast
    assert folder(articles / "fast") == folder(articles / "slow")
    writes = written.count(story_file(Path("fast")))
    assert writes == 1 if edit is retitle else writes > 1  # the sorting merge, written at once
    assert yaml.safe_load(story_file(Path("fast")).read_text())["title"] == "Edited by hand"
