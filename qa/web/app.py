"""News QA web chat (Gradio): `python app.py` serves it on http://127.0.0.1:7860.

UI wiring only. Every answer, library listing and ingest goes through `qa.assistant.Assistant`;
how an answer looks is decided by the pure functions in `qa.web.render`; host, port and login
come from `qa.settings.Settings` (QA_HOST, QA_PORT, QA_AUTH), overridden by the flags. The
Assistant (embedding model, Chroma, BM25; on the first run also the index build) loads in a
background thread after the server is up, so the page is served within seconds and shows the
loading state; questions asked meanwhile wait for it.

The page is built from one function per panel (`header`, `status_line`, `chat_panel`,
`settings_panel`, `library_panel`), and the events of each are wired by `wire_*` functions to
the methods of `Handlers`, which hold the behaviour.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..errors import IndexUnavailable, IngestError, QAError, SettingsError, UnknownDocument
from ..settings import HTML_SIZE_FACTOR, Settings, configure_logging
from ..types import Answer
from . import render as wr

import gradio as gr  # after qa.settings, which turns Gradio's analytics off before it loads

log = logging.getLogger(__name__)

EXAMPLES = [
    "What did Putin demand in the draft agreements?",
    "Who is Sergei Ryabkov?",
    "Why did Russian troops go to Kazakhstan?",
    "What did Biden warn Putin about?",
]
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm"]
_UPLOAD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
STREAM_PAUSE_S = 0.004  # between streamed words: lets the browser paint, never slows an answer noticeably
READY_MESSAGE = "News QA ready"  # logged once the Assistant is loaded (tests wait for it)
THEME = gr.themes.Soft(font=[gr.themes.Font("system-ui"), "sans-serif"], font_mono=["ui-monospace", "monospace"])
# Browser-side behaviour, inline (nothing is fetched from elsewhere):
# * a new question is pinned to the top of the chat while its answer streams in and once more
#   when the final answer lands, so the answer is read from its start (Gradio's autoscroll,
#   turned off, would leave the view at the last source card with the answer out of sight);
# * clicking a [n] marker scrolls to its card and flashes it.
HEAD = """<script>
(function () {
  var seen = 0, active = false, queued = false;
  function pin() {
    queued = false;
    var chat = document.getElementById('qa-chat');
    if (!chat) return;
    var wrap = chat.querySelector('.panel-wrap, .bubble-wrap');
    var qs = chat.querySelectorAll('.qa-question');
    if (qs.length < seen) seen = qs.length;
    if (qs.length > seen) { seen = qs.length; active = true; }
    if (!active || !wrap || !qs.length) return;
    var msgs = chat.querySelectorAll('.qa-msg');
    var last = msgs[msgs.length - 1];
    if (last && !last.matches('.qa-streaming, .qa-pending') && chat.querySelectorAll('.qa-msg').length >= qs.length) active = false;
    var row = qs[qs.length - 1].closest('.message-row') || qs[qs.length - 1];
    wrap.scrollTop += row.getBoundingClientRect().top - wrap.getBoundingClientRect().top - 4;
  }
  new MutationObserver(function () {
    if (!queued) { queued = true; requestAnimationFrame(pin); }
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a.qa-ref');
    if (!a) return;
    var card = document.getElementById(a.getAttribute('href').slice(1));
    if (!card) return;
    e.preventDefault();
    card.scrollIntoView({behavior: 'smooth', block: 'nearest'});
    card.classList.add('qa-flash');
    setTimeout(function () { card.classList.remove('qa-flash'); }, 1600);
  });
})();
</script>"""


# ---- the Assistant, loaded once in the background ----------------------------------------
class Backend:
    """Holds the one `Assistant`; loads it in a thread so the web page is up at once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.assistant: Any = None
        self.error = ""
        self.ready = threading.Event()
        self.lock = threading.RLock()  # an ingest reloads the retriever: no question runs meanwhile
        # an empty index folder means a first build only for the embedded index: a replica of a
        # Chroma server starts with an empty folder and finds the index already built there
        self.first_run = not settings.chroma_url and not (settings.index_dir.is_dir() and any(settings.index_dir.iterdir()))
        self.started = time.monotonic()
        corpus = settings.corpus_dir
        self._corpus_files = sum(1 for p in corpus.iterdir() if p.suffix.lower() in UPLOAD_TYPES) if corpus.is_dir() else 0
        self._library: list[Any] = []

    def start(self) -> None:
        threading.Thread(target=self._load, name="qa-load", daemon=True).start()

    def _load(self) -> None:
        try:
            from ..assistant import Assistant

            # a Chroma server that is down at start: the page still serves, answers say the server
            # is unreachable, and the Assistant opens the index once the server is back
            self.assistant = Assistant(self.settings, wait_for_server=True)
            try:
                self._library = self.assistant.library()
            except IndexUnavailable as exc:
                log.warning("the library will be listed once the index server is back: %s", exc)
            log.info("%s: %s", READY_MESSAGE, self.summary())
        except QAError as exc:  # a bad setting, an unreachable server, a bad corpus file: shown in the page
            log.error("the assistant could not load: %s", exc)
            self.error = f"{type(exc).__name__}: {exc}"
        except Exception as exc:  # a bug: the traceback goes to the console too
            log.exception("the assistant could not load")
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self.ready.set()

    def get(self) -> Any:
        """The Assistant, or a clear error when loading failed."""
        if not self.ready.is_set():
            raise gr.Error("The index is still loading; try again in a few seconds.")
        if self.assistant is None:
            raise gr.Error(f"The assistant failed to load: {self.error}")
        return self.assistant

    def summary(self) -> str:
        passages = sum(d.passages for d in self._library)
        return f"{wr.plural(len(self._library), 'article')} · {wr.plural(passages, 'passage')}"

    def status(self) -> tuple[str, str]:
        """(state, detail) for the status line: loading / ready / failed."""
        if not self.ready.is_set():
            waited = int(time.monotonic() - self.started)
            if self.first_run:
                return "loading", (
                    f"First run: building the search index from the {self._corpus_files} article files in "
                    f"{self.settings.corpus_dir.name}/ (a few seconds per article) … {waited} s"
                )
            return "loading", f"Loading the search index … {waited} s"
        if self.assistant is None:
            return "failed", f"Could not load the assistant: {self.error}"
        return "ready", f"Ready · {self.summary()}"

    def library(self) -> list[Any]:
        """The library as it is now (other replicas may have added articles); the last list
        seen while the index server is unreachable."""
        if self.assistant is not None:
            try:
                self._library = self.assistant.library()
            except IndexUnavailable:
                pass
        return list(self._library)

    def refresh_library(self, changed: list[str]) -> None:
        """Re-read the library after an ingest through this app (`changed`: the ids it wrote)."""
        self._library = self.get().library()

    def doc_text(self, doc_id: str) -> str | None:
        """The cleaned article text (None if unknown), from the index store's bounded cache,
        which is dropped whenever this or another replica changes the library."""
        try:
            return self.get().document_text(doc_id)
        except UnknownDocument:
            return None


