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

from generator.decoding import NotText, clean_text, decode_bytes, drop_control_references, scrub
from generator.frontmatter import FrontMatterError, key_line, split_front_matter
from generator.markup import drop_html_blocks, strip_markdown
from generator.sentences import split_sentences

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MB = 1024 * 1024
# An article's text: news articles are well under 100 KB, and extraction slows faster than
# the text grows (ingesting 1 MB of text took 12 s, 2 MB 77 s).
MAX_TEXT = 1 * MB
MAX_PAGE = 10 * MB  # a saved web page, with its markup, inline scripts and styles
LONG_HEADLINE = 250  # characters: a first line this long is probably not the headline

# Agencies and broadcasters whose name alone on the last line is a credit, not text.
AGENCY_LINE = re.compile(
    r"^\(?(?:Reuters|AP|Associated Press|AFP|Agence France-Presse|BBC(?: News)?|Bloomberg|"
    r"dpa|ANSA|EFE|Xinhua|Kyodo|UPI|PA|Wikinews|CNN|Al Jazeera|The Guardian|NPR)\)?\.?$",
    re.IGNORECASE,
)
# Any publisher's name closing a story on a line of its own: a few capitalized words (with
# "of", "the", "&" and digits: "The Carmel Courier", "France 24"), no sentence punctuation.
PUBLISHER_SHAPE = re.compile(
    r"^\(?(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:[A-Z0-9][\w'’&.-]*|of|the|and|de|&)){0,5}\)?$")
NOT_PUBLISHERS = frozenset(["END", "ENDS", "MORE", "Advertisement", "Related", "Share"])


def _publisher_name(line: str) -> bool:
    """A short name alone on a line, as a publisher signs a story off ("France 24")."""
    line = line.strip()
    return len(line) <= 50 and not line.endswith(".") and line.strip("()") not in NOT_PUBLISHERS \
        and bool(PUBLISHER_SHAPE.match(line))


# "Thursday, May 7, 2015" (or without the weekday) on a line of its own.
DATE_LINE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:\d{1,2}\s+)?(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s*(\d{1,2})?,?\s+(\d{4})$"
)
# "SAO PAULO, March 5 -", "WASHINGTON (Reuters) -", "HERAT, Afghanistan (AP) —", "BOGOTÁ —"
# opening the first paragraph.
DATELINE_OPENER = re.compile(
    r"^(?P<place>[^\W\d_](?:[^\W\d_]|[ .'\u2019-]){1,40}?)"  # upper case: checked where used
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\u2019 -]{1,30}?))?"
    r"(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
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
    # What the editor should check, one "file:line: message" each, for ingest to print:
    # removed control or bidirectional characters, garbled text, a guessed encoding.
    warnings: list[str] = field(default_factory=list)

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
    """Read an article file, the format from its suffix; ArticleError when it is unusable."""
    shown = shown_path(path, root)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ArticleError(
            f"{shown}: unsupported file type {suffix!r}; use one of {', '.join(ARTICLE_SUFFIXES)}"
        )
    raw, warnings = _read_text(path, shown, html=reader is parse_html)
    article = reader(raw, shown)
    warnings += _scrub_article(article) + _drop_odd_url(article)
    _check_usable(article)
    article.warnings = warnings + article.warnings
    return article


def shown_path(path: Path, root: Path | None = None) -> str:
    """The article's path as its sheet records it: relative to root (default: the cwd)."""
    root = root or Path.cwd()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_text(path: Path, shown: str, html: bool) -> tuple[str, list[str]]:
    """The file's text, decoded and cleaned, and the warnings about it."""
    limit = MAX_PAGE if html else MAX_TEXT
    if not path.is_file():  # a folder, a pipe or a device would block or make no sense
        raise ArticleError(f"{shown}: not a file; name an article file or a folder of them")
    try:
        size = path.stat().st_size
        if size > limit:
            raise ArticleError(_too_big(shown, size, limit))
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"{shown}: cannot read the file: {e.strerror}") from None
    try:
        decoded = decode_bytes(data, _declared_charset(data) if html else None)
    except NotText as e:
        raise ArticleError(f"{shown}: {e}") from None
    text, findings = clean_text(decoded.text)
    if html:
        text, more = drop_control_references(text)
        findings += more
    if not text.strip():
        raise ArticleError(f"{shown}: the file is empty; an article needs a headline and text")
    warnings = [f"{shown}:{f.line}: {f.message}" for f in findings]
    if decoded.guessed_bytes:
        warnings.insert(0, f"{shown}: {decoded.guessed_bytes} bytes are not UTF-8 and were read "
                           "as Windows-1252; check quotation marks and accented letters, or "
                           "save the file as UTF-8")
    return text, warnings


