"""Actors and places (placeholder until the extractor lands)."""
from __future__ import annotations
from generator.articles import Article
from generator.model import Actor, Place


def extract_actors(article: Article) -> list[Actor]:
    return []


def extract_places(article: Article, actors: list[Actor]) -> list[Place]:
    return []
