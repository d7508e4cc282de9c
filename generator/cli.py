"""The `explainers` command: ingest, check, render, eval.

click gives us subcommands, --help and argument checking with clear messages; every user
mistake ends in one line naming the file and exit status 1 or 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from generator.ingest import Outcome, find_articles
from generator.ingest_batch import ingest_articles
from generator.progress import progress_bar

CONTENT = Path("content")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="explainers")
def main() -> None:
    """Turn news articles into explainer pages.

    \b
    explainers ingest seeds/        articles -> draft fact sheets in content/
    explainers check                validate the fact sheets an editor changed
    explainers render --out DIR     fact sheets -> Markdown explainer pages
    explainers eval ARTICLES GOLD   score extraction against gold sheets
    """


@main.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", default=CONTENT, show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder the fact sheets are written to.")
@click.option("--dry-run", is_flag=True,
              help="Show the diff each sheet would get; write nothing.")
@click.option("--story", metavar="SLUG", default=None,
              help="Merge the articles into this story's sheet (content/SLUG.yaml), made if "
                   "missing, instead of matching each to a story.")
@click.option("--no-match", is_flag=True,
              help="Give each article a sheet of its own unless it names its story; "
                   "do not match articles to stories.")
@click.option("--force", is_flag=True,
              help="Extract every article again, even one unchanged since it was ingested.")
def ingest(paths: tuple[Path, ...], out_dir: Path, dry_run: bool, story: str | None,
           no_match: bool, force: bool) -> None:
    """Read articles (files or folders) and write one draft fact sheet each.

    A sheet that exists already is merged: your edits stay as you left them, the new
    extraction fills in what you did not touch, and a conflict is reported with its line.
    An article that matches a story sheet (shared actors, places and headline words, see
    README "Stories") is merged into it as a new source; the line gives the score.

    An article unchanged since it was last ingested (same bytes, same version of explainers)
    is skipped while neither it nor its sheet has changed; --force reads it again. Many
    articles are read on every core and written in the order given, with a progress bar on
    a terminal.
    """
    articles = list(find_articles(paths))
    if not articles:
        raise click.UsageError(f"no articles (*.txt, *.md, *.html) in {', '.join(map(str, paths))}")
    failed = skipped = 0
    outcomes = ingest_articles(articles, out_dir, dry_run=dry_run, story=story,
                               match=not no_match, force=force)  # starts the workers first
    with progress_bar(len(articles), "articles") as advance:
        for outcome in outcomes:
            # A held story that could not be written fails the articles merged into it.
            failed += len(outcome.unwritten) if outcome.story_written \
                else outcome.action == "failed"
            skipped += outcome.action == "skipped"
            with tqdm.external_write_mode():  # on a terminal, the lines go above the bar
                _report(outcome, dry_run)
            if not outcome.story_written:  # a line about an article
                advance(1)
    if len(articles) > 1 or failed:
        unchanged = f", {skipped} unchanged" if skipped else ""
        click.echo(f"{len(articles)} articles: {len(articles) - failed} read, {failed} failed"
                   f"{unchanged}", err=bool(failed))
    if failed == len(articles):
        sys.exit(1)


def _report(outcome: Outcome, dry_run: bool) -> None:
    """The article's line, its merge conflicts and warnings, and with --dry-run its diff."""
    if outcome.action == "failed":
        click.echo(f"error: {outcome}", err=True)
    else:
        click.echo(str(outcome))
    for message in outcome.messages:  # the merge's conflicts
        click.echo(message, err=True)
    if dry_run and outcome.diff:
        click.echo(outcome.diff, nl=False)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate fact sheets (default: content/); print every problem as FILE:LINE: message."""
    from generator.validate import check_paths

    targets = list(paths) or [CONTENT]
    problems = check_paths(targets)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        files = len({p.path for p in problems})
        click.echo(f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} "
                   f"file{'s' * (files != 1)}", err=True)
        sys.exit(1)
    click.echo("all fact sheets are valid")


@main.command()
@click.option("--content", "content_dir", default=CONTENT, show_default=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--templates", "templates_dir", default=Path("templates"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder of template overrides; the packaged defaults fill in the rest.")
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the Markdown pages.")
def render(content_dir: Path, templates_dir: Path, out_dir: Path) -> None:
    """Render fact sheets into the site's Markdown pages, without MkDocs."""
    from generator.render import SheetProblems, render_site

    try:
        written = render_site(content_dir, out_dir, templates_dir)
    except SheetProblems as e:
        for problem in e.problems:
            click.echo(problem, err=True)
        click.echo("nothing was written; fix the sheets above and render again", err=True)
        sys.exit(1)
    for path in written:
        click.echo(str(path))


@main.command(name="eval")
@click.argument("articles_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--per-file", is_flag=True, help="List misses file by file.")
@click.option("--require", default="", help="Bars, e.g. people=0.9,figures=0.8 (exit 1 below).")
@click.option("--score-py", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The scoring script (default: ../shared/eval/score.py).")
def eval_(articles_dir: Path, gold_dir: Path, per_file: bool, require: str,
          score_py: Path | None) -> None:
    """Extract from every article and score the sheets against the gold sheets."""
    from generator.evaluate import find_score_script, run_eval

    score_py = score_py or find_score_script(Path.cwd().resolve())
    if score_py is None:
        raise click.ClickException("cannot find score.py; pass --score-py PATH")
    extra = (["--per-file"] if per_file else []) + (["--require", require] if require else [])
    sys.exit(run_eval(articles_dir, gold_dir, score_py, extra))
