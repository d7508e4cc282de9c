"""Reading articles: plain text, Markdown with front matter, and HTML, into one `Article`.

Every reader returns the same `Article`, so extraction never knows the input format.
A user's mistake (unreadable file, broken front matter) raises `ArticleError` with a message
that names the file, the line where known, and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from generator.sentences import split_sentences

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

# Agencies and broadcasters whose name alone on the last line is a credit, not text.
AGENCY_LINE = re.compile(
    r"^\(?(?:Reuters|AP|Associated Press|AFP|Agence France-Presse|BBC(?: News)?|Bloomberg|"
    r"dpa|ANSA|EFE|Xinhua|Kyodo|UPI|PA|Wikinews|CNN|Al Jazeera|The Guardian|NPR)\)?\.?$",
    re.IGNORECASE,
)
# "Thursday, May 7, 2015" (or without the weekday) on a line of its own.
DATE_LINE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:\d{1,2}\s+)?(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s*(\d{1,2})?,?\s+(\d{4})$"
)
# "SAO PAULO, March 5 -" / "WASHINGTON (Reuters) -" opening the first paragraph.
DATELINE_OPENER = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\u2019-]{1,40}?)(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<agency>[A-Za-z .]+)\))?\s*[-\u2013\u2014]+\s+"
)


class ArticleError(Exception):
    """A problem with an input article that the user can fix."""


@dataclass(frozen=True)
class Sentence:
    """One sentence, with where it stands in the article."""

    text: str
    paragraph: int
    index: int  # position among all the article's sentences
    start: int  # character offset of the sentence in its paragraph


@dataclass
class Article:
    """An article as read from disk, whatever its format."""

    path: str
    title: str
    paragraphs: list[str]
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None
    story: str | None = None
    dateline: str | None = None  # the place a "SAO PAULO, March 5 -" dateline names
    meta: dict = field(default_factory=dict)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """All sentences in reading order, each knowing its paragraph."""
        out: list[Sentence] = []
        for p, paragraph in enumerate(self.paragraphs):
            pos = 0
            for text in split_sentences(paragraph):
                pos = paragraph.find(text, pos)
                out.append(Sentence(text, p, len(out), pos))
                pos += len(text)
        return out

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def read_article(path: Path, root: Path | None = None) -> Article:
    """Read an article file; the format comes from its suffix."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ArticleError(
            f"{path}: unsupported file type {suffix!r}; use one of {', '.join(ARTICLE_SUFFIXES)}"
        )
    raw = _read_text(path)
    shown = _shown_path(path, root)
    article = reader(raw, shown)
    if not article.title.strip():
        raise ArticleError(f"{path}:1: the article has no headline; put it on the first line")
    if not article.paragraphs:
        raise ArticleError(f"{path}: the article has a headline but no text under it")
    return article


def _shown_path(path: Path, root: Path | None) -> str:
    root = root or Path.cwd()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"{path}: cannot read the file: {e.strerror}") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{path}: this is a binary file, not an article; remove it or fix it")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else (
        "utf-8-sig",
    ):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"{path}: the file is empty; an article needs a headline and text")
    return text


def parse_text(raw: str, path: str) -> Article:
    """The seed's form: headline, paragraphs, optional date line, optional agency line."""
    lines = [ln.strip() for ln in raw.split("\n")]
    blocks = [ln for ln in lines if ln]
    title, body = blocks[0], blocks[1:]
    publisher = None
    if body and AGENCY_LINE.match(body[-1]):
        publisher = body.pop().strip("(). ")
    return _article_from_body(path, title, body, publisher=publisher)


def parse_markdown(raw: str, path: str) -> Article:
    """Markdown with YAML front matter: title, published, publisher, url, story."""
    meta: dict = {}
    body = raw
    if raw.startswith("---\n"):
        end = raw.find("\n---", 4)
        if end < 0:
            raise ArticleError(f"{path}:1: front matter opened with '---' is never closed; "
                               "add a line '---' after it")
        try:
            meta = yaml.safe_load(raw[4:end]) or {}
        except yaml.YAMLError as e:
            line = getattr(getattr(e, "problem_mark", None), "line", 0) + 2
            problem = getattr(e, "problem", None) or str(e)
            raise ArticleError(f"{path}:{line}: front matter is not valid YAML: {problem}") from None
        if not isinstance(meta, dict):
            raise ArticleError(f"{path}:2: front matter must be 'key: value' lines")
        body = raw[end + 4:].split("\n", 1)[1] if "\n" in raw[end + 4:] else ""
    paragraphs = [_strip_markdown(p) for p in re.split(r"\n\s*\n", body)]
    paragraphs = [" ".join(p.split()) for p in paragraphs if p.strip()]
    title = str(meta.get("title") or "").strip()
    if not title and paragraphs and paragraphs[0]:
        title = paragraphs.pop(0).lstrip("# ").strip()
    publisher = meta.get("publisher")
    if paragraphs and AGENCY_LINE.match(paragraphs[-1]):
        tail = paragraphs.pop().strip("(). ")
        publisher = publisher or tail
    published = _as_date(meta.get("published") or meta.get("date"), path)
    return _article_from_body(
        path, title, paragraphs, publisher=publisher, published=published,
        url=meta.get("url"), story=meta.get("story"), meta=meta,
    )


def parse_html(raw: str, path: str) -> Article:
    """HTML through trafilatura: main text and metadata, never scripts or navigation."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        raise ArticleError(f"{path}: no article text found in this HTML page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
    published = _as_date(data.get("date"), path)
    return _article_from_body(
        path, str(data.get("title") or "").strip(), paragraphs,
        publisher=data.get("sitename") or None, published=published, url=data.get("url"),
    )


READERS = {
    ".txt": parse_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}


def _article_from_body(path: str, title: str, body: list[str], **kw) -> Article:
    """Pull a date line and a dateline opener out of the body."""
    published = kw.pop("published", None)
    dateline = None
    if body and body[0].strip().lower() == title.strip().lower():  # HTML repeats its <h1>
        body = body[1:]
    if body:
        m = DATE_LINE.match(body[0])
        if m:
            published = published or _as_date(body[0], path)
            body = body[1:]
    if body:
        m = DATELINE_OPENER.match(body[0])
        if m and m.group("place").strip().isupper() and len(m.group("place").strip()) > 1:
            dateline = m.group("place").strip().title()
            if m.group("agency") and not kw.get("publisher"):
                kw["publisher"] = m.group("agency").strip()
            body = [body[0][m.end():]] + body[1:]
    return Article(path=path, title=" ".join(title.split()), paragraphs=body,
                   published=published, dateline=dateline, **kw)


def _as_date(value, path: str) -> dt.date | None:
    """A publication date from front matter, a date line or HTML metadata."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise ArticleError(f"{path}: cannot read the date {text!r}; write it as YYYY-MM-DD")
    return parsed.date()


def _strip_markdown(block: str) -> str:
    """Markdown markup off a paragraph: headings, emphasis, links (text kept)."""
    block = re.sub(r"^\s{0,3}#{1,6}\s*", "", block)
    block = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", block)
    block = re.sub(r"(\*\*|__)(.+?)\1", r"\2", block)
    block = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", block)
    return block
