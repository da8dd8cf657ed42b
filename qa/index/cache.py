"""A bounded, thread-safe cache for the index's readers (passages, article texts, sentence vectors)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Generic, Hashable, Iterable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    """A mapping with a size limit: adding past `maxsize` drops the least recently used entry.

    For caches of a long-running server, which a plain dict would grow without bound.
    """

    def __init__(self, maxsize: int) -> None:
        self.maxsize = max(1, int(maxsize))
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, default: Any = None) -> Any:
        with self._lock:
            if key not in self._data:
                return default
            self._data.move_to_end(key)
            return self._data[key]

    def __setitem__(self, key: K, value: V) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __len__(self) -> int:
        return len(self._data)

    def pop(self, key: K, default: Any = None) -> Any:
        with self._lock:
            return self._data.pop(key, default)

    def split(self, keys: Iterable[K]) -> tuple[dict[K, V], list[K]]:
        """(the cached entries of `keys`, the keys not cached, in order, each once): what a
        reader then fetches in one call."""
        found: dict[K, V] = {}
        missing: list[K] = []
        for key in dict.fromkeys(keys):
            value = self.get(key)
            if value is None:
                missing.append(key)
            else:
                found[key] = value
        return found, missing

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
