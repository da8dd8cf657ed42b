"""Sentence splitting and the passage windows that answers cite.

Passages are a few whole sentences (about 40–120 tokens) so that a citation points at a
place a reader can check at a glance; consecutive windows share a sentence so that a fact
spread over two sentences is still inside one passage. Token counts use tiktoken through
llama-index's bundled BPE cache (plain `tiktoken.get_encoding` would download it).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from ..text.sentences import Span, split_sentences

MIN_TOKENS = 40
TARGET_TOKENS = 75
MAX_TOKENS = 120

@lru_cache(maxsize=1)
def token_counter() -> Callable[[str], int]:
    """Token counter backed by tiktoken via llama-index's offline cache."""
    from llama_index.core.utils import get_tokenizer

    encode = get_tokenizer()
    return lambda text: len(encode(text))


def _split_long(text: str, span: Span, count: Callable[[str], int]) -> list[Span]:
    """Cut a single over-long sentence at word boundaries into pieces under MAX_TOKENS."""
    pieces: list[Span] = []
    words = list(re.finditer(r"\S+", text[span.start : span.end]))
    piece_start = 0
    for i in range(1, len(words) + 1):
        chunk = text[span.start + words[piece_start].start() : span.start + words[i - 1].end()]
        if i == len(words) or count(chunk + " " + words[i].group(0)) > MAX_TOKENS:
            pieces.append(Span(span.start + words[piece_start].start(), span.start + words[i - 1].end()))
            piece_start = i
            if i == len(words):
                break
    return pieces


def passage_spans(text: str) -> list[Span]:
    """Windows of whole sentences, ~TARGET_TOKENS long, overlapping by one sentence."""
    count = token_counter()
    sentences: list[Span] = []
    for span in split_sentences(text):
        if count(text[span.start : span.end]) > MAX_TOKENS:
            sentences.extend(_split_long(text, span, count))
        else:
            sentences.append(span)
    if not sentences:
        return []
    sizes = [count(text[s.start : s.end]) for s in sentences]

    windows: list[tuple[int, int]] = []  # inclusive sentence index ranges
    i = 0
    while i < len(sentences):
        j, total = i, sizes[i]
        while j + 1 < len(sentences) and total < TARGET_TOKENS and total + sizes[j + 1] <= MAX_TOKENS:
            j += 1
            total += sizes[j]
        windows.append((i, j))
        if j == len(sentences) - 1:
            break
        i = j if j > i else j + 1  # share the last sentence with the next window
    # A short tail window grows backwards so that no passage is a lonely fragment.
    i, j = windows[-1]
    total = sum(sizes[i : j + 1])
    while i > 0 and total < MIN_TOKENS and total + sizes[i - 1] <= MAX_TOKENS:
        i -= 1
        total += sizes[i]
    windows[-1] = (i, j)
    if len(windows) > 1 and windows[-2][0] >= windows[-1][0]:
        windows.pop(-2)
    return [Span(sentences[a].start, sentences[b].end) for a, b in windows]


def passage_id(doc_id: str, index: int, text: str) -> str:
    """Deterministic id, so a re-run after a crash overwrites instead of duplicating."""
    import hashlib

    return f"{doc_id}:{index:04d}:{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"


def build_passage_nodes(document: "BaseNode") -> list["TextNode"]:
    """The passages of one cleaned article as llama-index TextNodes with offsets and metadata."""
    from llama_index.core.schema import NodeRelationship, TextNode

    text = document.get_content()
    nodes = []
    for index, span in enumerate(passage_spans(text)):
        chunk = text[span.start : span.end]
        metadata = dict(document.metadata)
        metadata.update({"start": span.start, "end": span.end})
        nodes.append(
            TextNode(
                id_=passage_id(document.node_id, index, chunk),
                text=chunk,
                metadata=metadata,
                start_char_idx=span.start,
                end_char_idx=span.end,
                # title and outlet go into the embedded/BM25 text: questions name them
                # ("according to the CNN analysis…") and they disambiguate short passages
                excluded_embed_metadata_keys=[k for k in metadata if k not in ("title", "source")],
                excluded_llm_metadata_keys=[k for k in metadata if k not in ("title", "source")],
                relationships={NodeRelationship.SOURCE: document.as_related_node_info()},
            )
        )
    return nodes


def _node_parser_class() -> type:
    from llama_index.core.node_parser.interface import NodeParser

    class PassageParser(NodeParser):
        """llama-index NodeParser adapter, so the ingestion pipeline can run our windows."""

        def _parse_nodes(self, nodes, show_progress: bool = False, **kwargs):  # type: ignore[override]
            out = []
            for node in nodes:
                out.extend(build_passage_nodes(node))
            return out

    return PassageParser


def passage_parser() -> "NodeParser":
    return _node_parser_class()()
