"""Progress bars for long runs (ingesting or building thousands of files).

tqdm draws them: on stderr, and only when stderr is a terminal (`disable=None`), so CI logs,
pipes and tests get the same lines as before and no bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm

# Fewer items than this finish before a bar is worth reading.
MIN_ITEMS = 50
# No monitor thread: a build forks workers while its bar is shown, and forking a process that
# runs other threads can leave a lock they held taken for good in the child.
tqdm.monitor_interval = 0


@contextmanager
def progress_bar(total: int, unit: str) -> Iterator[Callable[[int], None]]:
    """A bar for `total` items; yields `advance(n)`. Nothing is drawn off a terminal."""
    if total < MIN_ITEMS:
        yield lambda n: None
        return
    with tqdm(total=total, unit=f" {unit}", disable=None, leave=False, dynamic_ncols=True,
              mininterval=0.25) as bar:
        yield bar.update
