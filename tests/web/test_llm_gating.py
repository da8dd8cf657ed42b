"""Gated LLM answers, end to end, against a fake OpenAI-compatible endpoint (`fake_openai.py`).

The fake model writes, slowly, one sentence its cited passage does not back (a made-up
biography: Putin born on the Moon in 1802) and one that it does (Blinken met Lavrov in
Stockholm, corpus/001). Nothing the model wrote may be shown before it is verified:

* through `Assistant.ask_stream`: no piece ever carries the made-up sentence, the verified one
  comes as a `Sentence`, progress as `Status`;
* when the endpoint breaks mid-answer (after a verified sentence went out) or answers HTTP
  500: a `Replace` with the extractive answer takes the draft's place, then that Answer;
* in the browser (slow): the chat's text is polled while the answer streams; the made-up
  sentence's words are in no snapshot, "Writing the answer …" was shown, and the verified
  sentence is in the final answer.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest

from fake_openai import ANCHOR, QUESTION, SUPPORTED, UNSUPPORTED, UNSUPPORTED_2, UNSUPPORTED_WORDS, FakeOpenAI
from llm_checks import check_answer_is_supported, llm_assistant
from servers import launch_chromium, needs_chromium
from test_app import start_app
from test_browser import ARTIFACTS, assert_loopback_only, open_page

from qa.llm.events import Draft, Replace, Sentence, Status
from qa.types import Answer

SHOWN_SENTENCE = "Blinken met with Russian Foreign Minister Sergey Lavrov in Stockholm, Sweden in December"


def fake_bot(assistant, fake: FakeOpenAI):
    """The session Assistant pointed at the fake endpoint (chat API, as QA_LLM_CHAT=1)."""
    return llm_assistant(assistant, fake.url, "fake", llm_chat=True, llm_timeout=30.0, llm_first_token_timeout=20.0)


def run(bot, question: str = QUESTION) -> list:
    events = list(bot.ask_stream(question, mode="llm"))
    assert isinstance(events[-1], Answer) and not any(isinstance(e, Answer) for e in events[:-1])
    return events


def shown(events) -> str:
    return Draft.replay(events)


def test_ask_stream_never_yields_the_unsupported_sentence(assistant):
    with FakeOpenAI([UNSUPPORTED, SUPPORTED], delay=0.01) as fake:
        events = run(fake_bot(assistant, fake))
    assert fake.requests and fake.requests[0]["stream"] is True and fake.requests[0]["model"] == "fake"
    assert fake.served > 20  # the whole script went out, made-up sentence included
    *pieces, answer = events
    for piece in pieces:
        assert isinstance(piece, (Sentence, Status, Replace)), piece
        assert not any(word in piece for word in UNSUPPORTED_WORDS), f"unverified text streamed: {piece!r}"
    kinds = [type(p).__name__ for p in pieces]
    assert kinds == ["Status", "Status", "Sentence"], kinds  # writing; one held back; the verified one
    assert pieces[1].dropped == 1
    assert answer.mode == "llm" and answer.answered
    assert answer.text.startswith("According to CNN, ") and SHOWN_SENTENCE in answer.text
    assert not any(word in answer.text for word in UNSUPPORTED_WORDS)
    assert "".join(p for p in pieces if isinstance(p, Sentence)) == answer.text == shown(pieces)
    assert "1 sentence" in answer.notice and "left out" in answer.notice
    assert ANCHOR in answer.citations[0].quote
    check_answer_is_supported(answer)


def test_endpoint_breaking_mid_answer_replaces_the_draft_with_the_extractive_answer(assistant):
    """A verified sentence is already out when the connection breaks: the extractive answer
    comes as a Replace (shown instead of the draft, never after it), then that Answer."""
    bot = fake_bot(assistant, FakeOpenAI([]))  # only for its settings; the server is below
    expected = bot.ask(QUESTION, mode="extractive")
    supported_words = len(SUPPORTED.split())
    with FakeOpenAI([SUPPORTED, UNSUPPORTED], delay=0.01, die_after=supported_words + 3) as fake:
        events = run(fake_bot(assistant, fake))
    *pieces, answer = events
    kinds = [type(p).__name__ for p in pieces]
    assert kinds == ["Status", "Sentence", "Replace"], kinds
    assert SHOWN_SENTENCE in pieces[1]  # the draft had a verified sentence on screen …
    assert str(pieces[2]) == expected.text == answer.text  # … and the fallback took its place
    assert shown(pieces) == expected.text and SHOWN_SENTENCE not in shown(pieces).replace(expected.text, "", 1)
    assert answer.mode == "extractive" and answer.text == expected.text
    assert "broke mid-answer" in answer.notice and "extractive" in answer.notice
    assert not any(word in "".join(pieces) for word in UNSUPPORTED_WORDS)


def test_http_500_gives_the_extractive_answer_as_a_replace(assistant):
    bot = fake_bot(assistant, FakeOpenAI([]))
    expected = bot.ask(QUESTION, mode="extractive")
    with FakeOpenAI([SUPPORTED], status=500) as fake:
        events = run(fake_bot(assistant, fake))
    assert fake.requests, "the endpoint was never asked"
    *pieces, answer = events
    assert [type(p).__name__ for p in pieces] == ["Replace"]
    assert str(pieces[0]) == answer.text == expected.text and answer.mode == "extractive"
    assert "HTTP 500" in answer.notice


# ---- the chat handler, with a scripted stream ------------------------------------------
class ScriptedBackend:
    """What `Handlers.respond` needs of `qa.web.app.Backend`, around an assistant whose
    `ask_stream` replays fixed events."""

    def __init__(self, events: list) -> None:
        import threading

        from conftest import make_settings

        self.settings = make_settings(Path(tempfile.mkdtemp()), llm_url="http://127.0.0.1:9/v1", llm_model="m")
        self.ready = threading.Event()
        self.ready.set()
        self.lock = threading.RLock()
        self.events = events

    def get(self):
        return self

    def ask_stream(self, *args, **kwargs):
        return iter(self.events)

    def doc_text(self, doc_id: str) -> str:
        return ""


def chat_bubbles(events: list) -> list[str]:
    """The answer bubble's HTML after each update `respond` sends to the page."""
    from qa.web.app import Handlers

    bubbles = []
    for update in Handlers(ScriptedBackend(events)).respond(QUESTION, [], 5, "llm"):
        messages = update[1]
        if isinstance(messages, list) and messages and messages[-1]["role"] == "assistant":
            bubbles.append(messages[-1]["content"])
    return bubbles


