"""Hybrid retrieval: MiniLM dense search in Chroma and BM25, fused by weighted reciprocal rank.

Why fusion by rank and not by score: cosine similarities and BM25 scores live on unrelated
scales that shift with the corpus, while ranks do not. Why weighted: on this corpus BM25
finds exact names and numbers that MiniLM misses, and an equal-weight fusion did worse than
BM25 alone on the first gold set; with paraphrased and web dev questions in the choice
(`python -m eval.tune_retrieval`, grouped cross-validation) equal weights win.
llama-index's `QueryFusionRetriever` would need an LLM object even for one query, so the
fusion itself is the few lines below; both legs are llama-index retrievers.

`HybridRetriever` is itself a llama-index `BaseRetriever` (`retrieve(query)` gives
`NodeWithScore`s, so it plugs into `RetrieverQueryEngine`, chat engines, …), and
`retrieve_passages(query, k)` gives the same ranking as `Passage`s for the Assistant.
Caches here are bounded: one name table per article list, `_name_patterns` an LRU.

Filters (`PassageFilter`: outlets, a date range) apply to both legs before their top k is
taken: a Chroma `where` on the passage metadata (`source`, `date_int`) for the dense leg, a
bm25s weight mask over the same metadata for the BM25 leg; so k matching passages come back
whenever the library has them. An index built before passages carried `date_int` filters its
dense candidates by date after the search instead (from a larger candidate list).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, overload

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, QueryType

from ..errors import BadQuestion
from ..index.store import DATE_INT_KEY, date_number
from ..text.outlets import outlet_aliases
from ..text.spelling import same_name, spelling_key
from ..text.terms import content_words, stem
from ..types import Passage

DEFAULT_DENSE_WEIGHT = 1.0  # python -m eval.tune_retrieval: grouped-CV hit@3 0.806 on the dev sets incl. paraphrases
DEFAULT_BM25_WEIGHT = 1.0
RRF_K = 1
CANDIDATES = 30
UNINDEXED_DATE_FACTOR = 10  # dense candidates fetched per needed one when dates are filtered after the search
MASK_CACHE_SIZE = 8  # BM25 filter masks kept (one float per passage each)


@dataclass
class FusionWeights:
    dense: float = DEFAULT_DENSE_WEIGHT
    bm25: float = DEFAULT_BM25_WEIGHT
    rrf_k: int = RRF_K


def node_to_passage(node: Any, score: float) -> Passage:
    meta = node.metadata or {}
    return Passage(
        doc_id=str(meta.get("doc_id") or node.ref_doc_id or ""),
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        url=str(meta.get("url", "")),
        text=node.get_content(),
        score=float(score),
        passage_id=node.node_id,
        start=int(meta.get("start", 0) or 0),
        end=int(meta.get("end", 0) or 0),
        date=str(meta.get("date", "") or ""),
        author=str(meta.get("author", "") or ""),
    )


@dataclass(frozen=True)
class PassageFilter:
    """Which passages a question may be answered from: outlets and an inclusive date range.

    `sources` are outlet names exactly as the library stores them (see `make_filter`, which
    matches what a caller typed case-insensitively); empty means every outlet. An article
    without a date never matches when `since` or `until` is set.
    """

    sources: tuple[str, ...] = ()
    since: _dt.date | None = None
    until: _dt.date | None = None
    doc_ids: tuple[str, ...] = ()  # articles a question names by outlet or title (set by the retriever, not a caller)

    def __bool__(self) -> bool:
        return bool(self.sources or self.since or self.until or self.doc_ids)

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    def accepts(self, metadata: dict) -> bool:
        """Whether a passage with this metadata passes (from its `source` and `date` strings)."""
        if self.sources and str(metadata.get("source", "") or "") not in self.sources:
            return False
        if self.doc_ids and str(metadata.get("doc_id", "") or "") not in self.doc_ids:
            return False
        if self.dated:
            number = date_number(metadata.get("date"))
            if not number or not self._in_range(number):
                return False
        return True

    def _in_range(self, number: int) -> bool:
        return (self.since is None or number >= _day_number(self.since)) and (
            self.until is None or number <= _day_number(self.until)
        )

    def where(self, dates: bool = True) -> dict | None:
        """The Chroma `where` filter (None: no condition); `dates=False` leaves the date range out
        (an index whose passages have no `date_int` yet: dates are checked after the search)."""
        clauses: list[dict] = []
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if dates and self.dated:
            clauses.append({DATE_INT_KEY: {"$gte": _day_number(self.since) if self.since else 1}})
            if self.until is not None:
                clauses.append({DATE_INT_KEY: {"$lte": _day_number(self.until)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def describe(self) -> str:
        """ "CNN, Reuters; from 2022-01-01 to 2022-01-31", for messages."""
        parts = []
        if self.sources:
            parts.append(", ".join(self.sources))
        if self.since and self.until:
            parts.append(f"from {self.since.isoformat()} to {self.until.isoformat()}")
        elif self.since:
            parts.append(f"from {self.since.isoformat()}")
        elif self.until:
            parts.append(f"until {self.until.isoformat()}")
        return "; ".join(parts)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_number(day: _dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def parse_day(value: Any, name: str) -> _dt.date | None:
    """A `since`/`until` value as a date: a `datetime.date` (a datetime counts by its day), an
    ISO "YYYY-MM-DD" string, or None/"" (open). Anything else raises BadQuestion."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if not _ISO_DAY.fullmatch(text):
            raise BadQuestion(f"{name} must be a date as YYYY-MM-DD; got {text!r}")
        try:
            return _dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError as exc:
            raise BadQuestion(f"{name} must be a date as YYYY-MM-DD; {text!r} is no such day ({exc})") from exc
    raise BadQuestion(f"{name} must be a datetime.date or a YYYY-MM-DD string; got {type(value).__name__} {value!r}")


