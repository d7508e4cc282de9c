"""Ingest: articles in, one draft fact sheet per article out; re-ingest merges.

An article whose sheet does not exist yet gets a new sheet. An article whose sheet exists is
merged into it (`generator.merge`): the editor's changes stay, the new extraction fills in
what the editor did not touch. Next to each sheet ingest keeps the version it generated last
(`sheets.base_path`), the base of the next merge.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.articles import ARTICLE_SUFFIXES, ArticleError, read_article
from generator.extract import extract_sheet
from generator.merge import Merge, MergeError, merge_sheet
from generator.model import FactSheet, to_plain
from generator.sheets import base_path, dump_sheet, write_atomic
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


def ingest_article(path: Path, out_dir: Path, *, dry_run: bool = False) -> Outcome:
    """Read and extract one article; write its sheet, or merge into the existing one."""
    try:
        article = read_article(path)
    except ArticleError as e:
        return Outcome(path, None, "failed", str(e))
    sheet = extract_sheet(article)
    target = out_dir / f"{sheet.slug}.yaml"
    generated = dump_sheet(sheet)
    try:
        if target.exists():
            outcome = update_sheet(path, target, sheet, generated, dry_run=dry_run)
        else:
            if not dry_run:
                write_atomic(target, generated)
                write_atomic(base_path(target), generated)
            outcome = Outcome(path, target, "wrote", summarize(sheet),
                              diff=_diff(None, generated, target), dry_run=dry_run)
    except OSError as e:  # an --out folder that cannot be made or written
        where = e.filename or target
        return Outcome(path, None, "failed",
                       f"{where}: cannot write the fact sheet: {e.strerror or e}; "
                       "check the --out folder")
    outcome.messages[:0] = [f"warning: {w}" for w in article.warnings]
    return outcome


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
