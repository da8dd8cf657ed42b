"""`Assistant`: the public façade. Opens (or builds) the index once and answers questions."""
from __future__ import annotations

import re
import sys
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from .errors import IndexUnavailable, LLMUnavailable  # defined in qa.errors; imported from here too
from .settings import Settings
from .types import Answer, Passage

History = Sequence[tuple[str, str]]
EXTRACTIVE = "extractive"
LLM = "llm"


# ANSI escape sequences (pasted terminal output): dropped whole, not just their ESC byte.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")


def check_question(question: str, max_chars: int) -> tuple[str, str]:
    """(cleaned question, "") or ("", why it cannot be asked), before any search runs.

    Control and invisible format characters (NUL, ESC sequences, zero-width spaces) are
    removed and white space collapsed, so pasted junk cannot reach the retrievers or the
    rendered answer; a question that is then empty, has no letter or digit, or is longer
    than `max_chars` gets a message saying so instead of a search for nothing.
    """
    text = _ANSI.sub(" ", str(question or ""))
    text = "".join(
        " " if unicodedata.category(ch) == "Cc" else "" if unicodedata.category(ch) == "Cf" else ch for ch in text
    )
    text = " ".join(text.split())
    if not text:
        return "", "Please type a question about the articles."
    if len(text) > max_chars:
        return "", (
            f"The question is {len(text):,} characters long; the limit is {max_chars:,}. "
            "Please ask a shorter question."
        )
    if not any(ch.isalnum() for ch in text):
        return "", "The question has no words to search for. Please ask it in words."
    return text, ""


def index_unreachable(exc: BaseException) -> bool:
    """True for a network failure talking to a Chroma server (refused, reset, timed out)."""
    try:
        import httpx

        if isinstance(exc, httpx.TransportError):
            return True
    except ImportError:  # pragma: no cover - chromadb depends on httpx
        pass
    return isinstance(exc, (ConnectionError, TimeoutError))


@dataclass
class DocumentInfo:
    """One article as the library shows it."""

    doc_id: str
    title: str
    source: str
    url: str
    passages: int


