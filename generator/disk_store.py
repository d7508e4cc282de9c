"""A build cache on disk: pickled values by key, in one table of an SQLite file.

SQLite (in the standard library) because many builds may read the file while one writes it,
a crash never leaves it half-written, and a lookup reads only the rows it asks for. The file
is local to the site (`.cache/explainers/`, git-ignored) and written only by this package, so
its values are pickles. A value that cannot be read is treated as missing; a file that cannot
be read is started again.
"""

from __future__ import annotations

import pickle
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

BATCH = 500  # keys per SQL query (SQLite's limit on parameters is 999 in old versions)


class DiskStore:
    """One table of the cache file: values by key."""

    def __init__(self, path: Path, table: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"not a table name: {table!r}")
        self.path, self.table = path, table
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30)
        self._db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB)")

    @classmethod
    def open(cls, path: Path, table: str, warn: Callable[[str], None]) -> DiskStore | None:
        """The store at path; a damaged file is reported and started again; None if even that
        fails (the build goes on without a cache)."""
        for attempt in range(2):
            try:
                store = cls(path, table)
                store._db.execute(f"SELECT count(*) FROM {table}").fetchone()
                return store
            except (sqlite3.Error, OSError) as e:
                warn(f"{path}: the build cache cannot be read ({e}); "
                     + ("starting it again" if attempt == 0 else "building without it"))
                path.unlink(missing_ok=True)
        return None

    def get(self, keys: Iterable[str]) -> dict[str, object]:
        """The values found under keys, by key."""
        found = {}
        for key, blob in self._rows("key, value", keys):
            try:
                found[key] = pickle.loads(zlib.decompress(blob))
            except Exception:  # noqa: BLE001, S112 - written by other classes: build it again
                continue
        return found

    def present(self, keys: Iterable[str]) -> set[str]:
        """The keys it has a value under, without reading the values: a large site's pages
        are found up front and read one by one as they are written."""
        return {key for key, in self._rows("key", keys)}

    def drop(self, keys: Iterable[str]) -> None:
        with self._db:
            self._db.executemany(f"DELETE FROM {self.table} WHERE key = ?", ((k,) for k in keys))

    def _rows(self, columns: str, keys: Iterable[str]) -> Iterator[tuple]:
        """The columns of the rows under keys, asked for BATCH keys at a time."""
        keys = list(keys)
        for start in range(0, len(keys), BATCH):
            batch = keys[start:start + BATCH]
            yield from self._db.execute(
                f"SELECT {columns} FROM {self.table} "
                f"WHERE key IN ({','.join('?' * len(batch))})", batch)

    def put(self, items: Iterable[tuple[str, object]]) -> None:
        with self._db:
            self._db.executemany(
                f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?)",
                ((key, zlib.compress(pickle.dumps(value, protocol=5), 1)) for key, value in items))

    def keep_only(self, keys: Iterable[str]) -> None:
        """Delete every value but these: the cache holds the site as last built."""
        with self._db:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self._db.execute("DELETE FROM used")
            self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in keys))
            self._db.execute(f"DELETE FROM {self.table} WHERE key NOT IN (SELECT key FROM used)")

    def close(self) -> None:
        self._db.close()
