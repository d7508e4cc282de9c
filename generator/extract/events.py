"""Events (placeholder until the extractor lands)."""
from __future__ import annotations
from generator.articles import Article
from generator.model import Event


def extract_events(article: Article) -> list[Event]:
    return []
