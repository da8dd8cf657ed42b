"""`Assistant.as_retriever()`: the hybrid retrieval as a llama-index `BaseRetriever`.

It plugs into llama-index's own engines (a `RetrieverQueryEngine` and a
`CondensePlusContextChatEngine`, both with `MockLLM`, so no model is called) and brings back the
passages `Assistant.retrieve` finds: same passages, same order, same fused scores.
"""
from __future__ import annotations

import pytest

RYABKOV_DOC = "000_7072df8804a34c19"
QUESTIONS = [
    "Who is Sergei Ryabkov?",
    "What did Putin demand in the draft agreements?",
    "Why did Russian troops go to Kazakhstan?",
    "What did Biden warn Putin about?",
    "According to CNN, what did Blinken tell Lavrov?",  # a named source goes first
]


def _doc_id(node_with_score) -> str:
    node = node_with_score.node
    return str(node.metadata.get("doc_id") or node.ref_doc_id)


def test_it_is_a_llama_index_retriever(assistant):
    from llama_index.core.base.base_retriever import BaseRetriever
    from llama_index.core.schema import NodeWithScore

    retriever = assistant.as_retriever()
    assert isinstance(retriever, BaseRetriever)
    nodes = retriever.retrieve("Who is Sergei Ryabkov?")
    assert len(nodes) == assistant.settings.top_k
    assert all(isinstance(n, NodeWithScore) for n in nodes)
    assert [n.score for n in nodes] == sorted((n.score for n in nodes), reverse=True)


@pytest.mark.parametrize("question", QUESTIONS)
def test_retrieve_and_as_retriever_agree(assistant, question):
    """Same passages, same order, same scores, from either door."""
    k = assistant.settings.top_k
    passages = assistant.retrieve(question, k=k)
    nodes = assistant.as_retriever().retrieve(question)
    assert [(p.passage_id, p.score) for p in passages] == [(n.node.node_id, n.score) for n in nodes]
    assert [p.text for p in passages] == [n.node.get_content() for n in nodes]
    meta = [n.node.metadata for n in nodes]  # the article's date and author ride along on each passage
    assert [(p.doc_id, p.date, p.author) for p in passages] == [
        (m["doc_id"], str(m.get("date", "") or ""), str(m.get("author", "") or "")) for m in meta]


def test_top_k_is_per_retriever(assistant):
    three = assistant.as_retriever(similarity_top_k=3)
    assert len(three.retrieve("Who is Sergei Ryabkov?")) == 3
    assert len(assistant.as_retriever().retrieve("Who is Sergei Ryabkov?")) == assistant.settings.top_k  # unchanged
    ids = [n.node.node_id for n in assistant.as_retriever(similarity_top_k=8).retrieve("Who is Sergei Ryabkov?")]
    assert ids == [p.passage_id for p in assistant.retrieve("Who is Sergei Ryabkov?", k=8)]


def test_bad_top_k_is_a_bad_question(assistant):
    from qa import BadQuestion

    with pytest.raises(BadQuestion):
        assistant.as_retriever(similarity_top_k=0)


def test_retriever_query_engine_gets_the_passages(assistant):
    from llama_index.core.llms import MockLLM
    from llama_index.core.query_engine import RetrieverQueryEngine

    engine = RetrieverQueryEngine.from_args(assistant.as_retriever(), llm=MockLLM())
    response = engine.query("Who is Sergei Ryabkov?")
    sources = response.source_nodes
    assert sources, "the query engine got no nodes from the retriever"
    hits = [n for n in sources if _doc_id(n) == RYABKOV_DOC and "Deputy Foreign Minister" in n.node.get_content()]
    assert hits, [(_doc_id(n), n.node.get_content()[:80]) for n in sources]
    expected = [p.passage_id for p in assistant.retrieve("Who is Sergei Ryabkov?")]
    assert [n.node.node_id for n in sources] == expected


def test_condense_plus_context_chat_engine_gets_the_passages(assistant):
    from llama_index.core.chat_engine import CondensePlusContextChatEngine
    from llama_index.core.llms import MockLLM

    engine = CondensePlusContextChatEngine.from_defaults(assistant.as_retriever(), llm=MockLLM())
    response = engine.chat("Who is Sergei Ryabkov?")
    sources = response.source_nodes
    assert any(_doc_id(n) == RYABKOV_DOC and "Deputy Foreign Minister" in n.node.get_content() for n in sources)
    assert [n.node.node_id for n in sources] == [p.passage_id for p in assistant.retrieve("Who is Sergei Ryabkov?")]
    # the context the (mock) LLM was given carries the passage text
    assert "Deputy Foreign Minister" in str(response.response)
