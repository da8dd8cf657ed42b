"""In-process measurements: index build, warm retrieve/ask latency and hit@k, for ours and naive.

These run inside a fresh worker process (`bench.worker`) for the real figures, and directly
in the smoke test on a tiny corpus. Settings come from the caller (or `QA_*` env in a worker),
so a bench never touches the real `index_store/`.
"""
from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Any, Callable

from .gold import evidence_hit, scored
from .stats import summarize_ms

WARM_UP = "What is this article about?"


def peak_rss_mb() -> float:
    """This process' peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def build_ours(settings: Any, corpus_dir: Path, embed_model: Any = None) -> dict[str, Any]:
    """Index `corpus_dir` into `settings.index_dir` from scratch; model load timed apart."""
    from qa.index.store import IndexStore

    t0 = time.perf_counter()
    store = IndexStore(settings, embed_model=embed_model) if embed_model is not None else IndexStore(settings)
    t_open = time.perf_counter()
    store.embed_model  # noqa: B018 - load the model now, so the build figure is the build
    t_model = time.perf_counter()
    cpu0 = time.process_time()
    report = store.ingest([corpus_dir])
    t_done = time.perf_counter()
    build_cpu_s = time.process_time() - cpu0
    passages = store.count()
    build_s = t_done - t_model
    return {
        "passages": passages,
        "documents": len(report.added) + len(report.updated),
        "open_s": t_open - t0,
        "model_s": t_model - t_open,
        "build_s": build_s,
        "passages_per_s": passages / build_s if build_s > 0 else float("nan"),
        "build_cpu_s": build_cpu_s,
        "passages_per_cpu_s": passages / build_cpu_s if build_cpu_s > 0 else float("nan"),
        "peak_rss_mb": peak_rss_mb(),
    }


def _time(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def query_ours(assistant: Any, items: list[dict[str, Any]], passes: int = 2, k: int = 5, what: str = "ask") -> dict[str, Any]:
    """Warm latency of `ask` (what="ask") or of `retrieve` plus hit@3/hit@k (what="retrieve").

    One process times one of the two, so that neither profits from the other's caches (the
    query embedding). Pass 1 is every question seen for the first time by a warm process
    (the honest figure); later passes repeat them, so they show what the caches are worth.
    Follow-ups carry the history of our own earlier answers (ask) or are condensed against
    the earlier question (retrieve), as in a chat.
    """
    from qa.retrieve.followups import condense

    if what not in ("ask", "retrieve"):
        raise ValueError(f"what must be 'ask' or 'retrieve', not {what!r}")
    if what == "ask":
        assistant.ask(WARM_UP)
    else:
        assistant.retrieve(WARM_UP, k)
    by_id = {item["id"]: item for item in items}
    out: dict[str, Any] = {}
    hits3 = hitsk = n_scored = 0
    for p in range(1, passes + 1):
        answers: dict[str, str] = {}
        times = []
        for item in items:
            follows = item.get("follows") or ""
            history = [(by_id[follows]["question"], answers.get(follows, ""))] if follows in by_id else None
            if what == "ask":
                dt, answer = _time(lambda: assistant.ask(item["question"], history=history, k=k))
                answers[item["id"]] = answer.text
                times.append(dt)
                continue
            query = condense(item["question"], history)
            dt, passages = _time(lambda: assistant.retrieve(query, k))
            times.append(dt)
            answers[item["id"]] = " ".join(x.text for x in passages[:1])
            if p == 1 and scored(item):
                n_scored += 1
                texts = [x.text for x in passages]
                hits3 += evidence_hit(item, texts[:3])
                hitsk += evidence_hit(item, texts)
        out[f"pass{p}"] = {what: summarize_ms(times)}
    if what == "retrieve":
        out["hit@3"] = hits3 / n_scored if n_scored else float("nan")
        out[f"hit@{k}"] = hitsk / n_scored if n_scored else float("nan")
        out["scored_items"] = n_scored
    out["peak_rss_mb"] = peak_rss_mb()
    return out


# ---- the naive llama-index starter pipeline ------------------------------------------
NAIVE_TOP_K = 2


class Naive:
    """SimpleDirectoryReader → VectorStoreIndex (default splitter) → top-2 retriever, in memory.

    The same MiniLM folder through `HuggingFaceEmbedding`. No LLM is available offline, so its
    "answer" is the retrieved chunks joined (as in `eval/naive.py`): ask = retrieve + join.
    """

    def __init__(self, corpus_dir: Path, model_dir: Path) -> None:
        from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        t0 = time.perf_counter()
        embed_model = HuggingFaceEmbedding(model_name=str(model_dir), device="cpu")
        t1 = time.perf_counter()
        documents = SimpleDirectoryReader(str(corpus_dir)).load_data()
        self.index = VectorStoreIndex.from_documents(documents, embed_model=embed_model)
        t2 = time.perf_counter()
        self.retriever = self.index.as_retriever(similarity_top_k=NAIVE_TOP_K)
        self.model_s, self.build_s = t1 - t0, t2 - t1
        self.chunks = len(self.index.index_struct.nodes_dict)

    def retrieve(self, question: str, k: int | None = None) -> list[Any]:
        return [r.node for r in self.retriever.retrieve(question)]

    def ask(self, question: str, history: Any = None, k: int | None = None) -> str:
        return "\n\n".join(n.get_content() for n in self.retrieve(question))


def query_naive(naive: Naive, items: list[dict[str, Any]], passes: int = 2) -> dict[str, Any]:
    """Same loop as `query_ours` (raw question: a starter pipeline has no follow-up handling)."""
    naive.ask(WARM_UP)
    out: dict[str, Any] = {}
    hits = n_scored = 0
    for p in range(1, passes + 1):
        t_retrieve, t_ask = [], []
        for item in items:
            dt, nodes = _time(lambda: naive.retrieve(item["question"]))
            t_retrieve.append(dt)
            dt, _ = _time(lambda: naive.ask(item["question"]))
            t_ask.append(dt)
            if p == 1 and scored(item):
                n_scored += 1
                hits += evidence_hit(item, [n.get_content() for n in nodes])
        out[f"pass{p}"] = {"retrieve": summarize_ms(t_retrieve), "ask": summarize_ms(t_ask)}
    out[f"hit@{NAIVE_TOP_K}"] = hits / n_scored if n_scored else float("nan")
    out["scored_items"] = n_scored
    out["peak_rss_mb"] = peak_rss_mb()
    return out
