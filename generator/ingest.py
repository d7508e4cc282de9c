"""Ingest: articles in, fact sheets out; re-ingest merges, a story gathers its articles.

Where an article goes, in this order:

1. a sheet that already lists it among its sources: a re-ingest, merged three-way
   (`generator.merge`): the editor's changes stay, the new extraction fills in the rest;
2. the story it names (`story:` in front matter, or `--story`): merged into that sheet as a
   new source (`generator.story_merge`), or a new sheet under that slug;
3. the best-matching sheet in the out folder (`generator.stories`), when the score reaches
   MATCH_THRESHOLD: merged as a new source, and the line says so with the score;
4. otherwise a new sheet, and the line names the nearest story and its score.

Next to each sheet ingest keeps the version it generated last (`sheets.base_path`), the base
of the next three-way merge; a story merge builds the new generated version from that base
plus the new article, then merges it into the editor's sheet, so no edit is lost.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.articles import ARTICLE_SUFFIXES, ArticleError, read_article
from generator.extract import extract_sheet
from generator.merge import Merge, MergeError, merge_sheet, plain
from generator.model import FactSheet, to_plain
from generator.sheets import base_path, dump_sheet, load_sheet_data, write_atomic
from generator.slugs import is_slug
from generator.stories import MATCH_THRESHOLD, Match, rank_stories, sheet_with_article
from generator.story_merge import merge_article, next_source_id
from generator.story_text import keep_key_comments, sort_events
from generator.validate import validate_text
from generator.yamlsafe import read_sheet_text


@dataclass
class Outcome:
    """What ingest did with one article, for the one-line report."""

    article: Path
    sheet: Path | None
    action: str  # "wrote" | "merged" | "up to date" | "failed"
    detail: str
    messages: list[str] = field(default_factory=list)
    """The merge's conflicts, each as `content/x.yaml:LINE: message`."""
    diff: str = ""
    """The unified diff of the sheet: what was (or, with dry_run, would be) written."""
    dry_run: bool = False

    def __str__(self) -> str:
        if self.action == "failed":
            return f"{self.detail}"
        done = " (dry run: nothing written)" if self.dry_run else ""
        return f"{self.article} -> {self.sheet}: {self.detail}{done}"


