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

An article is ingested in two halves: `draft_article` reads and extracts it, which needs no
other sheet (so a batch runs it on every core, `generator.ingest_batch`); `route` sends the
draft where it belongs, asking the out folder's `SheetIndex` (read once per run, and told of
every sheet written) instead of reading every sheet again for every article.

A story whose text is what `dump_sheet` writes of its data (nobody edited it since the last
ingest, or the editor changed values only, no comments) takes a batch's articles in memory:
each merge is made and checked on data (`merge_count`, `merge.merge_canonical`,
`merged_check`) and the story is written once, with its base, at the end of the run
(`write_held`), not once per article. A sheet the editor saved meanwhile gets the held story
merged in as any re-ingest would; one that cannot take it is left as it is, and the articles
held are named, to be ingested again.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from generator.articles import ARTICLE_SUFFIXES, ArticleError, read_article
from generator.extract import extract_sheet
from generator.merge import (
    Merge,
    MergeError,
    merge_canonical,
    merge_sheet,
    merge_unedited,
    plain,
)
from generator.merge_count import count_unedited
from generator.merge_report import lines_of
from generator.merged_check import clean_as_written
from generator.model import FactSheet, to_plain
from generator.sheet_index import Checked, Held, SheetIndex
from generator.sheets import base_path, dump_sheet, parse_sheet_data, write_atomic
from generator.slugs import is_slug
from generator.stories import MATCH_THRESHOLD, Match, Profile, profile
from generator.story_merge import event_when, merge_article, next_source_id
from generator.story_text import keep_key_comments, sort_events
from generator.validate import validate_text
from generator.yamlsafe import read_sheet_text


@dataclass
class Outcome:
    """What ingest did with one article, for the one-line report."""

    article: Path
    sheet: Path | None
    action: str  # "wrote" | "merged" | "up to date" | "skipped" | "failed"
    detail: str
    messages: list[str] = field(default_factory=list)
    """The merge's conflicts, each as `content/x.yaml:LINE: message`."""
    diff: str = ""
    """With dry_run, the unified diff of the sheet: what would be written."""
    dry_run: bool = False
    story_written: bool = False
    """A line about a held story written late (`write_held`), not about an article."""
    unwritten: list[Path] = field(default_factory=list)
    """Articles whose merge into a held story this line says was not written after all."""

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


@dataclass
class Draft:
    """An article read and extracted, with what routing needs of it: made in a worker."""

    article: Path
    sheet: FactSheet
    """The extraction, its slug the story's when the article names one."""
    story: str | None
    """The story named by --story or the front matter (a valid slug), or None."""
    warnings: list[str]
    """What the editor should check in the article, as `file:line: message`."""
    generated: str
    """The sheet as YAML (`dump_sheet`), as written when it is new or merged."""
    profile: Profile
    """What the article is about, to match it to a story."""


def ingest_article(path: Path, out_dir: Path, *, dry_run: bool = False,
                   story: str | None = None, match: bool = True,
                   index: SheetIndex | None = None) -> Outcome:
    """Read and extract one article; write its sheet, or merge it where it belongs."""
    draft = draft_article(path, story)
    if isinstance(draft, Outcome):
        return draft
    return route(draft, out_dir, index or SheetIndex.read(out_dir), dry_run=dry_run,
                 match=match)


def draft_article(path: Path, story: str | None = None) -> Draft | Outcome:
    """Read and extract one article: the half of ingest that needs no other sheet."""
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
    return Draft(path, sheet, story, article.warnings, dump_sheet(sheet),
                 profile(to_plain(sheet)))


def route(draft: Draft, out_dir: Path, index: SheetIndex, *, dry_run: bool = False,
          match: bool = True) -> Outcome:
    """Write the draft's sheet, or merge it where it belongs; the index learns what changed."""
    try:
        outcome = _route(draft, out_dir, index, dry_run, match)
    except OSError as e:  # an --out folder that cannot be made or written
        where = e.filename or out_dir
        return Outcome(draft.article, None, "failed",
                       f"{where}: cannot write the fact sheet: {e.strerror or e}; "
                       "check the --out folder")
    if not dry_run and outcome.sheet is not None and outcome.action in ("wrote", "merged"):
        index.refresh(outcome.sheet)
    outcome.messages[:0] = [f"warning: {w}" for w in draft.warnings]
    return outcome


