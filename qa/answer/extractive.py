"""Extractive answers: the retrieved sentences that answer the question, each quoted and cited.

No LLM and no word lists. Every sentence of the retrieved passages is a candidate; a learned
sentence model (`qa.answer.model`, trained on the dev sets by `python -m eval.train_answerer`)
gives each the probability that it answers the question, from features that hold for any
question and article (`qa.answer.features`). A second learned model reads the best candidates
and gives the probability that the articles answer the question at all: below the policy's
threshold (chosen by cross-validation grouped by article) the answer is an honest refusal,
with the closest passages offered as "related, but not an answer". Otherwise the best sentence
comes first, and a few more follow only when they score close to it.
"""
from __future__ import annotations

import dataclasses
import itertools
import re
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any, Callable, Sequence

import numpy as np

from ..index.embedding import embed_alone
from ..index.sentences import sentence_id
from ..retrieve.followups import asked_with_previous
from ..text.acronyms import asked_acronym, is_acronym, spelled_in, spells_out
from ..text.ages import asked_age_of, gives_age_of, gives_only_others_ages
from ..text.instructions import is_instruction
from ..text.names import (asked_name_holder, asked_role, asked_speakers, asks_location, asks_place_kind, counted_noun, counts_noun, expected_type,
                          gives_location, has_type, mentions, names_holder, names_other_version, opening_dateline, place_word_forms,
                          question_names, tells_asked_name, tells_other_years_only)
from ..text.sentences import (MIN_WORDS, Span, ends_sentence, is_candidate, is_headline, is_lead_in, is_question,
                              is_unmarked_question, answer_spans, split_sentences)
from ..text.terms import FUNCTION_WORDS, stem
from ..types import Answer, Citation, Passage
from .compose import (asks_page_writer, attributed, attribution, names_byline, names_titled_work, page_metadata_note,
                      wire_credit)
from .gist import asks_gist, gist_topic, lede_spans, names_article_by_topic
from .features import (
    QUESTION_FEATURES,
    SENTENCE_FEATURES,
    Candidate,
    QuestionInfo,
    mask_names,
    masked_features,
    matrix,
    question_features,
    question_info,
    sentence_features,
    unknown_names,
)
from .model import AnswerModels, default_models

REFUSAL_TEXT = "The articles don't say. None of the indexed articles contains a passage that answers this question."
# What a typed refusal says the closest passages lack, by the kind of value asked for.
VALUE_KINDS = {"date": "date", "age": "age", "money": "sum of money", "percent": "percentage", "length": "length",
               "weight": "weight", "measure": "measure", "number": "number", "frequency": "frequency",
               "version": "version number", "address": "web address"}
# …and a place, for a question asking where; a name, for one asking a name as such ("What is the
# name of the warden…?", "What's the new car called?")
LACKING_WORDS = VALUE_KINDS | {"place": "place", "name": "name"}
# Articles a refusal reads whole to be sure no article spells out an acronym it would call missing
# ("GSB": "Graduate School of Business"); a larger library is not read beyond the passages' articles.
ACRONYM_SCAN_ARTICLES = 200
CACHE_SIZE = 20_000  # sentence embeddings kept; a sentence recurs across questions, an archive does not fit


# The same sentences come back with every question about their passage: test each once.
_is_instruction = lru_cache(maxsize=CACHE_SIZE)(is_instruction)


