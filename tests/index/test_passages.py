"""Chunking: sentence splitting and passage windows (size, overlap, offsets) on the real corpus."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from qa.index.passages import (
    MAX_TOKENS,
    MIN_TOKENS,
    build_passage_nodes,
    passage_spans,
    split_sentences,
    token_counter,
)
from qa.ingest.readers import article_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix == ".txt")


@lru_cache(maxsize=None)
def _document(name: str):
    path = CORPUS / name
    return article_document(path, path.read_text(encoding="utf-8"))


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize("name", FILES)
def test_passage_token_counts_are_within_bounds(name):
    count = token_counter()
    text = _document(name).text
    sizes = [count(text[s.start : s.end]) for s in passage_spans(text)]
    assert len(sizes) >= 5
    out = [(i, n) for i, n in enumerate(sizes) if not MIN_TOKENS <= n <= MAX_TOKENS]
    assert not out, f"{name}: passages outside {MIN_TOKENS}-{MAX_TOKENS} tokens (index, tokens): {out}"
    assert (MIN_TOKENS, MAX_TOKENS) == (40, 120)


@pytest.mark.parametrize("name", FILES)
def test_consecutive_passages_share_a_sentence(name):
    text = _document(name).text
    spans = passage_spans(text)
    sentences = split_sentences(text)
    for prev, nxt in zip(spans, spans[1:]):
        assert prev.start < nxt.start < prev.end <= nxt.end, f"{name}: {prev} / {nxt} do not overlap"
        shared = [s for s in sentences if nxt.start <= s.start and s.end <= prev.end]
        assert shared, f"{name}: no whole sentence shared by {prev} and {nxt}"
        assert nxt.start == shared[0].start, "the next passage starts on a sentence boundary"


@pytest.mark.parametrize("name", FILES)
def test_passages_cover_the_article_and_cut_at_sentence_ends(name):
    text = _document(name).text
    spans = passage_spans(text)
    starts = {s.start for s in split_sentences(text)}
    ends = {s.end for s in split_sentences(text)}
    assert spans[0].start == 0 and spans[-1].end == len(text.rstrip())
    for span in spans:
        assert span.start in starts and span.end in ends, f"{name}: {text[span.start:span.end][:80]!r} cuts a sentence"


@pytest.mark.parametrize("name", FILES)
def test_passage_nodes_carry_exact_offsets(name):
    doc = _document(name)
    text = doc.text
    nodes = build_passage_nodes(doc)
    assert nodes
    for node in nodes:
        start, end = node.metadata["start"], node.metadata["end"]
        assert (node.start_char_idx, node.end_char_idx) == (start, end)
        assert text[start:end] == node.get_content()
        assert node.metadata["doc_id"] == doc.id_
        assert node.metadata["title"] == doc.metadata["title"]
    ids = [n.node_id for n in nodes]
    assert len(set(ids)) == len(ids)
    assert ids == [n.node_id for n in build_passage_nodes(doc)], "passage ids must be deterministic"


def test_stored_passages_match_the_stored_article_text(assistant):
    """The same offset contract, end to end: what the index returns can be found in the library text."""
    texts = {}
    nodes = assistant.store.all_nodes()
    assert len(nodes) >= 50
    for node in nodes:
        doc_id = node.metadata["doc_id"]
        if doc_id not in texts:
            texts[doc_id] = assistant.document_text(doc_id)
        start, end = int(node.metadata["start"]), int(node.metadata["end"])
        assert texts[doc_id][start:end] == node.get_content(), node.node_id
    assert sorted(texts) == sorted(Path(n).stem for n in FILES)
    for passage in assistant.retrieve("Who is Sergei Ryabkov?", k=5):
        assert texts[passage.doc_id][passage.start : passage.end] == passage.text


def test_splitter_keeps_abbreviations_intact():
    text = (
        "Putin met U.S. officials on Aug. 24, 1991, in Moscow. Mr. Biden said no. "
        "U.S. Asst. Sec. of State Karen Donfried got a copy of the documents. "
        "John F. Kennedy spoke at 5 p.m. on Monday. “We will not back down,” he said. "
        "Is it over? Yes! He ranked No. 5 on the list. The U.S. and the U.K. agreed."
    )
    assert _sentences(text) == [
        "Putin met U.S. officials on Aug. 24, 1991, in Moscow.",
        "Mr. Biden said no.",
        "U.S. Asst. Sec. of State Karen Donfried got a copy of the documents.",
        "John F. Kennedy spoke at 5 p.m. on Monday.",
        "“We will not back down,” he said.",
        "Is it over?",
        "Yes!",
        "He ranked No. 5 on the list.",
        "The U.S. and the U.K. agreed.",
    ]


def test_splitter_on_the_corpus_abbreviations():
    sentences = _sentences(_document("002_59007568ff3b6b40.txt").text)
    sentences += _sentences(_document("004_93ab12cb5d174454.txt").text)
    for fragment in ("Aug. 24, 1991", "U.S. Asst. Sec. of State Karen Donfried", "Dec. 8, 1987", "since Mr. Biden took office"):
        assert any(fragment in s for s in sentences), f"{fragment!r} was split"
    bad_ends = ("U.S.", "Asst.", "Sec.", "Mr.", "Aug.", "Dec.")
    assert not [s for s in sentences if s.endswith(bad_ends)]


def test_paragraph_break_ends_a_sentence_without_punctuation():
    assert _sentences("A heading without a stop\n\nThe body starts here. It goes on.") == [
        "A heading without a stop",
        "The body starts here.",
        "It goes on.",
    ]


def test_over_long_sentence_is_cut_below_the_maximum():
    count = token_counter()
    words = " ".join(f"word{i}" for i in range(400))
    text = f"Short opener here. {words} end. A closing sentence follows."
    spans = passage_spans(text)
    assert len(spans) >= 3
    assert all(count(text[s.start : s.end]) <= MAX_TOKENS for s in spans)
    covered = " ".join(text[s.start : s.end] for s in spans).split()
    assert all(f"word{i}" in covered for i in range(400)), "no word of the long sentence is lost"


def test_empty_and_tiny_texts():
    assert passage_spans("") == []
    assert passage_spans("   \n\n ") == []
    spans = passage_spans("Just one short sentence.")
    assert [(s.start, s.end) for s in spans] == [(0, 24)]
