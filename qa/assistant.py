"""`Assistant`: the public façade. Opens (or builds) the index once and answers questions.

Every public call raises only `qa.errors.QAError` subclasses for expected failures (a bad
file, an unreachable index server, a bad setting, an unknown document, an impossible request);
anything else is a bug and propagates as it is. Progress goes to the `qa.assistant` logger.
"""
from __future__ import annotations

import contextlib
import logging
import operator
import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .errors import BadQuestion, IndexUnavailable, LLMUnavailable, QAError, UnknownDocument, index_unreachable
from .llm.events import Draft, Replace, Sentence, Status  # noqa: F401  (re-exported: the stream's events, for callers of ask_stream such as qa.web)
from .settings import Settings
from .text.language import looks_english
from .types import Answer, Passage

log = logging.getLogger(__name__)

History = Sequence[tuple[str, str]]
EXTRACTIVE = "extractive"
LLM = "llm"
REOPEN_EVERY_S = 1.0  # while a Chroma server was down at start: the least time between tries to open it
SYNC_EVERY_S = 2.0  # the least time between two checks for changes made by another process (replicas)


# ANSI escape sequences (pasted terminal output): dropped whole, not just their ESC byte.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")


def check_question(question: str, max_chars: int) -> tuple[str, str]:
    """(cleaned question, "") or ("", why it cannot be asked), before any search runs.

    Control and invisible format characters (NUL, ESC sequences, zero-width spaces) are
    removed and white space collapsed, so pasted junk cannot reach the retrievers or the
    rendered answer; a question that is then empty, has no letter or digit, or is longer
    than `max_chars` gets a message saying so instead of a search for nothing; so does a
    question in another language (it could only match names, and the answer would be a guess).
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
    if not looks_english(text):
        return "", "The articles are in English and questions are matched in English words: please ask in English."
    return text, ""


@dataclass
class DocumentInfo:
    """One article as the library shows it.

    `date` is ISO YYYY-MM-DD ("" when unknown), `author` the byline ("" when unknown), and
    `thin_warning` says when the page's text looks thin (its article was probably not found;
    "" when fine).
    """

    doc_id: str
    title: str
    source: str
    url: str
    passages: int
    date: str = ""
    author: str = ""
    thin_warning: str = ""


class Assistant:
    """Question answering over the news corpus, with citations.

    `Assistant()` opens `index_store/`; when it is empty it builds it from the corpus folder
    first and says so on stderr. Everything heavy (model, Chroma, BM25) is loaded here once,
    never per question.

    `Assistant(wait_for_server=True)` with a Chroma server (QA_CHROMA_URL) that cannot be
    reached at construction is made anyway and opens the index on a later call, once the server
    is up (tried again at most every `REOPEN_EVERY_S`): meanwhile `ask`/`ask_stream` answer with
    the clear "index server is unreachable" message, and the other calls raise
    `IndexUnavailable`. A process (a replica of the web app) started before its Chroma server
    then needs no restart.
    """

    def __init__(self, settings: Settings | None = None, *, build_if_missing: bool = True,
                 wait_for_server: bool = False) -> None:
        """Open the index (building it from the corpus folder when it is empty).

        Raises `SettingsError` (bad QA_* value, no embedding model), `IndexUnavailable` (the
        embedded index cannot be opened) or `IngestError` (a corpus file cannot be indexed).
        With `wait_for_server`, an unreachable Chroma server raises nothing here: see the class
        docstring.
        """
        self.settings = settings or Settings()
        self._lock = threading.RLock()
        self._build_if_missing = build_if_missing
        self.store: Any = None
        self.retriever: Any = None
        self.answerer: Any = None
        self._llm = None
        self._down: IndexUnavailable | None = None  # why the index is not open yet (server down at start)
        self._next_try = 0.0
        self._next_sync = time.monotonic() + SYNC_EVERY_S
        self._reloader: threading.Thread | None = None
        self._reload_again = False
        try:
            self._open()
        except IndexUnavailable as exc:
            if not (wait_for_server and self.settings.chroma_url):
                raise
            self._down = exc
            self._next_try = time.monotonic() + REOPEN_EVERY_S
            log.warning("%s; the assistant starts anyway and opens the index once the server is up", exc)

    def _open(self) -> None:
        from .answer.extractive import ExtractiveAnswerer
        from .retrieve.hybrid import HybridRetriever
        from .index.store import IndexStore

        with self._index_errors():
            store = IndexStore(self.settings)
            if store.is_empty() and self._build_if_missing:
                log.info("index is empty: building it from %s …", self.settings.corpus_dir)
                report = store.ingest([self.settings.corpus_dir], show_progress=True)
                log.info("index built: %s", report.summary())
            retriever = HybridRetriever(store, similarity_top_k=self.settings.top_k)
            answerer = ExtractiveAnswerer(store.embed_model, retriever)
        self.store, self.retriever, self.answerer = store, retriever, answerer

    def _opened(self) -> None:
        """Make sure the index is open (a server down at start may be up now) and in step with
        changes other processes made; raise `IndexUnavailable` while it cannot be reached."""
        if self._down is not None:
            self._reopen()
        self._sync()

    def _sync(self) -> None:
        """Pick up articles another replica or the CLI ingested or removed: at most every
        `SYNC_EVERY_S`, one small read of the index's version token; when it changed, the
        BM25 leg is rebuilt from Chroma and cached passages and texts are dropped."""
        now = time.monotonic()
        if now < self._next_sync:
            return
        with self._lock:
            now = time.monotonic()
            if now < self._next_sync:  # another thread checked while this one waited
                return
            self._next_sync = now + SYNC_EVERY_S
            with self._index_errors():
                if self.store.refresh():  # (it drops the store's cached article texts and passages)
                    self._reload_in_background()

    def _reload_in_background(self) -> None:
        """Rebuild the BM25 leg from Chroma in a thread and swap it in when done: questions keep
        being answered meanwhile (the dense leg already sees the change). A change noticed
        while one rebuild runs queues one more; a failed rebuild is retried at the next check."""
        if self._reloader is not None and self._reloader.is_alive():
            self._reload_again = True
            return

        def run() -> None:
            try:
                while True:
                    self._reload_again = False
                    state = self.retriever.load_state()
                    with self._lock:
                        self.retriever.install(state)
                    log.info("the index changed in another process: reloaded (%d passages)", self.store.count())
                    if not self._reload_again:
                        return
            except Exception as exc:  # noqa: BLE001 - a server gone mid-rebuild: retried at the next check
                self.store.seen_version = ""
                log.warning("could not reload the index after a change elsewhere (%s); will retry", exc)

        self._reloader = threading.Thread(target=run, name="qa-index-reload", daemon=True)
        self._reloader.start()

    def _reopen(self) -> None:
        with self._lock:
            if self._down is None:
                return
            if time.monotonic() < self._next_try:
                raise IndexUnavailable(str(self._down))
            try:
                self._open()
            except IndexUnavailable as exc:
                self._down = exc
                raise
            finally:
                self._next_try = time.monotonic() + REOPEN_EVERY_S
            self._down = None
            log.info("the index server is reachable again: index opened (%s)", self._where())

    @contextlib.contextmanager
    def _index_errors(self) -> Iterator[None]:
        """Turn a network failure talking to the Chroma server into `IndexUnavailable`."""
        try:
            yield
        except QAError:
            raise
        except Exception as exc:
            if index_unreachable(exc):
                raise IndexUnavailable(f"the index server is unreachable ({self._where()}): {exc}") from exc
            raise

    def _where(self) -> str:
        return self.settings.chroma_url or str(self.settings.index_dir)

    def _check_k(self, k: Any) -> int:
        """`k` as a passage count (None: the QA_TOP_K default); BadQuestion when it is not one."""
        if k is None:
            return self.settings.top_k
        try:
            n = operator.index(k)  # int, numpy integers …
        except TypeError:
            n = int(k) if isinstance(k, float) and k.is_integer() else 0
        if isinstance(k, bool) or n < 1:
            raise BadQuestion(f"k must be a whole number of passages, 1 or more; got {k!r}")
        return n

    def _check_mode(self, mode: str | None) -> str:
        if not mode:
            return LLM if self.settings.llm_enabled else EXTRACTIVE
        if mode not in (EXTRACTIVE, LLM):
            raise BadQuestion(f"mode must be one of {EXTRACTIVE}, {LLM}; got {mode!r}")
        return mode

    # ---- retrieval -------------------------------------------------------------------
    def retrieve(
        self, question: str, k: int | None = None, *,
        sources: Iterable[str] | None = None, since: Any = None, until: Any = None,
    ) -> list[Passage]:
        """The k passages most likely to answer `question`, best first (deterministic).

        `sources`: outlet names (case-insensitive) to search only; None or empty: all.
        `since`/`until`: `datetime.date` (or "YYYY-MM-DD"), inclusive bounds on the article
        date; an article without a date is left out when either is given.
        Raises `IndexUnavailable` (a ConnectionError) with a clear message when a Chroma server
        in QA_CHROMA_URL cannot be reached, `BadQuestion` when k is below 1 or a filter value
        is bad (an outlet the library does not have, a date that is not one, since > until).
        """
        k = self._check_k(k)
        self._opened()
        filters = self._check_filters(sources, since, until)
        with self._index_errors():
            return self.retriever.retrieve_passages(str(question or ""), k, filters=filters or None)

    def _check_filters(self, sources: Any, since: Any, until: Any) -> Any:
        """The `PassageFilter` (falsy when nothing is filtered); BadQuestion for bad values."""
        return self.retriever.make_filter(sources, since, until)

    def outlets(self) -> list[str]:
        """The outlets of the indexed articles, each once: what `sources=` can name."""
        self._opened()
        return self.retriever.outlets()

    def as_retriever(self, similarity_top_k: int | None = None) -> Any:
        """The same retrieval as a llama-index `BaseRetriever` (`NodeWithScore`s, best first,
        scored by the fused rank score), for `RetrieverQueryEngine`, chat engines and the like.

        `similarity_top_k` defaults to QA_TOP_K; it follows later ingests and weight changes.
        """
        self._opened()
        if similarity_top_k is None:
            return self.retriever
        return self.retriever.with_top_k(self._check_k(similarity_top_k))

    @property
    def embed_model(self):
        """The embedding model of the index (a llama-index `BaseEmbedding`), loaded once."""
        self._opened()
        return self.store.embed_model

    def standalone_query(self, question: str, history: History | None = None) -> str:
        """`question` made standalone from the earlier turns: what retrieval searches for."""
        from .retrieve.followups import condense
        from .retrieve.hybrid import source_name_spans

        sources = getattr(self.retriever, "sources", None)  # None while the index is unreachable
        if not sources:
            return condense(question, history)
        return condense(question, history, lambda text: source_name_spans(text, sources), self._finds_its_topic,
                        getattr(self.retriever, "says_its_topic", None))

    def _finds_its_topic(self, question: str) -> bool:
        """Whether `question` alone leads both retrieval legs to one passage (False when the
        index server has gone away: the question is then asked with the chat, as before)."""
        try:
            return self.retriever.legs_agree(question)
        except Exception as exc:
            if index_unreachable(exc):
                return False
            raise

    # ---- answering -------------------------------------------------------------------
    @property
    def modes(self) -> list[str]:
        """Answer modes available now: extractive always, llm when QA_LLM_URL/MODEL are set."""
        return [EXTRACTIVE, LLM] if self.settings.llm_enabled else [EXTRACTIVE]

    def ask(
        self, question: str, history: History | None = None, k: int | None = None, mode: str | None = None, *,
        sources: Iterable[str] | None = None, since: Any = None, until: Any = None,
    ) -> Answer:
        """Answer `question` (with earlier (question, answer) turns) citing passages.

        `sources`, `since`, `until` limit the articles answered from, as in `retrieve`.
        An empty, over-long or word-less question, and an unreachable index server, give an
        `Answer` with `error=True` saying so (a chat shows it); `BadQuestion` is raised only
        for a k below 1, an unknown mode or a bad filter value.
        """
        answer: Answer | None = None
        for event in self.ask_stream(question, history, k, mode, sources=sources, since=since, until=until):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def ask_stream(
        self, question: str, history: History | None = None, k: int | None = None, mode: str | None = None, *,
        sources: Iterable[str] | None = None, since: Any = None, until: Any = None,
    ) -> Iterator[str | Answer]:
        """Yield text pieces as they are produced, then the final `Answer` (always last).

        The pieces are for live display only; the final Answer is what to keep. In extractive
        mode (and for a question that cannot be asked) they are plain `str` pieces to append.
        In LLM mode they are the gated events of `qa.llm.events`: `Sentence` (a verified
        sentence, to append; together they are the final text), `Status` (no text: the model
        is writing, and `.dropped` of its sentences were held back as unsupported) and
        `Replace` (discard what is shown, show this instead: a refusal, or the extractive
        fallback when the model is unavailable or fails mid-answer, which takes the place of
        the verified sentences already shown and is never joined to them). Nothing the model
        wrote is yielded before it is verified; `qa.llm.events.Draft` applies the pieces.
        `sources`, `since`, `until` limit the articles answered from, as in `retrieve`.
        `BadQuestion` (k below 1, unknown mode, bad filter value) is raised here, before the
        first piece.
        """
        k, mode = self._check_k(k), self._check_mode(mode)
        try:
            self._opened()
        except IndexUnavailable as exc:  # a server down since the start: say so, keep serving
            return self._unreachable_stream(question, history, mode, exc)
        filters = self._check_filters(sources, since, until)
        return self._stream(question, history, k, mode, filters)

    def _unreachable(self, query: str, mode: str, exc: BaseException) -> tuple[str, Answer]:
        text = f"The index server is unreachable ({self._where()}: {exc}). Please try again once it is back."
        return text, Answer(text=text, answered=False, query=query, mode=mode,
                            notice="The index server is unreachable.", error=True)

    def _unreachable_stream(self, question: str, history: History | None, mode: str, exc: BaseException) -> Iterator[str | Answer]:
        question, problem = check_question(question, self.settings.max_question_chars)
        if problem:
            yield problem
            yield Answer(text=problem, answered=False, mode=mode, error=True)
            return
        text, answer = self._unreachable(self.standalone_query(question, history), mode, exc.__cause__ or exc)
        yield text
        yield answer

    def _stream(self, question: str, history: History | None, k: int, mode: str, filters: Any = None) -> Iterator[str | Answer]:
        question, problem = check_question(question, self.settings.max_question_chars)
        if problem:
            yield problem
            yield Answer(text=problem, answered=False, mode=mode, error=True)
            return
        query = self.standalone_query(question, history)
        try:
            passages = self.answerer.candidates(query, k, filters)
        except Exception as exc:  # a Chroma server that went away: say so, keep serving
            if not index_unreachable(exc):
                raise
            text, answer = self._unreachable(query, mode, exc)
            yield text
            yield answer
            return
        unmatched = f"No article in the library matches the filter ({filters.describe()})." if filters and not passages else ""
        if mode == LLM and self.settings.llm_enabled and not unmatched:
            try:
                yield from self._llm_answerer().stream(question, query, passages[:k])
                return
            except LLMUnavailable as exc:
                fallback = self.answerer.answer(question, query, passages)
                fallback.notice = f"The language model is unavailable ({exc}); showing the extractive answer."
                # Verified sentences of the model may already be on screen: the fallback
                # takes the draft's place (Replace), it is never appended to it.
                yield Replace(fallback.text)
                yield fallback
                return
        answer = self.answerer.answer(question, query, passages)
        if unmatched:
            answer.notice = unmatched
        yield answer.text
        yield answer

    def _llm_answerer(self):
        if self._llm is None:
            from .llm.answerer import LLMAnswerer

            self._llm = LLMAnswerer(self.settings, self.store.embed_model)
        return self._llm

    # ---- library ---------------------------------------------------------------------
    def ingest(self, paths: list[Path], prune: bool = False):
        """Add or update articles (validated first; a bad file changes nothing), then reload.

        Raises `IngestError` naming the bad file(s), `IndexUnavailable` when the server is down.
        """
        self._opened()
        with self._lock, self._index_errors():
            report = self.store.ingest([Path(p) for p in paths], prune=prune)
            if report.changed:
                self.retriever.reload()
            return report

    def check_file(self, path: Path) -> None:
        """Raise IngestError (a ValueError naming the file) if `path` cannot be ingested."""
        from .ingest.readers import check_file

        check_file(Path(path), self.settings.max_file_bytes)

    def library(self) -> list[DocumentInfo]:
        """The indexed articles with title, outlet, date, author, passage count and a warning
        for a page whose text looks thin, by document id."""
        from .ingest.metadata import thin_warning

        self._opened()
        with self._index_errors():
            records = self.store.articles()  # one short record per article, not every passage
        return [
            DocumentInfo(
                doc_id, str(rec.get("title", "")), str(rec.get("source", "")), str(rec.get("url", "")),
                int(rec.get("passages", 0)), date=str(rec.get("date", "") or ""),
                author=str(rec.get("author", "") or ""), thin_warning=thin_warning(rec, int(rec.get("passages", 0))),
            )
            for doc_id, rec in sorted(records.items())
        ]

    def document_text(self, doc_id: str) -> str:
        """The cleaned text of one article (what passages and quotes are cut from)."""
        self._opened()
        with self._index_errors():
            text = self.store.article_text(str(doc_id))
        if text is None:
            raise UnknownDocument(f"no article with id {doc_id!r}")  # a KeyError too
        return text