class ExtractiveAnswerer:
    """Scores the sentences of retrieved passages, then answers with the best or refuses."""

    def __init__(self, embed_model: Any, retriever: Any, models: AnswerModels | None = None) -> None:
        self.embed_model = embed_model
        self.retriever = retriever
        self.models = models or default_models()
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()  # changed by the calling thread only
        # a read and a model run beside the candidates' own (threads start on first use)
        self._pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="qa-answer")

    @property
    def policy(self):
        return self.models.policy

    # -- caches (bounded: a long-running server must not grow with every question)
    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        # Each text embedded on its own (`embed_alone`): the int8 model quantises activations
        # per run, so a sentence embedded beside others would get a slightly different vector
        # (cosine ~0.99) and answers would depend on what was asked before. Alone, it is the same
        # vector every time, cached or not; the missing ones are embedded together, in parallel.
        missing = [text for text in dict.fromkeys(texts) if text not in self._vectors]
        self._remember(missing, embed_alone(self.embed_model, missing))
        out = []
        for text in texts:
            self._vectors.move_to_end(text)
            out.append(self._vectors[text])
        while len(self._vectors) > CACHE_SIZE:
            self._vectors.popitem(last=False)
        return np.stack(out) if out else np.zeros((0, 384), np.float32)

    def _remember(self, texts: Sequence[str], vectors: Sequence[np.ndarray]) -> None:
        for text, vector in zip(texts, vectors):
            self._vectors[text] = vector

    def _stored_vectors(self, cands: list[Candidate]) -> None:
        """Cache the candidates' vectors that the sentence index already holds (embedded alone
        at ingest: the same vectors `_embed` would compute), so a new question embeds only
        its own name-less variants and the sentences of an index from before it."""
        index = getattr(getattr(self.retriever, "store", None), "sentences", None)
        if index is None:
            return
        wanted = {sentence_id(c.passage.passage_id, c.order - c.passage.start): c.vector_text or c.text
                  for c in cands if (c.vector_text or c.text) not in self._vectors}
        for key, vector in index.vectors(list(wanted)).items():
            self._vectors[wanted[key]] = vector

    def _article_texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """Cleaned article texts by doc id (the store reads the missing ones in one call and
        keeps a bounded cache, refreshed by every ingest): a question's names may sit outside
        the passage."""
        store = getattr(self.retriever, "store", None)
        return store.article_texts(doc_ids) if store is not None else {}

    # -- retrieval and candidates
    def depth(self, k: int) -> int:
        """How many passages to answer from: `k`, or the policy's `answer_passages` if more."""
        return max(int(k), self.policy.answer_passages)

    def candidates(self, query: str, k: int, filters: Any = None) -> list[Passage]:
        """The passages to answer from (at least the policy's `answer_passages`, best first;
        with `filters`, a `PassageFilter`, only those passing it), their sentence vectors read
        beside them; for a question of two parts, each part's `part_passages` best after them."""
        passages = self.retriever.retrieve_passages(query, self.depth(k), filters=filters or None, with_sentences=True)
        parts = compound_parts(query, with_preamble=True) or distributed_parts(query)
        if parts and self.policy.part_passages:
            # "Which tool does the Docker article use…, and which linter does the Ruby post
            # use…?": the whole's passages may all be of one part's article; each part's own
            # best passages join them, after them (read, not cited unless quoted)
            seen = {p.passage_id for p in passages}
            for part in parts:
                for passage in self.retriever.retrieve_passages(part, self.policy.part_passages, filters=filters or None,
                                                                with_sentences=True):
                    if passage.passage_id not in seen:
                        seen.add(passage.passage_id)
                        passages.append(passage)
        return passages

    def topic_query(self, query: str) -> str:
        """The question without a named source ("according to the CNN analysis"): what a
        supporting sentence must be about."""
        return self._source_mention(query).query

    def _source_mention(self, query: str) -> Any:
        from ..retrieve.hybrid import find_source_mention

        mention = getattr(self.retriever, "source_mention", None)
        return mention(query) if mention is not None else find_source_mention(query, self.retriever.sources)

    def named_source_passages(self, query: str, passages: list[Passage]) -> list[Passage]:
        """Only the passages of the outlet or article the question names ("what does the CNN
        piece say…"), when any was retrieved: the asker wants that source's answer, not a
        better-scoring sentence of another. All of them when it names none."""
        named = self._source_mention(query).doc_ids
        mine = [p for p in passages if p.doc_id in named] if named else []
        return mine or passages

    def _sentences(self, passages: list[Passage]) -> list[Candidate]:
        seen: set[tuple[str, int]] = set()
        out: list[Candidate] = []
        for rank, passage in enumerate(passages):
            previous = ""
            spans = answer_spans(passage.text)
            for i, span in enumerate(spans):
                text = passage.text[span.start : span.end]
                key = (passage.doc_id, passage.start + span.start)
                # Text addressed to an AI ("Ignore previous instructions…") is never an answer.
                if key not in seen and is_candidate(passage.text, span) and not _is_instruction(text):
                    seen.add(key)
                    answered = (_with_its_answer(passage.text, spans, i)
                                or _with_its_quotation_closed(passage.text, spans, i))
                    if answered is not None:
                        out.append(Candidate(passage, answered, rank, passage.start + span.start, context=previous,
                                             vector_text=text))
                    else:
                        out.append(Candidate(passage, text, rank, passage.start + span.start, context=previous))
                previous = text
        return out

    def featurize(self, query: str, passages: list[Passage], kind: str = "") -> tuple[QuestionInfo, list[Candidate]]:
        """Candidates with their sentence features (no probabilities yet); used by training too.
        `kind`: the kind of answer asked, when not the query's own (`score`)."""
        stats = self.retriever.term_stats
        cands = self._sentences(self.named_source_passages(query, passages))
        # The question's vector is the retrieval's (cached); the sentences' come from the
        # sentence index (written at ingest).
        asked: dict[str, np.ndarray] = {}  # the question's name-less variant, embedded below with the sentences'
        q = question_info(self.topic_query(query), stats, self.embed_model.get_query_embedding,
                          embed_masked=lambda text: asked.setdefault(text, np.zeros(0, np.float32)))
        if kind:
            q.kind = kind
        if q.unknown_names and q.names:
            # an acronym no article writes, that a retrieved passage spells out, is known
            unknown = unknown_names(q.names, stats)
            expanded = _spelled_acronyms(unknown, passages)
            q.unknown_names = len([n for n in unknown if n not in expanded]) / len(q.names)
        # What needs neither the sentences' vectors nor each other starts now, beside the read of
        # those vectors: the question's name-less variant (a model run) and the candidates'
        # article texts (a Chroma read; only the question's names are looked for in them).
        pool = self._pool
        pending_asked = [text for text in asked if text not in self._vectors]
        asked_vectors = pool.submit(embed_alone, self.embed_model, pending_asked) if pending_asked else None
        texts = pool.submit(self._article_texts, [c.passage.doc_id for c in cands]) if cands and q.names else None
        self._stored_vectors(cands)
        vectors = self._embed([c.vector_text or c.text for c in cands])  # stored or cached: no model run, as a rule
        masked_texts = self._masked_texts(q, cands, vectors)
        # the most similar name-naming sentences' variants: a model run beside the features
        pending_masked = [text for text in dict.fromkeys(masked_texts) if text not in self._vectors]
        masked_vectors = pool.submit(embed_alone, self.embed_model, pending_masked) if pending_masked else None
        if cands:
            sentence_features(q, cands, vectors, stats, texts.result() if texts else {})
        if asked_vectors is not None:
            self._remember(pending_asked, asked_vectors.result())
        if masked_vectors is not None:
            self._remember(pending_masked, masked_vectors.result())
        embedded = self._embed(masked_texts + list(asked))  # all cached by now
        if asked:
            q.masked_vector = embedded[-1]
        masked_features(q, cands, embedded[: len(cands)])
        return q, cands

    def _masked_texts(self, q: QuestionInfo, cands: list[Candidate], vectors: np.ndarray) -> list[str]:
        """Each candidate's text for the name-less similarity: without the question's names for
        the `masked_sentences` candidates most similar to the question among those naming them
        (a near miss that only shares the names scores high there), as it is for the rest."""
        masked = [mask_names(c.text, q.names) or c.text for c in cands]
        limit = self.policy.masked_sentences
        naming = [i for i, (c, m) in enumerate(zip(cands, masked)) if m != c.text]
        if limit and len(naming) > limit:
            sims = vectors @ q.vector
            kept = set(sorted(naming, key=lambda i: (-float(sims[i]), i))[:limit])
            masked = [m if i in kept else c.text for i, (c, m) in enumerate(zip(cands, masked))]
        return masked

    def score(self, query: str, passages: list[Passage], kind: str = "") -> tuple[QuestionInfo, list[Candidate], float]:
        """(question, candidates best first with probabilities, probability that the articles answer).
        `kind` overrides the kind of answer the query asks: a follow-up searched with the
        question before it ("how heavy is it? How much does the Sundara sell for…?") asks its
        own turn's kind (a weight), not the earlier question's (a sum)."""
        q, cands = self.featurize(query, passages, kind)
        if cands:
            probs = self.models.sentence.probability(matrix([c.features for c in cands], SENTENCE_FEATURES))
            for cand, p in zip(cands, probs):
                cand.probability = float(p)
        cands.sort(key=lambda c: (-c.probability, c.passage.doc_id, c.order))
        qf = question_features(q, cands)
        confidence = float(self.models.question.probability(matrix([qf], QUESTION_FEATURES))[0])
        return q, cands, confidence

    # -- selection and composition
    def preferred_order(self, ranked: list[Candidate], age_of: Sequence[str] = (), role_asked: str = "",
                        question: str = "", names: Sequence[str] = ()) -> list[Candidate]:
        """`ranked` (best first) in the order the answer quotes from: a statement before an
        article's question, then the sentence of the asked kind (a value, a reason, a name, a
        list, a count of the asked thing, the asked people's ages, an acronym spelled out, a
        role's holder) before a close one that gives none. Only the order changes."""
        if not ranked:
            return ranked
        policy = self.policy
        best = ranked[0]
        ranked = _statement_first(ranked, policy.extra_ratio * best.probability)
        ranked = _typed_first(ranked, policy.typed_first_ratio * best.probability, _naming_docs(ranked, names))
        if question and _ASKS_WHY.match(question.strip()):
            ranked = _reason_first(ranked, policy.typed_first_ratio * best.probability)
        if question and _ASKS_WHICH.match(question.strip()) and expected_type(question) == "other":
            ranked = _named_first(ranked, question, policy.typed_first_ratio * best.probability)
        if question and _ASKS_SEVERAL.match(question.strip()) and not _ASKS_FEW.search(question):
            ranked = _enumeration_first(ranked, policy.typed_first_ratio * best.probability)
        if question and (noun := counted_noun(question)):
            ranked = _counted_first(ranked, noun, policy.typed_first_ratio * best.probability)
        if age_of:
            ranked = _asked_age_first(ranked, age_of)
        if question and (acronym := asked_acronym(question)):
            ranked = _spelled_out_first(ranked, acronym)
        if role_asked:
            ranked = _role_holder_first(ranked, role_asked, question, policy.typed_first_ratio * best.probability)
        return ranked

    def select(self, ranked: list[Candidate], sources: Sequence[frozenset[str]] = (),
               age_of: Sequence[str] = (), role_asked: str = "", question: str = "",
               names: Sequence[str] = ()) -> list[Candidate]:
        """The best sentence, then those scoring close to it that add something new. An extra
        sentence is never a line without a sentence end that is no list item or lead-in ("…as
        follows:", quoted with what it introduces), that is a heading or a link's text, which adds
        no fact (web-dev-followups fact recall 0.679 -> 0.688, every other dev row unchanged);
        nor a question of the article, which asks where an answer should tell (dev-paraphrase
        0.718 -> 0.739, the others unchanged). When the
        question names several `sources` (each a set of doc ids: "do CNN and the LA Times
        agree…"), each named source's best sentence comes first, best first, when it scores
        close to the best (the same `extra_ratio` gate): the asker asked for each one's view, and
        the best-scoring sentences may all be one source's; but a source whose best sentence is
        far below is not quoted for the sake of naming it (asked how CNN describes the CSTO, its
        best sentence was "…what is the point of the meeting?", probability 0.01 against 1.00).
        Asked the age of the people named in `age_of` ("How old is Putin?"), a sentence giving
        one of their ages comes first whatever it scores, and one giving only other people's
        ages is not quoted beside it (`_asked_age_first`). Asked who holds a `role_asked`
        ("Which Austrian minister announced…?") and the best speaks of it without a name
        ("…, Austria's interior minister said"), the sentence of its article naming the
        holder comes first whatever it scores (`_role_holder_first`); asked "How many people…?",
        a close sentence giving a number of people comes before one giving another count
        (`_counted_first`)."""
        if not ranked:
            return []
        policy = self.policy
        best = ranked[0]
        ranked = self.preferred_order(ranked, age_of, role_asked, question, names)
        chosen: list[Candidate] = []
        if len(sources) >= 2:
            firsts = [next((c for c in ranked if c.passage.doc_id in docs), None) for docs in sources]
            close = {id(c): c for c in firsts if c is not None and c.probability >= policy.extra_ratio * best.probability}
            chosen = sorted(close.values(), key=lambda c: -c.probability)[: policy.max_sentences]
        if not chosen:
            chosen = [ranked[0]]
        valued = (_value_asked(question, chosen[0])
                  if policy.valued_extras_only and len(sources) < 2 and not age_of else "")
        for cand in ranked[1:]:
            if len(chosen) >= policy.max_sentences:
                break
            if cand.probability < policy.extra_ratio * best.probability and not (age_of and gives_age_of(cand.text, age_of)):
                break  # the asked people's ages (first in `ranked`) are quoted whatever they score
            if any(c.passage.doc_id == cand.passage.doc_id and c.order == cand.order for c in chosen):
                continue
            if not (ends_sentence(cand.text) or _LEADS_IN.search(cand.text) or _BULLET.match(cand.text)
                    or self._labels_asked(cand.text, question)):
                continue  # a heading or a link's text ("Read the full transcript of his interview") adds no fact
            if is_question(cand.text):
                continue  # nor does the article's question ("Jesus … who is Ellen Fetter?")
            if _TWEET_BYLINE.match(cand.text):
                continue  # nor an embedded tweet's byline, whose dash reads as a list item's
            if age_of and gives_only_others_ages(cand.text, age_of):
                continue  # "How old is Putin?": Zelensky's age answers nothing
            if valued and not has_type(cand.text, valued, question):
                continue  # "How much do the headphones cost?" is answered by a price: a sentence with none adds nothing
            if max(float(cand.embedding @ c.embedding) for c in chosen) > policy.redundant_cosine:
                continue
            if any(_says_again(cand.text, c.text) for c in chosen):
                continue
            chosen.append(cand)
        return chosen

    def _labels_asked(self, line: str, question: str) -> bool:
        """Whether `line` is a labelled line whose label names what the question asks ("Test
        Locations: Crested Butte, CO; Wasatch Range, UT" to "What were the test locations…?"):
        a fact without a sentence end, quoted beside the best. web-dev-8 fact recall .767 ->
        .778 (a review's spec lines: two facts gained, one sentence pushed out), every other
        row unchanged. Any labelled line was measured first and dropped: it quoted page
        furniture ("Topics: uber, libertarians…", "Featured Image Credit: …")."""
        label = _LABELLED.match(line)
        if not label or not question or is_headline(line):  # "Superbugs: What They Are…" titles
            return False
        stats = self.retriever.term_stats
        return bool(set(stats.terms(label.group(1))) & set(stats.terms(question)))

    def refusal(self, q: QuestionInfo, query: str, passages: list[Passage], confidence: float,
                lacking: str = "", lacking_of: Sequence[str] = (), unnamed: str = "", unknown_source: str = "") -> Answer:
        """ "The articles don't say", naming only names of the question that no article contains
        (or the source asked for, `unknown_source`, when no article names it: "New York Times");
        when the closest passages were refused for `lacking` a value of the kind asked (a date,
        a number), the refusal says so, and offers them as related (and, asked the name of one
        they speak of without naming, `unnamed`, that they speak of it);
        when the question named a source and only it was searched, that source doesn't say. A
        name the articles spell another way is not said to be missing: the refusal gives their
        spelling ("The articles spell “Kyiv” as “Kiev”."), which the asker can search for."""
        unknown, spelled = self._missing_names(q, query, passages)
        if unknown_source:  # named whole: "Washington Post", not its one word no article has ("Post")
            unknown = [unknown_source, *(n for n in unknown if not mentions(unknown_source, n))]
        text = REFUSAL_TEXT
        named = self._source_mention(query).doc_ids
        searched = [p for p in passages if p.doc_id in named]  # what the answer was limited to
        if unknown:
            listed = ", ".join(f"“{n}”" for n in unknown[:3])
            text = f"The articles don't say. None of the indexed articles mentions {listed}."
        elif searched:  # only the named source was searched: say so, and how to search them all
            labels = list(dict.fromkeys(attribution(p) for p in searched))  # "CNN", "the Los Angeles Times"
            if len(labels) == 1:
                text = (f"{labels[0]} doesn't say. None of its passages answers this question; "
                        "ask without naming it to search every article.")
            else:
                text = (f"{', '.join(labels[:-1])} and {labels[-1]} don't say. None of their passages "
                        "answers this question; ask without naming them to search every article.")
            text = text[0].upper() + text[1:]
            passages = searched
            note = page_metadata_note(query, searched)
            if note:
                text = f"{text} {note}"
        elif lacking and lacking_of:  # "How old is Joe Biden?" near ages of Putin and Stoltenberg
            listed = " or ".join(lacking_of[:3])
            text = (f"The articles don't say. The sentences closest to this question give no {LACKING_WORDS[lacking]} "
                    f"of {listed}.")
        elif lacking == "name" and unnamed:  # "What is the name of X's boyfriend?"
            text = f"The articles don't say. The sentences closest to this question speak of the {unnamed} but give no name."
        elif lacking:
            text = f"The articles don't say. The sentences closest to this question give no {LACKING_WORDS[lacking]}."
        for asked, theirs in spelled.items():
            text = f"{text} The articles spell “{asked}” as “{theirs}”."
        return Answer(text=text, answered=False, query=query, related=passages[:3], confidence=confidence)

    def _names_nothing_known(self, q: QuestionInfo, query: str, passages: Sequence[Passage] = ()) -> bool:
        """Whether the question names things and no article contains any of them, in its text,
        title, outlet or byline, nor spells one another way: it asks about something the library
        does not have. "What did Vladimir Putin say about NATO?" in a library of game reviews and
        tech news was answered (0.24) with a tweet about Trump; it is refused, naming them
        (`AnswerPolicy.unknown_names_refusal`)."""
        if not self.policy.unknown_names_refusal or not q.names:
            return False
        missing, _ = self._missing_names(q, query, passages)
        return set(missing) == {_without_possessive(n) for n in q.names}

    def _speaker_unknown(self, q: QuestionInfo, question: str, query: str, passages: Sequence[Passage] = ()) -> str:
        """The source, when the question asks what a source says ("What does the Telegraph think NATO
        should do?") and every name of that source is one no article contains: answered, it was
        given CNN's view, quoted as CNN's but asked as the Telegraph's. Other names of the
        question (NATO) being known does not make the source's words any article's
        (`AnswerPolicy.unknown_names_refusal`); "" otherwise."""
        if not self.policy.unknown_names_refusal or not q.names:
            return ""
        speakers = asked_speakers(question)
        if not speakers:
            return ""
        missing = set(self._missing_names(q, query, passages)[0])
        unknown = []
        for speaker in speakers:
            words = [_without_possessive(n) for n in q.names if mentions(speaker, _without_possessive(n))]
            if not words:
                return ""  # a source not read as a name: nothing to tell
            if all(w in missing for w in words) or (len(words) > 1 and self._source_never_named(speaker, words, passages)):
                unknown.append(speaker)
            else:
                return ""  # one of its sources is known ("Cloudflare's Ramy Houssaini": Cloudflare)
        return unknown[0] if unknown else ""

    def _source_never_named(self, speaker: str, words: Sequence[str], passages: Sequence[Passage]) -> bool:
        """Whether a source of several words ("the Washington Post", each of whose words the
        library knows: "Washington", "Post") is one no article names: no article's text holds
        all its words (nor its title and outlet the phrase), it is no outlet of the library by
        another spelling ("LA Times") and not a writer of it (a byline's words: "Jeff Kaufman"
        for "Jeff T. Kaufman"). Words apart in one article are taken as naming it ("the Tailwind
        Vite guide" of a page on Tailwind CSS with Vite). A library of more than
        `ACRONYM_SCAN_ARTICLES` articles is not read whole: it may name it."""
        if self._source_mention(speaker).doc_ids:
            return False
        stats = self.retriever.term_stats
        bylines = getattr(self.retriever, "byline_terms", lambda: frozenset())()
        if all(t in bylines for t in stats.terms(speaker)):
            return False
        sources = list(getattr(self.retriever, "sources", ()))
        if not sources or len(sources) > ACRONYM_SCAN_ARTICLES:
            return False
        if any(mentions(f"{title} {outlet}", speaker) for _, title, outlet in sources):
            return False
        read = sorted({p.doc_id for p in passages})
        others = sorted({doc_id for doc_id, _, _ in sources} - set(read))
        for doc_ids in (read, others):  # the articles read first: the library only if they don't name it
            if any(all(mentions(text, w) for w in words) for text in self._article_texts(doc_ids).values()):
                return False
        return True

    def _missing_names(self, q: QuestionInfo, query: str,
                       passages: Sequence[Passage] = ()) -> tuple[list[str], dict[str, str]]:
        """The question's names that no article contains (text, title, outlet or byline), each
        once, and apart from them those the articles spell another way (name -> their spelling:
        "Kyiv" -> "Kiev"), which are not missing; nor is an acronym a retrieved passage, or the
        article it is of, spells out ("ONS": "…figures from the Office of National Statistics"),
        `_spelled_acronyms`."""
        stats = self.retriever.term_stats
        bylines = getattr(self.retriever, "byline_terms", lambda: frozenset())()
        unknown = dict.fromkeys(_without_possessive(n) for n in q.names
                                if (terms := stats.terms(n)) and not any(stats.known(t) or t in bylines for t in terms)
                                # "Bolivian" asked, "Bolivia's" written: the place is known
                                and not any(stats.known(t) for form in place_word_forms(_without_possessive(n))
                                            for t in stats.terms(form)))
        spelling = getattr(self.retriever, "articles_spelling", lambda name: "")
        spelled = {n: s for n in unknown if _rest_of_name_known(n, query, stats) and (s := spelling(n))}
        expanded = _spelled_acronyms(list(unknown), passages)
        rest = [n for n in unknown if n not in expanded and is_acronym(n)]
        if rest:
            # nor one any article spells out elsewhere: "Stanford GSB" asked, the table row
            # naming "Stanford Graduate School of Business" not among the passages read (the
            # articles read first, then the library's, up to `ACRONYM_SCAN_ARTICLES`)
            expanded |= self._spelled_in_library(rest, sorted({p.doc_id for p in passages}))
        return [n for n in unknown if n not in spelled and n not in expanded], spelled

    def _spelled_in_library(self, acronyms: Sequence[str], read: Sequence[str]) -> set[str]:
        """The `acronyms` some article spells out: the articles of the passages read (`read`),
        then the library's others (its article list, which the retriever already holds), when
        there are no more than `ACRONYM_SCAN_ARTICLES` of them. A larger library is not read
        whole, and an acronym only the unread articles spell out is still called missing, as
        before: taking it as spelled would stop refusing questions about what no article names.
        Asked only for a question's unknown acronyms."""
        texts = list(self._article_texts(read).values())
        found = {n for n in acronyms if any(spelled_in(text, n) for text in texts)}
        rest = [n for n in acronyms if n not in found]
        others = sorted({doc_id for doc_id, _, _ in getattr(self.retriever, "sources", ())} - set(read))
        if not rest or not others or len(others) > ACRONYM_SCAN_ARTICLES:
            return found
        texts = list(self._article_texts(others).values())
        return found | {n for n in rest if any(spelled_in(text, n) for text in texts)}

    def answer(self, question: str, query: str, passages: list[Passage]) -> Answer:
        """Compose the cited answer (or the refusal) from already retrieved passages."""
        if self.policy.gist_lede and asks_gist(question):
            gist = self._gist(question, query, passages)
            if gist is not None:
                return gist
        # a follow-up searched with the question it follows asks the kind its own turn asks
        own_kind = expected_type(question) if asked_with_previous(question, query) else ""
        q, ranked, confidence = self.score(query, passages, own_kind)
        weight = self.policy.followup_own_weight
        if weight and query != question and query.startswith(question.strip().rstrip("?.! ")):
            # a follow-up asked together with the question it follows ("Where was the patient
            # hospitalized? When did the Inner Mongolia hunter eat the wild rabbit?"): its own
            # words choose among the sentences too, or the earlier question's answer comes back
            _, own, _ = self.score(question, passages)
            ranked = _blended(ranked, own, weight)
        parts = compound_parts(question) if query == question and ranked else []
        asked_parts = list(parts)
        # "What do the dental article and the smartphone article each suggest…?" asks one thing
        # of two: each one's answer may be in another article than the whole's best
        shared = distributed_parts(question) if query == question and ranked and not parts else []
        if parts or shared:
            # "Who captained the missing flight, and which U.S. warship was sent to help search
            # for it?" asks two things: the best sentence for each part stands beside the best
            # for the whole (the whole's best still leads)
            scored = compound_parts(question, with_preamble=True) or shared
            ranked = _each_part_answered(ranked, [self.score(part, passages)[1] for part in scored],
                                         bool(q.names), anywhere=bool(shared))
        if query != question and ranked:
            # a follow-up asked with the question it follows ("Justin Bieber? How much did Will
            # Smith make…?"): that question follows the turn's own words and their "? "
            earlier = query.split("? ", 1)[1] if "? " in query else ""
            ranked = _own_names_first(ranked, question, earlier, self.policy.typed_first_ratio * ranked[0].probability)
        # A question of the article that asks nothing the asker did not ("What is Creative
        # Commons?" as a page heading) answers nothing: it is never quoted.
        ranked = [c for c in ranked if not _echoes(c.text, q.terms, self.retriever.term_stats)]
        # "Read more in Proven Online Cross-Selling and Upselling Techniques." points to other
        # reading and tells nothing: it is never quoted
        ranked = [c for c in ranked if not _POINTS_ELSEWHERE.match(_unbulleted(c.text))]  # "- See also: …" too
        # "Figure 4: Changing Font Size of x-Axis Text." names a picture and "Video: Fall
        # Centerpiece Ideas" a clip: the reader sees neither, so neither is quoted
        ranked = [c for c in ranked if not _CAPTION.match(c.text)]
        # Asked about "Python 3.6.0", a sentence about Python 3.0 alone tells another thing's facts
        ranked = [c for c in ranked if not names_other_version(c.text, query, c.passage.text)]
        # Asked "…revenue in 2015?", a sentence giving 2011's and 2010's revenue tells other years'
        ranked = [c for c in ranked if not _of_other_years_only(c, question)]
        if not ranked or confidence < self.policy.answer_threshold:
            return self.refusal(q, query, passages, confidence)
        _type_told_before(ranked, q)
        unknown_source = self._speaker_unknown(q, question, query, passages)
        if unknown_source or self._names_nothing_known(q, query, passages):
            # its score scaled below the threshold, as a typed refusal's
            return self.refusal(q, query, passages, confidence * self.policy.answer_threshold,
                                unknown_source=unknown_source)
        kind = expected_type(question)  # the asker's own turn: a follow-up's earlier turns asked their own
        # whose age is asked: by the asker's turn, or by the question it stands for ("And Putin?"
        # after "How old is Zelensky?" is asked as "How old is Putin?")
        age_of = asked_age_of(question) or asked_age_of(query) if self.policy.asked_age_first else []
        if age_of:
            kind = "age"
        mention = self._source_mention(query)
        # the holder of an asked role, or of an asked kind of place or thing ("In which county…?",
        # "Which observatory…?": "the county of Huade", "the W.M. Keck Observatory" name it)
        role = asked_role(question) if kind in ("person", "place", "other") and self.policy.role_holder_first else ""
        chosen = _leaning_quoted_whole(self.select(ranked, mention.groups, age_of, role, question, q.names))
        where = asks_location(question)
        parts, citations = self._quoted(chosen, keep_dateline=where, question=question)
        placeless = self.policy.typed_refusal and where and not any(
            gives_location(c.quote, question) for c in citations)
        if placeless:
            # "Where…?" answered by sentences that tell no place: the best that does, if it
            # scores close enough to be quoted beside them, opens the answer instead
            located = _located_first(ranked, question, self.policy.extra_ratio * ranked[0].probability)
            if located[0] is not ranked[0]:
                chosen = _leaning_quoted_whole(self.select(located, mention.groups, age_of, role, question, q.names))
                parts, citations = self._quoted(chosen, keep_dateline=True, question=question)
                placeless = not any(gives_location(c.quote, question) for c in citations)
        nearby = _nearby(ranked, citations) if kind == "name" else []
        # a value of the asked kind counts only in an article that holds the question's names,
        # when some do: "What does monday.com cost per seat per month?" is not answered by a meal
        # plan's cost per day on another page
        naming = _naming_docs(ranked, q.names)
        if self.policy.typed_refusal and kind in (*VALUE_KINDS, "name") and not _other_part_told(
                asked_parts, [c.quote for c in citations]) and not (
                tells_asked_name([c.quote for c in citations], question, nearby)
                if kind == "name" else any(
                has_type(c.quote, kind, question) and not (age_of and gives_only_others_ages(c.quote, age_of))
                for c in citations if not naming or c.passage.doc_id in naming)):
            # "How many died?" answered by sentences that give no number answers nothing: a
            # refusal, its score scaled below the threshold (the order of answer scores kept);
            # nor does "How old is Joe Biden?" answered by the ages of Putin and Stoltenberg
            holder = asked_name_holder(question) if kind == "name" else ""
            spoken = holder and any(names_holder(text, holder, question) is False
                                    for text in [c.quote for c in citations] + nearby)
            return self.refusal(q, query, passages, confidence * self.policy.answer_threshold, lacking=kind,
                                lacking_of=age_of, unnamed=holder if spoken else "")
        if placeless and asks_place_kind(question):
            # nor does "In which city was the council founded?" answered by "…founded in 2002":
            # no place is told as one ("in Geneva"); a bare "Where…?" may be answered by a spot
            # ("on the wall by the dining table"), so it is not refused for that
            return self.refusal(q, query, passages, confidence * self.policy.answer_threshold, lacking="place")
        text = " ".join(parts)
        # the article asked about: the one the question names, else the one every quote is of
        cited = {c.passage.doc_id for c in citations}
        # a piece named by a title no indexed article has is one an article speaks of: its
        # writer is in the text ("Who wrote the post The Elephant in the Room?")
        own_page = asks_page_writer(question) and (mention.doc_ids or not names_titled_work(question))
        named = (mention.doc_ids or cited) if own_page else ()
        if len(named) > 1:  # "the NBC News article about Hitler's house", of two NBC News pages: the one quoted
            named = set(named) & cited
        page = next((p for p in passages if p.doc_id in named), None) if len(named) == 1 else None
        article = self._article_texts([page.doc_id]).get(page.doc_id, "") if page is not None else ""
        credit = wire_credit(article)
        if page is not None and credit is not None:
            # "Which Reuters journalists reported the story…?": wire copy names its reporters in
            # its credit line ("(Reporting by Greg Roumeliotis, …; editing by Martin Howell.)"),
            # where its page's byline may be the agency's name alone; that line is the answer
            start, end = credit
            line = dataclasses.replace(page, text=article[start:end], start=start, end=end)
            quote = article[start:end]
            return Answer(text=f"{attributed(quote, line, article)} [1]", citations=[Citation(passage=line, quote=quote)],
                          answered=True, query=query, confidence=confidence)
        if page is not None and not (page.author and names_byline(text, page.author)):
            # "Who wrote the Vox article on Delhi?" answered by a quote of someone it interviewed:
            # its text does not say who wrote it, its page's byline does, or (the Polygraph fact
            # check) nothing on the page names its writer; no citation either way: no quote
            label = re.sub(r"^[Tt]he\s+", "", page.source.strip()) or f"“{page.title}”"
            told = (f"The text of the {label} article does not say who wrote it. Its page gives the byline {page.author}."
                    if page.author else f"Neither the text of the {label} article nor its page names who wrote it.")
            return Answer(text=told, answered=False, query=query, related=[page],
                          confidence=confidence * self.policy.answer_threshold)
        return Answer(text=text, citations=citations, answered=True, query=query, confidence=confidence,
                      notice=_page_note(query, chosen[0].passage, text))

    def _gist(self, question: str, query: str, passages: list[Passage]) -> Answer | None:
        """What an article says as a whole ("Summarize the Telegraph article"): its opening
        sentences, quoted. The article is the one the question names (by outlet or title; the
        best retrieved of them) or, named by its subject ("the piece about neon"), the one
        retrieval ranks first for that subject. None (answered as any question) when it names
        neither, or no passage of it was retrieved."""
        named = self._source_mention(query).doc_ids
        pool = [p for p in passages if p.doc_id in named] if named else []
        # The words besides the frame and the named source's own name: none ("Summarize the
        # Telegraph article"), or the subject of "the article about…"; any other words ask
        # about one aspect ("Summarise the aim the column sees…", "What is the point of the
        # sanctions, according to the NYT?"), answered as any question.
        naming = {w.lower() for p in pool for w in re.findall(r"[\w’'-]+", p.source)}
        topic = gist_topic(self.topic_query(question))
        rest = {w.lower() for w in topic.split()} - naming
        if rest and not names_article_by_topic(question):
            return None
        if not named:  # searched by its subject alone: the frame's words ("article", "about")
            # would rank the article that uses them most ("…something about this article")
            pool = self.candidates(topic, 1) if rest else []
        if not pool:
            return None
        first = pool[0]
        article = self._article_texts([first.doc_id]).get(first.doc_id, "")
        spans = lede_spans(article, self.policy.max_sentences - 1)
        if not spans:
            return None
        passage = dataclasses.replace(first, text=article[: spans[-1].end], start=0, end=spans[-1].end)
        # sentences of one paragraph are one quote ("…why I don't write my memoirs. I think I
        # have.”" is one thought, and its second sentence alone reads as a fragment)
        runs: list[list[int]] = []
        for span in spans:
            if runs and "\n" not in article[runs[-1][1] : span.start]:
                runs[-1][1] = span.end
            else:
                runs.append([span.start, span.end])
        chosen = [Candidate(passage, article[a:b], 0, a, features={"leans_back": 0.0}) for a, b in runs]
        parts, citations = self._quoted(chosen)
        title = f" “{first.title}”" if first.title else ""
        return Answer(text=" ".join(parts), citations=citations, answered=True, query=query, confidence=1.0,
                      notice=f"The opening sentences of the article{title}, where news writing puts its gist: "
                             "its own words, not a summary written for you.")

    def _quoted(self, chosen: list[Candidate], keep_dateline: bool = False,
                question: str = "") -> tuple[list[str], list[Citation]]:
        """Each chosen sentence as its attributed, numbered quote, and its citation: widened to the
        sentence before when it leans on it, read on when it leads in or is continued; without the
        wire story's dateline it opens with (`_without_dateline`) unless `keep_dateline` (a
        question asking where: the dateline's city may be the place)."""
        parts: list[str] = []
        citations: list[Citation] = []
        texts = self._article_texts(sorted({c.passage.doc_id for c in chosen}))
        kind = expected_type(question)
        keep_time = kind == "date"  # asked when, a live blog entry's time may be the answer
        for cand in chosen:
            if any(c.passage.doc_id == cand.passage.doc_id and _unbulleted(cand.text) in c.quote for c in citations):
                continue  # an item of a list an earlier quote read on to
            n = len(citations) + 1
            quote, passage = quote_of(cand, chosen), cand.passage
            if quote != _unbulleted(cand.text) and any(c.passage.doc_id == passage.doc_id and cand.context in c.quote
                                                       for c in citations):
                # the sentence it leans on was quoted already, as the sentence an earlier quote
                # read on to ("…imposed secularism. Its beaches drew…" then "But the country…"):
                # not twice
                quote = _unbulleted(cand.text)
            article = texts.get(passage.doc_id, "")
            if quote == _unbulleted(cand.text) and _needs_sentence_before(cand) and not cand.context:
                passage, quote = _widened_to_sentence_before(cand, chosen, article) or (passage, quote)
            if quote == cand.text:
                passage, quote = _widened_to_quotation_opening(cand, chosen, article) or (passage, quote)
            if _LEADS_IN.search(quote):
                passage, quote = _with_what_follows(cand, passage, quote, chosen, article,
                                                    next_line=kind not in (*VALUE_KINDS, "name"))
            elif n == 1:  # the best answer, read on while the next sentence points back to it
                passage, quote = _with_what_follows(cand, passage, quote, chosen, article, continuation_only=True,
                                                    tells_asked=_asked_told(question),
                                                    announces=_announces_asked_count(quote, question))
            sections = _numbered_sections(article, passage, quote) if kind not in VALUE_KINDS else []
            quote = _without_dateline(quote, article, keep_place=keep_dateline)
            if not keep_time:
                quote = _without_entry_time(quote, article)
            same = bool(citations) and citations[-1].passage.doc_id == passage.doc_id
            shown = _in_quotation_marks(_shown(quote), quote, article)
            parts.append(f"{attributed(shown, passage, article, after_same=same)} [{n}]")
            citations.append(Citation(passage=passage, quote=quote))
            if sections:
                # the sections it leads in to, each by its heading: the list the sentence promises
                heads = []
                for start, end in sections:
                    heads.append(f"{article[start:end]} [{len(citations) + 1}]")
                    citations.append(Citation(passage=dataclasses.replace(passage, text=article[start:end], start=start,
                                                                          end=end), quote=article[start:end]))
                parts.append("It goes on under these headings: " + "; ".join(heads) + ".")
        return parts, citations


