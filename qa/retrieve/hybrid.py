"""Hybrid retrieval: MiniLM dense search in Chroma and BM25, fused by weighted reciprocal rank.

Why fusion by rank and not by score: cosine similarities and BM25 scores live on unrelated
scales that shift with the corpus, while ranks do not. Why weighted: on this corpus BM25
finds exact names and numbers that MiniLM misses, and an equal-weight fusion did worse than
BM25 alone on the first gold set; with paraphrased and web dev questions in the choice
(`python -m eval.tune_retrieval`, grouped cross-validation) equal weights win.
llama-index's `QueryFusionRetriever` would need an LLM object even for one query, so the
fusion itself is the few lines below; both legs are llama-index retrievers.

`HybridRetriever` is itself a llama-index `BaseRetriever` (`retrieve(query)` gives
`NodeWithScore`s, so it plugs into `RetrieverQueryEngine`, chat engines, …), and
`retrieve_passages(query, k)` gives the same ranking as `Passage`s for the Assistant.
Caches here are bounded: one name table per article list, `_name_patterns` an LRU.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, overload

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, QueryType

from ..text.outlets import outlet_aliases
from ..types import Passage

DEFAULT_DENSE_WEIGHT = 1.0  # python -m eval.tune_retrieval: grouped-CV hit@3 0.806 on the dev sets incl. paraphrases
DEFAULT_BM25_WEIGHT = 1.0
RRF_K = 1
CANDIDATES = 30


@dataclass
class FusionWeights:
    dense: float = DEFAULT_DENSE_WEIGHT
    bm25: float = DEFAULT_BM25_WEIGHT
    rrf_k: int = RRF_K


def node_to_passage(node: Any, score: float) -> Passage:
    meta = node.metadata or {}
    return Passage(
        doc_id=str(meta.get("doc_id") or node.ref_doc_id or ""),
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        url=str(meta.get("url", "")),
        text=node.get_content(),
        score=float(score),
        passage_id=node.node_id,
        start=int(meta.get("start", 0) or 0),
        end=int(meta.get("end", 0) or 0),
        date=str(meta.get("date", "") or ""),
        author=str(meta.get("author", "") or ""),
    )


def fuse(rankings: list[tuple[float, list[Any]]], rrf_k: int) -> list[tuple[str, float, Any]]:
    """Weighted RRF over several ranked lists of nodes; ties broken by node id (determinism)."""
    scores: dict[str, float] = {}
    nodes: dict[str, Any] = {}
    for weight, ranked in rankings:
        for rank, node in enumerate(ranked):
            scores[node.node_id] = scores.get(node.node_id, 0.0) + weight / (rrf_k + rank + 1)
            nodes.setdefault(node.node_id, node)
    order = sorted(scores, key=lambda nid: (-scores[nid], nid))
    return [(nid, scores[nid], nodes[nid]) for nid in order]


_SOURCE_FRAMING = (
    r"(?:,\s*)?(?:according to|as reported by|as told by|says?|said|does|did|in|by|from)?\s*"
    r"(?:the\s+)?(?:author\s+of\s+)?(?:the\s+)?['\"“‘]?{name}['\"”’]?"
    r"(?:\s+(?:piece|article|analysis|op-ed|column|opinion piece|report|story))?"
)


@dataclass
class SourceMention:
    """Documents a question names by outlet or title ("according to CNN"), and the question without it."""

    doc_ids: set[str]
    query: str


_NAMES_CACHE: list[Any] = [None, None]  # [sources list, (names longest first, name -> doc ids)]


def _source_names(sources: list[tuple[str, str, str]]) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    """Outlet/title names (with their casefold) longest first, and the documents of each;
    computed once per sources list (it is replaced, not mutated, on reload)."""
    if _NAMES_CACHE[0] is sources:
        return _NAMES_CACHE[1]
    names: dict[str, set[str]] = {}
    for doc_id, title, source in sources:
        for name in (source, title, *outlet_aliases(source.strip())):  # "LA Times" names the Los Angeles Times
            name = name.strip()
            if len(name) >= 3 and not name.endswith("…"):
                names.setdefault(name, set()).add(doc_id)
    order = [(name, name.casefold()) for name in sorted(names, key=len, reverse=True)]  # titles before outlets
    _NAMES_CACHE[:] = [sources, (order, names)]
    return order, names


@lru_cache(maxsize=4096)
def _name_patterns(name: str) -> tuple[Any, Any]:
    import re

    found = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
    framing = re.compile(_SOURCE_FRAMING.format(name=re.escape(name)), re.IGNORECASE)
    return found, framing


def find_source_mention(query: str, sources: list[tuple[str, str, str]]) -> SourceMention:
    """Match outlets/titles of indexed articles named in the question.

    Naming a source is an instruction ("what does CNN say…"), not content to match: the name
    is taken out of the text both retrievers see, and passages of that source are preferred.
    Asked several times per question with thousands of names at scale, so a name is only
    tried as a regex when it occurs in the text at all (casefolded substring test).
    """
    import re

    order, names = _source_names(sources)
    matched: set[str] = set()
    text = query
    folded = text.casefold()
    for name, name_folded in order:
        if name_folded not in folded:
            continue
        found, framing = _name_patterns(name)
        if found.search(text):
            matched |= names[name]
            text = framing.sub(" ", text)
            folded = text.casefold()
    text = re.sub(r"\s+([?.!,])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ,")
    return SourceMention(matched, text if matched and len(text.split()) >= 2 else query)


# Question words BM25's English list keeps but that never carry a topic.
_EXTRA_STOPWORDS = {
    "did", "does", "do", "done", "doing", "has", "have", "had", "having", "was", "were", "is", "are", "be",
    "been", "being", "what", "who", "whom", "whose", "when", "where", "why", "how", "which", "can", "could",
    "would", "should", "will", "shall", "may", "might", "must", "according", "much", "many", "also", "else",
}


class TermStats:
    """Document frequencies of the BM25 vocabulary, for idf-weighted term coverage.

    Uses the BM25 index's own stemmer and vocabulary, so "what the question asks about" and
    "what retrieval matched on" are the same notion of a term.
    """

    def __init__(self, bm25_retriever: Any) -> None:
        import math
        import re

        import numpy as np

        self._word = re.compile(r"(?u)\b\w\w+\b")
        self._stopwords: set[str] = set()
        self.stemmer = None
        self.df: dict[str, int] = {}
        self.n = 1
        if bm25_retriever is not None:
            bm25 = bm25_retriever.bm25
            self.stemmer = bm25_retriever.stemmer
            self.n = int(bm25.scores.get("num_docs", 1)) or 1
            df = np.diff(np.asarray(bm25.scores["indptr"]))
            self.df = {tok: int(df[i]) for tok, i in bm25.vocab_dict.items() if i < len(df)}
            from bm25s.stopwords import STOPWORDS_EN

            self._stopwords = set(STOPWORDS_EN) | _EXTRA_STOPWORDS
        self._unknown_idf = math.log(1 + (self.n + 0.5) / 0.5)

    def terms(self, text: str) -> list[str]:
        words = [w for w in self._word.findall(text.lower()) if w not in self._stopwords]
        if self.stemmer is not None:
            return [self.stemmer.stemWord(w) for w in words]
        return words

    def idf(self, term: str) -> float:
        import math

        df = self.df.get(term)
        if df is None:
            return self._unknown_idf  # a word no article uses: weighs like the rarest
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def known(self, term: str) -> bool:
        return term in self.df


class HybridRetriever(BaseRetriever):
    """Dense + BM25 retrieval over an `IndexStore`, fused by weighted RRF, best first.

    - `retrieve(query)` (llama-index's `BaseRetriever` API): `similarity_top_k` nodes as
      `NodeWithScore`, the score being the fused RRF score.
    - `retrieve_passages(query, k)`: the same ranking and scores as `Passage`s (what
      `Assistant.retrieve` returns). `retrieve(query, k)` with a `k` is the same call, kept
      for callers written before this class was a `BaseRetriever`.

    `weights` (a `FusionWeights`) is read on every query, so it can be tuned in place.
    """

    def __init__(
        self, store: Any, weights: FusionWeights | None = None, candidates: int = CANDIDATES,
        similarity_top_k: int | None = None, callback_manager: Any = None,
    ) -> None:
        super().__init__(callback_manager=callback_manager)
        self.store = store
        self.weights = weights or FusionWeights()
        self.candidates = candidates
        settings = getattr(store, "settings", None)
        self.similarity_top_k = int(similarity_top_k or getattr(settings, "top_k", 0) or 5)
        self._dense: Any = None  # llama-index retriever, built on first use (queries take the fast path)
        store.embed_model  # noqa: B018 - load the model now, not on the first question
        self.bm25 = store.load_bm25(candidates)
        self.sources = self._load_sources()
        self.term_stats = TermStats(self.bm25)

    def _load_sources(self) -> list[tuple[str, str, str]]:
        docs = self.store.docstore.docs.values()
        return sorted((d.id_, d.metadata.get("title", ""), d.metadata.get("source", "")) for d in docs)

    def reload(self) -> None:
        """Pick up a rebuilt BM25 index and the article list after an ingest (Chroma is read live)."""
        self.bm25 = self.store.load_bm25(self.candidates)
        self.sources = self._load_sources()
        self.term_stats = TermStats(self.bm25)

    @property
    def dense(self) -> Any:
        """llama-index's VectorIndexRetriever over the same Chroma collection (same ranking as
        `dense_nodes`, which skips its per-query node rebuilding)."""
        if self._dense is None:
            from llama_index.core import VectorStoreIndex

            index = VectorStoreIndex.from_vector_store(self.store.vector_store, embed_model=self.store.embed_model)
            self._dense = index.as_retriever(similarity_top_k=self.candidates)
        return self._dense

    def dense_nodes(self, query: str) -> list[Any]:
        if self.weights.dense <= 0:
            return []
        return self.store.dense_nodes(self.store.embed_model.get_query_embedding(query), self.candidates)

    def bm25_nodes(self, query: str) -> list[Any]:
        if self.bm25 is None or self.weights.bm25 <= 0:
            return []
        return self.store.bm25_nodes(self.bm25, query)

    # ---- the ranking --------------------------------------------------------------------------
    def ranked(self, query: str, k: int) -> list[tuple[Any, float]]:
        """The k best (TextNode, fused score) pairs for `query`: weighted RRF of the dense and
        BM25 legs, passages of a source the question names ("according to CNN") first."""
        if not query.strip() or self.store.is_empty():
            return []
        mention = find_source_mention(query, self.sources)
        fused = fuse(
            [(self.weights.dense, self.dense_nodes(mention.query)), (self.weights.bm25, self.bm25_nodes(mention.query))],
            self.weights.rrf_k,
        )
        if mention.doc_ids:  # the named source first, the rest after (stable, so still ranked)
            fused.sort(key=lambda item: item[2].metadata.get("doc_id") not in mention.doc_ids)
        return [(node, score) for _, score, node in fused[: max(0, k)]]

    def retrieve_passages(self, query: str, k: int = 5) -> list[Passage]:
        """The k passages most likely to answer `query`, best first (deterministic)."""
        return [node_to_passage(node, score) for node, score in self.ranked(query, k)]

    def retrieve_nodes(self, query: str, k: int) -> list[NodeWithScore]:
        """The same ranking as llama-index nodes with their fused scores."""
        return [NodeWithScore(node=node, score=score) for node, score in self.ranked(query, k)]

    # ---- llama-index BaseRetriever --------------------------------------------------------------
    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.retrieve_nodes(query_bundle.query_str, self.similarity_top_k)

    @overload
    def retrieve(self, str_or_query_bundle: QueryType) -> list[NodeWithScore]: ...

    @overload
    def retrieve(self, str_or_query_bundle: str, k: int) -> list[Passage]: ...

    def retrieve(self, str_or_query_bundle: QueryType, k: int | None = None) -> list[NodeWithScore] | list[Passage]:
        """llama-index's `retrieve(query)` → `NodeWithScore`s (`similarity_top_k` of them).

        With `k` (older callers: `retrieve(query, k)`), the same as `retrieve_passages(query, k)`.
        """
        if k is not None:
            query = str_or_query_bundle.query_str if isinstance(str_or_query_bundle, QueryBundle) else str(str_or_query_bundle)
            return self.retrieve_passages(query, k)
        return super().retrieve(str_or_query_bundle)

    def with_top_k(self, similarity_top_k: int) -> BaseRetriever:
        """This retriever answering `similarity_top_k` nodes per query, without changing it
        for its other users (a view: it follows reloads and weight changes)."""
        if similarity_top_k == self.similarity_top_k:
            return self
        return _TopKView(self, similarity_top_k)


class _TopKView(BaseRetriever):
    """A `HybridRetriever` with another `similarity_top_k` (see `HybridRetriever.with_top_k`)."""

    def __init__(self, parent: HybridRetriever, similarity_top_k: int) -> None:
        super().__init__(callback_manager=parent.callback_manager)
        self.parent = parent
        self.similarity_top_k = int(similarity_top_k)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.parent.retrieve_nodes(query_bundle.query_str, self.similarity_top_k)
