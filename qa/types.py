"""The three values the public API hands out: passages, citations and answers.

Plain dataclasses so that the eval, the web app and Python callers all see the same shapes,
and so that they serialise to JSON with `dataclasses.asdict` without a custom encoder.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Passage:
    """A citable window of a few sentences from one article.

    `start`/`end` are character offsets into the article's *cleaned* text, so a passage
    can always be located (and expanded to its paragraph) in the text the library shows.
    `date` and `author` come from the article's metadata (see `qa.ingest.readers`).
    """

    doc_id: str
    title: str
    source: str
    url: str
    text: str
    score: float = 0.0
    passage_id: str = ""
    start: int = 0
    end: int = 0
    date: str = ""  # publication date, ISO YYYY-MM-DD; "" when unknown (document metadata "date")
    author: str = ""  # byline; "" when unknown (document metadata "author")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Citation:
    """Marker `[n]` of an answer: the passage it points to and the exact sentence quoted.

    `quote` is always a verbatim substring of `passage.text`. `supported` is False only on
    the LLM path, when the verifier could not find the generated claim in the passage.
    """

    passage: Passage
    quote: str
    supported: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"passage": self.passage.to_dict(), "quote": self.quote, "supported": self.supported}


@dataclass
class Answer:
    """What `Assistant.ask` returns.

    `citations[i]` is marker `[i+1]` in `text`. `answered` is False when the articles do not
    support an answer; then `related` may hold the closest passages, shown as "related,
    but not an answer". `notice` carries a short user-facing remark (e.g. an LLM fallback);
    `error` marks a message that is no answer at all (an invalid question, an index outage).
    """

    text: str
    citations: list[Citation] = field(default_factory=list)
    answered: bool = True
    query: str = ""
    mode: str = "extractive"
    notice: str = ""
    related: list[Passage] = field(default_factory=list)
    error: bool = False  # not an answer at all: a bad question or an unreachable index
    confidence: float | None = None  # probability that the articles answer the question (None: not scored)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "answered": self.answered,
            "query": self.query,
            "mode": self.mode,
            "notice": self.notice,
            "error": self.error,
            "confidence": self.confidence,
            "citations": [c.to_dict() for c in self.citations],
            "related": [p.to_dict() for p in self.related],
        }
