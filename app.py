"""News QA web chat: `python app.py` serves it on http://127.0.0.1:7860.

UI wiring only. Every answer, library listing and ingest goes through `qa.Assistant`; how an
answer looks is decided by the pure functions in `qa.web.render`. The Assistant (embedding
model, Chroma, BM25; on the first run also the index build) loads in a background thread
after the server is up, so the page is served within seconds and shows the loading state;
questions asked meanwhile wait for it.

Flags (or environment): --host (QA_HOST, 127.0.0.1), --port (QA_PORT, 7860),
--auth user:password (QA_AUTH), --share (off: no public link unless asked).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any, Iterator

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from qa.web import render as wr  # noqa: E402
from qa.settings import Settings  # noqa: E402
from qa.types import Answer  # noqa: E402

EXAMPLES = [
    "What did Putin demand in the draft agreements?",
    "Who is Sergei Ryabkov?",
    "Why did Russian troops go to Kazakhstan?",
    "What did Biden warn Putin about?",
]
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm"]
_UPLOAD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
STREAM_PAUSE_S = 0.004  # between streamed words: lets the browser paint, never slows an answer noticeably
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
        self.first_run = not (settings.index_dir.is_dir() and any(settings.index_dir.iterdir()))
        self.started = time.monotonic()
        corpus = settings.corpus_dir
        self._corpus_files = sum(1 for p in corpus.iterdir() if p.suffix.lower() in UPLOAD_TYPES) if corpus.is_dir() else 0
        self._texts: dict[str, str] = {}
        self._library: list[Any] = []

    def start(self) -> None:
        threading.Thread(target=self._load, name="qa-load", daemon=True).start()

    def _load(self) -> None:
        try:
            from qa import Assistant

            self.assistant = Assistant(self.settings)
            self._library = self.assistant.library()
            print(f"News QA ready: {self.summary()}", file=sys.stderr, flush=True)
        except Exception as exc:  # shown in the page, not just the console
            traceback.print_exc()
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
        return list(self._library)

    def refresh_library(self, changed: list[str]) -> None:
        for doc_id in changed:
            self._texts.pop(doc_id, None)
        self._library = self.get().library()

    def doc_text(self, doc_id: str) -> str | None:
        """The cleaned article text (cached: cards of every answer need it)."""
        if doc_id not in self._texts:
            try:
                self._texts[doc_id] = self.get().document_text(doc_id)
            except KeyError:
                return None
        return self._texts[doc_id]


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


def upload_name(raw: str) -> str:
    """The corpus file name for an uploaded file: its base name only, spaces as '_'.

    Raises ValueError (with the name) for hidden files, '..', and characters a document id
    cannot carry, so an upload can never write outside the corpus folder.
    """
    parts = str(raw).replace("\\", "/").split("/")
    base = parts[-1].strip()
    shown = base or str(raw)
    if ".." in parts:
        raise ValueError(f"{raw}: a file name may not climb out of its folder ('..')")
    if not base or base.startswith(".") or ".." in base:
        raise ValueError(f"{shown}: not an acceptable file name")
    name = re.sub(r"\s+", "_", base)
    if Path(name).suffix.lower() not in UPLOAD_TYPES:
        raise ValueError(f"{shown}: unsupported file type {Path(name).suffix or '(none)'}; use .txt, .md or .html")
    if not _UPLOAD_NAME.match(name):
        raise ValueError(f"{shown}: file names may use only letters, digits, '.', '-' and '_'")
    return name


def _word_chunks(text: str) -> Iterator[str]:
    yield from re.findall(r"\S+\s*|\s+", text)


def _messages(turns: list[dict[str, str]]) -> list[dict[str, str]]:
    messages: list[dict[str, str]] = []
    for turn in turns:
        messages.append({"role": "user", "content": wr.render_question(turn["q"])})
        messages.append({"role": "assistant", "content": turn["html"]})
    return messages


# ---- the UI ------------------------------------------------------------------------------
def build_ui(backend: Backend) -> gr.Blocks:
    """The Blocks app: Chat tab (answers with source cards, settings) and Library tab."""
    settings = backend.settings
    modes = ["extractive", "llm"] if settings.llm_enabled else ["extractive"]
    default_mode = modes[-1]
    mode_choices = [(wr.mode_label(m), m) for m in modes]
    mode_info = (
        "Both modes cite the articles."
        if settings.llm_enabled
        else "Set QA_LLM_URL and QA_LLM_MODEL to also offer an LLM-written answer."
    )

    def status_html(mode: str = default_mode) -> str:
        state, detail = backend.status()
        return wr.render_status(state, detail, mode)

    def library_outputs(selected: str | None = None) -> tuple[str, Any]:
        rows = backend.library()
        choices = [(f"{r.title or r.doc_id} — {wr.outlet_label(r.source)}", r.doc_id) for r in rows]
        return wr.render_library(rows), gr.Dropdown(choices=choices, value=selected)

    # -- chat --
    def respond(message: str, turns: list[dict[str, str]], k: float, mode: str):
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
            if len(question) > settings.max_question_chars:
                raise gr.Error(f"The question is {len(question)} characters long; the limit is {settings.max_question_chars}.")
            assistant = backend.get()
            history = [(t["q"], t["a"]) for t in turns]
            answer: Answer | None = None
            streamed = ""
            stream = assistant.ask_stream(question, history, int(k), mode or None)
            while answer is None:
                # The lock is held per step, never across a yield: Gradio may resume this
                # generator on another thread, or drop it when the browser goes away.
                with backend.lock:
                    event = next(stream, None)
                if event is None or isinstance(event, Answer):
                    answer = event
                    break
                for word in _word_chunks(event):
                    streamed += word
                    yield gr.skip(), shown + [{"role": "assistant", "content": wr.render_streaming(streamed)}], gr.skip()
                    time.sleep(STREAM_PAUSE_S)
            if answer is None:
                raise gr.Error("The assistant returned no answer.")
            texts = {c.passage.doc_id: backend.doc_text(c.passage.doc_id) or "" for c in answer.citations}
            html = wr.render_answer(answer, len(turns) + 1, texts, question)
            turns.append({"q": question, "a": answer.text, "html": html})
            yield "", _messages(turns), turns
        except Exception as exc:  # the chat shows the problem instead of a silent red toast
            message = exc.message if isinstance(exc, gr.Error) else f"{type(exc).__name__}: {exc}"
            if not isinstance(exc, gr.Error):
                traceback.print_exc()
            yield gr.skip(), shown + [{"role": "assistant", "content": wr.render_error(str(message))}], gr.skip()

    def new_chat():
        return [], [], ""

    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value)

    # -- status / library --
    def on_tick(mode: str):
        if not backend.ready.is_set():
            return status_html(mode), gr.Timer(active=True), gr.skip(), gr.skip()
        return (status_html(mode), gr.Timer(active=False), *library_outputs())

    def open_article(doc_id: str | None) -> str:
        if not doc_id:
            return ""
        row = next((r for r in backend.library() if r.doc_id == doc_id), None)
        text = backend.doc_text(doc_id)
        if row is None or text is None:
            return wr.render_error(f"No article with id {doc_id} in the library.")
        return wr.render_article(row, text)

    def add_articles(files: list[str] | None, mode: str, progress=gr.Progress()):
        """Validate every uploaded file, index them all (or none), then save them to the corpus."""
        files = [f for f in (files or []) if f]
        if not files:
            return wr.render_upload_result([], [], [], ["Choose one or more .txt, .md or .html files first."]), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        assistant = backend.get()

        corpus = Path(settings.corpus_dir)
        existing = {p.stem: p.name for p in corpus.iterdir() if p.is_file()} if corpus.is_dir() else {}
        staging = Path(tempfile.mkdtemp(prefix="qa-upload-"))
        errors: list[str] = []
        staged: list[Path] = []
        try:
            for i, upload in enumerate(files):
                raw = Path(str(upload)).name
                progress((i, len(files)), desc=f"Checking {raw}")
                try:
                    name = upload_name(raw)
                    stem = Path(name).stem
                    if any(p.stem == stem for p in staged):
                        raise ValueError(f"{raw}: another uploaded file has the same name ({stem}); rename one")
                    if stem in existing and existing[stem] != name:
                        raise ValueError(f"{raw}: the library already has {existing[stem]} with the id {stem}; rename the file")
                    target = staging / name
                    shutil.copyfile(upload, target)
                    assistant.check_file(target)
                    staged.append(target)
                except (ValueError, OSError) as exc:  # IngestError is a ValueError
                    errors.append(str(exc))
            if errors:  # the files are cleared: the message names the bad ones to leave out next time
                return wr.render_upload_result([], [], [], errors), gr.skip(), gr.skip(), None, gr.skip()
            progress((len(files), len(files) + 1), desc=f"Indexing {len(staged)} file(s): passages and embeddings")
            try:
                with backend.lock:
                    report = assistant.ingest(staged)
            except ValueError as exc:  # IngestError: a bad file; nothing was written
                return wr.render_upload_result([], [], [], [str(exc)]), gr.skip(), gr.skip(), None, gr.skip()
            progress((len(files) + 1, len(files) + 1), desc="Saving to the corpus folder")
            corpus.mkdir(parents=True, exist_ok=True)
            for path in staged:
                partial = corpus / f".{path.name}.part"
                shutil.copyfile(path, partial)
                os.replace(partial, corpus / path.name)
            backend.refresh_library(report.added + report.updated)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        titles = {r.doc_id: f"{r.title} ({wr.plural(r.passages, 'passage')})" for r in backend.library()}
        message = wr.render_upload_result(
            [titles.get(d, d) for d in report.added],
            [titles.get(d, d) for d in report.updated],
            [titles.get(d, d) for d in report.unchanged],
            [],
        )
        opened = (report.added + report.updated + [None])[0]  # show the new article's cleaned text
        return message, *library_outputs(opened), None, status_html(mode)

    def ask_api(question: str, history_json: str = "[]", k: int = 5, mode: str = "") -> dict:
        """Answer `question` from the articles. history_json: a JSON list of [question, answer]
        pairs from earlier turns. k: passages to retrieve (1-20). mode: "extractive", "llm" or ""
        (the default). Returns the Answer as JSON: text with [n] markers, citations (passage and
        quoted sentence for each marker), answered, notice, related, mode."""
        question = (question or "").strip()
        if not question:
            raise gr.Error("question is empty")
        if len(question) > settings.max_question_chars:
            raise gr.Error(f"question is {len(question)} characters long; the limit is {settings.max_question_chars}")
        try:
            k = int(k)
        except (TypeError, ValueError) as exc:
            raise gr.Error(f"k must be an integer, got {k!r}") from exc
        if not 1 <= k <= 20:
            raise gr.Error(f"k must be between 1 and 20, got {k}")
        if mode and mode not in modes:
            raise gr.Error(f"mode must be one of {', '.join(modes)}, got {mode!r}")
        pairs = history_pairs(history_json)
        if not backend.ready.wait(timeout=600):
            raise gr.Error("The index is still loading; try again shortly.")
        assistant = backend.get()
        with backend.lock:
            return assistant.ask(question, pairs, k, mode or None).to_dict()

    with gr.Blocks(title="News QA", analytics_enabled=False) as demo:
        turns = gr.State([])
        gr.HTML(
            '<div class="qa-header"><h1 style="margin:0">News QA</h1>'
            "<p style=\"margin:.2em 0 0\">Ask questions about the news articles in the library. Answers are built "
            "from the articles themselves: every <b>[n]</b> links to a numbered source card under the answer, "
            "with the quoted sentence highlighted.</p></div>"
        )
        status = gr.HTML(status_html(), elem_id="qa-status")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                with gr.Row(equal_height=False):
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
                    with gr.Column(scale=1, min_width=260):
                        gr.Markdown("### Settings")
                        k = gr.Slider(
                            1, 10, value=min(max(settings.top_k, 1), 10), step=1,
                            label="Passages to search", info="How many passages are retrieved per question.",
                            elem_id="qa-k",
                        )
                        mode = gr.Radio(mode_choices, value=default_mode, label="Answer mode", info=mode_info, elem_id="qa-mode")
                        gr.Markdown(
                            "**Reading an answer**\n\n"
                            "- Click a **[n]** to jump to its source card.\n"
                            "- The yellow highlight is the sentence quoted.\n"
                            "- *Show the surrounding paragraph* opens more of the article.\n"
                            "- An amber box means the articles do not answer the question."
                        )
            with gr.Tab("Library", id="library"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        pick = gr.Dropdown(
                            label="Read an article",
                            info="Pick one to see its cleaned text: what answers and quotes are taken from.",
                            choices=[], value=None, elem_id="qa-pick",
                        )
                        article = gr.HTML(elem_id="qa-article")
                        library = gr.HTML(wr.render_library([]), elem_id="qa-library")
                    with gr.Column(scale=2, min_width=300):
                        # beside the table, so the result of an upload shows up next to its button
                        gr.Markdown(
                            "### Add articles\nUpload `.txt`, `.md` or `.html` files. They are all checked first: "
                            "if any file is bad, nothing is added and the message says which file and why."
                        )
                        files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, label="Article files",
                                        elem_id="qa-files", height=150)
                        add = gr.Button("Add to library", variant="primary", elem_id="qa-add")
                        upload_result = gr.HTML(elem_id="qa-upload-result")
        timer = gr.Timer(1.0)

        chat_io = dict(inputs=[box, turns, k, mode], outputs=[box, chatbot, turns], api_visibility="private")
        box.submit(respond, **chat_io)
        send.click(respond, **chat_io)
        chatbot.example_select(pick_example, None, box, api_visibility="private").then(respond, **chat_io)
        clear.click(new_chat, None, [chatbot, turns, box], api_visibility="private")
        chatbot.clear(lambda: [], None, turns, api_visibility="private")
        mode.change(status_html, mode, status, api_visibility="private")
        tick_io = dict(inputs=mode, outputs=[status, timer, library, pick], api_visibility="private")
        timer.tick(on_tick, **tick_io)
        demo.load(on_tick, **tick_io)
        pick.change(open_article, pick, article, api_visibility="private")
        add.click(
            add_articles, [files, mode], [upload_result, library, pick, files, status],
            api_name="add_articles", api_visibility="undocumented",
        )
        gr.api(ask_api, api_name="ask")
    return demo


# ---- command line -----------------------------------------------------------------------
def parse_args(argv: list[str] | None = None, env: dict[str, str] | None = None) -> argparse.Namespace:
    """Flags with QA_* environment defaults; --auth must be user:password."""
    env = dict(os.environ if env is None else env)
    parser = argparse.ArgumentParser(prog="python app.py", description="News QA web chat.")
    parser.add_argument("--host", default=env.get("QA_HOST", "127.0.0.1"), help="interface to bind (default 127.0.0.1; QA_HOST)")
    parser.add_argument("--port", default=env.get("QA_PORT", "7860"), help="port (default 7860; QA_PORT)")
    parser.add_argument("--auth", default=env.get("QA_AUTH", ""), help="require a login, as user:password (QA_AUTH)")
    parser.add_argument("--share", action="store_true", help="also create a public gradio.live link (off by default)")
    args = parser.parse_args(argv)
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
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    backend = Backend(Settings())
    if backend.first_run:
        print(f"First run: the index will be built from {backend.settings.corpus_dir} (progress below).", file=sys.stderr, flush=True)
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
        max_file_size=4 * backend.settings.max_file_bytes,  # absurd uploads never reach the disk; the rest get our message
        run_history=False,
    )
    backend.start()  # after the server is up: the page is served while the index loads
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
