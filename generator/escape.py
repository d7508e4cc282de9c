"""Escaping sheet values for the Markdown the templates write.

Article text is untrusted. Every sheet value reaches a page through `escape_md` (the Jinja
filter `md`), so no value can open HTML, Markdown structure, an extension's syntax or
template code, whatever the page's Markdown extensions are.

ASCII punctuation becomes a numeric character reference (`&#42;` for `*`) rather than a
backslash escape: Python-Markdown honours a backslash only before the characters in its
`ESCAPED_CHARS`, a list each extension may extend (tables adds `|`, smarty adds quotes), and
leaves `\\=` or `\\:` on the page as written. A reference is passed through verbatim by
Python-Markdown and every pymdownx extension, and the browser shows the character.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, urlsplit

# Punctuation that means nothing to Markdown, its extensions, HTML or Jinja in running text.
PLAIN_PUNCTUATION = frozenset(",;/@%")

URL_SCHEMES = ("http", "https")
# Characters left as they are in a URL; the rest are percent-encoded.
URL_SAFE = "/:?#@!$&'*+,;=%-._~"

# str.translate tables (one C pass per value, not a Python call per character): control
# characters (Unicode category Cc) that are not whitespace are dropped; ASCII punctuation, but
# for PLAIN_PUNCTUATION, becomes a numeric character reference.
_CONTROLS = {c: None for c in [*range(0x20), *range(0x7F, 0xA0)] if not chr(c).isspace()}
_REFERENCES = {c: f"&#{c};" for c in range(0x80)
               if not chr(c).isalnum() and chr(c) != " " and chr(c) not in PLAIN_PUNCTUATION}


def escape_md(value: object) -> str:
    """Sheet value as inline Markdown text that renders as exactly that text, on one line."""
    if value is None:
        return ""
    return _escaped(str(value))


@lru_cache(maxsize=1 << 14)
def _escaped(text: str) -> str:
    """Remembered: a page repeats its names and evidence sentences, a site its actors."""
    return _one_line(text).translate(_REFERENCES)


def escape_url(value: object) -> str:
    """An http(s) URL safe inside a Markdown link's parentheses; "" for any other scheme."""
    text = _one_line("" if value is None else str(value)).replace(" ", "%20")
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    if scheme not in URL_SCHEMES:
        return ""
    return quote(text, safe=URL_SAFE).replace("(", "%28").replace(")", "%29")


def _one_line(text: str) -> str:
    """Text without control characters, its whitespace runs collapsed to single spaces."""
    return " ".join(text.translate(_CONTROLS).split())
