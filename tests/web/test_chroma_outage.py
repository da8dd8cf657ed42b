"""Chroma server mode: the server stops mid-session, then comes back.

A real `chroma run` server (loopback, free port, temp path) holds the index. While it is down,
`Assistant.ask`/`ask_stream` return a clear "index server is unreachable" answer instead of
raising, and the web app keeps serving: the chat shows the message and the `/ask` API returns
it. Restarted on the same port and path, answers resume with the same Assistant instance and
the same app process, nothing restarted.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, make_settings
from servers import ChromaServer, free_port, launch_chromium, needs_chromium
from test_app import AppServer

ROOT = Path(__file__).resolve().parents[2]
CARD_QUESTION = "What did Putin demand in the draft agreements?"
UNREACHABLE = "index server is unreachable"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chroma(tmp_path_factory):
    with ChromaServer(tmp_path_factory.mktemp("chroma") / "data") as server:
        yield server


@pytest.fixture(scope="module")
def served(chroma, tmp_path_factory):
    """An Assistant whose passages live in the Chroma server (built there on first open)."""
    from qa import Assistant

    index_dir = tmp_path_factory.mktemp("server-index")
    return Assistant(make_settings(index_dir, CORPUS, chroma_url=chroma.url))


def test_ask_says_the_server_is_unreachable_then_resumes(served, chroma):
    from qa.types import Answer

    first = served.ask(CARD_QUESTION)
    assert first.answered and first.citations

    chroma.stop()
    try:
        for question in (CARD_QUESTION, "Why did Russian troops go to Kazakhstan?"):  # asked before, and new
            down = served.ask(question)
            assert not down.answered and not down.citations
            assert UNREACHABLE in down.text and chroma.url in down.text, down.text
            assert "unreachable" in down.notice
        # a follow-up that names nothing: whether it leans on the chat asks retrieval too
        down = served.ask("Who leads it?", history=[(CARD_QUESTION, first.text)])
        assert not down.answered and UNREACHABLE in down.text, down.text
        assert down.query == f"Who leads it? {CARD_QUESTION}"
        events = list(served.ask_stream("Who is Sergei Ryabkov?"))
        assert isinstance(events[-1], Answer) and UNREACHABLE in events[-1].text
        assert all(isinstance(e, str) for e in events[:-1])
    finally:
        chroma.start()  # same port, same data path

    back = served.ask(CARD_QUESTION)  # the same Assistant instance: nothing reopened
    assert back.answered and back.text == first.text
    assert served.ask("Why did Russian troops go to Kazakhstan?").answered


def wait_for_answer(ask, timeout: float = 10.0):
    """Ask until an answer comes (the server was just started): the last reply, and the
    seconds it took. Bounded by `timeout`, polled, never a fixed sleep."""
    started = time.monotonic()
    while True:
        reply = ask()
        if reply["answered"] or time.monotonic() - started > timeout:
            return reply, time.monotonic() - started
        time.sleep(0.2)


def test_an_assistant_started_while_the_server_is_down_answers_once_it_is_up(served, chroma):
    """Issue 13: a replica started before its Chroma server needs no restart."""
    from qa import Assistant, IndexUnavailable

    settings = served.settings
    chroma.stop()
    try:
        with pytest.raises(IndexUnavailable, match="unreachable"):  # the default: say so at once
            Assistant(settings)
        bot = Assistant(settings, wait_for_server=True)  # no raise: the server is down
        down = bot.ask(CARD_QUESTION)
        assert not down.answered and down.error and UNREACHABLE in down.text and chroma.url in down.text, down.text
        events = list(bot.ask_stream("Who is Sergei Ryabkov?"))
        assert UNREACHABLE in events[-1].text and all(isinstance(e, str) for e in events[:-1])
        with pytest.raises(IndexUnavailable, match="unreachable"):
            bot.retrieve(CARD_QUESTION)
        with pytest.raises(IndexUnavailable):
            bot.library()
        empty = bot.ask("   ")  # a question that cannot be asked still says why
        assert empty.error and UNREACHABLE not in empty.text
    finally:
        chroma.start()

    reply, waited = wait_for_answer(lambda: vars(bot.ask(CARD_QUESTION)))
    assert reply["answered"] and reply["citations"], (reply["text"], waited)
    assert waited < 10, waited
    assert bot.retrieve(CARD_QUESTION) and bot.library()


def start_app_on(chroma_url: str, index_dir: Path, base: Path, ready: bool = True) -> AppServer:
    """`python app.py` on the Chroma server (test_app's launcher drops QA_CHROMA_URL)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QA_", "GRADIO_SERVER")) and "proxy" not in k.lower()}
    env.update(QA_INDEX_DIR=str(index_dir), QA_CORPUS_DIR=str(CORPUS), QA_CHROMA_URL=chroma_url,
               GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1", HF_HUB_OFFLINE="1", NO_PROXY="127.0.0.1,localhost")
    port = free_port()
    log_path = base / f"app-{port}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    server = AppServer(f"http://127.0.0.1:{port}/", proc, CORPUS, index_dir, log_path, time.monotonic())
    server.wait_served()
    if ready:
        server.wait_ready()
    return server


@needs_chromium
def test_web_chat_and_api_show_the_outage_and_recover(served, chroma, tmp_path):
    pytest.importorskip("playwright.sync_api")  # before the app starts
    from gradio_client import Client

    from test_browser import ANSWER_DONE, ARTIFACTS

    def ask(page, question: str, done: int) -> None:  # an error bubble counts as done here
        page.fill("#qa-question textarea", question)
        page.press("#qa-question textarea", "Enter")
        page.wait_for_function(f"document.querySelectorAll({ANSWER_DONE!r}).length >= {done}")

    app = start_app_on(chroma.url, served.settings.index_dir, tmp_path)
    try:
        client = Client(app.url, verbose=False)
        assert client.predict(CARD_QUESTION, "[]", 5, "", api_name="/ask")["answered"]
        with launch_chromium() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(app.url)
            page.wait_for_selector("#qa-status [data-state=ready]", timeout=120_000)
            ask(page, CARD_QUESTION, 1)

            chroma.stop()
            try:
                ask(page, "Who is Sergei Ryabkov?", 2)
                last = page.locator("#qa-chat .qa-msg").last
                assert UNREACHABLE in last.inner_text(), last.inner_text()
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "20_chroma_outage.png"))
                down = client.predict("Who is Sergei Ryabkov?", "[]", 5, "", api_name="/ask")
                assert not down["answered"] and UNREACHABLE in down["text"]
                assert app.proc.poll() is None
            finally:
                chroma.start()

            ask(page, "Who is Sergei Ryabkov?", 3)  # same page, same app process
            last = page.locator("#qa-chat .qa-msg").last
            assert "qa-msg-answer" in last.get_attribute("class") and "Ryabkov" in last.inner_text()
            up = client.predict("Who is Sergei Ryabkov?", "[]", 5, "", api_name="/ask")
            assert up["answered"] and up["citations"]
    finally:
        app.stop()
    assert app.proc.returncode in (0, -signal.SIGTERM), app.log()[-2000:]


