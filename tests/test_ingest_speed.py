"""Ingest at speed (issue 8): the sheet index, drafting on every core, skipping the unchanged.

None of these time anything (bench/ does): they check that the fast ingest does what the slow
one did. The reference is routing as it was before the index, every question answered by
reading the sheets on disk again (`stories.rank_stories`, `stories.sheet_with_article`), one
article at a time; the batch, with its index kept in memory, its cache on disk and its worker
processes, must write the same files and print the same lines.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest
import yaml
from conftest import STRIKE, WIKI

from generator import ingest, sheet_index, stories, story_text
from generator.ingest import Outcome, draft_article, route
from generator.ingest_batch import ingest_articles
from generator.ingest_manifest import manifest_path
from generator.merge import plain
from generator.model import to_plain
from generator.sheet_index import SheetFacts, SheetIndex, facts_of, read_facts
from generator.sheet_index_cache import cache_path
from generator.sheets import base_path

ROOT = Path(__file__).parents[1]
EXPLAINERS = Path(sys.executable).parent / "explainers"
CACHES = {"ingested.json", "sheet-index.json"}


class RereadIndex(SheetIndex):
    """Routing as it was before the index: each answer read again from the sheets on disk."""

    def __init__(self, out_dir: Path) -> None:
        super().__init__(out_dir)
        self.article: dict = {}
        """The draft being routed, as rank_stories takes it (set by `reference_ingest`)."""

    def sheet_with_article(self, article_path: str) -> Path | None:
        return stories.sheet_with_article(self.out_dir, article_path)

    def about(self, path: Path) -> SheetFacts:
        data = stories._read(path) or {}
        return SheetFacts(story=bool(data), blank=not data,
                          source_count=len(data.get("sources") or []))

    def same_article(self, path: Path, sheet) -> bool:
        data = stories._read(path) or {}
        new = sheet.sources[0]
        return not data or any(
            str(plain(s.get("published"))) == str(new.published) and s.get("title") == new.title
            for s in data.get("sources") or [] if isinstance(s, dict))

    def best_story(self, article):
        ranked = stories.rank_stories(self.article, self.out_dir)
        return ranked[0] if ranked else None

    def refresh(self, path: Path) -> None:
        pass


def reference_ingest(names: list[str], out: Path, **options) -> list[str]:
    """Each article drafted and routed on its own, against the sheets on disk."""
    index = RereadIndex(out)
    lines = []
    for name in names:
        draft = draft_article(Path(name), options.get("story"))
        if isinstance(draft, Outcome):  # could not be read
            lines.append(str(draft))
            continue
        index.article = to_plain(draft.sheet)
        outcome = route(draft, out, index, dry_run=options.get("dry_run", False),
                        match=options.get("match", True))
        lines.append(str(outcome))
    return lines


def batch_ingest(names: list[str], out: Path, **options) -> list[str]:
    return [str(o) for o in ingest_articles([Path(n) for n in names], out, **options)]


def folder(root: Path) -> dict[str, bytes]:
    """Every file under root (the ingest caches left out), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in CACHES}


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under root with its bytes and mtime: what a run that writes nothing keeps."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def both_ways(root: Path, runs: list[tuple[list[str], dict]], *, force: bool = True) -> None:
    """The runs, batch and reference, each into its own out folder: the same lines and files.

    The batch is forced (the reference skips nothing) unless `force` is False.
    """
    for n, (names, options) in enumerate(runs):
        fast = batch_ingest(names, Path("fast"), force=force, **options)
        slow = reference_ingest(names, Path("slow"), **options)
        assert [line.replace("fast/", "slow/") for line in fast] == slow, f"run {n}"
        assert folder(root / "fast") == folder(root / "slow"), f"run {n}"


# ---- the index routes as the sheets on disk did --------------------------------------------

STORY_RUN = [f"seeds/{STRIKE[i]}" for i in (2, 0)] + [f"seeds/{WIKI[0]}"] + \
    [f"seeds/{STRIKE[i]}" for i in (4, 1, 3)] + [f"seeds/{w}" for w in WIKI[1:]] + \
    [f"seeds/{STRIKE[1]}", f"elsewhere/{STRIKE[1]}", "twin/strike.md"]


def test_story_matching_routes_as_before(articles):
    both_ways(articles, [(STORY_RUN, {})])
    lines = batch_ingest(STORY_RUN[:3], Path("again"))
    assert "new sheet" in lines[0] and "story match" in lines[1]
    assert "nearest story: again/" in lines[2]


