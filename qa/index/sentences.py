"""Sentence vectors of every passage, stored beside the index state in Chroma.

Why: the answer step scores every candidate sentence of the retrieved passages by, among
other features, its MiniLM similarity to the question. Embedding those sentences was most of a
new question's time (each alone: `embed_alone`); embedded once at ingest and read back here,
a new question costs a lookup. The vectors are the ones `embed_alone` gives (float32, bit for
bit), so answers do not change.

Where: one record per passage in the state collection (`kvstore.py`, namespace
`qa/sentences`, key = passage id): the character offsets of its
candidate sentences (`candidate_spans`, instructions to an AI left out), their vectors as
base64 float32 and the `SPLITTER_VERSION` that cut them, all in the record's *metadata*. A record
of another splitter reads as absent: its offsets would give a sentence that now ends elsewhere
the vector of the old, shorter one. Not in its document, which Chroma indexes
for full-text search (ten times the write cost: 10 ms per passage); and not a vector
collection of their own: nothing searches them, and in the embedded mode a collection's HNSW
index sits in the app's memory (a 50k-passage archive's 150k sentence vectors added 314 MiB
to a warm process when they were one).
"""
from __future__ import annotations

import base64
from typing import Any, Iterable, Sequence

import numpy as np

from ..text.instructions import is_instruction
from ..text.sentences import SPLITTER_VERSION, candidate_spans
from .cache import LRUCache
from .embedding import embed_alone

SENTENCES = "qa/sentences"  # key-value namespace: passage id -> its sentences' offsets and vectors
RECORD_CACHE_SIZE = 1_000  # passages whose records are kept decoded (~6 KB each; a question reads 15)
EMBED_BATCH = 512  # sentences embedded per call (then written, so a long backfill progresses)


def sentence_id(passage_id: str, offset: int) -> str:
    """The id of the sentence starting at `offset` (characters) in the passage's text."""
    return f"{passage_id}:{offset}"


def passage_of(sentence: str) -> str:
    """The passage id of a sentence id."""
    return sentence.rpartition(":")[0]


def passage_sentences(node: Any) -> list[tuple[int, str]]:
    """(offset, text) of each candidate sentence of one passage node."""
    text = node.get_content()
    out = []
    for span in candidate_spans(text):
        sentence = text[span.start : span.end]
        if not is_instruction(sentence):
            out.append((span.start, sentence))
    return out


def _encode(vectors: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(vectors, dtype=np.float32).tobytes()).decode("ascii")


def _offsets(meta: dict[str, Any]) -> list[int]:
    return [int(x) for x in str(meta.get("offsets", "")).split()]


def is_current(meta: dict[str, Any]) -> bool:
    """Whether a record was cut by today's splitter (records from before the version carry none: 1)."""
    return int(meta.get("splitter", 1)) == SPLITTER_VERSION


def _decode(meta: dict[str, Any]) -> np.ndarray:
    raw = np.frombuffer(base64.b64decode(meta.get("vectors", "")), dtype=np.float32)
    n = len(_offsets(meta))
    return raw.reshape(n, -1) if n else raw.reshape(0, 0)


class SentenceIndex:
    """Write the sentence vectors of passages, read them back by sentence id."""

    def __init__(self, kv: Any) -> None:
        self.kv = kv  # the state collection's ChromaKVStore
        # passage id -> (offsets, vectors) as read: filled by `prefetch` while the passages
        # themselves are read, so the answer step finds them here
        self._records: LRUCache[str, tuple[list[int], np.ndarray]] = LRUCache(RECORD_CACHE_SIZE)

    def prefetch(self, passage_ids: Sequence[str]) -> None:
        """Read these passages' records into the cache (the retriever calls it beside its read
        of the passages)."""
        self._read(passage_ids)

    def forget(self, passage_ids: Sequence[str] | None = None) -> None:
        """Drop cached records (of these passages; None: all) after they changed."""
        if passage_ids is None:
            self._records.clear()
        for passage_id in passage_ids or ():
            self._records.pop(passage_id, None)

    def _read(self, passage_ids: Sequence[str]) -> dict[str, tuple[list[int], np.ndarray]]:
        out, missing = self._records.split(passage_ids)
        if missing:
            for passage_id, meta in self.kv.get_metadata_many(missing, SENTENCES).items():
                if not is_current(meta):
                    meta = {}  # cut by another splitter: as if absent (embedded when asked)
                out[passage_id] = self._records[passage_id] = (_offsets(meta), _decode(meta))
        return out

    def current(self, passage_ids: Sequence[str]) -> set[str]:
        """Which of these passages have a record cut by today's splitter (Chroma filters on the
        version: no vector is read)."""
        return self.kv.existing(list(passage_ids), SENTENCES, where={"splitter": SPLITTER_VERSION})

    def passages(self) -> set[str]:
        """Every passage id that has its record (ids only; for checks and tests)."""
        return self.kv.keys(SENTENCES)

    def add(self, nodes: Iterable[Any], embed_model: Any) -> int:
        """Embed and store the sentences of these passages; returns how many sentences."""
        added, batch, size = 0, [], 0
        for node in nodes:
            rows = passage_sentences(node)
            batch.append((node.node_id, rows))
            size += len(rows)
            if size >= EMBED_BATCH:
                added += self._write(batch, embed_model)
                batch, size = [], 0
        return added + self._write(batch, embed_model)

    def _write(self, batch: list[tuple[str, list[tuple[int, str]]]], embed_model: Any) -> int:
        texts = [text for _, rows in batch for _, text in rows]
        # Passages overlap by a sentence, so a third of the sentences of an article come twice
        # (on the corpus: 344 sentences, 233 distinct): each distinct text is embedded once.
        # Alone, a text's vector does not depend on what else is embedded, so this is the
        # vector it would get anyway.
        distinct = list(dict.fromkeys(texts))
        vector_of = dict(zip(distinct, embed_alone(embed_model, distinct)))
        records = []
        for passage_id, rows in batch:
            mine = np.stack([vector_of[text] for _, text in rows]) if rows else np.zeros((0, 0), np.float32)
            offsets = " ".join(str(offset) for offset, _ in rows)
            records.append((passage_id, {"offsets": offsets, "vectors": _encode(mine), "splitter": SPLITTER_VERSION}))
        if records:
            self.forget([passage_id for passage_id, _ in records])
            self.kv.put_metadata_all(records, SENTENCES)
        return len(texts)

    def delete_passages(self, passage_ids: Sequence[str]) -> None:
        self.forget(list(passage_ids))
        self.kv.delete_many(list(passage_ids), SENTENCES)

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors by sentence id (those not stored are absent)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        out: dict[str, np.ndarray] = {}
        for passage_id, (offsets, vectors) in self._read([passage_of(i) for i in wanted]).items():
            for offset, vector in zip(offsets, vectors):
                out[sentence_id(passage_id, offset)] = vector
        return {i: out[i] for i in wanted if i in out}

    def passage_vectors(self, passage_ids: Sequence[str]) -> dict[str, tuple[list[int], np.ndarray]]:
        """passage id -> (sentence offsets, their vectors), for the passages that have them."""
        return self._read(passage_ids)