# ---- helpers (input handling) ----------------------------------------------------------
def history_pairs(history: Any) -> list[tuple[str, str]]:
    """(question, answer) pairs from JSON text, a list of pairs, or a list of role/content messages."""
    if history is None or history == "":
        return []
    if isinstance(history, str):
        try:
            history = json.loads(history)
        except json.JSONDecodeError as exc:
            raise gr.Error(f"history_json is not valid JSON: {exc.msg} at position {exc.pos}") from exc
    if not isinstance(history, list):
        raise gr.Error("history must be a JSON list of [question, answer] pairs")
    pairs: list[tuple[str, str]] = []
    pending_question: str | None = None
    for item in history:
        if isinstance(item, (list, tuple)) and len(item) == 2:
            pairs.append((str(item[0] or ""), str(item[1] or "")))
        elif isinstance(item, dict) and item.get("role") in ("user", "assistant"):
            content = item.get("content", "")
            if isinstance(content, list):  # Gradio's normalised message parts
                content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
            if item["role"] == "user":
                pending_question = str(content)
            elif pending_question is not None:
                pairs.append((pending_question, str(content)))
                pending_question = None
        else:
            raise gr.Error("history items must be [question, answer] pairs or {role, content} messages")
    return pairs


def outlet_list(sources: Any) -> list[str]:
    """Outlet names from the API's `sources`: a list of names, JSON list text, or one name."""
    if sources is None or sources == "":
        return []
    if isinstance(sources, str):
        text = sources.strip()
        if text.startswith("["):
            try:
                sources = json.loads(text)
            except json.JSONDecodeError as exc:
                raise gr.Error(f"sources is not valid JSON: {exc.msg} at position {exc.pos}") from exc
        else:
            return [text] if text else []
    if not isinstance(sources, (list, tuple)) or not all(isinstance(s, str) for s in sources):
        raise gr.Error("sources must be a list of outlet names")
    return [s for s in sources if s.strip()]


