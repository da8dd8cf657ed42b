"""Questions asking what an article says as a whole, answered by its opening sentences
(`qa.answer.gist`)."""
from __future__ import annotations

import pytest

from qa.answer.gist import asks_gist, gist_topic, lede_spans, names_article_by_topic


@pytest.mark.parametrize("question", [
    "Summarize the Telegraph article.",
    "summarize the quanta magazine story",
    "Sum up the Guardian piece about whale strandings.",
    "Give me a summary of the article about neon.",
    "What is the main point of the Seattle Times story?",
    "What is the Telegraph article about?",
    "What does the Washington Post piece say?",
])
def test_requests_for_an_articles_gist_are_told_apart(question):
    assert asks_gist(question)


@pytest.mark.parametrize("question", [
    "What did Putin demand in the draft agreements?",
    "What does Putin say about NATO?",
    "How did the article describe the talks?",
    "What is the Biden administration's view?",
])
def test_questions_about_what_articles_say_are_not_requests_for_a_gist(question):
    assert not asks_gist(question)


def test_the_subject_naming_an_article_is_what_the_frame_leaves():
    assert gist_topic("Give me a summary of the article about neon.") == "neon"
    assert gist_topic("What is this article about?") == ""
    assert names_article_by_topic("Sum up the piece about whale strandings.")
    assert not names_article_by_topic("Summarise the wider aim the column sees behind the moves.")


def test_the_lead_is_the_first_sentences_of_the_story_not_a_heading():
    article = "The Birth of Chaos\n\nA little over half a century ago, chaos spilled out. It came from a computer. Then more."
    spans = lede_spans(article, 2)
    assert [article[s.start : s.end] for s in spans] == ["A little over half a century ago, chaos spilled out.",
                                                         "It came from a computer."]
    assert lede_spans("A heading\n\nAnother heading", 2) == []


def _doc_of(assistant, source):
    return next(d for d in assistant.library() if d.source == source)


def test_asked_to_summarize_a_named_article_the_answer_quotes_its_opening(assistant, ask_with_policy):
    """"Summarize the CNN article." was refused ("CNN doesn't say"): no one sentence answers it."""
    answer = assistant.ask("Summarize the CNN article.")
    cnn = _doc_of(assistant, "CNN")
    text = assistant.document_text(cnn.doc_id)
    assert answer.answered and len(answer.citations) in (1, 2)
    assert all(c.passage.doc_id == cnn.doc_id and c.quote in text for c in answer.citations)
    assert text.startswith(answer.citations[0].quote)
    assert answer.text.startswith("According to CNN, US Secretary of State Antony Blinken has said")
    assert "opening sentences" in answer.notice and cnn.title in answer.notice
    # asked about one aspect, it is answered as any question
    aspect = assistant.ask("Summarize what the CNN piece says about the economic weakness of Russia.")
    assert "opening sentences" not in aspect.notice
    # the rule off: no lead quoted
    unruled = ask_with_policy("Summarize the CNN article.", gist_lede=False)
    assert not (unruled.citations and text.startswith(unruled.citations[0].quote))


def test_an_article_named_by_its_subject_is_found_by_that_subject(assistant):
    answer = assistant.ask("Give me a summary of the article about Kazakhstan.")
    assert answer.answered and "opening sentences" in answer.notice
    doc = answer.citations[0].passage.doc_id
    assert assistant.document_text(doc).startswith(answer.citations[0].quote)
    assert "Kazakhstan" in assistant.document_text(doc)[:2000]
