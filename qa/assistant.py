"""`Assistant`: the public façade. Opens (or builds) the index once and answers questions."""
from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Sequence

from .config import Settings
from .types import Answer, Passage

History = Sequence[tuple[str, str]]


class Assistant:
    """Question answering over the news corpus, with citations.

    `Assistant()` opens `index_store/`; when it is empty it builds it from the corpus folder
    first and says so on stderr. Everything heavy (model, Chroma, BM25) is loaded here once,
    never per question.
    """

    def __init__(self, settings: Settings | None = None, *, build_if_missing: bool = True) -> None:
        from .retrieval import HybridRetriever
        from .store import IndexStore

        self.settings = settings or Settings()
        self.store = IndexStore(self.settings)
        self._lock = threading.RLock()
        if self.store.is_empty() and build_if_missing:
            print(f"index is empty: building it from {self.settings.corpus_dir} …", file=sys.stderr, flush=True)
            report = self.store.ingest([self.settings.corpus_dir], show_progress=True)
            print(f"index built: {report.summary()}", file=sys.stderr, flush=True)
        self.retriever = HybridRetriever(self.store)

    def retrieve(self, question: str, k: int | None = None) -> list[Passage]:
        """The k passages most likely to answer `question`, best first (deterministic)."""
        return self.retriever.retrieve(question, k or self.settings.top_k)

    def ingest(self, paths: list[Path], prune: bool = False):
        """Add or update articles, then make retrieval see them."""
        with self._lock:
            report = self.store.ingest(paths, prune=prune)
            if report.changed:
                self.retriever.reload()
            return report

    def ask(self, question: str, history: History | None = None, k: int | None = None) -> Answer:
        raise NotImplementedError("answers come with the answers issue")