def test_no_match_routes_as_before(articles):
    both_ways(articles, [(STORY_RUN, {"match": False})])
    names = sorted(p.name for p in (articles / "fast").glob("*.yaml"))
    assert any(n.endswith("-2.yaml") for n in names), "the twin headline got a sheet of its own"


def test_a_named_story_routes_as_before(articles):
    wiki = [f"seeds/{w}" for w in WIKI]
    both_ways(articles, [(wiki[:2], {"story": "world-news"}), (wiki, {"story": "world-news"}),
                         ([f"seeds/{STRIKE[0]}"], {"story": "Not A Slug"})])


def test_reingest_of_story_sources_and_a_renamed_sheet_route_as_before(articles):
    first = [f"seeds/{s}" for s in STRIKE[:3]] + [f"seeds/{WIKI[0]}"]
    both_ways(articles, [(first, {})])
    for out in ("fast", "slow"):  # the editor renames the sheets; the sources still say where
        for sheet in (articles / out).glob("*.yaml"):
            sheet.rename(sheet.with_name(f"renamed-{sheet.name}"))
            base = sheet.parent / ".generated" / f"{sheet.name}.base"
            base.rename(base.with_name(f"renamed-{base.name}"))
    both_ways(articles, [(first + [f"seeds/{s}" for s in STRIKE[3:]], {})])
    lines = batch_ingest([f"seeds/{STRIKE[1]}"], Path("fast"), force=True)
    assert "re-ingest of a story source; up to date" in lines[0] and "fast/renamed-" in lines[0]


