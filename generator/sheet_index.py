"""The sheets of the out folder as ingest routes by them: read once per run, not per article.

Routing an article (`generator.ingest`) asks four things of the sheets already written: which
one lists the article among its sources (a re-ingest), how many sources that one has, whether
the sheet under the article's slug reports the same headline and date, and which story the
article matches best. Reading every sheet for every article made a batch quadratic; the index
reads each sheet once, keeps what those questions need (`SheetFacts`), and is told of every
sheet ingest writes, so a later article of the same run sees the earlier ones.

Scoring uses an inverted index (actor keys, place keys, terms -> sheets): an article is scored
only against the sheets it shares a key with, since a sheet that shares none scores 0. The
answers are those `stories.rank_stories` and `stories.sheet_with_article` give, which stay as
the definition.

The facts are kept between runs in `<out>/.generated/sheet-index.json` (`generator.
sheet_index_cache`), so that a run against thousands of sheets reads only those that changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.merge import plain
from generator.model import FactSheet
from generator.sheets import parse_sheet_data
from generator.stories import Match, Profile, profile, score

Stamp = tuple[int, int, int, int]
# Sheets whose checked text the index keeps: more than the stories a batch of articles
# alternates between, few enough that thousands of new sheets are not all held.
KEEP_CHECKED = 64
# Stories held merged in memory at most (`SheetIndex.hold`): a 70-source story is 1.3 MB.
HOLD = 16


@dataclass
class SheetFacts:
    """What routing needs to know of one sheet file."""

    story: bool
    """The file holds a YAML mapping: a story an article can be matched to."""
    blank: bool
    """Unreadable, not a mapping, or empty: the article under its slug goes to update_sheet,
    which reports why it cannot merge (the issue-5 re-ingest)."""
    source_count: int = 0
    """Entries in `sources`: more than one makes a re-ingest a story merge."""
    article_paths: list[str] = field(default_factory=list)
    """The `path` of each source: the articles ingested into this sheet."""
    reports: list[tuple[str, str]] = field(default_factory=list)
    """(published, title) of each source, to tell the same article read from elsewhere."""
    profile: Profile = field(default_factory=Profile)
    """What the sheet is about, for story matching."""


def facts_of(data: object) -> SheetFacts:
    """The facts of a sheet's plain data, as loaded (anything YAML can hold)."""
    if not isinstance(data, dict):
        return SheetFacts(story=False, blank=True)
    sources = data.get("sources") or []
    items = [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []
    return SheetFacts(
        story=True, blank=not data,
        source_count=len(sources) if isinstance(sources, list) else 0,
        article_paths=[s["path"] for s in items if isinstance(s.get("path"), str)],
        reports=[(str(plain(s.get("published"))), s["title"]) for s in items
                 if isinstance(s.get("title"), str)],
        profile=_profile(data))


def _profile(data: dict) -> Profile:
    """The sheet's story profile; none for a sheet with `actors: 5` (check reports it)."""
    try:
        return profile(data)
    except TypeError:
        return Profile()


def read_facts(path: Path, known: Checked | None = None) -> SheetFacts:
    """The facts of one sheet file; a file that cannot be read is blank, as ingest sees it.
    Not parsed again when its text is the one `known` holds."""
    try:
        text = path.read_text(encoding="utf-8")
        data = known.data if known is not None and known.text == text else parse_sheet_data(text)
        return facts_of(data)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):  # 2025-02-30 too
        return SheetFacts(story=False, blank=True)


@dataclass
class Checked:
    """A sheet's text as ingest wrote it this run, its data and the validator's problems."""

    text: str
    data: dict | None
    problems: list


@dataclass
class Held:
    """A story merged in memory and not yet written (`SheetIndex.hold`)."""

    data: dict
    """The story as merged, plain data: its sheet once written."""
    base: dict
    """The story as generated (the same object as `data` when nobody edited it): its base."""
    on_disk: str
    """The sheet's text on disk when the story was first held."""
    articles: list[Path] = field(default_factory=list)
    """The articles merged into it since."""


def stamp(path: Path) -> Stamp:
    """(inode, mtime_ns, ctime_ns, size): while it is the same, the file is taken to be
    unchanged. The ctime too, since `touch -r` or `cp -p` can set an mtime back, not a ctime."""
    st = path.stat()
    return st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size


