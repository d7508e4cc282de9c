"""A build whose generated pages are made by worker processes (generator.parallel_build) writes
the same site as MkDocs building every page itself, and fails the same way; so does a build
that takes sheets, Markdown and pages from the build cache (generator.page_cache,
generator.render_cache with generator.disk_store)."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MKDOCS, SEED_SHEET, free_port, mkdocs_serve, wait_for, write_site

from generator.render_cache import worker_count

pytestmark = pytest.mark.skipif(worker_count() < 2, reason="needs two cores and fork")


def sheets(n: int) -> dict[str, str]:
    """n explainers: the seed sheet under other slugs, titles and dates."""
    seed = yaml.safe_load(SEED_SHEET.read_text(encoding="utf-8"))
    out = {}
    for i in range(n):
        sheet = {**seed, "slug": f"story-{i}", "title": f"Story {i}: {seed['title']}"}
        sheet["sources"] = [{**s, "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"}
                            for s in seed["sources"]]
        out[f"story-{i}.yaml"] = yaml.safe_dump(sheet, sort_keys=False, allow_unicode=True)
    return out


def build(root: Path, workers: int, site: str, cache: bool = True
          ) -> subprocess.CompletedProcess:
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^  - explainers:\n", f"  - explainers:\n      workers: {workers}\n"
                    f"      cache: {str(cache).lower()}\n", config)
    (root / f"mkdocs-{site}.yml").write_text(config, encoding="utf-8")
    return subprocess.run([str(MKDOCS), "build", "--strict", "-f", f"mkdocs-{site}.yml",
                           "--site-dir", site], cwd=root, capture_output=True, text=True,
                          timeout=300, check=False, env={"NO_MKDOCS_2_WARNING": "1",
                                                         "PATH": "/usr/bin:/bin"})


def link_every_explainer_to_a_missing_page(root: Path) -> None:
    """A template override whose link warns on every explainer."""
    (root / "templates" / "explainer.md.j2").write_text(
        '{% extends "default/explainer.md.j2" %}\n'
        '{% block how_made %}{{ super() }}\n[a missing page](missing.md)\n{% endblock %}\n',
        encoding="utf-8")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path, str]:
    root = write_site(tmp_path_factory.mktemp("parallel"), sheets(12))
    serial, parallel = build(root, 1, "serial"), build(root, 2, "parallel", cache=False)
    assert serial.returncode == 0, serial.stderr
    assert parallel.returncode == 0, parallel.stderr
    assert "built by 2 processes" in parallel.stderr and "built by" not in serial.stderr
    return root / "serial", root / "parallel", parallel.stderr


def test_every_page_is_the_same_as_a_serial_build_writes(two_builds):
    serial, parallel, _ = two_builds
    names = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    pages = [n for n in names if n.suffix == ".html"]
    assert len(pages) > 30
    for name in pages:
        assert (parallel / name).read_bytes() == (serial / name).read_bytes(), name


def test_the_search_index_is_the_same_as_a_serial_build_writes(two_builds):
    serial, parallel, _ = two_builds
    index = Path("search/search_index.json")
    built, expected = (json.loads((s / index).read_text(encoding="utf-8"))
                       for s in (parallel, serial))
    assert built == expected
    assert any(d["location"] == "story-3/#timeline" for d in built["docs"])


def test_workers_forked_afresh_every_few_pages_build_the_same_site(two_builds, tmp_path):
    """Waves of workers (PageWorkers.WAVE; 2,500 pages in a real build, 10 here: four waves),
    each wave forked in the middle of MkDocs' loop, with the page cache open."""
    serial, _, _ = two_builds
    root = serial.parent
    config = (root / "mkdocs-parallel.yml").read_text(encoding="utf-8")
    (root / "mkdocs-waves.yml").write_text(config.replace(
        "cache: false", f"cache: true\n      cache_dir: {tmp_path / 'cache'}"), encoding="utf-8")
    program = ("import sys, generator.parallel_build as p; p.WAVE = 10; "
               "from mkdocs.__main__ import cli; cli()")
    result = subprocess.run(
        [sys.executable, "-c", program, "build", "--strict", "-f", "mkdocs-waves.yml",
         "--site-dir", str(tmp_path / "waves")], cwd=root, capture_output=True, text=True,
        timeout=300, check=False, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "37 built by 2 processes" in result.stderr
    assert (tmp_path / "cache" / "build.sqlite").is_file()
    same_sites(serial, tmp_path / "waves")


@pytest.mark.parametrize("workers", [1, 2])
def test_pages_held_compressed_build_the_same_site(two_builds, tmp_path, workers):
    """A site of COMPRESS_FROM_PAGES pages or more holds its pages compressed between MkDocs'
    events (4,000 pages in a real build, every page here)."""
    serial, _, _ = two_builds
    root = serial.parent
    config = (root / "mkdocs-serial.yml").read_text(encoding="utf-8")
    (root / f"mkdocs-zip{workers}.yml").write_text(config.replace(
        "workers: 1\n      cache: true", f"workers: {workers}\n      cache: false"),
        encoding="utf-8")
    program = ("import generator.plugin as p; p.COMPRESS_FROM_PAGES = 0; "
               "import zlib; zip = zlib.compress; zipped = []; "
               "zlib.compress = lambda *a: zipped.append(1) or zip(*a); "
               "import atexit, sys; atexit.register(lambda: print(f'zipped {len(zipped)}', "
               "file=sys.stderr)); "
               "from mkdocs.__main__ import cli; cli()")
    result = subprocess.run(
        [sys.executable, "-c", program, "build", "--strict", "-f", f"mkdocs-zip{workers}.yml",
         "--site-dir", str(tmp_path / "zipped")], cwd=root, capture_output=True, text=True,
        timeout=300, check=False, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert int(re.findall(r"zipped (\d+)", result.stderr)[-1]) >= 30  # every explainer's
    same_sites(serial, tmp_path / "zipped")


def test_a_warning_in_a_worker_fails_a_strict_build(tmp_path):
    root = write_site(tmp_path, sheets(3))
    link_every_explainer_to_a_missing_page(root)
    result = build(root, 2, "site")
    assert result.returncode != 0
    assert "built by 2 processes" in result.stderr
    assert re.search(r"WARNING .*story-1\.md' contains a link 'missing\.md'", result.stderr), \
        result.stderr
    assert "Aborted with 3 warnings in strict mode" in result.stderr + result.stdout


# ---- the page cache (generator.page_cache) ---------------------------------------------------

def same_sites(left: Path, right: Path) -> None:
    names = sorted(p.relative_to(left) for p in left.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(right) for p in right.rglob("*") if p.is_file())
    for name in names:
        if name.name != "sitemap.xml.gz":  # gzip stamps the time it was written
            assert (left / name).read_bytes() == (right / name).read_bytes(), name


def test_a_second_build_takes_every_page_from_the_cache_and_writes_the_same_site(tmp_path):
    root = write_site(tmp_path, sheets(12))
    first, second = build(root, 2, "first"), build(root, 2, "second")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "0 from the page cache, 37 built" in first.stderr
    assert "37 from the page cache, 0 built" in second.stderr
    assert "12 sheets (0 read), 40 pages (0 rendered" in second.stderr, "sheets and Markdown too"
    same_sites(root / "first", root / "second")


def test_after_an_edit_only_the_pages_showing_it_are_built_again(tmp_path):
    root = write_site(tmp_path, sheets(12))
    assert build(root, 2, "before").returncode == 0
    sheet = root / "content" / "story-3.yaml"
    edited = {**yaml.safe_load(sheet.read_text(encoding="utf-8")), "title": "Edited: story 3"}
    sheet.write_text(yaml.safe_dump(edited, sort_keys=False), encoding="utf-8")
    warm, cold = build(root, 2, "warm"), build(root, 2, "cold", cache=False)
    assert warm.returncode == 0 and cold.returncode == 0, warm.stderr + cold.stderr
    assert "12 sheets (1 read)" in warm.stderr
    rebuilt = int(re.search(r"([\d,]+) built by", warm.stderr)[1])
    assert 1 < rebuilt < 37, warm.stderr  # the explainer, its archive month, its actors' pages
    assert "Edited:" in (root / "warm" / "story-3" / "index.html").read_text(encoding="utf-8")
    same_sites(root / "warm", root / "cold")


def test_a_cached_pages_warnings_still_fail_a_strict_build(tmp_path):
    root = write_site(tmp_path, sheets(3))
    link_every_explainer_to_a_missing_page(root)
    first, second = build(root, 2, "first"), build(root, 2, "second")
    assert "19 from the page cache, 0 built" in second.stderr
    for result in (first, second):
        assert result.returncode != 0
        assert len(re.findall(r"WARNING .*contains a link 'missing\.md'", result.stderr)) == 3


def test_a_damaged_cache_is_started_again(tmp_path):
    root = write_site(tmp_path, sheets(3))
    cache = root / ".cache" / "explainers" / "build.sqlite"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not a database" * 100)
    result = build(root, 2, "site")
    assert result.returncode == 0, result.stderr
    assert "the build cache cannot be read" in result.stderr
    assert "0 from the page cache, 19 built" in result.stderr
    assert "from the page cache" in build(root, 2, "again").stderr


def test_a_damaged_page_in_the_cache_fails_the_build_once_and_is_built_again(tmp_path):
    import sqlite3

    root = write_site(tmp_path, sheets(3))
    assert build(root, 2, "first").returncode == 0
    cache = root / ".cache" / "explainers" / "build.sqlite"
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE pages SET value = x'00ff' WHERE rowid = (SELECT min(rowid) FROM pages)")
    damaged = build(root, 2, "second")
    assert damaged.returncode != 0
    assert re.search(r"ERROR .*: its page in the build cache \(.*build\.sqlite\) could not be "
                     r"read, and has been dropped; run the build again", damaged.stderr)
    again = build(root, 2, "third")
    assert again.returncode == 0, again.stderr
    assert "18 from the page cache, 1 built" in again.stderr
    same_sites(root / "first", root / "third")


def test_a_progress_bar_on_a_terminal_and_none_elsewhere(tmp_path):
    import fcntl
    import os
    import pty
    import struct
    import termios

    root = write_site(tmp_path, sheets(30))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - explainers:\n", "  - explainers:\n      workers: 2\n      cache: false\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    command = [str(MKDOCS), "build", "--site-dir", "site"]
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "TERM": "xterm"}
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    with subprocess.Popen(command, cwd=root, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=terminal, env=env) as build_:
        os.close(terminal)
        shown = b""
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:  # the build closed the terminal
                break
            if not data:
                break
            shown += data
        assert build_.wait(timeout=120) == 0
    os.close(main)
    assert re.search(rb"\d+/55 \[.* pages/s\]", shown), shown[-2000:]
    plain = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env,
                           timeout=120, check=True)
    assert "pages/s" not in plain.stderr and "\r" not in plain.stderr


