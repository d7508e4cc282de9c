"""Slugs: the URL path of an explainer, made from its title."""

from __future__ import annotations

import re

from slugify import slugify

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify_title(title: str, max_length: int = 80) -> str:
    """A safe, readable slug; transliterated so non-Latin titles still give a path."""
    slug = slugify(title, max_length=max_length, word_boundary=True, save_order=True)
    return slug or "untitled"


def is_slug(text: object) -> bool:
    return isinstance(text, str) and bool(SLUG.match(text))