# an interviewer's question: "Q: Where did you grow up?", "Q. What's next?", "Question: Why now?"
_INTERVIEWER = re.compile(r"^(?:Q|Question)\s*[:.]\s", re.IGNORECASE)
_ANSWERER = re.compile(r"^(?:A|Answer)\s*[:.]\s", re.IGNORECASE)


def _spelled_acronyms(names: Sequence[str], passages: Sequence[Passage]) -> set[str]:
    """The acronyms among `names` that a passage spells out without writing them ("ONS": "the
    Office of National Statistics"): the articles speak of what they name."""
    return {n for n in names if is_acronym(n) and any(spelled_in(p.text, n) for p in passages)}


def _with_its_answer(text: str, spans: Sequence[Span], i: int) -> str | None:
    """A question of the article together with the sentence after it, which answers it (an
    interview's "Q: Where did you grow up?" then "A: St. Croix in the U.S. Virgin Islands…", a
    heading "Why Can't Taylor Swift Perform Her Own Songs?" then its paragraph): one verbatim
    span. The question alone tells nothing. Only an interview's question ("Q: …", "Question: …",
    or one whose next sentence opens "A: …"): any other question is as often rhetorical ("So what
    are the Russians hoping for? NATO sources say…", "Now that Washington has Putin in a box, why
    does Putin think…?"), and joining every question, or every one on a line of its own, to what
    follows put an opinion piece's rhetoric first (dev-followups fact in 1st .645 -> .636, dev
    answers led by "…why does Putin think…?"). None when the sentence is no such question, or
    what follows is none to quote (no sentence, another question)."""
    question = text[spans[i].start : spans[i].end]
    if not is_question(question) or i + 1 >= len(spans):
        return None
    after = spans[i + 1]
    reply = text[after.start : after.end]
    if not is_candidate(text, after) or is_question(reply):
        return None
    if not (_INTERVIEWER.match(question) or _ANSWERER.match(reply)):
        return None
    return text[spans[i].start : after.end]