def find_articles(paths: Iterable[Path]) -> Iterator[Path]:
    """Article files named directly or found in folders, in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES \
                        and not child.name.startswith("."):
                    yield child
        else:
            yield path


def ingest_article(path: Path, out_dir: Path, *, dry_run: bool = False,
                   story: str | None = None, match: bool = True) -> Outcome:
    """Read and extract one article; write its sheet, or merge it where it belongs."""
    try:
        article = read_article(path)
    except ArticleError as e:
        return Outcome(path, None, "failed", str(e))
    if story is not None and not is_slug(story):
        return Outcome(path, None, "failed", f"{path}: story {story!r} is not a slug; "
                       "use lower-case letters, digits and hyphens (gm-fiat)")
    if story is None and article.story is not None:
        if is_slug(article.story):
            story = article.story
        else:  # front matter is the article's: go on without it, and say so
            article.warnings.append(f"{path}: story {article.story!r} in the front matter is "
                                    "not a slug, so it was ignored; use lower-case letters, "
                                    "digits and hyphens (gm-fiat)")
    sheet = extract_sheet(article)
    sheet.slug = story or sheet.slug
    try:
        outcome = _route(path, sheet, out_dir, story, dry_run, match)
    except OSError as e:  # an --out folder that cannot be made or written
        where = e.filename or out_dir
        return Outcome(path, None, "failed",
                       f"{where}: cannot write the fact sheet: {e.strerror or e}; "
                       "check the --out folder")
    outcome.messages[:0] = [f"warning: {w}" for w in article.warnings]
    return outcome


def _route(path: Path, sheet: FactSheet, out_dir: Path, story: str | None,
           dry_run: bool, match: bool = True) -> Outcome:
    """Re-ingest, named story, matched story or new sheet: the order in the module doc."""
    target = out_dir / f"{sheet.slug}.yaml"
    home = sheet_with_article(out_dir, sheet.sources[0].path or "")
    if home is not None and _source_count(home) > 1:
        return merge_story(path, home, sheet, "re-ingest of a story source", dry_run=dry_run)
    if home is not None or (target.exists() and story is None and _same_article(target, sheet)):
        return update_sheet(path, home or target, sheet, dump_sheet(sheet), dry_run=dry_run)
    if story is not None:
        if target.exists():
            return merge_story(path, target, sheet, f"story {story}", dry_run=dry_run)
        return _new_sheet(path, target, sheet, "", dry_run)
    ranked = rank_stories(to_plain(sheet), out_dir) if match else []
    if ranked and ranked[0].score >= MATCH_THRESHOLD:
        return merge_story(path, ranked[0].sheet, sheet, ranked[0].describe(), dry_run=dry_run)
    if target.exists():  # the same headline, another story: a sheet of its own
        target = _free_target(out_dir, sheet)
    return _new_sheet(path, target, sheet, _nearest(ranked), dry_run)


def _new_sheet(path: Path, target: Path, sheet: FactSheet, note: str,
               dry_run: bool) -> Outcome:
    """A new sheet and its base; the ingest line names the nearest story, if any."""
    generated = dump_sheet(sheet)
    if not dry_run:
        write_atomic(target, generated)
        write_atomic(base_path(target), generated)
    detail = f"new sheet ({summarize(sheet)}){note}"
    return Outcome(path, target, "wrote", detail, diff=_diff(None, generated, target),
                   dry_run=dry_run)


def _nearest(ranked: list[Match]) -> str:
    if not ranked:
        return ""
    best = ranked[0]
    return f"; nearest story: {best.sheet} ({best.score:.2f}, below {MATCH_THRESHOLD})"


def _free_target(out_dir: Path, sheet: FactSheet) -> Path:
    """`slug-2.yaml`, `slug-3.yaml`, ...: the first file name no sheet has; the slug follows."""
    n = 2
    while (out_dir / f"{sheet.slug}-{n}.yaml").exists():
        n += 1
    sheet.slug = f"{sheet.slug}-{n}"
    return out_dir / f"{sheet.slug}.yaml"


def _sheet_data(target: Path) -> dict:
    try:
        data = load_sheet_data(target)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # the merge reports them
        return {}
    return data if isinstance(data, dict) else {}


def _source_count(target: Path) -> int:
    return len(_sheet_data(target).get("sources") or [])


def _same_article(target: Path, sheet: FactSheet) -> bool:
    """The sheet under this slug holds this article (read from another folder, say), or
    cannot be read: the issue-5 re-ingest, which reports an unreadable sheet."""
    data = _sheet_data(target)
    if not data:
        return True
    new = sheet.sources[0]
    return any(str(plain(s.get("published"))) == str(new.published) and s.get("title") == new.title
               for s in data.get("sources") or [] if isinstance(s, dict))


def merge_story(article: Path, target: Path, sheet: FactSheet, why: str, *,
                dry_run: bool = False) -> Outcome:
    """Merge an article into a story sheet as a new source, then into the editor's sheet."""
    ours, problems = read_sheet_text(target)
    if ours is None:
        return _cannot_merge(article, target, [str(p) for p in problems])
    base_file = base_path(target)
    stored = base_file.read_text(encoding="utf-8", errors="replace") \
        if base_file.exists() else None
    base = plain(_load_base(stored) or _load_base(ours) or {})
    sid = _source_id(base, _load_base(ours) or {}, sheet.sources[0].path)
    theirs = merge_article(base, to_plain(sheet), sid)
    generated = dump_sheet(theirs)
    try:
        merge = merge_sheet(ours, theirs, base)
    except MergeError as e:
        said = [str(p) for p in validate_text(ours, str(target))[1]]
        return _cannot_merge(article, target, said or [f"{target}: {e}"])
    merge.text = keep_key_comments(ours, sort_events(merge.text, theirs))
    broken = _new_problems(ours, merge.text, target)
    if broken:
        return _cannot_merge(article, target, broken, "the merge would leave these problems")
    if not dry_run:
        if merge.text != ours:
            write_atomic(target, merge.text)
        write_atomic(base_file, generated)
    done = f"merged as {sid} ({merge.report})" if merge.text != ours else "up to date"
    return Outcome(article, target, "merged" if merge.text != ours else "up to date",
                   f"{why}; {done}",
                   [f"{target}:{c.line}: {c.message}" for c in merge.report.conflicts],
                   _diff(ours, merge.text, target), dry_run)


