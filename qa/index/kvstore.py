"""A llama-index key-value store kept in a Chroma collection, so that replicas share it.

llama-index's `KVDocumentStore` (the docstore of the ingestion pipeline: document hashes and
texts) runs on any `BaseKVStore`; this one puts each key in one Chroma record (id
"<collection>/<key>", the JSON value as the record's document, the collection name as its
metadata). With `QA_CHROMA_URL` every replica then reads the same docstore, and the embedded
default keeps it beside the vectors instead of in a JSON file rewritten whole every few
seconds. Records carry a one-number placeholder embedding: Chroma stores vectors for every
record, and with no embedding function set it never loads a model for these.
"""
from __future__ import annotations

import json
from typing import Any

from llama_index.core.storage.kvstore.types import DEFAULT_COLLECTION, BaseKVStore

KV_KEY = "kv"  # record metadata: which llama-index collection the key belongs to
PAGE = 2000  # records per Chroma call when reading or writing many


def kv_collection(client: Any, name: str) -> Any:
    """The Chroma collection holding the key-value records (created on first use)."""
    return client.get_or_create_collection(name, embedding_function=None)


class ChromaKVStore(BaseKVStore):
    """`BaseKVStore` over one Chroma collection: put/get/get_all/delete, batched `put_all`."""

    def __init__(self, collection: Any) -> None:
        self.collection = collection

    @staticmethod
    def _id(key: str, collection: str) -> str:
        return f"{collection}/{key}"

    def put(self, key: str, val: dict, collection: str = DEFAULT_COLLECTION) -> None:
        self.put_all([(key, val)], collection=collection)

    def put_all(self, kv_pairs: list[tuple[str, dict]], collection: str = DEFAULT_COLLECTION,
                batch_size: int = PAGE) -> None:
        pairs = list(kv_pairs)
        for start in range(0, len(pairs), PAGE):  # llama-index's batch_size is for slower stores
            chunk = pairs[start:start + PAGE]
            self.collection.upsert(
                ids=[self._id(k, collection) for k, _ in chunk],
                documents=[json.dumps(v, ensure_ascii=False) for _, v in chunk],
                metadatas=[{KV_KEY: collection} for _ in chunk],
                embeddings=[[0.0] for _ in chunk],
            )

    def get(self, key: str, collection: str = DEFAULT_COLLECTION) -> dict | None:
        got = self.collection.get(ids=[self._id(key, collection)], include=["documents"])
        return json.loads(got["documents"][0]) if got["ids"] else None

    def get_many(self, keys: list[str], collection: str = DEFAULT_COLLECTION) -> dict[str, dict]:
        """key -> value for those of `keys` that exist (one call per page of keys)."""
        out: dict[str, dict] = {}
        prefix = len(collection) + 1
        for start in range(0, len(keys), PAGE):
            ids = [self._id(k, collection) for k in keys[start:start + PAGE]]
            got = self.collection.get(ids=ids, include=["documents"])
            for record_id, doc in zip(got["ids"], got["documents"]):
                out[record_id[prefix:]] = json.loads(doc)
        return out

    # Records whose value is a flat dict of scalars kept as the record's *metadata*, not a JSON
    # document: Chroma full-text indexes documents, which costs ~10x the write for large values
    # (the sentence vectors: `sentences.py`).
    def put_metadata_all(self, kv_pairs: list[tuple[str, dict]], collection: str = DEFAULT_COLLECTION) -> None:
        pairs = list(kv_pairs)
        for start in range(0, len(pairs), PAGE):
            chunk = pairs[start:start + PAGE]
            self.collection.upsert(ids=[self._id(k, collection) for k, _ in chunk],
                                   metadatas=[{**v, KV_KEY: collection} for _, v in chunk],
                                   embeddings=[[0.0] for _ in chunk])

    def get_metadata_many(self, keys: list[str], collection: str = DEFAULT_COLLECTION) -> dict[str, dict]:
        """key -> metadata value (as `put_metadata_all` wrote it) for those of `keys` that exist."""
        out: dict[str, dict] = {}
        prefix = len(collection) + 1
        for start in range(0, len(keys), PAGE):
            got = self.collection.get(ids=[self._id(k, collection) for k in keys[start:start + PAGE]], include=["metadatas"])
            out.update({record_id[prefix:]: meta for record_id, meta in zip(got["ids"], got["metadatas"])})
        return out

    def keys(self, collection: str = DEFAULT_COLLECTION) -> set[str]:
        """Every key of `collection` (values not read)."""
        out: set[str] = set()
        prefix, offset = len(collection) + 1, 0
        while True:
            got = self.collection.get(where={KV_KEY: collection}, include=[], limit=PAGE, offset=offset)
            out.update(record_id[prefix:] for record_id in got["ids"])
            if len(got["ids"]) < PAGE:
                return out
            offset += PAGE

    def existing(self, keys: list[str], collection: str = DEFAULT_COLLECTION, where: dict | None = None) -> set[str]:
        """Which of `keys` exist (their values are not read); with `where`, a Chroma metadata
        filter, only those whose metadata passes it."""
        out: set[str] = set()
        prefix = len(collection) + 1
        for start in range(0, len(keys), PAGE):
            ids = [self._id(k, collection) for k in keys[start:start + PAGE]]
            out.update(record_id[prefix:] for record_id in self.collection.get(ids=ids, where=where, include=[])["ids"])
        return out

    def get_all(self, collection: str = DEFAULT_COLLECTION) -> dict[str, dict]:
        out: dict[str, dict] = {}
        prefix = len(collection) + 1
        offset = 0
        while True:
            got = self.collection.get(where={KV_KEY: collection}, include=["documents"], limit=PAGE, offset=offset)
            for record_id, doc in zip(got["ids"], got["documents"]):
                out[record_id[prefix:]] = json.loads(doc)
            if len(got["ids"]) < PAGE:
                return out
            offset += PAGE

    def delete(self, key: str, collection: str = DEFAULT_COLLECTION) -> bool:
        record_id = self._id(key, collection)
        existed = bool(self.collection.get(ids=[record_id], include=[])["ids"])
        if existed:
            self.collection.delete(ids=[record_id])
        return existed

    def delete_many(self, keys: list[str], collection: str = DEFAULT_COLLECTION) -> None:
        """Delete these keys (those that exist), one call per page."""
        for start in range(0, len(keys), PAGE):
            ids = [self._id(k, collection) for k in keys[start:start + PAGE]]
            if ids:
                self.collection.delete(ids=ids)

    # the async API of BaseKVStore: Chroma's client here is synchronous
    async def aput(self, key: str, val: dict, collection: str = DEFAULT_COLLECTION) -> None:
        self.put(key, val, collection)

    async def aget(self, key: str, collection: str = DEFAULT_COLLECTION) -> dict | None:
        return self.get(key, collection)

    async def aget_all(self, collection: str = DEFAULT_COLLECTION) -> dict[str, dict]:
        return self.get_all(collection)

    async def adelete(self, key: str, collection: str = DEFAULT_COLLECTION) -> bool:
        return self.delete(key, collection)