def _route(draft: Draft, out_dir: Path, index: SheetIndex, dry_run: bool,
           match: bool) -> Outcome:
    """Re-ingest, named story, matched story or new sheet: the order in the module doc."""
    path, sheet, story = draft.article, draft.sheet, draft.story
    target = out_dir / f"{sheet.slug}.yaml"
    home = index.sheet_with_article(sheet.sources[0].path or "")
    if home is not None and index.about(home).source_count > 1:
        return merge_story(path, home, sheet, "re-ingest of a story source", dry_run=dry_run,
                           index=index)
    if home is not None or (target.exists() and story is None
                            and index.same_article(target, sheet)):
        return update_sheet(path, home or target, sheet, draft.generated, dry_run=dry_run,
                            index=index)
    if story is not None:
        if target.exists():
            return merge_story(path, target, sheet, f"story {story}", dry_run=dry_run,
                               index=index)
        return _new_sheet(path, target, sheet, draft.generated, "", dry_run)
    best = index.best_story(draft.profile) if match else None
    if best is not None and best.score >= MATCH_THRESHOLD:
        return merge_story(path, best.sheet, sheet, best.describe(), dry_run=dry_run,
                           index=index)
    generated = draft.generated
    if target.exists():  # the same headline, another story: a sheet of its own
        target = _free_target(out_dir, sheet)
        generated = dump_sheet(sheet)
    return _new_sheet(path, target, sheet, generated, _nearest(best), dry_run)


def _new_sheet(path: Path, target: Path, sheet: FactSheet, generated: str, note: str,
               dry_run: bool) -> Outcome:
    """A new sheet and its base; the ingest line names the nearest story, if any."""
    if not dry_run:
        write_atomic(target, generated)
        write_atomic(base_path(target), generated)
    detail = f"new sheet ({summarize(sheet)}){note}"
    return Outcome(path, target, "wrote", detail, diff=_diff(None, generated, target, dry_run),
                   dry_run=dry_run)


def _nearest(best: Match | None) -> str:
    if best is None:
        return ""
    return f"; nearest story: {best.sheet} ({best.score:.2f}, below {MATCH_THRESHOLD})"


def _free_target(out_dir: Path, sheet: FactSheet) -> Path:
    """`slug-2.yaml`, `slug-3.yaml`, ...: the first file name no sheet has; the slug follows."""
    n = 2
    while (out_dir / f"{sheet.slug}-{n}.yaml").exists():
        n += 1
    sheet.slug = f"{sheet.slug}-{n}"
    return out_dir / f"{sheet.slug}.yaml"


def merge_story(article: Path, target: Path, sheet: FactSheet, why: str, *,
                dry_run: bool = False, index: SheetIndex | None = None) -> Outcome:
    """Merge an article into a story sheet as a new source, then into the editor's sheet.
    `index` knows the sheets this run wrote: one it checked is not parsed again; and, where
    it is `holding`, a story written as dump_sheet writes it is merged in memory and written
    later (`_merge_held`)."""
    hold = index is not None and index.holding and not dry_run
    held = index.held(target) if index is not None else None
    if hold and held is not None:
        done = _merge_held(article, target, sheet, why, index, held.data, held.base,
                           held.on_disk)
        if done is not None:
            return done
    if held is not None:
        write_held(index, target)  # on disk, for the merge below to read
    story, problems = _read_story(target, index)
    if story is None:
        return _cannot_merge(article, target, [str(p) for p in problems])
    if hold and held is None and (start := _holdable(story)) is not None:
        done = _merge_held(article, target, sheet, why, index, *start)
        if done is not None:
            return done
    base = plain((story.data if story.unedited else _load_base(story.stored)) or story.data)
    sid = _source_id(base, story.data, sheet.sources[0].path)
    theirs = merge_article(base, to_plain(sheet), sid)
    generated = dump_sheet(theirs)
    try:
        merge = _merge_into(target, story, base, theirs, generated, index)
    except _Refused as refused:
        return _cannot_merge(article, target, refused.problems, refused.why)
    ours = story.text
    if not dry_run:
        if merge.text != ours:
            write_atomic(target, merge.text)
        write_atomic(base_path(target), generated)
    done = f"merged as {sid} ({merge.report})" if merge.text != ours else "up to date"
    return Outcome(article, target, "merged" if merge.text != ours else "up to date",
                   f"{why}; {done}",
                   [f"{target}:{c.line}: {c.message}" for c in merge.report.conflicts],
                   _diff(ours, merge.text, target, dry_run), dry_run)