def test_the_index_answers_as_the_sheets_do(articles):
    batch_ingest(STORY_RUN, Path("content"))
    (articles / "content" / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (articles / "content" / "empty.yaml").write_text("{}\n", encoding="utf-8")
    index = SheetIndex.read(Path("content"))
    for path in [*STORY_RUN, "seeds/unknown.md"]:
        assert index.sheet_with_article(path) == \
            stories.sheet_with_article(Path("content"), path), path
    (articles / "seeds" / "nothing.md").write_text(  # shares no word: nearest at 0.00
        "---\ntitle: Zorblat quixes vendrel\n---\n\nZorblat quixes vendrel.\n", encoding="utf-8")
    for name in [*STRIKE, *WIKI, "nothing.md"]:
        draft = draft_article(Path("seeds") / name)
        ranked = stories.rank_stories(to_plain(draft.sheet), Path("content"))
        best = index.best_story(draft.profile)
        assert (best.sheet, best.score, best.shared) == \
            (ranked[0].sheet, ranked[0].score, ranked[0].shared)
    assert best.score == 0 and best.sheet == min(Path("content").glob("*.yaml"))


def test_facts_of_odd_sheets(tmp_path):
    bad_date = tmp_path / "bad-date.yaml"  # stories._read let its ValueError through
    bad_date.write_text("sources:\n  - published: 2025-02-30\n", encoding="utf-8")
    assert read_facts(bad_date).blank and not read_facts(bad_date).story
    assert facts_of(None).blank and not facts_of(None).story
    assert facts_of({}).blank and facts_of({}).story
    odd = facts_of({"sources": [{"path": 3, "title": 5}, "x", {"path": "a.md", "title": "T",
                                                               "published": None}]})
    assert (odd.source_count, odd.article_paths, odd.reports) == (3, ["a.md"], [("None", "T")])
    malformed = facts_of({"actors": 5, "sources": [{"path": "b.md"}]})
    assert malformed.article_paths == ["b.md"] and not malformed.profile.actors


def test_events_in_order_are_known_without_the_round_trip(articles, monkeypatch):
    batch_ingest([f"seeds/{s}" for s in STRIKE], Path("content"))
    text = next((articles / "content").glob("*.yaml")).read_text(encoding="utf-8")
    story = yaml.safe_load(text)
    lines = text.splitlines(keepends=True)
    start = lines.index("events:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    firsts = [i for i in range(start + 1, end) if lines[i].startswith("  - ")]
    items = [lines[a:b] for a, b in zip(firsts, [*firsts[1:], end], strict=True)]
    reversed_events = "".join(lines[:firsts[0]] + [x for item in items[::-1] for x in item]
                              + lines[end:])
    odd_date = text.replace("  - date: ", "  - date: 2025-03-01 10:00:00\n    was: ", 1)
    cases = [text, reversed_events, odd_date, "title: x\n", "events: []\n"]
    fast = [story_text.sort_events(case, story) for case in cases]
    monkeypatch.setattr(story_text, "_in_order", lambda text, order: False)
    assert fast == [story_text.sort_events(case, story) for case in cases]
    assert fast[0] is cases[0] and fast[1] != cases[1]


# ---- serial and parallel: the same bytes -----------------------------------------------------

def test_parallel_drafting_writes_what_serial_drafting_writes(articles):
    (articles / "seeds" / "empty.txt").write_text("", encoding="utf-8")  # one fails to read
    names = [*STORY_RUN[:6], "seeds/empty.txt", *STORY_RUN[6:]]
    serial = batch_ingest(names, Path("serial"), workers=1)
    parallel = batch_ingest(names, Path("parallel"), workers=2)
    assert [line.replace("parallel/", "serial/") for line in parallel] == serial
    assert folder(articles / "serial") == folder(articles / "parallel")
    assert (articles / "serial" / ".generated" / "ingested.json").read_bytes() == \
        (articles / "parallel" / ".generated" / "ingested.json").read_bytes()


# ---- unchanged articles are skipped ----------------------------------------------------------

def test_a_second_run_skips_everything_and_writes_nothing(articles):
    first = batch_ingest(STORY_RUN, Path("content"))
    before = snapshot(articles / "content")
    again = batch_ingest(STORY_RUN, Path("content"))
    assert all(line.endswith(": unchanged, skipped") for line in again), again
    assert [line.split(": ")[0] for line in again] == [line.split(": ")[0] for line in first]
    assert snapshot(articles / "content") == before


def test_a_changed_article_or_a_deleted_sheet_is_ingested_again(articles):
    wiki = [f"seeds/{w}" for w in WIKI]
    batch_ingest(wiki, Path("content"), match=False)
    changed = articles / wiki[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe talks went on.\n",
                       encoding="utf-8")
    sheet = Path(batch_ingest(wiki[1:2], Path("content"))[0].split(" -> ")[1].split(":")[0])
    sheet.unlink()
    lines = batch_ingest(wiki, Path("content"), match=False)
    assert ": merged (" in lines[0] or ": up to date" in lines[0]
    assert f"-> {sheet}: new sheet" in lines[1] and sheet.exists()
    assert all(line.endswith("unchanged, skipped") for line in lines[2:])


def test_an_edited_sheet_or_a_story_joined_since_is_not_skipped(articles):
    strike = [f"seeds/{s}" for s in STRIKE]
    batch_ingest(strike[:2], Path("content"))
    batch_ingest(strike[2:3], Path("content"))  # the story changed since 1 and 2 were named
    lines = batch_ingest(strike[:3], Path("content"))
    assert [line.endswith("; up to date") for line in lines] == [True, True, False], lines
    assert lines[2].endswith(": unchanged, skipped")
    sheet = next((articles / "content").glob("*.yaml"))
    sheet.write_text(sheet.read_text(encoding="utf-8") + "# checked -- desk\n", encoding="utf-8")
    assert all(line.endswith("up to date") for line in batch_ingest(strike[:3],
                                                                      Path("content")))


def test_force_dry_run_and_the_command_line(articles):
    args = [str(EXPLAINERS), "ingest", "seeds", "--out", "content"]
    dry = subprocess.run([*args, "--dry-run"], capture_output=True, text=True, check=False)
    assert dry.returncode == 0 and not (articles / "content").exists(), dry.stderr
    first = subprocess.run(args, capture_output=True, text=True, check=False)
    assert first.returncode == 0 and manifest_path(articles / "content").exists()
    again = subprocess.run(args, capture_output=True, text=True, check=False)
    assert again.stdout.count(": unchanged, skipped\n") == len(STRIKE) + len(WIKI)
    assert again.stdout.endswith(f"read, 0 failed, {len(STRIKE) + len(WIKI)} unchanged\n")
    changed = articles / "seeds" / WIKI[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    manifest = manifest_path(articles / "content").read_bytes()
    dry = subprocess.run([*args, "--dry-run"], capture_output=True, text=True, check=False)
    assert "(dry run: nothing written)" in dry.stdout
    assert manifest_path(articles / "content").read_bytes() == manifest
    forced = subprocess.run([*args, "--force"], capture_output=True, text=True, check=False)
    assert forced.returncode == 0 and "skipped" not in forced.stdout
    assert "--force" in subprocess.run([*args[:2], "--help"], capture_output=True, text=True,
                                       check=False).stdout


# ---- damaged caches are ignored --------------------------------------------------------------

@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1, "articles": [1]}',
                                    b'{"format": 1, "sheets": {"x.yaml": [1, 2]}}', b"\xff\xfe"])
