"""The answer step is deterministic: a sentence's vector does not depend on what it was embedded
with, and an Assistant answers a question the same way whatever was asked before it."""
from __future__ import annotations

import numpy as np

from qa.answer.extractive import ExtractiveAnswerer

TARGET = "What did Putin demand in the draft agreements?"
EARLIER = [
    "Who is Sergei Ryabkov?",
    "What did Putin demand?",
    "Which countries are members of the CSTO?",
    "Why did Russian troops go to Kazakhstan?",
    "How many soldiers did Putin send to the Ukrainian border?",
]


def _fresh(assistant) -> ExtractiveAnswerer:
    return ExtractiveAnswerer(assistant.embed_model, assistant.retriever)


def test_sentence_vectors_do_not_depend_on_their_batch_mates(assistant):
    passages = assistant.retrieve(TARGET, k=5)
    sentences = [c.text for c in _fresh(assistant)._sentences(passages)]
    assert len(sentences) >= 4
    target = sentences[len(sentences) // 2]
    alone = _fresh(assistant)._embed([target])[0]
    among = _fresh(assistant)._embed(sentences)[sentences.index(target)]
    cached = _fresh(assistant)
    cached._embed(sentences[::-1])
    assert np.array_equal(alone, among)
    assert np.array_equal(alone, cached._embed([target])[0])
    assert np.array_equal(alone, np.asarray(assistant.embed_model.get_text_embedding(target), dtype=np.float32))


def _answer_record(answer):
    return answer.text, answer.answered, answer.confidence, [(c.passage.passage_id, c.quote) for c in answer.citations]


def test_two_assistants_answer_alike_whatever_was_asked_before(assistant):
    from qa import Assistant

    first = Assistant(assistant.settings, build_if_missing=False)
    second = Assistant(assistant.settings, build_if_missing=False)
    for question in EARLIER:
        second.ask(question)
    assert _answer_record(first.ask(TARGET)) == _answer_record(second.ask(TARGET))
    for question in reversed(EARLIER):  # the earlier questions, now asked after the others
        assert _answer_record(first.ask(question)) == _answer_record(second.ask(question))
