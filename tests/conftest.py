"""Shared fixtures: the fixture sheets, and a small site built with the real mkdocs.yml."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHEETS = ROOT / "tests" / "fixtures" / "sheets"
SEED_SHEET = SHEETS / "000_ae57dd23660baea6.yaml"
HOSTILE_SHEET = SHEETS / "hostile.yaml"
SEED_ARTICLE = "seeds/000_ae57dd23660baea6.txt"
STORY = ROOT / "tests" / "fixtures" / "story"  # a strike in five articles
STRIKE = sorted(p.name for p in STORY.glob("*.md"))
WIKINEWS = ROOT / "tests" / "fixtures" / "articles"
WIKI = sorted(p.name for p in WIKINEWS.iterdir() if p.name != "SOURCES.md")
MKDOCS = Path(sys.executable).parent / "mkdocs"


def load_yaml(path: Path) -> dict:
    """A fixture sheet as the renderer gets it (dates as date objects, as PyYAML reads them)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_site(root: Path, sheets: dict[str, str]) -> Path:
    """A site in root: the project's mkdocs.yml, templates/ and docs/, and the given sheets."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("img"))
    (root / "seeds").mkdir()
    shutil.copy(ROOT / SEED_ARTICLE, root / SEED_ARTICLE)
    (root / "content").mkdir()
    for name, text in sheets.items():
        (root / "content" / name).write_text(text, encoding="utf-8")
    return root


def build_site(root: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in root, as a user runs it."""
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", "site"],
        cwd=root, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@dataclass
class Served:
    """A running `mkdocs serve`: its base URL, and what it has printed so far."""

    url: str
    log: Path

    def get(self, path: str) -> str | None:
        """The page at path, or None if there is none (yet)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def wait_for(condition: Callable[[], object], seconds: float = 60, what: str = "") -> None:
    """Poll condition until it is true; fail the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what or condition}"
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def mkdocs_serve(root: Path, *args: str, port: int | None = None) -> Iterator[Served]:
    """`mkdocs serve ARGS` in root on `port` (a free one if None), as an editor runs it;
    stopped afterwards."""
    port = port or free_port()
    log = root / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [str(MKDOCS), "serve", *args, "-a", f"127.0.0.1:{port}"], cwd=root,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    served = Served(f"http://127.0.0.1:{port}/", log)
    try:
        wait_for(lambda: served.get("") is not None or server.poll() is not None,
                 what="mkdocs serve to start")
        assert server.poll() is None, served.output()
        yield served
        assert server.poll() is None, "mkdocs serve stopped:\n" + served.output()
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=20)


@pytest.fixture
def seed_sheet() -> dict:
    return load_yaml(SEED_SHEET)


@pytest.fixture
def hostile_sheet() -> dict:
    return load_yaml(HOSTILE_SHEET)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture site (seed and hostile sheets), built once per session; its site/ dir."""
    sheets = {p.name: p.read_text(encoding="utf-8") for p in (SEED_SHEET, HOSTILE_SHEET)}
    root = write_site(tmp_path_factory.mktemp("fixture-site"), sheets)
    result = build_site(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


# ---- sites built from articles, through the real `explainers ingest` ----------------------

EXPLAINERS = Path(sys.executable).parent / "explainers"
HOSTILE_ARTICLES = ROOT / "tests" / "fixtures" / "hostile"


def ingest(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`explainers ingest ARGS...`, as a user runs it."""
    return subprocess.run([str(EXPLAINERS), "ingest", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


def ingested_site(root: Path, articles: list[Path]) -> Path:
    """A site whose sheets are what `explainers ingest` drafts from the articles, built with
    `mkdocs build --strict`; its site/ dir."""
    write_site(root, {})
    for article in articles:
        shutil.copy(article, root / "seeds" / article.name)
    result = ingest(*(f"seeds/{a.name}" for a in articles), "--out", "content", "--no-match",
                    cwd=root)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    built = build_site(root)
    assert built.returncode == 0, built.stderr
    return root / "site"


@pytest.fixture(scope="session")
def seed_ingested_site(tmp_path_factory) -> Path:
    """The project's own site: the seed article ingested into an empty content/, then built."""
    return ingested_site(tmp_path_factory.mktemp("seed-ingested"), [ROOT / SEED_ARTICLE])


@pytest.fixture(scope="session")
def hostile_article_site(tmp_path_factory) -> Path:
    """A site built from the hostile articles in tests/fixtures/hostile/, through ingest."""
    return ingested_site(tmp_path_factory.mktemp("hostile-articles"),
                         sorted(HOSTILE_ARTICLES.glob("hostile-*")))


@pytest.fixture
def articles(tmp_path, monkeypatch) -> Path:
    """tmp_path as the working folder, with seeds/ (the strike story, the Wikinews articles),
    elsewhere/ (one strike article again) and twin/ (another article under a strike headline)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(STORY, seeds)
    for name in WIKI:
        shutil.copy(WIKINEWS / name, seeds / name)
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(STORY / STRIKE[1], tmp_path / "elsewhere" / STRIKE[1])
    (tmp_path / "twin").mkdir()
    title = yaml.safe_load((STORY / STRIKE[0]).read_text().split("---")[1])["title"]
    (tmp_path / "twin" / "strike.md").write_text(
        f"---\ntitle: {title}\npublished: 2019-06-01\n---\n\n"
        "Bakers in Lyon stopped work on Saturday, the CGT union said.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path