def test_chat_shows_writing_then_verified_sentences_and_a_replace_replaces_them():
    draft = "According to CNN, a verified sentence [1]."
    fallback = Answer(text="According to the Los Angeles Times, the extractive answer [1].", mode="extractive",
                      notice="The language model is unavailable (x); showing the extractive answer.")
    bubbles = chat_bubbles([Status(), Sentence(draft), Status(dropped=1), Replace(fallback.text), fallback])
    writing = [i for i, b in enumerate(bubbles) if "Writing the answer" in b]
    first_text = next(i for i, b in enumerate(bubbles) if "verified sentence" in b)
    assert writing and writing[0] < first_text  # the writing state came first, with no text
    assert "qa-pending" in bubbles[writing[0]] and "verified" not in bubbles[writing[0]]
    assert any("verified sentence" in b and "1 sentence was held back" in b for b in bubbles)
    replaced = next(i for i, b in enumerate(bubbles) if "extractive answer" in b)
    # the fallback took the draft's place at once: never shown after (joined to) the draft
    assert all("verified sentence" not in b for b in bubbles[replaced:])
    assert "qa-msg-answer" in bubbles[-1] and "Writing" not in bubbles[-1]


def test_chat_appends_plain_extractive_text_as_before():
    answer = Answer(text="According to CNN, one. According to CNN, two.", mode="extractive")
    bubbles = chat_bubbles([answer.text, answer])
    streaming = [b for b in bubbles if "qa-streaming" in b]
    assert len(streaming) >= 4 and not any("Writing" in b for b in bubbles)
    assert "two." in streaming[-1] and "qa-msg-answer" in bubbles[-1]


