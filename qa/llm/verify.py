"""Citation verification for generated answers: is each sentence backed by the passage it cites?

A language model (especially a small one) writes fluent sentences that its sources do not
say. Every generated sentence is therefore checked against the passage(s) its `[n]` markers
point to, and only sentences that pass are shown as supported. The check is deliberately
conservative, because a wrongly accepted claim is worse than a dropped true one:

* hard rules: every number and every name (capitalised word) of the claim occurs in the cited
  passage; negation agrees with the closest source clause/sentence ("would intervene" vs
  "would not intervene"); the closest clause does not hold the opposite of a claim word
  ("kept" vs "broke");
* lexical support: ≥ MIN_RECALL of the claim's content words occur within two adjacent
  sentences of the passage (token recall, no idf, crude stemming);
* relational support: ≥ MIN_PAIRS of adjacent claim word pairs stand within PAIR_WINDOW words
  of each other in the source, and every pair involving a name within NAME_WINDOW — this is
  what rejects claims assembled from the passage's own words in a new meaning ("Stalin
  incorporated Crimea" from "… Stalin moved … and Khrushchev incorporated Crimea");
* semantic support: MiniLM cosine between the claim and its closest source sentence or clause
  ≥ MIN_COSINE;
* attribution (`qa.llm.attribution`): a claim drawn from reported speech or opinion in its
  passage (quotes, "X said/claims/believes …", "the legend that …", "X could point to … as
  proof that …") must keep who says it ("Rasa Juknevičienė said Putin is afraid …", not "Putin
  is afraid …"); a claim whose sentence the passage denies next ("No such guarantees were
  made") is unsupported; a comparison may not be turned round ("NATO more reliable than Russia");
* form: a sentence the model never finished (cut off by the token limit) is not a claim; the
  name that opens a claim must stand before its next word in the source too ("Khrushchev
  moved …" from "Lenin and Stalin moved … and Khrushchev incorporated …"), or be the "by" agent
  of a passive; "clear" against "unclear", "before" against "after" are opposites.

Measured on tests/llm/verifier_pairs.jsonl: 338 hand-labelled (claim, cited passage) pairs,
232 of them sentences the gemma3 270m model really wrote for the gold questions, the rest hand
paraphrases, negations, swaps and attribution drops; split by article. On the "report" split
(corpus/001, 003; 162 pairs): precision 0.964, recall 0.900; on the "tune" split (176 pairs,
which chose the thresholds): precision 1.000, recall 0.903. The earlier set of
tests/llm/test_verify.py (gold evidence, hand swaps; 367 pairs): precision 0.989, recall 0.925.
Word recall + cosine alone (the first design) reached only precision 0.92 at recall 0.92.
`python tests/llm/test_verifier_pairs.py` prints the grid the thresholds were picked from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from ..index.embedding import embed_alone
from ..text.sentences import split_sentences
from ..text.terms import CLAIM_STOPWORDS, NEGATIONS, stem
from ..types import Passage
from .attribution import Frame, denies_previous, fold, frames, keeps_attribution, speaker_terms

# Chosen on the labelled pairs of tests/test_verify.py (precision first, then recall).
MIN_RECALL = 0.7
MIN_PAIRS = 0.7
MIN_COSINE = 0.4
PAIR_WINDOW = 3
NAME_WINDOW = 8
PAIRS_SKIP_MISSING = False

_MARKER = re.compile(r"\[(\d{1,3})\]")
_MARKER_RUN = r"(?:\s*\[\d{1,3}\])+"
# "Foo. [1]" / "Foo.[1][2]" → "Foo [1][2]." so a marker after the full stop stays with its sentence.
_AFTER_STOP = re.compile(r"([.!?…]+[”\"’)]*)[ \t]*(" + _MARKER_RUN + r")")
_LEADING = re.compile(r"^\s*(?:[-*•]\s*|\d{1,2}[.)]\s+)?(" + _MARKER_RUN + r")\s*[:.\-–]?\s*")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_WORD = re.compile(r"[A-Za-z0-9][\w’'.-]*[A-Za-z0-9]|[A-Za-z0-9]")
_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "thousand": "1000", "million": "1000000",
    "billion": "1000000000", "third": "3", "fourth": "4", "fifth": "5",
}
STOPWORDS = CLAIM_STOPWORDS  # the package's list for claims (`qa.text.terms`): negations kept


def _stem(word: str) -> str:
    """The package's stem (`qa.text.terms.stem`: the BM25 index's Snowball stemmer) of a word,
    possessive and edge punctuation off."""
    word = word.lower().replace("’", "'").strip(".'-")
    return stem(re.sub(r"'s$", "", word))


def _norm_number(token: str) -> str | None:
    low = token.lower().strip(".")
    if low in _NUMBER_WORDS:
        return _NUMBER_WORDS[low]
    digits = low.replace(",", "").replace("’", "").replace("'", "")
    digits = re.sub(r"(st|nd|rd|th|s)$", "", digits)  # 1990s, 21st
    if re.fullmatch(r"\d+(\.\d+)?", digits):
        return digits.rstrip("0").rstrip(".") if "." in digits else digits
    return None


def words(text: str) -> list[str]:
    # "100,000" and "100 000" are one number: join digit groups before tokenising.
    return _WORD.findall(re.sub(r"(?<=\d)[, ](?=\d{3}\b)", "", text))


def term_sequence(text: str) -> list[str]:
    """Stemmed content words in order (no stopwords); all-caps words like "US" are kept."""
    out = []
    for w in words(text):
        if w.lower() in STOPWORDS and not (w.isupper() and len(w) > 1):
            continue
        stem = _stem(w)
        if stem:
            out.append(stem)
    return out


def content_terms(text: str) -> set[str]:
    """Stemmed content words (no stopwords, no bare markers)."""
    return set(term_sequence(text))


def numbers(text: str) -> set[str]:
    return {n for n in (_norm_number(w) for w in words(text)) if n is not None}


def names(text: str) -> set[str]:
    """Capitalised words (stemmed): the names a claim must not invent.

    The sentence-initial word counts too ("Stalin incorporated Crimea …" must not pass on a
    passage about Khrushchev) unless it is a stopword; all-caps words ("US") never are.
    """
    out: set[str] = set()
    for word in words(text):
        if not word[0].isupper() or _norm_number(word) is not None:
            continue
        if word.lower() in STOPWORDS and not (word.isupper() and len(word) > 1):
            continue
        out.add(_stem(word))
    return out


def negated(text: str) -> bool:
    low = text.lower().replace("’", "'")
    return "n't" in low or any(w in NEGATIONS for w in re.findall(r"[a-z']+", low))


def strip_markers(text: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", _MARKER.sub("", text)).strip()


_ENDED = re.compile(r"[.!?…][”\"’')\]]*\s*$")


@dataclass
class Claim:
    """One generated sentence with the source numbers it cites (as written by the model).

    `complete` is False for a sentence the model never finished (the output stopped in the
    middle of it: token limit, stop word); None when unknown (then a sentence is complete
    when it ends with sentence punctuation)."""

    text: str
    markers: list[int] = field(default_factory=list)
    complete: bool | None = None

    @property
    def finished(self) -> bool:
        return self.complete if self.complete is not None else bool(_ENDED.search(self.text))


def parse_claims(generated: str) -> list[Claim]:
    """Split generated text into sentences with their `[n]` markers.

    Accepts markers before the full stop ("… 1994 [2]."), after it ("… 1994. [2]") and at the
    start of a line ("[2] … 1994."), the last being what the completion prompt asks a base
    model for. A leading marker cites every sentence of its line that has no marker of its
    own (the model attributed the whole line); otherwise a sentence without a marker stays
    uncited — it is never given a neighbour's citation.
    """
    claims: list[Claim] = []
    lines = generated.splitlines()
    ends_open = not generated.endswith(("\n", "\r"))
    for number, line in enumerate(lines):
        last_line = number == len(lines) - 1 and ends_open
        lead: list[int] = []
        match = _LEADING.match(line)
        if match:
            lead = [int(n) for n in _MARKER.findall(match.group(1))]
            line = line[match.end():]
            if not line.strip():  # a line that is only "[3]": belongs to the sentence before
                if claims:
                    claims[-1].markers.extend(m for m in lead if m not in claims[-1].markers)
                continue
        else:
            line = _BULLET.sub("", line)
        line = _AFTER_STOP.sub(lambda m: m.group(2) + m.group(1), line)
        for k, span in enumerate(split_sentences(line)):
            sentence = line[span.start : span.end]
            markers = [int(n) for n in _MARKER.findall(sentence)]
            if k == 0:
                markers = lead + [m for m in markers if m not in lead]
            elif not markers:
                markers = list(lead)
            text = strip_markers(sentence)
            if not text and claims and markers:  # a line that is only "[3]": belongs to the sentence before
                claims[-1].markers.extend(m for m in markers if m not in claims[-1].markers)
                continue
            if re.search(r"[A-Za-z0-9]", text):
                # A line the model ended is a finished item ("- Putin sent 100,000 soldiers [1]");
                # the text's last line without sentence punctuation was cut off.
                complete = True if not last_line else bool(_ENDED.search(text))
                claims.append(Claim(text, list(dict.fromkeys(markers)), complete))
    return claims


@dataclass
class Verdict:
    """The verifier's judgement of one claim against the passages it cites."""

    claim: Claim
    supported: bool
    reason: str
    passages: list[int] = field(default_factory=list)  # 0-based indexes of the supporting passages
    quotes: list[str] = field(default_factory=list)  # the best sentence of each, verbatim
    recall: float = 0.0
    cosine: float = 0.0


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds; defaults measured on the labelled pairs (tests/test_verify.py)."""

    recall: float = MIN_RECALL
    pairs: float = MIN_PAIRS
    cosine: float = MIN_COSINE


@dataclass
class PairScore:
    """Features of one (claim, passage) pair; `failure()` applies the thresholds."""

    recall: float  # share of claim content words found within two adjacent source sentences
    pairs: float  # share of adjacent claim word pairs found close together in the source
    cosine: float  # MiniLM cosine to the closest source sentence or clause
    missing_numbers: list[str]
    missing_names: list[str]
    negation_mismatch: bool
    quote: str
    names_related: bool = True  # every name stands near its claim neighbours in the source
    contradiction: bool = False  # the closest clause has the opposite of a claim word
    denied: bool = False  # the source says right after that it is not so ("No such guarantees were made")
    attribution_dropped: bool = False  # reported speech/opinion stated as fact (who says it is gone)
    speaker: str = ""  # who the source says says it, when attribution_dropped

    def failure(self, t: Thresholds = Thresholds()) -> str:
        """Empty when supported, else why not (shown in logs and tests)."""
        if self.missing_numbers:
            return "number not in source: " + ", ".join(self.missing_numbers)
        if self.missing_names:
            return "name not in source: " + ", ".join(self.missing_names)
        if self.negation_mismatch:
            return "negation differs from source"
        if self.contradiction:
            return "source says the opposite"
        if self.denied:
            return "the source says this is not so"
        if self.attribution_dropped:
            who = f"what {self.speaker} says" if self.speaker else "reported speech or opinion"
            return f"the source gives this as {who}; the claim drops who says it"
        if not self.names_related:
            return "a name is not related in the source as in the claim"
        if self.recall < t.recall:
            return f"too few of its words in source ({self.recall:.2f})"
        if self.pairs < t.pairs:
            return f"its words are not related in the source as in the claim ({self.pairs:.2f})"
        if self.cosine < t.cosine:
            return f"meaning not close to any source sentence ({self.cosine:.2f})"
        return ""


_CLAUSE = re.compile(r"\s*(?:[,;:()]|\s[–—-]\s)\s*")


def source_sentences(text: str, keep: Any = None) -> list[str]:
    """The sentences of a passage (verbatim substrings); `keep` may filter some out."""
    out = [text[s.start : s.end] for s in split_sentences(text)]
    return [s for s in out if keep is None or keep(s)]


def _clauses(sentence: str) -> list[str]:
    parts = [p for p in _CLAUSE.split(sentence) if len(p.split()) >= 3]
    return parts if len(parts) > 1 else []


def _near(a: str, b: str, positions: dict[str, list[int]], window: int) -> bool:
    return any(abs(i - j) <= window for i in positions.get(a, []) for j in positions.get(b, []))


def _follows(a: str, b: str, positions: dict[str, list[int]], window: int) -> bool:
    return any(0 < j - i <= window for i in positions.get(a, []) for j in positions.get(b, []))


def _pair_support(
    claim_seq: list[str], source_seq: list[str], claim_names: set[str] = frozenset(), source_text: str = ""
) -> tuple[float, bool]:
    """How the claim's words relate in the source, beyond being present.

    Returns (share of adjacent claim word pairs that stand within PAIR_WINDOW words of each
    other in the source, whether every pair involving a name stands within NAME_WINDOW).
    Only words present in the source form pairs (missing words are the recall's business).
    Bag-of-words overlap cannot see that "Stalin incorporated Crimea" swaps the subject of
    "… Stalin moved … and Khrushchev incorporated Crimea", or that "The US sent 100,000
    soldiers" takes "US" from the next sentence; these pairs can.
    """
    positions: dict[str, list[int]] = {}
    for i, term in enumerate(source_seq):
        positions.setdefault(term, []).append(i)
    present = [t for t in claim_seq if t in positions]
    sequence = present if PAIRS_SKIP_MISSING else claim_seq
    pairs = [(a, b) for a, b in zip(sequence, sequence[1:]) if a != b]
    # A name is judged by its nearest claim neighbours that the source has at all.
    name_pairs = [(a, b) for a, b in zip(present, present[1:]) if a != b and (a in claim_names or b in claim_names)]
    names_ok = all(_near(a, b, positions, NAME_WINDOW) for a, b in name_pairs)
    # A name followed by a word in the claim ("Khrushchev moved …") must be followed by it in
    # the source too: "Lenin and Stalin moved … and Khrushchev incorporated" has no
    # "Khrushchev … moved", so the claim gives the act to the wrong person.
    # Only the name that opens the claim (its subject) is held to this; the passive "handed by
    # Russia" keeps Russia the doer of "Russia handed …".
    if present and present[0] in claim_names and len(present) > 1 and present[1] not in claim_names:
        a, b = present[0], present[1]
        names_ok = names_ok and (_follows(a, b, positions, NAME_WINDOW) or bool(re.search(r"\bby\s+(?:the\s+)?" + re.escape(a), source_text, re.IGNORECASE)))
    if not pairs:
        return (1.0 if present else 0.0), names_ok
    near = sum(_near(a, b, positions, PAIR_WINDOW) for a, b in pairs)
    return near / len(pairs), names_ok


# Opposites that a fluent model swaps in ("kept" for "broke"): a claim word whose opposite
# stands in the closest source clause, while the word itself does not, is a contradiction.
_OPPOSITES = [
    ("kept keep keeps", "broke break breaks broken"),
    ("increased increase increases raised doubled", "decreased decrease decreases cut cuts reduced halved"),
    ("rose rise rises", "fell fall falls"),
    ("won win wins", "lost lose loses"),
    ("accepted accept accepts approved approve approves", "rejected reject rejects"),
    ("allowed allow allows permitted permit permits", "banned ban bans barred bar prevented prevent forbade forbid"),
    ("supported support supports backed", "opposed oppose opposes"),
    ("agreed agree agrees", "refused refuse refuses declined"),
    ("more", "less fewer"),
    ("larger largest bigger biggest", "smaller smallest"),
    ("higher highest", "lower lowest"),
    ("strong stronger strongest", "weak weaker weakest"),
    ("opened open opens", "closed close closes"),
    ("joined join joins", "left leave leaves"),
    ("imposed impose imposes", "waived waive waives lifted lift"),
    ("expanded expand expands", "shrank shrink shrinks"),
    ("succeeded success successful", "failed fail fails failure"),
    ("ally allies friend friends", "enemy enemies foe foes"),
    ("before", "after"),
    ("earlier", "later"),
    ("above", "below"),
]
_NEGATIVE_PREFIX = ("un", "non", "dis", "in", "im", "il", "ir")


def _reversed_comparison(claim: str, sentence: str) -> bool:
    """ "NATO is more reliable than Russia" from "Russia is more reliable than NATO": the claim
    compares against a word that the source puts on the other side of its "than"."""
    c = re.split(r"\bthan\b", claim, maxsplit=1, flags=re.IGNORECASE)
    s = re.split(r"\bthan\b", sentence, maxsplit=1, flags=re.IGNORECASE)
    if len(c) < 2 or len(s) < 2:
        return False
    after_claim = term_sequence(c[1])[:1]
    if not after_claim:
        return False
    target = after_claim[0]
    before, after = set(term_sequence(s[0])), set(term_sequence(re.split(r"[,;:.]", s[1])[0]))
    return target in before and target not in after


def _contradicts(claim: str, clause: str) -> bool:
    claim_words = {w.lower() for w in re.findall(r"[A-Za-z]+", claim)}
    source_words = {w.lower() for w in re.findall(r"[A-Za-z]+", clause)}
    for one, other in _OPPOSITES:
        for mine, theirs in ((set(one.split()), set(other.split())), (set(other.split()), set(one.split()))):
            if claim_words & mine and not source_words & mine and source_words & theirs:
                return True
    return _negative_prefix(claim, clause)


def _negative_prefix(claim: str, source: str) -> bool:
    """ "is clear" against "remains unclear", "possible" against "impossible" (and back)."""
    claim_words = {w.lower() for w in re.findall(r"[A-Za-z]+", claim)}
    source_words = {w.lower() for w in re.findall(r"[A-Za-z]+", source)}
    for mine, theirs in ((claim_words, source_words), (source_words, claim_words)):
        for word in mine:
            if len(word) >= 4 and word not in theirs and any(p + word in theirs for p in _NEGATIVE_PREFIX):
                return True
    return False


def _term_positions(text: str, offset: int) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        w = m.group(0)
        if w.lower() in STOPWORDS and not (w.isupper() and len(w) > 1):
            continue
        out.setdefault(_stem(w), []).append(offset + m.start())
    return out


@dataclass
class Attribution:
    """How a claim stands to the reported stretches of its passage (see `attribution_check`)."""

    needed: bool = False  # the claim draws on reported speech/opinion
    kept: bool = False  # … and says who says it
    denied: bool = False  # the passage denies the claim's sentence right after it
    speaker: str = ""  # who the passage says says it
    speaker_words: frozenset[str] = frozenset()  # the claim's words that name that speaker

    @property
    def dropped(self) -> bool:
        return self.needed and not self.kept


def attribution_check(claim: str, sentences: Sequence[str], outlet_names: Sequence[str] = ()) -> Attribution:
    """How `claim` stands to the reported stretches of a passage given as its sentences.

    The claim is matched to the source sentence(s) sharing most of its content words. When
    most of those shared words stand only inside reported stretches of the sentence (quotes,
    "X said that …", "the legend that …", "X could point to … as proof that …"), the claim
    must keep the attribution (`keeps_attribution`); a claim whose sentence the passage
    denies next ("No such guarantees were made") is unsupported unless it keeps who said it.
    """
    if not sentences:
        return Attribution()
    outlets = [o for o in outlet_names if o]
    extra = set().union(*(content_terms(o) for o in outlets)) if outlets else set()
    c_terms = set(term_sequence(claim)) - extra
    if not c_terms:
        return Attribution()
    text = " ".join(sentences)
    found: list[Frame] = frames(text)
    offsets, pos = [], 0
    for s in sentences:
        offsets.append(pos)
        pos += len(s) + 1
    per_sentence = [_term_positions(s, off) for s, off in zip(sentences, offsets)]
    overlaps = [len(c_terms & set(tp)) / len(c_terms) for tp in per_sentence]
    best = max(overlaps)
    if best <= 0:
        return Attribution()
    candidates = [i for i, o in enumerate(overlaps) if o >= best - 0.15]
    best_index = max(candidates, key=lambda i: overlaps[i])
    hit_frames: list[Frame] = []
    needs = True
    for i in candidates:
        start, end = offsets[i], offsets[i] + len(sentences[i])
        # Words that name a speaker of this sentence are the attribution, not the content.
        named = set().union(*(speaker_terms(f.speaker) for f in found if f.start < end + 200 and f.end > start - 200))
        present = {t for t in c_terms & set(per_sentence[i]) if fold(t)[:5] not in named}
        if not present:
            needs = False
            break
        inside = [t for t in present if all(any(f.start <= p < f.end for f in found) for p in per_sentence[i][t])]
        if len(inside) / len(present) < 0.5:
            needs = False
            break
        hit_frames += [f for f in found if any(f.start <= p < f.end for t in inside for p in per_sentence[i][t])]
    keeper = next((f for f in hit_frames if keeps_attribution(claim, f.speaker, outlets, f.hypothetical)), None) if needs else None
    denied = keeper is None and best_index + 1 < len(sentences) and denies_previous(sentences[best_index + 1])
    if keeper is None:
        speaker = next((f.speaker for f in hit_frames if f.speaker), "")
        return Attribution(needs, False, denied, speaker if needs else "")
    named = speaker_terms(keeper.speaker)
    words = frozenset(w for w in term_sequence(claim) if fold(w)[:5] in named)
    return Attribution(True, True, False, keeper.speaker, words)


class Verifier:
    """Scores claims against passages with word overlap, number/name rules and MiniLM."""

    def __init__(self, embed_model: Any, thresholds: Thresholds | None = None) -> None:
        self.embed_model = embed_model
        self.thresholds = thresholds or Thresholds()
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            if len(self._cache) > 20000:
                self._cache.clear()
            for text, vec in zip(missing, embed_alone(self.embed_model, missing)):  # batch-invariant
                v = np.asarray(vec, dtype=np.float32)
                self._cache[text] = v / (np.linalg.norm(v) or 1.0)
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def score(self, claim: str, sentences: Sequence[str], extra_terms: str = "") -> PairScore:
        """Features of `claim` against one passage given as its (citable) sentences.

        `extra_terms` (the outlet name) may be mentioned by the claim ("According to CNN")."""
        if not sentences:
            return PairScore(0.0, 0.0, 0.0, [], [], False, "")
        passage = " ".join(sentences)
        extra = content_terms(extra_terms)
        claim_seq = term_sequence(claim)
        c_terms = set(claim_seq) - extra
        windows = [" ".join(sentences[i : i + 2]) for i in range(max(1, len(sentences) - 1))]
        recall = max((len(c_terms & content_terms(w)) / len(c_terms) if c_terms else 0.0) for w in windows)
        attribution = attribution_check(claim, sentences, [extra_terms] if extra_terms else [])
        claim_names = names(claim)
        # A kept attribution ("Rasa Juknevičienė said …") may stand anywhere in the claim: the
        # speaker's words are not required to sit next to the reported words, as in the source.
        related = [t for t in claim_seq if t not in extra and t not in attribution.speaker_words]
        pairs, names_related = _pair_support(related, term_sequence(passage), claim_names - attribution.speaker_words, passage)
        missing_numbers = sorted(numbers(claim) - numbers(passage))
        missing_names = sorted(claim_names - content_terms(passage) - extra)
        units = list(sentences) + [c for s in sentences for c in _clauses(s)]
        vecs = self.embed([claim, *units])
        sims = vecs[1:] @ vecs[0]
        cosine = float(sims.max())

        def overlap(text: str) -> float:
            return len(c_terms & content_terms(text)) / len(c_terms) if c_terms else 0.0

        # The quote: the sentence that best carries the claim (meaning and words together).
        ranked = [0.5 * float(sim) + 0.5 * overlap(s) for s, sim in zip(sentences, sims[: len(sentences)])]
        quote = sentences[int(np.argmax(ranked))]
        # Negation and opposites are compared with the closest clause (a sentence without
        # clauses is its own), so "founded in 2002 …, has not met" does not block "founded
        # in 2002", while "would not intervene" blocks "would intervene".
        clause_units = [c for s in sentences for c in (_clauses(s) or [s])]
        clause_sims = self.embed([claim, *clause_units])[1:] @ vecs[0]
        clause_rank = [(overlap(u), float(sim)) for u, sim in zip(clause_units, clause_sims)]
        closest = clause_units[max(range(len(clause_units)), key=lambda k: clause_rank[k])]
        mismatch = negated(claim) != negated(closest) and negated(claim) != negated(quote)
        return PairScore(
            recall, pairs, cosine, missing_numbers, missing_names, mismatch, quote,
            names_related=names_related,
            contradiction=_contradicts(claim, closest) or _negative_prefix(claim, quote) or _reversed_comparison(claim, quote),
            denied=attribution.denied, attribution_dropped=attribution.dropped, speaker=attribution.speaker,
        )

    def verify(self, claim: Claim, passages: Sequence[Passage], sentences: Sequence[Sequence[str]]) -> Verdict:
        """Judge one claim. `sentences[i]` are the citable sentences of `passages[i]`.

        A claim citing several passages is supported when one of them supports it alone, or
        failing that when their union does (a sentence combining two sources).
        """
        t = self.thresholds
        valid = [m - 1 for m in claim.markers if 1 <= m <= len(passages)]
        if not claim.markers:
            return Verdict(claim, False, "no citation")
        if not claim.finished:
            return Verdict(claim, False, "an unfinished sentence")
        if not valid:
            return Verdict(claim, False, "citation to a source that does not exist")
        best: tuple[PairScore, int] | None = None
        for i in valid:
            score = self.score(claim.text, sentences[i], passages[i].source)
            if not score.failure(t):
                return Verdict(claim, True, "ok", [i], [score.quote], score.recall, score.cosine)
            if best is None or (score.recall + score.cosine) > (best[0].recall + best[0].cosine):
                best = (score, i)
        assert best is not None
        if len(valid) > 1:
            union = [s for i in valid for s in sentences[i]]
            score = self.score(claim.text, union, " ".join(passages[i].source for i in valid))
            if not score.failure(t):
                quotes = [self.score(claim.text, sentences[i]).quote for i in valid]
                return Verdict(claim, True, "ok (combined sources)", valid, quotes, score.recall, score.cosine)
        score, i = best
        return Verdict(claim, False, score.failure(t), [i], [score.quote], score.recall, score.cosine)