def test_a_progress_bar_starts_no_thread():
    """Workers are forked while the bar is shown: forking a process that runs other threads
    can leave a lock they hold taken for good in the child (tqdm's monitor thread)."""
    import io
    import threading

    from tqdm import tqdm

    import generator.progress  # noqa: F401 - its settings are what is tested

    before = threading.active_count()
    with tqdm(total=10, file=io.StringIO(), disable=False, mininterval=0) as bar:
        bar.update(5)
        assert threading.active_count() == before


def served_config(root: Path) -> None:
    """mkdocs-served.yml: the site's config with two page workers asked for."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs-served.yml").write_text(
        config.replace("  - explainers:\n", "  - explainers:\n      workers: 2\n"),
        encoding="utf-8")


def _article(html: str) -> str:
    return re.search(r"<article.*?</article>", html, re.DOTALL)[0]


def test_mkdocs_serve_builds_first_on_every_core_and_starts_again_from_the_page_cache(
        tmp_path):
    """`mkdocs serve` builds before its server threads start, so that build forks workers and
    reads the build cache as `mkdocs build` does (its pages in a table of their own: served
    pages name the local address). An edit is then rebuilt by MkDocs itself, as before, and
    does not touch the cache on disk."""
    root = write_site(tmp_path, sheets(12))
    assert build(root, 1, "built", cache=False).returncode == 0
    served_config(root)
    port = free_port()  # the same address both times: served pages name it
    with mkdocs_serve(root, "--dirty", "-f", "mkdocs-served.yml", port=port) as served:
        assert "37 generated pages: 0 from the page cache, 37 built by 2 processes" \
            in served.output()
        for page in ("story-3/", "actor/hamas/", "archive/"):
            built = (root / "built" / page / "index.html").read_text(encoding="utf-8")
            assert _article(served.get(page)) == _article(built), page
        sheet = root / "content" / "story-3.yaml"
        edited = {**yaml.safe_load(sheet.read_text(encoding="utf-8")), "title": "Edited: 3"}
        sheet.write_text(yaml.safe_dump(edited, sort_keys=False), encoding="utf-8")
        wait_for(lambda: "Edited: 3" in (served.get("story-3/") or ""), what="the edit")
    with mkdocs_serve(root, "--dirty", "-f", "mkdocs-served.yml", port=port) as served:
        cached, built = map(int, re.search(r"([\d,]+) from the page cache, ([\d,]+) built",
                                           served.output()).groups())
        assert cached + built == 37 and cached > built > 0, served.output()
        assert "12 sheets (1 read)" in served.output()  # the edited one; the rest kept on disk
        assert "Edited: 3" in served.get("story-3/")
    with sqlite3.connect(root / ".cache" / "explainers" / "build.sqlite") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "served_pages" in tables and "pages" not in tables  # `mkdocs build`'s stay its own


def test_a_plain_mkdocs_serve_rebuild_takes_the_unchanged_pages_from_the_page_cache(tmp_path):
    """Without --dirty MkDocs makes every page again on every save; those the page cache has
    (from the first build) are taken from it, no worker forked, and the site is as before."""
    root = write_site(tmp_path, sheets(12))
    served_config(root)
    with mkdocs_serve(root, "-f", "mkdocs-served.yml") as served:
        before = {page: _article(served.get(page)) for page in ("story-5/", "story-9/")}
        sheet = root / "content" / "story-3.yaml"
        edited = {**yaml.safe_load(sheet.read_text(encoding="utf-8")), "title": "Edited: 3"}
        sheet.write_text(yaml.safe_dump(edited, sort_keys=False), encoding="utf-8")
        wait_for(lambda: "Edited: 3" in (served.get("story-3/") or ""), what="the edit")
        wait_for(lambda: "Documentation built" in served.output().split("12 sheets (1 read)")[-1]
                 if "12 sheets (1 read)" in served.output() else False, what="the rebuild")
        rebuild = served.output().split("12 sheets (1 read)")[1]
        cached = int(re.search(r"([\d,]+) generated pages: \1 from the page cache, 0 built",
                               rebuild)[1])
        assert 10 < cached < 37, rebuild  # all but the pages that show the edited title
        assert "processes" not in rebuild
        for page, article in before.items():
            assert _article(served.get(page)) == article, page


def test_a_plain_mkdocs_serve_of_a_large_site_says_to_serve_dirty(tmp_path):
    """A plain serve writes every page on every save (MkDocs' default); say so, once."""
    root = write_site(tmp_path, sheets(90))  # over 100 generated pages
    with mkdocs_serve(root) as served:
        assert served.output().count("`mkdocs serve --dirty` (make serve)") == 1
    with mkdocs_serve(root, "--dirty") as served:
        assert "serve --dirty" not in served.output()
