"""The web app (`qa/web/app.py`, started by the root `app.py`): flags, upload names, history
parsing, and a launched `python app.py` driven through gradio_client (the named `ask` endpoint,
follow-ups, uploads, login).

The launched app is shared with tests/web/test_browser.py (`shared_app`): one server process over a
temp copy of the corpus and an empty temp index, so its first start really builds the index.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
CARD_QUESTION = "What did Putin demand in the draft agreements?"
READY_LINE = "News QA ready"
SERVING_LINE = "News QA serving on"

# A made-up article (facts no real article has), for the upload round trip.
UPLOAD_MD = """# Kelmora opens the Zorvath Bridge

*Kelmora Gazette*

The Zorvath Bridge over the river Anst was opened on Saturday by the mayor of Kelmora, Ilsa Varnek.
The bridge took four years to build and cost 41 million crowns, the city council said.
Varnek said the bridge would cut the drive between the two halves of the city to ten minutes.
"""


# ---- a launched app, shared with the browser tests --------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    """A `python app.py` subprocess on a loopback port; its output goes to `log_path`."""

    url: str
    proc: subprocess.Popen
    corpus_dir: Path
    index_dir: Path
    log_path: Path
    started: float
    served_after_s: float = -1.0
    ready_after_s: float = -1.0

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)

    def _fail(self, why: str) -> None:
        self.stop()
        pytest.fail(f"{why}\n--- app log (tail) ---\n{self.log()[-4000:]}")

    def wait_served(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._fail(f"app exited with {self.proc.returncode} before serving")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as resp:
                    if resp.status == 200:
                        self.served_after_s = time.monotonic() - self.started
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self._fail(f"app did not serve {self.url} within {timeout} s")

    def wait_ready(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if READY_LINE in self.log():
                self.ready_after_s = time.monotonic() - self.started
                return
            if self.proc.poll() is not None:
                self._fail(f"app exited with {self.proc.returncode} while loading")
            time.sleep(0.2)
        self._fail(f"index not ready within {timeout} s")


def start_app(base: Path, *args: str, ready: bool = True, env: dict[str, str] | None = None) -> AppServer:
    """Start app.py on a free loopback port over a temp corpus copy and an empty temp index.

    `env` adds variables to the app's environment (e.g. QA_LLM_URL for an LLM endpoint), set
    after the QA_*/proxy variables of this process are cleared."""
    extra = dict(env or {})
    corpus, index = base / "corpus", base / "index"
    if not corpus.exists():
        shutil.copytree(CORPUS, corpus)
    env = dict(os.environ)
    for var in ("QA_LLM_URL", "QA_LLM_MODEL", "QA_CHROMA_URL", "QA_AUTH", "QA_HOST", "QA_PORT", "GRADIO_SERVER_NAME",
                "GRADIO_SERVER_PORT", "GRADIO_SHARE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(var, None)
    env.update(QA_INDEX_DIR=str(index), QA_CORPUS_DIR=str(corpus), GRADIO_ANALYTICS_ENABLED="False",
               PYTHONUNBUFFERED="1", HF_HUB_OFFLINE="1", NO_PROXY="127.0.0.1,localhost")
    env.update(extra)
    port = free_port()
    log_path = base / f"app-{port}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port), *args],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    server = AppServer(f"http://127.0.0.1:{port}/", proc, corpus, index, log_path, time.monotonic())
    server.wait_served()
    if ready:
        server.wait_ready()
    return server


def shared_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> AppServer:
    """One launched app per test session (fixtures in two modules would start two)."""
    server = getattr(request.config, "_qa_shared_app", None)
    if server is None or server.proc.poll() is not None:
        server = start_app(tmp_path_factory.mktemp("app"))
        request.config._qa_shared_app = server
        request.config.add_cleanup(server.stop)
    return server


@pytest.fixture()
def app_server(request, tmp_path_factory) -> AppServer:
    return shared_app(request, tmp_path_factory)


@pytest.fixture()
def client(app_server):
    from gradio_client import Client

    return Client(app_server.url, verbose=False)


# ---- no server needed ------------------------------------------------------------------------
def test_flags_default_to_loopback_7860_no_login():
    from qa.web import app

    args = app.parse_args([], env={})
    assert (args.host, args.port, args.auth, args.share) == ("127.0.0.1", 7860, None, False)


def test_flags_come_from_env_and_command_line():
    from qa.web import app

    args = app.parse_args([], env={"QA_HOST": "0.0.0.0", "QA_PORT": "8080", "QA_AUTH": "ann:s3cret:x"})
    assert (args.host, args.port, args.auth) == ("0.0.0.0", 8080, ("ann", "s3cret:x"))
    args = app.parse_args(["--port", "9000", "--auth", "bob:pw", "--share"], env={"QA_PORT": "8080"})
    assert (args.port, args.auth, args.share) == (9000, ("bob", "pw"), True)


@pytest.mark.parametrize("argv", [["--port", "http"], ["--port", "70000"], ["--auth", "nopassword"], ["--auth", ":pw"]])
def test_bad_flags_are_refused(argv, capsys):
    from qa.web import app

    with pytest.raises(SystemExit):
        app.parse_args(argv, env={})
    assert "--" in capsys.readouterr().err


@pytest.mark.parametrize(
    "raw, expected",
    [("story.txt", "story.txt"), ("My Story.md", "My_Story.md"), ("/tmp/x/page.HTML", "page.HTML"),
     ("C:\\Users\\a\\news.htm", "news.htm")],
)
def test_upload_name_keeps_base_name_only(raw, expected):
    from qa.web import app

    assert app.upload_name(raw) == expected


@pytest.mark.parametrize("raw", ["../x.txt", "..", ".hidden.txt", "a..b.txt", "notes.pdf", "noext", "weird$name.txt", "é.txt", ""])
def test_upload_name_refuses_odd_names(raw):
    from qa.web import app

    with pytest.raises(ValueError, match="file|name|type"):
        app.upload_name(raw)


def test_history_accepts_pairs_messages_and_json():
    from qa.web import app

    assert app.history_pairs("[]") == [] and app.history_pairs("") == []
    assert app.history_pairs('[["q1", "a1"]]') == [("q1", "a1")]
    messages = [{"role": "user", "content": "q1"}, {"role": "assistant", "content": [{"type": "text", "text": "a1"}]}]
    assert app.history_pairs(messages) == [("q1", "a1")]
    assert app.history_pairs(json.dumps(messages)) == [("q1", "a1")]


@pytest.mark.parametrize("bad", ["[", '{"q": 1}', "[1, 2]"])
def test_history_errors_are_clear(bad):
    import gradio as gr

    from qa.web import app

    with pytest.raises(gr.Error, match="history"):
        app.history_pairs(bad)


def _qa_imports(path: Path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative to qa.web
                base = ".".join(["qa", "web"][: 3 - node.level] + ([base] if base else []))
            found.add(base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m == "qa" or m.startswith("qa.")}


def test_app_is_ui_only():
    """The web package reaches the engine through Assistant only (plus settings, errors, types and
    its own rendering); the root app.py is a thin entry point into it."""
    allowed = {"qa", "qa.web", "qa.web.app", "qa.web.render", "qa.assistant", "qa.settings", "qa.errors", "qa.types"}
    for path in sorted((ROOT / "qa" / "web").glob("*.py")):
        ours = _qa_imports(path)
        assert ours <= allowed, f"{path.name} imports {sorted(ours - allowed)}"
    assert _qa_imports(ROOT / "app.py") == {"qa.web.app"}
    assert len((ROOT / "app.py").read_text(encoding="utf-8").splitlines()) < 30, "app.py should stay an entry point"


def test_ui_only_check_sees_engine_imports(tmp_path):
    """The check above would notice a web module importing below the façade."""
    bad = tmp_path / "bad.py"
    bad.write_text("from ..retrieve.hybrid import fuse\nfrom qa.index.store import IndexStore\n", encoding="utf-8")
    assert _qa_imports(bad) == {"qa.retrieve.hybrid", "qa.index.store"}


def _radio_choices(demo, elem_id: str) -> list:
    import gradio as gr

    radio = next(b for b in demo.blocks.values() if isinstance(b, gr.Radio) and b.elem_id == elem_id)
    return [value for _label, value in radio.choices], radio.value


def test_answer_mode_offers_llm_only_when_configured(tmp_path):
    from qa.web import app
    from conftest import make_settings

    plain = app.build_ui(app.Backend(make_settings(tmp_path / "i1")))
    assert _radio_choices(plain, "qa-mode") == (["extractive"], "extractive")
    llm = app.build_ui(app.Backend(make_settings(tmp_path / "i2", llm_url="http://127.0.0.1:9/v1", llm_model="m")))
    assert _radio_choices(llm, "qa-mode") == (["extractive", "llm"], "llm")


# ---- the launched app --------------------------------------------------------------------------
@pytest.mark.slow
def test_first_run_serves_the_page_then_builds_the_index_with_progress(app_server):
    log = app_server.log()
    assert "First run" in log and "Indexing articles" in log and "index built" in log
    assert "5 articles" in log
    # The page is served before the index build starts (the app starts loading only once the
    # server is up), whatever the speed: the order of the log lines says so, not timings.
    assert SERVING_LINE in log, log[-2000:]
    assert log.index(SERVING_LINE) < log.index("index is empty: building") < log.index("index built") < log.index(READY_LINE)
    print(f"page served after {app_server.served_after_s:.1f} s, index ready after {app_server.ready_after_s:.1f} s")


@pytest.mark.slow
def test_api_answers_the_card_question_with_citations(client):
    result = client.predict(CARD_QUESTION, "[]", 5, "", api_name="/ask")
    assert isinstance(result, dict)
    assert result["answered"] is True and result["mode"] == "extractive"
    assert "[1]" in result["text"] and result["citations"]
    for citation in result["citations"]:
        passage = citation["passage"]
        assert citation["quote"] and citation["quote"] in passage["text"]
        assert passage["title"] and passage["doc_id"]


@pytest.mark.slow
def test_api_follow_up_uses_the_history(client):
    first = client.predict("Who is Sergei Ryabkov?", "[]", 5, "", api_name="/ask")
    history = json.dumps([["Who is Sergei Ryabkov?", first["text"]]])
    follow = client.predict("Where did he meet Wendy Sherman?", history, 5, "", api_name="/ask")
    assert follow["answered"] and "Geneva" in follow["text"]
    assert any("Geneva" in c["quote"] for c in follow["citations"])
    as_list = client.predict("Where did he meet Wendy Sherman?", [["Who is Sergei Ryabkov?", first["text"]]], 5, "",
                             api_name="/ask")  # a plain list works as well as JSON text
    assert as_list["text"] == follow["text"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, message",
    [(("", "[]", 5, ""), "question is empty"), (("Hi?", "[", 5, ""), "not valid JSON"),
     (("Hi?", "[]", 0, ""), "k must be between"), (("Hi?", "[]", 5, "poetry"), "mode must be one of")],
)
def test_api_rejects_bad_input_clearly(client, args, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=message):
        client.predict(*args, api_name="/ask")


@pytest.mark.slow
def test_upload_bad_files_change_nothing_good_file_is_indexed(client, app_server, tmp_path):
    from gradio_client import handle_file

    before = sorted(p.name for p in app_server.corpus_dir.iterdir())
    good = tmp_path / "kelmora-bridge.md"
    good.write_text(UPLOAD_MD, encoding="utf-8")
    empty = tmp_path / "empty-note.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    result = client.predict([handle_file(str(good)), handle_file(str(empty)), handle_file(str(binary))], "extractive",
                            api_name="/add_articles")
    message = result[0]
    assert "Nothing was added" in message and "empty-note.txt" in message and "blob.html" in message
    assert "kelmora-bridge" not in message  # the good file is not blamed
    assert sorted(p.name for p in app_server.corpus_dir.iterdir()) == before
    unknown = client.predict("Who opened the Zorvath Bridge?", "[]", 5, "", api_name="/ask")
    assert all(c["passage"]["doc_id"] != "kelmora-bridge" for c in unknown["citations"])

    result = client.predict([handle_file(str(good))], "extractive", api_name="/add_articles")
    assert "Added" in result[0] and "Kelmora opens the Zorvath Bridge" in result[0]
    assert (app_server.corpus_dir / "kelmora-bridge.md").read_text(encoding="utf-8") == UPLOAD_MD
    answer = client.predict("Who opened the Zorvath Bridge?", "[]", 5, "", api_name="/ask")
    assert answer["answered"] and "Varnek" in answer["text"]
    assert any(c["passage"]["doc_id"] == "kelmora-bridge" for c in answer["citations"])


@pytest.mark.slow
def test_login_flag_guards_the_app(tmp_path):
    from gradio_client import Client

    server = start_app(tmp_path, "--auth", "ann:s3cret", ready=False)
    try:
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(server.url + "config", timeout=10)
        assert denied.value.code == 401
        with pytest.raises(Exception):
            Client(server.url, verbose=False, auth=("ann", "wrong"))
        assert Client(server.url, verbose=False, auth=("ann", "s3cret")).view_api(print_info=False, return_format="dict")
        assert "public URL" not in server.log() and "gradio.live" not in server.log()
    finally:
        server.stop()
