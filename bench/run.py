"""The benchmark of issue 8: ingest, build, edit -> preview and memory for N explainers.

    .venv/bin/python bench/run.py --sizes 100,1000,5000       # or: make bench

For each size N, in a fresh site under --work: N articles from bench/corpus.py are ingested
with `explainers ingest --no-match` (timed; one explainer per article) and, for the
--match-sizes, once more with story matching (the default) into a scratch folder, and once
more with each story retitled by hand after its second article (the rest timed), the site is
built with `mkdocs build` --builds times with no
page cache (cold: median, the peak memory of the build and its workers, and the plugin's
own share of the wall time as it reports it), once more with the cache the last build left
(warm: every page unchanged) and, for the --share-sizes, once more cold on one core (the
plugin's share of the build's CPU time: the issue's "generator's share"), `mkdocs serve --dirty` is started twice (seconds until it serves the home page:
with no build cache, then with the one the first start left), one sheet is
edited --edits times under `mkdocs serve --dirty` in each of two ways (its title, shown on the
home page, the archive and actor pages too; and a line of its body, shown on the explainer
only) and the served page polled until it shows the edit (median seconds from saving the
sheet), and the site is built once more with every explainer in MkDocs' navigation, for
comparison. Prints one Markdown table; every run is a subprocess, as a user runs it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_articles

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# The plugin's one-line report: "explainers: 1,000 sheets ... in 0.52 s".
GENERATOR_LINE = re.compile(r"explainers: [\d,]+ sheets .* in (\d+\.\d+) s")


@dataclass
class Run:
    """One subprocess: wall time, peak memory, exit status and its stderr."""

    seconds: float
    peak_mb: float
    status: int
    stderr: str

    @property
    def generator_seconds(self) -> float | None:
        """The plugin's own time, as it reports it (None before the plugin reported it)."""
        found = GENERATOR_LINE.findall(self.stderr)
        return float(found[-1]) if found else None


@dataclass
class Row:
    """The measurements for one size."""

    size: int
    pages: int = 0
    ingest: Run | None = None
    ingest_batch: int = 0
    """Articles per `explainers ingest` call; 0 for one call."""
    matched: Run | None = None
    """The same articles ingested with story matching (the default) into a scratch folder."""
    stories: int = 0
    """The story sheets that made."""
    edited: Run | None = None
    """Story matching again, every story edited by hand after its second source: the rest."""
    edited_articles: int = 0
    builds: list[Run] = field(default_factory=list)
    """Cold builds: no page cache."""
    one_core: Run | None = None
    """A cold build on one core: the generator's share of the build's CPU time."""
    warm: Run | None = None
    """A build with the page cache of the one before."""
    edits: dict[str, list[float]] = field(default_factory=dict)
    serve_starts: tuple[float, float] | None = None
    """Seconds until `mkdocs serve` serves the home page: with no page cache, then with the
    one the first start left."""
    nav_build: Run | None = None


def main() -> None:
    args = parse_args()
    rows = []
    for size in args.sizes:
        root = args.work / str(size)
        rows.append(measure(size, root, args))
        print_table(rows, file=sys.stderr)  # progress, for long runs
    print_table(rows)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000",
                        type=lambda s: [int(n) for n in s.split(",")])
    parser.add_argument("--builds", type=int, default=3, help="full builds per size (median)")
    parser.add_argument("--edits", type=int, default=5, help="edits under mkdocs serve (median)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/explainers-bench"),
                        help="folder for the generated sites (reused: ingest is skipped when "
                        "a size's sheets exist, unless --fresh)")
    parser.add_argument("--fresh", action="store_true", help="ingest again even if sheets exist")
    parser.add_argument("--ingest-batch", type=int, default=0, metavar="N",
                        help="ingest N articles per call, each into its own folder, then gather "
                        "the sheets (for sizes where one call takes too long); 0: one call")
    parser.add_argument("--match-sizes", default="100,1000",
                        type=lambda s: [int(n) for n in s.split(",") if n],
                        help="sizes whose articles are also ingested with story matching "
                        "(the corpus's variants gather into 14 stories, whose merges grow "
                        "with them); '' for none")
    parser.add_argument("--share-sizes", default="100,1000",
                        type=lambda s: [int(n) for n in s.split(",") if n],
                        help="sizes also built cold on one core, for the generator's share of "
                        "the build's CPU time; '' for none")
    parser.add_argument("--no-serve", action="store_true", help="skip edit -> preview")
    parser.add_argument("--no-nav", action="store_true", help="skip the all-in-nav build")
    return parser.parse_args()


