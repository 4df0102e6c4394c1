"""The API's way to the data: the published snapshot, with results cached per snapshot version.

Why a cache: a client pages through a table with several requests, and training priorities take a
while to compute; each page must not compute them again. Keys carry the snapshot's version, so a
newly published snapshot is never answered from an old result (as in the dashboard's cache).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from warehouse.snapshot import SnapshotReader

MAX_ENTRIES = 256


class CachedReader:
    def __init__(self, snapshot_path: str, max_entries: int = MAX_ENTRIES):
        self.snapshot = SnapshotReader(snapshot_path)
        self.max_entries = max_entries
        self._results: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def version(self) -> str:
        """The snapshot's version as a client sees it: changes whenever a new snapshot is published."""
        return hashlib.sha256(self.snapshot.version().encode()).hexdigest()[:16]

    def query(self, fn, *args, **kwargs):
        """``fn(cursor, *args, **kwargs)`` on the snapshot, or the result cached for this version."""
        key = (self.snapshot.version(), fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        result = self.snapshot.run(fn, *args, **kwargs)
        with self._lock:
            self._results[key] = result
            while len(self._results) > self.max_entries:
                self._results.popitem(last=False)
        return result

    def query_uncached(self, fn, *args, **kwargs):
        """For reads that must not linger in memory (citizens' texts)."""
        return self.snapshot.run(fn, *args, **kwargs)
