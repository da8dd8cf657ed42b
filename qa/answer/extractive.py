"""Extractive answers: the few retrieved sentences that answer the question, each cited.

No LLM: every sentence of an answer is a verbatim sentence of an article, prefixed with who
said it ("According to CNN, …") so opinion is never passed off as fact and disagreeing outlets
are shown side by side instead of blended. When no sentence passes the support checks the
answer is an honest refusal, with the closest passages offered as "related, but not an answer".
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..text.sentences import split_sentences
from ..text.instructions import is_instruction
from ..types import Answer, Citation, Passage

MAX_SENTENCES = 4
MMR_LAMBDA = 0.7
REFUSAL_TEXT = "The articles don't say. None of the indexed articles contains a passage that answers this question."

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DATE_WORDS = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|"
    r"year|years|today|yesterday|ago|since|century|centuries|decade)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\b\d[\d,.]*\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|"
                     r"hundred|thousand|thousands|million|billion|half)\b", re.IGNORECASE)
_LOWERABLE_FIRST = {
    "it", "this", "the", "these", "that", "those", "there", "in", "on", "at", "a", "an", "when", "while", "but",
    "and", "however", "yet", "so", "as", "if", "for", "with", "some", "many", "what", "his", "her", "their",
    "its", "last", "earlier", "indeed", "moreover", "of", "to", "although", "whether", "given", "since", "none",
    "they", "he", "she", "we", "yes", "one", "two", "both", "neither", "most", "several", "no",
}
_STOPWORDS = {
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "is", "are", "was", "were", "did", "does",
    "do", "what", "who", "whom", "when", "where", "why", "how", "which", "that", "this", "these", "those", "with",
    "about", "from", "by", "as", "be", "been", "has", "have", "had", "it", "its", "he", "she", "they", "his", "her",
    "their", "them", "him", "i", "we", "you", "there", "than", "then", "so", "not", "no", "can", "could", "would",
    "should", "will", "may", "might", "according", "article", "articles", "say", "says", "said", "tell", "us",
    "much", "many", "any", "some", "all", "into", "out", "up", "other", "more", "most", "also", "exactly", "s",
}


@dataclass
class Candidate:
    """One sentence of a retrieved passage, with how well it answers the question."""

    passage: Passage
    text: str
    rank: int
    order: int
    context: str = ""
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
    if passage.title and not passage.title.endswith("…"):  # a real headline, not a first-sentence stand-in
        return f"the article “{passage.title}”"
    return "an article that names no outlet"


def attributed(sentence: str, passage: Passage) -> str:
    """ "According to CNN, it was only last month …" keeping names capitalised."""
    who = attribution(passage)
    if sentence.rstrip("”\"’' ").endswith("?"):  # a rhetorical question is the author's point
        return f"{who[0].upper() + who[1:]} asks: {sentence}"
    if re.match(r"^[“\"]?(according to|as)\b", sentence, re.IGNORECASE):
        return f"{who[0].upper() + who[1:]} writes: {sentence}"
    first, _, rest = sentence.partition(" ")
    bare = first.strip("“\"‘',;:").lower()
    if bare in _LOWERABLE_FIRST and not (len(first) > 1 and first[1:2].isupper()):
        sentence = first[0].lower() + first[1:] + (" " + rest if rest else "")
    return f"According to {who}, {sentence}"


def expected_answer_type(question: str) -> str:
    q = question.lower().strip()
    if re.match(r"^(when|what year|in what year|in which year|what date|on what date|since when|how long ago)\b", q) or " what year" in q:
        return "date"
    if re.match(r"^(how many|how much|how old|what percentage|what share)\b", q) or re.search(r"\bhow (many|much|old|tall)\b", q):
        return "number"
    return "any"


def satisfies_type(sentence: str, kind: str) -> bool:
    if kind == "date":
        return bool(_YEAR.search(sentence) or _DATE_WORDS.search(sentence))
    if kind == "number":
        return bool(_NUMBER.search(sentence))
    return True


_QUESTION_NUMBER = re.compile(r"\d[\d,.]*")
_AGE = re.compile(r"\b\d+-year-old\b")


def satisfies_type_for(sentence: str, kind: str, question: str) -> bool:
    """Whether a sentence can answer a when/how-many question: it must carry a date or a
    number of its own (not just "Nord Stream 2" repeated from the question)."""
    if kind == "any":
        return True
    own = set(_QUESTION_NUMBER.findall(question))
    text = _AGE.sub(" ", sentence) if kind == "date" else sentence  # "62-year-old" is no date
    for number in own:
        text = text.replace(number, " ")
    return satisfies_type(text, kind)


_ENTITY_TOKEN = re.compile(r"(?<![\w-])((?:[A-Z][A-Za-z]+|[A-Z]{2,})(?:-[A-Z][A-Za-z]+)*|\d[\d,.]*\d|\d)(?![\w-])")


@lru_cache(maxsize=1)
def framing_words() -> frozenset[str]:
    data = json.loads((Path(__file__).resolve().parent.parent / "data" / "question_words.json").read_text(encoding="utf-8"))
    return frozenset(w.lower() for w in data["framing"])


def standalone_entities(question: str) -> list[str]:
    """Names and acronyms written on their own in the question ("NATO", not "NATO-Russia"),
    skipping the capitalised first word."""
    found = []
    for match in _ENTITY_TOKEN.finditer(question):
        if match.start() == 0 or question[: match.start()].strip() == "":
            continue
        if match.group(1).lower() in _STOPWORDS:
            continue
        found.append(match.group(1))
    return found


def mentions_standalone(sentence: str, entity: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(entity)}(?![\w-])", sentence, re.IGNORECASE) is not None


_DEMONYM = re.compile(r"(ian|ean|ese|ish|ern|ic)$")


def names_present(text: str, entities: list[str]) -> bool:
    """Whether `text` names what the question names. Nationality adjectives ("Russian",
    "Western") are descriptions, not names, and are not required; a question that lists
    three or more names ("Putin, Zelensky and Stoltenberg") asks about each, so one suffices."""
    names = [e for e in dict.fromkeys(entities) if not (e[:1].isupper() and e[1:].islower() and _DEMONYM.search(e))]
    if not names:
        return True
    found = [mentions_standalone(text, e) for e in names]
    return any(found) if len(names) >= 3 else all(found)


_CONTINUATION = re.compile(r"^(This|These|Such)\b[ ,]")


def overlaps(a: Candidate, b: Candidate) -> bool:
    """Same article and overlapping quoted spans (a quote may include a continuation)."""
    if a.passage.doc_id != b.passage.doc_id:
        return False
    a_end = a.order + len(with_continuation(a))
    b_end = b.order + len(with_continuation(b))
    return a.order < b_end and b.order < a_end


def with_continuation(cand: Candidate, limit: int = 2) -> str:
    """The sentence, plus up to `limit` following ones that only continue it ("This, together
    with a promise that NATO will not expand further east, is …"): still a verbatim span."""
    text = cand.passage.text
    start = cand.order - cand.passage.start
    end = start + len(cand.text)
    for span in split_sentences(text):
        if span.start < end:
            continue
        if limit == 0 or not _CONTINUATION.match(text[span.start : span.end]):
            break
        end, limit = span.end, limit - 1
    return text[start:end]


_STANCE = re.compile(
    r"^(is|are|was|were|did|does|do|should|would|will|can|could|has|have)\b|\b(to blame|reasonable|justified|"
    r"right to|agree|disagree|legitimate|fair|wrong)\b",
    re.IGNORECASE,
)
STANCE_PASSAGES = 10


def is_stance_question(question: str) -> bool:
    """Yes/no and judgement questions, where outlets disagree and each side must be shown."""
    return bool(_STANCE.search(question.split(" (")[0].strip()))


class ExtractiveAnswerer:
    """Selects, orders and cites answer sentences; refuses when none is supported."""

    # Calibrated on eval/gold.jsonl (see the answers issue notes): below these the best
    # sentence is related at most, not an answer.
    min_similarity: float = 0.0
    min_support: float = 0.35
    context_discount: float = 0.9
    floor_ratio: float = 0.6
    same_doc_penalty: float = 0.05
    support_mix: float = 0.5
    rare_df: int = 2
    weights = (0.5, 0.4, 0.1)  # similarity, term coverage, retrieval rank prior

    def __init__(self, embed_model: Any, retriever: Any) -> None:
        self.embed_model = embed_model
        self.retriever = retriever
        self._sentence_cache: dict[str, np.ndarray] = {}
        self._articles: dict[str, str] = {}

    # -- embeddings (sentences are cached: the same passages come back again and again)
    def _embed_sentences(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._sentence_cache]
        if missing:
            vectors = self.embed_model.get_text_embedding_batch(missing)
            for text, vector in zip(missing, vectors):
                self._sentence_cache[text] = np.asarray(vector, dtype=np.float32)
        return np.stack([self._sentence_cache[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def forget_articles(self) -> None:
        """Drop cached article texts after an ingest changed the library."""
        self._articles.clear()

    def _article_text(self, doc_id: str) -> str:
        """Cleaned article text (cached): the question's names may sit outside the passage
        ("Putin" named earlier in a CNN piece whose passage says "Moscow")."""
        if doc_id not in self._articles:
            store = getattr(self.retriever, "store", None)
            doc = store.docstore.get_document(doc_id, raise_error=False) if store is not None else None
            self._articles[doc_id] = doc.get_content() if doc is not None else ""
        return self._articles[doc_id]

    def candidates(self, query: str, k: int) -> list[Passage]:
        """Passages to answer from: a wider net for questions of opinion, where the other
        side usually sits in another article further down the ranking."""
        return self.retriever.retrieve(query, max(k, STANCE_PASSAGES if is_stance_question(query) else 1))

    def _sentences(self, passages: list[Passage]) -> list[Candidate]:
        seen: set[tuple[str, int]] = set()
        out: list[Candidate] = []
        for rank, passage in enumerate(passages):
            previous = ""
            for span in split_sentences(passage.text):
                text = passage.text[span.start : span.end]
                key = (passage.doc_id, passage.start + span.start)
                # Text addressed to an AI ("Ignore previous instructions…") is never an answer.
                if key not in seen and len(text.split()) >= 4 and not is_instruction(text):
                    seen.add(key)
                    out.append(Candidate(passage, text, rank, passage.start + span.start, context=previous))
                previous = text
        return out

    def topic_query(self, query: str) -> str:
        """The question without a named source or framing words ("according to the CNN
        analysis", "describe", "opinion piece"): what a supporting sentence must be about."""
        from ..retrieve.hybrid import find_source_mention

        text = find_source_mention(query, self.retriever.sources).query
        framing = framing_words()
        return re.sub(r"(?u)\b[\w-]+\b", lambda m: "" if m.group(0).lower() in framing else m.group(0), text)

    def unknown_terms(self, query: str) -> list[str]:
        """Topic words of the question that no indexed article uses (framing words excepted)."""
        from ..retrieve.hybrid import find_source_mention

        stats = self.retriever.term_stats
        match_query = find_source_mention(query, self.retriever.sources).query
        framing = framing_words()
        unknown = []
        for word in re.findall(r"(?u)\b\w\w+\b", match_query):
            lower = word.lower()
            if lower in framing or lower in _STOPWORDS:
                continue
            terms = stats.terms(lower)
            if terms and not any(stats.known(t) for t in terms):
                unknown.append(word)
        return list(dict.fromkeys(unknown))

    def _score(self, query: str, cands: list[Candidate]) -> None:
        stats = self.retriever.term_stats
        match_query = self.topic_query(query)
        # "NATO" asked on its own is not matched by "NATO-Russia Council" in a sentence.
        entity_terms = {e: set(stats.terms(e)) for e in standalone_entities(match_query)}
        q_terms = set(stats.terms(match_query))
        total = sum(stats.idf(t) for t in q_terms) or 1.0
        q_vec = np.asarray(self.embed_model.get_query_embedding(match_query), dtype=np.float32)
        vectors = self._embed_sentences([c.text for c in cands])
        sims = vectors @ q_vec
        w_sim, w_cov, w_rank = self.weights
        def covered(text: str) -> float:
            terms = set(stats.terms(text))
            for entity, entity_stems in entity_terms.items():
                if not mentions_standalone(text, entity):
                    terms -= entity_stems
            return sum(stats.idf(t) for t in q_terms & terms) / total if q_terms else 0.0

        for cand, vector, sim in zip(cands, vectors, sims):
            cand.embedding = vector
            cand.similarity = float(sim)
            # A sentence often leans on the one before it ("In 1994, …" after the sentence
            # naming the Budapest Memorandum): the pair's coverage counts, slightly discounted.
            cand.coverage = max(covered(cand.text), self.context_discount * covered(cand.context + " " + cand.text))
            cand.relevance = w_sim * cand.similarity + w_cov * cand.coverage + w_rank / (1 + cand.rank)

    def score(self, query: str, passages: list[Passage]) -> list[Candidate]:
        """All candidate sentences with their features, best first (used by the eval too)."""
        cands = self._sentences(passages)
        if cands:
            self._score(query, cands)
        kind = expected_answer_type(query)
        cands.sort(key=lambda c: (not satisfies_type_for(c.text, kind, query), -c.relevance, c.passage.doc_id, c.order))
        return cands

    def rare_terms(self, query: str) -> set[str]:
        """Names and numbers in the question that only a handful of passages use: the specific
        thing asked about ("Secretary-General", "Finland"), which a supporting passage must name."""
        stats = self.retriever.term_stats
        names = " ".join(standalone_entities(self.topic_query(query)))
        return {t for t in stats.terms(names) if stats.known(t) and stats.df.get(t, 0) <= self.rare_df}

    def _supports(self, cand: Candidate, rare: set[str], entities: list[str], kind: str) -> bool:
        stats = self.retriever.term_stats
        if rare and not rare <= set(stats.terms(cand.passage.text)):
            return False  # the passage never names the specific thing asked about
        if not names_present(self._article_text(cand.passage.doc_id) or cand.passage.text, entities):
            return False  # the article must name what the question names ("Secretary-General" *and* "CSTO")
        if kind != "any" and not names_present(cand.context + " " + cand.text, entities):
            return False  # a date/number about something else ("NATO-Russia Council, founded in 2002")
        return cand.similarity >= self.min_similarity and self.support_score(cand) >= self.min_support

    def support_score(self, cand: Candidate) -> float:
        return self.support_mix * cand.similarity + (1 - self.support_mix) * cand.coverage

    def _select(self, cands: list[Candidate], query: str) -> list[Candidate]:
        kind = expected_answer_type(query)
        pool = [c for c in cands if satisfies_type_for(c.text, kind, query)]
        rare = self.rare_terms(query)
        entities = standalone_entities(self.topic_query(query.split(" (")[0]))
        supported = [c for c in pool if self._supports(c, rare, entities, kind)]
        if not supported:
            return []
        best = supported[0]
        chosen = [best]
        floor = best.relevance * self.floor_ratio
        names = list(dict.fromkeys(entities))
        if kind != "any" and len(names) >= 3:
            # "How old are Putin, Zelensky and Stoltenberg?": the best sentence for each name.
            # The question as a whole is supported (by `best`); each name then only needs a
            # sentence naming it with a date/number of its own.
            chosen = []
            # names with fewest candidate sentences first, so a shared sentence goes to the rarer name
            names.sort(key=lambda n: sum(mentions_standalone(c.text, n) for c in pool))
            for name in names:
                match = next((c for c in pool if c not in chosen and mentions_standalone(c.text, name)), None)
                if match is not None and len(chosen) < MAX_SENTENCES:
                    chosen.append(match)
            return chosen if best in chosen or len(chosen) > 1 else [best]
        if is_stance_question(query):
            # One voice per article, best first: the sides side by side, never blended.
            for cand in supported[1:]:
                if len(chosen) >= 3:
                    break
                if cand.relevance >= floor and all(c.passage.doc_id != cand.passage.doc_id for c in chosen):
                    chosen.append(cand)
            return chosen
        # A date or number is one sentence's job, unless the question lists several names
        # ("How old are Putin, Zelensky and Stoltenberg?"): then one sentence each.
        limit = MAX_SENTENCES if kind == "any" else min(MAX_SENTENCES, max(2, len(set(entities))))
        while len(chosen) < limit:
            scored = []
            for cand in supported:
                if cand in chosen or cand.relevance < floor or any(overlaps(cand, c) for c in chosen):
                    continue
                redundancy = max(float(cand.embedding @ c.embedding) for c in chosen)
                if redundancy > 0.85:
                    continue
                # Prefer a second outlet: users should see the sides, not one article thrice.
                same_doc = any(c.passage.doc_id == cand.passage.doc_id for c in chosen)
                value = MMR_LAMBDA * cand.relevance - (1 - MMR_LAMBDA) * redundancy - (self.same_doc_penalty if same_doc else 0.0)
                scored.append((value, cand))
            if not scored:
                break
            scored.sort(key=lambda x: (-x[0], x[1].passage.doc_id, x[1].order))
            chosen.append(scored[0][1])
        return chosen

    def answer(self, question: str, query: str, passages: list[Passage]) -> Answer:
        """Compose the cited answer (or the refusal) from already retrieved passages."""
        unknown = self.unknown_terms(query)
        chosen = [] if unknown else self._select(self.score(query, passages), query)
        if not chosen:
            text = REFUSAL_TEXT
            if unknown:
                names = ", ".join(f"“{w}”" for w in unknown[:3])
                text = f"The articles don't say. None of the indexed articles mentions {names}."
            return Answer(text=text, answered=False, query=query, related=passages[:3])
        # Readable order: by article (in order of its best sentence), then as written.
        doc_order: dict[str, int] = {}
        for c in chosen:
            doc_order.setdefault(c.passage.doc_id, len(doc_order))
        chosen.sort(key=lambda c: (doc_order[c.passage.doc_id], c.order))
        parts, citations = [], []
        if is_stance_question(query) and len({c.passage.doc_id for c in chosen}) > 1:
            parts.append("Each article, in its own words:")
        for n, cand in enumerate(chosen, 1):
            quote = with_continuation(cand)
            parts.append(f"{attributed(' '.join(quote.split()), cand.passage)} [{n}]")
            citations.append(Citation(passage=cand.passage, quote=quote))
        return Answer(text=" ".join(parts), citations=citations, answered=True, query=query)