@dataclass
class _Story:
    """A story sheet as a merge reads it: its text, its stored base's, its data."""

    text: str
    stored: str | None
    data: dict
    """As loaded; {} when it cannot be."""

    @property
    def unedited(self) -> bool:
        """As the last ingest generated it."""
        return self.stored is not None and self.text == self.stored

    @cached_property
    def canonical(self) -> bool:
        """Its text is what dump_sheet writes of its data: no comments or formatting of the
        editor's, so its data is all there is to keep."""
        return dump_sheet(plain(self.data)) == self.text


def _read_story(target: Path, index: SheetIndex | None) -> tuple[_Story | None, list]:
    """The sheet and its base, read once for a merge; None and why when it cannot be read."""
    text, problems = read_sheet_text(target)
    if text is None:
        return None, problems
    known = index.checked(target, text) if index is not None else None
    data = (known.data if known is not None else _load_base(text)) or {}
    return _Story(text, _read_base(target), data), []


def _holdable(story: _Story) -> tuple[dict, dict, str] | None:
    """(ours, base, text) to merge the story in memory from (`_merge_held`): one unedited
    (ours is base) or with values edited only; None for any other."""
    if story.stored is None or not story.data:
        return None
    ours = plain(story.data)
    if story.unedited:
        return ours, ours, story.text
    if story.canonical:
        return ours, plain(_load_base(story.stored) or story.data), story.text
    return None


class _Refused(Exception):
    """A merge that cannot be written: the problems, and why."""

    def __init__(self, problems: list[str], why: str = "") -> None:
        super().__init__(why)
        self.problems, self.why = problems, why


def _merge_into(target: Path, story: _Story, base: dict, theirs: dict, generated: str,
                index: SheetIndex | None) -> Merge:
    """The story as generated now (`theirs`, written `generated`) merged into the editor's
    sheet, checked; raises _Refused when it cannot be read or would break the sheet."""
    ours = story.text
    report = merge_unedited(theirs, base) if story.unedited else None
    if report is not None:  # no edit to keep: the story as generated
        merge = Merge(generated, report)
    elif story.canonical:  # edited values, nothing else of the editor's: merged as plain data
        data, report = merge_canonical(plain(story.data), theirs, base)
        text = dump_sheet(data) if report.changes else ours
        lines_of(text, report.conflicts)
        merge = Merge(sort_events(text, theirs), report)
    else:
        try:
            merge = merge_sheet(ours, theirs, base)
        except MergeError as e:
            said = [str(p) for p in validate_text(ours, str(target))[1]]
            raise _Refused(said or [f"{target}: {e}"]) from e
        merge.text = keep_key_comments(ours, sort_events(merge.text, theirs))
    broken = _new_problems(ours, merge.text, target, index)
    if broken:
        raise _Refused(broken, "the merge would leave these problems")
    return merge


