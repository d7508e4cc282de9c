"""Figures (placeholder until the extractor lands)."""
from __future__ import annotations
from generator.articles import Article
from generator.model import Figure


def extract_figures(article: Article) -> list[Figure]:
    return []