def _open_quotation(sentence: str) -> bool:
    """Whether a double quotation opened in the sentence is still open at its end ("Roof told
    her: “I'm not going to." before "I'm going to leave you here to tell the story.”")."""
    curly = sentence.count("“") - sentence.count("”")
    return curly > 0 or (curly == 0 and "“" not in sentence and sentence.count('"') % 2 == 1)


def _with_its_quotation_closed(text: str, spans: Sequence[Span], i: int) -> str | None:
    """A sentence that opens a quotation its next sentence or the one after closes, with them:
    one verbatim span ("Roof told her: “I'm not going to. I'm going to leave you here to tell
    the story.”"). The sentence splitter ends a sentence inside a quotation; quoted alone, the
    first half cuts the speaker off mid-quotation and the second loses who speaks. None when
    the quotation stays open two sentences on (an unpaired mark, a quotation running on) or
    the sentence opens none."""
    first = text[spans[i].start : spans[i].end]
    if not _open_quotation(first):
        return None
    for j in range(i + 1, min(i + 3, len(spans))):
        between = text[spans[j - 1].end : spans[j].start]
        if "\n" in between:
            return None  # a new paragraph: the quotation was left open, or runs on by paragraphs
        joined = text[spans[i].start : spans[j].end]
        if not _open_quotation(joined):
            return joined
    return None


def _quote_marks(sentence: str) -> list[bool]:
    """The sentence's double quotation marks in order, True for one that opens: a curly mark by
    its shape, a straight one by where it stands (after a space or the start and before a word
    it opens; after a word or a stop it closes)."""
    marks: list[bool] = []
    for m in re.finditer(r'[“”"]', sentence):
        ch, at = m.group(0), m.start()
        if ch != '"':
            marks.append(ch == "“")
            continue
        before = sentence[at - 1] if at else " "
        after = sentence[at + 1] if at + 1 < len(sentence) else " "
        marks.append((before.isspace() or before in "([—–-") and not after.isspace())
    return marks


def _closes_earlier_quotation(sentence: str) -> bool:
    """Whether the sentence closes a quotation it did not open (“What could be more American
    than such a competition?" said Thomas Ricks…": the quotation opened sentences before)."""
    depth = 0
    for opens in _quote_marks(sentence):
        if opens:
            depth += 1
        elif depth == 0:
            return True
        else:
            depth -= 1
    return False


def _quotation_depth(text: str) -> int:
    """How many quotations are open at the end of `text` (by `_quote_marks`)."""
    depth = 0
    for opens in _quote_marks(text):
        depth = depth + 1 if opens else max(0, depth - 1)
    return depth


def _leaves_quotation_open(sentence: str) -> bool:
    """Whether a quotation the sentence opens is still open at its end."""
    return _quotation_depth(sentence) > 0


def _in_quotation_marks(shown: str, quote: str, article: str) -> str:
    """`quote` as the answer shows it when it is part of a quotation whose marks it lacks: a
    sentence inside a speaker's words ("I can’t pass the torch." between “Leadership cannot be
    willed. and I can only keep the flame lit.”) read as the outlet's own ("According to The
    Root, I can’t pass the torch."). It gets the opening mark when its paragraph opened the
    quotation before it (and its own first mark opens none), and the closing one when a
    quotation it is in runs on after it. The citation keeps the article's own text (`quote`);
    `shown` is returned unchanged when the article is not at hand."""
    at = article.find(quote) if article and quote else -1
    if at < 0:
        return shown
    paragraph = article[article.rfind("\n", 0, at) + 1 : at]
    # the paragraph's marks tell only whether it starts inside a quotation; a quote whose own
    # first mark opens one starts outside (a paragraph's marks are not always paired)
    opened = _quotation_depth(paragraph) > 0 and _quote_marks(quote)[:1] != [True]
    mark = '"' if '"' in paragraph + quote and "“" not in paragraph + quote else "“"  # the article's kind
    closing = _quotation_depth(mark + quote if opened else quote) > 0
    return (mark if opened else "") + shown + (('"' if mark == '"' else "”") if closing else "")


QUOTATION_BACK = 3  # sentences a closing sentence is read back over to its quotation's opening
QUOTATION_CHARS = 700  # the longest quotation so widened


def _widened_to_quotation_opening(cand: Candidate, chosen: Sequence[Candidate],
                                  article: str) -> tuple[Passage, str] | None:
    """For a sentence that closes a quotation it did not open (“What could be more American than
    such a competition?" said Thomas Ricks…": the sentence splitter ends sentences inside a
    quotation): the quote read back to where the quotation opens, at most `QUOTATION_BACK`
    sentences back in the same paragraph and `QUOTATION_CHARS` in all, the passage widened to it
    when it starts earlier. Alone, its last sentence read as the outlet's own words ("According
    to AOL News, what could be more American…") with a stray mark. Only the quote widens: the
    sentence is scored alone, as before (scoring the joined quotation instead moved other
    answers: web-dev-7 fact recall .786 -> .764, two blind answers refused). None when the
    article is not at hand, no opening is found, or a sentence read back over is quoted anyway."""
    passage = cand.passage
    if not article or article[passage.start : passage.end] != passage.text or passage.start > cand.order:
        return None
    if not _closes_earlier_quotation(cand.text):
        return None
    window_start = max(0, cand.order - QUOTATION_CHARS)
    window = article[window_start : cand.order]
    spans = split_sentences(window)
    for k in range(len(spans) - 1, max(-1, len(spans) - 1 - QUOTATION_BACK), -1):
        if k == 0 and window_start > 0:
            return None  # the window may have cut this sentence: too long a quotation
        after = window[spans[k].end : spans[k + 1].start] if k + 1 < len(spans) else window[spans[k].end :]
        if "\n" in after:
            return None  # a new paragraph: a quotation running on by paragraphs, or an unpaired mark
        if _leaves_quotation_open(window[spans[k].start : spans[k].end]):
            start = window_start + spans[k].start
            if any(c is not cand and c.passage.doc_id == passage.doc_id and start <= c.order < cand.order for c in chosen):
                return None
            end = cand.order + len(cand.text)
            widened = passage if start >= passage.start else dataclasses.replace(
                passage, text=article[start : passage.end], start=start)
            return widened, article[start:end]
    return None


_NON_BLANK_LINE = re.compile(r"[^\n]*\S[^\n]*")

# A live blog's entry opens with the time it was posted ("13.45 There remain several possible
# explanations…", "08:21 Following the offer…"): a clock time, then a capitalised sentence
_ENTRY_TIME_TEXT = r"^(?:[01]?\d|2[0-3])[.:][0-5]\d\s+(?=[A-Z“\"‘'])"
_ENTRY_TIME = re.compile(_ENTRY_TIME_TEXT)  # at the start of a quote
_ENTRY_TIME_LINE = re.compile(_ENTRY_TIME_TEXT, re.MULTILINE)  # at the start of any line of the article
LIVE_BLOG_ENTRIES = 3  # lines opening with a clock time that make a page a live blog


def _without_entry_time(quote: str, article: str) -> str:
    """The quote without the posting time a live blog's entry opens with ("According to the
    Telegraph, 13.45 There remain…" reads as a broken sentence): the rest, still verbatim. Only
    on a page where at least `LIVE_BLOG_ENTRIES` lines open so (a live blog); elsewhere "10.30
    Sunday morning…" may be the sentence's own words."""
    match = _ENTRY_TIME.match(quote)
    if not match or len(_ENTRY_TIME_LINE.findall(article)) < LIVE_BLOG_ENTRIES:
        return quote
    return quote[match.end():]


def _without_dateline(quote: str, article: str, keep_place: bool = False) -> str:
    """The quote without the dateline that opens its article ("According to AP, LONDON (AP) —
    Britain's Conservative Party was accused…" reads as two openings): the rest of the sentence,
    still verbatim. Only the article's own dateline, on one of its first lines (a headline may
    stand above it); elsewhere "NATO — the alliance — said…" is a sentence. When the sentence
    splitter cut the dateline after an abbreviated place ("HAYWARD, Calif. | (AP) — The Latest…"),
    the rest of it ("(AP) — ") goes too. With `keep_place` (a question asking where: the
    dateline's city may be the answer) only such a rest goes, which names no place."""
    dateline = _article_dateline(article)
    if not dateline:
        return quote
    if quote.startswith(dateline.rstrip()):  # a bare credit ("(Reuters) — ", "(CNN)") names no place: it goes
        return quote if keep_place and not dateline.startswith("(") else quote[len(dateline.rstrip()):].lstrip()
    for cut in re.finditer(r"\.\s+", dateline):  # "HAYWARD, Calif. " | "(AP) — "
        rest = dateline[cut.end():]
        if rest.strip() and quote.startswith(rest) and not (keep_place and rest[:1].isalpha()):
            return quote[len(rest):]  # ("PAUL, Minn. (AP) — " of "ST. PAUL…" names a place: kept when asked where)
    return quote


def _article_dateline(article: str) -> str:
    """The dateline opening an article's first or second line ("HAYWARD, Calif. (AP) — ", "Dekalb,
    Ill. — ", "(Reuters) — ": `opening_dateline`), or "". Lines, not paragraphs: a blank line
    between a heading and the dateline ("MUMBAI\n\nMUMBAI (Reuters) - The BSE Sensex…") counts
    for none."""
    lines = [m.group(0) for m in itertools.islice(_NON_BLANK_LINE.finditer(article), 2)]
    for line in lines:
        match = opening_dateline(line.strip())
        if match:
            return match.group(0)
    return ""


def _page_note(question: str, page: Passage, answer_text: str) -> str:
    """For a question about who wrote the best answer's article or when it was published
    ("Who wrote the LWN article on the Arduino trademark?"), what its page gives, as a notice
    beside the quotes: the text rarely says it, and the quotes then answer something else. Not
    when the answer names the byline already."""
    return page_metadata_note(question, [page], byline=not (page.author and page.author in answer_text))


def quote_of(cand: Candidate, chosen: Sequence[Candidate]) -> str:
    """What an answer quotes for `cand`: its sentence, and the sentence before it when it leans
    back on that one ("He said…", "This means…", "But…": the `leans_back` feature), since
    quoted alone it reads as a fragment whose "he" or "this" the reader cannot resolve. One
    verbatim span of the passage, across a paragraph break too: news paragraphs are a sentence
    or two ("And as several NATO officials admitted, Putin worries much more about Ukraine…"
    opens the paragraph after the one on the Western flaws Putin has jumped on). The sentence
    alone when the one before is quoted anyway, lies outside the passage or is a heading (no
    sentence end: "What Happened" + "It was my second webcast…"); for one outside the passage,
    `answer` widens the cited passage to it (`_widened_to_sentence_before`). A list item's bullet
    ("- ", "• ", "2. ") is left out of the quote.

    About a fifth of the quoted sentences lean back. `python -m eval --all`, sentence alone ->
    with the one before: fact recall dev 0.857 -> 0.857, dev-paraphrase 0.675 -> 0.707, web-dev
    0.806 -> 0.812, the two newer dev sets unchanged (keeping the sentence alone across a
    paragraph break gave dev-paraphrase 0.686 only). Widening a passage for a sentence that opens
    it, and no sentence before for an "it" that points ahead ("It was only last month that…"),
    changed 125 of 1,249 answered eval answers: web-dev-followups 0.671 -> 0.679, the other dev
    rows unchanged (widening alone: dev-followups 0.751 -> 0.755, but the card question's
    answer then opened with the sentence before its cleft)."""
    return _unbulleted(_with_context(cand, chosen))


