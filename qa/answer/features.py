"""Features of a candidate answer sentence, and of a question's best candidates.

Two levels, both read by small learned models (`qa.answer.model`):
- **sentence** features say how well one sentence answers the question: MiniLM similarity,
  idf-weighted coverage of the question's terms (with and without the sentence before it),
  whether the question's names occur in the sentence / passage / article, whether the sentence
  holds the kind of thing asked for (a date for "when", a number for "how many", a new name for
  "who"/"where"), the passage's retrieval rank, and how the sentence compares with the best
  candidate of the same question;
- **question** features summarise the best candidates, for the decision to answer or refuse.
No feature is a word list: every one is computed the same way for any question and article.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..text.names import expected_type, has_type, mentions, question_names, sentence_names
from ..types import Passage

SENTENCE_FEATURES = [
    "sim", "cov", "cov_ctx", "cov_other", "names_sentence", "names_passage", "names_article",
    "type_ok", "type_missing", "new_names", "rank_prior", "sim_gap", "cov_gap", "log_words", "sim_masked",
    "masked_gap", "names_ctx", "leans_back",
]
QUESTION_FEATURES = [
    "best_p", "second_p", "best_sim", "best_cov", "best_cov_other", "names_any_article", "names_best",
    "type_anywhere", "n_names", "kind_other", "max_sim_any", "best_sim_masked", "max_sim_masked",
    "max_cov_other", "best_type_ok", "joint_any", "joint_top3", "unknown_names",
]


@dataclass
class Candidate:
    """One sentence of a retrieved passage. `order` is its offset in the article's cleaned text."""

    passage: Passage
    text: str
    rank: int
    order: int
    context: str = ""
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0
    embedding: Any = None
    # the text whose vector stands for this one: a question of the article quoted with the answer
    # after it is as similar to the reader's question as the article's question is (`text` if "")
    vector_text: str = ""


@dataclass
class QuestionInfo:
    """What the features need to know about the question, computed once per question."""

    topic: str                      # the question without a named outlet ("according to CNN")
    kind: str                       # expected answer type
    names: list[str]                # names of the question (outlet names excluded)
    terms: set[str]                 # content terms (BM25 vocabulary)
    name_terms: set[str]            # terms of the names
    vector: np.ndarray              # MiniLM embedding of the topic
    unknown_names: float = 0.0      # share of the question's names that no indexed article contains
    masked: str = ""                # the topic with its names taken out
    masked_vector: np.ndarray | None = None  # its embedding: what is asked, beyond whom it is about


