"""The generated pages of a large `mkdocs build`, handed to MkDocs' loop one by one.

Each page comes from the page cache (generator.page_cache) or from the workers
(generator.parallel_build.PageWorkers), which build the rest meanwhile. MkDocs' loop takes
each page as it reaches it (`take`), so the build holds only the pages the workers are ahead
by; what the workers make goes into the page cache chunk by chunk.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack

from mkdocs.exceptions import PluginError

from generator.disk_store import DiskStore
from generator.parallel_build import BuiltPage, PageWorkers, emit
from generator.progress import progress_bar


class DeferredPages:
    """The pages at uris, until each is taken; `close` once done (or when the build fails)."""

    def __init__(self, uris: list[str], keys: dict[str, str],
                 open_store: Callable[[], DiskStore | None], start_workers: Callable[[list[str]],
                 PageWorkers], workers: int, report: Callable[[str], None]) -> None:
        """keys: each page's key in the page cache (none when it is off); open_store opens
        it; start_workers forks the workers for the pages it lacks."""
        started = time.perf_counter()
        store = open_store()
        cached = store.present(keys.values()) if store else set()
        if store:
            store.close()  # not open in the workers
        self._keys = keys
        self.from_cache = {uri for uri in uris if keys.get(uri) in cached}
        """The pages read from the page cache, not built."""
        missing = [uri for uri in uris if uri not in self.from_cache]
        self._finish = ExitStack()
        built = f"{len(missing):,} built by {workers} process{'es' * (workers != 1)}" \
            if missing else "0 built"
        self._finish.callback(lambda: report(
            f"{len(uris):,} generated pages: {len(uris) - len(missing):,} from the page cache, "
            f"{built} in {time.perf_counter() - started:.2f} s"))
        self._workers = start_workers(missing) if missing else None
        if self._workers:
            self._finish.callback(self._workers.close)
        self._waiting = set(uris)  # only now: the workers must not see it
        self._ahead: dict[str, BuiltPage] = {}  # built by workers, not yet taken
        self._store = open_store()  # opened after the workers forked
        if self._store:
            self._finish.callback(self._store.close)
            self._finish.callback(self._store.keep_only, list(keys.values()))
        self._advance = self._finish.enter_context(progress_bar(len(missing), "pages"))

    def __contains__(self, uri: str) -> bool:
        """Whether the page at uri is one of these, not yet taken."""
        return uri in self._waiting

    @property
    def done(self) -> bool:
        return not self._waiting

    def take(self, uri: str) -> BuiltPage:
        """What was made of the page: from the page cache, or from the workers, waiting for
        them if they are not there yet."""
        self._waiting.discard(uri)
        if uri in self.from_cache:
            key = self._keys[uri]
            built = self._store.get([key]).get(key)
            if built is None:  # damaged, or deleted by another build meanwhile
                self._store.drop([key])
                raise PluginError(f"{uri}: its page in the build cache ({self._store.path}) "
                                  "could not be read, and has been dropped; run the build again")
            emit(built.records)
            return built
        while uri not in self._ahead:
            chunk = self._workers.next_chunk()
            if chunk is None:
                raise PluginError(f"{uri}: the workers did not build this page")
            self._ahead.update((b.uri, b) for b in chunk.pages)
            if self._store:
                self._store.put((self._keys[b.uri], b) for b in chunk.pages)
            self._advance(len(chunk.pages))
        return self._ahead.pop(uri)

    def close(self) -> None:
        """Stop the workers, tidy the page cache, report."""
        self._waiting, self._ahead = set(), {}
        self._finish.close()