def upload_name(raw: str) -> str:
    """The corpus file name for an uploaded file: its base name only, spaces as '_'.

    Raises IngestError (a ValueError, with the name) for hidden files, '..', and characters a
    document id cannot carry, so an upload can never write outside the corpus folder.
    """
    parts = str(raw).replace("\\", "/").split("/")
    base = parts[-1].strip()
    shown = base or str(raw)
    if ".." in parts:
        raise IngestError(f"{raw}: a file name may not climb out of its folder ('..')")
    if not base or base.startswith(".") or ".." in base:
        raise IngestError(f"{shown}: not an acceptable file name")
    name = re.sub(r"\s+", "_", base)
    if Path(name).suffix.lower() not in UPLOAD_TYPES:
        raise IngestError(f"{shown}: unsupported file type {Path(name).suffix or '(none)'}; use .txt, .md or .html")
    if not _UPLOAD_NAME.match(name):
        raise IngestError(f"{shown}: file names may use only letters, digits, '.', '-' and '_'")
    return name


def _word_chunks(text: str) -> Iterator[str]:
    yield from re.findall(r"\S+\s*|\s+", text)


def _messages(turns: list[dict[str, str]]) -> list[dict[str, str]]:
    messages: list[dict[str, str]] = []
    for turn in turns:
        messages.append({"role": "user", "content": wr.render_question(turn["q"])})
        messages.append({"role": "assistant", "content": turn["html"]})
    return messages


def _error_text(exc: BaseException) -> str:
    """What the page says about a failure: our own message for expected ones, type and text for bugs."""
    if isinstance(exc, gr.Error):
        return str(exc.message)
    if isinstance(exc, QAError):
        return str(exc)
    log.exception("unexpected error while answering")
    return f"{type(exc).__name__}: {exc}"