def test_a_damaged_manifest_or_index_cache_is_ignored(articles, damage):
    first = [f"seeds/{s}" for s in STRIKE[:3]]
    both_ways(articles, [(first, {})])
    for cache in (manifest_path(articles / "fast"), cache_path(articles / "fast")):
        cache.write_bytes(damage)
    both_ways(articles, [(first + [f"seeds/{s}" for s in STRIKE[3:]] + [f"seeds/{WIKI[0]}"],
                          {})], force=False)
    assert json.loads(manifest_path(articles / "fast").read_text())["format"] == 1
    assert json.loads(cache_path(articles / "fast").read_text())["format"] == 1


def test_the_index_cache_spares_reading_unchanged_sheets(articles, monkeypatch):
    batch_ingest([f"seeds/{w}" for w in WIKI[:4]], Path("content"), match=False)
    later = cache_path(articles / "content").stat().st_mtime_ns + 10**10
    os.utime(cache_path(articles / "content"), ns=(later, later))  # not in the sheets' tick
    read = []
    real = sheet_index.read_facts
    monkeypatch.setattr(sheet_index, "read_facts",
                        lambda path, *known: read.append(path) or real(path, *known))
    batch_ingest([f"seeds/{STRIKE[0]}"], Path("content"))
    assert read == [Path("content") / next(
        p.name for p in (articles / "content").glob("dockworkers*.yaml"))]  # the one written
    sheet = min(p for p in (articles / "content").glob("*.yaml")
                if not p.name.startswith("dockworkers"))
    sheet.write_text(sheet.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    os.utime(sheet, ns=(0, 0))  # an old mtime, but the size and inode tell
    read.clear()
    batch_ingest([f"seeds/{STRIKE[1]}"], Path("content"))
    assert Path("content") / sheet.name in read


def test_a_story_merged_again_in_one_run_is_held_and_written_once(articles, monkeypatch):
    """A story gets a merge per article. One nobody edited is merged in memory, checked on
    its data, not its text, and written once, when the run ends: the same story as ingesting
    the articles one run at a time."""
    checked, written = [], []
    real_check, real_write = ingest.validate_text, ingest.write_atomic
    monkeypatch.setattr(ingest, "validate_text",
                        lambda text, path: checked.append(path) or real_check(text, path))
    monkeypatch.setattr(ingest, "write_atomic",
                        lambda path, text: written.append(path) or real_write(path, text))
    lines = batch_ingest([f"seeds/{s}" for s in STRIKE], Path("fast"))
    assert sum("merged as s" in line for line in lines) == len(STRIKE) - 1, lines
    assert checked == []
    [fast] = Path("fast").glob("*.yaml")
    assert written.count(fast) == 2  # the first article's sheet; the story, at the end
    for name in STRIKE:
        batch_ingest([f"seeds/{name}"], Path("slow"))
    [slow] = Path("slow").glob("*.yaml")
    assert fast.read_text() == slow.read_text()
    assert base_path(fast).read_text() == base_path(slow).read_text()


# ---- the progress bar ------------------------------------------------------------------------

def test_a_progress_bar_on_a_terminal_only_and_the_lines_as_ever(articles):
    for n in range(2, 6):  # 50 articles: enough for a bar (progress.MIN_ITEMS)
        shutil.copytree(articles / "seeds", articles / f"seeds-{n}")
    args = [str(EXPLAINERS), "ingest", "--out", "content", "--no-match"]
    copies = [f"seeds-{n}" for n in range(2, 6)]
    piped = subprocess.run([*args, "seeds", *copies], capture_output=True, text=True,
                           check=False)
    assert "articles/s" not in piped.stderr and "\r" not in piped.stderr
    shutil.rmtree(articles / "content")
    bar, on_tty = run_with_terminal_stderr([*args, "seeds", *copies])
    assert on_tty.returncode == 0
    assert b" articles/s]" in bar and b"/50 [" in bar, bar
    assert on_tty.stdout == piped.stdout  # the lines are as ever, the bar on stderr only


def run_with_terminal_stderr(args: list[str]) -> tuple[bytes, subprocess.CompletedProcess]:
    """Run with stderr on a 100-column pseudo-terminal (stdout piped): what it drew there."""
    main, other = pty.openpty()
    fcntl.ioctl(other, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    drawn: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                return
            if not chunk:
                return
            drawn.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        result = subprocess.run(args, stdout=subprocess.PIPE, stderr=other, text=True,
                                timeout=120, check=False)
    finally:
        os.close(other)
        reader.join(timeout=10)
        os.close(main)
    return b"".join(drawn), result
