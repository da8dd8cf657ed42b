"""Sentence vectors of every passage, kept in Chroma beside the passages.

Why: a passage vector averages five or so sentences, so a question asked in other words than
the article's finds the one sentence that answers it less often than that sentence's own
vector would (grouped cross-validation over the dev sets, `python -m eval.tune_retrieval`:
a third retrieval leg ranking passages by their best sentence raises hit@3). The answer step
scores exactly these sentences, so it reads their vectors from here instead of embedding them
on every new question.

The collection ("<collection>-sentences", cosine) holds one record per candidate sentence
(`candidate_spans`, instructions to an AI left out): id "<passage id>:<offset in the passage>",
metadata doc id, passage id, outlet and date number (the passage filters apply unchanged), no
text (the passage has it). Each sentence is embedded on its own (`embed_alone`), so a vector
read from here is bit for bit the one the answer step would compute.
"""
from __future__ import annotations

from typing import Any, Iterable, Sequence

import numpy as np

from ..text.instructions import is_instruction
from ..text.sentences import candidate_spans
from .embedding import embed_alone

SUFFIX = "-sentences"
WRITE_BATCH = 512  # sentences embedded and written per Chroma call
HITS_PER_PASSAGE = 4  # sentences asked from Chroma per passage wanted (a passage has several near ones)
_COPIED = ("doc_id", "source", "date_int")  # passage metadata a sentence keeps, for the filters


def sentence_id(passage_id: str, offset: int) -> str:
    return f"{passage_id}:{offset}"


def passage_of(sentence: str) -> str:
    """The passage id of a sentence id."""
    return sentence.rpartition(":")[0]


def passage_sentences(node: Any) -> list[tuple[str, str, dict[str, Any]]]:
    """(id, text, metadata) of each candidate sentence of one passage node."""
    text = node.get_content()
    meta = node.metadata or {}
    base = {key: meta[key] for key in _COPIED if meta.get(key) is not None}
    base["doc_id"] = str(meta.get("doc_id") or getattr(node, "ref_doc_id", "") or "")
    out = []
    for span in candidate_spans(text):
        sentence = text[span.start : span.end]
        if not is_instruction(sentence):
            out.append((sentence_id(node.node_id, span.start), sentence, base | {"passage_id": node.node_id}))
    return out


class SentenceIndex:
    """The sentence collection: write a passage's sentences, find passages by their best
    sentence, read sentence vectors back."""

    def __init__(self, client: Any, name: str) -> None:
        self.collection = client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"}, embedding_function=None)

    def count(self) -> int:
        return int(self.collection.count())

    def add(self, nodes: Iterable[Any], embed_model: Any, only_missing: bool = False) -> int:
        """Embed and upsert the sentences of these passages (`only_missing`: those not stored
        yet, e.g. after an interrupted backfill); returns how many were written."""
        rows = [row for node in nodes for row in passage_sentences(node)]
        if only_missing and rows:
            have = set(self.collection.get(ids=[r[0] for r in rows], include=[])["ids"])
            rows = [row for row in rows if row[0] not in have]
        for i in range(0, len(rows), WRITE_BATCH):
            batch = rows[i : i + WRITE_BATCH]
            vectors = embed_alone(embed_model, [text for _, text, _ in batch])
            self.collection.upsert(ids=[r[0] for r in batch], metadatas=[r[2] for r in batch],
                                   embeddings=[v.tolist() for v in vectors])
        return len(rows)

    def delete_documents(self, doc_ids: Sequence[str]) -> None:
        for doc_id in doc_ids:
            self.collection.delete(where={"doc_id": doc_id})

    def passage_ids(self, embedding: Sequence[float], passages: int, where: dict | None = None) -> list[str]:
        """Passage ids ranked by their most similar sentence, best first (at most `passages`)."""
        total = self.count()
        if not total:
            return []
        # ids only (the passage id is the sentence id's head): reading metadata back costs more than the search
        got = self.collection.query(query_embeddings=[list(embedding)], n_results=min(total, passages * HITS_PER_PASSAGE),
                                    where=where or None, include=["distances"])
        ranked = dict.fromkeys(passage_of(i) for i in (got["ids"][0] if got["ids"] else []))
        return list(ranked)[:passages]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors by sentence id (the ones not stored are absent)."""
        if not ids:
            return {}
        got = self.collection.get(ids=list(dict.fromkeys(ids)), include=["embeddings"])
        return {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"])}