# ---- behaviour: what each event does ------------------------------------------------------
class Handlers:
    """The event handlers of the page, over one `Backend` (all state lives there or in the page)."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.settings = backend.settings
        self.modes = ["extractive", "llm"] if self.settings.llm_enabled else ["extractive"]
        self.default_mode = self.modes[-1]

    # -- status / library
    def status_html(self, mode: str | None = None) -> str:
        state, detail = self.backend.status()
        return wr.render_status(state, detail, mode or self.default_mode)

    def library_outputs(self, selected: str | None = None) -> tuple[str, Any, Any]:
        """The library table, the article picker and the chat's outlet choice (its selection kept)."""
        rows = self.backend.library()
        choices = [(f"{r.title or r.doc_id} — {wr.outlet_label(r.source)}", r.doc_id) for r in rows]
        return wr.render_library(rows), gr.Dropdown(choices=choices, value=selected), gr.Dropdown(choices=self.outlets())

    def outlets(self) -> list[str]:
        """The library's outlets, each once (case-insensitively), for the outlet choice."""
        seen: dict[str, str] = {}
        for row in self.backend.library():
            name = " ".join((row.source or "").split())
            if name:
                seen.setdefault(name.casefold(), name)
        return sorted(seen.values(), key=lambda n: (n.casefold(), n))

    def on_tick(self, mode: str):
        """Status line while loading (the timer keeps ticking), then the library once ready."""
        if not self.backend.ready.is_set():
            return self.status_html(mode), gr.Timer(active=True), gr.skip(), gr.skip(), gr.skip()
        return (self.status_html(mode), gr.Timer(active=False), *self.library_outputs())

    def open_article(self, doc_id: str | None) -> str:
        if not doc_id:
            return ""
        row = next((r for r in self.backend.library() if r.doc_id == doc_id), None)
        text = self.backend.doc_text(doc_id)
        if row is None or text is None:
            return wr.render_error(f"No article with id {doc_id} in the library.")
        return wr.render_article(row, text)

    # -- chat
    def respond(self, message: str, turns: list[dict[str, str]], k: float, mode: str,
                outlets: list[str] | None = None, since: str = "", until: str = ""):
        """Stream the answer to `message` into the chat: pending → streaming words → final card.

        In LLM mode only verified sentences are shown (`Sentence` pieces, appended); a `Status`
        shows "Writing the answer …" (and how many sentences were held back) beside them, and a
        `Replace` (the extractive fallback, a refusal) takes the place of what was shown.

        `outlets` (none: all), `since` and `until` (YYYY-MM-DD, empty: open) limit the articles
        answered from; a bad date is shown in the chat as the problem."""
        from ..assistant import Replace, Status  # the stream's events (loaded with the Assistant)

        backend = self.backend
        question = (message or "").strip()
        if not question:
            yield gr.skip(), gr.skip(), gr.skip()
            return
        turns = list(turns or [])
        shown = _messages(turns) + [{"role": "user", "content": wr.render_question(question)}]
        pending = {"role": "assistant", "content": wr.render_pending("Searching the articles …")}
        yield "", shown + [pending], gr.skip()
        while not backend.ready.wait(timeout=1.0):
            _, detail = backend.status()
            yield gr.skip(), shown + [{"role": "assistant", "content": wr.render_pending(detail)}], gr.skip()
        try:
            if len(question) > self.settings.max_question_chars:
                raise gr.Error(f"The question is {len(question)} characters long; the limit is {self.settings.max_question_chars}.")
            assistant = backend.get()
            history = [(t["q"], t["a"]) for t in turns]
            answer: Answer | None = None
            streamed = ""  # only ever verified text (a Sentence, a Replace) or extractive text
            note = ""  # "Writing the answer …" while a language model writes
            stream = assistant.ask_stream(
                question, history, int(k), mode or None, sources=list(outlets or []) or None,
                since=(since or "").strip() or None, until=(until or "").strip() or None,
            )

            def bubble() -> list[dict[str, str]]:
                return shown + [{"role": "assistant", "content": wr.render_streaming(streamed, note)}]

            while answer is None:
                # The lock is held per step, never across a yield: Gradio may resume this
                # generator on another thread, or drop it when the browser goes away.
                with backend.lock:
                    event = next(stream, None)
                if event is None or isinstance(event, Answer):
                    answer = event
                    break
                if isinstance(event, Status):  # no text: the model is writing (and held some back)
                    note = wr.writing_label(event.dropped)
                    yield gr.skip(), bubble(), gr.skip()
                    continue
                if isinstance(event, Replace):  # a fallback or refusal takes the draft's place
                    streamed, note = str(event), ""
                    yield gr.skip(), bubble(), gr.skip()
                    continue
                for word in _word_chunks(event):  # a verified Sentence, or extractive text
                    streamed += word
                    yield gr.skip(), bubble(), gr.skip()
                    time.sleep(STREAM_PAUSE_S)
            if answer is None:
                raise gr.Error("The assistant returned no answer.")
            texts = {c.passage.doc_id: backend.doc_text(c.passage.doc_id) or "" for c in answer.citations}
            html = wr.render_answer(answer, len(turns) + 1, texts, question)
            turns.append({"q": question, "a": answer.text, "html": html})
            yield "", _messages(turns), turns
        except Exception as exc:  # the chat shows the problem instead of a silent red toast
            yield gr.skip(), shown + [{"role": "assistant", "content": wr.render_error(_error_text(exc))}], gr.skip()

    @staticmethod
    def new_chat():
        return [], [], ""

    @staticmethod
    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value)

    # -- uploads
    def add_articles(self, files: list[str] | None, mode: str, progress=gr.Progress()):
        """Validate every uploaded file, index them all (or none), then save them to the corpus."""
        backend = self.backend
        files = [f for f in (files or []) if f]
        if not files:
            return wr.render_upload_result([], [], [], ["Choose one or more .txt, .md or .html files first."]), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        assistant = backend.get()
        corpus = Path(self.settings.corpus_dir)
        staging = Path(tempfile.mkdtemp(prefix="qa-upload-"))
        try:
            staged, errors = self._stage(files, corpus, staging, assistant, progress)
            if errors:  # the files are cleared: the message names the bad ones to leave out next time
                return wr.render_upload_result([], [], [], errors), gr.skip(), gr.skip(), None, gr.skip(), gr.skip()
            progress((len(files), len(files) + 1), desc=f"Indexing {len(staged)} file(s): passages and embeddings")
            try:
                with backend.lock:
                    report = assistant.ingest(staged)
            except QAError as exc:  # a bad file (IngestError) or an unreachable index: nothing was written
                return wr.render_upload_result([], [], [], [str(exc)]), gr.skip(), gr.skip(), None, gr.skip(), gr.skip()
            progress((len(files) + 1, len(files) + 1), desc="Saving to the corpus folder")
            corpus.mkdir(parents=True, exist_ok=True)
            for path in staged:
                partial = corpus / f".{path.name}.part"
                shutil.copyfile(path, partial)
                os.replace(partial, corpus / path.name)
            backend.refresh_library(report.added + report.updated)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        rows = {r.doc_id: r for r in backend.library()}
        titles = {d: f"{r.title} ({wr.plural(r.passages, 'passage')})" for d, r in rows.items()}
        thin = [f"{rows[d].title or d} ({d}): {rows[d].thin_warning}"
                for d in report.added + report.updated if d in rows and rows[d].thin_warning]
        message = wr.render_upload_result(
            [titles.get(d, d) for d in report.added],
            [titles.get(d, d) for d in report.updated],
            [titles.get(d, d) for d in report.unchanged],
            [],
            thin,
        )
        opened = (report.added + report.updated + [None])[0]  # show the new article's cleaned text
        table, pick, outlets = self.library_outputs(opened)
        return message, table, pick, None, self.status_html(mode), outlets

    @staticmethod
    def _stage(files: list[str], corpus: Path, staging: Path, assistant: Any, progress: Any) -> tuple[list[Path], list[str]]:
        """Copy each upload into `staging` under its corpus name and check it: (staged, errors)."""
        existing = {p.stem: p.name for p in corpus.iterdir() if p.is_file()} if corpus.is_dir() else {}
        errors: list[str] = []
        staged: list[Path] = []
        for i, upload in enumerate(files):
            raw = Path(str(upload)).name
            progress((i, len(files)), desc=f"Checking {raw}")
            try:
                name = upload_name(raw)
                stem = Path(name).stem
                if any(p.stem == stem for p in staged):
                    raise IngestError(f"{raw}: another uploaded file has the same name ({stem}); rename one")
                if stem in existing and existing[stem] != name:
                    raise IngestError(f"{raw}: the library already has {existing[stem]} with the id {stem}; rename the file")
                target = staging / name
                shutil.copyfile(upload, target)
                assistant.check_file(target)
                staged.append(target)
            except (IngestError, OSError) as exc:
                errors.append(str(exc))
        return staged, errors

    # -- the named API endpoint
    def ask_api(self, question: str, history_json: str = "[]", k: int = 5, mode: str = "",
                sources: Any = None, since: str = "", until: str = "") -> dict:
        """Answer `question` from the articles. history_json: a JSON list of [question, answer]
        pairs from earlier turns. k: passages to retrieve (1-20). mode: "extractive", "llm" or ""
        (the default). sources: outlet names to answer from (a list, or JSON list text; case does
        not matter; empty: all). since, until: "YYYY-MM-DD" bounds on the article date, inclusive
        ("" = open; undated articles are left out when either is set). Returns the Answer as
        JSON: text with [n] markers, citations (passage and quoted sentence for each marker; the
        passage carries source, date and author), answered, notice, related, mode."""
        question = (question or "").strip()
        if not question:
            raise gr.Error("question is empty")
        if len(question) > self.settings.max_question_chars:
            raise gr.Error(f"question is {len(question)} characters long; the limit is {self.settings.max_question_chars}")
        try:
            k = int(k)
        except (TypeError, ValueError) as exc:
            raise gr.Error(f"k must be an integer, got {k!r}") from exc
        if not 1 <= k <= 20:
            raise gr.Error(f"k must be between 1 and 20, got {k}")
        if mode and mode not in self.modes:
            raise gr.Error(f"mode must be one of {', '.join(self.modes)}, got {mode!r}")
        pairs = history_pairs(history_json)
        outlets = outlet_list(sources)
        if not self.backend.ready.wait(timeout=600):
            raise gr.Error("The index is still loading; try again shortly.")
        assistant = self.backend.get()
        try:
            with self.backend.lock:
                return assistant.ask(
                    question, pairs, k, mode or None, sources=outlets or None,
                    since=str(since or "").strip() or None, until=str(until or "").strip() or None,
                ).to_dict()
        except QAError as exc:
            raise gr.Error(str(exc)) from exc


