"""Two reference answerers scored beside ours on the same retrieval: the floor and the ceiling.

- **floor**: the two sentences of the top-5 passages most similar to the question (MiniLM
  cosine), never refusing. Ten lines anyone could write; an answer step that holds fewer facts
  than this on unseen questions is throwing retrieval away.
- **ceiling**: the top-5 passages themselves, never refusing: the facts any extractive answer
  over those passages could hold at best.

Both speak the runner's interface (`ask`, `retrieve`) and use the Assistant's own retrieval
and follow-up handling, so the only difference from ours is the answer step.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from qa.index.embedding import embed_alone
from qa.text.sentences import split_sentences
from qa.types import Answer, Citation, Passage

REFERENCE_K = 5


class _Reference:
    name = "reference"

    def __init__(self, bot: Any, k: int = REFERENCE_K) -> None:
        self.bot = bot
        self.k = k

    def retrieve(self, question: str, k: int | None = None) -> list[Passage]:
        return self.bot.retrieve(question, k or self.k)

    def _passages(self, question: str, history: Any) -> tuple[str, list[Passage]]:
        query = self.bot.standalone_query(question, history)
        return query, self.bot.retrieve(query, self.k)


class FloorAnswerer(_Reference):
    """The two most question-like sentences of the top-5 passages; never refuses."""

    name = "floor"

    def __init__(self, bot: Any, k: int = REFERENCE_K) -> None:
        super().__init__(bot, k)
        self._vectors: dict[str, np.ndarray] = {}

    def _embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            for text, vec in zip(missing, embed_alone(self.bot.embed_model, missing)):  # batch-invariant
                self._vectors[text] = np.asarray(vec, dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts])

    def ask(self, question: str, history: Any = None, k: int | None = None, mode: str | None = None) -> Answer:
        query, passages = self._passages(question, history)
        seen: set[str] = set()  # neighbouring passages share a sentence: count it once
        sentences = [(p, t) for p in passages for s in split_sentences(p.text)
                     if (t := p.text[s.start : s.end]) not in seen and not seen.add(t)]
        if not sentences:
            return Answer(text="", answered=True, query=query, mode=self.name)
        q = np.asarray(self.bot.embed_model.get_query_embedding(query), dtype=np.float32)
        sims = self._embed([s for _, s in sentences]) @ q
        best = sorted(np.argsort(-sims, kind="stable")[:2])
        chosen = [sentences[i] for i in best]
        text = " ".join(f"{s} [{n}]" for n, (_, s) in enumerate(chosen, 1))
        return Answer(text=text, citations=[Citation(passage=p, quote=s) for p, s in chosen],
                      answered=True, query=query, mode=self.name)


class CeilingAnswerer(_Reference):
    """All of the top-5 passages as the answer: what any extractive answer could hold at best."""

    name = "ceiling"

    def ask(self, question: str, history: Any = None, k: int | None = None, mode: str | None = None) -> Answer:
        query, passages = self._passages(question, history)
        return Answer(text="\n\n".join(p.text for p in passages),
                      citations=[Citation(passage=p, quote=p.text) for p in passages],
                      answered=True, query=query, mode=self.name)
