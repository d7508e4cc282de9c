"""Which articles ingest has read, by content hash, so that an unchanged article is not
extracted again.

`<out>/.generated/ingested.json` records for each article (its path as the sheet's `sources`
give it) the hash of its bytes and of the generator that read it, the sheet it went into, and
the hash of that sheet and its base as the run that last named the article left them. While
all three are the same, ingesting the article again could change nothing (it would say "up to
date"), so it is skipped. An edited sheet, a deleted base, a story sheet another article has
since joined, a new version of the generator, or `explainers ingest --force`: the article is
ingested as usual. The file is only a shortcut: a damaged or missing one costs a re-extraction,
never a wrong sheet.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.render_cache import code_fingerprint
from generator.sheets import base_path, write_atomic

FORMAT = 1


def manifest_path(out_dir: Path) -> Path:
    """Next to the sheets' bases, where the MkDocs plugin and `check` do not look."""
    return out_dir / ".generated" / "ingested.json"


def article_digest(data: bytes) -> str:
    """The hash of an article's bytes as this generator reads them."""
    return hashlib.blake2b(code_fingerprint().encode() + b"\0" + data,
                           digest_size=16).hexdigest()


def sheet_state(sheet: Path) -> str | None:
    """The hash of a sheet and its base, as they are now; None when the sheet is gone."""
    try:
        text = sheet.read_bytes()
    except OSError:
        return None
    try:
        base = base_path(sheet).read_bytes()
    except OSError:
        base = b"no base"
    return hashlib.blake2b(text + b"\0base\0" + base, digest_size=16).hexdigest()


@dataclass
class Manifest:
    """Article path -> (digest, sheet file name, sheet state) of its last ingest."""

    out_dir: Path
    articles: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    states: dict[Path, str | None] = field(default_factory=dict, repr=False)
    """Sheet states read before this run wrote anything."""

    @classmethod
    def read(cls, out_dir: Path) -> Manifest:
        """The manifest on disk; an empty one when it is missing, damaged or of another format."""
        try:
            raw = json.loads(manifest_path(out_dir).read_text(encoding="utf-8"))
            articles = {str(k): (str(v[0]), str(v[1]), str(v[2]))
                        for k, v in raw["articles"].items()} if raw.get("format") == FORMAT else {}
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError,
                AttributeError):
            articles = {}
        return cls(out_dir, articles)

    def unchanged(self, article: str, digest: str) -> Path | None:
        """The sheet of an article ingested with these bytes, if sheet and base are as the last
        run that named the article left them. Ask before the run writes anything."""
        known = self.articles.get(article)
        if known is None or known[0] != digest:
            return None
        sheet = self.out_dir / known[1]
        if sheet not in self.states:
            self.states[sheet] = sheet_state(sheet)
        return sheet if self.states[sheet] == known[2] else None

    def update(self, named: list[tuple[str, str | None, Path | None]]) -> bool:
        """At the end of a run: each article it named (path, digest, sheet; no sheet: failed)
        with its sheet as the run leaves it. True when anything changed."""
        before = dict(self.articles)
        now: dict[Path, str | None] = {}
        for article, digest, sheet in named:
            if sheet is not None and sheet not in now:
                now[sheet] = sheet_state(sheet)
            if digest is None or sheet is None or now[sheet] is None:
                self.articles.pop(article, None)
            else:
                self.articles[article] = (digest, sheet.name, now[sheet])
        return self.articles != before

    def write(self) -> None:
        """Save atomically: a crash leaves the old manifest, never half of one."""
        data = {"format": FORMAT, "articles": {k: list(v) for k, v in
                                               sorted(self.articles.items())}}
        write_atomic(manifest_path(self.out_dir), json.dumps(data, indent=0) + "\n")
