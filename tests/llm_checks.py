"""LLM-answer helpers shared by test_llm.py and test_injection.py: an Assistant pointed at a
test llama.cpp server, a stream collector, and a support check written apart from qa.llm.verify.

Here rather than in test_llm.py so that test_injection.py does not import a test module.
"""
from __future__ import annotations

import copy
import dataclasses
import re

from qa.types import Answer, Passage


def llm_assistant(assistant, server_url: str, model: str, **overrides):
    """The session Assistant's index and models, with LLM settings (a shallow copy: the
    shared fixture itself is not changed)."""
    bot = copy.copy(assistant)
    settings = dataclasses.replace(assistant.settings, llm_url=server_url, llm_model=model, llm_timeout=120.0)
    settings.llm_chat = False  # a base model: completion endpoint with a prompt it continues
    settings.llm_max_tokens = 120
    settings.llm_first_token_timeout = 90.0
    for key, value in overrides.items():
        setattr(settings, key, value)
    bot.settings = settings
    bot._llm = None
    return bot


_NUM = re.compile(r"\d[\d,.]*\d|\d")
_CAP = re.compile(r"\b[A-Z][A-Za-z’'-]+")
_STOP = {"The", "A", "An", "In", "On", "It", "He", "She", "They", "This", "That", "But", "And", "His", "Her", "Their", "As", "According"}


def independently_supported(sentence: str, passage: Passage) -> list[str]:
    """A check written separately from qa.llm.verify: every number and capitalised name of the
    shown sentence occurs in the cited passage, and most of its longer words do."""
    body = re.sub(r"\[\d+\]", "", sentence)
    text = passage.text.replace(",", "") + " " + passage.source
    problems = [f"number {n}" for n in _NUM.findall(body) if n.replace(",", "").rstrip(".") not in text]
    problems += [f"name {w}" for w in _CAP.findall(body) if w not in _STOP and w.lower()[:5] not in text.lower()]
    long_words = [w for w in re.findall(r"[A-Za-z]{5,}", body)]
    found = [w for w in long_words if w.lower()[:5] in text.lower()]
    if long_words and len(found) / len(long_words) < 0.6:
        problems.append(f"only {len(found)}/{len(long_words)} words in passage")
    return problems


def check_answer_is_supported(answer: Answer) -> None:
    """Every shown sentence cites valid markers whose quote is verbatim in the passage and
    whose passage independently contains its numbers, names and most words."""
    assert answer.mode == "llm"
    if not answer.answered:
        assert not answer.citations
        return
    from qa.text.sentences import split_sentences

    assert answer.text.strip()
    for span in split_sentences(answer.text):
        sentence = answer.text[span.start : span.end]
        markers = [int(n) for n in re.findall(r"\[(\d+)\]", sentence)]
        assert markers, f"shown sentence without citation: {sentence!r}"
        for n in markers:
            citation = answer.citations[n - 1]
            assert citation.supported
            assert citation.quote and citation.quote in citation.passage.text
        problems = [p for n in markers for p in independently_supported(sentence, answer.citations[n - 1].passage)]
        assert not problems, (sentence, problems)


def collect_stream(answerer, question: str, passages: list[Passage]) -> tuple[list[str], Answer | None, Exception | None]:
    """Run `answerer.stream` to the end: the model's raw deltas (seen through `on_raw`, never
    part of the stream), the final Answer (None when the LLM gave up) and the LLMUnavailable it
    gave up with (None when it answered). Checks the gating on the way: every text piece of the
    stream is a verified `Sentence` (or a `Status`/`Replace`), and the sentences add up to the
    final text."""
    from qa.llm.answerer import LLMUnavailable
    from qa.llm.events import Replace, Sentence, Status

    deltas: list[str] = []
    pieces: list[str] = []
    final: Answer | None = None
    try:
        for event in answerer.stream(question, question, passages, on_raw=deltas.append):
            if isinstance(event, Answer):
                final = event
            else:
                assert isinstance(event, (Sentence, Status, Replace)), f"unexpected stream event {event!r}"
                pieces.append(event)
    except LLMUnavailable as exc:
        return deltas, None, exc
    if final is not None and final.answered:
        assert "".join(p for p in pieces if isinstance(p, Sentence)) == final.text
    return deltas, final, None