def _merge_held(article: Path, target: Path, sheet: FactSheet, why: str, index: SheetIndex,
                ours: dict, base: dict, on_disk: str) -> Outcome | None:
    """The article merged into the story in memory (`ours is base`: nobody edited it), the
    result checked on its data (`merged_check`) and held, to be written later. Its text and
    check are most of a merge's cost, and a story takes one merge per article. None when the
    merge needs the usual way: it would conflict, add a note, reorder the timeline or break a
    rule (the usual way then says what)."""
    sid = _source_id(base, ours, sheet.sources[0].path)
    theirs = merge_article(base, to_plain(sheet), sid)
    if ours is base:  # unedited: the merge is the new extraction
        merged, report = theirs, count_unedited(theirs, base)
    else:
        merged, report = merge_canonical(ours, theirs, base)
        if report.conflicts or not _in_date_order(merged, theirs):
            return None
    if report is None or not clean_as_written(merged, str(target)):
        return None
    changed = merged != ours or repr(merged) != repr(ours)  # the sheet's text changes
    if changed or theirs != base or repr(theirs) != repr(base):  # or its base's
        for path in index.hold(target, merged, theirs, on_disk, article):
            write_held(index, path)
    if not changed:
        return Outcome(article, target, "up to date", f"{why}; up to date")
    return Outcome(article, target, "merged", f"{why}; merged as {sid} ({report})")


def _in_date_order(sheet: dict, story: dict) -> bool:
    """The timeline is in date order already, as `story_text.sort_events` would leave it."""
    order = {s.get("id"): (str(s.get("published") or ""), "") for s in story.get("sources", [])}
    events = sheet.get("events")
    if not isinstance(events, list) or not all(
            isinstance(e, dict) and type(e.get("date")) in (type(None), str) for e in events):
        return False
    when = [event_when(e, order) for e in events]
    return when == sorted(when)


def write_held(index: SheetIndex, target: Path) -> None:
    """Write a story the index holds, and its base. A sheet the editor changed meanwhile
    (it is not the text the story was held from) gets the story merged in as a re-ingest
    would, edits kept; if it cannot, nothing is written and the articles held are named to
    ingest again. What happened, if more than the write, is told in `index.reports`."""
    held = index.release(target)
    if held is None:
        return
    text = dump_sheet(held.data)
    base = text if held.base is held.data else dump_sheet(held.base)
    try:
        now = read_sheet_text(target)[0]
        if now == held.on_disk:
            if text != now:
                write_atomic(target, text)
            write_atomic(base_path(target), base)
            index.remember(target, Checked(text, held.data, []))
        else:
            merge = _merge_late(target, now, held, text, base, index)
            index.reports.append(Outcome(
                target, target, "merged",
                f"changed while ingest ran; the {len(held.articles)} articles merged into the "
                f"story meanwhile ({', '.join(map(str, held.articles))}) were merged into it "
                f"({merge.report})",
                [f"{target}:{c.line}: {c.message}" for c in merge.report.conflicts],
                story_written=True))
    except _Refused as e:
        index.reports.append(_unwritten(target, held, e.why or "the sheet changed while "
                                        "ingest ran and cannot be read now", e.problems))
    except OSError as e:
        index.reports.append(_unwritten(target, held, "check the --out folder", [
            f"{e.filename or target}: cannot write: {e.strerror or e}"]))
    index.refresh(target)


def _merge_late(target: Path, now: str | None, held: Held, text: str, base: str,
                index: SheetIndex) -> Merge:
    """The held story merged into the sheet the editor saved while ingest ran: the sheet as
    it was when the story was first held is the base, as for any three-way merge; `base` is
    the story's new base (`sheets.base_path`)."""
    if now is None:
        raise _Refused([f"{target}: cannot read the sheet"])
    before = plain(_load_base(held.on_disk) or {})
    merge = _merge_into(target, _Story(now, None, _load_base(now) or {}), before, held.data,
                        text, index)
    if merge.text != now:
        write_atomic(target, merge.text)
    write_atomic(base_path(target), base)
    return merge


