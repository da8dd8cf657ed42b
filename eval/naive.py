"""The pipeline a new user would write from llama-index's starter docs, scored beside ours.

    documents = SimpleDirectoryReader("corpus").load_data()
    index = VectorStoreIndex.from_documents(documents, embed_model=HuggingFaceEmbedding(...))
    retriever = index.as_retriever(similarity_top_k=2)

Default splitter (SentenceSplitter, 1024 tokens, 200 overlap), raw files (no chrome
cleaning), the same MiniLM folder as ours, in memory, top-k 2. There is no LLM, so there is no
response synthesizer either: the "answer" is the two retrieved chunks joined, each chunk one
citation, and it never refuses. A starter pipeline has no follow-up handling, so history is
ignored and the raw question is what it retrieves with.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from qa.settings import default_model_dir
from qa.types import Answer, Citation, Passage

NAIVE_TOP_K = 2


class NaivePipeline:
    """SimpleDirectoryReader → VectorStoreIndex → top-2 retriever, with the runner's interface."""

    def __init__(self, corpus_dir: Path, model_dir: Path | None = None, top_k: int = NAIVE_TOP_K) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        embed_model = HuggingFaceEmbedding(model_name=str(model_dir or default_model_dir()), device="cpu")
        documents = SimpleDirectoryReader(str(corpus_dir)).load_data()
        self.index = VectorStoreIndex.from_documents(documents, embed_model=embed_model)
        self.top_k = top_k
        self.retriever = self.index.as_retriever(similarity_top_k=top_k)

    def retrieve(self, question: str, k: int | None = None) -> list[Passage]:
        """Its top-k chunks as Passages (k is fixed by the pipeline; the argument is ignored)."""
        return [_to_passage(r.node, r.score) for r in self.retriever.retrieve(question)]

    def ask(self, question: str, history: Any = None, k: int | None = None, mode: str | None = None) -> Answer:
        passages = self.retrieve(question)
        return Answer(
            text="\n\n".join(p.text for p in passages),
            citations=[Citation(passage=p, quote=p.text) for p in passages],
            answered=True,
            query=question,
            mode="naive",
        )


def _to_passage(node: Any, score: float | None) -> Passage:
    meta = node.metadata or {}
    name = str(meta.get("file_name", ""))
    return Passage(
        doc_id=Path(name).stem if name else str(node.ref_doc_id or ""),
        title="",
        source="",
        url="",
        text=node.get_content(),
        score=float(score or 0.0),
        passage_id=node.node_id,
    )