# "It was only last month that Moscow published…", "It is clear that…", "It is hard to…": an
# "it" that points ahead to its own clause (a cleft or an extraposed subject), not back.
_IT_POINTS_AHEAD = re.compile(r"^[“\"‘']?it\s+(?:is|was|has been|had been|will be|would be|seems|seemed)\s+"
                              # not "It is the first version of Mercurial that supports…": a ranked
                              # thing, described by its clause, is what the "it" before pointed to
                              r"(?!(?:the|its|a|an)\s+(?:first|last|only|second|third|next|latest|\w+est)\s+(?!time\b))"
                              r"(?:[^.;:!?,]{0,50}?\b(?:that|who|whether)\b|(?:\w+ly\s+)?\w+\s+(?:to|how|when)\b)",
                              re.IGNORECASE)


def _leaning_quoted_whole(chosen: list[Candidate]) -> list[Candidate]:
    """`chosen` without a sentence that a sentence quoted before it leans on: that one is
    quoted with it (`quote_of`), so "This expressed intention sufficed…" reads after the
    sentence saying which intention, not before it as a quote of its own. Likewise without the
    sentence a lead-in quoted before it introduces ("…Putin’s statement of Russia’s aims:"),
    which `_with_what_follows` quotes with the lead-in, and without the sentence that points back
    to the first quote ("These demands include the rollback…" after "…two draft agreements
    outlining its demands…"), which the first quote reads on with. That last one: fact in the
    first quote dev 0.813 -> 0.824, dev-paraphrase-2 0.717 -> 0.750, web-dev 0.674 -> 0.681,
    web-dev-2 0.636 -> 0.652, every other dev figure unchanged."""
    dropped: set[int] = set()
    for i, cand in enumerate(chosen):
        if id(cand) in dropped:
            continue
        same_article = [c for c in chosen[i + 1 :] if c.passage.doc_id == cand.passage.doc_id]
        if _needs_sentence_before(cand) and cand.context:
            dropped.update(id(c) for c in same_article if c.text == cand.context and c.order < cand.order)
        end = cand.order + len(cand.text)  # the next sentence starts after a line break or two
        following = [c for c in same_article if 0 < c.order - end <= 4]
        if _LEADS_IN.search(cand.text):
            dropped.update(id(c) for c in following)
        elif i == 0:
            dropped.update(id(c) for c in following if _whole_sentence(c.text) and _goes_on(c.text))
    kept = [c for c in chosen if id(c) not in dropped]
    return _lead_in_before_its_item(kept)


def _lead_in_before_its_item(chosen: list[Candidate]) -> list[Candidate]:
    """A lead-in chosen after the list item it introduces takes that item's place: quoted with
    its items (`_with_what_follows`) it says who said them ("President Obama also said: - The UK
    must stay in the EU…"), where the item first and the lead-in after read as a claim with no
    speaker and then a colon with nothing after it."""
    out = list(chosen)
    for cand in chosen:
        if not _LEADS_IN.search(cand.text):
            continue
        end = cand.order + len(cand.text)
        here = next(i for i, c in enumerate(out) if c is cand)  # by identity: candidates compare by value
        item = next((i for i, c in enumerate(out[:here]) if c.passage.doc_id == cand.passage.doc_id
                     and 0 < c.order - end <= 4 and _BULLET.match(c.text)), None)
        if item is not None:
            out[item] = cand
            del out[here]
    return out


def _says_again(a: str, b: str) -> bool:
    """Whether one sentence holds the other's words whole: the same agency sentence with and
    without its dateline ("MOSCOW (AP) — An unmanned Russian cargo spaceship…"), which moves
    MiniLM's cosine to 0.87, under the `redundant_cosine` check."""
    short, long = sorted((re.findall(r"\w+", a.lower()), re.findall(r"\w+", b.lower())), key=len)
    return len(short) >= 6 and f" {' '.join(short)} " in f" {' '.join(long)} "


def _needs_sentence_before(cand: Candidate) -> bool:
    """Whether `cand` leans on the sentence before it (the `leans_back` feature, or an opening
    that refers back: "Doing just that would pay for…", "As a result, …"), unless its opening
    "it" points ahead ("It was only last month that…")."""
    leans = bool(cand.features.get("leans_back")) or bool(_REFERS_BACK.match(cand.text))
    return leans and not _IT_POINTS_AHEAD.search(cand.text)


# An opening that refers to what the sentence before said, beyond a pronoun's ("Doing just
# that would pay for free community college", "As a result, …"); one opening with "That" or
# "This" ("That’s why…") leans back by the `leans_back` feature already
# "In that regard, they're very different…", "At that point…", "Despite this…": a preposition
# opening on a demonstrative points to what was just said, as "In this case" and "For that
# reason" (the same pattern) do ("To this day" and "From this year" point to a time, not back:
# no "to", and a time noun after the demonstrative is left out)
_REFERS_BACK = re.compile(r"^[“\"‘']?((by |in )?doing (just |all |exactly )?(that|this|so)|as a result|"
                          r"(in|on|at|by|for|after|with|without|despite|unlike|like|besides|beyond|given|apart from|"
                          r"as for|along with|in addition to|on top of|because of) (this|that|these|those)"
                          r"(?! (year|month|week|day|time|morning|afternoon|evening|night|spring|summer|fall|autumn|"
                          r"winter|season|decade|century)s?\b))\b", re.IGNORECASE)


def _with_context(cand: Candidate, chosen: Sequence[Candidate]) -> str:
    if not _needs_sentence_before(cand) or not ends_sentence(cand.context):
        return cand.text  # nothing before it, or a heading ("What Happened"), which resolves no "it"
    text = cand.passage.text
    start = cand.order - cand.passage.start
    context_start = text.rfind(cand.context, 0, start)
    if context_start < 0 or text[start : start + len(cand.text)] != cand.text:
        return cand.text
    before = cand.passage.start + context_start
    if any(c is not cand and c.passage.doc_id == cand.passage.doc_id and before <= c.order < cand.order for c in chosen):
        return cand.text  # the sentence before is quoted already
    return text[context_start : start + len(cand.text)]


# "Why…?", "And why…?", "For what reason…?", "What was the reason for…?"; and the words that
# tell a reason or a purpose (English connectives, not a list of topics)
_ASKS_WHY = re.compile(r"^(?:(?:and|but|so)\s+)?(?:why|for what reason|what (?:was|is|were|are) the reasons? (?:for|why|behind))\b",
                       re.IGNORECASE)
_GIVES_REASON = re.compile(r"\b(?:because|due to|owing to|as a result of|thanks to|caused by|"
                           r"(?:the|one|another|a|the main|the chief|the key|the real|the biggest) reasons? "
                           r"(?:for|why|is|was|being|may|might|could|seems)|"
                           r"in order to|so that|so as to|on the grounds|for fear|given that|in response to)\b", re.IGNORECASE)


def _named_first(ranked: list[Candidate], question: str, close: float) -> list[Candidate]:
    """`ranked` with the best sentence naming something the question does not first, when the
    best names nothing new and that one scores at least `close`: asked "Which famous grape is the
    Frühburgunder a close relative of?", "…namely, the enigmatic grape variety known as the
    Frühburgunder." (no new name) led, before "…the Frühburgunder is a first cousin of the iconic
    and beloved Spätburgunder, otherwise known as Pinot Noir." A "which" question of no typed
    kind asks one of a kind, which a name usually picks out (of the dev answers to such questions
    whose first quote named nothing new, 8 did not open with the fact and 4 did). Only the order
    changes, as in `_typed_first`. eval --all: 6 dev answers gained a first quote holding the
    fact, 3 lost one ("Which iOS 13 beta…?": "third"; "Which piece…?": "a carpet"), one lost a
    fact (a list item quoted first crowded out another)."""
    return _close_one_first(ranked, close, lambda cand: has_type(cand.text, "name", question))


# "Which websites does…?", "What ways can users…?", "What are the most popular services for…?":
# several things of a kind asked for by a plural noun within four words of the wh-word (the first
# word there ending in "s"), before the question's verb or a preposition (not "Which company
# makes it?", "What happens next?", "What most often causes adults to…?")
_ASKS_SEVERAL = re.compile(
    r"^(?:and |so )?(?:what|which)\s+(?:(?:are|were)\s+(?:the\s+)?)?(?:(?![\w-]*s\b)[\w-]+\s+){0,3}?"
    r"[a-z]+[a-rt-z]s (?=(?:do|does|did|can|could|should|will|would|are|were|have|has|had|must|might|may|"
    r"for|of|in|on|to|that|which|from|with|at|by)\b)", re.IGNORECASE)
# a number of them asked below a list's three ("the two most important things", "both")
_ASKS_FEW = re.compile(r"\b(two|2|both|pair)\b", re.IGNORECASE)
# a list run into a sentence: three or more short items set off by commas ("platforms like Google,
# Yelp, and Facebook", "password, magic link, one-time password, …"): two or more items of one to
# five words, each followed by ", ", then "and"/"or" and an item, or up to four words and "and"/"or"
_WORD = r"[\w.&'’()-]+"
_LIST_ITEM = re.compile(rf"{_WORD}(?: {_WORD}){{0,4}}")
_ENDS_IN_WORD = re.compile(r"[\w.&'’()-]$")
_LIST_END = re.compile(rf"(?:and|or) {_WORD}|{_WORD}(?: {_WORD}){{0,3}} (?:and|or) {_WORD}")


def _enumerates(text: str) -> bool:
    """Whether `text` runs such a list. One pass over its ", "-separated parts (a single regular
    expression for it backtracked quadratically on a long comma run with no "and"/"or": 45 ms on
    a 2,000-character sentence); it finds what that expression found on every corpus sentence."""
    items = 0  # items in a row, each followed by ", ", just before the current part
    for i, part in enumerate(text.split(", ")):
        if i and items >= 2 and _LIST_END.match(part):
            return True
        if _LIST_ITEM.fullmatch(part):
            items += 1
        else:  # a part ending in a word starts a run: its last words are the first item
            items = 1 if _ENDS_IN_WORD.search(part) else 0
    return False


def _enumeration_first(ranked: list[Candidate], close: float) -> list[Candidate]:
    """`ranked` with the best sentence that runs a list of three or more items first, when the
    best runs none and that one scores at least `close`: asked "Which websites does CottageCare
    point to for reading customer reviews?", "…look for companies with high ratings and positive
    reviews." led, before "…platforms like Google, Yelp, and Facebook are filled with honest
    feedback…". Only the order changes, as in `_typed_first`."""
    return _close_one_first(ranked, close, lambda cand: _enumerates(cand.text))


def _reason_first(ranked: list[Candidate], close: float) -> list[Candidate]:
    """`ranked` with the best sentence that gives a reason ("because…", "due to…", "The reason
    for this decision is…", "…in order to…") first, when the best gives none and that one scores
    at least `close`: asked "Why have the Nationals moved their top infield prospect to center
    field?", "…for all the success Mike Rizzo has had…" (the topic) led and "…playing center
    field because the two natural center fielders…" came second. Only the order changes, as in
    `_typed_first`. Chosen on the dev sets (eval --all): web-dev-5 and web-dev-9 each gained a
    fact and a first quote, web-dev-4 lost one first quote (its reason is told by "…making it
    much cheaper…", a result no connective marks)."""
    return _close_one_first(ranked, close, lambda cand: bool(_GIVES_REASON.search(cand.text)))


def _close_one_first(ranked: list[Candidate], close: float, wanted: Callable[[Candidate], bool]) -> list[Candidate]:
    """`ranked` with the best candidate that is `wanted` first, when the best is not and that one
    scores at least `close`; else `ranked` as it is. Only the order changes: the scorer's near
    tie is broken by what the question asks (a statement, a place, the asked kind, a count of
    the asked thing, a role's holder)."""
    if not ranked or wanted(ranked[0]):
        return ranked
    for i, cand in enumerate(ranked[1:], 1):
        if cand.probability < close:
            break
        if wanted(cand):
            return [cand, *ranked[:i], *ranked[i + 1:]]
    return ranked


def _opens_nothing(cand: Candidate) -> bool:
    """A question of the article, a headline or a lead-in ending in a colon (`is_lead_in`):
    none tells the fact on its own. A lead-in that list items follow in its passage does tell:
    it is quoted with them (`_with_what_follows`). Asked "What are the three states a file can
    be in within a Git repository?", "Every file in your Git repository can be in one of three
    states:" and its three items had made way for "…now contains five objects: three blobs…",
    another page's statement that scored close (session 60)."""
    if is_question(cand.text) or is_headline(cand.text) or is_unmarked_question(_unbulleted(cand.text)):
        return True
    return is_lead_in(cand.text) and not _list_end(_after_in_passage(cand))


def _after_in_passage(cand: Candidate) -> str:
    """The text of the candidate's passage after it ("" when the candidate is not found there)."""
    at = cand.order - cand.passage.start
    if at < 0 or cand.passage.text[at : at + len(cand.text)] != cand.text:
        return ""
    return cand.passage.text[at + len(cand.text) : at + len(cand.text) + 2 * LIST_CHARS]


def _statement_first(ranked: list[Candidate], close: float) -> list[Candidate]:
    """`ranked` with its best statement first, when the best candidate is a question of the
    article ("Want to know more about Erin Spiceland?", "Where did Russia go wrong?") and a
    statement scores at least `close`: an answer that opens by asking reads as no answer, and
    a rhetorical question is the author's point only beside the statement that makes it.
    Questions are 4 % of the candidates but 0.5 % of the dev evidence. `python -m eval --all`
    (fact in the first quote, dev sets; fact recall unchanged everywhere): dev-paraphrase-2
    0.683 -> 0.700, dev-followups 0.589 -> 0.598, the others unchanged. Doing the same for a
    heading (no sentence end) was mixed, web-dev-followups 0.462 -> 0.444: a list item or a
    caption without a full stop is often the fact. A headline, though (title case or a
    bracketed link, `is_headline`: "the Birth of Chaos"), is treated as a question is: dev
    answers opening with one 2 -> 0, every fact figure unchanged (session 37). A lead-in with
    list items under it in its passage is quoted with them and tells (session 60)."""
    return _close_one_first(ranked, close, lambda cand: not _opens_nothing(cand))