def mask_names(text: str, names: Sequence[str]) -> str:
    """`text` with the given names taken out, so that a similarity measures what is said about
    them and not that they are named (a near miss names the same people as its article)."""
    for name in sorted(names, key=len, reverse=True):
        text = _name_pattern(name).sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?:['’]s)?(?![\w-])", re.IGNORECASE)


# A sentence that opens by pointing back ("But it does…", "This means…", "He said…") leans on
# the one before it: quoted alone it reads as a fragment.
_LEANS_BACK = re.compile(r"^[“\"‘']?(but|and|or|so|yet|however|also|this|that|these|those|it|its|he|she|they|them|"
                         r"his|her|their|there|then|such|still|instead|meanwhile|moreover)\b", re.IGNORECASE)


def unknown_names(names: Sequence[str], term_stats: Any) -> list[str]:
    """The names no indexed article's text holds a word of (the `unknown_names` feature's)."""
    return [n for n in names if (t := term_stats.terms(n)) and not any(term_stats.known(x) for x in t)]


def question_info(topic: str, term_stats: Any, embed_query: Callable[[str], Any],
                  embed_masked: Callable[[str], Any] | None = None) -> QuestionInfo:
    """What the features need about the question; `embed_masked` embeds the topic without its
    names (default: `embed_query`)."""
    names = question_names(topic)
    terms = set(term_stats.terms(topic))
    name_terms = set(term_stats.terms(" ".join(names))) & terms
    masked = mask_names(topic, names) or topic
    vector = np.asarray(embed_query(topic), dtype=np.float32)
    unknown = unknown_names(names, term_stats)
    return QuestionInfo(topic=topic, kind=expected_type(topic), names=names, terms=terms, name_terms=name_terms,
                        vector=vector, masked=masked, unknown_names=len(unknown) / len(names) if names else 0.0,
                        masked_vector=np.asarray((embed_masked or embed_query)(masked), dtype=np.float32)
                        if masked != topic else vector)


def _coverage(q_terms: set[str], text_terms: set[str], idf: Callable[[str], float]) -> float:
    total = sum(idf(t) for t in q_terms)
    return sum(idf(t) for t in q_terms & text_terms) / total if total else 0.0


def _share(names: Sequence[str], text: str) -> float:
    return sum(mentions(text, n) for n in names) / len(names) if names else 1.0


def sentence_features(
    q: QuestionInfo,
    cands: list[Candidate],
    vectors: np.ndarray,
    term_stats: Any,
    article_texts: Mapping[str, str],
) -> None:
    """Fill `features` (and `embedding`) of every candidate of one question, all but the
    name-less similarities (`masked_features`, whose vectors a model run is still computing
    meanwhile). `article_texts`: doc id -> cleaned text of the candidates' articles (may be
    empty when the question names nothing; a missing article counts as its passage)."""
    if not cands:
        return
    sims = vectors @ q.vector
    other = q.terms - q.name_terms
    covs, cov_ctxs = [], []
    for cand in cands:
        terms = set(term_stats.terms(cand.text))
        ctx_terms = terms | set(term_stats.terms(cand.context))
        covs.append(_coverage(q.terms, terms, term_stats.idf))
        cov_ctxs.append(_coverage(q.terms, ctx_terms, term_stats.idf))
        cand.features = {"cov_other": _coverage(other, terms, term_stats.idf) if other else 1.0}
    best_sim, best_cov = float(sims.max()), max(covs)
    asked = {n.lower() for n in q.names}
    # a passage's and an article's share of the names, once each (not once per sentence)
    in_article: dict[str, float] = {}
    in_passage: dict[tuple[str, int], float] = {}
    for i, cand in enumerate(cands):
        doc = cand.passage.doc_id
        if doc not in in_article:
            in_article[doc] = _share(q.names, article_texts.get(doc) or cand.passage.text)
        span = (doc, cand.passage.start)
        if span not in in_passage:
            in_passage[span] = _share(q.names, cand.passage.text)
        typed = has_type(cand.text, q.kind, q.topic)
        cand.embedding = vectors[i]
        cand.features.update({
            "sim": float(sims[i]),
            "cov": covs[i],
            "cov_ctx": cov_ctxs[i],
            "names_sentence": _share(q.names, cand.text),
            "names_ctx": _share(q.names, cand.context + " " + cand.text),
            "names_passage": in_passage[span],
            "names_article": in_article[doc],
            "type_ok": float(typed),
            "type_missing": float(q.kind != "other" and not typed),
            "new_names": math.log1p(len(sentence_names(cand.text) - asked)),
            "rank_prior": 1.0 / (1 + cand.rank),
            "sim_gap": float(sims[i]) - best_sim,
            "cov_gap": covs[i] - best_cov,
            "log_words": math.log(1 + len(cand.text.split())),
            "leans_back": float(bool(_LEANS_BACK.match(cand.text))),
        })


def masked_features(q: QuestionInfo, cands: list[Candidate], masked_vectors: np.ndarray) -> None:
    """The name-less similarities: each candidate's name-less text (`mask_names`) against the
    question's (`q.masked_vector`), and its gap to the best of them."""
    if not cands:
        return
    masked_sims = masked_vectors @ q.masked_vector
    best_masked = float(masked_sims.max())
    for i, cand in enumerate(cands):
        cand.features["sim_masked"] = float(masked_sims[i])
        cand.features["masked_gap"] = float(masked_sims[i]) - best_masked


def question_features(q: QuestionInfo, ranked: list[Candidate]) -> dict[str, float]:
    """Summary of a question's candidates, best (highest probability) first."""
    if not ranked:
        return {name: 0.0 for name in QUESTION_FEATURES} | {"names_any_article": 0.0 if q.names else 1.0,
                                                            "unknown_names": q.unknown_names}
    best = ranked[0]
    return {
        "best_p": best.probability,
        "second_p": ranked[1].probability if len(ranked) > 1 else 0.0,
        "best_sim": best.features["sim"],
        "best_cov": best.features["cov"],
        "best_cov_other": best.features["cov_other"],
        "names_any_article": max(c.features["names_article"] for c in ranked),
        "names_best": best.features["names_sentence"],
        "type_anywhere": float(any(c.features["type_ok"] for c in ranked[:5])),
        "n_names": math.log1p(len(q.names)),
        "kind_other": float(q.kind == "other"),
        "max_sim_any": max(c.features["sim"] for c in ranked),
        "best_sim_masked": best.features["sim_masked"],
        "max_sim_masked": max(c.features["sim_masked"] for c in ranked),
        "max_cov_other": max(c.features["cov_other"] for c in ranked),
        # a near miss names what its article names, but no sentence about it holds what is asked
        "best_type_ok": best.features["type_ok"],
        "joint_any": max(c.features["names_ctx"] * c.features["type_ok"] for c in ranked),
        "joint_top3": max(c.features["names_ctx"] * c.features["type_ok"] for c in ranked[:3]),
        "unknown_names": q.unknown_names,
    }


def matrix(rows: Sequence[dict[str, float]], names: Sequence[str]) -> np.ndarray:
    return np.array([[row[n] for n in names] for row in rows], dtype=np.float64).reshape(len(rows), len(names))
