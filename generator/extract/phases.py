"""Phases (placeholder until the extractor lands)."""
from __future__ import annotations
from generator.articles import Article
from generator.model import Phase


def extract_phases(article: Article) -> list[Phase]:
    return []