def test_an_app_started_while_the_server_is_down_answers_once_it_is_up(served, chroma, tmp_path):
    """`python app.py` started before its Chroma server: /ask says the server is unreachable
    (not "failed to load"), then answers once it is up, the same process, no restart."""
    from gradio_client import Client

    def ask() -> dict:
        return client.predict(CARD_QUESTION, "[]", 5, "", api_name="/ask")

    chroma.stop()
    try:
        app = start_app_on(chroma.url, served.settings.index_dir, tmp_path, ready=False)
        client = Client(app.url, verbose=False)
        deadline = time.monotonic() + 120
        while True:  # "still loading" is an error reply until the Assistant is made
            try:
                down = ask()
                break
            except Exception as exc:  # noqa: BLE001 - gradio_client's AppError
                assert "failed to load" not in str(exc), str(exc)
                assert time.monotonic() < deadline, f"no reply: {exc}\n{app.log()[-2000:]}"
                time.sleep(0.5)
        assert not down["answered"] and UNREACHABLE in down["text"], down["text"]
    finally:
        chroma.start()
    try:
        up, waited = wait_for_answer(ask)
        assert up["answered"] and up["citations"], (up["text"], waited)
        assert waited < 10, waited
        assert app.proc.poll() is None
    finally:
        app.stop()
    assert app.proc.returncode in (0, -signal.SIGTERM), app.log()[-2000:]
