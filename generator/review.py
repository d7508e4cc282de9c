"""What the generator could not settle, listed for the editor in `review.notes`."""

from __future__ import annotations

from generator.articles import Article
from generator.model import FactSheet


def review_notes(sheet: FactSheet, article: Article) -> list[str]:
    """One note per fact an editor should check, saying where to look."""
    notes = []
    if article.published is None:
        notes.append("The article's publication date is unknown, so relative dates "
                     "(\"Tuesday\") were not turned into calendar dates; set sources[0].published.")
    if not article.publisher:
        notes.append("The publisher is unknown; set sources[0].publisher.")
    for q in sheet.quotes:
        if q.speaker is None:
            notes.append(f"No speaker found for the quote \"{_short(q.text)}\"; set its speaker.")
    for f in sheet.figures:
        if f.according_to is None:
            notes.append(f"The figure \"{f.text}\" has no attribution in the article; "
                         "check who says so.")
    return notes


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"