# ---- the page, one function per panel ------------------------------------------------------
@dataclass
class ChatPanel:
    chatbot: Any
    box: Any
    send: Any
    clear: Any


@dataclass
class SettingsPanel:
    k: Any
    mode: Any
    outlets: Any
    since: Any
    until: Any


@dataclass
class LibraryPanel:
    pick: Any
    article: Any
    table: Any
    files: Any
    add: Any
    result: Any


def header() -> None:
    gr.HTML(
        '<div class="qa-header"><h1 style="margin:0">News QA</h1>'
        "<p style=\"margin:.2em 0 0\">Ask questions about the news articles in the library. Answers are built "
        "from the articles themselves: every <b>[n]</b> links to a numbered source card under the answer, "
        "with the quoted sentence highlighted.</p></div>"
    )


def status_line(handlers: Handlers) -> Any:
    """The one-line status (loading / ready / failed, and the answer mode) above the tabs."""
    return gr.HTML(handlers.status_html(), elem_id="qa-status")


def chat_panel() -> ChatPanel:
    """The conversation with its examples, the question box and the Ask / New chat buttons."""
    with gr.Column(scale=4):
        chatbot = gr.Chatbot(
            elem_id="qa-chat",
            label="Conversation",
            show_label=False,
            height=640,
            autoscroll=False,  # HEAD pins the new question to the top instead
            layout="panel",
            latex_delimiters=[],
            buttons=[],  # Gradio's copy button would copy our card HTML, not the answer
            feedback_options=None,
            examples=[{"text": q} for q in EXAMPLES],
            placeholder=(
                "**Ask a question about the articles**, or pick an example below. "
                "Follow-up questions (\"Where did he meet …?\") use the conversation so far."
            ),
        )
        with gr.Row():
            box = gr.Textbox(
                elem_id="qa-question",
                show_label=False,
                placeholder="Ask about the articles, then press Enter …",
                scale=6,
                autofocus=True,
                max_lines=4,
            )
            send = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="qa-ask")
            clear = gr.Button("New chat", scale=1, min_width=100, elem_id="qa-new-chat")
    return ChatPanel(chatbot, box, send, clear)