# ---- the browser ----------------------------------------------------------------------
POLL_S = 0.05
CHAT_TEXT = "() => (document.querySelector('#qa-chat') || {innerText: ''}).innerText"
STREAM_TEXT = "() => { const s = document.querySelector('#qa-chat .qa-streaming .qa-text'); return s ? s.innerText : null; }"
DONE = "() => document.querySelectorAll('#qa-chat .qa-msg-answer, #qa-chat .qa-msg-refusal, #qa-chat .qa-error').length"


@pytest.mark.slow
@needs_chromium
def test_browser_shows_only_verified_sentences_while_the_model_writes(tmp_path):
    """Poll the chat every 50 ms while a slow fake model writes a made-up sentence, a supported
    one, and another made-up one (streaming while the verified sentence is on screen): no
    snapshot ever holds the made-up words; "Writing the answer …" and the held-back count were
    shown; the streamed text only ever grew into the verified sentence."""
    pytest.importorskip("playwright.sync_api")  # before the app starts
    started = time.monotonic()
    with FakeOpenAI([UNSUPPORTED, SUPPORTED, UNSUPPORTED_2], delay=0.07) as fake:
        app = start_app(tmp_path, env={"QA_LLM_URL": fake.url, "QA_LLM_MODEL": "fake", "QA_LLM_CHAT": "1"})
        try:
            with launch_chromium() as browser:
                context, page, requests = open_page(browser, app.url)
                page.wait_for_selector("#qa-status [data-state=ready]", timeout=120_000)
                assert "LLM" in page.inner_text("#qa-status"), page.inner_text("#qa-status")
                asked = time.monotonic()
                page.fill("#qa-question textarea", QUESTION)
                page.press("#qa-question textarea", "Enter")
                snapshots: list[str] = []
                streamed: list[str] = []
                deadline = time.monotonic() + 120
                while not page.evaluate(DONE):
                    assert time.monotonic() < deadline, f"no answer within 120 s; last snapshot: {snapshots[-1:]}"
                    snapshots.append(page.evaluate(CHAT_TEXT))
                    text = page.evaluate(STREAM_TEXT)
                    if text is not None:
                        streamed.append(text)
                    time.sleep(POLL_S)
                answer_s = time.monotonic() - asked
                final = page.inner_text("#qa-chat .qa-msg-answer")
                snapshots.append(page.evaluate(CHAT_TEXT))
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "llm_gated_answer.png"))
                context.close()
                assert_loopback_only(requests)
        finally:
            app.stop()
    assert fake.requests and fake.served > 40, "the fake model did not write its script"
    print(f"\n{len(snapshots)} snapshots over {answer_s:.1f} s (test {time.monotonic() - started:.0f} s in all)")
    leaked = [s for s in snapshots if any(word in s for word in UNSUPPORTED_WORDS)]
    assert not leaked, f"unverified text reached the page: {leaked[0]!r}"
    assert any("Writing the answer" in s for s in snapshots), "no 'Writing the answer' state was seen"
    assert any("held back" in s for s in snapshots), "the held-back sentence was never counted"
    assert SHOWN_SENTENCE in final and "According to CNN" in final and "left out" in final
    # The streamed text only ever grew into the verified sentence (nothing else was on screen).
    verified = final[final.index("According to CNN"):].split("\n")[0]
    assert streamed, "the answer never streamed"
    for text in streamed:
        assert verified.startswith(text.replace("▍", "").strip()), (text, verified)
    # … and stood on the page while the model went on writing (the second made-up sentence).
    assert any(SHOWN_SENTENCE in s and "Writing the answer" in s and "1 sentence was held back" in s for s in snapshots)