def _source_id(base: dict, ours: dict, path: str | None) -> str:
    """The id the article has in the story already (a re-ingest), or the next free one."""
    for sheet in (ours, base):
        for source in sheet.get("sources") or []:
            if isinstance(source, dict) and path and source.get("path") == path:
                return str(source.get("id"))
    return next_source_id(base, ours)


def update_sheet(article: Path, target: Path, sheet: FactSheet, generated: str, *,
                 dry_run: bool = False) -> Outcome:
    """Merge a new extraction into an existing sheet; the editor's changes always stay."""
    ours, problems = read_sheet_text(target)
    base_file = base_path(target)
    stored = base_file.read_text(encoding="utf-8", errors="replace") if base_file.exists() \
        else None
    if ours is None:
        return _cannot_merge(article, target, [str(p) for p in problems])
    # A sheet generated before bases were kept is its own base only if it is unedited.
    base_text = generated if stored is None and ours == generated else stored
    base = _load_base(base_text)
    try:
        merge = merge_sheet(ours, to_plain(sheet), base)
    except MergeError as e:  # the validator says it best, GCC style, with the line
        said = [str(p) for p in validate_text(ours, str(target))[1]]
        return _cannot_merge(article, target, said or [f"{target}: {e}"])
    text = generated if base is not None and ours == base_text else merge.text
    broken = _new_problems(ours, text, target)
    if broken:
        return _cannot_merge(article, target, broken, "the merge would leave these problems")
    if not dry_run:
        if text != ours:
            write_atomic(target, text)
        if stored != generated:
            write_atomic(base_file, generated)
    return Outcome(article, target, "merged" if text != ours else "up to date",
                   _describe(merge, text != ours, known_base=base is not None),
                   [f"{target}:{c.line}: {c.message}" for c in merge.report.conflicts],
                   _diff(ours, text, target), dry_run)


def _describe(merge: Merge, changed: bool, *, known_base: bool) -> str:
    """'merged (3 added, 1 updated, 2 edits kept, 0 conflicts)', or 'up to date'."""
    if known_base:
        return f"merged ({merge.report})" if changed else "up to date"
    if changed:
        return (f"merged ({merge.report.added} added; no generated version was stored, so "
                "your sheet was kept as it is and only new items were added)")
    return "up to date (no generated version was stored; your sheet was kept as it is)"


def _load_base(text: str | None) -> dict | None:
    """The stored base; None when there is none or it was damaged (then it is rewritten)."""
    try:
        base = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return None
    return base if isinstance(base, dict) else None


def _new_problems(before: str, after: str, target: Path) -> list[str]:
    """Problems the merged sheet has and the editor's sheet had not (none, normally)."""
    if after == before:
        return []
    had = {p.message for p in validate_text(before, str(target))[1]}
    return [str(p) for p in validate_text(after, str(target))[1] if p.message not in had]


def _cannot_merge(article: Path, target: Path, problems: list[str], why: str = "") -> Outcome:
    lead = f"{target}: cannot merge the new extraction: {why or 'the sheet cannot be read'}; " \
           "nothing was written. Fix the problems below and ingest again."
    return Outcome(article, target, "failed", "\n".join([lead, *problems]))


def _diff(before: str | None, after: str, target: Path) -> str:
    """The unified diff from the sheet on disk (None: no sheet yet) to what is written."""
    lines = difflib.unified_diff((before or "").splitlines(True), after.splitlines(True),
                                 "/dev/null" if before is None else str(target), str(target))
    return "".join(lines)


def summarize(sheet: FactSheet) -> str:
    """'6 actors, 5 figures, ...': what the draft holds, for the ingest line."""
    counts = [(len(sheet.actors), "actor"), (len(sheet.places), "place"),
              (len(sheet.phases), "phase"), (len(sheet.figures), "figure"),
              (len(sheet.events), "event"), (len(sheet.quotes), "quote")]
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
