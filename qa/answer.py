"""Extractive answers: the few retrieved sentences that answer the question, each cited.

No LLM: every sentence of an answer is a verbatim sentence of an article, prefixed with who
said it ("According to CNN, …") so opinion is never passed off as fact and disagreeing outlets
are shown side by side instead of blended. When no sentence passes the support checks the
answer is an honest refusal, with the closest passages offered as "related, but not an answer".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from .chunking import split_sentences
from .types import Answer, Citation, Passage

MAX_SENTENCES = 3
CANDIDATE_PASSAGES = 8
MMR_LAMBDA = 0.7
REFUSAL_TEXT = "The articles don't say. None of the indexed articles contains a passage that answers this question."

_WORD = re.compile(r"[A-Za-z0-9][\w’'-]*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DATE_WORDS = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|"
    r"year|years|today|yesterday|ago|since|century|centuries|decade)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
                     r"hundred|thousand|thousands|million|billion|half)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
_LOWERABLE_FIRST = {
    "it", "this", "the", "these", "that", "those", "there", "in", "on", "at", "a", "an", "when", "while", "but",
    "and", "however", "yet", "so", "as", "if", "for", "with", "some", "many", "what", "his", "her", "their",
    "its", "last", "earlier", "indeed", "moreover", "of", "to", "although", "whether", "given", "since", "none",
}
_STOPWORDS = {
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "is", "are", "was", "were", "did", "does",
    "do", "what", "who", "whom", "when", "where", "why", "how", "which", "that", "this", "these", "those", "with",
    "about", "from", "by", "as", "be", "been", "has", "have", "had", "it", "its", "he", "she", "they", "his", "her",
    "their", "them", "him", "i", "we", "you", "there", "than", "then", "so", "not", "no", "can", "could", "would",
    "should", "will", "may", "might", "according", "article", "articles", "say", "says", "said", "tell", "us",
    "much", "many", "any", "some", "all", "into", "out", "up", "other", "more", "most", "also", "exactly", "s",
}


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s$", "", word)
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_terms(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text) if w.lower() not in _STOPWORDS]


@dataclass
class Candidate:
    """One sentence of a retrieved passage, with how well it answers the question."""

    passage: Passage
    text: str
    rank: int
    order: int
    relevance: float = 0.0
    coverage: float = 0.0
    similarity: float = 0.0
    embedding: Any = None


def attribution(passage: Passage) -> str:
    """Who says it: "CNN", "the Los Angeles Times", or the article title when no outlet is named."""
    source = passage.source.strip()
    if source:
        if len(source.split()) > 1 and not source.lower().startswith("the "):
            return f"the {source}"
        return source
    return f"the article “{passage.title}”" if passage.title else "one article"


def attributed(sentence: str, passage: Passage) -> str:
    """ "According to CNN, it was only last month …" keeping names capitalised."""
    first, _, rest = sentence.partition(" ")
    bare = first.strip("“\"‘'").lower()
    if bare in _LOWERABLE_FIRST and not (len(first) > 1 and first[1:2].isupper()):
        sentence = first[0].lower() + first[1:] + (" " + rest if rest else "")
    return f"According to {attribution(passage)}, {sentence}"


def expected_answer_type(question: str) -> str:
    q = question.lower().strip()
    if re.match(r"^(when|what year|in what year|in which year|what date|on what date|since when|how long ago)\b", q) or " what year" in q:
        return "date"
    if re.match(r"^(how many|how much|how old|how tall|how big|how large|how long|what percentage|what share)\b", q) or re.search(r"\bhow (many|much|old|tall)\b", q):
        return "number"
    return "any"


def satisfies_type(sentence: str, kind: str) -> bool:
    if kind == "date":
        return bool(_YEAR.search(sentence) or _DATE_WORDS.search(sentence))
    if kind == "number":
        return bool(_NUMBER.search(sentence))
    return True


class ExtractiveAnswerer:
    """Selects, orders and cites answer sentences; refuses when none is supported."""

    # Calibrated on eval/gold.jsonl (see issue notes): below these the best sentence is
    # related at most, not an answer.
    min_similarity: float = 0.30
    min_coverage: float = 0.5

    def __init__(self, embed_model: Any, retriever: Any) -> None:
        self.embed_model = embed_model
        self.retriever = retriever
        self._sentence_cache: dict[str, np.ndarray] = {}

    # -- embeddings (sentences are cached: the same passages come back again and again)
    def _embed_sentences(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._sentence_cache]
        if missing:
            vectors = self.embed_model.get_text_embedding_batch(missing)
            for text, vector in zip(missing, vectors):
                self._sentence_cache[text] = np.asarray(vector, dtype=np.float32)
        return np.stack([self._sentence_cache[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def candidates(self, query: str, k: int) -> list[Passage]:
        return self.retriever.retrieve(query, max(k, 1))

    def _idf(self) -> Any:
        return getattr(self.retriever, "term_idf", None)

    def _sentences(self, passages: list[Passage]) -> list[Candidate]:
        seen: set[tuple[str, int]] = set()
        out: list[Candidate] = []
        for rank, passage in enumerate(passages):
            for span in split_sentences(passage.text):
                text = passage.text[span.start : span.end]
                key = (passage.doc_id, passage.start + span.start)
                if key in seen or len(text.split()) < 4:
                    continue
                seen.add(key)
                out.append(Candidate(passage, text, rank, passage.start + span.start))
        return out

    def _score(self, question: str, query: str, cands: list[Candidate]) -> None:
        q_terms = set(content_terms(query))
        q_vec = np.asarray(self.embed_model.get_query_embedding(query), dtype=np.float32)
        vectors = self._embed_sentences([c.text for c in cands])
        sims = vectors @ q_vec
        idf = self.retriever.idf if hasattr(self.retriever, "idf") else (lambda term: 1.0)
        total = sum(idf(t) for t in q_terms) or 1.0
        for cand, vector, sim in zip(cands, vectors, sims):
            s_terms = set(content_terms(cand.text))
            cand.embedding = vector
            cand.similarity = float(sim)
            cand.coverage = sum(idf(t) for t in q_terms & s_terms) / total if q_terms else 0.0
            cand.relevance = 0.55 * cand.similarity + 0.35 * cand.coverage + 0.10 / (1 + cand.rank)

    def _select(self, cands: list[Candidate], kind: str) -> list[Candidate]:
        pool = [c for c in cands if satisfies_type(c.text, kind)]
        pool.sort(key=lambda c: (-c.relevance, c.passage.doc_id, c.order))
        if not pool:
            return []
        best = pool[0]
        if best.similarity < self.min_similarity or best.coverage < self.min_coverage:
            return []
        chosen = [best]
        floor = best.relevance * 0.75
        while len(chosen) < MAX_SENTENCES:
            scored = []
            for cand in pool:
                if cand in chosen or cand.relevance < floor:
                    continue
                redundancy = max(float(cand.embedding @ c.embedding) for c in chosen)
                if redundancy > 0.9:
                    continue
                scored.append((MMR_LAMBDA * cand.relevance - (1 - MMR_LAMBDA) * redundancy, cand))
            if not scored:
                break
            scored.sort(key=lambda x: (-x[0], x[1].passage.doc_id, x[1].order))
            chosen.append(scored[0][1])
        return chosen

    def answer(self, question: str, query: str, passages: list[Passage]) -> Answer:
        """Compose the cited answer (or the refusal) from already retrieved passages."""
        cands = self._sentences(passages)
        chosen: list[Candidate] = []
        if cands:
            self._score(question, query, cands)
            chosen = self._select(cands, expected_answer_type(query))
        if not chosen:
            return Answer(text=REFUSAL_TEXT, answered=False, query=query, related=passages[:3])
        # Readable order: by article (in order of its best sentence), then as written.
        doc_order: dict[str, int] = {}
        for c in chosen:
            doc_order.setdefault(c.passage.doc_id, len(doc_order))
        chosen.sort(key=lambda c: (doc_order[c.passage.doc_id], c.order))
        parts, citations = [], []
        for n, cand in enumerate(chosen, 1):
            parts.append(f"{attributed(cand.text, cand.passage)} [{n}]")
            citations.append(Citation(passage=cand.passage, quote=cand.text))
        return Answer(text=" ".join(parts), citations=citations, answered=True, query=query)