def _asked_age_first(ranked: list[Candidate], age_of: Sequence[str]) -> list[Candidate]:
    """`ranked` with the sentences giving the age of a person in `age_of` first, in their order.
    No score threshold: "Russian President Vladimir Putin, 69, asked…" answers "How old is
    Putin?" however the scorer ranks it, and the sentence it ranked first ("Putin's concerns…
    stem from 43-year-old President Volodymyr Zelensky's obsession…") names him but gives
    Zelensky's age. A sentence giving only other people's ages goes last: asked "How old is
    Mugabe?", "…little public affection for 52-year-old Grace…" (Mr Mugabe named, his wife's
    age given) ranked above "…Robert Mugabe… insisting the 93 year-old finishes his term",
    whose age the wording does not tie to a name. Whose age a sentence gives: `qa.text.ages`."""
    own = [c for c in ranked if gives_age_of(c.text, age_of)]
    others = [c for c in ranked if gives_only_others_ages(c.text, age_of)]
    if not own and not others:
        return ranked
    return own + [c for c in ranked if not any(c is o for o in own + others)] + others


def _spelled_out_first(ranked: list[Candidate], acronym: str) -> list[Candidate]:
    """`ranked` with the sentences spelling out the asked `acronym` first, in their order, however
    they score ("What does WTF stand for…?" -> "…WTF? What's the Future?…"): the scorer ranks
    sentences about the thing the acronym names, and an expansion is the answer by definition
    (`qa.text.acronyms`)."""
    own = [c for c in ranked if spells_out(c.text, acronym)]
    return own + [c for c in ranked if not any(c is o for o in own)] if own else ranked


# words before a role that are no part of its name: "the minister", "Austria's minister"
_NOT_ROLE_WORDS = re.compile(r"^(the|a|an|its|his|her|their|our|this|that|new|former|then|now|current|acting)$|['’]s?$",
                             re.IGNORECASE)


def _role_words(sentence: str, role: str) -> str:
    """The word before `role` where `sentence` speaks of it, when it is part of the role's name
    ("Austria's interior minister" -> "interior"); "" for none ("the minister")."""
    match = re.search(rf"([\w'’-]+)\s+{re.escape(role)}s?\b", sentence, re.IGNORECASE)
    return "" if match is None or _NOT_ROLE_WORDS.search(match.group(1)) else match.group(1)


def _role_owner(sentence: str, role: str) -> str:
    """The name whose `role` `sentence` speaks of, in the possessive right before it ("China’s
    ambassador" -> "China’s"), or ""."""
    match = re.search(rf"(?<![\w-])([A-Z][\w.-]*['’]s?)\s+{re.escape(role)}s?\b", sentence)
    return match.group(1) if match and re.search(r"['’]s?$", match.group(1)) else ""


def _any_apostrophe(word: str) -> str:
    """A pattern of `word` with either apostrophe ("China's" or "China’s")."""
    return "['’]".join(re.escape(part) for part in re.split(r"['’]", word))


def _other_part_told(parts: Sequence[str], quotes: Sequence[str]) -> bool:
    """Whether a question of two parts (`compound_parts`) has a part the quotes may answer: one
    that asks no value, or whose kind of value a quote holds. "How old was Hitler at the Beer
    Hall Putsch, and in which year does the game begin its story?" answered by the game's year
    answers half of it; the missing age alone refuses nothing."""
    for part in parts:
        kind = expected_type(part)
        if kind not in (*VALUE_KINDS, "name") or any(has_type(quote, kind, part) for quote in quotes):
            return True
    return False


def _role_holder_first(ranked: list[Candidate], role: str, question: str, close: float = 1.0) -> list[Candidate]:
    """`ranked` with the best sentence naming the holder of the asked `role` first, when the best
    candidate speaks of the role without a name: asked "Which Austrian minister announced the plan
    for Hitler's birth house?", the scorer put "…will be turned into a police station, Austria's
    interior minister said on Tuesday" first (0.98) and "…," Interior Minister Wolfgang Peschorn
    … said in the statement." seventh (0.28); the asker asked a name. Only a sentence of the best
    one's article, naming a holder of the same role ("interior minister", not "Prime Minister
    Scott Morrison" of another story), whatever it scores, as an asked age is
    (`_asked_age_first`); the best stays next to it. When the best does not speak of the role,
    or speaks of it without words of the role's own ("Which company owns most of Taylor Swift's
    music?": "…Big Machine, which was bought out by a company owned by…", where "the company
    that runs the AMAs, Dick Clark Productions" would be any company), only a sentence scoring
    at least `close` may lead. Whether a sentence names a role's holder:
    `qa.text.names.names_holder`."""
    if not ranked:
        return ranked
    best = ranked[0]
    spoken = names_holder(best.text, role, question)
    if spoken:
        return ranked
    words = _role_words(best.text, role) if spoken is False else ""
    if not words and spoken is False:
        # a role that only its holder's country or body qualifies ("China's ambassador to Britain
        # accused…"): the article's sentence naming the holder of that same role leads ("China's
        # ambassador to Britain Liu Xiaming has said…"), else a close one, as below
        owner = _role_owner(best.text, role)
        for i, cand in enumerate(ranked[1:], 1):
            if (owner and cand.passage.doc_id == best.passage.doc_id and names_holder(cand.text, role, question)
                    and re.search(rf"(?<!\w){_any_apostrophe(owner)}\s+{re.escape(role)}", cand.text)):
                return [cand, *ranked[:i], *ranked[i + 1:]]
    if not words:
        # the best does not speak of the role, or of a role of no words of its own ("a company
        # owned by talent manager Scooter Braun"): a sentence naming its holder that nearly ties
        # with it leads instead ("Who was the senior author of the cannabis study?": "Senior
        # author Dr. Silvia S. Martins…", 0.98, after "Ian Hamilton, an expert … who did not
        # work on the study", 0.995), as a sentence holding the asked kind does (`_typed_first`)
        return _close_one_first(ranked, close, lambda cand: bool(names_holder(cand.text, role, question)))
    for i, cand in enumerate(ranked[1:], 1):
        if cand.passage.doc_id != best.passage.doc_id or not names_holder(cand.text, role, question):
            continue
        if not re.search(rf"\b{re.escape(words)}\s+{re.escape(role)}", cand.text, re.IGNORECASE):
            continue
        return [cand, *ranked[:i], *ranked[i + 1:]]
    return ranked


NEARBY_SENTENCES = 10  # the close candidates read, beside the quotes, for a name asked of someone (fixed, not tuned)


def _nearby(ranked: list[Candidate], citations: Sequence[Citation]) -> list[str]:
    """The best candidates' sentences of the quoted articles, but the quoted ones: where the
    article may speak of the one whose name is asked without naming it."""
    quoted = {c.passage.doc_id for c in citations}
    return [c.text for c in ranked[:NEARBY_SENTENCES]
            if c.passage.doc_id in quoted and not any(c.text in cit.quote for cit in citations)]


def _located_first(ranked: list[Candidate], question: str, close: float) -> list[Candidate]:
    """`ranked` with the best sentence that tells a place as one ("…being built in the city of
    Guiyang") first, when the best tells none and that one scores at least `close` (a share of
    the best's that would quote it beside the best anyway: `AnswerPolicy.extra_ratio`). Asked
    "Where will FAST's future number-crunching base be?", the scorer ranked the Guiyang sentence
    fourth, below three sentences about FAST that name no place, and an answer quotes three.
    Used only for an answer that would otherwise be refused as telling no place: moving a
    place first in every answer cost more first facts than it gained (a place told in lower
    case, "from the nearby slate mountains", or a list in a later sentence)."""
    return _close_one_first(ranked, close, lambda cand: gives_location(cand.text, question))


def _type_told_before(ranked: list[Candidate], q: QuestionInfo) -> None:
    """Marks a sentence as holding the asked kind when the sentence it leans on, quoted with it,
    holds it: "It is the first version of Mercurial that supports Python 3." is quoted after
    "Mercurial 5.2 was released on November 5, 2019.", so to "When was the first Mercurial
    version supporting Python 3 released?" it gives a date, and `_typed_first` must not put a
    lesser sentence with a date before it. (After scoring: the model's features stay as trained.)"""
    for cand in ranked:
        if (cand.features.get("type_missing") and _needs_sentence_before(cand) and ends_sentence(cand.context)
                and has_type(f"{cand.context} {cand.text}", q.kind, q.topic)):
            cand.features["type_missing"] = 0.0


# a people's or a place's adjective ("American", "Japanese", "British"): an article may speak of
# them in other words ("the typical U.S. consumer")
_ADJECTIVE_NAME = re.compile(r"(?:an|ese|ish|ic)s?$")


def _naming_docs(ranked: Sequence[Candidate], names: Sequence[str]) -> frozenset[str]:
    """The articles that hold any of the question's `names` (`names_article`), of those
    retrieved; none when the question names nothing, nothing it names is in them, or a name is
    an adjective of a people or place, which an article may put in other words."""
    if not names or any(_ADJECTIVE_NAME.search(name) for name in names):
        return frozenset()
    return frozenset(c.passage.doc_id for c in ranked if c.features.get("names_article", 0.0) > 0)


def _typed_first(ranked: list[Candidate], close: float, naming: frozenset[str] = frozenset()) -> list[Candidate]:
    """`ranked` with the best sentence holding the kind of thing asked (a date for "when", a
    number for "how many", a name for "who") first, when the best candidate holds none and that
    one scores at least `close`: of two sentences the scorer nearly ties, the one that holds an
    answer of the asked kind opens the answer ("How large was the arsenal?" → "…then the third
    largest group in the world…" before "…no such guarantees were made…"). The sentences
    quoted stay the same; only their order changes. `close` comes from
    `AnswerPolicy.typed_first_ratio`. When some articles hold the question's names (`naming`), a
    sentence of another article is not moved: asked "How much does a LinkedIn premium account
    cost per month?", a book subscription's price on another page is no answer of the asked kind."""
    return _close_one_first(ranked, close, lambda cand: not cand.features.get("type_missing")
                            and (not naming or cand.passage.doc_id in naming))


def _own_names_first(ranked: list[Candidate], turn: str, earlier: str, close: float) -> list[Candidate]:
    """`ranked` with the best sentence naming what the follow-up `turn` itself names (and the
    `earlier` question it is asked with does not) first, when the best names none of it and that
    one scores at least `close`: asked "What about Justin Bieber?" after "How much did Will Smith
    make…?", "Justin Bieber made $56 million…" (0.996) opens the answer, not the Will Smith
    sentence the pair scores 0.999. Only the order changes."""
    own = [name for name in question_names(turn) if not mentions(earlier, name)]
    if not own:
        return ranked
    return _close_one_first(ranked, close, lambda cand: any(mentions(cand.text, name) for name in own))


# a second question joined to the first by "and" and a question word: "Who captained the flight,
# and which U.S. warship was sent…?", "When did he first see his doctor, and which birds'
# feathers was he reacting to?" (not "What did Smith and Jones say?": no question word follows)
_WH_OPENING = r"(?:(?:in|at|on|to|for|from|by|with|of)\s+)?(?:what|which|when|where|who|whom|whose|how|why)\b"
_SECOND_QUESTION = re.compile(rf",?\s+and\s+(?={_WH_OPENING})", re.IGNORECASE)


# The kinds of value told in forms the type reading knows (a currency, a percent sign, "aged
# 62", "3.12", "twice a week"); counts, dates and measures are told in forms it misses as often
# ("ancient civilizations", "midday", "the 20th century"), so a sentence without a recognised
# one may still carry the answer.
_PLAIN_VALUE_KINDS = frozenset({"money", "percent", "age", "length", "weight", "frequency", "version"})


def _value_asked(question: str, first: Candidate) -> str:
    """The kind of value a question of one part asks ("money" for "What do the headphones sell for?"),
    when the best sentence gives one: then a sentence giving none is not quoted beside it.
    Measured over `eval --all` (session 66): for every value kind, 360 dev answers lost 397
    extra quotes and 9 facts, 6 gained (freed places went to sentences with a value); the 9
    were all counts, dates and measures ("How far back do the roots of fitness training go?"
    -> "ancient civilizations"), as were the blind rows' two; for the kinds kept
    (`_PLAIN_VALUE_KINDS`), 86 dev answers lost 97 quotes and no fact, the blind rows 7 quotes
    and no fact. "" for another kind, or a question of two parts, whose parts may ask others."""
    kind = expected_type(question)
    if kind not in _PLAIN_VALUE_KINDS or compound_parts(question) or distributed_parts(question):
        return ""
    return kind if has_type(first.text, kind, question) else ""


def compound_parts(question: str, with_preamble: bool = False) -> list[str]:
    """The two questions of a compound question ("Who captained the flight" and "which U.S.
    warship was sent to help search for it?"), or [] when it asks one thing. Each part has at
    least three words, and the first opens with a question word too, or does after a
    statement that sets the scene, ended by a colon or a semicolon ("Both garden pages touch
    on trees: which foundation does the Cornell page point to…, and what does the Echo Live
    column say…?"); `with_preamble`: each part after that statement, which the part may need
    ("The BusinessWeek writer says Jobs' successor needs a hit; who is that successor?")."""
    text = question.strip()
    parts = _two_questions(text)
    if parts or not (preamble := _PREAMBLE.match(text)):
        return parts
    rest = text[preamble.end():]
    parts = _two_questions(rest[:1].upper() + rest[1:])
    return [f"{preamble.group(0)}{part[:1].lower()}{part[1:]}" for part in parts] if with_preamble else parts


