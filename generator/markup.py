"""Markup off the text of a Markdown article: what a reader sees, not how it was marked up."""

from __future__ import annotations

import re


def strip_markdown(block: str) -> str:
    """Markdown markup off a paragraph: headings, emphasis, links (text kept).

    Every pattern stops at the next mark of its kind, so a paragraph full of unclosed '['
    or '*' stays linear.
    """
    block = re.sub(r"^\s{0,3}#{1,6}\s*", "", block)
    block = re.sub(r"!?\[([^\[\]]{0,300})\]\([^()]{0,1000}\)", r"\1", block)
    block = re.sub(r"\*\*([^*]{1,300}?)\*\*|__([^_]{1,300}?)__", _emphasised, block)
    block = re.sub(r"(?<![\w*])\*(?!\s)([^*]{1,300}?)(?<!\s)\*(?![\w*])", r"\1", block)
    return block


def _emphasised(m: re.Match) -> str:
    return m.group(1) if m.group(1) is not None else m.group(2)


def drop_html_blocks(body: str) -> str:
    """Markdown without <script> and <style> elements or HTML comments: they are not text."""
    out, pos = [], 0
    while opened := _OPEN.search(body, pos):
        out.append(body[pos:opened.start()])
        closed = _CLOSE[(opened.group(1) or "--").lower()].search(body, opened.end())
        if closed is None:  # never closed: the rest is script, as a browser reads it
            return "".join(out)
        pos = closed.end()
    return "".join(out) + body[pos:]


_OPEN = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
_CLOSE = {
    "script": re.compile(r"</script[^>]{0,100}>", re.IGNORECASE),
    "style": re.compile(r"</style[^>]{0,100}>", re.IGNORECASE),
    "--": re.compile(r"-->"),
}