def settings_panel(handlers: Handlers) -> SettingsPanel:
    """Passages per question, the answer mode, the outlet and date filters, and how to read an answer."""
    settings = handlers.settings
    mode_info = (
        "Both modes cite the articles."
        if settings.llm_enabled
        else "Set QA_LLM_URL and QA_LLM_MODEL to also offer an LLM-written answer."
    )
    with gr.Column(scale=1, min_width=260):
        gr.Markdown("### Settings")
        k = gr.Slider(
            1, 10, value=min(max(settings.top_k, 1), 10), step=1,
            label="Passages to search", info="How many passages are retrieved per question.",
            elem_id="qa-k",
        )
        mode = gr.Radio(
            [(wr.mode_label(m), m) for m in handlers.modes], value=handlers.default_mode,
            label="Answer mode", info=mode_info, elem_id="qa-mode",
        )
        outlets = gr.Dropdown(
            choices=[], value=[], multiselect=True, label="Outlets",
            info="Answer only from these outlets (none chosen: all).", elem_id="qa-outlets",
        )
        with gr.Row():
            since = gr.Textbox(label="Since", placeholder="YYYY-MM-DD", max_lines=1, min_width=110, elem_id="qa-since")
            until = gr.Textbox(label="Until", placeholder="YYYY-MM-DD", max_lines=1, min_width=110, elem_id="qa-until")
        gr.Markdown("<small>Article dates, inclusive; empty = open. Articles without a date are left out when a date is set.</small>")
        gr.Markdown(
            "**Reading an answer**\n\n"
            "- Click a **[n]** to jump to its source card.\n"
            "- The yellow highlight is the sentence quoted.\n"
            "- *Show the surrounding paragraph* opens more of the article.\n"
            "- An amber box means the articles do not answer the question."
        )
    return SettingsPanel(k, mode, outlets, since, until)