# a statement before the question, ended by a colon or a semicolon ("Both garden pages touch on trees: ")
_PREAMBLE = re.compile(r"^[^?:;]{8,}[:;]\s+(?=[A-Za-z])")


def _two_questions(text: str) -> list[str]:
    """`compound_parts` of a text that opens with its first question."""
    match = _SECOND_QUESTION.search(text)
    if not match or "?" in text[: match.start()]:
        return []
    first, second = text[: match.start()].strip(" ,"), text[match.end():].strip()
    if len(first.split()) < 3 or len(second.split()) < 3 or not _ASKS_SOMETHING.match(first):
        return []
    return [first + "?", second[:1].upper() + second[1:]]


_ASKS_SOMETHING = re.compile(rf"^(?:{_WH_OPENING}|(?:name|list)\b)", re.IGNORECASE)


_AUXILIARY = r"(?:do|does|did|are|were|is|was|have|has|had|can|could|would|will|should)"
# "What do the dental article and the smartphone article each suggest…?", "Which areas do CR
# Maids and Termio Pest Control both serve?": two subjects between the auxiliary and "each"/"both".
# Each thing here and in `_PLACE` is at most 80 characters: unbounded, a long text of many
# auxiliaries and "and"s without "each" backtracked cubically (440 ms on 2,800 characters)
_EACH_OF_TWO = re.compile(rf"^(?P<pre>.*?\b{_AUXILIARY})\s+(?:both\s+)?(?P<a>[^,?;:]{{1,80}}?)\s+and\s+"
                          r"(?P<b>[^,?;:]{1,80}?)\s+(?:each|both)\b\s*(?P<post>.*)$", re.IGNORECASE)
# "Which Google tools are recommended in the WordPress tutorial and in the college gear guide?",
# "What is the first step, according to the Vite guide and the Terraform guide?": two places
# of one preposition, each with its article ("the", "a", "its"), none holding another such place
_PLACE = r"(?:(?:the|a|an|its|their)\s(?:(?!\b(?:in|on|from|by|at)\s+(?:the|a|an|its|their)\b)[^,?;:]){1,80}?)"
_IN_EACH_OF_TWO = re.compile(rf"^(?P<pre>.*?)(?:\s+both)?(?:^|\s+)(?P<prep>in|on|from|by|at|according to)\s+(?P<a>{_PLACE})\s+and\s+"
                             rf"(?:(?:in|on|from|by|at)\s+)?(?P<b>{_PLACE})(?P<post>\s*[?,].*)$", re.IGNORECASE)


def distributed_parts(question: str) -> list[str]:
    """The question asked of each of two things it joins by "and", when it asks the same of
    both: "What do the dental article and the smartphone article each suggest…?" gives "What
    do the dental article suggest…?" and "What do the smartphone article suggest…?" (grammar
    aside: each part only chooses sentences), or [] when it joins no two such things. Each
    thing of a preposition's pair has at least two words ("in the Gothamist story")."""
    text = question.strip()
    match = _EACH_OF_TWO.match(text)
    if match:
        post = f" {match['post']}" if match["post"] else ""
        return [f"{match['pre']} {match['a']}{post}", f"{match['pre']} {match['b']}{post}"]
    match = _IN_EACH_OF_TWO.match(text)
    if match and len(match["a"].split()) >= 2 and len(match["b"].split()) >= 2:
        return [f"{match['pre']} {match['prep']} {match[side]}{match['post']}".strip() for side in ("a", "b")]
    return []


def _each_part_answered(ranked: list[Candidate], parts: Sequence[list[Candidate]], named: bool,
                        anywhere: bool = False) -> list[Candidate]:
    """`ranked` (scored for a whole compound question) with each part's best sentence (`parts`:
    each part's scored sentences) scored just below the whole's best: each part then has its
    answer among the quoted sentences (the selection's usual tests for something new still
    apply), after the whole's best. Only a part's best: its runners-up would push out the
    whole's (a vague part, "…and how was Apple doing then?", scores many sentences alike). A
    part alone often lacks the subject ("…and what will her salary be?"), so its best counts
    only when it is of an article that names the question's names (`named`), or of one of the
    whole's three best sentences' articles when the question names nothing. A part of a
    question asked of two things (`distributed_parts`) names its own subject, so its best
    counts from any article (`anywhere`) when the question names nothing. The confidence is
    unchanged."""
    if not ranked:
        return ranked
    top = ranked[0].probability
    near = {c.passage.doc_id for c in ranked[:3]}
    allowed = {(c.passage.doc_id, c.order) for c in ranked[1:]
               if ((c.features.get("names_article", 0.0) > 0) if named else (anywhere or c.passage.doc_id in near))}
    for own in parts:
        mine = [c for c in own if (c.passage.doc_id, c.order) in allowed]
        if not mine:
            continue
        best = max(mine, key=lambda c: c.probability)
        for cand in ranked[1:]:
            if (cand.passage.doc_id, cand.order) == (best.passage.doc_id, best.order):
                cand.probability = max(cand.probability, 0.999 * top)
    return [ranked[0]] + sorted(ranked[1:], key=lambda c: (-c.probability, c.passage.doc_id, c.order))


def _blended(ranked: list[Candidate], own: list[Candidate], weight: float) -> list[Candidate]:
    """`ranked` (scored for a follow-up asked with the question it follows) re-sorted by its
    probability blended with the one each sentence has for the follow-up's own words (`own`):
    (1 - weight) * together + weight * own. Asked "Where was the patient hospitalized?" after
    "When did the Inner Mongolia hunter eat the wild rabbit?", the sentence about the rabbit,
    which the pair scores best, led over "…was hospitalized in the county of Huade…". The
    probabilities change only for the order and the choice of sentences; the answer's
    confidence stays the pair's. `AnswerPolicy.followup_own_weight` says where the weight came
    from."""
    mine = {(c.passage.doc_id, c.order): c.probability for c in own}
    for cand in ranked:
        cand.probability = (1 - weight) * cand.probability + weight * mine.get((cand.passage.doc_id, cand.order),
                                                                               cand.probability)
    return sorted(ranked, key=lambda c: (-c.probability, c.passage.doc_id, c.order))


def _of_other_years_only(candidate: Candidate, question: str) -> bool:
    """Whether the candidate tells only years other than those the question is scoped to
    (`tells_other_years_only`); one that leans on the sentence before it is dated by that one
    too: asked about 2012's motorcycle deaths, "Then consider that there were 81,000 recorded
    injuries as well…" after "…in 2011, there were 4,323 deaths on motorcycles." tells 2011's."""
    leans = bool(candidate.context) and bool(candidate.features.get("leans_back"))
    text = f"{candidate.context} {candidate.text}" if leans else candidate.text
    return tells_other_years_only(text, question, candidate.passage.date)


def _counted_first(ranked: list[Candidate], noun: str, close: float) -> list[Candidate]:
    """`ranked` with the best sentence giving a number of the counted `noun` first, when the best
    gives none and that one scores at least `close`: asked "How many people was PG&E planning
    to cut power to in the new shutoff?", "PG&E initiated four rounds of planned outages in
    October." (a number, of rounds) led, and "…shutting off power Wednesday to some 375,000
    people…" came second. Only the order changes, as in `_typed_first`; a count the question
    names no noun for ("How many of them…?") changes nothing. Whether a sentence counts the
    noun: `qa.text.names.counts_noun`."""
    return _close_one_first(ranked, close, lambda cand: counts_noun(cand.text, noun))


_GRAMMAR_TERMS = frozenset(stem(w) for w in FUNCTION_WORDS)  # "so", "then", "still": they ask nothing


# a sentence that sends the reader to other reading: "Read more in …", "Read more: …", "See also …",
# "Related: …", "Also read …" (not "Read on to see what they had to say about Qualcomm, Facebook…",
# which tells what follows)
_POINTS_ELSEWHERE = re.compile(r"^[“\"‘']?(?:read more\s*(?::|\b(?:in|at|here)\b)|read the full\b|(?:see also|also read)\b|"
                               r"related(?: stories| articles)?\s*:|"
                               # a link line: "More about Markus Jachtenfuchs", "Learn more about our programs"
                               r"(?:learn |find out )?more (?:about|on|from|posts|stories|articles)\b[^.!?:]*$)",
                               re.IGNORECASE)


_CAPTION = re.compile(r"^[“\"‘']?(?:(?:figure|fig\.)\s*\d+[a-z]?\s*[:.]|(?:video|watch|gallery)\s*:)", re.IGNORECASE)


def _echoes(sentence: str, question_terms: set[str], stats: Any) -> bool:
    """Whether `sentence` is a question of the article asking nothing the asker's question does
    not ("So what are the Russians hoping for?" to "What are the Russians hoping for?"), or a
    heading (no sentence end) saying nothing the question does not ("The Four Golden Signals"
    to "What are the four golden signals?", an unseen page's first quote)."""
    if not (is_question(sentence) or not (ends_sentence(sentence) or _LEADS_IN.search(sentence))):
        return False
    return {t for t in stats.terms(sentence) if t not in _GRAMMAR_TERMS} <= question_terms


def _widened_to_sentence_before(cand: Candidate, chosen: Sequence[Candidate], article: str) -> tuple[Passage, str] | None:
    """For a sentence that leans back ("But it does know…") and opens its passage: the passage
    widened to the sentence before it in the article, and the two sentences as the quote (a
    verbatim span of the widened passage, which the source card shows). None when the article
    is not at hand, the sentence before is a heading or is quoted anyway."""
    passage = cand.passage
    if not article or article[passage.start : passage.end] != passage.text or passage.start > cand.order:
        return None
    window_start = max(0, cand.order - 1000)
    window = article[window_start : cand.order]
    spans = split_sentences(window)
    if not spans:
        return None
    before = window[spans[-1].start : spans[-1].end]
    start = window_start + spans[-1].start
    if window[spans[-1].end :].strip() or not ends_sentence(before) or len(before.split()) < MIN_WORDS:
        return None
    if any(c is not cand and c.passage.doc_id == passage.doc_id and start <= c.order < cand.order for c in chosen):
        return None
    end = cand.order + len(cand.text)
    widened = dataclasses.replace(passage, text=article[start : passage.end], start=start)
    return widened, article[start:end]


# a labelled line, a short label then its value ("Test Locations: Crested Butte, CO; Wasatch
# Range, UT", "Stated Weight per Ski: 2030 grams"): a fact though it has no sentence end
_LABELLED = re.compile(r"^([^\W\d_][\w’'()/ -]{0,40}):\s+\S")
_LEADS_IN = re.compile(r":\s*$")  # "The overall rankings of the countries were as follows:"
LIST_CHARS = 400  # the most of a list a lead-in is quoted with: a short answer, not the whole list


# A sentence that goes on about what the one before it said: it opens with a pronoun or a
# demonstrative ("That exceeds the past few years…", "It will run you 10 keys"), not with a
# conjunction or an adverb ("And so far…", "However, …"), which as often turn to something else;
# but "Instead" and "Rather," set what they say against what the sentence before said ("…had no
# intention of running in 2020." → "Instead, she said, she plans to campaign for Mr. Trump’s
# re-election."): web-dev-8 fact recall .812 -> .824, web-dev-followups .718 -> .726, no loss.
_POINTS_BACK = re.compile(r"^[“\"‘']?(this|that|these|those|it|its|he|she|they|their|his|her|such|instead|rather(?=\s*,))\b", re.IGNORECASE)


def _asked_told(question: str) -> Callable[[str], bool] | None:
    """Whether a text tells who or which thing `question` asks for: a person for "Who…?", a name
    the question does not give for "Which…?" (a pick among named things: "Which Tim Burton
    movie…?"), a reason for "Why…?" (`_GIVES_REASON`: "Some traders found Wednesday's Fed
    statement to be a bit gloomier than expected." read on to "One reason may be the addition
    of concern about Europe…"); None for any other question. Value, place and name questions are left out: a
    sentence read on for them lets near misses pass their typed refusals."""
    if question and _ASKS_WHY.match(question.strip()):
        return lambda text: bool(_GIVES_REASON.search(text))  # a why-question asks a reason
    kind = expected_type(question) if question else "other"
    if kind == "other" and _ASKS_WHICH.match(question):
        kind = "name"
    elif kind != "person":
        return None
    return lambda text: has_type(text, kind, question)


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT_WORD = rf"(?:{'|'.join(_COUNTS)}|[2-9]|1\d)"  # a count of things asked for, in words or digits
ANNOUNCED_SENTENCES = 5  # the most sentences read on after an announced count (a short answer, not a list)


def _announces_asked_count(quote: str, question: str) -> int:
    """How many things `quote` announces, when as many as the question asks to be told ("What three
    funding options can residents choose between?": "…residents can choose between three funding
    models."; "What are the three ways a patient dies?": "A patient dies three times"), so that
    the things follow it; else 0. Only for questions that ask what or which things, not a value
    (a near miss of a value kind would pass its typed refusal on the sentences read on to)."""
    if not question or expected_type(question) not in ("other", "person"):
        return 0
    asked = re.search(rf"^\s*(?:what|which)\b[^?]*?\b({_COUNT_WORD})\s+[a-z]", question, re.IGNORECASE)
    if not asked or re.search(rf"(?<![\w.,]){re.escape(asked.group(1))}(?![\w.,])", quote, re.IGNORECASE) is None:
        return 0
    word = asked.group(1).lower()
    return min(int(word) if word.isdigit() else _COUNTS[word], ANNOUNCED_SENTENCES)


_ASKS_WHICH = re.compile(r"^\s*((in|on|at|for|by|from|to|with|of) )?which\b", re.IGNORECASE)