def make_filter(sources: Any = None, since: Any = None, until: Any = None, outlets: Iterable[str] = ()) -> PassageFilter:
    """A checked `PassageFilter` (falsy when nothing is filtered).

    `sources`: outlet names (an iterable of str, or one str), matched case-insensitively and
    white-space-insensitively against `outlets`, the library's outlets; None or empty: every
    outlet. `since`/`until`: see `parse_day`. Raises BadQuestion for an outlet the library
    does not have (naming those it has), a date that is not one, and `since` after `until`.
    """
    chosen: list[str] = []
    if sources is not None:
        if isinstance(sources, str):
            sources = [sources] if sources.strip() else []
        try:
            names = list(sources)
        except TypeError as exc:
            raise BadQuestion(f"sources must be a list of outlet names; got {type(sources).__name__} {sources!r}") from exc
        known: dict[str, list[str]] = {}
        for outlet in outlets:
            if outlet and outlet.strip():
                known.setdefault(_fold(outlet), []).append(outlet)
        unknown = []
        for name in names:
            if not isinstance(name, str):
                raise BadQuestion(f"sources must be outlet names (strings); got {type(name).__name__} {name!r}")
            if not name.strip():
                continue
            found = known.get(_fold(name))
            if found is None:
                unknown.append(name.strip())
            else:
                chosen.extend(o for o in found if o not in chosen)
        if unknown:
            have = ", ".join(sorted({o[0] for o in known.values()}, key=str.casefold)) or "none"
            raise BadQuestion(
                f"no article in the library is from {', '.join(repr(u) for u in unknown)}; its outlets are: {have}"
            )
    start, end = parse_day(since, "since"), parse_day(until, "until")
    if start and end and start > end:
        raise BadQuestion(f"since ({start.isoformat()}) is after until ({end.isoformat()}): no date can match")
    return PassageFilter(tuple(sorted(chosen)), start, end)


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def fuse(rankings: list[tuple[float, list[Any]]], rrf_k: int) -> list[tuple[str, float, Any]]:
    """Weighted RRF over several ranked lists of nodes (or of passage ids); ties broken by id
    (determinism). Returns (id, fused score, the node or id) best first."""
    scores: dict[str, float] = {}
    nodes: dict[str, Any] = {}
    for weight, ranked in rankings:
        for rank, node in enumerate(ranked):
            node_id = node if isinstance(node, str) else node.node_id
            scores[node_id] = scores.get(node_id, 0.0) + weight / (rrf_k + rank + 1)
            nodes.setdefault(node_id, node)
    order = sorted(scores, key=lambda nid: (-scores[nid], nid))
    return [(nid, scores[nid], nodes[nid]) for nid in order]


_SOURCE_FRAMING = (
    r"(?:,\s*)?(?:according to|as reported by|as told by|says?|said|does|did|in|by|from)?\s*"
    r"(?:the\s+)?(?:author\s+of\s+)?(?:the\s+)?['\"“‘]?{name}['\"”’]?"
    r"(?:\s+(?:piece|article|analysis|op-ed|column|opinion piece|report|story|letter|essay|review|interview))?"
)


@dataclass
class SourceMention:
    """Documents a question names by outlet or title ("according to CNN"), and the question without it."""

    doc_ids: set[str]
    query: str
    groups: tuple[frozenset[str], ...] = ()  # the documents of each source named, in the order named