class SheetIndex:
    """The facts of every `*.yaml` in the out folder, kept current as ingest writes."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.facts: dict[Path, SheetFacts] = {}
        self.stamps: dict[Path, Stamp] = {}
        self._by_article: dict[str, set[Path]] = defaultdict(set)
        self._by_key: dict[str, set[Path]] = defaultdict(set)  # "a:", "p:", "t:" + key
        # The sheets written lately, checked: a story gets a merge per article, and the next
        # merge into it starts from its text, which need not be parsed and checked again.
        self._checked: dict[Path, Checked] = {}
        # Stories merged and not yet written (only where the caller writes them: `holding`).
        self.holding = False
        self._held: dict[Path, Held] = {}
        self.reports: list = []  # ingest.Outcome lines of held stories written late

    @classmethod
    def read(cls, out_dir: Path, known: dict[Path, tuple[Stamp, SheetFacts]] | None = None
             ) -> SheetIndex:
        """Every sheet in the folder; a file whose stamp is in `known` is not read again."""
        index = cls(out_dir)
        known = known or {}
        for path in sorted(out_dir.glob("*.yaml")) if out_dir.is_dir() else []:
            try:
                now = stamp(path)
            except OSError:
                continue
            cached = known.get(path)
            index.put(path, cached[1] if cached and cached[0] == now else read_facts(path), now)
        return index

    def put(self, path: Path, facts: SheetFacts, when: Stamp) -> None:
        """Know `path` by these facts (a sheet read, or just written)."""
        self._forget(path)
        self.facts[path], self.stamps[path] = facts, when
        for article in facts.article_paths:
            self._by_article[article].add(path)
        for key in _keys(facts.profile):
            self._by_key[key].add(path)

    def refresh(self, path: Path) -> None:
        """Read a sheet again after ingest wrote it (or merged it, to be written)."""
        try:
            held = self._held.get(path)
            facts = facts_of(held.data) if held else read_facts(path, self._checked.get(path))
            self.put(path, facts, stamp(path))
        except OSError:
            self._forget(path)

    def held(self, path: Path) -> Held | None:
        """The story merged into this sheet and not yet written, if any."""
        return self._held.get(path)

    def hold(self, path: Path, data: dict, base: dict, on_disk: str, article: Path
             ) -> list[Path]:
        """Keep a story's merge to write later; the stories held longest, past HOLD, are
        handed back to be written now (each holds a whole story in memory)."""
        held = self._held.pop(path, None) or Held(data, base, on_disk)
        held.data, held.base = data, base
        held.articles.append(article)
        self._held[path] = held
        return list(self._held)[:-HOLD] if len(self._held) > HOLD else []

    def release(self, path: Path) -> Held | None:
        """Stop holding a story (to write it): what was held."""
        return self._held.pop(path, None)

    def held_paths(self) -> list[Path]:
        return list(self._held)

    def checked(self, path: Path, text: str) -> Checked | None:
        """What `remember` was told of this text of the sheet; None for any other text."""
        known = self._checked.get(path)
        return known if known is not None and known.text == text else None

    def remember(self, path: Path, checked: Checked) -> None:
        """A text of the sheet as checked (to be written): the last few sheets are kept."""
        self._checked.pop(path, None)
        self._checked[path] = checked
        while len(self._checked) > KEEP_CHECKED:
            del self._checked[next(iter(self._checked))]

    def _forget(self, path: Path) -> None:
        old = self.facts.pop(path, None)
        self.stamps.pop(path, None)
        if old is None:
            return
        for article in old.article_paths:
            self._by_article[article].discard(path)
        for key in _keys(old.profile):
            self._by_key[key].discard(path)

    # ---- what routing asks -------------------------------------------------------------------

    def sheet_with_article(self, article_path: str) -> Path | None:
        """The sheet that already lists this article among its sources: a re-ingest."""
        return min(self._by_article.get(article_path, ()), default=None)

    def about(self, path: Path) -> SheetFacts:
        """The facts of a sheet; one the index has not seen (made meanwhile) is read now."""
        if path not in self.facts:
            self.refresh(path)
        return self.facts.get(path) or SheetFacts(story=False, blank=True)

    def same_article(self, path: Path, sheet: FactSheet) -> bool:
        """The sheet holds this article (read from another folder, say), or cannot be read."""
        facts = self.about(path)
        new = sheet.sources[0]
        return facts.blank or (str(new.published), new.title) in facts.reports

    def best_story(self, article: Profile) -> Match | None:
        """`rank_stories(...)[0]`: the best-scoring sheet, the first by name among equals."""
        best: Match | None = None
        for path in sorted(self._candidates(article)):
            value, shared = score(article, self.facts[path].profile)
            if best is None or value > best.score:
                best = Match(path, value, shared)
        if best is not None and best.score > 0:
            return best
        # Nothing shared: every story scores 0, and the first by name is the nearest.
        first = min((p for p, f in self.facts.items() if f.story), default=None)
        return None if first is None else Match(first, *score(article, self.facts[first].profile))

    def _candidates(self, article: Profile) -> set[Path]:
        """The sheets that share an actor key, a place or a term with the article."""
        found: set[Path] = set()
        for key in _keys(article):
            found |= self._by_key.get(key, set())
        return {p for p in found if self.facts[p].story}

    def entries(self) -> Iterator[tuple[Path, Stamp, SheetFacts]]:
        """Every sheet known, with its stamp, for the cache."""
        for path, facts in self.facts.items():
            yield path, self.stamps[path], facts


def _keys(story: Profile) -> Iterable[str]:
    """The inverted index's keys of a profile; sharing one is what makes a score above 0."""
    for _, keys in story.actors:
        yield from (f"a:{k}" for k in keys)
    yield from (f"p:{k}" for k in story.places)
    yield from (f"t:{t}" for t in story.terms)