def measure(size: int, root: Path, args: argparse.Namespace) -> Row:
    """Every measurement for one size."""
    row = Row(size)
    if args.fresh or not (root / "content").is_dir() \
            or len(list((root / "content").glob("*.yaml"))) != size:
        row.ingest, row.ingest_batch = ingest(size, root, args.ingest_batch), args.ingest_batch
    else:
        copy_site_files(root)
    if size in args.match_sizes:
        row.matched, row.stories = ingest_matched(root)
        row.edited, row.edited_articles = ingest_matched_edited(root, row.stories)
    for _ in range(args.builds):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        row.builds.append(checked(timed([BIN / "mkdocs", "build", "--site-dir", "site"], root)))
    row.warm = checked(timed([BIN / "mkdocs", "build", "--site-dir", "site"], root))
    if size in args.share_sizes:
        shutil.rmtree(root / ".cache", ignore_errors=True)
        row.one_core = checked(timed([BIN / "mkdocs", "build", "--site-dir", "site"], root,
                                     one_core=True))
    row.pages = sum(1 for _ in (root / "site").rglob("index.html"))
    if not args.no_serve:
        row.serve_starts = serve_starts(root)
        row.edits = edit_latencies(root, args.edits)
    if not args.no_nav:
        write_nav_config(root)
        shutil.rmtree(root / ".cache", ignore_errors=True)
        row.nav_build = checked(timed(
            [BIN / "mkdocs", "build", "-f", "mkdocs-nav.yml", "--site-dir", "site-nav"], root))
        shutil.rmtree(root / "site-nav", ignore_errors=True)
    return row


# ---- the site -----------------------------------------------------------------------------

def ingest(size: int, root: Path, batch: int = 0) -> Run:
    """A fresh site in root with `size` articles, ingested by `explainers ingest` (timed):
    in one call, or in calls of `batch` articles each into a folder of its own."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    copy_site_files(root)
    articles = [p.relative_to(root) for p in make_articles(size, root / "seeds")]
    # --no-match: one explainer per article (the corpus's variants would otherwise gather
    # into story sheets, and N articles make fewer explainers).
    command = [BIN / "explainers", "ingest", "--no-match", "--out"]
    if not batch:
        run = checked(timed([*command, "content", "seeds"], root))
    else:
        runs = [checked(timed([*command, f"content-{start}", *articles[start:start + batch]],
                              root)) for start in range(0, size, batch)]
        run = Run(sum(r.seconds for r in runs), max(r.peak_mb for r in runs), 0, "")
        for start in range(0, size, batch):
            gather(root / f"content-{start}", root / "content")
    made = len(list((root / "content").glob("*.yaml")))
    if made != size:
        raise SystemExit(f"ingest made {made} sheets from {size} articles; see {root}")
    return run


def ingest_matched(root: Path) -> tuple[Run, int]:
    """The site's articles ingested again, timed, with story matching, into a scratch folder;
    and how many story sheets they made."""
    out = root / "content-matched"
    shutil.rmtree(out, ignore_errors=True)
    run = checked(timed([BIN / "explainers", "ingest", "--out", out.name, "seeds"], root))
    stories = len(list(out.glob("*.yaml")))
    shutil.rmtree(out)
    return run, stories


def ingest_matched_edited(root: Path, stories: int) -> tuple[Run, int]:
    """Story matching with the stories edited, as a newsroom's are: the first two articles
    of each story ingested, each story retitled by hand, then the other articles ingested,
    timed; and how many those are."""
    out = root / "content-edited"
    shutil.rmtree(out, ignore_errors=True)
    articles = sorted(p.relative_to(root) for p in (root / "seeds").glob("*.md"))
    first, rest = articles[:2 * stories], articles[2 * stories:]
    command = [BIN / "explainers", "ingest", "--out", out.name]
    checked(timed([*command, *first], root))
    for sheet in out.glob("*.yaml"):
        text = sheet.read_text(encoding="utf-8")
        start = text.index("\ntitle: ") + 1
        sheet.write_text(text[:start] + "title: Edited by hand" + text[text.index("\n", start):],
                         encoding="utf-8")
    run = checked(timed([*command, *rest], root))
    shutil.rmtree(out)
    return run, len(rest)


def copy_site_files(root: Path) -> None:
    """The project's mkdocs.yml, templates/ and docs/ (the site around the explainers), as
    they are now: a site whose sheets are reused is built with the current ones."""
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("templates", "docs"):
        shutil.rmtree(root / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("img"))


def gather(batch: Path, content: Path) -> None:
    """Move a batch's sheets and their stored bases into the site's content folder."""
    for path in sorted(batch.rglob("*")):
        if path.is_file():
            target = content / path.relative_to(batch)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
    shutil.rmtree(batch)


def write_nav_config(root: Path) -> Path:
    """mkdocs-nav.yml: the site's config with every explainer in the navigation."""
    slugs = sorted(p.stem for p in (root / "content").glob("*.yaml"))
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    entries = "".join(f"      - {slug}.md\n" for slug in slugs)
    text, count = re.subn(r"(?m)^(nav:\n(?:  - .*\n)+)", rf"\1  - Explainers:\n{entries}", text)
    if count != 1:
        raise SystemExit("cannot find the nav: block in mkdocs.yml")
    path = root / "mkdocs-nav.yml"
    path.write_text(text, encoding="utf-8")
    return path


