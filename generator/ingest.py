"""Ingest: articles in, one draft fact sheet per article out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.articles import ARTICLE_SUFFIXES, ArticleError, read_article
from generator.extract import extract_sheet
from generator.model import FactSheet
from generator.sheets import write_sheet


@dataclass
class Outcome:
    """What ingest did with one article, for the one-line report."""

    article: Path
    sheet: Path | None
    action: str  # "wrote" | "skipped" | "failed"
    detail: str

    def __str__(self) -> str:
        if self.action == "failed":
            return f"{self.detail}"
        arrow = "->" if self.action == "wrote" else "-> (skipped)"
        return f"{self.article} {arrow} {self.sheet}: {self.detail}"


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


def ingest_article(path: Path, out_dir: Path) -> Outcome:
    """Read, extract and write one sheet; an existing sheet is left as it is."""
    try:
        article = read_article(path)
    except ArticleError as e:
        return Outcome(path, None, "failed", str(e))
    sheet = extract_sheet(article)
    target = out_dir / f"{sheet.slug}.yaml"
    if target.exists():
        return Outcome(path, target, "skipped",
                       "a sheet with this slug exists; it was left as it is")
    write_sheet(target, sheet)
    return Outcome(path, target, "wrote", summarize(sheet))


def summarize(sheet: FactSheet) -> str:
    """'6 actors, 5 figures, ...': what the draft holds, for the ingest line."""
    counts = [(len(sheet.actors), "actor"), (len(sheet.places), "place"),
              (len(sheet.phases), "phase"), (len(sheet.figures), "figure"),
              (len(sheet.events), "event"), (len(sheet.quotes), "quote")]
    return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