def _unwritten(target: Path, held: Held, why: str, problems: list[str]) -> Outcome:
    names = ", ".join(str(a) for a in held.articles)
    lead = (f"{target}: cannot write the story after merging {len(held.articles)} articles "
            f"into it ({names}): {why}. Nothing was written; fix the sheet and ingest those "
            "articles again.")
    return Outcome(target, None, "failed", "\n".join([lead, *problems]), story_written=True,
                   unwritten=list(held.articles))


def _read_base(target: Path) -> str | None:
    """The stored base's text, if any (`sheets.base_path`)."""
    try:
        return base_path(target).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None


def _source_id(base: dict, ours: dict, path: str | None) -> str:
    """The id the article has in the story already (a re-ingest), or the next free one."""
    for sheet in (ours, base):
        for source in sheet.get("sources") or []:
            if isinstance(source, dict) and path and source.get("path") == path:
                return str(source.get("id"))
    return next_source_id(base, ours)


def update_sheet(article: Path, target: Path, sheet: FactSheet, generated: str, *,
                 dry_run: bool = False, index: SheetIndex | None = None) -> Outcome:
    """Merge a new extraction into an existing sheet; the editor's changes always stay."""
    if index is not None:
        write_held(index, target)
    ours, problems = read_sheet_text(target)
    base_file = base_path(target)
    stored = _read_base(target)
    if ours is None:
        return _cannot_merge(article, target, [str(p) for p in problems])
    # A sheet generated before bases were kept is its own base only if it is unedited.
    base_text = generated if stored is None and ours == generated else stored
    base = _load_base(base_text)
    unedited = base is not None and ours == base_text
    report = merge_unedited(to_plain(sheet), base) if unedited else None
    try:
        merge = Merge(generated, report) if report is not None \
            else merge_sheet(ours, to_plain(sheet), base)
    except MergeError as e:  # the validator says it best, GCC style, with the line
        said = [str(p) for p in validate_text(ours, str(target))[1]]
        return _cannot_merge(article, target, said or [f"{target}: {e}"])
    text = generated if unedited else merge.text
    broken = _new_problems(ours, text, target, index)
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
                   _diff(ours, text, target, dry_run), dry_run)


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
        base = parse_sheet_data(text) if text else None
    except yaml.YAMLError:
        return None
    return base if isinstance(base, dict) else None


def _new_problems(before: str, after: str, target: Path,
                  index: SheetIndex | None = None) -> list[str]:
    """Problems the merged sheet has and the editor's sheet had not (none, normally). What
    is checked is told to the index, if any, which may know `before` already."""
    if after == before:
        return []
    known = index.checked(target, before) if index is not None else None
    had = {p.message for p in (known or _check(before, target)).problems}
    checked = _check(after, target)
    if index is not None:
        index.remember(target, checked)
    return [str(p) for p in checked.problems if p.message not in had]


def _check(text: str, target: Path) -> Checked:
    data, problems = validate_text(text, str(target))
    return Checked(text, data, problems)


def _cannot_merge(article: Path, target: Path, problems: list[str], why: str = "") -> Outcome:
    lead = f"{target}: cannot merge the new extraction: {why or 'the sheet cannot be read'}; " \
           "nothing was written. Fix the problems below and ingest again."
    return Outcome(article, target, "failed", "\n".join([lead, *problems]))


def _diff(before: str | None, after: str, target: Path, dry_run: bool) -> str:
    """The unified diff from the sheet on disk (None: no sheet yet) to what is written; made
    for a dry run only, which shows it (a story's diff costs as much as its merge)."""
    if not dry_run:
        return ""
    lines = difflib.unified_diff((before or "").splitlines(True), after.splitlines(True),
                                 "/dev/null" if before is None else str(target), str(target))
    return "".join(lines)


def summarize(sheet: FactSheet) -> str:
    """'6 actors, 5 figures, ...': what the draft holds, for the ingest line."""
    counts = [(len(sheet.actors), "actor"), (len(sheet.places), "place"),
              (len(sheet.phases), "phase"), (len(sheet.figures), "figure"),
              (len(sheet.events), "event"), (len(sheet.quotes), "quote")]
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
