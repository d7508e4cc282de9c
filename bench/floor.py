"""The least a cold build can cost: MkDocs and Material alone on the site's own Markdown.

    .venv/bin/python bench/floor.py /tmp/explainers-bench/1000 [--builds 3]

For a site made by bench/run.py, the explainers' Markdown is written out once with
`explainers render --out` and built by a plain `mkdocs build`: the site's theme, Markdown
extensions and search plugin, but no explainers plugin. What that build costs is MkDocs',
Python-Markdown's and Material's work on these pages alone (the site's theme overrides left
out): no change to how the generator reads, checks or renders sheets can build these pages
faster; only different pages could. MkDocs builds pages on one process, so half of that time
is the least two cores can take, however the pages are shared out. Then the site is built as
a user builds it (`mkdocs build`, the plugin on both cores, its build cache removed first),
for comparison.

Every build is a subprocess, timed as bench/run.py times one; medians of --builds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, checked, timed

HOOK = Path(__file__).resolve().parent / "floor_hook.py"

# Everything but the navigation and the plugins comes from the site's mkdocs.yml: MkDocs
# reads a config's INHERIT first and lets the keys here replace its own.
FLOOR_CONFIG = """\
INHERIT: {base}
docs_dir: {docs}
site_dir: {site}
nav:
  - index.md
not_in_nav: |
  /**/*.md
plugins:
  - search
validation:
  omitted_files: ignore
  absolute_links: ignore
  unrecognized_links: ignore
  anchors: ignore
"""
# The same, with bench/floor_hook.py: a capture build keeps every page's HTML, replay builds
# take it instead of converting the Markdown.
HOOK_CONFIG = """\
INHERIT: {base}
hooks:
  - {hook}
extra:
  floor:
    mode: {mode}
    pages: {pages}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a folder made by bench/run.py")
    parser.add_argument("--builds", type=int, default=3, help="builds of each kind (median)")
    args = parser.parse_args()
    site = args.site.resolve()
    floor = Floor(site)
    pages = floor.write_pages()
    plain = floor.seconds("plain", args.builds)
    floor.seconds("capture", 1)
    no_markdown = floor.seconds("replay", args.builds)
    floor.check_replay()
    full = full_build_seconds(site, args.builds)
    explainers = sum(1 for _ in (site / "content").glob("*.yaml"))
    print("| explainers | pages | MkDocs + Material alone, one process | of which Markdown "
          "| least on two cores: all / Markdown alone | `mkdocs build`, two cores, cache removed "
          "|\n|---:|---:|---:|---:|---:|---:|\n"
          f"| {explainers:,} | {pages:,} | {plain:.1f} s ({1000 * plain / pages:.1f} ms a page) "
          f"| {plain - no_markdown:.1f} s | {plain / 2:.1f} s / {(plain - no_markdown) / 2:.1f} s "
          f"| {full:.1f} s |")


class Floor:
    """The site's Markdown in site/floor/docs, and the configs that build it."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.work = site / "floor"
        self.docs = self.work / "docs"
        self.plain = self.work / "mkdocs-floor.yml"

    def write_pages(self) -> int:
        """Render the sheets into docs/ and write the configs; how many pages there are."""
        shutil.rmtree(self.work, ignore_errors=True)
        checked(timed([BIN / "explainers", "render", "--out", self.docs], self.site))
        self.plain.write_text(FLOOR_CONFIG.format(
            base=self.site / "mkdocs.yml", docs=self.docs, site=self.work / "site"),
            encoding="utf-8")
        for mode in ("capture", "replay"):
            (self.work / f"mkdocs-{mode}.yml").write_text(HOOK_CONFIG.format(
                base=self.plain, hook=HOOK, mode=mode, pages=self.work / "pages.pickle"),
                encoding="utf-8")
        return sum(1 for _ in self.docs.rglob("*.md"))

    def check_replay(self) -> None:
        """Stop unless the last replayed build wrote the same site as the capture build."""
        captured, replayed = self.work / "site-capture", self.work / "site"
        for path in captured.rglob("*"):
            twin = replayed / path.relative_to(captured)
            if path.is_file() and (not twin.is_file() or twin.read_bytes() != path.read_bytes()):
                raise SystemExit(f"the replayed build differs from the captured one: {twin}")

    def seconds(self, kind: str, builds: int) -> float:
        """Median seconds of builds of one kind: plain, capture or replay."""
        config = self.plain if kind == "plain" else self.work / f"mkdocs-{kind}.yml"
        runs = []
        for _ in range(builds):
            shutil.rmtree(self.work / "site", ignore_errors=True)
            runs.append(checked(timed([BIN / "mkdocs", "build", "-q", "-f", config],
                                      self.site)).seconds)
            built = sum(1 for _ in (self.work / "site").rglob("index.html"))
            pages = sum(1 for _ in self.docs.rglob("*.md"))
            if built < pages:
                raise SystemExit(f"the {kind} build wrote {built} pages of {pages}")
        if kind == "capture":
            shutil.rmtree(self.work / "site-capture", ignore_errors=True)
            (self.work / "site").rename(self.work / "site-capture")
        return statistics.median(runs)


def full_build_seconds(site: Path, builds: int) -> float:
    """Median seconds of the site's own build with its build cache removed first, as
    bench/run.py's cold build."""
    runs = []
    for _ in range(builds):
        shutil.rmtree(site / ".cache", ignore_errors=True)
        runs.append(checked(timed([BIN / "mkdocs", "build", "-q"], site)).seconds)
    return statistics.median(runs)


if __name__ == "__main__":
    main()