# ---- measuring ----------------------------------------------------------------------------

def timed(command: list, cwd: Path, one_core: bool = False) -> Run:
    """Run command in cwd; its wall time and its peak memory: the largest sum, sampled every
    0.1 s, of the proportional set size (shared pages divided among their sharers) of the
    process and its children (a build's forked workers share most of its memory). With
    one_core, the command may use one core only (so a build forks no workers, and its wall
    time is its CPU time)."""
    core = min(os.sched_getaffinity(0))
    with open(cwd / "stderr.log", "w+", encoding="utf-8") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in command], cwd=cwd, env=ENV,
                                stdout=subprocess.DEVNULL, stderr=err)
        if one_core:  # before it has started Python, let alone forked a worker
            os.sched_setaffinity(proc.pid, {core})
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, tree_pss_mb(proc.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        err.seek(0)
        return Run(seconds, peak, proc.returncode, err.read())


def tree_pss_mb(pid: int) -> float:
    """The summed Pss of a process and its descendants, in MB (0 for a process gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, TypeError):
            continue
    return total / 1024


def checked(run: Run) -> Run:
    if run.status != 0:
        raise SystemExit(f"exit status {run.status}:\n{run.stderr[-3000:]}")
    return run


def edit_latencies(root: Path, edits: int) -> dict[str, list[float]]:
    """Seconds from saving an edited sheet to `mkdocs serve --dirty` serving the new page, for
    each kind of edit: the title (shown on the home page, the archive and actor pages too) and
    a line in the body (shown on the explainer only)."""
    sheets = sorted((root / "content").glob("*.yaml"))
    sheet = sheets[len(sheets) // 2]
    port = free_port()
    page = f"http://127.0.0.1:{port}/{sheet.stem}/"
    log = open(root / "serve.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    server = start_serve(root, port, log)
    original = sheet.read_text(encoding="utf-8")
    latencies: dict[str, list[float]] = {kind: [] for kind in EDITS}
    try:
        wait_for(lambda: fetch(page) is not None, timeout=120 + len(sheets) * 0.2,
                 what="the first build under mkdocs serve")
        for k in range(edits):
            for kind, edit in EDITS.items():
                marker = f"benchedit{k}{kind}x{os.getpid()}"
                start = time.perf_counter()
                sheet.write_text(edit(sheet.read_text(encoding="utf-8"), marker),
                                 encoding="utf-8")
                wait_for(lambda m=marker: m in (fetch(page) or ""), timeout=120,
                         what="the edit")
                latencies[kind].append(time.perf_counter() - start)
                time.sleep(1.5)  # let the watcher and the rebuild settle before the next edit
    finally:
        sheet.write_text(original, encoding="utf-8")
        stop(server)
        log.close()
    return latencies


def serve_starts(root: Path) -> tuple[float, float]:
    """Seconds from starting `mkdocs serve --dirty` to its serving the home page: first with no
    build cache, then with the one the first start left (an editor's next morning)."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    port, seconds = free_port(), []
    for _ in range(2):
        start = time.perf_counter()
        server = start_serve(root, port, subprocess.DEVNULL)
        try:
            wait_for(lambda: fetch(f"http://127.0.0.1:{port}/") is not None,
                     timeout=600, what="mkdocs serve to start")
            seconds.append(time.perf_counter() - start)
        finally:
            stop(server)
    return seconds[0], seconds[1]


def start_serve(root: Path, port: int, out) -> subprocess.Popen:
    """`mkdocs serve --dirty` in root on port, its output to out; `stop` ends it."""
    return subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=root, env=ENV,
        stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def retitle(text: str, marker: str) -> str:
    """The sheet with its title (however YAML wrote it, on one line or folded) replaced."""
    new, count = re.subn(r"(?m)^title:.*\n(?:[ \t]+.*\n)*", f"title: Edited {marker}\n", text,
                         count=1)
    if count != 1:
        raise SystemExit("cannot find the sheet's title")
    return new


def add_unknown(text: str, marker: str) -> str:
    """The sheet with one line under "What we don't know", shown on the explainer only."""
    text = re.sub(r"(?m)^unknowns:\n(?:[ \t]+.*\n)*", "", text)
    return text + f"unknowns:\n  - Edited {marker}\n"


EDITS = {"title": retitle, "body": add_unknown}


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    """Poll condition every 20 ms until it holds; fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(server: subprocess.Popen) -> None:
    """End the server we started, and its process group; kill it if it does not stop."""
    try:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=20)
    except ProcessLookupError:
        pass


# ---- the table ----------------------------------------------------------------------------

def one_core_share(run: Run | None) -> str:
    """The plugin's time over a one-core build's: its share of the build's CPU time."""
    if run is None or run.generator_seconds is None:
        return "–"
    return f"{run.generator_seconds / run.seconds:.1%} ({run.generator_seconds:.2f} of " \
           f"{run.seconds:.1f} s)"


def print_table(rows: list[Row], file=sys.stdout) -> None:
    print("| explainers | pages | ingest | ingest rate | ingest, story matching "
          "| the same, stories edited | full build, cold (median) "
          "| generator share | generator share, one core | full build, warm cache "
          "| peak memory "
          "| serve start: cold / warm | edit → page: title | edit → page: body "
          "| build, all explainers in nav | its peak memory |", file=file)
    print("|---:" * 16 + "|", file=file)
    for r in rows:
        build = statistics.median(b.seconds for b in r.builds) if r.builds else None
        gens = [b.generator_seconds for b in r.builds if b.generator_seconds is not None]
        share = f"{statistics.median(gens) / build:.0%}" if gens and build else "–"
        print(" | ".join([
            f"| {r.size:,}", f"{r.pages:,}",
            (f"{r.ingest.seconds:.1f} s" + (f" ({r.ingest_batch:,} per call)"
                                               if r.ingest_batch else "")) if r.ingest
            else "(reused)",
            f"{r.size / r.ingest.seconds:.1f} /s" if r.ingest else "–",
            f"{r.matched.seconds:.1f} s, {r.size / r.matched.seconds:.1f} /s "
            f"({r.stories} stories)" if r.matched else "–",
            f"{r.edited.seconds:.1f} s for {r.edited_articles:,}, "
            f"{r.edited_articles / r.edited.seconds:.1f} /s" if r.edited else "–",
            f"{build:.1f} s" if build else "–", share, one_core_share(r.one_core),
            f"{r.warm.seconds:.1f} s" if r.warm else "–",
            f"{max(b.peak_mb for b in r.builds):.0f} MB" if r.builds else "–",
            f"{r.serve_starts[0]:.1f} / {r.serve_starts[1]:.1f} s" if r.serve_starts else "–",
            *(f"{statistics.median(r.edits[kind]):.2f} s" if r.edits.get(kind) else "–"
              for kind in EDITS),
            f"{r.nav_build.seconds:.1f} s" if r.nav_build else "–",
            f"{r.nav_build.peak_mb:.0f} MB |" if r.nav_build else "– |",
        ]), file=file)
    print(file=file)


if __name__ == "__main__":
    main()