def _with_what_follows(cand: Candidate, passage: Passage, quote: str, chosen: Sequence[Candidate],
                       article: str, continuation_only: bool = False,
                       tells_asked: Callable[[str], bool] | None = None, announces: int = 0,
                       next_line: bool = True) -> tuple[Passage, str]:
    """A quote that ends in a colon promises what follows it ("The overall rankings of the
    countries were as follows:", "President Obama also said:", "Eric Zuesse sent to me Putin’s
    statement of Russia’s aims:"); alone it answers nothing. It is quoted with the list items
    that follow it (as many as fit in `LIST_CHARS`, at least one), else with the next
    sentence, else with the next line (a command or a line of code: `_next_line_end`; only
    with `next_line`, which a value question turns off: "Fatalities by engine size:" read on to
    "Up to 500cc: 6%" let a near miss asking 2012's deaths pass its typed refusal): one
    verbatim span, the passage widened to it when it runs past the passage's end (the article
    at hand). Unchanged when nothing follows, or what follows is quoted anyway.

    `continuation_only`: for any quote, the next sentence only, and only when it goes on about
    this one (`_POINTS_BACK`: "…8,668 fires have been detected in Amazonas as of Monday." →
    "That exceeds the past few years, and falls just short of the 2016 high of 8,836."). Done
    for the first quote of an answer: fact recall dev-followups 0.751 -> 0.769, web-dev-followups
    0.688 -> 0.714, web-dev 0.819 -> 0.826, dev-paraphrase 0.739 -> 0.742, the others unchanged,
    for answers 2 % longer (84 words on average, 83 before). Counting conjunctions too ("And so
    far…") gave web-dev-followups 0.722 but added more that turned elsewhere; doing it for every
    quote gave up to 0.01 more for answers 9 % longer; only for a next sentence scoring close to
    the best, dev-followups 0.751 (no gain). Two more ways a next sentence goes on (session 48):
    it names again, after "The", a thing this one spoke of ("…the group sent a letter…" → "The
    letter said Ms. Haley and her husband accepted seven free flights…"); or, asked "who" or
    "which…" (`tells_asked`), this one names no one new and the next does ("Tim Burton once again
    claimed the top spot…" → "Miss Peregrine’s Home for Peculiar Children secured a respectable
    #1 showing…": fact in 1st web-dev-8 .580 -> .614, web-dev-7 .659 -> .670, web-dev-6 .629 ->
    .640, no fact or refusal lost; for value, place and name kinds it also let near misses pass
    the typed refusals: dev-paraphrase refusal R .500 -> .429, blind .568 -> .514, so not for
    them); or this one is a line that titles it (`_titles`: a heading or a caption, "Organic
    Hibiscus Tea from Whole Foods…" → "Never mind, you just store coins and buttons in this
    container now."); or this one announces the count of things the question asks for
    (`announces`, that count: "…residents can choose between three funding models." asked "What
    three funding options…?" → "One is to remain…, another is…, and a third is…"), read on for
    up to that many sentences within `LIST_CHARS` ("A cancer patient in Gaza dies three times,"
    → "The first time because of cancer. The second time… And the third time…"). Fact recall
    web-dev-8 0.710 -> 0.767 (with the duration and spelled-out money types), web-dev-5 0.774
    -> 0.785, every other dev and blind row unchanged. Reading on after a first quote into a
    list that follows it was tried too and dropped: it appended sibling items ("1. Wrap blouse,
    Net-A-Porter, $167 2. Feline festive socks…") and unrelated market bullets."""
    whole = article if article and article[passage.start : passage.end] == passage.text else passage.text
    offset = 0 if whole is article else passage.start  # article offsets -> offsets in `whole`
    end = cand.order + len(cand.text) - offset
    start = end - len(quote)
    if start < 0 or whole[start:end] != quote:
        return passage, quote
    window = whole[end : end + 2 * LIST_CHARS]
    if continuation_only:
        lacks_asked = tells_asked is not None and not tells_asked(quote)
        # a speaker's quotation the quote is inside of runs on: the sentence that closes it ends
        # the statement ("I can’t pass the torch." → "I can only keep the flame lit.”")
        runs_on = _quotation_depth(whole[whole.rfind("\n", 0, start) + 1 : end]) > 0

        def goes_on(sentence: str) -> bool:
            return announces or _goes_on(sentence, quote) or (runs_on and _closes_earlier_quotation(sentence)) or (
                lacks_asked and tells_asked is not None and not is_question(sentence) and tells_asked(sentence))

        taken = _next_sentence_end(window, None if _titles(quote) else goes_on) or _short_lead_in_and_list_end(window)
        for _ in range(announces - 1 if taken else 0):
            more = _next_sentence_end(window[taken:])
            if not more or taken + more > LIST_CHARS:
                break
            taken += more
    else:
        taken = _list_end(window) or _next_sentence_end(window) or (_next_line_end(window) if next_line else 0)
    if not taken:
        return passage, quote
    new_end = end + taken
    # what follows is quoted anyway by a quote before this one: not twice. A lead-in's items that
    # only later quotes hold are read on to all the same ("…these warning signs:" then its five
    # items, not the one item chosen beside it): `_quoted` leaves those quotes out
    before = chosen[: next((i for i, c in enumerate(chosen) if c is cand), len(chosen))] if not continuation_only else chosen
    if any(c is not cand and c.passage.doc_id == cand.passage.doc_id and end <= c.order - offset < new_end for c in before):
        return passage, quote
    if new_end + offset > passage.end:
        if whole is not article:
            return passage, quote
        passage = dataclasses.replace(passage, text=article[passage.start : new_end], end=new_end)
    return passage, whole[start:new_end]


# a numbered heading: "Step 1: Financial Assessment", "1. Streamlined Planning", "Phase 2 – Build"
_NUMBERED_HEADING = re.compile(
    r"(?P<label>(?:step|phase|stage|tip|part|rule|day|week|level|lesson|method|way|reason|mistake)\s+|#)?"
    r"(?P<number>\d{1,2})(?P<sep>[ \t]*[:.)–—-][ \t]+|[ \t]+(?=[A-Z]))(?=\S)", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*")
SECTION_CHARS = 8000  # how far apart two numbered headings of one list may be (a few paragraphs each)
MAX_SECTIONS = 12
SECTION_LEAD_REST = 200  # what of its paragraph may follow a quote that leads in to sections


def _heading_line(line: str) -> bool:
    """A line that titles a section: a few words, no sentence end."""
    line = line.strip()
    return 0 < len(line.split()) <= 14 and not re.search(r"[.!?;,]$", line) and bool(re.search(r"[^\W\d_]", line))


def _numbered_sections(article: str, passage: Passage, quote: str) -> list[tuple[int, int]]:
    """The headings of the numbered sections a quote leads in to, as article spans: the quote is
    the last line before "Step 1: Financial Assessment" (or "1. Streamlined Planning"), which
    opens a run of sections numbered 1, 2, 3… with paragraphs between them ("…investing in real
    estate for beginners involves five simple steps." then five "Step N:" sections). Quoted
    alone, such a sentence announces a list and gives none of it; the list's items are the
    headings, which no single sentence near it holds. Empty unless at least two follow in order,
    each within `SECTION_CHARS` of the one before."""
    if not article or not quote:
        return []
    at = article.find(quote, max(0, passage.start - len(quote)))
    if at < 0:
        return []
    pos = at + len(quote)
    line_end = article.find("\n", pos)
    if line_end < 0 or len(article[pos:line_end].strip()) > SECTION_LEAD_REST:
        return []  # the quote must end its paragraph, or nearly ("Let’s examine each in more detail.")
    first = _NUMBERED_HEADING.match(article, _BLANK_LINES.match(article, line_end).end())
    if first is None or first.group("number") != "1":
        return []
    label, sep = first.group("label") or "", first.group("sep").strip()
    spans: list[tuple[int, int]] = []
    start = first.start()
    for number in range(1, MAX_SECTIONS + 1):
        end = article.find("\n", start)
        end = len(article) if end < 0 else end
        if not _heading_line(article[start:end]):
            break
        spans.append((start, end))
        wanted = re.compile(rf"\n[ \t]*({re.escape(label)}{number + 1}(?!\d)[ \t]*{re.escape(sep)}[ \t]*(?=\S))",
                            re.IGNORECASE if label else 0)
        following = wanted.search(article, end, end + SECTION_CHARS)
        if following is None:
            break
        start = following.start(1)
    return spans if len(spans) >= 2 else []


def _shown(quote: str) -> str:
    """The quote on one line, as the answer shows it: a line without a sentence end (a heading,
    a caption) is set off from the sentence under it by a dash ("…Because of the Packaging —
    Never mind, you just store coins…"), not run into it; list items and lines ending a sentence
    or leading in are joined by a space. The citation keeps the article's own text."""
    lines = [" ".join(line.split()) for line in quote.splitlines() if line.strip()]
    shown = lines[:1]
    for before, line in zip(lines, lines[1:]):
        run_on = not (ends_sentence(before) or _LEADS_IN.search(before) or _BULLET.match(before) or _BULLET.match(line))
        shown.append(f"— {line}" if run_on else line)
    return " ".join(shown)


def _titles(quote: str) -> bool:
    """A line that titles what follows rather than telling: no sentence end, no list item
    ("Organic Hibiscus Tea from Whole Foods That You Bought Because of the Packaging", "What
    Line says about the Outline"). Quoted first, it is read on with the sentence under it."""
    return not ends_sentence(quote) and not _BULLET.match(quote)


def _list_end(window: str) -> int:
    """Where the list items that open `window` end (a line each: "- The UK must stay…", "1.
    Finland"), as many as fit in `LIST_CHARS` and at least one; 0 when it opens with no item."""
    taken = 0
    for item in re.finditer(r"[^\n]+", window):
        if not item.group().strip():
            continue
        if not _BULLET.match(item.group().strip()) or (taken and item.end() > LIST_CHARS):
            break
        taken = item.end()
    return taken


# a short lead-in that points back to the sentence before it: "They are:", "These include:",
# "Here they are:" (the sentence before says what they are: "…have a few traits in common.")
_SHORT_LEAD_IN = re.compile(r"[ \t]*((?:here )?(?:they|these|those|this|it)\b[^\n.!?:]{0,30}:)[ \t]*\n", re.IGNORECASE)


def _short_lead_in_and_list_end(window: str) -> int:
    """Where a short lead-in pointing back ("They are:") and the list items after it end, when
    they open `window` (within `LIST_CHARS`); else 0. Asked "What qualities do the best
    programmers tend to have in common?", "…the best computer programmers have a few traits in
    common." was quoted without "They are:" and its four items, "Humble – …", "Curious – …"."""
    lead = _SHORT_LEAD_IN.match(window)
    if not lead:
        return 0
    items = _list_end(window[lead.end(1):])
    return lead.end(1) + items if items else 0


def _next_line_end(window: str) -> int:
    """Where the line that opens `window` ends, when it is a line of its own that is no sentence
    and fits in `LIST_CHARS`: a command or a line of code after "…to run all the integration
    tests, use:" ("poetry run poe goth-tests"); else 0."""
    match = re.match(r"\s*\n\s*([^\n]+)", window)
    if not match or match.end() > LIST_CHARS or not match.group(1).strip():
        return 0
    return match.end()


def _next_sentence_end(window: str, wanted: Callable[[str], bool] | None = None) -> int:
    """Where the sentence that opens `window` ends, when it is a whole sentence
    (`_whole_sentence`) and, with `wanted`, one it accepts; else 0."""
    spans = split_sentences(window)
    first = window[spans[0].start : spans[0].end] if spans else ""
    if not _whole_sentence(first) or (wanted is not None and not wanted(first)):
        return 0
    return spans[0].end


def _whole_sentence(text: str) -> bool:
    """A sentence of its own: a sentence end, `MIN_WORDS` words, no list item."""
    return len(text.split()) >= MIN_WORDS and ends_sentence(text) and not _BULLET.match(text)


def _goes_on(sentence: str, before: str = "") -> bool:
    """Whether `sentence` goes on about the one before it (`_POINTS_BACK`; an "it" that points
    ahead, "It is hard to say…", does not), or names again, as "the", a thing `before` spoke of
    ("…the group sent a letter to…" → "The letter said Ms. Haley and her husband accepted…")."""
    if _POINTS_BACK.match(sentence):
        return not _IT_POINTS_AHEAD.search(sentence)
    again = _THE_NOUN.match(sentence)
    return bool(again and re.search(rf"\b(a|an|the|this|that|its|their|his|her)\s+{re.escape(again.group(1))}\b", before, re.IGNORECASE))


_THE_NOUN = re.compile(r"^[“\"‘']?The ([a-z]{3,})\b")


# an embedded tweet's byline: "— Stansted Airport (@STN_Airport) December 22, 2014" (no list item)
_TWEET_BYLINE = re.compile(r"^[—–-]\s*[^()]{1,60}\(@\w{1,15}\)\s+[A-Z][a-z]+\.? \d{1,2},\s*\d{4}$")
_BULLET = re.compile(r"^(?:[-–—•*·▪►]|\d{1,2}[.)])\s+(?=\S)")


def _unbulleted(quote: str) -> str:
    """The quote without a list item's bullet ("- creates a standard virtual environment…"):
    still a verbatim span of the passage, and it reads as text, not as a list."""
    return _BULLET.sub("", quote, count=1)


_NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")


def _without_possessive(name: str) -> str:
    return re.sub(r"['’]s$", "", name)


def _rest_of_name_known(name: str, query: str, stats: Any) -> bool:
    """Whether the other words of the longer name `name` is part of in `query` ("Sergey" in
    "Sergey Lavrov") are all in the articles: a first name spelled as the articles spell one
    does not make the same person."""
    for run in _NAME_RUN.finditer(query):
        words = run.group().split()
        if any(_without_possessive(w) == name for w in words):
            others = [t for w in words if _without_possessive(w) != name for t in stats.terms(w)]
            return all(stats.known(t) for t in others)
    return True