def _declared_charset(page: bytes) -> str | None:
    """The charset an HTML page declares in its <meta>, if any."""
    m = _META_CHARSET.search(page[:4096])
    return m.group(1).decode("ascii") if m else None


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{1,40})""",
                           re.IGNORECASE)


def _too_big(shown: str, size: int, limit: int) -> str:
    what = "a saved web page" if limit == MAX_PAGE else "an article"
    hint = "save the article's page alone" if limit == MAX_PAGE else "split it"
    return (f"{shown}: {size / MB:.1f} MB is more than the {limit // MB} MB {what} may have; "
            f"{hint}")


def _scrub_article(article: Article) -> list[str]:
    """Control and bidi characters that parsing produced (HTML entities, YAML escapes) removed."""
    removed = 0
    for name in ("title", "publisher", "url", "story", "dateline"):
        value = getattr(article, name)
        if isinstance(value, str):
            value, n = scrub(value)
            setattr(article, name, " ".join(value.split()))
            removed += n
    paragraphs = []
    for paragraph in article.paragraphs:
        paragraph, n = scrub(paragraph)
        paragraphs.append(" ".join(paragraph.split()))
        removed += n
    article.paragraphs = [p for p in paragraphs if p]
    if not removed:
        return []
    return [(f"{article.path}: removed {removed} control or bidirectional character"
             f"{'s' * (removed != 1)} written as escapes or character references; "
             "check the text")]


def _drop_odd_url(article: Article) -> list[str]:
    """The article's address, kept only when it is a web address (not javascript: or data:)."""
    if not article.url or re.match(r"https?://[^\s/]", article.url, re.IGNORECASE):
        return []
    url, article.url = article.url, None
    return [f"{article.path}: the url {url[:60]!r} is not an http(s) address; it was left out"]


def _check_usable(article: Article) -> None:
    """An article needs a headline and text, and not too much of it."""
    path = article.path
    if not article.title:
        raise ArticleError(f"{path}:1: the article has no headline; put it on the first line "
                           "(or in the front matter's title)")
    if not article.paragraphs:
        raise ArticleError(f"{path}: the article has a headline but no text under it; "
                           "add the text under the headline")
    size = len(article.text.encode("utf-8"))
    if size > MAX_TEXT:
        raise ArticleError(_too_big(path, size, MAX_TEXT))
    if len(article.title) > LONG_HEADLINE:
        article.warnings.append(f"{path}:1: the headline has {len(article.title)} characters; "
                                "if the article has no headline, put one on the first line")


def parse_text(raw: str, path: str) -> Article:
    """The seed's form: headline, paragraphs, optional date line, optional agency line."""
    lines = [ln.strip() for ln in raw.split("\n")]
    blocks = [ln for ln in lines if ln]
    return _article_from_body(path, blocks[0], blocks[1:])


def parse_markdown(raw: str, path: str) -> Article:
    """Markdown with YAML front matter: title, published, publisher, url, story."""
    try:
        meta, body = split_front_matter(raw)
    except FrontMatterError as e:
        raise ArticleError(f"{path}:{e.line}: {e}") from None
    paragraphs = [strip_markdown(p) for p in re.split(r"\n\s*\n", drop_html_blocks(body))]
    paragraphs = [" ".join(p.split()) for p in paragraphs if p.strip()]
    title = _meta_text(meta, "title") or ""
    if not title and paragraphs and paragraphs[0]:
        title = paragraphs.pop(0).lstrip("# ").strip()
    date_key = "published" if meta.get("published") else "date"
    where = f"{path}:{key_line(raw, date_key, first_line=1)}"
    published = _as_date(meta.get(date_key), where)
    return _article_from_body(
        path, title, paragraphs, publisher=_meta_text(meta, "publisher"), published=published,
        url=_meta_text(meta, "url"), story=_meta_text(meta, "story"), meta=meta,
    )


def _meta_text(meta: dict, key: str) -> str | None:
    """A front matter value as text (front matter checked it is one value)."""
    value = meta.get(key)
    return None if value is None else str(value).strip() or None


def parse_html(raw: str, path: str) -> Article:
    """HTML through trafilatura: main text and metadata, never scripts or navigation."""
    doc = _extract_html(raw, with_metadata=True)
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


def _extract_html(raw: str, with_metadata: bool):
    """trafilatura's extraction; without metadata when the metadata step trips on the page."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        return trafilatura.bare_extraction(raw, with_metadata=with_metadata,
                                           include_comments=False, include_tables=False,
                                           favor_precision=True)
    except Exception:  # noqa: BLE001 - a third-party parser on hostile HTML may fail any way
        return _extract_html(raw, with_metadata=False) if with_metadata else None


READERS = {
    ".txt": parse_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
}


def _article_from_body(path: str, title: str, body: list[str], **kw) -> Article:
    """Pull a date line, a dateline opener and an agency line out of the body."""
    published = kw.pop("published", None)
    dateline = None
    # a known agency, or any publisher's name when the text does not end there
    if body and (AGENCY_LINE.match(body[-1]) or len(body) > 1 and _publisher_name(body[-1])):
        agency = body.pop().strip("(). ")
        kw["publisher"] = kw.get("publisher") or agency
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


def _as_date(value, where: str) -> dt.date | None:
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
    parsed = None
    if len(text) <= 60:  # a date is short; dateparser need not chew on a paragraph
        import dateparser

        try:
            parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
        except (ValueError, OverflowError):
            parsed = None
    if parsed is None:
        raise ArticleError(f"{where}: cannot read the date {text[:60]!r}; write it as YYYY-MM-DD")
    return parsed.date()
