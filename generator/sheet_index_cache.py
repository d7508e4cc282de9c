"""The sheet index kept between ingest runs, so that a run reads only the sheets that changed.

`<out>/.generated/sheet-index.json` holds each sheet's `SheetFacts` under its file's stamp
(inode, mtime, ctime, size). A sheet is read again when its stamp differs, and also when its
ctime is not older than the cache file: an edit in the same clock tick as the last write may
leave the stamp as it was (git's "racily clean" files). The cache names the generator version
it was made by, since the facts come from its code; a damaged cache, or one of another
version, is ignored and rebuilt. It is local to this checkout (inodes): no need to commit it.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.render_cache import code_fingerprint
from generator.sheet_index import SheetFacts, SheetIndex, Stamp
from generator.sheets import write_atomic
from generator.stories import Profile

FORMAT = 1


def cache_path(out_dir: Path) -> Path:
    return out_dir / ".generated" / "sheet-index.json"


def load_index(out_dir: Path) -> SheetIndex:
    """The index of the out folder: cached facts where the stamp is unchanged, else read."""
    return SheetIndex.read(out_dir, _known(out_dir))


def save_index(index: SheetIndex) -> None:
    """Write the index for the next run, atomically."""
    sheets = {path.name: [*when, _encode(facts)] for path, when, facts in index.entries()}
    data = {"format": FORMAT, "generator": code_fingerprint(), "sheets": sheets}
    write_atomic(cache_path(index.out_dir), json.dumps(data, separators=(",", ":")) + "\n")


def _known(out_dir: Path) -> dict[Path, tuple[Stamp, SheetFacts]]:
    """The cached facts that can be trusted; none when the cache is missing or damaged."""
    path = cache_path(out_dir)
    try:
        written = path.stat().st_mtime_ns
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("generator") != code_fingerprint():
            return {}
        known = {}
        for name, (ino, mtime, ctime, size, facts) in data["sheets"].items():
            if int(ctime) < written:  # else changed, maybe, in the tick the cache was written
                known[out_dir / _str(name)] = ((int(ino), int(mtime), int(ctime), int(size)),
                                               _decode(facts))
        return known
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _encode(facts: SheetFacts) -> dict:
    story = facts.profile
    return {"story": facts.story, "blank": facts.blank, "sources": facts.source_count,
            "paths": facts.article_paths, "reports": facts.reports,
            "actors": [[name, sorted(keys)] for name, keys in story.actors],
            "places": list(story.places.items()), "terms": sorted(story.terms)}


def _decode(raw: dict) -> SheetFacts:
    """Facts from the cache, every field checked for its type (TypeError when one is not)."""
    story = Profile(actors=[(_str(name), frozenset(map(_str, keys))) for name, keys in
                            _list(raw["actors"])],
                    places={_str(k): _str(v) for k, v in _list(raw["places"])},
                    terms={_str(t) for t in _list(raw["terms"])})
    return SheetFacts(story=raw["story"] is True, blank=raw["blank"] is True,
                      source_count=int(raw["sources"]),
                      article_paths=[_str(p) for p in _list(raw["paths"])],
                      reports=[(_str(d), _str(t)) for d, t in _list(raw["reports"])],
                      profile=story)


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {value!r}")
    return value


def _list(value: object) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {value!r}")
    return value