_NAMES_CACHE: list[Any] = [None, None]  # [sources list, (names longest first, name -> doc ids)]


def _source_names(sources: list[tuple[str, str, str]]) -> tuple[list[tuple[str, str]], dict[str, set[str]]]:
    """Outlet/title names (with their casefold) longest first, and the documents of each;
    computed once per sources list (it is replaced, not mutated, on reload)."""
    if _NAMES_CACHE[0] is sources:
        return _NAMES_CACHE[1]
    names: dict[str, set[str]] = {}
    for doc_id, title, source in sources:
        for name in (source, title, *outlet_aliases(source.strip())):  # "LA Times" names the Los Angeles Times
            name = name.strip()
            if len(name) >= 3 and not name.endswith("…"):
                names.setdefault(name, set()).add(doc_id)
    order = [(name, name.casefold()) for name in sorted(names, key=len, reverse=True)]  # titles before outlets
    _NAMES_CACHE[:] = [sources, (order, names)]
    return order, names


@lru_cache(maxsize=4096)
def _name_patterns(name: str) -> tuple[Any, Any]:
    import re

    found = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
    framing = re.compile(_SOURCE_FRAMING.format(name=re.escape(name)), re.IGNORECASE)
    return found, framing


_UNCAPITALISED = frozenset("the a an of and or in on at to for by with from what how why who when where we you our "
                           "is are was were do does did".split())


def _written_as_name(name: str, match: Any, text: str) -> bool:
    """Whether `match` (a case-insensitive match of the outlet or title `name` in `text`) names
    it: each capitalised word of the name is capitalised there too ("Nature", not the "nature"
    of "protecting nature in Antigua"; "the Biden-Putin Talk" names "The Biden-Putin Talk"). A
    name whose only capitals are function words ("What we do") must be quoted. A question typed
    all in lower case has no capitals to tell by: any match names it."""
    if text.islower():
        return True
    pairs = zip(name.split(), match.group().split())
    capitalised = [w for n, w in pairs if n[:1].isupper() and n.lower() not in _UNCAPITALISED]
    if not capitalised:
        return match.start() > 0 and text[match.start() - 1] in "\"'“‘"
    return all(w[:1].isupper() for w in capitalised)


def _named(name: str, text: str) -> list[Any]:
    """The matches of `name` in `text` that name it (`_written_as_name`)."""
    return [m for m in _name_patterns(name)[0].finditer(text) if _written_as_name(name, m, text)]


def source_name_spans(text: str, sources: list[tuple[str, str, str]]) -> list[tuple[int, int]]:
    """Where `text` names an indexed outlet or title ("the LA Times", "CNN"): character spans,
    longest names first, none overlapping another."""
    order, _ = _source_names(sources)
    spans: list[tuple[int, int]] = []
    folded = text.casefold()
    for name, name_folded in order:
        if name_folded not in folded:
            continue
        for match in _named(name, text):
            if all(match.end() <= a or match.start() >= b for a, b in spans):
                spans.append((match.start(), match.end()))
    return sorted(spans)


