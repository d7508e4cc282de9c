"""Where a full `mkdocs build` spends its time: cProfile, summed by stage.

    .venv/bin/python bench/profile_build.py /tmp/explainers-bench/1000 [--top 25]

Builds the site in that folder (one made by bench/run.py) under cProfile and prints each
stage's cumulative time: the generator (the explainers plugin: loading, validating and
rendering sheets), Markdown to HTML, the theme's templates, search indexing, and the rest of
MkDocs. cProfile slows pure-Python code more than C, so the shares are indicative; the plugin's
own timing line (printed by `mkdocs build`) and bench/run.py's table give unprofiled times.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

# Each stage: the functions whose cumulative times it sums, as (file path ending, name). The
# theme's per-page time includes search indexing (an event of the page build); it is taken out.
STAGES = {
    "generator (explainers plugin: load, validate, render sheets)": [
        ("generator/plugin.py", "on_files")],
    "Markdown to HTML (Python-Markdown and extensions)": [
        ("mkdocs/structure/pages.py", "render")],
    "search indexing (Material's search plugin)": [
        ("material/plugins/search/plugin.py", "on_page_context"),
        ("material/plugins/search/plugin.py", "on_post_build")],
    "theme templates (Material, per page and static)": [
        ("mkdocs/commands/build.py", "_build_page"),
        ("mkdocs/commands/build.py", "_build_theme_template")],
}
TOTAL = ("mkdocs/commands/build.py", "build")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a folder with mkdocs.yml and content/")
    parser.add_argument("--top", type=int, default=0, help="also print the N costliest functions")
    parser.add_argument("--out", type=Path, default=None, help="keep the raw profile here")
    args = parser.parse_args()
    stats = profile_build(args.site, args.out)
    print_stages(stats)
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)


def profile_build(site: Path, out: Path | None) -> pstats.Stats:
    """Run `mkdocs build` in site under cProfile; the statistics."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(site)
    config = load_config("mkdocs.yml", site_dir=str(site / "site-profile"))
    config.plugins.on_startup(command="build", dirty=False)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.runcall(build, config)
    print(f"profiled build: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    if out:
        profiler.dump_stats(str(out))
    return pstats.Stats(profiler)


def cumulative(stats: pstats.Stats, path: str, name: str) -> float:
    """The cumulative time of the functions named `name` in files ending with `path`."""
    return sum(entry[3] for (file, _, func), entry in stats.stats.items()
               if func == name and file.replace(os.sep, "/").endswith(path))


def print_stages(stats: pstats.Stats) -> None:
    total = cumulative(stats, *TOTAL)
    times = {stage: sum(cumulative(stats, *f) for f in funcs) for stage, funcs in STAGES.items()}
    times["theme templates (Material, per page and static)"] -= \
        cumulative(stats, "material/plugins/search/plugin.py", "on_page_context")
    times["the rest of MkDocs (files, navigation, links, writing)"] = \
        total - sum(times.values())
    print("| stage | profiled time | share |")
    print("|---|---:|---:|")
    for stage, seconds in times.items():
        print(f"| {stage} | {seconds:.1f} s | {seconds / total:.0%} |")
    print(f"| **total** (`build()`) | {total:.1f} s | 100% |")


if __name__ == "__main__":
    main()
