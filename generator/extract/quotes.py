"""Quotes (placeholder until the extractor lands)."""
from __future__ import annotations
from generator.articles import Article
from generator.model import Actor, Quote


def extract_quotes(article: Article, actors: list[Actor]) -> tuple[list[Quote], list[Actor]]:
    return [], []