def library_panel() -> LibraryPanel:
    """The article table with a reader, and the upload box beside it."""
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            pick = gr.Dropdown(
                label="Read an article",
                info="Pick one to see its cleaned text: what answers and quotes are taken from.",
                choices=[], value=None, elem_id="qa-pick",
            )
            article = gr.HTML(elem_id="qa-article")
            table = gr.HTML(wr.render_library([]), elem_id="qa-library")
        with gr.Column(scale=2, min_width=300):
            # beside the table, so the result of an upload shows up next to its button
            gr.Markdown(
                "### Add articles\nUpload `.txt`, `.md` or `.html` files. They are all checked first: "
                "if any file is bad, nothing is added and the message says which file and why."
            )
            files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, label="Article files",
                            elem_id="qa-files", height=150)
            add = gr.Button("Add to library", variant="primary", elem_id="qa-add")
            result = gr.HTML(elem_id="qa-upload-result")
    return LibraryPanel(pick, article, table, files, add, result)


def wire_chat(handlers: Handlers, chat: ChatPanel, knobs: SettingsPanel, turns: Any) -> None:
    chat_io = dict(inputs=[chat.box, turns, knobs.k, knobs.mode, knobs.outlets, knobs.since, knobs.until],
                   outputs=[chat.box, chat.chatbot, turns],
                   api_visibility="private")
    chat.box.submit(handlers.respond, **chat_io)
    chat.send.click(handlers.respond, **chat_io)
    chat.chatbot.example_select(handlers.pick_example, None, chat.box, api_visibility="private").then(
        handlers.respond, **chat_io)
    chat.clear.click(handlers.new_chat, None, [chat.chatbot, turns, chat.box], api_visibility="private")
    chat.chatbot.clear(lambda: [], None, turns, api_visibility="private")


def wire_status(demo: Any, handlers: Handlers, status: Any, knobs: SettingsPanel, library: LibraryPanel) -> None:
    """A 1 s timer updates the status line until the Assistant is loaded, then fills the library."""
    timer = gr.Timer(1.0)
    knobs.mode.change(handlers.status_html, knobs.mode, status, api_visibility="private")
    tick_io = dict(inputs=knobs.mode, outputs=[status, timer, library.table, library.pick, knobs.outlets],
                   api_visibility="private")
    timer.tick(handlers.on_tick, **tick_io)
    demo.load(handlers.on_tick, **tick_io)


def wire_library(handlers: Handlers, library: LibraryPanel, knobs: SettingsPanel, status: Any) -> None:
    library.pick.change(handlers.open_article, library.pick, library.article, api_visibility="private")
    library.add.click(
        handlers.add_articles, [library.files, knobs.mode],
        [library.result, library.table, library.pick, library.files, status, knobs.outlets],
        api_name="add_articles", api_visibility="undocumented",
    )


