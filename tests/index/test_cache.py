"""The index readers' bounded cache."""
from __future__ import annotations

from qa.index.cache import LRUCache


def test_split_gives_the_cached_entries_and_the_keys_to_fetch_once_each_in_order():
    cache: LRUCache[str, int] = LRUCache(3)
    for key, value in (("a", 1), ("b", 2), ("c", 3), ("d", 4)):  # "a" is dropped: least recently used
        cache[key] = value
    found, missing = cache.split(["d", "a", "x", "b", "a", "d"])
    assert found == {"d": 4, "b": 2} and missing == ["a", "x"]
    cache["e"] = 5  # "c" was used least recently (split touched "d" and "b")
    assert "c" not in cache and len(cache) == 3
