"""The BM25 leg's index, built from the passages in Chroma, page by page.

llama-index's `BM25Retriever.from_defaults(nodes=...)` wants every passage as a node at once
and keeps each one's whole metadata dictionary as its corpus entry: for a 50k-passage archive
that is hundreds of MiB in every replica. Here passages are tokenized a page at a time (the
same tokenizer, stop words and stemmer as `from_defaults`, so scores are identical) and each
corpus entry keeps only what the query path needs: the passage id (its text and metadata are
read from Chroma when it is retrieved, with a bounded cache) and the fields the outlet/date
filters read. The result is a plain `BM25Retriever`, persisted and loaded as before.
"""
from __future__ import annotations

from typing import Any, Iterable

CORPUS_KEYS = ("doc_id", "source", "date")  # what PassageFilter.accepts and callers read per entry


def corpus_entry(node: Any) -> dict[str, Any]:
    """The slim BM25 corpus entry of a passage: its id and the filter fields."""
    meta = node.metadata
    return {"node_id": node.node_id, **{key: meta.get(key, "") for key in CORPUS_KEYS}}


_CLASS: Any = None


def _bm25_retriever_class() -> Any:
    """`PassageBM25Retriever`: llama-index's BM25Retriever whose corpus entries may be slim
    (ids and filter fields only); bm25s' logger (set to DEBUG on import) is made quiet."""
    global _CLASS
    if _CLASS is not None:
        return _CLASS
    import logging

    from llama_index.core.schema import NodeWithScore, QueryBundle
    from llama_index.core.vector_stores.utils import metadata_dict_to_node
    from llama_index.retrievers.bm25 import BM25Retriever

    logging.getLogger("bm25s").setLevel(logging.WARNING)

    class PassageBM25Retriever(BM25Retriever):
        """BM25Retriever over a slim corpus: `node_lookup` (passage ids -> TextNodes, set by
        the store that loads it) supplies text and metadata of what it retrieves; entries that
        carry their whole node (an index persisted before) are read as before."""

        node_lookup: Any = None

        def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
            found = self.entries(query_bundle.query_str)
            slim = [entry["node_id"] for entry, _ in found if "_node_content" not in entry]
            nodes = {n.node_id: n for n in self.node_lookup(slim)} if slim and self.node_lookup else {}
            out = []
            for entry, score in found:
                node = nodes.get(entry["node_id"]) if "_node_content" not in entry else metadata_dict_to_node(entry)
                if node is not None:
                    out.append(NodeWithScore(node=node, score=score))
            return out

        def entries(self, query: str, mask: Any = None) -> list[tuple[dict, float]]:
            """(corpus entry, score) of the top k for `query`, best first. `mask`: one 0/1
            weight per corpus entry (a filter), applied before the top k is taken, so k
            matching passages come back."""
            import bm25s
            import numpy as np

            tokens = bm25s.tokenize(query, stemmer=self.stemmer if not self.skip_stemming else None,
                                    token_pattern=self.token_pattern, show_progress=False)
            base = np.array(self.corpus_weight_mask) if self.corpus_weight_mask else None
            if mask is not None:
                mask = np.asarray(mask, dtype=np.float32)
                mask = mask if base is None else mask * base
            else:
                mask = base
            indexes, scores = self.bm25.retrieve(tokens, k=self.similarity_top_k, show_progress=False, weight_mask=mask)
            return [(item if isinstance(item, dict) else self.corpus[int(item)], float(score))
                    for item, score in zip(indexes[0], scores[0])]

    _CLASS = PassageBM25Retriever
    return _CLASS


def build_bm25(pages: Iterable[list[Any]], similarity_top_k: int) -> Any:
    """A `BM25Retriever` over the passages of `pages` (lists of TextNodes), entries sorted by
    passage id so that every replica builds the same index; None when there are none."""
    import bm25s
    import numpy as np
    from bm25s.tokenization import Tokenizer
    from llama_index.core.schema import MetadataMode

    from ..text.terms import new_stemmer

    stemmer = new_stemmer()  # BM25Retriever's default stemmer and stop words (the package's, `qa.text.terms`)
    tokenizer = Tokenizer(stopwords="en", stemmer=stemmer)
    rows: list[tuple[str, Any, dict[str, Any]]] = []
    for nodes in pages:
        if not nodes:
            continue
        texts = [node.get_content(metadata_mode=MetadataMode.EMBED) for node in nodes]
        ids = tokenizer.tokenize(texts, update_vocab=True, return_as="ids", show_progress=False)
        for node, token_ids in zip(nodes, ids):
            rows.append((node.node_id, np.asarray(token_ids, dtype=np.int32), corpus_entry(node)))
    if not rows:
        return None
    rows.sort(key=lambda row: row[0])
    bm25 = bm25s.BM25()
    bm25.index(([row[1] for row in rows], tokenizer.get_vocab_dict()), show_progress=False)
    bm25.corpus = [row[2] for row in rows]
    BM25Retriever = _bm25_retriever_class()
    return BM25Retriever(existing_bm25=bm25, similarity_top_k=min(similarity_top_k, len(rows)), stemmer=stemmer)