# Words around a name that make it the source asked about: "according to Python", "what does
# Python say", "the Python blog" (not "managing Python environments").
_FRAMED_BEFORE = re.compile(r"\b(?:according to|reported by|told by|says?|said|by|from)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_FRAMED_AFTER = re.compile(r"\s*(?:says?|said|writes?|wrote|reports?|reported|piece|article|post|blog|page|site|story|"
                           r"column|op-?ed|analysis|editorial|letter|essay|review|interview)\b", re.IGNORECASE)


def _framed(text: str, match: Any) -> bool:
    return bool(_FRAMED_BEFORE.search(text[: match.start()]) or _FRAMED_AFTER.match(text[match.end():]))


def find_source_mention(query: str, sources: list[tuple[str, str, str]],
                        needs_framing: frozenset[str] = frozenset(),
                        own_words: frozenset[str] = frozenset()) -> SourceMention:
    """Match outlets/titles of indexed articles named in the question.

    Naming a source is an instruction ("what does CNN say…"), not content to match: the name
    is taken out of the text both retrievers see, and passages of that source are preferred.
    Asked several times per question with thousands of names at scale, so a name is only
    tried as a regex when it occurs in the text at all (casefolded substring test). A name in
    `needs_framing` (a word other articles use more than its own: the outlet "Python") names
    its source only when framed as one ("according to Python", "the Python blog"). A name in
    `own_words` (a word its own article uses: the Wikipedia page "Mozilla") is, unframed, what
    the question is about ("When was Mozilla created?"): its source is preferred, but the name
    stays in the question.
    """
    import re

    order, names = _source_names(sources)
    matched: set[str] = set()
    named_at: dict[frozenset[str], int] = {}  # each named source's documents -> where it is named first
    text = query
    folded = text.casefold()
    for name, name_folded in order:
        if name_folded not in folded:
            continue
        framing = _name_patterns(name)[1]
        found = _named(name, text)
        if name in needs_framing:
            found = [m for m in found if _framed(text, m)]
        if found:
            matched |= names[name]
            docs = frozenset(names[name])
            at = query.casefold().find(name_folded)
            named_at[docs] = min(named_at.get(docs, at), at)
            if name in own_words and not any(_framed(text, m) for m in found):
                continue
            text = framing.sub(" ", text)
            folded = text.casefold()
    # A title names one article; its outlet's name all that outlet's articles: naming both is
    # naming one source, so a group inside another named group is not a source of its own.
    groups = [g for g in named_at if not any(g < other for other in named_at)]
    text = re.sub(r"\s+([?.!,])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" ,")
    # "What is Creative Commons?" names the source as its topic: without it, nothing is asked
    return SourceMention(matched, text if matched and len(text.split()) >= 2 and content_words(text) else query,
                         tuple(sorted(groups, key=lambda g: named_at[g])))


# Passages of other articles that must use a one-word outlet name for it to be their topic as
# well as an outlet: two, so one passing mention ("told Reuters") is not enough. A reasoned
# value, not a tuned one: below it an unframed name still selects its outlet's articles.
TOPIC_PASSAGES = 2

AGREE_CACHE = 4096  # questions whose `legs_agree` (and `source_mention`) a retriever remembers
# A question naming nothing and pointing nowhere, with this many content terms or more, stands
# alone in a chat (`says_its_topic`). Chosen by leave-one-article-out cross-validation on the dev
# sets (74 such questions: 60 asked after an unrelated one, 14 follow-up turns; the gain of
# standing alone is flat from 2 to 6 terms within one question, and the most cautious value of
# that plateau was taken, so that short generic follow-ups still lean on the chat).
TOPIC_TERMS = 6
TERMS_CACHE = 50_000  # texts (and terms) whose terms (idf) TermStats keeps


class TermStats:
    """Document frequencies of the BM25 vocabulary, for idf-weighted term coverage.

    Terms are `qa.text.terms`'s (the BM25 index's stemmer, its stop words and more), and their
    document frequencies the BM25 index's, so "what the question asks about" and "what
    retrieval matched on" are the same notion of a term.
    """

    def __init__(self, bm25_retriever: Any) -> None:
        import math

        import numpy as np

        self.df: dict[str, int] = {}
        self.n = 1
        if bm25_retriever is not None:
            bm25 = bm25_retriever.bm25
            self.n = int(bm25.scores.get("num_docs", 1)) or 1
            df = np.diff(np.asarray(bm25.scores["indptr"]))
            self.df = {tok: int(df[i]) for tok, i in bm25.vocab_dict.items() if i < len(df)}
        self._unknown_idf = math.log(1 + (self.n + 0.5) / 0.5)
        self._terms_cache: dict[str, tuple[str, ...]] = {}
        self._idf: dict[str, float] = {}
        self._by_spelling: dict[str, list[str]] | None = None

    def terms(self, text: str) -> list[str]:
        """The stemmed content terms of `text` (cached: the answer step asks for the same
        retrieved sentences question after question)."""
        return list(self._terms(text))

    def _terms(self, text: str) -> tuple[str, ...]:
        if (cached := self._terms_cache.get(text)) is not None:
            return cached
        out = tuple(stem(w) for w in content_words(text))
        if len(self._terms_cache) >= TERMS_CACHE:
            self._terms_cache.clear()  # bounded; refilled by the next questions' sentences
        self._terms_cache[text] = out
        return out

    def idf(self, term: str) -> float:
        if (cached := self._idf.get(term)) is not None:
            return cached
        df = self.df.get(term)
        # a word no article uses weighs like the rarest
        value = self._unknown_idf if df is None else math.log(1 + (self.n - df + 0.5) / (df + 0.5))
        if len(self._idf) < TERMS_CACHE:
            self._idf[term] = value
        return value

    def known(self, term: str) -> bool:
        return term in self.df

    def variants(self, term: str) -> list[str]:
        """The known terms that spell the same name as `term` (`qa.text.spelling`), most
        frequent first. The index of the vocabulary by spelling is built on the first call."""
        if self._by_spelling is None:
            by_spelling: dict[str, list[str]] = {}
            for known in self.df:
                if known.isalpha():
                    by_spelling.setdefault(spelling_key(known), []).append(known)
            self._by_spelling = by_spelling
        found = [t for t in self._by_spelling.get(spelling_key(term), []) if same_name(term, t)]
        return sorted(found, key=lambda t: (-self.df[t], t))


class HybridRetriever(BaseRetriever):
    """Dense + BM25 retrieval over an `IndexStore`, fused by weighted RRF, best first.

    - `retrieve(query)` (llama-index's `BaseRetriever` API): `similarity_top_k` nodes as
      `NodeWithScore`, the score being the fused RRF score.
    - `retrieve_passages(query, k)`: the same ranking and scores as `Passage`s (what
      `Assistant.retrieve` returns). `retrieve(query, k)` with a `k` is the same call, kept
      for callers written before this class was a `BaseRetriever`.

    `weights` (a `FusionWeights`) is read on every query, so it can be tuned in place.
    """

    def __init__(
        self, store: Any, weights: FusionWeights | None = None, candidates: int = CANDIDATES,
        similarity_top_k: int | None = None, callback_manager: Any = None,
    ) -> None:
        super().__init__(callback_manager=callback_manager)
        self.store = store
        self.weights = weights or FusionWeights()
        self.candidates = candidates
        settings = getattr(store, "settings", None)
        self.similarity_top_k = int(similarity_top_k or getattr(settings, "top_k", 0) or 5)
        self._dense: Any = None  # llama-index retriever, built on first use (queries take the fast path)
        store.embed_model  # noqa: B018 - load the model now, not on the first question
        self.bm25 = store.load_bm25(candidates)
        self.sources = self._load_sources()
        self.term_stats = TermStats(self.bm25)
        self._masks: dict[tuple[int, PassageFilter], Any] = {}
        self._masks_lock = threading.Lock()
        self._needs_framing: frozenset[str] | None = None  # per index state: `install` resets it
        self._own_words: frozenset[str] | None = None
        self._bylines: frozenset[str] | None = None
        self._multiword_titles: list[tuple[str, str, str]] | None = None  # (casefolded, title, doc id)
        self._title_in_text: dict[tuple[str, str], bool] = {}  # (title, doc id) -> its article writes it
        self._mentions: dict[str, SourceMention] = {}  # `source_mention` per question, per index state
        self._agree: dict[str, bool] = {}  # `legs_agree` per question, per index state

    def _load_sources(self) -> list[tuple[str, str, str]]:
        records = self.store.articles()  # one short record per article (not their texts)
        return sorted((doc_id, rec.get("title", ""), rec.get("source", "")) for doc_id, rec in records.items())

    def reload(self) -> None:
        """Pick up a rebuilt BM25 index and the article list after an ingest (Chroma is read live)."""
        self.install(self.load_state())

    def load_state(self) -> tuple[Any, list[tuple[str, str, str]], TermStats]:
        """The BM25 leg and article list as they are in the store now (rebuilding BM25 from
        Chroma when its folder is stale): the slow half of `reload`, which a replica runs in
        the background while the current state keeps answering."""
        bm25 = self.store.load_bm25(self.candidates)
        return bm25, self._load_sources(), TermStats(bm25)

    def install(self, state: tuple[Any, list[tuple[str, str, str]], TermStats]) -> None:
        """Swap in what `load_state` returned."""
        self.bm25, self.sources, self.term_stats = state
        self._masks = {}
        self._needs_framing = self._own_words = self._bylines = self._multiword_titles = None
        self._title_in_text, self._mentions = {}, {}
        self._agree = {}

    def source_mention(self, query: str) -> SourceMention:
        """The outlets or titles of this library that `query` names (`find_source_mention`). A
        title of several words that its own article writes in its text (the Wikipedia page
        "Hermitian matrix") is, named without framing, the question's topic as well as its
        source, like a one-word title (`own_words`): "Explain what a Hermitian matrix is." was
        searched as "Explain what a is.". Checked only for the titles a question names, against
        their articles' texts (one cached read)."""
        if (known := self._mentions.get(query)) is not None:  # asked 4-5 times per question
            return known
        own = self.own_words()
        mention = find_source_mention(query, self.sources, self.needs_framing(), own)
        topics = self._titles_used_as_topics(query) if mention.doc_ids else frozenset()
        if topics:
            mention = find_source_mention(query, self.sources, self.needs_framing(), own | topics)
        if len(self._mentions) >= AGREE_CACHE:
            self._mentions.clear()
        self._mentions[query] = mention
        return mention

    def _titles_used_as_topics(self, query: str) -> frozenset[str]:
        """The titles of several words (no outlet's name) that `query` names and that their own
        article writes in its text; each title's article is read once per index state."""
        if self._multiword_titles is None:
            outlets = {source.strip().casefold() for _, _, source in self.sources}
            self._multiword_titles = [(title.strip().casefold(), title.strip(), doc_id) for doc_id, title, _ in self.sources
                                      if len(title.split()) >= 2 and title.strip().casefold() not in outlets]
        folded = query.casefold()
        named = [(title, doc_id) for title_folded, title, doc_id in self._multiword_titles if title_folded in folded]
        unread = sorted({doc_id for title, doc_id in named if (title, doc_id) not in self._title_in_text})
        if unread:
            texts = self.store.article_texts(unread)
            for title, doc_id in named:
                if doc_id in unread:
                    self._title_in_text[(title, doc_id)] = title.casefold() in (texts.get(doc_id) or "").casefold()
        return frozenset(title for title, doc_id in named if self._title_in_text[(title, doc_id)])

    def byline_terms(self) -> frozenset[str]:
        """The terms of every article's byline (a page's author is metadata, not text BM25
        indexes: "Doctorow" is known to a library holding a page he wrote). Once per index state."""
        if self._bylines is None:
            records = self.store.articles()
            self._bylines = frozenset(t for rec in records.values() for t in self.term_stats.terms(str(rec.get("author") or "")))
        return self._bylines

    def needs_framing(self) -> frozenset[str]:
        """One-word outlet and title names that more passages of other articles use than of
        their own ("Python", the site name of blog.python.org, in a library with a Python
        tutorial: 240 passages against 3), and one-word outlets that other articles discuss
        (`TOPIC_PASSAGES` passages or more: "Yahoo" in a library with a New York Times piece
        on Yahoo's sale, where every passage of Yahoo's own pages counts too, as its outlet
        name is part of what BM25 indexes): such a name names its source only when framed as
        one, so "How much is Verizon paying for Yahoo?" asks about Yahoo, not Yahoo's pages.
        Computed once per index state from the BM25 postings."""
        if self._needs_framing is None:
            self._needs_framing, self._own_words = self._framing_sets()
        return self._needs_framing

    def own_words(self) -> frozenset[str]:
        """The other one-word outlet and title names that their own articles use in their text
        (the Wikipedia page "Mozilla", a company blog named after the company): named without
        framing, such a name is the question's topic as well as its source."""
        if self._own_words is None:
            self._needs_framing, self._own_words = self._framing_sets()
        return self._own_words

    def _framing_sets(self) -> tuple[frozenset[str], frozenset[str]]:
        found: set[str] = set()
        own_words: set[str] = set()
        order, names = _source_names(self.sources)
        outlets = {name.strip() for _, _, source in self.sources for name in (source, *outlet_aliases(source.strip()))}
        bm25 = getattr(self.bm25, "bm25", None)
        corpus = getattr(self.bm25, "corpus", None)
        if bm25 is not None and corpus:
            vocab, indices, indptr = bm25.vocab_dict, bm25.scores["indices"], bm25.scores["indptr"]
            for name, _ in order:
                terms = self.term_stats.terms(name)
                column = vocab.get(terms[0]) if len(name.split()) == 1 and len(terms) == 1 else None
                if column is None or column + 1 >= len(indptr):
                    continue
                docs = [corpus[int(i)].get("doc_id") for i in indices[indptr[column]: indptr[column + 1]]]
                own = sum(d in names[name] for d in docs)
                other = len(docs) - own
                if other > own or (name in outlets and other >= TOPIC_PASSAGES):
                    found.add(name)
                elif own and name not in outlets:
                    own_words.add(name)
        return frozenset(found), frozenset(own_words)

    @property
    def dense(self) -> Any:
        """llama-index's VectorIndexRetriever over the same Chroma collection (same ranking as
        `dense_nodes`, which skips its per-query node rebuilding)."""
        if self._dense is None:
            from llama_index.core import VectorStoreIndex

            index = VectorStoreIndex.from_vector_store(self.store.vector_store, embed_model=self.store.embed_model)
            self._dense = index.as_retriever(similarity_top_k=self.candidates)
        return self._dense

    def outlets(self) -> list[str]:
        """The outlets of the indexed articles (each once, sorted case-insensitively)."""
        return sorted({source for _, _, source in self.sources if source.strip()}, key=lambda s: (s.casefold(), s))

    def make_filter(self, sources: Any = None, since: Any = None, until: Any = None) -> PassageFilter:
        """A checked `PassageFilter` against this library's outlets (see `make_filter`)."""
        return make_filter(sources, since, until, outlets=[source for _, _, source in self.sources])

    def dense_nodes(self, query: str, filters: PassageFilter | None = None) -> list[Any]:
        return self.store.nodes_by_id(self.dense_ids(query, filters))

    def dense_ids(self, query: str, filters: PassageFilter | None = None) -> list[str]:
        """The dense leg's passage ids, best first."""
        if self.weights.dense <= 0:
            return []
        embedding = self.store.embed_model.get_query_embedding(query)
        if not filters:
            return self.store.dense_ids(embedding, self.candidates)
        if not filters.dated or self.store.has_date_numbers():
            return self.store.dense_ids(embedding, self.candidates, where=filters.where())
        # An index from before date_int: outlets inside Chroma, dates after the search.
        wide = self.store.dense_nodes(embedding, self.candidates * UNINDEXED_DATE_FACTOR, where=filters.where(dates=False))
        return [node.node_id for node in wide if filters.accepts(node.metadata)][: self.candidates]

    def bm25_nodes(self, query: str, filters: PassageFilter | None = None) -> list[Any]:
        return self.store.nodes_by_id(self.bm25_ids(query, filters))

    def bm25_ids(self, query: str, filters: PassageFilter | None = None) -> list[str]:
        """The BM25 leg's passage ids (score > 0), best first."""
        if self.bm25 is None or self.weights.bm25 <= 0:
            return []
        if not filters:
            return self.store.bm25_ids(self.bm25, query)
        return self.store.bm25_ids(self.bm25, query, mask=self._bm25_mask(filters))

    def legs_agree(self, query: str) -> bool:
        """Whether the dense and the BM25 leg put the same passage first for `query` (over the
        whole library). Two different readings of the words landing on one passage say the words
        carry a topic; a question that names nothing and leans on the chat ("Who leads it?",
        "What happened next?") sends each leg its own way. Measured in `qa.retrieve.followups`.
        Remembered per question until the index changes: a chat asks it again of its earlier
        turns at every follow-up."""
        if (known := self._agree.get(query)) is not None:
            return known
        if not query.strip() or self.store.is_empty():
            return False
        dense, lexical = self.dense_ids(query)[:1], self.bm25_ids(query)[:1]
        agree = bool(dense) and dense == lexical
        if len(self._agree) >= AGREE_CACHE:
            self._agree.clear()
        self._agree[query] = agree
        return agree

    def says_its_topic(self, question: str) -> bool:
        """Whether `question`'s own words give it a topic, whatever the chat before it:
        - it has `TOPIC_TERMS` content terms or more ("Which airport staff are staying on the job
          rather than joining the strike?"): a follow-up that leans on the chat without a
          pointer word is short ("When did the trouble start?", "Who sat at the table?");
        - most of its content terms, two at least, are terms no indexed article uses: it is
          about something the articles never discuss ("How do I bake sourdough bread?"). One
          unknown word may be the asker's own word for what an article says another way ("Who
          won?"), so one alone never counts."""
        terms = self.term_stats.terms(question)
        unknown = sum(1 for t in terms if not self.term_stats.known(t))
        return len(terms) >= TOPIC_TERMS or (unknown >= 2 and unknown * 2 > len(terms))

    def articles_spelling(self, name: str) -> str:
        """How the articles spell `name`, a name none of them contains, when they use another
        spelling of it ("Kyiv" → "Kiev"; `qa.text.spelling`); else "". A variant counts only
        where an article writes it as a name: capitalised, not at the start of a sentence."""
        stats = self.term_stats
        base = re.sub(r"['’]s$", "", name)
        terms = stats.terms(base)
        if not base.isalpha() or len(terms) != 1 or stats.known(terms[0]):
            return ""
        for variant in stats.variants(terms[0]):
            spelled = self._spelled_as_name(variant)
            if spelled:
                return spelled
        return ""

    def _spelled_as_name(self, term: str) -> str:
        """How the articles write the term `term` as a name, or "" when they never do."""
        for node in self.store.nodes_by_id(self.bm25_ids(term)[:3]):
            text = node.get_content()
            for match in re.finditer(r"(?<![\w-])[A-Z][a-z]+(?![\w-])", text):
                before = text[: match.start()].rstrip()
                if before and before[-1] not in ".!?:\"“‘'" and stem(match.group().lower()) == term:
                    return match.group()
        return ""

    def _bm25_mask(self, filters: PassageFilter) -> Any:
        """0/1 per BM25 corpus entry (one per passage, with its metadata); memoised per filter
        and BM25 index (a few of each: the last ones asked)."""
        import numpy as np

        bm25 = self.bm25
        key = (id(bm25), filters)
        with self._masks_lock:
            mask = self._masks.get(key)
        if mask is None:
            mask = np.array([1.0 if filters.accepts(entry) else 0.0 for entry in bm25.corpus], dtype=np.float32)
            with self._masks_lock:
                self._masks[key] = mask
                while len(self._masks) > MASK_CACHE_SIZE:
                    self._masks.pop(next(iter(self._masks)))
        return mask

    # ---- the ranking --------------------------------------------------------------------------
    def ranked(self, query: str, k: int, filters: PassageFilter | None = None,
               with_sentences: bool = False) -> list[tuple[Any, float]]:
        """The k best (TextNode, fused score) pairs for `query`: weighted RRF of the dense and
        BM25 legs, passages of a source the question names ("according to CNN") first: both
        legs search that source on its own too, so its best passages lead even when the whole
        library holds thirty better matches for the rest of the question ("Why? What did
        Creative Commons announce?" found only other sites' passages before).
        With `filters`, both legs search only the passages that pass it. `with_sentences`: the
        passages' sentence vectors are read beside them (for the answer step)."""
        if not query.strip() or self.store.is_empty():
            return []
        mention = self.source_mention(query)

        def search(within: PassageFilter | None) -> list[tuple[str, float, Any]]:
            return fuse([(self.weights.dense, self.dense_ids(mention.query, within)),
                         (self.weights.bm25, self.bm25_ids(mention.query, within))], self.weights.rrf_k)

        fused = search(filters)
        if mention.doc_ids:  # the named source's best passages first (searched within it), the rest after
            named = search(dataclasses.replace(filters or PassageFilter(), doc_ids=tuple(sorted(mention.doc_ids))))
            first = {i for i, _, _ in named}
            fused = named + [item for item in fused if item[0] not in first]
        top = fused[: max(0, k)]
        nodes = {node.node_id: node for node in self.store.nodes_by_id([i for i, _, _ in top], with_sentences)}  # only these are read
        return [(nodes[i], score) for i, score, _ in top if i in nodes]

    def retrieve_passages(self, query: str, k: int = 5, filters: PassageFilter | None = None,
                          with_sentences: bool = False) -> list[Passage]:
        """The k passages most likely to answer `query`, best first (deterministic); with
        `filters` (a `PassageFilter`), only passages of the chosen outlets and dates;
        `with_sentences`: their sentence vectors read beside them, for the answer step."""
        return [node_to_passage(node, score) for node, score in self.ranked(query, k, filters, with_sentences)]

    def retrieve_nodes(self, query: str, k: int, filters: PassageFilter | None = None) -> list[NodeWithScore]:
        """The same ranking as llama-index nodes with their fused scores."""
        return [NodeWithScore(node=node, score=score) for node, score in self.ranked(query, k, filters)]

    # ---- llama-index BaseRetriever --------------------------------------------------------------
    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.retrieve_nodes(query_bundle.query_str, self.similarity_top_k)

    @overload
    def retrieve(self, str_or_query_bundle: QueryType) -> list[NodeWithScore]: ...

    @overload
    def retrieve(self, str_or_query_bundle: str, k: int) -> list[Passage]: ...

    def retrieve(self, str_or_query_bundle: QueryType, k: int | None = None) -> list[NodeWithScore] | list[Passage]:
        """llama-index's `retrieve(query)` → `NodeWithScore`s (`similarity_top_k` of them).

        With `k` (older callers: `retrieve(query, k)`), the same as `retrieve_passages(query, k)`.
        """
        if k is not None:
            query = str_or_query_bundle.query_str if isinstance(str_or_query_bundle, QueryBundle) else str(str_or_query_bundle)
            return self.retrieve_passages(query, k)
        return super().retrieve(str_or_query_bundle)

    def with_top_k(self, similarity_top_k: int) -> BaseRetriever:
        """This retriever answering `similarity_top_k` nodes per query, without changing it
        for its other users (a view: it follows reloads and weight changes)."""
        if similarity_top_k == self.similarity_top_k:
            return self
        return _TopKView(self, similarity_top_k)


class _TopKView(BaseRetriever):
    """A `HybridRetriever` with another `similarity_top_k` (see `HybridRetriever.with_top_k`)."""

    def __init__(self, parent: HybridRetriever, similarity_top_k: int) -> None:
        super().__init__(callback_manager=parent.callback_manager)
        self.parent = parent
        self.similarity_top_k = int(similarity_top_k)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.parent.retrieve_nodes(query_bundle.query_str, self.similarity_top_k)