def build_ui(backend: Backend) -> gr.Blocks:
    """The Blocks app: Chat tab (answers with source cards, settings) and Library tab, plus the
    named `/ask` API endpoint."""
    handlers = Handlers(backend)
    with gr.Blocks(title="News QA", analytics_enabled=False) as demo:
        turns = gr.State([])
        header()
        status = status_line(handlers)
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row(equal_height=False):
                    chat = chat_panel()
                    knobs = settings_panel(handlers)
            with gr.Tab("Library", id="library"):
                library = library_panel()
        wire_chat(handlers, chat, knobs, turns)
        wire_status(demo, handlers, status, knobs, library)
        wire_library(handlers, library, knobs, status)

        def ask(question: str, history_json: str = "[]", k: int = 5, mode: str = "",
                sources: list[str] | None = None, since: str = "", until: str = "") -> dict:
            return handlers.ask_api(question, history_json, k, mode, sources, since, until)

        ask.__doc__ = Handlers.ask_api.__doc__
        gr.api(ask, api_name="ask")
    return demo


# ---- command line -----------------------------------------------------------------------
def parse_args(argv: list[str] | None = None, env: dict[str, str] | None = None) -> argparse.Namespace:
    """Flags with QA_* defaults (read through `Settings`); --auth must be user:password.

    `env` replaces `os.environ` as the source of the defaults (tests). The namespace also
    carries the `settings` the app runs with.
    """
    parser = argparse.ArgumentParser(prog="python app.py", description="News QA web chat.")
    parser.add_argument("--host", help="interface to bind (default 127.0.0.1; QA_HOST)")
    parser.add_argument("--port", help="port (default 7860; QA_PORT)")
    parser.add_argument("--auth", help="require a login, as user:password (QA_AUTH)")
    parser.add_argument("--share", action="store_true", help="also create a public gradio.live link (off by default)")
    args = parser.parse_args(argv)
    try:
        settings = Settings() if env is None else Settings.from_env(env)
    except SettingsError as exc:
        parser.error(str(exc))
    args.host = args.host or settings.host
    args.port = args.port or str(settings.port)
    args.auth = settings.auth if args.auth is None else args.auth
    try:
        args.port = int(args.port)
        if not 0 < args.port < 65536:
            raise ValueError
    except ValueError:
        parser.error(f"--port/QA_PORT must be a port number (1-65535), got {args.port!r}")
    if args.auth:
        user, sep, password = args.auth.partition(":")
        if not (sep and user and password):
            parser.error("--auth/QA_AUTH must look like user:password")
        args.auth = (user, password)
    else:
        args.auth = None
    settings.host, settings.port = args.host, args.port
    settings.auth = ":".join(args.auth) if args.auth else ""
    args.settings = settings
    return args


def main(args: argparse.Namespace | list[str] | None = None) -> int:
    """Serve the app (flags parsed from `args`, or the command line); blocks until Ctrl-C."""
    if not isinstance(args, argparse.Namespace):
        args = parse_args(args)
    configure_logging()
    backend = Backend(args.settings)
    if backend.first_run:
        log.info("First run: the index will be built from %s (progress below).", backend.settings.corpus_dir)
    demo = build_ui(backend)
    demo.queue(default_concurrency_limit=4)
    demo.launch(
        server_name=args.host,
        server_port=args.port,
        auth=args.auth,
        share=args.share,
        prevent_thread_lock=True,
        ssr_mode=False,
        show_error=True,
        theme=THEME,
        css=wr.CSS,
        head=HEAD,
        footer_links=["api"],
        # absurd uploads never reach the disk; the rest get our message (a web page's limit is the largest)
        max_file_size=2 * HTML_SIZE_FACTOR * backend.settings.max_file_bytes,
        run_history=False,
    )
    log.info("News QA serving on http://%s:%s/; loading the index now", args.host, args.port)
    backend.start()  # after the server is up: the page is served while the index loads
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    return 0
