"""YAML front matter of a Markdown article: safe, small, and wrong only with a file:line.

Front matter is text an editor typed. It is read with the safe loader, aliases are refused
(a few bytes of them can stand for millions of values), and the keys an article uses must be
plain values, so nothing later has to guess what `title: [a, b]` meant.
"""

from __future__ import annotations

import re

import yaml

# The keys read_article uses; each must be a plain value (text, number or date).
KEYS = ("title", "published", "date", "publisher", "url", "story")

_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
FIRST_LINE = 2  # the front matter's first line in the file, after the opening '---'
MAX_CHARS = 8192  # a few 'key: value' lines; PyYAML's time grows with the square of nesting
MAX_DEPTH = 20  # brackets and braces open at once


class FrontMatterError(ValueError):
    """A mistake in front matter; `line` is the file's line number."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def split_front_matter(raw: str) -> tuple[dict, str]:
    """The front matter's keys, and the body under it."""
    opened = _OPEN.match(raw)
    if opened is None:
        return {}, raw
    closed = _CLOSE.search(raw, opened.end())
    if closed is None:
        raise FrontMatterError(1, "front matter opened with '---' is never closed; "
                                  "add a line '---' after it")
    source = raw[opened.end():closed.start()]
    body = raw[closed.end() + 1:]
    return load_front_matter(source), body


def load_front_matter(source: str) -> dict:
    """The keys in front matter text; FrontMatterError with the file's line when unusable."""
    _refuse_size(source)
    try:
        _refuse_aliases(source)
        meta = yaml.safe_load(source)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise FrontMatterError(FIRST_LINE + (mark.line if mark else 0),
                               f"front matter is not valid YAML: {problem}") from None
    except RecursionError:
        raise FrontMatterError(FIRST_LINE, "front matter is nested too deeply; "
                                           "write 'key: value' lines") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise FrontMatterError(FIRST_LINE, "front matter must be 'key: value' lines")
    for key in KEYS:
        value = meta.get(key)
        if isinstance(value, (list, dict, set, bytes)):
            raise FrontMatterError(key_line(source, key),
                                   f"front matter '{key}' must be one value, got a "
                                   f"{type(value).__name__}; write it on one line")
    return meta


def key_line(source: str, key: str, first_line: int = FIRST_LINE) -> int:
    """The file's line where a top-level key is written (source's first line when not found)."""
    m = re.search(rf"^{re.escape(key)}\s*:", source, re.MULTILINE)
    return first_line + (source.count("\n", 0, m.start()) if m else 0)


def _refuse_size(source: str) -> None:
    if len(source) > MAX_CHARS:
        raise FrontMatterError(FIRST_LINE, f"front matter has {len(source)} characters, more "
                                           f"than {MAX_CHARS}; keep it to 'key: value' lines")
    depth = 0
    for i, ch in enumerate(source):
        depth = max(0, depth + (ch in "[{") - (ch in "]}"))
        if depth > MAX_DEPTH:
            raise FrontMatterError(FIRST_LINE + source.count("\n", 0, i),
                                   "front matter is nested too deeply; write 'key: value' lines")


def _refuse_aliases(source: str) -> None:
    for event in yaml.parse(source, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise FrontMatterError(FIRST_LINE + event.start_mark.line,
                                   "front matter may not use YAML aliases (*name); "
                                   "write the value out")