class Assistant:
    """Question answering over the news corpus, with citations.

    `Assistant()` opens `index_store/`; when it is empty it builds it from the corpus folder
    first and says so on stderr. Everything heavy (model, Chroma, BM25) is loaded here once,
    never per question.
    """

    def __init__(self, settings: Settings | None = None, *, build_if_missing: bool = True) -> None:
        from .answer.extractive import ExtractiveAnswerer
        from .retrieve.hybrid import HybridRetriever
        from .index.store import IndexStore

        self.settings = settings or Settings()
        self.store = IndexStore(self.settings)
        self._lock = threading.RLock()
        if self.store.is_empty() and build_if_missing:
            print(f"index is empty: building it from {self.settings.corpus_dir} …", file=sys.stderr, flush=True)
            report = self.store.ingest([self.settings.corpus_dir], show_progress=True)
            print(f"index built: {report.summary()}", file=sys.stderr, flush=True)
        self.retriever = HybridRetriever(self.store)
        self.answerer = ExtractiveAnswerer(self.store.embed_model, self.retriever)
        self._llm = None

    # ---- retrieval -------------------------------------------------------------------
    def retrieve(self, question: str, k: int | None = None) -> list[Passage]:
        """The k passages most likely to answer `question`, best first (deterministic).

        Raises `IndexUnavailable` (a ConnectionError) with a clear message when a Chroma server
        in QA_CHROMA_URL cannot be reached.
        """
        try:
            return self.retriever.retrieve(question, k or self.settings.top_k)
        except Exception as exc:
            if index_unreachable(exc):
                raise IndexUnavailable(f"the index server is unreachable ({self.settings.chroma_url}): {exc}") from exc
            raise

    @property
    def embed_model(self):
        """The embedding model of the index (a llama-index `BaseEmbedding`), loaded once."""
        return self.store.embed_model

    def standalone_query(self, question: str, history: History | None = None) -> str:
        """`question` made standalone from the earlier turns: what retrieval searches for."""
        from .retrieve.followups import condense

        return condense(question, history)

    # ---- answering -------------------------------------------------------------------
    @property
    def modes(self) -> list[str]:
        """Answer modes available now: extractive always, llm when QA_LLM_URL/MODEL are set."""
        return [EXTRACTIVE, LLM] if self.settings.llm_enabled else [EXTRACTIVE]

    def ask(self, question: str, history: History | None = None, k: int | None = None, mode: str | None = None) -> Answer:
        """Answer `question` (with earlier (question, answer) turns) citing passages."""
        answer: Answer | None = None
        for event in self.ask_stream(question, history, k, mode):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def ask_stream(
        self, question: str, history: History | None = None, k: int | None = None, mode: str | None = None
    ) -> Iterator[str | Answer]:
        """Yield text pieces as they are produced, then the final `Answer` (always last).

        The pieces are for live display only; the final Answer is what to keep (in LLM mode
        it has unsupported sentences removed or marked, which the raw stream does not).
        """
        mode = mode or (LLM if self.settings.llm_enabled else EXTRACTIVE)
        question, problem = check_question(question, self.settings.max_question_chars)
        if problem:
            yield problem
            yield Answer(text=problem, answered=False, mode=mode, error=True)
            return
        query = self.standalone_query(question, history)
        k = k or self.settings.top_k
        try:
            passages = self.answerer.candidates(query, k)
        except Exception as exc:  # a Chroma server that went away: say so, keep serving
            if not index_unreachable(exc):
                raise
            where = self.settings.chroma_url or str(self.settings.index_dir)
            text = f"The index server is unreachable ({where}: {exc}). Please try again once it is back."
            yield text
            yield Answer(text=text, answered=False, query=query, mode=mode, notice="The index server is unreachable.", error=True)
            return
        if mode == LLM and self.settings.llm_enabled:
            try:
                yield from self._llm_answerer().stream(question, query, passages)
                return
            except LLMUnavailable as exc:
                fallback = self.answerer.answer(question, query, passages)
                fallback.notice = f"The language model is unavailable ({exc}); showing the extractive answer."
                yield fallback.text
                yield fallback
                return
        answer = self.answerer.answer(question, query, passages)
        yield answer.text
        yield answer

    def _llm_answerer(self):
        if self._llm is None:
            from .llm.answerer import LLMAnswerer

            self._llm = LLMAnswerer(self.settings, self.store.embed_model)
        return self._llm

    # ---- library ---------------------------------------------------------------------
    def ingest(self, paths: list[Path], prune: bool = False):
        """Add or update articles (validated first; a bad file changes nothing), then reload."""
        with self._lock:
            report = self.store.ingest(paths, prune=prune)
            if report.changed:
                self.retriever.reload()
                self.answerer.forget_articles()
            return report

    def check_file(self, path: Path) -> None:
        """Raise IngestError (a ValueError naming the file) if `path` cannot be ingested."""
        from .ingest.readers import check_file

        check_file(Path(path), self.settings.max_file_bytes)

    def library(self) -> list[DocumentInfo]:
        """The indexed articles with title, outlet and passage count, by document id."""
        counts: dict[str, DocumentInfo] = {}
        for node in self.store.all_nodes():
            meta = node.metadata
            doc_id = str(meta.get("doc_id", ""))
            info = counts.get(doc_id)
            if info is None:
                info = counts[doc_id] = DocumentInfo(doc_id, meta.get("title", ""), meta.get("source", ""), meta.get("url", ""), 0)
            info.passages += 1
        return [counts[d] for d in sorted(counts)]

    def document_text(self, doc_id: str) -> str:
        """The cleaned text of one article (what passages and quotes are cut from)."""
        doc = self.store.docstore.get_document(doc_id, raise_error=False)
        if doc is None:
            raise KeyError(f"no article with id {doc_id!r}")
        return doc.get_content()
